"""Entry point: one message and the current draft in, one turn of cloud-style events and a new draft out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nemo_notebook.draft import DEFAULT_ASPECT, KEY_ASPECT, KEY_META, DraftView, TrackKind, exact

from . import draft as dr
from . import history, lang, ordinals, read_edit, scenes, vocab
from .edits import apply_edits
from .events import AgentEvent, AgentTurn
from .intent import explicit_seed, message_seed, parse, parse_scene, resolve_language
from .lang import words as lang_words
from .planner import Report, generate_promo, generate_scenes
from .replies import changed, describe_scene, details, limitation, say, seconds, sentences
from .request import Request, prepare, read
from .words import has_any, normalise
from .words import prepare as warm

_GENERATE = lang.group("GENERATE")
_VIDEO = lang.group("VIDEO")

_THIS_VIDEO = lang.group("THIS_VIDEO")
_EDIT_WORDS = (
    *vocab.REMOVE_WORDS,
    *vocab.MUSIC_WORDS,
    *vocab.REGENERATE_WORDS,
    *ordinals.ITEM_WORDS,
    *lang.group("EDIT_HINTS"),
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


@dataclass
class Turn:
    """One turn's inputs, with the message read once into ``request``."""

    request: Request
    draft: dict[str, Any] | None
    assets: list[dict[str, Any]]
    history: list[dict[str, Any]]
    seed: int
    options: dict[str, Any]

    @property
    def lang(self) -> str:
        return self.request.lang

    @property
    def message(self) -> str:
        return self.request.message


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
    history: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> AgentTurn:
    """Plan the reply to ``message`` given the current ``draft``, the session's uploads (in upload order)
    and, for undo and redo, the session's versions (oldest first, ``{"version", "draft", "message"}``).

    ``aspect``, ``resolution`` and ``duration_s`` are request options: given, they win over what the words
    say (a new video gets them; a changed one gets the frame); not given, the words and then the draft
    decide. Other keyword options are accepted and ignored.
    """
    lang = resolve_language(language, message)
    request = read(prepare(message, lang), lang)
    turn_seed = explicit_seed(request.text)
    if turn_seed is None:
        turn_seed = seed if seed is not None else message_seed(message)
    if request.intent == "edit":
        request.intent = _classify(request, draft)
    options = {"aspect": aspect, "resolution": resolution, "duration_s": duration_s}
    given = {key: value for key, value in options.items() if value is not None}
    state = Turn(request, draft, assets, list(history or []), turn_seed, given)
    return INTENTS[request.intent](state)


def _classify(request: Request, draft: dict[str, Any] | None) -> str:
    """Help, a new video, or a change to this one, for a request that is none of the other intents."""
    if _asks_for_help(request.text):
        return "help"
    if draft is None or _wants_new_video(request.text):
        return "generate"
    return "edit"


def _refuse(t: Turn) -> AgentTurn:
    key, detail = t.request.refusal or "footage", t.request.refusal_detail
    text = limitation(t.lang, key, res=detail or "4K", name=detail)
    scene = parse_scene(t.request.text) if key == "footage" else None
    if scene is not None and (scene.land or scene.tod):
        desc = describe_scene(t.lang, scene.tod or "day", scene.land or "city", list(scene.fx))
        text = sentences(t.lang, [text, say(t.lang, "nearest_scene", desc=desc)])
    return _reply(text, t.lang)


def _help(t: Turn) -> AgentTurn:
    return _reply(say(t.lang, "capabilities"), t.lang)


def _restored(t: Turn, found: history.Restore | None, missing: str) -> AgentTurn:
    if found is None or t.draft is None:
        return _reply(say(t.lang, missing), t.lang)
    d = found.draft
    meta = d.get(KEY_META, {})
    length = exact(DraftView(d).given_duration_ms or 0)
    desc = f"{seconds(t.lang, int(length))} · {meta.get(KEY_ASPECT, DEFAULT_ASPECT)}"
    calls = _Calls(t.message, t.seed)
    events = calls.pair(
        "edit_multitrack",
        {"operations": ["restore"], "version": found.version},
        {"restored": found.version, "from": found.current, "duration_ms": length},
    )
    text = say(t.lang, "restored", version=found.version, desc=desc)
    return AgentTurn(
        [*events, AgentEvent("text", text=sentences(t.lang, [text]))], d, "edit", t.lang
    )


def _undo(t: Turn) -> AgentTurn:
    return _restored(t, history.undo(t.history, t.request.steps), "nothing_to_undo")


def _redo(t: Turn) -> AgentTurn:
    return _restored(t, history.redo(t.history), "nothing_to_redo")


def _restore(t: Turn) -> AgentTurn:
    return _restored(t, history.find(t.history, t.request.version or "original"), "no_such_version")


