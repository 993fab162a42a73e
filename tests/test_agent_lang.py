"""The studio agent's words live in its language modules only, and every language supplies the same names."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from nemo_notebook.backend.studio.agent import lang

AGENT = Path(lang.__file__).resolve().parent.parent
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]{2,}")
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\[A-Za-z]")
# Whole literals the shared code may hold although they are also words of a language: names of draft
# values, tool calls, reply keys, intents and operations, track labels, data file names. They are
# program tokens, never read from or shown as a message's words.
STRUCTURAL = frozenset(
    {
        # intents, event kinds, operations and reply keys
        "edit", "generate", "help", "undo", "redo", "restore", "original", "regenerate", "drop", "export",
        "capabilities", "duration", "scene", "version", "first", "last", "to", "by", "reverse", "swap",
        "move",
        # draft and tool-call values, track labels, file types, scene fields
        "text", "video", "image", "audio", "Title", "Caption", "Captions", "Video", "upload", "uploads",
        "tod", "land", "fx", "motion", "seed", "zh",
        # a hash salt, a data file, a re-exported name
        ":again", "english_words.pkl", "Edit",
    }
)  # fmt: skip


def _keys() -> frozenset[str]:
    """Draft values, subject and limitation keys, language codes: the tokens the language modules map
    words onto, which the shared code names as tokens."""
    keys: set[str] = set()
    for module in lang.MODULES:
        keys.add(module.CODE)
        for table in (*module.TABLES.values(), *module.NAMES.values()):
            keys.update(table)
        for name in ("SUBJECTS", "FEATURES", "REFUSALS", "LIMIT_TEXTS"):
            keys.update(getattr(module, name))
    return frozenset(keys)


def _vocabulary() -> frozenset[str]:
    """Every Latin word the language modules give as a word or inside a pattern (keys are not words)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(_LATIN.findall(_ESCAPE.sub(" ", value.lower())))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, tuple | list):
            for v in value:
                walk(v)

    for module in lang.MODULES:
        for name in (*lang.REQUIRED, "GROUPS", "TABLES"):
            if name not in ("REPLIES", "LIMIT_TEXTS", "NAMES"):
                walk(getattr(module, name))
    return frozenset(found)


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                out.add(id(value))
    return out


def language_literals(path: Path, vocabulary: frozenset[str]) -> list[str]:
    """The string literals of one module that hold a word of any language, as "file:line: literal"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    skip |= {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys}
    allowed = STRUCTURAL | _keys()
    found = []
    for node in ast.walk(tree):
        if (
            not isinstance(node, ast.Constant)
            or not isinstance(node.value, str)
            or id(node) in skip
        ):
            continue
        value = node.value
        if value in allowed or re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+_?|_?[a-z]+_|[A-Z_]+", value):
            continue  # a key: reply keys, tool names, prefixes of them, names of language entries
        words = set(_LATIN.findall(_ESCAPE.sub(" ", value.lower())))
        if _CJK.search(value) or words & vocabulary:
            found.append(f"{path.name}:{node.lineno}: {value[:60]!r}")
    return found


def test_no_language_words_outside_the_language_modules() -> None:
    vocabulary = _vocabulary()
    assert {"seconds", "title", "segundos", "then"} <= vocabulary
    found = [
        hit for path in sorted(AGENT.glob("*.py")) for hit in language_literals(path, vocabulary)
    ]
    assert found == []


def test_the_scan_finds_words_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Doc: seconds."""\nA = ("then", "luego")\nB = r"\\bfollowed by\\b"\nC = "然后"\nD = "ch_title_added"\n',
        encoding="utf-8",
    )
    hits = language_literals(sample, _vocabulary())
    assert sorted(h.split(":")[1] for h in hits) == ["2", "2", "3", "4"]


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, tuple):
        return "tuple"
    return "str" if isinstance(value, str) else "other"


@pytest.mark.parametrize("module", lang.MODULES, ids=lambda m: m.CODE)
def test_every_language_supplies_every_name(module: ModuleType) -> None:
    missing = [n for n in lang.REQUIRED if not hasattr(module, n)]
    assert missing == []
    for name in lang.REQUIRED:
        if name != "TEXT2NUM":
            assert _kind(getattr(module, name)) == _kind(getattr(lang.en, name)), name
    assert set(module.GROUPS) >= set(lang.REQUIRED_GROUPS)
    assert set(module.TABLES) == set(lang.en.TABLES)
    assert set(module.REPLIES) == set(lang.en.REPLIES)
    assert set(module.SUBJECTS) == set(lang.en.SUBJECTS)
    for name in lang.REQUIRED:
        value = getattr(module, name)
        if isinstance(value, str) and name.isupper() and "{" not in value:
            re.compile(value)
