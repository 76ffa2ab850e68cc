"""What a reviewer reads in `pulumi preview` and the PR summary: quotas in units, how each
leaver leaves, and group changes by login (issue 15, point 8)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.e2e.test_adoption import summary_of, with_overrides
from tests.support.box_only_spec import SMALL_ORG, Person
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

ADA, ALAN, IT = "ada@contoso.example", "alan@contoso.example", "it@contoso.example"
KATHERINE = Person("katherine@contoso.example", "Katherine Johnson", "Mathematician")


def test_a_quota_change_reads_in_units_in_the_diff_and_the_summary(
    engine_stack: EngineStack,
) -> None:
    engine_stack.write_spec(with_overrides(SMALL_ORG.spec(), {ADA: {"space_amount": "10 GB"}}))
    engine_stack.up()
    engine_stack.write_spec(with_overrides(SMALL_ORG.spec(), {ADA: {"space_amount": "50 GB"}}))

    diff = engine_stack.preview("--diff")
    summary = summary_of(engine_stack.preview_json())

    assert re.search(r'space_amount\s*: "10 GB" => "50 GB"', diff.stdout), diff.stdout
    assert f"`{ADA}` (Ada Lovelace): space_amount 10 GB -> 50 GB (raises the quota)" in summary


@pytest.mark.parametrize(
    ("policy", "custodian", "said"),
    [
        ("transfer", IT, f"leaves by transfer: content moved to {IT}"),
        ("delete", None, "leaves by delete: the account and its content are deleted"),
    ],
)
def test_a_leaver_s_plain_preview_line_says_how_they_leave(
    engine_stack: EngineStack, policy: str, custodian: str | None, said: str
) -> None:
    org = replace(SMALL_ORG, deprovision=policy, custodian=custodian)
    engine_stack.write_spec(org.spec())
    engine_stack.up()
    engine_stack.write_spec(org.out_of_scope(ALAN).spec())

    preview = engine_stack.preview()

    assert f"{ALAN}: no longer in scope: {said}" in preview.stdout


def test_a_group_change_names_the_logins_added_and_removed_in_the_plain_preview(
    engine_stack: EngineStack,
) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    edited = SMALL_ORG.with_person(KATHERINE, group="Research").without_member("Research", ADA)
    engine_stack.write_spec(edited.spec())

    preview = engine_stack.preview()
    summary = summary_of(engine_stack.preview_json())

    assert f"box group 'Research': adds {KATHERINE.login} (member)" in preview.stdout
    assert f"box group 'Research': removes {ADA} (loses the group's access)" in preview.stdout
    assert f"`Research`: + `{KATHERINE.login}`; - `{ADA}`" in summary
