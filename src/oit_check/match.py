"""Match stage: find candidate evidence for every checklist item among the crawled pages.

A candidate is a URL that probably holds an item, and how we came to think so:

* ``index``: a link on an ITA index page whose row carries the item's code *and* one of its
  names (the code alone is never trusted: numbering differs between ITA years and sites);
* ``link``: a link anywhere whose anchor text or row names the item;
* ``section``: a link under a label or heading that names the item (accordion layouts),
  when the link's own text names no other item;
* ``title``: a page or document whose title, main headings or file name names the item.

Body text alone never makes a candidate: a page that merely mentions an item is not the item.
Deciding whether a candidate is good enough is ``judge.py``'s job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from oit_check.checklist.schema import Checklist
from oit_check.models import Link, LinkKind, PageContent, ResourceKind
from oit_check.phrases import PhraseIndex
from oit_check.thaitext import url_words
from oit_check.urls import url_key

Via = Literal["index", "link", "section", "title", "slug"]
_VIA_STRENGTH: dict[str, int] = {"index": 4, "link": 3, "title": 3, "section": 2, "slug": 1}
# An ITA index page lists at least this many items by code and name.
_INDEX_MIN_ITEMS = 5
_DOC_TITLE_CHARS = 300


@dataclass(frozen=True)
class Candidate:
    """A URL that may hold an item, with the link (if any) that pointed to it."""

    item_id: str
    key: str  # comparison key of the target URL (``urls.url_key``)
    via: Via
    found_on: str | None = None
    link: Link | None = None
    matched: tuple[str, ...] = ()
    url: str = ""  # the target URL as linked (absolute), for people

    @property
    def strength(self) -> int:
        """How much the way we found it says about the item (index > link/title > section > slug)."""
        return _VIA_STRENGTH[self.via]


@dataclass
class SiteMatches:
    """All candidates of a site, per item, plus the ITA index pages recognised."""

    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    index_pages: list[str] = field(default_factory=list)
    indexed_items: set[str] = field(default_factory=set)

    def add(self, candidate: Candidate) -> None:
        """Keep one candidate per (item, url): the strongest."""
        bucket = self.candidates.setdefault(candidate.item_id, [])
        for i, existing in enumerate(bucket):
            if existing.key == candidate.key:
                if candidate.strength > existing.strength:
                    bucket[i] = candidate
                return
        bucket.append(candidate)


def normalize_url(url: str) -> str:
    """The key under which pages, failures and link targets are compared (scheme and www folded)."""
    return url_key(url)


def match_site(checklist: Checklist, pages: Iterable[PageContent], index: PhraseIndex | None = None) -> SiteMatches:
    """Collect the candidates of every item from every page's links, titles and headings."""
    phrases = index or PhraseIndex(checklist)
    result = SiteMatches()
    for page in pages:
        _match_page_title(phrases, page, result)
        if page.kind is ResourceKind.HTML:
            _match_links(phrases, page, result)
    return result


def link_items(phrases: PhraseIndex, link: Link) -> tuple[list[str], Via | None, tuple[str, ...]]:
    """Which items one link points to, and how sure we are (used for index rows and bundles)."""
    # The anchor's own words first: a row or a footer block may name other items too.
    codes = phrases.codes(link.context or link.text) or phrases.codes(link.text)
    score = phrases.score(link.text)
    winners = score.winners()
    if not winners and link.context:
        score = phrases.score(link.context)
        winners = score.winners()
    if winners:
        confirmed = [c for c in codes if c in winners]
        if confirmed:
            matched = tuple(p for c in confirmed for p in score.names.get(c, ()))
            return confirmed, "index", matched
        matched = tuple(p for w in winners for p in score.names.get(w, ()))
        return winners, "link", matched
    # a bare "คลิก" under an accordion label "O12 รายงาน..." takes the label's item
    if link.section:
        section_score = phrases.score(link.section)
        section_winners = section_score.winners()
        if section_winners and not score.names:
            section_codes = phrases.codes(link.section)
            confirmed = [c for c in section_codes if c in section_winners]
            if confirmed:
                matched = tuple(p for c in confirmed for p in section_score.names.get(c, ()))
                return confirmed, "index", matched
            if len(section_winners) <= 2:
                matched = tuple(p for w in section_winners for p in section_score.names.get(w, ()))
                return section_winners, "section", matched
    if not link.same_site:
        host = urlsplit(link.url).hostname or ""
        identified = phrases.identity_host_items(host)
        if identified:
            return identified, "link", (host,)
        return [], None, ()
    # mangled Thai slugs: /o29-แนวปฏบตการจดการรองเรยน... (marks dropped by WordPress/Google Sites)
    if link.kind is LinkKind.ANCHOR and not score.names:
        words = url_words(link.url)
        slug_score = phrases.score_slug(words)
        slug_winners = slug_score.winners()
        if slug_winners and len(slug_winners) == 1:
            return slug_winners, "slug", tuple(slug_score.names.get(slug_winners[0], ()))
        hinted = phrases.url_hint_items(words)
        if len(hinted) == 1:
            return hinted, "slug", ()
    return [], None, ()


def _match_links(phrases: PhraseIndex, page: PageContent, result: SiteMatches) -> None:
    indexed_here: set[str] = set()
    for link in page.links:
        items, via, matched = link_items(phrases, link)
        if via is None:
            continue
        target = normalize_url(link.url)
        for item_id in items:
            result.add(Candidate(item_id, target, via, found_on=page.url, link=link, matched=matched, url=link.url))
            if via == "index":
                indexed_here.add(item_id)
    if len(indexed_here) >= _INDEX_MIN_ITEMS:
        result.index_pages.append(page.url)
        result.indexed_items |= indexed_here


def _match_page_title(phrases: PhraseIndex, page: PageContent, result: SiteMatches) -> None:
    """A page or document whose own title/headings/file name names an item is a candidate."""
    labels: list[str] = [page.title, *page.headings[:4]]
    if page.kind is not ResourceKind.HTML:
        labels.append(url_words(page.file_name or urlsplit(page.url).path))
        labels.append(page.text[:_DOC_TITLE_CHARS])
    seen: set[str] = set()
    for label in labels:
        if not label:
            continue
        score = phrases.score(label)
        for item_id in score.winners():
            if item_id in seen:
                continue
            seen.add(item_id)
            result.add(
                Candidate(
                    item_id,
                    normalize_url(page.url),
                    "title",
                    found_on=page.found_on,
                    matched=tuple(score.names.get(item_id, ())),
                    url=page.url,
                )
            )
