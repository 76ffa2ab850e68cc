"""The provisioning and Entra application settings of the desired state.

Last step of `resolve`, once the Box users are known: the custodian must be an active
Box user in scope when people leave by `transfer`, and `maxDeprovisions` defaults to a
share of the managed users (see `default_max_deprovisions`).
"""

from __future__ import annotations

from components.desired import (
    DesiredApplication,
    DesiredAssignment,
    DesiredBoxUser,
    DesiredEntra,
    DesiredProvisioning,
)
from components.resolve.directory_index import DirectoryIndex
from components.resolve.issues import IssueLog
from components.resolve.scope import out_of_scope_hint
from components.spec.model import Spec


def default_max_deprovisions(managed_users: int) -> int:
    """5% of the managed users, at least 1 and at most 10 (see `ProvisioningSection`)."""
    return max(1, min(10, managed_users // 20))


def resolve_provisioning(
    spec: Spec, users: dict[str, DesiredBoxUser], index: DirectoryIndex, log: IssueLog
) -> DesiredProvisioning:
    section = spec.provisioning
    custodian = section.custodian.lower() if section.custodian else None
    if section.deprovision == "transfer" and custodian is None:
        log.add(
            ("provisioning", "deprovision"),
            "'transfer' moves a leaver's content to a custodian, but none is set",
            "add 'custodian: <login>' of an active Box user in scope, or choose 'disable'",
        )
    if custodian is not None:
        _check_custodian(custodian, users, index, log)
    limit = section.max_deprovisions
    return DesiredProvisioning(
        engine=section.engine,
        objects=section.objects,
        deprovision=section.deprovision,
        custodian=custodian,
        max_deprovisions=default_max_deprovisions(len(users)) if limit is None else limit,
    )


def _check_custodian(
    custodian: str, users: dict[str, DesiredBoxUser], index: DirectoryIndex, log: IssueLog
) -> None:
    path = ("provisioning", "custodian")
    user = users.get(custodian)
    if user is None:
        log.add(
            path,
            f"the custodian {custodian!r} is not a Box user in scope, so cannot receive content",
            out_of_scope_hint(custodian, index, list(users), log, "name another custodian"),
        )
    elif user.status != "active":
        log.add(
            path,
            f"the custodian {custodian!r} will be {user.status} in Box and cannot receive content",
            "name an active user, or enable this account",
        )


def resolve_entra(spec: Spec, assignments: list[DesiredAssignment]) -> DesiredEntra:
    section = spec.entra
    application = None
    if section.application is not None:
        app = section.application
        application = DesiredApplication(
            display_name=app.display_name,
            gallery_template=app.gallery_template,
            owners=tuple(sorted({owner.lower() for owner in app.owners})),
            notification_emails=tuple(sorted({email.lower() for email in app.notification_emails})),
        )
    ordered = sorted(
        assignments,
        key=lambda item: (
            item.principal_type,
            item.principal.casefold(),
            item.principal,
            item.role,
        ),
    )
    return DesiredEntra(manage=section.manage, application=application, assignments=tuple(ordered))
