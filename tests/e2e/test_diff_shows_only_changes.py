"""`pulumi preview --diff` prints what changes and nothing else (issue 15, point 8).

Before detailed diffs the engine printed a dynamic resource's update as its whole old outputs
against its new inputs: a group gaining one member listed every member, its output-only
`membership_ids` as deleted, and the departures roster every person. Here a reviewer's
`--diff` of one change must name only the people that change touches.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_readable_previews import ADA, ALAN, KATHERINE
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

GRACE = "grace@contoso.example"
EVERYONE_ELSE = (ADA, ALAN, GRACE, "it@contoso.example")


def test_a_new_group_member_is_the_only_person_in_the_diff(engine_stack: EngineStack) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    engine_stack.write_spec(SMALL_ORG.with_person(KATHERINE, group="Research").spec())

    diff = engine_stack.preview("--diff").stdout

    assert re.search(rf"\+\s*{re.escape(KATHERINE.login)}\s*: \"member\"", diff), diff
    assert "membership_ids" not in diff, diff
    for login in EVERYONE_ELSE:
        assert login not in diff, f"{login} is in a diff that does not change them:\n{diff}"


def test_a_removed_member_is_shown_removed_and_no_one_else(engine_stack: EngineStack) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    engine_stack.write_spec(SMALL_ORG.without_member("Research", GRACE).spec())

    diff = engine_stack.preview("--diff").stdout

    assert re.search(rf"-\s*{re.escape(GRACE)}\s*: \"member\"", diff), diff
    for login in (ADA, ALAN):
        assert login not in diff, f"{login} is in a diff that does not change them:\n{diff}"


def test_a_renamed_person_shows_only_their_name_change(engine_stack: EngineStack) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    engine_stack.write_spec(SMALL_ORG.renamed(ADA, "Ada King").spec())

    diff = engine_stack.preview("--diff").stdout

    assert re.search(r'name\s*: "Ada Lovelace" => "Ada King"', diff), diff
    # Output-only fields of the record are not shown as deleted.
    for output_only in ("user_id", "adopted", "applied"):
        assert not re.search(rf"-\s*{output_only}\b", diff), diff
    for login in (ALAN, GRACE):
        assert login not in diff, f"{login} is in a diff that does not change them:\n{diff}"


ADA_ID = "5f0c1a9e-0000-4000-8000-00000000ada1"


def test_every_changed_person_is_named_by_login_once_in_the_plain_preview(
    engine_stack: EngineStack,
) -> None:
    # Keyed by an Entra object id, Ada's resource (or shard) is not named by her login:
    # the preview line is where the reviewer reads who changes.
    org = SMALL_ORG.with_object_id(ADA, ADA_ID)
    engine_stack.write_spec(org.spec())
    engine_stack.up()
    engine_stack.write_spec(org.renamed(ADA, "Ada King").with_person(KATHERINE).spec())

    lines = engine_stack.preview().stdout.splitlines()

    updated = f"box user {ADA}: preview: update name 'Ada Lovelace' -> 'Ada King'"
    created = f"box user {KATHERINE.login}: preview: new Box user"
    for wanted in (updated, created):
        said = [line for line in lines if line.strip().endswith(wanted)]
        # Once as it happens and once in the Diagnostics summary, never twice over.
        assert len(said) == 2, f"{wanted!r} said {len(said)} times:\n" + "\n".join(lines)
    assert not [line for line in lines if f"box user {ALAN}" in line or f"box user {GRACE}" in line]
