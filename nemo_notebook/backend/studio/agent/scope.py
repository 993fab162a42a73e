"""The languages a message speaks: a Latin word of one language's vocabulary that is an ordinary word of the
message's own language ("sea" in "mejor que sea de día", "red" in "mi red social") is that language's word,
not the other's, unless the message shows the other language too ("make it sunset, con música tranquila").

In Chinese and Japanese messages the kanji are shared on purpose and a Latin word is borrowed on purpose
("BGM", "lofi"); only the language's ``KNOWN`` words that hold another's vocabulary word are left out
("朝着", towards, holds the Japanese 朝, morning).
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType

from nemo_notebook.language import detect_language, hint_scores, without_quotes

from . import lang, typos
from .words import normalise

# A language shows in a message with this many of its own stop words (a letter only it uses counts two).
SHOWN = 2.0
# Shorter Latin words are left to every language (pieces of patterns, "a", "no").
MIN_LETTERS = 3
# What a language module holds that is not read from a message: its ordinary words, replies and names.
_NOT_READ = (
    "KNOWN",
    "SPELLING",
    "SOUNDS_ALIKE",
    "REPLIES",
    "LIMIT_TEXTS",
    "NAMES",
    "SCENE",
    "SCENE_WITH",
    "SECONDS",
)
_LATIN_WORD = re.compile(r"[a-zñáéíóúü]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=8)
def _vocabulary(module: ModuleType) -> frozenset[str]:
    """The single Latin words of one language's vocabulary (its tables, groups and read words)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(_LATIN_WORD.findall(value))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, int):
                    walk(key)  # word → number maps ("dos" → 2)
                walk(item)

    for name in (*lang.REQUIRED, "GROUPS", "TABLES"):
        if name not in _NOT_READ:
            walk(getattr(module, name))
    return frozenset(w for w in found if len(w) >= MIN_LETTERS)


def _ordinary(module: ModuleType, word: str) -> bool:
    """Whether ``word`` is an ordinary word of the language: its ``KNOWN`` words, and for English every
    common word (``typos.common``: English has a frequency table)."""
    return word in module.KNOWN or (module is lang.en and typos.common(word))


def _latin_around(
    message: str, words: set[str], shown: dict[str, float], latin: list[ModuleType]
) -> ModuleType | None:
    """The Latin-script language a message is written in around a few Chinese or Japanese words ("make a
    video of 夜の街 at night"): its stop words show, and its words outnumber the CJK characters."""
    best = max(latin, key=lambda m: shown.get(m.CODE, 0.0))
    plain = without_quotes(message)
    cjk = len(_CJK.findall(plain))
    latin_words = len(_LATIN_WORD.findall(normalise(plain)))
    return best if shown.get(best.CODE, 0.0) >= SHOWN and latin_words > cjk else None


def _own(message: str, words: set[str]) -> ModuleType:
    """The message's own language: by script for Chinese and Japanese, else the Latin-script language
    whose stop words and vocabulary words it uses most ("déjalo como antes" has no stop word, but
    Spanish request words), the detector's choice on a tie."""
    detected = lang.by_code(detect_language(message))
    shown = hint_scores(message)
    latin = [m for m in lang.MODULES if m.TEXT2NUM is not None]
    if detected.TEXT2NUM is None:
        return _latin_around(message, words, shown, latin) or detected

    def theirs(module: ModuleType) -> int:
        """The message's words only ``module``'s vocabulary has, and no other language uses as its own
        ("sierra", "costa" are English words too, so they are no sign of Spanish)."""
        others = [m for m in latin if m is not module]
        return sum(
            1
            for w in words & _vocabulary(module)
            if not any(w in _vocabulary(o) or _ordinary(o, w) for o in others)
            and not hint_scores(w).get(module.CODE)  # a stop word counts once, in ``shown``
        )

    weight = {m: shown.get(m.CODE, 0.0) + theirs(m) for m in latin}
    best = max(weight.values())
    return detected if weight.get(detected) == best else max(latin, key=lambda m: weight[m])


def language_of(message: str) -> str:
    """The reply-language code of the language the message is written in (``_own``)."""
    text = normalise(without_quotes(message))
    return str(_own(message, set(_LATIN_WORD.findall(text))).CODE)


def foreign(message: str, text: str) -> tuple[str, ...]:
    """The words of normalised ``text`` that belong to the message's own language although another
    language's vocabulary spells them the same, where the message does not show that other language."""
    words = set(_LATIN_WORD.findall(text))
    own = _own(message, words)
    if (
        own.TEXT2NUM is None
    ):  # Chinese or Japanese: its ordinary words that hold a vocabulary word ("朝着")
        return tuple(w for w in own.KNOWN if w in text)
    shown = hint_scores(message)
    mine = _vocabulary(own)
    out: set[str] = set()
    for other in lang.MODULES:
        if other is own or other.TEXT2NUM is None or shown.get(other.CODE, 0.0) >= SHOWN:
            continue
        theirs = _vocabulary(other)
        out.update(w for w in words if w in theirs and w not in mine and _ordinary(own, w))
    return tuple(sorted(out))
