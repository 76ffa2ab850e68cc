"""A leaver and an arrival of one name, or a removed and an added group of one membership,
look like a rename the spec did not declare (`components.guard.renames`)."""

from __future__ import annotations

import pytest

from components.box.departures import DeparturesProvider
from components.guard import (
    Roster,
    RosterGroup,
    RosterUser,
    likely_renames,
    plan_deprovisions,
)
from components.guard.roster import members_digest

OLD, NEW = "nadia.petrova@contoso.com", "nadia.ivanova@contoso.com"
OMAR = RosterUser(login="omar@contoso.com", name="Omar Haddad")
TEAM = members_digest([OLD, OMAR.login])


def roster(*users: RosterUser, groups: dict[str, RosterGroup] | None = None) -> Roster:
    return Roster(users={user.login: user for user in users}, groups=groups or {}, limit=5)


def renames(old: Roster, new: Roster) -> list[str]:
    return [rename.warning() for rename in likely_renames(old, new, plan_deprovisions(old, new))]


def test_a_login_removed_while_another_of_the_same_name_arrives_looks_like_a_rename() -> None:
    before = roster(RosterUser(login=OLD, name="Nadia Petrova"), OMAR)
    after = roster(RosterUser(login=NEW, name="nadia petrova"), OMAR)

    [warning] = renames(before, after)

    assert warning.startswith(f"{NEW} looks like a rename of {OLD} (same name)")
    assert f"add previousLogins: [{OLD}] to {NEW} in directory.users" in warning


@pytest.mark.parametrize(
    "arrival",
    [
        RosterUser(login=NEW, name="Nadia Petrova", previous_logins=(OLD,)),
        RosterUser(login=NEW, name="Someone Else"),
    ],
    ids=["declared", "another-name"],
)
def test_a_declared_rename_or_a_different_person_is_not_warned_about(arrival: RosterUser) -> None:
    before = roster(RosterUser(login=OLD, name="Nadia Petrova"), OMAR)

    assert renames(before, roster(arrival, OMAR)) == []


def test_two_arrivals_of_the_leavers_name_are_not_guessed_between() -> None:
    before = roster(RosterUser(login=OLD, name="Nadia Petrova"))
    after = roster(
        RosterUser(login=NEW, name="Nadia Petrova"),
        RosterUser(login="n.petrova@contoso.com", name="Nadia Petrova"),
    )

    assert renames(before, after) == []


def test_a_group_removed_while_one_of_the_same_members_arrives_looks_like_a_rename() -> None:
    before = roster(groups={"Sales Europe": RosterGroup(name="Sales Europe", members=TEAM)})
    after = roster(groups={"Sales EMEA": RosterGroup(name="Sales EMEA", members=TEAM)})
    declared = roster(
        groups={
            "Sales EMEA": RosterGroup(
                name="Sales EMEA", members=TEAM, previous_names=("Sales Europe",)
            )
        }
    )

    [warning] = renames(before, after)

    assert "Box group 'Sales EMEA' looks like a rename of 'Sales Europe' (same members)" in warning
    assert renames(before, declared) == []


def test_a_roster_recorded_before_names_were_kept_warns_about_nothing() -> None:
    before = roster(RosterUser(login=OLD), groups={"A": RosterGroup(name="A")})
    after = roster(
        RosterUser(login=NEW, name="Nadia Petrova"),
        groups={"B": RosterGroup(name="B", members=TEAM)},
    )

    assert renames(before, after) == []


def test_a_name_or_membership_change_alone_is_no_departures_change() -> None:
    provider = DeparturesProvider()
    before = roster(
        RosterUser(login=OLD, name="Nadia Petrova"), groups={"A": RosterGroup(name="A")}
    )
    after = roster(
        RosterUser(login=OLD, name="Nadia Ivanova"),
        groups={"A": RosterGroup(name="A", members=TEAM)},
    )

    diff = provider.diff("departures", before.model_dump(), after.model_dump())

    assert diff.changes is False
