"""Adoptions of existing Box accounts and groups, and values removed from the spec, in the summary.

Steps are written in the engine's JSON shape with the inputs the providers' `check` records
(`adopts`, `adopts_from`); the engine tests (tests/e2e/test_adoption.py,
tests/e2e/test_field_removal.py) summarise real previews of the same cases.
"""

from __future__ import annotations

from typing import Any

from tools.preview_summary.changes import AccessChanges, GroupChange, UserChange, access_changes
from tools.preview_summary.markdown import StackPreview, render_stack

STACK_URN = "urn:pulumi:prod::entra-box::"
USER = "entra-box:box:Tenant$pulumi-python:dynamic/box:User"
GROUP = "entra-box:box:Tenant$pulumi-python:dynamic/box:Group"
GB = 1024**3


def step(op: str, kind: str, old: Any = None, new: Any = None, outputs: Any = None) -> Any:
    found: dict[str, Any] = {"op": op, "urn": f"{STACK_URN}{kind}::k"}
    if old is not None:
        found["oldState"] = {"inputs": old, "outputs": outputs if outputs is not None else old}
    if new is not None:
        found["newState"] = {"inputs": new}
    return found


def user(**fields: Any) -> dict[str, Any]:
    return {"login": "kim@x.example", "name": "Kim", "status": "active", "role": "user", **fields}


def changes_of(*steps: Any) -> AccessChanges:
    return access_changes({"steps": list(steps)})


def test_an_adoption_that_lowers_the_role_and_quota_names_each_change_and_calls_it_out() -> None:
    box = {"login": "kim@x.example", "name": "Kim", "status": "active", "role": "coadmin"}
    new = user(space_amount=50 * GB, adopts="17", adopts_from={**box, "space_amount": -1})

    found = changes_of(step("create", USER, new=new))

    assert found.user_updates == (
        UserChange(
            "kim@x.example",
            "Kim",
            "adopts the existing account (Box id 17): changes role coadmin -> user (lowers the "
            "role), space_amount unlimited -> 50 GB (lowers the quota)",
        ),
    )
    assert found.gains == ()


def test_an_adoption_that_re_enables_an_inactive_account_is_a_gain_called_out_as_such() -> None:
    new = user(adopts="17", adopts_from={**user(), "status": "inactive"})

    (gain,) = changes_of(step("create", USER, new=new)).gains

    assert gain.how == (
        "adopts the existing account (Box id 17): changes status inactive -> active "
        "(re-enables an inactive account)"
    )


def test_an_adoption_of_an_account_already_as_specified_says_no_changes() -> None:
    new = user(adopts="17", adopts_from=user())

    (update,) = changes_of(step("create", USER, new=new)).user_updates

    assert update.how == "adopts the existing account (Box id 17): no changes"


def test_a_restriction_removed_from_the_spec_is_a_gain_and_a_quota_is_no_longer_managed() -> None:
    old = user(is_external_collab_restricted=True, space_amount=10 * GB)
    new = user(is_external_collab_restricted=False)

    found = changes_of(step("update", USER, old=old, new=new))

    assert found.gains == (
        UserChange(
            "kim@x.example",
            "Kim",
            "is_external_collab_restricted true -> false (gains access: lifts a restriction)",
        ),
    )
    assert found.user_updates == (
        UserChange("kim@x.example", "Kim", "space_amount no longer managed: Box keeps 10 GB"),
    )
    assert "(unset)" not in "\n".join(render_stack(StackPreview("prod", found)))


def test_what_box_keeps_is_its_value_as_last_read_not_the_spec_s_old_value() -> None:
    old = user(space_amount=10 * GB)
    refreshed = {**old, "space_amount": 20 * GB}

    (update,) = changes_of(
        step("update", USER, old=old, new=user(), outputs=refreshed)
    ).user_updates

    assert update.how == "space_amount no longer managed: Box keeps 20 GB"


def test_an_adopted_group_names_the_members_it_adds_and_removes() -> None:
    seen = {"description": "old", "members": {"a@x.example": "member", "b@x.example": "admin"}}
    new = {
        "name": "Sales",
        "members": {"a@x.example": "admin", "c@x.example": "member"},
        "adopts": "40",
        "adopts_from": seen,
    }

    (group,) = changes_of(step("create", GROUP, new=new)).groups

    assert group == GroupChange(
        "Sales",
        "adopted",
        added=("c@x.example",),
        removed=("b@x.example",),
        role_changes=("a@x.example member -> admin",),
        adopts="40",
    )
    assert "- `Sales`: adopts the existing group (Box id 40): adds `c@x.example`, removes " in (
        "\n".join(render_stack(StackPreview("prod", changes_of(step("create", GROUP, new=new)))))
    )


def test_a_description_removed_from_the_spec_is_no_longer_managed() -> None:
    old = {"name": "Sales", "description": "Sellers", "members": {}}
    text = "\n".join(
        render_stack(
            StackPreview("prod", changes_of(step("update", GROUP, old=old, new={"name": "Sales"})))
        )
    )

    assert "`Sales`: description no longer managed: Box keeps 'Sellers'" in text


def test_a_failed_preview_does_not_also_say_no_changes() -> None:
    failed = StackPreview("prod", AccessChanges(problems=("error: boom",)), passed=False)

    text = "\n".join(render_stack(failed))

    assert "The preview failed" in text
    assert "No changes" not in text
