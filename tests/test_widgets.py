"""Widgets: traitlet values after stream events, coalescing, static fallbacks, no video bytes in state."""

from __future__ import annotations

import base64
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from nemo_notebook.events import (
    Changes,
    Done,
    StillWorking,
    StreamError,
    Text,
    ToolCall,
    ToolResult,
)
from nemo_notebook.models import Reply, Video
from nemo_notebook.notebook import display
from nemo_notebook.notebook.widgets import (
    LONG_REPLY_CHARS,
    ChatView,
    Gallery,
    Player,
    ResultView,
    TimelineView,
    js_dir,
)
from nemo_notebook.timeline import Timeline, draft_changes

DRAFT = {
    "d": 15000,
    "m": {"title": "Sunset over the city", "width": 1920, "height": 1080, "fps": 30},
    "t": [
        {"id": "trk_v1", "tt": 0, "n": "Video", "sg": [
            {"id": "seg_1", "st": 0, "d": 15000, "n": "sunset over a city skyline", "src": "gen:scene/sunset-city?seed=7"}]},
        {"id": "trk_a1", "tt": 1, "n": "BGM", "sg": [
            {"id": "seg_2", "st": 0, "d": 15000, "n": "Calm piano", "src": "gen:music/calm?seed=7", "vol": 0.35}]},
        {"id": "trk_t1", "tt": 7, "n": "Title", "sg": [
            {"id": "seg_3", "st": 0, "d": 3000, "n": "Title", "tx": "Urban Dreams", "sty": {"pos": "top-center"}}]},
    ],
}  # fmt: skip


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def counting(view: ChatView) -> list[dict[str, Any]]:
    """Record each message the widget sends to the front end: state syncs and text appends."""
    sent: list[dict[str, Any]] = []
    original = view.send_state

    def send_state(key: Any = None) -> None:
        state = view.get_state(key)
        if state:  # ipywidgets sends nothing for an empty state
            sent.append(state)
        original(key)

    view.send_state = send_state  # type: ignore[method-assign]
    view.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    return sent


def page_text(sent: list[dict[str, Any]]) -> str:
    """The text a front end holds after applying the messages in order."""
    text = ""
    for message in sent:
        if message.get("type") == "append":
            assert message["at"] in (0, len(text)), "an append must continue the text"
            text = text[: message["at"]] + message["text"]
        elif "text" in message:
            text = message["text"]
    return text


def test_thousand_text_events_in_a_tenth_of_a_second_sync_at_most_three_times() -> None:
    clock = FakeClock()
    scheduled: list[float] = []
    view = ChatView(clock=clock, max_rate=20, schedule=lambda delay, fn: scheduled.append(delay))
    sent = counting(view)
    for i in range(1000):
        clock.now = i * 0.0001
        view.feed(Text(f"w{i} "))
    assert 1 <= len(sent) <= 3
    assert len(scheduled) <= 2
    reply = Reply(text="final exact text", events=(), session_id="s1")
    view.feed(Done(reply))
    assert view.text == "final exact text"
    assert view.status == "done"


def test_trailing_flush_brings_the_view_up_to_date_with_only_the_new_text() -> None:
    clock = FakeClock()
    pending: list[Any] = []
    view = ChatView(clock=clock, schedule=lambda delay, fn: pending.append(fn))
    sent = counting(view)
    view.feed(Text("first"))
    clock.now = 0.01
    view.feed(Text("second"))
    assert view.streamed_text == "first" and len(pending) == 1
    clock.now = 0.06
    pending.pop()()
    assert view.streamed_text == "first\n\nsecond"
    assert sent == [
        {"type": "append", "at": 0, "text": "first"},
        {"type": "append", "at": 5, "text": "\n\nsecond"},
    ]


