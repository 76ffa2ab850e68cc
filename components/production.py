"""Which stacks are production: the one definition, for the program, the policy pack and CI.

Read by `components.guardrails` (every `pulumi preview`/`up` and `validate`), by the policy
`box-no-force-delete-in-production` (`policies/box_deprovision.py`) and by
`tools/ci_stacks.py`, which deploys production stacks only behind the `production`
environment's approval. Forgetting fails closed: a stack is production unless its name
matches one of `NON_PRODUCTION_PATTERNS`, and a stack whose name cannot be read is
production. Standard library only: the CI workflows import it before any set-up.

There is deliberately no per-stack override (a policy config key, a stack tag): an override
the workflows do not read is how a stack once counted as production to the policy pack and
as staging, deployed without approval, to CI. To make a stack non-production, name it so
(`dev-eu`, `test-42`), or change the patterns here in a reviewed commit.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Final

NON_PRODUCTION_PATTERNS: Final = (
    "dev",
    "dev-*",
    "demo",
    "demo-*",
    "test",
    "test-*",
    "sandbox",
    "sandbox-*",
    # Stacks of entra-box's own end-to-end tests, which run against a Box emulator.
    "e2e",
    "e2e-*",
)


def is_production(stack: str | None) -> bool:
    """True unless `stack` is known and matches a non-production pattern (case-insensitive)."""
    if not stack:
        return True
    name = stack.lower()
    return not any(fnmatchcase(name, pattern) for pattern in NON_PRODUCTION_PATTERNS)


def describe() -> str:
    """The rule in one line, for messages."""
    return (
        "a stack is production unless its name matches one of "
        + ", ".join(NON_PRODUCTION_PATTERNS)
        + " (components/production.py)"
    )
