"""`check` and `diff` of the box:Group provider, memberships included.

`check` is called for a group the stack already holds (non-empty olds), which it validates
without Box; finding the group a *new* resource adopts is tested against the emulator
(tests/box/test_group_provider.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime import rpc

from components.box.group import BoxGroupProvider
from tests.support.wire import wire_struct

GOOD: dict[str, Any] = {
    "name": "Sales",
    "members": {"ann@contoso.com": "member", "bob@contoso.com": "admin"},
    "member_ids": {"ann@contoso.com": "1", "bob@contoso.com": "2"},
}
HELD = {**GOOD, "group_id": "7"}


def test_good_inputs_pass() -> None:
    result = BoxGroupProvider().check(HELD, {**GOOD, "__provider": "p"})
    assert result.failures == []
    assert result.inputs["members"] == GOOD["members"]


def test_unknown_member_ids_during_preview_pass_check() -> None:
    unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
    news = {**GOOD, "member_ids": {"ann@contoso.com": unknown, "bob@contoso.com": unknown}}
    assert BoxGroupProvider().check(HELD, news).failures == []


def as_the_dynamic_provider_receives(props: dict[str, Any]) -> dict[str, Any]:
    """Props through the engine's wire format, decoded as `pulumi.dynamic`'s Check does."""
    wire = wire_struct(props)
    decoded: dict[str, Any] = rpc.deserialize_properties(wire, True)
    return decoded


def test_a_member_id_unknown_during_preview_passes_check_and_stays_unknown() -> None:
    unknown_ids = {"ann@contoso.com": "1", "bob@contoso.com": rpc.UNKNOWN}
    news = as_the_dynamic_provider_receives({**GOOD, "member_ids": unknown_ids})

    result = BoxGroupProvider().check(HELD, news)
    sent_back = wire_struct(result.inputs)

    assert result.failures == []
    assert dict(sent_back["member_ids"]) == unknown_ids


@pytest.mark.parametrize(
    ("overrides", "prop", "words"),
    [
        ({"name": ""}, "name", "1 to 255 characters"),
        ({"members": {"ann@contoso.com": "owner"}}, "members", "member or admin"),
        ({"members": {"ann": "member"}}, "members", "not an email address"),
        (
            {"member_ids": {"ann@contoso.com": "1"}},
            "member_ids",
            "no user id for member(s) bob@contoso.com",
        ),
        (
            {"members": {"ann@contoso.com": "member"}},
            "member_ids",
            "user id(s) given for non-member(s) bob@contoso.com",
        ),
    ],
)
def test_bad_inputs_fail_check_naming_the_property(
    overrides: dict[str, Any], prop: str, words: str
) -> None:
    failures = BoxGroupProvider().check(HELD, {**GOOD, **overrides}).failures
    assert failures and failures[0].property == prop
    assert words in failures[0].reason


OLDS = {**GOOD, "group_id": "7", "membership_ids": {"ann@contoso.com": "m1"}}


@pytest.mark.parametrize(
    "news",
    [
        {**GOOD, "name": "Sales EMEA"},
        {**GOOD, "description": "All of sales"},
        {**GOOD, "members": {**GOOD["members"], "ann@contoso.com": "admin"}},
        {
            "name": "Sales",
            "members": {"ann@contoso.com": "member"},
            "member_ids": {"ann@contoso.com": "1"},
        },
    ],
)
def test_renames_descriptions_and_memberships_change_in_place(news: dict[str, Any]) -> None:
    result = BoxGroupProvider().diff("7", OLDS, news)
    assert result.changes is True
    assert result.replaces == []


def test_an_unchanged_group_has_no_diff() -> None:
    assert BoxGroupProvider().diff("7", OLDS, dict(GOOD)).changes is False
