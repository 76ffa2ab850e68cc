"""The state every emulator starts from: an enterprise with only the app's service account.

Called by `EmulatorServer` when it opens an empty store and on every reset; by the admin
endpoint that changes the service account's role or enterprise.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from emulator.config import EmulatorConfig
from emulator.records.users import insert_user
from emulator.runtime import Runtime
from emulator.store import Store

SERVICE_ACCOUNT_NAME = "Box Emulator Service Account"


def service_account_login(config: EmulatorConfig) -> str:
    return f"AutomationUser_{config.enterprise_id}_emulator@boxdevedition.com"


def seed(store: Store, db: sqlite3.Connection, config: EmulatorConfig, now: str) -> None:
    """Empty the store and create the service account (an admin of the enterprise)."""
    store.clear(db)
    values = {"role": "admin", "enterprise_id": config.enterprise_id}
    insert_user(db, "service", SERVICE_ACCOUNT_NAME, service_account_login(config), values, now)


def service_account(db: sqlite3.Connection) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM users WHERE kind = 'service' ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        raise RuntimeError("the emulator's store has no service account; reset it")
    return row


def service_account_settings(db: sqlite3.Connection) -> dict[str, Any]:
    attrs = json.loads(service_account(db)["attrs"])
    return {"role": attrs["role"], "enterprise_id": attrs.get("enterprise_id")}


def change_service_account(db: sqlite3.Connection, changes: dict[str, Any]) -> dict[str, Any]:
    """Set the service account's `role` (admin, coadmin, user) and/or `enterprise_id` (or null)."""
    unknown = sorted(set(changes) - {"role", "enterprise_id"})
    if unknown:
        raise ValueError(f"unknown service-account settings {unknown}; known: enterprise_id, role")
    if "role" in changes and changes["role"] not in ("admin", "coadmin", "user"):
        raise ValueError(f"role must be admin, coadmin or user, not {changes['role']!r}")
    if changes.get("enterprise_id") is not None and not isinstance(changes["enterprise_id"], str):
        raise ValueError("enterprise_id must be a string or null")
    row = service_account(db)
    attrs = {**json.loads(row["attrs"]), **changes}
    db.execute("UPDATE users SET attrs = ? WHERE id = ?", (json.dumps(attrs), row["id"]))
    return service_account_settings(db)


def reset(runtime: Runtime) -> None:
    """Back to the start: only the service account, an empty log, the configured faults.

    Issued tokens stay valid, so clients need not authenticate again after a reset.
    """
    with runtime.store.write() as db:
        seed(runtime.store, db, runtime.config, runtime.timestamp())
    runtime.log.clear()
    runtime.faults.configure(runtime.config.faults)
    runtime.faults.clear_scripted()
