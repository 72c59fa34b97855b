"""The crawl stage: start URL -> HTML pages and documents of one agency site, within limits.

``crawl()`` is breadth-first by depth (pages before documents at each depth), asynchronous
(``httpx.AsyncClient``), polite (per-host gates, robots.txt and its Crawl-delay, an honest
User-Agent) and bounded (pages, documents, depth, bytes per response, total seconds). This module
is the dispatch loop; the package's other modules are its parts:

* ``start``: what to try for the typed URL; ``scheduler`` + ``frontier``: URL admission and order
* ``fetch``: one URL, redirects hop by hop, retries, size limits, status -> outcome
* ``netguard``: no private/loopback targets, checked on every hop
* ``robots_gate`` / ``robots`` / ``sitemap``: rules, delay and seed URLs
* ``politeness``: per-host concurrency and spacing; ``traps``: endless URL spaces
* ``recorder``: pages, failures, counters and progress events as they are produced
* ``extract.docpool`` (another stage): document text extraction in worker processes

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
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from oit_check.config import DEFAULT_USER_AGENT, CrawlConfig
from oit_check.crawl.fetch import BodyPolicy, Fetcher, FetchResult
from oit_check.crawl.frontier import Entry
from oit_check.crawl.netguard import NetGuard, Resolver, decide_allow_private
from oit_check.crawl.outcome import CrawlOutcome, ExtractHtml
from oit_check.crawl.pages import PageReader
from oit_check.crawl.politeness import Politeness
from oit_check.crawl.recorder import Recorder
from oit_check.crawl.rewrites import RewriteMap
from oit_check.crawl.robots import robots_url_for
from oit_check.crawl.robots_gate import RobotsGate
from oit_check.crawl.scheduler import LINK_CACHE_SIZE, Scheduler
from oit_check.crawl.sitemap import MAX_SITEMAP_BYTES, collect_sitemap_urls
from oit_check.crawl.start import start_candidates, start_failed
from oit_check.errors import ScanFailed
from oit_check.extract.docpool import DocumentPool, Extractor
from oit_check.extract.doctext import DocumentLimits
from oit_check.extract.documents import document_file_name
from oit_check.models import (
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
    normalize_url,
    url_key,
)

FOLLOW_LINK_KINDS = frozenset({LinkKind.ANCHOR, LinkKind.IFRAME, LinkKind.EMBED})
"""Links the crawler follows: anchors, and iframes/embeds/frames (Google-Drive-style document viewers)."""
_Extracting = dict["asyncio.Task[PageContent | PageFailure]", tuple[int, "Entry", FetchedResource]]


@dataclass(repr=False)
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
            limits=DocumentLimits(
                max_chars=config.max_document_chars,
                max_pages=config.max_document_pages,
                ocr_pages=config.ocr_pages,
                ocr_cache_dir=config.ocr_cache_dir,
            ),
            extractor=document_extractor,
        )
        self.politeness = Politeness(config.concurrency, config.delay)
        self.recorder = Recorder(config.max_pages, on_progress)
        self.scheduler = Scheduler(config, self.recorder)
        self.robots = RobotsGate(config, self.politeness, self.recorder)
        self.aliases: dict[str, str] = {}
        self.pages = PageReader(extract_html, config.error_page_markers, config.error_page_max_chars)
        self.content_keys: set[str] = set()  # final-URL keys that produced content or a failure
        self.rewrites = RewriteMap()
        self.normalized: dict[str, str] = {}  # link URL as extracted -> normalised
        self.body_digests: dict[bytes, str] = {}
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
        candidates = start_candidates(start_url)
        allow_private = await decide_allow_private(candidates[0], self.config.allow_private, self.resolver)
        guard = NetGuard(allow_private=allow_private, resolver=self.resolver)
        self.scheduler.scope = SiteScope.for_start(
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
        self._fetcher = self.robots.fetcher = Fetcher(
            client,
            self.config,
            guard=guard,
            politeness=self.politeness,
            deadline=self.deadline,
            is_same_site=self._in_scope,
            robots_allows=self.robots.allows if self.config.respect_robots else None,
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
            await self.robots.close()
            await client.aclose()
            self.pool.close(kill=aborted or "time" in self.recorder.limits_hit)
        stats = self.recorder.finish(
            offsite=len(self.scheduler.offsite),
            depth_skipped=len(self.scheduler.depth_skipped),
            max_depth=self.config.max_depth,
            delay=self.politeness.gate(self.start_host).delay if self.start_host else None,
        )
        self.recorder.pages.sort(key=lambda item: item[0])
        return CrawlOutcome(
            pages=[page for _, page in self.recorder.pages],
            failures=self.recorder.failures,
            stats=stats,
            start_url=final_start,
            aliases=self.aliases,
        )

    def _in_scope(self, url: str) -> bool:
        return self.scheduler.scope.is_same_site(url)

    def _remaining(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()

    # -------------------------------------------------------------------------------- start

    async def _start(self, candidates: list[str]) -> str:
        for index, candidate in enumerate(candidates):
            try:
                async with asyncio.timeout(max(0.0, self._remaining())):
                    result = await self.fetcher.fetch(candidate, depth=0)
            except TimeoutError:
                raise start_failed(
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
                raise start_failed(candidate, result.failure)
            resource = result.resource
            assert resource is not None
            if resource.kind is not ResourceKind.HTML:
                raise ScanFailed(
                    f"ที่อยู่เริ่มต้นไม่ใช่หน้าเว็บ (ได้ไฟล์ประเภท {resource.kind.value}) / "
                    f"The start URL is not a web page (got {resource.kind.value}: {resource.content_type or '?'})",
                    hint="ใส่ที่อยู่หน้าแรกของเว็บไซต์หน่วยงาน / Give the address of the agency's home page.",
                )
            final = resource.url
            if not self.scheduler.scope.is_same_site(final):  # the site moved to a new host: crawl it there
                self.scheduler.scope = self.scheduler.scope.with_url(final)
                self.scheduler.link_info.clear()
            self.start_host = urlsplit(final).hostname or self.start_host
            self.rewrites.learn(result.redirect_chain, result.final_url)
            entry = Entry(candidate, url_key(candidate), 0, None, False, -1)
            self.scheduler.pages_dispatched += 1
            self.scheduler.settled.add(entry.key)
            self._on_fetched(entry, result, docs=None, soft_error_check=False)
            if not self.recorder.pages:
                failure = self.recorder.failures[-1] if self.recorder.failures else None
                raise ScanFailed(
                    "อ่านหน้าแรกของเว็บไซต์ไม่ได้ / The start page could not be read"
                    + (f": {failure.reason}" if failure else ""),
                    hint="ลองเปิดหน้าเว็บในเบราว์เซอร์ / Check the page in a browser.",
                )
            if self.config.respect_robots:
                await self.robots.rules(robots_url_for(final))
            return final
        raise AssertionError("unreachable: _start_candidates never returns an empty list")

    # ----------------------------------------------------------------------------- sitemaps

    async def _seed_from_sitemaps(self, start: str) -> None:
        config = self.config
        if not config.use_sitemap or config.max_depth < 1 or config.max_sitemap_urls == 0:
            return
        rules = self.robots.cached(robots_url_for(start))
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
            self.recorder.limits_hit.add("time")
            return
        for note in harvest.notes:
            self.recorder.note(note)
        self.recorder.stats.sitemap_urls = len(harvest.urls)
        depth = min(2, config.max_depth)
        for url in harvest.urls:
            self.scheduler.consider(url, depth, None)

    # ----------------------------------------------------------------------------- frontier

    async def _crawl_frontier(self) -> None:
        loop = asyncio.get_running_loop()
        capacity = self.config.concurrency * 2
        fetching: dict[asyncio.Task[FetchResult], Entry] = {}
        extracting: _Extracting = {}
        try:
            while True:
                remaining = self.deadline - loop.time()
                if remaining <= 0:
                    self.recorder.limits_hit.add("time")
                    break
                while len(fetching) < capacity:
                    entry = self.scheduler.next_entry()
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
                self.scheduler.skip_for_limit(entry, "time", "not fetched: the crawl time limit was reached")
            for _, entry, _ in extracting.values():
                self.scheduler.skip_for_limit(entry, "time", "not read: the crawl time limit was reached")
            if "time" in self.recorder.limits_hit:
                self.scheduler.skip_queued_for_time()

    async def _fetch_entry(self, entry: Entry) -> FetchResult:
        url = self.rewrites.apply(entry.url)
        body: BodyPolicy = "headers" if classify_url(url) is ResourceKind.DOC_OTHER else "full"
        return await self.fetcher.fetch(url, depth=entry.depth, found_on=entry.found_on, body=body)

    def _on_fetch_task(
        self,
        entry: Entry,
        task: asyncio.Task[FetchResult],
        extracting: _Extracting,
    ) -> None:
        try:
            result = task.result()
        except Exception as exc:  # a bug in one fetch must not end the crawl: record it as data
            self.recorder.failure(
                PageFailure(
                    url=entry.url,
                    kind=FailureKind.OTHER,
                    reason=f"internal error while fetching: {type(exc).__name__}: {exc}"[:300],
                    found_on=entry.found_on,
                )
            )
            return
        self.rewrites.learn(result.redirect_chain, result.final_url)
        self._count(result)
        self._on_fetched(entry, result, docs=extracting, soft_error_check=True)

    def _on_fetched(
        self,
        entry: Entry,
        result: FetchResult,
        *,
        docs: _Extracting | None,
        soft_error_check: bool,
    ) -> None:
        seq = next(self._seq)
        for hop in result.redirect_chain:
            hop_key = url_key(hop)
            self.scheduler.settle_reached(hop_key)
        final_key = url_key(result.final_url)
        if final_key != entry.key:
            self.aliases[entry.url] = result.final_url
        self.scheduler.settle_reached(final_key)
        if final_key in self.content_keys:
            return  # reached again through a redirect: already recorded
        self.content_keys.add(final_key)
        if result.failure is not None:
            if result.failure.kind is FailureKind.ROBOTS:
                self.recorder.stats.skipped_robots += 1
            self.recorder.failure(result.failure)
            self.recorder.progress(result.final_url, result.failure.kind.value)
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
            self.scheduler.pages_dispatched -= 1  # a download proxy: it spends the document budget instead
            self.scheduler.docs_dispatched += 1
        if kind is ResourceKind.HTML:
            page = self.pages.read(resource, self._in_scope, soft_error_check=soft_error_check)
            if isinstance(page, PageFailure):
                self.recorder.failure(page)
                self.recorder.progress(resource.url, page.kind.value)
                return
            self.recorder.page(seq, page)
            if not result.left_site:
                self._follow_links(page)
            return
        if kind in DOCUMENT_KINDS and docs is not None:
            docs[asyncio.create_task(self.pool.extract(resource))] = (seq, entry, resource)
            return
        self.recorder.page(
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
        entry: Entry,
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
            self.recorder.failure(outcome)
            self.recorder.progress(resource.url, outcome.kind.value)
        else:
            self.recorder.page(seq, outcome)

    def _follow_links(self, page: PageContent) -> None:
        urls: list[str] = []
        with_query: list[str] = []
        for link in page.links:
            url = self.normalized.get(link.url)
            if url is None:
                url = normalize_url(link.url)
                if url is None:
                    continue
                if len(self.normalized) < LINK_CACHE_SIZE:
                    self.normalized[link.url] = url
            if link.kind not in FOLLOW_LINK_KINDS:
                info = self.scheduler.analyse(url)
                if not info.same_site:
                    self.scheduler.offsite.add(info.key)
                continue
            urls.append(url)
            if "?" in url:
                with_query.append(url)
        if with_query:
            learned = self.scheduler.sessions.observe([u for u in with_query if self.scheduler.analyse(u).same_site])
            if learned:
                self.scheduler.link_info.clear()  # cached entries still carry the session parameter
                self.recorder.note(
                    f"session-id parameters learned from links and dropped: {', '.join(sorted(learned))}"
                )
        for url in urls:
            self.scheduler.consider(url, page.depth + 1, page.url)

    # ------------------------------------------------------------------------------ helpers

    def _count(self, result: FetchResult) -> None:
        self.recorder.count(result.requests, result.retries, result.bytes)
