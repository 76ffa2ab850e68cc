"""A small Microsoft Graph client: client-credentials token, JSON calls, errors that say why.

Used by `resources` (inside dynamic providers, one client per process kept in a registry so
a provider instance holds only a key) and by `program_reads` (in the program, read-only).
A 403 fails at once with the permission to grant: pulumi-azuread retries 403s on
synchronization calls until its timeout, which on a tenant without
`Synchronization.ReadWrite.All` looks like a hang.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from typing import Any, Final

import requests

from components.entra.graph.settings import GraphSettings

API_VERSION: Final = "v1.0"
_TIMEOUT_SECONDS: Final = 30
_MAX_ATTEMPTS: Final = 4
_RETRYABLE: Final = frozenset({429, 500, 502, 503, 504})


class GraphError(Exception):
    """Graph refused a call; the message names the call, the status and Graph's reason."""

    def __init__(self, method: str, path: str, status: int, reason: str) -> None:
        self.status = status
        super().__init__(f"Microsoft Graph {method} {path} failed with {status}: {reason}")


class GraphPermissionError(GraphError):
    """403: the deploying identity lacks a permission; the message names it."""

    def __init__(self, method: str, path: str, reason: str) -> None:
        super().__init__(method, path, 403, reason)
        self.args = (
            f"{self.args[0]}. Grant the deploying identity {needed_permission(path)} "
            "and admin consent (docs/entra.md, 'Permissions').",
        )


class GraphNotFoundError(GraphError):
    """404: the object is not (yet) there."""


def needed_permission(path: str) -> str:
    if "/synchronization" in path:
        return (
            "Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy, with the "
            "identity an owner of the Box app)"
        )
    return "Application.ReadWrite.All"


def _reason(response: requests.Response) -> str:
    try:
        error = response.json().get("error", {})
        return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")
    except ValueError:
        return response.text[:200]


class GraphClient:
    """One identity's Graph session; the token is refreshed when it nears expiry."""

    def __init__(self, settings: GraphSettings) -> None:
        self._settings = settings
        self._session = requests.Session()
        self._token = ""
        self._token_expires = 0.0
        # Graph calls made (retries not counted), for the cost figures in `make bench`.
        self.requests = 0

    def _bearer(self) -> str:
        if time.monotonic() < self._token_expires - 60:
            return self._token
        s = self._settings
        response = self._session.post(
            f"{s.login_url}/{s.tenant_id}/oauth2/v2.0/token",
            data={
                "grant_type": "client_credentials",
                "client_id": s.client_id,
                "client_secret": s.client_secret.get_secret_value(),
                "scope": f"{s.graph_url}/.default",
            },
            timeout=_TIMEOUT_SECONDS,
        )
        if response.status_code != 200:
            raise GraphError("POST", "token", response.status_code, _reason(response))
        body = response.json()
        self._token = str(body["access_token"])
        self._token_expires = time.monotonic() + float(body.get("expires_in", 3600))
        return self._token

    def pages(self, path: str) -> Iterator[list[Any]]:
        """Each page's `value` of a GET, following `@odata.nextLink` to the end."""
        prefix = f"{self._settings.graph_url}/{API_VERSION}"
        next_path: str | None = path
        while next_path is not None:
            answer = self.call("GET", next_path) or {}
            yield list(answer.get("value", ()))
            link = answer.get("@odata.nextLink")
            next_path = str(link)[len(prefix) :] if link else None

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """Graph's JSON answer to `method path` (None for 204); retries 429 and 5xx."""
        url = f"{self._settings.graph_url}/{API_VERSION}{path}"
        self.requests += 1
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            response = self._session.request(
                method,
                url,
                json=body,
                headers={"Authorization": f"Bearer {self._bearer()}"},
                timeout=_TIMEOUT_SECONDS,
            )
            if response.status_code in _RETRYABLE and attempt < _MAX_ATTEMPTS:
                time.sleep(float(response.headers.get("Retry-After", 2**attempt)))
                continue
            return _answer(method, path, response)
        raise AssertionError("unreachable")  # pragma: no cover


def _answer(method: str, path: str, response: requests.Response) -> Any:
    status = response.status_code
    if status == 403:
        raise GraphPermissionError(method, path, _reason(response))
    if status == 404:
        raise GraphNotFoundError(method, path, status, _reason(response))
    if status >= 400:
        raise GraphError(method, path, status, _reason(response))
    return response.json() if response.content else None


# One client per identity per process; providers keep only the key.
_CLIENTS: dict[str, GraphClient] = {}


def connect(settings: GraphSettings) -> str:
    """The registry key of this identity's client, created on first use."""
    # The secret is part of the key (hashed), so a rotated secret gets a fresh client.
    secret = settings.client_secret.get_secret_value()
    material = f"{settings.graph_url}|{settings.tenant_id}|{settings.client_id}|{secret}"
    key = hashlib.sha256(material.encode()).hexdigest()
    _CLIENTS.setdefault(key, GraphClient(settings))
    return key


def client(key: str) -> GraphClient:
    return _CLIENTS[key]
