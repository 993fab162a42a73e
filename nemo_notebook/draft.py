"""The draft: the one owner of its keys, vocabulary, defaults, limits and ``gen:`` sources.

The draft is the timeline dict of protocol §6 (``d``, ``m``, ``t`` / ``tt`` / ``sg``). It stays a plain
dict on the wire and in ``State.draft``; the views here wrap it so code reads ``seg.start_ms`` rather
than ``seg["st"]``, and keys a reader does not know are kept untouched. Every layer (client, notebook,
agent, renderer, backend) imports this module; it imports nothing from the package.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final, TypedDict
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

DraftDict = dict[str, Any]
"""A draft as the protocol carries it."""

# -- wire keys (their only spelling; other modules read drafts through the views or these names) ----

KEY_META: Final = "m"
KEY_DURATION: Final = "d"
KEY_TRACKS: Final = "t"
KEY_ID: Final = "id"
KEY_TRACK_TYPE: Final = "tt"
KEY_NAME: Final = "n"
KEY_SEGMENTS: Final = "sg"
KEY_START: Final = "st"
KEY_TEXT: Final = "tx"
KEY_SOURCE: Final = "src"
KEY_VOLUME: Final = "vol"
KEY_FADE_IN: Final = "fi"
KEY_FADE_OUT: Final = "fo"
KEY_IN: Final = "in"
KEY_TRANSITION: Final = "tr"
KEY_MOTION: Final = "mo"
KEY_STYLE: Final = "sty"
KEY_FIT: Final = "fit"
# ``m`` (the draft's metadata)
KEY_TITLE: Final = "title"
KEY_WIDTH: Final = "width"
KEY_HEIGHT: Final = "height"
KEY_ASPECT: Final = "aspect"
KEY_RESOLUTION: Final = "res"
KEY_FPS: Final = "fps"
KEY_SEED: Final = "seed"
KEY_LANG: Final = "lang"
KEY_PROMPT: Final = "prompt"
KEY_NEXT_ID: Final = "next_id"  # the studio's segment id counter
KEY_RESTORES: Final = "restores"  # the version an undo or restore brought back
KEY_REDO: Final = "redo"  # the version a redo returns to
# ``sty`` (a text segment's style)
KEY_ROLE: Final = "role"
KEY_POSITION: Final = "pos"
KEY_COLOR: Final = "color"
KEY_SIZE: Final = "size"
KEY_BACKGROUND: Final = "bg"

# -- track kinds -----------------------------------------------------------------------------------


class TrackKind(IntEnum):
    """A track's ``tt``: what its segments hold."""

    VIDEO = 0
    AUDIO = 1
    TEXT = 7

    @property
    def title(self) -> str:
        """The kind as a track name: ``Video`` | ``Audio`` | ``Text``."""
        return self.name.capitalize()


def track_kind(tt: object) -> TrackKind | None:
    """The kind of a ``tt`` value; None for kinds this client does not know (the track is kept)."""
    if isinstance(tt, bool) or not isinstance(tt, int):
        return None
    try:
        return TrackKind(tt)
    except ValueError:
        return None


# -- vocabulary ------------------------------------------------------------------------------------

ASPECTS: Final = ("16:9", "9:16", "1:1", "4:5")
RESOLUTIONS: Final = ("1080p", "720p")
# Sizes of previews only (never a draft's own), sharpest first.
PREVIEW_RESOLUTIONS: Final = ("480p", "360p")
TIMES_OF_DAY: Final = ("dawn", "day", "sunset", "night")
LANDS: Final = ("city", "mountains", "forest", "sea", "desert", "none")
SCENE_EFFECTS: Final = (
    "rain",
    "snow",
    "stars",
    "birds",
    "fireworks",
    "leaves",
    "petals",
    "clouds",
    "fog",
)
MOTIONS: Final = ("pan", "zoom", "drift", "still")
PALETTES: Final = ("warm", "cool", "pastel", "neon", "mono", "vivid")
MUSIC_MOODS: Final = (
    "calm",
    "ambient",
    "lofi",
    "upbeat",
    "dramatic",
    "synthwave",
    "celebratory",
    "corporate",
)
TEXT_POSITIONS: Final = (
    "top-center",
    "center",
    "bottom-center",
    "top-left",
    "top-right",
    "bottom-left",
    "bottom-right",
    "lower-third",
)
TEXT_ROLES: Final = ("title", "caption")
FITS: Final = ("cover", "fit")

# -- defaults (what a draft means when it leaves a key out) ------------------------------------------

DEFAULT_ASPECT: Final = "16:9"
DEFAULT_RESOLUTION: Final = "1080p"
DEFAULT_FPS: Final = 30
DEFAULT_TIME_OF_DAY: Final = "day"
DEFAULT_LAND: Final = "none"
# A scene source without ``motion`` pans (with parallax): that is how the renderer has always drawn
# such sources, so existing drafts keep their look; the studio itself always writes a motion.
DEFAULT_MOTION: Final = "pan"
DEFAULT_MOOD: Final = "calm"
DEFAULT_MUSIC_VOLUME: Final = 0.35
DEFAULT_TEXT_COLOR: Final = "#ffffff"
DEFAULT_TEXT_POSITION: Final = {"title": "top-center", "caption": "bottom-center"}
DEFAULT_TEXT_SIZE: Final = {"title": 72, "caption": 48}
DEFAULT_TRANSITION_MS: Final = 500
DEFAULT_FIT: Final = "cover"

