"""The agent against the request corpus (tests/corpus/*.jsonl), and the parts that make it hold up."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from nemo_notebook.backend.studio import plan_turn
from nemo_notebook.backend.studio.agent import lang, typos, vocab
from nemo_notebook.backend.studio.agent.negation import switched_off
from nemo_notebook.backend.studio.agent.request import cjk_speller, prepare, read, speller

_SCORE = Path(__file__).parent / "corpus" / "score.py"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("corpus_score", _SCORE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_score"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_large_and_covers_every_class_in_four_languages() -> None:
    cases = _scorer().load()
    assert len(cases) >= 300
    classes = {c["class"] for c in cases}
    assert classes >= {"generate", "relative", "everyday", "undo", "refusal", "typo", "language"}
    # ids are "<language>-N", or "f<language>-N", "h<language>-N" and "t<language>-N" for the requests
    # first written as sets apart
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    assert {i.split("-")[0].lstrip("fht") for i in ids} == {
        "en",
        "zh",
        "es",
        "ja",
    }


def test_corpus_share_right_is_at_least_97_percent_and_no_class_under_90() -> None:
    scorer = _scorer()
    table, outcomes = scorer.score()
    right = sum(r for r, _ in table.values())
    total = sum(t for _, t in table.values())
    misses = [f"{o.id} {o.message!r}: {o.problems}" for o in outcomes if o.problems]
    assert right / total >= 0.97, scorer.report(table) + "\n" + "\n".join(misses)
    assert all(r / t >= 0.90 for r, t in table.values()), scorer.report(table)


def test_every_language_supplies_every_required_name() -> None:
    for module in lang.MODULES:
        missing = [name for name in lang.REQUIRED if not hasattr(module, name)]
        assert not missing, (module.__name__, missing)
        for name in ("UNDO_STEPS", "VERSION_WITH", "TO", "FIRST_N", "LAST_N"):
            re.compile(getattr(module, name))


def _vocabulary_words() -> set[str]:
    found: set[str] = set()
    for name in dir(vocab):
        value = getattr(vocab, name)
        if name.isupper() and isinstance(value, tuple):
            for item in value:
                words = item[1] if isinstance(item, tuple) else (item,)
                for word in words:
                    if isinstance(word, str):
                        found.update(re.findall(r"[a-zñáéíóúü]+", word))
    return found


def test_no_vocabulary_word_is_corrected_into_another() -> None:
    # A word written without its accents may get them back ("musica" → "música"): the same word.
    spell = speller()
    moved = {
        w: fixed
        for w in _vocabulary_words()
        if (fixed := spell.word(w)) != w and typos.fold(fixed) != w
    }
    assert not moved


def test_a_word_without_its_accents_is_the_accented_word_but_a_common_word_stays() -> None:
    spell = speller()
    assert spell.word("musica") == "música"
    assert spell.word("titulo") == "título"
    assert spell.word("video") == "video"  # an English word as well


@pytest.mark.parametrize(
    "word",
    [
        "world",
        "called",
        "showing",
        "train",
        "photo",
        "store",
        "funny",
        "metro",
        "bench",
        "coche",
        "plaza",
    ],
)
def test_ordinary_words_are_never_read_as_typos(word: str) -> None:
    assert speller().word(word) == word


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("portriat", "portrait"),
        ("forrest", "forest"),
        ("mountians", "mountains"),
        ("musci", "music"),
        ("nite", "night"),
    ],
)
def test_one_slip_from_a_vocabulary_word_reads_as_that_word(typo: str, word: str) -> None:
    assert speller().word(typo) == word


@pytest.mark.parametrize(
    ("typo", "word"),
    [("forset", "forest"), ("verticle", "vertical"), ("sqaure", "square")],
)
def test_a_likelier_slip_or_two_slips_on_a_long_word_reads_as_that_word(
    typo: str, word: str
) -> None:
    assert speller().word(typo) == word


@pytest.mark.parametrize("word", ["atardeceres", "horizontales", "subtitulado", "segunda"])
def test_spanish_plurals_and_derived_words_stay_as_written(word: str) -> None:
    assert speller().word(word) == word


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("做一个树屏的视频", "做一个竖屏的视频"),
        ("正方型的沙漠", "正方形的沙漠"),
        ("把音月关了", "把音乐关了"),
        ("立て型の動画", "縦型の動画"),
        ("たてがたで", "縦型で"),
        ("たて型で", "縦型で"),
        ("スクウェアで", "スクエアで"),
        ("ミュージクを消して", "ミュージックを消して"),
        ("イーロン・マスクが話す", "イーロン・マスクが話す"),
    ],
)
def test_chinese_and_japanese_slips_read_as_the_vocabulary_word(typed: str, read_as: str) -> None:
    assert cjk_speller().text(typed) == read_as


def test_no_chinese_or_japanese_slipped_form_is_a_vocabulary_word() -> None:
    words = {w for _, ws in (*vocab.ASPECTS, *vocab.LANDSCAPE, *vocab.TIME_OF_DAY) for w in ws}
    assert not set(cjk_speller().forms) & words


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("a forest, no music please", {"music"}),
        ("don't add any title", {"text"}),
        ("snowy mountains, no rain", {"rain"}),
        ("un bosque sin nada de música", {"music"}),
        ("音乐就不要了，也不加字幕", {"music", "text"}),
        ("bgmはなしで", {"music"}),
        ("タイトルはいらない", {"text"}),
        ("no, make the music louder", set()),
    ],
)
def test_switched_off_slots_in_every_language(text: str, off: set[str]) -> None:
    assert switched_off(text)[0] == off


def test_a_text_after_a_colon_is_kept_as_written_with_its_role() -> None:
    request = read(prepare("加一行字幕：欢迎来到海边，一起玩", "zh-CN"), "zh-CN")
    assert [(q.text, q.role) for q in request.quotes] == [("欢迎来到海边，一起玩", "caption")]


def test_real_footage_of_a_place_is_refused_with_the_nearest_scene() -> None:
    result = plan_turn("actual footage of times square at night", None, assets=[])
    assert (result.kind, result.draft) == ("none", None)
    assert "a city skyline at night" in result.events[-1].text


def test_quoted_text_is_never_corrected_or_turned_into_digits() -> None:
    prepared = prepare("a forrest at nite titled 'forrest of twenty'", "en")
    assert prepared == "a forest at night titled 'forrest of twenty'"


@pytest.mark.parametrize(
    ("message", "mode", "value"),
    [
        ("shorten it by 4 seconds", "by", -4.0),
        ("trim it to 12 seconds", "to", 12.0),
        ("add ten more seconds", "by", 10.0),
        ("double the length", "scale", 2.0),
        ("1 min 30", "to", 90.0),
        ("缩短4秒", "by", -4.0),
        ("加长到30秒", "to", 30.0),
        ("8秒にして", "to", 8.0),
        ("4秒短くして", "by", -4.0),
        ("hazlo la mitad de largo", "scale", 0.5),
        ("cut the last 3 seconds", "by", -3.0),
        ("trim 2 s off the start", "by", -2.0),
        ("keep only the first 10 seconds", "to", 10.0),
        ("把最后3秒剪掉", "by", -3.0),
        ("quítale los últimos 3 segundos", "by", -3.0),
        ("最後の3秒をカットして", "by", -3.0),
        ("add 5 seconds at the end", "by", 5.0),
        ("make it twice as short", "scale", 0.5),
        ("長さを倍にして", "scale", 2.0),
    ],
)
def test_relative_and_absolute_lengths_are_kept_apart(
    message: str, mode: str, value: float
) -> None:
    request = read(prepare(message, "en"), "en")
    assert request.length is not None and (request.length.mode, request.length.value) == (
        mode,
        value,
    )


def test_a_relative_edit_reply_states_before_and_after() -> None:
    draft = plan_turn("a 20 second sunset over the sea", None, assets=[]).draft
    result = plan_turn("shorten it by 4 seconds", draft, assets=[])
    assert result.draft is not None and result.draft["d"] == 16000
    assert "20 s → 16 s" in result.events[-1].text


@pytest.mark.parametrize(
    ("message", "shown"),
    [("render it in 8K", "8K"), ("make a 4k version", "4K"), ("8Kで書き出して", "8K")],
)
def test_resolution_refusals_name_what_was_asked(message: str, shown: str) -> None:
    draft = plan_turn("a 20 second sunset over the sea", None, assets=[]).draft
    for current in (None, draft):
        result = plan_turn(message, current, assets=[])
        assert (result.kind, result.draft) == ("none", None) and shown in result.events[0].text


def test_undo_is_itself_undoable_and_redo_returns() -> None:
    versions: list[dict[str, Any]] = []
    draft = None
    for message in ("a 20 second sunset over the sea", "make it vertical", "undo", "redo"):
        result = plan_turn(message, draft, assets=[], history=versions)
        assert result.draft is not None, message
        draft = result.draft
        versions.append({"version": len(versions) + 1, "draft": draft, "message": message})
    aspects = [v["draft"]["m"]["aspect"] for v in versions]
    assert aspects == ["16:9", "9:16", "16:9", "9:16"]
    assert (
        "version 1"
        in plan_turn("undo", versions[1]["draft"], assets=[], history=versions[:2]).events[-1].text
    )


def test_request_options_win_over_the_words_and_set_an_edited_frame() -> None:
    quiet = plan_turn(
        "a forest at night", None, assets=[], aspect="9:16", resolution="720p", duration_s=8
    )
    assert quiet.draft is not None
    meta = quiet.draft["m"]
    assert (meta["aspect"], meta["res"], quiet.draft["d"]) == ("9:16", "720p", 8000)
    said = plan_turn("a square 12 second forest at night", None, assets=[], aspect="9:16")
    assert said.draft is not None and (said.draft["m"]["aspect"], said.draft["d"]) == (
        "9:16",
        12000,
    )
    edited = plan_turn("add some rain", said.draft, assets=[], aspect="1:1")
    assert edited.draft is not None and edited.draft["m"]["aspect"] == "1:1"


def test_a_scaled_title_size_reply_states_before_and_after() -> None:
    draft = plan_turn("a 20 second sunset over the sea, title 'Hi'", None, assets=[]).draft
    result = plan_turn("make the title three times bigger", draft, assets=[])
    assert result.draft is not None and "72 px → 216 px" in result.events[-1].text


@pytest.mark.parametrize(
    ("setup", "message", "aspect", "restores"),
    [
        (["make it square", "make it vertical"], "go back two steps", "16:9", 1),
        (["make it square", "make it vertical"], "undo twice", "16:9", 1),
        (["make it vertical", "make it square"], "restore the vertical version", "9:16", 2),
    ],
)
def test_undo_counts_steps_and_finds_a_version_by_what_it_had(
    setup: list[str], message: str, aspect: str, restores: int
) -> None:
    versions: list[dict[str, Any]] = []
    draft = None
    for text in ["a 20 second sunset over the sea", *setup]:
        draft = plan_turn(text, draft, assets=[], history=versions).draft
        versions.append({"version": len(versions) + 1, "draft": draft, "message": text})
    result = plan_turn(message, draft, assets=[], history=versions)
    assert result.draft is not None
    assert (result.draft["m"]["aspect"], result.draft["m"]["restores"]) == (aspect, restores)


def test_asking_for_the_frame_it_already_has_says_so_and_changes_nothing() -> None:
    draft = plan_turn("a 20 second sunset over the sea", None, assets=[]).draft
    result = plan_turn("widescreen please", draft, assets=[])
    assert (result.kind, result.draft) == ("none", None)
    assert result.events[0].text == "It's already 16:9."
