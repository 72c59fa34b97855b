"""Stage 1, the crawl: start URL -> the pages, documents and failures of one agency site.

``crawl()`` is the stage's one entry point; ``engine`` runs it and the other modules are its parts
(see ``engine``'s docstring). The crawl never judges anything: ``assess`` does, from the outcome.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from oit_check.config import CrawlConfig
from oit_check.crawl.engine import _Crawl
from oit_check.crawl.netguard import Resolver, system_resolver
from oit_check.crawl.offsite import open_offsite
from oit_check.crawl.outcome import CrawlOutcome, ExtractHtml
from oit_check.extract.docpool import Extractor
from oit_check.extract.documents import extract_document
from oit_check.progress import ProgressEvent

__all__ = ["CrawlOutcome", "ExtractHtml", "crawl", "open_offsite"]


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


# --------------------------------------------------------------------------------------- crawl
