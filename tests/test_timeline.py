"""Timeline DataFrames, the summary line, diffs, change reports and the OTIO export of a draft."""

from __future__ import annotations

import copy
import math
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from nemo_notebook.models import Asset, Credits, RenderStatus, Reply, State, Video
from nemo_notebook.timeline import (
    DIFF_COLUMNS,
    SEGMENT_COLUMNS,
    TRACK_COLUMNS,
    Change,
    Timeline,
    draft_changes,
)


def protocol_draft() -> dict[str, Any]:
    return {
        "d": 10000,
        "m": {"title": "Urban Dreams", "width": 1920, "height": 1080, "fps": 30, "aspect": "16:9"},
        "t": [
            {
                "id": "trk_v1",
                "tt": 0,
                "n": "Video",
                "sg": [
                    {
                        "id": "seg_1",
                        "st": 0,
                        "d": 10000,
                        "n": "city timelapse",
                        "src": "gen:scene/city?seed=7",
                        "in": 0,
                    }
                ],
            },
            {
                "id": "trk_a1",
                "tt": 1,
                "n": "BGM",
                "sg": [
                    {
                        "id": "seg_2",
                        "st": 0,
                        "d": 10000,
                        "n": "Lo-fi",
                        "src": "gen:music/lofi?seed=7",
                        "vol": 0.35,
                        "fi": 1000,
                        "fo": 2000,
                    }
                ],
            },
            {
                "id": "trk_t1",
                "tt": 7,
                "n": "Title",
                "sg": [
                    {
                        "id": "seg_3",
                        "st": 0,
                        "d": 3000,
                        "n": "Title",
                        "tx": "Urban Dreams",
                        "sty": {"pos": "top-center", "size": 72},
                    }
                ],
            },
        ],
    }


def test_summary_matches_the_protocol_line_exactly() -> None:
    assert Timeline(protocol_draft()).summary() == (
        "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) "
        '3. Title: "Urban Dreams" (0-3s)'
    )


def test_summary_joins_segments_of_one_track_and_keeps_fractional_seconds() -> None:
    draft = protocol_draft()
    draft["t"][0]["sg"] = [
        {"id": "a", "st": 0, "d": 2500, "n": "dawn"},
        {"id": "b", "st": 2500, "d": 7500, "n": "noon"},
    ]
    assert "1. Video: dawn (0-2.5s); noon (2.5-10s) 2." in Timeline(draft).summary()


def test_tracks_frame_has_counts_spans_and_audio_volume_without_repeating_the_index() -> None:
    tracks = Timeline(protocol_draft()).tracks
    assert list(tracks.columns) == TRACK_COLUMNS
    assert "track" not in tracks.columns
    assert tracks["kind"].tolist() == ["video", "audio", "text"]
    assert tracks["segments"].tolist() == [1, 1, 1]
    assert tracks["end"].tolist() == [10.0, 10.0, 3.0]
    assert tracks.loc[1, "volume"] == pytest.approx(0.35)
    assert math.isnan(tracks.loc[0, "volume"])
    assert str(tracks["start"].dtype) == "float64"


def test_segments_read_as_names_and_seconds_with_the_raw_draft_one_attribute_away() -> None:
    timeline = Timeline(protocol_draft())
    seg = timeline.segments
    assert list(seg.columns) == SEGMENT_COLUMNS
    assert seg.index.tolist() == ["seg_1", "seg_2", "seg_3"]
    assert seg["duration"].tolist() == [10.0, 10.0, 3.0]
    assert seg["track"].tolist() == ["Video", "BGM", "Title"]
    assert seg["source"].tolist()[:2] == ["city", "Lofi music"]
    assert seg.loc["seg_3", "text"] == "Urban Dreams"
    assert (seg.loc["seg_2", "fade_in"], seg.loc["seg_2", "fade_out"]) == (1.0, 2.0)
    assert seg.loc["seg_2", "volume"] == pytest.approx(0.35)
    assert "meta" not in seg.columns and not any(
        str(v).startswith("gen:") for v in seg["source"].dropna()
    )
    for column in ("start", "end", "duration", "volume", "fade_in", "fade_out"):
        assert str(seg[column].dtype) == "float64"
    assert timeline.raw is timeline.draft
    assert timeline.raw["t"][1]["sg"][0]["fi"] == 1000


def test_uploaded_files_read_by_their_names() -> None:
    draft = protocol_draft()
    draft["t"][0]["sg"][0]["src"] = "http://127.0.0.1:1/files/uploads/Xk2_abcdefgh.png"
    assets = [
        {"filename": "mug.png", "cdn_url": "http://127.0.0.1:1/files/uploads/Xk2_abcdefgh.png"}
    ]
    assert Timeline(draft, assets).segments.loc["seg_1", "source"] == "mug.png"
    assert Timeline(draft).segments.loc["seg_1", "source"] == "Xk2_abcdefgh.png"


