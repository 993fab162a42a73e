"""GUI translation of reply text (protocol §4 rule 1) and routing of user words (protocol §5)."""

from __future__ import annotations

import pytest

from nemo_notebook.gui import translate
from nemo_notebook.routing import Route, route


@pytest.mark.parametrize(
    ("text", "kept", "actions"),
    [
        (
            "Your video is ready! Click [Export] to download it.",
            "Your video is ready!",
            ("export",),
        ),
        ("Done. Click the Export button in the top right corner.", "Done.", ("export",)),
        (
            "I added a title. You can preview it in the timeline.",
            "I added a title.",
            ("show_timeline",),
        ),
        (
            "Added BGM at 35%. Drag the clip onto the timeline to move it.",
            "Added BGM at 35%.",
            ("edit",),
        ),
        (
            "Out of credits. Check your account billing to top up.",
            "Out of credits.",
            ("show_credits",),
        ),
        (
            "Open the Assets panel to see your uploads. I used both clips.",
            "I used both clips.",
            ("show_state",),
        ),
        ("Here is your video (click Export to save it).", "Here is your video.", ("export",)),
        (
            "Go to Settings to change the resolution. The draft is 1080p.",
            "The draft is 1080p.",
            ("show_state",),
        ),
        ("Go to the dashboard to see usage. Title added.", "Title added.", ("show_credits",)),
        (
            "Use the Download button to save the MP4. It is 10 s long.",
            "It is 10 s long.",
            ("export",),
        ),
        ("Ready. click export to download it.", "Ready.", ("export",)),
        ("Ready. Click here to download.", "Ready.", ("export",)),
        ("Ready. Drag and drop your logo onto the canvas.", "Ready.", ("edit",)),
        ("视频已生成，点击导出按钮即可下载。", "视频已生成。", ("export",)),
        ("打开素材面板查看。我已经添加了字幕。", "我已经添加了字幕。", ("show_state",)),
        ("背景音乐已添加。把片段拖拽到时间线上可以调整位置。", "背景音乐已添加。", ("edit",)),
        ("标题已更新。在时间线中预览效果。", "标题已更新。", ("show_timeline",)),
        ("积分不足。请查看您的账户余额。", "积分不足。", ("show_credits",)),
        ("已完成。前往设置修改分辨率。", "已完成。", ("show_state",)),
        (
            "Music added. Click Export when ready. Drag titles to reorder them.",
            "Music added.",
            ("export", "edit"),
        ),
    ],
)
def test_gui_directions_are_stripped_and_become_actions(
    text: str, kept: str, actions: tuple[str, ...]
) -> None:
    result = translate(text)
    assert result.text == kept
    assert result.actions == actions


@pytest.mark.parametrize(
    "text",
    [
        "I made a 10-second sunset video with calm piano music.",
        "Title added: 'Paradise Found' (0–3 s).\n\nWant a different font?",
        "我已经生成了一段日落视频，配上了轻音乐。",
        "  leading and trailing spaces kept  ",
        "The scene opens on a city skyline; then the camera drifts over the sea.",
        "Version 2.5 is ready. Duration: 12.5 s!",
        "The click of a camera shutter opens the video.",
        "A drag race at sunset; the crowd goes to the finish line.",
        "视频展示了一群人前往海边。",
        "The title reads 'Open Water'.",
    ],
)
def test_text_without_gui_words_passes_through_byte_for_byte(text: str) -> None:
    assert translate(text).text == text
    assert translate(text).actions == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("export", Route("export")),
        ("Export", Route("export")),
        ("export it", Route("export")),
        ("Export the video please", Route("export")),
        ("please download the final video", Route("export")),
        ("download 720p", Route("export", "720p")),
        ("export in 1080p!", Route("export", "1080p")),
        ("send me the video", Route("export")),
        ("导出", Route("export")),
        ("请帮我导出视频", Route("export")),
        ("下载", Route("export")),
        ("把视频导出来", Route("export")),
        ("credits", Route("credits")),
        ("balance?", Route("credits")),
        ("how many credits do I have left?", Route("credits")),
        ("check my credits", Route("credits")),
        ("积分", Route("credits")),
        ("余额", Route("credits")),
        ("还有多少积分", Route("credits")),
        ("status", Route("state")),
        ("show tracks", Route("state")),
        ("show me the timeline", Route("state")),
        ("what does it look like now?", Route("state")),
        ("状态", Route("state")),
        ("现在什么样了？", Route("state")),
        ("/tmp/beach.mp4", Route("upload", "/tmp/beach.mp4")),
        ("'~/Movies/my trip.MOV'", Route("upload", "~/Movies/my trip.MOV")),
        (
            "https://cdn.example.com/v/clip.webm?sig=1",
            Route("upload", "https://cdn.example.com/v/clip.webm?sig=1"),
        ),
        ("upload ~/Music/song.mp3", Route("upload", "~/Music/song.mp3")),
        ("上传", Route("upload")),
        ("upload", Route("upload")),
    ],
)
def test_short_commands_are_routed_away_from_chat(text: str, expected: Route) -> None:
    assert route(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "generate a clip and export-ready title",
        "make a 10 second video of a sunset over the sea",
        "export a 10s clip of the sea with music",
        "add BGM",
        "make the title bigger and export it later",
        "regenerate",
        "重新生成",
        "生成一个海边日落的视频然后导出",
        "add a status bar overlay that shows credits",
        "what is the balance between music and voice?",
        "download speed is slow in my video, add a loading animation",
        "https://example.com/about",
        "the file notes.txt has my script",
        "",
    ],
)
def test_generation_and_edit_requests_go_to_chat(text: str) -> None:
    assert route(text).action == "chat"
