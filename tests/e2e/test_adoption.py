"""A Box account that already has a managed login is adopted by `pulumi up`, never duplicated."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

ADA = "ada@contoso.example"


def test_an_existing_box_account_with_the_same_login_is_adopted_not_duplicated(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    existing = box_client.users.create_user("Ada (old account)", login=ADA)
    engine_stack.write_spec(SMALL_ORG.spec())

    up = engine_stack.up()

    same_login = box_client.users.get_users(filter_term=ADA).entries or []
    assert [user.id for user in same_login] == [existing.id]
    assert read_box(box_client).users[ADA]["name"] == "Ada Lovelace"
    (ada,) = [u for u in engine_stack.recorded_users().values() if u["id"] == existing.id]
    assert ada["adopted"] is True
    assert "login already in Box: adopting that account" in up.stdout
