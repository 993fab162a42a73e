"""Static fallbacks for the widgets: HTML and plain text that read well on GitHub, in nbconvert and
after a kernel restart, plus the compact timeline JSON the TimelineView draws."""

from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path
from typing import Any

from ..draft import DraftView, SegmentView, TrackKind, is_generated
from ..urls import safe_href, safe_image_src

# Lane colours under white 11 px labels: each at least 4.5:1 (WCAG AA), here and in the TimelineView.
LANE_COLORS = {"video": "#1d4ed8", "audio": "#047857", "text": "#b45309", "other": "#6d28d9"}
SEGMENT_LABEL_COLOR = "#ffffff"
MUTED_COLOR = "#59636e"
THUMB_MAX_BYTES = 30_000
_BOX = (
    "font-family:system-ui,sans-serif;font-size:13px;border:1px solid #d0d7de;border-radius:8px;"
    "padding:8px 12px;max-width:880px"
)


def draft_of(source: Any) -> dict[str, Any] | None:
    """The draft dict of a draft, a ``Timeline``, a ``State`` or a ``Reply`` (None when there is none)."""
    if source is None or isinstance(source, dict):
        return source or None
    for attr in ("draft", "state", "timeline"):
        inner = getattr(source, attr, None)
        if inner is not None and inner is not source:
            return draft_of(inner)
    return None


def _details(seg: SegmentView) -> dict[str, str]:
    """Short facts for the hover tooltip: source (without its query), fades, position, transition."""
    details: dict[str, str] = {}
    src = seg.source
    if src:
        details["source"] = src.split("?", 1)[0] if is_generated(src) else src.rsplit("/", 1)[-1]
    for label, ms in (
        ("in-point", seg.in_ms),
        ("fade-in", seg.fade_in_ms),
        ("fade-out", seg.fade_out_ms),
    ):
        if ms > 0:
            details[label] = f"{round(ms / 1000, 1):g} s"
    if seg.kind is TrackKind.TEXT and seg.style.raw:
        details["position"] = seg.style.position
    transition = seg.transition
    if transition is not None and transition.get("type"):
        details["transition"] = f"{transition['type']} {seg.transition_ms / 1000:g} s"
    return details


def timeline_data(source: Any) -> dict[str, Any]:
    """Compact JSON for the TimelineView: seconds, one entry per track, display labels resolved."""
    view = DraftView(draft_of(source))
    tracks = []
    end = 0.0
    for index, track in enumerate(view.tracks):
        kind = track.kind.name.lower() if track.kind is not None else "other"
        segments = []
        for seg in track.segments:
            start, dur = seg.start_ms / 1000, seg.duration_ms / 1000
            end = max(end, start + dur)
            volume = seg.volume if seg.volume is not None else (1.0 if kind == "audio" else None)
            segments.append(
                {
                    "id": seg.id,
                    "start": start,
                    "duration": dur,
                    "label": seg.label,
                    "text": seg.text,
                    "volume": volume,
                    "details": _details(seg),
                }
            )
        tracks.append(
            {"id": track.id or str(index), "type": kind, "name": track.name, "segments": segments}
        )
    given = view.given_duration_ms
    meta = view.meta
    return {
        "duration": given / 1000 if given is not None else end,
        "title": meta.title,
        "width": meta.width or 0,
        "height": meta.height or 0,
        "tracks": tracks,
        "colors": dict(LANE_COLORS),
        "label_color": SEGMENT_LABEL_COLOR,
    }


def fmt_time(seconds: float) -> str:
    """``0:03``, ``1:05.5``: the same format as the widgets' ruler."""
    tenths = round(seconds * 10)
    whole, frac = divmod(tenths, 10)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}" + (f".{frac}" if frac else "")


def fmt_elapsed(seconds: float) -> str:
    """A tool's time as its chip shows it: ``42 ms``, ``3.4 s``."""
    if seconds < 0.1:
        return f"{max(1, round(seconds * 1000))} ms"
    return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"


