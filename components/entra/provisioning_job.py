"""Entra's own provisioning job for the Box app: its settings as code, and who writes to Box.

Used by `components.entra.component` (which registers the job and, for `engine: entra`, its
settings) and by `components.program` (the stack output that says which engine writes).

`provisioning.engine`:
- `entra-box` (default): our Box providers write. No Entra job is created; every job the
  app has (made in the admin center, from whatever template) is kept paused
  (`components.entra.graph.resources.EntraJobsPaused`), and a refresh shows one running again
  as drift that the next `up` pauses.
- `entra`: Microsoft's provisioning service writes. The job is made from the app's own
  synchronization template (read from Graph, never a guessed id), and the tutorial's
  settings are merged into the app's synchronization secrets
  (`components.entra.graph.resources.ProvisioningSettings`): scope limited to assigned users
  and groups (`SyncAll=false`), notification email and accidental-deletion threshold
  (`SyncNotificationSettings`), and `SkipOutOfScopeDeletions`. Key names and JSON shape from
  Microsoft Graph's "synchronization: secrets" examples and the Entra docs on
  accidental-deletion prevention and skipping out-of-scope deletions.
"""

from __future__ import annotations

import json
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

from components.desired import ProvisioningEngine

# Entra's own default for the accidental-deletion threshold (DeleteThresholdValue).
ENTRA_DEFAULT_DELETION_THRESHOLD: Final = 500


class EntraJobSettings(BaseModel):
    """The admin center's provisioning settings (`provisioning.entraJob` in the spec)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Off until someone has done the one-time Box authorization in the admin center.
    enabled: bool = False
    notification_email: str | None = None
    # None turns accidental-deletion prevention off.
    accidental_deletion_threshold: int | None = Field(
        default=ENTRA_DEFAULT_DELETION_THRESHOLD, ge=1
    )
    skip_out_of_scope_deletions: bool = False


def _notification_settings(settings: EntraJobSettings) -> str:
    threshold = settings.accidental_deletion_threshold
    value: dict[str, Any] = {
        "Enabled": settings.notification_email is not None,
        "Recipients": settings.notification_email or "",
        "DeleteThresholdEnabled": threshold is not None,
    }
    if threshold is not None:
        value["DeleteThresholdValue"] = threshold
    return json.dumps(value, separators=(",", ":"))


def synchronization_secret_credentials(settings: EntraJobSettings) -> list[tuple[str, str]]:
    """The job's `SynchronizationSecret` credentials as Graph's (key, value) pairs."""
    return [
        # Scope: "Sync only assigned users and groups", as the tutorial sets it.
        ("SyncAll", "false"),
        ("SyncNotificationSettings", _notification_settings(settings)),
        ("SkipOutOfScopeDeletions", "true" if settings.skip_out_of_scope_deletions else "false"),
    ]


def job_enabled(engine: ProvisioningEngine, settings: EntraJobSettings) -> bool:
    """Whether Entra's job may run: only for `engine: entra`, and only when switched on."""
    return engine == "entra" and settings.enabled


def provisioning_status(engine: ProvisioningEngine, settings: EntraJobSettings) -> str:
    """One line for the stack output saying who writes to Box."""
    if engine == "entra-box":
        return "entra-box writes to Box; Entra's provisioning jobs for the app are kept paused"
    if settings.enabled:
        return "Entra's provisioning service writes to Box; entra-box registers no Box resources"
    return (
        "engine is entra but provisioning.entraJob.enabled is false: nobody writes to Box "
        "until the job is switched on (after the one-time Box authorization)"
    )
