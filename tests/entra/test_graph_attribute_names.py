"""pulumi-azuread's Python attribute names map to the Graph names the spec's mappings use."""

from __future__ import annotations

import pytest

from components.entra.lookups import BASIC_USER_ATTRIBUTES, graph_attribute_name


@pytest.mark.parametrize(
    ("python_name", "graph_name"),
    [
        ("user_principal_name", "userPrincipalName"),
        ("job_title", "jobTitle"),
        ("mobile_phone", "mobilePhone"),
        ("onpremises_sam_account_name", "onPremisesSamAccountName"),
        ("mail", "mail"),
    ],
)
def test_a_python_attribute_name_becomes_its_graph_name(python_name: str, graph_name: str) -> None:
    assert graph_attribute_name(python_name) == graph_name


@pytest.mark.parametrize(
    "attribute", ["jobTitle", "mobilePhone", "department", "preferredLanguage"]
)
def test_attributes_get_users_does_not_return_are_not_basic(attribute: str) -> None:
    assert attribute not in BASIC_USER_ATTRIBUTES


def test_the_core_attributes_are_basic() -> None:
    assert {"userPrincipalName", "displayName", "accountEnabled", "mail"} <= BASIC_USER_ATTRIBUTES
