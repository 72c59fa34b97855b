"""Build the evidence bundle of a candidate and read the dates in it, tagged with where they were read.

A candidate URL is often a page *about* an item that links the real document ("รายงานรอบ ๖ เดือน
ปี ๒๕๖๗.pdf"), or an index row linking a PDF. The bundle is the target plus the documents it
links for the item: the documents of a page dedicated to the item (except those whose link names
only other items: a plan page often links the plan's progress reports too), or, on a mixed page,
only those whose link names the item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from oit_check.assess.elements import Bundle
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist.schema import Item
from oit_check.models import DateSeen, Link, PageContent, PageFailure, ResourceKind
from oit_check.thai.dates import DateMention, find_dates
from oit_check.thai.fiscal import be_to_ce
from oit_check.thai.text import to_arabic_digits
from oit_check.urls import url_key

_MAX_DOCS = 40
_MAX_BODY_CHARS = 20_000  # document text read for dates (titles and first pages carry the period)
_MAX_PAGE_CHARS = 8_000  # HTML page text read for dates (the main content comes first)
DateFinder = Callable[[str], list[DateMention]]


@dataclass
class BundleParts:
    """A bundle plus what could not be opened among the documents it links."""

    bundle: Bundle
    failed_docs: list[tuple[Link, PageFailure]] = field(default_factory=list)
    doc_links: list[Link] = field(default_factory=list)


def build_bundle(
    item: Item,
    target: PageContent | None,
    link: Link | None,
    pages: Mapping[str, PageContent],
    failures: Mapping[str, PageFailure],
    phrases: PhraseIndex,
) -> BundleParts:
    """The target and the documents it links for ``item``."""
    if target is None:
        return BundleParts(Bundle(target=None, link=link, external=True))
    parts = BundleParts(Bundle(target=target, link=link))
    if target.kind is not ResourceKind.HTML:
        return parts
    dedicated = item.id in phrases.score(" ".join([target.title, *target.headings[:2]])).winners()
    from oit_check.assess.match import link_items  # local import: match imports nothing from here

    for doc_link in target.links:
        if len(parts.doc_links) >= _MAX_DOCS:
            break
        key = url_key(doc_link.url)
        doc = pages.get(key)
        is_doc = (doc is not None and doc.kind is not ResourceKind.HTML) or phrases.is_file_url(doc_link.url)
        if not is_doc:
            continue
        items, via, _ = link_items(phrases, doc_link)
        named_here = item.id in items and via is not None
        if not dedicated and not named_here:
            continue
        if dedicated and via is not None and items and not named_here:
            continue  # a page about the plan that also links next year's report: that one is another item's
        parts.doc_links.append(doc_link)
        if doc is not None:
            parts.bundle.docs.append(doc)
        elif key in failures:
            parts.failed_docs.append((doc_link, failures[key]))
    return parts


# A bare Buddhist Era year in a title, anchor, row or file name ("แผนปฏิบัติการ 2567",
# "No Gift Policy 2568"): in body text such numbers may be amounts, in a label they are years.
_BARE_BE_YEAR = re.compile(r"(?<![0-9,.])(25[4-9][0-9])(?![0-9,.]*[0-9])")


def _bare_years(text: str, mentions: list[DateMention], where: str) -> list[DateSeen]:
    digits = to_arabic_digits(text)
    out: list[DateSeen] = []
    for m in _BARE_BE_YEAR.finditer(digits):
        if any(s.span[0] <= m.start() < s.span[1] for s in mentions):
            continue
        year_ce = be_to_ce(int(m.group(1)))
        out.append(
            DateSeen(
                kind="year",
                start=date(year_ce, 1, 1),
                end=date(year_ce, 12, 31),
                source=text[m.start() : m.end()],
                where=where,
            )
        )
    return out


def collect_dates(
    bundle: Bundle,
    finder: DateFinder = find_dates,
    cache: dict[tuple[str, str], list[DateSeen]] | None = None,
) -> list[DateSeen]:
    """Every date of the bundle, tagged with the kind of place it was read (which sets its weight).

    ``cache`` (per judge run) keeps the dates of each (text, place): a page is in many bundles.
    """
    seen: list[DateSeen] = []
    memo = cache if cache is not None else {}

    def add(text: str, where: str) -> None:
        if not text:
            return
        cached = memo.get((text, where))
        if cached is None:
            cached = memo[(text, where)] = _read(text, where)
        seen.extend(cached)

    def _read(text: str, where: str) -> list[DateSeen]:
        mentions = finder(text)
        out = [
            DateSeen(
                kind=m.kind.value,
                start=m.start,
                end=m.end,
                source=m.source,
                where=where,
                fiscal_year=m.fiscal_year,
            )
            for m in mentions
        ]
        if where != "page" and where != "body":
            out.extend(_bare_years(text, mentions, where))
        return out

    if bundle.link is not None:
        add(bundle.link.text, "anchor")
        add(bundle.link.context, "context")
    target = bundle.target
    doc_links: dict[str, Link] = {}
    if target is not None:
        for link in target.links:
            doc_links.setdefault(url_key(link.url), link)
    for content in bundle.contents:
        is_target = content is target
        if not is_target:
            via = doc_links.get(url_key(content.url))
            if via is not None:
                add(via.text, "anchor")
                add(via.context, "context")
        # A hub page's own title and headings ("ปีงบประมาณ 2567") say nothing about the year of
        # the documents it links: when the bundle has documents, they count as page text.
        hub = is_target and content.kind is ResourceKind.HTML and bool(bundle.docs)
        add(content.title, "page" if hub else "title")
        for heading in content.headings[:6]:
            add(heading, "page" if hub else "heading")
        if content.file_name:
            add(content.file_name.replace("_", " ").replace("-", " "), "file_name")
        if content.kind is ResourceKind.HTML:
            add(bundle.substance(content)[:_MAX_PAGE_CHARS], "page")
        elif not content.ocr:  # OCR misreads digits (๒๕๖๘ as ๒๕๒๕): never a date from OCR text
            add(bundle.substance(content)[:_MAX_BODY_CHARS], "body")
        if content.doc_metadata_date is not None:
            d = content.doc_metadata_date
            seen.append(DateSeen(kind="day", start=d, end=d, source=d.isoformat(), where="metadata"))
    return seen