# -- limits (each with the reason for its number) ---------------------------------------------------

# Ten minutes: the studio makes short videos, and a composed render costs about 0.5-1x real time on a
# two-core machine (render notes), so ten minutes already holds a render worker for up to ten.
MAX_DURATION_MS: Final = 600_000
# Each video track is one more overlay over the whole canvas for every frame; sixteen layers is far
# beyond any edit the studio makes and keeps the per-frame cost bounded.
MAX_TRACKS: Final = 16
# Every segment is at least one FFmpeg input and filter chain; 400 (a cut every 1.5 s over ten
# minutes) keeps graph building in milliseconds and the open inputs well under file limits.
MAX_SEGMENTS: Final = 400
# On-screen text is read in a few seconds; 500 characters fill a frame at caption size, and drawing
# cost grows with length (a 100,000-character title took 50 s of CPU).
MAX_TEXT_CHARS: Final = 500
# Labels and titles are shown in tables, change reports and file names: one readable line.
MAX_LABEL_CHARS: Final = 200
# The prompt is kept for reference only; 10,000 characters is a long brief, not a document.
MAX_PROMPT_CHARS: Final = 10_000
# URLs longer than 2,048 characters are refused by common servers and browsers.
MAX_SOURCE_CHARS: Final = 2_048
# Text size is in px at a 1080 px short side: under 8 px nothing is legible, and 400 px is about a
# third of the frame's short side per line, beyond which a single word no longer fits.
TEXT_SIZE_MIN: Final = 8
TEXT_SIZE_MAX: Final = 400
# Volume is a gain 0-1 (protocol §6); the mix is not normalised, so above 1 would clip.
VOLUME_MIN: Final = 0.0
VOLUME_MAX: Final = 1.0
# A fade longer than ten seconds is no longer a fade; fades are also cut to their segment's length.
MAX_FADE_MS: Final = 10_000
# A transition blends two segments; five seconds is the longest cross-fade that still reads as a cut.
MAX_TRANSITION_MS: Final = 5_000
# Frames per second: every frame is drawn, so cost is linear in fps; 60 is the highest common display
# rate and 1 the lowest that is still a video.
FPS_MIN: Final = 1
FPS_MAX: Final = 60
# Seeds feed numpy generators; 32 bits give the same pictures on every platform.
SEED_MAX: Final = 2**32 - 1
# An in-point beyond a day is no real media file.
MAX_IN_MS: Final = 86_400_000
# Ken Burns zoom: below 1 the photo would not cover the frame; beyond 4 it is a blur of pixels.
ZOOM_MIN: Final = 1.0
ZOOM_MAX: Final = 4.0
# A generated scene draws at most four effect layers; each is a particle pass over every frame.
MAX_SCENE_EFFECTS: Final = 4
# Render time bound: a render may take at most this many seconds per second of video, plus a fixed
# start-up allowance, before it is stopped. Measured renders run at about 0.5x real time at 1080p30;
# the factor leaves room for eight renders sharing two cores and for 60 fps.
RENDER_SECONDS_PER_SECOND: Final = 8.0
RENDER_STARTUP_SECONDS: Final = 60.0

# -- canvas ----------------------------------------------------------------------------------------

# Width and height per (aspect, resolution); the short side is the resolution's number.
FRAME_SIZES: Final[dict[tuple[str, str], tuple[int, int]]] = {
    ("16:9", "1080p"): (1920, 1080),
    ("16:9", "720p"): (1280, 720),
    ("9:16", "1080p"): (1080, 1920),
    ("9:16", "720p"): (720, 1280),
    ("1:1", "1080p"): (1080, 1080),
    ("1:1", "720p"): (720, 720),
    ("4:5", "1080p"): (1080, 1350),
    ("4:5", "720p"): (720, 900),
    ("16:9", "480p"): (854, 480),
    ("9:16", "480p"): (480, 854),
    ("1:1", "480p"): (480, 480),
    ("4:5", "480p"): (480, 600),
    ("16:9", "360p"): (640, 360),
    ("9:16", "360p"): (360, 640),
    ("1:1", "360p"): (360, 360),
    ("4:5", "360p"): (360, 450),
}


def frame_size(aspect: str, resolution: str) -> tuple[int, int]:
    """Width and height of a canvas; unknown names fall back to the defaults."""
    aspect = aspect if aspect in ASPECTS else DEFAULT_ASPECT
    known = resolution in RESOLUTIONS or resolution in PREVIEW_RESOLUTIONS
    return FRAME_SIZES[(aspect, resolution if known else DEFAULT_RESOLUTION)]


def _aspect_ratio(aspect: str) -> float:
    w, h = FRAME_SIZES[(aspect, DEFAULT_RESOLUTION)]
    return w / h


def nearest_aspect(width: float, height: float) -> str:
    """The known aspect closest to ``width``×``height``; the default for sizes that are not sizes."""
    if not (_finite(width) and _finite(height)) or width <= 0 or height <= 0:
        return DEFAULT_ASPECT
    ratio = width / height
    return min(ASPECTS, key=lambda a: abs(_aspect_ratio(a) - ratio))


