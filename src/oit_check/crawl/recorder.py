"""What one crawl produced, as it is produced: pages, failures, counters, notes and progress events.

Every outcome of the crawl passes through ``Recorder``: a page, a failure (LIMIT and ROBOTS skips
are listed up to ``MAX_RECORDED_SKIPS`` each, then only counted), a request count, a note. It also
holds the set of limits that stopped work, so ``finish()`` can say which one ended the crawl.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from oit_check.models import CrawlStats, FailureKind, PageContent, PageFailure, ResourceKind
from oit_check.progress import ProgressEvent

MAX_RECORDED_SKIPS = 500
"""LIMIT and ROBOTS failures recorded one by one, per kind; beyond this they are only counted."""
SITE_ERROR_KINDS = frozenset(FailureKind) - {
    FailureKind.ROBOTS,
    FailureKind.LIMIT,
    FailureKind.TRAP,
    FailureKind.UNSAFE,
}
"""Failures that are faults of the site (counted in ``stats.errors``); robots/limit/trap skips are not."""
STOP_ORDER = ("time", "max_pages", "max_documents")
"""When several limits were hit, the first of these is reported as ``stats.stopped_by``."""


class Recorder:
    """Pages, failures and statistics of one crawl, in the order they were produced."""

    def __init__(self, max_pages: int, on_progress: Callable[[ProgressEvent], None] | None) -> None:
        self.stats = CrawlStats()
        self.pages: list[tuple[int, PageContent]] = []
        self.failures: list[PageFailure] = []
        self.limits_hit: set[str] = set()
        self._kind_counts: Counter[str] = Counter()
        self._recorded: Counter[FailureKind] = Counter()
        self._max_pages = max_pages
        self._on_progress = on_progress

    def count(self, requests: int, retries: int, nbytes: int) -> None:
        """Add one fetch's requests, retries and bytes to the totals."""
        self.stats.requests += requests
        self.stats.retries += retries
        self.stats.bytes += nbytes

    def page(self, seq: int, page: PageContent) -> None:
        """Record a page or document (``seq`` is its fetch order)."""
        self.pages.append((seq, page))
        if page.kind is ResourceKind.HTML:
            self.stats.pages += 1
        else:
            self.stats.documents += 1
        if page.truncated:
            self.stats.truncated += 1
        self.progress(page.url, page.kind.value)

    def failure(self, failure: PageFailure) -> None:
        """Record a URL that yielded nothing (skips beyond ``MAX_RECORDED_SKIPS`` are only counted)."""
        self._kind_counts[failure.kind.value] += 1
        if failure.kind in (FailureKind.LIMIT, FailureKind.ROBOTS):
            self._recorded[failure.kind] += 1
            if self._recorded[failure.kind] > MAX_RECORDED_SKIPS:
                return
        if failure.kind is FailureKind.TOO_LARGE:
            self.stats.truncated += 1
        self.failures.append(failure)

    def note(self, note: str) -> None:
        """Add a note to the crawl statistics once."""
        if note not in self.stats.notes:
            self.stats.notes.append(note)

    def progress(self, url: str, message: str) -> None:
        """Tell the progress callback, if any, that ``url`` was handled."""
        if self._on_progress is not None:
            self._on_progress(
                ProgressEvent(
                    stage="crawl",
                    done=self.stats.pages + self.stats.documents,
                    total=self._max_pages,
                    message=message,
                    url=url,
                )
            )

    def finish(self, *, offsite: int, depth_skipped: int, max_depth: int, delay: float | None) -> CrawlStats:
        """Complete the statistics once the crawl is over and return them."""
        stats = self.stats
        stats.errors_by_kind = dict(sorted(self._kind_counts.items()))
        stats.errors = sum(n for kind, n in self._kind_counts.items() if FailureKind(kind) in SITE_ERROR_KINDS)
        stats.skipped_offsite = offsite
        stats.stopped_by = next((limit for limit in STOP_ORDER if limit in self.limits_hit), None)
        stats.delay_seconds = delay
        if depth_skipped:
            stats.skipped_limit += depth_skipped
            self.note(f"{depth_skipped} links deeper than max_depth={max_depth} were not followed")
        for kind, count in self._recorded.items():
            if count > MAX_RECORDED_SKIPS:
                self.note(f"{count} URLs skipped ({kind.value}); the first {MAX_RECORDED_SKIPS} are listed")
        return stats
