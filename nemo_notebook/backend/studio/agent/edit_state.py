"""The working state of an edit turn: the draft being changed, what the request asks, and what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nemo_notebook.draft import SegmentView

from . import draft as dr
from .asks import EditAsks
from .replies import say, span


@dataclass
class Edit:
    """The working state of one edit turn; the steps read ``asks``, never the message."""

    draft: dr.Draft
    asks: EditAsks
    lang: str
    assets: list[dict[str, Any]]
    changes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)

    def changed(self, op: str, key: str, **values: Any) -> None:
        """Record a change in the reply and the operation in the tool call."""
        if op not in self.ops:
            self.ops.append(op)
        self.changes.append(say(self.lang, key, **values))

    def missed(self, key: str, **values: Any) -> None:
        """Record something asked that this draft cannot take (no title, no music…)."""
        self.misses.append(say(self.lang, key, **values))

    def span(self, seg: dr.Segment) -> str:
        """A segment's time range in the reply language."""
        view = SegmentView(seg)
        return span(self.lang, view.start_ms, view.duration_ms)
