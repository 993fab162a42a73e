"""Titles drawn once with Pillow as tight RGBA images, with a soft shadow and stroke for legibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

from nemo_notebook.draft import TEXT_SIZE_MIN, TextStyleView

from .colors import parse_color
from .fonts import title_font
from .plan import Canvas


@dataclass(frozen=True)
class TextImage:
    """A drawn title and where its top-left corner goes on the canvas."""

    image: Image.Image
    x: int
    y: int


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _tokens(text: str) -> list[str]:
    """Words for Latin text, single characters for CJK (which wraps anywhere)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or _is_wide(ch):
            if word:
                tokens.append(word)
            word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, font: Any, max_width: int) -> list[str]:
    """Break text into lines no wider than `max_width` (a long word may still overflow)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _tokens(paragraph):
            trial = line + token
            if line and font.getlength(trial) > max_width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = trial
        lines.append(line.rstrip())
    return lines


def _place(pos: str, canvas: Canvas, w: int, h: int) -> tuple[int, int]:
    margin = round(canvas.short * 0.06)
    cx, cy = (canvas.width - w) // 2, (canvas.height - h) // 2
    left, right = margin, canvas.width - w - margin
    top, bottom = margin, canvas.height - h - margin
    spots = {
        "top-center": (cx, top),
        "center": (cx, cy),
        "bottom-center": (cx, bottom),
        "top-left": (left, top),
        "top-right": (right, top),
        "bottom-left": (left, bottom),
        "bottom-right": (right, bottom),
        "lower-third": (left, round(canvas.height * 0.72) - h // 2),
    }
    x, y = spots.get(pos, spots["center"])
    return max(0, x), max(0, y)


def render_text(text: str, sty: TextStyleView, canvas: Canvas) -> TextImage:
    """Draw `text` styled by `sty` (pos, color, size at a 1080 short side, bg) for this canvas."""
    size = max(TEXT_SIZE_MIN, round(sty.size_px * canvas.short / 1080))
    font = title_font(size)
    pos = sty.position
    align = (
        "left"
        if pos.endswith("left") or pos == "lower-third"
        else ("right" if pos.endswith("right") else "center")
    )
    lines = wrap(text, font, round(canvas.width * 0.86))
    body = "\n".join(lines)
    spacing = round(size * 0.25)
    stroke = max(1, round(size / 28))
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    box = [
        round(v)
        for v in probe.multiline_textbbox(
            (0, 0), body, font=font, spacing=spacing, align=align, stroke_width=stroke
        )
    ]
    bg = parse_color(sty.background, (0, 0, 0, 0)) if sty.background else None
    pad = round(size * 0.45) if bg else round(size * 0.3)
    w, h = box[2] - box[0] + 2 * pad, box[3] - box[1] + 2 * pad
    w, h = min(w + w % 2, canvas.width), min(h + h % 2, canvas.height)
    origin = (pad - box[0], pad - box[1])
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    if bg:
        ImageDraw.Draw(image).rounded_rectangle(
            (0, 0, w - 1, h - 1), radius=round(size * 0.3), fill=bg
        )
    shadow = Image.new("L", (w, h), 0)
    ImageDraw.Draw(shadow).multiline_text(
        (origin[0], origin[1] + stroke),
        body,
        font=font,
        fill=150,
        spacing=spacing,
        align=align,
        stroke_width=stroke * 2,
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(max(1, size / 14)))
    image.alpha_composite(Image.merge("RGBA", (*[Image.new("L", (w, h), 0)] * 3, shadow)))
    fill = parse_color(sty.color)
    ImageDraw.Draw(image).multiline_text(
        origin,
        body,
        font=font,
        fill=fill,
        spacing=spacing,
        align=align,
        stroke_width=stroke,
        stroke_fill=(0, 0, 0, 110),
    )
    x, y = _place(pos, canvas, w, h)
    return TextImage(image, x, y)
