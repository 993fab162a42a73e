"""Weather and particle layers: small RGBA stills that FFmpeg scrolls with overlay time expressions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLOUD_TINT = {
    "dawn": (255, 214, 214),
    "day": (255, 255, 255),
    "sunset": (255, 170, 150),
    "night": (90, 100, 130),
}


@dataclass(frozen=True)
class Layer:
    """An RGBA image drawn at work scale, its size on the canvas and its overlay expressions."""

    name: str
    image: Image.Image
    size: tuple[int, int]
    x: str
    y: str
    enable: str = ""


def _soft_noise(rng: np.random.Generator, h: int, w: int, cutoff: float) -> np.ndarray:
    """Noise that tiles seamlessly (low-passed in the frequency domain), scaled to 0..1."""
    spectrum = np.fft.fft2(rng.standard_normal((h, w)))
    fy, fx = np.meshgrid(np.fft.fftfreq(h), np.fft.fftfreq(w), indexing="ij")
    spectrum *= np.exp(-((np.hypot(fx, fy) / cutoff) ** 2))
    field = np.real(np.fft.ifft2(spectrum))
    return (field - field.min()) / (np.ptp(field) or 1)


def _fall(rng, w: int, h: int, count: int, draw_one) -> Image.Image:
    """A vertically tiling tile of falling things, stacked twice so it can scroll."""
    tile = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    for _ in range(count):
        x, y = float(rng.random() * w), float(rng.random() * h)
        for dy in (-h, 0, h):
            draw_one(draw, x, y + dy, rng)
    strip = Image.new("RGBA", (w, 2 * h))
    strip.paste(tile, (0, 0))
    strip.paste(tile, (0, h))
    return strip


FIREWORK_HUES = [(255, 90, 90), (255, 220, 90), (120, 200, 255), (200, 120, 255), (120, 255, 160)]
FIREWORK_CYCLE, FIREWORK_STAGES, FIREWORK_STAGE_S = 2.7, 6, 0.15


def _burst(size: int, colour, radii: np.ndarray, stage: int) -> Image.Image:
    """One moment of a burst: sparks flying out, slowing, sagging and fading as `stage` grows."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c, last = size / 2, FIREWORK_STAGES - 1
    k = stage / last
    spread = 0.25 + 0.75 * (1 - (1 - k) ** 2)
    fade = 1 - 0.8 * k
    sag = c * 0.12 * k * k
    tail = 0.55 if stage < 3 else 0.85
    dot = 2.2 * (1 - 0.4 * k)
    if stage == 0:
        d.ellipse(
            [c - c * 0.12, c - c * 0.12, c + c * 0.12, c + c * 0.12], fill=(255, 255, 240, 235)
        )
    for a, r in zip(np.linspace(0, 2 * np.pi, len(radii), endpoint=False), radii, strict=True):
        ux, uy = np.cos(a) * r * c, np.sin(a) * r * c
        x, y = c + ux * spread, c + uy * spread + sag
        x0, y0 = c + ux * spread * tail, c + uy * spread * tail + sag * 0.7
        d.line([(x0, y0), (x, y)], fill=(*colour, int(210 * fade)), width=2)
        d.ellipse([x - dot, y - dot, x + dot, y + dot], fill=(255, 255, 255, int(255 * fade)))
    return img.filter(ImageFilter.GaussianBlur(0.8))


def _fireworks(rng, unit: int, W: int, H: int, scale: float) -> list[Layer]:
    """Three bursts out of phase, each a short run of stills that expand and fade in turn."""
    layers = []
    bw = int(unit * 0.4)
    size = (int(bw / scale), int(bw / scale))
    for k in range(3):
        colour = FIREWORK_HUES[int(rng.integers(len(FIREWORK_HUES)))]
        radii = 0.55 + rng.random(48) * 0.4
        px, py = (0.2 + 0.3 * k) * W - size[0] / 2, (0.12 + 0.1 * rng.random()) * H
        phase = f"mod(t+{k * 0.9:.1f},{FIREWORK_CYCLE})"
        for stage in range(FIREWORK_STAGES):
            a, b = stage * FIREWORK_STAGE_S, (stage + 1) * FIREWORK_STAGE_S
            layers.append(
                Layer(
                    "fireworks",
                    _burst(bw, colour, radii, stage),
                    size,
                    f"{px:.0f}",
                    f"{py:.0f}",
                    f"gte({phase},{a:.2f})*lt({phase},{b:.2f})",
                )
            )
    return layers


