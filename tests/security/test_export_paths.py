"""Names from a server or a user never steer a write outside its folder; missing folders are an error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from attack_kit import DRAFT, FakeBackend, fake_client, ok, tiny_mp4

from nemo_notebook.errors import InputError, ProtocolError
from nemo_notebook.files import STEM_MAX, safe_stem

# Ids a server might send that cannot be a path segment or a file name: refused on arrival.
REFUSED_IDS = [
    "../../escaped",
    "..",
    "...",
    "/etc/cron.d/pwn",
    "..\\..\\windows",
    "a/../../b",
    "sess\x00ion",
    "~root",
    "$(touch pwned)",
    "a\nb",
    "x" * 1000,
]
# Titles (server text) the default export name is made from.
HOSTILE_TITLES = [
    "../../escaped",
    "/etc/cron.d/pwn",
    "..\\..\\windows",
    "-rf",
    ".bashrc",
    "CON",
    "a\x00b\x1b]0;x\x07",
    "$(touch pwned)",
    "~root",
    "x" * 1000,
    "..",
]


def _backend(tmp_path: Path, session_id: str, title: str = "Sunset") -> FakeBackend:
    mp4 = tiny_mp4(tmp_path / "src.mp4")

    def handler(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        if path.startswith("/api/state/"):
            draft = {**DRAFT, "m": {"title": title}}
            return ok({"session_id": session_id, "state": {"draft": draft}})
        if path.startswith("/api/render/proxy/lambda/"):
            data = {"id": "r", "status": "completed", "progress": 100}
            return httpx.Response(200, json={"success": True, "data": data})
        if path.endswith("/download"):
            return httpx.Response(200, content=mp4, headers={"content-type": "video/mp4"})
        return None

    return FakeBackend(handler, session_id=session_id)


def _export(tmp_path: Path, backend: FakeBackend, path: Path | None, **kw: bool) -> Path:
    client = fake_client(backend, tmp_path, "http://backend.test")

    async def go() -> Path:
        async with client:
            video = await (await client.session()).export(path, **kw)
            assert video.path is not None
            return video.path

    return asyncio.run(go())


def _videos(root: Path) -> set[Path]:
    return {p for p in root.rglob("*.mp4") if p.name != "src.mp4"}


@pytest.mark.parametrize("session_id", REFUSED_IDS)
def test_server_session_id_that_is_not_a_plain_name_is_refused_before_any_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, session_id: str
) -> None:
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    with pytest.raises(ProtocolError, match="not a plain name") as caught:
        _export(tmp_path, _backend(tmp_path, session_id), None)
    assert "\n" not in str(caught.value)
    assert _videos(tmp_path) == set()


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_default_export_name_from_a_hostile_title_stays_in_the_working_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    written = _export(tmp_path, _backend(tmp_path, "123", title), None)
    assert written.parent == work.resolve() and written.suffix == ".mp4"
    assert not written.name.startswith((".", "-")) and len(written.stem) <= STEM_MAX
    assert _videos(tmp_path) == {written}  # nothing written anywhere else


@pytest.mark.parametrize("session_id", ["../x", "a b", "", "1/2"])
def test_user_given_session_id_that_is_not_a_plain_name_is_an_input_error(
    tmp_path: Path, session_id: str
) -> None:
    client = fake_client(FakeBackend(), tmp_path, "http://backend.test")
    with pytest.raises(InputError, match="not a session id"):
        asyncio.run(client.session(session_id))


def test_export_into_a_missing_folder_is_a_clear_error_before_any_render(tmp_path: Path) -> None:
    backend = _backend(tmp_path, "123")
    target = tmp_path / "nonexistent" / "sub" / "x.mp4"
    with pytest.raises(InputError) as caught:
        _export(tmp_path, backend, target)
    message = str(caught.value)
    assert "does not exist" in message and "mkdirs=True" in message and "--mkdir" in message
    assert "\n" not in message
    assert not (tmp_path / "nonexistent").exists()
    assert "/api/render/proxy/lambda" not in backend.paths("POST")  # no render, no credit spent


def test_export_creates_missing_folders_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "made" / "sub" / "x.mp4"
    written = _export(tmp_path, _backend(tmp_path, "123"), target, mkdirs=True)
    assert written == target.resolve() and target.stat().st_size > 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../escaped", "escaped"),
        ("..", "nemo-video"),
        ("", "nemo-video"),
        ("/etc/passwd", "etc-passwd"),
        ("..\\..\\win", "win"),
        ("-rf", "rf"),
        (".hidden", "hidden"),
        ("a..b", "a-b"),
        ("a\x00b\x1b[2Jc", "a-b-2jc"),
        ("CON", "con-video"),
        ("日落 video", "日落-video"),
    ],
)
def test_safe_stem_reduces_any_name_to_one_harmless_component(raw: str, expected: str) -> None:
    name = safe_stem(raw)
    assert name == expected
    assert "/" not in name and "\\" not in name and "." not in name
    assert not name.startswith((".", "-"))


def test_safe_stem_caps_the_length() -> None:
    assert len(safe_stem("x" * 10_000)) == STEM_MAX


def test_magic_export_accepts_mkdir(tmp_path: Path) -> None:
    from nemo_notebook.notebook.magics import LINE_USAGE

    assert "export [--mkdir] [PATH]" in LINE_USAGE
