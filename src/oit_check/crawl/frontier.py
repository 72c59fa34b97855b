"""The queue of URLs still to fetch, and the per-URL facts the scheduler keeps about each link."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkInfo:
    """What the crawl knows about one normalised URL (cached: menus repeat on every page)."""

    url: str  # normalised, learned session parameters removed
    key: str
    same_site: bool
    crawlable: bool
    is_document: bool


@dataclass
class Entry:
    """One queued URL: where it was found, how deep, and its place in discovery order."""

    url: str
    key: str
    depth: int
    found_on: str | None
    is_document: bool
    seq: int


class Frontier:
    """The queue of URLs to fetch: lowest depth first, pages before documents, then discovery order.

    A queued URL found again at a smaller depth moves up (its ``found_on`` becomes the nearer page),
    so a page listed in the sitemap and linked from the home page is fetched as a depth-1 page.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[tuple[int, bool, int], Entry]] = []
        self._live: dict[str, Entry] = {}
        self._seq = itertools.count()

    def __len__(self) -> int:
        return len(self._live)

    def __contains__(self, key: object) -> bool:
        return key in self._live

    def push(self, url: str, key: str, depth: int, found_on: str | None, is_document: bool) -> bool:
        """Queue a URL, or move a queued one up; False if it is already queued at this depth or less."""
        current = self._live.get(key)
        if current is not None and depth >= current.depth:
            return False
        entry = Entry(url, key, depth, found_on, is_document, next(self._seq))
        self._live[key] = entry
        heapq.heappush(self._heap, ((depth, is_document, entry.seq), entry))
        return True

    def pop(self) -> Entry | None:
        """The next URL to fetch, or None when the queue is empty."""
        while self._heap:
            _, entry = heapq.heappop(self._heap)
            if self._live.get(entry.key) is entry:
                del self._live[entry.key]
                return entry
        return None

    def discard(self, key: str) -> None:
        """Forget a queued URL (it was reached through a redirect)."""
        self._live.pop(key, None)
