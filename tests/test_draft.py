"""The draft module: views, gen: sources, canvas sizes, limits, validate and normalise."""

from __future__ import annotations

import math
from typing import Any

import pytest

from nemo_notebook import draft as dm


def sample() -> dict:
    return {
        "d": 15000,
        "m": {"title": "Sunset", "width": 1920, "height": 1080, "fps": 30},
        "t": [
            {
                "id": "trk_v1",
                "tt": 0,
                "n": "Video",
                "sg": [
                    {
                        "id": "seg_1",
                        "st": 0,
                        "d": 15000,
                        "n": "sunset",
                        "src": "gen:scene/sunset-city?seed=7",
                        "in": 0,
                        "zz": 1,
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
                        "d": 15000,
                        "n": "Calm piano",
                        "src": "gen:music/calm?seed=7",
                        "vol": 0.35,
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
                        "tx": "Urban Dreams",
                        "sty": {"pos": "top-center", "size": 72},
                    }
                ],
            },
        ],
    }


def test_views_read_the_dict_and_keep_unknown_keys() -> None:
    raw = sample()
    view = dm.DraftView(raw)
    video, audio, text = view.tracks
    assert [t.kind for t in view.tracks] == [
        dm.TrackKind.VIDEO,
        dm.TrackKind.AUDIO,
        dm.TrackKind.TEXT,
    ]
    seg = video.segments[0]
    assert (seg.start_ms, seg.duration_ms, seg.end_ms, seg.source) == (
        0,
        15000,
        15000,
        raw["t"][0]["sg"][0]["src"],
    )
    assert audio.segments[0].volume == 0.35
    assert text.segments[0].style.size == 72
    seg.start_ms = 500
    assert raw["t"][0]["sg"][0]["st"] == 500 and raw["t"][0]["sg"][0]["zz"] == 1
    assert view.canvas == (1920, 1080) and view.meta.aspect == "16:9"


def test_cloud_draft_with_only_published_keys_has_names_everywhere() -> None:
    cloud = {
        "d": 8000,
        "m": {"width": 1080, "height": 1920},
        "t": [
            {
                "tt": 0,
                "sg": [
                    {"d": 4000},
                    {"st": 4000, "d": 4000, "src": "https://cdn.example/a/beach.mp4"},
                ],
            },
            {"tt": 1, "sg": [{"d": 8000}]},
            {"tt": 7, "sg": [{"d": 2000, "tx": "Hi"}]},
            {"tt": 9, "sg": []},
        ],
    }
    view = dm.DraftView(cloud)
    assert [t.name for t in view.tracks] == ["Video", "Audio", "Text", "Track"]
    labels = [seg.label for _t, seg in view.segments()]
    assert labels == ["Clip", "beach.mp4", "Sound", "Hi"]
    assert view.meta.aspect == "9:16" and view.canvas == (1080, 1920)
    text = dm.summary(cloud)
    assert "''" not in text and ": (0" not in text
    assert text.startswith("Timeline (4 tracks): 1. Video: Clip (0-4s); beach.mp4 (4-8s)")


def test_frame_sizes_one_table() -> None:
    assert dm.frame_size("9:16", "720p") == (720, 1280)
    assert dm.frame_size("nope", "4k") == (1920, 1080)
    assert dm.nearest_aspect(1080, 1350) == "4:5"
    assert dm.nearest_aspect(math.nan, 1) == "16:9"


def test_scene_source_round_trip_and_default_motion() -> None:
    src = dm.scene_src(
        tod="night", land="city", fx=["rain", "stars"], motion="zoom", seed=5, tint="#ff000040"
    )
    q = dm.read_scene(src)
    assert q == {
        "tod": "night",
        "land": "city",
        "fx": ["rain", "stars"],
        "motion": "zoom",
        "seed": 5,
        "palette": "",
        "tint": "#ff000040",
    }
    assert dm.scene_src(**q) == src
    bare = dm.read_scene("gen:scene/sunset-forest-snow", fallback_seed=3)
    assert bare is not None
    assert (bare["tod"], bare["land"], bare["fx"], bare["motion"], bare["seed"]) == (
        "sunset",
        "forest",
        ["snow"],
        dm.DEFAULT_MOTION,
        3,
    )
    assert dm.DEFAULT_MOTION == "pan"
    assert dm.read_scene("https://x/y.png") is None
    assert dm.read_scene("gen:scene/x?seed=abc&motion=spin")["motion"] == "pan"


