"""How every policy words a violation: what is wrong, why it matters, then how to fix it.

Used by the policy modules of `policies/`; the engine prints the policy's description
above each message.
"""

from __future__ import annotations

from collections.abc import Iterable


def violation(problem: str, remediation: str) -> str:
    """The message: the problem on one line, the remediation on the next."""
    return f"{problem}\nRemediation: {remediation}"


def listed(items: Iterable[str], limit: int = 5) -> str:
    """`a, b, c` or `a, b, c, d, e and 3 more`: long lists stay readable in a preview."""
    names = sorted(items)
    shown = ", ".join(names[:limit])
    extra = len(names) - limit
    return f"{shown} and {extra} more" if extra > 0 else shown
