"""The program's process, tuned for thousands of resources; `tune_program_process` does it all.

The Pulumi Python SDK is built for programs of tens or hundreds of resources. At 10,000
users three of its habits cost more than everything else the program does (each measured
in docs/performance.md), and each module here takes one of them away:

- `garbage_collection`: full collections walking the SDK's hundreds of thousands of
  long-lived `Output` objects again and again;
- `debug_messages`: four blocking debug RPCs per resource that only `--debug` shows;
- `output_drain`: the end-of-program wait for outstanding outputs, quadratic in their number.

Only the program's process is tuned (by `__main__.py`); the dynamic-provider process keeps
the SDK as it is, and tests that run `__main__.py` under mocks undo the tuning afterwards
(`tests/support/sdk_tuning.py`).
"""

from __future__ import annotations

import os

from components.sdk_tuning.debug_messages import drop_sdk_debug_messages
from components.sdk_tuning.garbage_collection import skip_full_collections
from components.sdk_tuning.output_drain import drain_outputs_linearly

# `off` leaves the SDK as it ships, to measure whether the tuning is still needed (issue 16:
# with user shards the program registers ~10x fewer resources; docs/performance-shards.md).
TUNING_SWITCH = "ENTRA_BOX_SDK_TUNING"


def tune_program_process() -> None:
    """Apply every tuning, before the program registers its first resource."""
    if os.environ.get(TUNING_SWITCH, "").strip().lower() == "off":
        return
    skip_full_collections()
    drop_sdk_debug_messages()
    drain_outputs_linearly()
