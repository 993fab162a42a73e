"""Reading what an edit asks from a message's words, once, into ``asks.EditAsks`` (the edit steps never see
the words); also the readers generation shares (fades, text timing)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Literal

from . import lang, ordinals, vocab
from .asks import Amount, EditAsks, FadeAsk, MusicAsk, ReorderAsk, SceneAsk, TextAsk, Timing
from .intent import (
    Quote,
    explicit_seed,
    extract_quotes,
    music_mood,
    parse_aspect,
    parse_resolution,
)
from .words import (
    all_values,
    find_all,
    first_value,
    has_any,
    normalise,
    table_hits,
    without,
    without_table,
)

if TYPE_CHECKING:
    from .request import Request

PERCENT = re.compile(r"(\d{1,3})\s*%")
LOUDER = lang.group("LOUDER")
QUIETER = lang.group("QUIETER")
SONG = lang.group("SONG")
USE = lang.group("USE")
ADD = lang.group("ADD")
CHANGE = lang.group("CHANGE")
MOVE = lang.group("MOVE")
REVERSE = lang.group("REVERSE")
SWAP = lang.group("SWAP")
TO_FRONT = lang.group("TO_FRONT")
TO_END = lang.group("TO_END")
TITLE = lang.group("TITLE")
CAPTION = lang.group("CAPTION")
VISUAL = lang.group("VISUAL")
FADE_IN = lang.group("FADE_IN")
FADE_OUT = lang.group("FADE_OUT")
FADE_WORDS = (*FADE_IN, *FADE_OUT, *lang.group("FADE"))
EFFECT_WORDS = tuple(word for _, words in vocab.EFFECTS for word in words)
ORDER = lang.group("ORDER")
START_WITH = lang.group("START_WITH")
FIRST_TWO, LAST_TWO = lang.group("FIRST_TWO"), lang.group("LAST_TWO")
REMOVED_AFTER = lang.group("REMOVED_AFTER")
VOLUME_WORDS = lang.group("VOLUME_WORDS")
POSITION_VERBS = lang.words("POSITION_VERBS")

AFTER_TO = lang.either("NEW_TEXT", re.IGNORECASE)
TEXT_LENGTH = lang.either("TEXT_LASTS")
# When a title or caption comes on: "at 5 seconds", "从5秒", "a los 5 segundos", "5秒から".
TEXT_START = lang.either("TEXT_START")
# How long it stays: "for 6 seconds", "last 6s", "持续6秒", "durante 6 segundos", "6秒間".
TEXT_FOR = lang.either("TEXT_FOR")
_INTO = lang.either("INTO")
# A text that fades ("make the title fade in", "fade out the caption") rather than the picture.
_TEXT_FADES = lang.either("TEXT_FADE")
_NUM, _UNIT = r"(\d+(?:\.\d+)?)", lang.alternatives("SECOND_UNITS")
# A fade's length just after its words ("over 3s") or ending right before them ("a 2-second ").
_LENGTH_AFTER = re.compile(rf"{_NUM}\s*{_UNIT}(?!\w)")
_LENGTH_BEFORE = re.compile(rf"{_NUM}\s*-?\s*{_UNIT}\s*-?\s*$")
REACH = 24


def read(req: Request) -> EditAsks:
    """Every edit the request's words ask for (its amounts were read into ``req`` already)."""
    quotes, unquoted = extract_quotes(req.message)
    text = normalise(unquoted)
    text = without(
        text, req.rejected
    )  # "forest instead of city": the city is named only to be left
    new_text = (unquoted_text(req.message) if has_any(text, CHANGE) else None) or said_text(
        req.message
    )
    if new_text and not quotes:
        text = text.replace(normalise(new_text), " ")  # the new title's words are not scene words
    length = req.length
    if length is not None and (
        TEXT_LENGTH.search(text) or (length.mode == "to" and fade_seconds(text) == length.value)
    ):
        length = None  # the seconds are a text's or a fade's, not the video's
    return EditAsks(
        regenerate=has_any(text, vocab.REGENERATE_WORDS),
        seed=explicit_seed(text),
        use_uploads=has_any(text, vocab.UPLOAD_WORDS)
        and has_any(text, USE)
        and has_any(text, VISUAL),
        use_song=has_any(text, SONG),
        reorder=_reorder(text),
        scene=_scene(text, req.switched_off),
        aspect=parse_aspect(text),
        resolution=parse_resolution(text),
        length=length,
        fades=read_fades(text),
        music=_music(text, req),
        texts=_texts(text, quotes, new_text, req),
        export=has_any(normalise(req.message), vocab.EXPORT_WORDS),
    )