def nearest_resolution(width: float, height: float) -> str:
    """``720p`` for a short side of 720 or less, else ``1080p``."""
    if not (_finite(width) and _finite(height)) or width <= 0 or height <= 0:
        return DEFAULT_RESOLUTION
    return "720p" if min(width, height) <= 720 else "1080p"


def set_canvas(draft: DraftDict, aspect: str | None = None, resolution: str | None = None) -> None:
    """Give ``draft`` another aspect and/or resolution (a name not given stays), with the matching
    width and height in ``m``."""
    meta = draft.setdefault("m", {})
    view = MetaView(meta)
    new_aspect = aspect if aspect in ASPECTS else view.aspect
    new_res = resolution if resolution in RESOLUTIONS else view.resolution
    width, height = frame_size(new_aspect, new_res)
    meta.update(aspect=new_aspect, res=new_res, width=width, height=height)


# -- numbers ---------------------------------------------------------------------------------------


def _finite(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))


def is_number(value: object) -> bool:
    """An int or float that is finite (a bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and _finite(float(value))


def number(value: object, default: float = 0.0) -> float:
    """``value`` as a finite float, or ``default`` when it is anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool) and _finite(float(value)):
        return float(value)
    return default


# -- gen: sources ----------------------------------------------------------------------------------

SCENE_PREFIX: Final = "gen:scene/"
COLOR_PREFIX: Final = "gen:color/"
MUSIC_PREFIX: Final = "gen:music/"


class SceneQuery(TypedDict):
    """A ``gen:scene`` source read into its parts."""

    tod: str
    land: str
    fx: list[str]
    motion: str
    seed: int
    palette: str
    tint: str


@dataclass(frozen=True, slots=True)
class MusicQuery:
    """A ``gen:music`` source read into its parts; ``bpm`` None lets the mood decide."""

    mood: str
    seed: int
    bpm: int | None


def _query(src: str) -> dict[str, str]:
    return {k: v for k, v in parse_qsl(src.partition("?")[2], keep_blank_values=True)}


def _pick(value: str, allowed: tuple[str, ...], slug: str, default: str) -> str:
    """``value`` when allowed, else the first allowed word the slug names, else ``default``."""
    if value in allowed:
        return value
    return next((word for word in allowed if word in slug), default)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def read_scene(src: str, fallback_seed: int = 0) -> SceneQuery | None:
    """``gen:scene/<slug>?tod=&land=&fx=&motion=&seed=&palette=&tint=`` read, never raising; None for
    other sources. The query is authoritative; words of the slug fill what the query leaves out."""
    if not isinstance(src, str) or not src.startswith(SCENE_PREFIX):
        return None
    slug = unquote(src[len(SCENE_PREFIX) :].partition("?")[0]).lower()
    query = _query(src)
    fx_raw = query.get("fx")
    if fx_raw is None:
        fx = [word for word in SCENE_EFFECTS if word in slug]
    else:
        fx = list(dict.fromkeys(w for w in fx_raw.lower().split(",") if w in SCENE_EFFECTS))
    palette = query.get("palette", "").lower()
    return {
        "tod": _pick(query.get("tod", "").lower(), TIMES_OF_DAY, slug, DEFAULT_TIME_OF_DAY),
        "land": _pick(query.get("land", "").lower(), LANDS, slug, DEFAULT_LAND),
        "fx": fx[:MAX_SCENE_EFFECTS],
        "motion": _pick(query.get("motion", "").lower(), MOTIONS, slug, DEFAULT_MOTION),
        "seed": _int(query.get("seed"), fallback_seed),
        "palette": palette if palette in PALETTES else "",
        "tint": query.get("tint", ""),
    }


def scene_src(
    *,
    tod: str,
    land: str,
    fx: list[str],
    motion: str,
    seed: int,
    palette: str = "",
    tint: str = "",
) -> str:
    """A ``gen:scene`` source; the query is what the renderer reads, the slug is for people."""
    slug = "-".join([tod, land, *fx])
    query = {"tod": tod, "land": land}
    if fx:
        query["fx"] = ",".join(fx)
    query.update({"motion": motion, "seed": str(seed)})
    if palette and palette != "natural":
        query["palette"] = palette
    if tint:
        query["tint"] = tint
    return f"{SCENE_PREFIX}{slug}?{urlencode(query, safe=',')}"


def read_music(src: str, fallback_seed: int = 0) -> MusicQuery | None:
    """``gen:music/<mood>?seed=&bpm=`` read, never raising (unknown moods play as the default);
    None for other sources."""
    if not isinstance(src, str) or not src.startswith(MUSIC_PREFIX):
        return None
    mood = src[len(MUSIC_PREFIX) :].partition("?")[0].lower()
    query = _query(src)
    bpm = _int(query.get("bpm"), 0)
    return MusicQuery(
        mood if mood in MUSIC_MOODS else DEFAULT_MOOD,
        _int(query.get("seed"), fallback_seed),
        bpm if 0 < bpm <= 300 else None,
    )


def music_src(mood: str, seed: int, bpm: int | None = None) -> str:
    """A ``gen:music`` source."""
    tail = f"&bpm={bpm}" if bpm else ""
    return f"{MUSIC_PREFIX}{mood}?seed={seed}{tail}"


