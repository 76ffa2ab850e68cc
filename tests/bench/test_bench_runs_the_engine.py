"""`python -m tools.bench` at a tiny size: the whole benchmark path, real engine and emulator.

Keeps `make bench` from rotting; it asserts what the figures must say about Box calls (the
same at any size), never how long anything took.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from components.box.adoption import LOOKUPS_BEFORE_LISTING
from tools.bench.organisation import MIN_USERS

pytestmark = pytest.mark.engine

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"[a-z0-9_]+: -?[0-9.]+ [A-Za-z/]+")


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    workdir = tmp_path_factory.mktemp("bench")
    arguments = [f"--users={MIN_USERS}", "--rate-limit=60000", f"--workdir={workdir}"]
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench", *arguments],
        cwd=ROOT,
        # Far above what a tiny size takes: never binds, but must be reported.
        env={**os.environ, "GOMEMLIMIT": "8GiB"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert all(LINE.fullmatch(line) for line in lines), lines
    return {name: float(rest.split()[0]) for name, rest in (line.split(": ") for line in lines)}


def test_every_figure_of_the_issue_is_printed(figures: dict[str, float]) -> None:
    expected = {
        "resolve_s",
        "up_initial_s",
        "box_calls_initial",
        "rate_limit_rpm",
        "up_initial_floor_ratio",
        "preview_noop_s",
        "up_one_change_s",
        "box_calls_one_change",
        "refresh_s",
        "box_calls_refresh",
        "state_bytes_per_user",
        "peak_rss_mb_engine",
        "peak_rss_mb_provider",
    }
    assert expected <= set(figures)
    assert figures["users"] == MIN_USERS
    assert figures["rate_limit_rpm"] == 60000


def test_the_initial_up_makes_one_call_per_object_and_membership_and_no_retries(
    figures: dict[str, float],
) -> None:
    # A token, the connection check (users/me), one POST per user, group and member, and the
    # reads that find accounts and groups to adopt: a few lookups, then one listing of each.
    objects = figures["users"] + figures["groups"] + figures["memberships"]
    finding = 2 * (LOOKUPS_BEFORE_LISTING + 1)
    assert figures["box_calls_initial"] == 2 + objects + finding
    assert figures["box_429_initial"] == 0


def test_a_no_change_preview_only_checks_the_connection(figures: dict[str, float]) -> None:
    assert figures["box_calls_preview_noop"] == 2


def test_one_new_membership_costs_one_write_and_at_most_three_calls(
    figures: dict[str, float],
) -> None:
    assert figures["box_writes_one_change"] == 1
    assert figures["box_calls_one_change"] <= 3


def test_refresh_lists_users_in_pages_and_each_group_once(figures: dict[str, float]) -> None:
    assert figures["box_user_listing_calls_refresh"] == 1
    assert figures["box_membership_listing_calls_refresh"] == figures["groups"]


def test_state_and_memory_are_measured(figures: dict[str, float]) -> None:
    assert 0 < figures["provider_bytes_per_resource"] < 200
    assert figures["state_bytes_per_user"] > 0
    assert figures["peak_rss_mb_engine"] > 0
    assert figures["peak_rss_mb_provider"] > 0


def test_each_step_says_how_much_memory_the_engine_took(figures: dict[str, float]) -> None:
    steps = ("up_initial", "preview_noop", "up_one_change", "refresh")
    peaks = [figures[f"{step}_peak_rss_mb_engine"] for step in steps]
    assert all(peak > 0 for peak in peaks), peaks
    assert max(peaks) == figures["peak_rss_mb_engine"]


def test_a_run_under_a_go_memory_limit_says_so(figures: dict[str, float]) -> None:
    # The engine's memory depends on it (docs/performance-shards.md), so its figures do.
    assert figures["engine_memory_limit_mb"] == 8 * 1024
