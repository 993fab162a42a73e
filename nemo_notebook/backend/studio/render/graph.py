"""Compiling a plan into one FFmpeg filter graph: inputs, segment streams, tracks, titles and sound."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

from nemo_notebook.draft import (
    COLOR_PREFIX,
    SCENE_PREFIX,
    VOLUME_MAX,
    VOLUME_MIN,
    ZOOM_MAX,
    ZOOM_MIN,
    SegmentView,
    is_generated,
    number,
    read_color,
    read_music,
)

from . import music as music_mod
from .colors import parse_color
from .errors import RenderError
from .ffmpeg import filter_value
from .particles import Layer, build_layers
from .plan import Canvas, Clip, Plan, pieces
from .rawframe import raw_still
from .scenes import draw_scene, parse_scene
from .text import TextImage, render_text

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
WORK_SCALE = 0.5
PAN_MARGIN = 1.12


@dataclass
class Graph:
    """Inputs and filter lines being assembled, with files cached under `cache`.

    The graph makes the timeline frames [start, end); every stream in it is timed from `start`.
    """

    canvas: Canvas
    cache: Path
    resolve: Callable[[str], Path | None]
    start: int = 0
    end: int = 0
    inputs: list[list[str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    count: int = 0
    offset: int = 0  # frame of the graph where the streams being built start; paces their demuxers

    def label(self, prefix: str = "s") -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def add_input(self, args: list[str]) -> int:
        self.inputs.append(args)
        return len(self.inputs) - 1

    def add(self, line: str) -> str:
        out = self.label()
        self.lines.append(f"{line}[{out}]")
        return out

    def png(self, key: str, make: Callable[[], Image.Image]) -> Path:
        """A cached PNG named by a hash of what it depends on."""
        path = self.cache / f"{hashlib.sha1(key.encode()).hexdigest()[:20]}.png"
        if not path.exists():
            tmp = path.with_suffix(".tmp.png")
            make().save(tmp, compress_level=1)
            tmp.replace(path)
        return path

    def raw_source(self, path: Path, size: tuple[int, int], alpha: bool) -> str:
        """A still converted once to a raw frame, read by a source inside the graph.

        Sources inside the graph are read when the graph first asks for them; command-line
        inputs are fed from the start, and FFmpeg then queues whole segments of frames behind
        stills that are not due yet.
        """
        raw = raw_still(path, size, alpha)
        w, h = size[0] + size[0] % 2, size[1] + size[1] % 2
        pix = "yuva420p" if alpha else "yuv420p"
        opts = f"video_size={w}x{h}:pixel_format={pix}:framerate={self.canvas.fps}"
        return (
            f"movie=filename={filter_value(str(raw))}:f=rawvideo:format_opts={filter_value(opts)}"
        )

    def repeat(self, source: str, frames: int) -> str:
        """The single frame of `source` shown for `frames` frames, by reference, on demand.

        `loop` hands out references eagerly; `fps` after it only passes one on when asked, so the
        filters downstream work frame by frame instead of running ahead and queueing copies.
        """
        return (
            f"{source},setparams=range=tv:colorspace=bt709:color_primaries=bt709:"
            f"color_trc=bt709,loop=loop={max(frames, 1) - 1}:size=1:start=0,{self.timing()},"
            f"fps={self.canvas.fps}"
        )

    def still(self, path: Path, size: tuple[int, int], frames: int, alpha: bool = False) -> str:
        """A PNG converted once to raw YUV at `size`, shown for `frames` frames."""
        return self.add(self.repeat(self.raw_source(path, size, alpha), frames))

    def delay(self) -> list[str]:
        """Input timestamps shifted to the stream's place, so FFmpeg reads it only when due."""
        return ["-itsoffset", f"{self.offset / self.canvas.fps:.4f}"] if self.offset else []

    def timing(self) -> str:
        return f"settb=1/{self.canvas.fps},setpts=N"

    def place(self, start: int) -> None:
        """Note that the streams built next begin at timeline frame `start`."""
        self.offset = max(0, start - self.start)

    def within(self, lab: str, start: int, length: int) -> str:
        """The part of a stream of `length` frames at timeline `start` that falls in this graph,
        shifted to its place here. The stream is made from its first frame, so motion and fades
        run exactly as in a render of the whole timeline.
        """
        a, b = max(0, self.start - start), min(length, self.end - start)
        if (a, b) != (0, length):
            lab = self.add(f"[{lab}]trim=start_frame={a}:end_frame={b},{self.timing()}")
        shift = max(start, self.start) - self.start
        return self.add(f"[{lab}]setpts=PTS+{shift}") if shift else lab


