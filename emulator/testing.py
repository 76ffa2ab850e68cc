"""Helpers for tests that run against the emulator: an official SDK client pointed at it.

Used by tests/conftest.py (`box_client`) and by any test that needs another client, e.g. with
other credentials or a `requests.Session` that inspects answers. Imports the SDK, so the
emulator's server modules never import this one.
"""

from __future__ import annotations

import requests
from box_sdk_gen import BaseUrls, BoxCCGAuth, BoxClient, CCGConfig, NetworkSession
from box_sdk_gen.networking.box_network_client import BoxNetworkClient
from box_sdk_gen.networking.retries import BoxRetryStrategy

from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID

# The SDK waits 2**attempt * base seconds (randomised) between retries of a 5xx; tests shrink
# the base so that retries stay quick. Its retry logic is otherwise the shipped one.
FAST_RETRY_BASE_INTERVAL = 0.05


def network_session(
    url: str,
    retry_base_interval: float = FAST_RETRY_BASE_INTERVAL,
    requests_session: requests.Session | None = None,
) -> NetworkSession:
    """A session whose API and token URLs are the emulator's (the SDK builds both from `url`)."""
    return NetworkSession(
        base_urls=BaseUrls(base_url=url, oauth_2_url=f"{url}/oauth2"),
        retry_strategy=BoxRetryStrategy(retry_base_interval=retry_base_interval),
        network_client=BoxNetworkClient(requests_session),
    )


def sdk_client(
    url: str,
    *,
    client_id: str = DEFAULT_CLIENT_ID,
    client_secret: str = DEFAULT_CLIENT_SECRET,
    enterprise_id: str = DEFAULT_ENTERPRISE_ID,
    retry_base_interval: float = FAST_RETRY_BASE_INTERVAL,
    requests_session: requests.Session | None = None,
) -> BoxClient:
    """An official SDK client authenticated by client credentials (CCG) against the emulator."""
    config = CCGConfig(
        client_id=client_id, client_secret=client_secret, enterprise_id=enterprise_id
    )
    session = network_session(url, retry_base_interval, requests_session)
    return BoxClient(auth=BoxCCGAuth(config), network_session=session)
