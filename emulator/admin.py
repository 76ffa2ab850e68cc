"""`/_emulator/...`: the emulator's own controls, for a run in a subprocess (demo, end-to-end).

Clearly not Box: no bearer token, answered only to loopback clients, never logged or faulted.

- `GET /_emulator/requests`: the request log, `{"total", "counts", "entries"}`; `?since=N`
  returns entries from index N on (counts always cover the whole log).
- `DELETE /_emulator/requests`: empty the log.
- `POST /_emulator/reset`: back to only the service account, empty log, configured faults.
- `GET /_emulator/faults`; `PUT /_emulator/faults` with any `FaultConfig` fields to change;
  `POST /_emulator/faults/scripted` with a `ScriptedFault`; `DELETE` that to clear them.
- `GET/PUT /_emulator/service-account`: `{"role": "admin|coadmin|user", "enterprise_id": "…"|null}`.
- `POST /_emulator/tokens/expire`: every issued token expires now (clients must refresh).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, jsonify, request

from emulator.faults import ScriptedFault
from emulator.records.tokens import expire_all
from emulator.runtime import current
from emulator.seed import change_service_account, reset, service_account_settings

blueprint = Blueprint("admin", __name__, url_prefix="/_emulator")
LOOPBACK = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


@blueprint.before_request
def _loopback_only() -> tuple[Response, int] | None:
    if request.remote_addr not in LOOPBACK:
        return jsonify({"error": "the /_emulator/ endpoints answer loopback clients only"}), 403
    return None


@blueprint.errorhandler(ValueError)
@blueprint.errorhandler(TypeError)
def _bad_input(error: Exception) -> tuple[Response, int]:
    return jsonify({"error": str(error)}), 400


@blueprint.get("/requests")
def get_requests() -> Response:
    log = current().log
    since = int(request.args.get("since", "0"))
    entries = log.entries
    return jsonify(
        {
            "total": len(entries),
            "counts": log.counts_by_route(),
            "entries": [entry.to_json() for entry in entries[since:]],
        }
    )


@blueprint.delete("/requests")
def delete_requests() -> Response:
    current().log.clear()
    return Response(status=204)


@blueprint.post("/reset")
def post_reset() -> Response:
    reset(current())
    return Response(status=204)


@blueprint.get("/faults")
def get_faults() -> Response:
    return jsonify(_faults_json())


@blueprint.put("/faults")
def put_faults() -> Response:
    faults = current().faults
    faults.configure(faults.config.updated(_json_object()))
    return jsonify(_faults_json())


@blueprint.post("/faults/scripted")
def post_scripted_fault() -> tuple[Response, int]:
    current().faults.add(ScriptedFault(**_json_object()))
    return jsonify(_faults_json()), 201


@blueprint.delete("/faults/scripted")
def delete_scripted_faults() -> Response:
    current().faults.clear_scripted()
    return Response(status=204)


@blueprint.get("/service-account")
def get_service_account() -> Response:
    return _with_db(service_account_settings)


@blueprint.put("/service-account")
def put_service_account() -> Response:
    changes = _json_object()
    return _with_db(lambda db: change_service_account(db, changes))


@blueprint.post("/tokens/expire")
def post_expire_tokens() -> Response:
    runtime = current()
    with runtime.store.write() as db:
        return jsonify({"expired": expire_all(db, runtime.clock())})


def _faults_json() -> dict[str, Any]:
    faults = current().faults
    return {
        "config": faults.config.to_json(),
        "scripted": [fault.to_json() for fault in faults.scripted],
    }


def _with_db(action: Callable[[Any], dict[str, Any]]) -> Response:
    with current().store.write() as db:
        return jsonify(action(db))


def _json_object() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValueError("send a JSON object")
    return data
