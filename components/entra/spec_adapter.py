"""What the Entra side reads from the spec model, in one place.

Called by `components.program`. The spec layer owns `components.spec`; this adapter reads
the fields the Entra side needs, including the ones proposed for it and not in spec v1 yet:
`entra.application.signOnUrl` (read as `sign_on_url`) and `provisioning.entraJob` (read as
`entra_job`, see `components.entra.provisioning_job`). Until the spec adds them they read as
unset, so wiring them in is a change to the spec models only.
"""

from __future__ import annotations

from components.desired import DesiredState
from components.entra.component import BoxEnterpriseAppArgs
from components.entra.provisioning_job import entra_job_settings
from components.spec import Spec


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
    sign_on_url = getattr(application, "sign_on_url", None)
    return BoxEnterpriseAppArgs(
        entra=desired.entra,
        engine=desired.provisioning.engine,
        job=entra_job_settings(spec.provisioning),
        sign_on_url=str(sign_on_url) if sign_on_url else None,
    )
