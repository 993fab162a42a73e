"""Undo, redo and going back to an earlier version, through the session's draft history.

The history is the backend's list of versions, oldest first: ``{"version": int, "draft": dict, "message": str}``.
Going back never deletes anything: it makes a new version equal to an earlier one, so it can itself be
undone. The new version's metadata says which version it restores (``m.restores``) and which one was
current before (``m.redo``), so "undo" twice walks further back and "redo" returns to where it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from nemo_notebook.draft import KEY_ASPECT, KEY_META, KEY_REDO, KEY_RESTORES

from . import draft as dr

Version = dict[str, Any]


@dataclass(frozen=True)
class Restore:
    """The draft to make current, the version it copies, and the version that was current."""

    draft: dr.Draft
    version: int
    current: int


def base(entry: Version) -> int:
    """The version an entry stands for: the one it restores, else itself."""
    restores = entry["draft"].get(KEY_META, {}).get(KEY_RESTORES)
    return int(restores) if restores else int(entry["version"])


def _copy(target: Version, current: Version, *, redo: int | None) -> Restore:
    draft = copy.deepcopy(target["draft"])
    meta = draft.setdefault(KEY_META, {})
    meta[KEY_RESTORES] = base(target)
    if redo is None:
        meta.pop(KEY_REDO, None)
    else:
        meta[KEY_REDO] = redo
    return Restore(draft, base(target), int(current["version"]))


def undo(history: list[Version], steps: int) -> Restore | None:
    """The version ``steps`` changes before the current one, or None when there is none."""
    if not history:
        return None
    current = history[-1]
    by_version = {int(v["version"]): v for v in history}
    earlier = sorted(v for v in by_version if v < base(current))
    if len(earlier) < steps:
        return None
    return _copy(by_version[earlier[-steps]], current, redo=int(current["version"]))


def redo(history: list[Version]) -> Restore | None:
    """The version that was current before the last undo, or None when the last change was no undo."""
    if not history:
        return None
    current = history[-1]
    target = current["draft"].get(KEY_META, {}).get(KEY_REDO)
    by_version = {int(v["version"]): v for v in history}
    if target is None or int(target) not in by_version:
        return None
    entry = by_version[int(target)]
    draft = copy.deepcopy(entry["draft"])
    return Restore(draft, base(entry), int(current["version"]))


# What ``before(feature)`` names: the version before the change that brought a feature.
_BEFORE = "<"


def before(feature: str) -> str:
    """The name ``find`` reads as the version just before ``feature`` came ("before I made it square")."""
    return _BEFORE + feature


def find(history: list[Version], feature: str) -> Restore | None:
    """The latest earlier version that has ``feature`` ("title", "caption", "music", "vertical", "square",
    "original", a version number, or ``before(feature)``), or None."""
    if not history:
        return None
    current = history[-1]
    if feature.startswith(_BEFORE):
        named = feature.removeprefix(_BEFORE)
        for newer, older in zip(reversed(history), reversed(history[:-1]), strict=False):
            if has_feature(newer["draft"], named) and not has_feature(older["draft"], named):
                return _copy(older, current, redo=int(current["version"]))
        return None
    earlier = [v for v in history[:-1] if int(v["version"]) != base(current)]
    if feature == "original":
        return (
            _copy(history[0], current, redo=int(current["version"])) if len(history) > 1 else None
        )
    if feature.isdigit():
        match = [v for v in history if int(v["version"]) == int(feature)]
        return _copy(match[0], current, redo=int(current["version"])) if match else None
    for entry in reversed(earlier):
        if has_feature(entry["draft"], feature):
            return _copy(entry, current, redo=int(current["version"]))
    return None


def restore(history: list[Version], version: int) -> Restore | None:
    """Version ``version`` made current again, or None when the session has no such version."""
    return find(history, str(version))


def has_feature(draft: dr.Draft, feature: str) -> bool:
    """Whether a draft has a title, captions, music, or the named frame."""
    if feature in ("title", "caption"):
        return bool(dr.text_segments(draft, feature))
    if feature == "music":
        return bool(dr.music_segments(draft))
    aspect = draft.get(KEY_META, {}).get(KEY_ASPECT)
    return (feature == "vertical" and aspect == "9:16") or (feature == "square" and aspect == "1:1")
