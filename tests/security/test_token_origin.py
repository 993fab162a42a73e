"""The bearer token goes only to the backend's own origin: scheme, host and port compared as parsed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from attack_kit import FakeBackend, fake_client, tiny_mp4

from nemo_notebook.urls import same_origin

BASE = "http://127.0.0.1:1877"

FOREIGN = [
    "http://127.0.0.1:18772/v.mp4",  # the review's case: a string prefix of the base
    "http://127.0.0.1.evil.test:1877/v.mp4",
    "http://127.0.0.1:1877@evil.test/v.mp4",
    "https://127.0.0.1:1877/v.mp4",
    "http://localhost:1877/v.mp4",
    "http://127.0.0.1/v.mp4",
    "http://127.0.0.2:1877/v.mp4",
    "//evil.test/v.mp4",
]
OWN = [
    "http://127.0.0.1:1877/files/renders/v.mp4",
    "/files/renders/v.mp4",
    "HTTP://127.0.0.1:1877/v.mp4",
]


def _export_with_output_url(tmp_path: Path, output_url: str) -> tuple[str | None, Path]:
    """Export through a backend whose render reports ``output_url``; the Authorization it received."""
    mp4 = tiny_mp4(tmp_path / "src.mp4")
    seen: dict[str, str | None] = {}

    def handler(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        if path.startswith("/api/render/proxy/lambda/"):
            data = {"id": "r", "status": "completed", "progress": 100, "outputUrl": output_url}
            return httpx.Response(200, json={"success": True, "data": data})
        if path.endswith("v.mp4"):
            seen["auth"] = request.headers.get("authorization")
            return httpx.Response(200, content=mp4, headers={"content-type": "video/mp4"})
        return None

    client = fake_client(FakeBackend(handler), tmp_path, BASE)
    out = tmp_path / "out.mp4"

    async def go() -> None:
        async with client:
            session = await client.session()
            await session.export(out)

    asyncio.run(go())
    assert "auth" in seen, "the output URL was never fetched"
    return seen["auth"], out


@pytest.mark.parametrize("url", FOREIGN)
def test_token_is_not_sent_to_another_origin(tmp_path: Path, url: str) -> None:
    auth, out = _export_with_output_url(tmp_path, url)
    assert "Bearer" not in (auth or "") and "SECRET" not in (auth or "")
    assert out.stat().st_size > 0  # a public CDN link still downloads, just without the token


@pytest.mark.parametrize("url", OWN)
def test_token_is_sent_to_the_backends_own_origin(tmp_path: Path, url: str) -> None:
    auth, _ = _export_with_output_url(tmp_path, url)
    assert auth == "Bearer nmv_usr_SECRET"


@pytest.mark.parametrize(
    ("url", "base", "same"),
    [
        ("http://example.test:80/v", "http://example.test", True),
        ("https://example.test/v", "https://example.test:443", True),
        ("http://EXAMPLE.test./v", "http://example.test", True),
        ("http://example.test:8080/v", "http://example.test", False),
        ("http://127.0.0.1:1877evil/v", BASE, False),
        ("javascript:alert(1)", BASE, False),
        ("file:///etc/passwd", BASE, False),
        ("http://[::1]:1877/v", "http://[::1]:1877", True),
        ("http://[::1]:18772/v", "http://[::1]:1877", False),
        ("/relative", None, False),
    ],
)
def test_origins_are_compared_as_scheme_host_and_port(
    url: str, base: str | None, same: bool
) -> None:
    assert same_origin(url, base) is same


def test_unparseable_output_url_falls_back_to_the_download_route(tmp_path: Path) -> None:
    mp4 = tiny_mp4(tmp_path / "src.mp4")
    fetched: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        if path.startswith("/api/render/proxy/lambda/"):
            url = "http://127.0.0.1:1877.evil.test/v.mp4"
            data = {"id": "r", "status": "completed", "progress": 100, "outputUrl": url}
            return httpx.Response(200, json={"success": True, "data": data})
        if path.endswith("/download"):
            fetched.append(str(request.url))
            return httpx.Response(200, content=mp4, headers={"content-type": "video/mp4"})
        return None

    backend = FakeBackend(handler)
    client = fake_client(backend, tmp_path, BASE)

    async def go() -> None:
        async with client:
            await (await client.session()).export(tmp_path / "out.mp4")

    asyncio.run(go())
    assert fetched and all(u.startswith(BASE + "/") for u in fetched)
    assert not any("evil" in str(r.url) for r in backend.requests)
