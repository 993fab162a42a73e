"""The local renderer: a draft becomes an H.264/AAC MP4 in one FFmpeg run."""

from __future__ import annotations

from .errors import RenderCancelled, RenderError, RenderResult, RenderTimeout
from .pipeline import QUALITIES, RENDERER_VERSION, prepare_draft, render_draft

__all__ = [
    "QUALITIES",
    "RENDERER_VERSION",
    "RenderCancelled",
    "RenderError",
    "RenderResult",
    "RenderTimeout",
    "prepare_draft",
    "render_draft",
]
