"""What the document readers (``pdf``, ``office``) share: limits, the failure they raise, and how
their text, title and dates become a ``PageContent``.

Readers raise ``Unreadable`` (Thai and English reason) for a file an agency must fix; the entry
point, ``documents.extract_document``, turns it into a ``PageFailure``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from oit_check.config import (
    DEFAULT_MAX_DOCUMENT_CHARS,
    DEFAULT_MAX_DOCUMENT_PAGES,
    DEFAULT_MAX_UNZIPPED_BYTES,
    DEFAULT_OCR_PAGES,
    DEFAULT_OCR_SECONDS,
)
from oit_check.models import FetchedResource, PageContent

TITLE_MAX = 200
_WORD_TITLE_PREFIX = re.compile(r"^(?:Microsoft (?:Word|Excel|PowerPoint) - )", re.I)
_JUNK_TITLE = re.compile(r"^(?:untitled(?:-\d+)?|document\d*|book\d*|presentation\d*|title|none|null)$", re.I)


@dataclass(frozen=True)
class DocumentLimits:
    """Bounds on what one document may cost: text kept, PDF pages read, unzipped size, OCR."""

    max_chars: int = DEFAULT_MAX_DOCUMENT_CHARS
    max_pages: int = DEFAULT_MAX_DOCUMENT_PAGES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    ocr_pages: int = DEFAULT_OCR_PAGES  # pages of a scan read by OCR; 0 turns OCR off
    ocr_seconds: float = DEFAULT_OCR_SECONDS  # per page
    ocr_cache_dir: str | None = None  # OCR text kept by content hash across scans


DEFAULT_LIMITS = DocumentLimits()


DEFAULT_LIMITS = DocumentLimits()


class Unreadable(Exception):
    """Raised inside this module only; becomes a PageFailure at ``extract_document``'s boundary."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(f"{thai} / {english}")


def document_content(resource: FetchedResource, file_name: str, **fields: Any) -> PageContent:
    base: dict[str, Any] = {
        "url": resource.url,
        "kind": resource.kind,
        "found_on": resource.found_on,
        "depth": resource.depth,
        "file_name": file_name,
        "last_modified": resource.headers_last_modified,
        "bytes": len(resource.body) or resource.content_length or 0,
        "requested_url": resource.requested_url if resource.requested_url != resource.url else None,
        "redirect_chain": resource.redirect_chain,
    }
    base.update(fields)
    return PageContent(**base)


def bounded_join(parts: Iterator[str], max_chars: int) -> str:
    out: list[str] = []
    size = 0
    for part in parts:
        if not part:
            continue
        out.append(part)
        size += len(part) + 1
        if size >= max_chars:
            break
    return "\n".join(out)[:max_chars]


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) >= 3:
            return line[:TITLE_MAX]
    return ""


def clean_title(title: str | None, file_name: str) -> str:
    """A metadata title worth showing: not empty, not "Untitled", not "Microsoft Word - x.docx"."""
    if not title:
        return ""
    title = _WORD_TITLE_PREFIX.sub("", " ".join(str(title).split()))
    title = re.sub(r"\.(?:docx?|xlsx?|pptx?|pdf|odt)$", "", title, flags=re.I).strip()
    if not title or _JUNK_TITLE.match(title) or not any(c.isalpha() for c in title):
        return ""
    if title == file_name.rsplit(".", 1)[0]:
        return title
    return title[:TITLE_MAX]


def plausible_date(value: date) -> date | None:
    """Metadata dates: Buddhist-Era years written as CE are converted; nonsense years dropped."""
    year = value.year
    if year > 2400:
        try:
            value = value.replace(year=year - 543)
        except ValueError:
            return None
    return value if 1990 <= value.year <= 2100 else None


def as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return plausible_date(value.date())
    if isinstance(value, date):
        return plausible_date(value)
    return None
