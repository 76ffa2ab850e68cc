"""Helpers for tests that run against the emulator: an SDK client pointed at it, a subprocess.

`sdk_client` is used by tests/conftest.py (`box_client`) and by any test that needs another
client (other credentials, a `requests.Session` that inspects answers). `EmulatorProcess`
runs `python -m emulator` for tests of the command, of restarts and of crashes. Imports the
SDK, so the emulator's server modules never import this one.
"""

from __future__ import annotations

import signal
import subprocess
import sys

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


class EmulatorProcess:
    """`python -m emulator` in a subprocess, for tests of the command and of crash safety."""

    BANNER = "Box emulator listening on "

    def __init__(self, *args: str, python: str = sys.executable) -> None:
        self.args = args
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [python, "-m", "emulator", *args], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None  # noqa: S101 - stdout=PIPE above
        first_line = self.process.stdout.readline().strip()
        if not first_line.startswith(self.BANNER):
            self.process.kill()
            raise RuntimeError(f"the emulator did not start: first line {first_line!r}")
        self.url = first_line.removeprefix(self.BANNER)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> int:
        """Send `sig` and wait for the exit status."""
        self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def kill(self) -> int:
        """SIGKILL: the process gets no chance to clean up, as in a crash."""
        return self.stop(signal.SIGKILL)

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process.poll() is None:
            self.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()
