"""The spec facts the policy pack reads, recorded once per stack on `BoxTenant`'s outputs.

Two facts of the spec are no Box field but the policies need them per person:
`assigned_via` (the Entra assignments, `user:<upn>` / `group:<display name>`, that put the
person in scope) and `role_explicit` (the spec sets the role for this login, not
`box.defaults`). `component.BoxTenant` registers them as its `spec_facts` output, keyed by
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

# The name of the tenant's output; `policies/reading.py` names it too (the pack does not
# import the Box components).
SPEC_FACTS_OUTPUT = "spec_facts"


def spec_facts(users: Iterable[DesiredBoxUser]) -> dict[str, dict[str, Any]]:
    """Each user's facts by stable key: login, `assigned_via` and `role_explicit`."""
    return {
        user.key: {
            "login": user.login,
            "assigned_via": list(user.assigned_via),
            "role_explicit": user.role_explicit,
        }
        for user in users
    }
