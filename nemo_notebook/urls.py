"""URL checks on values a backend sends: whose origin a URL is, and whether it may become a link."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
LINK_SCHEMES = frozenset({"http", "https"})


def origin(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an absolute http(s) URL, the default port filled in; else None."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port or DEFAULT_PORTS[scheme]


def same_origin(url: str, base: str | None) -> bool:
    """True when ``url`` is relative or has exactly ``base``'s scheme, host and port."""
    if not urlsplit(url.strip()).netloc and not urlsplit(url.strip()).scheme:
        return base is not None
    mine = origin(url)
    return mine is not None and base is not None and mine == origin(base)


def safe_href(url: str) -> str | None:
    """``url`` when it is fit for an ``href``/``src`` (http(s) or a relative path), else None.

    ``javascript:``, ``data:`` and every other scheme are refused, whatever their spelling.
    """
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in LINK_SCHEMES:
        return None
    if not scheme and ":" in cleaned.split("/", 1)[0]:
        return None
    return url


def safe_image_src(url: str) -> str | None:
    """Like ``safe_href``, also allowing a raster ``data:image/...`` URI (an ``<img>`` never runs it)."""
    if url.lower().startswith(
        ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
    ):
        return url
    return safe_href(url)
