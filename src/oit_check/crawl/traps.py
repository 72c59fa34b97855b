"""URL-trap heuristics for the crawl stage: endless calendars, session ids, repeated paths, long URLs.

A trap is a part of a site that generates new URLs without end; following it spends the page
budget on nothing. The heuristics are deliberately conservative, because a false positive hides
real ITA pages: Thai agency CMSs route every page through one script (``index.php?_mod=...``,
``?page_id=``, ``?option=com_content&id=``), so "many query variants of one path" alone is *not*
a trap. What is:

* **Long URLs**: longer than ``max_url_length`` (relative-link bugs and ever-growing state).
* **Repeated path segments**: one segment three times (``/ita/x/ita/y/ita/``) or a block of two or
  three segments repeated back to back (``/a/b/a/b/``): a relative link resolved against itself.
* **Calendars**: URLs of one path whose query has date-like parameters (``month``, ``date``,
  ``year``... or values like ``2024-03``, ``202403``, ``2567``) or whose path ends in date-like
  segments (``/calendar/2024/03``). More than ``max_query_variants`` distinct ones -> trap.
* **Self-generated query variants**: for one path and one set of parameter names, more than
  ``max_query_variants`` distinct query strings *discovered on pages of that same group* (facet
  filters, sort orders, "next" links that never end). Menus that link 200 ``?page_id=`` pages from
  the home page are not counted: those are found on other pages.
* **Session ids** in unknown parameter names are learned (``SessionParamLearner``): a token-like
  value repeated on links to three or more different paths of one page is a session, not content.

Each pattern is reported once (``TrapHit.first``); every skipped URL is counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

CALENDAR_PARAM_NAMES: frozenset[str] = frozenset(
    {"date", "day", "month", "year", "week", "cal", "calendar", "ym", "yearmonth", "yyyymm", "mon",
     "yr", "dt", "start_date", "end_date", "startdate", "enddate", "event_date", "tribe-bar-date",
     "d", "m", "y"}
)  # fmt: skip
_DATE_VALUE = re.compile(
    r"^(?:(?:19|20|25)\d{2}(?:[-/.]?(?:0?[1-9]|1[0-2])(?:[-/.]?(?:0?[1-9]|[12]\d|3[01]))?)?"
    r"|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20|25)\d{2})$"
)
_YEAR_SEGMENT = re.compile(r"^(?:19|20|25)\d{2}$")
_SMALL_NUMBER = re.compile(r"^\d{1,2}$")
_TOKEN_VALUE = re.compile(r"^[A-Za-z0-9_-]{8,}$")


@dataclass(frozen=True)
class TrapHit:
    """A URL refused as a trap: the pattern it belongs to and whether this is the pattern's first hit."""

    pattern: str
    reason: str
    first: bool


def _query_pairs(query: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote(name).lower(), unquote(value)))
    return pairs


def _is_calendar_param(name: str, value: str) -> bool:
    """A date-like value: with separators (``2024-03``, ``15/03/2567``) under any name; bare digits
    (``202403``, ``2567``) only under a calendar-like name, since numeric ids look the same."""
    if not _DATE_VALUE.match(value):
        return False
    return name in CALENDAR_PARAM_NAMES or any(sep in value for sep in "-/.")


def _calendar_path(segments: list[str]) -> str | None:
    """``/calendar/2024/03`` -> ``/calendar/{date}``; None unless the path *ends* in a date.

    ``/2024/03/15/slug/`` (a WordPress post) ends in a slug and is not a calendar.
    """
    tail = 0
    for segment in reversed(segments):
        if not (_DATE_VALUE.match(segment) or _SMALL_NUMBER.match(segment)):
            break
        tail += 1
    dated = segments[len(segments) - tail :]
    if not any(_YEAR_SEGMENT.match(s) or (len(s) >= 6 and _DATE_VALUE.match(s)) for s in dated):
        return None
    return "/" + "/".join([*segments[: len(segments) - tail], "{date}"])


