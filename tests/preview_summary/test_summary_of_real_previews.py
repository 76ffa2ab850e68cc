"""The PR summary of real `pulumi preview --json` output (captured from the engine, see
tests/support/preview_scenarios.py): who gains, who loses and how, which groups change."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from tests.support.preview_scenarios import DATA_DIR
from tools.preview_summary.__main__ import main


def summary(tmp_path: Path, *scenarios: str, extra: dict[str, str] | None = None) -> str:
    """`python -m tools.preview_summary DIR` over the captured previews of `scenarios`."""
    for name in scenarios:
        shutil.copy2(DATA_DIR / f"{name}.json", tmp_path / f"{name}.json")
    for file_name, text in (extra or {}).items():
        (tmp_path / file_name).write_text(text)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([str(tmp_path)]) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("scenario", "lines"),
    [
        (
            "no-change",
            ["- `no-change`: no changes", "No changes: Box and Entra already match the spec."],
        ),
        (
            "gains-and-group-changes",
            [
                "- `gains-and-group-changes`: 1 person gains Box access, 2 groups change",
                "**Gain Box access** (1)",
                "- `katherine@contoso.example` (Katherine Johnson): new Box user",
                '- `alan@contoso.example` (Alan M. Turing): name "Alan Turing" -> "Alan M. Turing"',
                "- `Design`: new group; members: `grace@contoso.example`, `it@contoso.example`",
                "- `Research`: + `katherine@contoso.example`; - `ada@contoso.example`",
            ],
        ),
        (
            "losses-disable",
            [
                "- `losses-disable`: 2 people lose Box access, 2 groups change",
                "- `alan@contoso.example` (Alan Turing): disabled (status inactive; account and "
                "content kept)",
                "- `grace@contoso.example` (Grace Hopper): set inactive by the spec (status "
                "inactive; content kept)",
                "- `Engineering`: - `alan@contoso.example`",
                "- `Research`: removed from Box; its members keep their accounts: "
                "`ada@contoso.example`, `grace@contoso.example`",
            ],
        ),
        (
            "losses-transfer",
            [
                "- `alan@contoso.example` (Alan Turing): content transferred to "
                "it@contoso.example, then the account deleted (transfer)",
            ],
        ),
        (
            "losses-delete",
            [
                "- `alan@contoso.example` (Alan Turing): account deleted with all its content "
                "(delete)"
            ],
        ),
    ],
)
def test_each_real_preview_is_summarised_as_the_access_changes_it_holds(
    tmp_path: Path, scenario: str, lines: list[str]
) -> None:
    text = summary(tmp_path, scenario)

    missing = [line for line in lines if line not in text.splitlines()]
    assert missing == [], text


def test_bookkeeping_updates_of_people_whose_access_does_not_change_are_left_out(
    tmp_path: Path,
) -> None:
    # Unassigning Research changes how Ada and Grace are in scope (assigned_via): no access.
    text = summary(tmp_path, "losses-disable")

    assert "ada@contoso.example` (Ada" not in text
    assert "**Other user changes**" not in text


def test_one_comment_lists_every_stack_with_a_marker_the_workflow_finds_it_by(
    tmp_path: Path,
) -> None:
    text = summary(tmp_path, "no-change", "losses-delete")

    assert text.startswith("<!-- entra-box:preview-summary -->\n## Access changes\n")
    assert text.index("### `losses-delete`") < text.index("### `no-change`")


def test_a_stack_whose_gated_preview_failed_is_flagged_with_its_full_preview_collapsed(
    tmp_path: Path,
) -> None:
    full = "Previewing update (losses-delete):\n\x1b[31mmandatory: box-no-force-delete\x1b[0m\n"
    extra = {"losses-delete.txt": full, "losses-delete.exit": "255\n"}

    text = summary(tmp_path, "losses-delete", extra=extra)

    assert "- `losses-delete`: 1 person loses Box access, 1 group changes, **preview failed**" in (
        text
    )
    assert "<details>\n<summary>Full preview of <code>losses-delete</code></summary>" in text
    assert "```diff\nPreviewing update (losses-delete):\nmandatory: box-no-force-delete\n```" in (
        text
    )


def test_a_stack_whose_preview_printed_no_json_is_a_failure_saying_so(tmp_path: Path) -> None:
    text = summary(tmp_path, extra={"prod.json": ""})

    assert "- `prod`: **preview failed**" in text
    assert "error: `pulumi preview --json` printed no JSON for prod; see its log" in text


def test_a_folder_without_previews_is_an_error(tmp_path: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        assert main([str(tmp_path)]) == 2
