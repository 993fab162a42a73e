"""``NemoResult``: what one ``%%nemo`` cell produced, bound by ``name <<`` and displayed as a ResultView."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import Asset, Credits, Reply, State, Video
    from ..timeline import Change, Timeline
    from .widgets import ResultView


@dataclass(eq=False)
class NemoResult:
    """The reply, timeline, changes and video of one message; ``wait()`` blocks for ``--bg`` cells."""

    prompt: str
    action: str = "chat"
    session_name: str = ""
    session_id: str | None = None
    reply: Reply | None = None
    state: State | None = field(default=None, repr=False)
    video: Video | None = None
    credits: Credits | None = None
    assets: list[Asset] = field(default_factory=list)
    status: str = "running"
    error: str | None = None
    view: ResultView | None = field(default=None, repr=False)
    display_handle: Any = field(default=None, repr=False)
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def text(self) -> str:
        """The reply text (the change report when the agent said nothing)."""
        return str(self.reply) if self.reply is not None else ""

    @property
    def events(self) -> tuple[Any, ...]:
        return self.reply.events if self.reply is not None else ()

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.reply.changes if self.reply is not None else ()

    @property
    def timeline(self) -> Timeline:
        from ..timeline import Timeline

        state = self.state or (self.reply.state if self.reply is not None else None)
        return state.timeline if state is not None else Timeline(None)

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def finish(self, status: str, error: str | None = None) -> None:
        self.status, self.error = status, error
        self._finished.set()

    def wait(self, timeout: float | None = None) -> NemoResult:
        """Block until a background cell has finished; returns self."""
        if not self._finished.wait(timeout):
            raise TimeoutError("the message is still running; call wait() again later")
        return self

    def _view(self) -> ResultView:
        if self.view is None:
            from .widgets import ChatView, Player, ResultView, TimelineView

            chat = ChatView(prompt=self.prompt, session=self.session_name, status=self.status)
            chat.text = self.text
            chat.changes = [str(c) for c in self.changes]
            chat.error = self.error or ""
            player = Player.from_video(self.video) if self.video is not None else None
            self.view = ResultView(chat, TimelineView(self.timeline), player)
        return self.view

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        return self._view()._repr_mimebundle_()