def fmt_size(size: int) -> str:
    """``2.4 MB``, ``380 KB``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def export_summary(title: str, video: Any) -> str:
    """What an export made: ``Exported 'Urban Dreams' · 15 s · 1080p · 2.4 MB``."""
    what = f"'{title}'" if title else "the video"
    parts = [f"Exported {what}"]
    if video.duration:
        seconds = float(video.duration)
        parts.append(f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s")
    if video.width and video.height:
        parts.append(f"{min(video.width, video.height)}p")
    if video.size:
        parts.append(fmt_size(int(video.size)))
    return " · ".join(parts)


def file_entry(text: str, where: Path | str | None) -> dict[str, str]:
    """A line of the chat card that names a file: its text, the file's name and a link to it."""
    if isinstance(where, Path):
        return {"text": text, "name": where.name, "href": file_href(where), "path": str(where)}
    url = where if isinstance(where, str) and where.startswith(("http://", "https://")) else ""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1] if url else ""
    return {"text": text, "name": name, "href": url, "path": url}


_SVG_LABEL_W, _SVG_ROW_H, _SVG_RULER_H, _SVG_HEAD_H = 96, 26, 18, 20
_TICK_STEPS = (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600)


def _tick_step(duration: float, width: float, min_gap: float = 56) -> float:
    if duration <= 0 or width <= 0:
        return 1
    return next((s for s in _TICK_STEPS if s / duration * width >= min_gap), _TICK_STEPS[-1])


def _ruler_labels(duration: float, width: float, step: float) -> list[tuple[float, str, bool]]:
    """(x, text, hangs left) for ruler labels that clear each other by 8 px; the last tick wins."""
    found: list[tuple[float, str, bool, float, float]] = []
    t = 0.0
    while t <= duration + 1e-6 and len(found) < 400:
        x = t / duration * width if duration > 0 else 0.0
        text = fmt_time(t)
        w = len(text) * 6
        right = x + 2 + w > width
        found.append((x, text, right, x - 2 - w if right else x + 2, x - 2 if right else x + 2 + w))
        t += step
    kept: list[tuple[float, str, bool, float, float]] = []
    for label in found:
        if kept and label[3] < kept[-1][4] + 8:
            if label is not found[-1] or len(kept) < 2:
                continue
            kept.pop()
        kept.append(label)
    return [(x, text, right) for x, text, right, _, _ in kept]