def _scene(g: Graph, clip: Clip, frames: int, seed: int) -> str:
    spec = parse_scene(clip.src, seed)
    c = g.canvas
    seconds = max(frames, 1) / c.fps
    moving = spec.motion in ("pan", "drift")
    margin = PAN_MARGIN if moving else 1.0
    bw, bh = round(c.width * margin), round(c.height * margin)
    near_w = round(c.width * (1 + 2.5 * (margin - 1))) if moving else None
    key = f"scene-v2-{spec.key}-{c.width}x{c.height}"
    images = {}

    def drawn():
        if "scene" not in images:
            images["scene"] = draw_scene(
                spec,
                int(bw * WORK_SCALE),
                int(bh * WORK_SCALE),
                int(near_w * WORK_SCALE) if near_w else None,
            )
        return images["scene"]

    bg_path = g.png(key + "-bg", lambda: drawn().background)
    if spec.motion == "zoom":
        source = g.raw_source(bg_path, (c.width, c.height), alpha=False)
        base = g.add(
            f"{g.repeat(source, frames)},zoompan=z='1+0.1*on/{frames}':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':"
            f"d=1:s={c.width}x{c.height}:fps={c.fps},setparams=range=tv:colorspace=bt709,"
            f"trim=end_frame={frames},{g.timing()}"
        )
    else:
        base = g.still(bg_path, (bw, bh), frames)
        sign = -1 if spec.seed % 2 else 1
        if spec.motion == "pan":
            x = f"(iw-ow)*t/{seconds:.3f}" if sign > 0 else f"(iw-ow)*(1-t/{seconds:.3f})"
            y = "(ih-oh)/2"
        elif spec.motion == "drift":
            x, y = f"(iw-ow)*(0.2+0.6*t/{seconds:.3f})", f"(ih-oh)*(0.7-0.4*t/{seconds:.3f})"
        else:
            x, y = "0", "0"
        base = g.add(f"[{base}]crop={c.width}:{c.height}:x='{x}':y='{y}'")
        if near_w and spec.land not in ("sea", "none"):
            near_top = drawn().near_top
            near_path = g.png(key + "-near", lambda: drawn().near)
            nh = round(c.height * margin * (1 - near_top))
            strip = g.still(near_path, (near_w, nh), frames, alpha=True)
            travel = near_w - c.width
            nx = f"-{travel}*t/{seconds:.3f}" if sign > 0 else f"-{travel}*(1-t/{seconds:.3f})"
            if spec.motion == "drift":
                nx = f"-{travel}*(0.2+0.6*t/{seconds:.3f})"
            base = g.add(
                f"[{base}][{strip}]overlay=x='{nx}':y={c.height - nh + round(c.height * 0.02)}:"
                "format=yuv420:eof_action=pass"
            )
    for layer in build_layers(spec.fx, spec.tod, c.width, c.height, spec.seed, WORK_SCALE):
        path = g.png(f"{key}-fx-{layer.name}-{layer.x}-{layer.enable}", partial(_image_of, layer))
        lab = g.still(path, layer.size, frames, alpha=True)
        enable = f":enable='{layer.enable}'" if layer.enable else ""
        base = g.add(
            f"[{base}][{lab}]overlay=x='{layer.x}':y='{layer.y}':format=yuv420:"
            f"eof_action=pass{enable}"
        )
    return base


def _image_of(drawn: Layer | TextImage) -> Image.Image:
    """The image of a particle layer or a drawn title, made when the cache misses."""
    return drawn.image


