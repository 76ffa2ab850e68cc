"""Policy config: each policy's schema, defaults, and typed reads of what a stack configured.

Policy modules declare their settings with `integer_setting` / `strings_setting`, declare
them to the engine with `config_schema(...)`, read values with
`setting.read(args.get_config())`, and wrap each validator in `checking_config` so that a
misspelt key is reported instead of ignored. The engine validates a stack's policy config
file against the schema (and fills in the defaults) before any policy runs; `read` applies
the same default when a validator is called without config (tests) and refuses a malformed
value with a message naming the key, instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pulumi_policy import PolicyConfigSchema, ReportViolation

from policies.violations import violation

T = TypeVar("T")


class PolicyConfigError(ValueError):
    """A policy config value that does not fit its schema."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One config key of one policy: its JSON schema, its default and its parser."""

    key: str
    default: T
    schema: Mapping[str, Any]
    # The value as T, or None when it does not fit the schema.
    parse: Callable[[Any], T | None]

    def read(self, config: Mapping[str, Any]) -> T:
        """The configured value, or the default when the key is not set."""
        value = config.get(self.key)
        if value is None:
            return self.default
        parsed = self.parse(value)
        if parsed is None:
            raise PolicyConfigError(
                f"policy config {self.key}={value!r} does not fit its schema "
                f"{dict(self.schema)}; fix it in the stack's policy config file"
            )
        return parsed


def integer_setting(key: str, default: int, minimum: int, description: str) -> Setting[int]:
    """A whole number of at least `minimum`."""

    def parse(value: Any) -> int | None:
        # JSON numbers arrive as floats through the engine's protobuf Struct.
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        whole = int(value)
        return whole if whole == value and whole >= minimum else None

    schema = {"type": "integer", "minimum": minimum, "default": default}
    return Setting(key, default, {**schema, "description": description}, parse)


def strings_setting(
    key: str, default: tuple[str, ...], description: str
) -> Setting[tuple[str, ...]]:
    """A list of strings."""

    def parse(value: Any) -> tuple[str, ...] | None:
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return tuple(value)
        return None

    schema = {"type": "array", "items": {"type": "string"}, "default": list(default)}
    return Setting(key, default, {**schema, "description": description}, parse)


def config_schema(*settings: Setting[Any]) -> PolicyConfigSchema:
    """The `PolicyConfigSchema` declaring these settings (engine-side validation, defaults)."""
    return PolicyConfigSchema(
        properties={setting.key: dict(setting.schema) for setting in settings}
    )


class _Configured(Protocol):
    def get_config(self) -> Mapping[str, Any]: ...


A = TypeVar("A", bound=_Configured)


def checking_config(
    validate: Callable[[A, ReportViolation], None], *settings: Setting[Any]
) -> Callable[[A, ReportViolation], None]:
    """`validate`, first reporting config keys the policy does not know as a violation.

    The engine checks config values against each policy's schema but lets unknown keys
    through, so `maxCoAdmins: 1` would silently keep the default; this says so instead.
    """
    known = sorted(setting.key for setting in settings)

    def checked(args: A, report_violation: ReportViolation) -> None:
        unknown = sorted(set(args.get_config()) - set(known))
        if unknown:
            problem = f"policy config key(s) {', '.join(unknown)} are not this policy's"
            remedy = f"use {', '.join(known) or 'no keys'} in the stack's policy config file"
            report_violation(violation(problem, remedy), None)
        validate(args, report_violation)

    return checked
