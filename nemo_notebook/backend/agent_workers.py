"""Where a chat turn is planned: in agent worker processes (the service), or in a thread of the server.

Planning is pure Python and holds the GIL for tens of milliseconds; a hundred chats at once would stall
the event loop for seconds. ``agent_isolation="process"`` plans in a small pool of spawned processes
(started and warmed once), so the server's own loop only moves bytes. A broken pool falls back to a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

import anyio.to_thread

from .settings import Settings

AGENT_WORKERS = 2
PARENT_CHECK_S = 1.0

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _warm(server: int) -> None:
    """Each worker imports the agent once, at start, at a lower priority than the server, and exits
    when the server is gone (even killed), so no worker outlives it."""
    with_nice = getattr(os, "nice", None)
    if with_nice is not None:
        with_nice(5)
    threading.Thread(
        target=_exit_with, args=(server,), name="nemo-agent-watch", daemon=True
    ).start()
    import nemo_notebook.backend.studio.agent  # noqa: F401


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _plan(message: str, draft: Any, options: dict[str, Any]) -> Any:
    from .studio import plan_turn

    return plan_turn(message, draft, **options)


def pool() -> ProcessPoolExecutor:
    """This process's agent pool, started (and warmed) on first use."""
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(
                AGENT_WORKERS, mp_context=context, initializer=_warm, initargs=(os.getpid(),)
            )
        return _pool


def start(settings: Settings) -> None:
    """Start the pool now when the settings use it, so the first chat does not wait for it."""
    if settings.agent_isolation == "process":
        for _ in range(AGENT_WORKERS):
            pool().submit(int)


def stop() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


async def plan(settings: Settings, message: str, draft: Any, **options: Any) -> Any:
    """The planned turn (an ``AgentTurn``: ``plan_turn(message, draft, **options)``), planned where
    the settings say."""
    job = partial(_plan, message, draft, options)
    if settings.agent_isolation == "process":
        try:
            return await asyncio.get_running_loop().run_in_executor(pool(), job)
        except BrokenProcessPool:
            stop()
    return await anyio.to_thread.run_sync(job)
