"""Numbers written as words, in any of the four languages, rewritten as digits before a message is read."""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from .lang import ja_numbers, zh_numbers

# Ordinal words that text2num would turn into "2nd"; they mean "which one" (or "a second" of time), so they stay.
_ORDINALS = re.compile(r"\b(first|second|third|primer[oa]?|segund[oa]s?|tercer[oa]?)\b")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_LATIN_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez"
    r"|once|doce|quince|veinte|veinti\w+|treinta|cuarenta|cincuenta|sesenta|noventa|cien)\b"
)
_KANA = re.compile(r"[\u3040-\u30ff]")


def _latin(text: str, lang: str) -> str:
    if not _LATIN_NUMBER.search(text):
        return text
    masked = _ORDINALS.sub(lambda m: f"ordx{m.group(1)}x", _HYPHEN.sub(" ", text))
    out = alpha2digit(masked, "es" if lang == "es" else "en", threshold=0)
    return re.sub(r"ordx(\w+?)x", r"\1", out)


def read(text: str, lang: str) -> str:
    """Normalised ``text`` with written numbers as digits: text2num for English and Spanish, the CJK readers
    for Chinese and Japanese (whichever script the text has)."""
    text = _latin(text, lang)
    if _KANA.search(text):
        return ja_numbers.read(text)
    return zh_numbers.read(text)
