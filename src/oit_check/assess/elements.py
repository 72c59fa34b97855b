"""Required-element detectors: one implementation per ``DetectorKind``, parameters from the checklist.

A detector looks at an evidence bundle (the target page or document plus the documents it links
for the item) and answers present / absent / unverified. "Unverified" is for elements that can
only be read in text when the evidence has none to read (a scanned PDF, an off-site file):
it is reported, but does not make the item partial.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlsplit

from oit_check.checklist.schema import DetectorKind, Element
from oit_check.models import Form, Image, Link, LinkKind, PageContent, ResourceKind
from oit_check.thai.text import match_key, to_arabic_digits
from oit_check.urls import host_matches, url_key

# Images whose file name says they are page furniture, not content (logos, icons, banners).
_FURNITURE = re.compile(r"logo|icon|banner|bg[_-]|background|spacer|arrow|button|social|flag", re.I)
# Search boxes and login forms are not channels for questions or complaints.
_SEARCH_FIELDS = {"q", "s", "search", "keyword", "keywords", "query", "txtsearch", "searchword"}


class Presence(StrEnum):
    """What a detector concluded about one element."""

    PRESENT = "present"
    ABSENT = "absent"
    UNVERIFIED = "unverified"


@dataclass
class Bundle:
    """Evidence for one candidate: the target (if crawled), documents it links for the item, the link."""

    target: PageContent | None
    docs: list[PageContent] = field(default_factory=list)
    link: Link | None = None
    external: bool = False
    # match keys of contents already computed in this judge run (a page is in many bundles)
    key_cache: dict[str, str] = field(default_factory=dict)
    # the site's menu labels (anchor texts on many pages): legacy table layouts have no <nav>, so
    # "ป้องกันการทุจริต" in the left menu would otherwise satisfy a keyword on every page
    chrome_lines: frozenset[str] = frozenset()
    # text lines repeated across many pages (footer address, copyright, sidebar blurbs): the
    # site's furniture, never the dated substance of one page
    repeated_lines: frozenset[str] = frozenset()
    # images on many pages (the banner, menu icons): the template's, never one page's content
    repeated_images: frozenset[str] = frozenset()
    # tells a line that describes an item (criterion text, "อยู่ที่เมนู ...") from data
    describes: Callable[[str], str | None] = field(default=lambda _line: None)
    # links that are not the agency's (a template vendor's Facebook page in the footer)
    excluded_link: Callable[[Link], bool] = field(default=lambda _link: False)
    # per judge run: (url, which) -> filtered text (a page is in many bundles)
    text_cache: dict[tuple[str, str], str] = field(default_factory=dict)

    def content_text(self, content: PageContent) -> str:
        """A content's text without the site's menu lines (HTML pages) and without description
        lines (criterion text copied above the files): what elements are looked for in."""
        return self._filtered(content, "content")

    def substance(self, content: PageContent) -> str:
        """``content_text`` without the lines the site repeats on many pages: what the page
        itself says (its dates, whether it holds anything beyond a description)."""
        return self._filtered(content, "substance")

    def _filtered(self, content: PageContent, which: str) -> str:
        cache_key = (content.url, which)
        cached = self.text_cache.get(cache_key)
        if cached is not None:
            return cached
        html = content.kind is ResourceKind.HTML
        drop = self.chrome_lines if html else frozenset()
        if which == "substance" and html:
            drop = drop | self.repeated_lines
        out: list[str] = []
        describing = False
        for line in content.text.split("\n"):
            kind = self.describes(line)  # before the furniture test: the label repeats on every item page
            if kind is not None:
                describing = kind == "label"
                continue
            if describing:
                describing = False  # the line under a lone "องค์ประกอบด้านข้อมูล" label
                continue
            if line not in drop:
                out.append(line)
        text = "\n".join(out)
        self.text_cache[cache_key] = text
        return text

    @property
    def contents(self) -> list[PageContent]:
        """Target and documents, in that order."""
        return ([self.target] if self.target is not None else []) + self.docs

    @property
    def readable(self) -> bool:
        """Whether any part of the bundle has text to read."""
        return any(c.text.strip() and (c.ocr or not c.no_text_layer) for c in self.contents)

    @cached_property
    def text(self) -> str:
        """All readable text of the bundle, Arabic digits (for regexes)."""
        parts: list[str] = []
        if self.link is not None:
            parts.append(f"{self.link.text}\n{self.link.context}")
        for c in self.contents:
            parts.append(c.title)
            parts.extend(c.headings)
            parts.append(self.content_text(c))
        return to_arabic_digits("\n".join(p for p in parts if p))

    @cached_property
    def flat_text(self) -> str:
        """``text`` with every run of white space as one space: PDF tables wrap cells mid-phrase and
        mid-number ("เบิกจ่าย\\nแล้ว"), so patterns are read across line breaks."""
        return " ".join(self.text.split())

    @cached_property
    def key(self) -> str:
        """``match_key`` of all readable text, for whitespace-insensitive phrase tests.

        Built part by part (match keys drop every separator, so the key of a concatenation is the
        concatenation of keys), each content's key computed once per judge run.
        """
        parts: list[str] = []
        if self.link is not None:
            parts.append(match_key(f"{self.link.text}\n{self.link.context}"))
        for c in self.contents:
            parts.append(match_key(" ".join((c.title, *c.headings))))
            cached = self.key_cache.get(c.url)
            if cached is None:
                cached = self.key_cache[c.url] = match_key(self.content_text(c))
            parts.append(cached)
        return "".join(parts)

    @property
    def links(self) -> list[Link]:
        """Links on the target page, plus the link that led here."""
        out = list(self.target.links) if self.target is not None else []
        if self.link is not None:
            out.append(self.link)
        return [link for link in out if not self.excluded_link(link)]

    @property
    def images(self) -> list[Image]:
        """Content images of the target page (logos and icons left out)."""
        if self.target is None:
            return []
        return [
            i
            for i in self.target.images
            if not _FURNITURE.search(urlsplit(i.src).path)
            and (i.src.startswith("data:") or url_key(i.src) not in self.repeated_images)
        ]

    @property
    def forms(self) -> list[Form]:
        """Forms of the target page."""
        return list(self.target.forms) if self.target is not None else []


def detect(element: Element, bundle: Bundle) -> Presence:
    """Apply one element's detector to a bundle."""
    spec = element.detect
    kind = spec.kind
    if kind is DetectorKind.LINK_HOST:
        return _present(any(link_host_matches(link.url, spec.hosts) for link in bundle.links))
    if kind is DetectorKind.EMBED:
        embeds = [link for link in bundle.links if link.kind in (LinkKind.IFRAME, LinkKind.EMBED)]
        ok = any(link_host_matches(link.url, spec.hosts) for link in bundle.links) if spec.hosts else bool(embeds)
        return _present(ok)
    if kind is DetectorKind.IMAGE:
        images = bundle.images
        if spec.phrases:
            keys = [match_key(p) for p in spec.phrases]
            images = [i for i in images if any(k in match_key(f"{i.alt} {i.context} {i.src}") for k in keys)]
        needed = spec.min_count
        if spec.per_pattern and bundle.target is not None:
            people = {m.group(0) for m in re.finditer(spec.per_pattern, bundle.target.text)}
            needed = max(needed, len(people))
        if len(images) >= needed:
            return Presence.PRESENT
        if images and spec.per_pattern:
            return Presence.ABSENT  # some people have no photo
        # an org chart or a photo sheet published as a PDF or image file counts
        if any(c.kind in (ResourceKind.PDF, ResourceKind.IMAGE) for c in bundle.docs):
            return Presence.PRESENT
        if bundle.external or (bundle.target is not None and bundle.target.kind is not ResourceKind.HTML):
            return Presence.UNVERIFIED
        return Presence.ABSENT
    if kind is DetectorKind.FORM:
        if any(_is_input_form(f) for f in bundle.forms):
            return Presence.PRESENT
        if spec.hosts and any(link_host_matches(link.url, spec.hosts) for link in bundle.links):
            return Presence.PRESENT
        return Presence.UNVERIFIED if bundle.external else Presence.ABSENT
    if kind is DetectorKind.TABLE:
        if any(c.tables > 0 or c.kind is ResourceKind.XLSX for c in bundle.contents):
            return Presence.PRESENT
        return _unreadable_or_absent(element, bundle)
    if kind is DetectorKind.MONTH_COVERAGE:
        return Presence.PRESENT  # coverage is judged by the monthly time rule (freshness.py)
    if kind is DetectorKind.KEYWORDS:
        key = bundle.key
        if spec.min_count <= 1:
            found = any(match_key(p) in key for p in spec.phrases)
        else:  # "a period for each project": the markers must recur, not appear once in a header
            found = sum(key.count(k) for p in spec.phrases if (k := match_key(p))) >= spec.min_count
        if found:
            return Presence.PRESENT
        return _unreadable_or_absent(element, bundle)
    if kind is DetectorKind.REGEX:
        assert spec.pattern is not None  # guaranteed by the schema validator
        hits = re.finditer(spec.pattern, bundle.flat_text, re.IGNORECASE)
        if sum(1 for _ in zip(range(spec.min_count), hits, strict=False)) >= spec.min_count:
            return Presence.PRESENT
        return _unreadable_or_absent(element, bundle)
    raise AssertionError(f"unhandled detector kind {kind}")


