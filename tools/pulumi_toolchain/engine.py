"""How the demo and the tests run the Pulumi CLI that set-up installed.

`pulumi_executable()` is `<venv>/bin/pulumi`; `engine_env(...)` is the environment to run
it with. The one setting that matters most: `PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION`.
The Python host reports every resource-plugin package installed in the virtualenv
(`pulumi-azuread` among them) and the engine then tries to download each plugin that is
missing, before running the program, even when the stack never uses it; where Pulumi's
download site is out of reach, that fails the run. With the variable set the engine skips
those downloads and loads a plugin only when a resource actually needs it, so a Box-only
stack runs without the azuread plugin (a stack that does use it still fails, saying the
plugin is missing). Used by `tools/` demo code and `tests/`.

Also shared by everything that runs the entra-box program in a scratch project (the engine
tests, the benchmark, CI's deploys): `copy_project` and `SKIP_CHECKPOINTS`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

NO_PLUGIN_DOWNLOADS = {"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true"}
# The file backend rewrites the whole checkpoint after every step, so a large `up` grows
# quadratically (about 3 hours instead of 8 minutes for 10,000 people; see
# docs/performance.md). Skipping the intermediate checkpoints is safe here because every Box
# operation replays harmlessly (create-or-adopt, idempotent updates and deprovisions), and the
# recovery after an interrupted run is documented under "Operating safely".
SKIP_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true"}
REPO_ROOT = Path(__file__).resolve().parents[2]
PROGRAM_FILES = ("__main__.py",)


def venv_bin(venv: Path | None = None) -> Path:
    """The virtualenv's `bin` (default: the virtualenv of the running interpreter)."""
    return (venv or Path(sys.prefix)) / "bin"


def pulumi_executable(venv: Path | None = None) -> Path:
    """The CLI set-up installed (`make setup`); absent until set-up has run."""
    return venv_bin(venv) / "pulumi"


def engine_env(
    *,
    backend_url: str | None = None,
    passphrase: str | None = None,
    pulumi_home: Path | None = None,
    venv: Path | None = None,
    base: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment for running `pulumi_executable()`.

    `base` (default: this process's environment) with: the virtualenv's `bin` first on PATH
    (so the CLI and every plugin it looks up on PATH are set-up's), no automatic plugin
    downloads, no update check, and optionally the backend (`file://<dir>` for a local
    one), the passphrase secrets provider's passphrase and a private PULUMI_HOME.
    """
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([str(venv_bin(venv)), env.get("PATH", "")])
    env.update(NO_PLUGIN_DOWNLOADS)
    env["PULUMI_SKIP_UPDATE_CHECK"] = "true"
    if backend_url is not None:
        env["PULUMI_BACKEND_URL"] = backend_url
    if passphrase is not None:
        env["PULUMI_CONFIG_PASSPHRASE"] = passphrase
    if pulumi_home is not None:
        env["PULUMI_HOME"] = str(pulumi_home)
    return env


def copy_project(target: Path) -> None:
    """This checkout's `Pulumi.yaml` (virtualenv and plugin paths made absolute) and program files.

    The `components` package comes from the editable install, so the code that runs is this
    checkout's; the project's `stackConfigDir` is created so stack config lands in `target`.
    """
    target.mkdir(parents=True, exist_ok=True)
    project = yaml.safe_load((REPO_ROOT / "Pulumi.yaml").read_text(encoding="utf-8"))
    project["runtime"]["options"]["virtualenv"] = sys.prefix
    for plugin in project.get("plugins", {}).get("providers", []):
        # The dynamic-provider host (docs/operating-safely.md: "Security").
        plugin["path"] = str(venv_bin())
    (target / "Pulumi.yaml").write_text(yaml.safe_dump(project, sort_keys=False))
    for name in PROGRAM_FILES:
        shutil.copy2(REPO_ROOT / name, target / name)
    (target / project.get("stackConfigDir", ".")).mkdir(parents=True, exist_ok=True)
