"""Run a batch's coroutine on an event loop of its own, in a worker thread, from a blocking call.

A notebook cell already runs a loop, so ``nemo.batch`` cannot ``await``; its caller's thread only
waits, so Ctrl-C there reaches it, cancels the work and is raised again.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_on_own_loop(make: Callable[[], Coroutine[Any, Any, T]], name: str) -> T | None:
    """The coroutine's result, or None when it was cancelled; any other error is raised here."""
    loop = asyncio.new_event_loop()
    job = loop.create_task(make())
    failure: list[BaseException] = []

    def main() -> None:
        try:
            loop.run_until_complete(job)
        except BaseException as error:  # raised again in the caller's thread
            failure.append(error)
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    worker = threading.Thread(target=main, name=name, daemon=True)
    worker.start()
    try:
        worker.join()
    except KeyboardInterrupt:
        loop.call_soon_threadsafe(job.cancel)
        worker.join(30)
        raise
    if failure:
        if isinstance(failure[0], asyncio.CancelledError):
            return None
        raise failure[0]
    return job.result()
