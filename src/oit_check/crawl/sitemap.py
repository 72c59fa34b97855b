"""Sitemaps as crawl seeds: ``sitemap.xml``, sitemap indexes, ``.xml.gz`` and plain-text sitemaps.

Many agency sites build their menus with JavaScript, which a crawler without a browser cannot
follow; their sitemap is then the only way to find the ITA pages. Sitemaps are untrusted input, so
parsing is defensive: the body is bounded (gzip inflated with a size cap), any document with a
``<!DOCTYPE`` or ``<!ENTITY`` is rejected before the XML parser sees it (no entity expansion, no
external entities), URL counts are bounded, and a malformed file (unescaped ``&`` is common) falls
back to picking ``<loc>`` elements with a regular expression. Fetching is done by the caller
through the crawler's own fetcher (``collect_sitemap_urls`` takes a ``fetch`` callable), so netguard,
robots.txt and politeness apply to sitemap requests too.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from oit_check.urls import normalize_url

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
"""The sitemaps.org limit for one (uncompressed) sitemap file."""
MAX_SITEMAP_FILES = 10
"""Sitemap files fetched per crawl (an index of 500 monthly sitemaps is read in part)."""

_DANGEROUS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_LOC_RE = re.compile(rb"<(?:[A-Za-z0-9_]+:)?loc>\s*(.*?)\s*</(?:[A-Za-z0-9_]+:)?loc>", re.S | re.I)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapDocument:
    """The URLs one sitemap file lists: pages (``<urlset>``) and child sitemaps (``<sitemapindex>``)."""

    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    note: str | None = None


def inflate(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes | None:
    """Gunzip ``body`` if it is gzip (by magic bytes, not by name); None if it inflates past ``limit``."""
    if not body.startswith(_GZIP_MAGIC):
        return body[:limit]
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, limit + 1)
    except zlib.error:
        return b""
    if len(out) > limit:
        return None
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_sitemap(body: bytes, base_url: str, *, max_urls: int) -> SitemapDocument:
    """Parse one sitemap file (XML, gzip or plain text); URLs are normalised against ``base_url``."""
    data = inflate(body)
    if data is None:
        return SitemapDocument(note=f"{base_url}: sitemap inflates beyond {MAX_SITEMAP_BYTES} bytes; ignored")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    stripped = data.lstrip()
    if not stripped:
        return SitemapDocument(note=f"{base_url}: empty sitemap")
    if not stripped.startswith(b"<"):
        return _parse_text(data, base_url, max_urls)
    if stripped[:200].lower().startswith((b"<!doctype html", b"<html")):
        return SitemapDocument(note=f"{base_url}: an HTML page, not a sitemap")
    if _DANGEROUS.search(data):
        return SitemapDocument(note=f"{base_url}: sitemap declares a DOCTYPE or entities; ignored")
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return _parse_loc_fallback(data, base_url, max_urls)
    kind = _local(root.tag)
    locs: list[str] = []
    for element in root.iter():
        if _local(element.tag) == "loc" and element.text:
            locs.append(element.text.strip())
            if len(locs) >= max_urls:
                break
    urls = _normalise_all(locs, base_url)
    if kind == "sitemapindex":
        return SitemapDocument(sitemaps=urls)
    if kind == "urlset":
        return SitemapDocument(urls=urls)
    return SitemapDocument(note=f"{base_url}: not a sitemap (root element <{kind}>)")


def _parse_text(data: bytes, base_url: str, max_urls: int) -> SitemapDocument:
    lines = data.decode("utf-8", errors="replace").splitlines()
    locs = [line.strip() for line in lines if line.strip().lower().startswith(("http://", "https://"))]
    return SitemapDocument(urls=_normalise_all(locs[:max_urls], base_url))


def _parse_loc_fallback(data: bytes, base_url: str, max_urls: int) -> SitemapDocument:
    """Malformed XML: take ``<loc>`` values; an index is recognised by its ``<sitemapindex`` tag."""
    locs: list[str] = []
    for match in _LOC_RE.finditer(data):
        locs.append(html.unescape(match.group(1).decode("utf-8", errors="replace")))
        if len(locs) >= max_urls:
            break
    urls = _normalise_all(locs, base_url)
    note = f"{base_url}: malformed XML; read {len(urls)} <loc> values"
    if re.search(rb"<(?:[A-Za-z0-9_]+:)?sitemapindex", data[:4096], re.I):
        return SitemapDocument(sitemaps=urls, note=note)
    return SitemapDocument(urls=urls, note=note)


def _normalise_all(locs: Iterable[str], base_url: str) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for loc in locs:
        url = normalize_url(loc, base_url)
        if url is not None:
            out[url] = None
    return tuple(out)


FetchBytes = Callable[[str], Awaitable[bytes | None]]
"""``url -> body`` (None when the fetch failed); supplied by the crawler."""


@dataclass
class SitemapHarvest:
    """Seed URLs collected from sitemaps, with notes on what could not be read."""

    urls: list[str] = field(default_factory=list)
    files_read: int = 0
    notes: list[str] = field(default_factory=list)


async def collect_sitemap_urls(
    roots: Iterable[str],
    fetch: FetchBytes,
    *,
    is_same_site: Callable[[str], bool],
    max_urls: int,
    max_files: int = MAX_SITEMAP_FILES,
) -> SitemapHarvest:
    """Read ``roots`` and the indexes they name, breadth first, keeping same-site URLs only.

    Stops after ``max_files`` files or ``max_urls`` URLs; a sitemap is never read twice (index
    loops). Off-site sitemaps and URLs are dropped: a sitemap cannot widen the crawl's scope.
    """
    harvest = SitemapHarvest()
    queue = [url for url in dict.fromkeys(roots) if is_same_site(url)]
    seen_files: set[str] = set(queue)
    seen_urls: set[str] = set()
    while queue and harvest.files_read < max_files and len(harvest.urls) < max_urls:
        sitemap_url = queue.pop(0)
        body = await fetch(sitemap_url)
        harvest.files_read += 1
        if body is None:
            continue
        doc = parse_sitemap(body, sitemap_url, max_urls=max_urls)
        if doc.note:
            harvest.notes.append(doc.note)
        for child in doc.sitemaps:
            if child not in seen_files and is_same_site(child):
                seen_files.add(child)
                queue.append(child)
        for url in doc.urls:
            if url not in seen_urls and is_same_site(url):
                seen_urls.add(url)
                harvest.urls.append(url)
                if len(harvest.urls) >= max_urls:
                    break
    return harvest
