"""No secret or token in pickled providers, outputs or logs; every write is in the Pulumi log."""

from __future__ import annotations

import base64
import json
import pickle
from collections.abc import Callable

import pytest
from box_sdk_gen import BoxClient
from pulumi.dynamic.dynamic import serialize_provider

from components.box.errors import BoxConflictError
from components.box.group import BoxGroupProvider
from components.box.provider import BoxProvider
from components.box.user import BoxUserProvider
from tests.box.conftest import give_content, user_inputs
from tests.conftest import BOX_CLIENT_SECRET

SMALL = 200  # bytes of base64: a class reference, never a client or its session


def token_of(provider: BoxProvider) -> str:
    client = provider.box.client
    token = client.auth.retrieve_token(network_session=client.network_session)
    return str(token.access_token)


@pytest.mark.parametrize("kind", [BoxUserProvider, BoxGroupProvider])
def test_a_provider_pickles_as_a_small_class_reference(kind: type[BoxProvider]) -> None:
    serialized = serialize_provider(kind())

    assert len(serialized) < SMALL
    restored = pickle.loads(base64.b64decode(serialized))  # noqa: S301 - our own pickle
    assert type(restored) is kind
    assert kind.serialize_as_secret_always is False


def test_a_configured_provider_pickles_without_secret_token_or_client(
    users: BoxUserProvider,
) -> None:
    serialized = serialize_provider(users)
    raw = base64.b64decode(serialized)

    assert len(serialized) < SMALL
    assert BOX_CLIENT_SECRET.encode() not in raw
    assert token_of(users).encode() not in raw
    assert b"BoxClient" not in raw and b"requests" not in raw


def test_outputs_and_the_provisioning_log_hold_no_secret_or_token(
    users: BoxUserProvider, provisioning_log: Callable[[], str]
) -> None:
    created = users.create(users.check({}, user_inputs("ann@contoso.com")).inputs)
    read = users.read(created.id, created.outs or {})
    shown = json.dumps([created.outs, read.outs, read.inputs]) + provisioning_log()

    assert BOX_CLIENT_SECRET not in shown
    assert token_of(users) not in shown


def test_every_user_write_is_reported_with_object_operation_and_outcome(
    box_client: BoxClient, users: BoxUserProvider, provisioning_log: Callable[[], str]
) -> None:
    created = users.create(users.check({}, user_inputs("ann@contoso.com")).inputs)
    outs = created.outs or {}
    users.update(
        created.id, outs, users.check(outs, user_inputs("ann@contoso.com", name="Anne")).inputs
    )
    give_content(box_client, created.id, "Reports")
    users.delete(created.id, outs)

    # The writes only: `check` also says what a preview will show (`: preview: ` lines).
    log = [line for line in provisioning_log().splitlines() if ": preview: " not in line]

    target = f"info: box user ann@contoso.com (id {created.id})"
    assert log == [
        f"{target}: create: created",
        f"{target}: update name: set name='Anne'",  # noqa: S608 - a log line, not SQL
        f"{target}: leave the stack's records: account unchanged in Box (only the departures "
        "step takes access away)",
    ]


def test_a_failed_write_is_reported_as_a_warning_before_the_error(
    box_client: BoxClient, groups: BoxGroupProvider, provisioning_log: Callable[[], str]
) -> None:
    ann = box_client.users.create_user("Ann", login="ann@contoso.com").id
    inputs = {"name": "Sales", "members": {"ann@contoso.com": "member"}}
    created = groups.create(
        groups.check({}, {**inputs, "member_ids": {"ann@contoso.com": ann}}).inputs
    )
    box_client.groups.create_group("Taken")
    provisioning_log()

    with pytest.raises(BoxConflictError, match="another Box object already has this"):
        groups.update(created.id, created.outs or {}, {**(created.outs or {}), "name": "Taken"})

    warning = provisioning_log().strip()
    assert warning.startswith(f"warning: box group 'Sales' (id {created.id}): update name: FAILED:")
    assert "409 conflict" in warning