def test_a_due_send_that_fires_early_waits_for_the_rest_of_its_interval() -> None:
    clock = FakeClock()
    pending: list[Any] = []
    view = ChatView(clock=clock, schedule=lambda delay, fn: pending.append(fn))
    sent = counting(view)
    view.feed(Text("a"))
    clock.now = 0.01
    view.feed(Text("b"))
    clock.now = 0.05
    pending.pop()()
    assert len(sent) == 1 and len(pending) == 1
    clock.now = 0.053
    view.feed(Text("c"))
    assert len(sent) == 1, "a send is already due; the new text waits for it"
    pending.pop()()
    assert len(sent) == 2 and page_text(sent) == "a\n\nb\n\nc"


def test_a_long_reply_updates_at_half_the_rate() -> None:
    """Past LONG_REPLY_CHARS each update repaints a tall cell; sends are then twice as far apart."""
    for first, interval in (("x" * 100, 1.05 / 20), ("z" * (LONG_REPLY_CHARS + 1), 2 * 1.05 / 20)):
        clock = FakeClock()
        delays: list[float] = []
        view = ChatView(clock=clock, max_rate=20, schedule=lambda d, fn, to=delays: to.append(d))
        sent = counting(view)
        view.feed(Text(first))  # the first update leaves at once
        clock.now = 0.01
        view.feed(Text("more"))
        assert len(sent) == 1 and delays == [pytest.approx(interval - 0.01)]


@pytest.mark.slow
def test_the_cap_holds_on_a_real_clock_at_five_hundred_frames_a_second() -> None:
    import time as real_time

    view = ChatView(max_rate=20)
    stamps: list[float] = []
    contents: list[dict[str, Any]] = []

    def send(content: Any, buffers: Any = None) -> None:
        stamps.append(real_time.monotonic())
        contents.append(content)

    view.send = send  # type: ignore[method-assign]
    words = []
    started = real_time.monotonic()
    for i in range(1250):
        while real_time.monotonic() < started + i / 500:
            real_time.sleep(0.0005)
        words.append(f"word {i} " * 20)
        view.feed(Text(words[-1]))
    real_time.sleep(0.12)
    busiest = max(sum(1 for s in stamps if a <= s < a + 1.0) for a in stamps)
    assert busiest <= 20, f"{busiest} updates in one second"
    sent_chars = itertools.accumulate(len(c.get("text", "")) for c in contents)
    long_stamps = [t for t, n in zip(stamps, sent_chars, strict=True) if n > LONG_REPLY_CHARS]
    long_busiest = max(sum(1 for s in long_stamps if a <= s < a + 1.0) for a in long_stamps[1:])
    assert long_busiest <= 10, f"{long_busiest} updates in one second of a long reply"
    assert len(stamps) >= 20
    assert page_text(contents) == "\n\n".join(words)
    view.feed(Done(Reply(text="\n\n".join(words), events=(), session_id="s")))
    assert view.text == "\n\n".join(words)


def test_chat_view_shows_tools_notice_changes_and_errors() -> None:
    clock = FakeClock()
    view = ChatView(clock=clock, max_rate=0)
    view.start("make a video", session="main", cancellable=True)
    view.feed(ToolCall("c1", "generate_video_with_seedance", {}))
    assert view.tools == [
        {"id": "c1", "name": "generate_video_with_seedance", "status": "running", "elapsed": 0.0}
    ]
    clock.now = 4.5
    view.feed(ToolResult("c1", "generate_video_with_seedance", {"ok": True}))
    assert view.tools[0]["status"] == "done"
    assert view.tools[0]["elapsed"] == 4.5
    view.feed(StillWorking(120.0))
    assert "Still working" in view.notice
    view.feed(StreamError("backend\nhiccup"))
    assert view.error == "backend hiccup"
    changes = tuple(draft_changes(None, DRAFT))
    view.feed(Changes(changes, silent=True))
    assert view.changes == [str(c) for c in changes] and len(changes) >= 3
    assert any("Urban Dreams" in line for line in view.changes) and view.silent
    assert (view.prompt, view.session, view.status, view.cancellable) == (
        "make a video",
        "main",
        "streaming",
        True,
    )


