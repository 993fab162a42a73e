"""Chat stream bookkeeping: frames per chunk, idle time, what a reply showed, and recovery after a drop.

The session opens the stream; these pieces turn its bytes into events and decide whether it was cut off.
A dropped stream is never re-sent: the session's state is polled until the draft changes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

import httpx

from .errors import BackendUnavailable, StreamDropped, StreamTimeout
from .events import (
    Event,
    Heartbeat,
    StillWorking,
    StreamError,
    Text,
    ToolCall,
    ToolResult,
    Unrecognised,
)
from .gui import translate
from .models import State
from .sse import ServerSentEvent, SSEDecoder, parse_frame
from .timeline import draft_changes

if TYPE_CHECKING:
    from .client import AsyncClient
    from .session import AsyncSession

log = logging.getLogger("nemo_notebook")


class _Dropped(Exception):
    """The chat stream died mid-reply (internal signal)."""


class _IdleWatch:
    """Time since the last real event: "still working" every ``every`` seconds, a timeout at ``limit``."""

    def __init__(self, clock: Callable[[], float], every: float, limit: float) -> None:
        self.clock, self.every, self.limit = clock, every, limit
        self.activity()

    def activity(self) -> None:
        self.since = self.clock()
        self.next_notice = self.every

    def check(self) -> StillWorking | None:
        idle = self.clock() - self.since
        if idle >= self.limit:
            raise StreamTimeout(waited_s=self.limit, request="POST /run_sse")
        if idle < self.next_notice:
            return None
        self.next_notice += self.every
        return StillWorking(idle)


class _Collected:
    """What a reply has shown so far: texts after GUI translation, every event, GUI actions."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.events: list[Event] = []
        self.actions: list[str] = []

    def add(self, event: Event) -> list[Event]:
        """Record ``event`` and return what to show for it (text goes through GUI translation)."""
        if isinstance(event, Text):
            translation = translate(event.text)
            self.actions.extend(translation.actions)
            if not translation.text.strip():
                return []
            event = Text(translation.text)
            self.texts.append(translation.text)
        if isinstance(event, Unrecognised):
            log.debug("unrecognised stream frame: %.2000s", event.data)
        if isinstance(event, (Text, ToolCall, ToolResult, StreamError, Unrecognised)):
            self.events.append(event)
        return [event]

    def incomplete(self) -> bool:
        """A stream that closed with nothing in it, or with a tool call still unanswered, was cut off."""
        if not self.events:
            return True
        open_calls: dict[str, int] = {}
        for event in self.events:
            if isinstance(event, (ToolCall, ToolResult)):
                key = event.id or event.name
                open_calls[key] = open_calls.get(key, 0) + (
                    1 if isinstance(event, ToolCall) else -1
                )
        return any(count > 0 for count in open_calls.values())


async def _batches(
    reply: httpx.Response,
) -> AsyncGenerator[tuple[list[ServerSentEvent], bool], None]:
    """SSE frames per received chunk, flagging chunks that held only keep-alive comments."""
    decoder = SSEDecoder()
    async with contextlib.aclosing(reply.aiter_bytes()) as chunks:  # type: ignore[type-var]
        async for chunk in chunks:
            keepalives = decoder.keepalives
            frames = decoder.feed(chunk)
            yield frames, not frames and decoder.keepalives > keepalives
    yield decoder.flush(), False


async def read_events(
    client: AsyncClient,
    open_reply: Callable[[], AbstractAsyncContextManager[httpx.Response]],
    collected: _Collected,
) -> AsyncGenerator[Event, None]:
    """The stream's events, with idle-time bookkeeping; raises ``_Dropped`` if it dies mid-reply."""
    watch = _IdleWatch(client.config.clock, client.still_working_every, client.stream_idle_limit)
    try:
        async with open_reply() as reply, contextlib.aclosing(_batches(reply)) as batches:
            async for frames, keepalive_only in batches:
                if keepalive_only:
                    yield Heartbeat()
                for frame in frames:
                    for event in parse_frame(frame.data):
                        if not isinstance(event, Heartbeat):
                            watch.activity()
                        for shown in collected.add(event):
                            yield shown
                notice = watch.check()
                if notice is not None:
                    yield notice
    except httpx.TimeoutException:
        waited = client.config.timeouts.stream_read
        raise StreamTimeout(waited_s=waited, request="POST /run_sse") from None
    except (httpx.TransportError, httpx.StreamError):
        raise _Dropped from None
    if collected.incomplete():
        raise _Dropped


async def state_after_drop(session: AsyncSession, before: State) -> State:
    """Wait and poll the state after a dropped stream; the message is never sent again."""
    session.notices.append("The reply stream dropped; checking the session for the result.")
    for interval in session.client.drop_poll_intervals:
        await session.client.config.sleep(interval)
        with contextlib.suppress(BackendUnavailable):
            after = await session.state()
            if draft_changes(before.draft, after.draft):
                return after
    raise StreamDropped(request="POST /run_sse")
