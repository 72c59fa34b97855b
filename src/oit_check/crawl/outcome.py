"""What the crawl stage hands on: ``CrawlOutcome``, and the shape of the HTML extractor it is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from oit_check.models import CrawlStats, FetchedResource, PageContent, PageFailure

ExtractHtml = Callable[[FetchedResource, Callable[[str], bool]], PageContent]
"""``(resource, is_same_site) -> PageContent`` with absolute, de-duplicated links."""


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