def _rows(segments: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each segment with its row in the lane: overlapping segments stack."""
    ends: list[float] = []
    placed = []
    for seg in sorted(segments, key=lambda s: (s["start"], -s["duration"])):
        row = next((i for i, e in enumerate(ends) if e <= seg["start"] + 1e-6), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = seg["start"] + seg["duration"]
        placed.append((seg, row))
    return placed


def _fit(text: str, width: float) -> str:
    """Text cut with an ellipsis to fit ``width`` px at about 6.2 px a character (11 px type)."""
    room = int((width - 12) / 6.2)
    if room <= 0:
        return ""
    return text if len(text) <= room else text[: max(0, room - 1)].rstrip() + "…"


def timeline_svg(data: dict[str, Any], width: int = 880) -> str:
    """The TimelineView's picture as static SVG: lanes, labelled segments, volume bands, the ruler."""
    esc = html.escape
    if not data["tracks"]:
        return "<p><em>The timeline is empty.</em></p>"
    track_w = width - _SVG_LABEL_W - 2
    end = max(
        [
            data["duration"],
            *(s["start"] + s["duration"] for t in data["tracks"] for s in t["segments"]),
        ]
    )
    scale = track_w / end if end > 0 else 0.0
    size = f" · {data['width']}×{data['height']}" if data["width"] and data["height"] else ""
    info = f"{len(data['tracks'])} tracks · {fmt_time(data['duration'])}{size}"
    parts = [
        f'<text x="0" y="14" font-weight="600" fill="#1f2328">{esc(data["title"] or "Timeline")}</text>',
        f'<text x="{width}" y="14" text-anchor="end" fill="{MUTED_COLOR}">{esc(info)}</text>',
    ]
    ruler_y = _SVG_HEAD_H + _SVG_RULER_H
    for x, text, right in _ruler_labels(
        data["duration"], track_w, _tick_step(data["duration"], track_w)
    ):
        tx = _SVG_LABEL_W + x + (-2 if right else 2)
        anchor = ' text-anchor="end"' if right else ""
        parts.append(
            f'<line x1="{_SVG_LABEL_W + x:.1f}" y1="{ruler_y - 5}" x2="{_SVG_LABEL_W + x:.1f}" y2="{ruler_y}" stroke="#d0d7de"/>'
            f'<text x="{tx:.1f}" y="{ruler_y - 7}" font-size="10" fill="{MUTED_COLOR}"{anchor}>{esc(text)}</text>'
        )
    parts.append(
        f'<line x1="{_SVG_LABEL_W}" y1="{ruler_y}" x2="{width}" y2="{ruler_y}" stroke="#d0d7de"/>'
    )
    y = ruler_y
    for track in data["tracks"]:
        placed = _rows(track["segments"])
        rows = max([1, *(row + 1 for _, row in placed)])
        color = data.get("colors", LANE_COLORS).get(track["type"], LANE_COLORS["other"])
        label = _fit(track["name"], _SVG_LABEL_W + 6)
        parts.append(
            f'<text class="nemo-lane-label" x="0" y="{y + 17}" fill="{MUTED_COLOR}">{esc(label)}</text>'
        )
        for seg, row in placed:
            w = min(track_w, max(4.0, seg["duration"] * scale))
            x = _SVG_LABEL_W + max(0.0, min(seg["start"] * scale, track_w - w))
            top = y + row * _SVG_ROW_H + 2
            text = seg["label"] or seg["text"]
            if seg["volume"] is not None:
                text = f"{text} · {round(seg['volume'] * 100)}%"
            parts.append(
                f'<g class="nemo-seg"><title>{esc(text)}</title>'
                f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{_SVG_ROW_H - 4}" rx="4" fill="{color}"/>'
            )
            if seg["volume"] is not None:
                level = max(0.0, min(1.0, seg["volume"])) * w
                parts.append(
                    f'<rect class="nemo-vol" x="{x:.1f}" y="{top + _SVG_ROW_H - 7}" width="{level:.1f}" height="3" fill="{SEGMENT_LABEL_COLOR}" opacity="0.85"/>'
                )
            parts.append(
                f'<text x="{x + 6:.1f}" y="{top + 13}" font-size="11" fill="{SEGMENT_LABEL_COLOR}">{esc(_fit(text, w))}</text></g>'
            )
        y += rows * _SVG_ROW_H + 2
        parts.append(
            f'<line x1="0" y1="{y}" x2="{width}" y2="{y}" stroke="#d0d7de" stroke-dasharray="3 3"/>'
        )
    height = y + 4
    summary = esc(f"{data['title'] or 'Timeline'}: {info}")
    return (
        f'<svg class="nemo-timeline-static" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{summary}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto;font-family:system-ui,sans-serif;font-size:12px;background:#fff">'
        f"{''.join(parts)}</svg>"
    )


def transcript_html(
    prompt: str,
    text: str,
    tools: list[dict[str, Any]],
    changes: list[str],
    error: str = "",
    *,
    session: str = "",
    files: list[dict[str, str]] | None = None,
) -> str:
    """The chat turn as static HTML: the prompt, tool activity, the reply, the change report and
    the files it wrote, each with a link."""
    badge = f" <span style='color:#59636e;font-size:11px'>[{html.escape(session)}]</span>"
    head = f"<strong>{html.escape(prompt)}</strong>{badge if session else ''}"
    parts = [f"<div>{head}</div>"] if prompt else []
    if tools:
        chips = ", ".join(
            f"{html.escape(t['name'])} ({t['status']}, {fmt_elapsed(t['elapsed'])})" for t in tools
        )
        parts.append(f"<div style='color:#59636e;font-size:12px'>tools: {chips}</div>")
    if text:
        paragraphs = (p for p in text.split("\n\n") if p.strip())
        parts.extend(
            f"<p style='white-space:pre-wrap'>{html.escape(p.strip())}</p>" for p in paragraphs
        )
    if changes:
        items = "".join(f"<li>{html.escape(c)}</li>" for c in changes)
        parts.append(f"<ul>{items}</ul>")
    for entry in files or []:
        link = html.escape(entry["name"] or entry["path"])
        if entry["href"]:
            link = f'<a href="{html.escape(entry["href"])}">{link}</a>'
        parts.append(f"<div class='nemo-file'>{html.escape(entry['text'])} → {link}</div>")
    if error:
        parts.append(f"<div style='color:#d32f2f'>{html.escape(error)}</div>")
    return f'<div class="nemo-chat-static" style="{_BOX}">{"".join(parts)}</div>'


def transcript_text(
    prompt: str,
    text: str,
    changes: list[str],
    error: str = "",
    *,
    session: str = "",
    files: list[dict[str, str]] | None = None,
) -> str:
    """The chat turn as plain text, the session name first when there is one."""
    tag = f"[{session}] " if session else ""
    lines = [f"{tag}> {prompt}"] if prompt else []
    lines += [text] if text else []
    lines += [f"- {c}" for c in changes]
    lines += [f"{f['text']} → {f['path']}" for f in files or []]
    lines += [f"error: {error}"] if error else []
    return "\n".join(lines)


def poster_data_uri(
    path: str | os.PathLike[str], *, at: float = 1.0, width: int = 480
) -> str | None:
    """A JPEG thumbnail of the video's frame near ``at`` seconds as a data URI of at most 30 KB."""
    try:
        import av

        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            frame = None
            for frame in container.decode(stream):
                if frame.time is not None and frame.time >= at:
                    break
            if frame is None:
                return None
            image = frame.to_image()
    except Exception:
        return None
    image.thumbnail((width, width))
    for quality in (75, 60, 45, 30):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality)
        if buffer.tell() <= THUMB_MAX_BYTES * 3 // 4:
            return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
    return None


