"""What the judge and the explainer share: the site as the judge sees it, and one judged candidate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from oit_check.assess.bundle import DateFinder
from oit_check.assess.freshness import Freshness
from oit_check.assess.match import Candidate
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist.schema import Checklist
from oit_check.models import DateSeen, Evidence, Link, PageContent, PageFailure, Verdict


@dataclass
class Outcome:
    """One candidate judged."""

    candidate: Candidate
    verdict: Verdict
    evidence: Evidence
    missing: list[tuple[str, str]] = field(default_factory=list)  # (th, en) labels
    unverified: list[tuple[str, str]] = field(default_factory=list)
    freshness: Freshness | None = None
    dates: list[DateSeen] = field(default_factory=list)
    uncrawled: bool = False  # a same-site target we did not fetch (robots.txt, a crawl limit)
    failure: PageFailure | None = None
    failed_docs: int = 0
    dropped: str | None = None  # "mention", "placeholder", "description", "nowhere", "unconfirmed", "wrong_kind"
    unread: str | None = None  # "scan", "glyphs", "offsite:<why>": the evidence itself could not be read
    ocr: bool = False  # the evidence was read by OCR
    index_miss: str | None = None  # found elsewhere, but the ITA index row for the item links this URL instead
    index_nowhere: bool = False  # found elsewhere, but the item's row on a working ITA index links nowhere

    @property
    def mention(self) -> bool:
        """A passing mention or a placeholder page: reported when nothing better exists."""
        return self.dropped in ("mention", "placeholder", "description", "nowhere")


@dataclass(frozen=True)
class JudgeContext:
    """What every item needs: the site's pages and failures, the assessed year, the date reader."""

    checklist: Checklist
    phrases: PhraseIndex
    pages: Mapping[str, PageContent]
    failures: Mapping[str, PageFailure]
    fiscal_year: int
    as_of: date
    find_dates: DateFinder
    text_keys: dict[str, str] = field(default_factory=dict)  # url -> match key of its text, per run
    date_cache: dict[tuple[str, str], list[DateSeen]] = field(default_factory=dict)  # (text, place) -> dates
    chrome_lines: frozenset[str] = frozenset()  # menu labels repeated across the site
    repeated_lines: frozenset[str] = frozenset()  # text lines repeated across the site (footer, sidebar)
    repeated_images: frozenset[str] = frozenset()  # image keys repeated across the site (banner, icons)
    text_cache: dict[tuple[str, str], str] = field(default_factory=dict)  # filtered texts, per run
    unlinked: frozenset[str] = frozenset()  # pages only sitemap.xml leads to (``site.unlinked_pages``)
    vendor_link: Callable[[Link], bool] = field(default=lambda _link: False)  # the template vendor's links
    index_live: bool = False  # the site's ITA index links somewhere for most items it names
