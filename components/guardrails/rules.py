"""The guardrail rules: a spec's desired state in, one breach per cause out. Pure.

Each rule reports once for what causes it, located at the spec line to change: a co-admin
role in `box.defaults` is one breach at `box.defaults.role`, however many users it reaches.
Called by `components.program` (every preview and `up`) and by `validate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.desired import DesiredState
from components.guardrails.config import GuardrailConfig, Level
from components.production import NON_PRODUCTION_PATTERNS, is_production
from components.spec import SpecIssue, SpecPath
from components.spec.model import Spec

COADMIN_LIMIT = "box-coadmin-limit"
COADMINS_EXPLICIT = "box-coadmins-explicit"
NO_FORCE_DELETE = "box-no-force-delete-in-production"
_NAMES_SHOWN = 5
_EXPLICIT = (
    "keep box.defaults at role: user and make each co-admin explicit under "
    "box.users: '<login>: {role: coadmin}'"
)


@dataclass(frozen=True)
class Breach:
    """One guardrail a spec breaks, at the level the stack enforces it."""

    policy: str
    level: Level
    issue: SpecIssue

    def __str__(self) -> str:
        return f"{self.issue} [{self.level}: {self.policy}]"


def check_guardrails(
    spec: Spec, desired: DesiredState | None, stack: str | None, config: GuardrailConfig
) -> list[Breach]:
    """Every guardrail `desired` breaks in `stack`, skipping those the config disables.

    Without a desired state (a spec whose directory is read from Entra at deploy time, seen
    by `validate`), only what the spec alone decides is checked: a co-admin default and
    forced deletion.
    """
    if desired is None:
        found = [
            *_coadmin_default(spec),
            *_force_delete(spec, spec.provisioning.deprovision, stack),
        ]
    else:
        found = [
            *_coadmins(spec, desired, config),
            *_force_delete(spec, desired.provisioning.deprovision, stack),
        ]
    breaches = []
    for policy, issue in found:
        level = config.level(policy)
        if level != "disabled":
            breaches.append(Breach(policy, level, issue))
    return breaches


def render(breaches: list[Breach]) -> str:
    """One line per breach, in file order."""
    ordered = sorted(breaches, key=lambda breach: breach.issue.sort_key())
    return "\n".join(str(breach) for breach in ordered)


def _issue(spec: Spec, path: SpecPath, message: str, hint: str) -> SpecIssue:
    location = spec.source.locate(path) if spec.source else None
    return SpecIssue(path, message, hint, location)


def _listed(logins: list[str]) -> str:
    more = len(logins) - _NAMES_SHOWN
    return ", ".join(logins[:_NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")


def _coadmins(
    spec: Spec, desired: DesiredState, config: GuardrailConfig
) -> list[tuple[str, SpecIssue]]:
    if desired.provisioning.engine != "entra-box":
        return []  # with engine: entra, Microsoft's job writes Box roles, not entra-box
    coadmins = [user for user in desired.box.users if user.role == "coadmin"]
    by_default = [user.login for user in coadmins if not user.role_explicit]
    if by_default:
        # The default is the one cause of every co-admin it makes: reported once, here.
        message = (
            f"role: coadmin as a default makes {len(by_default)} Box user(s) co-admins "
            f"({_listed(by_default)}); a default must never grant admin rights"
        )
        return [(COADMINS_EXPLICIT, _issue(spec, ("box", "defaults", "role"), message, _EXPLICIT))]
    if len(coadmins) <= config.max_coadmins:
        return []
    logins = [user.login for user in coadmins]
    where = config.source or "the default (no policies/config/<stack>.json)"
    message = (
        f"{len(coadmins)} Box users are co-admins ({_listed(logins)}), more than the "
        f"{config.max_coadmins} this stack allows ({where}); co-admins administer the whole "
        "Box enterprise"
    )
    hint = (
        "give role: coadmin to fewer logins under box.users, or, after review, raise "
        "maxCoadmins in the stack's policy config file"
    )
    return [(COADMIN_LIMIT, _issue(spec, ("box", "users"), message, hint))]


def _coadmin_default(spec: Spec) -> list[tuple[str, SpecIssue]]:
    if spec.box.defaults.role != "coadmin" or spec.provisioning.engine != "entra-box":
        return []
    message = (
        "role: coadmin as a default makes every Box user it reaches a co-admin; a default "
        "must never grant admin rights"
    )
    return [(COADMINS_EXPLICIT, _issue(spec, ("box", "defaults", "role"), message, _EXPLICIT))]


def _force_delete(spec: Spec, deprovision: str, stack: str | None) -> list[tuple[str, SpecIssue]]:
    if deprovision != "delete" or not is_production(stack):
        return []
    message = (
        f"stack {stack!r} is production and would force-delete every Box user who leaves it, "
        "their files included"
    )
    hint = (
        "use deprovision: disable (account deactivated, content kept) or transfer (content "
        "moved to provisioning.custodian); a stack is production unless its name matches "
        f"{', '.join(NON_PRODUCTION_PATTERNS)}"
    )
    return [(NO_FORCE_DELETE, _issue(spec, ("provisioning", "deprovision"), message, hint))]