def _present(ok: bool) -> Presence:
    return Presence.PRESENT if ok else Presence.ABSENT


def _unreadable_or_absent(element: Element, bundle: Bundle) -> Presence:
    """Text-only elements of evidence with no readable text are unverified, not absent."""
    if element.needs_text and not bundle.readable:
        return Presence.UNVERIFIED
    if bundle.external and bundle.target is None:
        return Presence.UNVERIFIED
    if any(c.no_text_layer and not c.ocr for c in bundle.contents):
        return Presence.UNVERIFIED
    return Presence.ABSENT


def link_host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    """``hosts`` entries are host suffixes, optionally with a path prefix (``google.com/maps``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower()
    for entry in hosts:
        entry_host, _, entry_path = entry.lower().partition("/")
        if host_matches(host, entry_host) and path.lstrip("/").startswith(entry_path):
            return True
    return False


def has_input_form(bundle: Bundle) -> bool:
    """Whether the target page has a form a visitor can write in (not a search box or login)."""
    return any(_is_input_form(f) for f in bundle.forms)


def _is_input_form(form: Form) -> bool:
    """A form where a visitor can write something: not a search box, not a login form."""
    names = {n.lower() for n in form.field_names}
    if "password" in names:
        return False
    if form.has_textarea:
        return True
    useful = [n for n in names if n and n not in _SEARCH_FIELDS]
    return len(useful) >= 2
