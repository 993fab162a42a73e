"""Entry point: one message and the current draft in, one turn of cloud-style events and a new draft out."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from nemo_notebook.draft import TrackKind, set_canvas

from . import edit_state, ordinals, scenes, vocab
from .edits import apply_edits
from .events import AgentEvent, AgentTurn
from .intent import explicit_seed, extract_quotes, message_seed, parse, resolve_language
from .planner import Report, generate_promo, generate_scenes
from .replies import join, limitation, say, sentences, span
from .words import first_value, has_any, normalise, prepare

_GENERATE = (
    "generate",
    "create",
    "make a",
    "make an",
    "make me",
    "produce",
    "render a",
    "new video",
    "build a",
    "生成",
    "制作",
    "做一个",
    "做一段",
    "创建",
    "crea",
    "genera",
    "haz un",
    "haz una",
    "hazme",
    "作成",
    "作って",
)
_VIDEO = (
    "video",
    "clip",
    "intro",
    "outro",
    "teaser",
    "trailer",
    "promo",
    "slideshow",
    "animation",
    "reel",
    "ad",
    "film",
    "视频",
    "短片",
    "影片",
    "宣传片",
    "广告",
    "vídeo",
    "anuncio",
    "動画",
    "ムービー",
    "クリップ",
)

_THIS_VIDEO = (
    "version",
    "this video",
    "the video",
    "same video",
    "this clip",
    "这个视频",
    "este vídeo",
    "este video",
    "この動画",
)
_EDIT_WORDS = (
    *vocab.REMOVE_WORDS,
    *vocab.MUSIC_WORDS,
    *vocab.REGENERATE_WORDS,
    *ordinals.ITEM_WORDS,
    "louder",
    "quieter",
    "trim",
    "shorten",
    "extend",
    "longer",
    "shorter",
    "title",
    "caption",
    "swap",
    "move",
    "change",
    "volume",
    "标题",
    "字幕",
    "音量",
    "título",
    "volumen",
    "タイトル",
    "音量",
)


class _Calls:
    """Deterministic tool-call ids for one turn."""

    def __init__(self, message: str, seed: int) -> None:
        self._stem = hashlib.sha256(f"{normalise(message)}|{seed}".encode()).hexdigest()[:10]
        self._count = 0

    def pair(self, name: str, args: dict[str, Any], response: dict[str, Any]) -> list[AgentEvent]:
        """A call and its result, sharing an id."""
        self._count += 1
        call_id = f"call_{self._stem}_{self._count}"
        return [
            AgentEvent("call", name=name, args=args, id=call_id),
            AgentEvent("result", name=name, response=response, id=call_id),
        ]


def plan_turn(
    message: str,
    draft: dict[str, Any] | None,
    *,
    assets: list[dict[str, Any]],
    language: str | None = None,
    seed: int | None = None,
    aspect: str | None = None,
    resolution: str | None = None,
    duration_s: float | None = None,
) -> AgentTurn:
    """Plan the reply to ``message`` given the current ``draft`` and the session's uploads (in upload order).

    ``aspect``, ``resolution`` and ``duration_s`` are request options: given, they win over what the
    words say; not given (None), the words and then the draft decide.
    """
    lang = resolve_language(language, message)
    text = normalise(extract_quotes(message)[1])
    turn_seed = explicit_seed(text)
    if turn_seed is None:
        turn_seed = seed if seed is not None else message_seed(message)
    limit = first_value(text, vocab.LIMITS)
    if limit is not None:
        return _reply(limitation(lang, limit), lang)
    if _asks_for_help(text):
        return _reply(say(lang, "capabilities"), lang)
    if draft is None or _wants_new_video(text):
        options = {"aspect": aspect, "res": resolution, "duration_s": duration_s}
        given = {key: value for key, value in options.items() if value is not None}
        return _generate(message, text, draft, assets, lang, turn_seed, given)
    turn = _edit(message, draft, assets, lang, turn_seed)
    if turn.draft is not None and (aspect or resolution):
        set_canvas(turn.draft, aspect, resolution)
    return turn


def _wants_new_video(text: str) -> bool:
    """A request for another video ("create a 10 second clip of…"), not a change to this one."""
    if not (has_any(text, _GENERATE) and has_any(text, _VIDEO)) or has_any(text, _THIS_VIDEO):
        return False
    intent = parse(text)
    scene_words = any(s.tod or s.land or s.fx for s in intent.scenes)
    return (
        scene_words
        or intent.duration_s is not None
        or has_any(text, vocab.UPLOAD_WORDS + vocab.PROMO_WORDS)
    )


def _reply(text: str, lang: str) -> AgentTurn:
    return AgentTurn([AgentEvent("text", text=text)], None, "none", lang)


def _asks_for_help(text: str) -> bool:
    if not has_any(text, vocab.HELP_WORDS):
        return False
    intent = parse(text)
    return intent.duration_s is None and not any(s.tod or s.land or s.fx for s in intent.scenes)


def _generate(
    message: str,
    text: str,
    draft: dict[str, Any] | None,
    assets: list[dict[str, Any]],
    lang: str,
    seed: int,
    options: dict[str, Any],
) -> AgentTurn:
    intent = replace(parse(message), **options)
    scene_words = any(s.tod or s.land or s.fx for s in intent.scenes)
    visuals = [a for a in assets if a.get("file_type") in ("image", "video")]
    mentions_uploads = has_any(text, vocab.UPLOAD_WORDS)
    if mentions_uploads and not visuals and not scene_words:
        return _reply(say(lang, "no_uploads"), lang)
    if draft is None and not _sounds_like_request(text, intent, scene_words, mentions_uploads):
        key = "nothing_to_edit" if has_any(text, _EDIT_WORDS) else "capabilities"
        return _reply(say(lang, key), lang)
    if visuals and (mentions_uploads or not scene_words):
        report = generate_promo(intent, message, lang, seed, assets)
    else:
        report = generate_scenes(intent, message, lang, seed)
    return AgentTurn(
        _generation_events(report, message, lang, seed, assets), report.draft, "generate", lang
    )


def _sounds_like_request(text: str, intent: Any, scene_words: bool, mentions_uploads: bool) -> bool:
    return bool(
        scene_words
        or mentions_uploads
        or intent.duration_s is not None
        or has_any(text, _GENERATE)
        or has_any(text, _VIDEO)
        or has_any(text, vocab.PROMO_WORDS)
    )


def _generation_events(
    report: Report, message: str, lang: str, seed: int, assets: list[dict[str, Any]]
) -> list[AgentEvent]:
    calls = _Calls(message, seed)
    total = report.draft["d"]
    events = [AgentEvent("text", text=report.ack)]
    if report.analyzed is not None:
        files = [a.get("filename") or a.get("url") for a in assets]
        events += calls.pair("analyze_media", {"files": files}, report.analyzed)
    events += calls.pair("generate_video", report.video_args, report.video_result)

    events.append(
        AgentEvent(
            "text", text=say(lang, "stage_video", desc=report.desc, span=span(lang, 0, total))
        )
    )
    if report.music_item is not None:
        music = report.draft["t"][[t["tt"] for t in report.draft["t"]].index(TrackKind.AUDIO)][
            "sg"
        ][0]
        response = {
            "segment": music["id"],
            "duration_ms": music["d"],
            "volume": music["vol"],
            "src": music["src"],
        }
        events += calls.pair("generate_music", report.music_args, response)
        events.append(AgentEvent("text", text=say(lang, "stage_music", music=report.music_item)))
    if report.text_items:
        texts = [s["tx"] for t in report.draft["t"] if t["tt"] == TrackKind.TEXT for s in t["sg"]]
        events += calls.pair(
            "edit_multitrack",
            {"action": "add_text", "texts": texts},
            {"added": len(texts), "duration_ms": total},
        )
    items = [
        report.video_item,
        *([report.music_item] if report.music_item else []),
        *report.text_items,
        *report.fade_items,
    ]
    events.append(AgentEvent("text", text=sentences(lang, [join(lang, items), *report.notes])))
    return events


def _edit(
    message: str, draft: dict[str, Any], assets: list[dict[str, Any]], lang: str, seed: int
) -> AgentTurn:
    edit = apply_edits(message, draft, assets=assets, lang=lang)
    if not edit.changes:
        if edit.misses:
            return _reply(sentences(lang, edit.misses), lang)
        key = "export" if has_any(normalise(message), vocab.EXPORT_WORDS) else "not_understood"
        text = say(lang, key)
        return _reply(text, lang)
    calls = _Calls(message, seed)
    new = edit.draft
    events = [AgentEvent("text", text=say(lang, "ack_edit"))]
    if "regenerate" in edit.ops:
        scenes = [s for t in new["t"] if t.get("tt") == TrackKind.VIDEO for s in t.get("sg", [])]
        events += calls.pair(
            "generate_video",
            {"seed": new["m"]["seed"], "regenerate": True},
            {"segments": len(scenes), "duration_ms": new["d"]},
        )
    others = [op for op in edit.ops if op != "regenerate"]
    if others:
        count = sum(len(t.get("sg", [])) for t in new["t"])
        events += calls.pair(
            "edit_multitrack",
            {"operations": others, "instruction": message[:200]},
            {
                "changes": len(edit.changes),
                "duration_ms": new["d"],
                "tracks": len(new["t"]),
                "segments": count,
            },
        )
    summary = say(lang, "updated", items=join(lang, edit.changes))
    events.append(AgentEvent("text", text=sentences(lang, [summary, *edit.misses])))
    return AgentTurn(events, new, "edit", lang)


prepare(
    *(
        getattr(vocab, n)
        for n in dir(vocab)
        if n.isupper() and isinstance(getattr(vocab, n), tuple)
    ),
    *(
        getattr(edit_state, n)
        for n in dir(edit_state)
        if n.isupper() and isinstance(getattr(edit_state, n), tuple)
    ),
    *(words for words, _ in scenes.SUBJECT_HINTS),
    ordinals.ITEM_WORDS,
    _GENERATE,
    _VIDEO,
)
