"""Open evidence that the agency links on another host, one hop deep, as an assessor would click it.

A Google Drive file, a ministry's page, a OneDrive folder: the agency's ITA page links it, so the
assessor opens it and judges what it shows. The crawl never follows off-site links; after matching,
the pipeline hands the off-site targets of candidates here. Each is fetched once (redirects
followed hop by hop, the same network guard against private addresses, the same per-host
politeness and limits) and read like any page or document; its own links are never followed. A
target that cannot be opened becomes a ``PageFailure``, which caps its item at partial ("open it
and check") in the judge.
"""

from __future__ import annotations

import asyncio

import httpx

from oit_check.config import DEFAULT_USER_AGENT, CrawlConfig
from oit_check.crawl.fetch import Fetcher
from oit_check.crawl.netguard import NetGuard, Resolver, system_resolver
from oit_check.crawl.outcome import ExtractHtml
from oit_check.crawl.politeness import Politeness
from oit_check.extract.doctext import DocumentLimits
from oit_check.extract.documents import extract_document
from oit_check.models import FailureKind, PageContent, PageFailure, ResourceKind
from oit_check.urls import DOCUMENT_KINDS

MAX_OFFSITE = 60
"""Off-site targets opened per scan at most (an ITA page rarely links more; a link farm links many)."""


async def open_offsite(
    urls: list[str],
    config: CrawlConfig,
    *,
    extract_html: ExtractHtml,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
    version: str = "0.1.0",
    seconds: float | None = None,
) -> tuple[list[PageContent], list[PageFailure]]:
    """Fetch and read each URL once; (pages read, failures). Never raises for a bad target."""
    pages: list[PageContent] = []
    failures: list[PageFailure] = []
    todo = list(dict.fromkeys(urls))[:MAX_OFFSITE]
    if not todo:
        return pages, failures
    loop = asyncio.get_running_loop()
    budget = seconds if seconds is not None else config.max_seconds
    deadline = loop.time() + max(1.0, budget)
    guard = NetGuard(allow_private=bool(config.allow_private), resolver=resolver or system_resolver)
    headers = {"User-Agent": config.user_agent or DEFAULT_USER_AGENT.format(version=version)}
    limits = DocumentLimits(
        max_chars=config.max_document_chars,
        max_pages=config.max_document_pages,
        ocr_pages=config.ocr_pages,
        ocr_cache_dir=config.ocr_cache_dir,
    )
    async with httpx.AsyncClient(
        transport=transport, follow_redirects=False, timeout=httpx.Timeout(config.timeout), headers=headers
    ) as client:
        fetcher = Fetcher(
            client,
            config,
            guard=guard,
            politeness=Politeness(config.concurrency, config.delay),
            deadline=deadline,
            is_same_site=lambda _url: False,
            robots_allows=None,  # one click by a person, on the agency's behalf: not a crawl
        )
        for url in todo:
            if loop.time() >= deadline:
                failures.append(
                    PageFailure(url=url, kind=FailureKind.LIMIT, reason="not opened: the time limit was reached")
                )
                continue
            try:
                result = await fetcher.fetch(url)
            except Exception as exc:  # a bug on one target must not end the scan
                failures.append(
                    PageFailure(url=url, kind=FailureKind.OTHER, reason=f"{type(exc).__name__}: {exc}"[:300])
                )
                continue
            if result.failure is not None:
                failures.append(result.failure.model_copy(update={"url": url}))
                continue
            resource = result.resource
            assert resource is not None
            try:
                if resource.kind is ResourceKind.HTML:
                    content: PageContent | PageFailure = extract_html(resource, lambda _u: False)
                elif resource.kind in DOCUMENT_KINDS:
                    content = await asyncio.to_thread(extract_document, resource, limits)
                else:
                    continue
            except Exception as exc:  # hostile content: one target, not the scan
                content = _failure(url, FailureKind.OTHER, f"{type(exc).__name__}: {exc}")
            if isinstance(content, PageFailure):
                failures.append(content)
            else:
                pages.append(content.model_copy(update={"requested_url": url if url != content.url else None}))
    return pages, failures


def _failure(url: str, kind: FailureKind, reason: str) -> PageFailure:
    return PageFailure(url=url, kind=kind, reason=reason[:300])
