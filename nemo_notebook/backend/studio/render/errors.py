"""Errors and the result of a render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class RenderError(Exception):
    """A render failed; the message is one line a user can act on."""


class RenderTimeout(RenderError):
    """The render ran past the time its draft's length allows (``draft.render_time_limit``)."""


class RenderCancelled(Exception):
    """The render was cancelled; no output file was left behind."""


@dataclass(frozen=True)
class RenderResult:
    """A finished MP4 and its poster frame."""

    path: Path
    width: int
    height: int
    duration_ms: int
    size: int
    poster: Path | None
