"""A small fake Microsoft Graph over HTTP, for the Graph dynamic providers and program reads.

Started per test on port 0 (`running_fake_graph`). It answers the few calls entra-box makes,
as Graph v1.0 documents them: the client-credentials token; GET/PATCH a service principal
(404 until it has "replicated", `replication_misses`); the app's synchronization templates
and jobs (`pause`); synchronization secrets, listed with credential values masked as `*`
and PUT merged per key (what terraform-provider-azuread's delete relies on). Paths in
`forbidden` answer 403 (a missing permission). Every request is logged in `requests`.
Directory reads: `GET /groups/{id}/members` (users with only the `$select`ed properties,
other members as `id` and `@odata.type`, pages of `$top` capped at 999 with
`@odata.nextLink`) and `GET /users/{id}`; `serve_tenant` copies a `FakeTenant`'s users and
groups in.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.entra.fake_tenant import FakeTenant

# Keys whose values Graph masks when listing secrets (the Box OAuth tokens and the like).
SENSITIVE_KEYS = frozenset({"SecretToken", "ClientSecret", "RefreshToken", "Password"})
USER_TYPE = "#microsoft.graph.user"


@dataclass
class GraphState:
    """What the fake tenant holds, per service principal object id."""

    service_principals: dict[str, dict[str, Any]] = field(default_factory=dict)
    templates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    jobs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    secrets: dict[str, dict[str, str]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Group id -> its direct members' ids (users or groups).
    group_members: dict[str, list[str]] = field(default_factory=dict)
    replication_misses: int = 0
    forbidden: list[str] = field(default_factory=list)
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_service_principal(self, sp_id: str) -> None:
        self.service_principals[sp_id] = {"id": sp_id, "preferredTokenSigningKeyThumbprint": None}
        self.templates.setdefault(
            sp_id, [{"id": "box.factory-tag.v2", "factoryTag": "box", "default": True}]
        )
        self.jobs.setdefault(sp_id, [])
        self.secrets.setdefault(sp_id, {})


_SP = re.compile(
    r"^/v1\.0/servicePrincipals/([^/?]+)(/synchronization/(\w+)(?:/([^/]+)(/pause)?)?)?$"
)


class _Handler(BaseHTTPRequestHandler):
    state: GraphState

    def log_message(self, *_: Any) -> None:  # quiet
        return None

    def _send(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return raw.decode()

    def _handle(self, method: str) -> None:
        body = self._body()
        path = self.path.split("?")[0]
        with self.state.lock:
            self.state.requests.append((method, self.path, body))
            if path.endswith("/oauth2/v2.0/token"):
                return self._send(200, {"access_token": "fake-token", "expires_in": 3600})
            if any(fragment in path for fragment in self.state.forbidden):
                error = {
                    "code": "Authorization_RequestDenied",
                    "message": "Insufficient privileges",
                }
                return self._send(403, {"error": error})
            if path.startswith("/v1.0/groups/") or path.startswith("/v1.0/users/"):
                return self._directory(path)
            match = _SP.match(path)
            if match is None:
                return self._send(404, {"error": {"code": "NotFound", "message": path}})
            self._route(method, body, *match.group(1, 3, 4, 5))

    def _route(
        self,
        method: str,
        body: Any,
        sp_id: str,
        area: str | None,
        item: str | None,
        pause: str | None,
    ) -> None:
        state = self.state
        if sp_id not in state.service_principals or (
            area is None and method == "GET" and state.replication_misses > 0
        ):
            if sp_id in state.service_principals:
                state.replication_misses -= 1
            return self._send(
                404, {"error": {"code": "Request_ResourceNotFound", "message": sp_id}}
            )
        if area is None:
            if method == "PATCH":
                state.service_principals[sp_id].update(body)
                return self._send(204)
            return self._send(200, state.service_principals[sp_id])
        if area == "templates":
            return self._send(200, {"value": state.templates[sp_id]})
        if area == "jobs" and pause and method == "POST":
            job = next(j for j in state.jobs[sp_id] if j["id"] == item)
            job["schedule"]["state"] = "Paused"
            return self._send(204)
        if area == "jobs":
            return self._send(200, {"value": state.jobs[sp_id]})
        if area == "secrets" and method == "PUT":
            for pair in body["value"]:
                state.secrets[sp_id][pair["key"]] = pair["value"]
            return self._send(204)
        if area == "secrets":
            listed = [
                {"key": k, "value": "*" if k in SENSITIVE_KEYS else v}
                for k, v in state.secrets[sp_id].items()
            ]
            return self._send(200, {"value": listed})
        return self._send(404, {"error": {"code": "NotFound", "message": area}})

    def _query(self) -> dict[str, str]:
        query = urlsplit(self.path).query
        return {key: values[0] for key, values in parse_qs(query).items()}

    def _selected(self, fields: dict[str, Any]) -> dict[str, Any]:
        wanted = self._query().get("$select", "").split(",")
        return {"@odata.type": USER_TYPE, **{k: fields.get(k) for k in wanted if k}}

    def _directory(self, path: str) -> None:
        parts = path.split("/")
        if parts[2] == "users":
            fields = self.state.users.get(parts[3])
            if fields is None:
                return self._send(404, {"error": {"code": "Request_ResourceNotFound"}})
            return self._send(200, self._selected(fields))
        member_ids = self.state.group_members.get(parts[3])
        if member_ids is None:
            return self._send(404, {"error": {"code": "Request_ResourceNotFound"}})
        query = self._query()
        size = min(int(query.get("$top", 100)), 999)
        start = int(query.get("$skiptoken", 0))
        page = [
            self._selected(self.state.users[i])
            if i in self.state.users
            else {"@odata.type": "#microsoft.graph.group", "id": i}
            for i in member_ids[start : start + size]
        ]
        body: dict[str, Any] = {"value": page}
        if start + size < len(member_ids):
            host = f"http://{self.headers['Host']}"
            rest = f"$select={query.get('$select', '')}&$top={size}&$skiptoken={start + size}"
            body["@odata.nextLink"] = f"{host}{path}?{rest}"
        return self._send(200, body)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_PATCH(self) -> None:
        self._handle("PATCH")


@dataclass
class FakeGraph:
    state: GraphState
    url: str

    def config(self) -> dict[str, str]:
        """Stack config pointing entra-box's Graph calls here (full `ns:key` names)."""
        return {
            "azuread:tenantId": "72f988bf-0000-4000-8000-0000000000aa",
            "azuread:clientId": "deployer-client",
            "azuread:clientSecret": "deployer-secret",
            "entra-box:graphUrl": self.url,
            "entra-box:graphLoginUrl": self.url,
        }

    def calls(self, method: str, fragment: str) -> list[tuple[str, str, Any]]:
        return [r for r in self.state.requests if r[0] == method and fragment in r[1]]


@contextmanager
def running_fake_graph() -> Iterator[FakeGraph]:
    state = GraphState()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeGraph(state, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def serve_tenant(graph: FakeGraph, tenant: FakeTenant) -> None:
    """Make `graph` answer directory reads from `tenant`'s users and groups."""
    for user in tenant.users.values():
        graph.state.users[user.object_id] = {
            "id": user.object_id,
            "userPrincipalName": user.upn,
            "displayName": user.display_name,
            "accountEnabled": user.account_enabled,
            "mail": user.mail or None,
            "jobTitle": user.job_title or None,
        }
    for group in tenant.groups:
        graph.state.group_members[group.object_id] = list(group.member_ids)