def read_color(src: str) -> str | None:
    """The colour of a ``gen:color/<hex>`` card (``#`` added); None for other sources."""
    if not isinstance(src, str) or not src.startswith(COLOR_PREFIX):
        return None
    value = unquote(src[len(COLOR_PREFIX) :].partition("?")[0]).strip()
    return value if value.startswith("#") else f"#{value}"


def color_src(color: str) -> str:
    """A ``gen:color`` source for a ``#rrggbb`` colour."""
    return f"{COLOR_PREFIX}{color.lstrip('#')}"


def is_generated(src: str) -> bool:
    """True for any ``gen:`` source (drawn by the local renderer rather than read from a file)."""
    return isinstance(src, str) and src.startswith("gen:")


def source_label(src: str) -> str:
    """A short readable name for a source: the scene's words, the music's mood, a file's name."""
    if not isinstance(src, str) or not src:
        return ""
    if (scene := read_scene(src)) is not None:
        slug = unquote(src[len(SCENE_PREFIX) :].partition("?")[0])
        words = slug.replace("-", " ").replace("_", " ").strip()
        return words or " ".join([scene["tod"], scene["land"], *scene["fx"]])
    if (music := read_music(src)) is not None:
        return f"{music.mood.capitalize()} music"
    if (color := read_color(src)) is not None:
        return f"Colour {color}"
    path = urlsplit(src).path
    name = unquote(path.rstrip("/").rpartition("/")[2])
    return name or src[:MAX_LABEL_CHARS]


# -- views -----------------------------------------------------------------------------------------


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def exact(value: float) -> float:
    """A whole number as an ``int`` (so a draft written back keeps its ints), any other as given."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def fade_transition(ms: float = DEFAULT_TRANSITION_MS) -> dict[str, Any]:
    """A ``tr`` cross-fade lasting ``ms``."""
    return {"type": "fade", "d": exact(ms)}


def transition_length(tr: dict[str, Any], default: float = DEFAULT_TRANSITION_MS) -> float:
    """A ``tr``'s ``d`` whatever its type, ``default`` when it has none."""
    return number(tr.get("d"), default)


def with_transition_length(tr: dict[str, Any], ms: float) -> dict[str, Any]:
    """A copy of the transition ``tr`` lasting ``ms``."""
    return dict(tr, d=exact(ms))


class TextStyleView:
    """A text segment's ``sty``: position, colour, size (px at a 1080 short side), fades, box, role."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    @property
    def role(self) -> str | None:
        """``title`` | ``caption`` when given."""
        role = self.raw.get("role")
        return role if role in TEXT_ROLES else None

    @property
    def given_role(self) -> str:
        """The ``role`` text as written, known or not (``''`` when there is none)."""
        return _str(self.raw.get("role"))

    @property
    def position(self) -> str:
        """``pos`` when known, else where the role's text goes by default."""
        pos = _str(self.raw.get("pos"))
        return pos if pos in TEXT_POSITIONS else DEFAULT_TEXT_POSITION[self.role or "title"]

    @position.setter
    def position(self, value: str) -> None:
        self.raw["pos"] = value

    @property
    def color(self) -> str:
        return _str(self.raw.get("color")) or DEFAULT_TEXT_COLOR

    @color.setter
    def color(self, value: str) -> None:
        self.raw["color"] = value

    @property
    def size(self) -> float | None:
        """The size as given, None when missing or not a number."""
        return number(self.raw["size"]) if is_number(self.raw.get("size")) else None

    @size.setter
    def size(self, value: float) -> None:
        self.raw["size"] = exact(value)

    @property
    def size_px(self) -> float:
        """The size to draw at a 1080 px short side: as given within the limits, else the role's."""
        size = self.size
        if size is None or size <= 0:
            return DEFAULT_TEXT_SIZE[self.role or "title"]
        return min(TEXT_SIZE_MAX, max(TEXT_SIZE_MIN, size))

    @property
    def fade_in_ms(self) -> float:
        return max(0.0, number(self.raw.get("fi")))

    @fade_in_ms.setter
    def fade_in_ms(self, value: float) -> None:
        self.raw["fi"] = exact(value)

    @property
    def fade_out_ms(self) -> float:
        return max(0.0, number(self.raw.get("fo")))

    @fade_out_ms.setter
    def fade_out_ms(self, value: float) -> None:
        self.raw["fo"] = exact(value)

    @property
    def has_fades(self) -> tuple[bool, bool]:
        """Whether ``fi`` and ``fo`` are given at all (even as 0)."""
        return "fi" in self.raw, "fo" in self.raw

    @property
    def background(self) -> str:
        """The box colour with alpha, ``''`` for no box."""
        return _str(self.raw.get(KEY_BACKGROUND))

    @background.setter
    def background(self, value: str) -> None:
        self.raw[KEY_BACKGROUND] = value


