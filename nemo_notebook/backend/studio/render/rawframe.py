"""Stills as raw BT.709 limited-range yuv420p / yuva420p files.

FFmpeg reads each one once as a single raw frame (no decoding, no colour conversion in the graph)
and repeats it by reference.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
from PIL import Image


def _half(plane: np.ndarray) -> np.ndarray:
    return (plane[0::2, 0::2] + plane[1::2, 0::2] + plane[0::2, 1::2] + plane[1::2, 1::2]) / 4


def yuv_bytes(image: Image.Image, alpha: bool) -> bytes:
    """Planar Y, U, V (and A) bytes of an image with even width and height."""
    rgba = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255
    r, g, b = rgba[..., 0], rgba[..., 1], rgba[..., 2]
    luma = 0.2126 * r + 0.7152 * g + 0.0722 * b
    planes = [
        16 + 219 * luma,
        _half(128 + 224 * (b - luma) / 1.8556),
        _half(128 + 224 * (r - luma) / 1.5748),
    ]
    if alpha:
        planes.append(rgba[..., 3] * 255)
    return b"".join(np.clip(np.rint(p), 0, 255).astype(np.uint8).tobytes() for p in planes)


def raw_still(png: Path, size: tuple[int, int], alpha: bool) -> Path:
    """The cached raw file for a PNG resized to `size` (rounded up to even)."""
    w, h = size[0] + size[0] % 2, size[1] + size[1] % 2
    path = png.with_name(f"{png.stem}-{w}x{h}-{'a' if alpha else 'o'}.yuv")
    if not path.exists():
        with Image.open(png) as src:
            image = src.convert("RGBA" if alpha else "RGB")
        if image.size != (w, h):
            image = image.resize((w, h), Image.Resampling.BICUBIC)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(yuv_bytes(image, alpha))
        tmp.replace(path)
    return path