def _color(g: Graph, clip: Clip, frames: int) -> str:
    r, gr, b, _ = parse_color(read_color(clip.src) or "#000000", (0, 0, 0, 255))
    path = g.png(f"color-{r}-{gr}-{b}", lambda: Image.new("RGB", (16, 16), (r, gr, b)))
    return g.still(path, (g.canvas.width, g.canvas.height), frames)


def _gap(g: Graph, frames: int) -> str:
    c = g.canvas
    return g.add(
        f"color=c=black:s={c.width}x{c.height}:r={c.fps}:d={max(frames, 1) / c.fps:.4f},"
        f"format=yuv420p,trim=end_frame={frames},{g.timing()}"
    )


def _resolve(g: Graph, src: str) -> Path:
    path = g.resolve(src) if src else None
    if path is None or not Path(path).exists():
        raise RenderError(
            f"cannot find the media for {src!r}; upload it again or remove the segment"
        )
    return Path(path)


def _image_file(path: Path, seg: SegmentView, c: Canvas, zoom: float) -> Image.Image:
    """The image framed to the canvas aspect (cover crop, or fit on a blurred copy) at `zoom` size."""
    w, h = round(c.width * zoom), round(c.height * zoom)
    with Image.open(path) as src:
        img = ImageOps.exif_transpose(src).convert("RGB")
    if seg.fit == "fit":
        back = (
            ImageOps.fit(img, (w // 8, h // 8)).filter(ImageFilter.GaussianBlur(6)).resize((w, h))
        )
        front = ImageOps.contain(img, (w, h), Image.Resampling.LANCZOS)
        back.paste(front, ((w - front.width) // 2, (h - front.height) // 2))
        return back
    return ImageOps.fit(img, (w, h), Image.Resampling.LANCZOS)


def _image(g: Graph, clip: Clip, path: Path, frames: int) -> str:
    c = g.canvas
    mo = clip.seg.motion
    if not mo:
        png = g.png(
            f"img-{path}-{path.stat().st_mtime_ns}-{clip.seg.fit}-{c.width}x{c.height}",
            lambda: _image_file(path, clip.seg, c, 1.0),
        )
        return g.still(png, (c.width, c.height), frames)
    z0, z1 = (
        max(ZOOM_MIN, min(ZOOM_MAX, number(mo.get(k), d))) for k, d in (("z0", 1.0), ("z1", 1.12))
    )
    zmax = min(max(z0, z1), 1.5)
    x0, y0, x1, y1 = (min(1.0, max(0.0, number(mo.get(k), 0.5))) for k in ("x0", "y0", "x1", "y1"))
    png = g.png(
        f"kb-{path}-{path.stat().st_mtime_ns}-{clip.seg.fit}-{c.width}x{c.height}-{zmax}",
        lambda: _image_file(path, clip.seg, c, zmax),
    )
    source = g.raw_source(png, (round(c.width * zmax), round(c.height * zmax)), alpha=False)
    n = max(frames - 1, 1)
    z = f"({z0}+{z1 - z0}*on/{n})"
    cx, cy = f"({x0}+{x1 - x0}*on/{n})", f"({y0}+{y1 - y0}*on/{n})"
    return g.add(
        f"{g.repeat(source, frames)},zoompan=z='{z}':x='max(0,min(iw-iw/zoom,iw*{cx}-iw/zoom/2))':"
        f"y='max(0,min(ih-ih/zoom,ih*{cy}-ih/zoom/2))':d=1:s={c.width}x{c.height}:fps={c.fps},"
        f"setparams=range=tv:colorspace=bt709,trim=end_frame={frames},{g.timing()}"
    )


def _has_audio(path: Path) -> bool:
    import av

    try:
        with av.open(str(path)) as box:
            return bool(box.streams.audio)
    except (av.error.FFmpegError, OSError):
        return False


def _video_clip(g: Graph, clip: Clip, path: Path, frames: int) -> str:
    c = g.canvas
    start = clip.seg.in_ms / 1000
    index = g.add_input(
        ["-ss", f"{start:.3f}", "-t", f"{frames / c.fps + 1:.3f}", *g.delay(), "-i", str(path)]
    )
    colour = "out_color_matrix=bt709:out_range=tv"
    if clip.seg.fit == "fit":
        frame = (
            f"scale={c.width}:{c.height}:force_original_aspect_ratio=decrease:{colour},"
            f"pad={c.width}:{c.height}:(ow-iw)/2:(oh-ih)/2"
        )
    else:
        frame = (
            f"scale={c.width}:{c.height}:force_original_aspect_ratio=increase:{colour},"
            f"crop={c.width}:{c.height}"
        )
    return g.add(
        f"[{index}:v]fps={c.fps},{frame},setsar=1,format=yuv420p,"
        f"tpad=stop_mode=clone:stop_duration={frames / c.fps:.3f},"
        f"trim=end_frame={frames},{g.timing()}"
    )


def segment(g: Graph, clip: Clip, frames: int, seed: int) -> str:
    """A stream of exactly `frames` canvas-sized yuv420p frames for one video segment."""
    src = clip.src
    if src.startswith(SCENE_PREFIX):
        return _scene(g, clip, frames, seed)
    if src.startswith(COLOR_PREFIX):
        return _color(g, clip, frames)
    if is_generated(src):
        default = Clip(SegmentView({"src": f"{SCENE_PREFIX}default"}), clip.start, clip.length)
        return _scene(g, default, frames, seed)
    path = _resolve(g, src)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return _image(g, clip, path, frames)
    return _video_clip(g, clip, path, frames)


def _cut(g: Graph, lab: str, ranges: list[tuple[int, int]], frames: int) -> list[str]:
    """Frame ranges of a stream of `frames` frames, each starting at time zero; made once."""
    if ranges == [(0, frames)]:
        return [lab]
    outs = [lab]
    if len(ranges) > 1:
        outs = [g.label() for _ in ranges]
        g.lines.append(f"[{lab}]split={len(ranges)}" + "".join(f"[{o}]" for o in outs))
    return [
        g.add(f"[{o}]trim=start_frame={a}:end_frame={b},{g.timing()}")
        for o, (a, b) in zip(outs, ranges, strict=True)
    ]


def primary_track(g: Graph, clips: list[Clip], seed: int) -> str:
    """The bottom track: one concat of segment bodies and of fades blended only while they last.

    A fade lays the next segment's first frames, with rising alpha, over the previous one's last
    frames in yuv420p; everything else passes through untouched. Only the parts inside the graph's
    frames are built; its edges fall where a fade has finished (see `plan.windows`).
    """
    c = g.canvas
    track = pieces(clips, c.frames)
    chain: list[str] = []
    tail = ""
    for i, (start, end, clip, fade) in enumerate(track):
        extra = track[i + 1][3] if i + 1 < len(track) else 0
        length = end - start
        roles = [("head", 0, fade), ("body", fade, length), ("tail", length, length + extra)]
        wanted = [
            (role, a, b)
            for role, a, b in roles
            if b > a and start + b > g.start and start + a < g.end
        ]
        if not wanted:
            continue
        g.place(start)
        lab = _gap(g, length + extra) if clip is None else segment(g, clip, length + extra, seed)
        parts = dict(
            zip(
                [role for role, _, _ in wanted],
                _cut(g, lab, [_clamp(g, start, a, b) for _, a, b in wanted], length + extra),
                strict=True,
            )
        )
        if "head" in parts:
            head = g.add(f"[{parts['head']}]format=yuva420p,fade=t=in:d={fade / c.fps:.4f}:alpha=1")
            chain.append(
                g.add(f"[{tail}][{head}]overlay=format=yuv420:eof_action=pass:repeatlast=0")
            )
        if "body" in parts:
            chain.append(parts["body"])
        tail = parts.get("tail", "")
    if len(chain) == 1:
        return chain[0]
    return g.add("".join(f"[{p}]" for p in chain) + f"concat=n={len(chain)}:v=1:a=0")


def _clamp(g: Graph, start: int, a: int, b: int) -> tuple[int, int]:
    """A stream's local frame range [a, b) cut down to the graph's frames."""
    return max(a, g.start - start), min(b, g.end - start)


def upper_track(g: Graph, base: str, clips: list[Clip], seed: int) -> str:
    """A higher video track laid over the frame during its segments."""
    for clip in clips:
        if clip.end <= g.start or clip.start >= g.end:
            continue
        g.place(clip.start)
        lab = segment(g, clip, clip.length, seed)
        if clip.fade_in:
            lab = g.add(
                f"[{lab}]format=yuva420p,fade=t=in:d={clip.fade_in / g.canvas.fps:.4f}:alpha=1"
            )
        lab = g.within(lab, clip.start, clip.length)
        base = g.add(f"[{base}][{lab}]overlay=format=yuv420:eof_action=pass")
    return base


def titles(g: Graph, base: str, texts: list[Clip]) -> str:
    """Overlay each title (drawn once by Pillow) with its alpha fades."""
    c = g.canvas
    for clip in texts:
        if clip.end <= g.start or clip.start >= g.end:
            continue
        sty = clip.seg.style
        text = clip.seg.text
        drawn = render_text(text, sty, c)
        path = g.png(
            f"text-v1-{text}-{sorted(sty.raw.items())!r}-{c.width}x{c.height}",
            partial(_image_of, drawn),
        )
        g.place(clip.start)
        lab = g.still(path, drawn.image.size, clip.length, alpha=True)
        seconds = clip.length / c.fps
        fi = min(sty.fade_in_ms / 1000, seconds / 2)
        fo = min(sty.fade_out_ms / 1000, seconds / 2)
        fades = ""
        if fi > 0:
            fades += f",fade=t=in:st=0:d={fi:.3f}:alpha=1"
        if fo > 0:
            fades += f",fade=t=out:st={seconds - fo:.3f}:d={fo:.3f}:alpha=1"
        if fades:
            lab = g.add(f"[{lab}]{fades[1:]}")
        lab = g.within(lab, clip.start, clip.length)
        base = g.add(
            f"[{base}][{lab}]overlay=x={drawn.x}:y={drawn.y}:format=yuv420:eof_action=pass"
        )
    return base


def clip_sounds(g: Graph, plan: Plan) -> list[tuple[Clip, Path]]:
    """Video clips on the video tracks whose own sound is heard."""
    found = []
    primary = [
        [clip for _, _, clip, _ in pieces(plan.video_tracks[0], plan.canvas.frames) if clip]
        if plan.video_tracks
        else []
    ]
    for clips in primary + plan.video_tracks[1:]:
        for clip in clips:
            if is_generated(clip.src) or _volume(clip) <= 0:
                continue
            path = _resolve(g, clip.src)
            if path.suffix.lower() not in IMAGE_SUFFIXES and _has_audio(path):
                found.append((clip, path))
    return found


def _volume(clip: Clip) -> float:
    """A segment's gain within the draft's volume range; full level when not given."""
    vol = clip.seg.volume
    return VOLUME_MAX if vol is None else max(VOLUME_MIN, min(VOLUME_MAX, vol))


def audio(g: Graph, plan: Plan) -> str:
    """Music, uploaded audio and clip sound: trimmed, faded, placed and mixed without normalising."""
    c = g.canvas
    total = c.frames / c.fps
    parts = []
    for clip in plan.sounds:
        src = clip.src
        if (music := read_music(src, plan.seed)) is not None:
            wav = music_mod.music_file(music.mood, music.seed, music.bpm, g.cache)
            parts.append(_sound(g, clip, ["-stream_loop", "-1", "-i", str(wav)], 0.0))
        elif is_generated(src):
            continue
        else:
            path = _resolve(g, src)
            parts.append(_sound(g, clip, ["-i", str(path)], clip.seg.in_ms / 1000))
    for clip, path in clip_sounds(g, plan):
        parts.append(_sound(g, clip, ["-i", str(path)], clip.seg.in_ms / 1000))
    if not parts:
        return g.add(f"anullsrc=r=48000:cl=stereo,atrim=end={total:.4f}")
    mixed = (
        parts[0]
        if len(parts) == 1
        else g.add(
            "".join(f"[{p}]" for p in parts)
            + f"amix=inputs={len(parts)}:normalize=0:duration=longest"
        )
    )
    return g.add(f"[{mixed}]apad,atrim=end={total:.4f},asetpts=PTS-STARTPTS")


def _sound(g: Graph, clip: Clip, args: list[str], offset: float) -> str:
    c = g.canvas
    if offset > 0:
        args = ["-ss", f"{offset:.3f}", *args]
    index = g.add_input(args)
    seconds = clip.length / c.fps
    vol = _volume(clip)
    fi = min(clip.seg.fade_in_ms / 1000, seconds / 2)
    fo = min(clip.seg.fade_out_ms / 1000, seconds / 2)
    chain = (
        f"[{index}:a]aformat=sample_rates=48000:channel_layouts=stereo,"
        f"atrim=duration={seconds:.4f},asetpts=PTS-STARTPTS,volume={vol:.3f}"
    )
    if fi > 0:
        chain += f",afade=t=in:d={fi:.3f}"
    if fo > 0:
        chain += f",afade=t=out:st={seconds - fo:.3f}:d={fo:.3f}"
    delay = round(clip.start * 1000 / c.fps)
    if delay:
        chain += f",adelay=delays={delay}:all=1"
    return g.add(chain)


def edge_fades(g: Graph, base: str, plan: Plan) -> str:
    """Fade from black at the start (`fi` of the first bottom segment) and to black at the end
    (`fo` of the last), titles included. Times are the timeline's, so a window fades exactly
    as the whole render would.
    """
    c = g.canvas
    clips = plan.video_tracks[0] if plan.video_tracks else []
    if not clips:
        return base
    first, last = min(clips, key=lambda k: k.start), max(clips, key=lambda k: k.end)
    fade_in = _frames(c, first.seg.fade_in_ms) if first.start == 0 else 0
    fade_out = _frames(c, last.seg.fade_out_ms) if last.end >= c.frames else 0
    fades = []
    if fade_in and g.start < fade_in:
        fades.append(f"fade=t=in:st=0:d={fade_in / c.fps:.4f}")
    if fade_out and g.end > c.frames - fade_out:
        fades.append(f"fade=t=out:st={(c.frames - fade_out) / c.fps:.4f}:d={fade_out / c.fps:.4f}")
    if not fades:
        return base
    shift = f"{g.start}/{c.fps}/TB"
    return g.add(f"[{base}]setpts=PTS+{shift},{','.join(fades)},setpts=PTS-{shift}")


def _frames(canvas: Canvas, ms: float) -> int:
    """A fade length in ms as whole frames, at most half the video."""
    return max(0, min(round(ms * canvas.fps / 1000), canvas.frames // 2))


def compile_plan(
    plan: Plan,
    cache: Path,
    resolve: Callable[[str], Path | None],
    window: tuple[int, int] | None = None,
    *,
    sound: bool = True,
) -> Graph:
    """The graph of the timeline frames in `window` (all by default), output as `vout`, with the
    whole timeline's sound as `aout` when `sound` is set.
    """
    start, end = window or (0, plan.canvas.frames)
    g = Graph(plan.canvas, cache, resolve, start, end)
    if plan.video_tracks:
        base = primary_track(g, plan.video_tracks[0], plan.seed)
    else:
        base = _gap(g, end - start)
    for clips in plan.video_tracks[1:]:
        base = upper_track(g, base, clips, plan.seed)
    base = titles(g, base, plan.texts)
    base = edge_fades(g, base, plan)
    g.lines.append(f"[{base}]trim=end_frame={end - start},setpts=PTS-STARTPTS[vout]")
    if sound:
        g.lines.append(f"[{audio(g, plan)}]anull[aout]")
    return g


def compile_sound(
    plan: Plan, cache: Path, resolve: Callable[[str], Path | None], video: list[str]
) -> Graph:
    """The whole timeline's sound as `aout`, beside an encoded video taken as input 0."""
    g = Graph(plan.canvas, cache, resolve, 0, plan.canvas.frames)
    g.add_input(video)
    g.lines.append(f"[{audio(g, plan)}]anull[aout]")
    return g
