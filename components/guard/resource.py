"""The first guard's provider, kept so that states written before departures still load.

Stacks deployed before the departures resource (`components/box/departures.py`) hold a
`guard:DeprovisionGuard` named `deprovision-guard`, whose pickled provider names this class.
The departures resource takes it over in place (an alias) on the stack's next `pulumi up`;
until then the engine may still ask this class to refresh or delete that resource, which
only ever meant keeping or dropping its record: it never touched Box.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import ReadResult, ResourceProvider


class DeprovisionGuardProvider(ResourceProvider):
    """Refreshes and deletes the first guard's record; changes nothing anywhere."""

    serialize_as_secret_always = False

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        recorded = {key: value for key, value in props.items() if key != "__provider"}
        return ReadResult(id_, recorded, recorded)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None
