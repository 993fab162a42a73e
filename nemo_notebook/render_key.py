"""What decides a render's bytes: the draft without the keys no renderer reads, as canonical JSON.

The draft is first normalised (``draft.normalise``), so drafts that clamp to the same one share a
key. The backend's render cache and the client's export cache both key on ``render_digest``, so an
unchanged draft is never rendered (or downloaded) twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

from .draft import (
    KEY_META,
    KEY_NAME,
    KEY_SEGMENTS,
    KEY_SOURCE,
    KEY_TRACKS,
    DraftError,
    normalise,
)

# The only keys of ``m`` that change a rendered frame or sound; title, prompt, lang and the like
# are for people and for the agent.
OUTPUT_META_KEYS = ("aspect", "width", "height", "fps", "seed")
# Segment keys that only label a segment.
LABEL_KEYS = (KEY_NAME,)


def _source(src: Any) -> Any:
    """An uploaded asset's URL as its path: the renderer finds the file by path, whatever the host."""
    if isinstance(src, str) and src.startswith(("http://", "https://")):
        return urlsplit(src).path
    return src


def output_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``draft``, brought inside its limits (``draft.normalise``), holding only what
    reaches the rendered file."""
    with contextlib.suppress(DraftError):
        draft = normalise(draft)
    given = draft.get(KEY_META)
    meta: dict[str, Any] = given if isinstance(given, dict) else {}
    out: dict[str, Any] = {k: v for k, v in draft.items() if k not in (KEY_META, KEY_TRACKS)}
    out[KEY_META] = {k: meta[k] for k in OUTPUT_META_KEYS if k in meta}
    tracks = []
    for track in draft.get(KEY_TRACKS) or []:
        if not isinstance(track, dict):
            continue
        segments = []
        for seg in track.get(KEY_SEGMENTS) or []:
            if isinstance(seg, dict):
                seg = {k: v for k, v in seg.items() if k not in LABEL_KEYS}
                if KEY_SOURCE in seg:
                    seg[KEY_SOURCE] = _source(seg[KEY_SOURCE])
            segments.append(seg)
        tracks.append({**track, KEY_SEGMENTS: segments})
    out[KEY_TRACKS] = tracks
    return out


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, Unicode as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def render_digest(draft: dict[str, Any], *parts: str) -> str:
    """A hex digest of the output-deciding draft and the render's other inputs (``parts``)."""
    text = canonical_json([list(parts), output_draft(draft)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
