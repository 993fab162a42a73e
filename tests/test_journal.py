"""The export journal: exports are recorded, listed, resumed, and a draft is never rendered twice."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from nemo_notebook.backend.db import Database
from nemo_notebook.backend.settings import Settings
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
