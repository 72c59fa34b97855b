"""robots.txt for the crawl stage: parse with Protego, decide what an unreadable file means, and the delay.

Why Protego: it implements RFC 9309 wildcards, ``$`` and longest-match precedence, which
``urllib.robotparser`` does not, and reads ``Crawl-delay: 2.5`` as 2.5 (research/libraries.md §5).
Both libraries ignore every rule of a file that starts with a UTF-8 BOM, which Windows editors
write, so the BOM is stripped first.

What a response means (RFC 9309 §2.3, relaxed where noted):

* 2xx plain text: the rules apply to the ``oit-check`` token (or ``*``).
* 2xx HTML (a CMS answering every path with its home page): no rules, allow all.
* 4xx: no robots.txt, allow all.
* 5xx, timeout, connection error: RFC 9309 says "assume disallow all"; an agency's broken server
  would then make its own self-check impossible, so we allow all and record a note in the result.

The effective delay between requests to a host is ``max(config.delay, Crawl-delay)``, where a
``Request-rate: n/s`` counts as ``s/n`` seconds, capped at ``CrawlConfig.max_crawl_delay`` (a
site asking for 60 s between requests would otherwise need 13 hours for 800 pages); the cap is
recorded as a note.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from protego import Protego

ROBOTS_TOKEN = "oit-check"
"""The product token our rules are looked up by (``User-agent: oit-check``)."""
MAX_ROBOTS_BYTES = 512 * 1024
"""RFC 9309 asks parsers to read at least 500 KiB; the rest is ignored."""

RobotsOutcome = Literal["parsed", "missing", "html", "unavailable", "ignored"]


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt allows, with the crawl delay and the sitemaps it names.

    ``outcome`` says how the file was read: ``parsed`` (rules apply), ``missing`` (4xx),
    ``html`` (an HTML page served as robots.txt), ``unavailable`` (5xx, timeout, connection
    error; ``note`` says which) or ``ignored`` (``respect_robots=False``). Only ``parsed`` can
    disallow anything.
    """

    robots_url: str
    outcome: RobotsOutcome
    status: int | None = None
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    note: str | None = None
    _parser: Protego | None = field(default=None, repr=False, compare=False)

    def allows(self, url: str) -> bool:
        """Whether ``oit-check`` may fetch ``url`` under these rules."""
        if self._parser is None:
            return True
        return bool(self._parser.can_fetch(url, ROBOTS_TOKEN))


def robots_url_for(url: str) -> str:
    """``scheme://host[:port]/robots.txt`` of the origin of ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def allow_all(
    robots_url: str, outcome: RobotsOutcome, *, status: int | None = None, note: str | None = None
) -> RobotsRules:
    """Rules that allow everything, recording why."""
    return RobotsRules(robots_url=robots_url, outcome=outcome, status=status, note=note)


def _looks_like_html(body: bytes, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml", b"<"))


def parse_robots(body: bytes, robots_url: str, *, content_type: str = "", status: int = 200) -> RobotsRules:
    """Parse a 2xx robots.txt body (BOM stripped, bounded to ``MAX_ROBOTS_BYTES``).

    Relative ``Sitemap:`` URLs are resolved against ``robots_url`` (Protego returns them as written).
    """
    body = body[:MAX_ROBOTS_BYTES]
    if body.startswith(codecs.BOM_UTF8):
        body = body[len(codecs.BOM_UTF8) :]
    if _looks_like_html(body, content_type):
        return allow_all(robots_url, "html", status=status, note="robots.txt is an HTML page; ignored")
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
    parser = Protego.parse(text)
    delay: float | None = None
    raw_delay = parser.crawl_delay(ROBOTS_TOKEN)
    if raw_delay is not None:
        delay = float(raw_delay)
    rate = parser.request_rate(ROBOTS_TOKEN)
    if rate is not None and rate.requests:
        rate_delay = float(rate.seconds) / float(rate.requests)
        delay = rate_delay if delay is None else max(delay, rate_delay)
    sitemaps = tuple(dict.fromkeys(urljoin(robots_url, s.strip()) for s in parser.sitemaps if s.strip()))
    return RobotsRules(
        robots_url=robots_url,
        outcome="parsed",
        status=status,
        crawl_delay=delay,
        sitemaps=sitemaps,
        _parser=parser,
    )


def rules_from_response(robots_url: str, status: int, body: bytes, content_type: str = "") -> RobotsRules:
    """Turn a robots.txt response (after redirects) into rules, per the table in the module docstring."""
    if 200 <= status < 300:
        return parse_robots(body, robots_url, content_type=content_type, status=status)
    if 400 <= status < 500:
        return allow_all(robots_url, "missing", status=status)
    return allow_all(
        robots_url,
        "unavailable",
        status=status,
        note=f"robots.txt answered HTTP {status}; crawled as if it allowed everything",
    )


def rules_unavailable(robots_url: str, reason: str) -> RobotsRules:
    """Rules for a robots.txt that could not be fetched at all (timeout, connection error)."""
    return allow_all(
        robots_url,
        "unavailable",
        note=f"robots.txt could not be read ({reason}); crawled as if it allowed everything",
    )


def effective_delay(configured: float, crawl_delay: float | None, cap: float) -> tuple[float, str | None]:
    """``(delay, note)``: ``max(configured, crawl_delay)`` capped at ``cap`` (never below ``configured``)."""
    if crawl_delay is None or crawl_delay <= configured:
        return configured, None
    if crawl_delay > cap:
        delay = max(configured, cap)
        return delay, f"robots.txt asks for Crawl-delay {crawl_delay:g} s; capped at {delay:g} s"
    return crawl_delay, None
