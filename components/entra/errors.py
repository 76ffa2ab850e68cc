"""Errors the Entra side raises when the spec and the live directory disagree.

Raised by `components.entra.lookups`, `principals` and `app_roles` while the Pulumi program
runs (so a preview fails before anything is applied), caught by nobody: Pulumi prints the
message. Each message names the spec value at fault and what to change.
"""

from __future__ import annotations

from collections.abc import Iterable

import pulumi


class EntraSpecError(pulumi.RunError):
    """The spec names something Entra does not hold, or holds more than once.

    A `pulumi.RunError`, so Pulumi prints the message alone, without a traceback.
    """


class EntraLookupError(EntraSpecError):
    """A pulumi-azuread data source failed; the message says which lookup and why."""

    def __init__(self, what: str, cause: BaseException) -> None:
        super().__init__(
            f"looking up {what} in Entra failed: {cause}. Check the spelling in the spec and "
            "that the deploying identity may read the directory (User.Read.All, "
            "Group.Read.All, Application.Read.All)."
        )


class PrincipalsNotFoundError(EntraSpecError):
    """Every assignment or owner whose principal matched nothing, reported at once."""

    def __init__(self, problems: Iterable[str]) -> None:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(
            f"the spec names principals that Entra cannot resolve (nothing was changed):\n{listed}"
        )


class UnknownAppRoleError(EntraSpecError):
    """An assignment names an app role the Box service principal does not publish."""

    def __init__(self, wanted: str, principal: str, available: Iterable[str]) -> None:
        roles = ", ".join(repr(role) for role in available) or "(none)"
        super().__init__(
            f"entra.assignments: {principal} is assigned the app role {wanted!r}, which the "
            f"Box enterprise app does not have. Its roles are: {roles}. Use one of these "
            "(by display name or value)."
        )
