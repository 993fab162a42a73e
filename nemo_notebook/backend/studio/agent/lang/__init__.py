"""The words of each language the agent reads, one module per language.

Every language module supplies the same names (checked by ``tests/test_agent_lang.py``):

- ``CODE``: the reply-language code (``en``, ``zh-CN``, ``es``, ``ja``).
- ``SCRIPT_FOLD``: a function writing the language's other script as the one its words use (traditional
  Chinese as simplified), applied to a message of that language before it is read; None where there is none.
- ``UNDO``, ``REDO``, ``ORIGINAL``: words asking to undo, redo, or go back to the first version.
- ``INSTEAD``: a pattern whose first group that matched is what a message turns away from for what it
  names instead ("forest instead of city", "no la ciudad, el bosque", "不要城市，要森林", "街じゃなくて
  森"): those words are left out of every reading.
- ``UNDONE``: a pattern for an undo itself called off ("cancel that undo", "取り消しはなしで", "取消撤销",
  "deshaz el deshacer"): a redo.
- ``UNDO_STEPS``: a pattern whose first group that matched is how many changes to undo ("the last 2
  changes", "撤销2次", "2つ前に戻して", "los 2 últimos cambios").
- ``VERSION_BEFORE``: a pattern whose first group that matched names a change; going back to it is going
  back to the version before that change ("before I made it square", "加标题之前", "正方形にする前").
- ``VERSION_WITH``: a pattern whose group 1 names what the wanted earlier version had ("the version with the title").
- ``FEATURES``: feature key (``title``, ``caption``, ``music``, ``vertical``, ``square``) → words naming it.
- ``REFUSALS``: limitation key → words asking for something the studio cannot make.
- ``REAL_FOOTAGE``: a pattern for footage of the real world ("actual footage of Shibuya crossing", "渋谷の実際の
  映像", "真实画面", "imágenes reales"): refused as ``footage``, with what the studio can make instead.
- ``POSTING``: a pattern for putting the video on a named network or the user's own channel, page or account
  ("upload it to my channel", "súbelo a mi canal de YouTube", "上传到我的B站", "インスタに上げて"): a
  sharing verb and a destination together, so "for Instagram stories" (a shape) and "súbele a la música" (a
  level) are not posts; refused as ``publish``.
- ``MUSIC_OFF``: words that switch the music off without naming "no music".
- ``LONGER``, ``SHORTER``, ``UP``, ``DOWN``: direction words for relative changes.
- ``MUCH``, ``LITTLE``: how big an unnumbered relative change is.
- ``DOUBLE``, ``HALF``: words scaling what they name by 2 or 0.5.
- ``TIMES``: a pattern whose group 1 is a factor ("3 times as big", "3倍").
- ``TO``: a pattern matching just before or after a number that makes it absolute ("to 12 s", "hasta 30", "8秒に").
- ``FIRST_N``, ``LAST_N``: patterns whose first group that matched is the seconds of "the first / last N
  seconds" or "N seconds off the start / end": a window of a title, or, with no title named, a cut.
- ``NEGATION``: a pattern where ``{slot}`` stands for a slot's words, matching where the slot is switched off
  ("no music", "sin título", "不要字幕", "BGMはなしで"); ``negation.py`` reads it for every slot.
- ``KEEP_ONLY``: words keeping only a stretch ("keep only the first 10 seconds"), which becomes the length.
- ``ON_SCREEN``: words that say a duration is about how long a text shows.
- ``LENGTH``, ``VOLUME``, ``SIZE``: words naming the video's length, the music's loudness, a text's size.
- ``NO_TEXT``: phrases asking for no words on screen (they never become part of a label).
- ``POSITION_VERBS``: verbs that move something to a place ("put it at the bottom").
- ``KNOWN``: ordinary words close to a vocabulary word, never corrected as typos.
- ``SPELLING``: extra spellings people use for vocabulary words ("nite" → "night").
- ``HOMOPHONES``: character → what a keyboard's conversion often gives instead ("竖" → "树"), from which
  ``typos.py`` makes the slipped forms of the language's vocabulary words; ``READINGS``: word → its kana
  and other writings ("縦型" → "たてがた"). Empty for languages corrected by edit distance.
- ``PARTICLES``: the kana that join or end a word (Japanese particles: の, に, が…); a one-character word's
  form in hiragana counts only between them ("夜明けのもりに" is the forest, "つもり" is not).
- ``SOUND_MARKS``: characters left out when comparing phonetic words by sound (katakana's small vowels and
  long-vowel bars); ``SOUNDS_ALIKE``: (spelling, the spelling it sounds like) pairs, by which a Latin word is
  read as the one vocabulary word it sounds like ("estreyas" for estrellas); ``NAME_DOTS``: what joins the parts of a foreign name (a word beside one is a name).
- ``TABLES``: vocabulary tables (time of day, landscape, effects, palette, motion, moods, aspects, limits,
  positions, colours): draft value → the words that ask for it.
- ``GROUPS``: word groups that mark a kind of request (no music, music, uploads, promo, help, regenerate, remove,
  bigger, smaller, export, louder, quieter, title, caption, fades, reorder…); ``GREETINGS``: greetings and
  wishes ("good morning", "buenas noches", "晚上好"), left out of every reading, so they name no time of day;
  ``CHANGES``: words for the changes made, which a remove word with a count (``UNDO_STEPS``) takes back
  ("scrap the last 2 changes", "quita los últimos 2 cambios").
- ``REPLIES``: every reply template by key (the same keys in every language).
- ``LIMIT_TEXTS``: limitation key → (what the studio cannot do, the nearest thing it can).
- ``NAMES``: the names of draft values (time of day, place, effect, mood, palette, motion, position).
- ``LIST_JOIN``, ``LIST_COMMA``: how the language joins summary items and listed phrases.
- ``SECONDS``: a duration's format (``{value}``); ``SENTENCE_END``, ``SENTENCE_ENDS``, ``SENTENCE_GAP``: how
  sentences end and follow each other.
- ``SCENE``, ``SCENE_WITH``, ``FX_SEP``, ``FX_LAST``: how a scene is described ("a city skyline at sunset
  with birds and rain").

Patterns the shared readers compose (regular-expression sources over normalised text; ``""`` where the
language has none; a pattern's first group that matched is its value):

- ``SECOND_UNITS``, ``MINUTE_UNITS``: the unit words of a duration ("seconds?|secs?|s"); ``MINUTE_AND``: what
  may join "1 minute" and "30"; ``HALF_MINUTE``: 30 s said in words; ``MINUTE_AND_HALF``: N minutes and a half ("two and a half
  minutes", "un minuto y medio", "2分半"), its first group that matched N (none: 1); ``MINUTE_AND_QUARTER``
  the same with a quarter ("a minute and a quarter", "un minuto y cuarto": N minutes and 15 s).
- ``NUMBER_WORDS`` (word → value) and ``ARTICLES`` ("a", "un": one only before "minute", as in "a minute
  fifteen") for durations in words; ``DECADE_HINTS``: words that make "80s" a decade; ``CLOCK_SUFFIX``: words after a clock time.
- ``TEXT2NUM``: the ``text2num`` language that reads written numbers (None: the CJK readers do);
  ``WRITTEN_NUMBERS``: a pattern finding them; ``ORDINAL_KEEP``: ordinal words left as words.
- ``ORDINAL_WORDS``: word → position (-1 the last); ``ORDINAL_NUMBERED``: "photo 2", "2nd", "第2张", "2枚目".
- ``SEED``: "seed 42"; ``DESCRIPTION``: a promo's description; ``NAMED``: a product's name ("called X").
- ``SUBJECTS``: subject key (``scenes.SUBJECT_SCENES``) → words; ``SUBJECT``, ``SUBJECT_TRIM``,
  ``SUBJECT_ARTICLE``: the user's own words for a scene label, and what to cut from them.
- ``QUIET_MUSIC``, ``LOUD_MUSIC``, ``MUSIC_LEVEL``: the music level a new video asks for.
- ``NEW_TEXT``: new text written without quotes ("change the title to Summer Sale"); ``SAYING``: a text
  named by a saying word, also when it is added ("a title that says Good Night", "título que diga…",
  "标题叫夜班", "タイトルは夜勤で"); ``TEXT_LASTS``,
  ``TEXT_START``, ``TEXT_FOR``: when a title comes on and how long it stays; ``TEXT_FADE``: a text that fades.
- ``INTO``: the word before the new value of a change ("the sunset to night"); ``FILLER``: words between an
  amount and its unit ("10 more seconds").

Real people (``people.py``: footage of a named person doing something is refused as ``person``):

- ``PERSON_NAME``: a name as written (group 1: capitalised words, or a name joined by a middle dot);
  ``PERSON_NAMES``: well-known names matched in any case; ``PERSON_DOING``: what follows a name when the
  person does something ("dancing", "marcando", "跳舞", "踊って"); ``PERSON_NOT_AFTER``: words before a name
  that make it a text ("titled"); ``NOT_PEOPLE``: request words and place names that read as names ("Make",
  "New York"); ``PLACE_WORDS``: a name's first or last word that makes it a place ("Park", "Mount").
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType

from . import en, es, ja, zh, zh_numbers

MODULES: tuple[ModuleType, ...] = (en, zh, es, ja)
REQUIRED = (
    "CODE",
    "SCRIPT_FOLD",
    "UNDO",
    "REDO",
    "UNDONE",
    "INSTEAD",
    "ORIGINAL",
    "UNDO_STEPS",
    "VERSION_WITH",
    "VERSION_BEFORE",
    "FEATURES",
    "REFUSALS",
    "REAL_FOOTAGE",
    "POSTING",
    "MUSIC_OFF",
    "LONGER",
    "SHORTER",
    "UP",
    "DOWN",
    "MUCH",
    "LITTLE",
    "DOUBLE",
    "HALF",
    "TIMES",
    "TO",
    "FIRST_N",
    "LAST_N",
    "NEGATION",
    "KEEP_ONLY",
    "ON_SCREEN",
    "LENGTH",
    "VOLUME",
    "SIZE",
    "NO_TEXT",
    "POSITION_VERBS",
    "KNOWN",
    "SPELLING",
    "HOMOPHONES",
    "READINGS",
    "SOUND_MARKS",
    "PARTICLES",
    "SOUNDS_ALIKE",
    "NAME_DOTS",
    "TABLES",
    "GROUPS",
    "REPLIES",
    "LIMIT_TEXTS",
    "NAMES",
    "LIST_JOIN",
    "LIST_COMMA",
    "SECONDS",
    "SENTENCE_END",
    "SENTENCE_ENDS",
    "SENTENCE_GAP",
    "SCENE",
    "SCENE_WITH",
    "FX_SEP",
    "FX_LAST",
    "SECOND_UNITS",
    "MINUTE_UNITS",
    "MINUTE_AND",
    "HALF_MINUTE",
    "MINUTE_AND_HALF",
    "MINUTE_AND_QUARTER",
    "NUMBER_WORDS",
    "ARTICLES",
    "DECADE_HINTS",
    "CLOCK_SUFFIX",
    "TEXT2NUM",
    "WRITTEN_NUMBERS",
    "ORDINAL_KEEP",
    "ORDINAL_WORDS",
    "ORDINAL_NUMBERED",
    "SEED",
    "DESCRIPTION",
    "NAMED",
    "SUBJECTS",
    "SUBJECT",
    "SUBJECT_TRIM",
    "SUBJECT_ARTICLE",
    "QUIET_MUSIC",
    "LOUD_MUSIC",
    "MUSIC_LEVEL",
    "NEW_TEXT",
    "SAYING",
    "TEXT_LASTS",
    "TEXT_START",
    "TEXT_FOR",
    "TEXT_FADE",
    "INTO",
    "FILLER",
    "PERSON_NAME",
    "PERSON_NAMES",
    "PERSON_DOING",
    "PERSON_NOT_AFTER",
    "NOT_PEOPLE",
    "PLACE_WORDS",
)
# The names above that hold words (tuples, or key → words tables) the speller reads as the vocabulary.
READ_WORDS = tuple(
    n
    for n in REQUIRED[: REQUIRED.index("FX_LAST") + 1]
    if n
    not in (
        "SPELLING",
        "HOMOPHONES",
        "READINGS",
        "SOUNDS_ALIKE",
        "NAME_DOTS",
        "REPLIES",
        "LIMIT_TEXTS",
    )
    and isinstance(getattr(en, n), tuple | dict)
)
# Word groups every language lists in ``GROUPS`` (empty where it has none).
REQUIRED_GROUPS = (
    "THEN",
    "CAPTION_AFTER",
    "CLAUSE_JOINERS",
    "REVERSE_ORDER",
    "START_WITH",
    "FADE",
    "REMOVED_AFTER",
    "VOLUME_WORDS",
    "ORDER",
    "FIRST_TWO",
    "LAST_TWO",
    "EDIT_HINTS",
    "GREETINGS",
    "CHANGES",
    "COMMON",
    "BACK",
    "BEFORE",
    "PREFER",
    "TEXT_CUES",
)
# Vocabulary tables every language lists in ``TABLES``.
REQUIRED_TABLES = ("RESOLUTIONS",)


def by_code(code: str) -> ModuleType:
    """The language module for a reply-language code; English for any other."""
    return next((m for m in MODULES if code == m.CODE), en)


def words(name: str) -> tuple[str, ...]:
    """The words every language gives for ``name``, in language order."""
    return tuple(w for m in MODULES for w in getattr(m, name))


def patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The compiled pattern of every language for ``name``."""
    return tuple(re.compile(getattr(m, name)) for m in MODULES)


