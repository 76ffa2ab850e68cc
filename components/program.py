"""The Pulumi program: one spec in, the Entra app and the Box tenant it describes out.

Called by the thin `__main__.py` (and by tests under `pulumi.runtime.Mocks`). Steps:
load the spec; read the directory (inline from the spec, or live from Entra when
`directory.source: entra`); resolve it with the same pure `components.resolve.resolve`;
register the departures resource (`components.box.departures`: the roster of managed Box
users and groups, the guard, and the only code that takes Box access away), on which
everything after it depends; build `BoxEnterpriseApp` when `entra.manage` is true; build the
Box component when `provisioning.engine` is `entra-box` (with `entra`, Microsoft's
provisioning job writes to Box and no Box user or group resource is registered). Departures
are registered in every stack, so that a change which drops every Box resource (an engine
switch, an empty spec) is guarded and carried out like any other. A
Box-only stack (`entra.manage: false`) never touches pulumi-azuread: no resource, no invoke,
no Entra credentials. Which sections may be combined (e.g. `directory.source: entra` only
with `entra.manage: true`) is the spec's own rule (`components.spec.section_rules`), checked
when it is loaded.

When the spec manages Entra, the Entra preflight (`components.entra_preflight`) runs right
after the spec is loaded: a missing azuread plugin or missing Entra credentials end the run
with one message naming the fixes, before anything is registered.

Errors the user can fix (the spec, or names Entra does not hold) end the run as
`pulumi.RunError`, which Pulumi prints as a message without a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pulumi
from pulumi.runtime import get_config
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.settings import get_monitor

from components.box.departures import DEPARTURES_NAME, Departures
from components.box.paused import PAUSED_NOTE
from components.desired import DesiredState
from components.entra import spec_adapter
from components.entra.component import BoxEnterpriseApp
from components.entra.directory_reader import EntraDirectoryRead, read_entra_directory
from components.entra.lookups import EntraLookups
from components.entra_preflight import entra_preflight
from components.guard import AcknowledgementError, acknowledged_deprovisions, roster_from_desired
from components.guardrails import check_guardrails, read_guardrail_config, render
from components.guardrails.config import GuardrailConfigError, config_path
from components.resolve import Directory, inline_directory, resolve, with_cross_references
from components.secrets_check import refuse_plaintext_secrets
from components.spec import Spec, SpecError, load_spec

if TYPE_CHECKING:
    from components.box import BoxTenant

# The program lives in the project: `policies/config/<stack>.json` is read from here.
PROJECT_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class StackParts:
    """What `build_stack` built, for callers and tests."""

    desired: DesiredState
    entra_app: BoxEnterpriseApp | None
    entra_directory: EntraDirectoryRead | None
    box_tenant: BoxTenant | None


def spec_path_for_stack(configured: str | None, stack: str, project_dir: Path) -> Path:
    """`entra-box:spec` if configured, else `stacks/<stack>.yaml`; relative to the project."""
    path = Path(configured) if configured else Path("stacks") / f"{stack}.yaml"
    return path if path.is_absolute() else project_dir / path


def create_box_tenant(
    desired: DesiredState, departures: pulumi.Resource | None = None
) -> BoxTenant:
    """The one place the Box component is built."""
    from components.box import BoxTenant

    after = [departures] if departures is not None else []
    return BoxTenant(
        "box",
        desired.box,
        after=after,
        paused=desired.provisioning.paused,
        user_model=configured_user_model(),
    )


def configured_user_model() -> str:
    """`entra-box:userModel`: `shards` (user shards, the default) or `per-user`.

    Unset means `shards`: a stack deployed before it was the default moves to shards in one
    reviewed step with no Box write (docs/performance-shards.md), and `per-user` (one
    resource per person) stays selectable.
    """
    from components.box.component import SHARDS, USER_MODELS

    chosen = pulumi.Config("entra-box").get("userModel") or SHARDS
    if chosen not in USER_MODELS:
        raise pulumi.RunError(
            f"stack config entra-box:userModel is {chosen!r}; use one of "
            f"{', '.join(USER_MODELS)} (docs/performance-shards.md), e.g. "
            "`pulumi config set entra-box:userModel shards`"
        )
    return chosen


def create_departures(
    desired: DesiredState, entra_directory: EntraDirectoryRead | None
) -> Departures:
    """The stack's departures, acknowledged by ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS."""
    try:
        acknowledged = acknowledged_deprovisions(os.environ)
    except AcknowledgementError as error:
        raise pulumi.RunError(str(error)) from error
    roster = roster_from_desired(
        desired,
        manages_box=desired.provisioning.engine == "entra-box",
        empty_groups=entra_directory.empty_groups if entra_directory else (),
    )
    paused = desired.provisioning.paused
    return Departures(DEPARTURES_NAME, roster, acknowledged, paused=paused)


