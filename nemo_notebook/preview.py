"""Previews made in the background after a reply changed the draft, so a turn is not slower.

A ``PreviewJob`` runs on its own thread and event loop with its own connection (the caller's
loop may be idle between calls); its ``video`` is None until the preview is on disk.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from .models import RenderStatus, Video


class PreviewJob:
    """One background preview of a session's current draft."""

    def __init__(
        self,
        base_url: str | None,
        session_id: str,
        *,
        on_live: Callable[[RenderStatus], Any] | None = None,
        on_done: Callable[[Video], Any] | None = None,
    ) -> None:
        self.base_url = base_url
        self.session_id = session_id
        self.video: Video | None = None
        self.live_url: str | None = None
        self.error: str | None = None
        self._on_live = on_live
        self._on_done = on_done
        self._finished = threading.Event()
        self.thread = threading.Thread(target=self._main, name="nemo-preview", daemon=True)

    def start(self) -> PreviewJob:
        self.thread.start()
        return self

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> Video | None:
        """Block until the preview is made (or failed); the video, or None."""
        self._finished.wait(timeout)
        return self.video

    def _main(self) -> None:
        try:
            asyncio.run(self._work())
        except Exception as error:  # a preview is a convenience: its failure is only noted
            self.error = f"{type(error).__name__}: {error}"
        finally:
            self._finished.set()

    async def _work(self) -> None:
        from .client import AsyncClient
        from .session import AsyncSession

        def live(status: RenderStatus) -> None:
            self.live_url = status.live_url
            if self._on_live is not None:
                self._on_live(status)

        async with AsyncClient(self.base_url) as client:
            session = AsyncSession(client, self.session_id)
            video = await session.preview(on_live=live)
        self.video = video
        if self._on_done is not None:
            self._on_done(video)
