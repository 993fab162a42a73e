"""Building a new draft from a generation request: generated scenes, or a promo from the uploads."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from nemo_notebook.draft import (
    DEFAULT_ASPECT,
    DEFAULT_RESOLUTION,
    KEY_HEIGHT,
    KEY_ID,
    KEY_META,
    KEY_WIDTH,
    DraftView,
    SegmentView,
    TrackKind,
    TrackView,
)

from . import draft as dr
from . import lang as languages
from . import ordinals, vocab
from .fades import apply_fades
from .intent import Intent
from .read_edit import TITLE, read_fades, text_timing
from .replies import list_join, music_phrase, name, say, seconds, span
from .scenes import complete, label
from .words import first_value, has_any

MIN_MS, MAX_MS, DEFAULT_MS = 1000, 300_000, 15_000
_DESCRIPTION = languages.either("DESCRIPTION", re.IGNORECASE | re.DOTALL)
# "…from my product images: Handmade mugs. Order today!" (a colon not inside "16:9" or "10:30")
_AFTER_COLON = re.compile(r"(?<!\d)[:：]\s*(\S.+)$", re.DOTALL)
_NAME = languages.either("NAMED")
_PHRASE_END = re.compile(r"[.!?;。！？；\n]+")
_REVERSE_ORDER = languages.group("REVERSE_ORDER")
_START_WITH = languages.group("START_WITH")


@dataclass
class Report:
    """What a generation did, for the events and texts of the turn."""

    ack: str
    draft: dr.Draft
    desc: str
    video_args: dict[str, Any]
    video_result: dict[str, Any]
    music_item: str | None = None
    music_args: dict[str, Any] = field(default_factory=dict)
    text_items: list[str] = field(default_factory=list)
    fade_items: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    analyzed: dict[str, Any] | None = None


def _add_fades(report: Report, intent: Intent, lang: str) -> None:
    """Fades from or to black asked for in the request, named in the summary."""
    for key, values in apply_fades(report.draft, read_fades(intent.text)):
        extra = {"sec": seconds(lang, values["ms"])} if "ms" in values else {}
        report.fade_items.append(say(lang, key, **extra))


def target_ms(intent: Intent, lang: str, notes: list[str]) -> int:
    """The asked duration in ms (default 15 s), clamped to 1–300 s with a note when clamped."""
    if intent.duration_s is None:
        return DEFAULT_MS
    wanted = round(intent.duration_s * 1000)
    clamped = max(MIN_MS, min(MAX_MS, wanted))
    if clamped != wanted:
        notes.append(say(lang, "note_clamped", dur=seconds(lang, clamped)))
    return clamped


def default_mood(text: str, tods: list[str], fx: list[str], promo: bool) -> str:
    """A mood that suits the scene when the words don't name one."""
    if promo:
        return "corporate" if has_any(text, vocab.CORPORATE_HINTS) else "upbeat"
    if "fireworks" in fx:
        return "celebratory"
    if tods and tods[0] == "night":
        return "lofi"
    return "calm" if tods and tods[0] in ("sunset", "dawn") else "ambient"


def generate_scenes(intent: Intent, message: str, lang: str, seed: int) -> Report:
    """A draft of one or more generated scenes with music and texts as asked."""
    notes: list[str] = []
    total = target_ms(intent, lang, notes)
    aspect, res = intent.aspect or DEFAULT_ASPECT, intent.res or DEFAULT_RESOLUTION
    fulls = [complete(scene, intent.text, seed + i) for i, scene in enumerate(intent.scenes)]
    labels = [label(lang, scene, full) for scene, full in zip(intent.scenes, fulls, strict=True)]
    title = _title_text(intent) or labels[0][:1].upper() + labels[0][1:]
    draft = dr.new_draft(
        d=total, title=title, prompt=message, seed=seed, aspect=aspect, res=res, lang=lang
    )
    video = TrackView(dr.track(draft, "trk_v1", TrackKind.VIDEO, "Video"))
    palette = first_value(intent.text, vocab.PALETTE) or ""
    if palette and palette != "natural":
        labels = [list_join(lang, [text, name(lang, "palette", palette)]) for text in labels]
    for i, (full, text, d) in enumerate(
        zip(fulls, labels, dr.split_ms(total, [1.0] * len(fulls)), strict=True)
    ):
        src = dr.scene_src(
            tod=full.tod,
            land=full.land,
            fx=list(full.fx),
            motion=full.motion,
            seed=seed + i,
            palette=palette,
        )
        video.append({"id": dr.new_id(draft), "st": 0, "d": d, "n": text, "src": src, "in": 0})
    dr.lay_out(video.segment_dicts)
    if len(fulls) == 1 and fulls[0].invented:
        notes.append(say(lang, "note_default_scene", desc=labels[0]))
    desc = " → ".join(labels)
    scenes_text = " · ".join(
        say(lang, "item_scene", desc=s.name, span=span(lang, s.start_ms, s.duration_ms))
        for s in video.segments
    )
    report = Report(
        ack=say(
            lang,
            "ack_generate",
            dur=seconds(lang, total),
            aspect=aspect,
            desc=scenes_text if len(fulls) > 1 else desc,
        ),
        draft=draft,
        desc=desc,
        video_args={
            "prompt": desc,
            "duration_s": total / 1000,
            "aspect": aspect,
            "resolution": res,
            "scenes": len(fulls),
            "seed": seed,
        },
        video_result=_video_result(draft, len(fulls), total),
        notes=notes,
    )
    promo = has_any(intent.text, vocab.PROMO_WORDS)
    tods, effects = [f.tod for f in fulls], [x for f in fulls for x in f.fx]
    mood = intent.mood or default_mood(intent.text, tods, effects, promo)
    _add_music(report, intent, mood, seed, lang, None)
    _add_texts(report, intent, lang)
    _add_fades(report, intent, lang)
    return report


