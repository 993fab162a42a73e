"""Reading a draft into a render plan: canvas, video tracks, texts and sounds, all in frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

SIZES: dict[str, dict[str, tuple[int, int]]] = {
    "1080p": {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080), "4:5": (1080, 1350)},
    "720p": {"16:9": (1280, 720), "9:16": (720, 1280), "1:1": (720, 720), "4:5": (720, 900)},
    "480p": {"16:9": (854, 480), "9:16": (480, 854), "1:1": (480, 480), "4:5": (480, 600)},
    "360p": {"16:9": (640, 360), "9:16": (360, 640), "1:1": (360, 360), "4:5": (360, 450)},
}


@dataclass(frozen=True)
class Canvas:
    """Output geometry and timing."""

    width: int
    height: int
    fps: int
    frames: int

    @property
    def duration_ms(self) -> int:
        return round(self.frames * 1000 / self.fps)

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    def frame(self, ms: float) -> int:
        """The frame index at a time in milliseconds."""
        return max(0, round(ms * self.fps / 1000))


@dataclass
class Clip:
    """One segment of a video, audio or text track, with times in frames."""

    seg: dict[str, Any]
    start: int
    length: int
    fade_in: int = 0

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def src(self) -> str:
        return str(self.seg.get("src") or "")


@dataclass
class Plan:
    """Everything the graph builder needs from a draft."""

    canvas: Canvas
    video_tracks: list[list[Clip]] = field(default_factory=list)
    texts: list[Clip] = field(default_factory=list)
    sounds: list[Clip] = field(default_factory=list)
    seed: int = 0


def _num(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number == number else default


def aspect_of(meta: dict[str, Any]) -> str:
    """The draft's aspect name; width/height decide when `aspect` is missing or unknown."""
    aspect = str(meta.get("aspect") or "")
    if aspect in SIZES["1080p"]:
        return aspect
    width, height = _num(meta.get("width"), 1920), _num(meta.get("height"), 1080)
    if width <= 0 or height <= 0:
        return "16:9"
    ratio = width / height
    return min(SIZES["1080p"], key=lambda name: abs(_ratio(name) - ratio))


def _ratio(name: str) -> float:
    w, h = SIZES["1080p"][name]
    return w / h


def _clips(track: dict[str, Any], canvas: Canvas) -> list[Clip]:
    clips = []
    for seg in track.get("sg") or []:
        if not isinstance(seg, dict):
            continue
        start = canvas.frame(_num(seg.get("st")))
        length = canvas.frame(_num(seg.get("d")))
        if length <= 0 or start >= canvas.frames:
            continue
        fade = 0
        tr = seg.get("tr")
        if isinstance(tr, dict) and str(tr.get("type", "fade")) == "fade":
            fade = min(canvas.frame(_num(tr.get("d"), 500)), length)
        clips.append(Clip(seg, start, min(length, canvas.frames - start), fade))
    return sorted(clips, key=lambda c: c.start)


def _draft_end(draft: dict[str, Any]) -> float:
    end = _num(draft.get("d"))
    if end > 0:
        return end
    for track in draft.get("t") or []:
        for seg in (track or {}).get("sg") or []:
            if isinstance(seg, dict):
                end = max(end, _num(seg.get("st")) + _num(seg.get("d")))
    return end


def make_plan(draft: dict[str, Any], resolution: str = "1080p") -> Plan:
    """Build the plan; unknown keys are ignored and odd values fall back to defaults."""
    meta = draft.get("m") if isinstance(draft.get("m"), dict) else {}
    sizes = SIZES.get(resolution, SIZES["1080p"])
    width, height = sizes[aspect_of(meta)]
    fps = int(_num(meta.get("fps"), 30)) or 30
    fps = fps if 1 <= fps <= 60 else 30
    frames = max(1, round(_draft_end(draft) * fps / 1000))
    canvas = Canvas(width, height, fps, frames)
    plan = Plan(canvas, seed=int(_num(meta.get("seed"), 0)))
    for track in draft.get("t") or []:
        if not isinstance(track, dict):
            continue
        kind = int(_num(track.get("tt"), -1))
        clips = _clips(track, canvas)
        if kind == 0 and clips:
            plan.video_tracks.append(clips)
        elif kind == 1:
            plan.sounds.extend(clips)
        elif kind == 7:
            plan.texts.extend(c for c in clips if str(c.seg.get("tx") or "").strip())
    return plan


Piece = tuple[int, int, Clip | None, int]

WINDOW_SECONDS = 30
WINDOW_PIECES = 6
WINDOW_MIN_SECONDS = 5


def pieces(clips: list[Clip], total: int) -> list[Piece]:
    """The bottom track as back-to-back (start, end, clip or None for a gap, fade-in frames)."""
    out: list[Piece] = []
    cursor = 0
    for i, clip in enumerate(clips):
        start = max(clip.start, cursor)
        nxt = max(clips[i + 1].start, start + 1) if i + 1 < len(clips) else total
        end = min(clip.end, nxt, total)
        if start >= end:
            continue
        if start > cursor:
            out.append((cursor, start, None, 0))
        fade = min(clip.fade_in, end - start) if out else 0
        out.append((start, end, clip, fade))
        cursor = end
    if cursor < total:
        out.append((cursor, total, None, 0))
    return out


def windows(plan: Plan) -> list[tuple[int, int]]:
    """Frame ranges rendered one FFmpeg run at a time, so memory stays flat however long the draft.

    Cuts fall only where a bottom-track piece has finished fading in: there no earlier segment is
    still needed, so each window holds only its own inputs. Short drafts stay one window.
    """
    c = plan.canvas
    if not plan.video_tracks:
        return [(0, c.frames)]
    cuts = []
    start, count = 0, 0
    for piece_start, _end, _clip, fade in pieces(plan.video_tracks[0], c.frames)[1:]:
        count += 1
        cut = piece_start + fade
        long_enough = cut - start >= WINDOW_SECONDS * c.fps
        crowded = count >= WINDOW_PIECES and cut - start >= WINDOW_MIN_SECONDS * c.fps
        if (long_enough or crowded) and c.frames - cut >= WINDOW_MIN_SECONDS * c.fps:
            cuts.append(cut)
            start, count = cut, 0
    bounds = [0, *cuts, c.frames]
    return list(pairwise(bounds))
