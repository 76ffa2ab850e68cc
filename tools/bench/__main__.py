"""`python -m tools.bench` (`make bench`): entra-box at enterprise scale, real engine, real HTTP.

For each `--users` size (default 1,000, 3,000 and 10,000) it starts the Box emulator in a
subprocess with `--rate-limit R`, runs the entra-box program on a Box-only stack with the
Pulumi CLI `make setup` installed, and prints one `name: value unit` line per figure (see
docs/performance.md for what each means and what limits it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools.bench import entra_reads
from tools.bench.engine import EngineCommandError
from tools.bench.figures import Report
from tools.bench.organisation import MIN_USERS
from tools.bench.scenario import Options, run_seeded, run_size

DEFAULT_SIZES = (1_000, 3_000, 10_000)
# Why this rate: see "Choosing R" in docs/performance.md.
DEFAULT_RATE_LIMIT = 6_000


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of user counts, e.g. 1000,3000"
        ) from None
    if not sizes or min(sizes) < MIN_USERS:
        raise argparse.ArgumentTypeError(f"every size must be at least {MIN_USERS} users")
    return sizes


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of milliseconds")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument(
        "--users",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated organisation sizes (default 1000,3000,10000)",
    )
    parser.add_argument(
        "--rate-limit",
        type=_positive,
        default=DEFAULT_RATE_LIMIT,
        metavar="R",
        help=f"Box requests per minute, enforced by the emulator (default {DEFAULT_RATE_LIMIT})",
    )
    parser.add_argument(
        "--latency",
        type=_non_negative,
        default=0,
        metavar="MS",
        help="milliseconds the emulator adds to every answer, to model Box's (default 0)",
    )
    parser.add_argument(
        "--checkpoints",
        action="store_true",
        help="let the initial `pulumi up` write a checkpoint after every step (the engine's "
        "default; quadratic in the number of resources, so slow above a few thousand users)",
    )
    parser.add_argument(
        "--no-automatic-logs",
        dest="automatic_logs",
        action="store_false",
        help="run the CLI without its automatic log in PULUMI_HOME/logs, to measure its cost",
    )
    parser.add_argument(
        "--user-model",
        choices=("per-user", "shards"),
        default="shards",
        help="how the stack holds Box users (stack config entra-box:userModel): user shards "
        "(the default, docs/performance-shards.md) or one resource per person",
    )
    parser.add_argument(
        "--no-sdk-tuning",
        dest="sdk_tuning",
        action="store_false",
        help="run the program without components/sdk_tuning (ENTRA_BOX_SDK_TUNING=off), to "
        "measure whether it is still needed",
    )
    parser.add_argument(
        "--profile-engine",
        action="store_true",
        help="have each pulumi command write the engine's CPU and memory profiles beside its "
        "log in the work directory (`pulumi --profiling`), for `go tool pprof`",
    )
    parser.add_argument(
        "--seeded",
        action="store_true",
        help="start from a Box seeded with the organisation and a stack state made by a "
        "`pulumi up` that adopts it (make bench-100k), instead of provisioning from nothing",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep each size's project, state and logs under this directory (default: a "
        "temporary directory, removed afterwards)",
    )
    return parser


def run(
    sizes: Sequence[int],
    options: Options,
    workdir: Path | None,
    report: Report,
    *,
    seeded: bool = False,
) -> None:
    """Every size in turn, in `workdir` (kept) or a temporary directory (removed)."""
    scenario = run_seeded if seeded else run_size
    with tempfile.TemporaryDirectory(prefix="entra-box-bench-") as scratch:
        root = workdir or Path(scratch)
        for users in sizes:
            if not seeded:
                entra_reads.measure(users, report)
        for users in sizes:
            scenario(users, options, root / f"users-{users}", report)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        options = Options(
            rate_limit=arguments.rate_limit,
            latency_ms=arguments.latency,
            checkpoints=arguments.checkpoints,
            automatic_logs=arguments.automatic_logs,
            user_model=arguments.user_model,
            sdk_tuning=arguments.sdk_tuning,
            profile_engine=arguments.profile_engine,
        )
        run(arguments.users, options, arguments.workdir, Report(), seeded=arguments.seeded)
    except EngineCommandError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
