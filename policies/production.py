"""Which stack the policies look at, and whether it is production (`components.production`).

Used by `box_deprovision`. The stack name comes from the resources' URNs
(`urn:pulumi:<stack>::...`), which every policy sees, because pulumi_policy 1.21 gives a
Python pack nothing else that reliably names the stack: it ignores the stack name the
engine sends in `ConfigureStack`, and `PULUMI_STACK` reaches only packs started without a
language host. Whether that stack is production is not the pack's to decide: the one
definition, shared with the program and the CI workflows, is `components.production`.
"""

from __future__ import annotations

from collections.abc import Iterable

from components.production import is_production
from policies.reading import stack_of

__all__ = ["is_production", "stack_name"]


def stack_name(urns: Iterable[str]) -> str | None:
    """The stack the resources belong to, from the first URN that names one."""
    return next((name for name in map(stack_of, urns) if name), None)
