"""`python -m tools.pulumi_toolchain install [--venv DIR]`: set-up's Pulumi CLI step.

Run by `make setup` with the project virtualenv's python; exits non-zero with a message
naming the problem when no strategy can provide the CLI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tools.pulumi_toolchain.from_release import ReleaseUnusableError
from tools.pulumi_toolchain.go_build import GoBuildError
from tools.pulumi_toolchain.go_modules import GoCommandError, GoModuleUnavailableError
from tools.pulumi_toolchain.install import ToolchainBrokenError, install

# What can go wrong on a given machine (as opposed to bugs, which keep their traceback).
SET_UP_FAILURES = (
    GoBuildError,
    GoCommandError,
    GoModuleUnavailableError,
    ReleaseUnusableError,
    ToolchainBrokenError,
    subprocess.CalledProcessError,
    OSError,
)


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
    except SET_UP_FAILURES as failure:
        print(f"error: could not install the Pulumi CLI: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
