"""The local studio's agent editing drafts: exact values after each step, stable ids, promos from uploads."""

from __future__ import annotations

from typing import Any

import pytest
from test_agent import scene, texts, track, turn, validate

from nemo_notebook.backend.studio.agent import plan_turn

IMAGES = [
    {
        "url": f"http://127.0.0.1:8000/files/s/img{i}.jpg",
        "file_type": "image",
        "filename": f"mug{i}.jpg",
        "duration": 0,
        "width": 1200,
        "height": 900,
    }
    for i in range(1, 5)
]
SONG = {
    "url": "http://127.0.0.1:8000/files/s/song.mp3",
    "file_type": "audio",
    "filename": "song.mp3",
    "duration": 40_000,
    "width": 0,
    "height": 0,
}
CLIP = {
    "url": "http://127.0.0.1:8000/files/s/clip.mp4",
    "file_type": "video",
    "filename": "clip.mp4",
    "duration": 4_000,
    "width": 1920,
    "height": 1080,
}
PROMO = (
    "Create a 30-second promotional video from my product images and description: Handmade ceramic mugs. "
    "Dishwasher safe and microwave friendly. Perfect for slow mornings. Order today!"
)


def ids(draft: dict[str, Any]) -> dict[str, str]:
    return {seg["id"]: t["id"] for t in draft["t"] for seg in t["sg"]}


