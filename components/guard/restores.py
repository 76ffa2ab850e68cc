"""Access taken away in Box by hand, and whether a run may give it back: the lockout guard.

Pure. An admin who sets a user inactive in Box, removes them from a group or lowers their
role there (an emergency lockout) is more restrictive than the spec; the next refreshing
`pulumi up` would widen that access again with nobody reviewing it. The user and group
providers (`components/box/user.py`, `group.py`) call `user_restores`/`member_restores`
in `diff` (every refreshing preview, and before any Box write of `pulumi up`) with three
views of each field: what Box holds now (the refreshed state), what the stack last
applied (recorded with the resource, kept by `read`) and what the spec wants. A repair is
a *restore* when Box was narrowed since the last apply and the spec wants more than Box
has; `refusal` words the refusal unless `ENTRA_BOX_ACKNOWLEDGE_REENABLES` names every
login concerned. Narrowing repairs (access added in Box by hand, `user_takebacks` and
`member_takebacks`) are never restores: they go ahead, and the PR summary names them.
`tools/preview_summary` uses the same rules to word the PR summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ACKNOWLEDGE_REENABLES = "ENTRA_BOX_ACKNOWLEDGE_REENABLES"

# Higher is more access. Unknown values rank lowest, so they never read as a widening.
STATUS_RANK = {
    "inactive": 0,
    "cannot_delete_edit_upload": 1,
    "cannot_delete_edit": 2,
    "active": 3,
}
USER_ROLE_RANK = {"user": 0, "coadmin": 1, "admin": 2}
MEMBER_ROLE_RANK = {"member": 1, "admin": 2}  # not a member at all ranks 0
_NOT_A_MEMBER = 0


@dataclass(frozen=True)
class Repair:
    """One repair of a change made in Box since the last apply, in the reviewer's words."""

    login: str
    words: str
    # The field repaired: `status` or `role` of a user, `members` of a group.
    field: str = "members"


def user_restores(
    login: str,
    box: Mapping[str, object],
    applied: Mapping[str, object],
    wanted: Mapping[str, object],
) -> list[Repair]:
    """The status and role repairs of one user that would undo a change made in Box."""
    found = []
    status = [_rank(STATUS_RANK, view.get("status")) for view in (box, applied, wanted)]
    if _undoes_narrowing(*status):
        found.append(
            Repair(
                login,
                f"re-enables a user disabled in Box (status {box.get('status')} -> "
                f"{wanted.get('status')})",
                "status",
            )
        )
    role = [_rank(USER_ROLE_RANK, view.get("role")) for view in (box, applied, wanted)]
    if _undoes_narrowing(*role):
        found.append(
            Repair(
                login,
                f"raises role {box.get('role')} -> {wanted.get('role')}, lowered in Box",
                "role",
            )
        )
    return found


def member_restores(
    group: str,
    box: Mapping[str, str],
    applied: Mapping[str, str],
    wanted: Mapping[str, str],
) -> list[Repair]:
    """The membership repairs of one group (members by login: role) undoing Box changes."""
    found = []
    for login in sorted(wanted):
        ranks = [_member_rank(view.get(login)) for view in (box, applied, wanted)]
        if not _undoes_narrowing(*ranks):
            continue
        if login not in box:
            words = f"re-adds {login} to {group}, removed in Box"
        else:
            words = (
                f"raises role of {login} in {group} {box[login]} -> {wanted[login]}, lowered in Box"
            )
        found.append(Repair(login, words))
    return found


def user_takebacks(
    login: str,
    box: Mapping[str, object],
    applied: Mapping[str, object],
    wanted: Mapping[str, object],
) -> list[Repair]:
    """The status and role repairs of one user that take back access added in Box."""
    found = []
    status = [_rank(STATUS_RANK, view.get("status")) for view in (box, applied, wanted)]
    if _undoes_widening(*status):
        words = (
            f"disables again a user re-enabled in Box (status {box.get('status')} -> "
            f"{wanted.get('status')})"
        )
        found.append(Repair(login, words, "status"))
    role = [_rank(USER_ROLE_RANK, view.get("role")) for view in (box, applied, wanted)]
    if _undoes_widening(*role):
        words = f"lowers role {box.get('role')} -> {wanted.get('role')}, raised in Box"
        found.append(Repair(login, words, "role"))
    return found


def member_takebacks(
    group: str,
    box: Mapping[str, str],
    applied: Mapping[str, str],
    wanted: Mapping[str, str],
) -> list[Repair]:
    """The membership repairs of one group that take back access added in Box."""
    found = []
    for login in sorted(box):
        ranks = [_member_rank(view.get(login)) for view in (box, applied, wanted)]
        if not _undoes_widening(*ranks):
            continue
        if login not in wanted:
            words = f"removes {login} from {group}, added in Box"
        else:
            words = (
                f"lowers role of {login} in {group} {box[login]} -> {wanted[login]}, raised in Box"
            )
        found.append(Repair(login, words))
    return found


def acknowledged_logins(environ: Mapping[str, str]) -> frozenset[str]:
    """The logins `ENTRA_BOX_ACKNOWLEDGE_REENABLES` names (comma or space separated)."""
    raw = environ.get(ACKNOWLEDGE_REENABLES, "")
    return frozenset(part.strip().lower() for part in raw.replace(",", " ").split() if part)


def unacknowledged(restores: Iterable[Repair], acknowledged: frozenset[str]) -> list[Repair]:
    """The restores whose login the acknowledgement does not name."""
    return [item for item in restores if item.login.lower() not in acknowledged]


def recreation(login: str) -> Repair:
    """Giving an account deleted in Box (by an admin, by hand) a new, empty one: a restore."""
    words = "re-creates a user deleted in Box (a new, empty account with the spec's access)"
    return Repair(login, words, "status")


def refusal(restores: list[Repair], target: str) -> str:
    """Why this run must not widen access taken away in Box, and the two ways out."""
    logins = sorted({item.login for item in restores})
    lines = [
        f"Refusing to restore Box access taken away in Box by hand ({target}):",
        *(f"  {item.login}: {item.words}" for item in restores),
        f"Nothing was changed in Box for {target} in this run.",
        "If Box is right (an emergency lockout), make the spec agree: set the person's "
        "status to inactive, or take them out of the group or lower the role, in the spec.",
        "If the access should come back, acknowledge it for one run: "
        f"{ACKNOWLEDGE_REENABLES}={','.join(logins)} pulumi up --refresh (CI: set the "
        "variable for that one Deploy job).",
    ]
    return "\n".join(lines)


def note(restores: list[Repair], target: str) -> str:
    """What an acknowledged run logs before it restores the access."""
    described = "; ".join(f"{item.login}: {item.words}" for item in restores)
    return f"{target}: restoring access taken away in Box, as acknowledged by " + (
        f"{ACKNOWLEDGE_REENABLES}: {described}"
    )


def _undoes_narrowing(box: int, applied: int, wanted: int) -> bool:
    # Box was narrowed since the stack last applied its values, and the spec wants more
    # than Box has now: repairing it would widen access that someone took away in Box.
    return box < applied and wanted > box


def _undoes_widening(box: int, applied: int, wanted: int) -> bool:
    # Box was widened since the last apply and the spec wants less than Box has now.
    return box > applied and wanted < box


def _rank(ranks: Mapping[str, int], value: object) -> int:
    return ranks.get(value, -1) if isinstance(value, str) else -1


def _member_rank(role: str | None) -> int:
    return _NOT_A_MEMBER if role is None else MEMBER_ROLE_RANK.get(role, _NOT_A_MEMBER)
