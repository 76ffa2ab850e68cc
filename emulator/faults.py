"""Faults on purpose: rate limits, 5xx answers, slow answers and dropped connections.

`FaultInjector.decide` is asked once per Box request by `emulator.app`, which carries the
decision out: a fault timed `before` strikes instead of the change, one timed `after` strikes
once the change is committed (the write happened but its answer is lost, which is what proves a
client's idempotency). Random faults follow `FaultConfig` with a seeded generator; scripted
faults (`ScriptedFault`) strike the next matching requests, for deterministic tests.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from emulator.config import FaultConfig

FaultKind = Literal["none", "rate_limit", "error", "drop"]
Timing = Literal["before", "after"]
ScriptedKind = Literal["error", "rate_limit", "drop"]
SERVER_ERROR_STATUSES = (500, 502, 503)


@dataclass(frozen=True)
class ScriptedFault:
    """Strike the next `count` requests matching `method` and `path_prefix`."""

    kind: ScriptedKind
    count: int = 1
    status: int = 500
    timing: Timing = "before"
    method: str | None = None
    path_prefix: str | None = None
    retry_after: int = 1

    def __post_init__(self) -> None:
        if self.kind not in ("error", "rate_limit", "drop"):
            raise ValueError(f"kind must be error, rate_limit or drop, not {self.kind!r}")
        if self.timing not in ("before", "after"):
            raise ValueError(f"timing must be before or after, not {self.timing!r}")
        if self.kind == "error" and not 500 <= self.status <= 599:
            raise ValueError(f"an error fault needs a 5xx status, not {self.status}")
        if self.count < 1 or self.retry_after < 0:
            raise ValueError("count must be at least 1 and retry_after not negative")

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and (
            self.path_prefix is None or path.startswith(self.path_prefix)
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request."""

    kind: FaultKind = "none"
    timing: Timing = "before"
    status: int = 0
    retry_after: int = 0
    latency_s: float = 0.0

    @property
    def label(self) -> str | None:
        if self.kind == "none":
            return None
        return "rate_limit" if self.kind == "rate_limit" else f"{self.kind}_{self.timing}"


class FaultInjector:
    """Decides, per request, which fault (if any) strikes; thread-safe."""

    def __init__(self, config: FaultConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._scripted: list[ScriptedFault] = []
        self.configure(config)

    @property
    def config(self) -> FaultConfig:
        return self._config

    @property
    def scripted(self) -> list[ScriptedFault]:
        with self._lock:
            return list(self._scripted)

    def configure(self, config: FaultConfig) -> None:
        """Replace the random faults; reseeds the dice and refills the rate-limit bucket."""
        with self._lock:
            self._config = config
            self._random = random.Random(config.seed)  # noqa: S311 - fault dice, not secrets
            self._bucket = float(config.rate_limit or 0)
            self._bucket_time = self._clock()

    def add(self, fault: ScriptedFault) -> None:
        with self._lock:
            self._scripted.append(fault)

    def clear_scripted(self) -> None:
        with self._lock:
            self._scripted.clear()

    def decide(self, method: str, path: str) -> FaultDecision:
        with self._lock:
            latency = self._config.latency_ms / 1000
            decision = self._take_scripted(method, path) or self._rate_limited() or self._dice()
            return FaultDecision(
                decision.kind, decision.timing, decision.status, decision.retry_after, latency
            )

    def _take_scripted(self, method: str, path: str) -> FaultDecision | None:
        for index, fault in enumerate(self._scripted):
            if fault.matches(method, path):
                if fault.count > 1:
                    self._scripted[index] = ScriptedFault(
                        **{**asdict(fault), "count": fault.count - 1}
                    )
                else:
                    del self._scripted[index]
                if fault.kind == "rate_limit":
                    return FaultDecision("rate_limit", "before", 429, fault.retry_after)
                return FaultDecision(fault.kind, fault.timing, fault.status)
        return None

    def _rate_limited(self) -> FaultDecision | None:
        """A token bucket holding `rate_limit` requests, refilled at `rate_limit` per minute."""
        limit = self._config.rate_limit
        if limit is None:
            return None
        now = self._clock()
        rate = limit / 60.0
        self._bucket = min(float(limit), self._bucket + (now - self._bucket_time) * rate)
        self._bucket_time = now
        if self._bucket >= 1.0:
            self._bucket -= 1.0
            return None
        wait = max(1, math.ceil((1.0 - self._bucket) / rate))
        return FaultDecision("rate_limit", "before", 429, wait)

    def _dice(self) -> FaultDecision:
        config = self._config
        if config.drop_rate and self._random.random() < config.drop_rate:
            return FaultDecision("drop", self._timing())
        if config.error_rate and self._random.random() < config.error_rate:
            return FaultDecision(
                "error", self._timing(), self._random.choice(SERVER_ERROR_STATUSES)
            )
        return FaultDecision()

    def _timing(self) -> Timing:
        timing = self._config.error_timing
        if timing == "mixed":
            return "before" if self._random.random() < 0.5 else "after"
        return timing
