"""render_draft: plan the draft, prepare stills and sounds, encode with FFmpeg, publish atomically."""

from __future__ import annotations

import contextlib
import ctypes
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nemo_notebook.draft import DraftError, normalise, render_time_limit

from . import ffmpeg
from .errors import RenderCancelled, RenderError, RenderResult, RenderTimeout
from .graph import Graph, compile_plan, compile_sound
from .plan import Canvas, Plan, make_plan, windows

X264_THREADS = 3
X264_CRF = 21
# Diamond search and the cheapest subpixel refinement: a third less encoder time on slow, smooth
# synthetic motion, for a file about 8 % larger at the same quality.
X264_PARAMS = "me=dia:subme=1"


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


def _video_args(canvas: Canvas, frames: int, key_at: int | None = None) -> list[str]:
    """Encoder options; `key_at` makes that frame a keyframe so the poster pass decodes only it."""
    keys = [] if key_at is None else ["-force_key_frames", f"expr:eq(n,{key_at})"]
    return [
        "-map",
        "[vout]",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        str(X264_CRF),
        "-x264-params",
        X264_PARAMS,
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
        str(frames),
        *keys,
    ]


def _audio_args(canvas: Canvas) -> list[str]:
    return [
        "-map",
        "[aout]",
        "-c:a",
        "aac",
        "-b:a",
        "160k",
        "-ar",
        "48000",
        "-ac",
        "2",
        "-t",
        f"{canvas.frames / canvas.fps:.6f}",
    ]


def _file_args(tmp: Path, *, faststart: bool = True) -> list[str]:
    return [
        *(["-movflags", "+faststart"] if faststart else []),
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
    FFmpeg queue every later frame in memory. The encode made that frame a keyframe, so the seek
    lands on it and only one frame is decoded.
    """
    return [
        "-noaccurate_seek",
        "-ss",
        f"{(poster_at + 0.5) / canvas.fps:.4f}",
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
    on_progress: Callable[[float], None] | None, offset: float, share: float
) -> Callable[[float], None] | None:
    """Progress of one FFmpeg run as its share of the whole render."""
    if on_progress is None:
        return None
    return lambda percent: on_progress(offset + percent * share / 100)


def _run_graph(graph: Graph, script: Path, output: list[str], **run: Any) -> None:
    script.write_text(";\n".join(graph.lines) + "\n", encoding="utf-8")
    inputs = [arg for inp in graph.inputs for arg in inp]
    ffmpeg.run(["-y", *inputs, ffmpeg.script_option(), str(script), *output], **run)


def _encode(
    plan: Plan,
    cache: Path,
    resolve: Callable[[str], Path | None],
    tmp: Path,
    on_progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
    scratch: list[Path],
    poster_at: int,
    deadline: float,
) -> None:
    """The MP4 at `tmp`: one FFmpeg run, or for long drafts one per window joined without
    re-encoding, the sound mixed in by the joining run."""
    c = plan.canvas
    spans = windows(plan)
    share = 95.0
    script = tmp.with_suffix(".graph")
    scratch.append(script)
    if len(spans) == 1:
        graph = compile_plan(plan, cache, resolve)
        _trim_heap()
        output = [*_video_args(c, c.frames, poster_at), *_audio_args(c), *_file_args(tmp)]
        progress = _scaled(on_progress, 0, share)
        _run_graph(
            graph,
            script,
            output,
            total_us=_us(c, c.frames),
            on_progress=progress,
            cancel=cancel,
            deadline=deadline,
        )
        return
    parts = []
    for i, (start, end) in enumerate(spans):
        part = tmp.with_name(f"{tmp.name}.{i}.mp4")
        scratch.append(part)
        parts.append(part)
        graph = compile_plan(plan, cache, resolve, (start, end), sound=False)
        _trim_heap()
        key_at = poster_at - start if start <= poster_at < end else None
        output = [*_video_args(c, end - start, key_at), *_file_args(part, faststart=False)]
        progress = _scaled(on_progress, share * start / c.frames, share * (end - start) / c.frames)
        _run_graph(
            graph,
            script,
            output,
            total_us=_us(c, end - start),
            on_progress=progress,
            cancel=cancel,
            deadline=deadline,
        )
    listing = tmp.with_suffix(".parts")
    scratch.append(listing)
    listing.write_text(
        "".join(f"file '{_quoted(part.name)}'\n" for part in parts), encoding="utf-8"
    )
    graph = compile_sound(plan, cache, resolve, ["-f", "concat", "-safe", "0", "-i", str(listing)])
    output = [
        "-map",
        "0:v",
        "-c:v",
        "copy",
        "-frames:v",
        str(c.frames),
        *_audio_args(c),
        *_file_args(tmp),
    ]
    _run_graph(graph, script, output, total_us=0, cancel=cancel, deadline=deadline)


def _trim_heap() -> None:
    """Hand the memory that drawing and synthesis freed back to the system before FFmpeg runs.

    glibc keeps freed blocks below a threshold it raises as large arrays come and go.
    """
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _quoted(name: str) -> str:
    """A file name inside single quotes of FFmpeg's concat list."""
    return name.replace("'", "'\\''")


def _us(canvas: Canvas, frames: int) -> int:
    return frames * 1_000_000 // canvas.fps


def render_draft(
    draft: dict[str, Any],
    out_path: Path,
    *,
    resolution: str | None = None,
    resolve: Callable[[str], Path | None],
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    work_dir: Path | None = None,
) -> RenderResult:
    """Render a draft to an H.264/AAC MP4 at `out_path` with a JPEG poster beside it, at
    `resolution` (the draft's own ``m.res`` when None).

    The draft is first brought inside the limits of ``nemo_notebook.draft`` (refused when it cannot
    be), and the render is stopped once it runs past ``render_time_limit``. The file appears only
    when complete. Raises RenderCancelled, RenderTimeout or RenderError (one line).
    """
    try:
        draft = normalise(draft)
    except DraftError as exc:
        raise RenderError(str(exc)) from None
    limit = render_time_limit(draft)
    deadline = time.monotonic() + limit
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    plan = make_plan(draft, resolution)
    cache = _cache_dir(work_dir)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.part")
    poster = out_path.with_name(out_path.name + ".jpg")
    poster_tmp = poster.with_name(f".{poster.name}.{os.getpid()}.part.jpg")
    scratch = [tmp, poster_tmp]
    try:
        poster_at = _poster_frame(plan)
        _encode(plan, cache, resolve, tmp, on_progress, cancel, scratch, poster_at, deadline)
        poster_args = _poster_args(plan.canvas, tmp, poster_tmp, poster_at)
        ffmpeg.run(["-y", *poster_args], 0, cancel=cancel, deadline=deadline)
        if cancel is not None and cancel.is_set():
            raise RenderCancelled("render cancelled")
        if on_progress is not None:
            on_progress(100.0)
        os.replace(tmp, out_path)
        os.replace(poster_tmp, poster)
    except RenderTimeout:
        raise RenderTimeout(
            f"render stopped after {limit:.0f} s, the time limit for a "
            f"{plan.canvas.duration_ms / 1000:g} s video"
        ) from None
    finally:
        for leftover in scratch:
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
