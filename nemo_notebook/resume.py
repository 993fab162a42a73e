"""Exports that outlive the kernel: the journal's exports as handles that re-attach and finish.

``AsyncClient.exports()`` lists them newest first; ``wait()`` polls the same render (never a new one),
downloads it to the path first asked for and returns the ``Video``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, RenderFailed
from .export import ProgressCallback, fetch_video, poll_render, probe_video
from .journal import ExportRecord, Journal
from .models import Video

if TYPE_CHECKING:
    from .client import AsyncClient


@dataclass
class AsyncExport:
    """One journalled export and the client that can finish it."""

    record: ExportRecord
    client: AsyncClient

    def __repr__(self) -> str:
        return f"<Export {self.render_id} {self.state} → {self.target}>"

    @property
    def render_id(self) -> str:
        return self.record.render_id

    @property
    def state(self) -> str:
        return self.record.state

    @property
    def target(self) -> Path:
        return self.record.target

    @property
    def session_id(self) -> str | None:
        return self.record.session_id

    async def wait(self, on_progress: ProgressCallback | None = None) -> Video:
        """Re-attach to the render, finish the download to the original path and return the video."""
        record = self.record
        if record.state == "done" and record.target.is_file():
            return probe_video(record.target, record.render_id)
        if record.state in ("failed", "cancelled"):
            raise RenderFailed(
                f"this export {record.state}{f' ({record.error})' if record.error else ''}; "
                "export again",
                render_id=record.render_id,
            )
        if record.backend != await self.client.backend_identity():
            raise InputError(
                f"this export ran on another backend ({record.base_url}); "
                "connect a client to it to resume"
            )
        try:
            status = await poll_render(self.client, record.render_id, on_progress)
        except RenderFailed as error:
            Journal(self.client.config.config_dir).mark(record.render_id, "failed", str(error))
            raise
        video = await fetch_video(self.client, record.render_id, status, record.target)
        self.record = Journal(self.client.config.config_dir).get(record.render_id) or record
        return video


async def list_exports(client: AsyncClient, limit: int = 100) -> list[AsyncExport]:
    """The journal's exports, newest first."""
    return [
        AsyncExport(record, client) for record in Journal(client.config.config_dir).records(limit)
    ]


def export_rows(exports: list[Any]) -> list[dict[str, Any]]:
    """One plain row per export, for a table."""
    return [
        {
            "render_id": item.render_id,
            "state": item.state,
            "session_id": item.session_id,
            "target": str(item.target),
        }
        for item in exports
    ]