class SegmentView:
    """One segment of a track; reads are forgiving (junk reads as the default), writes go to the dict."""

    __slots__ = ("kind", "raw")

    def __init__(self, raw: dict[str, Any], kind: TrackKind | None = None) -> None:
        self.raw = raw
        self.kind = kind

    @property
    def id(self) -> str:
        return _str(self.raw.get(KEY_ID))

    @property
    def start_ms(self) -> float:
        return number(self.raw.get("st"))

    @start_ms.setter
    def start_ms(self, value: float) -> None:
        self.raw["st"] = value

    @property
    def duration_ms(self) -> float:
        return number(self.raw.get("d"))

    @duration_ms.setter
    def duration_ms(self, value: float) -> None:
        self.raw["d"] = value

    @property
    def end_ms(self) -> float:
        return self.start_ms + self.duration_ms

    @property
    def name(self) -> str:
        """The ``n`` label as given (may be empty)."""
        return _str(self.raw.get("n"))

    @name.setter
    def name(self, value: str) -> None:
        self.raw["n"] = value

    @property
    def text(self) -> str:
        """The ``tx`` of a text segment (empty when none)."""
        return _str(self.raw.get("tx"))

    @text.setter
    def text(self, value: str) -> None:
        self.raw["tx"] = value

    @property
    def source(self) -> str:
        return _str(self.raw.get("src"))

    @source.setter
    def source(self, value: str) -> None:
        self.raw["src"] = value

    @property
    def in_ms(self) -> float:
        return max(0.0, number(self.raw.get("in")))

    @in_ms.setter
    def in_ms(self, value: float) -> None:
        self.raw[KEY_IN] = value

    @property
    def volume(self) -> float | None:
        """The gain 0-1; None when not given (audio then plays at full level)."""
        return number(self.raw["vol"]) if is_number(self.raw.get("vol")) else None

    @volume.setter
    def volume(self, value: float) -> None:
        self.raw["vol"] = value

    @property
    def fade_in_ms(self) -> float:
        return max(0.0, number(self.raw.get("fi")))

    @fade_in_ms.setter
    def fade_in_ms(self, value: float) -> None:
        self.raw[KEY_FADE_IN] = value

    @property
    def fade_out_ms(self) -> float:
        return max(0.0, number(self.raw.get("fo")))

    @fade_out_ms.setter
    def fade_out_ms(self, value: float) -> None:
        self.raw[KEY_FADE_OUT] = value

    @property
    def style(self) -> TextStyleView:
        return TextStyleView(_dict(self.raw.get("sty")))

    @property
    def transition(self) -> dict[str, Any] | None:
        """The ``tr`` into this segment (``{"type": "fade", "d": ms}``), None when there is none."""
        tr = self.raw.get("tr")
        return tr if isinstance(tr, dict) else None

    @transition.setter
    def transition(self, value: dict[str, Any] | None) -> None:
        if value is None:
            self.raw.pop(KEY_TRANSITION, None)
        else:
            self.raw[KEY_TRANSITION] = value

    @property
    def transition_ms(self) -> float:
        """Length of the fade into this segment; 0 when there is none or it is not a fade."""
        tr = self.transition
        if tr is None or str(tr.get("type", "fade")) != "fade":
            return 0.0
        return max(0.0, number(tr.get("d"), DEFAULT_TRANSITION_MS))

    @property
    def motion(self) -> dict[str, Any] | None:
        """The ``mo`` camera motion of a photo (Ken Burns zoom and centres)."""
        mo = self.raw.get("mo")
        return mo if isinstance(mo, dict) else None

    @motion.setter
    def motion(self, value: dict[str, Any]) -> None:
        self.raw["mo"] = value

    @property
    def has_motion(self) -> bool:
        """True when ``mo`` is given at all (the studio moves only photos)."""
        return "mo" in self.raw

    @property
    def fit(self) -> str:
        fit = self.raw.get("fit")
        return fit if fit in FITS else DEFAULT_FIT

    @property
    def label(self) -> str:
        """What to call the segment: its text, label or source, else its kind; never empty."""
        if self.kind is TrackKind.TEXT and self.text:
            return self.text
        for value in (self.name, self.text, source_label(self.source), self.id):
            if value:
                return value
        return _KIND_ITEM[self.kind] if self.kind is not None else "Segment"

    # -- edits made by the studio's editors

    def drop_fades(self, *, fade_in: bool = True, fade_out: bool = True) -> None:
        """Remove the segment's own fade in and/or fade out."""
        if fade_in:
            self.raw.pop("fi", None)
        if fade_out:
            self.raw.pop("fo", None)

    def own_style(self) -> TextStyleView:
        """The ``sty`` as a view that writes into the segment (created empty when missing)."""
        sty = self.raw.get("sty")
        if not isinstance(sty, dict):
            sty = self.raw["sty"] = {}
        return TextStyleView(sty)

    def get(self, key: str, default: Any = None) -> Any:
        """A key by its wire name, for keys this view has no property for."""
        return self.raw.get(key, default)


_KIND_ITEM = {TrackKind.VIDEO: "Clip", TrackKind.AUDIO: "Sound", TrackKind.TEXT: "Text"}


