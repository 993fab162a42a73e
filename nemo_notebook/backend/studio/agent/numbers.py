"""Numbers written as words, in any of the four languages, rewritten as digits before a message is read."""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from . import lang as languages
from .lang import ja_numbers, zh_numbers

# Ordinal words that text2num would turn into "2nd"; they mean "which one" (or "a second" of time), so they stay.
_ORDINALS = languages.either("ORDINAL_KEEP")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_LATIN_NUMBER = languages.either("WRITTEN_NUMBERS")
_KANA = re.compile(r"[\u3040-\u30ff]")
# Ordinal words are wrapped in these marks (letters, so text2num reads them as one unknown word) and
# unwrapped after.
_OPEN, _CLOSE = "zqx", "xqz"
_MASKED = re.compile(f"{_OPEN}(\\w+?){_CLOSE}")


def _latin(text: str, lang: str) -> str:
    if not _LATIN_NUMBER.search(text):
        return text
    masked = _ORDINALS.sub(lambda m: f"{_OPEN}{m.group(0)}{_CLOSE}", _HYPHEN.sub(" ", text))
    out = alpha2digit(masked, _text2num(lang), threshold=0)
    return _MASKED.sub(r"\1", out)


def _text2num(code: str) -> str:
    """The text2num language for a reply language; English for one text2num does not read."""
    return languages.by_code(code).TEXT2NUM or "en"


def read(text: str, lang: str) -> str:
    """Normalised ``text`` with written numbers as digits: text2num for English and Spanish, the CJK readers
    for Chinese and Japanese (whichever script the text has)."""
    text = _latin(text, lang)
    if _KANA.search(text):
        return ja_numbers.read(text)
    return zh_numbers.read(text)
