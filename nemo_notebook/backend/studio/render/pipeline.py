"""render_draft: plan the draft, prepare stills and sounds, encode with FFmpeg, publish atomically."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nemo_notebook.draft import DraftError, normalise, render_time_limit

from . import ffmpeg
from .errors import RenderCancelled, RenderError, RenderResult, RenderTimeout
from .graph import Graph, compile_plan, compile_sound
from .plan import Canvas, Plan, make_plan, windows
from .windowcache import WindowCache

# Changes whenever the same draft would render to different bytes; part of every cache key.
RENDERER_VERSION = "1"

X264_THREADS = 3
X264_CRF = 21
# Diamond search and the cheapest subpixel refinement: a third less encoder time on slow, smooth
# synthetic motion, for a file about 8 % larger at the same quality.
X264_PARAMS = "me=dia:subme=1"


@dataclass(frozen=True)
class Quality:
    """Encoder settings of one kind of render."""

    preset: str
    crf: int
    params: str
    keyint: int | None = None  # frames between keyframes (None: the encoder's choice)
    fragmented: bool = False  # playable while it is being written


QUALITIES = {
    "final": Quality("veryfast", X264_CRF, X264_PARAMS),
    # A preview is small, cheap and fragmented every half second so a browser plays it as it grows.
    "preview": Quality("ultrafast", 28, "", keyint=15, fragmented=True),
}


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


def _video_args(
    canvas: Canvas, frames: int, key_at: int | None = None, quality: Quality = QUALITIES["final"]
) -> list[str]:
    """Encoder options; `key_at` makes that frame a keyframe so the poster pass decodes only it."""
    keys = [] if key_at is None else ["-force_key_frames", f"expr:eq(n,{key_at})"]
    params = ["-x264-params", quality.params] if quality.params else []
    gop = ["-g", str(quality.keyint)] if quality.keyint else []
    return [
        "-map",
        "[vout]",
        "-c:v",
        "libx264",
        "-preset",
        quality.preset,
        "-crf",
        str(quality.crf),
        *params,
        *gop,
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


FRAGMENTED = "frag_keyframe+empty_moov+default_base_moof"


def _file_args(tmp: Path, *, faststart: bool = True, fragmented: bool = False) -> list[str]:
    flags = FRAGMENTED if fragmented else "+faststart" if faststart else ""
    return [
        *(["-movflags", flags] if flags else []),
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
    quality: Quality,
    parts_cache: WindowCache | None,
    deadline: float,
) -> None:
    """The MP4 at `tmp`: one FFmpeg run, or for long drafts one per window and one for the sound,
    joined without re-encoding. A window (or sound) already encoded with the same graph and
    settings is taken from `parts_cache` instead of being encoded again."""
    c = plan.canvas
    spans = windows(plan) if not quality.fragmented else [(0, c.frames)]
    share = 95.0
    script = tmp.with_suffix(".graph")
    scratch.append(script)
    if len(spans) == 1:
        graph = compile_plan(plan, cache, resolve)
        _trim_heap()
        output = [
            *_video_args(c, c.frames, poster_at, quality),
            *_audio_args(c),
            *_file_args(tmp, fragmented=quality.fragmented),
        ]
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
        key_at = poster_at - start if start <= poster_at < end else None
        output = [*_video_args(c, end - start, key_at, quality), *_file_args(part, faststart=False)]
        progress = _scaled(on_progress, share * start / c.frames, share * (end - start) / c.frames)
        key = None
        if parts_cache is not None:
            key = parts_cache.key(RENDERER_VERSION, graph, output[:-1], cache)
            if parts_cache.take(key, part):
                if progress is not None:
                    progress(100.0)
                continue
        _trim_heap()
        _run_graph(
            graph,
            script,
            output,
            total_us=_us(c, end - start),
            on_progress=progress,
            cancel=cancel,
            deadline=deadline,
        )
        if parts_cache is not None and key is not None:
            parts_cache.keep(key, part)
    sound = tmp.with_name(f"{tmp.name}.sound.mp4")
    scratch.append(sound)
    graph = compile_sound(plan, cache, resolve)
    output = [*_audio_args(c), *_file_args(sound, faststart=False)]
    key = parts_cache.key(RENDERER_VERSION, graph, output[:-1], cache) if parts_cache else None
    if key is None or parts_cache is None or not parts_cache.take(key, sound):
        _run_graph(graph, script, output, total_us=0, cancel=cancel, deadline=deadline)
        if key is not None and parts_cache is not None:
            parts_cache.keep(key, sound)
    listing = tmp.with_suffix(".parts")
    scratch.append(listing)
    listing.write_text(
        "".join(f"file '{_quoted(part.name)}'\n" for part in parts), encoding="utf-8"
    )
    join = [
        "-y",
        *("-f", "concat", "-safe", "0", "-i", str(listing)),
        *("-i", str(sound)),
        *("-map", "0:v", "-map", "1:a", "-c", "copy", "-frames:v", str(c.frames)),
        *_file_args(tmp),
    ]
    ffmpeg.run(join, 0, cancel=cancel, deadline=deadline)


def _trim_heap() -> None:
    """Hand the memory that drawing and synthesis freed back to the system before FFmpeg runs.

    glibc keeps freed blocks below a threshold it raises as large arrays come and go.
    """
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _shared_cache(cache_dir: Path) -> Path:
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    return Path(cache_dir)


def _publish(tmp: Path, out_path: Path) -> None:
    """Move the finished file into place; across file systems (a partial file elsewhere) by copy."""
    try:
        os.replace(tmp, out_path)
    except OSError:
        staged = out_path.with_name(f".{out_path.name}.{os.getpid()}.copy")
        shutil.copyfile(tmp, staged)
        os.replace(staged, out_path)


def _quoted(name: str) -> str:
    """A file name inside single quotes of FFmpeg's concat list."""
    return name.replace("'", "'\\''")