class TrackView:
    """One track: kind, name and segments."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    @property
    def id(self) -> str:
        return _str(self.raw.get("id"))

    @property
    def tt(self) -> object:
        """The ``tt`` as given, for kinds this client does not know."""
        return self.raw.get("tt")

    @property
    def kind(self) -> TrackKind | None:
        return track_kind(self.raw.get("tt"))

    @property
    def name(self) -> str:
        """The ``n`` name, else the kind (``Video`` | ``Audio`` | ``Text`` | ``Track``); never empty."""
        kind = self.kind
        return _str(self.raw.get("n")) or (kind.title if kind is not None else "Track")

    @property
    def segment_dicts(self) -> list[dict[str, Any]]:
        """The ``sg`` segment dicts (entries that are not dicts left out; none when missing)."""
        segs = self.raw.get("sg")
        return [s for s in segs if isinstance(s, dict)] if isinstance(segs, list) else []

    @property
    def segments(self) -> list[SegmentView]:
        kind = self.kind
        return [SegmentView(s, kind) for s in self.segment_dicts]

    def set_segments(self, segments: list[dict[str, Any]]) -> None:
        self.raw["sg"] = segments

    def append(self, segment: dict[str, Any]) -> None:
        """Add a segment dict at the end of ``sg`` (created when missing)."""
        segs = self.raw.get("sg")
        if not isinstance(segs, list):
            segs = self.raw["sg"] = []
        segs.append(segment)


def new_track(track_id: str, kind: TrackKind, name: str) -> dict[str, Any]:
    """An empty track dict of ``kind`` named ``name``, as the protocol carries it."""
    return {KEY_ID: track_id, KEY_TRACK_TYPE: int(kind), KEY_NAME: name, KEY_SEGMENTS: []}


class MetaView:
    """The draft's ``m``: title, canvas, frame rate, seed, language and prompt."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    @property
    def title(self) -> str:
        return _str(self.raw.get(KEY_TITLE))

    @title.setter
    def title(self, value: str) -> None:
        self.raw[KEY_TITLE] = value

    @property
    def width(self) -> int | None:
        w = number(self.raw.get("width"))
        return int(w) if w > 0 else None

    @property
    def height(self) -> int | None:
        h = number(self.raw.get("height"))
        return int(h) if h > 0 else None

    @property
    def fps(self) -> int:
        fps = number(self.raw.get("fps"))
        return int(fps) if FPS_MIN <= fps <= FPS_MAX else DEFAULT_FPS

    @property
    def aspect(self) -> str:
        """``aspect`` when known, else the one nearest the width and height."""
        aspect = self.raw.get("aspect")
        if aspect in ASPECTS:
            return str(aspect)
        return nearest_aspect(self.width or 1920, self.height or 1080)

    @property
    def resolution(self) -> str:
        """``res`` when known, else the one the width and height suggest."""
        res = self.raw.get("res")
        if res in RESOLUTIONS:
            return str(res)
        return nearest_resolution(self.width or 1920, self.height or 1080)

    @property
    def seed(self) -> int:
        return int(number(self.raw.get(KEY_SEED)))

    @seed.setter
    def seed(self, value: int) -> None:
        self.raw[KEY_SEED] = value

    @property
    def lang(self) -> str:
        return _str(self.raw.get("lang"))

    @property
    def prompt(self) -> str:
        return _str(self.raw.get("prompt"))


class DraftView:
    """A draft's tracks, segments, metadata and duration, read without trusting its shape."""

    __slots__ = ("raw",)

    def __init__(self, raw: object) -> None:
        self.raw: dict[str, Any] = raw if isinstance(raw, dict) else {}

    @property
    def meta(self) -> MetaView:
        return MetaView(_dict(self.raw.get(KEY_META)))

    def own_meta(self) -> MetaView:
        """The ``m`` as a view that writes into the draft (created empty when missing)."""
        meta = self.raw.get(KEY_META)
        if not isinstance(meta, dict):
            meta = self.raw[KEY_META] = {}
        return MetaView(meta)

    @property
    def tracks(self) -> list[TrackView]:
        tracks = self.raw.get("t")
        return (
            [TrackView(t) for t in tracks if isinstance(t, dict)]
            if isinstance(tracks, list)
            else []
        )

    def tracks_of(self, kind: TrackKind) -> list[TrackView]:
        return [t for t in self.tracks if t.kind is kind]

    def segments(self) -> Iterator[tuple[TrackView, SegmentView]]:
        """Every segment with its track, in draft order."""
        for track in self.tracks:
            for seg in track.segments:
                yield track, seg

    @property
    def given_duration_ms(self) -> float | None:
        """``d`` when it is a positive number."""
        d = number(self.raw.get("d"))
        return d if d > 0 else None

    @property
    def duration_ms(self) -> float:
        """``d``, else the end of the last segment."""
        given = self.given_duration_ms
        if given is not None:
            return given
        return max((seg.end_ms for _t, seg in self.segments()), default=0.0)

    def set_duration_ms(self, value: float) -> None:
        """Write ``d``, the draft's length in ms."""
        self.raw[KEY_DURATION] = exact(value)

    def set_tracks(self, tracks: list[dict[str, Any]]) -> None:
        """Replace ``t``, the draft's tracks."""
        self.raw[KEY_TRACKS] = tracks

    @property
    def canvas(self) -> tuple[int, int]:
        """Width and height the draft renders at by default: its aspect at its resolution."""
        meta = self.meta
        return frame_size(meta.aspect, meta.resolution)


def seconds_text(seconds: float) -> str:
    """Seconds without a trailing ``.0``: 10.0 → ``10``, 2.5 → ``2.5``."""
    return f"{round(seconds, 2):.2f}".rstrip("0").rstrip(".")