def file_href(path: Path) -> str:
    """A link that works from the notebook's directory when possible."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def frame_size(width: int, height: int, box: tuple[int, int] = (640, 480)) -> tuple[int, int]:
    """The largest size of this shape that fits ``box`` (a 9:16 video stays tall and narrow)."""
    if width <= 0 or height <= 0:
        return box
    scale = min(box[0] / width, box[1] / height)
    return round(width * scale), round(height * scale)


def video_html(
    *,
    path: Path | None,
    url: str | None,
    poster: str | None,
    caption: str = "",
    meta: str = "",
    size: tuple[int, int] = (0, 0),
) -> str:
    """A player sized to the video's shape that loads the file from its link (never its bytes),
    its poster shown until played, and a link to the file."""
    href = file_href(path) if path is not None else (safe_href(url or "") or "")
    poster = safe_image_src(poster) if poster else None
    w, h = frame_size(*size)
    box = f"width:{w}px;max-width:100%;aspect-ratio:{w}/{h};background:#000;border-radius:6px;display:block"
    poster_attr = f' poster="{html.escape(poster)}"' if poster else ""
    if href:
        picture = (
            f'<video controls preload="none"{poster_attr} src="{html.escape(href)}" '
            f'style="{box}"></video>'
        )
    elif poster:
        picture = (
            f'<img src="{html.escape(poster)}" alt="video poster" style="{box};object-fit:contain">'
        )
    else:
        picture = ""
    name = html.escape(path.name if path is not None else (url or ""))
    link = (
        f'<div><a href="{html.escape(href)}">{name}</a> {html.escape(meta)}</div>' if href else ""
    )
    cap = f"<div>{html.escape(caption)}</div>" if caption else ""
    return f'<figure class="nemo-player-static" style="margin:4px 0">{picture}{link}{cap}</figure>'
