"""URL admission: which discovered URLs are queued, in what order, and which are skipped and why.

A discovered URL passes, in this order: already settled (fetched, in flight or skipped) -> off-site
(counted, never fetched) -> not crawlable (media) or a document while documents are off -> deeper
than ``max_depth`` (documents get one extra level) -> already queued (may move up) -> a trap
(endless calendars, session ids, query explosions; recorded once per pattern) -> queued. When a URL
is taken from the queue, the page and document budgets decide whether it is fetched or recorded
as a LIMIT skip.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from oit_check.config import CrawlConfig
from oit_check.crawl.frontier import Entry, Frontier, LinkInfo
from oit_check.crawl.recorder import Recorder
from oit_check.crawl.traps import SessionParamLearner, TrapDetector
from oit_check.models import FailureKind, PageFailure
from oit_check.urls import DOCUMENT_KINDS, SiteScope, classify_url, decode_component, is_crawlable_kind, url_key

LINK_CACHE_SIZE = 200_000
"""Entries kept per cache of link analysis (per crawl); beyond it links are analysed again."""


class Scheduler:
    """The frontier of one crawl and everything needed to admit URLs into it."""

    def __init__(self, config: CrawlConfig, recorder: Recorder) -> None:
        self.config = config
        self.recorder = recorder
        self.frontier = Frontier()
        self.traps = TrapDetector(config.max_url_length, config.max_query_variants)
        self.sessions = SessionParamLearner()
        self.scope = SiteScope(frozenset())
        self.settled: set[str] = set()  # keys fetched, in flight, or skipped for a limit
        self.offsite: set[str] = set()
        self.depth_skipped: set[str] = set()
        self.link_info: dict[str, LinkInfo] = {}
        self.pages_dispatched = 0
        self.docs_dispatched = 0
        self._login_res = tuple(re.compile(p, re.IGNORECASE) for p in config.login_link_patterns)
        self._unsafe_res = tuple(re.compile(p) for p in config.unsafe_url_patterns)

    def analyse(self, url: str) -> LinkInfo:
        """Scope, kind and key of a normalised URL; cached, since menus repeat on every page."""
        info = self.link_info.get(url)
        if info is None:
            clean = self.sessions.remove_from(url)
            kind = classify_url(clean)
            info = LinkInfo(
                url=clean,
                key=url_key(clean, normalized=True),
                same_site=self.scope.is_same_site(clean),
                crawlable=is_crawlable_kind(kind),
                is_document=kind in DOCUMENT_KINDS,
            )
            if len(self.link_info) < LINK_CACHE_SIZE:
                self.link_info[url] = info
        return info

    def consider(self, url: str, depth: int, found_on: str | None) -> None:
        """Queue a discovered same-site URL unless it is known, too deep, media, or a trap."""
        info = self.analyse(url)
        key = info.key
        if key in self.settled:
            return
        if not info.same_site:
            self.offsite.add(key)
            return
        url = info.url
        is_document = info.is_document
        if not info.crawlable or (is_document and not self.config.fetch_documents):
            return
        too_deep = depth > self.config.max_depth + (1 if is_document else 0)
        if too_deep:
            self.depth_skipped.add(key)
            return
        if key in self.frontier:
            self.frontier.push(url, key, depth, found_on, is_document)
            return
        unsafe = self.unsafe(url)
        if unsafe is not None:
            self.settled.add(key)
            self.recorder.failure(PageFailure(url=url, kind=unsafe[0], reason=unsafe[1], found_on=found_on))
            return
        hit = self.traps.check(url, found_on)
        if hit is not None:
            self.recorder.stats.skipped_traps += 1
            self.settled.add(key)
            if hit.first:
                self.recorder.failure(
                    PageFailure(
                        url=url, kind=FailureKind.TRAP, reason=f"{hit.reason} [{hit.pattern}]", found_on=found_on
                    )
                )
            return
        self.depth_skipped.discard(key)
        self.frontier.push(url, key, depth, found_on, is_document)

    def unsafe(self, url: str) -> tuple[FailureKind, str] | None:
        """Why ``url`` must not be requested (a login, logout, delete or admin link), or None."""
        parts = urlsplit(url)
        target = decode_component(parts.path) + ("?" + decode_component(parts.query) if parts.query else "")
        if any(pattern.search(target) for pattern in self._unsafe_res):
            return FailureKind.UNSAFE, "not requested: the link changes data or leads to administration"
        if any(pattern.search(target) for pattern in self._login_res):
            return FailureKind.LOGIN_REQUIRED, "not requested: the link leads to a login page"
        return None

    def next_entry(self) -> Entry | None:
        """The next URL to fetch within the page and document budgets, or None when none is left."""
        while True:
            entry = self.frontier.pop()
            if entry is None:
                return None
            if entry.key in self.settled:
                continue
            if entry.is_document:
                if self.docs_dispatched >= self.config.max_documents:
                    self.skip_for_limit(entry, "max_documents")
                    continue
                self.docs_dispatched += 1
            else:
                if self.pages_dispatched >= self.config.max_pages:
                    self.skip_for_limit(entry, "max_pages")
                    continue
                self.pages_dispatched += 1
            self.settled.add(entry.key)
            return entry

    def skip_for_limit(self, entry: Entry, limit: str, reason: str | None = None) -> None:
        """Record ``entry`` as not fetched because ``limit`` was reached."""
        self.recorder.limits_hit.add(limit)
        self.settled.add(entry.key)
        self.recorder.stats.skipped_limit += 1
        self.recorder.failure(
            PageFailure(
                url=entry.url,
                kind=FailureKind.LIMIT,
                reason=reason or f"not fetched: the {limit} limit was reached",
                found_on=entry.found_on,
            )
        )

    def skip_queued_for_time(self) -> None:
        """Record everything still queued as not fetched because the time ran out."""
        while (entry := self.frontier.pop()) is not None:
            if entry.key not in self.settled:
                self.skip_for_limit(entry, "time", "not fetched: the crawl time limit was reached")

    def settle_reached(self, key: str) -> None:
        """A URL was reached (directly or as a redirect hop): never queue or fetch it again."""
        self.settled.add(key)
        self.frontier.discard(key)
