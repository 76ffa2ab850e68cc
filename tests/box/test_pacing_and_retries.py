"""Client-side pacing (token bucket) and the bounded retry strategy, on a fake clock."""

from __future__ import annotations

import pytest
from box_sdk_gen.networking.fetch_options import FetchOptions
from box_sdk_gen.networking.fetch_response import FetchResponse

from components.box.throttle import TokenBucket
from components.box.transport import BoundedRetryStrategy


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_the_bucket_allows_a_burst_then_paces_to_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=2.0, capacity=2, clock=clock, sleep=clock.sleep)
    for _ in range(6):
        bucket.acquire()
    assert clock.now == pytest.approx(2.0)


def test_a_per_minute_limit_becomes_a_per_second_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket.per_minute(60, clock=clock, sleep=clock.sleep)
    for _ in range(4):
        bucket.acquire()
    assert clock.now == pytest.approx(3.0)


OPTIONS = FetchOptions(url="https://box/2.0/users", method="POST")


def strategy(clock: FakeClock, attempts: int = 5, timeout: float = 60.0) -> BoundedRetryStrategy:
    retries = BoundedRetryStrategy(max_attempts=attempts, timeout_seconds=timeout, clock=clock)
    retries.begin_request()
    return retries


@pytest.mark.parametrize("status", [0, 429, 500, 502, 503])
def test_transient_answers_are_retried(status: int) -> None:
    retries = strategy(FakeClock())
    assert retries.should_retry(OPTIONS, FetchResponse(status, {}), 1) is True


@pytest.mark.parametrize("status", [200, 201, 400, 403, 404, 409])
def test_answers_that_a_retry_cannot_change_are_not_retried(status: int) -> None:
    retries = strategy(FakeClock())
    assert retries.should_retry(OPTIONS, FetchResponse(status, {}), 1) is False


def test_retry_after_is_honoured_never_earlier() -> None:
    retries = strategy(FakeClock())
    response = FetchResponse(429, {"Retry-After": "4"})
    assert retries.should_retry(OPTIONS, response, 1)
    assert 4.0 <= retries.retry_after(OPTIONS, response, 1) <= 4.5


def test_without_retry_after_the_backoff_grows_with_jitter_and_a_cap() -> None:
    retries = strategy(FakeClock(), attempts=20, timeout=10_000)
    delays = []
    for attempt in (1, 3, 12):
        assert retries.should_retry(OPTIONS, FetchResponse(503, {}), attempt)
        delays.append(retries.retry_after(OPTIONS, FetchResponse(503, {}), attempt))
    assert 0.5 <= delays[0] <= 1.5
    assert 2.0 <= delays[1] <= 6.0
    assert delays[2] == 60.0


def test_retries_stop_after_the_last_attempt() -> None:
    retries = strategy(FakeClock(), attempts=3)
    assert retries.should_retry(OPTIONS, FetchResponse(503, {}), 3) is False


def test_retries_stop_when_the_wait_would_exceed_the_time_budget() -> None:
    clock = FakeClock()
    retries = strategy(clock, timeout=30.0)
    clock.now = 25.0
    assert retries.should_retry(OPTIONS, FetchResponse(429, {"Retry-After": "10"}), 1) is False
    assert retries.should_retry(OPTIONS, FetchResponse(429, {"Retry-After": "2"}), 1) is True
