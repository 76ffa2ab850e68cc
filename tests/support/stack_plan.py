"""What the Pulumi engine would do with a program's resources, given the previous deployment's.

Under `pulumi.runtime.Mocks` a program talks to a mock resource monitor, and `Mocks.new_resource`
never sees a resource's aliases. `RegistrationLog.install()` (called at the start of the
program) records every `RegisterResource` request as the engine would receive it: the URN, the
inputs, and the URNs its aliases stand for. `plan` then matches them to the previous
deployment's URNs the way the engine's step generator does: by the resource's own URN first,
then by each alias; an unmatched registration is a create, an unmatched old resource a delete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pulumi.runtime import rpc, settings


@dataclass(frozen=True)
class Registration:
    """One `RegisterResource` request and the URN the monitor gave it."""

    urn: str
    type: str
    name: str
    inputs: dict[str, Any]
    alias_urns: tuple[str, ...]


@dataclass
class RegistrationLog:
    """Every resource a program registered, in order."""

    registrations: list[Registration] = field(default_factory=list)

    def install(self) -> None:
        """Record the current (mock) monitor's registrations from now on."""
        monitor: Any = settings.get_monitor()
        monitor.RegisterResource = self._recording(monitor.RegisterResource)

    def of_type(self, token: str) -> list[Registration]:
        return [r for r in self.registrations if r.type == token]

    def _recording(self, register: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def recording(request: Any) -> Any:
            response = register(request)
            aliases = tuple(_alias_urn(response.urn, request.name, a) for a in request.aliases)
            inputs = rpc.deserialize_properties(request.object)
            self.registrations.append(
                Registration(response.urn, request.type, request.name, inputs, aliases)
            )
            return response

        return recording


def _alias_urn(urn: str, name: str, alias: Any) -> str:
    if alias.urn:
        return str(alias.urn)
    spec = alias.spec
    # The engine fills each field an alias spec leaves empty from the resource itself; with
    # only a name (and type) given, the alias is the resource's own URN under those.
    if spec.stack or spec.project or spec.parentUrn or spec.noParent:
        raise NotImplementedError(f"only name and type alias specs are modelled, not {spec}")
    assert urn.endswith(f"::{name}")
    prefix, qualified_type = urn[: -len(name) - 2].rsplit("::", 1)
    if spec.type:
        parents, _, _ = qualified_type.rpartition("$")
        qualified_type = f"{parents}${spec.type}" if parents else str(spec.type)
    return f"{prefix}::{qualified_type}::{spec.name or name}"


@dataclass(frozen=True)
class Plan:
    """Which old resources each new one continues, and what is created and deleted."""

    continued: dict[str, str]  # new URN -> the old URN it takes over (same, or via an alias)
    creates: list[str]
    deletes: list[str]


def plan(previous: Iterable[str], current: Iterable[Registration]) -> Plan:
    """The engine's matching of `current` registrations to the `previous` deployment's URNs."""
    olds = set(previous)
    continued: dict[str, str] = {}
    creates: list[str] = []
    for registration in current:
        match = next((u for u in (registration.urn, *registration.alias_urns) if u in olds), None)
        if match is None:
            creates.append(registration.urn)
        else:
            continued[registration.urn] = match
    deletes = sorted(olds - set(continued.values()))
    return Plan(continued, sorted(creates), deletes)
