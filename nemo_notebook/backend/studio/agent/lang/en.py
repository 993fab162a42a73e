"""English words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "en"
UNDO = (
    "undo",
    "go back",
    "revert",
    "roll back",
    "put it back",
    "take that back",
    "cancel that change",
)
REDO = ("redo", "undo the undo", "bring it back")
ORIGINAL = ("the original", "the first version", "how it was", "the way it was", "as it was")
UNDO_STEPS = r"(?:last|past|previous)\s+(\d+)\s+(?:changes|edits|steps)"
VERSION_WITH = r"(?:version|one)\s+(?:with|that had|where it had)\s+(?:the\s+|a\s+)?(.+)"
FEATURES = {
    "title": ("title", "heading"),
    "caption": ("caption", "subtitle"),
    "music": ("music", "soundtrack", "song"),
    "vertical": ("vertical", "portrait"),
    "square": ("square",),
}
REFUSALS = {
    "avatar": ("avatar", "digital human", "virtual presenter", "talking head", "presenter"),
    "dub": ("dub", "dubbed", "dubbing", "translate the narration", "translate the voice"),
    "clone": ("clone my voice", "voice clone", "voice cloning", "my voice", "clone"),
    "lipsync": ("lips match", "lip synced", "lip-synced", "lips move"),
    "publish": (
        "post it",
        "post this",
        "share it on",
        "share it to",
        "upload this to",
        "upload it to",
        "my youtube channel",
    ),
    "footage": ("real footage", "drone footage", "actual footage", "real video", "real photos"),
}
MUSIC_OFF = (
    "switch the music off",
    "switch off the music",
    "turn the music off",
    "turn off the music",
    "kill the music",
    "lose the music",
    "lose the soundtrack",
    "drop the music",
    "cut the music",
    "mute",
    "no soundtrack",
)
LONGER = ("longer", "extend", "lengthen", "more", "another", "extra", "add", "plus")
SHORTER = ("shorter", "shorten", "cut", "trim", "off", "less", "minus", "reduce")
UP = ("up", "louder", "raise", "increase", "more", "bigger", "larger")
DOWN = ("down", "lower", "quieter", "softer", "decrease", "reduce", "less", "smaller")
MUCH = ("much", "a lot", "way", "far")
LITTLE = ("a bit", "a little", "slightly", "a tad", "somewhat")
DOUBLE = ("double", "twice")
TIMES = r"\b(\d+(?:\.\d+)?)\s*(?:times|x)\s+(?:as\s+)?(?:big|large|long|loud|bigger|larger|longer|louder)"
HALF = ("half", "halve")
TO = r"\b(?:to|at|into)\s+$|^\s*(?:total|long|in total)\b"
FIRST_N = r"\bthe\s+first\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
LAST_N = r"\bthe\s+last\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
ON_SCREEN = (
    "on screen",
    "show",
    "shown",
    "display",
    "visible",
    "stay",
    "keep the title",
    "keep the caption",
)
LENGTH = ("length", "long", "duration", "longer", "shorter", "shorten", "extend")
VOLUME = ("volume", "music", "sound", "loud", "quiet", "soundtrack")
SIZE = ("big", "bigger", "large", "larger", "size", "small", "smaller")
NO_TEXT = (
    "don't add any text",
    "do not add any text",
    "don't put any words",
    "don't add text",
    "no text",
    "without text",
    "no title",
    "no titles",
    "no captions",
    "without a title",
    "without any text",
    "no words",
)
POSITION_VERBS = ("put it", "move it", "place it", "put the", "move the")
KNOWN = (
    "showing",
    "train",
    "stay",
    "stays",
    "start",
    "starts",
    "main",
    "sight",
    "right",
    "might",
    "light",
    "lights",
    "fight",
    "forget",
    "desserts",
    "dessert",
    "mountainous",
    "musical",
    "musician",
    "square",
    "seas",
    "season",
    "city's",
    "sunny",
    "sunday",
    "clouds",
    "bridge",
    "treat",
    "trees",
    "three",
    "there",
    "their",
    "these",
    "those",
    "where",
    "make",
    "more",
    "bottom",
    "button",
    "vertically",
    "order",
    "other",
    "after",
    "water",
    "later",
    "music's",
    "portion",
    "sport",
    "report",
)
SPELLING = {"nite": "night", "tonite": "night", "secs": "seconds", "vid": "video", "vids": "videos"}
