"""The lockout guard's rules: which repairs undo access taken away in Box, and its words."""

from __future__ import annotations

import pytest

from components.guard.restores import (
    ACKNOWLEDGE_REENABLES,
    Repair,
    acknowledged_logins,
    member_restores,
    member_takebacks,
    refusal,
    unacknowledged,
    user_restores,
    user_takebacks,
)

ANN = "ann@contoso.com"

# (Box now, last applied, spec wants) -> a restore?
STATUSES = [
    ("inactive", "active", "active", True),  # set inactive in Box: a lockout
    ("cannot_delete_edit", "active", "active", True),
    ("inactive", "inactive", "active", False),  # the spec re-enables someone it disabled
    ("active", "inactive", "inactive", False),  # activated in Box: narrowing, no restore
    ("inactive", "active", "inactive", False),  # the spec now agrees with the lockout
    ("inactive", "active", "cannot_delete_edit", True),  # still wider than Box
]


@pytest.mark.parametrize(("box", "applied", "wanted", "restores"), STATUSES)
def test_a_status_repair_is_a_restore_only_when_it_undoes_a_narrowing_made_in_box(
    box: str, applied: str, wanted: str, restores: bool
) -> None:
    found = user_restores(ANN, {"status": box}, {"status": applied}, {"status": wanted})

    assert bool(found) is restores


def test_a_role_lowered_in_box_is_a_restore_and_a_role_raised_in_box_is_not() -> None:
    lowered = user_restores(ANN, {"role": "user"}, {"role": "coadmin"}, {"role": "coadmin"})
    raised = user_restores(ANN, {"role": "coadmin"}, {"role": "user"}, {"role": "user"})

    assert lowered == [Repair(ANN, "raises role user -> coadmin, lowered in Box", "role")]
    assert raised == []


def test_membership_restores_name_the_login_and_the_group() -> None:
    found = member_restores(
        "Sales",
        box={"bob@c.com": "member", "cy@c.com": "admin"},
        applied={ANN: "member", "bob@c.com": "admin"},
        wanted={ANN: "member", "bob@c.com": "admin", "di@c.com": "member"},
    )

    assert [item.words for item in found] == [
        f"re-adds {ANN} to Sales, removed in Box",
        "raises role of bob@c.com in Sales member -> admin, lowered in Box",
    ]


def test_the_acknowledgement_names_logins_and_covers_only_them() -> None:
    acknowledged = acknowledged_logins({ACKNOWLEDGE_REENABLES: " Ann@Contoso.com, bob@c.com "})
    restores = [Repair(ANN, "x"), Repair("cy@c.com", "y")]

    assert acknowledged == {ANN, "bob@c.com"}
    assert unacknowledged(restores, acknowledged) == [Repair("cy@c.com", "y")]
    assert acknowledged_logins({}) == frozenset()


def test_the_refusal_says_nothing_changed_and_both_ways_out() -> None:
    text = refusal([Repair(ANN, "re-enables a user disabled in Box")], "user ann (id 1)")

    assert "Nothing was changed in Box for user ann (id 1) in this run." in text
    assert "set the person's status to inactive" in text
    assert f"{ACKNOWLEDGE_REENABLES}={ANN} pulumi up --refresh" in text


def test_access_added_in_box_is_a_takeback_and_never_a_restore() -> None:
    box = {ANN: "admin", "bob@c.com": "member"}
    applied = {ANN: "member"}
    wanted = {ANN: "member"}

    takebacks = member_takebacks("Sales", box, applied, wanted)

    assert member_restores("Sales", box, applied, wanted) == []
    assert [item.words for item in takebacks] == [
        f"lowers role of {ANN} in Sales admin -> member, raised in Box",
        "removes bob@c.com from Sales, added in Box",
    ]
    assert user_takebacks(ANN, {"role": "coadmin"}, {"role": "user"}, {"role": "user"}) == [
        Repair(ANN, "lowers role coadmin -> user, raised in Box", "role")
    ]
