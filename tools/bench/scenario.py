"""One size of the benchmark: a fresh emulator and stack, then every measured `pulumi` step.

`__main__` calls `run_size` once per `--users` value. Steps, each on the same stack:
resolve the spec in-process; `pulumi up` from nothing (the initial provisioning, paced by
the rate limit); `pulumi preview --expect-no-changes`; one person added to one group and
`pulumi up`; `pulumi refresh`. `up` and `refresh` run with `--skip-preview`, as CI runs
them after the pull request's preview: the figures are those of the step itself.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from components.sdk_tuning import TUNING_SWITCH
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import EmulatorProcess
from tools.bench.box_calls import MEMBERSHIP_LISTING, USER_LISTING, BoxCalls, RequestLog
from tools.bench.engine import BenchStack, EngineRun
from tools.bench.figures import Report
from tools.bench.organisation import organisation, resolve_seconds
from tools.bench.processes import ROLES
from tools.bench.seeding import seed_box
from tools.pulumi_toolchain.engine import SKIP_CHECKPOINTS

PROVIDER_KEY = "__provider"
KB_PER_MB = 1024
# Go's soft memory limit (https://pkg.go.dev/runtime#hdr-Environment_Variables); the CLI
# inherits it from the benchmark's environment.
GO_MEMORY_LIMIT = "GOMEMLIMIT"


@dataclass(frozen=True)
class Options:
    """How to run each size: Box's rate limit, and the engine settings under test."""

    rate_limit: int
    # Added by the emulator to every answer, to model Box's response time.
    latency_ms: int = 0
    # Let the initial `up` write the engine's checkpoint after every step (its default).
    checkpoints: bool = False
    # Leave the engine's automatic log in PULUMI_HOME/logs on (its default).
    automatic_logs: bool = True
    # `entra-box:userModel`: user shards (the program's default), or one resource per person.
    user_model: str = "shards"
    # False: the program runs without components/sdk_tuning (ENTRA_BOX_SDK_TUNING=off).
    sdk_tuning: bool = True
    # Each command writes the engine's CPU and memory profiles (`pulumi --profiling`).
    profile_engine: bool = False


def box_config(url: str, rate_limit: int, user_model: str = "shards") -> dict[str, str]:
    """The stack's plaintext config: the emulator, paced at its rate limit; the user model."""
    return {
        "entra-box:userModel": user_model,
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

    def step(
        self, name: str, *args: str, env: Mapping[str, str] | None = None
    ) -> tuple[EngineRun, BoxCalls]:
        """Run one `pulumi` command with an empty request log; report its time and CPU."""
        self.log.clear()
        run = self.stack.pulumi(*args, env=env)
        for role, kb in run.peak_kb.items():
            self.peak_kb[role] = max(self.peak_kb.get(role, 0), kb)
        self.report.add(f"{name}_s", run.seconds, "s")
        for role in ROLES:
            self.report.add(f"{name}_cpu_s_{role}", run.cpu_seconds[role], "s")
        # Which step the session's peak comes from (`peak_rss_mb_*` is over every step).
        engine_mb = run.peak_kb.get("engine", 0) / KB_PER_MB
        self.report.add(f"{name}_peak_rss_mb_engine", engine_mb, "MB")
        return run, self.log.read()


def run_size(users: int, options: Options, root: Path, report: Report) -> None:
    """Every figure of one organisation size, reported as it is measured."""
    org = organisation(users)
    limits = ("--rate-limit", str(options.rate_limit), "--latency", str(options.latency_ms))
    with EmulatorProcess(*limits) as box:
        stack = BenchStack(
            root, automatic_logs=options.automatic_logs, profile=options.profile_engine
        ).create(
            box_config(box.url, options.rate_limit, options.user_model),
            {"box:clientSecret": DEFAULT_CLIENT_SECRET},
        )
        _untuned(stack, options)
        session = _Session(stack, RequestLog(box.url), report)
        _settings(users, options, report)
        stack.write_spec(org.initial_spec)
        _resolve(session)
        _initial(session, users, options)
        _preview(session)
        stack.write_spec(org.one_change_spec)
        _one_change(session)
        _refresh(session)
        _memory(session)
        report.add("load_average_1m", os.getloadavg()[0], "processes")


def _settings(users: int, options: Options, report: Report) -> None:
    """What a size runs with, printed before its figures."""
    report.add("users", users, "users")
    report.add(f"user_model_{options.user_model.replace('-', '_')}", 1, "flag")
    report.add("sdk_tuning", int(options.sdk_tuning), "flag")
    limit = go_memory_limit_mb(os.environ.get(GO_MEMORY_LIMIT, ""))
    if limit is not None:
        # Go's own soft memory limit, read by the CLI: it trades the engine's time for its
        # memory (docs/performance-shards.md), so a run under one says so.
        report.add("engine_memory_limit_mb", limit, "MB")
    report.add("load_average_1m", os.getloadavg()[0], "processes")


_GO_UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}


