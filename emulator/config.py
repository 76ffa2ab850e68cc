"""Settings of one emulator run: credentials, token lifetime, state file and faults.

Built by the command line (`emulator.cli`) or by tests (`EmulatorServer(EmulatorConfig(...))`);
read by every other module through the running emulator's `Runtime`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

DEFAULT_CLIENT_ID = "entra-box-emulator"
# A well-known test credential (docs/emulator.md); never a real secret.
DEFAULT_CLIENT_SECRET = "emulator-secret"  # noqa: S105
DEFAULT_ENTERPRISE_ID = "900001"
DEFAULT_TOKEN_TTL_SECONDS = 3600

ErrorTiming = Literal["before", "after", "mixed"]
ERROR_TIMINGS: tuple[ErrorTiming, ...] = ("before", "after", "mixed")


@dataclass(frozen=True)
class FaultConfig:
    """Faults imposed at random on Box requests (never on `/_emulator/` ones)."""

    rate_limit: int | None = None
    """Requests per minute before 429 `rate_limit_exceeded` (a token bucket of that size)."""
    error_rate: float = 0.0
    """Fraction of requests answered 500, 502 or 503."""
    error_timing: ErrorTiming = "before"
    """Whether an error or drop strikes before the change is applied, after it, or either."""
    latency_ms: int = 0
    """Delay added to every request."""
    drop_rate: float = 0.0
    """Fraction of requests whose connection is shut with no response."""
    seed: int | None = None
    """Seed for the fault dice, so that a run's faults can be replayed."""

    def __post_init__(self) -> None:
        _check_fraction("error_rate", self.error_rate)
        _check_fraction("drop_rate", self.drop_rate)
        if self.error_timing not in ERROR_TIMINGS:
            raise ValueError(
                f"error_timing must be one of {ERROR_TIMINGS}, not {self.error_timing!r}"
            )
        if self.rate_limit is not None and self.rate_limit < 1:
            raise ValueError(
                f"rate_limit must be at least 1 request per minute, not {self.rate_limit}"
            )
        if self.latency_ms < 0:
            raise ValueError(f"latency_ms must not be negative, not {self.latency_ms}")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def updated(self, changes: dict[str, Any]) -> FaultConfig:
        """This configuration with some fields changed; unknown names are a clear error."""
        unknown = sorted(set(changes) - set(self.to_json()))
        if unknown:
            raise ValueError(f"unknown fault settings {unknown}; known: {sorted(self.to_json())}")
        return replace(self, **changes)


@dataclass(frozen=True)
class EmulatorConfig:
    """Everything an emulator run is started with."""

    host: str = "127.0.0.1"
    port: int = 0
    state_path: Path | None = None
    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = field(default=DEFAULT_CLIENT_SECRET, repr=False)
    enterprise_id: str = DEFAULT_ENTERPRISE_ID
    token_ttl: int = DEFAULT_TOKEN_TTL_SECONDS
    faults: FaultConfig = field(default_factory=FaultConfig)
    # The app's public keys for JWT server authentication, PEM by key id (`publicKeyID`), as
    # added to a Box app in the Developer Console; none means JWT sign-in is refused.
    jwt_public_keys: Mapping[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.token_ttl < 1:
            raise ValueError(f"token_ttl must be at least 1 second, not {self.token_ttl}")


def _check_fraction(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a fraction between 0 and 1, not {value}")
