"""The chat view's markdown: links keep their URLs whole, and nothing in a reply becomes markup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def render_inline(texts: list[str]) -> list[str]:
    """``renderInline`` of js/chat.js on each text, run by node."""
    script = (
        f"import {{ renderInline }} from {json.dumps((ROOT / 'js' / 'chat.js').as_uri())};"
        f"console.log(JSON.stringify({json.dumps(texts)}.map(renderInline)));"
    )
    assert NODE is not None
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


LINKS = {
    "[docs](https://example.com/my_word_here)": "https://example.com/my_word_here",
    "[init](https://example.com/pkg/__init__.py)": "https://example.com/pkg/__init__.py",
    "[a](https://example.com/a*b*c)": "https://example.com/a*b*c",
    "[b](https://example.com/a**b**c)": "https://example.com/a**b**c",
    "[q](https://example.com/?q=_x_&r=*y*)": "https://example.com/?q=_x_&amp;r=*y*",
    "[mail](mailto:first_last_name@example.com)": "mailto:first_last_name@example.com",
    "see _this_ and [x](https://e.com/_y_)": "https://e.com/_y_",
}


@pytest.mark.parametrize("text", LINKS)
def test_link_with_underscores_or_stars_keeps_its_url(text: str) -> None:
    (shown,) = render_inline([text])
    assert f'href="{LINKS[text]}"' in shown
    assert "<em>" not in shown.split('href="', 1)[1].split('"', 1)[0]


def test_emphasis_outside_links_still_renders() -> None:
    (shown,) = render_inline(["_real_ and **bold** then [x](https://e.com/_y_)"])
    assert shown.startswith("<em>real</em> and <strong>bold</strong>")


HOSTILE = [
    "[x](javascript:alert(1))",
    '[x](https://e.com/" onmouseover="alert(1))',
    "<img src=x onerror=alert(1)>",
    "`<script>`",
    "\u00000\u0000 placeholder forgery",
    "[<b>x</b>](https://e.com)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_in_a_reply_becomes_markup(text: str) -> None:
    (shown,) = render_inline([text])
    assert "javascript:" not in shown.split("href=")[-1] if "href=" in shown else True
    assert "<img" not in shown and "<script" not in shown and "<b>" not in shown
    assert 'onmouseover="' not in shown and "undefined" not in shown
