"""Stage 3, the assessment: crawled pages -> one verdict per checklist item.

Named "assess" and not "ITA" on purpose: the ITA assessment's own results (IIT/EIT scores) are
``perception``'s input. The stage runs in three steps, each a module:

1. ``site.index_site``: pages and failures by URL key, the site's repeated menu labels;
2. ``match.match_site``: candidates per item (index rows, links, sections, titles, codes, slugs);
3. ``judge.judge_site``: per candidate the evidence bundle, required elements (``elements``) and
   time rule (``freshness``) give a verdict; the best candidate wins; ``explain`` words it.

``assess_pages`` runs the three for callers that hold pages without a crawl (tests, benchmarks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from oit_check.assess.context import JudgeContext
from oit_check.assess.judge import judge_site, offsite_targets, summarise
from oit_check.assess.match import SiteMatches, match_site
from oit_check.assess.phrases import PhraseIndex
from oit_check.assess.site import SiteIndex, index_site
from oit_check.assess.warnings import scan_warnings
from oit_check.checklist.schema import Checklist
from oit_check.models import ItemResult, PageContent, PageFailure
from oit_check.progress import ProgressEvent
from oit_check.thai.dates import find_dates

__all__ = [
    "PhraseIndex",
    "SiteIndex",
    "SiteMatches",
    "assess_pages",
    "index_site",
    "judge_context",
    "judge_site",
    "match_site",
    "offsite_targets",
    "scan_warnings",
    "summarise",
]


def judge_context(
    checklist: Checklist, site: SiteIndex, phrases: PhraseIndex, fiscal_year: int, as_of: date
) -> JudgeContext:
    """Everything the judge needs for one site and one assessed year."""
    return JudgeContext(
        checklist=checklist,
        phrases=phrases,
        pages=site.page_map,
        failures=site.failure_map,
        fiscal_year=fiscal_year,
        as_of=as_of,
        find_dates=find_dates,
        chrome_lines=site.chrome_lines,
        repeated_lines=site.repeated_lines,
        repeated_images=site.repeated_images,
        unlinked=site.unlinked,
    )


def assess_pages(
    checklist: Checklist,
    pages: list[PageContent],
    failures: list[PageFailure],
    fiscal_year: int,
    as_of: date,
    notify: Callable[[ProgressEvent], None] | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[ItemResult], list[str]]:
    """Index, match and judge already-crawled pages: the item results and the ITA index pages found."""
    site = index_site(pages, failures, aliases)
    phrases = PhraseIndex(checklist)
    matches = match_site(checklist, site.pages, phrases)
    items = judge_site(judge_context(checklist, site, phrases, fiscal_year, as_of), matches)
    if notify is not None:
        notify(ProgressEvent("match", len(items), len(items), "items decided"))
    return items, matches.index_pages