def summary(draft: object) -> str:
    """The one-line summary users know from the protocol:
    ``Timeline (3 tracks): 1. Video: city (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Hi" (0-3s)``."""
    view = DraftView(draft)
    items = []
    for i, track in enumerate(view.tracks, 1):
        parts = [_summary_part(seg) for seg in track.segments]
        items.append(f"{i}. {track.name}: {'; '.join(parts) or '(empty)'}")
    count = len(view.tracks)
    noun = "track" if count == 1 else "tracks"
    return f"Timeline ({count} {noun}): {' '.join(items) or 'empty'}"


def _summary_part(seg: SegmentView) -> str:
    span = f"{seconds_text(seg.start_ms / 1000)}-{seconds_text(seg.end_ms / 1000)}s"
    vol = seg.volume
    if seg.kind is TrackKind.AUDIO and vol is not None:
        span += f", {round(vol * 100)}%"
    name = f'"{seg.text}"' if seg.kind is TrackKind.TEXT and seg.text else seg.label
    return f"{name} ({span})"


# -- validation ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a draft: where (``t[2].sg[0].sty.size``), what is allowed, and whether
    ``normalise`` can fix it by clamping (else the draft is refused)."""

    path: str
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DraftError(ValueError):
    """A draft that cannot be made renderable; ``problems`` names every field and its limit."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"draft refused: {first}{more}")


def _range_text(low: float, high: float, unit: str = "") -> str:
    def show(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:g}"

    return f"{show(low)} to {show(high)}{unit}"


class _Checker:
    """Walks a draft once, collecting problems and (when fixing) clamping in place."""

    def __init__(self, fix: bool) -> None:
        self.fix = fix
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, fixable: bool = False) -> None:
        self.problems.append(Problem(path, message, fixable))

    def number(
        self,
        owner: dict[str, Any],
        key: str,
        path: str,
        low: float,
        high: float,
        *,
        unit: str = "",
        clamp: bool,
        integer: bool = False,
    ) -> None:
        """A number in [low, high]; out of range is clamped when ``clamp``, else refused."""
        if key not in owner or owner[key] is None:
            return
        value = owner[key]
        where = f"{path}.{key}" if path else key
        allowed = _range_text(low, high, unit)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, f"must be a number from {allowed}, not {type(value).__name__}")
            return
        if not _finite(float(value)):
            self.add(where, f"must be a finite number from {allowed}, not {value}")
            return
        if low <= value <= high:
            if integer and self.fix and not isinstance(value, int):
                owner[key] = round(value)
            return
        if not clamp:
            self.add(where, f"{value:g} is outside {allowed}")
            return
        self.add(where, f"{value:g} is outside {allowed}; clamped", fixable=True)
        if self.fix:
            clamped = min(high, max(low, float(value)))
            owner[key] = round(clamped) if integer else clamped

    def text(
        self, owner: dict[str, Any], key: str, path: str, limit: int, *, truncate: bool
    ) -> None:
        """A string of at most ``limit`` characters; longer is cut when ``truncate``, else refused."""
        if key not in owner or owner[key] is None:
            return
        value = owner[key]
        where = f"{path}.{key}" if path else key
        if not isinstance(value, str):
            self.add(
                where, f"must be text of at most {limit:,} characters, not {type(value).__name__}"
            )
        elif len(value) > limit:
            if truncate:
                self.add(where, f"{len(value):,} characters, at most {limit:,}; cut", fixable=True)
                if self.fix:
                    owner[key] = value[:limit]
            else:
                self.add(where, f"{len(value):,} characters, at most {limit:,} allowed")

    def choice(self, owner: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]) -> None:
        """One of ``allowed``; anything else is dropped so the default applies."""
        if key in owner and owner[key] not in allowed:
            where = f"{path}.{key}" if path else key
            self.add(where, f"must be one of {', '.join(allowed)}; default used", fixable=True)
            if self.fix:
                del owner[key]


def _check(draft: object, fix: bool) -> list[Problem]:
    c = _Checker(fix)
    if not isinstance(draft, dict):
        c.add("draft", f"must be an object with d, m and t, not {type(draft).__name__}")
        return c.problems
    c.number(draft, "d", "", 0, MAX_DURATION_MS, unit=" ms", clamp=False)
    _check_meta(c, draft)
    tracks = draft.get("t", [])
    if not isinstance(tracks, list):
        c.add("t", f"must be a list of at most {MAX_TRACKS} tracks, not {type(tracks).__name__}")
        return c.problems
    if len(tracks) > MAX_TRACKS:
        c.add("t", f"{len(tracks):,} tracks, at most {MAX_TRACKS} allowed")
        return c.problems
    count = sum(
        len(t["sg"]) for t in tracks if isinstance(t, dict) and isinstance(t.get("sg"), list)
    )
    if count > MAX_SEGMENTS:
        c.add("t[].sg", f"{count:,} segments in all, at most {MAX_SEGMENTS} allowed")
        return c.problems
    end = 0.0
    for ti, track in enumerate(tracks):
        path = f"t[{ti}]"
        if not isinstance(track, dict):
            c.add(path, f"must be a track object, not {type(track).__name__}")
            continue
        c.text(track, "n", path, MAX_LABEL_CHARS, truncate=True)
        segs = track.get("sg", [])
        if not isinstance(segs, list):
            c.add(f"{path}.sg", f"must be a list of segments, not {type(segs).__name__}")
            continue
        for si, seg in enumerate(segs):
            end = max(end, _check_segment(c, seg, f"{path}.sg[{si}]"))
    if not is_number(draft.get("d")) and end > MAX_DURATION_MS:
        c.add("d", f"the segments end at {end:,.0f} ms, at most {MAX_DURATION_MS:,} ms allowed")
    return c.problems


