"""`provisioning.entraJob` in the spec becomes the job's settings and Graph's secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from components.entra import spec_adapter
from components.entra.component import BoxEnterpriseAppArgs
from components.entra.provisioning_job import (
    EntraJobSettings,
    job_enabled,
    synchronization_secret_credentials,
)
from components.resolve import inline_directory, resolve
from components.spec import load_spec
from tests.spec_support import ENTRA, spec_text, write_spec


def _secrets(settings: EntraJobSettings) -> dict[str, str]:
    return dict(synchronization_secret_credentials(settings))


def test_the_scope_is_always_assigned_users_and_groups_only() -> None:
    assert _secrets(EntraJobSettings())["SyncAll"] == "false"


def test_notification_email_and_threshold_go_into_the_notification_settings() -> None:
    settings = EntraJobSettings(
        notification_email="it@contoso.com", accidental_deletion_threshold=25
    )
    assert json.loads(_secrets(settings)["SyncNotificationSettings"]) == {
        "Enabled": True,
        "Recipients": "it@contoso.com",
        "DeleteThresholdEnabled": True,
        "DeleteThresholdValue": 25,
    }


def test_no_threshold_turns_accidental_deletion_prevention_off() -> None:
    settings = EntraJobSettings(accidental_deletion_threshold=None)
    notification = json.loads(_secrets(settings)["SyncNotificationSettings"])
    assert notification == {"Enabled": False, "Recipients": "", "DeleteThresholdEnabled": False}


@pytest.mark.parametrize(("skip", "value"), [(True, "true"), (False, "false")])
def test_out_of_scope_deletions_are_skipped_or_not(skip: bool, value: str) -> None:
    settings = EntraJobSettings(skip_out_of_scope_deletions=skip)
    assert _secrets(settings)["SkipOutOfScopeDeletions"] == value


@pytest.mark.parametrize(
    ("engine", "enabled", "runs"),
    [
        ("entra-box", True, False),
        ("entra-box", False, False),
        ("entra", False, False),
        ("entra", True, True),
    ],
)
def test_the_job_runs_only_for_engine_entra_when_switched_on(
    engine: str, enabled: bool, runs: bool
) -> None:
    assert job_enabled(engine, EntraJobSettings(enabled=enabled)) is runs  # type: ignore[arg-type]


JOB_IN_SPEC = [
    ("unset", "", EntraJobSettings()),
    ("empty", "  entraJob: {}\n", EntraJobSettings()),
    (
        "every-field",
        "  entraJob:\n    enabled: true\n    notificationEmail: it@contoso.com\n"
        "    accidentalDeletionThreshold: 25\n    skipOutOfScopeDeletions: true\n",
        EntraJobSettings(
            enabled=True,
            notification_email="it@contoso.com",
            accidental_deletion_threshold=25,
            skip_out_of_scope_deletions=True,
        ),
    ),
    (
        "threshold-null-turns-prevention-off",
        "  entraJob: {accidentalDeletionThreshold: null}\n",
        EntraJobSettings(accidental_deletion_threshold=None),
    ),
]


def _app_args(tmp_path: Path, text: str) -> BoxEnterpriseAppArgs:
    spec = load_spec(write_spec(tmp_path, text))
    return spec_adapter.box_app_args(spec, resolve(spec, inline_directory(spec)))


@pytest.mark.parametrize(
    ("entra_job", "settings"), [pytest.param(*case[1:], id=case[0]) for case in JOB_IN_SPEC]
)
def test_entra_job_in_the_spec_becomes_the_components_job_settings(
    tmp_path: Path, entra_job: str, settings: EntraJobSettings
) -> None:
    provisioning = "provisioning:\n  engine: entra\n" + entra_job
    args = _app_args(tmp_path, spec_text(provisioning=provisioning))
    assert (args.engine, args.job) == ("entra", settings)


@pytest.mark.parametrize(
    ("application", "url"),
    [
        ("{displayName: Box}", None),
        (
            "{displayName: Box, signOnUrl: 'https://contoso.account.box.com'}",
            "https://contoso.account.box.com",
        ),
    ],
    ids=["unset", "set"],
)
def test_the_sign_on_url_in_the_spec_reaches_the_component(
    tmp_path: Path, application: str, url: str | None
) -> None:
    entra = ENTRA.replace("application: {displayName: Box (test)}", f"application: {application}")
    assert _app_args(tmp_path, spec_text(entra=entra)).sign_on_url == url


def test_without_an_entra_job_the_defaults_keep_the_job_off_with_entras_threshold() -> None:
    assert EntraJobSettings().enabled is False
    assert EntraJobSettings().accidental_deletion_threshold == 500


@pytest.mark.parametrize(
    "bad", [{"accidental_deletion_threshold": 0}, {"enabled": "sometimes"}, {"surprise": 1}]
)
def test_bad_entra_job_settings_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EntraJobSettings.model_validate(bad)