def generate_promo(
    intent: Intent, message: str, lang: str, seed: int, assets: list[dict[str, Any]]
) -> Report:
    """A promo: the uploads as a Ken Burns slideshow with a title, captions and upbeat music."""
    notes: list[str] = []
    total = target_ms(intent, lang, notes)
    aspect, res = intent.aspect or DEFAULT_ASPECT, intent.res or DEFAULT_RESOLUTION
    visuals = _ordered([a for a in assets if a.get("file_type") in ("image", "video")], intent.text)
    songs = [a for a in assets if a.get("file_type") == "audio"]
    description = _description(message)
    phrases = _phrases(description) if description else []
    title = (
        _title_text(intent)
        or _product_name(message)
        or _short_title(phrases)
        or say(lang, "default_title")
    )
    if phrases and phrases[0] == title:
        phrases = phrases[1:]
    phrases = [q.text for q in intent.quotes if q.role == "caption"] or phrases
    draft = dr.new_draft(
        d=total, title=title, prompt=message, seed=seed, aspect=aspect, res=res, lang=lang
    )
    video = TrackView(dr.track(draft, "trk_v1", TrackKind.VIDEO, "Video"))
    for d, (i, asset) in zip(
        dr.slideshow_durations(visuals, total), enumerate(visuals), strict=True
    ):
        video.append(_asset_segment(draft, asset, i, d))
    dr.lay_out(video.segment_dicts)
    shown = int(sum(s.duration_ms for s in video.segments))
    if shown != total:
        notes.append(say(lang, "note_clips_short", dur=seconds(lang, shown)))
        DraftView(draft).set_duration_ms(shown)
        total = shown
    report = Report(
        ack=say(lang, "ack_promo", dur=seconds(lang, total), aspect=aspect, count=len(visuals)),
        draft=draft,
        desc=say(lang, "desc_slideshow", count=len(visuals)),
        video_args={
            "prompt": title,
            "duration_s": total / 1000,
            "aspect": aspect,
            "resolution": res,
            "source": "uploads",
            "items": len(visuals),
        },
        video_result=_video_result(draft, len(visuals), total),
        notes=notes,
        analyzed={
            "images": sum(a.get("file_type") == "image" for a in assets),
            "videos": sum(a.get("file_type") == "video" for a in assets),
            "audio": len(songs),
        },
    )
    _add_music(
        report,
        intent,
        intent.mood or default_mood(intent.text, [], [], True),
        seed,
        lang,
        songs[0] if songs else None,
    )
    _add_texts(report, intent, lang, title=title, caption=False)
    _add_fades(report, intent, lang)
    _add_captions(report, phrases, lang)
    return report


def _video_result(draft: dr.Draft, segments: int, total: int) -> dict[str, Any]:
    """What ``generate_video`` reports back: how many segments, how long, how big."""
    return {
        "segments": segments,
        "duration_ms": total,
        "width": draft[KEY_META][KEY_WIDTH],
        "height": draft[KEY_META][KEY_HEIGHT],
    }


def _asset_segment(draft: dr.Draft, asset: dict[str, Any], index: int, d: int) -> dr.Segment:
    seg: dr.Segment = {
        "id": dr.new_id(draft),
        "st": 0,
        "d": d,
        "n": asset.get("filename") or say("en", "upload_label", index=index + 1),
        "src": asset["url"],
        "fit": "cover",
    }
    if asset.get("file_type") == "image":
        SegmentView(seg).motion = dr.kenburns(index)
    else:
        SegmentView(seg).in_ms = 0
    return seg


