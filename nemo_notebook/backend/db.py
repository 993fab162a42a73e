"""SQLite storage of the local backend: users, tokens, sessions, draft history, uploads and renders.

One writer connection guarded by a lock (SQLite serialises writers anyway) and one reader connection
per thread: with WAL a read never waits for the writer's lock or a checkpoint, so the server's event
loop is not held up by a commit in a render or chat thread. Every connection waits out a busy database
(``busy_timeout``) rather than failing with "database is locked". The schema is created on open and
carries a version number.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS clients (
    client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, issued_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY, available INTEGER NOT NULL, frozen INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS reservations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, amount INTEGER NOT NULL,
    state TEXT NOT NULL, reason TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, task_id TEXT NOT NULL, user_id TEXT NOT NULL, task_name TEXT NOT NULL,
    language TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS draft_history (
    session_id TEXT NOT NULL, seq INTEGER NOT NULL, draft TEXT NOT NULL, message TEXT NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (session_id, seq));
CREATE TABLE IF NOT EXISTS uploads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL, user_id TEXT NOT NULL,
    session_id TEXT NOT NULL, filename TEXT NOT NULL, file_type TEXT NOT NULL, duration INTEGER,
    width INTEGER, height INTEGER, fps REAL, hash TEXT NOT NULL, size INTEGER NOT NULL,
    created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS renders (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT, status TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0, draft TEXT NOT NULL, resolution TEXT NOT NULL,
    output_name TEXT, poster_name TEXT, duration INTEGER, size INTEGER, error TEXT,
    created REAL NOT NULL, completed REAL);
"""

