"""Decompression bombs: small files whose headers claim, or whose data decode to, enormous pictures.

Shared by the attack tests and ``benchmarks/hostile.py``; everything is built streaming, so making a
bomb never costs the memory that decoding it would.
"""

from __future__ import annotations

import io
import struct
import subprocess
import zlib
from pathlib import Path

import imageio_ffmpeg
from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *, rows: int | None = None) -> bytes:
    """A grey PNG of ``width``×``height`` holding ``rows`` real rows of zeros (all of them by default).

    With every row present it is a real image that decodes to width×height bytes (a 9400×9400 one is
    ~90 KB); with ``rows=1`` only the header tells the size.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    packer = zlib.compressobj(9)
    row = bytes(width + 1)
    body = b"".join(packer.compress(row) for _ in range(height if rows is None else rows))
    body += packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    )


def _small(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(out, kind)
    return out.getvalue()


def gif_claiming(width: int, height: int) -> bytes:
    """A 16×16 GIF whose logical screen claims ``width``×``height``."""
    data = bytearray(_small("GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    """A 16×16 JPEG whose frame header (SOF0) claims ``width``×``height``."""
    data = bytearray(_small("JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def long_video(path: Path, seconds: int) -> bytes:
    """A 16×16 MP4 lasting ``seconds`` at one frame per 1000 s: a couple of KB claiming hours."""
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", "color=c=black:s=16x16:r=1/1000", "-t", str(seconds),
            "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path),
        ],
        check=True,
    )  # fmt: skip
    return path.read_bytes()
