"""The chat view's ES module in a real Chromium page, fed by a stand-in model: how long text is drawn."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nemo_notebook.notebook.widgets import js_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

# A model with the calls chat.js makes; `emit` plays what the kernel would send.
PAGE = """<!doctype html><html><body><div id="out"></div><script type="module">
%s
const state = { prompt: "p", session: "", text: "", tools: [], notice: "", changes: [], files: [], silent: false,
  error: "", status: "streaming", progress: -1, progress_label: "", cancellable: false };
const handlers = {};
window.sent = [];
window.model = {
  get: (key) => state[key],
  on: (event, cb) => { (handlers[event] ??= []).push(cb); },
  off: () => {},
  send: (msg) => window.sent.push(msg),
  set: (key, value) => { state[key] = value; for (const cb of handlers[`change:${key}`] ?? []) cb(); },
  append: (at, text) => { for (const cb of handlers["msg:custom"] ?? []) cb({ type: "append", at, text }); },
};
render({ model: window.model, el: document.getElementById("out") });
window.textOf = () => document.querySelector(".nemo-chat-text").textContent;
window.ready = true;
</script></body></html>"""


def paragraphs(count: int, words: int = 20) -> list[str]:
    return [" ".join(f"w{i * words + k:07d}" for k in range(words)) for i in range(count)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from browser.notebook_page import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    source = (js_dir() / "chat.js").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.set_content(PAGE % source)
    page.wait_for_function("window.ready === true")
    yield page
    page.close()


def stream(page: Any, parts: list[str], per_update: int) -> str:
    """Send the parts as the kernel does, `per_update` at a time, each batch one append."""
    sent = ""
    for i in range(0, len(parts), per_update):
        piece = ("\n\n" if sent else "") + "\n\n".join(parts[i : i + per_update])
        page.evaluate("([at, text]) => window.model.append(at, text)", [len(sent), piece])
        sent += piece
    return sent


def test_a_long_reply_is_drawn_in_small_blocks_that_are_never_redrawn(page: Any) -> None:
    parts = paragraphs(1000)
    whole = stream(page, parts, 25)
    assert page.evaluate("window.textOf()") == "".join(parts)
    sizes = page.evaluate(
        "[...document.querySelectorAll('.nemo-chat-block')].map((b) => b.textContent.length)"
    )
    assert len(sizes) >= 30 and max(sizes) < 8000, sizes
    # Tag every block, then let the late whole text (a resync reply, the final `text`) arrive.
    page.evaluate("document.querySelectorAll('.nemo-chat-block').forEach((b) => b.dataset.old = 1)")
    page.evaluate("(text) => window.model.append(0, text)", whole)
    page.evaluate(
        "(text) => { window.model.set('text', text); window.model.set('status', 'done'); }", whole
    )
    fresh = page.evaluate("document.querySelectorAll('.nemo-chat-block:not([data-old])').length")
    assert fresh == 0, "the repeated whole text redrew blocks already on the page"
    assert page.evaluate("window.textOf()") == "".join(parts)


def test_a_whole_new_text_keeps_the_blocks_it_shares_and_draws_the_rest(page: Any) -> None:
    parts = paragraphs(200)
    stream(page, parts, 20)
    page.evaluate("document.querySelectorAll('.nemo-chat-block').forEach((b) => b.dataset.old = 1)")
    changed = [*parts[:150], "a **different** ending"]
    page.evaluate("(text) => window.model.append(0, text)", "\n\n".join(changed))
    page.wait_for_function(
        "!document.querySelector('.nemo-chat-text').textContent.includes('w0003999')"
    )
    assert page.evaluate("window.textOf()") == "".join(parts[:150]) + "a different ending"
    kept = page.evaluate("document.querySelectorAll('.nemo-chat-block[data-old]').length")
    assert kept >= 5, "blocks before the change were drawn again"
    assert (
        page.evaluate("document.querySelector('.nemo-chat-text strong').textContent") == "different"
    )


def test_a_long_text_arriving_at_once_is_drawn_over_several_frames(page: Any) -> None:
    parts = paragraphs(1000)
    text = "\n\n".join(parts)
    drawn_at_once = page.evaluate(
        "(text) => { window.model.append(0, text); return window.textOf().length; }", text
    )
    assert 0 < drawn_at_once < len("".join(parts)) / 4
    page.wait_for_function("(n) => window.textOf().length === n", arg=len("".join(parts)))
    assert page.evaluate("window.textOf()") == "".join(parts)


def test_a_long_paragraph_still_arriving_is_plain_text_until_the_reply_ends(page: Any) -> None:
    lines = [f"line {i} with **bold** words" for i in range(600)]
    sent = ""
    for i in range(0, len(lines), 50):
        piece = ("\n" if sent else "") + "\n".join(lines[i : i + 50])
        page.evaluate("([at, text]) => window.model.append(at, text)", [len(sent), piece])
        sent += piece
    live = page.evaluate("document.querySelectorAll('.nemo-chat-live').length")
    assert live == 1 and page.evaluate("document.querySelectorAll('strong').length") == 0
    page.evaluate("() => window.model.set('status', 'done')")
    assert page.evaluate("document.querySelectorAll('.nemo-chat-live').length") == 0
    assert page.evaluate("document.querySelectorAll('strong').length") == 600
    assert page.evaluate("window.textOf()") == "".join(lines).replace("**", "")


def test_a_streaming_reply_grows_in_steps_and_fits_its_text_once_done(page: Any) -> None:
    page.evaluate("""() => {
      window.heights = [];
      new ResizeObserver((entries) => window.heights.push(entries[0].contentRect.height))
        .observe(document.querySelector('.nemo-chat-text'));
    }""")
    parts = paragraphs(300)
    sent = ""
    for i in range(0, len(parts), 3):
        piece = ("\n\n" if sent else "") + "\n\n".join(parts[i : i + 3])
        page.evaluate("([at, text]) => window.model.append(at, text)", [len(sent), piece])
        sent += piece
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")
    heights = page.evaluate("window.heights")
    assert len(heights) < 100 / 4, f"the box changed height {len(heights)} times in 100 updates"
    reserved = page.evaluate("document.querySelector('.nemo-chat-text').style.minHeight")
    assert reserved.endswith("px") and float(reserved[:-2]) % 480 == 0, reserved  # GROW_STEP_PX
    page.evaluate("() => window.model.set('status', 'done')")
    page.wait_for_function("window.heights.length > 0")
    fitted = page.evaluate(
        "() => [document.querySelector('.nemo-chat-text').getBoundingClientRect().height,"
        " document.querySelector('.nemo-chat-flow').getBoundingClientRect().height]"
    )
    assert fitted[0] == fitted[1], "the finished reply keeps space it does not fill"


def test_the_end_of_a_reply_changes_nothing_already_drawn(page: Any) -> None:
    stream(page, paragraphs(40), 10)
    page.evaluate("""() => {
      window.changes = 0;
      new MutationObserver(() => window.changes++).observe(
        document.querySelector('.nemo-chat-text'), { childList: true, subtree: true, characterData: true });
    }""")
    page.evaluate("() => { window.model.set('status', 'done'); }")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")
    assert page.evaluate("window.changes") == 0, "the page counted an update the reply did not make"
