"""The base of the Box dynamic providers: configuration, connection, check and diff plumbing.

`user.BoxUserProvider` and `group.BoxGroupProvider` derive from `BoxProvider`. The Pulumi
engine pickles a provider instance into every resource's state (`__provider`) at
construction time, before `configure` ever runs; an instance therefore starts with no
attributes, and `configure` only adds the registry key of a process-wide connection. No
client, token or secret is ever an attribute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, ConfigureRequest, DiffResult, ResourceProvider
from pydantic import ValidationError

from components.box.connection import BoxConnection, connect, connection
from components.box.diffing import DiffRules
from components.box.settings import settings_from_config

PROVIDER_KEY = "__provider"
# Marks the stand-in a paused provider records for a resource added while paused
# (`components.box.paused`); the real provider replaces it once provisioning resumes.
PAUSED_KEY = "paused"


class BoxProvider(ResourceProvider):
    """Shared behaviour of the Box providers."""

    # The pickled provider is a class reference and holds nothing secret.
    serialize_as_secret_always = False
    rules: ClassVar[DiffRules]
    _connection_key: str | None = None

    def configure(self, req: ConfigureRequest) -> None:
        """Read `box:*` config and check the Box connection (once per process)."""
        self._connection_key = connect(settings_from_config(req.config))

    @property
    def box(self) -> BoxConnection:
        return connection(self._connection_key or "")

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """In place for whatever Box updates in place; see each provider's `rules`."""
        if _olds.get(PAUSED_KEY):
            # Recorded while paused, never written: the real resource replaces the stand-in.
            return DiffResult(changes=True, replaces=[PAUSED_KEY], delete_before_replace=False)
        return self.rules.diff(_olds, _news)


def without(props: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The props minus the engine's `__provider` and the given (output-only) keys."""
    dropped = {PROVIDER_KEY, *keys}
    return {key: value for key, value in props.items() if key not in dropped}


def check_failures(
    error: ValidationError, fixes: Mapping[str, str], default_property: str
) -> list[CheckFailure]:
    """One CheckFailure per problem: the property, what is wrong, and how to fix it."""
    failures = []
    for problem in error.errors(include_url=False):
        where = str(problem["loc"][0]) if problem["loc"] else default_property
        reason = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "missing":
            reason = "is required"
        fix = fixes.get(where)
        failures.append(CheckFailure(where, f"{reason}; {fix}" if fix else reason))
    return failures
