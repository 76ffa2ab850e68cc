"""What the Entra side reads from the spec model, in one place.

Called by `components.program`. The spec layer owns `components.spec`; this adapter reads
the fields the Entra side needs, among them `entra.application.signOnUrl` and
`provisioning.entraJob`, which become the component's `sign_on_url` and `EntraJobSettings`
(see `components.entra.provisioning_job`).
"""

from __future__ import annotations

from components.desired import DesiredState
from components.entra.component import BoxEnterpriseAppArgs
from components.entra.provisioning_job import EntraJobSettings
from components.spec import Spec
from components.spec.model import EntraJob


def assigned_user_upns(spec: Spec) -> list[str]:
    return [a.user for a in spec.entra.assignments if a.user is not None]


def assigned_group_names(spec: Spec) -> list[str]:
    return [a.group for a in spec.entra.assignments if a.group is not None]


def mapped_attributes(spec: Spec) -> set[str]:
    """The Entra attributes `provisioning.mappings` reads (plus `accountEnabled` for status)."""
    mappings = spec.provisioning.mappings.model_dump(exclude_none=True)
    return {str(attribute) for attribute in mappings.values()} | {"accountEnabled"}


def box_app_args(spec: Spec, desired: DesiredState) -> BoxEnterpriseAppArgs:
    """The component's arguments: resolved Entra state, engine, job settings, sign-on URL."""
    application = spec.entra.application
    return BoxEnterpriseAppArgs(
        entra=desired.entra,
        engine=desired.provisioning.engine,
        job=entra_job_settings(spec.provisioning.entra_job),
        sign_on_url=application.sign_on_url if application else None,
        login_attribute=str(spec.provisioning.mappings.login),
    )


def entra_job_settings(job: EntraJob | None) -> EntraJobSettings:
    """`provisioning.entraJob` as the component takes it; unset, the job is off."""
    if job is None:
        return EntraJobSettings()
    # Same field names on both sides; the component's model checks them again.
    return EntraJobSettings(**job.model_dump())
