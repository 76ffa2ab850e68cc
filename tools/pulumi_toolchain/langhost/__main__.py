"""`python -m tools.pulumi_toolchain.langhost [flags] ENGINE_ADDRESS`: start the fallback host.

The engine starts language hosts with its address as the only positional argument,
possibly preceded by its logging/tracing flags (`--logtostderr`, `-v=N`, `--tracing URL`);
set-up's launcher adds `--use-executor`. Flags are accepted with one or two dashes, as
Go's `flag` package does for Pulumi's host.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from pathlib import Path

from tools.pulumi_toolchain.langhost.server import HostSettings, serve


def parse_arguments(argv: list[str]) -> HostSettings:
    parser = argparse.ArgumentParser(prog="pulumi-language-python (entra-box fallback)")
    parser.add_argument("--use-executor", "-use-executor", type=Path, required=True)
    parser.add_argument("--tracing", "-tracing", default="")
    parser.add_argument("engine_address", nargs="?", default="")
    known, _ = parser.parse_known_args(argv)  # logging flags mean nothing here
    return HostSettings(
        version=f"v{importlib.metadata.version('pulumi')}",
        executor=known.use_executor,
        engine_address=known.engine_address,
        tracing=known.tracing,
    )


if __name__ == "__main__":
    serve(parse_arguments(sys.argv[1:]))
