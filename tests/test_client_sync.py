"""The blocking facade: inside a running loop (as in Jupyter), and Ctrl-C during a render.

Each case runs in its own interpreter, since nesting patches asyncio for the whole process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

NESTED = """
import asyncio, sys
import nemo_notebook.sync as sync

assert "nest_asyncio2" not in sys.modules
client = sync.Client()
print("outside", client.credits().available)

async def cell():
    # a notebook cell: a loop is running in this thread, the call must still block
    credits = client.credits()
    session = client.session(language="en")
    state = session.state()
    print("inside", credits.available, state.draft is None, "nest_asyncio2" in sys.modules)
    kinds = [type(event).__name__ for event in session.stream("make a 3 second video of rain")]
    print("streamed", kinds[-2:], session.state().timeline.summary().startswith("Timeline (2"))

asyncio.run(cell())
client.close()
"""

INTERRUPT = """
import os, signal, sys, threading
import nemo_notebook.sync as sync

# A background launch (`cmd &`) starts Python with SIGINT ignored; restore the handler that raises
# KeyboardInterrupt so the test does not depend on how its runner was started.
signal.signal(signal.SIGINT, signal.default_int_handler)

client = sync.Client()
session = client.session()
session.chat("make a 6 second video of a forest at dawn")
started = threading.Event()

def interrupt():
    started.wait(60)
    os.kill(os.getpid(), signal.SIGINT)

threading.Thread(target=interrupt, daemon=True).start()
try:
    session.export(sys.argv[1], resolution="720p", on_progress=lambda p, s: started.set())
except KeyboardInterrupt:
    print("interrupted")
path = "/api/render/proxy/lambda/" + session.asession.last_render_id
print("status", client.run(client.aclient.call("GET", path))["status"])
print("exists", os.path.exists(sys.argv[1]))
client.close()
"""


def run_script(source: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    env = {
        **os.environ,
        "NEMO_HOME": str(tmp_path / "home"),
        "NEMO_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    return subprocess.run(
        [sys.executable, str(script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_blocking_calls_work_inside_a_running_event_loop(tmp_path: Path) -> None:
    done = run_script(NESTED, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines == [
        "outside 1000",
        "inside 1000 True True",
        "streamed ['Changes', 'Done'] True",
    ]


@pytest.mark.slow
def test_ctrl_c_during_export_cancels_the_render_and_writes_no_file(tmp_path: Path) -> None:
    out = tmp_path / "never.mp4"
    done = run_script(INTERRUPT, tmp_path, str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["interrupted", "status cancelled", "exists False"]


LEFT_EARLY = """
import nemo_notebook as nemo
from nemo_notebook.events import Text

client = nemo.Client()
session = client.session()
for event in session.stream("make a 3 second video of rain"):
    if isinstance(event, Text):
        break
print("stopped early", flush=True)
"""


def test_leaving_a_stream_early_and_never_closing_the_client_exits_quietly(
    tmp_path: Path,
) -> None:
    """The usual notebook: a ``break`` out of a stream, no ``close()``; the interpreter's exit prints
    no 'Task was destroyed' or 'Exception ignored' lines."""
    env = {**os.environ, "NEMO_HOME": str(tmp_path / "home"), "NEMO_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", LEFT_EARLY], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "stopped early" in done.stdout
    assert "destroyed" not in done.stderr and "ignored" not in done.stderr, done.stderr