def _repeated_segments(segments: list[str]) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for index, segment in enumerate(segments):
        counts[segment] += 1
        if counts[segment] >= 3:
            return "/" + "/".join(segments[: index + 1])
    for size in (2, 3):
        for start in range(0, len(segments) - 2 * size + 1):
            if segments[start : start + size] == segments[start + size : start + 2 * size]:
                return "/" + "/".join(segments[: start + 2 * size])
    return None


@dataclass
class TrapDetector:
    """Decides, for each newly discovered URL, whether it belongs to a trap. One per crawl."""

    max_url_length: int
    max_query_variants: int
    _calendar: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _self_variants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _reported: set[str] = field(default_factory=set)

    def _hit(self, pattern: str, reason: str) -> TrapHit:
        first = pattern not in self._reported
        self._reported.add(pattern)
        return TrapHit(pattern=pattern, reason=reason, first=first)

    @staticmethod
    def _group(url: str) -> tuple[str, str, list[str], str]:
        parts = urlsplit(url)
        segments = [s for s in unquote(parts.path).split("/") if s]
        names = ",".join(sorted({name for name, _ in _query_pairs(parts.query)}))
        return parts.netloc, parts.path, segments, names

    def check(self, url: str, found_on: str | None) -> TrapHit | None:
        """None if ``url`` may be queued; else the trap it falls into. Call once per new URL."""
        host, path, segments, names = self._group(url)
        if len(url) > self.max_url_length:
            return self._hit(f"long-url {host}", f"URL longer than {self.max_url_length} characters")
        repeated = _repeated_segments(segments)
        if repeated is not None:
            return self._hit(
                f"repeated-segments {host}{repeated}", "the same path segments repeat (a relative-link loop)"
            )
        query = urlsplit(url).query
        pairs = _query_pairs(query)
        calendar_key: str | None = None
        if any(_is_calendar_param(name, value) for name, value in pairs):
            calendar_key = f"{host}{path}?{names}"
        else:
            template = _calendar_path(segments)
            if template is not None:
                calendar_key = f"{host}{template}?{names}"
        if calendar_key is not None:
            seen = self._calendar[calendar_key]
            if url not in seen and len(seen) >= self.max_query_variants:
                return self._hit(
                    f"calendar {calendar_key}",
                    f"more than {self.max_query_variants} date variants of one calendar-like URL",
                )
            seen.add(url)
            return None
        if not query or found_on is None:
            return None
        group = f"{host}{path}?{names}"
        parent_host, parent_path, _, parent_names = self._group(found_on)
        if f"{parent_host}{parent_path}?{parent_names}" != group:
            return None
        variants = self._self_variants[group]
        if query not in variants and len(variants) >= self.max_query_variants:
            return self._hit(
                f"query-variants {group}",
                f"pages of {path} keep linking to new query variants of themselves "
                f"(more than {self.max_query_variants})",
            )
        variants.add(query)
        return None


@dataclass
class SessionParamLearner:
    """Learns session-id parameters a site puts in its links, so they can be dropped like PHPSESSID.

    Signature of a session id: one page links to three or more *different* paths carrying the same
    token-like value (8+ letters/digits) in the same parameter. Content ids (``?file=5f3a...``)
    differ per link and are never learned.
    """

    min_paths: int = 3
    names: set[str] = field(default_factory=set)

    def observe(self, urls: list[str]) -> set[str]:
        """Look at the links of one page; return parameter names newly learned as session ids."""
        paths: dict[tuple[str, str], set[str]] = defaultdict(set)
        for url in urls:
            parts = urlsplit(url)
            for name, value in _query_pairs(parts.query):
                if name not in self.names and _TOKEN_VALUE.match(value) and not value.isdigit():
                    paths[(name, value)].add(parts.path)
        learned = {name for (name, _), where in paths.items() if len(where) >= self.min_paths}
        self.names |= learned
        return learned

    def remove_from(self, url: str) -> str:
        """``url`` without the learned session parameters."""
        if not self.names:
            return url
        parts = urlsplit(url)
        if not parts.query:
            return url
        kept = [p for p in parts.query.split("&") if p and unquote(p.partition("=")[0]).lower() not in self.names]
        return urlunsplit(SplitResult(parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))
