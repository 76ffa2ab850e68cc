"""The admin docs say what the code does: their commands run, their settings exist.

`docs/onboarding.md`'s `python -m components` command blocks run verbatim (the virtualenv's
python being this one) in a stack named `prod` against a hand-made emulator tenant, in the
order the page gives them, followed by the preview and `pulumi up` the page asks for; the
up writes nothing to Box. `docs/box-app-setup.md`'s table of `box:*` settings lists exactly
the keys the Box settings read.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from box_sdk_gen import BoxClient

from components.box.settings import CONFIG_KEYS
from emulator import EmulatorServer
from tests.conftest import NewEngineStack
from tests.e2e.conftest import box_writes
from tests.support.engine import REPO_ROOT
from tests.support.hand_made_tenant import make_tenant

DOCS = REPO_ROOT / "docs"
_BLOCK = re.compile(r"```sh\n(?P<body>.*?)```", re.DOTALL)


def commands(page: Path, stack: str) -> list[str]:
    """Every line of the page's `sh` blocks, in order, `<stack>` filled in."""
    return [
        line.strip().replace("<stack>", stack)
        for block in _BLOCK.finditer(page.read_text())
        for line in block.group("body").splitlines()
        if line.strip()
    ]


def test_the_box_settings_table_lists_exactly_the_keys_entra_box_reads() -> None:
    text = (DOCS / "box-app-setup.md").read_text()
    table = set(re.findall(r"^\| `(box:[A-Za-z]+)` \|", text, re.MULTILINE))

    assert table == set(CONFIG_KEYS)


@pytest.mark.engine
def test_the_onboarding_page_s_commands_run_against_a_tenant_and_the_first_up_writes_nothing(
    new_engine_stack: NewEngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    make_tenant(box_client)
    stack = new_engine_stack("prod")
    ours = [c for c in commands(DOCS / "onboarding.md", "prod") if "-m components" in c]
    assert len(ours) == 3, ours

    for command in ours:
        args = shlex.split(command.replace(".venv/bin/python", shlex.quote(sys.executable)))
        done = subprocess.run(
            args, cwd=stack.project_dir, env=stack.env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
    assert (stack.project_dir / "stacks" / "prod.yaml").is_file()
    box.request_log.clear()

    assert stack.preview("--diff").ok
    stack.up()

    assert box_writes(box) == []
    assert len(stack.recorded_users()) == 3