def test_unknown_track_type_is_reported_as_other() -> None:
    draft = {"t": [{"id": "x", "tt": 4, "sg": [{"st": 0, "d": 1000}]}]}
    assert Timeline(draft).tracks["kind"].tolist() == ["other:4"]


def test_empty_draft_gives_empty_frames_with_the_same_columns() -> None:
    empty = Timeline(None)
    assert list(empty.segments.columns) == SEGMENT_COLUMNS
    assert list(empty.tracks.columns) == TRACK_COLUMNS
    assert len(empty.segments) == 0
    assert empty.duration == 0.0
    assert empty.summary() == "Timeline (0 tracks): empty"


def test_properties_read_metadata() -> None:
    timeline = Timeline(protocol_draft())
    assert (timeline.title, timeline.width, timeline.height, timeline.duration) == (
        "Urban Dreams",
        1920,
        1080,
        10.0,
    )


def edited() -> dict[str, Any]:
    draft = copy.deepcopy(protocol_draft())
    draft["t"][0]["sg"][0]["d"] = 8000
    draft["t"][1]["sg"][0]["vol"] = 0.2
    draft["t"][2]["sg"] = [
        {"id": "seg_9", "st": 0, "d": 3000, "n": "Title", "tx": "Paradise Found"}
    ]
    draft["m"].update(aspect="9:16", width=1080, height=1920)
    return draft


def test_draft_changes_describe_each_edit_in_protocol_style() -> None:
    descriptions = [str(change) for change in draft_changes(protocol_draft(), edited())]
    assert descriptions == [
        "Canvas changed: 16:9 → 9:16",
        "Video trimmed: 10 s → 8 s",
        "BGM volume changed: 35% → 20%",
        "Title added: 'Paradise Found' (0–3 s)",
        "Title removed: 'Urban Dreams'",
    ]


def test_change_carries_fields_and_times() -> None:
    added = next(c for c in draft_changes(protocol_draft(), edited()) if c.kind == "added")
    assert isinstance(added, Change)
    assert (added.track, added.track_type, added.segment_id) == ("Title", "text", "seg_9")
    assert (added.start_s, added.end_s) == (0.0, 3.0)


def test_identical_drafts_have_no_changes() -> None:
    assert draft_changes(protocol_draft(), protocol_draft()) == []


def test_diff_is_a_tidy_before_and_after_frame_in_table_units() -> None:
    diff = Timeline(protocol_draft()).diff(Timeline(edited()))
    assert list(diff.columns) == DIFF_COLUMNS
    rows = [
        tuple(r)
        for r in diff[["change", "id", "column", "before", "after"]].itertuples(index=False)
    ]
    assert rows == [
        ("changed", "", "aspect", "16:9", "9:16"),
        ("changed", "", "height", 1080, 1920),
        ("changed", "", "width", 1920, 1080),
        ("changed", "seg_1", "duration", 10.0, 8.0),
        ("changed", "seg_2", "volume", 0.35, 0.2),
        ("added", "seg_9", "", None, "Paradise Found"),
        ("removed", "seg_3", "", "Urban Dreams", None),
    ]
    assert diff["kind"].tolist()[:4] == ["project", "project", "project", "video"]


def test_diff_falls_back_to_position_when_ids_are_missing() -> None:
    before = {"t": [{"tt": 1, "n": "BGM", "sg": [{"st": 0, "d": 5000, "n": "Calm", "vol": 0.5}]}]}
    after = copy.deepcopy(before)
    after["t"][0]["sg"][0]["vol"] = 0.8
    diff = Timeline(before).diff(after)
    assert diff["change"].tolist() == ["changed"]
    assert (diff.loc[0, "column"], diff.loc[0, "before"], diff.loc[0, "after"]) == (
        "volume",
        0.5,
        0.8,
    )
    assert [str(c) for c in draft_changes(before, after)] == ["BGM volume changed: 50% → 80%"]


def test_segments_frame_for_ten_thousand_segments_is_fast() -> None:
    draft = {
        "t": [
            {
                "id": "v",
                "tt": 0,
                "n": "Video",
                "sg": [
                    {"id": f"s{i}", "st": i * 1000, "d": 1000, "n": "x", "fi": 1}
                    for i in range(10_000)
                ],
            }
        ]
    }
    timeline = Timeline(draft)
    start = time.perf_counter()
    frame = timeline.segments
    elapsed = time.perf_counter() - start
    assert len(frame) == 10_000
    assert frame["end"].iloc[-1] == 10_000.0
    assert (
        elapsed < 1.0
    )  # catches quadratic blow-ups; benchmarks/timeline_frame.py measures the real figure


