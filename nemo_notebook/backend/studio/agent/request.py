"""A message read once into one structured request: what it asks (the intent) and the values it gives.

``prepare`` rewrites the words outside quotes (typos fixed, written numbers as digits); ``read`` turns the
prepared message into a ``Request``. Everything after reads the request's fields, never the message again
for these values.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from . import history, lang, negation, numbers, people, read_edit, scope, typos, vocab
from .asks import Amount, EditAsks
from .durations import parse_duration
from .intent import Quote, extract_quotes, kept_spans, parse_aspect
from .words import find_all, first_value, has_any, normalise, without

# What a request can ask; turn.INTENTS maps each to the function that answers it.
INTENT_NAMES = ("refuse", "undo", "redo", "restore", "help", "generate", "edit")
TITLE, CAPTION = read_edit.TITLE, read_edit.CAPTION


@dataclass
class Request:
    """Everything one message asks, read once."""

    message: str
    text: str
    lang: str
    quotes: list[Quote]
    intent: str = "edit"
    steps: int = 1
    version: str | None = None
    refusal: str | None = None
    refusal_detail: str = ""
    length: Amount | None = None
    volume: Amount | None = None
    size: Amount | None = None
    text_window: tuple[str, float] | None = None
    text_length: Amount | None = None
    music_off: bool = False
    no_text: bool = False
    switched_off: frozenset[str] = frozenset()
    off_phrases: tuple[str, ...] = ()
    # Words left out of every reading: what the message turns away from ("forest instead of city") and
    # words of its own language another language spells the same ("sea" in "que sea de día").
    rejected: tuple[str, ...] = ()
    position: str | None = None
    asks: EditAsks = field(default_factory=EditAsks)


_UNDO, _REDO, _ORIGINAL = lang.words("UNDO"), lang.words("REDO"), lang.words("ORIGINAL")
_REFUSALS = (*vocab.LIMITS, *lang.table("REFUSALS"))
_STEPS, _WITH = lang.patterns("UNDO_STEPS"), lang.patterns("VERSION_WITH")
# Patterns compiled on first use (``lang.either`` keeps them), not at import: UNDONE, INSTEAD,
# VERSION_BEFORE, and the halves of a minute.
_FEATURES = lang.table("FEATURES")
_FIRST, _LAST = lang.patterns("FIRST_N"), lang.patterns("LAST_N")
_TIMES = lang.patterns("TIMES")
_TO = lang.patterns("TO")
_SECONDS = re.compile(r"(\d+(?:\.\d+)?)\s*" + lang.alternatives("SECOND_UNITS") + r"(?![a-z])")
# "10 more seconds", "5 extra secs": the amount's number and unit with the word between them dropped.
_FILLER = lang.either("FILLER")
_BACK, _BEFORE, _PREFER = lang.group("BACK"), lang.group("BEFORE"), lang.group("PREFER")
_GREETINGS = lang.group("GREETINGS")
_CHANGES, _REMOVE = lang.group("CHANGES"), vocab.REMOVE_WORDS
_PERCENT = re.compile(r"(\d{1,3})\s*%")
_REAL_FOOTAGE = lang.either("REAL_FOOTAGE")
_POSTING = lang.either("POSTING")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_8K = re.compile(r"(?<![\d])8\s*k\b|4320p|8k")


# The tables and word groups of what a request can name (its slots), whose slipped forms are corrected.
_SLOTS = (
    "TIME_OF_DAY",
    "LANDSCAPE",
    "EFFECTS",
    "PALETTE",
    "MOTION",
    "MOODS",
    "ASPECTS",
    "POSITIONS",
)
_SLOT_GROUPS = ("MUSIC_WORDS", "TITLE", "CAPTION", "VIDEO", "FADE_IN", "FADE_OUT")


@lru_cache(maxsize=1)
def speller() -> typos.Speller:
    """The speller for every vocabulary word of the four languages."""
    return typos.build(_vocabulary())


@lru_cache(maxsize=1)
def cjk_speller() -> typos.CjkSpeller:
    """The speller for the Chinese and Japanese vocabulary words."""
    meanings: dict[str, str] = {}
    for name in _SLOTS:
        for value, ws in getattr(vocab, name):
            for w in ws:
                meanings.setdefault(w, f"{name}={value}")
    for name in _SLOT_GROUPS:
        for w in lang.group(name):
            meanings.setdefault(w, name)
    return typos.build_cjk(tuple(meanings), _vocabulary(), meanings)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    """Every word and phrase of the vocabulary tables, groups and read words of the four languages."""
    groups: list[str] = []
    for name in dir(vocab):
        value = getattr(vocab, name)
        if name.isupper() and isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    groups.append(item)
                elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], tuple):
                    groups.extend(w for w in item[1] if isinstance(w, str))
    for name in lang.READ_WORDS:
        value = getattr(lang.en, name)
        if isinstance(value, tuple):
            groups.extend(lang.words(name))
        elif isinstance(value, dict):
            groups.extend(w for _, ws in lang.table(name) for w in ws)
    # Words of requests that are in no table but must be read as written.
    groups.extend(lang.group("COMMON"))
    return tuple(groups)


def prepare(message: str, lang_code: str) -> str:
    """``message`` with the words outside quotes spelled as the vocabulary spells them and numbers as digits;
    quoted texts, and a text after a colon, stay as written (full-width punctuation included)."""
    message = unicodedata.normalize("NFC", message)
    fold = lang.by_code(lang_code).SCRIPT_FOLD
    out, last = [], 0
    for start, end in kept_spans(message):
        out.append(_clean(_folded(message[last:start], fold), lang_code))
        out.append(message[start:end])
        last = end
    out.append(_clean(_folded(message[last:], fold), lang_code))
    return "".join(out)


def _folded(part: str, fold: Callable[[str], str] | None) -> str:
    """A part of the message outside quotes in the language's one script, full-width forms folded."""
    part = unicodedata.normalize("NFKC", part)
    return fold(part) if fold is not None and _HAN.search(part) else part


