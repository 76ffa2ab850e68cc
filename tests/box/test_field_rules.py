"""The rule of each Box user field: what removing it does, and how its changes read."""

from __future__ import annotations

from typing import Any

import pytest

from components.box import field_rules
from components.box.user_inputs import OPTIONAL_FIELDS

GB = 1024**3


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (-1, "unlimited"),
        (50 * GB, "50 GB"),
        (10.0 * GB, "10 GB"),
        (int(1.5 * 1024 * GB), "1.5 TB"),
        (300, "300 B"),
    ],
)
def test_quotas_read_in_the_spec_s_units(amount: float, shown: str) -> None:
    assert field_rules.show("space_amount", amount) == shown


@pytest.mark.parametrize(
    ("key", "before", "after", "words"),
    [
        ("role", "coadmin", "user", "role coadmin -> user (lowers the role)"),
        ("space_amount", -1, 50 * GB, "space_amount unlimited -> 50 GB (lowers the quota)"),
        ("space_amount", 10 * GB, -1, "space_amount 10 GB -> unlimited (raises the quota)"),
        (
            "status",
            "inactive",
            "active",
            "status inactive -> active (re-enables an inactive account)",
        ),
        (
            "is_external_collab_restricted",
            True,
            False,
            "is_external_collab_restricted true -> false (gains access: lifts a restriction)",
        ),
        ("is_sync_enabled", True, False, "is_sync_enabled true -> false (restricts)"),
        ("language", "en", "fr", "language en -> fr"),
    ],
)
def test_each_change_says_whether_it_widens_or_narrows_access(
    key: str, before: Any, after: Any, words: str
) -> None:
    assert field_rules.change(key, before, after) == words


def test_a_field_with_a_default_reverts_to_it_and_one_without_is_no_longer_managed() -> None:
    olds = {"is_external_collab_restricted": True, "space_amount": 10 * GB, "language": None}
    assert field_rules.reverted("is_external_collab_restricted", True, None) is False
    assert field_rules.reverted("space_amount", 10 * GB, None) is None
    assert field_rules.no_longer_managed(olds, {}) == ["space_amount"]


def test_every_optional_user_field_has_exactly_one_rule() -> None:
    with_default = set(field_rules.DEFAULTS) & set(OPTIONAL_FIELDS)
    assert with_default.isdisjoint(field_rules.NO_DEFAULT)
    assert with_default | set(field_rules.NO_DEFAULT) == set(OPTIONAL_FIELDS)
