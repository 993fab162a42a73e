"""A message is read in the languages it speaks, in one script, with slips read only where nothing else is meant."""

from __future__ import annotations

import pytest

from nemo_notebook.backend.studio import plan_turn
from nemo_notebook.backend.studio.agent import draft as dr
from nemo_notebook.backend.studio.agent import scope, typos
from nemo_notebook.backend.studio.agent.request import cjk_speller, prepare, read, speller
from nemo_notebook.backend.studio.agent.words import normalise
from nemo_notebook.language import detect_language

CITY = "haz un video de 20 segundos de una ciudad de noche con música tranquila"


def _read(message: str) -> tuple[str, tuple[str, ...]]:
    code = scope.language_of(message)
    req = read(prepare(message, code), code)
    return req.text, req.rejected


@pytest.mark.parametrize(
    ("message", "rejected"),
    [
        ("mejor que sea de día", ("sea",)),  # "sea" is Spanish "be", not the English sea
        ("once upon a time in a misty forest", ("once",)),  # not Spanish eleven
        ("a video of the sea, que sea de noche", ()),  # both languages show: both are read
        ("video de 10 segundos, sunset, calm music", ()),  # no Spanish word spelled alike
    ],
)
def test_a_word_of_the_messages_own_language_is_not_another_languages(
    message: str, rejected: tuple[str, ...]
) -> None:
    assert _read(message)[1] == rejected


def test_the_spanish_be_leaves_the_place_as_it_was() -> None:
    city = plan_turn(CITY, None, assets=[])
    day = plan_turn("mejor que sea de día", city.draft, assets=[])
    assert day.draft is not None and day.language == "es"
    scenes = [dr.read_scene(str(s.get("src", ""))) for s in dr.video_segments(day.draft)]
    assert scenes and all(q and (q["land"], q["tod"]) == ("city", "day") for q in scenes)


def test_the_reply_language_follows_the_request_words_when_no_stop_word_shows() -> None:
    assert (
        detect_language("déjalo como antes") == "en"
    )  # the shared detector has no stop word to go by
    assert scope.language_of("déjalo como antes") == "es"
    assert scope.language_of("make it sunset") == "en"
    assert (
        scope.language_of("sierra nevada sunset") == "en"
    )  # English words too: no sign of Spanish
    assert scope.language_of("夜の街にして") == "ja"


def test_what_a_message_turns_away_from_is_not_read() -> None:
    text, rejected = _read("forest instead of the city")
    assert "city" in rejected and "city" not in text.split()
    assert "forest" in text


def test_traditional_chinese_is_read_as_simplified_and_quotes_stay_as_written() -> None:
    prepared = prepare("給我做一個海邊影片，標題「夏日時光」", "zh-CN")
    assert "给我做1个海边影片" in prepared and "「夏日時光」" in prepared


def test_a_four_letter_slip_is_a_swap_and_never_a_common_word() -> None:
    spell = speller()
    assert spell.word("trun") == "turn"
    assert spell.word("form") == "form" and spell.word("from") == "from"
    assert typos.common("form")


def test_a_one_character_slip_counts_only_standing_alone() -> None:
    cjk = cjk_speller()
    assert cjk.text("膿の夕焼け") == "海の夕焼け"
    assert cjk.text("森に行きが降る") == "森に雪が降る"
    assert cjk.text("駅行きの電車") == "駅行きの電車"  # inside a word: left alone
    assert all(form not in cjk.forms for form in ("海", "雪", "下雪"))


def test_a_units_slip_counts_only_after_a_number() -> None:
    cjk = cjk_speller()
    assert cjk.numbered("海边，10妙") == "海边，10秒"
    assert cjk.numbered("美妙的音乐") == "美妙的音乐"
    assert cjk.numbered("20病で") == "20秒で"


@pytest.mark.parametrize(
    ("message", "seconds"),
    [
        ("two and a half minutes", 150),
        ("a one and a half minute video", 90),
        ("1m15s clip", 75),
        ("a minute fifteen", 75),
        ("dos minutos y medio", 150),
        ("两分半", 150),
        ("2分半の動画", 150),
    ],
)
def test_minutes_and_a_half_and_minutes_with_seconds(message: str, seconds: float) -> None:
    from nemo_notebook.backend.studio.agent.durations import parse_duration

    code = scope.language_of(message)
    assert parse_duration(normalise(prepare(message, code))) == seconds


def test_a_spanish_word_is_read_as_the_vocabulary_word_it_sounds_like() -> None:
    spell = speller()
    assert spell.word("estreyas") == "estrellas"  # ll and y sound alike
    assert spell.word("bertical") == "vertical"  # so do b and v
    assert spell.word("amaneser") == "amanecer"  # and c before e and s
    assert spell.word("cierra") == "cierra"  # an ordinary word is never a slip ("sierra")


def test_a_chinese_word_holding_a_japanese_vocabulary_word_is_not_read_as_it() -> None:
    assert _read("镜头朝着大海，日落时分")[1] == ("朝着",)  # "towards", not the Japanese morning
    assert _read("朝阳下的海边")[1] == ()
