"""A stack with roles to lose, and an admin's emergency lockout of it in Box.

Used by the lockout engine tests (tests/e2e/test_lockouts.py) and the PR summary's
(tests/preview_summary/test_summary_of_lockouts.py): `spec_with_roles` is SMALL_ORG with a
co-admin and a Box-only group with an admin; `lock_out_in_box` takes access away by hand
in all three ways the lockout guard knows (status, role, membership and its role).
"""

from __future__ import annotations

from typing import Any

from box_sdk_gen import BoxClient

from tests.support import box_console
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import ADA

ALAN = "alan@contoso.example"
GRACE = "grace@contoso.example"
IT = "it@contoso.example"
ACKNOWLEDGE = "ENTRA_BOX_ACKNOWLEDGE_REENABLES"
# What the refusal and the summary say about `lock_out_in_box`'s changes.
LOCKOUT_WORDS = (
    f"{GRACE}: re-enables a user disabled in Box (status inactive -> active)",
    f"{GRACE}: raises role user -> coadmin, lowered in Box",
    f"{ALAN}: re-adds {ALAN} to Engineering, removed in Box",
    f"{IT}: raises role of {IT} in Ops member -> admin, lowered in Box",
)


def spec_with_roles() -> dict[str, Any]:
    """SMALL_ORG with a co-admin (Grace) and a Box-only group with an admin (IT)."""
    spec = SMALL_ORG.spec()
    spec["box"] = {
        "users": {GRACE: {"role": "coadmin"}},
        "groups": [{"name": "Ops", "members": [{"login": IT, "role": "admin"}, {"login": ADA}]}],
    }
    return spec


def lock_out_in_box(client: BoxClient) -> None:
    """Grace set inactive and demoted, Alan out of Engineering, IT demoted in Ops."""
    box_console.set_status(client, GRACE, "inactive")
    box_console.set_role(client, GRACE, "user")
    box_console.remove_member(client, "Engineering", ALAN)
    box_console.set_member_role(client, "Ops", IT, "member")
