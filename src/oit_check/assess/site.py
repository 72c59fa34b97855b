"""The crawled site as the matcher and the judge look it up: pages and failures by URL key, aliases
folded in, and the site's chrome (menu and footer labels repeated across pages)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from oit_check.models import LinkKind, PageContent, PageFailure, ResourceKind
from oit_check.urls import url_key


@dataclass(frozen=True)
class SiteIndex:
    """Pages and failures by URL key, in the order they are judged."""

    pages: list[PageContent]
    page_map: Mapping[str, PageContent]
    failure_map: Mapping[str, PageFailure]
    chrome_lines: frozenset[str]
    repeated_lines: frozenset[str] = frozenset()
    repeated_images: frozenset[str] = frozenset()  # keys of images shown on many pages (banner, icons)
    unlinked: frozenset[str] = frozenset()  # keys of pages no crawled page links (sitemap-only finds)


def index_site(
    pages: list[PageContent],
    failures: list[PageFailure],
    aliases: Mapping[str, str] | None = None,
    *,
    complete: bool = False,
) -> SiteIndex:
    """Look-up tables of one crawl: a page is found under its URL, its redirect hops and its aliases."""
    page_map: dict[str, PageContent] = {}
    for page in pages:
        page_map.setdefault(url_key(page.url), page)
        for alias in page.aliases:
            page_map.setdefault(url_key(alias), page)
    for alias, final in (aliases or {}).items():  # byte-identical duplicates and redirects
        target = page_map.get(url_key(final))
        if target is not None:
            page_map.setdefault(url_key(alias), target)
    failure_map = {url_key(f.url): f for f in failures}
    return SiteIndex(
        pages=pages,
        page_map=page_map,
        failure_map=failure_map,
        chrome_lines=site_chrome_lines(pages),
        repeated_lines=site_repeated_lines(pages),
        repeated_images=site_repeated_images(pages),
        unlinked=unlinked_pages(pages, aliases or {}) if complete else frozenset(),
    )


def unlinked_pages(pages: list[PageContent], aliases: Mapping[str, str]) -> frozenset[str]:
    """Keys of pages reached only through sitemap.xml: no crawled page links them (links to
    nowhere do not count). Nobody browsing the site can reach such a page, the assessor included,
    so it cannot be the published item. Only meaningful for a crawl that was not cut short."""
    linked: set[str] = set()
    for page in pages:
        for link in page.links:
            if link.kind is not LinkKind.PLACEHOLDER:
                key = url_key(link.url)
                linked.add(key)
                final = aliases.get(link.url)
                if final is not None:
                    linked.add(url_key(final))
    out = set()
    for page in pages:
        if page.depth == 0 or page.found_on is not None:
            continue
        keys = {url_key(page.url), *(url_key(a) for a in page.aliases)}
        if not keys & linked:
            out |= keys
    return frozenset(out)


_CHROME_MIN_PAGES = 3
_CHROME_SHARE = 0.2


def site_chrome_lines(pages: list[PageContent]) -> frozenset[str]:
    """Anchor texts of links found on many pages of the site: its menus and footer links.

    A line of page text equal to one of them is site furniture, not the page's content.
    """
    html = [p for p in pages if p.kind is ResourceKind.HTML]
    if len(html) < _CHROME_MIN_PAGES:
        return frozenset()
    counts: dict[str, int] = {}
    for page in html:
        for text in {link.text for link in page.links if link.text}:
            counts[text] = counts.get(text, 0) + 1
    threshold = max(_CHROME_MIN_PAGES, int(_CHROME_SHARE * len(html)))
    return frozenset(text for text, n in counts.items() if n >= threshold)


def site_repeated_images(pages: list[PageContent]) -> frozenset[str]:
    """Images shown on many HTML pages of the site: its banner, menu icons, social-network buttons.

    They are the site's template, not one page's content (an org chart is on its own page)."""
    html = [p for p in pages if p.kind is ResourceKind.HTML]
    if len(html) < _CHROME_MIN_PAGES:
        return frozenset()
    counts: dict[str, int] = {}
    for page in html:
        for key in {url_key(image.src) for image in page.images if not image.src.startswith("data:")}:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(_CHROME_MIN_PAGES, int(_CHROME_SHARE * len(html)))
    return frozenset(key for key, n in counts.items() if n >= threshold)


def site_repeated_lines(pages: list[PageContent]) -> frozenset[str]:
    """Lines of text found on many HTML pages of the site: footer address, copyright, sidebar blurbs.

    They are the site's furniture: a page whose only date is the footer's "© 2567", or whose only
    text beyond a description is the footer, says nothing itself.
    """
    html = [p for p in pages if p.kind is ResourceKind.HTML]
    if len(html) < _CHROME_MIN_PAGES:
        return frozenset()
    counts: dict[str, int] = {}
    for page in html:
        for line in set(page.text.split("\n")):
            if len(line) >= 4:
                counts[line] = counts.get(line, 0) + 1
    threshold = max(_CHROME_MIN_PAGES, int(_CHROME_SHARE * len(html)))
    return frozenset(line for line, n in counts.items() if n >= threshold)