def test_cancel_message_from_the_front_end_calls_the_handler() -> None:
    view = ChatView()
    calls: list[str] = []
    view.on_cancel(lambda: calls.append("cancel"))
    view._on_frontend_msg(view, {"type": "cancel"}, [])
    assert calls == ["cancel"]


def test_timeline_view_data_has_lanes_by_type_in_seconds() -> None:
    view = TimelineView(Timeline(DRAFT))
    data = view.data
    assert data["duration"] == 15.0
    assert [t["type"] for t in data["tracks"]] == ["video", "audio", "text"]
    assert data["tracks"][1]["segments"][0]["volume"] == 0.35
    assert data["tracks"][2]["segments"][0]["text"] == "Urban Dreams"
    assert data["tracks"][2]["segments"][0]["details"]["position"] == "top-center"
    assert data["tracks"][1]["segments"][0]["details"]["source"] == "gen:music/calm"


def luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def svg_of(html_text: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html_text, re.S).group(0))  # type: ignore[union-attr]


SVG = "{http://www.w3.org/2000/svg}"


def test_timeline_fallback_is_the_same_picture_as_svg_with_summary() -> None:
    bundle, _ = TimelineView(DRAFT)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = bundle["text/html"]
    assert "<table" not in page and "<svg" in page
    svg = svg_of(page)
    segments = svg.findall(f".//{SVG}g")
    labels = ["".join(g.find(f"{SVG}text").itertext()) for g in segments]  # type: ignore[union-attr]
    assert labels == ["sunset over a city skyline", "Calm piano · 35%", "Urban Dreams"]
    assert bundle["text/plain"].startswith("Timeline (3 tracks)")


def test_every_timeline_label_passes_wcag_aa_contrast_in_both_pictures() -> None:
    data = TimelineView(DRAFT).data
    for kind, color in data["colors"].items():
        assert contrast(color, data["label_color"]) >= 4.5, kind
    svg = svg_of(TimelineView(DRAFT)._repr_mimebundle_()[0]["text/html"])
    for group in svg.findall(f".//{SVG}g"):
        fill = group.find(f"{SVG}rect").get("fill")  # type: ignore[union-attr]
        text = group.find(f"{SVG}text").get("fill")  # type: ignore[union-attr]
        assert contrast(fill, text) >= 4.5, (fill, text)
    for text in svg.findall(f"{SVG}text"):  # lane names, ruler and header on the white page
        assert contrast(text.get("fill"), "#ffffff") >= 4.5, text.text


def test_the_volume_band_sits_below_the_label_and_ruler_labels_do_not_touch() -> None:
    draft = {**DRAFT, "d": 15300}
    svg = svg_of(TimelineView(draft)._repr_mimebundle_()[0]["text/html"])
    music = svg.findall(f".//{SVG}g")[1]
    block, band = music.findall(f"{SVG}rect")
    label = music.find(f"{SVG}text")
    assert float(band.get("y")) >= float(label.get("y")) + 3  # type: ignore[union-attr, arg-type]
    assert float(band.get("width")) == pytest.approx(0.35 * float(block.get("width")), abs=0.2)  # type: ignore[arg-type]
    ruler = [t for t in svg.findall(f"{SVG}text") if t.get("font-size") == "10"]
    spans = []
    for tick in ruler:
        x, w = float(tick.get("x")), len(tick.text or "") * 6  # type: ignore[arg-type]
        spans.append((x - w, x) if tick.get("text-anchor") == "end" else (x, x + w))
    assert all(b[0] >= a[1] + 8 for a, b in itertools.pairwise(spans))
    assert ruler[0].text == "0:00" and ruler[-1].text == "0:14"  # the last 2 s tick