def _reorder(text: str) -> ReorderAsk | None:
    marks = ordinals.find(text)
    has_item = has_any(text, ordinals.ITEM_WORDS)
    if has_any(text, REVERSE) and (has_item or has_any(text, ORDER)):
        return ReorderAsk("reverse")
    if not marks or not has_item:
        return None
    values = tuple(v for _, v in marks)
    if has_any(text, vocab.REMOVE_WORDS) and not has_any(
        text, TITLE + CAPTION + vocab.MUSIC_WORDS + EFFECT_WORDS
    ):
        return ReorderAsk("drop", values)
    if has_any(text, SWAP):
        pair: Literal["first", "last"] | None = (
            "first" if has_any(text, FIRST_TWO) else "last" if has_any(text, LAST_TWO) else None
        )
        return ReorderAsk("swap", values, pair)
    if has_any(text, MOVE) or has_any(text, START_WITH):
        rest = text[marks[0][0] + 1 :]
        return ReorderAsk(
            "move", values, to_end=has_any(rest, TO_END) and not has_any(rest, TO_FRONT)
        )
    return None


def _scene(text: str, off: frozenset[str] = frozenset()) -> SceneAsk | None:
    tod = _chosen(text, vocab.TIME_OF_DAY)
    places = without_table(text, vocab.TIME_OF_DAY)  # "太阳下山": a time, no mountain
    lands = [v for v in all_values(places, vocab.LANDSCAPE) if v != "none"]
    if len(lands) > 1:
        lands = [_chosen(places, vocab.LANDSCAPE, skip="none") or lands[0]]
    motion = first_value(text, vocab.MOTION)
    palette = _chosen(text, vocab.PALETTE)
    fx_add, fx_remove = _effects(text)
    fx_remove += [v for v, _ in vocab.EFFECTS if v in off and v not in fx_remove]
    fx_add = [v for v in fx_add if v not in off]
    if not (tod or lands or motion or fx_add or fx_remove or palette):
        return None
    marks = ordinals.find(text)
    target = marks[0][1] if marks and has_any(text, ordinals.ITEM_WORDS) else None
    land = lands[0] if lands else None
    return SceneAsk(tod, land, motion, palette, tuple(fx_add), tuple(fx_remove), target)


def _chosen(text: str, table: vocab.Table, skip: str = "") -> str | None:
    """The value a change asks for: with two named ("change the sunset to night"), the one after
    "to"; else the first."""
    hits = [(pos, v) for pos, v in table_hits(text, table) if v != skip]
    if len(hits) > 1 and (m := _INTO.search(text, hits[0][0])):
        after = [v for pos, v in hits if pos >= m.end()]
        if after:
            return after[0]
    return hits[0][1] if hits else None


def _effects(text: str) -> tuple[list[str], list[str]]:
    add: list[str] = []
    remove: list[str] = []
    for value, words in vocab.EFFECTS:
        for start, end, _ in find_all(text, words):
            before, after = text[max(0, start - 20) : start], text[end : end + 6]
            removing = has_any(before, vocab.REMOVE_WORDS) or has_any(after, REMOVED_AFTER)
            (remove if removing else add).append(value)
    return add, remove


def _music(text: str, req: Request) -> MusicAsk | None:
    named = has_any(text, vocab.MUSIC_WORDS)
    if req.music_off or (named and has_any(text, vocab.REMOVE_WORDS)):
        return MusicAsk(off=True)
    volume, nudge = req.volume, 0
    if volume is None:
        pct = PERCENT.search(text)
        louder, quieter = has_any(text, LOUDER), has_any(text, QUIETER)
        volume_words = named or has_any(text, VOLUME_WORDS)
        if (louder or quieter or (pct and volume_words)) and (
            volume_words or not has_any(text, TITLE + CAPTION)
        ):
            if pct and volume_words:
                volume = Amount("to", min(100, int(pct.group(1))))
            else:
                nudge = 1 if louder else -1
    mood = music_mood(text)
    scene_words = first_value(text, vocab.TIME_OF_DAY) or first_value(text, vocab.LANDSCAPE)
    mood = mood if mood and (named or not scene_words) else None
    add = named and has_any(text, ADD)
    if volume is None and not nudge and mood is None and not add:
        return None
    return MusicAsk(volume=volume, nudge=nudge, mood=mood, add=add)


