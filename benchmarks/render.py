"""Render speed: a composed 15 s 1080p30 draft against a raw FFmpeg encode and MoviePy 2.

Run once: `.venv/bin/python benchmarks/render.py [--no-moviepy]`. Prints wall and CPU seconds as
ratios to the raw encode in the same run, where the time goes (the filter graph alone, the encode of
the finished content alone), peak memory, and the per-second cost at 15, 60 and 120 s.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from PIL import Image, ImageDraw

from nemo_notebook.backend.studio.render import render_draft
from nemo_notebook.backend.studio.render.ffmpeg import ffmpeg_exe, script_option
from nemo_notebook.backend.studio.render.graph import compile_plan
from nemo_notebook.backend.studio.render.pipeline import X264_CRF, X264_PARAMS, X264_THREADS
from nemo_notebook.backend.studio.render.plan import make_plan, windows

NULL_OUT = ("-map", "[vout]", "-map", "[aout]", "-f", "null", "-")
PRESET = ("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p")
# The renderer's own encoder settings, for the baseline that differs from ours only in content.
X264 = (
    *PRESET,
    "-crf",
    str(X264_CRF),
    "-x264-params",
    X264_PARAMS,
    "-threads:v",
    str(X264_THREADS),
)
SCENE = "gen:scene/sunset-city?tod=sunset&land=city&fx=birds&motion=pan&seed=7"


def photo(path: Path) -> Path:
    """A test photo with shapes and gradients, like a real upload (no noise)."""
    img = Image.new("RGB", (2400, 1600), (40, 90, 150))
    draw = ImageDraw.Draw(img)
    for k in range(40):
        draw.ellipse(
            (k * 57 % 2200, k * 97 % 1400, k * 57 % 2200 + 260, k * 97 % 1400 + 260),
            fill=(200 + k % 55, 120 + k * 3 % 100, 60 + k * 7 % 150),
        )
    img.save(path)
    return path


def composed(seconds: float) -> dict:
    """Alternating scene and Ken Burns photo segments, a fading title and music at 35 %."""
    ms = int(seconds * 1000)
    video, st, k = [], 0, 0
    while st < ms:
        d = min(8000, ms - st)
        seg = (
            {"src": SCENE}
            if k % 2 == 0
            else {
                "src": "/uploads/photo.png",
                "fit": "cover",
                "mo": {
                    "type": "kenburns",
                    "z0": 1.0,
                    "z1": 1.12,
                    "x0": 0.45,
                    "y0": 0.5,
                    "x1": 0.55,
                    "y1": 0.5,
                },
            }
        )
        seg.update(st=max(0, st - (500 if k else 0)), d=d + (500 if k else 0))
        if k:
            seg["tr"] = {"type": "fade", "d": 500}
        video.append(seg)
        st, k = st + d, k + 1
    return {
        "d": ms,
        "m": {"aspect": "16:9", "seed": 7},
        "t": [
            {"tt": 0, "sg": video},
            {
                "tt": 1,
                "sg": [
                    {
                        "st": 0,
                        "d": ms,
                        "src": "gen:music/calm?seed=7",
                        "vol": 0.35,
                        "fi": 1000,
                        "fo": 2000,
                    }
                ],
            },
            {
                "tt": 7,
                "sg": [
                    {
                        "st": 500,
                        "d": 3500,
                        "tx": "Urban Dreams",
                        "sty": {"pos": "top-center", "size": 96, "fi": 500, "fo": 500},
                    }
                ],
            },
        ],
    }


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(fn) -> tuple[float, float]:
    cpu, t = cpu_children(), time.perf_counter()
    fn()
    return time.perf_counter() - t, cpu_children() - cpu


def flat(out: Path, encoder: tuple[str, ...] = PRESET) -> None:
    """A flat 15 s 1080p30 colour encoded with FFmpeg and nothing else."""
    subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=0x336699:s=1920x1080:r=30",
            "-t",
            "15",
            *encoder,
            str(out),
        ],
        check=True,
    )


def graph_only(draft: dict, resolve, work: Path) -> None:
    """The draft's filter graph run into the null muxer: the cost of making frames, no encoding."""
    cache = work / "render-cache"
    graph = compile_plan(make_plan(draft, "1080p"), cache, resolve)
    script = work / "null.graph"
    script.write_text(";\n".join(graph.lines) + "\n", encoding="utf-8")
    inputs = [arg for inp in graph.inputs for arg in inp]
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", *inputs, script_option(), str(script), *NULL_OUT],
        check=True,
    )


def reencode(video: Path, out: Path) -> None:
    """Decode the finished video and encode it again as the renderer does: the content's own cost."""
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-i", str(video), "-an", *X264, str(out)],
        check=True,
    )