def edit(
    message: str, draft: dict[str, Any], assets: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    result = turn(message, draft, assets=assets or [])
    assert result.kind == "edit", texts(result)
    assert result.draft is not draft
    return result.draft


@pytest.fixture
def sunset() -> dict[str, Any]:
    return turn(
        "generate a 15-second clip of a sunset over a city skyline with calm background music"
    ).draft


def test_edit_sequence_keeps_exact_values_and_ids(sunset: dict[str, Any]) -> None:
    v0, a0 = track(sunset, 0)[0]["id"], track(sunset, 1)[0]["id"]
    titled = edit("add a title 'Urban Dreams'", sunset)
    (title,) = track(titled, 7)
    assert (title["tx"], title["st"], title["d"], title["sty"]["pos"]) == (
        "Urban Dreams",
        0,
        3000,
        "top-center",
    )
    quieter = edit("make the music quieter", titled)
    assert track(quieter, 1)[0]["vol"] == 0.2
    trimmed = edit("trim to 10 s", quieter)
    assert (
        trimmed["d"] == 10_000
        and track(trimmed, 0)[0]["d"] == 10_000
        and track(trimmed, 1)[0]["d"] == 10_000
    )
    assert (track(trimmed, 7)[0]["st"], track(trimmed, 7)[0]["d"]) == (0, 3000)
    vertical = edit("make it vertical", trimmed)
    assert (vertical["m"]["width"], vertical["m"]["height"], vertical["m"]["aspect"]) == (
        1080,
        1920,
        "9:16",
    )
    assert track(vertical, 0)[0]["id"] == v0 and track(vertical, 1)[0]["id"] == a0
    assert track(vertical, 7)[0]["id"] == title["id"]
    assert ids(vertical) == ids(titled)


def test_edit_does_not_change_the_draft_it_was_given(sunset: dict[str, Any]) -> None:
    before = repr(sunset)
    edit("make the music louder and trim to 5 s", sunset)
    assert repr(sunset) == before


def test_an_edit_says_its_one_change_once(sunset: dict[str, Any]) -> None:
    result = turn("make the music quieter", sunset)
    assert [(e.kind, e.name) for e in result.events] == [
        ("call", "edit_multitrack"),
        ("result", "edit_multitrack"),
        ("text", ""),
    ]
    assert result.events[0].args["operations"] == ["music_volume"]
    assert result.events[1].response["duration_ms"] == 15000
    assert texts(result) == ["Music volume 35% → 20% (0–15 s)."]


def test_several_changes_are_a_count_and_a_list_without_repeats(sunset: dict[str, Any]) -> None:
    result = turn("make the music quieter and add snow", sunset)
    (reply,) = texts(result)
    head, *items = reply.split("\n")
    assert head == "Made 2 changes:" and len(items) == 2
    assert all(item.startswith("- ") for item in items) and reply.count("35% → 20%") == 1


@pytest.mark.parametrize(
    ("message", "vol"),
    [
        ("make the music louder", 0.5),
        ("music to 20%", 0.2),
        ("turn the volume down", 0.2),
        ("音乐小一点", 0.2),
        ("sube la música", 0.5),
        ("BGMを小さくして", 0.2),
        ("turn the music down a bit", 0.2),
        ("the music is too loud", 0.2),
        ("turn the music up", 0.5),
        ("I can't hear the music", 0.5),
    ],
)
def test_music_volume_edits(sunset: dict[str, Any], message: str, vol: float) -> None:
    assert track(edit(message, sunset), 1)[0]["vol"] == vol


@pytest.mark.parametrize("message", ["remove the music", "no music", "去掉音乐", "quita la música"])
def test_music_can_be_removed(sunset: dict[str, Any], message: str) -> None:
    assert track(edit(message, sunset), 1) == []


def test_music_mood_is_replaced_in_place(sunset: dict[str, Any]) -> None:
    before = track(sunset, 1)[0]
    after = track(edit("make the music more dramatic", sunset), 1)[0]
    assert after["id"] == before["id"] and after["src"].startswith("gen:music/dramatic?")
    assert after["vol"] == before["vol"]


def test_music_added_back_with_a_new_id(sunset: dict[str, Any]) -> None:
    silent = edit("remove the music", sunset)
    again = edit("add upbeat music", silent)
    (music,) = track(again, 1)
    assert music["src"].startswith("gen:music/upbeat?") and music["id"] not in ids(sunset)


def test_title_change_move_and_remove(sunset: dict[str, Any]) -> None:
    titled = edit("add a title 'Urban Dreams'", sunset)
    changed = edit("change the title to Night Owls", titled)
    assert track(changed, 7)[0]["tx"] == "Night Owls" and changed["m"]["title"] == "Night Owls"
    assert scene(track(changed, 0)[0])["tod"] == "sunset", (
        "words of the new title are not scene edits"
    )
    moved = edit("move the title to the bottom", changed)
    assert (
        track(moved, 7)[0]["sty"]["pos"] == "bottom-center"
        and track(moved, 7)[0]["tx"] == "Night Owls"
    )
    removed = edit("remove the title", moved)
    assert track(removed, 7) == [] and all(t["tt"] != 7 for t in removed["t"])


def test_caption_added_at_the_bottom_for_the_whole_video(sunset: dict[str, Any]) -> None:
    (caption,) = track(edit("add a caption 'See you there'", sunset), 7)
    assert (caption["tx"], caption["sty"]["pos"], caption["st"], caption["d"]) == (
        "See you there",
        "bottom-center",
        0,
        15000,
    )


def test_extend_keeps_titles_and_stretches_full_length_tracks(sunset: dict[str, Any]) -> None:
    longer = edit("make it 5 seconds longer", edit("add a title 'Go'", sunset))
    assert longer["d"] == 20_000 and track(longer, 1)[0]["d"] == 20_000
    assert (track(longer, 7)[0]["st"], track(longer, 7)[0]["d"]) == (0, 3000)


def test_trim_shorter_than_the_title_shortens_the_title(sunset: dict[str, Any]) -> None:
    short = edit("trim to 2 seconds", edit("add a title 'Go'", sunset))
    assert (track(short, 7)[0]["st"], track(short, 7)[0]["d"]) == (0, 2000)


def test_time_of_day_and_weather_edits_change_the_scene_query(sunset: dict[str, Any]) -> None:
    night = edit("make it night and add snow", sunset)
    q = scene(track(night, 0)[0])
    assert (q["tod"], q["land"], q["fx"]) == ("night", "city", "snow")
    assert track(night, 0)[0]["id"] == track(sunset, 0)[0]["id"]
    cleared = scene(track(edit("remove the snow", night), 0)[0])
    assert "fx" not in cleared and cleared["tod"] == "night"


def test_regenerate_changes_seeds_and_keeps_ids(sunset: dict[str, Any]) -> None:
    result = turn("regenerate", sunset)
    again = result.draft
    assert again["m"]["seed"] != sunset["m"]["seed"] and ids(again) == ids(sunset)
    assert scene(track(again, 0)[0])["seed"] == str(again["m"]["seed"])
    assert scene(track(again, 0)[0])["tod"] == "sunset"
    assert any(e.name == "generate_video" for e in result.events)


def test_an_edit_it_cannot_understand_says_so(sunset: dict[str, Any]) -> None:
    result = turn("make it more purple-ish somehow", sunset)
    assert (result.kind, result.draft) == ("none", None)
    assert "not sure" in result.events[0].text


def test_a_new_generation_request_replaces_the_draft(sunset: dict[str, Any]) -> None:
    result = turn("create a 10 second video of snowy mountains", sunset)
    assert result.kind == "generate" and scene(track(result.draft, 0)[0])["land"] == "mountains"


def test_edits_reply_in_the_users_language(sunset: dict[str, Any]) -> None:
    result = turn("把音乐调小一点", sunset)
    assert result.language == "zh-CN" and texts(result)[-1] == "音乐音量 35% → 20%（0–15 秒）。"


@pytest.fixture
def promo() -> dict[str, Any]:
    return turn(PROMO, assets=IMAGES).draft


def test_promo_from_images_is_a_ken_burns_slideshow_in_upload_order(promo: dict[str, Any]) -> None:
    photos = track(promo, 0)
    assert [p["src"] for p in photos] == [a["url"] for a in IMAGES]
    assert [(p["st"], p["d"]) for p in photos] == [
        (0, 7500),
        (7500, 7500),
        (15000, 7500),
        (22500, 7500),
    ]
    assert [(p["mo"]["z0"], p["mo"]["z1"]) for p in photos] == [(1.0, 1.12), (1.12, 1.0)] * 2
    assert len({(p["mo"]["x0"], p["mo"]["y0"], p["mo"]["x1"], p["mo"]["y1"]) for p in photos}) == 4
    assert all(p["fit"] == "cover" for p in photos) and [("tr" in p) for p in photos] == [
        False,
        True,
        True,
        True,
    ]


def test_promo_has_title_captions_and_upbeat_music(promo: dict[str, Any]) -> None:
    title, *captions = track(promo, 7)
    assert (title["tx"], title["st"], title["d"], title["sty"]["pos"]) == (
        "Handmade ceramic mugs",
        0,
        3000,
        "top-center",
    )
    assert [c["tx"] for c in captions] == [
        "Dishwasher safe and microwave friendly",
        "Perfect for slow mornings",
        "Order today",
    ]
    photos = track(promo, 0)
    assert [(c["st"], c["d"], c["sty"]["pos"]) for c in captions] == [
        (p["st"] + 300, p["d"] - 600, "bottom-center") for p in photos[:3]
    ]
    assert track(promo, 1)[0]["src"].startswith("gen:music/upbeat?")


@pytest.mark.parametrize(
    ("message", "title", "captions"),
    [
        (
            "make a 16:9 promo from my product photos: Handmade mugs. Order today!",
            "Handmade mugs",
            ["Order today"],
        ),
        ("用我的图片做一个促销视频：手工陶瓷杯。可用洗碗机。", "手工陶瓷杯", ["可用洗碗机"]),
    ],
)
def test_promo_text_after_a_colon_is_the_description(
    message: str, title: str, captions: list[str]
) -> None:
    first, *rest = track(turn(message, assets=IMAGES).draft, 7)
    assert first["tx"] == title and [c["tx"] for c in rest] == captions


def test_promo_streams_analyze_media_first() -> None:
    result = turn(PROMO, assets=IMAGES)
    names = [e.name for e in result.events if e.kind == "call"]
    assert names == ["analyze_media", "generate_video", "generate_music", "edit_multitrack"]
    assert result.events[2].response == {"images": 4, "videos": 0, "audio": 0}


@pytest.mark.parametrize(
    ("words", "order"),
    [("start with the second photo", [1, 2, 3, 0]), ("in reverse order", [3, 2, 1, 0])],
)
def test_promo_order_as_told(words: str, order: list[int]) -> None:
    draft = turn(f"make a promo from my photos, {words}", assets=IMAGES).draft
    assert [p["src"] for p in track(draft, 0)] == [IMAGES[i]["url"] for i in order]


def test_promo_uses_uploaded_audio_and_clips() -> None:
    draft = turn("make a 20 second promo from my uploads", assets=[CLIP, *IMAGES[:2], SONG]).draft
    clip, *photos = track(draft, 0)
    assert (clip["src"], clip["in"], clip["d"]) == (CLIP["url"], 0, 4000) and "mo" not in clip
    assert [p["d"] for p in photos] == [8000, 8000]
    (music,) = track(draft, 1)
    assert (music["src"], music["d"], music["vol"]) == (SONG["url"], 20_000, 0.35)


def test_promo_in_chinese_is_vertical_and_replies_in_chinese() -> None:
    result = turn("用我的图片做一个30秒的宣传视频，竖屏", assets=IMAGES)
    assert result.draft["m"]["aspect"] == "9:16" and result.draft["d"] == 30_000
    assert result.language == "zh-CN" and "宣传视频" in texts(result)[0]


def test_asking_for_uploads_without_any_is_answered_honestly() -> None:
    result = turn("create a 30-second promotional video from my product images")
    assert (result.kind, result.draft) == ("none", None) and "Upload" in result.events[0].text


@pytest.mark.parametrize(
    ("message", "order"),
    [
        ("swap the first two photos", [1, 0, 2, 3]),
        ("put the last image first", [3, 0, 1, 2]),
        ("move the first photo to the end", [1, 2, 3, 0]),
        ("swap photo 2 and photo 4", [0, 3, 2, 1]),
        ("reverse the order of the photos", [3, 2, 1, 0]),
        ("把最后一张图片放到最前面", [3, 0, 1, 2]),
    ],
)
def test_reorder_keeps_ids_and_moves_captions_with_photos(
    promo: dict[str, Any], message: str, order: list[int]
) -> None:
    before = track(promo, 0)
    after = edit(message, promo)
    photos = track(after, 0)
    assert [p["id"] for p in photos] == [before[i]["id"] for i in order]
    assert [p["st"] for p in photos] == [0, 7500, 15000, 22500]
    for caption in track(after, 7)[1:]:
        (photo,) = [p for p in photos if p["id"] == caption["ref"]]
        assert caption["st"] == photo["st"] + 300


def test_removing_a_photo_keeps_the_duration_and_drops_its_caption(promo: dict[str, Any]) -> None:
    after = edit("remove the third image", promo)
    photos = track(after, 0)
    assert [p["src"] for p in photos] == [IMAGES[i]["url"] for i in (0, 1, 3)]
    assert after["d"] == 30_000 and [p["d"] for p in photos] == [10_000, 10_000, 10_000]
    assert [c["tx"] for c in track(after, 7)[1:]] == [
        "Dishwasher safe and microwave friendly",
        "Perfect for slow mornings",
    ]


def test_removing_a_photo_that_does_not_exist_says_so(promo: dict[str, Any]) -> None:
    result = turn("remove the ninth photo", promo)
    assert result.kind == "none" and "9" in result.events[0].text


def test_use_the_uploaded_images_replaces_the_scene(sunset: dict[str, Any]) -> None:
    after = edit("use the uploaded images instead", sunset, assets=IMAGES)
    assert [p["src"] for p in track(after, 0)] == [a["url"] for a in IMAGES]
    assert after["d"] == 15_000 and track(after, 1)[0]["id"] == track(sunset, 1)[0]["id"]


def test_use_my_song_replaces_the_music_source(sunset: dict[str, Any]) -> None:
    after = edit("use my song as the music", sunset, assets=[SONG])
    (music,) = track(after, 1)
    assert (music["id"], music["src"], music["d"]) == (
        track(sunset, 1)[0]["id"],
        SONG["url"],
        15_000,
    )


def test_new_ids_are_deterministic_and_never_reused(promo: dict[str, Any]) -> None:
    a = edit("remove the title", promo)
    b = edit("add a title 'Fresh'", a)
    c = plan_turn("add a title 'Fresh'", a, assets=[]).draft
    assert b == c
    (title,) = [s for s in track(b, 7) if s["sty"]["role"] == "title"]
    assert title["id"] not in ids(promo)
    validate(b)


def test_square_and_720p_edits(promo: dict[str, Any]) -> None:
    after = edit("make it square in 720p", promo)
    assert (after["m"]["aspect"], after["m"]["res"], after["m"]["width"], after["m"]["height"]) == (
        "1:1",
        "720p",
        720,
        720,
    )


def test_title_size_and_colour_edits_leave_the_music_alone() -> None:
    draft = turn("a 15 second sunset over the sea titled 'Calm'").draft
    bigger = edit("make the title bigger and yellow", draft)
    (title,) = track(bigger, 7)
    assert (title["sty"]["size"], title["sty"]["color"]) == (90, "#ffd400")
    smaller = edit("标题小一点", bigger)
    assert track(smaller, 7)[0]["sty"]["size"] == 72 and track(smaller, 1)[0]["vol"] == 0.35


@pytest.mark.parametrize(
    ("message", "ms"),
    [
        ("trim to 8 seconds", 8000),
        ("make it 20 seconds", 20_000),
        ("shorten it by 5 seconds", 10_000),
        ("缩短到10秒", 10_000),
        ("alárgalo a 30 segundos", 30_000),
        ("1分にして", 60_000),
    ],
)
def test_duration_edits(sunset: dict[str, Any], message: str, ms: int) -> None:
    after = edit(message, sunset)
    assert after["d"] == ms and track(after, 0)[0]["d"] == ms and track(after, 1)[0]["d"] == ms


def test_extending_never_stretches_a_clip_past_its_source() -> None:
    draft = turn("make a 12 second promo from my uploads", assets=[CLIP, *IMAGES[:2]]).draft
    assert [s["d"] for s in track(draft, 0)] == [4000, 4000, 4000]
    longer = edit("make it 40 seconds", draft, assets=[CLIP, *IMAGES[:2]])
    assert [s["d"] for s in track(longer, 0)] == [4000, 18_000, 18_000]


def test_edits_a_draft_without_studio_metadata() -> None:
    cloud = {
        "t": [
            {
                "id": "t1",
                "tt": 0,
                "sg": [
                    {
                        "id": "a",
                        "st": 0,
                        "d": 8000,
                        "src": "gen:scene/x?tod=day&land=sea&motion=pan&seed=3",
                    }
                ],
            }
        ],
        "m": {"title": "From the cloud"},
    }
    result = turn("add a title 'Hello' and make it night", cloud)
    assert result.kind == "edit" and result.draft["d"] == 8000
    assert scene(track(result.draft, 0)[0])["tod"] == "night"
    assert [s["tx"] for s in track(result.draft, 7)] == ["Hello"]


def test_unquoted_new_title_text_and_camera_motion(sunset: dict[str, Any]) -> None:
    titled = edit("the title should say Hello World", edit("add a title 'Hi'", sunset))
    assert track(titled, 7)[0]["tx"] == "Hello World"
    result = turn("slow zoom please", titled)
    assert scene(track(result.draft, 0)[0])["motion"] == "zoom" and "slow zoom" in texts(result)[-1]


@pytest.mark.parametrize(
    ("message", "phrase"), [("export it", "Export button"), ("导出", "导出按钮")]
)
def test_export_words_point_to_the_export_button(
    sunset: dict[str, Any], message: str, phrase: str
) -> None:
    result = turn(message, sunset)
    assert (result.kind, result.draft) == ("none", None) and phrase in result.events[0].text


def test_asking_for_a_version_of_this_video_edits_it(sunset: dict[str, Any]) -> None:
    result = turn("make a vertical version of the video", sunset)
    assert result.kind == "edit" and result.draft["m"]["aspect"] == "9:16"
    assert ids(result.draft) == ids(sunset)


def test_product_name_stops_at_the_end_of_its_line() -> None:
    message = (
        "create a 30-second promotional video from my product images for a lamp called Northwind\n"
        "Description: warm light for long evenings"
    )
    title = track(turn(message, assets=IMAGES).draft, 7)[0]
    assert title["tx"] == "Northwind"


@pytest.fixture
def two_scenes() -> dict[str, Any]:
    return turn(
        "create a 30 second video: sunrise over the mountains then fireworks over a city at night"
    ).draft


@pytest.mark.parametrize(
    "message",
    [
        "make the second scene rainy",
        "add rain to scene 2",
        "把第二个场景改成下雨",
        "la segunda escena con lluvia",
        "2つ目のシーンを雨に",
    ],
)
def test_a_named_scene_is_edited_alone(two_scenes: dict[str, Any], message: str) -> None:
    first, second = (scene(seg) for seg in track(edit(message, two_scenes), 0))
    assert first == scene(track(two_scenes, 0)[0])
    assert second["fx"] == "rain,fireworks" and second["tod"] == "night"


def test_removing_an_effect_from_a_named_scene_keeps_the_scene(two_scenes: dict[str, Any]) -> None:
    result = turn("remove the fireworks from the second scene", two_scenes)
    segs = track(result.draft, 0)
    assert [s["id"] for s in segs] == [s["id"] for s in track(two_scenes, 0)]
    assert "fx" not in scene(segs[1]) and scene(segs[1])["tod"] == "night"
    assert "15–30 s" in texts(result)[-1]


def test_a_scene_that_does_not_exist_is_answered_honestly(two_scenes: dict[str, Any]) -> None:
    result = turn("make the fifth scene rainy", two_scenes)
    assert (result.kind, result.draft) == ("none", None)
    assert "no item 5" in texts(result)[-1] and "has 2" in texts(result)[-1]


@pytest.mark.parametrize(
    ("message", "tod", "land"),
    [
        ("change the city to mountains", "sunset", "mountains"),
        ("change the sunset to night", "night", "city"),
        ("make it night instead of sunset", "night", "city"),
        ("把城市改成山", "sunset", "mountains"),
        ("cambia la ciudad por montañas", "sunset", "mountains"),
    ],
)
def test_a_change_from_one_scene_word_to_another_takes_the_new_one(
    sunset: dict[str, Any], message: str, tod: str, land: str
) -> None:
    query = scene(track(edit(message, sunset), 0)[0])
    assert (query["tod"], query["land"]) == (tod, land)


@pytest.mark.parametrize(
    ("message", "span"),
    [
        ("make the title appear at 5 seconds", (5000, 3000)),
        ("make the title last 6 seconds", (0, 6000)),
        ("show the title from 4s for 3 seconds", (4000, 3000)),
        ("标题从5秒开始，持续4秒", (5000, 4000)),
        ("el título a los 5 segundos durante 3 segundos", (5000, 3000)),
        ("タイトルを5秒から表示", (5000, 3000)),
    ],
)
def test_title_timing_moves_the_title_not_the_video_length(
    sunset: dict[str, Any], message: str, span: tuple[int, int]
) -> None:
    titled = edit("add a title 'Urban Dreams'", sunset)
    timed = edit(message, titled)
    (title,) = track(timed, 7)
    assert (title["st"], title["d"]) == span and timed["d"] == sunset["d"] == 15000


def test_title_timing_past_the_end_stays_inside_and_says_so(sunset: dict[str, Any]) -> None:
    result = turn("make the title appear at 20 seconds", edit("add a title 'Late'", sunset))
    (title,) = track(result.draft, 7)
    assert (title["st"], title["d"]) == (14000, 1000)
    assert "the video is 15 s long" in texts(result)[-1]


def test_a_title_added_at_a_time_is_reported_once_at_that_time(sunset: dict[str, Any]) -> None:
    result = turn("add a title 'Hello' at 10 seconds", sunset)
    (title,) = track(result.draft, 7)
    assert (title["st"], title["d"]) == (10000, 3000)
    assert texts(result)[-1] == "Title 'Hello' added (10–13 s)."


@pytest.mark.parametrize(
    ("message", "fi", "fo"),
    [
        ("add a fade out at the end", None, 1000),
        ("fade to black over 2 seconds", None, 2000),
        ("add a 3 second fade-in", 3000, None),
        ("fade in and fade out", 1000, 1000),
        ("结尾淡出", None, 1000),
        ("añade un fundido a negro", None, 1000),
        ("最後にフェードアウト", None, 1000),
    ],
)
def test_fades_from_and_to_black_go_on_the_first_and_last_segment(
    sunset: dict[str, Any], message: str, fi: int | None, fo: int | None
) -> None:
    faded = edit(message, sunset)
    (seg,) = track(faded, 0)
    assert (seg.get("fi"), seg.get("fo"), faded["d"]) == (fi, fo, 15000)
    assert track(faded, 1)[0]["fo"] >= (fo or 0)


def test_fades_can_be_removed_one_or_both(sunset: dict[str, Any]) -> None:
    both = edit("fade in and fade out", sunset)
    (seg,) = track(edit("remove the fade out", both), 0)
    assert (seg.get("fi"), seg.get("fo")) == (1000, None)
    result = turn("remove the fades", both)
    (seg,) = track(result.draft, 0)
    assert "fi" not in seg and "fo" not in seg
    assert texts(result)[-1] == "Fades from and to black removed."


def test_fading_out_the_music_leaves_the_picture(sunset: dict[str, Any]) -> None:
    faded = edit("fade out the music over 4 seconds", sunset)
    assert track(faded, 1)[0]["fo"] == 4000 and "fo" not in track(faded, 0)[0]


@pytest.mark.parametrize(
    ("message", "palette"),
    [
        ("make it black and white", "mono"),
        ("warmer colors please", "warm"),
        ("hazlo en blanco y negro", "mono"),
        ("モノクロにして", "mono"),
        ("改成黑白", "mono"),
    ],
)
def test_the_colour_look_of_a_scene_can_be_changed(
    sunset: dict[str, Any], message: str, palette: str
) -> None:
    looked = edit(message, sunset)
    assert scene(track(looked, 0)[0])["palette"] == palette
    assert "palette" not in scene(track(edit("back to normal colors", looked), 0)[0])
    assert scene(track(edit("make it night", looked), 0)[0])["palette"] == palette


def test_a_look_asked_for_at_generation_is_in_the_scene_and_the_reply() -> None:
    result = turn("a black and white city at night, 10 seconds")
    assert scene(track(result.draft, 0)[0])["palette"] == "mono"
    assert "black and white" in texts(result)[0]


@pytest.mark.parametrize(
    ("message", "fi", "fo", "total"),
    [
        ("a 4 second city at night with fireworks, fade to black at the end", None, 1000, 4000),
        ("a 10 second sunset with a 2 second fade in and the title 'Hi'", 2000, None, 10000),
        ("a 6 second city, fade in over 2s and fade out", 2000, 2000, 6000),
        ("生成10秒的海边日落视频，结尾淡出", None, 1000, 10000),
        ("make the title fade in, 10 seconds of sea", None, None, 10000),
    ],
)
def test_fades_asked_for_in_a_request_are_made_and_reported(
    message: str, fi: int | None, fo: int | None, total: int
) -> None:
    result = turn(message)
    segs = track(result.draft, 0)
    assert (segs[0].get("fi"), segs[-1].get("fo"), result.draft["d"]) == (fi, fo, total)
    summary = texts(result)[-1]
    assert ("black" in summary or "黑场" in summary) == bool(fi or fo)


def test_a_fade_length_does_not_change_the_video_length(sunset: dict[str, Any]) -> None:
    faded = edit("fade to black over 3 seconds", sunset)
    assert faded["d"] == 15000 and track(faded, 0)[-1]["fo"] == 3000
    longer = edit("make it 20 seconds and fade out", sunset)
    assert longer["d"] == 20000 and track(longer, 0)[-1]["fo"] == 1000


def test_fades_stay_at_the_ends_when_photos_are_reordered_or_dropped(
    promo: dict[str, Any],
) -> None:
    faded = edit("fade in and fade out", promo)
    for message in (
        "swap the first two photos",
        "move the first photo to the end",
        "remove the last photo",
    ):
        segs = track(edit(message, faded, IMAGES), 0)
        assert segs[0].get("fi") == 1000 and segs[-1].get("fo") == 1000
        assert all("fi" not in s and "fo" not in s for s in segs[1:-1])
