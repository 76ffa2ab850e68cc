"""Pulumi entry point of entra-box: one stack per environment, its spec in `stacks/<stack>.yaml`.

Thin on purpose: the stack config `entra-box:spec` may point at another spec file (relative
to this directory); everything else is `components.program.build_stack`. The process is
the program's alone, so it is first tuned for thousands of resources
(`components.sdk_tuning`).
"""

from pathlib import Path

import pulumi

from components.program import build_stack, spec_path_for_stack
from components.sdk_tuning import tune_program_process

tune_program_process()
build_stack(
    spec_path_for_stack(
        pulumi.Config().get("spec"), pulumi.get_stack(), Path(__file__).resolve().parent
    )
)
