"""Exclusive ``flock`` locks on files, shared by processes on one machine.

A lock is held by an open handle, so a process that dies lets go of it. Two handles of one process
exclude each other too (each ``open`` is its own description), so tasks on one event loop can use
``held`` to take turns without blocking the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO

PRIVATE_FILE = 0o600
POLL_SECONDS = 0.02


def _open_lock(path: Path) -> IO[str]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    return os.fdopen(fd, "r+")


def try_lock(path: Path) -> IO[str] | None:
    """Take an exclusive lock on ``path`` without waiting; the open handle, or None when held elsewhere."""
    handle = _open_lock(path)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def unlock(handle: IO[str]) -> None:
    with contextlib.suppress(OSError):
        fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


@contextlib.contextmanager
def waiting_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block, waiting up to ``timeout`` seconds for it."""
    deadline = time.monotonic() + timeout
    while (handle := try_lock(path)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} stayed locked for {timeout:g} s")
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        unlock(handle)


@contextlib.asynccontextmanager
async def held(path: Path, timeout: float) -> AsyncIterator[None]:
    """``waiting_lock`` for async code: waits with ``asyncio.sleep``, so the loop keeps running."""
    deadline = time.monotonic() + timeout
    while (handle := try_lock(path)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} stayed locked for {timeout:g} s")
        await asyncio.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        unlock(handle)
