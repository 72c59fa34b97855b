"""Validation of what people type into the self-check app, with plain Thai (or English) messages.

Every input is checked here before anything is fetched: the URL (http/https only, a host, no
user name or password, length cap), the fiscal year (a 4-digit Buddhist Era year in a sane range)
and the optional ITA results file (size cap, known extensions). ``check_target`` then resolves the
host and refuses private, loopback, link-local and other non-public addresses unless the app was
started with ``--allow-private``, reusing the crawler's rules in ``oit_check.crawl.netguard`` so the
web form and the crawler agree on what "private" means.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from oit_check.crawl.netguard import is_blocked_ip, parse_ip, system_resolver
from oit_check.i18n import t
from oit_check.thai.text import to_arabic_digits

MAX_URL_LENGTH = 2000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MIN_FISCAL_YEAR = 2557  # ITA's OIT items were first assessed around 2557 (2014)
#: Extensions accepted for the ITA results file: what ``oit_check.perception.results`` reads (the
#: results tables pasted into a text file, saved as CSV, or kept in a Word document).
RESULTS_EXTENSIONS = (".txt", ".csv", ".tsv", ".md", ".docx")

Resolver = Callable[[str, int], Awaitable[list[str]]]


@dataclass(frozen=True)
class FieldError:
    """A message for one form field (``field`` matches the input's name)."""

    field: str
    message: str


def parse_target_url(raw: str, lang: str) -> tuple[str | None, FieldError | None]:
    """The URL to scan, or the reason it cannot be scanned. ``www.x.go.th`` becomes ``https://www.x.go.th/``."""
    text = (raw or "").strip()
    if not text:
        return None, FieldError("url", t("err_url_empty", lang))
    if len(text) > MAX_URL_LENGTH:
        return None, FieldError("url", t("err_url_long", lang, n=MAX_URL_LENGTH))
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return None, FieldError("url", t("err_url_invalid", lang))
    if "://" not in text:
        if ":" in text.split("/", 1)[0] and not text.split("/", 1)[0].rsplit(":", 1)[-1].isdigit():
            # "javascript:...", "file:..." and friends: a scheme, but not one we fetch
            return None, FieldError("url", t("err_url_scheme", lang))
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None, FieldError("url", t("err_url_invalid", lang))
    if parts.scheme.lower() not in ("http", "https"):
        return None, FieldError("url", t("err_url_scheme", lang))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return None, FieldError("url", t("err_url_credentials", lang))
    host = parts.hostname or ""
    if not host:
        return None, FieldError("url", t("err_url_host", lang))
    if parse_ip(host) is None:
        try:
            host.encode("idna")
        except UnicodeError:
            return None, FieldError("url", t("err_url_invalid", lang))
        if host.startswith(".") or ".." in host or len(host) > 253:
            return None, FieldError("url", t("err_url_invalid", lang))
    netloc = parts.netloc.lower() if port is None else parts.netloc
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, parts.query, "")), None


async def check_target(
    url: str, lang: str, *, allow_private: bool, resolver: Resolver | None = None
) -> FieldError | None:
    """None if ``url``'s host may be scanned, else why not (private address, unknown host).

    With ``allow_private`` nothing is refused here. Otherwise an IP literal is judged directly and a
    host name is resolved; if *any* of its addresses is non-public, the URL is refused.
    """
    if allow_private:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    literal = parse_ip(host)
    if literal is not None:
        if "%" in host or is_blocked_ip(literal):
            return FieldError("url", t("err_url_private", lang, address=str(literal)))
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = await (resolver or system_resolver)(host, port)
    except OSError:
        return FieldError("url", t("err_url_dns", lang, host=host))
    if not addresses:
        return FieldError("url", t("err_url_dns", lang, host=host))
    for address in addresses:
        ip = parse_ip(address.split("%", 1)[0])
        if ip is None or "%" in address or is_blocked_ip(ip):
            return FieldError("url", t("err_url_private", lang, address=f"{host} → {address}"))
    return None


def fiscal_year_range(current_fy: int) -> tuple[int, int]:
    """The fiscal years the form accepts: from ``MIN_FISCAL_YEAR`` to next year."""
    return MIN_FISCAL_YEAR, current_fy + 1


def parse_fiscal_year(raw: str, current_fy: int, lang: str) -> tuple[int | None, FieldError | None]:
    """A 4-digit Buddhist Era year (Thai digits accepted) within ``fiscal_year_range``."""
    low, high = fiscal_year_range(current_fy)
    text = to_arabic_digits((raw or "").strip())
    if len(text) != 4 or not text.isdigit() or not low <= int(text) <= high:
        return None, FieldError("fiscal_year", t("err_year", lang, low=low, high=high))
    return int(text), None


def check_results_file(file_name: str, size: int, lang: str) -> FieldError | None:
    """None if an uploaded results file is acceptable by name and size."""
    suffix = PurePosixPath(file_name.replace("\\", "/")).suffix.lower()
    if suffix not in RESULTS_EXTENSIONS:
        return FieldError("results", t("err_upload_type", lang, types=" ".join(RESULTS_EXTENSIONS)))
    if size > MAX_UPLOAD_BYTES:
        return FieldError("results", t("err_upload_large", lang, mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    if size == 0:
        return FieldError("results", t("err_upload_unreadable", lang, detail="0 bytes"))
    return None
