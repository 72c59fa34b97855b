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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist.schema import Checklist
from oit_check.models import Link, LinkKind, PageContent, ResourceKind
from oit_check.thai.text import match_key, url_words
from oit_check.urls import url_key

NOWHERE_SHARE = 0.5  # of the items the ITA page names, the share whose rows link nowhere: a template index

Via = Literal["index", "link", "section", "title", "code", "slug", "inline"]
# "code" and "slug" candidates stand on a code or URL alone: judge keeps them only if the target names the item
_VIA_STRENGTH: dict[str, int] = {"index": 4, "inline": 3, "link": 3, "title": 3, "section": 2, "code": 2, "slug": 1}
UNCONFIRMED_VIAS = frozenset({"code", "slug"})
_INLINE_MAX_LINES = 40
_WEAK_MATCH = 12  # match-key length under which a name match is too generic to overrule a code
_HAS_DIGIT = re.compile("[0-9๐-๙]")
_INLINE_MIN_CHARS = 20
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
    inline_label: str = ""  # via "inline": the labelled row on the page ("O29 ข้อมูลเชิงสถิติ...")
    inline_text: str = ""  # via "inline": the content under that label

    @property
    def strength(self) -> int:
        """How much the way we found it says about the item (index > link/title > section > slug)."""
        return _VIA_STRENGTH[self.via]


def _placeholder(candidate: Candidate) -> bool:
    return candidate.link is not None and candidate.link.kind is LinkKind.PLACEHOLDER


@dataclass
class SiteMatches:
    """All candidates of a site, per item, plus the ITA index pages recognised."""

    by_item: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    index_pages: list[str] = field(default_factory=list)
    indexed_items: set[str] = field(default_factory=set)
    vendor: _Vendor = field(default_factory=lambda: _Vendor())

    @property
    def candidates(self) -> dict[str, list[Candidate]]:
        """Candidates per item, in the order they were first found."""
        return {item_id: list(bucket.values()) for item_id, bucket in self.by_item.items()}

    def items_linked_nowhere(self) -> set[str]:
        """Items the ITA index names whose every row links nowhere (``href="#"``, no link at all)."""
        return {
            item_id
            for item_id, bucket in self.by_item.items()
            if item_id in self.indexed_items
            and not any(c.via == "index" and not _placeholder(c) for c in bucket.values())
        }

    def index_links_nowhere(self) -> bool:
        """Most rows of the site's ITA index link nowhere: the index is a template, not a disclosure."""
        named = self.indexed_items
        return bool(named) and len(self.items_linked_nowhere()) >= NOWHERE_SHARE * len(named)

    def add(self, candidate: Candidate) -> None:
        """Keep one candidate per (item, url): the strongest."""
        bucket = self.by_item.setdefault(candidate.item_id, {})
        existing = bucket.get(candidate.key)
        if existing is None or candidate.strength > existing.strength:
            bucket[candidate.key] = candidate


def match_site(checklist: Checklist, pages: Iterable[PageContent], index: PhraseIndex | None = None) -> SiteMatches:
    """Collect the candidates of every item from every page's links, titles and headings."""
    phrases = index or PhraseIndex(checklist)
    result = SiteMatches()
    pages = list(pages)
    vendor = result.vendor = _vendor_links(phrases, pages)
    for page in pages:
        _match_page_title(phrases, page, result)
        if page.kind is ResourceKind.HTML:
            _match_links(phrases, page, result, vendor)
            _match_inline_sections(phrases, page, result)
            _match_heading_sections(phrases, page, result)
    return result


@dataclass(frozen=True)
class _Vendor:
    """Links of the site's template or web vendor (credited in a "Designed by ..." line)."""

    keys: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()

    def owns(self, link: Link) -> bool:
        if link.same_site or not (self.keys or self.handles):
            return False
        return url_key(link.url) in self.keys or _account_handle(link.url) in self.handles


