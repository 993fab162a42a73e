"""Fetching a URL upload without becoming a way into the network the backend runs in.

The host is resolved first and every address it gives must be public (not loopback, private, link-local,
multicast, reserved or unspecified, also when wrapped in IPv6); the connection then goes to the address
that was checked, so a second DNS answer cannot swap it (rebinding). Redirects are followed by hand and
each hop is checked the same way. Every failure, whatever its cause, is the same error: a caller cannot
tell a closed port from a refused address from an HTTP error, so the backend is no port scanner.
``Settings.allow_private_urls`` lifts the address check for a local network you trust.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import anyio
import httpx

from .errors import ApiError, unsupported_file
from .limits import MAX_REDIRECTS, URL_CONNECT_TIMEOUT_S, URL_READ_TIMEOUT_S, URL_TOTAL_TIMEOUT_S

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECTS = frozenset({301, 302, 303, 307, 308})
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def url_refused() -> ApiError:
    """The one answer to a URL upload that cannot be used, whatever the reason."""
    return unsupported_file(
        "the URL did not give a media file; it must be a public http(s) address serving one"
    )


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public internet; IPv4 inside IPv6 (mapped, 6to4, NAT64) is unwrapped."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip.teredo is not None:
            inner = ip.teredo[1]
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return is_public(inner)
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


async def resolve(host: str, port: int, allow_private: bool) -> IPAddress:
    """The address to connect to: every address ``host`` resolves to must pass, the first is used."""
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise url_refused() from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses or not (allow_private or all(is_public(ip) for ip in addresses)):
        raise url_refused()
    return addresses[0]


async def fetch_url(url: str, allow_private: bool, on_chunk: Callable[[bytes], None]) -> None:
    """GET ``url`` (following checked redirects) and hand each body chunk to ``on_chunk``.

    ``on_chunk`` may raise an ``ApiError`` (e.g. over the size limit); it passes through unchanged.
    """
    timeout = httpx.Timeout(URL_READ_TIMEOUT_S, connect=URL_CONNECT_TIMEOUT_S)
    try:
        with anyio.fail_after(URL_TOTAL_TIMEOUT_S):
            async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:
                for _ in range(MAX_REDIRECTS + 1):
                    request = await _pinned_request(client, url, allow_private)
                    response = await client.send(request, stream=True)
                    try:
                        if response.status_code in REDIRECTS and "location" in response.headers:
                            url = urljoin(url, response.headers["location"])
                            continue
                        if response.status_code != 200:
                            raise url_refused()
                        async for chunk in response.aiter_bytes():
                            on_chunk(chunk)
                        return
                    finally:
                        await response.aclose()
    except ApiError:
        raise
    except (httpx.HTTPError, OSError, TimeoutError, ValueError, UnicodeError):
        raise url_refused() from None
    raise url_refused()


async def _pinned_request(
    client: httpx.AsyncClient, url: str, allow_private: bool
) -> httpx.Request:
    """A request for ``url`` sent to the address checked for its host, with the original Host and SNI."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise url_refused()
    port = parts.port or (443 if scheme == "https" else 80)
    ip = await resolve(parts.hostname, port, allow_private)
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    target = parts._replace(scheme=scheme, netloc=f"{literal}:{port}").geturl()
    default = port == (443 if scheme == "https" else 80)
    host_header = parts.hostname if default else f"{parts.hostname}:{port}"
    if ":" in parts.hostname:
        host_header = f"[{parts.hostname}]" + ("" if default else f":{port}")
    extensions: dict[str, Any] = {"sni_hostname": parts.hostname} if scheme == "https" else {}
    return client.build_request("GET", target, headers={"Host": host_header}, extensions=extensions)
