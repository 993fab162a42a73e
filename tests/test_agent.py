"""The local studio's agent: generation requests in many phrasings and languages, honesty, determinism."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
import time
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nemo_notebook.backend.studio.agent import AgentEvent, AgentTurn, lang, plan_turn

POSITIONS = {
    "top-center",
    "center",
    "bottom-center",
    "top-left",
    "top-right",
    "bottom-left",
    "bottom-right",
    "lower-third",
}
MOODS = {"calm", "ambient", "lofi", "upbeat", "dramatic", "synthwave", "celebratory", "corporate"}
FX = {"rain", "snow", "stars", "birds", "fireworks", "leaves", "petals", "clouds", "fog"}
SIZES = {
    ("16:9", "1080p"): (1920, 1080),
    ("16:9", "720p"): (1280, 720),
    ("9:16", "1080p"): (1080, 1920),
    ("9:16", "720p"): (720, 1280),
    ("1:1", "1080p"): (1080, 1080),
    ("1:1", "720p"): (720, 720),
    ("4:5", "1080p"): (1080, 1350),
    ("4:5", "720p"): (720, 900),
}


def validate(draft: dict[str, Any]) -> None:
    """Every draft the agent makes must be renderable: times inside d, known types, unique ids, known styles."""
    total = draft["d"]
    assert isinstance(total, int) and 1000 <= total <= 300_000
    meta = draft["m"]
    assert (meta["width"], meta["height"]) == SIZES[(meta["aspect"], meta["res"])]
    assert (
        meta["fps"] == 30
        and isinstance(meta["seed"], int)
        and meta["lang"] in {"en", "zh-CN", "es", "ja"}
    )
    ids = []
    for track in draft["t"]:
        assert track["tt"] in (0, 1, 7)
        ids.append(track["id"])
        end = 0
        for seg in track["sg"]:
            ids.append(seg["id"])
            assert isinstance(seg["st"], int) and isinstance(seg["d"], int)
            assert seg["st"] >= 0 and seg["d"] > 0 and seg["st"] + seg["d"] <= total, seg
            if track["tt"] == 0:
                assert seg["st"] >= end, "video segments overlap or are out of order"
                end = seg["st"] + seg["d"]
                _check_visual(seg)
            elif track["tt"] == 1:
                assert 0 <= seg["vol"] <= 1 and seg["fi"] + seg["fo"] <= seg["d"]
                if seg["src"].startswith("gen:music/"):
                    assert seg["src"].removeprefix("gen:music/").split("?")[0] in MOODS
            else:
                assert seg["tx"] and seg["sty"]["pos"] in POSITIONS
                assert seg["sty"]["fi"] + seg["sty"]["fo"] <= seg["d"]
        if track["tt"] == 0 and track["sg"]:
            assert end == total, "the video track must cover the whole duration"
    assert len(ids) == len(set(ids)), "ids must be unique"


def _check_visual(seg: dict[str, Any]) -> None:
    if seg["src"].startswith("gen:scene/"):
        q = scene(seg)
        assert q["tod"] in {"dawn", "day", "sunset", "night"}
        assert q["land"] in {"city", "mountains", "forest", "sea", "desert", "none"}
        assert set(filter(None, q.get("fx", "").split(","))) <= FX
        assert q["motion"] in {"pan", "zoom", "drift", "still"} and q["seed"].isdigit()
    if "mo" in seg:
        assert (
            set(seg["mo"]) == {"type", "z0", "z1", "x0", "y0", "x1", "y1"} and seg["fit"] == "cover"
        )
    if "tr" in seg:
        assert seg["tr"]["type"] == "fade" and 0 < seg["tr"]["d"] <= seg["d"]


def scene(seg: dict[str, Any]) -> dict[str, str]:
    return dict(parse_qsl(seg["src"].partition("?")[2]))


def turn(message: str, draft: dict[str, Any] | None = None, **kw: Any) -> AgentTurn:
    result = plan_turn(message, draft, assets=kw.pop("assets", []), **kw)
    if result.draft is not None:
        validate(result.draft)
    return result


def track(draft: dict[str, Any], tt: int) -> list[dict[str, Any]]:
    return [seg for t in draft["t"] if t["tt"] == tt for seg in t["sg"]]


def texts(result: AgentTurn) -> list[str]:
    return [e.text for e in result.events if e.kind == "text"]


@pytest.mark.parametrize(
    ("message", "ms"),
    [
        ("make a 15-second video of the sea", 15_000),
        ("make a 15 second video of the sea", 15_000),
        ("a 30s clip of mountains", 30_000),
        ("about 10 seconds of rain in the city", 10_000),
        ("a one-minute forest video", 60_000),
        ("a minute of desert dunes", 60_000),
        ("2 min of snowy mountains", 120_000),
        ("90 secs of a beach at sunset", 90_000),
        ("a 1:30 timelapse of a city at night", 90_000),
        ("a minute and a half of stars over the desert", 90_000),
        ("half a minute of fog in the forest", 30_000),
        ("a 2.5 s sea clip", 2_500),
        ("生成一段15秒的海边视频", 15_000),
        ("做一个1分钟的城市夜景视频", 60_000),
        ("半分钟的森林视频", 30_000),
        ("十五秒的日落视频", 15_000),
        ("un vídeo de 15 segundos del mar", 15_000),
        ("un vídeo de 1 minuto de montañas", 60_000),
        ("15秒間の海の動画", 15_000),
        ("1分の夜の街の動画", 60_000),
        ("a retro 80s synthwave city at night", 15_000),
        ("a sunset over the sea", 15_000),
        ("sakura petals falling in spring, calm piano music, 9:16", 15_000),
    ],
)
def test_duration_phrasings_set_the_draft_duration(message: str, ms: int) -> None:
    result = turn(message)
    assert result.kind == "generate" and result.draft["d"] == ms
    assert sum(s["d"] for s in track(result.draft, 0)) == ms


@pytest.mark.parametrize(("seconds", "ms"), [("600 seconds", 300_000), ("0.2 seconds", 1_000)])
def test_out_of_range_durations_are_clamped_with_a_note(seconds: str, ms: int) -> None:
    result = turn(f"a {seconds} video of the sea")
    assert result.draft["d"] == ms
    assert "1–300 s" in texts(result)[-1]


@pytest.mark.parametrize(
    ("message", "aspect", "size"),
    [
        ("a vertical 15 s sunset clip", "9:16", (1080, 1920)),
        ("a sunset clip in portrait", "9:16", (1080, 1920)),
        ("a TikTok video of a city at night", "9:16", (1080, 1920)),
        ("instagram reels of the beach", "9:16", (1080, 1920)),
        ("a 竖屏 城市 video", "9:16", (1080, 1920)),
        ("a square video of a forest", "1:1", (1080, 1080)),
        ("an Instagram feed post of mountains", "1:1", (1080, 1080)),
        ("a 4:5 video of the sea", "4:5", (1080, 1350)),
        ("a landscape clip of the desert", "16:9", (1920, 1080)),
        ("a YouTube video of rain in the city", "16:9", (1920, 1080)),
        ("a 1080x1920 clip of the sea", "9:16", (1080, 1920)),
        ("a 9:16 clip of the sea at 720p", "9:16", (720, 1280)),
        ("a 720p clip of a forest", "16:9", (1280, 720)),
        ("a clip of a forest", "16:9", (1920, 1080)),
    ],
)
def test_aspect_and_resolution_from_words_and_numbers(
    message: str, aspect: str, size: tuple[int, int]
) -> None:
    meta = turn(message).draft["m"]
    assert meta["aspect"] == aspect and (meta["width"], meta["height"]) == size


@pytest.mark.parametrize(
    ("message", "mood"),
    [
        ("a city at sunset with calm background music", "calm"),
        ("a forest with ambient music", "ambient"),
        ("a rainy city at night with lo-fi beats", "lofi"),
        ("the sea by day with upbeat music", "upbeat"),
        ("mountains at dawn with epic orchestral music", "dramatic"),
        ("a retro synthwave city at night", "synthwave"),
        ("fireworks over the city with festive music", "celebratory"),
        ("a city skyline with corporate music", "corporate"),
        ("日落时分的城市，配上舒缓的背景音乐", "calm"),
        ("montañas con música épica", "dramatic"),
        ("夜の街、ローファイのBGM", "lofi"),
        ("a sunset over the sea", "calm"),
        ("fireworks over the city", "celebratory"),
    ],
)
def test_music_mood_named_or_chosen_from_the_scene(message: str, mood: str) -> None:
    (music,) = track(turn(message).draft, 1)
    assert music["src"].startswith(f"gen:music/{mood}?seed=") and "&bpm=" in music["src"]
    assert (music["vol"], music["fi"], music["fo"], music["st"]) == (0.35, 1000, 2000, 0)


@pytest.mark.parametrize(
    "message",
    [
        "a sunset over the sea, no music",
        "a silent forest clip",
        "the sea without music",
        "海边日落，无音乐",
        "el mar al atardecer sin música",
        "夜の海、音楽なし",
    ],
)
def test_no_music_requests_leave_no_audio_track(message: str) -> None:
    result = turn(message)
    assert track(result.draft, 1) == []
    assert all(e.name != "generate_music" for e in result.events)


@pytest.mark.parametrize(
    "quoted",
    [
        "'Urban Dreams'",
        '"Urban Dreams"',
        "“Urban Dreams”",
        "‘Urban Dreams’",
        "「Urban Dreams」",
        "『Urban Dreams』",
        "«Urban Dreams»",
    ],
)
def test_title_in_any_quotes_is_a_top_title_for_the_first_three_seconds(quoted: str) -> None:
    draft = turn(f"a 15-second sunset over a city skyline with the title {quoted}").draft
    (title,) = track(draft, 7)
    assert title["tx"] == "Urban Dreams" and draft["m"]["title"] == "Urban Dreams"
    assert (title["st"], title["d"], title["sty"]["pos"], title["sty"]["role"]) == (
        0,
        3000,
        "top-center",
        "title",
    )


def test_title_of_a_short_video_fits_inside_it() -> None:
    (title,) = track(turn("a 2 second clip of the sea titled 'Waves'").draft, 7)
    assert (title["st"], title["d"]) == (0, 2000)


@pytest.mark.parametrize(
    "message",
    [
        "a forest at dawn with the caption 'Breathe in'",
        "a forest at dawn with the text 'Breathe in' at the bottom",
        "a forest at dawn, subtitle «Breathe in»",
    ],
)
def test_caption_words_put_the_text_at_the_bottom(message: str) -> None:
    draft = turn(message).draft
    (caption,) = track(draft, 7)
    assert caption["tx"] == "Breathe in" and caption["sty"]["pos"] == "bottom-center"
    assert (caption["st"], caption["d"]) == (0, draft["d"])


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("a sunset over a city skyline", {"tod": "sunset", "land": "city"}),
        ("a golden hour beach", {"tod": "sunset", "land": "sea"}),
        ("rain in the city at night", {"tod": "night", "land": "city", "fx": "rain"}),
        ("snowy mountains at dawn", {"tod": "dawn", "land": "mountains", "fx": "snow"}),
        ("a foggy forest with birds", {"land": "forest", "fx": "fog,birds"}),
        ("fireworks over the skyline", {"tod": "night", "land": "city", "fx": "fireworks"}),
        (
            "cherry blossom petals in a park, slow zoom",
            {"land": "forest", "fx": "petals", "motion": "zoom"},
        ),
        (
            "autumn leaves in the woods, static shot",
            {"land": "forest", "fx": "leaves", "motion": "still"},
        ),
        ("desert dunes under the stars", {"land": "desert", "fx": "stars"}),
        (
            "a panning shot of the ocean with clouds",
            {"land": "sea", "fx": "clouds", "motion": "pan"},
        ),
        ("夜晚的城市，下雪", {"tod": "night", "land": "city", "fx": "snow"}),
        ("bosque al amanecer con niebla", {"tod": "dawn", "land": "forest", "fx": "fog"}),
        ("夕焼けの海と鳥", {"tod": "sunset", "land": "sea", "fx": "birds"}),
        ("a rainy night in Tokyo with lo-fi beats", {"tod": "night", "land": "city", "fx": "rain"}),
        ("上海的夜晚，下雨", {"tod": "night", "land": "city", "fx": "rain"}),
        (
            "un desierto de noche con estrellas y música ambiental",
            {"tod": "night", "land": "desert", "fx": "stars"},
        ),
        ("fireworks for new year, 12 seconds", {"tod": "night", "land": "city"}),
        ("falling snow, 10 seconds", {"land": "mountains", "fx": "snow"}),
        ("a YouTube intro titled 'Tech Weekly'", {"tod": "night", "land": "city"}),
    ],
)
def test_scene_words_become_the_scene_query(message: str, expected: dict[str, str]) -> None:
    (seg,) = track(turn(message).draft, 0)
    query = scene(seg)
    assert {k: query.get(k) for k in expected} == expected


def test_generation_says_what_it_made_once_then_lists_only_the_rest() -> None:
    result = turn(
        "generate a 15-second clip of a sunset over a city skyline with calm background music "
        "and the title 'Urban Dreams'"
    )
    kinds = [(e.kind, e.name) for e in result.events]
    assert kinds == [
        ("text", ""),
        ("call", "generate_video"),
        ("result", "generate_video"),
        ("call", "generate_music"),
        ("result", "generate_music"),
        ("call", "edit_multitrack"),
        ("result", "edit_multitrack"),
        ("text", ""),
    ]
    calls = [e for e in result.events if e.kind != "text"]
    assert all(a.id == b.id and a.id for a, b in zip(calls[::2], calls[1::2], strict=True))
    assert result.events[2].response == {
        "segments": 1,
        "duration_ms": 15000,
        "width": 1920,
        "height": 1080,
    }
    assert texts(result) == [
        "Made a 15 s 16:9 video: sunset over a city skyline.",
        "- Calm music at 35% (0–15 s)\n- Title 'Urban Dreams' (0–3 s)",
    ]


@pytest.mark.parametrize(
    ("message", "language", "marker"),
    [
        (
            "生成一段15秒的城市日落视频，配上舒缓的背景音乐",
            "zh-CN",
            "舒缓背景音乐，音量 35%（0–15 秒）",
        ),
        (
            "crea un vídeo de 20 segundos de montañas al amanecer con música épica",
            "es",
            "Música épica al 35% (0–20 s)",
        ),
        ("夜の海の15秒の動画、星空", "ja", "（0–15秒）"),
        ("a 15 second sunset over the sea", "en", "Calm music at 35% (0–15 s)"),
    ],
)
def test_reply_language_follows_the_message(message: str, language: str, marker: str) -> None:
    result = turn(message)
    assert result.language == language and result.draft["m"]["lang"] == language
    assert marker in texts(result)[-1]


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("a 10 second sunset titled '城市之梦'", "en"),
        ('一段10秒的日落视频，标题 "Urban Dreams"', "zh-CN"),
        ("un vídeo de 10 segundos con el título 「夏」", "es"),
        ("「城市之梦」", "zh-CN"),
    ],
)
def test_quoted_titles_do_not_choose_the_reply_language(message: str, language: str) -> None:
    result = turn(message)
    assert result.language == language
    assert result.draft is None or result.draft["m"]["lang"] == language


def test_language_argument_overrides_detection() -> None:
    result = turn("a 10 second forest at dawn", language="zh")
    assert result.language == "zh-CN" and "森林" in texts(result)[0]


def test_several_scenes_become_faded_segments() -> None:
    draft = turn("a 20 second video: sunrise over the mountains then a busy city at night").draft
    first, second = track(draft, 0)
    assert (first["st"], first["d"], second["st"], second["d"]) == (0, 10_000, 10_000, 10_000)
    assert scene(first)["tod"] == "dawn" and scene(first)["land"] == "mountains"
    assert scene(second)["tod"] == "night" and scene(second)["land"] == "city"
    assert "tr" not in first and second["tr"] == {"type": "fade", "d": 500}


def test_english_labels_use_the_users_words_without_the_extras() -> None:
    result = turn("can you make me a relaxing video of rain at night? 1 minute, no music")
    assert track(result.draft, 0)[0]["n"] == "rain at night"
    assert texts(result) == ["Made a 60 s 16:9 video: rain at night."]


def test_unknown_subject_gets_a_default_scene_and_says_what_it_made() -> None:
    result = turn("a birthday video for my friend")
    (seg,) = track(result.draft, 0)
    assert scene(seg)["fx"] == "fireworks"
    assert "real footage" in texts(result)[-1] and seg["n"] in texts(result)[-1]


def test_explicit_seed_in_message_overrides() -> None:
    draft = turn("a sunset over the sea, seed 42").draft
    assert draft["m"]["seed"] == 42 and scene(track(draft, 0)[0])["seed"] == "42"
    assert "seed=42" in track(draft, 1)[0]["src"]


def test_seed_argument_is_used_when_the_message_has_none() -> None:
    assert turn("a sunset over the sea", seed=7).draft["m"]["seed"] == 7


def test_same_inputs_give_identical_turns() -> None:
    message = "a 20 second vertical clip of a rainy city at night with lo-fi music titled 'Neon'"
    assert plan_turn(message, None, assets=[]) == plan_turn(message, None, assets=[])


def test_different_prompts_give_different_scene_queries() -> None:
    a = track(turn("a sunset over the sea").draft, 0)[0]["src"]
    b = track(turn("a sunset over the sea at golden hour").draft, 0)[0]["src"]
    c = track(turn("snowy mountains at night").draft, 0)[0]["src"]
    assert len({a, b, c}) == 3


@pytest.mark.parametrize(
    ("message", "what"),
    [
        ("make a 15 s sunset video with a voice-over", "voice-over"),
        ("add narration to the video", "voice-over"),
        ("make it lip-sync to my song", "lip-sync"),
        ("put my face in the video", "faces"),
        ("render it in 4K", "4K"),
        ("upload it to YouTube when done", "social"),
        ("generate real footage of Paris", "real-world footage"),
        ("给视频加上配音", "配音"),
        ("añade voz en off", "voz en off"),
        ("ナレーションを追加して", "ナレーション"),
    ],
)
def test_unsupported_requests_get_an_honest_reply_and_no_draft(message: str, what: str) -> None:
    result = turn(message)
    assert (result.kind, result.draft) == ("none", None)
    (event,) = result.events
    assert event.kind == "text" and what in event.text


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("what can you do?", "en"),
        ("你能做什么？", "zh-CN"),
        ("¿qué puedes hacer?", "es"),
        ("何ができますか？", "ja"),
    ],
)
def test_capability_questions_get_a_helpful_reply(message: str, language: str) -> None:
    result = turn(message)
    assert (result.kind, result.draft, result.language) == ("none", None, language)
    assert len(result.events[0].text) > 100


def test_an_edit_without_a_video_says_there_is_nothing_to_edit() -> None:
    result = turn("make the music quieter")
    assert result.kind == "none" and "no video yet" in result.events[0].text


def test_turns_are_fast() -> None:
    message = "create a 30 second vertical video: sunrise over the mountains then fireworks over a city at night"
    plan_turn(message, None, assets=[])
    start = time.perf_counter()
    for _ in range(10):
        plan_turn(message, None, assets=[])
    assert (time.perf_counter() - start) / 10 < 0.05


def test_event_objects_are_frozen() -> None:
    event = turn("a sunset over the sea").events[0]
    assert isinstance(event, AgentEvent)
    with pytest.raises(AttributeError):
        event.text = "changed"  # type: ignore[misc]


def test_promo_without_uploads_gets_upbeat_music() -> None:
    (music,) = track(turn("make a promo video for my coffee shop").draft, 1)
    assert music["src"].startswith("gen:music/upbeat?")


@pytest.mark.parametrize(
    ("message", "phrase"), [("hello", "I can"), ("remove the ninth photo", "no video yet")]
)
def test_messages_without_a_request_get_guidance(message: str, phrase: str) -> None:
    result = turn(message)
    assert (result.kind, result.draft) == ("none", None) and phrase in result.events[0].text


_WORDS = [
    "make",
    "a",
    "15",
    "second",
    "video",
    "of",
    "sunset",
    "city",
    "rain",
    "snow",
    "night",
    "dawn",
    "forest",
    "sea",
    "fireworks",
    "petals",
    "title",
    "caption",
    "'Hi'",
    "「标题」",
    "vertical",
    "square",
    "9:16",
    "720p",
    "1080x1920",
    "music",
    "no",
    "calm",
    "upbeat",
    "louder",
    "quieter",
    "20%",
    "trim",
    "to",
    "10",
    "s",
    "longer",
    "remove",
    "the",
    "first",
    "third",
    "last",
    "photo",
    "swap",
    "put",
    "move",
    "bottom",
    "change",
    "regenerate",
    "seed",
    "42",
    "use",
    "my",
    "song",
    "uploaded",
    "images",
    "then",
    "with",
    "生成",
    "视频",
    "秒",
    "竖屏",
    "音乐",
    "去掉",
    "crea",
    "vídeo",
    "segundos",
    "sin",
    "動画",
    "なし",
    "1:30",
    "a",
    "minute",
    "0",
    "999",
    "promo",
    "description:",
]
_ASSETS = [
    *(
        {"url": f"http://h/files/i{i}.jpg", "file_type": "image", "filename": f"i{i}.jpg"}
        for i in range(3)
    ),
    {"url": "http://h/files/c.mp4", "file_type": "video", "filename": "c.mp4", "duration": 2500},
    {"url": "http://h/files/s.mp3", "file_type": "audio", "filename": "s.mp3", "duration": 9000},
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10), min_size=1, max_size=4),
    st.booleans(),
)
def test_any_sequence_of_messages_gives_valid_drafts_and_a_reply(
    messages: list[list[str]], uploads: bool
) -> None:
    draft = None
    for words in messages:
        result = turn(" ".join(words), draft, assets=_ASSETS if uploads else [])
        assert result.events and result.events[-1].kind == "text" and result.events[-1].text
        assert (result.draft is None) == (result.kind == "none")
        draft = result.draft or draft


def test_every_language_has_every_reply_template_with_the_same_fields() -> None:
    english = lang.en
    for module in lang.MODULES:
        assert set(module.REPLIES) == set(english.REPLIES), module.CODE
        for key, template in module.REPLIES.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            expected = {f for _, f, _, _ in string.Formatter().parse(english.REPLIES[key]) if f}
            assert fields == expected, (module.CODE, key)
        assert set(module.LIMIT_TEXTS) == set(english.LIMIT_TEXTS), module.CODE
        for kind, table in english.NAMES.items():
            assert set(module.NAMES[kind]) == set(table) and all(module.NAMES[kind].values())


def test_turns_are_identical_across_processes_with_different_hash_seeds() -> None:
    code = (
        "import dataclasses, json; from nemo_notebook.backend.studio.agent import plan_turn; "
        "t = plan_turn('a vertical clip: sunrise then fireworks over a city', None, assets=[]); "
        "print(json.dumps(dataclasses.asdict(t), sort_keys=True))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop())["kind"] == "generate"


@pytest.mark.parametrize(
    ("message", "vol"),
    [
        ("a 10 second beach at sunset with quiet background music", 0.2),
        ("a 10 second beach with music at 20%", 0.2),
        ("a 10 second beach with loud upbeat music", 0.5),
        ("a quiet forest at dawn, 10 seconds", 0.35),
        ("10秒的海边视频，音乐音量 60%", 0.6),
    ],
)
def test_the_music_level_asked_for_in_a_request_is_used(message: str, vol: float) -> None:
    result = turn(message)
    (music,) = track(result.draft, 1)
    assert music["vol"] == vol and f"{round(vol * 100)}%" in texts(result)[-1]


@pytest.mark.parametrize(
    ("message", "start", "length", "pos"),
    [
        ("a 10s forest, title 'Wild' at the bottom", 0, 3000, "bottom-center"),
        ("a 10s forest with the title 'Wild' appearing at 3 seconds", 3000, 3000, "top-center"),
        ("a 10s forest with the title 'Wild' for 5 seconds", 0, 5000, "top-center"),
    ],
)
def test_title_place_and_time_asked_for_in_a_request_are_used(
    message: str, start: int, length: int, pos: str
) -> None:
    (title,) = track(turn(message).draft, 7)
    assert (title["st"], title["d"], title["sty"]["pos"]) == (start, length, pos)
