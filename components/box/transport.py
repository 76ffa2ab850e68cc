"""How the Box SDK client talks HTTP for the providers: paced, retried within a time budget.

`connection.py` calls `build_client` once per credentials per provider process. The SDK's
own `BoxRetryStrategy` already retries 429, 5xx and dropped connections; here it is
bounded deliberately (attempts and total time per request), honours `Retry-After` with a
little added jitter, and every HTTP attempt first takes a token from the process's bucket.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

from box_sdk_gen.box.ccg_auth import BoxCCGAuth, CCGConfig
from box_sdk_gen.box.jwt_auth import BoxJWTAuth, JWTConfig
from box_sdk_gen.client import BoxClient
from box_sdk_gen.networking.base_urls import BaseUrls
from box_sdk_gen.networking.box_network_client import APIRequest, APIResponse, BoxNetworkClient
from box_sdk_gen.networking.fetch_options import FetchOptions
from box_sdk_gen.networking.fetch_response import FetchResponse
from box_sdk_gen.networking.network import NetworkSession
from box_sdk_gen.networking.retries import BoxRetryStrategy

from components.box.jwt_config import parse_jwt_config
from components.box.settings import BoxSettings
from components.box.throttle import TokenBucket

_RANDOM = secrets.SystemRandom()


class _RequestClock(threading.local):
    """Start times of the requests in flight on this thread (token refreshes nest)."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.next_delay = 0.0


class BoundedRetryStrategy(BoxRetryStrategy):
    """Retries transient failures until `max_attempts` or `timeout_seconds` run out."""

    def __init__(
        self,
        *,
        max_attempts: int,
        timeout_seconds: float,
        base_interval: float = 1.0,
        max_interval: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            max_attempts=max_attempts,
            retry_base_interval=base_interval,
            max_retries_on_exception=max_attempts - 1,
        )
        self.timeout_seconds = timeout_seconds
        self.base_interval = base_interval
        self.max_interval = max_interval
        self._clock = clock
        self._requests = _RequestClock()

    def begin_request(self) -> None:
        self._requests.starts.append(self._clock())

    def end_request(self) -> None:
        self._requests.starts.pop()

    def should_retry(
        self, fetch_options: FetchOptions, fetch_response: FetchResponse, attempt_number: int
    ) -> bool:
        if not _is_transient(fetch_response):
            # Successes, client errors and the SDK's one token refresh on 401.
            return bool(super().should_retry(fetch_options, fetch_response, attempt_number))
        if attempt_number >= self.max_attempts:
            return False
        delay = self._delay(fetch_response, attempt_number)
        if self._elapsed() + delay > self.timeout_seconds:
            return False
        self._requests.next_delay = delay
        return True

    def retry_after(
        self, fetch_options: FetchOptions, fetch_response: FetchResponse, attempt_number: int
    ) -> float:
        if _is_transient(fetch_response):
            return self._requests.next_delay
        return 0.0

    def _delay(self, response: FetchResponse, attempt_number: int) -> float:
        header = _retry_after_header(response)
        if header is not None:
            # Never earlier than Box asked; a little later so parallel callers spread out.
            return header + _RANDOM.uniform(0.0, 0.1 * header + 0.05)
        backoff = self.base_interval * 2.0 ** max(0, attempt_number - 1)
        return min(self.max_interval, backoff * _RANDOM.uniform(0.5, 1.5))

    def _elapsed(self) -> float:
        starts = self._requests.starts
        return self._clock() - starts[-1] if starts else 0.0


class ThrottledNetworkClient(BoxNetworkClient):
    """The SDK's HTTP client, paced by a token bucket and timing each request's retries."""

    def __init__(self, bucket: TokenBucket, retries: BoundedRetryStrategy) -> None:
        super().__init__()
        self._bucket = bucket
        self._retries = retries

    def fetch(self, options: FetchOptions) -> FetchResponse:
        self._retries.begin_request()
        try:
            return super().fetch(options)
        finally:
            self._retries.end_request()

    def _make_request(self, request: APIRequest) -> APIResponse:
        # The SDK's per-attempt hook (boxsdk is pinned): every attempt, retries included,
        # costs Box one call against the rate limit, so every attempt takes a token.
        self._bucket.acquire()
        return super()._make_request(request)


def build_client(settings: BoxSettings) -> BoxClient:
    """A Box client for the enterprise's service account (client credentials or JWT)."""
    retries = BoundedRetryStrategy(
        max_attempts=settings.max_attempts,
        timeout_seconds=settings.retry_timeout_seconds,
        base_interval=settings.retry_base_seconds,
    )
    bucket = TokenBucket.per_minute(settings.max_requests_per_minute)
    session = NetworkSession(
        network_client=ThrottledNetworkClient(bucket, retries),
        retry_strategy=retries,
        base_urls=BaseUrls(base_url=settings.base_url),
    )
    return BoxClient(_authentication(settings), network_session=session)


def _authentication(settings: BoxSettings) -> BoxCCGAuth | BoxJWTAuth:
    """Client credentials, or JWT when `box:jwtConfig` is set (both act as the service account)."""
    if settings.jwt_config is None:
        return BoxCCGAuth(
            CCGConfig(
                client_id=settings.client_id,
                client_secret=settings.client_secret.get_secret_value(),
                enterprise_id=settings.enterprise_id,
            )
        )
    key = parse_jwt_config(settings.jwt_config.get_secret_value()).box_app_settings.app_auth
    return BoxJWTAuth(
        JWTConfig(
            client_id=settings.client_id,
            client_secret=settings.client_secret.get_secret_value(),
            jwt_key_id=key.public_key_id,
            private_key=key.private_key.get_secret_value(),
            private_key_passphrase=key.passphrase.get_secret_value(),
            enterprise_id=settings.enterprise_id,
        )
    )


def _is_transient(response: FetchResponse) -> bool:
    return response.status == 0 or response.status == 429 or response.status >= 500


def _retry_after_header(response: FetchResponse) -> float | None:
    headers = {name.lower(): value for name, value in (response.headers or {}).items()}
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def without_retries(client: BoxClient) -> BoxClient:
    """The same client (auth, pacing, URLs) that makes each call exactly once.

    For calls that are not idempotent (a content transfer): the caller decides whether to
    repeat one after reading what Box did, instead of the SDK resending it blindly.
    """
    session = client.network_session
    once = BoundedRetryStrategy(max_attempts=1, timeout_seconds=0.0)
    single = NetworkSession(
        network_client=session.network_client,
        retry_strategy=once,
        base_urls=session.base_urls,
    )
    return BoxClient(client.auth, network_session=single)