def test_to_otio_has_one_track_per_track_with_frame_accurate_clips() -> None:
    otio = pytest.importorskip("opentimelineio")
    result = Timeline(protocol_draft()).to_otio()
    assert isinstance(result, otio.schema.Timeline)
    assert [t.name for t in result.tracks] == ["Video", "BGM", "Title"]
    assert result.tracks[1].kind == otio.schema.TrackKind.Audio
    assert result.duration().to_seconds() == pytest.approx(10.0)
    title = result.tracks[2][0]
    assert title.source_range.duration.value == pytest.approx(90)
    assert title.metadata["nemo"]["tx"] == "Urban Dreams"


def test_to_otio_keeps_gaps_before_late_segments() -> None:
    draft = {
        "m": {"fps": 25},
        "t": [{"tt": 0, "n": "Video", "sg": [{"st": 2000, "d": 1000, "n": "late"}]}],
    }
    track = Timeline(draft).to_otio().tracks[0]
    assert [type(item).__name__ for item in track] == ["Gap", "Clip"]
    assert track[0].source_range.duration.value == pytest.approx(50)


def test_state_from_wire_exposes_timeline() -> None:
    state = State.from_wire(
        {
            "session_id": "123",
            "task_id": "t1",
            "task_name": "project",
            "state": {"draft": protocol_draft(), "video_infos": []},
        }
    )
    assert state.timeline.summary().startswith("Timeline (3 tracks)")
    assert State.from_wire({"session_id": "1", "state": {"draft": None}}).timeline.summary() == (
        "Timeline (0 tracks): empty"
    )


def test_render_status_reads_nested_and_top_level_forms() -> None:
    nested = RenderStatus.from_wire(
        {
            "success": True,
            "data": {
                "id": "render_1",
                "status": "completed",
                "progress": 100,
                "outputUrl": "http://x/a.mp4",
            },
        }
    )
    assert (nested.status, nested.output_url, nested.finished) == (
        "completed",
        "http://x/a.mp4",
        True,
    )
    mirror = RenderStatus.from_wire(
        {
            "status": "completed",
            "progress": 1.0,
            "output": {"url": "http://x/b.mp4", "duration": 10.0, "size": 2048},
        }
    )
    assert (mirror.output_url, mirror.duration_ms, mirror.size) == ("http://x/b.mp4", 10000, 2048)
    failed = RenderStatus.from_wire(
        {"success": True, "data": {"id": "r", "status": "failed", "error": "boom"}}
    )
    assert failed.error == "boom"


def test_silent_reply_reads_as_its_change_report() -> None:
    changes = tuple(draft_changes(protocol_draft(), edited()))
    reply = Reply(text="", silent=True, changes=changes, session_id="1")
    assert str(reply).splitlines()[0] == "Canvas changed: 16:9 → 9:16"
    assert Reply(text="Done!", session_id="1")._repr_html_() == "<p>Done!</p>\n"


def test_asset_and_credits_from_wire() -> None:
    asset = Asset.from_wire(
        {
            "filename": "beach.mp4",
            "file_type": "video",
            "cdn_url": "http://h/f/beach.mp4",
            "duration": 30.5,
            "width": 1280,
            "height": 720,
            "fps": 30,
            "hash": "ab",
        }
    )
    # The vendor's only published upload reply gives seconds: 30.5 s, not 30 ms.
    assert (asset.url, asset.duration_ms, asset.width, asset.fps) == (
        "http://h/f/beach.mp4",
        30500,
        1280,
        30.0,
    )
    assert Credits.from_wire({"available": 90, "frozen": 10}) == Credits(90, 10, 100)


def test_video_html_is_a_video_tag_with_its_source(tmp_path: Path) -> None:
    video = Video(tmp_path / "out.mp4", None, 1280, 720, 10.0, 2_000_000, "render_1")
    markup = video._repr_html_()
    assert markup.startswith("<video controls")
    assert "out.mp4" in markup and "1280×720" in markup
    remote = Video(
        None, "http://h/r.mp4", 720, 1280, 5.0, 1, "render_2", poster_url="http://h/p.jpg"
    )
    assert 'src="http://h/r.mp4"' in remote._repr_html_()
    assert 'poster="http://h/p.jpg"' in remote._repr_html_()


def test_to_otio_without_opentimelineio_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opentimelineio", None)
    with pytest.raises(ImportError, match=r"nemo-notebook\[otio\]"):
        Timeline(protocol_draft()).to_otio()


def test_html_repr_shows_summary_and_tracks_table() -> None:
    markup = Timeline(protocol_draft())._repr_html_()
    assert "Timeline (3 tracks)" in markup
    assert "<table" in markup and "trk_a1" in markup


def test_readme_documents_every_segments_column() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("| `segments` column |", 1)[1].split("\n\n", 1)[0]
    for column in SEGMENT_COLUMNS:
        assert f"`{column}`" in table, column
