"""The quickstart in a real JupyterLab and Chromium: streamed chat, timeline lanes, a playable linked video."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
RUN_ALL_TIMEOUT_S = 170
PREVIEW_NOTEBOOK = "preview_check.ipynb"
LAB: dict[str, str] = {}


def write_preview_notebook(path: Path) -> None:
    """One reply and nothing after it, so its preview is not replaced by an export."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("%load_ext nemo_notebook"),
        nbformat.v4.new_code_cell(
            "%%nemo r <<\ngenerate a 6-second clip of snow falling on a forest"
        ),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, path)


def _require_chromium() -> None:
    from browser.notebook_page import CHROMIUM

    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)"
    if os.environ.get("NEMO_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEMO_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def quickstart_page(tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path) -> Iterator:
    """JupyterLab serving a copy of the notebooks, with the quickstart run to the end in Chromium."""
    _require_chromium()
    from browser.lab import ensure_venv_kernelspec, running_lab
    from browser.notebook_page import CHROMIUM, CHROMIUM_ARGS, open_notebook, run_all
    from playwright.sync_api import sync_playwright

    ensure_venv_kernelspec()
    root = tmp_path_factory.mktemp("lab-root")
    for notebook in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(notebook, root / notebook.name)
    write_preview_notebook(root / PREVIEW_NOTEBOOK)
    work = tmp_path_factory.mktemp("lab-work")
    with running_lab(root, work) as lab, sync_playwright() as playwright:
        LAB["url"] = lab.notebook_url(PREVIEW_NOTEBOOK)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        console: list[str] = []
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        try:
            open_notebook(page, lab.notebook_url("quickstart.ipynb"))
            seconds = run_all(page, timeout_s=RUN_ALL_TIMEOUT_S)
            print(f"run all: {seconds:.1f} s")
            shoot_full_notebook(page, artifacts_dir / "browser-quickstart-full.png")
            yield page
        finally:
            page.screenshot(path=str(artifacts_dir / "browser-quickstart-last.png"))
            (artifacts_dir / "browser-console.log").write_text("\n".join(console))
            (artifacts_dir / "browser-lab.log").write_text(lab.log())
            browser.close()


def shoot_full_notebook(page, path: Path) -> None:
    """A screenshot of the whole notebook: the viewport grows by what the notebook's scroller hides."""
    hidden = page.evaluate(
        "() => Math.max(0, ...[...document.querySelectorAll('.jp-NotebookPanel *')]"
        ".map(e => e.scrollHeight - e.clientHeight))"
    )
    page.set_viewport_size({"width": 1400, "height": min(1000 + int(hidden), 16000)})
    page.evaluate(
        "() => document.querySelectorAll('.jp-NotebookPanel *')"
        ".forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
    )
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def final_view(page):
    from browser.notebook_page import code_cell

    return code_cell(page, "nemo.ResultView(")


def test_chat_view_shows_the_streamed_reply_about_the_sunset(quickstart_page) -> None:
    from browser.notebook_page import code_cell

    cell = code_cell(quickstart_page, "%%nemo r <<")
    text = cell.locator(".nemo-chat .nemo-chat-text").first.inner_text().strip()
    assert text, "the chat view shows no reply text"
    assert "sunset" in text.lower()


def test_timeline_view_has_a_lane_per_track_with_the_notebooks_segment_counts(
    quickstart_page, artifacts_dir: Path
) -> None:
    from browser.notebook_page import code_cell, table_column_sums

    expected = table_column_sums(code_cell(quickstart_page, "after.tracks"), "kind", "segments")
    assert set(expected) == {"video", "audio", "text"}
    timeline = final_view(quickstart_page).locator(".nemo-timeline").first
    timeline.scroll_into_view_if_needed()
    timeline.screenshot(path=str(artifacts_dir / "browser-timeline.png"))
    shown = {
        kind: timeline.locator(f".nemo-lane[data-type={kind}] .nemo-seg").count()
        for kind in expected
    }
    assert shown == expected


def test_player_loads_the_15_second_export_and_a_segment_click_seeks_it(
    quickstart_page, artifacts_dir: Path
) -> None:
    view = final_view(quickstart_page)
    video = view.locator(".nemo-player video").first
    video.scroll_into_view_if_needed()
    video.evaluate(
        "v => new Promise((ok, fail) => {"
        "  if (v.readyState >= 2) return ok();"
        "  v.addEventListener('loadeddata', () => ok(), {once: true});"
        "  setTimeout(() => fail(new Error('readyState ' + v.readyState)), 30000);"
        "})"
    )
    assert video.evaluate("v => v.readyState") >= 2
    assert video.evaluate("v => v.duration") == pytest.approx(15.0, abs=0.25)
    view.locator(".nemo-player").first.screenshot(path=str(artifacts_dir / "browser-player.png"))

    playhead = view.locator(".nemo-playhead").first
    start_x = playhead.bounding_box()["x"]
    video.evaluate("v => { v.pause(); v.currentTime = 9; }")
    quickstart_page.wait_for_function(
        "([el, x]) => el.getBoundingClientRect().x > x + 20",
        arg=[playhead.element_handle(), start_x],
        timeout=10_000,
    )
    title = view.locator(".nemo-lane[data-type=text] .nemo-seg").first
    target = float(title.get_attribute("data-start"))
    title.click()
    quickstart_page.wait_for_function(
        "([v, t]) => Math.abs(v.currentTime - t) < 0.1",
        arg=[video.element_handle(), target],
        timeout=10_000,
    )
    assert playhead.bounding_box()["x"] == pytest.approx(start_x, abs=3)
    quickstart_page.mouse.move(0, 0)
    view.screenshot(path=str(artifacts_dir / "browser-result-view.png"))


# WCAG 2 contrast of each label's text colour on the colour behind it, computed from the page.
CONTRAST_JS = """els => els.map(el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let back = el;
  while (back && (rgb(getComputedStyle(back).backgroundColor)[3] === 0)) back = back.parentElement;
  const fg = lum(rgb(getComputedStyle(el).color));
  const bg = lum(rgb(back ? getComputedStyle(back).backgroundColor : 'rgb(255,255,255)'));
  return { text: el.textContent.trim(), ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) };
})"""


def test_every_timeline_label_passes_wcag_aa_contrast(quickstart_page, artifacts_dir: Path) -> None:
    timeline = final_view(quickstart_page).locator(".nemo-timeline").first
    timeline.scroll_into_view_if_needed()
    labels = timeline.locator(".nemo-seg, .nemo-lane-label, .nemo-tick span")
    found = labels.evaluate_all(CONTRAST_JS)
    assert len(found) >= 6
    low = [f for f in found if f["ratio"] < 4.5]
    assert not low, f"labels below 4.5:1: {low}"


def test_ruler_labels_and_the_playhead_do_not_collide(quickstart_page) -> None:
    timeline = final_view(quickstart_page).locator(".nemo-timeline").first
    boxes = timeline.locator(".nemo-tick span").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert all(b[0] >= a[1] for a, b in itertools.pairwise(boxes)), boxes
    ruler = timeline.locator(".nemo-ruler").first.bounding_box()
    playhead = timeline.locator(".nemo-playhead").first.bounding_box()
    assert playhead["y"] >= ruler["y"] + ruler["height"] - 1


def test_export_card_says_what_was_made_and_links_the_file(
    quickstart_page, artifacts_dir: Path
) -> None:
    from browser.notebook_page import code_cell

    cell = code_cell(quickstart_page, "%%nemo final <<")
    card = cell.locator(".nemo-chat .nemo-file").first
    card.scroll_into_view_if_needed()
    cell.locator(".nemo-chat").first.screenshot(path=str(artifacts_dir / "browser-export-card.png"))
    text = card.inner_text()
    assert text.startswith("Exported 'Urban Dreams' · 15 s · 1080p · ")
    link = card.locator("a").first
    assert link.inner_text() == "urban_dreams.mp4"
    assert link.get_attribute("href") == "urban_dreams.mp4"
    assert link.get_attribute("target") == "_blank"
    caption = cell.locator(".nemo-player-caption").first
    assert not caption.is_visible() or "export the video" not in caption.inner_text()


def test_a_vertical_video_is_shown_tall(quickstart_page, artifacts_dir: Path) -> None:
    from browser.notebook_page import code_cell

    cell = code_cell(quickstart_page, "%%nemo phone <<")
    video = cell.locator(".nemo-player video").first
    video.scroll_into_view_if_needed()
    video.evaluate(
        "v => new Promise(ok => v.readyState >= 1 ? ok() :"
        " v.addEventListener('loadedmetadata', () => ok(), {once: true}))"
    )
    assert video.evaluate("v => [v.videoWidth, v.videoHeight]") == [720, 1280]
    box = video.bounding_box()
    assert box["height"] > box["width"] * 1.7, box
    assert box["height"] == pytest.approx(480, abs=2)
    cell.locator(".nemo-player").first.screenshot(path=str(artifacts_dir / "browser-vertical.png"))


def test_a_reply_shows_its_preview_and_it_plays(quickstart_page, artifacts_dir: Path) -> None:
    """Last in this module: it opens another notebook in the same page."""
    from browser.notebook_page import code_cell, open_notebook, run_all

    page = quickstart_page
    open_notebook(page, LAB["url"])
    run_all(page, timeout_s=90)
    cell = code_cell(page, "%%nemo r <<")
    badge = cell.locator(".nemo-player", has_text="preview").first
    badge.wait_for(timeout=60_000)
    video = badge.locator("video").first
    video.scroll_into_view_if_needed()
    # Play it muted and read it once it has played and its picture is known. The player swaps its
    # source for the finished file when the preview completes, which starts the element over, so
    # the reading waits for both rather than trusting one moment.
    played = video.evaluate(
        "v => new Promise(ok => { v.muted = true; const end = Date.now() + 30000;"
        " const read = () => [v.currentTime, v.videoHeight, v.duration];"
        " const look = () => {"
        "   if ((v.currentTime > 0.2 && v.videoHeight > 0) || Date.now() > end) return ok(read());"
        "   if (v.paused && v.readyState >= 2) v.play().catch(() => {});"
        "   setTimeout(look, 100); };"
        " look(); })"
    )
    assert played[0] > 0.2, played  # it really played
    assert played[1] in (360, 480), played  # a small preview, not the export
    # A preview plays while it is still being written: its length so far, up to the whole 6 s.
    assert 0 < played[2] <= 6.3 or played[2] == float("inf"), played
    # The cell, not the player: the player is redrawn when the finished preview replaces the growing one.
    cell.screenshot(path=str(artifacts_dir / "browser-preview.png"))
