"""Sitemap parsing: urlset, index, gzip, text, malformed XML, entities refused, bounds."""

from __future__ import annotations

import asyncio
import gzip

from oit_check.crawl.sitemap import collect_sitemap_urls, parse_sitemap

BASE = "https://agency.go.th/sitemap.xml"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_urlset() -> None:
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {NS}><url><loc>https://agency.go.th/ita/</loc></url>
<url><loc> https://agency.go.th/ข่าว </loc><lastmod>2024-01-01</lastmod></url></urlset>""".encode()
    doc = parse_sitemap(body, BASE, max_urls=100)
    assert doc.urls == ("https://agency.go.th/ita/", "https://agency.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7")
    assert doc.sitemaps == ()


def test_index_and_gzip() -> None:
    index = f"<sitemapindex {NS}><sitemap><loc>https://agency.go.th/s1.xml.gz</loc></sitemap></sitemapindex>"
    doc = parse_sitemap(gzip.compress(index.encode()), BASE, max_urls=100)
    assert doc.sitemaps == ("https://agency.go.th/s1.xml.gz",)


def test_text_sitemap_and_bounds() -> None:
    body = "\n".join(f"https://agency.go.th/p{i}" for i in range(50)).encode()
    assert len(parse_sitemap(body, BASE, max_urls=10).urls) == 10


def test_malformed_xml_falls_back_to_loc_values() -> None:
    body = f"<urlset {NS}><url><loc>https://agency.go.th/a?x=1&y=2</loc></url><url><loc>https://agency.go.th/b</loc>"
    doc = parse_sitemap(body.encode(), BASE, max_urls=10)
    assert doc.urls == ("https://agency.go.th/a?x=1&y=2", "https://agency.go.th/b")
    assert doc.note is not None


def test_entities_are_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        f"<urlset {NS}><url><loc>https://agency.go.th/&lol2;</loc></url></urlset>"
    )
    doc = parse_sitemap(bomb.encode(), BASE, max_urls=10)
    assert doc.urls == () and doc.note is not None and "DOCTYPE" in doc.note


def test_html_is_not_a_sitemap() -> None:
    doc = parse_sitemap(b"<!DOCTYPE html><html><body>404</body></html>", BASE, max_urls=10)
    assert doc.urls == () and doc.note is not None


def test_gzip_bomb_is_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import oit_check.crawl.sitemap as sitemap

    monkeypatch.setattr(sitemap, "MAX_SITEMAP_BYTES", 1000)
    doc = parse_sitemap(gzip.compress(b"\n" * 100_000), BASE, max_urls=10)
    assert doc.urls == () and doc.note is not None


def test_collect_follows_indexes_once_and_keeps_same_site_urls() -> None:
    files = {
        "https://agency.go.th/sitemap.xml": (
            f"<sitemapindex {NS}><sitemap><loc>https://agency.go.th/a.xml</loc></sitemap>"
            f"<sitemap><loc>https://agency.go.th/sitemap.xml</loc></sitemap>"
            f"<sitemap><loc>https://evil.example/x.xml</loc></sitemap></sitemapindex>"
        ).encode(),
        "https://agency.go.th/a.xml": (
            f"<urlset {NS}><url><loc>https://agency.go.th/ita/</loc></url>"
            f"<url><loc>https://other.example/</loc></url></urlset>"
        ).encode(),
    }
    fetched: list[str] = []

    async def fetch(url: str) -> bytes | None:
        fetched.append(url)
        return files.get(url)

    harvest = asyncio.run(
        collect_sitemap_urls(
            ["https://agency.go.th/sitemap.xml"],
            fetch,
            is_same_site=lambda u: u.startswith("https://agency.go.th/"),
            max_urls=100,
        )
    )
    assert harvest.urls == ["https://agency.go.th/ita/"]
    assert fetched == ["https://agency.go.th/sitemap.xml", "https://agency.go.th/a.xml"]
