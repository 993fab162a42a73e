"""render_draft: plan the draft, prepare stills and sounds, encode with FFmpeg, publish atomically."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import ffmpeg
from .errors import RenderCancelled, RenderError, RenderResult
from .graph import compile_plan
from .plan import Canvas, Plan, make_plan

X264_THREADS = 3


def _cache_dir(work_dir: Path | None) -> Path:
    base = work_dir if work_dir is not None else Path(tempfile.gettempdir()) / "nemo-render-cache"
    cache = Path(base) / "render-cache"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _poster_frame(plan: Plan) -> int:
    """Where the poster comes from: inside the first title when there is one, else a third in."""
    c = plan.canvas
    if plan.texts:
        first = plan.texts[0]
        return min(c.frames - 1, first.start + first.length // 2)
    return min(c.frames - 1, c.frames // 3)


def _output_args(canvas: Canvas, tmp: Path) -> list[str]:
    seconds = f"{canvas.frames / canvas.fps:.6f}"
    return [
        "-map",
        "[vout]",
        "-map",
        "[aout]",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "21",
        "-threads:v",
        str(X264_THREADS),
        "-pix_fmt",
        "yuv420p",
        "-color_range",
        "tv",
        "-colorspace",
        "bt709",
        "-color_primaries",
        "bt709",
        "-color_trc",
        "bt709",
        "-r",
        str(canvas.fps),
        "-frames:v",
        str(canvas.frames),
        "-c:a",
        "aac",
        "-b:a",
        "160k",
        "-ar",
        "48000",
        "-ac",
        "2",
        "-t",
        seconds,
        "-movflags",
        "+faststart",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
        "-f",
        "mp4",
        str(tmp),
    ]


def _poster_args(canvas: Canvas, video: Path, poster_tmp: Path, poster_at: int) -> list[str]:
    """A JPEG of one frame of the finished video.

    Taken in a second short pass: a branch of the main graph that outlives its single frame makes
    FFmpeg queue every later frame in memory.
    """
    return [
        "-ss",
        f"{poster_at / canvas.fps:.4f}",
        "-i",
        str(video),
        "-map",
        "0:v:0",
        "-frames:v",
        "1",
        "-vf",
        "scale=out_range=pc,format=yuvj420p",
        "-update",
        "1",
        "-q:v",
        "3",
        "-f",
        "image2",
        str(poster_tmp),
    ]


def _scaled(
    on_progress: Callable[[float], None] | None, share: float
) -> Callable[[float], None] | None:
    """Progress of the main pass as a share of the whole render."""
    if on_progress is None:
        return None
    return lambda percent: on_progress(percent * share)


def render_draft(
    draft: dict[str, Any],
    out_path: Path,
    *,
    resolution: str = "1080p",
    resolve: Callable[[str], Path | None],
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    work_dir: Path | None = None,
) -> RenderResult:
    """Render a draft to an H.264/AAC MP4 at `out_path` with a JPEG poster beside it.

    The file appears only when complete. Raises RenderCancelled or RenderError (one line).
    """
    if not isinstance(draft, dict):
        raise RenderError("the draft is not a JSON object")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    plan = make_plan(draft, resolution)
    cache = _cache_dir(work_dir)
    graph = compile_plan(plan, cache, resolve)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.part")
    poster = out_path.with_name(out_path.name + ".jpg")
    poster_tmp = poster.with_name(f".{poster.name}.{os.getpid()}.part.jpg")
    script = tmp.with_suffix(".graph")
    script.write_text(";\n".join(graph.lines) + "\n", encoding="utf-8")
    args = [arg for inp in graph.inputs for arg in inp]
    args += [
        ffmpeg.script_option(),
        str(script),
        *_output_args(plan.canvas, tmp),
    ]
    total_us = plan.canvas.frames * 1_000_000 // plan.canvas.fps
    try:
        ffmpeg.run(["-y", *args], total_us, on_progress=_scaled(on_progress, 0.98), cancel=cancel)
        poster_args = _poster_args(plan.canvas, tmp, poster_tmp, _poster_frame(plan))
        ffmpeg.run(["-y", *poster_args], 0, cancel=cancel)
        if cancel is not None and cancel.is_set():
            raise RenderCancelled("render cancelled")
        if on_progress is not None:
            on_progress(100.0)
        os.replace(tmp, out_path)
        os.replace(poster_tmp, poster)
    finally:
        for leftover in (tmp, poster_tmp, script):
            leftover.unlink(missing_ok=True)
    c = plan.canvas
    return RenderResult(
        out_path,
        c.width,
        c.height,
        c.duration_ms,
        out_path.stat().st_size,
        poster if poster.exists() else None,
    )
