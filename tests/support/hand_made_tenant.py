"""A Box enterprise as an IT admin has it before entra-box: made by hand through the SDK.

Used by the inventory and onboarding tests and the onboarding docs test: three people (one
a co-admin nobody reviews, one inactive) and a group with a member and a group admin.
"""

from __future__ import annotations

from box_sdk_gen import (
    BoxClient,
    CreateGroupMembershipGroup,
    CreateGroupMembershipRole,
    CreateGroupMembershipUser,
    CreateUserRole,
    CreateUserStatus,
)


def make_tenant(client: BoxClient) -> None:
    """Hand-made users and groups: a co-admin, an inactive user, a group with a group admin."""
    bob = client.users.create_user("Bob Smith", login="bob@contoso.example", job_title="Sales")
    carol = client.users.create_user(
        "Carol Admin", login="carol@contoso.example", role=CreateUserRole.COADMIN
    )
    client.users.create_user(
        "Dan Gone", login="dan@contoso.example", status=CreateUserStatus.INACTIVE
    )
    sales = client.groups.create_group("Sales", description="Everyone who sells.")
    client.memberships.create_group_membership(
        user=CreateGroupMembershipUser(id=bob.id), group=CreateGroupMembershipGroup(id=sales.id)
    )
    client.memberships.create_group_membership(
        user=CreateGroupMembershipUser(id=carol.id),
        group=CreateGroupMembershipGroup(id=sales.id),
        role=CreateGroupMembershipRole.ADMIN,
    )
