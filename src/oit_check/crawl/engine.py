"""The crawl stage: start URL -> HTML pages and documents of one agency site, within limits.

``crawl()`` is breadth-first by depth (pages before documents at each depth), asynchronous
(``httpx.AsyncClient``), polite (per-host gates, robots.txt and its Crawl-delay, an honest
User-Agent) and bounded (pages, documents, depth, bytes per response, total seconds). The parts:

* ``urls``: normalisation, de-duplication keys, scope, link-target kinds
* ``netguard``: no private/loopback targets, checked on every hop
* ``robots`` / ``sitemap``: rules, delay and seed URLs
* ``fetch``: one URL, redirects hop by hop, retries, size limits, status -> outcome
* ``politeness``: per-host concurrency and spacing; ``traps``: endless URL spaces
* ``docpool``: document text extraction in worker processes

What the site does wrong is data: every URL that yields nothing becomes a ``PageFailure`` in the
outcome, and a fault on one page (even a bug in the HTML extractor) never aborts the crawl. Only a
start URL that cannot be crawled at all raises ``ScanFailed`` (Thai and English message, hint).

HTML text extraction is passed in (``extract_html``, written in ``extract.py``), so this module does
not depend on the parser; it follows same-site anchors, iframes and embeds from the returned
``PageContent.links`` and counts distinct off-site links in ``stats.skipped_offsite``.

Cost (``benchmarks/bench_crawl.py``, 2,000 pages of 35-100 KB with ~150 links each, loopback):
~1.2 ms CPU per HTML page for everything here and in httpx, extraction excluded. Link analysis
is cached per crawl because menus repeat on every page.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from oit_check.config import DEFAULT_USER_AGENT, CrawlConfig
from oit_check.crawl.fetch import BodyPolicy, Fetcher, FetchResult
from oit_check.crawl.netguard import NetGuard, Resolver, decide_allow_private, system_resolver
from oit_check.crawl.politeness import Politeness
from oit_check.crawl.robots import (
    MAX_ROBOTS_BYTES,
    RobotsRules,
    allow_all,
    effective_delay,
    robots_url_for,
    rules_from_response,
    rules_unavailable,
)
from oit_check.crawl.sitemap import MAX_SITEMAP_BYTES, collect_sitemap_urls
from oit_check.crawl.traps import SessionParamLearner, TrapDetector
from oit_check.errors import ScanFailed
from oit_check.extract.docpool import DocumentPool, Extractor
from oit_check.extract.documents import DocumentLimits, document_file_name, extract_document
from oit_check.models import (
    CrawlStats,
    FailureKind,
    FetchedResource,
    LinkKind,
    PageContent,
    PageFailure,
    ResourceKind,
)
from oit_check.progress import ProgressEvent
from oit_check.urls import (
    DOCUMENT_KINDS,
    SiteScope,
    classify_url,
    is_crawlable_kind,
    normalize_url,
    site_host,
    url_key,
)

ExtractHtml = Callable[[FetchedResource, Callable[[str], bool]], PageContent]
"""``(resource, is_same_site) -> PageContent`` with absolute, de-duplicated links."""

FOLLOW_LINK_KINDS = frozenset({LinkKind.ANCHOR, LinkKind.IFRAME, LinkKind.EMBED})
"""Links the crawler follows: anchors, and iframes/embeds/frames (Google-Drive-style document viewers)."""
MAX_RECORDED_SKIPS = 500
"""LIMIT and ROBOTS failures recorded one by one, per kind; beyond this they are only counted."""
SITE_ERROR_KINDS = frozenset(FailureKind) - {FailureKind.ROBOTS, FailureKind.LIMIT, FailureKind.TRAP}
"""Failures that are faults of the site (counted in ``stats.errors``); robots/limit/trap skips are not."""
_STOP_ORDER = ("time", "max_pages", "max_documents")
_Extracting = dict["asyncio.Task[PageContent | PageFailure]", tuple[int, "_Entry", FetchedResource]]


@dataclass(repr=False)
class CrawlOutcome:
    """Everything one crawl produced.

    ``pages`` holds HTML pages and documents in fetch order (a document appears where it was
    fetched, although its text is extracted later). ``aliases`` maps a requested URL to the final
    URL it redirected to, so a link can be matched to its target page (``urls.url_key`` folds
    the remaining spelling differences).
    """

    pages: list[PageContent]
    failures: list[PageFailure]
    stats: CrawlStats
    start_url: str
    aliases: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Short on purpose: asyncio.run() (3.11) formats the finished main task, result included,
        # when it restores the SIGINT handler; a full repr of thousands of pages took seconds.
        return (
            f"CrawlOutcome(start_url={self.start_url!r}, pages={len(self.pages)}, "
            f"failures={len(self.failures)}, stopped_by={self.stats.stopped_by!r})"
        )


async def crawl(
    start_url: str,
    config: CrawlConfig,
    *,
    extract_html: ExtractHtml,
    transport: httpx.AsyncBaseTransport | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    version: str = "0.1.0",
    resolver: Resolver | None = None,
    document_extractor: Extractor = extract_document,
) -> CrawlOutcome:
    """Crawl the site at ``start_url`` and return its pages, documents and failures.

    ``transport`` replaces the network (tests, proxies); ``resolver`` replaces DNS for the
    network guard; ``document_extractor`` replaces ``documents.extract_document`` in the worker
    processes (it must be a picklable top-level function). Raises ``ScanFailed`` only when the
    start URL itself cannot be crawled.
    """
    job = _Crawl(
        config,
        extract_html=extract_html,
        transport=transport,
        on_progress=on_progress,
        version=version,
        resolver=resolver or system_resolver,
        document_extractor=document_extractor,
    )
    return await job.run(start_url)


# ------------------------------------------------------------------------------------ frontier


_LINK_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class _LinkInfo:
    url: str  # normalised, learned session parameters removed
    key: str
    same_site: bool
    crawlable: bool
    is_document: bool


@dataclass
class _Entry:
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
        self._heap: list[tuple[tuple[int, bool, int], _Entry]] = []
        self._live: dict[str, _Entry] = {}
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
        entry = _Entry(url, key, depth, found_on, is_document, next(self._seq))
        self._live[key] = entry
        heapq.heappush(self._heap, ((depth, is_document, entry.seq), entry))
        return True

    def pop(self) -> _Entry | None:
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


# --------------------------------------------------------------------------------------- crawl


class _Crawl:
    """The state of one crawl. Constructing it does no I/O; ``run()`` does everything."""

    def __init__(
        self,
        config: CrawlConfig,
        *,
        extract_html: ExtractHtml,
        transport: httpx.AsyncBaseTransport | None,
        on_progress: Callable[[ProgressEvent], None] | None,
        version: str,
        resolver: Resolver,
        document_extractor: Extractor,
    ) -> None:
        self.config = config
        self.extract_html = extract_html
        self.transport = transport
        self.on_progress = on_progress
        self.user_agent = config.user_agent or DEFAULT_USER_AGENT.format(version=version)
        self.resolver = resolver
        self.pool = DocumentPool(
            config.document_workers,
            timeout=config.document_timeout,
            limits=DocumentLimits(max_chars=config.max_document_chars, max_pages=config.max_document_pages),
            extractor=document_extractor,
        )
        self.politeness = Politeness(config.concurrency, config.delay)
        self.traps = TrapDetector(config.max_url_length, config.max_query_variants)
        self.sessions = SessionParamLearner()
        self.frontier = Frontier()
        self.stats = CrawlStats()
        self.scope = SiteScope(frozenset())
        self.pages: list[tuple[int, PageContent]] = []
        self.failures: list[PageFailure] = []
        self.aliases: dict[str, str] = {}
        self._shared: dict[object, Any] = {}  # interned Link/Image objects of this crawl
        self.settled: set[str] = set()  # keys fetched, in flight, or skipped for a limit
        self.content_keys: set[str] = set()  # final-URL keys that produced content or a failure
        self.offsite: set[str] = set()
        self.depth_skipped: set[str] = set()
        self.robots: dict[str, RobotsRules] = {}
        self.robots_tasks: dict[str, asyncio.Task[RobotsRules]] = {}
        self.rewrites: dict[str, str] = {}
        self.normalized: dict[str, str] = {}  # link URL as extracted -> normalised
        self.link_info: dict[str, _LinkInfo] = {}
        self.body_digests: dict[bytes, str] = {}
        self.kind_counts: Counter[str] = Counter()
        self.recorded: Counter[FailureKind] = Counter()
        self.limits_hit: set[str] = set()
        self.pages_dispatched = 0
        self.docs_dispatched = 0
        self.start_host = ""
        self.deadline = 0.0
        self._seq = itertools.count()
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        assert self._fetcher is not None, "run() creates the fetcher"
        return self._fetcher

    # ---------------------------------------------------------------------------------- run

    async def run(self, start_url: str) -> CrawlOutcome:
        loop = asyncio.get_running_loop()
        self.deadline = loop.time() + self.config.max_seconds
        candidates = _start_candidates(start_url)
        allow_private = await decide_allow_private(candidates[0], self.config.allow_private, self.resolver)
        guard = NetGuard(allow_private=allow_private, resolver=self.resolver)
        self.scope = SiteScope.for_start(
            candidates[0], include_subdomains=self.config.include_subdomains, extra_hosts=self.config.extra_hosts
        )
        self.start_host = urlsplit(candidates[0]).hostname or ""
        headers = {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
            "Accept-Language": "th,en;q=0.8",
        }
        client = httpx.AsyncClient(
            transport=self.transport,
            follow_redirects=False,
            timeout=httpx.Timeout(self.config.timeout),
            headers=headers,
            limits=httpx.Limits(
                max_connections=self.config.concurrency * 4,
                max_keepalive_connections=self.config.concurrency * 2,
            ),
        )
        self._fetcher = Fetcher(
            client,
            self.config,
            guard=guard,
            politeness=self.politeness,
            deadline=self.deadline,
            is_same_site=self._in_scope,
            robots_allows=self._robots_allows if self.config.respect_robots else None,
        )
        if self.config.fetch_documents:
            self.pool.start()
        final_start = candidates[0]
        aborted = True
        try:
            final_start = await self._start(candidates)
            await self._seed_from_sitemaps(final_start)
            await self._crawl_frontier()
            aborted = False
        finally:
            robots_tasks = list(self.robots_tasks.values())
            for task in robots_tasks:
                task.cancel()
            await asyncio.gather(*robots_tasks, return_exceptions=True)
            await client.aclose()
            self.pool.close(kill=aborted or "time" in self.limits_hit)
        self._finish_stats()
        self.pages.sort(key=lambda item: item[0])
        return CrawlOutcome(
            pages=[page for _, page in self.pages],
            failures=self.failures,
            stats=self.stats,
            start_url=final_start,
            aliases=self.aliases,
        )

    def _in_scope(self, url: str) -> bool:
        return self.scope.is_same_site(url)

    def _remaining(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()

    # -------------------------------------------------------------------------------- start

    async def _start(self, candidates: list[str]) -> str:
        for index, candidate in enumerate(candidates):
            try:
                async with asyncio.timeout(max(0.0, self._remaining())):
                    result = await self.fetcher.fetch(candidate, depth=0)
            except TimeoutError:
                raise _start_failed(
                    candidate,
                    PageFailure(
                        url=candidate,
                        kind=FailureKind.TIMEOUT,
                        reason=f"no answer within the crawl time limit ({self.config.max_seconds:g} s)",
                    ),
                ) from None
            self._count(result)
            if result.failure is not None:
                retry_plain_http = result.failure.kind in (FailureKind.CONNECT, FailureKind.TIMEOUT)
                if retry_plain_http and index + 1 < len(candidates):
                    continue
                raise _start_failed(candidate, result.failure)
            resource = result.resource
            assert resource is not None
            if resource.kind is not ResourceKind.HTML:
                raise ScanFailed(
                    f"ที่อยู่เริ่มต้นไม่ใช่หน้าเว็บ (ได้ไฟล์ประเภท {resource.kind.value}) / "
                    f"The start URL is not a web page (got {resource.kind.value}: {resource.content_type or '?'})",
                    hint="ใส่ที่อยู่หน้าแรกของเว็บไซต์หน่วยงาน / Give the address of the agency's home page.",
                )
            final = resource.url
            if not self.scope.is_same_site(final):  # the site moved to a new host: crawl it there
                self.scope = self.scope.with_url(final)
                self.link_info.clear()
            self.start_host = urlsplit(final).hostname or self.start_host
            self._learn_rewrites(result)
            entry = _Entry(candidate, url_key(candidate), 0, None, False, -1)
            self.pages_dispatched += 1
            self.settled.add(entry.key)
            self._on_fetched(entry, result, docs=None, soft_error_check=False)
            if not self.pages:
                failure = self.failures[-1] if self.failures else None
                raise ScanFailed(
                    "อ่านหน้าแรกของเว็บไซต์ไม่ได้ / The start page could not be read"
                    + (f": {failure.reason}" if failure else ""),
                    hint="ลองเปิดหน้าเว็บในเบราว์เซอร์ / Check the page in a browser.",
                )
            if self.config.respect_robots:
                await self._rules(robots_url_for(final))
            return final
        raise AssertionError("unreachable: _start_candidates never returns an empty list")

    # ------------------------------------------------------------------------------ robots

    async def _robots_allows(self, url: str) -> bool:
        rules = await self._rules(robots_url_for(url))
        return rules.allows(url)

    async def _rules(self, robots_url: str) -> RobotsRules:
        cached = self.robots.get(robots_url)
        if cached is not None:
            return cached
        task = self.robots_tasks.get(robots_url)
        if task is None:
            task = self.robots_tasks[robots_url] = asyncio.create_task(self._fetch_robots(robots_url))
        try:
            rules = await asyncio.shield(task)
        except Exception as exc:  # a bug while reading robots.txt must not stop the crawl
            rules = rules_unavailable(robots_url, f"{type(exc).__name__}: {exc}")
        self.robots[robots_url] = rules
        return rules

    async def _fetch_robots(self, robots_url: str) -> RobotsRules:
        result = await self.fetcher.fetch(
            robots_url, max_bytes=MAX_ROBOTS_BYTES, max_redirects=5, check_robots=False, keep_truncated=True
        )
        self._count(result)
        if result.resource is not None:
            resource = result.resource
            rules = rules_from_response(robots_url, resource.status, resource.body, resource.content_type)
        elif result.failure is not None and result.failure.status is not None:
            rules = rules_from_response(robots_url, result.failure.status, b"")
        elif result.failure is not None and result.failure.kind is FailureKind.BLOCKED_ADDRESS:
            rules = allow_all(robots_url, "unavailable")  # the pages themselves will be refused
        else:
            reason = result.failure.reason if result.failure is not None else "no answer"
            rules = rules_unavailable(robots_url, reason)
        host = urlsplit(robots_url).hostname or ""
        _delay, capped = effective_delay(self.config.delay, rules.crawl_delay, self.config.max_crawl_delay)
        wished = min(rules.crawl_delay, self.config.max_crawl_delay) if rules.crawl_delay is not None else 0.0
        if wished > self.config.delay / self.config.concurrency:
            self.politeness.set_delay(host, wished, site_requested=True)  # the site's Crawl-delay wins
        else:
            self.politeness.set_delay(host, self.config.delay, site_requested=False)
        for note in (rules.note, capped):
            if note:
                self._note(f"{host}: {note}")
        return rules

    # ----------------------------------------------------------------------------- sitemaps

    async def _seed_from_sitemaps(self, start: str) -> None:
        config = self.config
        if not config.use_sitemap or config.max_depth < 1 or config.max_sitemap_urls == 0:
            return
        rules = self.robots.get(robots_url_for(start))
        parts = urlsplit(start)
        roots = list(rules.sitemaps) if rules is not None and rules.sitemaps else []
        if not roots:
            roots = [urlunsplit((parts.scheme, parts.netloc, "/sitemap.xml", "", ""))]

        async def fetch_bytes(url: str) -> bytes | None:
            result = await self.fetcher.fetch(url, max_bytes=min(config.max_bytes, MAX_SITEMAP_BYTES))
            self._count(result)
            if result.resource is None:
                return None
            return result.resource.body

        try:
            async with asyncio.timeout(max(0.0, self._remaining())):
                harvest = await collect_sitemap_urls(
                    roots, fetch_bytes, is_same_site=self._in_scope, max_urls=config.max_sitemap_urls
                )
        except TimeoutError:
            self.limits_hit.add("time")
            return
        for note in harvest.notes:
            self._note(note)
        self.stats.sitemap_urls = len(harvest.urls)
        depth = min(2, config.max_depth)
        for url in harvest.urls:
            self._consider(url, depth, None)

    # ----------------------------------------------------------------------------- frontier

    def _analyse(self, url: str) -> _LinkInfo:
        """Scope, kind and key of a normalised URL; cached, since menus repeat on every page."""
        info = self.link_info.get(url)
        if info is None:
            clean = self.sessions.remove_from(url)
            kind = classify_url(clean)
            info = _LinkInfo(
                url=clean,
                key=url_key(clean, normalized=True),
                same_site=self.scope.is_same_site(clean),
                crawlable=is_crawlable_kind(kind),
                is_document=kind in DOCUMENT_KINDS,
            )
            if len(self.link_info) < _LINK_CACHE_SIZE:
                self.link_info[url] = info
        return info

    def _consider(self, url: str, depth: int, found_on: str | None) -> None:
        """Queue a discovered same-site URL unless it is known, too deep, media, or a trap."""
        info = self._analyse(url)
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
        hit = self.traps.check(url, found_on)
        if hit is not None:
            self.stats.skipped_traps += 1
            self.settled.add(key)
            if hit.first:
                self._record_failure(
                    PageFailure(
                        url=url, kind=FailureKind.TRAP, reason=f"{hit.reason} [{hit.pattern}]", found_on=found_on
                    )
                )
            return
        self.depth_skipped.discard(key)
        self.frontier.push(url, key, depth, found_on, is_document)

    def _next_entry(self) -> _Entry | None:
        while True:
            entry = self.frontier.pop()
            if entry is None:
                return None
            if entry.key in self.settled:
                continue
            if entry.is_document:
                if self.docs_dispatched >= self.config.max_documents:
                    self._skip_for_limit(entry, "max_documents")
                    continue
                self.docs_dispatched += 1
            else:
                if self.pages_dispatched >= self.config.max_pages:
                    self._skip_for_limit(entry, "max_pages")
                    continue
                self.pages_dispatched += 1
            self.settled.add(entry.key)
            return entry

    def _skip_for_limit(self, entry: _Entry, limit: str, reason: str | None = None) -> None:
        self.limits_hit.add(limit)
        self.settled.add(entry.key)
        self.stats.skipped_limit += 1
        self._record_failure(
            PageFailure(
                url=entry.url,
                kind=FailureKind.LIMIT,
                reason=reason or f"not fetched: the {limit} limit was reached",
                found_on=entry.found_on,
            )
        )

    async def _crawl_frontier(self) -> None:
        loop = asyncio.get_running_loop()
        capacity = self.config.concurrency * 2
        fetching: dict[asyncio.Task[FetchResult], _Entry] = {}
        extracting: _Extracting = {}
        try:
            while True:
                remaining = self.deadline - loop.time()
                if remaining <= 0:
                    self.limits_hit.add("time")
                    break
                while len(fetching) < capacity:
                    entry = self._next_entry()
                    if entry is None:
                        break
                    fetching[asyncio.create_task(self._fetch_entry(entry))] = entry
                if not fetching and not extracting:
                    break
                waiting: set[asyncio.Task[Any]] = {*fetching, *extracting}
                done, _ = await asyncio.wait(waiting, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    if task in fetching:
                        self._on_fetch_task(fetching.pop(task), task, extracting)
                    else:
                        seq, entry, resource = extracting.pop(task)
                        self._on_extracted(seq, entry, resource, task)
        finally:
            pending = [*fetching, *extracting]
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            for entry in fetching.values():
                self._skip_for_limit(entry, "time", "not fetched: the crawl time limit was reached")
            for _, entry, _ in extracting.values():
                self._skip_for_limit(entry, "time", "not read: the crawl time limit was reached")
            if "time" in self.limits_hit:
                while (entry := self.frontier.pop()) is not None:
                    if entry.key not in self.settled:
                        self._skip_for_limit(entry, "time", "not fetched: the crawl time limit was reached")

    async def _fetch_entry(self, entry: _Entry) -> FetchResult:
        url = self._rewrite(entry.url)
        body: BodyPolicy = "headers" if classify_url(url) is ResourceKind.DOC_OTHER else "full"
        return await self.fetcher.fetch(url, depth=entry.depth, found_on=entry.found_on, body=body)

    def _on_fetch_task(
        self,
        entry: _Entry,
        task: asyncio.Task[FetchResult],
        extracting: _Extracting,
    ) -> None:
        try:
            result = task.result()
        except Exception as exc:  # a bug in one fetch must not end the crawl: record it as data
            self._record_failure(
                PageFailure(
                    url=entry.url,
                    kind=FailureKind.OTHER,
                    reason=f"internal error while fetching: {type(exc).__name__}: {exc}"[:300],
                    found_on=entry.found_on,
                )
            )
            return
        self._learn_rewrites(result)
        self._count(result)
        self._on_fetched(entry, result, docs=extracting, soft_error_check=True)

    def _on_fetched(
        self,
        entry: _Entry,
        result: FetchResult,
        *,
        docs: _Extracting | None,
        soft_error_check: bool,
    ) -> None:
        seq = next(self._seq)
        for hop in result.redirect_chain:
            hop_key = url_key(hop)
            self.settled.add(hop_key)
            self.frontier.discard(hop_key)
        final_key = url_key(result.final_url)
        if final_key != entry.key:
            self.aliases[entry.url] = result.final_url
        self.settled.add(final_key)
        self.frontier.discard(final_key)
        if final_key in self.content_keys:
            return  # reached again through a redirect: already recorded
        self.content_keys.add(final_key)
        if result.failure is not None:
            if result.failure.kind is FailureKind.ROBOTS:
                self.stats.skipped_robots += 1
            self._record_failure(result.failure)
            self._progress(result.final_url, result.failure.kind.value)
            return
        resource = result.resource
        assert resource is not None
        kind = resource.kind
        if resource.body and not resource.truncated:
            # The same bytes under a second URL (``/`` and ``/index.php``, a file linked twice
            # through a download script): one page, two addresses.
            digest = hashlib.blake2b(resource.body, digest_size=16).digest()
            first = self.body_digests.setdefault(digest, resource.url)
            if first != resource.url:
                self.aliases[entry.url] = first
                return
        if kind in DOCUMENT_KINDS and not entry.is_document:
            self.pages_dispatched -= 1  # a download proxy: it spends the document budget instead
            self.docs_dispatched += 1
        if kind is ResourceKind.HTML:
            page = self._extract_page(resource, soft_error_check)
            if isinstance(page, PageFailure):
                self._record_failure(page)
                self._progress(resource.url, page.kind.value)
                return
            self._record_page(seq, page)
            if not result.left_site:
                self._follow_links(page)
            return
        if kind in DOCUMENT_KINDS and docs is not None:
            docs[asyncio.create_task(self.pool.extract(resource))] = (seq, entry, resource)
            return
        self._record_page(
            seq,
            PageContent(
                url=resource.url,
                kind=kind,
                found_on=resource.found_on,
                depth=resource.depth,
                file_name=document_file_name(resource),
                bytes=len(resource.body),
                last_modified=resource.headers_last_modified,
                requested_url=resource.requested_url if resource.requested_url != resource.url else None,
                redirect_chain=resource.redirect_chain,
            ),
        )

    def _on_extracted(
        self,
        seq: int,
        entry: _Entry,
        resource: FetchedResource,
        task: asyncio.Task[PageContent | PageFailure],
    ) -> None:
        try:
            outcome = task.result()
        except Exception as exc:  # the pool turns worker faults into failures; this is a last guard
            outcome = PageFailure(
                url=resource.url,
                kind=FailureKind.UNREADABLE_DOCUMENT,
                reason=f"internal error while reading the document: {type(exc).__name__}"[:300],
                found_on=entry.found_on,
            )
        if isinstance(outcome, PageFailure):
            self._record_failure(outcome)
            self._progress(resource.url, outcome.kind.value)
        else:
            self._record_page(seq, outcome)

    def _extract_page(self, resource: FetchedResource, soft_error_check: bool) -> PageContent | PageFailure:
        try:
            page = self.extract_html(resource, self._in_scope)
        except Exception as exc:  # hostile HTML or an extractor bug: one page, not the crawl
            return PageFailure(
                url=resource.url,
                kind=FailureKind.OTHER,
                reason=f"the page could not be read: {type(exc).__name__}: {exc}"[:300],
                status=resource.status,
                found_on=resource.found_on,
            )
        page = page.model_copy(
            update={
                "found_on": resource.found_on,
                "depth": resource.depth,
                "last_modified": page.last_modified or resource.headers_last_modified,
                "bytes": page.bytes or len(resource.body),
                "requested_url": resource.requested_url if resource.requested_url != resource.url else None,
                "redirect_chain": resource.redirect_chain,
                "truncated": resource.truncated,
                # menus and footers repeat on every page: keep one object per distinct link/image
                "links": tuple(self._shared.setdefault(link, link) for link in page.links),
                "images": tuple(self._shared.setdefault(image, image) for image in page.images),
            }
        )
        if soft_error_check and self._is_error_page(page):
            return PageFailure(
                url=resource.url,
                kind=FailureKind.ERROR_PAGE,
                reason="the page answers 200 OK but says it was not found",
                status=resource.status,
                found_on=resource.found_on,
            )
        return page

    def _is_error_page(self, page: PageContent) -> bool:
        if len(page.text.strip()) > self.config.error_page_max_chars:
            return False
        text = f"{page.title}\n{page.text}".lower()
        return any(marker.lower() in text for marker in self.config.error_page_markers)

    def _follow_links(self, page: PageContent) -> None:
        urls: list[str] = []
        with_query: list[str] = []
        for link in page.links:
            url = self.normalized.get(link.url)
            if url is None:
                url = normalize_url(link.url)
                if url is None:
                    continue
                if len(self.normalized) < _LINK_CACHE_SIZE:
                    self.normalized[link.url] = url
            if link.kind not in FOLLOW_LINK_KINDS:
                info = self._analyse(url)
                if not info.same_site:
                    self.offsite.add(info.key)
                continue
            urls.append(url)
            if "?" in url:
                with_query.append(url)
        if with_query:
            learned = self.sessions.observe([u for u in with_query if self._analyse(u).same_site])
            if learned:
                self.link_info.clear()  # cached entries still carry the session parameter
                self._note(f"session-id parameters learned from links and dropped: {', '.join(sorted(learned))}")
        for url in urls:
            self._consider(url, page.depth + 1, page.url)

    # ------------------------------------------------------------------------------ helpers

    def _rewrite(self, url: str) -> str:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        target = self.rewrites.get(origin)
        if target is None:
            return url
        return target + url[len(origin) :]

    def _learn_rewrites(self, result: FetchResult) -> None:
        """Learn ``http -> https`` and ``bare -> www`` redirects that keep the path, to skip them next time.

        Agency pages hard-code ``http://www.x.go.th/...`` links on ``https://x.go.th`` sites; without
        this, every such link costs a redirect round-trip and a politeness delay.
        """
        hops = [*result.redirect_chain, result.final_url]
        for source, target in itertools.pairwise(hops):
            a, b = urlsplit(source), urlsplit(target)
            if (a.path, a.query) != (b.path, b.query) or (a.scheme, a.netloc) == (b.scheme, b.netloc):
                continue
            if site_host(a.hostname or "") == site_host(b.hostname or "") and a.port == b.port:
                self.rewrites[f"{a.scheme}://{a.netloc}"] = f"{b.scheme}://{b.netloc}"

    def _count(self, result: FetchResult) -> None:
        self.stats.requests += result.requests
        self.stats.retries += result.retries
        self.stats.bytes += result.bytes

    def _record_page(self, seq: int, page: PageContent) -> None:
        self.pages.append((seq, page))
        if page.kind is ResourceKind.HTML:
            self.stats.pages += 1
        else:
            self.stats.documents += 1
        if page.truncated:
            self.stats.truncated += 1
        self._progress(page.url, page.kind.value)

    def _record_failure(self, failure: PageFailure) -> None:
        self.kind_counts[failure.kind.value] += 1
        if failure.kind in (FailureKind.LIMIT, FailureKind.ROBOTS):
            self.recorded[failure.kind] += 1
            if self.recorded[failure.kind] > MAX_RECORDED_SKIPS:
                return
        if failure.kind is FailureKind.TOO_LARGE:
            self.stats.truncated += 1
        self.failures.append(failure)

    def _note(self, note: str) -> None:
        if note not in self.stats.notes:
            self.stats.notes.append(note)

    def _progress(self, url: str, message: str) -> None:
        if self.on_progress is not None:
            self.on_progress(
                ProgressEvent(
                    stage="crawl",
                    done=self.stats.pages + self.stats.documents,
                    total=self.config.max_pages,
                    message=message,
                    url=url,
                )
            )

    def _finish_stats(self) -> None:
        stats = self.stats
        stats.errors_by_kind = dict(sorted(self.kind_counts.items()))
        stats.errors = sum(n for kind, n in self.kind_counts.items() if FailureKind(kind) in SITE_ERROR_KINDS)
        stats.skipped_offsite = len(self.offsite)
        stats.stopped_by = next((limit for limit in _STOP_ORDER if limit in self.limits_hit), None)
        stats.delay_seconds = self.politeness.gate(self.start_host).delay if self.start_host else None
        if self.depth_skipped:
            stats.skipped_limit += len(self.depth_skipped)
            self._note(
                f"{len(self.depth_skipped)} links deeper than max_depth={self.config.max_depth} were not followed"
            )
        for kind, count in self.recorded.items():
            if count > MAX_RECORDED_SKIPS:
                self._note(f"{count} URLs skipped ({kind.value}); the first {MAX_RECORDED_SKIPS} are listed")


# -------------------------------------------------------------------------------- start helpers


def _start_candidates(text: str) -> list[str]:
    """The URLs to try for what the user typed: as given, or https then http when no scheme."""
    raw = text.strip()
    if "://" not in raw:
        candidates = [normalize_url("https://" + raw), normalize_url("http://" + raw)]
    else:
        candidates = [normalize_url(raw)]
    valid = [c for c in candidates if c is not None]
    if not valid:
        raise ScanFailed(
            f"ที่อยู่เว็บไซต์ไม่ถูกต้อง / Not a valid web address: {text!r}",
            hint="ใส่ที่อยู่แบบ https://www.example.go.th/ / Use an address like https://www.example.go.th/.",
        )
    return valid


_START_MESSAGES: dict[FailureKind, tuple[str, str, str]] = {
    FailureKind.CONNECT: (
        "เชื่อมต่อเว็บไซต์ไม่ได้",
        "The site could not be reached",
        "ตรวจสอบที่อยู่และการเชื่อมต่ออินเทอร์เน็ต ลองสลับ http:// กับ https:// / "
        "Check the address and the connection; try http:// instead of https:// or the reverse.",
    ),
    FailureKind.TIMEOUT: (
        "เว็บไซต์ไม่ตอบสนองภายในเวลาที่กำหนด",
        "The site did not answer in time",
        "ลองใหม่ภายหลัง หรือเพิ่มเวลารอ (timeout) / Try again later or raise the timeout.",
    ),
    FailureKind.BLOCKED_ADDRESS: (
        "ที่อยู่นี้เป็นเครือข่ายภายในซึ่งไม่อนุญาตให้ตรวจ",
        "The start URL points to a private network address, which is not allowed",
        "อนุญาตเครือข่ายภายในด้วยตัวเลือก allow_private / Allow it with the allow_private option.",
    ),
    FailureKind.ROBOTS: (
        "ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจหน้านี้",
        "The site's robots.txt disallows the start URL",
        "ผู้ดูแลเว็บไซต์อนุญาต oit-check ใน robots.txt หรือปิดการเคารพ robots.txt (respect_robots) / "
        "Allow oit-check in robots.txt, or turn respect_robots off for your own site.",
    ),
    FailureKind.LOGIN_REQUIRED: (
        "หน้าแรกต้องเข้าสู่ระบบก่อน",
        "The start page requires a login",
        "ข้อมูลตาม OIT ต้องเปิดเผยโดยไม่ต้องเข้าสู่ระบบ / OIT information must be public without a login.",
    ),
    FailureKind.NOT_FOUND: (
        "ไม่พบหน้าแรกที่ระบุ",
        "The start page was not found",
        "ตรวจสอบที่อยู่เว็บไซต์ / Check the address.",
    ),
    FailureKind.REDIRECT_LOOP: (
        "หน้าแรกเปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด",
        "The start page redirects in a loop",
        "ตรวจสอบการตั้งค่า redirect ของเว็บเซิร์ฟเวอร์ / Check the web server's redirect rules.",
    ),
    FailureKind.TOO_MANY_REDIRECTS: (
        "หน้าแรกเปลี่ยนเส้นทางหลายครั้งเกินไป",
        "The start page redirects too many times",
        "ตรวจสอบการตั้งค่า redirect ของเว็บเซิร์ฟเวอร์ / Check the web server's redirect rules.",
    ),
}


def _start_failed(url: str, failure: PageFailure) -> ScanFailed:
    thai, english, hint = _START_MESSAGES.get(
        failure.kind,
        (
            "เปิดหน้าแรกของเว็บไซต์ไม่ได้",
            "The start page could not be fetched",
            "ลองเปิดหน้าเว็บในเบราว์เซอร์ / Check the page in a browser.",
        ),
    )
    return ScanFailed(f"{thai} / {english}: {url} ({failure.reason})", hint=hint)
