"""Durations in the forms people write them: "15-second", "1:30", "a minute", "15秒", "半分钟", "1 minuto"."""

from __future__ import annotations

import re

from . import lang

_SEC = lang.alternatives("SECOND_UNITS")
_MIN = lang.alternatives("MINUTE_UNITS")
_NUM = r"(\d+(?:[.,]\d+)?)"
_LATIN_END = r"(?![a-z])"
_AND = "|".join(lang.sources("MINUTE_AND"))

_ONE = "|".join(re.escape(w) for w in lang.words("ARTICLES"))
# "1 min 30 s", "1 minute 30", "a minute fifteen", "1m15s", "1分30秒": the seconds' unit may be left out
# after a minute, and an article stands for one minute.
_COMBINED = re.compile(
    rf"(?:{_NUM}|(?<![a-z])(?:{_ONE}))"
    + r"\s*"
    + _MIN
    + rf"\s*(?:{_AND})?"
    + _NUM
    + r"(?:\s*"
    + _SEC
    + _LATIN_END
    + r"|(?![\d.,%:]))"
)
_CLOCK = re.compile(
    r"(?<![\d:.])(\d{1,2}):([0-5]\d)(?![\d:])" + rf"(?!\s*{lang.alternatives('CLOCK_SUFFIX')})"
)
_NUMERIC = re.compile(
    r"(?<![\d.])(?<!\d,)" + _NUM + r"\s*-?\s*(" + _SEC + "|" + _MIN + ")" + _LATIN_END
)

_WORD_NUMBERS = lang.mapping("NUMBER_WORDS")
_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_WORD_DURATION = re.compile(
    r"(?<![\w-])(" + _WORDS + r")[\s-]+(?:(" + _SEC + r")|(" + _MIN + r"))(?!\w)"
)
_HALF_MINUTE = lang.either("HALF_MINUTE")
_MINUTE_AND_HALF = lang.either("MINUTE_AND_HALF")
_MINUTE_AND_QUARTER = lang.either("MINUTE_AND_QUARTER")
_ARTICLES = lang.words("ARTICLES")
_DECADE_HINTS = lang.words("DECADE_HINTS")


def _is_decade(text: str, match: re.Match[str], value: float, unit: str) -> bool:
    if unit != "s":
        return False
    start = match.start()
    if value >= 1000 or (start > 0 and text[start - 1] in "'’"):
        return True
    return value in (50, 60, 70, 80, 90) and any(h in text for h in _DECADE_HINTS)


def _seconds(value: str, unit: str) -> float:
    number = float(value.replace(",", "."))
    return number * 60 if re.fullmatch(_MIN, unit) else number


def parse_duration(text: str) -> float | None:
    """Seconds asked for in normalised ``text`` (the earliest mention), or None."""
    if m := _COMBINED.search(text):
        minutes = float(m.group(1).replace(",", ".")) if m.group(1) else 1.0
        return minutes * 60 + float(m.group(2).replace(",", "."))
    found: list[tuple[int, int, float]] = []
    found.extend((m.start(), 0, 30.0) for m in _HALF_MINUTE.finditer(text))
    for m in _MINUTE_AND_HALF.finditer(text):
        found.append((m.start(), 0, float(lang.first_group(m) or 1) * 60 + 30))
    for m in _MINUTE_AND_QUARTER.finditer(text):
        found.append((m.start(), 0, float(lang.first_group(m) or 1) * 60 + 15))
    for m in _CLOCK.finditer(text):
        if m.group(0) == "9:16":
            continue
        found.append((m.start(), 1, int(m.group(1)) * 60 + int(m.group(2))))
    for m in _NUMERIC.finditer(text):
        if not _is_decade(text, m, float(m.group(1).replace(",", ".")), m.group(2)):
            found.append((m.start(), 1, _seconds(m.group(1), m.group(2))))
    for m in _WORD_DURATION.finditer(text):
        if m.group(3) or m.group(1) not in _ARTICLES:
            found.append((m.start(), 1, _WORD_NUMBERS[m.group(1)] * (60 if m.group(3) else 1)))
    return float(min(found)[2]) if found else None
