"""Bearer tokens: issued by `POST /oauth2/token`, checked on every API request.

Kept in the store so that a client's token outlives an emulator restart, as it would outlive
anything on Box's side. Called by `emulator.behaviour.oauth` and `emulator.auth`.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class TokenGrant:
    """Who a token acts for and until when."""

    user_id: int
    expires_at: float


def issue_token(db: sqlite3.Connection, user_id: int, ttl: int, now: float) -> str:
    token = secrets.token_urlsafe(24)
    db.execute(
        "INSERT INTO tokens (token, user_id, expires_at) VALUES (?, ?, ?)",
        (token, user_id, now + ttl),
    )
    # Expired tokens serve no purpose once their holders have been told so; keep the table small.
    db.execute("DELETE FROM tokens WHERE expires_at < ?", (now - ttl,))
    return token


def find_grant(db: sqlite3.Connection, token: str) -> TokenGrant | None:
    row = db.execute("SELECT user_id, expires_at FROM tokens WHERE token = ?", (token,)).fetchone()
    return TokenGrant(int(row["user_id"]), float(row["expires_at"])) if row else None


def expire_all(db: sqlite3.Connection, now: float) -> int:
    return db.execute("UPDATE tokens SET expires_at = ? WHERE expires_at > ?", (now, now)).rowcount
