"""One size of the benchmark: a fresh emulator and stack, then every measured `pulumi` step.

`__main__` calls `run_size` once per `--users` value. Steps, each on the same stack:
resolve the spec in-process; `pulumi up` from nothing (the initial provisioning, paced by
the rate limit); `pulumi preview --expect-no-changes`; one person added to one group and
`pulumi up`; `pulumi refresh`. `up` and `refresh` run with `--skip-preview`, as CI runs
them after the pull request's preview: the figures are those of the step itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import EmulatorProcess
from tools.bench.box_calls import (
    MEMBERSHIP_LISTING,
    USER_LISTING,
    BoxCalls,
    RequestLog,
)
from tools.bench.engine import BenchStack, EngineRun
from tools.bench.figures import Report
from tools.bench.organisation import organisation, resolve_seconds

PROVIDER_KEY = "__provider"
KB_PER_MB = 1024
# The file backend rewrites the whole checkpoint after every step: quadratic for a bulk
# create. See "Checkpoints" in tools/README-performance.md for why skipping them is safe here.
BULK_ENV = {"PULUMI_SKIP_CHECKPOINTS": "true"}


def box_config(url: str, rate_limit: int) -> dict[str, str]:
    """The stack's plaintext `box:*` config: the emulator, paced at its rate limit."""
    return {
        "box:baseUrl": url,
        "box:clientId": DEFAULT_CLIENT_ID,
        "box:enterpriseId": DEFAULT_ENTERPRISE_ID,
        "box:maxRequestsPerMinute": str(rate_limit),
    }


class _Session:
    """A stack, the emulator's request log and the report, for the steps of one size."""

    def __init__(self, stack: BenchStack, log: RequestLog, report: Report) -> None:
        self.stack = stack
        self.log = log
        self.report = report
        self.peak_kb: dict[str, int] = {}

    def step(self, *args: str, env: Mapping[str, str] | None = None) -> tuple[EngineRun, BoxCalls]:
        """Run one `pulumi` command with an empty request log; its run and its Box calls."""
        self.log.clear()
        run = self.stack.pulumi(*args, env=env)
        for role, kb in run.peak_kb.items():
            self.peak_kb[role] = max(self.peak_kb.get(role, 0), kb)
        return run, self.log.read()


def run_size(users: int, rate_limit: int, root: Path, report: Report) -> None:
    """Every figure of one organisation size, reported as it is measured."""
    org = organisation(users)
    with EmulatorProcess("--rate-limit", str(rate_limit)) as box:
        stack = BenchStack(root).create(
            box_config(box.url, rate_limit), {"box:clientSecret": DEFAULT_CLIENT_SECRET}
        )
        session = _Session(stack, RequestLog(box.url), report)
        stack.write_spec(org.initial_spec)
        _resolve(session, users)
        _initial(session, users, rate_limit)
        _preview(session)
        stack.write_spec(org.one_change_spec)
        _one_change(session)
        _refresh(session)
        _memory(session)


def _resolve(session: _Session, users: int) -> None:
    seconds, desired = resolve_seconds(session.stack.spec_path)
    memberships = sum(len(group.members) for group in desired.box.groups)
    session.report.add("users", users, "users")
    session.report.add("groups", len(desired.box.groups), "groups")
    session.report.add("memberships", memberships, "memberships")
    session.report.add("resolve_s", seconds, "s")


def _initial(session: _Session, users: int, rate_limit: int) -> None:
    run, calls = session.step("up", "--yes", "--skip-preview", env=BULK_ENV)
    floor_s = calls.total / rate_limit * 60
    report = session.report
    report.add("up_initial_s", run.seconds, "s")
    report.add("box_calls_initial", calls.total, "calls")
    report.add("box_429_initial", calls.rate_limited, "calls")
    report.add("rate_limit_rpm", rate_limit, "requests/min")
    report.add("up_initial_floor_s", floor_s, "s")
    report.add("up_initial_floor_ratio", run.seconds / floor_s, "x")
    checkpoint = session.stack.checkpoint()
    report.add("state_bytes_per_user", checkpoint.stat().st_size / users, "bytes")
    report.add("provider_bytes_per_resource", max(provider_sizes(checkpoint)), "bytes")


def _preview(session: _Session) -> None:
    run, calls = session.step("preview", "--expect-no-changes")
    session.report.add("preview_noop_s", run.seconds, "s")
    session.report.add("box_calls_preview_noop", calls.total, "calls")


def _one_change(session: _Session) -> None:
    run, calls = session.step("up", "--yes", "--skip-preview")
    session.report.add("up_one_change_s", run.seconds, "s")
    session.report.add("box_calls_one_change", calls.total, "calls")
    session.report.add("box_writes_one_change", calls.writes, "calls")


def _refresh(session: _Session) -> None:
    run, calls = session.step("refresh", "--yes", "--skip-preview")
    session.report.add("refresh_s", run.seconds, "s")
    session.report.add("box_calls_refresh", calls.total, "calls")
    session.report.add("box_user_listing_calls_refresh", calls.route(USER_LISTING), "calls")
    session.report.add(
        "box_membership_listing_calls_refresh", calls.route(MEMBERSHIP_LISTING), "calls"
    )


def _memory(session: _Session) -> None:
    for role in ("engine", "program", "provider"):
        megabytes = session.peak_kb.get(role, 0) / KB_PER_MB
        session.report.add(f"peak_rss_mb_{role}", megabytes, "MB")


def provider_sizes(checkpoint: Path) -> Sequence[int]:
    """The length of every resource's serialized provider in a file-backend checkpoint."""
    deployment = json.loads(checkpoint.read_text(encoding="utf-8"))["checkpoint"]["latest"]
    return [
        len(resource["outputs"][PROVIDER_KEY])
        for resource in deployment.get("resources") or []
        if PROVIDER_KEY in (resource.get("outputs") or {})
    ] or [0]
