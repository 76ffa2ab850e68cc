"""The spec facts the policy pack reads, recorded once per stack on `BoxTenant`'s outputs.

Two facts of the spec are no Box field but the policies need them per person:
`assigned_via` (the Entra assignments, `user:<upn>` / `group:<display name>`, that put the
person in scope) and `role_explicit` (the spec sets the role for this login, not
`box.defaults`). With them go the person's `role` and `status` as the spec wants them: a
user shard stores its people once, in its inputs (`stored_once.py`), and the engine hands
the policies only outputs, so the pack reads who is managed, and as what, from here.
`component.BoxTenant` registers them as its `spec_facts` output, keyed by
each user's stable key (the name of their `box:User`, or of their entry in a
`box:UserShard`). A component's outputs reach the stack policies in `preview` and `up` (the
engine hands AnalyzeStack every resource's outputs) yet make no resource step, so renaming
an assignment group changes no user resource and lists no update row per member; and the
facts cost state once per person, not once per resource field. Read by
`policies/box_users.py`; docs/policies.md says where the facts live and why. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from components.desired import DesiredBoxUser

# The names of the tenant's outputs; `policies/reading.py` names them too (the pack does
# not import the Box components).
SPEC_FACTS_OUTPUT = "spec_facts"
DEFAULTS_OUTPUT = "spec_facts_defaults"
# A fact equal to its default is left out of a person's entry, and so is a login equal to
# their stable key: at 10,000 people each left-out field is 0.2-0.4 MB of every checkpoint
# the engine reads and writes. The defaults are recorded once, beside the facts, so the
# state says what an absent fact is (and a state without them is an older program's).
DEFAULTS: dict[str, Any] = {"role": "user", "status": "active", "role_explicit": False}


def spec_facts(users: Iterable[DesiredBoxUser]) -> dict[str, dict[str, Any]]:
    """Each user's facts by stable key: login, role, status, `assigned_via`, `role_explicit`,
    each left out where it is its default (`DEFAULTS`, and the key for the login)."""
    return {user.key: _facts(user) for user in users}


def _facts(user: DesiredBoxUser) -> dict[str, Any]:
    every = {
        "login": user.login,
        "role": user.role,
        "status": user.status,
        "assigned_via": list(user.assigned_via),
        "role_explicit": user.role_explicit,
    }
    defaults = {**DEFAULTS, "login": user.key}
    return {key: value for key, value in every.items() if defaults.get(key) != value}
