"""%%nemo and %nemo through a real IPython shell against the embedded backend."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest
from IPython.core.error import UsageError
from IPython.utils.capture import capture_output

from nemo_notebook.events import Text
from nemo_notebook.notebook.magics import NemoMagics
from nemo_notebook.notebook.turn import BackgroundJob
from nemo_notebook.session import AsyncSession

SNOW = "generate a 5-second clip of snow in the mountains"


@pytest.fixture(scope="module")
def ip(ipython_shell: Any) -> Iterator[Any]:
    shell = ipython_shell
    shell.run_line_magic("load_ext", "nemo_notebook")
    yield shell
    shell.run_line_magic("unload_ext", "nemo_notebook")


@pytest.fixture(scope="module")
def snow(ip: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One generation with a short 720p export, shared by the tests that read it."""
    target = tmp_path_factory.mktemp("exports") / "snow.mp4"
    ip.run_cell_magic("nemo", f"--export {target} --resolution 720p r <<", SNOW)
    return ip.user_ns["r"]


def magics(ip: Any) -> NemoMagics:
    return ip.magics_manager.registry["NemoMagics"]


def run_cell(ip: Any, source: str) -> tuple[Any, str]:
    with capture_output() as captured:
        result = ip.run_cell(source)
    return result, (captured.stdout + captured.stderr).strip()


