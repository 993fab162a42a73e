"""Procedural scenes from a `gen:scene/...` source: a sky lit for the time of day and layered land.

Drawn once with numpy/Pillow at a modest size; FFmpeg scales the stills once and moves them.
The far layers are baked into one background still; the nearest layer is a separate strip so that
a pan can move it faster (parallax).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from nemo_notebook.draft import (
    DEFAULT_LAND,
    DEFAULT_MOTION,
    DEFAULT_TIME_OF_DAY,
    LANDS,
    read_scene,
)

from .colors import parse_color

RGB = tuple[float, float, float]

# Sky stops from the top of the frame to the horizon, per time of day.
SKIES: dict[str, tuple[RGB, RGB, RGB]] = {
    "dawn": ((52, 62, 128), (196, 132, 170), (255, 200, 160)),
    "day": ((38, 104, 196), (104, 164, 226), (196, 224, 244)),
    "sunset": ((40, 30, 92), (196, 78, 96), (255, 168, 72)),
    "night": ((4, 7, 22), (12, 22, 52), (30, 46, 88)),
}
LAND_DARK: dict[str, RGB] = {
    "dawn": (58, 44, 84),
    "day": (46, 74, 70),
    "sunset": (38, 18, 44),
    "night": (8, 10, 22),
}


@dataclass(frozen=True)
class SceneSpec:
    """A scene's parameters, read from its source by ``nemo_notebook.draft.read_scene``."""

    tod: str = DEFAULT_TIME_OF_DAY
    land: str = DEFAULT_LAND
    fx: tuple[str, ...] = ()
    motion: str = DEFAULT_MOTION
    seed: int = 0
    palette: str = ""
    tint: tuple[int, int, int, int] | None = None

    @property
    def key(self) -> str:
        tint = "".join(f"{v:02x}" for v in self.tint) if self.tint else ""
        return f"{self.tod}-{self.land}-{'+'.join(self.fx)}-{self.motion}-{self.seed}-{self.palette}-{tint}"


def parse_scene(src: str, fallback_seed: int = 0) -> SceneSpec:
    """The scene a `gen:scene/...` source describes, its tint as RGBA; never raises."""
    q = read_scene(src, fallback_seed)
    if q is None:
        return SceneSpec(seed=fallback_seed)
    return SceneSpec(
        tod=q["tod"],
        land=q["land"],
        fx=tuple(q["fx"]),
        motion=q["motion"],
        seed=q["seed"],
        palette=q["palette"],
        tint=parse_color(q["tint"], (0, 0, 0, 0)) if q["tint"] else None,
    )


@dataclass
class SceneImages:
    """The drawn scene: the background still and an optional near layer for parallax."""

    background: Image.Image
    near: Image.Image | None = None
    near_top: float = 0.0  # where the near strip starts, as a fraction of the height
    extras: dict[str, float] = field(default_factory=dict)


def _mix(a: RGB | np.ndarray, b: RGB | np.ndarray, t: float | np.ndarray) -> np.ndarray:
    return np.asarray(a, float) * (1 - t) + np.asarray(b, float) * t


def _ridge(
    rng: np.random.Generator, width: int, base: float, amp: float, rough: float
) -> np.ndarray:
    """A 1-D fractal line (heights in pixels) from summed sines with random phases."""
    x = np.linspace(0, 1, width)
    y = np.zeros(width)
    for octave in range(6):
        freq = (1.5 + rng.random()) * 2**octave
        y += np.sin(2 * np.pi * (freq * x + rng.random())) * rough**octave
    y = (y - y.min()) / (np.ptp(y) or 1)
    return base - amp * y