def _clean(part: str, lang_code: str) -> str:
    if not part.strip():
        return part
    spell = speller()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        fixed = spell.word(word.lower())
        return word if fixed == word.lower() else fixed

    part = re.sub(r"[A-Za-zÑñÁÉÍÓÚáéíóúü]+", fix, part)
    cjk = cjk_speller()
    return cjk.numbered(numbers.read(cjk.text(part), lang_code))


def read(prepared: str, lang_code: str) -> Request:
    """The request a prepared message makes."""
    quotes, unquoted = extract_quotes(prepared)
    said = normalise(unquoted)
    rejected = (
        *(lang.first_group(m) for m in lang.either("INSTEAD").finditer(said)),
        *(found for _, _, found in find_all(said, _GREETINGS)),
        *scope.foreign(prepared, said),
    )
    text = without(said, rejected)
    req = Request(prepared, text, lang_code, quotes, rejected=rejected)
    if person := people.named_person(unquoted):
        req.intent, req.refusal, req.refusal_detail = "refuse", "person", person
        return req
    refusal = first_value(text, _REFUSALS)
    if refusal is None and _POSTING.search(text):
        refusal = "publish"
    if refusal is None and _REAL_FOOTAGE.search(text) and not has_any(text, vocab.UPLOAD_WORDS):
        refusal = "footage"
    if refusal is not None:
        req.intent, req.refusal = "refuse", refusal
        if refusal == "resolution":
            req.refusal_detail = "8K" if _8K.search(text) else "4K"
        return req
    _read_history(req)
    if req.intent != "edit":
        return req
    req.switched_off, req.off_phrases = negation.switched_off(said)
    req.music_off = (
        has_any(text, lang.words("MUSIC_OFF"))
        or has_any(text, vocab.NO_MUSIC)
        or negation.MUSIC in req.switched_off
    )
    req.no_text = has_any(text, lang.words("NO_TEXT")) or negation.TEXT in req.switched_off
    _read_amounts(req)
    req.position = first_value(text, vocab.POSITIONS)
    req.asks = read_edit.read(req)
    if not req.asks.kinds() and has_any(text, _BACK):
        req.intent = (
            "undo"  # a return verb with nothing else to change: "やっぱ戻して", "regrésalo"
        )
    return req


