"""A real, named person doing something ("Taylor Swift dancing", "梅西进球"): footage the studio cannot make.

A name is two to four capitalised words as written, a name joined by a middle dot (泰勒·斯威夫特,
テイラー・スウィフト) or a well-known name of a language's ``PERSON_NAMES``; it counts only when what follows it
is a person doing something (``PERSON_DOING``), so places ("New York at night") and quoted titles stay requests.
"""

from __future__ import annotations

import re

from . import lang
from .words import has_any

_NAMES = lang.either("PERSON_NAME")
_KNOWN = lang.words("PERSON_NAMES")
_DOING = lang.either("PERSON_DOING")
_NOT_PEOPLE = frozenset(lang.words("NOT_PEOPLE"))
_PLACES = frozenset(lang.words("PLACE_WORDS"))
_NOT_AFTER = lang.words("PERSON_NOT_AFTER")
# Words the studio knows (scene, music, edit words): a name holding one is a request in title case
# ("A Sunset Video With Birds Flying"), not a person.
_VOCABULARY = frozenset(
    word.lower()
    for m in lang.MODULES
    for words in (
        *(w for table in m.TABLES.values() for w in table.values()),
        *m.GROUPS.values(),
        *m.SUBJECTS.values(),
    )
    for phrase in words
    for word in phrase.split()
    if len(word) > 2
)
_KNOWN_PATTERN = re.compile(
    "|".join(
        (rf"(?<!\w){re.escape(w)}(?!\w)" if w.isascii() else re.escape(w))
        for w in sorted(_KNOWN, key=len, reverse=True)
    )
    or r"(?!)",
    re.IGNORECASE,
)
_REACH = 40


def named_person(unquoted: str) -> str | None:
    """The person's name when ``unquoted`` (the message as written, quotes blanked) asks for a real, named
    person doing something, else None."""
    for start, end, name in _candidates(unquoted):
        before = unquoted[max(0, start - 16) : start].lower()
        if (
            name
            and not has_any(before, _NOT_AFTER)
            and _DOING.search(unquoted[end : end + _REACH].lower())
        ):
            return name
    return None


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for every possible name, earliest first; "" for a name that is not a person's."""
    found = [(m.start(), m.end(), m.group(0)) for m in _KNOWN_PATTERN.finditer(text)]
    found += [(m.start(), m.end(), _person(lang.first_group(m))) for m in _NAMES.finditer(text)]
    return sorted(found)


def _person(name: str) -> str:
    """The name without the request words before it; "" when what is left names a place or is one Latin word."""
    words = name.split()
    while words and words[0].lower() in _NOT_PEOPLE:
        words = words[1:]
    joined = " ".join(words)
    if not words or (len(words) < 2 and re.search(r"[A-Za-z]", joined)):  # a first name or a place
        return ""
    lowered = joined.lower()
    if lowered in _NOT_PEOPLE or any(lowered.startswith(f"{p} ") for p in _NOT_PEOPLE if " " in p):
        return ""
    if {words[0].lower(), words[-1].lower()} & _PLACES or {w.lower() for w in words} & _VOCABULARY:
        return ""
    return joined
