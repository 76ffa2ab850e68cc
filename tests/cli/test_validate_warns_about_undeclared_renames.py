"""`validate` warns when an edit looks like a rename written as a removal plus an addition."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.spec_support import run_cli, spec_text, write_spec

LEADS = """
box:
  groups:
    - name: {name}{extra}
      members: [{{login: ada@contoso.com}}, {{login: eve@contoso.com}}]
"""


def leads(name: str, extra: str = "") -> str:
    return LEADS.format(name=name, extra=extra)


def eve_renamed(text: str, extra: str = "") -> str:
    """Eve's login changes to eve.direct@ (with `extra` added to her directory entry)."""
    old = "{userPrincipalName: eve.direct@contoso.com, displayName: Eve Direct}"
    new = "{userPrincipalName: eve.direct@contoso.com, displayName: Eve Direct" + extra + "}"
    renamed = text.replace("eve@contoso.com", "eve.direct@contoso.com")
    assert old in renamed
    return renamed.replace(old, new)


def test_a_login_changed_without_previous_logins_is_warned_about_at_the_new_entry(
    tmp_path: Path,
) -> None:
    old = write_spec(tmp_path, spec_text(), "old.yaml")
    new = write_spec(tmp_path, eve_renamed(spec_text()), "dev.yaml")

    run = run_cli("validate", str(new), "--previous", str(old))

    assert run.code == 0, run.err
    [warning] = run.error_lines
    assert warning.startswith(f"warning: {new}:")
    assert "directory.users[4]: looks like a rename: eve.direct@contoso.com looks like a " in (
        warning
    )
    assert "add previousLogins: [eve@contoso.com] to eve.direct@contoso.com" in warning


@pytest.mark.parametrize("extra", [", previousLogins: [eve@contoso.com]"])
def test_a_declared_login_change_is_not_warned_about(tmp_path: Path, extra: str) -> None:
    old = write_spec(tmp_path, spec_text(), "old.yaml")
    new = write_spec(tmp_path, eve_renamed(spec_text(), extra), "dev.yaml")

    run = run_cli("validate", str(new), "--previous", str(old))

    assert (run.code, run.err) == (0, "")


def test_a_group_renamed_without_previous_names_is_warned_about(tmp_path: Path) -> None:
    old = write_spec(tmp_path, spec_text(box=leads("Leads")), "old.yaml")
    new = write_spec(tmp_path, spec_text(box=leads("Team leads")), "dev.yaml")
    declared = write_spec(
        tmp_path, spec_text(box=leads("Team leads", "\n      previousNames: [Leads]")), "ok.yaml"
    )

    warned = run_cli("validate", str(new), "--previous", str(old))
    quiet = run_cli("validate", str(declared), "--previous", str(old))

    assert warned.code == 0
    assert "box.groups[0]: looks like a rename: Box group 'Team leads' looks like a rename " in (
        warned.err
    )
    assert "add previousNames: ['Leads'] to 'Team leads' in box.groups" in warned.err
    assert (quiet.code, quiet.err) == (0, "")


def test_without_previous_the_last_committed_version_is_compared(tmp_path: Path) -> None:
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    path = write_spec(tmp_path, spec_text(), "dev.yaml")
    subprocess.run([*git, "add", "dev.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "spec"], check=True)
    path.write_text(eve_renamed(spec_text()))

    run = run_cli("validate", str(path))

    assert run.code == 0
    assert "add previousLogins: [eve@contoso.com]" in run.err


def test_a_spec_outside_git_is_validated_without_comparison(tmp_path: Path) -> None:
    run = run_cli("validate", str(write_spec(tmp_path, spec_text(), "dev.yaml")))

    assert (run.code, run.err) == (0, "")
