"""The local renderer: a draft becomes an H.264/AAC MP4 in one FFmpeg run."""

from __future__ import annotations

from .errors import RenderCancelled, RenderError, RenderResult
from .pipeline import QUALITIES, RENDERER_VERSION, render_draft
from .plan import SIZES

__all__ = [
    "QUALITIES",
    "RENDERER_VERSION",
    "SIZES",
    "RenderCancelled",
    "RenderError",
    "RenderResult",
    "render_draft",
]
