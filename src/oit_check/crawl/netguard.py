"""Network guard for the crawl stage: never connect to private, loopback or otherwise non-public addresses.

oit-check may run as a shared web service (the self-check app), where a scanned "site" could
redirect the crawler to ``http://127.0.0.1:8080/admin`` or ``http://169.254.169.254/`` (cloud
metadata). So every URL, and every redirect hop, is resolved first and refused when any of its
addresses is private, loopback, link-local, multicast, reserved, unspecified or otherwise not
globally routable, for IPv4 and IPv6 alike (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, NAT64 and
Teredo addresses are judged by the IPv4 address they embed).

The exception: when the start URL itself is private (an intranet site, the loopback test and demo
servers), the user asked for exactly that, so private targets are allowed for the whole crawl
(``CrawlConfig.allow_private=None``, the default). ``allow_private=True`` always allows them and
``allow_private=False`` never does.

Time-of-check/time-of-use caveat: the guard resolves a host, then httpx resolves it again when it
connects. A hostile DNS server can answer with a public address to the first lookup and a private
one to the second ("DNS rebinding"). The crawler narrows that window by also checking the peer
address of each established connection (``check_peer``) before it reads the body, so a rebound
response is discarded; the request itself has been sent by then. Closing the gap fully needs
connecting to the checked IP with the original Host/SNI, which httpx does not offer.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from oit_check.models import FailureKind, PageFailure

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""``(host, port) -> IP address strings``; injectable so tests can map fake public names."""

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SHARED_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one (mapped, 6to4, NAT64, Teredo client), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    return None


def is_blocked_ip(ip: IPAddress) -> bool:
    """Whether ``ip`` is anything other than a globally routable unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return is_blocked_ip(embedded)
        if ip.scope_id:
            return True
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED_CGNAT:
        return True
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_ip(text: str) -> IPAddress | None:
    """``text`` as an IP address (brackets and IPv6 zone allowed), or None if it is a host name."""
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the event loop's ``getaddrinfo`` (runs in a thread; never blocks the loop)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass
class NetGuard:
    """Resolves and judges target hosts for one crawl; caches answers for the crawl's lifetime.

    ``allow_private`` is the decision already taken for this crawl (see ``decide_allow_private``).
    """

    allow_private: bool
    resolver: Resolver = system_resolver
    _cache: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict, repr=False)

    async def addresses(self, host: str, port: int) -> list[str]:
        """The IP addresses ``host`` resolves to (cached; raises OSError when resolution fails)."""
        literal = parse_ip(host)
        if literal is not None:
            return [str(literal)]
        key = host.lower()
        if key in self._cache:
            return self._cache[key]
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._cache:
                self._cache[key] = await self.resolver(host, port)
        return self._cache[key]

    async def check_url(self, url: str, *, found_on: str | None = None) -> PageFailure | None:
        """None if ``url`` may be fetched, else a BLOCKED_ADDRESS (or CONNECT, for DNS) failure."""
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return PageFailure(url=url, kind=FailureKind.OTHER, reason="invalid URL", found_on=found_on)
        if self.allow_private:
            return None
        try:
            addresses = await self.addresses(host, port)
        except OSError as exc:
            return PageFailure(
                url=url,
                kind=FailureKind.CONNECT,
                reason=f"DNS lookup failed for {host}: {exc}",
                found_on=found_on,
            )
        return self._judge(url, host, addresses, found_on)

    def check_peer(self, url: str, peer_ip: str | None, *, found_on: str | None = None) -> PageFailure | None:
        """Judge the address a connection actually reached (narrows the DNS-rebinding window)."""
        if self.allow_private or peer_ip is None:
            return None
        host = urlsplit(url).hostname or ""
        return self._judge(url, host, [peer_ip], found_on)

    @staticmethod
    def _judge(url: str, host: str, addresses: list[str], found_on: str | None) -> PageFailure | None:
        for text in addresses:
            if "%" in text:  # an IPv6 zone id: link-local by definition
                return _blocked(url, host, text, found_on)
            ip = parse_ip(text)
            if ip is None or is_blocked_ip(ip):
                return _blocked(url, host, text, found_on)
        if not addresses:
            return PageFailure(url=url, kind=FailureKind.CONNECT, reason=f"{host} has no address", found_on=found_on)
        return None


def _blocked(url: str, host: str, address: str, found_on: str | None) -> PageFailure:
    return PageFailure(
        url=url,
        kind=FailureKind.BLOCKED_ADDRESS,
        reason=f"{host} resolves to the non-public address {address}; not fetched",
        found_on=found_on,
    )


async def decide_allow_private(start_url: str, configured: bool | None, resolver: Resolver) -> bool:
    """The crawl-wide decision: ``configured`` if set, else whether the start URL is itself private.

    A start host that cannot be resolved counts as public (the start fetch then fails on its own).
    """
    if configured is not None:
        return configured
    parts = urlsplit(start_url)
    host = parts.hostname or ""
    literal = parse_ip(host)
    if literal is not None:
        return is_blocked_ip(literal)
    try:
        addresses = await resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError:
        return False
    judged = [parse_ip(a.split("%", 1)[0]) for a in addresses]
    return any(ip is None or is_blocked_ip(ip) for ip in judged)
