"""The guardrails' settings, read from the stack's policy config file (the pack's own).

`policies/config/<stack>.json` maps a policy name to its enforcement level (`"advisory"`,
`"mandatory"`, `"disabled"`) or to an object with `enforcementLevel` and the policy's keys,
exactly as `pulumi preview --policy-pack-config` reads it; no file means every default
(mandatory, at most 2 co-admins). Reading it here keeps one place where a stack's limits are
set, whether or not the pack is run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Level = Literal["mandatory", "advisory", "disabled"]
DEFAULT_MAX_COADMINS = 2
_LEVELS: tuple[Level, ...] = ("mandatory", "advisory", "disabled")


class GuardrailConfigError(ValueError):
    """A policy config file the guardrails cannot read."""


@dataclass(frozen=True)
class GuardrailConfig:
    """Each guardrail's level (by policy name) and the co-admin cap."""

    levels: dict[str, Level] = field(default_factory=dict)
    max_coadmins: int = DEFAULT_MAX_COADMINS
    source: str | None = None

    def level(self, policy: str) -> Level:
        return self.levels.get(policy, "mandatory")


def config_path(project_dir: Path, stack: str) -> Path:
    """Where the stack's policy config file is (it need not exist)."""
    return project_dir / "policies" / "config" / f"{stack}.json"


def read_guardrail_config(path: Path) -> GuardrailConfig:
    """The settings in `path`; defaults when it does not exist."""
    if not path.is_file():
        return GuardrailConfig()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GuardrailConfigError(f"{path}: cannot be read as JSON ({error})") from None
    if not isinstance(data, dict):
        raise GuardrailConfigError(f"{path}: must be a JSON object of policy names")
    levels = {name: _level(path, name, entry) for name, entry in data.items()}
    return GuardrailConfig(levels, _max_coadmins(path, data.get("box-coadmin-limit")), str(path))


def _level(path: Path, name: str, entry: Any) -> Level:
    raw = entry.get("enforcementLevel", "mandatory") if isinstance(entry, dict) else entry
    if raw == "remediate":
        return "mandatory"  # nothing here can be remediated: it blocks, as mandatory does
    for level in _LEVELS:
        if raw == level:
            return level
    raise GuardrailConfigError(f"{path}: {name}: enforcement level {raw!r} is not one of {_LEVELS}")


def _max_coadmins(path: Path, entry: Any) -> int:
    value = entry.get("maxCoadmins") if isinstance(entry, dict) else None
    if value is None:
        return DEFAULT_MAX_COADMINS
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise GuardrailConfigError(
            f"{path}: box-coadmin-limit.maxCoadmins {value!r} is not a count"
        )
    return value
