"""A token bucket that paces Box calls across the provider process's threads.

`transport.ThrottledSession` takes one token before every HTTP request (retries included),
so a large `pulumi up` keeps Box busy up to `box:maxRequestsPerMinute` without provoking
storms of 429 answers. The Pulumi engine calls the dynamic provider from several gRPC
threads at once, hence the lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """Allows `rate` acquisitions per second on average, with bursts up to `capacity`."""

    def __init__(
        self,
        rate: float,
        capacity: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a token bucket needs a positive rate and a capacity of at least 1")
        self._rate = rate
        self._capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._tokens = capacity
        self._stamp = clock()
        self._lock = threading.Lock()

    @classmethod
    def per_minute(
        cls,
        requests_per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> TokenBucket:
        """A bucket for a per-minute limit, allowing a burst of about one second's share."""
        rate = requests_per_minute / 60.0
        return cls(rate, max(1.0, rate), clock=clock, sleep=sleep)

    def acquire(self) -> None:
        """Take one token, waiting as long as needed for it."""
        while True:
            wait = self._try_take()
            if wait <= 0:
                return
            self._sleep(wait)

    def _try_take(self) -> float:
        with self._lock:
            now = self._clock()
            self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
            self._stamp = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            return (1 - self._tokens) / self._rate
