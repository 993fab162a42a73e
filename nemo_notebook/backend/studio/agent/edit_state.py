"""The working state of an edit turn, and the words edits listen for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from nemo_notebook.draft import SegmentView

from . import draft as dr
from . import lang
from .intent import Quote
from .replies import say, span

PERCENT = re.compile(r"(\d{1,3})\s*%")

LOUDER = lang.group("LOUDER")

QUIETER = lang.group("QUIETER")

SONG = lang.group("SONG")

USE = lang.group("USE")

ADD = lang.group("ADD")

CHANGE = lang.group("CHANGE")

MOVE = lang.group("MOVE")

REVERSE = lang.group("REVERSE")

SWAP = lang.group("SWAP")

TO_FRONT = lang.group("TO_FRONT")

TO_END = lang.group("TO_END")

TITLE = lang.group("TITLE")

CAPTION = lang.group("CAPTION")

AFTER_TO = lang.either("NEW_TEXT", re.IGNORECASE)

VISUAL = lang.group("VISUAL")

TEXT_LENGTH = lang.either("TEXT_LASTS")

# When a title or caption comes on: "at 5 seconds", "从5秒", "a los 5 segundos", "5秒から".
TEXT_START = lang.either("TEXT_START")
# How long it stays: "for 6 seconds", "last 6s", "持续6秒", "durante 6 segundos", "6秒間".
TEXT_FOR = lang.either("TEXT_FOR")


def _seconds_in(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text)
    return float(lang.first_group(m)) if m else None


def text_timing(text: str) -> tuple[float | None, float | None] | None:
    """(start, length) in seconds when the words time a title or caption, else None."""
    start, length = _seconds_in(TEXT_START, text), _seconds_in(TEXT_FOR, text)
    return None if start is None and length is None else (start, length)


@dataclass
class Edit:
    """The working state of one edit turn."""

    draft: dr.Draft
    text: str
    quotes: list[Quote]
    message: str
    lang: str
    assets: list[dict[str, Any]]
    request: Any = None
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


def unquoted_text(message: str) -> str | None:
    """New text written without quotes: "change the title to Summer Sale"."""
    m = AFTER_TO.search(unicodedata.normalize("NFKC", message).strip())
    if not m:
        return None
    text = lang.first_group(m).strip(" \"'")
    return text or None


FADE_IN = lang.group("FADE_IN")
FADE_OUT = lang.group("FADE_OUT")
FADE_WORDS = (*FADE_IN, *FADE_OUT, *lang.group("FADE"))
