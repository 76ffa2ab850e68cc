"""Each kind of step the summary sorts, on single steps in the engine's JSON shape.

The engine cannot produce these here (Entra needs the azuread plugin; some user changes need
a second program): steps are written by hand in the shape of `display.PreviewStep`
(`pkg/v3/display/json.go`), with the URNs and inputs the program really uses.
"""

from __future__ import annotations

from typing import Any

import pytest

from tools.preview_summary.changes import (
    AccessChanges,
    AssignmentChange,
    GroupChange,
    UserChange,
    access_changes,
)
from tools.preview_summary.markdown import StackPreview, render_stack

STACK_URN = "urn:pulumi:prod::entra-box::"
USER = "entra-box:box:Tenant$pulumi-python:dynamic/box:User"
GROUP = "entra-box:box:Tenant$pulumi-python:dynamic/box:Group"
ASSIGNMENT = "entra-box:entra:BoxEnterpriseApp$azuread:index/appRoleAssignment:AppRoleAssignment"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def step(op: str, kind: str, name: str, old: Any = None, new: Any = None, **extra: Any) -> Any:
    found: dict[str, Any] = {"op": op, "urn": f"{STACK_URN}{kind}::{name}", **extra}
    if old is not None:
        found["oldState"] = {"inputs": old, "outputs": old}
    if new is not None:
        found["newState"] = {"inputs": new}
    return found


def user(login: str, **fields: Any) -> dict[str, Any]:
    return {"login": login, "name": login.split("@")[0].title(), "status": "active", **fields}


def changes_of(*steps: Any, diagnostics: Any = ()) -> AccessChanges:
    return access_changes({"steps": list(steps), "diagnostics": list(diagnostics)})


@pytest.mark.parametrize(
    ("the_step", "expected"),
    [
        (
            step("create", USER, "k", new=user("kim@x.example", role="coadmin")),
            AccessChanges(gains=(UserChange("kim@x.example", "Kim", "new Box user as co-admin"),)),
        ),
        (
            step(
                "update",
                USER,
                "k",
                old=user("kim@x.example", status="inactive"),
                new=user("kim@x.example"),
            ),
            AccessChanges(
                gains=(UserChange("kim@x.example", "Kim", "re-enabled (inactive -> active)"),)
            ),
        ),
        (
            step("create", USER, "k", new=user("kim@x.example", status="inactive")),
            AccessChanges(
                user_updates=(
                    UserChange("kim@x.example", "Kim", "new Box user, inactive (no access yet)"),
                )
            ),
        ),
        (
            step(
                "update",
                USER,
                "k",
                old=user("kim@x.example", role="user", assigned_via=["group:A"]),
                new=user("kim@x.example", role="coadmin", assigned_via=["group:B"]),
            ),
            AccessChanges(
                gains=(
                    UserChange("kim@x.example", "Kim", "role user -> coadmin (raises the role)"),
                )
            ),
        ),
        (
            step(
                "update",
                USER,
                "k",
                old=user("kim@x.example"),
                new=user("kim@x.example", status="cannot_delete_edit_upload"),
            ),
            AccessChanges(
                losses=(
                    UserChange(
                        "kim@x.example",
                        "Kim",
                        "disabled in place (status cannot_delete_edit_upload; content kept)",
                    ),
                )
            ),
        ),
        (
            step(
                "update",
                GROUP,
                "g",
                old={"name": "Sales", "members": {"a@x.example": "member", "b@x.example": "admin"}},
                new={
                    "name": "Sales EMEA",
                    "description": "Sellers",
                    "members": {"a@x.example": "admin", "b@x.example": "admin"},
                    "member_ids": {"a@x.example": UNKNOWN},
                },
            ),
            AccessChanges(
                groups=(
                    GroupChange(
                        "Sales EMEA",
                        "changed",
                        role_changes=("a@x.example member -> admin",),
                        renamed_from="Sales",
                        description_changed=True,
                    ),
                )
            ),
        ),
        (
            step("create", ASSIGNMENT, "assignment-group-sales-emea", new={"appRoleId": UNKNOWN}),
            AccessChanges(assignments=(AssignmentChange(True, "group sales-emea"),)),
        ),
        (
            step("delete", ASSIGNMENT, "assignment-user-kim@x.example", old={"appRoleId": "r"}),
            AccessChanges(assignments=(AssignmentChange(False, "user kim@x.example"),)),
        ),
        (
            step(
                "update",
                "entra-box:entra:BoxEnterpriseApp$azuread:index/servicePrincipal:ServicePrincipal",
                "box-sp",
                old={},
                new={},
                diffReasons=["notificationEmailAddresses"],
            ),
            AccessChanges(other=("update ServicePrincipal box-sp (notificationEmailAddresses)",)),
        ),
        (
            step("same", USER, "k", old=user("kim@x.example"), new=user("kim@x.example")),
            AccessChanges(),
        ),
    ],
    ids=[
        "new-coadmin",
        "re-enabled",
        "created-inactive",
        "role-change-ignoring-bookkeeping",
        "restricted-in-place",
        "group-renamed-and-re-roled",
        "assignment-added",
        "assignment-removed",
        "other-resource",
        "unchanged",
    ],
)
def test_each_step_lands_in_its_category(the_step: Any, expected: AccessChanges) -> None:
    assert changes_of(the_step) == expected


def test_errors_and_warnings_are_problems_one_per_line_and_info_is_not() -> None:
    spec_errors = (
        "error: spec.yaml:1:1: directory: required field is missing\n"
        "spec.yaml:3:1: bogus: unknown field 'bogus'\n"
    )
    diagnostics = [
        {"severity": "error", "message": spec_errors},
        {"severity": "warning", "message": "box:clientSecret is stored in plaintext"},
        {"severity": "info", "message": "box user a: create: created"},
    ]

    found = changes_of(diagnostics=diagnostics)

    assert found.problems == (
        "error: spec.yaml:1:1: directory: required field is missing",
        "error: spec.yaml:3:1: bogus: unknown field 'bogus'",
        "warning: box:clientSecret is stored in plaintext",
    )


def test_a_value_known_only_after_up_reads_as_such() -> None:
    found = changes_of(
        step("update", USER, "k", old=user("k@x.example"), new=user("k@x.example", name=UNKNOWN))
    )

    assert found.user_updates[0].how == 'name "K" -> (known after up)'


def test_a_long_full_preview_is_cut_with_a_pointer_to_the_log() -> None:
    preview = StackPreview("prod", AccessChanges(), full_text="x" * 5_000)

    lines = render_stack(preview, full_text_budget=1_000)

    assert "x" * 1_000 + "\n... (cut here; the workflow log has the whole preview)" in lines
