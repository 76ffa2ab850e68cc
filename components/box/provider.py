"""The base of the Box dynamic providers: configuration, connection, check and diff plumbing.

`user.BoxUserProvider` and `group.BoxGroupProvider` derive from `BoxProvider`. The Pulumi
engine pickles a provider instance into every resource's state (`__provider`) at
construction time, before `configure` ever runs; an instance therefore starts with no
attributes, and `configure` only adds the registry key of a process-wide connection. No
client, token or secret is ever an attribute.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from pulumi.dynamic import CheckFailure, ConfigureRequest, DiffResult, ResourceProvider
from pydantic import ValidationError

from components.box.connection import BoxConnection, connect, connection
from components.box.diffing import DiffRules
from components.box.errors import BoxProviderError
from components.box.settings import settings_from_config

PROVIDER_KEY = "__provider"
# Marks the stand-in a paused provider records for a resource added while paused
# (`components.box.paused`); the real provider replaces it once provisioning resumes.
PAUSED_KEY = "paused"

F = TypeVar("F", bound=Callable[..., Any])


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


def concise_errors(method: F) -> F:
    """Let a provider method's Box errors reach the engine as their message, not a dump.

    Pulumi's dynamic provider server reports whatever a provider raises as the full formatted
    traceback (`pulumi.dynamic.__main__._abort_with_traceback`), chained causes included, and
    the SDK's chained error is a page of request and response details per failure. Our
    message already names the object, the operation, Box's answer and request id, and what
    to do; dropping the chain and the inner frames keeps `pulumi up`'s summary readable.
    """

    @functools.wraps(method)
    def reporting(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except BoxProviderError as error:
            raise error.with_traceback(None) from None

    return reporting  # type: ignore[return-value]


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
