"""render_draft: plan, prepare stills and sounds, run FFmpeg once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import RenderError, RenderResult


def render_draft(draft: dict[str, Any], out_path: Path, *, resolution: str = "1080p",
                 resolve: Callable[[str], Path | None],
                 on_progress: Callable[[float], None] | None = None,
                 cancel: threading.Event | None = None,
                 work_dir: Path | None = None) -> RenderResult:
    """Render a draft to an MP4 at `out_path`."""
    raise RenderError("renderer not ready")
