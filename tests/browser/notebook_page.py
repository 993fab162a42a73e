"""Drive a notebook in JupyterLab through Playwright: open it, run every cell, find a cell's output."""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]

# "done" when no code cell is queued or running and every one has an execution count.
_PROGRESS_JS = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  if (prompts.some(p => p.includes('*'))) return null;
  return prompts.every(p => /\\[\\d+\\]/.test(p)) ? 'done' : 'stopped';
}"""


def open_notebook(page: Page, url: str, *, timeout_s: float = 60) -> None:
    """Load the notebook and wait until its kernel is idle."""
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout_s * 1000)
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=timeout_s * 1000)


def run_all(page: Page, *, timeout_s: float) -> float:
    """Run → Run All Cells, then wait until the run ends; returns the seconds it took."""
    started = time.monotonic()
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.click("li[data-command='runmenu:run-all']")
    page.locator(".jp-CodeCell .jp-InputPrompt", has_text="*").first.wait_for(timeout=10_000)
    handle = page.wait_for_function(_PROGRESS_JS, timeout=timeout_s * 1000, polling=500)
    outcome = handle.json_value()
    if outcome != "done":
        raise AssertionError(f"the run stopped before the last cell:\n{error_texts(page)}")
    return time.monotonic() - started


def error_texts(page: Page) -> str:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    return "\n".join(errors.all_inner_texts())[-3000:]


def code_cell(page: Page, source_start: str) -> Locator:
    """The one code cell whose editor text starts with ``source_start``."""
    cells = page.locator(".jp-NotebookPanel .jp-CodeCell")
    for index in range(cells.count()):
        cell = cells.nth(index)
        text = cell.locator(".jp-InputArea-editor").inner_text().strip()
        if text.startswith(source_start):
            return cell
    raise AssertionError(f"no code cell starts with {source_start!r}")


def table_column_sums(cell: Locator, key: str, value: str) -> dict[str, int]:
    """Sum a DataFrame output's ``value`` column grouped by its ``key`` column."""
    table = cell.locator(".jp-OutputArea-output table").first
    headers = [h.strip() for h in table.locator("thead tr").last.locator("th").all_inner_texts()]
    k, v = headers.index(key), headers.index(value)
    sums: dict[str, int] = {}
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
        sums[cells[k]] = sums.get(cells[k], 0) + int(cells[v])
    return sums
