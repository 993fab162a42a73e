"""Score the local studio's agent against the request corpus: the share of whole requests right, per class.

Each line of ``tests/corpus/*.jsonl`` is one request: ``message``, the ``setup`` messages sent before it
in the same session (each must make a draft), and the draft attributes a person would expect after it.
Run ``python tests/corpus/score.py`` for the table, ``-v`` to list the misses, ``--dir FOLDER`` to score
the ``*.jsonl`` files of another folder (e.g. ``tests/corpus/fresh``, a set kept out of the tests).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nemo_notebook.backend.studio import plan_turn

CORPUS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Outcome:
    """One scored request: its id and class, and what was wrong (empty when right)."""

    id: str
    cls: str
    message: str
    problems: list[str]


def load(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """Every request of every ``*.jsonl`` file directly in ``folder`` (the corpus by default), in file order."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def _scenes(draft: dict[str, Any]) -> list[dict[str, Any]]:
    from nemo_notebook.backend.studio.agent import draft as dr

    return [q for s in dr.video_segments(draft) if (q := dr.read_scene(str(s.get("src", ""))))]


def _texts(draft: dict[str, Any], role: str) -> list[dict[str, Any]]:
    from nemo_notebook.backend.studio.agent import draft as dr

    return dr.text_segments(draft, role)


def _music(draft: dict[str, Any]) -> list[dict[str, Any]]:
    from nemo_notebook.backend.studio.agent import draft as dr

    return dr.music_segments(draft)


def _content(draft: dict[str, Any]) -> Any:
    meta = draft.get("m", {})
    return (draft.get("d"), meta.get("aspect"), meta.get("res"), json.dumps(draft.get("t", [])))


def _direction(before: float | None, after: float | None, want: str) -> bool:
    if before is None or after is None:
        return False
    return after > before if want == "up" else after < before


def check(
    expect: dict[str, Any], turn: Any, before: dict[str, Any] | None, versions: list[Any]
) -> list[str]:
    """What the turn got wrong against ``expect``."""
    problems: list[str] = []
    text = " ".join(e.text for e in turn.events if e.kind == "text")
    if expect.get("refused") or expect.get("unchanged"):
        if turn.draft is not None:
            problems.append("made or changed a draft")
        if expect.get("refused") and turn.kind != "none":
            problems.append(f"kind {turn.kind}")
    elif turn.draft is None:
        return [f"no draft: {text[:120]}"]
    if "reply_has" in expect and expect["reply_has"] not in text:
        problems.append(f"reply lacks {expect['reply_has']!r}: {text[:120]}")
    if "lang" in expect and turn.language != expect["lang"]:
        problems.append(f"lang {turn.language}")
    draft = turn.draft if turn.draft is not None else before
    if draft is None:
        return problems
    meta = draft.get("m", {})
    scenes = _scenes(draft)
    first = scenes[0] if scenes else {}
    music = _music(draft)
    titles, captions = _texts(draft, "title"), _texts(draft, "caption")
    old_titles = _texts(before, "title") if before else []
    old_music = _music(before) if before else []
    got: dict[str, Any] = {
        "duration": draft.get("d", 0) / 1000,
        "aspect": meta.get("aspect"),
        "res": meta.get("res"),
        "land": first.get("land"),
        "tod": first.get("tod"),
        "music": bool(music),
        "mood": (
            str(music[0].get("src", "")).removeprefix("gen:music/").partition("?")[0]
            if music
            else None
        ),
        "title": titles[0].get("tx") if titles else None,
        "caption": captions[0].get("tx") if captions else None,
        "title_pos": titles[0].get("sty", {}).get("pos") if titles else None,
    }
    for key in ("aspect", "res", "land", "tod", "music", "mood", "title", "caption", "title_pos"):
        if key in expect and got[key] != expect[key]:
            problems.append(f"{key} {got[key]!r} != {expect[key]!r}")
    if "duration" in expect and abs(got["duration"] - expect["duration"]) > 0.05:
        problems.append(f"duration {got['duration']} != {expect['duration']}")
    if "duration_range" in expect:
        low, high = expect["duration_range"]
        if not low <= got["duration"] <= high:
            problems.append(f"duration {got['duration']} not in {low}–{high}")
    for fx in expect.get("fx", []):
        if fx not in first.get("fx", []):
            problems.append(f"no {fx} in {first.get('fx')}")
    if "volume" in expect:
        vol = round(float(music[0].get("vol", 0)) * 100) if music else None
        old = round(float(old_music[0].get("vol", 0)) * 100) if old_music else None
        want = expect["volume"]
        ok = (
            _direction(old, vol, want)
            if isinstance(want, str)
            else vol is not None and abs(vol - want) <= 1
        )
        if not ok:
            problems.append(f"volume {old} → {vol}, want {want}")
    if "title_size" in expect:
        size = titles[0].get("sty", {}).get("size") if titles else None
        old_size = old_titles[0].get("sty", {}).get("size") if old_titles else None
        want = expect["title_size"]
        ok = _direction(old_size, size, want) if isinstance(want, str) else size == want
        if not ok:
            problems.append(f"title size {old_size} → {size}, want {want}")
    for key, field in (("title_start", "st"), ("title_d", "d")):
        if key in expect:
            value = titles[0][field] / 1000 if titles else None
            if value is None or abs(value - expect[key]) > 0.05:
                problems.append(f"{key} {value} != {expect[key]}")
    if "same_as" in expect and _content(draft) != _content(versions[expect["same_as"]]):
        problems.append(f"not the same as setup version {expect['same_as'] + 1}")
    labels = [str(meta.get("title", ""))] + [
        str(s.get("n", "")) for t in draft.get("t", []) for s in t.get("sg", [])
    ]
    for word in expect.get("label_excludes", []):
        if any(word.lower() in label.lower() for label in labels):
            problems.append(f"label has {word!r}: {labels}")
    return problems


