"""Which stacks count as production: every stack whose name is not listed as non-production.

Used by `box_deprovision`. The stack name comes from the resources' URNs
(`urn:pulumi:<stack>::...`), which every policy sees, because pulumi_policy 1.21 gives a
Python pack nothing else that reliably names the stack: it ignores the stack name the
engine sends in `ConfigureStack`, `PULUMI_STACK` reaches only packs started without a
language host, and a stack tag or a `production: true` policy config key can be forgotten
without anyone noticing. Here forgetting fails closed: a stack is production unless its name
matches one of the `nonProductionStacks` patterns, and an unreadable name is production.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from policies.reading import stack_of
from policies.settings import strings_setting

NON_PRODUCTION_STACKS = strings_setting(
    "nonProductionStacks",
    ("dev", "dev-*", "demo", "demo-*", "test", "test-*", "sandbox", "sandbox-*"),
    "Shell-style patterns of stack names that are not production; every other stack is.",
)


def stack_name(urns: Iterable[str]) -> str | None:
    """The stack the resources belong to, from the first URN that names one."""
    return next((name for name in map(stack_of, urns) if name), None)


def is_production(stack: str | None, non_production: Iterable[str]) -> bool:
    """True unless `stack` is known and matches a non-production pattern (case-insensitive)."""
    if stack is None:
        return True
    name = stack.lower()
    return not any(fnmatchcase(name, pattern.lower()) for pattern in non_production)
