"""The Entra provisioning job's settings become Graph's synchronization secrets."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from components.entra.provisioning_job import (
    EntraJobSettings,
    entra_job_settings,
    job_enabled,
    synchronization_secret_credentials,
)


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


@pytest.mark.parametrize(
    "source",
    [
        SimpleNamespace(entra_job=SimpleNamespace(enabled=True, notification_email="it@c.com")),
        {"entraJob": {"enabled": True, "notificationEmail": "it@c.com"}},
        {"entra_job": {"enabled": True, "notification_email": "it@c.com"}},
    ],
)
def test_the_adapter_reads_entra_job_from_a_model_or_a_mapping(source: object) -> None:
    settings = entra_job_settings(source)
    assert settings.enabled is True
    assert settings.notification_email == "it@c.com"


def test_a_provisioning_section_without_entra_job_gets_the_defaults_with_the_job_off() -> None:
    assert entra_job_settings(SimpleNamespace(engine="entra")) == EntraJobSettings()
    assert EntraJobSettings().enabled is False
    assert EntraJobSettings().accidental_deletion_threshold == 500


@pytest.mark.parametrize(
    "bad", [{"accidental_deletion_threshold": 0}, {"enabled": "sometimes"}, {"surprise": 1}]
)
def test_bad_entra_job_settings_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EntraJobSettings.model_validate(bad)
