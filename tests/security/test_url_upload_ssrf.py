"""URL uploads cannot reach into the backend's network, and their errors cannot map it either."""

from __future__ import annotations

import io
import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from attack_kit import temp_leftovers
from PIL import Image

from nemo_notebook.backend import urlfetch
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings

PUBLIC_STAND_IN = "127.0.0.2"  # a loopback address the tests let pass as public


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 20)).save(out, "PNG")
    return out.getvalue()


class Web:
    """A small web server on one address: media, text, 404, 500, redirects; it records every hit."""

    def __init__(self, host: str) -> None:
        self.hits: list[tuple[str, str]] = []
        png = _png()
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.hits.append((self.path, self.headers.get("Host", "")))
                path = urlsplit(self.path).path
                query = parse_qs(urlsplit(self.path).query)
                if path == "/redirect":
                    self.send_response(302)
                    self.send_header("Location", query["to"][0])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, body, kind = {
                    "/media.png": (200, png, "image/png"),
                    "/text": (200, b"hello, not media", "text/plain"),
                    "/500": (500, b"boom", "text/plain"),
                }.get(path, (404, b"missing", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def public() -> Iterator[Web]:
    web = Web(PUBLIC_STAND_IN)
    yield web
    web.stop()


@pytest.fixture(scope="module")
def inside() -> Iterator[Web]:
    """A service inside the backend's network (loopback) that must never be reached."""
    web = Web("127.0.0.1")
    yield web
    web.stop()
    assert web.hits == [], "a URL upload reached an internal address"


@pytest.fixture()
def stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: treat 127.0.0.2 as a public address, everything else as the real check does."""
    real = urlfetch.is_public
    monkeypatch.setattr(urlfetch, "is_public", lambda ip: str(ip) == PUBLIC_STAND_IN or real(ip))


def upload(authed: tuple[httpx.Client, str], url: str) -> httpx.Response:
    http, sid = authed
    return http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url], "source_type": "url"}
    )


@pytest.fixture(scope="module")
def refusal(server: ServerHandle) -> tuple[int, Any]:
    """The one answer every failed URL upload gets (taken from a plainly private address)."""
    with httpx.Client(base_url=server.url, timeout=60) as http:
        token = http.post(
            "/api/auth/anonymous-token", headers={"X-Client-Id": "refusal-probe"}
        ).json()["data"]["token"]
        http.headers["Authorization"] = f"Bearer {token}"
        sid = http.post("/api/tasks/me/with-session/nemo_agent", json={}).json()["data"][
            "session_id"
        ]
        reply = upload((http, sid), "http://10.0.0.1/x.png")
    assert reply.status_code == 415 and reply.json()["code"] == 4001
    return reply.status_code, reply.json()


INTERNAL = [
    "http://127.0.0.1:{inside}/media.png",
    "http://localhost:{inside}/media.png",
    "http://[::1]:{inside}/media.png",
    "http://0.0.0.0:{inside}/media.png",
    "http://127.1:{inside}/media.png",
    "http://2130706433:{inside}/media.png",
    "http://0x7f000001:{inside}/media.png",
    "http://017700000001:{inside}/media.png",
    "http://[::ffff:127.0.0.1]:{inside}/media.png",
    "http://user:pw@127.0.0.1:{inside}/media.png",
    "http://10.1.2.3/x.png",
    "http://172.16.0.1/x.png",
    "http://192.168.1.1/x.png",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/x.png",
    "http://224.0.0.1/x.png",
    "http://240.0.0.1/x.png",
    "http://255.255.255.255/x.png",
    "http://[fe80::1]/x.png",
    "http://[fc00::1]/x.png",
    "http://[ff02::1]/x.png",
    "http://[::ffff:10.0.0.1]/x.png",
    "http://[64:ff9b::a00:1]/x.png",
    "http://[2002:7f00:1::]/x.png",
]


@pytest.mark.parametrize("template", INTERNAL)
def test_url_upload_refuses_internal_addresses_with_the_one_error(
    server: ServerHandle,
    authed: tuple[httpx.Client, str],
    inside: Web,
    refusal: tuple[int, Any],
    template: str,
) -> None:
    port = inside.url.rsplit(":", 1)[1]
    reply = upload(authed, template.format(inside=port))
    assert (reply.status_code, reply.json()) == refusal
    assert temp_leftovers(server) == []


FAILURES = {
    "closed port": "http://{public_host}:1/media.png",
    "HTTP 404": "{public}/missing.png",
    "HTTP 500": "{public}/500",
    "not media": "{public}/text",
    "redirect inside": "{public}/redirect?to=http://127.0.0.1:{inside}/media.png",
    "redirect to localhost": "{public}/redirect?to=http://localhost:{inside}/media.png",
    "redirect loop": "{public}/redirect?to={public}/redirect%3Fto%3D{public}/redirect",
    "redirect to ftp": "{public}/redirect?to=ftp://{public_host}/x.png",
    "ftp": "ftp://{public_host}/x.png",
    "file": "file:///etc/passwd",
    "no such host": "http://no-such-host.invalid/x.png",
    "not a url": "not a url",
}


@pytest.mark.parametrize("case", FAILURES)
def test_every_kind_of_url_failure_gives_the_same_answer(
    server: ServerHandle,
    authed: tuple[httpx.Client, str],
    public: Web,
    inside: Web,
    refusal: tuple[int, Any],
    stand_in: None,
    case: str,
) -> None:
    url = FAILURES[case].format(
        public=public.url,
        public_host=PUBLIC_STAND_IN,
        inside=inside.url.rsplit(":", 1)[1],
    )
    reply = upload(authed, url)
    assert (reply.status_code, reply.json()) == refusal, case
    assert temp_leftovers(server) == []


def test_public_media_and_public_redirects_still_upload(
    authed: tuple[httpx.Client, str], public: Web, stand_in: None
) -> None:
    direct = upload(authed, f"{public.url}/media.png")
    assert direct.status_code == 200, direct.text
    hop = upload(authed, f"{public.url}/redirect?to=/media.png")
    assert hop.status_code == 200 and hop.json()["data"]["files"][0]["width"] == 64


def test_connection_goes_to_the_checked_address_not_a_second_dns_answer(
    authed: tuple[httpx.Client, str],
    public: Web,
    inside: Web,
    stand_in: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = int(public.url.rsplit(":", 1)[1])
    answers = iter([PUBLIC_STAND_IN])

    async def rebinding(host: str, port: int, **kw: Any) -> list[Any]:
        # First answer public, every later one internal: a rebinding DNS server.
        address = next(answers, "127.0.0.1")
        return [(2, 1, 6, "", (address, port))]

    monkeypatch.setattr(urlfetch.anyio, "getaddrinfo", rebinding)
    reply = upload(authed, f"http://rebind.test:{port}/media.png")
    assert reply.status_code == 200, reply.text
    assert public.hits[-1] == ("/media.png", f"rebind.test:{port}")


def test_trusted_network_setting_allows_private_addresses(
    tmp_path_factory: pytest.TempPathFactory, inside: Web
) -> None:
    handle = start_server(
        Settings(data_dir=tmp_path_factory.mktemp("trusted"), allow_private_urls=True)
    )
    try:
        with httpx.Client(base_url=handle.url, timeout=60) as http:
            token = http.post(
                "/api/auth/anonymous-token", headers={"X-Client-Id": "trusted-lan"}
            ).json()["data"]["token"]
            http.headers["Authorization"] = f"Bearer {token}"
            sid = http.post("/api/tasks/me/with-session/nemo_agent", json={}).json()["data"][
                "session_id"
            ]
            own = f"{handle.url}/api/meta"  # loopback, allowed; not media, so refused as such
            assert upload((http, sid), own).status_code == 415
            served = http.post(
                f"/api/upload-video/nemo_agent/me/{sid}",
                files={"files": ("a.png", _png(), "image/png")},
            ).json()["data"]["files"][0]["cdn_url"]
            assert upload((http, sid), served).status_code == 200
    finally:
        handle.stop()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("100.64.0.1", False),
        ("169.254.1.1", False),
        ("224.0.0.1", False),
        ("0.0.0.0", False),
        ("::", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:8.8.8.8", True),
        ("2002:a00:1::", False),
        ("64:ff9b::7f00:1", False),
        ("2001::80ff:fffe", False),  # Teredo around 127.0.0.1
        ("fd00::1", False),
    ],
)
def test_address_classes(address: str, public: bool) -> None:
    assert urlfetch.is_public(ipaddress.ip_address(address)) is public