def _us(canvas: Canvas, frames: int) -> int:
    return frames * 1_000_000 // canvas.fps


def prepare_draft(
    draft: dict[str, Any],
    *,
    resolution: str,
    resolve: Callable[[str], Path | None],
    cache_dir: Path,
) -> None:
    """Draw the stills and synthesise the sounds a render of `draft` at `resolution` will read,
    into `cache_dir`, so that render starts encoding at once. Problems are left for the render
    itself to report."""
    with contextlib.suppress(DraftError, RenderError, OSError, ValueError):
        plan = make_plan(normalise(draft), resolution)
        compile_plan(plan, _shared_cache(cache_dir), resolve)
        _trim_heap()


def render_draft(
    draft: dict[str, Any],
    out_path: Path,
    *,
    resolution: str | None = None,
    resolve: Callable[[str], Path | None],
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    work_dir: Path | None = None,
    quality: str = "final",
    cache_dir: Path | None = None,
    partial_path: Path | None = None,
) -> RenderResult:
    """Render a draft to an H.264/AAC MP4 at `out_path` with a JPEG poster beside it, at
    `resolution` (the draft's own ``m.res`` when None).

    The draft is first brought inside the limits of ``nemo_notebook.draft`` (refused when it cannot
    be), and the render is stopped once it runs past ``render_time_limit``. The file appears only
    when complete; until then it grows at `partial_path` (a hidden name beside `out_path` by
    default). `cache_dir` keeps stills, sounds and encoded windows between renders. `quality` is
    "final" or "preview". Raises RenderCancelled, RenderTimeout or RenderError (one line).
    """
    if quality not in QUALITIES:
        raise RenderError(f"quality must be one of {', '.join(QUALITIES)}, not {quality!r}")
    try:
        draft = normalise(draft)
    except DraftError as exc:
        raise RenderError(str(exc)) from None
    limit = render_time_limit(draft)
    deadline = time.monotonic() + limit
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    plan = make_plan(draft, resolution)
    cache = _cache_dir(work_dir) if cache_dir is None else _shared_cache(cache_dir)
    parts_cache = WindowCache(cache / "windows") if cache_dir is not None else None
    tmp = partial_path or out_path.with_name(f".{out_path.name}.{os.getpid()}.part")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    poster = out_path.with_name(out_path.name + ".jpg")
    poster_tmp = poster.with_name(f".{poster.name}.{os.getpid()}.part.jpg")
    scratch = [tmp, poster_tmp]
    try:
        poster_at = _poster_frame(plan)
        _encode(
            plan,
            cache,
            resolve,
            tmp,
            on_progress,
            cancel,
            scratch,
            poster_at,
            QUALITIES[quality],
            parts_cache,
            deadline,
        )
        poster_args = _poster_args(plan.canvas, tmp, poster_tmp, poster_at)
        ffmpeg.run(["-y", *poster_args], 0, cancel=cancel, deadline=deadline)
        if cancel is not None and cancel.is_set():
            raise RenderCancelled("render cancelled")
        if on_progress is not None:
            on_progress(100.0)
        _publish(tmp, out_path)
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
