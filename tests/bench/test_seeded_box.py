"""`make bench-100k` starts from a seeded Box: the resolved spec, as Box's API then shows it."""

from __future__ import annotations

from pathlib import Path

from components.desired import DesiredBox, DesiredBoxGroup, DesiredBoxUser, DesiredMembership
from emulator import EmulatorServer
from emulator.config import EmulatorConfig
from emulator.testing import sdk_client
from tests.support.box_view import read_box
from tools.bench.seeding import seed_box


def desired() -> DesiredBox:
    users = [
        DesiredBoxUser(login="ann@bench.example", name="Ann", role="coadmin", role_explicit=True),
        DesiredBoxUser(login="bob@bench.example", name="Bob", space_amount=10_737_418_240),
    ]
    team = DesiredBoxGroup(
        name="Team",
        origin="box",
        members=(
            DesiredMembership(login="ann@bench.example", role="admin"),
            DesiredMembership(login="bob@bench.example", role="member"),
        ),
    )
    return DesiredBox(users=tuple(users), groups=(team,))


def test_a_seeded_state_file_serves_the_desired_users_groups_and_members(tmp_path: Path) -> None:
    state = tmp_path / "box.sqlite"

    rows = seed_box(state, desired())

    assert rows == 2 + 1 + 2
    with EmulatorServer(EmulatorConfig(state_path=state)) as box:
        view = read_box(sdk_client(box.url))
    assert view.users["ann@bench.example"]["role"] == "coadmin"
    assert view.groups["Team"] == {"ann@bench.example": "admin", "bob@bench.example": "member"}