TERMINAL = ("completed", "failed", "cancelled")
BUSY_TIMEOUT_S = 30.0


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256, so the database never holds a usable secret."""
    return hashlib.sha256(token.encode()).hexdigest()


class Database:
    """The backend's tables behind small, named operations."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._conn = self._connect()
        self._lock = threading.RLock()
        self._readers = threading.local()
        self._all_readers: list[sqlite3.Connection] = []
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(SCHEMA)
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{path} was written by a newer nemo-notebook (schema {version})"
                )
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self._path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        conn.row_factory = sqlite3.Row
        return conn

    def _reader(self) -> sqlite3.Connection:
        """This thread's read connection (autocommit: each read sees the latest commit)."""
        conn = getattr(self._readers, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only=ON")
            self._readers.conn = conn
            with self._lock:
                self._all_readers.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all_readers:
                conn.close()
            self._all_readers.clear()
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _one(self, sql: str, *args: Any) -> dict[str, Any] | None:
        row = self._reader().execute(sql, args).fetchone()
        return dict(row) if row is not None else None

    def _all(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(row) for row in self._reader().execute(sql, args).fetchall()]

    # -- clients, tokens, users ---------------------------------------------------------------

    def client_grant(self, client_id: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM clients WHERE client_id = ?", client_id)

    def issue_token(
        self, client_id: str, user_id: str, token: str, ttl_s: float, credits: int
    ) -> tuple[dict[str, Any], float]:
        """Record a token for a client id; a returning client keeps its user and balance."""
        now = time.time()
        expires = now + ttl_s
        with self.transaction() as conn:
            grant = conn.execute(
                "SELECT user_id FROM clients WHERE client_id = ?", (client_id,)
            ).fetchone()
            if grant is not None:
                user_id = grant["user_id"]
            conn.execute(
                "INSERT OR REPLACE INTO clients VALUES (?, ?, ?, ?)",
                (client_id, user_id, now, expires),
            )
            conn.execute(
                "INSERT INTO tokens VALUES (?, ?, ?)", (hash_token(token), user_id, expires)
            )
            conn.execute(
                "INSERT OR IGNORE INTO users (user_id, available, created) VALUES (?, ?, ?)",
                (user_id, credits, now),
            )
        user = self.user(user_id)
        assert user is not None
        return user, expires

    def user_for_token(self, token: str) -> str | None:
        row = self._one(
            "SELECT user_id, expires_at FROM tokens WHERE token_hash = ?", hash_token(token)
        )
        if row is None or row["expires_at"] <= time.time():
            return None
        return row["user_id"]

    def user(self, user_id: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM users WHERE user_id = ?", user_id)

    # -- credits ------------------------------------------------------------------------------

    def add_credits(self, user_id: str, amount: int) -> int | None:
        """Give a user ``amount`` more credits (the local top-up); the new balance, or None if unknown."""
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE users SET available = available + ? WHERE user_id = ?", (amount, user_id)
            )
            if cur.rowcount == 0:
                return None
            row = conn.execute(
                "SELECT available FROM users WHERE user_id = ?", (user_id,)
            ).fetchone()
            return int(row["available"])

    def reserve(self, user_id: str, amount: int, reason: str) -> int | None:
        """Freeze ``amount`` credits; the reservation id, or None when the balance is too low."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT available FROM users WHERE user_id = ?", (user_id,)
            ).fetchone()
            if row is None or row["available"] < amount:
                return None
            conn.execute(
                "UPDATE users SET available = available - ?, frozen = frozen + ? WHERE user_id = ?",
                (amount, amount, user_id),
            )
            cur = conn.execute(
                "INSERT INTO reservations (user_id, amount, state, reason, created) VALUES (?, ?, 'held', ?, ?)",
                (user_id, amount, reason, time.time()),
            )
            return int(cur.lastrowid or 0)

    def settle(self, reservation_id: int, charge: int) -> int:
        """End a reservation: charge up to ``charge`` (the reserved amount plus what is available), free the rest."""
        with self.transaction() as conn:
            return _settle(conn, reservation_id, charge)

    def finish_turn(
        self,
        session_id: str,
        draft: dict[str, Any] | None,
        message: str,
        reservation_id: int,
        charge: int,
    ) -> int:
        """A chat turn's outcome in one transaction: its draft (when it made one) joins the history
        and its reservation is settled, so neither is ever stored without the other. What was charged."""
        with self.transaction() as conn:
            if draft is not None:
                _append_draft(conn, session_id, draft, message)
            return _settle(conn, reservation_id, charge)

    def release(self, reservation_id: int) -> None:
        self.settle(reservation_id, 0)

    def release_all_held(self) -> int:
        """Free reservations left by a server that stopped mid-work."""
        held = self._all("SELECT id FROM reservations WHERE state = 'held'")
        for row in held:
            self.release(row["id"])
        return len(held)

    # -- sessions and drafts ------------------------------------------------------------------

    def create_session(
        self, session_id: str, task_id: str, user_id: str, task_name: str, language: str | None
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, task_id, user_id, task_name, language, time.time()),
            )

    def session(self, session_id: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM sessions WHERE session_id = ?", session_id)

    def add_draft(self, session_id: str, draft: dict[str, Any], message: str) -> int:
        """Append a draft to the session's history; its sequence number."""
        with self.transaction() as conn:
            return _append_draft(conn, session_id, draft, message)

    def latest_draft(self, session_id: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT draft FROM draft_history WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
            session_id,
        )
        return json.loads(row["draft"]) if row else None

    def draft_history(self, session_id: str) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT * FROM draft_history WHERE session_id = ? ORDER BY seq", session_id
        )
        return [{**row, "draft": json.loads(row["draft"])} for row in rows]

    # -- uploads ------------------------------------------------------------------------------

    def add_upload(self, record: dict[str, Any]) -> None:
        keys = ", ".join(record)
        marks = ", ".join("?" for _ in record)
        with self.transaction() as conn:
            conn.execute(f"INSERT INTO uploads ({keys}) VALUES ({marks})", tuple(record.values()))

    def uploads(self, session_id: str) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM uploads WHERE session_id = ? ORDER BY seq", session_id)

    # -- renders ------------------------------------------------------------------------------

    def add_render(
        self,
        render_id: str,
        user_id: str,
        session_id: str | None,
        draft: dict[str, Any],
        resolution: str,
    ) -> bool:
        """Record a pending render; False when the id was used before."""
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO renders (id, user_id, session_id, status, draft, resolution, created) "
                    "VALUES (?, ?, ?, 'pending', ?, ?, ?)",
                    (render_id, user_id, session_id, json.dumps(draft), resolution, time.time()),
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def render(self, render_id: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM renders WHERE id = ?", render_id)

    def start_render(self, render_id: str) -> bool:
        """Move a pending render to processing; False when it was cancelled meanwhile."""
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE renders SET status = 'processing', progress = 0 WHERE id = ? AND status = 'pending'",
                (render_id,),
            )
            return cur.rowcount > 0

    def update_render(self, render_id: str, **fields: Any) -> None:
        if fields.get("status") in TERMINAL:
            fields.setdefault("completed", time.time())
        sets = ", ".join(f"{key} = ?" for key in fields)
        with self.transaction() as conn:
            conn.execute(f"UPDATE renders SET {sets} WHERE id = ?", (*fields.values(), render_id))

    def finish_render_unless_cancelled(self, render_id: str, **fields: Any) -> bool:
        """Move a render to a terminal state unless a cancel got there first."""
        fields.setdefault("completed", time.time())
        sets = ", ".join(f"{key} = ?" for key in fields)
        with self.transaction() as conn:
            cur = conn.execute(
                f"UPDATE renders SET {sets} WHERE id = ? AND status NOT IN ('cancelled', 'failed')",
                (*fields.values(), render_id),
            )
            return cur.rowcount > 0

    def renders_with_status(self, *statuses: str) -> list[dict[str, Any]]:
        marks = ", ".join("?" for _ in statuses)
        return self._all(
            f"SELECT * FROM renders WHERE status IN ({marks}) ORDER BY created", *statuses
        )


def _settle(conn: sqlite3.Connection, reservation_id: int, charge: int) -> int:
    res = conn.execute(
        "SELECT * FROM reservations WHERE id = ? AND state = 'held'", (reservation_id,)
    ).fetchone()
    if res is None:
        return 0
    user = conn.execute(
        "SELECT available FROM users WHERE user_id = ?", (res["user_id"],)
    ).fetchone()
    charged = max(0, min(charge, res["amount"] + user["available"]))
    conn.execute(
        "UPDATE users SET frozen = frozen - ?, available = available + ? - ? WHERE user_id = ?",
        (res["amount"], res["amount"], charged, res["user_id"]),
    )
    state = "charged" if charged else "released"
    conn.execute("UPDATE reservations SET state = ? WHERE id = ?", (state, reservation_id))
    return int(charged)


def _append_draft(
    conn: sqlite3.Connection, session_id: str, draft: dict[str, Any], message: str
) -> int:
    seq = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM draft_history WHERE session_id = ?", (session_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO draft_history VALUES (?, ?, ?, ?, ?)",
        (session_id, seq, json.dumps(draft), message, time.time()),
    )
    return int(seq)