def _sky(spec: SceneSpec, w: int, h: int, horizon: float, rng: np.random.Generator) -> np.ndarray:
    top, mid, low = SKIES[spec.tod]
    y = np.clip(np.linspace(0, 1, h) / horizon, 0, 1)[:, None]
    upper = _mix(top, mid, np.clip(y / 0.6, 0, 1)[..., None])
    lower = _mix(mid, low, np.clip((y - 0.6) / 0.4, 0, 1)[..., None])
    sky = np.where((y < 0.6)[..., None], upper, lower) * np.ones((1, w, 1))
    if "rain" in spec.fx or "fog" in spec.fx:
        grey = sky.mean(axis=2, keepdims=True)
        sky = _mix(sky, grey * 0.8, 0.6)
    _light(sky, spec, w, h, horizon)
    if spec.tod in ("night", "dawn"):
        _stars(sky, rng, w, h, horizon, 1.0 if spec.tod == "night" else 0.35)
    return sky


def _light(sky: np.ndarray, spec: SceneSpec, w: int, h: int, horizon: float) -> None:
    """Sun or moon disc with a glow, added in place."""
    spots = {
        "dawn": (0.28, 0.9, (255, 214, 170), 0.05),
        "day": (0.72, 0.25, (255, 250, 230), 0.045),
        "sunset": (0.5, 0.93, (255, 190, 90), 0.075),
        "night": (0.76, 0.22, (236, 236, 220), 0.04),
    }
    fx, fy, colour, radius = spots[spec.tod]
    if "rain" in spec.fx:
        radius *= 0.6
    cx, cy, r = fx * w, fy * h * horizon, radius * min(w, h)
    yy, xx = np.mgrid[0:h, 0:w]
    dist = np.hypot(xx - cx, yy - cy)
    glow_size = r * (6 if spec.tod == "sunset" else 4)
    glow = np.exp(-((dist / glow_size) ** 2)) * (0.55 if spec.tod != "night" else 0.25)
    sky += (np.asarray(colour) - sky) * glow[..., None]
    disc = np.clip(r - dist + 1, 0, 1)
    if spec.tod == "night":
        disc = disc * np.clip(
            1.0 - np.clip(r - np.hypot(xx - cx - r * 0.45, yy - cy + r * 0.2), 0, 1), 0.08, 1
        )
    sky += (np.asarray(colour) - sky) * disc[..., None] * 0.95


def _stars(
    sky: np.ndarray, rng: np.random.Generator, w: int, h: int, horizon: float, amount: float
) -> None:
    count = int(w * h / 900 * amount)
    ys = (rng.random(count) ** 1.6 * h * horizon * 0.85).astype(int)
    xs = rng.integers(0, w, count)
    bright = rng.random(count) ** 3 * 200 + 40
    sky[ys, xs] = np.maximum(sky[ys, xs], bright[:, None])


def _hazed(spec: SceneSpec, depth: float) -> tuple[int, int, int]:
    """Land colour at a depth (0 near, 1 far): far land fades into the horizon colour."""
    colour = _mix(LAND_DARK[spec.tod], SKIES[spec.tod][2], depth * 0.75)
    return tuple(int(v) for v in colour)  # type: ignore[return-value]


def _mountains(draw: ImageDraw.ImageDraw, rng, w: int, h: int, spec: SceneSpec, layers) -> None:
    for depth, base, amp in layers:
        line = _ridge(rng, w, base * h, amp * h, 0.5)
        colour = _hazed(spec, depth)
        draw.polygon([(0, h), *zip(range(w), line, strict=True), (w - 1, h)], fill=colour)
        if spec.tod in ("day", "dawn") and depth > 0.5:
            cap = tuple(int(v) for v in _mix(colour, (250, 250, 255), 0.55))
            peak = line.min()
            snow = [
                (x, y) for x, y in zip(range(w), line, strict=True) if y < peak + amp * h * 0.22
            ]
            for x, y in snow:
                draw.line([(x, y), (x, min(y + amp * h * 0.08, peak + amp * h * 0.22))], fill=cap)


