"""The title font: Noto Sans CJK (Simplified Chinese face), which also covers Latin and Japanese."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_FILE = "NotoSansCJK-Regular.ttc"


def _face_index(path: Path, family: str) -> int:
    for index in range(10):
        try:
            name = ImageFont.truetype(str(path), 12, index=index).getname()[0]
        except OSError:
            break
        if name == family:
            return index
    return 0


@lru_cache(maxsize=1)
def font_source() -> tuple[Path, int] | None:
    """The font file and its SC face index, or None if the font package is missing."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    path = Path(noto_cjk_sans_otc.__file__).parent / FONT_FILE
    if not path.exists():
        return None
    return path, _face_index(path, "Noto Sans CJK SC")


@lru_cache(maxsize=32)
def title_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The title font at a pixel size; Pillow's built-in font when Noto is unavailable."""
    source = font_source()
    if source is None:
        return ImageFont.load_default(size)
    path, index = source
    return ImageFont.truetype(str(path), size, index=index)
