"""``scan()``: crawl (with extract) -> assess (index, match, judge) -> ScanResult. Read this module first.

A library function with no global state whose result is plain data (``ScanResult``), so the CLI,
the web app and nightly batch scans all build on it. It never prints: progress goes to the
``on_progress`` callback. A fault on one page is a ``PageFailure`` in the result; only a start
URL that cannot be fetched at all raises ``ScanFailed``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import httpx

from oit_check._version import __version__
from oit_check.assess import (
    PhraseIndex,
    index_site,
    judge_context,
    judge_site,
    match_site,
    offsite_targets,
    scan_warnings,
    summarise,
)
from oit_check.checklist.schema import Checklist
from oit_check.config import ScanConfig
from oit_check.crawl import crawl, open_offsite
from oit_check.extract.html import extract_html
from oit_check.models import ScanResult, Timings
from oit_check.progress import ProgressEvent
from oit_check.thai.fiscal import fiscal_year_of

ProgressCallback = Callable[[ProgressEvent], None]


def scan(
    start_url: str,
    checklist: Checklist,
    config: ScanConfig,
    *,
    on_progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> ScanResult:
    """Crawl ``start_url`` and judge every checklist item (runs its own event loop)."""
    holder: list[ScanResult] = []

    async def run() -> None:
        # The result travels through a list, not as the task's value: on Python 3.11 asyncio.run()
        # formats a finished task's value on exit, which costs seconds for a large report.
        holder.append(await scan_async(start_url, checklist, config, on_progress=on_progress, transport=transport))

    asyncio.run(run())
    return holder[0]


async def scan_async(
    start_url: str,
    checklist: Checklist,
    config: ScanConfig,
    *,
    on_progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> ScanResult:
    """``scan`` for callers that already run an event loop (the web app)."""
    with _fewer_gc_passes():
        return await _scan(start_url, checklist, config, on_progress=on_progress, transport=transport)


@contextlib.contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Collect young objects less often during a scan, then restore the interpreter's setting.

    A scan builds hundreds of thousands of small long-lived objects (links of every page); with
    the default gen-0 threshold (700) the collector rescans them constantly: measured 0.5 ms of
    the 3.2 ms per page of extraction on the 2,000-page benchmark. Cycles are still collected.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


async def _scan(
    start_url: str,
    checklist: Checklist,
    config: ScanConfig,
    *,
    on_progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> ScanResult:
    notify = on_progress or (lambda _event: None)
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    as_of = config.as_of or date.today()
    fiscal_year = config.fiscal_year or fiscal_year_of(as_of)
    notify(ProgressEvent("start", 0, config.crawl.max_pages, start_url, start_url))

    # the checklist's soft-404 wording joins the crawler's defaults (config.DEFAULT_ERROR_PAGE_MARKERS)
    markers = tuple(dict.fromkeys((*config.crawl.error_page_markers, *checklist.error_page_markers)))
    crawl_config = config.crawl.model_copy(update={"error_page_markers": markers})
    outcome = await crawl(
        start_url,
        crawl_config,
        extract_html=extract_html,
        transport=transport,
        on_progress=notify,
        version=__version__,
    )
    t_crawl = time.perf_counter() - t0

    # Concurrent fetches finish in any order; judging in a fixed order (depth, then URL) makes the
    # same site give the same report on every run, which nightly diffs depend on.
    pages = sorted(outcome.pages, key=lambda page: (page.depth, page.url))
    failures = sorted(outcome.failures, key=lambda failure: failure.url)
    # a crawl cut short by a limit may not have fetched the page that links a sitemap-only find
    complete = outcome.stats.stopped_by is None and outcome.stats.skipped_limit == 0
    site = index_site(pages, failures, outcome.aliases, complete=complete)
    phrases = PhraseIndex(checklist)
    matches = match_site(checklist, site.pages, phrases)
    # evidence the agency links on another host is opened one hop deep, as an assessor would
    targets = offsite_targets(checklist, matches, site.page_map) if crawl_config.open_offsite else []
    if targets:
        notify(ProgressEvent("crawl", 0, len(targets), "opening off-site evidence"))
        extra_pages, extra_failures = await open_offsite(
            targets,
            crawl_config,
            extract_html=extract_html,
            transport=transport,
            version=__version__,
            seconds=max(1.0, crawl_config.max_seconds - (time.perf_counter() - t0)),
        )
        pages = [*pages, *sorted(extra_pages, key=lambda page: page.url)]
        failures = sorted([*failures, *extra_failures], key=lambda failure: failure.url)
        site = index_site(pages, failures, outcome.aliases, complete=complete)
    items = judge_site(judge_context(checklist, site, phrases, fiscal_year, as_of), matches)
    notify(ProgressEvent("match", len(items), len(items), "items decided"))
    t_total = time.perf_counter() - t0
    summary = summarise(items)
    notify(ProgressEvent("done", len(items), len(items), "done"))
    return ScanResult(
        tool_version=__version__,
        start_url=start_url,
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        fiscal_year=fiscal_year,
        as_of=as_of,
        timings=Timings(
            started_at=started,
            finished_at=datetime.now(UTC),
            crawl_seconds=round(t_crawl, 3),
            match_seconds=round(t_total - t_crawl, 3),
            total_seconds=round(t_total, 3),
        ),
        crawl=outcome.stats,
        items=items,
        summary=summary,
        failures=failures,
        index_pages=matches.index_pages,
        warnings=scan_warnings(items, matches),
    )
