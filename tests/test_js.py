"""The widgets' pure JS helpers, run with node's built-in test runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_js_helpers_pass_under_node() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("NEMO_REQUIRE_NODE") == "1":
            pytest.fail("node is required (NEMO_REQUIRE_NODE=1) but was not found on PATH")
        pytest.skip("node is not installed; set NEMO_REQUIRE_NODE=1 to make this a failure")
    done = subprocess.run(
        [node, "--test", "js/test/"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout


def test_every_widget_module_is_checked_and_exports_render() -> None:
    for name in ("chat.js", "timeline.js", "player.js"):
        source = (ROOT / "js" / name).read_text(encoding="utf-8")
        assert source.startswith("// @ts-check"), name
        assert "export default { render }" in source, name
