"""`validate` reports the access guardrails every preview and `up` enforce, once per cause."""

from __future__ import annotations

import json
from pathlib import Path

from tests.spec_support import run_cli, spec_text, write_spec

COADMIN_DEFAULT = """
box:
  defaults: {role: coadmin}
"""


def test_a_coadmin_default_is_one_error_at_the_default_not_one_per_user(tmp_path: Path) -> None:
    text = spec_text(box=COADMIN_DEFAULT)
    line_number = text.splitlines().index("  defaults: {role: coadmin}") + 1
    path = write_spec(tmp_path, text, "dev.yaml")

    run = run_cli("validate", str(path))

    assert run.code == 1
    assert len(run.error_lines) == 1, run.err
    line = run.error_lines[0]
    assert line.startswith(f"{path}:{line_number}:")
    assert "box.defaults.role: role: coadmin as a default makes 4 Box user(s) co-admins" in line
    assert "[box-coadmins-explicit]" in line


def test_too_many_explicit_coadmins_is_one_error_naming_them(tmp_path: Path) -> None:
    box = """
    box:
      users:
        ada@contoso.com: {role: coadmin}
        bob@contoso.com: {role: coadmin}
        eve@contoso.com: {role: coadmin}
    """
    run = run_cli("validate", str(write_spec(tmp_path, spec_text(box=box), "dev.yaml")))

    assert run.code == 1
    assert len(run.error_lines) == 1, run.err
    assert "3 Box users are co-admins (ada@contoso.com, bob@contoso.com, eve" in run.err
    assert "more than the 2 this stack allows" in run.err


def test_the_stacks_policy_config_sets_the_cap_and_the_level(tmp_path: Path) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: entra-box\n")
    config = tmp_path / "policies" / "config"
    config.mkdir(parents=True)
    limit = {"box-coadmin-limit": {"enforcementLevel": "advisory", "maxCoadmins": 0}}
    (config / "qa.json").write_text(json.dumps(limit))
    (tmp_path / "stacks").mkdir()
    box = "\nbox:\n  users:\n    ada@contoso.com: {role: coadmin}\n"
    path = write_spec(tmp_path / "stacks", spec_text(box=box), "qa.yaml")

    run = run_cli("validate", str(path))

    assert run.code == 0, run.err
    assert run.err.startswith("warning: ")
    assert "more than the 0 this stack allows" in run.err


def test_force_deletion_is_refused_for_a_production_stack_only(tmp_path: Path) -> None:
    text = spec_text(provisioning="\nprovisioning:\n  deprovision: delete\n")

    production = run_cli("validate", str(write_spec(tmp_path, text, "staging.yaml")))
    named = run_cli("validate", str(write_spec(tmp_path, text, "x.yaml")), "--stack", "dev-eu")

    assert production.code == 1
    assert "provisioning.deprovision: stack 'staging' is production" in production.err
    assert "[box-no-force-delete-in-production]" in production.err
    assert (named.code, named.err) == (0, "")


def test_a_spec_read_from_entra_is_checked_for_what_the_spec_alone_decides(
    tmp_path: Path,
) -> None:
    text = (
        "version: 1\nentra:\n  application: {displayName: Box}\n"
        "provisioning: {deprovision: delete}\ndirectory: {source: entra}\n"
        "box:\n  defaults: {role: coadmin}\n"
    )

    run = run_cli("validate", str(write_spec(tmp_path, text, "prod.yaml")))

    assert run.code == 1
    assert [line.split(": ", 2)[1] for line in run.error_lines] == [
        "provisioning.deprovision",
        "box.defaults.role",
    ]


def project_with_config(tmp_path: Path, stack: str, config: str) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: entra-box\n")
    folder = tmp_path / "policies" / "config"
    folder.mkdir(parents=True)
    (folder / f"{stack}.json").write_text(config)
    (tmp_path / "stacks").mkdir()
    return tmp_path / "stacks"


def test_a_guardrail_the_stacks_policy_config_disables_is_not_checked(tmp_path: Path) -> None:
    stacks = project_with_config(tmp_path, "qa", json.dumps({"box-coadmins-explicit": "disabled"}))

    run = run_cli("validate", str(write_spec(stacks, spec_text(box=COADMIN_DEFAULT), "qa.yaml")))

    assert (run.code, run.err) == (0, "")


def test_an_unreadable_policy_config_file_is_an_error_naming_it(tmp_path: Path) -> None:
    stacks = project_with_config(tmp_path, "qa", "{not json")

    run = run_cli("validate", str(write_spec(stacks, spec_text(), "qa.yaml")))

    assert run.code == 1
    assert "qa.json: cannot be read as JSON" in run.err
    assert "Traceback" not in run.err