def _read_directory(
    spec: Spec, lookups: EntraLookups | None
) -> tuple[Directory, EntraDirectoryRead | None]:
    if spec.directory.source == "inline" or lookups is None:
        return inline_directory(spec), None
    read = read_entra_directory(
        spec_adapter.assigned_user_upns(spec),
        spec_adapter.assigned_group_names(spec),
        spec_adapter.mapped_attributes(spec),
        lookups,
    )
    return read.directory, read


def enforce_guardrails(spec: Spec, desired: DesiredState, stack: str) -> None:
    """Refuse the run on a mandatory guardrail breach; warn about advisory ones.

    Here, not only in the policy pack, so that a `pulumi preview` or `up` started without
    `--policy-pack` cannot skip the checks that protect access (`components.guardrails`).
    """
    try:
        config = read_guardrail_config(config_path(PROJECT_DIR, stack))
    except GuardrailConfigError as error:
        raise pulumi.RunError(str(error)) from error
    breaches = check_guardrails(spec, desired, stack, config)
    advisory = [breach for breach in breaches if breach.level == "advisory"]
    mandatory = [breach for breach in breaches if breach.level == "mandatory"]
    if advisory:
        pulumi.log.warn(f"guardrails (advisory):\n{render(advisory)}")
    if mandatory:
        raise pulumi.RunError(
            f"the spec breaks guardrails that protect Box access; nothing was changed:\n"
            f"{render(mandatory)}"
        )


def _export(parts: StackParts) -> None:
    pulumi.export("provisioningEngine", parts.desired.provisioning.engine)
    pulumi.export("boxManagedUsers", len(parts.desired.box.users) if parts.box_tenant else 0)
    if parts.entra_app is not None:
        pulumi.export("entraProvisioningJob", parts.entra_app.provisioning_status)
        pulumi.export("entraClientId", parts.entra_app.client_id)
        pulumi.export("samlMetadataUrl", parts.entra_app.saml_metadata_url)
        pulumi.export("samlSigningThumbprint", parts.entra_app.saml_signing_thumbprint)
    if parts.entra_directory is not None:
        pulumi.export("entraEmptyGroups", list(parts.entra_directory.empty_groups))


def _check_entra_side(spec_path: str) -> None:
    # Under `pulumi.runtime.Mocks` no engine loads plugins or signs in to Entra: nothing to check.
    if isinstance(get_monitor(), MockMonitor):
        return
    message = entra_preflight(spec_path, get_config, os.environ)
    if message is not None:
        raise pulumi.RunError(message)


def build_stack(spec_path: str | Path) -> StackParts:
    """Register everything the spec at `spec_path` describes; returns what was built."""
    refuse_plaintext_secrets(pulumi.get_stack())
    try:
        spec = load_spec(spec_path)
        if spec.entra.manage:
            _check_entra_side(str(spec_path))
        lookups = EntraLookups() if spec.entra.manage else None
        directory, entra_directory = _read_directory(spec, lookups)
        desired = resolve(spec, directory)
    except SpecError as error:
        raise pulumi.RunError(str(with_cross_references(error))) from error
    enforce_guardrails(spec, desired, pulumi.get_stack())
    if desired.provisioning.paused:
        pulumi.log.warn(
            f"{PAUSED_NOTE} (provisioning.paused: true in {spec_path}); the stack keeps its "
            "resources, and changes made meanwhile are written when it is set back to false"
        )
    departures = create_departures(desired, entra_directory)
    entra_app = None
    if lookups is not None:  # entra.manage: true
        args = spec_adapter.box_app_args(spec, desired)
        after_departures = pulumi.ResourceOptions(depends_on=[departures])
        entra_app = BoxEnterpriseApp("box-enterprise-app", args, lookups, after_departures)
    engine = desired.provisioning.engine
    box_tenant = create_box_tenant(desired, departures) if engine == "entra-box" else None
    parts = StackParts(desired, entra_app, entra_directory, box_tenant)
    _export(parts)
    return parts
