"""The export journal: exports are recorded, listed, resumed, and a draft is never rendered twice."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nemo_notebook.backend.db import Database
from nemo_notebook.backend.service import stop_service
from nemo_notebook.backend.settings import Settings
from nemo_notebook.client import AsyncClient
from nemo_notebook.journal import JOURNAL_FILE, Journal, draft_hash
from nemo_notebook.sync import Client


def test_draft_hash_ignores_key_order() -> None:
    assert draft_hash({"a": 1, "b": [1, 2]}) == draft_hash({"b": [1, 2], "a": 1})
    assert draft_hash({"a": 1}) != draft_hash({"a": 2})


@pytest.mark.slow
def test_exporting_the_same_draft_again_attaches_to_its_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(config))
    with Client() as client:
        session = client.session()
        session.chat("make a 3 second video of a sunset over the sea")
        first = session.export(tmp_path / "one.mp4", resolution="720p")
        second = session.export(tmp_path / "two.mp4", resolution="720p")
        assert second.render_id == first.render_id
        assert (tmp_path / "one.mp4").read_bytes() == (tmp_path / "two.mp4").read_bytes()
        listed = client.exports()
        assert [item.render_id for item in listed] == [first.render_id]
        assert listed[0].state == "done" and listed[0].target == (tmp_path / "two.mp4").resolve()
        assert listed[0].wait().path == (tmp_path / "two.mp4").resolve()
        session.chat("make it warmer")
        third = session.export(tmp_path / "three.mp4", resolution="720p")
        assert third.render_id != first.render_id
    db = Database(Settings.from_env().db_path)
    renders = [
        row for row in db.renders_with_status("completed") if row["session_id"] == session.id
    ]
    db.close()
    assert len(renders) == 2
    assert stat.S_IMODE((config / JOURNAL_FILE).stat().st_mode) == 0o600


def test_a_failed_export_is_journalled_and_never_attached_to(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.started(
        render_id="render_x",
        backend="b",
        base_url="http://127.0.0.1:1",
        session_id="s",
        target=tmp_path / "x.mp4",
        draft_hash="h",
        resolution="720p",
    )
    journal.mark("render_x", "failed", "the font is missing")
    record = journal.get("render_x")
    assert record is not None and record.state == "failed" and not record.active
    assert journal.same_draft("b", "s", "h", "720p") is None
    with pytest.raises(ValueError, match="unknown export state"):
        journal.mark("render_x", "lost")


@pytest.mark.slow
def test_nemo_exports_table_and_export_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from IPython.testing.globalipapp import get_ipython
    from IPython.utils.capture import capture_output

    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))
    shell = get_ipython()
    shell.run_line_magic("load_ext", "nemo_notebook")
    try:
        with capture_output() as captured:
            shell.run_line_magic("nemo", "exports")
            assert "no exports yet" in captured.stdout
        target = tmp_path / "clip.mp4"
        shell.run_cell_magic("nemo", f"--export {target} --resolution 720p", "make a 3 second clip")
        table = shell.run_line_magic("nemo", "exports")
        assert list(table.columns) == ["render_id", "state", "session_id", "target"]
        assert table.iloc[0]["state"] == "done" and table.iloc[0]["target"] == str(target)
        # A kernel that died mid-export left the journal saying "rendering": resume finishes it.
        journal = Journal(tmp_path / "config")
        journal.mark(table.iloc[0]["render_id"], "rendering")
        target.unlink()
        with capture_output() as captured:
            shell.run_line_magic("nemo", "export --resume")
        assert f"→ {target}" in captured.stdout and target.is_file()
        assert journal.records()[0].state == "done"
    finally:
        shell.run_line_magic("unload_ext", "nemo_notebook")


MAKE_DRAFT = """
from nemo_notebook.sync import Client
with Client() as client:
    session = client.session()
    session.chat("make a 3 second video of a sunset over the sea")
    print(session.id, flush=True)
"""


EXPORT_AT_GO = """
import json, sys, time
from pathlib import Path
from nemo_notebook.sync import Client
session_id, target, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with Client() as client:
    session = client.session(session_id)
    while not go.exists():
        time.sleep(0.005)
    video = session.export(target, resolution="720p")
print(json.dumps({"render": video.render_id, "bytes": Path(target).stat().st_size}), flush=True)
"""


@pytest.mark.slow
def test_two_processes_exporting_one_draft_at_once_make_one_render(tmp_path: Path) -> None:
    """Both exporters are released at the same instant, after the journal was read by neither."""
    home, config = tmp_path / "home", tmp_path / "config"
    env = {
        **os.environ,
        "NEMO_HOME": str(home),
        "NEMO_CONFIG_DIR": str(config),
        "NEMO_EMBEDDED": "service",
    }
    try:
        made = subprocess.run(
            [sys.executable, "-c", MAKE_DRAFT],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        session_id = made.stdout.strip().splitlines()[-1]
        go = tmp_path / "go"
        exporters = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    EXPORT_AT_GO,
                    session_id,
                    str(tmp_path / f"{n}.mp4"),
                    str(go),
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in ("a", "b")
        ]
        time.sleep(3)  # both have imported, opened their client and are waiting for the signal
        go.touch()
        outcomes = []
        for proc in exporters:
            out, err = proc.communicate(timeout=180)
            assert proc.returncode == 0, err
            outcomes.append(json.loads(out.strip().splitlines()[-1]))
        assert outcomes[0]["render"] == outcomes[1]["render"]
        assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
        db = Database(Settings.from_env(env).db_path)
        rows = db.renders_with_status("pending", "processing", "completed", "failed", "cancelled")
        db.close()
        assert [row["id"] for row in rows if row["session_id"] == session_id] == [
            outcomes[0]["render"]
        ]
    finally:
        stop_service(home)


@pytest.mark.slow
def test_two_exports_of_one_draft_on_one_event_loop_share_a_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cells' exports awaited together: the second waits its turn on the loop, then attaches."""
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "config"))

    async def both() -> list[str | None]:
        async with AsyncClient() as client:
            session = await client.session()
            await session.chat("make a 3 second video of a sunset over the sea")
            videos = await asyncio.gather(
                session.export(tmp_path / "a.mp4", resolution="720p"),
                session.export(tmp_path / "b.mp4", resolution="720p"),
            )
        return [video.render_id for video in videos]

    first, second = asyncio.run(both())
    assert first is not None and first == second
    assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