def go_memory_limit_mb(text: str) -> float | None:
    """`GOMEMLIMIT` in MB (`400MiB`, `2GiB`, bytes), or None when unset, `off` or unreadable."""
    match = re.fullmatch(r"(\d+)([KMGT]iB|B)?", text)
    if match is None:
        return None
    return int(match[1]) * _GO_UNITS[match[2] or "B"] / (1 << 20)


# The adopting `up` of a seeded run is setup, not a figure: Box's pace does not bind it.
SEEDING_RATE_LIMIT = 600_000


def run_seeded(users: int, options: Options, root: Path, report: Report) -> None:
    """`make bench-100k`: the same figures from a Box and a stack already provisioned.

    Box is seeded directly with the resolved spec (`seeding.seed_box`); the stack's state is
    produced by the tool itself, a `pulumi up` that adopts every account and group at an
    unthrottled pace (`up_adopt_s`, not a target); then the measured steps run as in
    `run_size`, against the same Box paced at `--rate-limit`.
    """
    org = organisation(users)
    root.mkdir(parents=True, exist_ok=True)
    box_state, seed_spec = root / "box.sqlite", root / "seed-spec.yaml"
    seed_spec.write_text(org.initial_spec, encoding="utf-8")
    _settings(users, options, report)
    _, desired = resolve_seconds(seed_spec)
    report.add("seeded_rows", seed_box(box_state, desired.box), "rows")
    stack = BenchStack(root, automatic_logs=options.automatic_logs, profile=options.profile_engine)
    _untuned(stack, options)
    with EmulatorProcess("--state", str(box_state), "--rate-limit", str(SEEDING_RATE_LIMIT)) as box:
        config = box_config(box.url, SEEDING_RATE_LIMIT, options.user_model)
        stack.create(config, {"box:clientSecret": DEFAULT_CLIENT_SECRET})
        stack.write_spec(org.initial_spec)
        session = _Session(stack, RequestLog(box.url), report)
        _resolve(session)
        _, calls = session.step("up_adopt", "up", "--yes", "--skip-preview", env=SKIP_CHECKPOINTS)
        report.add("box_calls_adopt", calls.total, "calls")
        report.add("box_writes_adopt", calls.writes, "calls")
        box.stop()
    limits = ("--rate-limit", str(options.rate_limit), "--latency", str(options.latency_ms))
    with EmulatorProcess("--state", str(box_state), *limits) as box:
        paced = box_config(box.url, options.rate_limit, options.user_model)
        stack.pulumi(
            "config", "set-all", *(a for k, v in paced.items() for a in ("--plaintext", f"{k}={v}"))
        )
        session = _Session(stack, RequestLog(box.url), report)
        report.add("state_bytes_per_user", stack.checkpoint().stat().st_size / users, "bytes")
        _preview(session)
        stack.write_spec(org.one_change_spec)
        _one_change(session)
        _refresh(session)
        _memory(session)
        report.add("load_average_1m", os.getloadavg()[0], "processes")


def _untuned(stack: BenchStack, options: Options) -> None:
    if not options.sdk_tuning:
        stack.env[TUNING_SWITCH] = "off"


def _resolve(session: _Session) -> None:
    seconds, desired = resolve_seconds(session.stack.spec_path)
    memberships = sum(len(group.members) for group in desired.box.groups)
    session.report.add("groups", len(desired.box.groups), "groups")
    session.report.add("memberships", memberships, "memberships")
    session.report.add("resolve_s", seconds, "s")


def _initial(session: _Session, users: int, options: Options) -> None:
    env = None if options.checkpoints else SKIP_CHECKPOINTS
    run, calls = session.step("up_initial", "up", "--yes", "--skip-preview", env=env)
    floor_s = calls.total / options.rate_limit * 60
    report = session.report
    report.add("box_calls_initial", calls.total, "calls")
    report.add("box_429_initial", calls.rate_limited, "calls")
    report.add("rate_limit_rpm", options.rate_limit, "requests/min")
    report.add("box_latency_ms", options.latency_ms, "ms")
    report.add("up_initial_floor_s", floor_s, "s")
    report.add("up_initial_floor_ratio", run.seconds / floor_s, "x")
    checkpoint = session.stack.checkpoint()
    report.add("state_bytes_per_user", checkpoint.stat().st_size / users, "bytes")
    report.add("provider_bytes_per_resource", max(provider_sizes(checkpoint)), "bytes")


def _preview(session: _Session) -> None:
    _, calls = session.step("preview_noop", "preview", "--expect-no-changes")
    session.report.add("box_calls_preview_noop", calls.total, "calls")


def _one_change(session: _Session) -> None:
    _, calls = session.step("up_one_change", "up", "--yes", "--skip-preview")
    session.report.add("box_calls_one_change", calls.total, "calls")
    session.report.add("box_writes_one_change", calls.writes, "calls")


def _refresh(session: _Session) -> None:
    _, calls = session.step("refresh", "refresh", "--yes", "--skip-preview")
    session.report.add("box_calls_refresh", calls.total, "calls")
    session.report.add("box_user_listing_calls_refresh", calls.route(USER_LISTING), "calls")
    session.report.add(
        "box_membership_listing_calls_refresh", calls.route(MEMBERSHIP_LISTING), "calls"
    )


def _memory(session: _Session) -> None:
    for role in ROLES:
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
