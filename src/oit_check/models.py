"""Data models shared by every stage: fetched resources, extracted content, evidence and results.

The flow is one-way (see ``pipeline.py``)::

    crawl  -> FetchedResource | PageFailure
    extract -> PageContent (HTML pages and documents alike)
    match  -> Candidate per item
    judge  -> ItemResult (the only place a Verdict is decided)
    scan() -> ScanResult  (== the JSON report, == the history record)

Website findings (404s, timeouts, login walls, stale documents) are *values* in these models,
never exceptions. ``ScanResult`` is the documented JSON contract: bump ``SCHEMA_VERSION`` on any
incompatible change and keep ``tests/golden/`` in step.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"


class Verdict(StrEnum):
    """The five outcomes of an item, in order of preference when candidates compete."""

    OK = "ok"
    PARTIAL = "partial"
    STALE = "stale"
    BROKEN = "broken"
    MISSING = "missing"

    @property
    def rank(self) -> int:
        """Lower is better: used to pick the best candidate of an item."""
        return _VERDICT_RANK[self]


_VERDICT_RANK = {
    Verdict.OK: 0,
    Verdict.PARTIAL: 1,
    Verdict.STALE: 2,
    Verdict.BROKEN: 3,
    Verdict.MISSING: 4,
}


class ResourceKind(StrEnum):
    """What a fetched URL turned out to be."""

    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    DOC_OTHER = "document"  # doc/xls/ppt/odt/zip...: recorded by name, text not extracted
    IMAGE = "image"
    OTHER = "other"


class FailureKind(StrEnum):
    """Why a URL produced no usable content. Each value has a Thai explanation in ``i18n``."""

    TIMEOUT = "timeout"
    CONNECT = "connect"  # DNS, refused, TLS
    HTTP_ERROR = "http_error"  # 4xx/5xx other than the ones below
    NOT_FOUND = "not_found"  # 404 / 410
    LOGIN_REQUIRED = "login_required"  # 401/403 or a redirect to a login form
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    ERROR_PAGE = "error_page"  # 200 OK whose body is an error page / soft 404
    TOO_LARGE = "too_large"
    UNREADABLE_DOCUMENT = "unreadable_document"  # corrupt PDF, HTML saved as .pdf, empty file
    BLOCKED_ADDRESS = "blocked_address"  # private/loopback target when not allowed
    ROBOTS = "robots"  # disallowed by robots.txt (not an error of the site)
    LIMIT = "limit"  # not fetched because a crawl limit was reached
    TRAP = "trap"  # skipped as an infinite URL space (calendar, session ids)
    UNSAFE = "unsafe"  # not requested: the URL changes state or leads to administration (logout, delete, wp-admin)
    OTHER = "other"


class LinkKind(StrEnum):
    """Where a reference came from in the HTML."""

    ANCHOR = "a"
    IFRAME = "iframe"
    EMBED = "embed"
    IMAGE = "img"
    FORM = "form"
    PLACEHOLDER = "placeholder"  # an anchor that links nowhere: href="#", "javascript:void(0)", empty, onclick only


class Link(BaseModel):
    """A reference found on a page, with the words around it.

    ``context`` is the text of the enclosing row (table row, list item, paragraph): ITA index
    pages put the item name in one cell and a bare "ดาวน์โหลด" link in the next. ``section`` is
    the nearest preceding heading or label (accordion header, ``<strong>O12 ...</strong>``).
    """

    model_config = ConfigDict(frozen=True)

    url: str
    text: str = ""
    context: str = ""
    section: str = ""
    kind: LinkKind = LinkKind.ANCHOR
    same_site: bool = True


class Image(BaseModel):
    """An image on a page (org charts and executive photos are required elements)."""

    model_config = ConfigDict(frozen=True)

    src: str
    alt: str = ""
    context: str = ""
    section: str = ""  # the nearest label above it (heading, accordion title), as for links


class Form(BaseModel):
    """A form on a page: Q&A boards, complaint channels and e-services are forms."""

    model_config = ConfigDict(frozen=True)

    action: str = ""
    method: str = "get"
    field_names: tuple[str, ...] = ()
    has_textarea: bool = False
    text: str = ""  # labels and button text


class FetchedResource(BaseModel):
    """One successful HTTP fetch, before extraction. Bodies are bytes; decoding happens in extract."""

    url: str  # final URL after redirects
    requested_url: str
    status: int
    content_type: str = ""
    kind: ResourceKind
    body: bytes = b""
    headers_last_modified: str | None = None
    depth: int = 0
    found_on: str | None = None
    redirect_chain: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    content_disposition: str | None = None  # raw header; documents take their file name from it
    content_length: int | None = None  # declared length of an unencoded body (detects cut downloads)
    truncated: bool = False  # body cut at max_bytes (HTML keeps the prefix) or by the server


class PageFailure(BaseModel):
    """A URL that produced no usable content, kept as a result (never raised)."""

    model_config = ConfigDict(frozen=True)

    url: str
    kind: FailureKind
    reason: str
    status: int | None = None
    found_on: str | None = None


class PageContent(BaseModel):
    """Everything the matcher needs from one HTML page or document.

    For documents, ``text`` is the extracted text (Thai repaired), ``title`` the document title or
    file name, and ``links`` is empty. ``no_text_layer`` marks scanned PDFs.
    """

    url: str
    kind: ResourceKind
    found_on: str | None = None
    depth: int = 0
    title: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    forms: tuple[Form, ...] = ()
    tables: int = 0
    encoding: str | None = None
    file_name: str = ""
    page_count: int | None = None
    no_text_layer: bool = False
    ocr: bool = False  # the text was read by OCR from page images (names and elements only, never dates)
    unreadable_text: bool = False  # text exists but is not machine-readable (Private-Use-Area glyphs)
    doc_metadata_date: date | None = None
    last_modified: str | None = None
    bytes: int = 0
    requested_url: str | None = None  # the link target as found, when a redirect changed it
    redirect_chain: tuple[str, ...] = ()  # hops before ``url``; match links against these too
    truncated: bool = False  # only a prefix of the body was read (see FetchedResource.truncated)

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other URLs that led here (the link target as found and the redirect hops)."""
        return tuple(u for u in (self.requested_url, *self.redirect_chain) if u and u != self.url)


