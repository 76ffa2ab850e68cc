"""The benchmark's pure parts: the organisation, Box call counting, figures, process roles."""

from __future__ import annotations

import pytest

from tools.bench.box_calls import MEMBERSHIP_LISTING, summarise
from tools.bench.figures import Figure, format_value
from tools.bench.organisation import JOINED_GROUP, MIN_USERS, organisation
from tools.bench.processes import role_of
from tools.bench.scenario import go_memory_limit_mb
from tools.bench_resolve import entra_groups_of, group_count


@pytest.mark.parametrize("users", [MIN_USERS, 1_000, 10_000])
def test_the_newcomer_is_not_yet_in_the_group_they_join(users: int) -> None:
    org = organisation(users)
    assert JOINED_GROUP not in entra_groups_of(org.newcomer, group_count(users))
    assert org.one_change_spec != org.initial_spec


def test_an_organisation_too_small_for_a_change_is_refused_with_the_minimum() -> None:
    with pytest.raises(ValueError, match=f"below {MIN_USERS} users"):
        organisation(MIN_USERS - 1)


def test_box_calls_are_counted_by_route_with_429s_and_writes_apart() -> None:
    entries = [
        {"method": "POST", "template": "/oauth2/token", "status": 200},
        {"method": "GET", "template": MEMBERSHIP_LISTING.split(" ")[1], "status": 200},
        {"method": "POST", "template": "/2.0/group_memberships", "status": 429},
        {"method": "POST", "template": "/2.0/group_memberships", "status": 201},
    ]
    calls = summarise(entries)
    assert (calls.total, calls.rate_limited, calls.writes) == (4, 1, 2)
    assert calls.route(MEMBERSHIP_LISTING) == 1
    assert calls.route("GET /2.0/users") == 0


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (3.0, "3"), (0.0123, "0.0123"), (12.345, "12.35"), (1234.56, "1234.6")],
)
def test_figures_print_as_name_value_unit(value: float, text: str) -> None:
    assert format_value(value) == text
    assert Figure("up_initial_s", value, "s").line() == f"up_initial_s: {text} s"


@pytest.mark.parametrize(
    ("pid", "cmdline", "role"),
    [
        (10, "/venv/bin/pulumi up --yes", "engine"),
        (11, "/venv/bin/python -u -m pulumi.dynamic", "provider"),
        (11, "/venv/bin/python -u -m components.provider_host 127.0.0.1:1", "provider"),
        (11, "/venv/bin/python /venv/bin/pulumi-resource-pulumi-python", "provider"),
        (12, "/venv/bin/python /venv/bin/pulumi-language-python-exec --monitor x", "program"),
        (13, "/venv/bin/python -m tools.pulumi_toolchain.langhost", None),
    ],
)
def test_processes_are_told_apart_by_their_command_line(
    pid: int, cmdline: str, role: str | None
) -> None:
    assert role_of(pid, 10, cmdline) == role


@pytest.mark.parametrize(
    ("text", "megabytes"),
    [("400MiB", 400), ("2GiB", 2048), ("1048576", 1), ("512KiB", 0.5), ("off", None), ("", None)],
)
def test_go_memory_limits_are_read_as_go_reads_them(text: str, megabytes: float | None) -> None:
    assert go_memory_limit_mb(text) == megabytes