def test_music_and_color_sources() -> None:
    assert dm.read_music("gen:music/lofi?seed=3&bpm=82") == dm.MusicQuery("lofi", 3, 82)
    assert dm.read_music("gen:music/polka?bpm=99999", 4) == dm.MusicQuery("calm", 4, None)
    assert dm.read_music(dm.music_src("upbeat", 2, 120)) == dm.MusicQuery("upbeat", 2, 120)
    assert dm.read_color("gen:color/ff8800") == "#ff8800"
    assert dm.read_color(dm.color_src("#123456")) == "#123456"


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        (lambda d: d.update(d=1e9), "d"),
        (lambda d: d.update(d=math.inf), "d"),
        (lambda d: d.update(d=math.nan), "d"),
        (lambda d: d.update(d="long"), "d"),
        (lambda d: d["t"][0]["sg"][0].update(st=-5), "t[0].sg[0].st"),
        (lambda d: d["t"][2]["sg"][0].update(tx="x" * 100_000), "t[2].sg[0].tx"),
        (lambda d: d["t"][0].update(sg=[{"d": 1}] * 20_000), "t[].sg"),
        (lambda d: d["t"][2]["sg"][0]["sty"].update(size=math.inf), "t[2].sg[0].sty.size"),
        (lambda d: d.update(t="tracks"), "t"),
        (lambda d: d["t"].append(7), "t[3]"),
    ],
)
def test_refused_problems_name_the_field(patch, path) -> None:
    bad = sample()
    patch(bad)
    problems = dm.validate(bad)
    assert path in [p.path for p in problems if not p.fixable]
    with pytest.raises(
        dm.DraftError, match=path.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")
    ):
        dm.normalise(bad)


def test_normalise_clamps_levels_and_keeps_the_rest() -> None:
    bad = sample()
    bad["t"][2]["sg"][0]["sty"]["size"] = 1e9
    bad["t"][1]["sg"][0]["vol"] = 7
    bad["m"]["fps"] = 240
    bad["m"]["title"] = "t" * 100_000
    problems = dm.validate(bad)
    size = next(p for p in problems if p.path == "t[2].sg[0].sty.size")
    assert size.fixable and "8 to 400" in size.message
    fixed = dm.normalise(bad)
    assert fixed["t"][2]["sg"][0]["sty"]["size"] == dm.TEXT_SIZE_MAX
    assert fixed["t"][1]["sg"][0]["vol"] == 1.0 and fixed["m"]["fps"] == 60
    assert len(fixed["m"]["title"]) == dm.MAX_LABEL_CHARS
    assert fixed["t"][0]["sg"][0]["zz"] == 1
    assert bad["m"]["fps"] == 240  # the input is not changed
    assert dm.validate(fixed) == []
    assert dm.validate(sample()) == []


def test_render_time_limit_follows_duration() -> None:
    short, long = sample(), sample()
    long["d"] = dm.MAX_DURATION_MS
    assert (
        dm.render_time_limit(short) == dm.RENDER_STARTUP_SECONDS + 15 * dm.RENDER_SECONDS_PER_SECOND
    )
    assert dm.render_time_limit(long) > dm.render_time_limit(short)
    assert dm.render_time_limit({"d": 1e12}) == dm.render_time_limit({"d": dm.MAX_DURATION_MS})


def test_change_reports_of_cloud_drafts_never_show_empty_names() -> None:
    from nemo_notebook.timeline import Timeline, draft_changes

    before = {
        "d": 4000,
        "m": {"width": 1920, "height": 1080},
        "t": [{"tt": 7, "sg": [{"id": "a", "d": 2000}]}],
    }
    after = {
        "d": 4000,
        "m": {"width": 1920, "height": 1080, "title": "Trip"},
        "t": [
            {"tt": 7, "sg": [{"id": "a", "d": 2000, "tx": "Hi"}]},
            {"tt": 0, "sg": [{"d": 4000}]},
        ],
    }
    texts = [c.description for c in draft_changes(before, after)]
    assert len(texts) == 3
    assert all("''" not in t and "None" not in t for t in texts), texts
    assert "Project title set: 'Trip'" in texts and "Text text set: 'Hi'" in texts
    assert "Video added: 'Clip' (0–4 s)" in texts
    summary = Timeline(after).summary()
    assert summary == 'Timeline (2 tracks): 1. Text: "Hi" (0-2s) 2. Video: Clip (0-4s)'


def test_draft_module_imports_only_the_standard_library() -> None:
    import ast
    import sys
    from pathlib import Path

    for module in (dm, __import__("nemo_notebook.language", fromlist=["x"])):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0
        }
        assert not any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree))
        assert names <= set(sys.stdlib_module_names) | {"__future__"}, names


