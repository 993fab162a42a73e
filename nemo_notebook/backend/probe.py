"""Decide what an uploaded file really is from its bytes (Pillow for images, PyAV for the rest).

Size and length are read from the header and checked against the budgets in ``limits`` before a
single pixel is decoded, so a small file that claims (or decodes to) a huge picture costs nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_DECODE_PIXELS, MAX_DURATION_S, MAX_PIXELS

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
# PyAV container names (comma lists, as FFmpeg reports them) and the extension each is stored under.
VIDEO_FORMATS = {"mov": ".mp4", "mp4": ".mp4", "avi": ".avi", "matroska": ".mkv", "webm": ".webm"}
AUDIO_FORMATS = {
    "mp3": ".mp3",
    "wav": ".wav",
    "aac": ".aac",
    "m4a": ".m4a",
    "mov": ".m4a",
    "mp4": ".m4a",
}


class ProbeError(ValueError):
    """The file is not a supported, readable video, image or audio file."""


@dataclass(frozen=True)
class MediaInfo:
    file_type: str
    extension: str
    duration: int | None
    width: int | None
    height: int | None
    fps: float | None


def probe(path: Path) -> MediaInfo:
    """What ``path`` holds, decided by content; raises ``ProbeError`` for anything unsupported."""
    if path.stat().st_size == 0:
        raise ProbeError("the file is empty")
    image = _probe_image(path)
    return image if image is not None else _probe_av(path)


# Full-size image decodes run one at a time, so concurrent uploads cannot add their peaks up.
_DECODE = threading.Lock()


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ProbeError(
            f"{width}×{height} is over the limit of {MAX_PIXELS / 1e6:g} million pixels"
        )


def _probe_image(path: Path) -> MediaInfo | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            kind = img.format or ""
            if kind not in IMAGE_FORMATS:
                return None
            width, height = img.size
            _check_pixels(width, height)
            _decode(img, width, height)
    except UnidentifiedImageError:
        return None
    except ProbeError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        limit = f"{MAX_PIXELS / 1e6:g} million pixels"
        raise ProbeError(f"the image is over the limit of {limit}") from None
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:
        raise ProbeError(f"the image cannot be read ({exc})") from exc
    return MediaInfo("image", IMAGE_FORMATS[kind], None, width, height, None)


def _decode(img: object, width: int, height: int) -> None:
    """Decode the image to prove it is whole: a large JPEG at a reduced scale, the rest in full."""
    if width * height > MAX_DECODE_PIXELS and getattr(img, "format", "") == "JPEG":
        scale = (MAX_DECODE_PIXELS / (width * height)) ** 0.5
        img.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))  # type: ignore[attr-defined]
    with _DECODE:
        img.load()  # type: ignore[attr-defined]


def _probe_av(path: Path) -> MediaInfo:
    import av

    try:
        container = av.open(str(path), "r")
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise ProbeError("the file is not a supported video, image or audio file") from exc
    with container:
        names = set(container.format.name.split(","))
        video = next(iter(container.streams.video), None)
        audio = next(iter(container.streams.audio), None)
        _check_length(container, video or audio)
        if video is not None and names & VIDEO_FORMATS.keys():
            ext = VIDEO_FORMATS[sorted(names & VIDEO_FORMATS.keys())[0]]
            _check_pixels(video.width or 0, video.height or 0)
            _check_decodes(container, video)
            fps = float(video.average_rate) if video.average_rate else None
            return MediaInfo(
                "video", ext, _duration_ms(container, video), video.width, video.height, fps
            )
        if video is None and audio is not None and names & AUDIO_FORMATS.keys():
            ext = AUDIO_FORMATS[sorted(names & AUDIO_FORMATS.keys())[0]]
            _check_decodes(container, audio)
            return MediaInfo("audio", ext, _duration_ms(container, audio), None, None, None)
    raise ProbeError("the file is not a supported video, image or audio file")


def _check_decodes(container: object, stream: object) -> None:
    """Demux every packet and decode the first frame, so truncated or fake files are refused."""
    import av

    decoded = False
    packets = 0
    try:
        for packet in container.demux(stream):  # type: ignore[attr-defined]
            if not packet.size:
                continue
            packets += 1
            if not decoded:
                decoded = bool(packet.decode())
    except av.FFmpegError as exc:
        raise ProbeError(f"the file is damaged or truncated ({exc})") from exc
    if not decoded:
        raise ProbeError("the file has no decodable frames")
    expected = stream.frames  # type: ignore[attr-defined]
    if expected and packets < expected:
        raise ProbeError(f"the file is truncated ({packets} of {expected} frames present)")


def _check_length(container: object, stream: object) -> None:
    """Refuse a file whose header says it is longer than ``MAX_DURATION_S``, before demuxing it."""
    length = _duration_ms(container, stream) if stream is not None else None
    if length is not None and length > MAX_DURATION_S * 1000:
        raise ProbeError(f"it is longer than the limit of {MAX_DURATION_S / 60:g} minutes")


def _duration_ms(container: object, stream: object) -> int | None:
    if stream.duration is not None and stream.time_base is not None:  # type: ignore[attr-defined]
        return round(float(stream.duration * stream.time_base) * 1000)  # type: ignore[attr-defined]
    if container.duration is not None:  # type: ignore[attr-defined]
        return round(container.duration / 1000)  # type: ignore[attr-defined]
    return None