def make_mp4(path: Path, seconds: float = 1.0) -> Path:
    import av
    import numpy as np

    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 180, "yuv420p"
        for i in range(int(seconds * 10)):
            frame = np.full((180, 320, 3), (i * 20) % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


@pytest.fixture(scope="module")
def mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mp4(tmp_path_factory.mktemp("video") / "clip.mp4")


def test_player_bytes_travel_as_a_message_buffer_not_as_state(mp4: Path) -> None:
    player = Player(path=mp4, caption="snow")
    sent: list[tuple[Any, Any]] = []
    player.send = lambda content, buffers=None: sent.append((content, buffers))  # type: ignore[method-assign]
    player._on_frontend_msg(player, {"type": "bytes"}, [])
    assert sent[0][0]["type"] == "bytes"
    assert sent[0][1][0] == mp4.read_bytes()
    state = player.get_state()
    assert player.has_bytes is True
    assert all(not isinstance(v, bytes | bytearray | memoryview) for v in state.values())


def test_player_fallback_plays_from_the_file_link_with_a_poster_but_no_video_data(
    mp4: Path,
) -> None:
    video = Video(
        path=mp4,
        url=None,
        width=320,
        height=180,
        duration=1.0,
        size=mp4.stat().st_size,
        render_id="r1",
    )
    bundle, _ = Player.from_video(video, caption="snow")._repr_mimebundle_()
    page = bundle["text/html"]
    assert 'href="' in page and "clip.mp4" in page
    uri = re.search(r'poster="(data:image/jpeg;base64,[^"]+)"', page)
    assert uri is not None and len(uri.group(1)) <= display.THUMB_MAX_BYTES
    assert re.search(r'<video controls preload="none" poster="[^"]+" src="[^"]*clip.mp4"', page)
    assert "width:640px" in page and "aspect-ratio:640/360" in page
    assert "video/mp4" not in page
    payload = base64.b64encode(mp4.read_bytes()[:48]).decode()[:40]
    assert payload not in page


def test_a_vertical_video_is_shown_tall_not_in_a_wide_box() -> None:
    video = Video(path=None, url="https://cdn.example/v.mp4", width=1080, height=1920,
                  duration=5.0, size=1, render_id="r")  # fmt: skip
    player = Player.from_video(video)
    assert (player.width, player.height) == (1080, 1920)
    page = player._repr_mimebundle_()[0]["text/html"]
    assert "width:270px" in page and "aspect-ratio:270/480" in page


def test_result_view_links_player_time_to_timeline_and_falls_back_to_all_parts(mp4: Path) -> None:
    chat = ChatView(prompt="snow", text="Made **it**.")
    player = Player(path=mp4)
    view = ResultView(chat, TimelineView(DRAFT), player)
    assert view.children == (chat, player, view.timeline)
    link = view._link
    assert link.source == (player, "current_time") and link.target == (
        view.timeline,
        "current_time",
    )
    bundle, _ = view._repr_mimebundle_()
    assert "Made **it**." in bundle["text/html"] and "<svg" in bundle["text/html"]
    assert "snow" in bundle["text/plain"]


def test_gallery_places_players_side_by_side_with_prompts(mp4: Path) -> None:
    gallery = Gallery([("snow", str(mp4)), ("rain", None)])
    assert len(gallery.children) == 2
    assert isinstance(gallery.children[0], Player) and gallery.children[0].caption == "snow"
    bundle, _ = gallery._repr_mimebundle_()
    assert "grid" in bundle["text/html"] and "rain" in bundle["text/html"]


def test_esm_modules_resolve_from_the_repository() -> None:
    assert (js_dir() / "chat.js").is_file()
    assert "renderMarkdown" in str(ChatView()._esm)


def test_a_tool_chip_shows_the_work_time_the_backend_reports() -> None:
    clock = FakeClock()
    view = ChatView(clock=clock, max_rate=0)
    view.feed(ToolCall("c1", "generate_video", {}))
    view.feed(ToolResult("c1", "generate_video", {"segments": 1, "elapsed_ms": 1234.5}))
    view.feed(ToolCall("c2", "generate_music", {}))
    clock.now = 0.25
    view.feed(ToolResult("c2", "generate_music", {"elapsed_ms": "soon"}))
    assert [t["elapsed"] for t in view.tools] == [1.234, 0.25]
