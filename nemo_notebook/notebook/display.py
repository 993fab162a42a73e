"""Static fallbacks for the widgets: HTML and plain text that read well on GitHub, in nbconvert and
after a kernel restart, plus the compact timeline JSON the TimelineView draws."""

from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path
from typing import Any

from ..urls import safe_href, safe_image_src

TRACK_TYPES = {0: "video", 1: "audio", 7: "text"}
THUMB_MAX_BYTES = 30_000
_FADES = {"in": "in-point", "fi": "fade-in", "fo": "fade-out"}
_BOX = (
    "font-family:system-ui,sans-serif;font-size:13px;border:1px solid #d0d7de;border-radius:8px;"
    "padding:8px 12px;max-width:880px"
)


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def draft_of(source: Any) -> dict[str, Any] | None:
    """The draft dict of a draft, a ``Timeline``, a ``State`` or a ``Reply`` (None when there is none)."""
    if source is None or isinstance(source, dict):
        return source or None
    for attr in ("draft", "state", "timeline"):
        inner = getattr(source, attr, None)
        if inner is not None and inner is not source:
            return draft_of(inner)
    return None


def _details(seg: dict[str, Any]) -> dict[str, str]:
    """Short facts for the hover tooltip: source (without its query), fades, position, transition."""
    details: dict[str, str] = {}
    src = seg.get("src")
    if isinstance(src, str) and src:
        details["source"] = (
            src.split("?", 1)[0] if src.startswith("gen:") else src.rsplit("/", 1)[-1]
        )
    for key, label in _FADES.items():
        if _num(seg.get(key)) > 0:
            details[label] = f"{round(_num(seg[key]) / 1000, 1):g} s"
    style = seg.get("sty")
    if isinstance(style, dict) and style.get("pos"):
        details["position"] = str(style["pos"])
    transition = seg.get("tr")
    if isinstance(transition, dict) and transition.get("type"):
        details["transition"] = f"{transition['type']} {_num(transition.get('d')) / 1000:g} s"
    return details


def timeline_data(source: Any) -> dict[str, Any]:
    """Compact JSON for the TimelineView: seconds, one entry per track, display labels resolved."""
    draft = draft_of(source) or {}
    meta = draft.get("m") if isinstance(draft.get("m"), dict) else {}
    tracks = []
    end = 0.0
    for index, track in enumerate(t for t in draft.get("t") or [] if isinstance(t, dict)):
        kind = TRACK_TYPES.get(track.get("tt"), "other")  # type: ignore[arg-type]
        segments = []
        for seg in (s for s in track.get("sg") or [] if isinstance(s, dict)):
            start, dur = _num(seg.get("st")) / 1000, _num(seg.get("d")) / 1000
            end = max(end, start + dur)
            vol = seg.get("vol")
            volume = _num(vol) if vol is not None else (1.0 if kind == "audio" else None)
            segments.append(
                {
                    "id": str(seg.get("id") or ""),
                    "start": start,
                    "duration": dur,
                    "label": str(
                        (kind == "text" and seg.get("tx")) or seg.get("n") or seg.get("tx") or ""
                    ),
                    "text": str(seg.get("tx") or ""),
                    "volume": volume,
                    "details": _details(seg),
                }
            )
        name = str(track.get("n") or kind.capitalize())
        tracks.append(
            {"id": str(track.get("id") or index), "type": kind, "name": name, "segments": segments}
        )
    duration = _num(draft.get("d")) / 1000 or end
    return {
        "duration": duration,
        "title": str(meta.get("title") or ""),
        "width": int(_num(meta.get("width"))),
        "height": int(_num(meta.get("height"))),
        "tracks": tracks,
    }


def fmt_time(seconds: float) -> str:
    """``0:03``, ``1:05.5``: the same format as the widgets' ruler."""
    tenths = round(seconds * 10)
    whole, frac = divmod(tenths, 10)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}" + (f".{frac}" if frac else "")


def timeline_table_html(data: dict[str, Any]) -> str:
    """The timeline as an HTML table: track, type, segment, span, volume or text."""
    if not data["tracks"]:
        return "<p><em>The timeline is empty.</em></p>"
    rows = []
    for track in data["tracks"]:
        for seg in track["segments"]:
            span = f"{fmt_time(seg['start'])}–{fmt_time(seg['start'] + seg['duration'])}"
            extra = f"{round(seg['volume'] * 100)}%" if seg["volume"] is not None else seg["text"]
            cells = (track["name"], track["type"], seg["label"] or seg["text"], span, extra)
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
            )
    head = "".join(f"<th>{h}</th>" for h in ("track", "type", "segment", "time", "volume / text"))
    title = html.escape(data["title"] or "Timeline")
    caption = f"<caption>{title} · {fmt_time(data['duration'])}</caption>"
    return f'<table class="nemo-timeline-static">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def transcript_html(
    prompt: str,
    text: str,
    tools: list[dict[str, Any]],
    changes: list[str],
    error: str = "",
    *,
    session: str = "",
) -> str:
    """The chat turn as static HTML: the prompt, tool activity, the reply and the change report."""
    badge = f" <span style='color:#59636e;font-size:11px'>[{html.escape(session)}]</span>"
    head = f"<strong>{html.escape(prompt)}</strong>{badge if session else ''}"
    parts = [f"<div>{head}</div>"] if prompt else []
    if tools:
        chips = ", ".join(
            f"{html.escape(t['name'])} ({t['status']}, {t['elapsed']:.1f} s)" for t in tools
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
    if error:
        parts.append(f"<div style='color:#d32f2f'>{html.escape(error)}</div>")
    return f'<div class="nemo-chat-static" style="{_BOX}">{"".join(parts)}</div>'


def transcript_text(
    prompt: str, text: str, changes: list[str], error: str = "", *, session: str = ""
) -> str:
    """The chat turn as plain text, the session name first when there is one."""
    tag = f"[{session}] " if session else ""
    lines = [f"{tag}> {prompt}"] if prompt else []
    lines += [text] if text else []
    lines += [f"- {c}" for c in changes]
    lines += [f"error: {error}"] if error else []
    return "\n".join(lines)


def poster_data_uri(
    path: str | os.PathLike[str], *, at: float = 1.0, width: int = 320
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


def video_html(
    *, path: Path | None, url: str | None, poster: str | None, caption: str = "", meta: str = ""
) -> str:
    """Poster image and a link to the file (never the video bytes)."""
    href = file_href(path) if path is not None else (safe_href(url or "") or "")
    poster = safe_image_src(poster) if poster else None
    image = (
        f'<img src="{html.escape(poster)}" alt="video poster" style="max-width:320px;border-radius:6px;display:block">'
        if poster
        else ""
    )
    if href:
        image = f'<a href="{html.escape(href)}">{image or "open video"}</a>'
    name = html.escape(path.name if path is not None else (url or ""))
    link = (
        f'<div><a href="{html.escape(href)}">{name}</a> {html.escape(meta)}</div>' if href else ""
    )
    cap = f"<div>{html.escape(caption)}</div>" if caption else ""
    return f'<figure class="nemo-player-static" style="margin:4px 0">{image}{link}{cap}</figure>'
