"""The emulator's state: one SQLite database, in memory or in the `--state` file.

Why SQLite: it is in the standard library, answers lookups by id, login or name through
indexes and pages with `ORDER BY id LIMIT/OFFSET` (or `id > marker`) without scanning, and it
is crash-safe with the settings used here. With a state file the database runs in WAL mode with
`synchronous=FULL`: every `COMMIT` fsyncs the write-ahead log before it returns, and a view
only answers after its transaction committed, so a crash (even SIGKILL or power loss right
after an answer) loses nothing that was acknowledged. An fsynced append-only journal would give
the same guarantee but needs hand-written indexes and compaction.

All access goes through one connection guarded by one lock (SQLite has a single writer
anyway); `read()` and `write()` hand it out. Called by the behaviour modules via `Runtime`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# First id of each object type: disjoint ranges, so that an id of the wrong type is a 404.
ID_BASES = {"users": 30_000_000_000, "groups": 40_000_000_000, "memberships": 50_000_000_000}
FOLDER_ID_BASE = 60_000_000_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,                 -- managed | app | service | external
    login TEXT NOT NULL,
    login_key TEXT NOT NULL UNIQUE,     -- lower(login): logins are unique case-insensitively
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    external_app_user_id TEXT,
    attrs TEXT NOT NULL,                -- JSON: every other attribute
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_by_name ON users(name_key);
CREATE INDEX IF NOT EXISTS users_by_app_user_id ON users(external_app_user_id);

CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    attrs TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);

-- Deleting a user or a group removes its memberships, and never anything else.
CREATE TABLE IF NOT EXISTS memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    permissions TEXT,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    UNIQUE (user_id, group_id)
);
CREATE INDEX IF NOT EXISTS memberships_by_group ON memberships(group_id);

-- A folder's owner may not be deleted while it exists (no ON DELETE): the database itself
-- refuses to lose anybody's content. parent_id NULL means the owner's root, folder "0".
CREATE TABLE IF NOT EXISTS folders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS folders_by_place
    ON folders(owner_id, ifnull(parent_id, 0), name_key);
CREATE INDEX IF NOT EXISTS folders_by_parent ON folders(parent_id);

CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    expires_at REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Tables emptied by `reset`; tokens survive it, as they survive nothing else in Box.
_DATA_TABLES = ("memberships", "folders", "groups", "users", "settings")
_MAX_ID = 2**63 - 1  # SQLite's largest integer


def parse_object_id(text: str) -> int | None:
    """The id `text` names, or None when no object can have it (not ASCII digits, too large).

    `str.isdigit` alone would take Arabic-Indic digits and `int` would read them, and a
    5,000-digit id overflows both Python's string conversion and SQLite.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(_MAX_ID)):
        return None
    number = int(text)
    return number if number <= _MAX_ID else None


class Store:
    """The database connection, its lock and its transactions."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            str(path) if path else ":memory:", check_same_thread=False, isolation_level=None
        )
        self._db.row_factory = sqlite3.Row
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._closed = False

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._check_open()
            yield self._db

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A transaction that is durable when the block ends, or rolled back if it raises."""
        with self._lock:
            self._check_open()
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def is_empty(self) -> bool:
        with self.read() as db:
            count: int = db.execute("SELECT count(*) FROM users").fetchone()[0]
            return count == 0

    def clear(self, db: sqlite3.Connection) -> None:
        """Empty every data table and restart the id sequences (inside a `write()` block)."""
        for table in _DATA_TABLES:
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
        db.execute("DELETE FROM sqlite_sequence")
        for table, base in {**ID_BASES, "folders": FOLDER_ID_BASE}.items():
            db.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (table, base))

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the emulator's store is closed (the emulator was stopped)")
