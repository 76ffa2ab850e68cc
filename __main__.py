"""Pulumi entry point of entra-box: one stack per environment, its spec in `stacks/<stack>.yaml`.

Thin on purpose: the stack config `entra-box:spec` may point at another spec file (relative
to this directory); everything else is `components.program.build_stack`. The process is
the program's alone, so it first tunes the garbage collector for thousands of resources
(`components.garbage_collection`) and keeps the SDK's per-resource debug messages from
blocking every registration (`components.sdk_debug_messages`).
"""

from pathlib import Path

import pulumi

from components.garbage_collection import skip_full_collections
from components.program import build_stack, spec_path_for_stack
from components.sdk_debug_messages import drop_sdk_debug_messages

skip_full_collections()
drop_sdk_debug_messages()
build_stack(
    spec_path_for_stack(
        pulumi.Config().get("spec"), pulumi.get_stack(), Path(__file__).resolve().parent
    )
)
