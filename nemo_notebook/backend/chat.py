"""One chat turn of ``/run_sse``: the agent's work as a task, and its events as SSE frames.

The work runs as its own task, apart from the response, so a client that drops the stream does
not stop it: the new draft is saved and the credits settled either way. The frames generator only
watches the work, sending keep-alives while it runs and the agent's events, paced, once it is done.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread

from ..options import TurnOptions
from . import agent_workers
from .db import Database
from .settings import Settings


def silent_share(message: str) -> float:
    """A stable number in [0, 1) for a message, so silent edits repeat for the same words."""
    return int(hashlib.sha256(message.encode()).hexdigest()[:8], 16) / 2**32


def sse(data: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


KEEPALIVES = (sse({"type": "heartbeat"}), b"data:\n\n", b": ping\n\n")
"""The three keep-alive shapes the protocol shows, sent in turn by the ``mixed`` heartbeat style."""


@dataclass
class ChatRun:
    """Everything one turn needs; ``work()`` runs it, ``frames()`` streams it."""

    db: Database
    settings: Settings
    user_id: str
    session_id: str
    message: str
    language: str | None
    options: TurnOptions
    draft: dict[str, Any] | None
    assets: list[dict[str, Any]]
    reservation: int
    busy: set[str]
    history: list[dict[str, Any]] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    events: list[Any] = field(default_factory=list)
    error: str | None = None
    work_ms: float = 0.0
    invocation_id: str = field(default_factory=lambda: f"e-{uuid.uuid4()}")
    beats: int = 0
    on_draft: Callable[[dict[str, Any]], None] | None = None  # told of each new draft

    async def work(self) -> None:
        """Plan the turn, save the new draft, charge the reservation; release it on failure."""
        settled = False
        try:
            if self.settings.reply_delay:
                await asyncio.sleep(self.settings.reply_delay)
            started = time.perf_counter()
            given = self.options
            turn = await agent_workers.plan(
                self.settings,
                self.message,
                self.draft,
                assets=self.assets,
                language=given.language or self.language,
                history=self.history,
                aspect=given.aspect,
                resolution=given.resolution,
                duration_s=given.duration_s,
            )
            self.work_ms = round((time.perf_counter() - started) * 1000, 1)
            cost = self._cost(turn.kind, turn.draft)
            await anyio.to_thread.run_sync(
                self.db.finish_turn,
                self.session_id,
                turn.draft,
                self.message,
                self.reservation,
                cost,
            )
            settled = True
            if turn.draft is not None and self.on_draft is not None:
                self.on_draft(turn.draft)
            self.events = self._visible(turn)
        except Exception as exc:
            self.error = f"the agent failed: {exc}"
        finally:
            if not settled:
                self.db.release(self.reservation)
            self.busy.discard(self.session_id)
            self.done.set()

    def _cost(self, kind: str, new_draft: dict[str, Any] | None) -> int:
        if kind == "generate" or (self.draft is None and new_draft is not None):
            return self.settings.cost_generate
        if kind == "edit":
            return self.settings.cost_edit
        return 0

    def _visible(self, turn: Any) -> list[Any]:
        events = list(turn.events)
        if turn.kind == "edit" and silent_share(self.message) < self.settings.silent_edit_ratio:
            events = [event for event in events if event.kind != "text"]
        return events

    async def frames(self) -> AsyncIterator[bytes]:
        """Keep-alives while the work runs, then one frame per event; an error frame on failure."""
        interval = self.settings.heartbeat_interval
        while not self.done.is_set():
            try:
                await asyncio.wait_for(self.done.wait(), timeout=interval)
            except TimeoutError:
                yield self._heartbeat()
        if self.error is not None:
            yield sse({"error": self.error})
            return
        limit = self.settings.drop_stream_after
        for index, event in enumerate(self.events):
            if limit is not None and index >= limit:
                return
            if index:
                await asyncio.sleep(self.settings.event_pacing)
            yield sse(self._frame(event))

    def _heartbeat(self) -> bytes:
        if self.settings.heartbeat_style == "mixed":
            self.beats += 1
            return KEEPALIVES[self.beats % len(KEEPALIVES)]
        if self.settings.event_dialect == "simple":
            return sse({"type": "heartbeat"})
        return b": ping\n\n"

    def _frame(self, event: Any) -> dict[str, Any]:
        if self.settings.event_dialect == "simple":
            return simple_frame(event, self.work_ms)
        return {
            "id": uuid.uuid4().hex[:16],
            "invocationId": self.invocation_id,
            "author": "nemo_agent",
            "timestamp": time.time(),
            "content": {"role": "model", "parts": [adk_part(event, self.work_ms)]},
        }


def timed(response: dict[str, Any], work_ms: float) -> dict[str, Any]:
    """A tool's response with ``elapsed_ms``: the agent runs a turn's tools in one step, so each
    reports that step's time, which the chat view shows on its chip."""
    return {**response, "elapsed_ms": work_ms}


def adk_part(event: Any, work_ms: float = 0.0) -> dict[str, Any]:
    if event.kind == "call":
        return {"functionCall": {"id": event.id, "name": event.name, "args": event.args}}
    if event.kind == "result":
        response = timed(event.response, work_ms)
        return {"functionResponse": {"id": event.id, "name": event.name, "response": response}}
    return {"text": event.text}


def simple_frame(event: Any, work_ms: float = 0.0) -> dict[str, Any]:
    if event.kind == "call":
        return {"type": "tool_call", "id": event.id, "name": event.name, "args": event.args}
    if event.kind == "result":
        result = timed(event.response, work_ms)
        return {"type": "tool_result", "id": event.id, "name": event.name, "result": result}
    return {"type": "text", "content": event.text}
