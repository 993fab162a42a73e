"""Parsing a message into what the user asked for: scene, duration, frame, music, texts, seed, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from nemo_notebook.draft import nearest_aspect

from . import lang, scope, vocab
from .durations import parse_duration
from .words import (
    all_values,
    alternation,
    find_all,
    first_value,
    has_any,
    normalise,
    table_hits,
    table_spans,
    without,
    without_table,
)

LANGUAGES = ("en", "zh-CN", "es", "ja")
# Quoted texts; a single-quoted one may hold apostrophes inside words ('It's "complicated"').
# A letter of a Latin word: a straight single quote touching one on its outer side is an apostrophe
# ("It's"), while one beside CJK text still quotes it (标题'夜班').
_L = r"[0-9A-Za-z\u00c0-\u024f]"
QUOTES = _QUOTES = re.compile(
    r"“([^”]+)”|‘([^’]+)’|「([^」]+)」|『([^』]+)』|«([^»]+)»|"
    rf"(?<!{_L})'((?:[^']|(?<={_L})'(?={_L}))+)'(?!{_L})"
    r"|\"([^\"]+)\""
)
_SEED = lang.either("SEED")
_RATIO = re.compile(r"(?<![\d:])(16|9|1|4)\s*[:：/]\s*(9|16|1|5)(?![\d])")
_SIZE = re.compile(r"(?<!\d)(\d{3,4})\s*[x×*]\s*(\d{3,4})(?!\d)")
_RES = re.compile(r"(?<!\d)(720|1080)\s*p(?![a-z])")
_SPLIT_SCENES = re.compile(
    r",?\s*(?:"
    + "|".join(re.escape(w) for w in sorted(lang.group("THEN"), key=len, reverse=True))
    + r")\s*,?\s*"
)
_CAPTION_AFTER = lang.group("CAPTION_AFTER")
# How far after a quote a word naming it as a caption may come.
_NAMED_AFTER = 14
_CLAUSE_JOINERS = (",", *lang.group("CLAUSE_JOINERS"))
_TITLE_WORDS = lang.group("TITLE_CUES")
_CAPTION_WORDS = lang.group("CAPTION_CUES")
# A text given after a colon, kept as written like a quote: "add a caption: Welcome to the beach",
# "加一行字幕：欢迎来到海边", "título: ¡Qué día! 🌞". It runs to the end of its sentence (see ``colon_span``).
COLON_TEXT = re.compile(
    rf"({alternation((*_TITLE_WORDS, *_CAPTION_WORDS, *lang.group('TEXT_CUES')))})"
    # A full-width colon, or one right after CJK text, is never a clock or a ratio ("标题：2024，我们来了！").
    r"[^:：\n\"“「]{0,12}?(?:(?<!\d):(?!\d)|：|(?<=[\u3040-\u30ff\u3400-\u9fff]):)\s*(?=\S)",
    re.IGNORECASE,
)
# Where a text after a colon ends: a full stop, or closing marks, followed by more words ("título: Rebajas.
# Y ponle música"); closing marks with only emoji or marks after them belong to the text ("冲鸭！！🔥🔥"), and
# so does a next sentence opened by an opening mark ("¿Listos? ¡Vamos!").
_SENTENCE_END = re.compile(r"[。]|\.(?=\s)|[!?！？]+(?![!?！？])(?!\s*[¡¿])")
_WORDY = re.compile(r"[^\W_]")
# A quote opening a text after a colon is part of the text when a word is joined to it ("“家”的味道") or
# only emoji and marks follow it ('"Summer" ☀️'); words after a space or a mark are the request's own
# ('title: "Summer" and make it vertical', "标题：“夏天”，放在顶部"), so the quote stands alone.
_JOINED = re.compile(r"[^\W_]|[^\s\w,，、;；.。:：]")


def colon_span(message: str) -> tuple[int, int] | None:
    """The span of the text after a title or caption word and a colon, inner quotes, emoji and closing marks
    included; None where there is none, or where it opens with a quote that stands alone (then quoted)."""
    m = COLON_TEXT.search(message)
    if not m:
        return None
    start, end = m.end(), message.find("\n", m.end())
    end = len(message) if end < 0 else end
    for stop in _SENTENCE_END.finditer(message, start, end):
        if _WORDY.search(message, stop.end(), end):
            end = stop.start() if stop.group(0) in ("。", ".") else stop.end()
            break
    while end > start and message[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    first = _QUOTES.match(message, start)
    if (
        first
        and first.end() < end
        and not _JOINED.match(message, first.end())
        and _WORDY.search(message, first.end(), end)
    ):
        return None
    return start, end


@dataclass(frozen=True)
class Scene:
    """One generated scene: time of day, landscape, effects, camera motion (None where the words say nothing)."""

    tod: str | None
    land: str | None
    fx: tuple[str, ...]
    motion: str | None
    text: str


@dataclass(frozen=True)
class Quote:
    """A quoted text and whether the words around it ask for a title or a caption."""

    text: str
    role: str


@dataclass
class Intent:
    """Everything one message asks for; fields are None or empty where it says nothing."""

    text: str
    plain: str
    duration_s: float | None = None
    aspect: str | None = None
    res: str | None = None
    seed: int | None = None
    scenes: list[Scene] = field(default_factory=list)
    music: bool | None = None
    mood: str | None = None
    quotes: list[Quote] = field(default_factory=list)


def resolve_language(language: str | None, message: str) -> str:
    """Map a given ISO code (zh, zh-Hans, es-MX, ja-JP…) onto a reply language, else detect one."""
    code = (language or scope.language_of(message)).strip().lower().replace("_", "-")
    for code_, prefix in (("zh-CN", "zh"), ("es", "es"), ("ja", "ja"), ("en", "en")):
        if code.startswith(prefix):
            return code_
    return "en"


def message_seed(message: str) -> int:
    """A stable seed from the normalised message text (same words, same video)."""
    digest = hashlib.sha256(normalise(message).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 1_000_000


def explicit_seed(text: str) -> int | None:
    """A "seed 42" in the normalised text."""
    m = _SEED.search(text)
    return int(lang.first_group(m)) if m else None


def extract_quotes(message: str) -> tuple[list[Quote], str]:
    """Quoted texts with their role, and the message with the quotes blanked out; a text after a colon keeps
    its inner quotes, and loses only a quote that wraps it whole."""
    message = unicodedata.normalize("NFC", message)
    colon = colon_span(message)
    rest = message if colon is None else message[: colon[0]] + " " + message[colon[1] :]
    quotes: list[Quote] = []
    for m in _QUOTES.finditer(rest):
        text = next(g for g in m.groups() if g is not None).strip()
        before = normalise(rest[max(0, m.start() - 40) : m.start()])
        after = normalise(rest[m.end() : m.end() + 25])
        role = "title"
        # A caption word just after the quote names it ("「24時間営業」ってキャプション", "'Open' as a caption").
        near = after[:_NAMED_AFTER]
        named_after = has_any(near, _CAPTION_WORDS) and not has_any(near, _TITLE_WORDS)
        if has_any(before[-25:], _CAPTION_WORDS) or has_any(after, _CAPTION_AFTER) or named_after:
            role = "caption"
        if has_any(before[-14:], _TITLE_WORDS):
            role = "title"
        if text:
            quotes.append(Quote(text, role))
    unquoted = _QUOTES.sub(" ", rest)
    if colon is not None:
        start, end = colon
        text = message[start:end]
        if whole := _QUOTES.fullmatch(text):
            text = next(g for g in whole.groups() if g is not None)
        cue_at = COLON_TEXT.search(message, 0, start + 1)
        cue_start = cue_at.start(1) if cue_at else start
        cue = normalise(message[max(0, cue_start - 14) : start])  # "底部加一行文字："
        role = "caption" if has_any(cue, _CAPTION_WORDS) else "title"
        if text.strip():
            quotes.append(Quote(text.strip(), role))
    return quotes, unquoted


def kept_spans(message: str) -> list[tuple[int, int]]:
    """Where ``message`` holds texts to keep as written: quotes, a text after a colon, and a text named by
    a saying word ("a caption that says Open 24 hours": "hours" is no slip)."""
    colon = colon_span(message)
    spans = [] if colon is None else [colon]
    spans += [
        m.span()
        for m in _QUOTES.finditer(message)
        if colon is None or not (m.start() < colon[1] and colon[0] < m.end())
    ]
    if said := lang.either("SAYING", re.IGNORECASE).search(message):
        group = next(i for i, g in enumerate(said.groups(), 1) if g is not None)
        start, end = said.span(group)
        if not any(a < end and start < b for a, b in spans):
            spans.append((start, end))
    return sorted(spans)


def parse_aspect(text: str) -> str | None:
    """An aspect ratio from numbers ("9:16", "1080x1920") or words ("vertical", "YouTube", "竖屏")."""
    if m := _RATIO.search(text):
        ratio = f"{m.group(1)}:{m.group(2)}"
        if ratio in ("16:9", "9:16", "1:1", "4:5"):
            return ratio
    if m := _SIZE.search(text):
        w, h = int(m.group(1)), int(m.group(2))
        return nearest_aspect(w, h)
    return first_value(text, vocab.ASPECTS)


def parse_resolution(text: str) -> str | None:
    """ "720p" or "1080p" when the text names one (a WxH size counts by its short side)."""
    if m := _SIZE.search(text):
        return "720p" if min(int(m.group(1)), int(m.group(2))) <= 720 else "1080p"
    if m := _RES.search(text):
        return f"{m.group(1)}p"
    return first_value(text, vocab.RESOLUTIONS)


def parse_scene(text: str) -> Scene:
    """The scene words in one part of a message."""
    lands = table_hits(without_table(text, vocab.TIME_OF_DAY), vocab.LANDSCAPE)
    real = [v for _, v in lands if v != "none"]
    land = real[0] if real else ("none" if lands else None)
    return Scene(
        first_value(text, vocab.TIME_OF_DAY),
        land,
        tuple(all_values(text, vocab.EFFECTS)),
        first_value(text, vocab.MOTION),
        text,
    )


def split_scenes(text: str) -> list[str]:
    """Parts of a message that describe scenes in sequence ("sunrise then a busy city at night")."""
    parts = [p.strip(" ,.;") for p in _SPLIT_SCENES.split(text)]
    parts = [p for p in parts if p]
    scenes = [p for p in parts if parse_scene(p).tod or parse_scene(p).land or parse_scene(p).fx]
    return scenes if len(scenes) > 1 else [text]


def parse_music(text: str) -> tuple[bool | None, str | None]:
    """(wanted, mood): wanted is False for "no music", True when music is named, None when unsaid."""
    if has_any(text, vocab.NO_MUSIC):
        return False, None
    mood = music_mood(text)
    named = has_any(text, vocab.MUSIC_WORDS)
    return (True if named or mood else None), mood


# A mood word describes the place when at most one other word stands between them, with no clause break
# ("a quiet forest", "a dramatic stormy sea", "安静的森林", "bosque tranquilo").
_BESIDE = 12
_BREAK = re.compile(r"[,，、。;；.!?！？]")


def music_mood(text: str) -> str | None:
    """The music's mood: where several are named, the one said of the music beats one that describes the
    place ("a quiet forest with lofi music", "静かな森、BGMはローファイ"), then the one nearest a music word."""
    moods = table_spans(text, vocab.MOODS)
    if len({value for _, _, value in moods}) < 2:
        return moods[0][2] if moods else None
    places = table_spans(text, vocab.LANDSCAPE)
    music = find_all(text, vocab.MUSIC_WORDS)

    def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(b[0] - a[1], a[0] - b[1], 0)

    def beside(a: tuple[int, int], b: tuple[int, int]) -> bool:
        between = text[min(a[1], b[1]) : max(a[0], b[0])]
        return (
            gap(a, b) <= _BESIDE
            and len(between.split()) <= 1
            and not _BREAK.search(between)
            and not any(j in f" {between} " for j in _CLAUSE_JOINERS)
        )

    def rank(hit: tuple[int, int, str]) -> tuple[bool, int, int]:
        span = (hit[0], hit[1])
        of_place = any(beside(span, (s, e)) for s, e, _ in places)
        near = min((gap(span, (s, e)) for s, e, _ in music), default=0)
        return of_place, near, hit[0]

    return min(moods, key=rank)[2]


def parse(message: str, strip: tuple[str, ...] = ()) -> Intent:
    """Read everything a generation request can say; phrases of ``strip`` (asks for no text) are not scene words."""
    quotes, unquoted = extract_quotes(message)
    text = normalise(unquoted)
    text = without(text, strip)
    music, mood = parse_music(text)
    scene_text = _without_music_clause(text)
    intent = Intent(
        text=text,
        plain=unquoted,
        duration_s=parse_duration(text),
        aspect=parse_aspect(text),
        res=parse_resolution(text),
        seed=explicit_seed(text),
        scenes=[parse_scene(part) for part in split_scenes(scene_text)],
        music=music,
        mood=mood,
        quotes=quotes,
    )
    return intent


def _without_music_clause(text: str) -> str:
    """The text minus "with calm background music"-style clauses, so mood words don't read as scene words."""
    hits = find_all(text, vocab.MUSIC_WORDS)
    if not hits:
        return text
    start = hits[0][0]
    cut = max(text.rfind(w, 0, start) for w in _CLAUSE_JOINERS)
    return text[:cut] + text[hits[0][1] :] if cut >= 0 else text