def _texts(text: str, quotes: list[Quote], new_text: str | None, req: Request) -> TextAsk | None:
    roles: list[tuple[str, str | None]] = []
    captions_quoted = any(q.role == "caption" for q in quotes)
    for role, words in (("title", TITLE), ("caption", CAPTION)):
        own = [q for q in quotes if q.role == role]
        quoted = own or (quotes if role == "title" and not captions_quoted else [])
        if role == "caption":
            asked = has_any(text, words) or bool(own)  # "底部加一行文字：…" names no caption word
        else:
            asked = has_any(text, words) or bool(quoted and not has_any(text, CAPTION))
        if asked:
            roles.append((role, quoted[0].text if quoted else None))
    move_title = (
        not roles
        and req.position is not None
        and not has_any(text, CAPTION)
        and has_any(text, POSITION_VERBS)
    )
    if not roles and not move_title:
        return None
    size = req.size
    grow = (
        size.value
        if size is not None
        else 1.25
        if has_any(text, vocab.BIGGER)
        else 0.8
        if has_any(text, vocab.SMALLER)
        else None
    )
    return TextAsk(
        roles=tuple(roles),
        move_title=move_title,
        new_text=new_text,
        position=first_value(text, vocab.POSITIONS),
        remove=has_any(text, vocab.REMOVE_WORDS) or req.no_text,
        color=first_value(text, vocab.COLORS),
        grow=grow,
        add=has_any(text, ADD),
        change=has_any(text, CHANGE + MOVE),
        timing=text_timing(text),
        window=req.text_window,
        length=req.text_length,
    )


def _seconds_in(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text)
    return float(lang.first_group(m)) if m else None


def text_timing(text: str) -> Timing | None:
    """(start, length) in seconds when the words time a title or caption, else None."""
    start, length = _seconds_in(TEXT_START, text), _seconds_in(TEXT_FOR, text)
    return None if start is None and length is None else (start, length)


def said_text(message: str) -> str | None:
    """A text named by a saying word, without quotes ("add a title that says Good Night"); not a place on
    screen or a colour ("タイトルは右下で")."""
    m = lang.either("SAYING", re.IGNORECASE).search(unicodedata.normalize("NFKC", message).strip())
    text = lang.first_group(m).strip(" \"'") if m else ""
    named = normalise(text)
    if not text or any(named == w for _, ws in (*vocab.POSITIONS, *vocab.COLORS) for w in ws):
        return None
    return text


def unquoted_text(message: str) -> str | None:
    """New text written without quotes: "change the title to Summer Sale"."""
    m = AFTER_TO.search(unicodedata.normalize("NFKC", message).strip())
    if not m:
        return None
    text = lang.first_group(m).strip(" \"'")
    return text or None


def _first_fade(text: str) -> tuple[int, int] | None:
    """Where the first fade word is, if any."""
    hits = find_all(text, FADE_WORDS)
    return (hits[0][0], hits[0][1]) if hits else None


def fade_seconds(text: str) -> float | None:
    """The length a fade is given: just after its words ("fade to black over 3s") or right
    before them ("a 2 second fade out"), never a number about something else."""
    if (where := _first_fade(text)) is None:
        return None
    start, end = where
    m = _LENGTH_AFTER.search(text[end : end + REACH]) or _LENGTH_BEFORE.search(text[:start])
    return float(m.group(1)) if m else None


def read_fades(text: str) -> FadeAsk | None:
    """The fades the words ask for: which ends, added or removed, how long, and whether it is the music that
    fades; None when no fade is named, or when it is a title or caption that fades."""
    where = _first_fade(text)
    if where is None or _TEXT_FADES.search(text):
        return None
    fade_in, fade_out = has_any(text, FADE_IN), has_any(text, FADE_OUT)
    remove = has_any(text, vocab.REMOVE_WORDS)
    if not (remove or fade_in or fade_out):
        return None
    near = text[max(0, where[0] - REACH) : where[1] + REACH]
    return FadeAsk(fade_in, fade_out, remove, fade_seconds(text), has_any(near, vocab.MUSIC_WORDS))
