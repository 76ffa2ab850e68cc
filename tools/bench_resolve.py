"""Benchmark: load, validate and resolve a synthetic spec of a large organisation.

Run `.venv/bin/python tools/bench_resolve.py [--users N]`. It writes a spec of N users
(default 10,000), N/20 Entra groups each user a direct member of three (about 3N
memberships), all groups assigned and provisioned, some direct assignments, overrides and
Box-only groups, then times the spec layer as the CLI runs it. Prints `name: value unit`
lines; no target is asserted here (tests are not timed). `synthetic_spec` is also the
organisation of the engine benchmark (`tools/bench/`), as a Box-only stack.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from components.resolve import inline_directory, resolve
from components.spec import load_spec

GROUPS_PER_USER = 3


def _header(groups: int, users: int, *, box_only: bool) -> Iterator[str]:
    yield "version: 1"
    yield "entra:"
    if box_only:
        yield "  manage: false"
    else:
        yield "  application: {displayName: Box (benchmark), owners: [user0@bench.example]}"
    yield "  assignments:"
    for group in range(groups):
        yield f"    - {{group: Group {group:04d}, role: User}}"
    for user in range(0, users, 10):
        yield f"    - {{user: user{user}@bench.example, role: User}}"
    yield "provisioning:"
    yield "  objects: users-and-groups"
    yield "  mappings: {job_title: jobTitle, phone: mobilePhone}"
    yield "  deprovision: transfer"
    yield "  custodian: user0@bench.example"


def _directory(groups: int, users: int, extra: tuple[int, int] | None) -> Iterator[str]:
    yield "directory:"
    yield "  users:"
    for user in range(users):
        enabled = "false" if user % 97 == 96 else "true"
        yield (
            f"    - {{userPrincipalName: user{user}@bench.example, displayName: User {user},"
            f" jobTitle: Role {user % 40}, mobilePhone: '+1 555 {user:07d}',"
            f" accountEnabled: {enabled}}}"
        )
    yield "  groups:"
    members: list[list[str]] = [[] for _ in range(groups)]
    for user in range(users):
        for group in entra_groups_of(user, groups):
            members[group].append(f"user{user}@bench.example")
    if extra is not None:
        group, user = extra
        members[group].append(f"user{user}@bench.example")
    for group, listed in enumerate(members):
        yield f"    - displayName: Group {group:04d}"
        yield "      members:"
        yield from (f"        - {member}" for member in dict.fromkeys(listed))


def _box(users: int) -> Iterator[str]:
    yield "box:"
    yield "  defaults: {space_amount: 50 GB, language: en, timezone: Europe/London}"
    yield "  users:"
    for user in range(1, users, 50):
        yield f"    user{user}@bench.example: {{space_amount: unlimited}}"
    yield "  groups:"
    for group in range(min(20, users // 50)):
        yield f"    - name: Box Only {group}"
        yield "      members:"
        for user in range(group, users, max(1, users // 50)):
            yield f"        - {{login: user{user}@bench.example}}"


def group_count(users: int) -> int:
    """How many Entra groups `synthetic_spec` lists for this many users."""
    return max(1, users // 20)


def entra_groups_of(user: int, groups: int) -> list[int]:
    """The Entra groups (by number) user number `user` is a direct member of."""
    return sorted({(user + step * 7) % groups for step in range(GROUPS_PER_USER)})


def synthetic_spec(
    users: int, *, box_only: bool = False, extra_member: tuple[int, int] | None = None
) -> str:
    """The spec text; `box_only` leaves Entra unmanaged, `extra_member` is (group, user).

    `extra_member` adds user number `user` to Entra group number `group` on top of the
    usual three groups per user (a no-op if they are already a member).
    """
    groups = group_count(users)
    parts = [
        _header(groups, users, box_only=box_only),
        _directory(groups, users, extra_member),
        _box(users),
    ]
    return "\n".join(line for part in parts for line in part) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000, help="number of users")
    arguments = parser.parse_args()
    text = synthetic_spec(arguments.users)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        spec = load_spec(path)
        loaded = time.perf_counter()
        state = resolve(spec, inline_directory(spec))
        resolved = time.perf_counter()
        state.model_dump_json()
        dumped = time.perf_counter()
    memberships = sum(len(group.members) for group in state.box.groups)
    print(f"spec_size: {len(text.encode()) / 1_000_000:.2f} MB")
    print(f"directory_users: {arguments.users} users")
    print(f"box_users: {len(state.box.users)} users")
    print(f"box_groups: {len(state.box.groups)} groups")
    print(f"memberships: {memberships} memberships")
    print(f"load_s: {loaded - started:.3f} s")
    print(f"resolve_s: {resolved - loaded:.3f} s")
    print(f"json_s: {dumped - resolved:.3f} s")
    print(f"total_s: {dumped - started:.3f} s")


if __name__ == "__main__":
    main()
