"""`python -m tools.pulumi_toolchain install [--venv DIR]`: set-up's Pulumi CLI step.

Run by `make setup` with the project virtualenv's python; exits non-zero with a message
naming the problem when no strategy can provide the CLI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.pulumi_toolchain.cache import CACHE_ENV
from tools.pulumi_toolchain.install import install


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pulumi_toolchain")
    commands = parser.add_subparsers(dest="command", required=True)
    installer = commands.add_parser("install", help="install the Pulumi CLI into the virtualenv")
    installer.add_argument(
        "--venv", type=Path, default=Path(sys.prefix), help="default: this python's"
    )
    arguments = parser.parse_args(argv)
    try:
        install(arguments.venv.absolute())
    except Exception as failure:
        print(f"error: could not install the Pulumi CLI: {failure}", file=sys.stderr)
        print(f"(the build cache is ${CACHE_ENV} or ~/.cache/entra-box/pulumi)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