def _generate_turn(t: Turn) -> AgentTurn:
    return _generate(t.request, t.draft, t.assets, t.seed, t.options)


def _edit_turn(t: Turn) -> AgentTurn:
    assert t.draft is not None
    turn = _edit(t.request, t.draft, t.assets, t.seed)
    if turn.draft is not None and ("aspect" in t.options or "resolution" in t.options):
        dr.set_canvas(turn.draft, t.options.get("aspect"), t.options.get("resolution"))
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
    request: Request,
    draft: dict[str, Any] | None,
    assets: list[dict[str, Any]],
    seed: int,
    options: dict[str, Any],
) -> AgentTurn:
    message, text, lang = request.message, request.text, request.lang
    # What the words switch off is not a scene ("no rain", "BGMはなしで") and never part of a label.
    strip = (
        *(lang_words("NO_TEXT") if request.no_text else ()),
        *request.off_phrases,
        *request.rejected,
    )
    intent = parse(message, strip)
    if request.music_off:
        intent.music, intent.mood = False, None
    intent.aspect = options.get("aspect") or intent.aspect
    intent.res = options.get("resolution") or intent.res
    if isinstance(options.get("duration_s"), int | float):
        intent.duration_s = float(options["duration_s"])
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
    if request.no_text:
        report.text_items.clear()
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
    view = DraftView(report.draft)
    total = exact(view.duration_ms)
    events: list[AgentEvent] = []
    if report.analyzed is not None:
        files = [a.get("filename") or a.get("url") for a in assets]
        events += calls.pair("analyze_media", {"files": files}, report.analyzed)
    events += calls.pair("generate_video", report.video_args, report.video_result)
    if report.music_item is not None:
        music = view.tracks_of(TrackKind.AUDIO)[0].segments[0]
        response = {
            "segment": music.id,
            "duration_ms": exact(music.duration_ms),
            "volume": music.volume,
            "src": music.source,
        }
        events += calls.pair("generate_music", report.music_args, response)
    if report.text_items:
        texts = [s.text for t in view.tracks_of(TrackKind.TEXT) for s in t.segments]
        events += calls.pair(
            "edit_multitrack",
            {"action": "add_text", "texts": texts},
            {"added": len(texts), "duration_ms": total},
        )
    items = [
        *([report.music_item] if report.music_item else []),
        *report.text_items,
        *report.fade_items,
    ]
    ack = AgentEvent("text", text=report.ack)
    if items or report.notes:
        # Say what was made first, and end on what the sentence did not say.
        return [ack, *events, AgentEvent("text", text=details(lang, items, report.notes))]
    return [*events, ack]  # a reply always ends in words, never on a tool result


def _edit(
    request: Request, draft: dict[str, Any], assets: list[dict[str, Any]], seed: int
) -> AgentTurn:
    message, lang = request.message, request.lang
    edit = apply_edits(request.asks, draft, lang, assets=assets)
    if not edit.changes:
        if edit.misses:
            return _reply(sentences(lang, edit.misses), lang)
        key = "export" if request.asks.export else "not_understood"
        text = say(lang, key)
        return _reply(text, lang)
    calls = _Calls(message, seed)
    new = edit.draft
    view = DraftView(new)
    events: list[AgentEvent] = []
    if "regenerate" in edit.ops:
        scenes = [s for t in view.tracks_of(TrackKind.VIDEO) for s in t.segment_dicts]
        events += calls.pair(
            "generate_video",
            {"seed": view.meta.seed, "regenerate": True},
            {"segments": len(scenes), "duration_ms": exact(view.duration_ms)},
        )
    others = [op for op in edit.ops if op != "regenerate"]
    if others:
        count = sum(len(t.segment_dicts) for t in view.tracks)
        events += calls.pair(
            "edit_multitrack",
            {"operations": others, "instruction": message[:200]},
            {
                "changes": len(edit.changes),
                "duration_ms": exact(view.duration_ms),
                "tracks": len(view.tracks),
                "segments": count,
            },
        )
    events.append(AgentEvent("text", text=changed(lang, edit.changes, edit.misses)))
    return AgentTurn(events, new, "edit", lang)


INTENTS: dict[str, Callable[[Turn], AgentTurn]] = {
    "refuse": _refuse,
    "undo": _undo,
    "redo": _redo,
    "restore": _restore,
    "help": _help,
    "generate": _generate_turn,
    "edit": _edit_turn,
}

warm(
    *(
        getattr(vocab, n)
        for n in dir(vocab)
        if n.isupper() and isinstance(getattr(vocab, n), tuple)
    ),
    *(
        getattr(read_edit, n)
        for n in dir(read_edit)
        if n.isupper() and isinstance(getattr(read_edit, n), tuple)
    ),
    *(words for words, _ in scenes.SUBJECT_HINTS),
    ordinals.ITEM_WORDS,
    _GENERATE,
    _VIDEO,
)
