"""resolve(spec, directory) -> DesiredState: the spec's meaning, exactly, without I/O.

Called by the CLI (`validate`, `resolve`), the Pulumi program and the policy tests. The
steps run in order (directory index, scope, users, groups, settings) and all add to one
`IssueLog`, so a spec's every cross-reference problem is reported at once in a single
`SpecError`. The output is deterministic: logins lower-case, lists sorted.
"""

from __future__ import annotations

from components.desired import DesiredBox, DesiredState
from components.resolve.directory import Directory
from components.resolve.directory_index import index_directory
from components.resolve.groups import resolve_groups
from components.resolve.issues import IssueLog
from components.resolve.scope import resolve_scope
from components.resolve.settings import resolve_entra, resolve_provisioning
from components.resolve.users import resolve_users
from components.spec.addresses import allowing
from components.spec.model import Spec


def resolve(spec: Spec, directory: Directory) -> DesiredState:
    """What Box and Entra must look like for `spec`; raises `SpecError` listing every issue."""
    log = IssueLog(spec)
    index = index_directory(directory, log)
    scope = resolve_scope(spec.entra.assignments, index, log)
    # Logins mapped from the directory are checked as the spec's own addresses are.
    with allowing(spec.provisioning.allow_unicode_logins):
        users = resolve_users(spec, index, scope, log)
    groups = resolve_groups(spec, index, scope, users, log)
    provisioning = resolve_provisioning(spec, users, log)
    entra = resolve_entra(spec, scope.assignments)
    log.raise_if_any()
    box_users = tuple(users.by_login[login] for login in sorted(users.by_login))
    return DesiredState(
        box=DesiredBox(users=box_users, groups=tuple(groups)),
        entra=entra,
        provisioning=provisioning,
    )
