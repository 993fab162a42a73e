"""Edit steps read only what the request asks (``asks.EditAsks``), never the message's words."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

from nemo_notebook.backend.studio.agent import edits
from nemo_notebook.backend.studio.agent.asks import Amount, EditAsks, MusicAsk, TextAsk
from nemo_notebook.backend.studio.agent.edit_state import Edit
from nemo_notebook.backend.studio.agent.request import prepare, read
from nemo_notebook.backend.studio.agent.turn import plan_turn

AGENT = Path(edits.__file__).resolve().parent
# The modules that make edits: they get an ``Edit`` and change its draft.
STEP_MODULES = (
    "edits.py",
    "edit_order.py",
    "edit_scene.py",
    "edit_sound.py",
    "edit_text.py",
    "fades.py",
)
# What reads words: none of it may be imported where edits are made.
READERS = {"re", "words", "lang", "intent", "request", "read_edit", "numbers", "typos", "people"}


def _draft() -> dict:
    turn = plan_turn("a 20 second sunset over the sea with calm music", None, assets=[])
    assert turn.draft is not None
    return turn.draft


def test_an_edit_holds_no_words_of_the_message() -> None:
    assert {f.name for f in fields(Edit)} == {
        "draft",
        "asks",
        "lang",
        "assets",
        "changes",
        "misses",
        "ops",
    }
    assert not {"message", "text", "quotes"} & {f.name for f in fields(EditAsks)}


def test_edit_modules_import_no_word_readers() -> None:
    for name in STEP_MODULES:
        tree = ast.parse((AGENT / name).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level and node.module:
                    imported.add(node.module.split(".")[0])
                elif node.level:
                    imported |= {alias.name for alias in node.names}
        assert not imported & READERS, (name, imported & READERS)


def test_edits_are_made_from_asks_alone() -> None:
    draft = _draft()
    asks = EditAsks(
        length=Amount("by", 4),
        music=MusicAsk(volume=Amount("to", 50)),
        texts=TextAsk(roles=(("title", "Hello"),)),
    )
    edit = edits.apply_edits(asks, draft, "en", assets=[])
    assert edit.draft["d"] == 24_000
    music = [
        s for t in edit.draft["t"] for s in t["sg"] if str(s.get("src", "")).startswith("gen:music")
    ]
    assert music[0]["vol"] == 0.5
    titles = [s["tx"] for t in edit.draft["t"] for s in t["sg"] if "tx" in s]
    assert titles == ["Hello"]
    assert draft["d"] == 20_000  # the draft given is left as it was


def test_the_request_reads_every_edit_once() -> None:
    message = "make it 4 seconds longer, switch to vertical and fade out at the end"
    asks = read(prepare(message, "en"), "en").asks
    assert asks.kinds() == {"duration", "frame", "fades"}
    assert asks.length == Amount("by", 4)
    assert asks.aspect == "9:16"
    assert asks.fades is not None and asks.fades.fade_out and not asks.fades.fade_in
    texts = read(prepare("put the title 'Hi' at the bottom", "en"), "en").asks.texts
    assert texts is not None and texts.roles == (("title", "Hi"),)
    assert texts.position == "bottom-center"