class PeakRss:
    """Samples the RSS of this process plus its children every 50 ms."""

    def __init__(self) -> None:
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = me.memory_info().rss
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def moviepy_render(img: Path, still: Path, out: Path) -> None:
    """The same 15 s timeline in MoviePy 2 (scene still panned, photo zoomed, title, tone)."""
    import numpy as np
    from moviepy import AudioArrayClip, CompositeVideoClip, ImageClip, TextClip, vfx

    from nemo_notebook.backend.studio.render.fonts import font_source

    bg = ImageClip(str(still)).with_duration(8)
    bg = bg.with_position(lambda t: (-int(288 * t / 8), -81))
    kb = ImageClip(str(img)).with_duration(7.5).resized(height=1080).with_start(7.5)
    kb = (
        kb.resized(lambda t: 1 + 0.12 * t / 7.5)
        .with_position("center")
        .with_effects([vfx.CrossFadeIn(0.5)])
    )
    font, _ = font_source()
    title = (
        TextClip(font=str(font), text="Urban Dreams", font_size=96, color="white")
        .with_start(0.5)
        .with_duration(3.5)
        .with_position(("center", 60))
        .with_effects([vfx.CrossFadeIn(0.5), vfx.CrossFadeOut(0.5)])
    )
    t = np.arange(15 * 48000) / 48000
    tone = (0.35 * 0.2 * np.sin(2 * np.pi * 220 * t))[:, None].repeat(2, axis=1)
    video = CompositeVideoClip([bg, kb, title], size=(1920, 1080)).with_duration(15)
    video = video.with_audio(AudioArrayClip(tone, fps=48000))
    video.write_videofile(
        str(out),
        fps=30,
        codec="libx264",
        preset="veryfast",
        audio_codec="aac",
        temp_audiofile=str(out.with_suffix(".m4a")),
        logger=None,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-moviepy", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        img = photo(tmp / "photo.png")
        resolve = lambda src: img if src.endswith("photo.png") else None  # noqa: E731
        work = tmp / "work"
        raw_wall, raw_cpu = timed(lambda: flat(tmp / "flat.mp4"))
        print(f"raw flat encode 15 s 1080p veryfast: {raw_wall:.2f} s wall, {raw_cpu:.2f} s CPU")
        same_wall, same_cpu = timed(lambda: flat(tmp / "flat-same.mp4", X264))
        print(
            f"  the same at the renderer's settings (crf {X264_CRF}, {X264_PARAMS}): {same_wall:.2f} s wall, "
            f"{same_cpu:.2f} s CPU"
        )
        with PeakRss() as rss:
            wall, cpu = timed(
                lambda: render_draft(composed(15), tmp / "c15.mp4", resolve=resolve, work_dir=work)
            )
        print(
            f"composed 15 s (cold cache): {wall:.2f} s wall ({wall / raw_wall:.2f}x raw), {cpu:.2f} s CPU "
            f"({cpu / raw_cpu:.2f}x raw); peak RSS python+ffmpeg {rss.peak / 2**20:.0f} MB"
        )
        warm_wall, warm_cpu = timed(
            lambda: render_draft(composed(15), tmp / "w15.mp4", resolve=resolve, work_dir=work)
        )
        print(
            f"composed 15 s (warm cache): {warm_wall:.2f} s wall ({warm_wall / raw_wall:.2f}x raw), "
            f"{warm_cpu:.2f} s CPU ({warm_cpu / raw_cpu:.2f}x raw); "
            f"{warm_wall / same_wall:.2f}x the flat encode at the renderer's settings"
        )
        g_wall, g_cpu = timed(lambda: graph_only(composed(15), resolve, work))
        print(
            f"  of which the filter graph alone (-f null): {g_wall:.2f} s wall "
            f"({g_wall / raw_wall:.2f}x raw), {g_cpu:.2f} s CPU ({g_cpu / raw_cpu:.2f}x raw)"
        )
        e_wall, e_cpu = timed(lambda: reencode(tmp / "w15.mp4", tmp / "re15.mp4"))
        print(
            f"  the finished content decoded and encoded again at the renderer's settings: "
            f"{e_wall:.2f} s wall ({e_wall / raw_wall:.2f}x raw, {e_wall / same_wall:.2f}x the "
            f"flat encode at those settings), {e_cpu:.2f} s CPU ({e_cpu / raw_cpu:.2f}x raw)"
        )
        print(
            f"self maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
            f"largest child maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
        )
        for seconds in (60, 120):
            with PeakRss() as rss:
                w, c = timed(
                    lambda s=seconds: render_draft(
                        composed(s), tmp / f"c{s}.mp4", resolve=resolve, work_dir=work
                    )
                )
            print(
                f"composed {seconds} s ({len(composed(seconds)['t'][0]['sg'])} segments, "
                f"{len(windows(make_plan(composed(seconds), '1080p')))} windows): "
                f"{w:.2f} s wall = {w / seconds:.3f} s per second "
                f"({w / seconds / (warm_wall / 15):.2f}x the 15 s rate), {c / seconds:.3f} CPU-s "
                f"per second ({c / seconds / (warm_cpu / 15):.2f}x); peak RSS python+ffmpeg "
                f"{rss.peak / 2**20:.0f} MB"
            )
        if not args.no_moviepy:
            still = sorted(work.glob("render-cache/*.png"), key=lambda p: p.stat().st_size)[-1]
            mp_wall, _ = timed(lambda: None)
            t = time.perf_counter()
            moviepy_render(img, still, tmp / "moviepy.mp4")
            mp_wall = time.perf_counter() - t
            print(
                f"MoviePy 2 same timeline: {mp_wall:.2f} s wall; ours is {mp_wall / warm_wall:.1f}x faster "
                f"(warm), {mp_wall / wall:.1f}x (cold)"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
