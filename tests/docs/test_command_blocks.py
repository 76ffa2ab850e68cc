"""Every command the README and `docs/` show runs, as written, against the Box emulator.

Each page's command blocks (`markdown_blocks`) run in order in one `bash -euo pipefail`
session, as a reader following the page in one terminal would, inside a temporary copy of
this checkout (its files as git sees them, `.venv` linked) with a private Pulumi backend
and home. Placeholders a reader fills in (`<stack>`) are replaced by the test's values
(`PLACEHOLDERS`). A page marked `given a deployed stack` first gets the demo spec deployed
to the emulator as that stack. Blocks that cannot run here carry a `skip (reason)` marker;
the non-engine tests below fail for any command block, or indented command, without one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from emulator import EmulatorServer
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from tests.docs.markdown_blocks import (
    REPO_ROOT,
    Block,
    blocks,
    indented_commands,
    markers,
    needs_a_deployed_stack,
    pages,
)
from tests.support.engine import PASSPHRASE, EngineStack, emulator_target

STACK = "docs"
# What a reader types in place of each placeholder, here.
PLACEHOLDERS = {
    "<stack>": STACK,
    "<client id>": DEFAULT_CLIENT_ID,
    "<enterprise id>": DEFAULT_ENTERPRISE_ID,
    "<tenant id>": "11111111-2222-3333-4444-555555555555",
}
PAGE_TIMEOUT_SECONDS = 600


def command_blocks(page: Path) -> list[Block]:
    return [block for block in blocks(page) if block.is_command]


def runnable_pages() -> list[Path]:
    return [
        page for page in pages() if any(block.skip_reason is None for block in command_blocks(page))
    ]


ALL_COMMAND_BLOCKS = [block for page in pages() for block in command_blocks(page)]


@pytest.mark.parametrize("block", ALL_COMMAND_BLOCKS, ids=lambda block: block.where)
def test_every_command_block_runs_or_says_why_not(block: Block) -> None:
    if block.skip_reason is not None:
        assert len(block.skip_reason) > 10, f"{block.where}: say why it cannot run here"
    else:
        assert block.commands().strip(), f"{block.where}: an empty command block"


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_no_command_hides_in_an_indented_code_block(page: Path) -> None:
    assert indented_commands(page) == [], (
        f"{page.name}: put commands in a ```sh block (run by this test) or mark it skipped"
    )


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_every_fenced_block_names_its_language(page: Path) -> None:
    unnamed = [block.where for block in blocks(page) if not block.language]
    assert unnamed == [], "name each block's language: sh for commands, text for output"


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_markers_are_ones_the_test_understands(page: Path) -> None:
    for line, body in markers(page):
        assert body.startswith("skip (") or body == "given a deployed stack", f"line {line}"


@pytest.mark.engine
@pytest.mark.parametrize("page", runnable_pages(), ids=lambda page: page.name)
def test_the_pages_commands_run_against_the_emulator(
    page: Path, tmp_path: Path, box: EmulatorServer
) -> None:
    project = tmp_path / "project"
    _copy_checkout(project)
    stack = EngineStack(tmp_path, name=STACK)
    stack.backend_dir.mkdir()
    if needs_a_deployed_stack(page):
        _deploy_the_demo_spec(stack, box)
    script = _script(page, project)

    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=project,
        env=_reader_env(stack),
        capture_output=True,
        text=True,
        timeout=PAGE_TIMEOUT_SECONDS,
        check=False,
    )

    assert run.returncode == 0, _failure(run)


def _copy_checkout(project: Path) -> None:
    # The files git would commit (tracked or new, not ignored), with their times, so that
    # `make`'s set-up targets see the linked virtualenv as current and change nothing.
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    (project / ".venv").symlink_to(REPO_ROOT / ".venv")
    up_to_date = subprocess.run(["make", "-q", "deps"], cwd=project, check=False)
    assert up_to_date.returncode == 0, "the virtualenv is stale: run `make setup` first"


def _deploy_the_demo_spec(stack: EngineStack, box: EmulatorServer) -> None:
    # As "Adding an environment" has it: a spec, a connected stack and a policy config.
    policies = stack.project_dir / "policies" / "config"
    shutil.copy2(policies / "demo.json", policies / f"{STACK}.json")
    stack.create().connect_box(emulator_target(box.url))
    stack.write_spec((REPO_ROOT / "stacks" / "demo.yaml").read_text(encoding="utf-8"))
    stack.up()


def _script(page: Path, project: Path) -> str:
    # Background processes a page starts (an emulator) end with the script, even on failure.
    lines = ["trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for block in command_blocks(page):
        if block.skip_reason is not None:
            continue
        text = block.commands()
        for placeholder, value in PLACEHOLDERS.items():
            text = text.replace(placeholder, value)
        lines += [f"echo '>>> {block.where}' >&2", f"cd {project}", text]
    return "\n".join(lines)


def _reader_env(stack: EngineStack) -> dict[str, str]:
    # The stack the page calls <stack> lives in the test's backend; a page that sets its
    # own (the demo's) exports it. Values a page takes from the environment are here.
    env = dict(stack.env)
    env.update(
        PULUMI_CONFIG_PASSPHRASE=PASSPHRASE,
        NEW_SECRET=DEFAULT_CLIENT_SECRET,
        BOX_CLIENT_SECRET=DEFAULT_CLIENT_SECRET,
        HOME=os.environ.get("HOME", str(stack.root)),
    )
    env.pop("PULUMI_STACK", None)
    return env


def _failure(run: subprocess.CompletedProcess[str]) -> str:
    blocks_run = [line for line in run.stderr.splitlines() if line.startswith(">>> ")]
    where = blocks_run[-1][4:] if blocks_run else "before the first block"
    return (
        f"the block at {where} failed (exit {run.returncode})\n"
        f"--- stdout (end) ---\n{run.stdout[-6000:]}\n--- stderr (end) ---\n{run.stderr[-6000:]}"
    )
