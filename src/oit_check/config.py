"""Scan and crawl settings as value objects, with named defaults.

Defaults are chosen to find every disclosure on a typical agency site of a few hundred pages
while staying polite: one host, 4 connections, 0.25 s between requests to the same host.
Precedence, resolved in ``cli.py``: command-line option > ``OIT_CHECK_*`` environment > default.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_PAGES = 800
DEFAULT_MAX_DEPTH = 6
DEFAULT_MAX_DOCUMENTS = 400
DEFAULT_MAX_BYTES = 25 * 1024 * 1024  # per response; larger bodies are cut off and recorded
DEFAULT_MAX_SECONDS = 300.0  # total crawl time
DEFAULT_TIMEOUT = 20.0  # per request
DEFAULT_CONCURRENCY = 4  # per host
DEFAULT_DELAY = 0.25  # seconds between requests to one host (robots.txt Crawl-delay wins if larger)
DEFAULT_RETRIES = 2
DEFAULT_MAX_REDIRECTS = 8
DEFAULT_MAX_QUERY_VARIANTS = 30  # distinct query strings per path before it is treated as a trap
DEFAULT_MAX_CRAWL_DELAY = 10.0  # cap on a robots.txt Crawl-delay (recorded in CrawlStats.notes)
DEFAULT_MAX_RETRY_AFTER = 30.0  # cap on a Retry-After wait
DEFAULT_RETRY_BACKOFF = 0.5  # first retry waits about this long, doubling each time (with jitter)
DEFAULT_MAX_RESPONSE_SECONDS = 120.0  # one response, headers and body, slow servers included
DEFAULT_MAX_URL_LENGTH = 2048  # longer URLs are treated as traps
DEFAULT_MAX_SITEMAP_URLS = 2000  # seed URLs taken from sitemaps
DEFAULT_MAX_DOCUMENT_CHARS = 200_000  # text kept per document
DEFAULT_MAX_DOCUMENT_PAGES = 60  # PDF pages read per document
DEFAULT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # DOCX/XLSX uncompressed size (zip-bomb guard)
DEFAULT_OCR_PAGES = 3  # pages of a scanned PDF read by OCR (Tesseract, Thai + English); 0 = off
DEFAULT_OCR_SECONDS = 20.0  # OCR time per page (measured ~1.6 s on a 2-core machine)
DEFAULT_DOCUMENT_TIMEOUT = 60.0  # seconds to extract one document before its worker is killed
# A 200 OK HTML page this short whose text contains one of these is a "soft 404" (ERROR_PAGE).
# The checklist carries its own list; the pipeline passes it through CrawlConfig.error_page_markers.
DEFAULT_ERROR_PAGE_MAX_CHARS = 600
DEFAULT_ERROR_PAGE_MARKERS: tuple[str, ...] = (
    "404",
    "not found",
    "page not found",
)
# Links the crawler never requests, because a request could change something or leads to the
# site's administration (regular expressions over the decoded path and query, case-insensitive).
# Login links are recorded as login walls (what a visitor clicking them meets), the rest as skipped.
DEFAULT_LOGIN_LINK_PATTERNS: tuple[str, ...] = (
    r"wp-login\.php(?![^?]*[?&]action=logout)",
    r"(?:^|[/_.-])(?:login|signin|sign-in|log-in)(?:[/_.?=-]|\.\w+|$)",
)
DEFAULT_UNSAFE_URL_PATTERNS: tuple[str, ...] = (
    r"(?i)/wp-admin(?:/|$)",
    r"(?i)/(?:administrator|admin|backend|cpanel)(?:/|\.php|$)",
    r"(?i)(?:^|[/_.=-])(?:logout|logoff|signout|sign-out|log-out)(?:[/_.?&=-]|\.\w+|$)",
    r"(?i)(?:^|[/_.-])(?:create|edit|delete|remove|update|insert|del)_",
    r"(?:^|/)(?:Create|Edit|Delete|Remove|Update)[A-Z_]",  # ASP.NET-style Create_Item.aspx, EditNews
    r"(?i)[?&](?:action|do|task|cmd|op|mode)=(?!view\b|read\b|show\b|detail\b|list\b|print\b|download\b)",
    r"(?i)[?&](?:delete|remove|logout)\b",
)
# A redirect that ends on a URL containing one of these (or on a page with a password field)
# means the link needs a login.
DEFAULT_LOGIN_URL_MARKERS: tuple[str, ...] = (
    "login",
    "log-in",
    "signin",
    "sign-in",
    "logon",
    "wp-login.php",
    "auth",
    "เข้าสู่ระบบ",
)
DEFAULT_USER_AGENT = "oit-check/{version} (+https://github.com/oit-check/oit-check; ITA OIT disclosure checker)"


class CrawlConfig(BaseModel):
    """Limits and politeness of one crawl."""

    model_config = ConfigDict(frozen=True)

    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1)
    max_depth: int = Field(default=DEFAULT_MAX_DEPTH, ge=0)
    max_documents: int = Field(default=DEFAULT_MAX_DOCUMENTS, ge=0)
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1024)
    max_seconds: float = Field(default=DEFAULT_MAX_SECONDS, gt=0)
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0)
    concurrency: int = Field(default=DEFAULT_CONCURRENCY, ge=1, le=32)
    delay: float = Field(default=DEFAULT_DELAY, ge=0)
    retries: int = Field(default=DEFAULT_RETRIES, ge=0, le=10)
    max_redirects: int = Field(default=DEFAULT_MAX_REDIRECTS, ge=0, le=30)
    max_query_variants: int = Field(default=DEFAULT_MAX_QUERY_VARIANTS, ge=1)
    include_subdomains: bool = False
    extra_hosts: tuple[str, ...] = ()  # other hosts treated as the same site
    respect_robots: bool = True
    use_sitemap: bool = True
    fetch_documents: bool = True
    allow_private: bool | None = None  # None: allowed only when the start URL itself is private
    user_agent: str | None = None  # None: DEFAULT_USER_AGENT with the tool version
    document_workers: int = Field(default=2, ge=1, le=16)
    max_crawl_delay: float = Field(default=DEFAULT_MAX_CRAWL_DELAY, ge=0)
    max_retry_after: float = Field(default=DEFAULT_MAX_RETRY_AFTER, ge=0)
    retry_backoff: float = Field(default=DEFAULT_RETRY_BACKOFF, ge=0)
    max_response_seconds: float = Field(default=DEFAULT_MAX_RESPONSE_SECONDS, gt=0)
    max_url_length: int = Field(default=DEFAULT_MAX_URL_LENGTH, ge=64)
    max_sitemap_urls: int = Field(default=DEFAULT_MAX_SITEMAP_URLS, ge=0)
    max_document_chars: int = Field(default=DEFAULT_MAX_DOCUMENT_CHARS, ge=1000)
    max_document_pages: int = Field(default=DEFAULT_MAX_DOCUMENT_PAGES, ge=1)
    document_timeout: float = Field(default=DEFAULT_DOCUMENT_TIMEOUT, gt=0)
    ocr_pages: int = Field(default=DEFAULT_OCR_PAGES, ge=0, le=20)  # 0: never OCR (fleets)
    ocr_cache_dir: str | None = None
    open_offsite: bool = True  # open evidence linked on other hosts one hop deep, as an assessor would
    error_page_markers: tuple[str, ...] = DEFAULT_ERROR_PAGE_MARKERS
    error_page_max_chars: int = Field(default=DEFAULT_ERROR_PAGE_MAX_CHARS, ge=0)
    login_url_markers: tuple[str, ...] = DEFAULT_LOGIN_URL_MARKERS
    login_link_patterns: tuple[str, ...] = DEFAULT_LOGIN_LINK_PATTERNS
    unsafe_url_patterns: tuple[str, ...] = DEFAULT_UNSAFE_URL_PATTERNS


class ScanConfig(BaseModel):
    """Everything ``scan()`` needs besides the start URL and the checklist."""

    model_config = ConfigDict(frozen=True)

    crawl: CrawlConfig = CrawlConfig()
    fiscal_year: int | None = None  # Buddhist Era; None = the fiscal year containing as_of
    as_of: date | None = None  # None = today (the CLI passes it; the library never reads the clock twice)
