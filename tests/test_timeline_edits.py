"""Editing a timeline as data: with_segments round trips exactly, applies edits, and names bad cells."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import pytest
from test_timeline import protocol_draft

from nemo_notebook.backend.studio.agent import plan_turn
from nemo_notebook.errors import InputError, TimelineError
from nemo_notebook.timeline import Timeline

UPLOADS = [
    {
        "url": f"http://127.0.0.1:9/files/uploads/u{i}_abcdefgh.png",
        "file_type": "image",
        "filename": f"photo{i}.png",
        "duration": None,
        "width": 1280,
        "height": 960,
    }
    for i in range(3)
]
ASSETS = [{"filename": a["filename"], "cdn_url": a["url"]} for a in UPLOADS]


def studio_drafts() -> list[dict[str, Any]]:
    """Drafts the studio makes: generations, photo promos and edits of both."""
    made = []
    for message, assets in (
        ("a 15-second clip of a sunset over a city with calm music and the title 'Dusk'", []),
        ("a vertical clip: sunrise then fireworks over a city, fade in from black", []),
        ("make a 12-second promo from my photos with captions", UPLOADS),
    ):
        draft = plan_turn(message, None, assets=assets).draft
        made.append(draft)
        for edit in ("make the music quieter", "add a caption 'Hello' at 2 seconds", "trim to 8 s"):
            draft = plan_turn(edit, copy.deepcopy(draft), assets=assets).draft or draft
            made.append(draft)
    return made


def test_an_unedited_table_gives_back_exactly_the_same_draft() -> None:
    drafts = [protocol_draft(), *studio_drafts()]
    for draft in drafts:
        timeline = Timeline(copy.deepcopy(draft), ASSETS)
        assert timeline.with_segments(timeline.segments).draft == draft
    assert len(drafts) == 13


def test_edited_cells_change_only_their_keys() -> None:
    timeline = Timeline(protocol_draft())
    table = timeline.segments
    table.loc["seg_3", "text"] = "Night Shift"
    table.loc["seg_3", "end"] = 4.5
    table.loc["seg_2", "volume"] = 0.1
    table.loc["seg_2", "fade_out"] = None
    draft = timeline.with_segments(table).draft
    assert draft is not None
    title, music = draft["t"][2]["sg"][0], draft["t"][1]["sg"][0]
    assert (title["tx"], title["st"], title["d"]) == ("Night Shift", 0, 4500)
    assert title["sty"] == {"pos": "top-center", "size": 72}
    expected = {**protocol_draft()["t"][1]["sg"][0], "vol": 0.1}
    del expected["fo"]
    assert music == expected
    assert timeline.draft == protocol_draft(), "the original timeline is left as it was"


def test_rows_reordered_dropped_and_added() -> None:
    timeline = Timeline(protocol_draft(), ASSETS)
    table = timeline.segments
    table.loc["outro"] = {
        "track": "Video",
        "kind": "video",
        "source": "photo1.png",
        "start": 10.0,
        "end": 12.0,
    }
    table = table.drop(index="seg_3")
    new = timeline.with_segments(table)
    assert new.draft is not None
    video = new.draft["t"][0]["sg"]
    assert [s["id"] for s in video] == ["seg_1", "outro"]
    assert video[1] == {"id": "outro", "src": UPLOADS[1]["url"], "st": 10000, "d": 2000}
    assert [t["n"] for t in new.draft["t"]] == ["Video", "BGM"], "the emptied track is gone"
    assert new.draft["d"] == 12000, "the length follows the new last segment"
    swapped = Timeline(plan_turn("a clip of rain then snow then stars", None, assets=[]).draft)
    order = swapped.segments
    video_rows = order.index[order["kind"] == "video"].tolist()
    reordered = pd.concat([order.loc[video_rows[::-1]], order.drop(index=video_rows)])
    draft = swapped.with_segments(reordered).draft
    assert draft is not None
    assert [s["id"] for s in draft["t"][0]["sg"]] == video_rows[::-1]


def test_new_rows_without_a_name_get_the_next_segment_id() -> None:
    timeline = Timeline(plan_turn("a 6-second clip of a beach", None, assets=[]).draft)
    table = timeline.segments
    extra = pd.DataFrame([{"kind": "text", "text": "Hi", "start": 1.0, "duration": 2.0}])
    new = timeline.with_segments(pd.concat([table, extra]))
    assert new.draft is not None
    text = next(t for t in new.draft["t"] if t["tt"] == 7)["sg"][0]
    assert text["tx"] == "Hi" and text["id"].startswith("seg_")
    assert text["id"] not in set(table.index)
    assert new.draft["m"]["next_id"] == timeline.meta["next_id"] + 1


def test_bad_cells_are_named_by_row_and_column_all_at_once() -> None:
    timeline = Timeline(protocol_draft())
    table = timeline.segments
    table.loc["seg_1", "source"] = "nowhere.png"
    table.loc["seg_2", "volume"] = 3
    table.loc["seg_3", "start"] = -1
    table.loc["seg_3", "text"] = ""
    with pytest.raises(TimelineError) as caught:
        timeline.with_segments(table)
    cells = [(p.row, p.column) for p in caught.value.problems]
    assert cells == [
        ("seg_1", "source"),
        ("seg_2", "volume"),
        ("seg_3", "text"),
        ("seg_3", "start"),
    ]
    message = str(caught.value)
    assert message.startswith("row 'seg_1', column 'source': 'nowhere.png' is not an uploaded file")
    assert "(and 1 more)" in message and "\n" not in message
    assert isinstance(caught.value, InputError)


def test_a_row_in_the_table_twice_is_refused() -> None:
    timeline = Timeline(protocol_draft())
    table = timeline.segments
    with pytest.raises(TimelineError, match="row 'seg_1', column 'id': this row appears twice"):
        timeline.with_segments(pd.concat([table, table.loc[["seg_1"]]]))


def test_typed_helpers_return_new_timelines() -> None:
    timeline = Timeline(protocol_draft())
    titled = timeline.set_title("Night Shift")
    assert titled.title == "Night Shift"
    assert titled.segments.loc["seg_3", "text"] == "Night Shift"
    quiet = timeline.music(volume=0.2, fade_out=1)
    assert quiet.segments.loc["seg_2", ["volume", "fade_out"]].tolist() == [0.2, 1.0]
    short = timeline.trim(1.5)
    assert short.duration == 1.5
    assert short.segments["end"].tolist() == [1.5, 1.5, 1.5]
    assert short.segments.loc["seg_2", ["fade_in", "fade_out"]].tolist() == [1.0, 1.5]
    assert timeline.mute().tracks["kind"].tolist() == ["video", "text"]
    assert timeline.set_text("seg_3", "Hi").segments.loc["seg_3", "text"] == "Hi"
    assert timeline.drop("seg_3").segments.index.tolist() == ["seg_1", "seg_2"]
    assert timeline.duration == 10.0 and timeline.title == "Urban Dreams"


def test_set_title_adds_a_title_when_there_is_none() -> None:
    timeline = Timeline(protocol_draft()).drop("seg_3")
    titled = timeline.set_title("Fresh")
    rows = titled.segments
    assert rows.loc["title", ["kind", "text", "start", "end"]].tolist() == [
        "text",
        "Fresh",
        0.0,
        3.0,
    ]


def test_helpers_refuse_what_they_cannot_do() -> None:
    timeline = Timeline(protocol_draft())
    with pytest.raises(InputError, match="above 0"):
        timeline.trim(0)
    with pytest.raises(InputError, match="No row 'seg_9'"):
        timeline.set_text("seg_9", "x")
    with pytest.raises(InputError, match="no music"):
        timeline.mute().music(volume=0.5)
