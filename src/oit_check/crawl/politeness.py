"""Crawl politeness: per-host concurrency and spacing between request starts, and retry timing.

A government web server is often a single small VM; the crawler must never be the reason it
slows down. Each host (``www.`` and bare folded together: one server) gets a gate that admits at
most ``concurrency`` requests at a time and starts them at least ``delay`` seconds apart (the
robots.txt Crawl-delay raises the delay, see ``robots.effective_delay``). Retries wait with
exponential backoff and jitter, or as long as ``Retry-After`` says, within a cap, and never while
holding a slot of the gate.

No global state: a ``Politeness`` object lives for one crawl. The clock is the event loop's.
"""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

from oit_check.urls import site_host

MAX_BACKOFF = 10.0
"""Longest wait between two attempts when the server gave no Retry-After."""


class HostGate:
    """At most ``concurrency`` requests in flight to one host, their starts ``delay`` seconds apart.

    Use as ``async with gate: ...`` around one request (headers and body). The spacing is between
    *starts*: a slow response does not hold back the next request beyond the concurrency limit.
    """

    def __init__(self, concurrency: int, delay: float) -> None:
        self.delay = delay
        self._slots = asyncio.Semaphore(concurrency)
        self._spacing = asyncio.Lock()
        self._next_start: float | None = None

    async def __aenter__(self) -> HostGate:
        await self._slots.acquire()
        try:
            async with self._spacing:
                loop = asyncio.get_running_loop()
                if self._next_start is not None:
                    wait = self._next_start - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                self._next_start = loop.time() + self.delay
        except BaseException:
            self._slots.release()
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._slots.release()


class Politeness:
    """The gates of one crawl, one per site host, created on first use.

    Two kinds of delay, as the people who set them mean them:

    * our ``--delay`` is a pause *per connection*: with ``concurrency`` connections, request starts
      to one host are ``delay / concurrency`` apart, so a crawl of R requests takes at least
      R x delay / concurrency seconds (the politeness floor the benchmark measures against);
    * a robots.txt ``Crawl-delay`` is the site's own wish, seconds between *any* two requests:
      when it is larger than that spacing, starts are ``Crawl-delay`` apart, whatever the concurrency.
    """

    def __init__(self, concurrency: int, delay: float) -> None:
        self.concurrency = concurrency
        self.default_delay = delay / concurrency
        self._gates: dict[str, HostGate] = {}

    def gate(self, host: str) -> HostGate:
        """The gate of ``host`` (``www.x`` and ``x`` share one)."""
        key = site_host(host)
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = HostGate(self.concurrency, self.default_delay)
        return gate

    def set_delay(self, host: str, delay: float, *, site_requested: bool = True) -> None:
        """Change the spacing for ``host`` after its robots.txt has been read.

        ``site_requested``: ``delay`` is the site's Crawl-delay (spacing between any two requests);
        otherwise it is our per-connection delay, divided among the connections.
        """
        self.gate(host).delay = delay if site_requested else delay / self.concurrency


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(attempt: int, base: float, rng: random.Random) -> float:
    """Wait before retry number ``attempt`` (0-based): ``base * 2**attempt`` with ±50 % jitter, capped."""
    return float(min(MAX_BACKOFF, base * (2**attempt) * rng.uniform(0.5, 1.5)))
