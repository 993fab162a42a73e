"""The export journal: every export this user started, kept in the config dir so it outlives the kernel.

One SQLite file (``exports.sqlite3``, owner-only) shared by every process of the user: which backend, which
session, which render, where the MP4 goes, a hash of the draft and how far it got. A new process reads
it to re-attach to a render instead of starting another (``AsyncClient.exports()``, ``Export.wait()``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import private_dir

JOURNAL_FILE = "exports.sqlite3"
LOCKS_DIR = "locks"
# Exports of one draft take turns on one of this many lock files (a bounded set, so none pile up);
# two different drafts that share a file only wait for each other's start request.
LOCK_SLOTS = 64
BUSY_TIMEOUT_S = 30.0
ACTIVE = ("rendering", "downloading")
STATES = (*ACTIVE, "done", "failed", "cancelled")

SCHEMA = """
CREATE TABLE IF NOT EXISTS exports (
    render_id TEXT PRIMARY KEY, backend TEXT NOT NULL, base_url TEXT NOT NULL, session_id TEXT,
    target TEXT NOT NULL, draft_hash TEXT NOT NULL, resolution TEXT NOT NULL, state TEXT NOT NULL,
    error TEXT, started REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS exports_draft ON exports (backend, session_id, draft_hash, resolution);
CREATE TABLE IF NOT EXISTS batch_rows (
    batch TEXT NOT NULL, idx INTEGER NOT NULL, prompt TEXT NOT NULL, state TEXT NOT NULL,
    session_id TEXT, summary TEXT, video_path TEXT, error TEXT, updated REAL NOT NULL,
    PRIMARY KEY (batch, idx));
"""


def draft_hash(draft: Any) -> str:
    """The same draft always hashes the same (keys sorted), whatever process computes it."""
    text = json.dumps(draft, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class ExportRecord:
    """One export as journalled: the backend (identity and URL), session, render, target and state."""

    render_id: str
    backend: str
    base_url: str
    session_id: str | None
    target: Path
    draft_hash: str
    resolution: str
    state: str
    error: str | None
    started: float
    updated: float

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ExportRecord:
        values = dict(row)
        values["target"] = Path(values["target"])
        return cls(**values)

    @property
    def active(self) -> bool:
        return self.state in ACTIVE


@dataclass(frozen=True)
class BatchRow:
    """One prompt of a batch as journalled: how far it got and the session it used."""

    batch: str
    idx: int
    prompt: str
    state: str
    session_id: str | None
    summary: str | None
    video_path: str | None
    error: str | None
    updated: float


def batch_key(
    backend: str, prompts: list[str], export: bool, resolution: str, out_dir: Path
) -> str:
    """The same prompts exported the same way to the same folder on the same backend: the same batch."""
    parts = [backend, *prompts, str(export), resolution, str(out_dir.resolve())]
    return draft_hash(parts)


class Journal:
    """The journal file of one config dir; every call opens, does one thing and closes."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / JOURNAL_FILE

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        private_dir(self.path.parent)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            yield conn
        finally:
            conn.close()

    def started(
        self,
        *,
        render_id: str,
        backend: str,
        base_url: str,
        session_id: str | None,
        target: Path,
        draft_hash: str,
        resolution: str,
    ) -> None:
        now = time.time()
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO exports VALUES (?, ?, ?, ?, ?, ?, ?, 'rendering', NULL, ?, ?)",
                (
                    render_id,
                    backend,
                    base_url,
                    session_id,
                    str(target),
                    draft_hash,
                    resolution,
                    now,
                    now,
                ),
            )

    def mark(self, render_id: str, state: str, error: str | None = None) -> None:
        if state not in STATES:
            raise ValueError(f"unknown export state {state!r}")
        with self._db() as conn:
            conn.execute(
                "UPDATE exports SET state = ?, error = ?, updated = ? WHERE render_id = ?",
                (state, error, time.time(), render_id),
            )

    def records(self, limit: int = 100) -> list[ExportRecord]:
        """The newest exports first."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT * FROM exports ORDER BY started DESC LIMIT ?", (limit,)
            ).fetchall()
        return [ExportRecord.from_row(row) for row in rows]

    def get(self, render_id: str) -> ExportRecord | None:
        with self._db() as conn:
            row = conn.execute("SELECT * FROM exports WHERE render_id = ?", (render_id,)).fetchone()
        return ExportRecord.from_row(row) if row else None

    def claim_lock(
        self, backend: str, session_id: str | None, digest: str, resolution: str
    ) -> Path:
        """The lock file that exports of this draft hold while they choose to attach or to start, so
        that two at once (two cells, two kernels) make one render."""
        key = f"{backend}\0{session_id}\0{digest}\0{resolution}".encode()
        slot = int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % LOCK_SLOTS
        return private_dir(self.path.parent / LOCKS_DIR) / f"export-{slot:02d}.lock"

    def same_draft(
        self, backend: str, session_id: str | None, digest: str, resolution: str
    ) -> ExportRecord | None:
        """The newest export of this very draft at this resolution that is running or finished."""
        with self._db() as conn:
            row = conn.execute(
                "SELECT * FROM exports WHERE backend = ? AND session_id IS ? AND draft_hash = ? "
                "AND resolution = ? AND state IN ('rendering', 'downloading', 'done') "
                "ORDER BY started DESC LIMIT 1",
                (backend, session_id, digest, resolution),
            ).fetchone()
        return ExportRecord.from_row(row) if row else None

    # -- batches ------------------------------------------------------------------------------

    def batch_rows(self, batch: str) -> dict[int, BatchRow]:
        with self._db() as conn:
            rows = conn.execute("SELECT * FROM batch_rows WHERE batch = ?", (batch,)).fetchall()
        return {row["idx"]: BatchRow(**dict(row)) for row in rows}

    def batch_row(self, batch: str, idx: int, prompt: str, state: str, **fields: Any) -> None:
        """Record a row's progress; fields not given keep their journalled value."""
        known = ("session_id", "summary", "video_path", "error")
        unknown = set(fields) - set(known)
        if unknown:
            raise ValueError(f"unknown batch row fields {sorted(unknown)}")
        with self._db() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO batch_rows (batch, idx, prompt, state, updated) "
                "VALUES (?, ?, ?, ?, ?)",
                (batch, idx, prompt, state, time.time()),
            )
            sets = ", ".join(f"{key} = ?" for key in fields)
            conn.execute(
                f"UPDATE batch_rows SET state = ?, updated = ?{', ' + sets if sets else ''} "
                "WHERE batch = ? AND idx = ?",
                (state, time.time(), *fields.values(), batch, idx),
            )

    def forget_batch(self, batch: str) -> None:
        with self._db() as conn:
            conn.execute("DELETE FROM batch_rows WHERE batch = ?", (batch,))