def _vendor_links(phrases: PhraseIndex, pages: list[PageContent]) -> _Vendor:
    """Off-site links in a credit line, and the accounts they name: the footer's Facebook and LINE
    icons next to "Designed by ไอทีดีไซน์" are the vendor's, not the agency's social network."""
    keys: set[str] = set()
    handles: set[str] = set()
    for page in pages:
        for link in page.links:
            if link.same_site or not (phrases.is_credit(link.context) or phrases.is_credit(link.text)):
                continue
            keys.add(url_key(link.url))
            handle = _account_handle(link.url)
            if handle:
                handles.add(handle)
    return _Vendor(frozenset(keys), frozenset(handles))


def _account_handle(url: str) -> str:
    """The account a social-network URL names: ``facebook.com/itdesignstudio.th`` and
    ``line.me/R/ti/p/@itdesignstudio`` both name ``itdesignstudio``; "" when there is none."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    if not segments:
        return ""
    chosen = next((seg for seg in segments if seg.startswith("@")), segments[-1])
    handle = chosen.lstrip("@").lower().split(".", 1)[0]
    return handle if len(handle) >= 4 and not handle.isdigit() else ""


def link_items(phrases: PhraseIndex, link: Link) -> tuple[list[str], Via | None, tuple[str, ...]]:
    """Which items one link points to, and how sure we are (used for index rows and bundles).

    Memoised per checklist: a site's menus and footers repeat the same links on every page.
    """
    cached = phrases.memo.get(link)
    if cached is None:
        cached = phrases.memo[link] = _link_items(phrases, link)
    return cached  # type: ignore[return-value]


def _link_items(phrases: PhraseIndex, link: Link) -> tuple[list[str], Via | None, tuple[str, ...]]:
    # The anchor's own words first: a row or a footer block may name other items too.
    codes = phrases.codes(link.context or link.text) or phrases.codes(link.text)
    score = phrases.score(link.text)
    winners = score.winners()
    if not winners and link.context:
        context_score = phrases.score(link.context)
        context_winners = context_score.winners()
        # the row speaks for a link whose own words say nothing ("คลิก", a file name), or when the
        # row is an index row with the item's code and name ("O30 การเปิดโอกาส... : ประชุมประชาคม")
        if phrases.is_generic_anchor(link.text) or phrases.is_file_url(link.url) or set(codes) & set(context_winners):
            score, winners = context_score, context_winners
    section_confirmed: list[str] = []
    section_score = phrases.score(link.section) if link.section else None
    if section_score is not None:
        section_winners = section_score.winners()
        section_confirmed = [c for c in phrases.codes(link.section) if c in section_winners]
    if codes and not any(c in winners for c in codes):
        # "O36 แผนปฏิบัติการป้องกันและปราบปรามการทุจริต": the row's code with its item's name as
        # people write it (a word added or dropped) is the item, whatever shorter names match
        for code in codes:
            name = phrases.fuzzy_name(code, link.context or link.text)
            if name is not None:
                return [code], "index", (name,)
    if winners:
        confirmed = [c for c in codes if c in winners]
        if confirmed:
            matched = tuple(p for c in confirmed for p in score.names.get(c, ()))
            return confirmed, "index", matched
        # "O24 <a>ผลการดำเนินการตามนโยบาย รอบ 6 เดือน</a>": a short, generic match ("รอบ 6 เดือน")
        # against the row's own code for another item: the code is the better hint, and the target
        # must then name that item itself (judge confirms "slug" candidates)
        if codes and link.same_site and max(score.best_len[w] for w in winners) < _WEAK_MATCH:
            return codes, "code", ()
        # "รายงานผลรอบ 6 เดือน 2567" under the accordion label "O24 การดำเนินการตามแผน...บุคคล":
        # the agency's own labelled row says which item it is; a short generic anchor does not.
        if section_confirmed and section_score is not None and not (set(winners) & set(section_confirmed)):
            anchor_len = max(score.best_len[w] for w in winners)
            section_len = max(section_score.best_len[c] for c in section_confirmed)
            if anchor_len < 0.6 * section_len:
                matched = tuple(p for c in section_confirmed for p in section_score.names.get(c, ()))
                return section_confirmed, "index", matched
        if section_confirmed and set(winners) & set(section_confirmed):
            both = [w for w in winners if w in section_confirmed]
            return both, "index", tuple(p for w in both for p in score.names.get(w, ()))
        matched = tuple(p for w in winners for p in score.names.get(w, ()))
        return winners, "link", matched
    # a bare "คลิก" under an accordion label "O12 รายงาน..." takes the label's item
    if section_score is not None and not score.names:
        if section_confirmed:
            matched = tuple(p for c in section_confirmed for p in section_score.names.get(c, ()))
            return section_confirmed, "index", matched
        section_winners = section_score.winners()
        generic = phrases.is_generic_anchor(link.text) or phrases.is_file_url(link.url)
        if generic and section_winners and len(section_winners) <= 2:
            matched = tuple(p for w in section_winners for p in section_score.names.get(w, ()))
            return section_winners, "section", matched
    if link.kind is LinkKind.PLACEHOLDER:
        return [], None, ()  # a link to nowhere says which item only through its words
    # a code alone ("OIT18 ระบบจองคิวตรวจออนไลน์"): a hint, kept only if the target names the item
    if codes and link.same_site and not score.names:
        return codes[:1], "code", ()
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


def _offsite_acceptable(phrases: PhraseIndex, link: Link, via: Via) -> bool:
    """Off-site evidence counts when the agency declares it in its ITA index, when it is a file
    host (Drive, OneDrive ...), or when the host is the item itself (a Facebook page for o9).
    A footer link to "นโยบายความเป็นส่วนตัวของ Google" is Google's policy, not the agency's."""
    if link.same_site or via == "index":
        return True
    host = (urlsplit(link.url).hostname or "").lower()
    if phrases.identity_host_items(host):
        return True
    return phrases.is_file_host(host)


def _match_links(phrases: PhraseIndex, page: PageContent, result: SiteMatches, vendor: _Vendor) -> None:
    indexed_here: set[str] = set()
    for link in page.links:
        if vendor.owns(link):
            continue  # the template vendor's page is not the agency's evidence
        items, via, matched = link_items(phrases, link)
        if via is None or not _offsite_acceptable(phrases, link, via):
            continue
        # a link to nowhere keeps its own key: it must never resolve to the page it sits on
        target = link.url if link.kind is LinkKind.PLACEHOLDER else url_key(link.url)
        for item_id in items:
            result.add(Candidate(item_id, target, via, found_on=page.url, link=link, matched=matched, url=link.url))
            if via == "index":
                indexed_here.add(item_id)
    if len(indexed_here) >= _INDEX_MIN_ITEMS:
        result.index_pages.append(page.url)
        result.indexed_items |= indexed_here


def _match_page_title(phrases: PhraseIndex, page: PageContent, result: SiteMatches) -> None:
    """A page or document whose own title, main heading or file name names an item is a candidate.

    Only the first headings count: further down, a home page's headings are news titles
    ("ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต"), which mention items without being them.
    """
    labels: list[str] = [page.title, *page.headings[:2]]
    if page.kind is not ResourceKind.HTML:
        labels.append(url_words(page.file_name or urlsplit(page.url).path))
        labels.append(page.text[:_DOC_TITLE_CHARS])
    seen: set[str] = set()
    for label in labels:
        if not label:
            continue
        score = phrases.score(label)
        news_like = phrases.is_passing_mention(label)
        for item_id in score.winners():
            if item_id in seen or (news_like and not phrases.is_activity_item(item_id)):
                continue
            seen.add(item_id)
            result.add(
                Candidate(
                    item_id,
                    url_key(page.url),
                    "title",
                    found_on=page.found_on,
                    matched=tuple(score.names.get(item_id, ())),
                    url=page.url,
                )
            )


def _match_inline_sections(phrases: PhraseIndex, page: PageContent, result: SiteMatches) -> None:
    """Evidence written on the index page itself, under a labelled row ("O29 ..." then a table).

    Google Sites and some CMS pages put the data inline instead of linking it. A label counts
    when it carries an item's code *and* name; its content runs to the next such label. Labels
    whose rows hold links are left to the links (a broken link must stay broken).
    """
    lines = page.text.split("\n")
    labels: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if len(line) > 200 or not _HAS_DIGIT.search(line):
            continue
        codes = phrases.codes(line)
        if not codes:
            continue
        winners = phrases.score(line).winners()
        confirmed = [c for c in codes if c in winners]
        if confirmed:
            labels.append((i, confirmed[0]))
    if not labels:
        return
    linked_sections = {match_key(link.section) for link in page.links if link.section}
    contexts = [match_key(link.context) for link in page.links if link.context]
    for n, (i, item_id) in enumerate(labels):
        label = lines[i]
        label_key = match_key(label)
        if label_key in linked_sections or any(label_key in c for c in contexts):
            continue
        end = labels[n + 1][0] if n + 1 < len(labels) else min(len(lines), i + 1 + _INLINE_MAX_LINES)
        body = "\n".join(lines[i + 1 : min(end, i + 1 + _INLINE_MAX_LINES)]).strip()
        if len(body) < _INLINE_MIN_CHARS:
            continue
        result.add(
            Candidate(
                item_id,
                url_key(page.url) + "#" + item_id,
                "inline",
                found_on=page.url,
                url=page.url,
                inline_label=label,
                inline_text=body,
            )
        )


_SECTION_HEADING_MAX = 100  # longer "headings" are sentences (news titles), not section names
_MIN_ITEM_HEADINGS = 2  # a page is a multi-item page when at least this many headings name items


def _match_heading_sections(phrases: PhraseIndex, page: PageContent, result: SiteMatches) -> None:
    """One page, several items: a small agency's "เกี่ยวกับเรา" page holds structure, executives,
    duties and contact under their own headings (often bilingual, "อำนาจหน้าที่ (Authority and
    Duties)"). Each heading that names one item makes the text under it, up to the next heading,
    a candidate of its own, judged on that section alone."""
    if len(page.headings) < _MIN_ITEM_HEADINGS:
        return
    wanted: list[tuple[str, str]] = []
    for heading in page.headings:
        if len(heading) > _SECTION_HEADING_MAX:
            continue
        winners = phrases.score(heading).winners()
        if len(winners) != 1:
            continue
        if phrases.is_passing_mention(heading) and not phrases.is_activity_item(winners[0]):
            continue
        wanted.append((winners[0], heading))
    if len({item_id for item_id, _ in wanted}) < _MIN_ITEM_HEADINGS:
        return  # most pages: not a multi-item page, and no need to look at its lines
    lines = page.text.split("\n")
    positions = {line: i for i, line in reversed(list(enumerate(lines)))}
    starts = [positions[h] for h in page.headings if h in positions]
    named = [(positions[h], item_id, h) for item_id, h in wanted if h in positions]
    if len({item_id for _, item_id, _ in named}) < _MIN_ITEM_HEADINGS:
        return
    starts.sort()
    anchor_sections = {link.section for link in page.links if link.kind is LinkKind.ANCHOR and link.section}
    for i, item_id, heading in named:
        end = next((s for s in starts if s > i), len(lines))
        section_lines = lines[i + 1 : end]
        body = "\n".join(section_lines).strip()
        if len(body) < _INLINE_MIN_CHARS:
            continue
        if anchor_sections and not anchor_sections.isdisjoint((heading, *section_lines)):
            continue  # a section that links its documents is judged through those links
        result.add(
            Candidate(
                item_id,
                url_key(page.url) + "#" + item_id,
                "inline",
                found_on=page.url,
                url=page.url,
                inline_label=heading,
                inline_text=body,
            )
        )
