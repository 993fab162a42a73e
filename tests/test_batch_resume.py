"""nemo.batch resumes: finished rows are kept, sessions are re-attached, nothing is charged twice, and
the first "out of credits" stops the batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import nemo_notebook as nemo
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.cli import main
from nemo_notebook.errors import LOCAL_TOP_UP, NoCredits, error_from_response
from nemo_notebook.journal import Journal, batch_key
from nemo_notebook.sync import Client

PROMPTS = [
    "generate a 3-second clip of snow in the mountains",
    "generate a 2-second clip of rain in the city",
    "generate a 2-second clip of stars over the sea",
]


@pytest.fixture
def cloud_like(tmp_path: Path) -> Iterator[ServerHandle]:
    handle = start_server(Settings.cloud_like(tmp_path / "data"))
    yield handle
    handle.stop()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(folder))
    return folder


def test_the_same_batch_run_again_redoes_nothing(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Client() as client:
        first = nemo.batch(PROMPTS, export=False, client=client, out_dir=out, progress=False)
        assert list(first["status"]) == ["ok"] * 3
        assert first["session_id"].notna().all()
        before = client.credits().available
        again = nemo.batch(PROMPTS, export=False, client=client, out_dir=out, progress=False)
        assert client.credits().available == before
        assert list(again["session_id"]) == list(first["session_id"])
        assert list(again["summary"]) == list(first["summary"])
        assert again.attrs["credits_used"] == 0
        nemo.batch(
            PROMPTS[:1], export=False, client=client, out_dir=out, progress=False, resume=False
        )
        assert client.credits().available < before


def test_a_row_killed_after_its_chat_is_not_charged_again(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Client() as client:
        first = nemo.batch(PROMPTS[:2], export=False, client=client, out_dir=out, progress=False)
        journal = Journal(config)
        backend = client.run(client.aclient.backend_identity())
        key = batch_key(backend, PROMPTS[:2], False, "720p", out)
        assert journal.batch_rows(key)[1].state == "ok"
        # As if the process died after row 1's chat: the journal says "chatting", its session is kept.
        journal.batch_row(key, 1, PROMPTS[1], "chatting")
        before = client.credits().available
        again = nemo.batch(PROMPTS[:2], export=False, client=client, out_dir=out, progress=False)
        assert client.credits().available == before
        assert again["session_id"][1] == first["session_id"][1]
        assert list(again["status"]) == ["ok", "ok"]


def test_out_of_credits_stops_the_batch_and_marks_the_rest_not_run(
    config: Path, tmp_path: Path, cloud_like: ServerHandle
) -> None:
    with Client(base_url=cloud_like.url) as client:
        frame = nemo.batch(
            PROMPTS, concurrency=1, export=False, client=client, out_dir=tmp_path, progress=False
        )
    assert list(frame["status"]) == ["ok", "error", "not run"]
    assert "credits" in frame["error"][1]
    assert frame["error"][2].startswith("not run: ")
    assert pd.isna(frame["session_id"][2])


def test_local_out_of_credits_says_how_to_add_them(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    body = {"code": 2001, "message": "not enough credits: 10 needed, 0 available", "data": None}
    error = error_from_response(403, body, user_id="anon_1", local=True)
    assert isinstance(error, NoCredits)
    assert str(error) == (
        f"Out of credits: give the local backend more credits with `{LOCAL_TOP_UP}` — the server "
        "said: not enough credits: 10 needed, 0 available"
    )
    assert "register" not in str(error)
    with Client() as client:
        start = client.credits().available
    assert main(["credits", "--add", "25"]) == 0
    with Client() as client:
        assert client.credits().available == start + 25
    assert "credits available" in capsys.readouterr().out
