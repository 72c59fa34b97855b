"""robots.txt parsing (Protego), what each response means, and the effective delay."""

from __future__ import annotations

import pytest

from oit_check.crawl.robots import (
    effective_delay,
    parse_robots,
    robots_url_for,
    rules_from_response,
    rules_unavailable,
)

ROBOTS_URL = "https://agency.go.th/robots.txt"
BASE = "https://agency.go.th"


def test_wildcards_dollar_and_longest_match() -> None:
    rules = parse_robots(
        b"User-agent: *\n"
        b"Disallow: /*.pdf$\n"
        b"Disallow: /private*/\n"
        b"Allow: /public/*.html\n"
        b"Disallow: /public/\n"
        b"Disallow: /docs/\n"
        b"Allow: /docs/public/\n"
        b"Disallow: /*?option=com_mailto\n",
        ROBOTS_URL,
    )
    assert rules.outcome == "parsed"
    assert not rules.allows(f"{BASE}/files/o1.pdf")
    assert rules.allows(f"{BASE}/files/o1.pdf?download=1")  # `$` anchors the end
    assert not rules.allows(f"{BASE}/private-area/x")
    assert rules.allows(f"{BASE}/public/page.html")
    assert not rules.allows(f"{BASE}/public/page.php")
    assert not rules.allows(f"{BASE}/docs/a.html")
    assert rules.allows(f"{BASE}/docs/public/a.html")  # longest match wins
    assert not rules.allows(f"{BASE}/index.php?option=com_mailto&x=1")
    assert rules.allows(f"{BASE}/")


def test_allow_root_only() -> None:
    rules = parse_robots(b"User-agent: *\nAllow: /$\nDisallow: /\n", ROBOTS_URL)
    assert rules.allows(f"{BASE}/")
    assert not rules.allows(f"{BASE}/ita/")


def test_our_own_group_wins_over_star() -> None:
    rules = parse_robots(b"User-agent: *\nDisallow: /\n\nUser-agent: oit-check\nDisallow: /admin/\n", ROBOTS_URL)
    assert rules.allows(f"{BASE}/ita/")
    assert not rules.allows(f"{BASE}/admin/x")


def test_bom_is_stripped() -> None:
    rules = parse_robots(b"\xef\xbb\xbfUser-agent: *\r\nDisallow: /secret/\r\n", ROBOTS_URL)
    assert not rules.allows(f"{BASE}/secret/a")


def test_thai_paths_raw_and_encoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /ข่าว/\n".encode(), ROBOTS_URL)
    for path in ("/ข่าว/a", "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/a", "/%e0%b8%82%e0%b9%88%e0%b8%b2%e0%b8%a7/a"):
        assert not rules.allows(BASE + path), path


def test_crawl_delay_fraction_and_request_rate() -> None:
    assert parse_robots(b"User-agent: *\nCrawl-delay: 2.5\n", ROBOTS_URL).crawl_delay == 2.5
    assert parse_robots(b"User-agent: *\nRequest-rate: 1/5\n", ROBOTS_URL).crawl_delay == 5.0
    assert parse_robots(b"User-agent: *\nDisallow:\n", ROBOTS_URL).crawl_delay is None


def test_sitemaps_are_resolved() -> None:
    rules = parse_robots(
        b"Sitemap: /sitemap.xml\nUser-agent: *\nDisallow:\nSitemap: https://agency.go.th/news.xml\n", ROBOTS_URL
    )
    assert rules.sitemaps == ("https://agency.go.th/sitemap.xml", "https://agency.go.th/news.xml")


def test_html_served_as_robots_allows_all() -> None:
    body = b"<!DOCTYPE html><html><body>Disallow: /</body></html>"
    rules = parse_robots(body, ROBOTS_URL, content_type="text/html; charset=utf-8")
    assert rules.outcome == "html" and rules.allows(f"{BASE}/anything")
    assert parse_robots(body, ROBOTS_URL).outcome == "html"  # sniffed, even as text/plain


@pytest.mark.parametrize(("status", "outcome"), [(404, "missing"), (410, "missing"), (403, "missing")])
def test_4xx_allows_all(status: int, outcome: str) -> None:
    rules = rules_from_response(ROBOTS_URL, status, b"")
    assert rules.outcome == outcome and rules.allows(f"{BASE}/x") and rules.note is None


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_allows_all_with_a_note(status: int) -> None:
    rules = rules_from_response(ROBOTS_URL, status, b"")
    assert rules.outcome == "unavailable" and rules.allows(f"{BASE}/x")
    assert rules.note is not None and str(status) in rules.note


def test_unreachable_robots_allows_all_with_a_note() -> None:
    rules = rules_unavailable(ROBOTS_URL, "timed out")
    assert rules.allows(f"{BASE}/x") and rules.note is not None and "timed out" in rules.note


def test_effective_delay() -> None:
    assert effective_delay(0.25, None, 10) == (0.25, None)
    assert effective_delay(0.25, 0.1, 10) == (0.25, None)
    assert effective_delay(0.25, 2.5, 10) == (2.5, None)
    delay, note = effective_delay(0.25, 60, 10)
    assert delay == 10 and note is not None and "60" in note


def test_robots_url_for() -> None:
    assert robots_url_for("https://Agency.go.th:8443/a/b?c") == "https://agency.go.th:8443/robots.txt"
