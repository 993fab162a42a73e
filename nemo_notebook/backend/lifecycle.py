"""A server's hold on its data dir: the claim taken before it serves, the sweep of what a dead server left,
the discovery file it publishes, and the idle watch that stops a service nobody uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from starlette.types import ASGIApp, Receive, Scope, Send

from .. import file_lock
from .._version import __version__
from . import discovery
from .settings import Settings


@dataclass
class Claim:
    """The data dir's lock held by one server, where it listens, and how to ask it to stop."""

    data_dir: Path
    handle: IO[str] = field(repr=False)
    url: str = ""
    on_idle: Callable[[], None] | None = None
    released: bool = False

    def publish(self, identity: str) -> None:
        info = discovery.ServerInfo(
            url=self.url,
            pid=os.getpid(),
            version=__version__,
            started=time.time(),
            data_dir=str(self.data_dir.resolve()),
            identity=identity,
        )
        discovery.write_info(self.data_dir, info)

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        discovery.clear_info(self.data_dir, os.getpid())
        file_lock.unlock(self.handle)


def claim(settings: Settings) -> Claim:
    """Make the data dir private and take its lock; DataDirBusy when another server holds it."""
    discovery.private_dir(settings.data_dir)
    return Claim(settings.data_dir, discovery.server_lock(settings.data_dir))


def prepare(settings: Settings) -> None:
    """Owner-only folders and database files, and no scratch left by a server that stopped mid-work.

    Runs only under the data dir's lock, so nothing swept here belongs to a live server.
    """
    for folder in (settings.uploads_dir, settings.renders_dir, settings.tmp_dir):
        discovery.private_dir(folder)
    for entry in settings.tmp_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    for entry in settings.renders_dir.glob(".*.part*"):
        with contextlib.suppress(OSError):
            entry.unlink()
    db = settings.db_path
    if not db.exists():
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT, file_lock.PRIVATE_FILE))
    prepare_db(settings)


def prepare_db(settings: Settings) -> None:
    """The database and its WAL files owner-only (SQLite gives new WAL files the database's mode)."""
    for suffix in ("", "-wal", "-shm"):
        discovery.private_file(settings.db_path.with_name(settings.db_path.name + suffix))


class Activity:
    """Requests in flight (an open chat stream is one) and when the last one ended."""

    def __init__(self) -> None:
        self.open = 0
        self.last = time.monotonic()

    def idle_for(self) -> float:
        return 0.0 if self.open else time.monotonic() - self.last


class CountRequests:
    """ASGI middleware keeping an ``Activity`` up to date."""

    def __init__(self, app: ASGIApp, activity: Activity) -> None:
        self.app = app
        self.activity = activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.activity.open += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.activity.open -= 1
            self.activity.last = time.monotonic()


async def watch_idle(
    activity: Activity,
    rendering: Callable[[], int],
    timeout: float,
    on_idle: Callable[[], None],
) -> None:
    """Call ``on_idle`` once nothing was asked and nothing rendered for ``timeout`` seconds."""
    step = max(0.05, min(5.0, timeout / 4))
    while True:
        await asyncio.sleep(step)
        if activity.idle_for() >= timeout and not await asyncio.to_thread(rendering):
            on_idle()
            return
