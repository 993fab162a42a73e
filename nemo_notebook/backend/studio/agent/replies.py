"""Filling reply templates and naming draft values in the reply language; the texts live in ``lang/<code>.py``."""

from __future__ import annotations

from typing import Any

from .lang import by_code


def say(lang: str, key: str, **values: Any) -> str:
    """The ``key`` template in ``lang`` filled with ``values``."""
    return str(by_code(lang).REPLIES[key]).format(**values)


def name(lang: str, kind: str, value: str) -> str:
    """The localised name of a draft value (a time of day, a mood, a position…)."""
    return str(by_code(lang).NAMES[kind][value])


def limitation(lang: str, key: str, **values: Any) -> str:
    """The honest reply for something the studio cannot do, with what it can do instead."""
    what, instead = by_code(lang).LIMIT_TEXTS[key]
    return say(lang, "limit", what=what.format(**values), instead=instead.format(**values))


def seconds(lang: str, ms: float) -> str:
    """A duration such as "15 s" / "15 秒" / "15秒"."""
    value = f"{ms / 1000:.1f}".rstrip("0").rstrip(".")
    return str(by_code(lang).SECONDS).format(value=value)


def span(lang: str, st: float, d: float) -> str:
    """A time range such as "0–15 s"."""
    start = f"{st / 1000:.1f}".rstrip("0").rstrip(".")
    return f"{start}–{seconds(lang, st + d)}"


def join(lang: str, items: list[str]) -> str:
    """Items of a summary, joined the way the language lists things."""
    return str(by_code(lang).LIST_JOIN).join(items)


def bullets(items: list[str]) -> str:
    """A compact list, one item a line."""
    return "\n".join(f"- {item}" for item in items)


def details(lang: str, items: list[str], notes: list[str]) -> str:
    """What a generation added beyond its opening sentence, as a list, then any notes."""
    parts = [bullets(items)] if items else []
    if notes:
        parts.append(sentences(lang, notes))
    return "\n".join(parts)


def changed(lang: str, changes: list[str], misses: list[str]) -> str:
    """An edit's reply said once: the one change as a sentence, or a count and a list; then what it could not do."""
    head = (
        sentences(lang, changes)
        if len(changes) == 1
        else say(lang, "changes_head", count=len(changes))
    )
    body = "" if len(changes) == 1 else "\n" + bullets(changes)
    tail = ("\n" if body else str(by_code(lang).SENTENCE_GAP)) + sentences(lang, misses)
    return head + body + (tail if misses else "")


def sentences(lang: str, parts: list[str]) -> str:
    """Short remarks as sentences, ended and spaced the way the language does."""
    words = by_code(lang)
    ends, end = tuple(words.SENTENCE_ENDS), str(words.SENTENCE_END)
    return str(words.SENTENCE_GAP).join(p if p.endswith(ends) else p + end for p in parts)


def music_phrase(lang: str, mood: str, vol: float, st: float, d: float) -> str:
    """ "Calm music at 35% (0–15 s)" in ``lang``."""
    return say(
        lang,
        "item_music",
        mood=name(lang, "mood", mood),
        vol=round(vol * 100),
        span=span(lang, st, d),
    )


def list_join(lang: str, parts: list[str]) -> str:
    """Phrases joined with the language's list comma."""
    return str(by_code(lang).LIST_COMMA).join(parts)


def describe_scene(lang: str, tod: str, land: str, fx: list[str]) -> str:
    """A scene in words: "a city skyline at sunset with birds" / "日落时分的城市天际线，伴有飞鸟"."""
    words = by_code(lang)
    effects = [name(lang, "fx", f) for f in fx]
    scene = str(words.SCENE).format(tod=name(lang, "tod", tod), land=name(lang, "land", land))
    if not effects:
        return scene
    listed = str(words.FX_SEP).join(effects[:-1])
    listed = listed + str(words.FX_LAST) + effects[-1] if listed else effects[-1]
    return scene + str(words.SCENE_WITH).format(fx=listed)
