"""The Pulumi CLI for entra-box: set-up installs it, the demo and the tests run it.

`python -m tools.pulumi_toolchain install` (run by `make setup`) puts the CLI matching the
pinned Python SDK, its Python language host and launchers into `.venv/bin` (see
`install.py` for where they come from). The demo and the tests run it through
`engine.pulumi_executable()` and `engine.engine_env()`.
"""

from tools.pulumi_toolchain.engine import engine_env, pulumi_executable

__all__ = ["engine_env", "pulumi_executable"]