def table(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Key → words tables of every language merged, keys in first-seen order."""
    merged: dict[str, list[str]] = {}
    for m in MODULES:
        for key, ws in getattr(m, name).items():
            merged.setdefault(key, []).extend(ws)
    return tuple((key, tuple(ws)) for key, ws in merged.items())


def table_of(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A vocabulary table (draft value → words) with every language's words, values in table order."""
    values = list(en.TABLES[name])
    return tuple((v, tuple(w for m in MODULES for w in m.TABLES[name].get(v, ()))) for v in values)


def group(name: str) -> tuple[str, ...]:
    """A vocabulary word group with every language's words."""
    return tuple(w for m in MODULES for w in m.GROUPS.get(name, ()))


def spelling() -> dict[str, str]:
    """Extra spellings of vocabulary words in every language."""
    return {k: v for m in MODULES for k, v in m.SPELLING.items()}


def filled(name: str, slot: str) -> tuple[str, ...]:
    """Every language's ``name`` pattern source (a template such as ``NEGATION``) with its ``{slot}``
    replaced by the pattern source ``slot``."""
    return tuple(src.replace("{slot}", slot) for src in sources(name))


def sources(name: str) -> tuple[str, ...]:
    """The non-empty pattern sources every language gives for ``name``."""
    return tuple(src for m in MODULES if (src := getattr(m, name)))


@lru_cache(maxsize=128)
def either(name: str, flags: int = 0) -> re.Pattern[str]:
    """One pattern matching any language's ``name`` pattern (its value is ``first_group``)."""
    return re.compile("|".join(f"(?:{src})" for src in sources(name)) or r"(?!)", flags)


@lru_cache(maxsize=32)
def alternatives(name: str) -> str:
    """The alternatives of every language's ``name`` pattern as one group, longest first, so "segundos"
    is tried before "s" (each language's pattern is a plain ``a|b|c`` list)."""
    pieces = {piece for src in sources(name) for piece in src.split("|")}
    if not pieces:
        return "(?!)"
    return "(?:" + "|".join(sorted(pieces, key=lambda p: (-len(p), p))) + ")"


def first_group(m: re.Match[str]) -> str:
    """The first group of a match that took part in it (the value of an ``either`` pattern)."""
    return next((g for g in m.groups() if g is not None), "")


def mapping(name: str) -> dict[str, int]:
    """Word → number maps of every language merged (``NUMBER_WORDS``, ``ORDINAL_WORDS``)."""
    return {k: v for m in MODULES for k, v in getattr(m, name).items()}


def numeral(text: str) -> int | None:
    """A number written in digits or Chinese numerals ("12", "十二"), None when it is neither."""
    return int(text) if text.isdigit() else zh_numbers.value(text)