def _city(draw: ImageDraw.ImageDraw, rng, w: int, h: int, spec: SceneSpec, layers) -> None:
    unit = min(w, h)
    for depth, base, amp in layers:
        colour = _hazed(spec, depth)
        x = -int(rng.integers(0, unit // 20 + 1))
        lit = {"night": 0.45, "sunset": 0.18, "dawn": 0.1}.get(spec.tod, 0.0) * (1.2 - depth)
        while x < w:
            bw = int(unit * (0.04 + rng.random() * 0.07) * (1.2 - depth * 0.5))
            top = base * h - amp * h * (0.25 + rng.random() * 0.75)
            draw.rectangle([x, top, x + bw, h], fill=colour)
            if rng.random() < 0.25:
                draw.rectangle(
                    [x + bw * 0.4, top - amp * h * 0.12, x + bw * 0.45, top], fill=colour
                )
            if lit:
                _windows(draw, rng, x, top, bw, h, unit, lit, spec)
            x += bw + int(rng.integers(0, max(2, unit // 60)))


def _windows(
    draw, rng, x: int, top: float, bw: int, h: int, unit: int, lit: float, spec: SceneSpec
) -> None:
    size = max(1, unit // 160)
    gap = size * 2
    warm = (255, 214, 130) if spec.tod == "night" else (255, 190, 120)
    for wy in range(int(top + gap), h - gap, gap + size):
        for wx in range(x + gap, x + bw - gap, gap + size):
            if rng.random() < lit:
                draw.rectangle([wx, wy, wx + size - 1, wy + size - 1], fill=warm)


def _forest(draw: ImageDraw.ImageDraw, rng, w: int, h: int, spec: SceneSpec, layers) -> None:
    unit = min(w, h)
    for depth, base, amp in layers:
        colour = _hazed(spec, depth)
        line = _ridge(rng, w, base * h, amp * h * 0.5, 0.4)
        draw.polygon([(0, h), *zip(range(w), line, strict=True), (w - 1, h)], fill=colour)
        x = 0.0
        scale = unit * (0.05 + (1 - depth) * 0.09)
        while x < w:
            tree_h = scale * (0.7 + rng.random() * 0.6)
            ground = line[min(int(x), w - 1)] + tree_h * 0.15
            half = tree_h * 0.22
            draw.polygon(
                [(x, ground - tree_h), (x - half, ground), (x + half, ground)], fill=colour
            )
            x += half * (0.7 + rng.random() * 0.9)


def _desert(draw: ImageDraw.ImageDraw, rng, w: int, h: int, spec: SceneSpec, layers) -> None:
    sand = {
        "day": (222, 178, 118),
        "dawn": (214, 150, 128),
        "sunset": (196, 106, 66),
        "night": (42, 44, 74),
    }[spec.tod]
    for depth, base, amp in layers:
        line = _ridge(rng, w, base * h, amp * h * 0.6, 0.25)
        colour = tuple(int(v) for v in _mix(sand, SKIES[spec.tod][2], depth * 0.5))
        shade = tuple(int(v * 0.72) for v in colour)
        draw.polygon([(0, h), *zip(range(w), line, strict=True), (w - 1, h)], fill=colour)
        crest = int(np.argmin(line))
        draw.polygon(
            [
                (crest, line[crest]),
                *[(x, line[x]) for x in range(crest, w)],
                (w - 1, h),
                (crest + (w - crest) * 0.3, h),
            ],
            fill=shade,
        )


def _sea(img: Image.Image, rng, w: int, h: int, spec: SceneSpec, horizon: float) -> None:
    """Water below the horizon reflecting the sky, with a glitter path under the sun."""
    arr = np.asarray(img, dtype=float).copy()
    top = int(horizon * h)
    depth = np.linspace(0, 1, h - top)[:, None, None]
    reflected = (
        arr[top - 1 : top - 1 - (h - top) : -1] if 2 * top > h else arr[top - 1 :: -1][: h - top]
    )
    if reflected.shape[0] < h - top:
        reflected = np.concatenate(
            [reflected, np.repeat(reflected[-1:], h - top - reflected.shape[0], 0)]
        )
    water = _mix(reflected * 0.7, np.asarray(LAND_DARK[spec.tod]) * 0.8, np.clip(depth * 1.2, 0, 1))
    arr[top:] = water
    sun_x = {"dawn": 0.28, "day": 0.72, "sunset": 0.5, "night": 0.76}[spec.tod] * w
    count = int(w * (h - top) / 120)
    ys = top + (rng.random(count) ** 1.4 * (h - top - 1)).astype(int)
    spread = (ys - top + 4) * 0.35 + w * 0.01
    xs = (sun_x + rng.standard_normal(count) * spread).astype(int)
    keep = (xs >= 0) & (xs < w - 4)
    gain = 90 if spec.tod != "night" else 60
    for dx in range(3):
        arr[ys[keep], xs[keep] + dx] += gain
    img.paste(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))


def _tone(img: Image.Image, spec: SceneSpec) -> Image.Image:
    """Apply the palette and tint to an RGB image."""
    arr = np.asarray(img, dtype=float)
    grey = arr.mean(axis=2, keepdims=True)
    if spec.palette == "mono":
        arr = grey.repeat(3, axis=2)
    elif spec.palette == "pastel":
        arr = _mix(arr, grey, 0.35) * 0.8 + 60
    elif spec.palette in ("neon", "vivid"):
        arr = np.clip(grey + (arr - grey) * 1.45, 0, 255)
        if spec.palette == "neon":
            arr = arr * np.array([1.08, 0.9, 1.12])
    elif spec.palette == "warm":
        arr = arr * np.array([1.08, 1.0, 0.88])
    elif spec.palette == "cool":
        arr = arr * np.array([0.9, 1.0, 1.1])
    if spec.tint:
        r, g, b, a = spec.tint
        arr = _mix(arr, (r, g, b), 0.22 * (a / 255))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


LAND_LAYERS = {
    # (depth, base line as a fraction of the height, amplitude as a fraction of the height)
    "mountains": ([(0.95, 0.62, 0.24), (0.6, 0.72, 0.2)], [(0.0, 0.9, 0.18)]),
    "city": ([(0.9, 0.72, 0.26), (0.55, 0.8, 0.3)], [(0.0, 1.0, 0.34)]),
    "forest": ([(0.85, 0.68, 0.12), (0.5, 0.78, 0.1)], [(0.0, 0.96, 0.08)]),
    "desert": ([(0.8, 0.7, 0.1), (0.45, 0.8, 0.1)], [(0.0, 0.94, 0.12)]),
}
DRAWERS = {"mountains": _mountains, "city": _city, "forest": _forest, "desert": _desert}
HORIZON = {
    "mountains": 0.7,
    "city": 0.78,
    "forest": 0.75,
    "desert": 0.72,
    "sea": 0.62,
    "none": 0.92,
}


def draw_scene(spec: SceneSpec, width: int, height: int, near_width: int | None) -> SceneImages:
    """Draw the background (width × height) and, when `near_width` is given, a near strip that wide.

    Without `near_width` the near layer is baked into the background.
    """
    rng = np.random.default_rng(abs(spec.seed) * 31 + LANDS.index(spec.land))
    horizon = HORIZON[spec.land]
    sky = _sky(spec, width, height, horizon, rng)
    img = Image.fromarray(np.clip(sky, 0, 255).astype(np.uint8))
    if spec.land == "sea":
        _sea(img, rng, width, height, spec, horizon)
        return SceneImages(_tone(img, spec))
    if spec.land not in DRAWERS:
        return SceneImages(_tone(img, spec))
    far, near = LAND_LAYERS[spec.land]
    draw_far = ImageDraw.Draw(img)
    DRAWERS[spec.land](draw_far, rng, width, height, spec, far[:1])
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    DRAWERS[spec.land](ImageDraw.Draw(img), rng, width, height, spec, far[1:])
    near_w = near_width or width
    top = min(b - a for _, b, a in near) - 0.02
    strip_h = height - int(top * height)
    layer = Image.new("RGBA", (near_w, height), (0, 0, 0, 0))
    DRAWERS[spec.land](ImageDraw.Draw(layer), rng, near_w, height, spec, near)
    layer = layer.crop((0, height - strip_h, near_w, height))
    if near_width is None:
        img.paste(layer, (0, height - strip_h), layer)
        return SceneImages(_tone(img, spec))
    toned = _tone(layer.convert("RGB"), spec).convert("RGBA")
    toned.putalpha(layer.getchannel("A"))
    return SceneImages(_tone(img, spec), toned, near_top=1 - strip_h / height)