def _read_history(req: Request) -> None:
    text = req.text
    if has_any(text, _REDO) or lang.either("UNDONE").search(text):
        req.intent = "redo"
        return
    if has_any(text, (*_UNDO, *_BACK)):
        for changed in lang.either("VERSION_BEFORE").finditer(text):
            if feature := first_value(lang.first_group(changed), _FEATURES):
                req.intent, req.version = "restore", history.before(feature)
                return
    for pattern in _WITH:
        m = pattern.search(text)
        named = next((g for g in m.groups() if g), "") if m else ""
        if feature := first_value(named, _FEATURES):
            req.intent, req.version = "restore", feature
            return
    # Taking away a number of changes is an undo of that many ("scrap the last 2 changes").
    counted = has_any(text, _REMOVE) and has_any(text, _CHANGES) and _steps(text)
    if (not has_any(text, _UNDO) and not counted) or parse_aspect(text) or parse_duration(text):
        back = has_any(text, (*_BACK, *_PREFER)) and not _asks_value(text)
        if has_any(text, _ORIGINAL) and (back or has_any(text, _UNDO)):
            req.intent, req.version = (
                "restore",
                "original",
            )  # "恢复原来的", "the original was better"
        elif back and (has_any(text, _BEFORE) or _steps(text)):
            # "go back to how it was before", "前の状態に戻して", "元のほうがいい", "退回2步"
            req.intent, req.steps = "undo", _steps(text) or 1
        return
    if has_any(text, _ORIGINAL):
        req.intent, req.version = "restore", "original"
        return
    req.intent, req.steps = "undo", _steps(text) or 1


def _steps(text: str) -> int | None:
    """How many changes the words ask to undo ("the last 2 changes", "撤销2次"), None when they say not."""
    for pattern in _STEPS:
        if m := pattern.search(text):
            return int(lang.first_group(m))
    return None


def _asks_value(text: str) -> bool:
    """Whether the words name a new value (a frame, a length), so going "back" is a change, not an undo."""
    return bool(parse_aspect(text) or parse_duration(text))