class DateSeen(BaseModel):
    """A date or period read from evidence, with where it was read (which decides its weight)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    start: date
    end: date
    source: str
    where: str  # "title", "anchor", "context", "file_name", "heading", "body", "metadata"
    fiscal_year: int | None = None  # Buddhist Era, when the text names a fiscal year


class Evidence(BaseModel):
    """Where an item was seen: the target URL, the page that linked to it, and what was read."""

    url: str
    found_on: str | None = None
    title: str = ""
    snippet: str = ""
    matched_keywords: list[str] = Field(default_factory=list)
    date: _dt.date | None = None
    dates_seen: list[DateSeen] = Field(default_factory=list)
    kind: ResourceKind | None = None
    verdict: Verdict = Verdict.OK
    note_th: str = ""
    note_en: str = ""
    read_by_ocr: bool = False  # the evidence's text was read by OCR from a scan


class ItemResult(BaseModel):
    """The verdict for one checklist item, with its evidence and plain-language guidance."""

    id: str
    number: int
    indicator: str
    sub_indicator: str
    title_th: str
    title_en: str
    status: Verdict
    evidence: list[Evidence] = Field(default_factory=list)
    missing_elements: list[str] = Field(default_factory=list)
    missing_elements_en: list[str] = Field(default_factory=list)
    reason_th: str
    reason_en: str
    fix_th: str = ""
    fix_en: str = ""
    time_rule: str = "none"
    time_rule_uncertain: bool = False
    also_seen: list[str] = Field(default_factory=list)


class CrawlStats(BaseModel):
    """Counts of what the crawler did; ``errors_by_kind`` uses ``FailureKind`` values as keys."""

    pages: int = 0
    documents: int = 0
    bytes: int = 0
    requests: int = 0
    skipped_robots: int = 0
    skipped_offsite: int = 0
    skipped_traps: int = 0
    errors: int = 0
    errors_by_kind: dict[str, int] = Field(default_factory=dict)
    stopped_by: str | None = None  # which limit ended the crawl early, if any
    skipped_limit: int = 0  # URLs found but not fetched because a limit was reached
    truncated: int = 0  # responses cut at max_bytes (HTML pages keep the prefix)
    retries: int = 0  # repeated requests after transient errors (timeouts, 429, 5xx)
    sitemap_urls: int = 0  # seed URLs read from sitemaps
    delay_seconds: float | None = None  # effective delay between requests to the start host
    notes: list[str] = Field(default_factory=list)  # robots.txt/sitemap/limit remarks for the report


class Timings(BaseModel):
    """Wall-clock timings in seconds."""

    started_at: datetime
    finished_at: datetime
    crawl_seconds: float = 0.0
    match_seconds: float = 0.0
    total_seconds: float = 0.0


class Summary(BaseModel):
    """Counts per verdict and the share of items that would score today."""

    total: int
    ok: int = 0
    partial: int = 0
    stale: int = 0
    broken: int = 0
    missing: int = 0
    expected_oit_score: float = 0.0  # % of items ok: a rough forecast, not NACC's formula


class ScanWarning(BaseModel):
    """Something the reader of the headline score must know (the score may mislead without it)."""

    code: str  # stable: "index_links_nowhere", "few_opened", "one_page", "checklist_fallback", ...
    message_th: str
    message_en: str


class ScanResult(BaseModel):
    """One scan of one site: the JSON report, the library's return value and the history record."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str
    start_url: str
    checklist_id: str
    checklist_version: str
    fiscal_year: int  # Buddhist Era, e.g. 2567
    as_of: date
    timings: Timings
    crawl: CrawlStats
    items: list[ItemResult]
    summary: Summary
    failures: list[PageFailure] = Field(default_factory=list)
    index_pages: list[str] = Field(default_factory=list)
    warnings: list[ScanWarning] = Field(default_factory=list)
    error: str | None = None  # set when the scan itself failed (site unreachable)
