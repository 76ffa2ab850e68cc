"""Real `pulumi preview --json` documents for the summary renderer's tests, and how to remake them.

Each `Scenario` deploys one organisation to the emulator with the real engine, edits the
spec, and captures the preview of that edit. The captures are committed under
`tests/data/preview/<scenario>.json` (trimmed of timestamps, stack traces and the
emulator's port) so the renderer's tests run in milliseconds; the engine test
`tests/tools/test_preview_summary_on_real_previews.py` captures them again and fails when
today's engine and program produce a different summary. Remake them all with

    .venv/bin/python -m tests.support.preview_scenarios
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from emulator import EmulatorServer
from tests.support.box_only_spec import SMALL_ORG, Org, Person
from tests.support.engine import REPO_ROOT, EngineStack, emulator_target

DATA_DIR = REPO_ROOT / "tests" / "data" / "preview"
ADA, ALAN, GRACE, IT = (
    "ada@contoso.example",
    "alan@contoso.example",
    "grace@contoso.example",
    "it@contoso.example",
)
KATHERINE = Person("katherine@contoso.example", "Katherine Johnson", "Mathematician")
VOLATILE_KEYS = frozenset({"created", "modified", "stackTrace", "sourcePosition", "duration"})


@dataclass(frozen=True)
class Scenario:
    """An organisation deployed first, and the edit whose preview is captured."""

    before: Org
    after: Org


TRANSFERRING = replace(SMALL_ORG, deprovision="transfer", custodian=IT)
DELETING = replace(SMALL_ORG, deprovision="delete")

SCENARIOS: dict[str, Scenario] = {
    "no-change": Scenario(SMALL_ORG, SMALL_ORG),
    # A new person (gain) who joins Research, Ada leaves Research, Alan is renamed, and a
    # new assigned group appears.
    "gains-and-group-changes": Scenario(
        SMALL_ORG,
        SMALL_ORG.with_person(KATHERINE, group="Research")
        .without_member("Research", ADA)
        .renamed(ALAN, "Alan M. Turing")
        .with_group("Design", (GRACE, IT)),
    ),
    # Alan leaves scope (disable), Grace's Entra account is disabled, Research is unassigned.
    "losses-disable": Scenario(
        SMALL_ORG,
        replace(
            SMALL_ORG.out_of_scope(ALAN).disabled(GRACE).without_group("Research"),
            max_deprovisions=2,
        ),
    ),
    "losses-transfer": Scenario(TRANSFERRING, TRANSFERRING.out_of_scope(ALAN)),
    "losses-delete": Scenario(DELETING, DELETING.out_of_scope(ALAN)),
}


def capture(stack: EngineStack, scenario: Scenario) -> dict[str, Any]:
    """Deploy `scenario.before`, write `scenario.after`, return the trimmed preview JSON."""
    stack.write_spec(scenario.before.spec())
    stack.up()
    stack.write_spec(scenario.after.spec())
    preview = stack.preview_json()
    if not preview.ok:
        raise AssertionError(preview.describe())
    document: dict[str, Any] = trimmed(preview.json())
    return document


def trimmed(value: Any) -> Any:
    """The document without timestamps, stack traces and the emulator's port."""
    if isinstance(value, Mapping):
        return {k: trimmed(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [trimmed(item) for item in value]
    if isinstance(value, str):
        return re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:PORT", value)
    return value


def committed(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DATA_DIR / f"{name}.json").read_text())
    return document


def main() -> int:
    """Capture every scenario against a fresh emulator and write it under DATA_DIR."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with EmulatorServer() as box, tempfile.TemporaryDirectory() as scratch:
        for name, scenario in SCENARIOS.items():
            box.reset()
            stack = (
                EngineStack(Path(scratch) / name, name=f"test-{name}")
                .create()
                .connect_box(emulator_target(box.url))
            )
            document = capture(stack, scenario)
            (DATA_DIR / f"{name}.json").write_text(json.dumps(document, indent=2) + "\n")
            print(f"wrote {DATA_DIR / name}.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