def test_one_frame_size_table_and_one_scene_reader() -> None:
    from nemo_notebook.backend.studio.agent import draft as agent_draft
    from nemo_notebook.backend.studio.agent import vocab
    from nemo_notebook.backend.studio.render import plan, scenes

    assert not hasattr(vocab, "FRAME_SIZES") and not hasattr(plan, "SIZES")
    assert agent_draft.read_scene is dm.read_scene and agent_draft.scene_src is dm.scene_src
    assert scenes.parse_scene("gen:scene/x?tod=night").motion == dm.DEFAULT_MOTION


def test_setters_write_the_wire_keys() -> None:
    seg: dict = {"st": 0, "d": 4000}
    view = dm.SegmentView(seg)
    view.fade_in_ms, view.fade_out_ms, view.in_ms = 250, 500, 1200
    view.transition = {"type": "fade", "d": 300}
    assert (seg["fi"], seg["fo"], seg["in"], seg["tr"]["d"]) == (250, 500, 1200, 300)
    assert (view.fade_in_ms, view.fade_out_ms, view.in_ms, view.transition_ms) == (
        250,
        500,
        1200,
        300,
    )
    view.transition = None
    assert "tr" not in seg and view.transition_ms == 0
    draft = sample()
    dm.DraftView(draft).set_duration_ms(9000)
    assert draft["d"] == 9000 and dm.DraftView(draft).duration_ms == 9000
    track = dm.new_track("trk_t1", dm.TrackKind.TEXT, "Captions")
    assert track == {"id": "trk_t1", "tt": 7, "n": "Captions", "sg": []}
    assert type(track["tt"]) is int and dm.TrackView(track).kind is dm.TrackKind.TEXT


def test_only_the_draft_module_spells_segment_keys() -> None:
    import re
    from pathlib import Path

    root = Path(dm.__file__).parent
    pattern = re.compile(
        r'\["(st|d|sg|tt|tx|sty|src|vol|fi|fo|in|tr|mo)"\]|\.get\("(st|d|sg|tt|tx|sty|src|vol)"'
    )
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        if path != Path(dm.__file__)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


# Modules whose dicts share a key name with a draft's ``m`` or ``sty`` but are not drafts: render and
# upload rows, export-cache entries, wire replies, batch tables and the notebook's drawing data.
NOT_DRAFTS = {
    "backend/db.py",
    "backend/exports.py",
    "backend/jobs.py",
    "backend/uploads.py",
    "backend/workers.py",
    "export_cache.py",
    "models.py",
    "notebook/batch.py",
    "notebook/display.py",
    "notebook/widgets.py",
}

# Names that hold such dicts in modules that also handle drafts: database rows, a turn's options,
# a ``gen:scene`` source read into its parts, and the rows of a segments table.
NOT_DRAFT_NAMES = ("row", "options", "scene", "q", "table.loc")


def test_only_the_draft_module_spells_meta_and_style_keys() -> None:
    import re
    from pathlib import Path

    root = Path(dm.__file__).parent
    keys = (
        "title|width|height|aspect|res|fps|seed|lang|prompt|next_id|restores|redo|role|pos|color|bg"
    )
    pattern = re.compile(
        rf'\["(m|{keys}|size)"\]|\.get\("(m|{keys})"|setdefault\("m"|\["(id|n)"\]|\.get\("n"'
    )
    found = [
        f"{rel}:{n}"
        for path in sorted(root.rglob("*.py"))
        if path != Path(dm.__file__)
        and (rel := path.relative_to(root).as_posix()) not in NOT_DRAFTS
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hit in pattern.finditer(line)
        if not line[: hit.start()].endswith(NOT_DRAFT_NAMES)
    ]
    assert found == []


def test_meta_and_style_setters_write_the_wire_keys() -> None:
    draft: dict[str, Any] = {}
    meta = dm.DraftView(draft).own_meta()
    meta.title, meta.seed = "Hi", 7
    style = dm.SegmentView({}).own_style()
    style.background = "#00000080"
    assert draft == {"m": {"title": "Hi", "seed": 7}}
    assert style.raw == {"bg": "#00000080"}


def test_history_rows_count_tracks_and_segments_through_the_views() -> None:
    from nemo_notebook.backend.gateway import version_row

    draft = sample()
    row = version_row({"seq": 2, "created": 0.0, "message": "edit", "draft": draft})
    assert (row["title"], row["duration_ms"], row["tracks"]) == ("Sunset", 15000, len(draft["t"]))
    assert row["segments"] == sum(len(t["sg"]) for t in draft["t"])
