"""Reading a draft into a render plan: canvas, video tracks, texts and sounds, all in frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from nemo_notebook.draft import (
    DraftView,
    SegmentView,
    TrackKind,
    TrackView,
    frame_size,
)


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

    seg: SegmentView
    start: int
    length: int
    fade_in: int = 0

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def src(self) -> str:
        return self.seg.source


@dataclass
class Plan:
    """Everything the graph builder needs from a draft."""

    canvas: Canvas
    video_tracks: list[list[Clip]] = field(default_factory=list)
    texts: list[Clip] = field(default_factory=list)
    sounds: list[Clip] = field(default_factory=list)
    seed: int = 0


def _clips(track: TrackView, canvas: Canvas) -> list[Clip]:
    clips = []
    for seg in track.segments:
        start = canvas.frame(seg.start_ms)
        length = canvas.frame(seg.duration_ms)
        if length <= 0 or start >= canvas.frames:
            continue
        fade = min(canvas.frame(seg.transition_ms), length)
        clips.append(Clip(seg, start, min(length, canvas.frames - start), fade))
    return sorted(clips, key=lambda c: c.start)


def make_plan(draft: dict[str, Any], resolution: str | None = None) -> Plan:
    """Build the plan at ``resolution`` (the draft's own ``m.res`` when None); unknown keys are
    ignored and odd values fall back to the defaults of ``nemo_notebook.draft``."""
    view = DraftView(draft)
    meta = view.meta
    width, height = frame_size(meta.aspect, resolution or meta.resolution)
    fps = meta.fps
    frames = max(1, round(view.duration_ms * fps / 1000))
    canvas = Canvas(width, height, fps, frames)
    plan = Plan(canvas, seed=meta.seed)
    for track in view.tracks:
        kind = track.kind
        clips = _clips(track, canvas)
        if kind is TrackKind.VIDEO and clips:
            plan.video_tracks.append(clips)
        elif kind is TrackKind.AUDIO:
            plan.sounds.extend(clips)
        elif kind is TrackKind.TEXT:
            plan.texts.extend(c for c in clips if c.seg.text.strip())
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
