"""Pure choices about the Box app's synchronization: its template, its settings, its jobs.

Used by `resources` and `program_reads`. Graph shapes from Microsoft Graph v1.0
("synchronizationTemplate", "synchronizationJob", "synchronization: secrets"): a template
has `id`, `factoryTag` and `default`; a job has `id`, `templateId` and `schedule.state`
(`Active`, `Disabled` or `Paused`); secrets are `{key, value}` pairs and Graph lists
credential values masked as `*` (terraform-provider-azuread v3.9.0 relies on the same,
`flattenSynchronizationSecretKeyStringValuePair`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from components.entra.errors import EntraSpecError

# The only secrets entra-box writes; everything else (Box's OAuth tokens from the portal's
# Authorize, BaseAddress...) belongs to the tenant and is never written back.
OWNED_SECRET_KEYS: Final = ("SyncAll", "SyncNotificationSettings", "SkipOutOfScopeDeletions")
MASKED: Final = "*"
RUNNING_STATES: Final = frozenset({"Active"})


def owned_secrets(listed: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """entra-box's keys as Graph lists them; a masked value reads as None (unknown)."""
    values = {str(item.get("key")): item.get("value") for item in listed}
    return {
        key: (None if values[key] == MASKED else str(values[key]))
        for key in OWNED_SECRET_KEYS
        if key in values
    }


def merged_secrets(
    listed: Iterable[Mapping[str, Any]], wanted: Mapping[str, str]
) -> list[dict[str, str]]:
    """The PUT body's pairs: entra-box's keys set, other readable keys kept as read.

    Masked values are left out: writing `*` back would replace Box's tokens with `*`.
    """
    unknown = sorted(set(wanted) - set(OWNED_SECRET_KEYS))
    if unknown:
        raise ValueError(f"entra-box does not own the synchronization secrets {unknown}")
    pairs = {
        str(item["key"]): str(item["value"])
        for item in listed
        if item.get("value") not in (None, MASKED)
    }
    pairs.update(wanted)
    return [{"key": key, "value": value} for key, value in sorted(pairs.items())]


def box_template_id(templates: Iterable[Mapping[str, Any]], app_name: str) -> str:
    """The id of the app's own provisioning template: its default one, or its only one."""
    templates = list(templates)
    defaults = [t for t in templates if t.get("default")]
    chosen = defaults if defaults else templates
    if len(chosen) != 1:
        ids = sorted(str(t.get("id")) for t in templates) or ["(none)"]
        raise EntraSpecError(
            f"provisioning.engine: entra: the app {app_name!r} publishes "
            f"{len(templates)} synchronization template(s) ({', '.join(ids)}) and none is its "
            "default; automatic provisioning is not available for it as published."
        )
    return str(chosen[0]["id"])


def running_job_ids(jobs: Iterable[Mapping[str, Any]]) -> list[str]:
    """The jobs whose schedule would write to Box now."""
    return sorted(
        str(job["id"]) for job in jobs if (job.get("schedule") or {}).get("state") in RUNNING_STATES
    )