_SETUPS: dict[tuple[str, ...], tuple[Any, list[dict[str, Any]], list[dict[str, Any]], str]] = {}


def _setup(
    messages: tuple[str, ...],
) -> tuple[Any, list[dict[str, Any]], list[dict[str, Any]], str]:
    """The draft, history and versions a setup makes (played once per distinct setup), or a failure."""
    if messages in _SETUPS:
        return _SETUPS[messages]
    draft: dict[str, Any] | None = None
    history: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    failure = ""
    for message in messages:
        turn = plan_turn(message, draft, assets=[], history=history)
        if turn.draft is None:
            failure = f"setup {message!r} made no draft"
            break
        draft = turn.draft
        versions.append(draft)
        history.append({"version": len(history) + 1, "draft": draft, "message": message})
    _SETUPS[messages] = (draft, history, versions, failure)
    return _SETUPS[messages]


def run_case(case: dict[str, Any]) -> Outcome:
    """Play the case's setup and message in a fresh session and check the outcome."""
    draft, history, versions, failure = _setup(tuple(case.get("setup", [])))
    if failure:
        return Outcome(case["id"], case["class"], case["message"], [failure])
    turn = plan_turn(case["message"], draft, assets=[], history=history)
    return Outcome(
        case["id"], case["class"], case["message"], check(case["expect"], turn, draft, versions)
    )


def score(
    cases: list[dict[str, Any]] | None = None,
) -> tuple[dict[str, tuple[int, int]], list[Outcome]]:
    """(class → (right, total)) and every outcome."""
    outcomes = [run_case(c) for c in (cases if cases is not None else load())]
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        table[o.cls][0] += not o.problems
        table[o.cls][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(table.items())}, outcomes


def report(table: dict[str, tuple[int, int]]) -> str:
    """The per-class and overall percentages as a small table."""
    lines = [f"{'class':<10} {'right':>5} {'total':>5} {'share':>7}"]
    for cls, (right, total) in table.items():
        lines.append(f"{cls:<10} {right:>5} {total:>5} {100 * right / total:>6.1f}%")
    right = sum(r for r, _ in table.values())
    total = sum(t for _, t in table.values())
    lines.append(f"{'overall':<10} {right:>5} {total:>5} {100 * right / total:>6.1f}%")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    folder = CORPUS
    if "--dir" in argv:
        at = argv.index("--dir")
        if at + 1 >= len(argv) or not Path(argv[at + 1]).is_dir():
            sys.exit("score.py: --dir needs an existing folder of .jsonl files")
        folder = Path(argv[at + 1])
    cases = load(folder)
    if not cases:
        sys.exit(f"score.py: no requests in {folder}/*.jsonl")
    table, outcomes = score(cases)
    if "-v" in argv:
        for o in outcomes:
            if o.problems:
                print(f"{o.id} [{o.cls}] {o.message!r}: {'; '.join(o.problems)}")
    print(report(table))


if __name__ == "__main__":
    main(sys.argv[1:])