def _check_meta(c: _Checker, draft: dict[str, Any]) -> None:
    meta = draft.get("m")
    if meta is None:
        return
    if not isinstance(meta, dict):
        c.add("m", f"must be an object, not {type(meta).__name__}")
        return
    c.text(meta, "title", "m", MAX_LABEL_CHARS, truncate=True)
    c.text(meta, "prompt", "m", MAX_PROMPT_CHARS, truncate=True)
    c.number(meta, "fps", "m", FPS_MIN, FPS_MAX, unit=" fps", clamp=True, integer=True)
    c.number(meta, "seed", "m", 0, SEED_MAX, clamp=True, integer=True)
    c.number(meta, "width", "m", 16, 8192, unit=" px", clamp=True, integer=True)
    c.number(meta, "height", "m", 16, 8192, unit=" px", clamp=True, integer=True)
    c.choice(meta, "aspect", "m", ASPECTS)
    c.choice(meta, "res", "m", RESOLUTIONS)


def _check_segment(c: _Checker, seg: object, path: str) -> float:
    """Check one segment; its end in ms (0 when unreadable)."""
    if not isinstance(seg, dict):
        c.add(path, f"must be a segment object, not {type(seg).__name__}")
        return 0.0
    c.number(seg, "st", path, 0, MAX_DURATION_MS, unit=" ms", clamp=False)
    c.number(seg, "d", path, 0, MAX_DURATION_MS, unit=" ms", clamp=False)
    c.number(seg, "in", path, 0, MAX_IN_MS, unit=" ms", clamp=True)
    c.number(seg, "vol", path, VOLUME_MIN, VOLUME_MAX, clamp=True)
    c.number(seg, "fi", path, 0, MAX_FADE_MS, unit=" ms", clamp=True)
    c.number(seg, "fo", path, 0, MAX_FADE_MS, unit=" ms", clamp=True)
    c.text(seg, "tx", path, MAX_TEXT_CHARS, truncate=False)
    c.text(seg, "n", path, MAX_LABEL_CHARS, truncate=True)
    c.text(seg, "src", path, MAX_SOURCE_CHARS, truncate=False)
    c.choice(seg, "fit", path, FITS)
    for key, what in (("sty", "text style"), ("tr", "transition"), ("mo", "motion")):
        if key in seg and seg[key] is not None and not isinstance(seg[key], dict):
            c.add(f"{path}.{key}", f"must be a {what} object, not {type(seg[key]).__name__}")
    sty = seg.get("sty")
    if isinstance(sty, dict):
        where = f"{path}.sty"
        c.number(sty, "size", where, TEXT_SIZE_MIN, TEXT_SIZE_MAX, unit=" px", clamp=True)
        c.number(sty, "fi", where, 0, MAX_FADE_MS, unit=" ms", clamp=True)
        c.number(sty, "fo", where, 0, MAX_FADE_MS, unit=" ms", clamp=True)
        c.choice(sty, "pos", where, TEXT_POSITIONS)
        c.text(sty, "color", where, 32, truncate=False)
        c.text(sty, "bg", where, 32, truncate=False)
    tr = seg.get("tr")
    if isinstance(tr, dict):
        c.number(tr, "d", f"{path}.tr", 0, MAX_TRANSITION_MS, unit=" ms", clamp=True)
    mo = seg.get("mo")
    if isinstance(mo, dict):
        for key in ("z0", "z1"):
            c.number(mo, key, f"{path}.mo", ZOOM_MIN, ZOOM_MAX, clamp=True)
        for key in ("x0", "y0", "x1", "y1"):
            c.number(mo, key, f"{path}.mo", 0.0, 1.0, clamp=True)
    st, d = seg.get("st"), seg.get("d")
    return (number(st) if is_number(st) else 0.0) + (number(d) if is_number(d) else 0.0)


def validate(draft: object) -> list[Problem]:
    """Every way ``draft`` breaks the limits, each naming its field path and the allowed range.

    Problems marked ``fixable`` are clamped by ``normalise``; the others make it refuse the draft.
    """
    return _check(draft, fix=False)


def normalise(draft: object) -> DraftDict:
    """A copy of ``draft`` with what can be clamped clamped; raises ``DraftError`` naming every field
    that cannot (wrong types, non-finite numbers, too long, too many). Unknown keys are kept."""
    if not isinstance(draft, dict):
        raise DraftError(validate(draft))
    refused = [p for p in validate(draft) if not p.fixable]
    if refused:
        raise DraftError(refused)
    fixed: DraftDict = copy.deepcopy(draft)
    _check(fixed, fix=True)
    return fixed


def render_time_limit(draft: object) -> float:
    """Seconds a render of ``draft`` may take before it is stopped: its length times
    ``RENDER_SECONDS_PER_SECOND`` (scaled by fps over 30) plus ``RENDER_STARTUP_SECONDS``."""
    view = DraftView(draft)
    seconds = min(view.duration_ms, MAX_DURATION_MS) / 1000
    return RENDER_STARTUP_SECONDS + seconds * RENDER_SECONDS_PER_SECOND * max(
        1.0, view.meta.fps / 30
    )
