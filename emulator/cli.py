"""`python -m emulator`: run the Box emulator until SIGTERM or SIGINT.

Prints `Box emulator listening on http://HOST:PORT` as its first line (flushed), so that a
parent process can read the URL, then serves until told to stop and exits with status 0.
Called by `emulator/__main__.py`; the demo and end-to-end tests start it as a subprocess.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from emulator.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_ENTERPRISE_ID,
    DEFAULT_TOKEN_TTL_SECONDS,
    ERROR_TIMINGS,
    EmulatorConfig,
    FaultConfig,
)
from emulator.server import EmulatorServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m emulator",
        description="A local Box API emulator (see docs/emulator.md).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    parser.add_argument("--port", type=int, default=0, help="port to bind (default 0: a free one)")
    parser.add_argument("--state", type=Path, help="SQLite file keeping the data across restarts")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEFAULT_CLIENT_SECRET)
    parser.add_argument("--enterprise-id", default=DEFAULT_ENTERPRISE_ID)
    parser.add_argument(
        "--token-ttl", type=int, default=DEFAULT_TOKEN_TTL_SECONDS, metavar="SECONDS"
    )
    parser.add_argument(
        "--jwt-public-key",
        action="append",
        default=[],
        metavar="KEY_ID=PEM_FILE",
        help="a public key added to the app, for JWT sign-in (repeatable)",
    )
    faults = parser.add_argument_group("faults")
    faults.add_argument("--rate-limit", type=int, metavar="N", help="requests per minute, then 429")
    faults.add_argument(
        "--error-rate", type=float, default=0.0, metavar="F", help="fraction of 5xx"
    )
    faults.add_argument("--error-timing", choices=ERROR_TIMINGS, default="before")
    faults.add_argument("--latency", type=int, default=0, metavar="MS", help="delay per request")
    faults.add_argument("--drop-rate", type=float, default=0.0, metavar="F")
    faults.add_argument("--seed", type=int, help="seed for reproducible faults")
    return parser


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    faults = FaultConfig(
        rate_limit=args.rate_limit,
        error_rate=args.error_rate,
        error_timing=args.error_timing,
        latency_ms=args.latency,
        drop_rate=args.drop_rate,
        seed=args.seed,
    )
    return EmulatorConfig(
        host=args.host,
        port=args.port,
        state_path=args.state,
        client_id=args.client_id,
        client_secret=args.client_secret,
        enterprise_id=args.enterprise_id,
        token_ttl=args.token_ttl,
        faults=faults,
        jwt_public_keys=_public_keys(args.jwt_public_key),
    )


def _public_keys(pairs: Sequence[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for pair in pairs:
        key_id, _, path = pair.partition("=")
        if not key_id or not path:
            raise SystemExit(f"--jwt-public-key {pair!r}: write KEY_ID=PEM_FILE")
        keys[key_id] = Path(path).read_text(encoding="utf-8")
    return keys


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except ValueError as error:
        parser.error(str(error))
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server = EmulatorServer(config).start()
    print(f"Box emulator listening on {server.url}", flush=True)
    print(
        f"client id {config.client_id}, enterprise id {config.enterprise_id}; "
        f"admin endpoints under {server.url}/_emulator/",
        file=sys.stderr,
        flush=True,
    )
    while not stopping.wait(timeout=1.0):
        pass
    server.stop()
    return 0
