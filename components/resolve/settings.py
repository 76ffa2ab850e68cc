"""The provisioning and Entra application settings of the desired state.

Last step of `resolve`, once the Box users are known: the custodian (a binding, see
`bindings`) must be an active Box user in scope, and `maxDeprovisions` defaults to a
share of the managed users (see `default_max_deprovisions`).
"""

from __future__ import annotations

from components.desired import (
    DesiredApplication,
    DesiredAssignment,
    DesiredEntra,
    DesiredProvisioning,
)
from components.resolve.bindings import Site, bind, not_in_scope_hint
from components.resolve.issues import IssueLog
from components.resolve.users import BoxUsers
from components.spec.model import Spec


def default_max_deprovisions(managed_users: int) -> int:
    """5% of the managed users, at least 1 and at most 10 (see `ProvisioningSection`)."""
    return max(1, min(10, managed_users // 20))


def resolve_provisioning(spec: Spec, users: BoxUsers, log: IssueLog) -> DesiredProvisioning:
    section = spec.provisioning
    custodian = _custodian(section.custodian, users, log) if section.custodian else None
    if section.deprovision == "transfer" and section.custodian is None:
        log.add(
            ("provisioning", "deprovision"),
            "'transfer' moves a leaver's content to a custodian, but none is set",
            "add 'custodian: <login>' of an active Box user in scope, or choose 'disable'",
        )
    limit = section.max_deprovisions
    return DesiredProvisioning(
        engine=section.engine,
        paused=section.paused,
        objects=section.objects,
        deprovision=section.deprovision,
        custodian=custodian,
        max_deprovisions=default_max_deprovisions(len(users.by_login)) if limit is None else limit,
    )


def _custodian(written: str, users: BoxUsers, log: IssueLog) -> str | None:
    """The custodian's login, checked to be an active Box user in scope (reported if not)."""
    path = ("provisioning", "custodian")
    custodian = bind(written, Site(path), users.people, log)
    user = users.by_login.get(custodian) if custodian else None
    if custodian is not None and user is None:
        log.add(
            path,
            f"the custodian {written!r} is not a Box user in scope, so cannot receive content",
            not_in_scope_hint(written, users.people, log, "name another custodian"),
        )
    elif user is not None and user.status != "active":
        log.add(
            path,
            f"the custodian {custodian!r} will be {user.status} in Box and cannot receive content",
            "name an active user, or enable this account",
        )
    return custodian


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