def _absolute(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is a target ("to 12 s", "hasta 30", "8秒に") rather than an amount."""
    before, after = text[max(0, start - 12) : start], text[end : end + 4]
    for p in _TO:
        if any(m.end() == len(before) for m in p.finditer(before)):
            return True  # "to 12 s": the word is right before the number
        if (m := p.search(after)) and m.start() == 0 and not m.group(0).isspace():
            return True  # "12 s in total", "8秒に": right after it
    return False


def _direction(text: str, up: tuple[str, ...], down: tuple[str, ...]) -> int:
    """+1 for a word of ``up``, -1 for one of ``down``, 0 for neither (the earliest wins when both)."""
    ups = [m.start() for w in up for m in re.finditer(_word(w), text)]
    downs = [m.start() for w in down for m in re.finditer(_word(w), text)]
    if not ups and not downs:
        return 0
    if ups and downs:
        return 1 if min(ups) < min(downs) else -1
    return 1 if ups else -1


@lru_cache(maxsize=1024)
def _word(w: str) -> str:
    return re.escape(w) if re.search(r"[^\x00-\x7f]", w[:1]) else rf"(?<!\w){re.escape(w)}(?!\w)"


def _read_cut(req: Request, seconds: float) -> None:
    """A stretch at one end with no title named: "cut the last 3 seconds" shortens the video by 3 s, "keep
    only the first 10 seconds" makes it 10 s, "extend the last 2 seconds" lengthens it by 2 s."""
    text = req.text
    req.text_window = None
    if has_any(text, lang.words("KEEP_ONLY")):
        req.length = Amount("to", seconds)
        return
    sign = _direction(text, lang.words("LONGER"), (*lang.words("SHORTER"), *vocab.REMOVE_WORDS))
    if not sign and not has_any(text, (*read_edit.FADE_WORDS, *vocab.MUSIC_WORDS)):
        sign = -1  # a stretch at one end named with any other verb ("lose the last 5 seconds") goes
    if sign:
        req.length = Amount("by", sign * seconds)


def _read_amounts(req: Request) -> None:
    text = req.text
    texts = has_any(text, TITLE + CAPTION)
    for pattern, which in ((_FIRST, "first"), (_LAST, "last")):
        for p in pattern:
            if m := p.search(text):
                req.text_window = (which, float(lang.first_group(m)))
    if req.text_window is not None and not texts:
        _read_cut(req, req.text_window[1])
        return
    scale = (
        2.0
        if has_any(text, lang.words("DOUBLE"))
        else 0.5
        if has_any(text, lang.words("HALF"))
        else None
    )
    for p in _TIMES:
        if (m := p.search(text)) and 0 < float(m.group(1)) <= 10:
            scale = float(m.group(1))
    sized = has_any(text, lang.words("SIZE"))
    volume = has_any(text, lang.words("VOLUME")) and not has_any(text, TITLE)
    on_screen = texts and has_any(text, lang.words("ON_SCREEN"))
    longer, shorter = lang.words("LONGER"), lang.words("SHORTER")
    sign = _direction(text, longer, shorter)
    if scale and scale > 1 and sign < 0:
        scale = 1 / scale  # "twice as short", "缩短一倍"
    elif scale == 0.5 and sign > 0:
        scale = 1.5  # "extend it by half", "延长一半"
    seconds = _SECONDS.search(text)
    if texts and sized:
        if scale:
            req.size = Amount("scale", scale)
        return
    if (m := _PERCENT.search(text)) and sign and not volume and not texts:
        pct = float(m.group(1))  # "50% longer", "un 20% más corto": a share of the length
        req.length = Amount("scale", max(0.05, 1 + sign * pct / 100))
        return
    if m := _PERCENT.search(text):
        if volume or not texts:
            pct = float(m.group(1))
            vsign = _direction(text, lang.words("UP"), lang.words("DOWN"))
            if vsign and not _absolute(text, m.start(), m.end()):
                req.volume = Amount("by", vsign * pct)
            else:
                req.volume = Amount("to", pct)
        return
    if scale and volume and not has_any(text, lang.words("LENGTH")):
        req.volume = Amount("scale", scale)
        return
    if req.text_window is not None:
        return
    if on_screen and seconds and sign:
        req.text_length = Amount("by", sign * float(seconds.group(1)))
        return
    if texts and seconds:
        return
    # halves of a minute are a length, not a scale ("half a minute", "two and a half minutes")
    halves = lang.either("HALF_MINUTE").search(text) or lang.either("MINUTE_AND_HALF").search(text)
    if scale and not halves:
        req.length = Amount("scale", scale)
        return
    asked = parse_duration(_FILLER.sub("", text))
    if asked is not None:
        where = seconds or re.search(r"\d", text)
        absolute = where is not None and _absolute(text, where.start(), where.end())
        req.length = Amount("by", sign * asked) if sign and not absolute else Amount("to", asked)
        return
    if sign and not volume and not texts and has_any(text, lang.words("LENGTH")):
        factor = (
            0.5
            if has_any(text, lang.words("MUCH"))
            else 0.8
            if has_any(text, lang.words("LITTLE"))
            else 0.75
        )
        req.length = Amount("scale", factor if sign < 0 else 2 - factor)
