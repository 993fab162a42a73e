"""Script injection through reply text: what a notebook shows of a reply can never run script."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from IPython.core.formatters import DisplayFormatter

from nemo_notebook.backend.server import ServerHandle
from nemo_notebook.models import Reply
from nemo_notebook.notebook import display
from nemo_notebook.sync import Client

PAYLOADS = [
    "<script>alert(1)</script>",
    'make a video titled "<script>alert(1)</script>"',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<style>body{display:none}</style>",
    "<details open ontoggle=alert(1)>",
    "```\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n```",
    "# <script>alert(1)</script>\n- <b onmouseover=alert(1)>x</b>",
    "&lt;script&gt;alert(1)&lt;/script&gt; <scr<script>ipt>alert(1)</script>",
]
SAFE_TAGS = {
    "p", "strong", "em", "code", "pre", "a", "img", "ul", "ol", "li", "br", "hr", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "s",
    "figure", "div", "video",
}  # fmt: skip
URL_ATTRS = {"href", "src", "poster"}


class _Audit(HTMLParser):
    """Collects every way the HTML could run script: unknown tags, on* handlers, non-http URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SAFE_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}")
            if name in URL_ATTRS and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                data_image = scheme == "data" and value.lower().startswith("data:image/")
                if scheme not in ("", "http", "https", "mailto") and not data_image:
                    self.problems.append(f"{name}={value}")


def audit(markup: str) -> list[str]:
    parser = _Audit()
    parser.feed(markup)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_reply_shown_in_a_notebook_runs_no_script(payload: str) -> None:
    bundle, _ = DisplayFormatter().format(Reply(text=f"Sure! {payload}", session_id="1"))
    assert "text/markdown" not in bundle  # raw markdown would let the page's renderer pass HTML
    assert "text/html" in bundle and "Sure!" in bundle["text/html"]
    assert audit(bundle["text/html"]) == []


def test_reply_still_renders_its_markdown() -> None:
    html = Reply(text="**Done**: see [docs](https://example.com/my_page_)", session_id="1")
    shown = html._repr_html_()
    assert "<strong>Done</strong>" in shown
    assert '<a href="https://example.com/my_page_">docs</a>' in shown


def test_silent_reply_change_report_is_escaped_too() -> None:
    reply = Reply(text="<script>alert(1)</script>", silent=True, session_id="1")
    assert audit(reply._repr_html_()) == [] and "&lt;script&gt;" in reply._repr_html_()


@pytest.mark.slow
def test_nbconvert_html_export_of_a_reply_holds_no_injected_script() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbconvert = pytest.importorskip("nbconvert")
    bundle, _ = DisplayFormatter().format(Reply(text=PAYLOADS[0], session_id="1"))
    output = nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)
    cell = nbformat.v4.new_code_cell("r", outputs=[output], execution_count=1)
    page, _ = nbconvert.HTMLExporter().from_notebook_node(nbformat.v4.new_notebook(cells=[cell]))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
    ],
)
def test_static_video_fallback_drops_script_urls_from_the_backend(url: str) -> None:
    markup = display.video_html(path=None, url=url, poster=url, caption="<b>x</b>")
    assert audit(markup) == []
    assert "script:" not in markup.lower().replace("\t", "")


def test_static_video_fallback_keeps_http_and_local_files(tmp_path: Path) -> None:
    markup = display.video_html(
        path=None, url="https://cdn.example.com/v.mp4", poster="https://cdn.example.com/p.jpg"
    )
    assert 'href="https://cdn.example.com/v.mp4"' in markup
    assert 'poster="https://cdn.example.com/p.jpg"' in markup
    local = display.video_html(path=tmp_path / "a b.mp4", url=None, poster=None)
    assert "a b.mp4" in local and audit(local) == []


def test_stock_backend_echoing_a_script_title_shows_it_as_text(server: ServerHandle) -> None:
    with Client(server.url) as client:
        reply = client.session().chat('make a 5 second video titled "<script>alert(1)</script>"')
    assert "<script>alert(1)</script>" in reply.text  # the agent repeats the title as given
    bundle, _ = DisplayFormatter().format(reply)
    assert "text/markdown" not in bundle and audit(bundle["text/html"]) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bundle["text/html"]
