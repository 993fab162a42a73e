"""The local renderer: a draft becomes an H.264/AAC MP4 in one FFmpeg run."""

from __future__ import annotations

from .errors import RenderCancelled, RenderError, RenderResult, RenderTimeout
from .pipeline import render_draft

__all__ = ["RenderCancelled", "RenderError", "RenderResult", "RenderTimeout", "render_draft"]