def test_load_ext_imports_no_heavy_modules() -> None:
    code = (
        "import sys, time; from IPython.core.interactiveshell import InteractiveShell;"
        "ip = InteractiveShell.instance(); t = time.perf_counter();"
        "ip.run_line_magic('load_ext', 'nemo_notebook');"
        "print(round(time.perf_counter() - t, 3));"
        "print(sorted(m for m in ('pandas', 'httpx', 'av', 'anywidget', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.slow
def test_cell_binds_result_with_five_second_timeline_and_exported_video(snow: Any) -> None:
    assert snow.status == "done", snow.error
    assert snow.session_name == "main" and snow.session_id
    assert snow.timeline.duration == pytest.approx(5.0)
    assert "video" in set(snow.timeline.tracks["kind"])
    assert snow.text
    with av.open(str(snow.video.path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.height == 720
        assert container.duration / 1_000_000 == pytest.approx(5.0, abs=0.2)
    bundle, _ = snow._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "snow" in bundle["text/html"] and "<svg" in bundle["text/html"]


def test_placeholders_are_filled_and_json_braces_pass_through(ip: Any) -> None:
    class Spot:
        name = "mountains"

    ip.user_ns.update(spot=Spot(), weather="snow")
    body = 'generate a 4-second clip of {{weather}} in the {{ spot.name }} {"grade": {"warm": 0.2}} {{1+1}}'
    ip.run_cell_magic("nemo", "--session subst --new sub <<", body)
    sent = 'generate a 4-second clip of snow in the mountains {"grade": {"warm": 0.2}} {{1+1}}'
    sub = ip.user_ns["sub"]
    assert sub.status == "done", sub.error
    assert sub.prompt == sent
    assert sub.timeline.meta["prompt"] == sent
    ip.run_line_magic("nemo", "session use main")


def test_missing_placeholder_name_fails_the_cell_with_one_line(ip: Any) -> None:
    result, out = run_cell(ip, "%%nemo\nadd a title {{nowhere_defined}}")
    assert isinstance(result.error_in_exec, UsageError)
    assert out.count("\n") == 0 and "nowhere_defined" in out and "is not defined" in out


def test_unknown_flag_fails_the_cell_with_one_usage_line(ip: Any) -> None:
    result, out = run_cell(ip, "%%nemo --loud\nadd a title")
    assert isinstance(result.error_in_exec, UsageError)
    assert out.count("\n") == 0
    assert "unrecognized arguments: --loud" in out and "usage: %%nemo" in out


def test_backend_error_is_one_line_and_debug_shows_the_traceback(ip: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not media")
    result, out = run_cell(ip, f"%nemo upload {notes}")
    assert isinstance(result.error_in_exec, UsageError)
    assert out.count("\n") == 0 and "supported formats" in out.lower()
    with capture_output() as captured:
        ip.run_line_magic("nemo", "debug")
    assert "Traceback" in captured.stdout


def test_status_and_credits_lines(ip: Any, snow: Any) -> None:
    with capture_output() as captured:
        ip.run_line_magic("nemo", "status")
        ip.run_line_magic("nemo", "credits")
    lines = captured.stdout.splitlines()
    assert any(line.startswith("[main] Timeline (") for line in lines)
    assert any("credits available" in line for line in lines)


def test_sessions_new_list_and_use(ip: Any, snow: Any) -> None:
    with capture_output() as captured:
        ip.run_line_magic("nemo", "session new side")
        ip.run_line_magic("nemo", "session list")
        ip.run_line_magic("nemo", "session use main")
    out = captured.stdout
    assert "current session: side (new)" in out
    assert f"  main  {snow.session_id}" in out and "* side  (not started)" in out
    assert magics(ip)._current == "main"
    assert "current session: main" in out.splitlines()[-1]


def test_config_magic_and_project_settings(
    ip: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ip.run_line_magic("config", "NemoMagics.coalesce_hz = 5")
    assert magics(ip).coalesce_hz == 5
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nemo_notebook]\nexport_dir = "renders"\ndefault_resolution = "720p"\n'
    )
    monkeypatch.chdir(tmp_path)
    fresh = NemoMagics(shell=None)
    assert (fresh.export_dir, fresh.default_resolution) == ("renders", "720p")


def test_keyboard_interrupt_cancels_and_shows_cancelled(
    ip: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(self: AsyncSession, message: str) -> Any:
        yield Text("starting")
        raise KeyboardInterrupt

    monkeypatch.setattr(AsyncSession, "stream", interrupted)
    with pytest.raises(UsageError, match="cancelled"):
        ip.run_cell_magic("nemo", "--session interrupted", "make a clip of rain")
    chat = magics(ip).last_result.view.chat
    assert chat.status == "cancelled"


def test_background_cell_returns_at_once_and_finishes(ip: Any) -> None:
    ip.run_cell_magic(
        "nemo", "--bg --session bg job <<", "generate a 3-second clip of rain in the city"
    )
    job = ip.user_ns["job"]
    assert job.wait(120).status == "done", job.error
    assert job.timeline.duration == pytest.approx(3.0)


def test_background_job_cancel_stops_a_waiting_message() -> None:
    job = BackgroundJob(lambda: asyncio.sleep(60))
    start = time.monotonic()
    job.start()
    job.cancel()
    job.thread.join(10)
    assert not job.running and time.monotonic() - start < 10


def test_cancel_button_stops_a_background_message(ip: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    async def slow(self: AsyncSession, message: str) -> Any:
        yield Text("thinking")
        await asyncio.sleep(60)

    monkeypatch.setattr(AsyncSession, "stream", slow)
    ip.run_cell_magic("nemo", "--bg --session slow s <<", "make a long film")
    result = ip.user_ns["s"]
    chat = result.view.chat
    assert chat.cancellable and result.status == "running"
    chat._on_frontend_msg(chat, {"type": "cancel"}, [])
    assert result.wait(10).status == "cancelled"
    assert chat.status == "cancelled"
    ip.run_line_magic("nemo", "session use main")


def test_apply_line_stores_an_edited_timeline_as_the_next_version(ip: Any, snow: Any) -> None:
    ip.user_ns["tl"] = snow.timeline.set_title("Powder Day")
    result, out = run_cell(ip, "%nemo apply tl")
    assert result.success, out
    assert "applied as the next version" in out and "Powder Day" in out
    ref = magics(ip)._sessions[magics(ip)._current]
    assert ref.session is not None and ref.session.state().timeline.title == "Powder Day"
    ip.user_ns["nope"] = 3
    with pytest.raises(UsageError, match="'nope' is int, not a Timeline"):
        ip.run_line_magic("nemo", "apply nope")


def test_history_line_shows_the_versions_and_restore_adds_one(ip: Any) -> None:
    ip.run_cell_magic(
        "nemo", "--session versions --new h1 <<", "generate a 4-second clip of a forest"
    )
    ip.run_cell_magic("nemo", "--session versions h2 <<", "make it square")
    with capture_output() as captured:
        table = ip.run_line_magic("nemo", "history")
    assert "[versions] 2 version(s)" in captured.stdout
    assert list(table.index) == [1, 2] and list(table["aspect"]) == ["16:9", "1:1"]
    with capture_output() as captured:
        ip.run_line_magic("nemo", "restore 1")
    assert "[versions] restored version 1" in captured.stdout
    after = ip.run_line_magic("nemo", "history")
    assert list(after["aspect"]) == ["16:9", "1:1", "16:9"] and after.loc[3, "restores"] == 1
    result, out = run_cell(ip, "%nemo restore latest")
    assert isinstance(result.error_in_exec, UsageError) and "version number" in out
    ip.run_line_magic("nemo", "session use main")


CITY = 'generate a 3-second clip of a city at night with the title "Urban Dreams"'


@pytest.mark.slow
def test_export_says_where_the_file_went_names_it_after_the_title_and_returns_it(
    ip: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(magics(ip), "default_resolution", "720p")
    before = magics(ip)._current
    ip.run_cell_magic("nemo", "--session city", CITY)
    try:
        first = ip.run_line_magic("nemo", "export")
        second = ip.run_line_magic("nemo", "export")
        card = magics(ip).last_result.view.chat
    finally:
        magics(ip)._current = before
    with capture_output() as shown:
        assert ip.display_formatter.ipython_display_formatter(first) is True
    shown_as = shown.outputs[0].data
    assert "application/vnd.jupyter.widget-view+json" in shown_as, "a Video shows as its player"
    assert "nemo-player-static" in shown_as["text/html"]
    assert first.path == tmp_path / "urban-dreams.mp4" and first.path.is_file()
    assert second.path == tmp_path / "urban-dreams-2.mp4"
    assert card.prompt == "%nemo export"
    [entry] = card.files
    assert entry["text"].startswith("Exported 'Urban Dreams' · 3.0 s · 720p · ")
    assert entry["text"].endswith(("KB", "MB"))
    assert (entry["name"], entry["href"]) == ("urban-dreams-2.mp4", "urban-dreams-2.mp4")
    page = card._repr_mimebundle_()[0]["text/html"]
    assert '<a href="urban-dreams-2.mp4">urban-dreams-2.mp4</a>' in page
    assert "→" in card._repr_mimebundle_()[0]["text/plain"]


@pytest.mark.slow
def test_an_export_cell_binds_the_timeline_of_the_video_it_made(
    ip: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = magics(ip)._current
    ip.run_cell_magic("nemo", "--session peak", CITY)
    try:
        ip.run_cell_magic(
            "nemo", f"v << --export {tmp_path / 'peak.mp4'} --resolution 720p", "export"
        )
    finally:
        magics(ip)._current = before
    v = ip.user_ns["v"]
    assert v.video.duration == pytest.approx(3.0, abs=0.2)
    assert v.timeline.duration == pytest.approx(3.0)
    assert v.view.timeline is not None and v.view.timeline.data["tracks"]
    assert v.view.player is not None and v.view.player.caption == ""
    assert "The timeline is empty" not in v._repr_mimebundle_()[0]["text/html"]


def test_running_a_generate_cell_again_after_edits_asks_for_new_or_session(ip: Any) -> None:
    before = magics(ip)._current
    try:
        ip.run_cell_magic("nemo", "--session again r1 <<", CITY)
        ip.run_cell_magic("nemo", "--session again", CITY)  # nothing changed since: allowed
        ip.run_cell_magic("nemo", "--session again", "make the title say Night Lights")
        with pytest.raises(UsageError, match=r"edits made after this cell.*--new.*--session"):
            ip.run_cell_magic("nemo", "--session again", CITY)
        ip.run_cell_magic("nemo", "--session again --new r2 <<", CITY)
    finally:
        magics(ip)._current = before
    assert ip.user_ns["r2"].status == "done"
    assert ip.user_ns["r2"].session_id != ip.user_ns["r1"].session_id


def test_magic_aspect_is_a_field_not_the_clip_label(ip: Any) -> None:
    from nemo_notebook import draft as dm

    ip.run_cell_magic("nemo", "--session waves --new --aspect 9:16 r <<", "Waves on a beach")
    first = ip.user_ns["r"].state.draft
    ip.run_cell_magic("nemo", "--session waves r2 <<", "add a title")
    draft = ip.user_ns["r2"].state.draft
    assert dm.DraftView(first).meta.prompt == "Waves on a beach"  # the user's words, nothing added
    assert dm.DraftView(draft).meta.aspect == "9:16"
    seen = [seg.label for _track, seg in dm.DraftView(draft).segments()]
    assert not any("aspect" in w for w in seen), seen
