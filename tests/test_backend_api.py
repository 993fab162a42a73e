"""The local backend's gateway routes over real HTTP: auth rules, reply shapes, isolation, files, restarts."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from PIL import Image

from nemo_notebook.backend.db import Database
from nemo_notebook.backend.jobs import RESTARTED
from nemo_notebook.backend.server import ServeError, ServerHandle, start_server
from nemo_notebook.backend.settings import Settings, identity_of


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(Settings.default(tmp_path_factory.mktemp("api-data")))
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def http(server: ServerHandle) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def new_user(http: httpx.Client) -> tuple[dict[str, str], str]:
    """Auth headers and user id of a fresh anonymous user."""
    reply = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
    data = reply.json()["data"]
    return {"Authorization": f"Bearer {data['token']}"}, data["user_id"]


def new_session(http: httpx.Client, headers: dict[str, str]) -> str:
    body = {"task_name": "project", "language": "en"}
    reply = http.post("/api/tasks/me/with-session/nemo_agent", json=body, headers=headers)
    return reply.json()["data"]["session_id"]


@pytest.fixture(scope="module")
def png_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("png") / "p.png"
    Image.new("RGB", (320, 180), (200, 40, 40)).save(path)
    return path.read_bytes()


def test_meta_needs_no_auth_and_names_the_backend(http: httpx.Client, server: ServerHandle) -> None:
    reply = http.get("/api/meta")
    assert reply.status_code == 200
    data = reply.json()["data"]
    assert data["backend"] == "nemo-local"
    assert data["version"]
    assert data["identity"] == identity_of(server.settings)
    with pytest.raises(ServeError, match=r"already serves .* at http://127\.0\.0\.1"):
        start_server(replace(server.settings, port=0))


def test_anonymous_token_reply_shape(http: httpx.Client) -> None:
    reply = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
    assert reply.status_code == 200
    body = reply.json()
    assert body["code"] == 0 and body["message"] == "ok"
    data = body["data"]
    assert data["token"].startswith("nmv_usr_") and len(data["token"]) > 30
    assert data["user_id"].startswith("anon_")
    assert data["credits"] == 1000
    assert data["expires_at"].startswith(time.strftime("%Y", time.gmtime()))


def test_anonymous_token_without_client_id_is_400(http: httpx.Client) -> None:
    reply = http.post("/api/auth/anonymous-token")
    assert reply.status_code == 400
    assert "X-Client-Id" in reply.json()["message"]


def test_second_token_for_same_client_id_is_429_with_retry_after(http: httpx.Client) -> None:
    headers = {"X-Client-Id": str(uuid.uuid4())}
    assert http.post("/api/auth/anonymous-token", headers=headers).status_code == 200
    reply = http.post("/api/auth/anonymous-token", headers=headers)
    assert reply.status_code == 429
    assert 6 * 86400 < int(reply.headers["Retry-After"]) <= 7 * 86400


def test_token_can_be_asked_again_after_expiry(tmp_path: Path) -> None:
    handle = start_server(Settings(data_dir=tmp_path, token_ttl_days=0.6 / 86400))
    try:
        with httpx.Client(base_url=handle.url) as http:
            headers = {"X-Client-Id": "client-a"}
            first = http.post("/api/auth/anonymous-token", headers=headers).json()["data"]
            assert http.post("/api/auth/anonymous-token", headers=headers).status_code == 429
            time.sleep(0.7)
            auth = {"Authorization": f"Bearer {first['token']}"}
            assert http.get("/api/credits/balance/simple", headers=auth).status_code == 401
            second = http.post("/api/auth/anonymous-token", headers=headers)
            assert second.status_code == 200
            assert second.json()["data"]["user_id"] == first["user_id"]
    finally:
        handle.stop()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/credits/balance/simple"),
        ("POST", "/api/tasks/me/with-session/nemo_agent"),
        ("GET", "/api/state/nemo_agent/me/1/latest"),
        ("POST", "/api/upload-video/nemo_agent/me/1"),
        ("POST", "/run_sse"),
        ("POST", "/api/render/proxy/lambda"),
        ("GET", "/api/render/proxy/lambda/render_x"),
        ("POST", "/api/render/proxy/lambda/render_x/cancel"),
        ("GET", "/api/render/proxy/render_x/download"),
    ],
)
@pytest.mark.parametrize("token", [None, "nmv_usr_not-a-real-token"])
def test_every_api_route_needs_a_valid_token(
    http: httpx.Client, method: str, path: str, token: str | None
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    reply = http.request(method, path, headers=headers, json={})
    assert reply.status_code == 401
    assert reply.json().get("code") == 1001


def test_task_creation_gives_a_long_numeric_session(http: httpx.Client) -> None:
    headers, user_id = new_user(http)
    reply = http.post(
        "/api/tasks/me/with-session/nemo_agent",
        json={"task_name": "project", "language": "en"},
        headers=headers,
    )
    data = reply.json()["data"]
    assert reply.status_code == 200
    assert data["session_id"].isdigit() and len(data["session_id"]) >= 18
    assert data["task_id"] and data["user_id"] == user_id


def test_state_of_a_new_session(http: httpx.Client) -> None:
    headers, _ = new_user(http)
    sid = new_session(http, headers)
    data = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=headers).json()["data"]
    assert data["session_id"] == sid and data["task_name"] == "project" and data["task_id"]
    assert data["state"] == {
        "draft": None,
        "video_infos": [],
        "canvas_config": {"width": 1920, "height": 1080, "aspect": "16:9"},
        "video_analyses": [],
        "generated_media": [],
    }


def test_credits_balance_shape(http: httpx.Client) -> None:
    headers, _ = new_user(http)
    data = http.get("/api/credits/balance/simple", headers=headers).json()["data"]
    assert data == {"available": 1000, "frozen": 0, "total": 1000}


def test_path_user_may_be_me_or_own_id_only(http: httpx.Client) -> None:
    headers, user_id = new_user(http)
    sid = new_session(http, headers)
    assert (
        http.get(f"/api/state/nemo_agent/{user_id}/{sid}/latest", headers=headers).status_code
        == 200
    )
    reply = http.get(f"/api/state/nemo_agent/anon_someoneelse/{sid}/latest", headers=headers)
    assert reply.status_code == 404 and reply.json()["code"] == 1002


def test_another_user_cannot_see_or_use_a_session(http: httpx.Client, png_bytes: bytes) -> None:
    owner, _ = new_user(http)
    other, _ = new_user(http)
    sid = new_session(http, owner)
    state = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=other)
    assert (
        state.status_code == 404 and state.json()["code"] == 1002 and state.json()["data"] is None
    )
    files = {"files": ("a.png", png_bytes, "image/png")}
    upload = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files, headers=other)
    assert upload.status_code == 404 and upload.json()["code"] == 1002
    chat = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": sid,
        "new_message": {"parts": [{"text": "hi"}]},
    }
    reply = http.post("/run_sse", json=chat, headers=other)
    assert reply.status_code == 404 and reply.json() == {"detail": f"Session not found: {sid}"}


def test_unknown_session_on_run_sse_is_404_detail(http: httpx.Client) -> None:
    headers, _ = new_user(http)
    chat = {
        "app_name": "nemo_agent",
        "user_id": "me",
        "session_id": "123",
        "new_message": {"parts": [{"text": "hi"}]},
    }
    reply = http.post("/run_sse", json=chat, headers=headers)
    assert reply.status_code == 404
    assert reply.json() == {"detail": "Session not found: 123"}


def test_oversized_json_body_and_message_are_refused(http: httpx.Client) -> None:
    headers, _ = new_user(http)
    sid = new_session(http, headers)
    big = {"session_id": sid, "new_message": {"parts": [{"text": "x" * 20_001}]}}
    reply = http.post("/run_sse", json=big, headers=headers)
    assert reply.status_code == 400 and "message too long" in reply.json()["message"]
    huge = http.post("/run_sse", content=b"{" + b" " * (3 * 2**20) + b"}", headers=headers)
    assert huge.status_code == 413 and "too large" in huge.json()["message"]
    bad = http.post("/run_sse", content=b"{nope", headers=headers)
    assert bad.status_code == 400 and "JSON" in bad.json()["message"]


def test_uploaded_file_is_served_with_range_support(http: httpx.Client, png_bytes: bytes) -> None:
    headers, _ = new_user(http)
    sid = new_session(http, headers)
    files = {"files": ("pic.png", png_bytes, "image/png")}
    url = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files, headers=headers).json()[
        "data"
    ]["files"][0]["cdn_url"]
    full = httpx.get(url)
    assert full.status_code == 200 and full.content == png_bytes
    assert full.headers["accept-ranges"] == "bytes"
    part = httpx.get(url, headers={"Range": "bytes=10-99"})
    assert part.status_code == 206
    assert part.content == png_bytes[10:100]
    assert part.headers["content-range"] == f"bytes 10-99/{len(png_bytes)}"
    tail = httpx.get(url, headers={"Range": "bytes=-16"})
    assert tail.status_code == 206 and tail.content == png_bytes[-16:]
    beyond = httpx.get(url, headers={"Range": f"bytes={len(png_bytes) + 10}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(png_bytes)}"


@pytest.mark.parametrize(
    "path",
    ["/files/uploads/../nemo.sqlite3", "/files/uploads/nope12345.png", "/files/db/x12345678.png"],
)
def test_file_serving_refuses_unknown_and_outside_names(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 404


def test_errors_can_be_answered_as_http_200(tmp_path: Path) -> None:
    handle = start_server(Settings(data_dir=tmp_path, errors_as_http_200=True))
    try:
        with httpx.Client(base_url=handle.url) as http:
            reply = http.get("/api/credits/balance/simple")
            assert reply.status_code == 200 and reply.json()["code"] == 1001
            headers, _ = new_user(http)
            state = http.get("/api/state/nemo_agent/me/42/latest", headers=headers)
            assert state.status_code == 200 and state.json()["code"] == 1002
            render = http.get("/api/render/proxy/lambda/render_nope", headers=headers)
            assert render.status_code == 200 and render.json()["success"] is False
            assert http.post("/api/auth/anonymous-token").status_code == 200
    finally:
        handle.stop()


def test_fail_ratio_answers_a_share_of_requests_with_503(tmp_path: Path) -> None:
    handle = start_server(Settings(data_dir=tmp_path, fail_ratio=0.5))
    try:
        with httpx.Client(base_url=handle.url) as http:
            codes = [http.get("/api/credits/balance/simple").status_code for _ in range(10)]
            assert codes.count(503) == 5 and codes.count(401) == 5
            assert all(http.get("/api/meta").status_code == 200 for _ in range(4))
    finally:
        handle.stop()


def test_restart_keeps_tokens_sessions_uploads_and_fails_interrupted_renders(
    tmp_path: Path, png_bytes: bytes
) -> None:
    settings = Settings.default(tmp_path)
    first = start_server(settings)
    with httpx.Client(base_url=first.url) as http:
        headers, user_id = new_user(http)
        sid = new_session(http, headers)
        files = {"files": ("pic.png", png_bytes, "image/png")}
        uploaded = http.post(
            f"/api/upload-video/nemo_agent/me/{sid}", files=files, headers=headers
        ).json()["data"]["files"][0]
    first.stop()
    db = Database(settings.db_path)
    draft = {"d": 1000, "t": [{"tt": 0, "sg": [{"st": 0, "d": 1000, "src": "gen:color/000000"}]}]}
    db.add_draft(sid, draft, "a message")
    db.add_render("render_interrupted", user_id, sid, draft, "720p")
    db.update_render("render_interrupted", status="processing", progress=40)
    db.close()
    second = start_server(settings)
    try:
        with httpx.Client(base_url=second.url) as http:
            state = http.get(f"/api/state/nemo_agent/me/{sid}/latest", headers=headers)
            assert state.status_code == 200
            data = state.json()["data"]["state"]
            assert data["draft"] == draft
            assert [info["hash"] for info in data["video_infos"]] == [uploaded["hash"]]
            assert httpx.get(data["video_infos"][0]["cdn_url"]).content == png_bytes
            render = http.get("/api/render/proxy/lambda/render_interrupted", headers=headers).json()
            assert render["data"]["status"] == "failed" and render["data"]["error"] == RESTARTED
            assert render["status"] == "failed"
    finally:
        second.stop()


def test_settings_presets_and_environment(tmp_path: Path) -> None:
    cloud = Settings.cloud_like(tmp_path)
    assert (cloud.credits_new_user, cloud.cost_generate, cloud.cost_edit, cloud.cost_export) == (
        100,
        100,
        50,
        0,
    )
    assert Settings.from_env({"NEMO_HOME": str(tmp_path / "home")}).data_dir == tmp_path / "home"
    with pytest.raises(ValueError, match="event_dialect"):
        Settings(data_dir=tmp_path, event_dialect="xml")  # type: ignore[arg-type]


def test_embedded_server_is_shared_and_ready_fast() -> None:
    from nemo_notebook.backend import embedded

    began = time.perf_counter()
    first = embedded.ensure_server()
    assert time.perf_counter() - began <= 1.5
    assert embedded.ensure_server() is first
    assert first.data_dir == Path(os.environ["NEMO_HOME"])
    meta = httpx.get(f"{first.url}/api/meta").json()["data"]
    assert meta["identity"] == first.identity
