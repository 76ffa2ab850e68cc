"""The benchmark's synthetic organisation: the spec of `tools/bench_resolve.py` as a Box-only stack.

`scenario.run_size` writes `initial_spec` for the first `pulumi up`, then `one_change_spec`
(the same organisation with one person added to one group they were not in) for the
one-change `pulumi up`. `resolve_seconds` times the spec layer as the program runs it.
At 10,000 users: 500 Entra groups plus 20 Box-only groups, about 31,000 memberships;
smaller sizes scale down in proportion.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from components.desired import DesiredState
from components.resolve import inline_directory, resolve
from components.spec import load_spec
from tools.bench_resolve import entra_groups_of, group_count, synthetic_spec

# Below this, every user is in every Entra group and nobody can join one.
MIN_USERS = 80
JOINED_GROUP = 0


@dataclass(frozen=True)
class Organisation:
    """A synthetic organisation of `users` people and its one-change variant."""

    users: int
    newcomer: int

    @property
    def initial_spec(self) -> str:
        return synthetic_spec(self.users, box_only=True)

    @property
    def one_change_spec(self) -> str:
        return synthetic_spec(self.users, box_only=True, extra_member=(JOINED_GROUP, self.newcomer))

    @property
    def change(self) -> str:
        """The one change, in words."""
        return f"user{self.newcomer}@bench.example joins Group {JOINED_GROUP:04d}"


def organisation(users: int) -> Organisation:
    """The organisation of `users` people; ValueError below `MIN_USERS`."""
    if users < MIN_USERS:
        raise ValueError(
            f"--users {users} is too small: below {MIN_USERS} users everyone is in every "
            "group, so nobody can be added to one; use at least that many"
        )
    groups = group_count(users)
    newcomer = next(u for u in range(users) if JOINED_GROUP not in entra_groups_of(u, groups))
    return Organisation(users=users, newcomer=newcomer)


def resolve_seconds(spec_path: Path) -> tuple[float, DesiredState]:
    """Load, validate and resolve the spec at `spec_path`: seconds taken, and the result."""
    started = time.perf_counter()
    spec = load_spec(spec_path)
    desired = resolve(spec, inline_directory(spec))
    return time.perf_counter() - started, desired
