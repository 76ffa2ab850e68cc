"""`EmulatorServer`: the emulator as a real HTTP server on a background thread.

Used in-process by tests (the `box_emulator` fixture in tests/conftest.py) and by the command
line (`python -m emulator`). Serves with werkzeug's threaded server; `stop()` then `start()`
binds the same port again and reopens the same state file, as a restarted process would.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
import weakref
from collections.abc import Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from emulator.app import create_app
from emulator.config import EmulatorConfig, FaultConfig
from emulator.errors import BoxError
from emulator.faults import ScriptedFault, ScriptedKind, Timing
from emulator.records.tokens import expire_all
from emulator.request_log import RequestLog
from emulator.runtime import Runtime, box_timestamp
from emulator.seed import change_service_account, reset, seed
from emulator.store import Store

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


class _QuietHandler(WSGIRequestHandler):
    """No access log on stderr (the request log is the record); errors in Box's JSON."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Box's JSON error for a request line or header the server cannot parse.

        http.server answers these itself, before any WSGI application runs, with an HTML
        page (and, for a one-word request line, with no status line at all, as HTTP/0.9).
        Box answers a 400 `bad_request` body; the connection is closed after it.
        """
        self.log_error("code %d, message %s", code, message)
        status = code if 400 <= code < 500 else 400
        request_id = secrets.token_hex(8)
        body = json.dumps(BoxError(status, "bad_request", message).body(request_id)).encode()
        self.request_version = "HTTP/1.0"  # so that a status line and headers are sent
        self.send_response(status)
        for name, value in (
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("box-request-id", request_id),
            ("Connection", "close"),
        ):
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class EmulatorServer:
    """A Box emulator serving HTTP on a background thread."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self._port = self.config.port
        self._runtime: Runtime | None = None
        self._app: Flask | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> EmulatorServer:
        if self._server is not None:
            raise RuntimeError(f"the emulator is already serving at {self.url}")
        store = self._open_store()
        if self._runtime is None:
            self._runtime = Runtime(self.config, store)
            self._app = create_app(self._runtime)
        self._runtime.store = store
        server = make_server(
            self.config.host, self._port, self._serve, threaded=True, request_handler=_QuietHandler
        )
        self._server, self._port = server, server.port
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"box-emulator-{self._port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections and close the state file; data in memory stay."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        for connection in list(self._sockets):
            _cut(connection)
        if self._thread is not None:
            self._thread.join()
        if self.config.state_path is not None:
            self.runtime.store.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- where and what -----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        host = self.config.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self._port}"

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            raise RuntimeError("the emulator has not been started")
        return self._runtime

    @property
    def app(self) -> Flask:
        """The Flask application, e.g. for `app.test_client()` without a socket."""
        if self._app is None:
            raise RuntimeError("the emulator has not been started")
        return self._app

    @property
    def request_log(self) -> RequestLog:
        return self.runtime.log

    # -- controls (the in-process twins of the /_emulator/ endpoints) ---------------------------
    def reset(self) -> None:
        """Only the service account again, an empty request log, the configured faults."""
        reset(self.runtime)

    def set_faults(self, faults: FaultConfig | None = None, **changes: Any) -> FaultConfig:
        """Replace the random faults (`faults`) or change some of them (`error_rate=0.1`, ...)."""
        injector = self.runtime.faults
        injector.configure((faults or injector.config).updated(changes))
        return injector.config

    def inject(
        self,
        kind: ScriptedKind,
        *,
        count: int = 1,
        status: int = 500,
        timing: Timing = "before",
        method: str | None = None,
        path_prefix: str | None = None,
        retry_after: int = 1,
    ) -> None:
        """Strike the next `count` matching requests with `kind`: error, rate_limit or drop."""
        fault = ScriptedFault(kind, count, status, timing, method, path_prefix, retry_after)
        self.runtime.faults.add(fault)

    def clear_faults(self) -> None:
        self.runtime.faults.configure(FaultConfig())
        self.runtime.faults.clear_scripted()

    def expire_tokens(self) -> int:
        """Expire every issued token now; returns how many were live."""
        with self.runtime.store.write() as db:
            return expire_all(db, self.runtime.clock())

    def set_service_account(self, **changes: Any) -> dict[str, Any]:
        """Change the service account's `role` (admin, coadmin, user) or `enterprise_id`."""
        with self.runtime.store.write() as db:
            return change_service_account(db, changes)

    # -- internals ----------------------------------------------------------------------------
    def _open_store(self) -> Store:
        if self.config.state_path is None and self._runtime is not None:
            return self._runtime.store
        store = Store(self.config.state_path)
        if store.is_empty():
            with store.write() as db:
                seed(store, db, self.config, box_timestamp(time.time()))
        return store

    def _serve(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        connection = environ.get("werkzeug.socket")
        if isinstance(connection, socket.socket):
            self._sockets.add(connection)
        assert self._app is not None  # noqa: S101 - set before the server starts
        return self._app(environ, start_response)


def _cut(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by its client
        connection.shutdown(socket.SHUT_RDWR)