def build_layers(
    fx: tuple[str, ...], tod: str, width: int, height: int, seed: int, scale: float = 0.5
) -> list[Layer]:
    """Layers for the requested effects on a width × height canvas, drawn at `scale`."""
    rng = np.random.default_rng(abs(seed) * 17 + 3)
    w, h = max(8, int(width * scale)), max(8, int(height * scale))
    unit = min(w, h)
    layers: list[Layer] = []
    W, H = width, height
    for name in fx:
        if name == "rain":

            def streak(d, x, y, r, n=unit):
                length = n * (0.03 + r.random() * 0.03)
                d.line(
                    [(x, y), (x - length * 0.12, y + length)], fill=(200, 215, 235, 120), width=1
                )

            img = _fall(rng, w, h, int(w * h / 500), streak)
            layers.append(Layer(name, img, (W, 2 * H), "0", f"-{H}+mod(t*{H * 1.4:.0f},{H})"))
        elif name in ("snow", "leaves", "petals"):
            colours = {
                "snow": [(255, 255, 255, 220)],
                "leaves": [(214, 120, 40, 230), (180, 70, 30, 230), (230, 170, 60, 230)],
                "petals": [(255, 182, 206, 230), (255, 214, 226, 230)],
            }[name]
            count = int(w * h / (1100 if name == "snow" else 6000))

            def flake(d, x, y, r, c=colours, n=unit, kind=name):
                if kind == "snow":
                    # Mostly fine flakes, a few larger and brighter ones nearer the camera.
                    near = r.random() ** 3
                    s = n * (0.0022 + near * 0.0055)
                    d.ellipse(
                        [x - s, y - s, x + s, y + s], fill=(255, 255, 255, int(120 + near * 110))
                    )
                    return
                s = n * (0.004 + r.random() * 0.008) * 2.2
                col = c[int(r.integers(len(c)))]
                d.ellipse([x - s * 1.6, y - s * 0.7, x + s * 1.6, y + s * 0.7], fill=col)

            img = _fall(rng, w, h, count, flake).filter(ImageFilter.GaussianBlur(0.6))
            speed = {"snow": 0.12, "leaves": 0.16, "petals": 0.1}[name]
            pad = W // 24
            layers.append(
                Layer(
                    name,
                    img,
                    (W + 2 * pad, 2 * H),
                    f"-{pad}+{pad * 0.8:.0f}*sin(t*0.9)",
                    f"-{H}+mod(t*{H * speed:.0f},{H})",
                )
            )
        elif name in ("clouds", "fog"):
            bh = int(h * (0.45 if name == "clouds" else 0.5))
            field = _soft_noise(rng, bh, w, 0.03 if name == "clouds" else 0.05)
            ramp = (
                np.linspace(1, 0, bh)[:, None]
                if name == "clouds"
                else np.linspace(0, 1, bh)[:, None]
            )
            alpha = (
                np.clip((field - 0.45) * 2.6, 0, 1) * ramp
                if name == "clouds"
                else field * ramp * 0.75
            )
            rgb = CLOUD_TINT.get(tod, (255, 255, 255)) if name == "clouds" else (220, 226, 235)
            arr = np.zeros((bh, 2 * w, 4), np.uint8)
            arr[..., :3] = rgb
            arr[..., 3] = np.tile((alpha * 200).astype(np.uint8), (1, 2))
            size = (2 * W, int(H * bh / h))
            speed = 0.02 if name == "clouds" else 0.035
            top = "0" if name == "clouds" else str(H - size[1])
            layers.append(
                Layer(name, Image.fromarray(arr), size, f"-mod(t*{W * speed:.0f},{W})", top)
            )
        elif name == "stars":
            for phase in (0, 1):
                img = Image.new("RGBA", (w, int(h * 0.6)), (0, 0, 0, 0))
                d = ImageDraw.Draw(img)
                for _ in range(max(6, int(w * h / 9000))):
                    x, y = rng.random() * w, rng.random() ** 1.5 * h * 0.58
                    s = 1 + rng.random() * unit * 0.004
                    d.line([(x - s * 2, y), (x + s * 2, y)], fill=(255, 255, 240, 200))
                    d.line([(x, y - s * 2), (x, y + s * 2)], fill=(255, 255, 240, 200))
                    d.ellipse(
                        [x - s * 0.6, y - s * 0.6, x + s * 0.6, y + s * 0.6],
                        fill=(255, 255, 255, 255),
                    )
                cond = "lt" if phase == 0 else "gte"
                layers.append(
                    Layer(name, img, (W, int(H * 0.6)), "0", "0", f"{cond}(mod(t,1.4),0.7)")
                )
        elif name == "birds":
            fw, fh = int(unit * 0.5), int(unit * 0.2)
            img = Image.new("RGBA", (fw, fh), (0, 0, 0, 0))
            d = ImageDraw.Draw(img)
            for _ in range(7):
                x, y = rng.random() * fw * 0.85, rng.random() * fh * 0.8 + fh * 0.1
                wing = unit * (0.012 + rng.random() * 0.01)
                d.line(
                    [(x, y), (x + wing, y + wing * 0.5), (x + 2 * wing, y)],
                    fill=(25, 25, 35, 230),
                    width=max(1, int(wing / 5)),
                )
            size = (int(fw / scale), int(fh / scale))
            layers.append(
                Layer(
                    name,
                    img,
                    size,
                    f"mod(t*{W * 0.07:.0f},{W + size[0]})-{size[0]}",
                    f"{H * 0.18:.0f}+{H * 0.02:.0f}*sin(t*1.3)",
                )
            )
        elif name == "fireworks":
            layers.extend(_fireworks(rng, unit, W, H, scale))
    return layers