def _ordered(visuals: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Upload order, unless the words ask to reverse it or start with a given one."""
    if has_any(text, _REVERSE_ORDER):
        return visuals[::-1]
    marks = ordinals.find(text) if has_any(text, _START_WITH) else []
    start = ordinals.resolve(marks[0][1], len(visuals)) if marks else None
    return visuals[start:] + visuals[:start] if start else visuals


def _description(message: str) -> str | None:
    text = unicodedata.normalize("NFKC", message)
    if m := _DESCRIPTION.search(text):
        return languages.first_group(m).strip()
    if text.strip() and (m := _AFTER_COLON.search(text.splitlines()[0])):
        return text[m.start(1) :].strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[1:]) if len(lines) > 1 else None


def _phrases(description: str) -> list[str]:
    """Short caption phrases from a description: sentences, and long sentences split at commas."""
    out: list[str] = []
    for sentence in _PHRASE_END.split(description):
        parts = [sentence] if len(sentence.split()) <= 8 else re.split(r"[,，、]", sentence)
        out.extend(_shorten(p.strip(" ,，、\"'")) for p in parts if p.strip(" ,，、\"'"))
    return out


def _shorten(text: str, limit: int = 48) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,") + "…"


def _short_title(phrases: list[str]) -> str | None:
    return (
        phrases[0] if phrases and len(phrases[0].split()) <= 5 and len(phrases[0]) <= 32 else None
    )


def _product_name(message: str) -> str | None:
    m = _NAME.search(message)
    return languages.first_group(m) if m else None


def _title_text(intent: Intent) -> str | None:
    return next((q.text for q in intent.quotes if q.role == "title"), None)


def _add_music(
    report: Report, intent: Intent, mood: str, seed: int, lang: str, song: dict[str, Any] | None
) -> None:
    if intent.music is False:
        return
    draft, total = report.draft, int(DraftView(report.draft).duration_ms)
    audio = TrackView(dr.track(draft, "trk_a1", TrackKind.AUDIO, "BGM"))
    vol = music_level(intent.text)
    if song is not None:
        d = min(total, int(song.get("duration") or total))
        name_ = song.get("filename") or say("en", "upload_label", index=1)
        audio.append(dr.music_segment(dr.new_id(draft), src=song["url"], label=name_, d=d, vol=vol))
        report.music_item = say(
            lang, "item_song", name=name_, vol=round(vol * 100), span=span(lang, 0, d)
        )
        report.music_args = {"source": "upload", "file": name_, "duration_s": d / 1000}
        return
    label_ = say(lang, "music_label", mood=name(lang, "mood", mood))
    src = dr.music_src(mood, seed)
    audio.append(dr.music_segment(dr.new_id(draft), src=src, label=label_, d=total, vol=vol))
    report.music_item = music_phrase(lang, mood, vol, 0, total)
    report.music_args = {"mood": mood, "duration_s": total / 1000, "seed": seed}


_QUIET = languages.either("QUIET_MUSIC")
_LOUD = languages.either("LOUD_MUSIC")
_LEVEL = languages.either("MUSIC_LEVEL")


def music_level(text: str) -> float:
    """The music volume a request asks for: "at 20%", "quiet music", "loud music", else 35 %."""
    if m := _LEVEL.search(text):
        return max(0.05, min(1.0, int(languages.first_group(m)) / 100))
    if _QUIET.search(text):
        return 0.2
    if _LOUD.search(text):
        return 0.5
    return dr.MUSIC_VOLUME


def _title_timing(text: str, total: int) -> tuple[int, int]:
    """The title's start and length: as asked ("appearing at 3 seconds", "for 5 seconds"), else
    the studio's opening span; always inside the video."""
    st, d = dr.title_span(total)
    timing = text_timing(text)
    if not has_any(text, TITLE) or timing is None:
        return st, d
    start, length = timing
    st = round(start * 1000) if start is not None else st
    d = round(length * 1000) if length is not None else d
    return dr.fit_span(st, d, total, 1000)


def _add_texts(
    report: Report, intent: Intent, lang: str, title: str | None = None, caption: bool = True
) -> None:
    draft, total = report.draft, int(DraftView(report.draft).duration_ms)
    title = title or _title_text(intent)
    if title:
        st, d = _title_timing(intent.text, total)
        pos = first_value(intent.text, vocab.POSITIONS) or "top-center"
        seg = dr.text_segment(dr.new_id(draft), text=title, role="title", pos=pos, st=st, d=d)
        TrackView(dr.track(draft, "trk_t1", TrackKind.TEXT, "Title")).append(seg)
        report.text_items.append(say(lang, "item_title", text=title, span=span(lang, st, d)))
    captions = [q.text for q in intent.quotes if q.role == "caption"]
    if captions and caption:
        seg = dr.text_segment(
            dr.new_id(draft), text=captions[0], role="caption", pos="bottom-center", st=0, d=total
        )
        TrackView(dr.track(draft, "trk_t2", TrackKind.TEXT, "Captions")).append(seg)
        report.text_items.append(
            say(lang, "item_caption", text=captions[0], span=span(lang, 0, total))
        )


def _add_captions(report: Report, phrases: list[str], lang: str) -> None:
    draft = report.draft
    photos = dr.video_segments(draft)
    made = 0
    for phrase, photo in zip(phrases, photos, strict=False):
        st, d = dr.caption_span(photo)
        seg = dr.text_segment(
            dr.new_id(draft), text=phrase, role="caption", pos="bottom-center", st=st, d=d
        )
        seg["ref"] = photo[KEY_ID]
        TrackView(dr.track(draft, "trk_t2", TrackKind.TEXT, "Captions")).append(seg)
        made += 1
    if made:
        report.text_items.append(say(lang, "item_captions", count=made))
