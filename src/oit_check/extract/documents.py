"""Document text extraction (extract stage): PDF, DOCX and XLSX bodies -> PageContent.

ITA evidence is mostly documents: signed PDF announcements, Word reports, Excel procurement
tables. ``extract_document`` turns one fetched document into the same ``PageContent`` the matcher
reads for HTML pages, or into a ``PageFailure(UNREADABLE_DOCUMENT)`` whose reason says, in Thai and
English, what an agency officer should fix (an HTML error page saved as ``.pdf``, an empty or cut
download, a password).

It is a pure top-level function over picklable values so the crawler can run it in a
``ProcessPoolExecutor``: PDFium is not thread-safe, and a process also contains the hangs and
memory blow-ups a hostile file can cause (research/libraries.md §2). Every parser call is wrapped:
third-party parsers raise arbitrary exceptions on malformed input, and a bad file must become a
failure value, never an exception out of the worker.

Choices (measured in research/libraries.md §2): pypdfium2 for PDF (honours ActualText, 0 % CER on
Thai, 0.65 ms/page) followed by ``thaitext.fix_thai_pdf_text``; python-docx for DOCX (paragraphs,
tables, text boxes, headers and footers); openpyxl read-only for XLSX (every sheet, row by row).
Other office formats (.doc, .xls, .ppt, .pptx, .odt, archives) are recorded by file name only.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from oit_check.extract.archive import check_zip
from oit_check.extract.doctext import DEFAULT_LIMITS, DocumentLimits, Unreadable, document_content
from oit_check.extract.office import extract_docx, extract_xlsx
from oit_check.extract.pdf import extract_pdf
from oit_check.extract.sniff import OLE_MAGIC, looks_like_html
from oit_check.models import FailureKind, FetchedResource, PageContent, PageFailure, ResourceKind
from oit_check.urls import decode_component, file_name_from_url

SCANNED_CHARS_PER_PAGE = 20
"""Fewer stripped characters than this per page read: a scan without a text layer."""
MAX_ZIP_ENTRIES = 10_000
MAX_XLSX_ROWS_PER_SHEET = 50_000
TITLE_MAX = 200
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_WORD_TITLE_PREFIX = re.compile(r"^(?:Microsoft (?:Word|Excel|PowerPoint) - )", re.I)
_JUNK_TITLE = re.compile(r"^(?:untitled(?:-\d+)?|document\d*|book\d*|presentation\d*|title|none|null)$", re.I)
_CD_STAR = re.compile(r"filename\*\s*=\s*([A-Za-z0-9_-]*)'[^']*'([^;]+)", re.I)
_CD_PLAIN = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.I)
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})?(\d{2})?")


_HTML_INSTEAD = (
    "เซิร์ฟเวอร์ส่งหน้าเว็บ (HTML) แทนไฟล์เอกสาร: ลิงก์อาจเสียหรือไฟล์ถูกลบ",
    "the server sent a web page (HTML) instead of the document: a broken link or a deleted file",
)


# ------------------------------------------------------------------------------- entry point


def extract_document(resource: FetchedResource, limits: DocumentLimits = DEFAULT_LIMITS) -> PageContent | PageFailure:
    """Extract one fetched document; never raises.

    PDF/DOCX/XLSX bodies have their text extracted; other document kinds become a PageContent
    with kind DOC_OTHER, no text and the file name. A body that is empty, cut short, HTML, corrupt,
    password-protected or too big when unzipped becomes ``PageFailure(UNREADABLE_DOCUMENT)``.
    """
    file_name = document_file_name(resource)
    try:
        if resource.kind not in (ResourceKind.PDF, ResourceKind.DOCX, ResourceKind.XLSX):
            if resource.body and looks_like_html(resource.body):
                raise Unreadable(*_HTML_INSTEAD)
            return _named_only(resource, file_name)
        _check_complete(resource)
        if resource.kind is ResourceKind.PDF:
            return extract_pdf(resource, file_name, limits)
        if resource.kind in (ResourceKind.DOCX, ResourceKind.XLSX):
            if resource.body.startswith(OLE_MAGIC):
                if _ENCRYPTED_OOXML in resource.body:
                    raise Unreadable("ไฟล์ถูกล็อกด้วยรหัสผ่าน", "the file is password-protected")
                return _named_only(resource, file_name)  # an old .doc/.xls under a new name
            check_zip(resource.body, limits)
            if resource.kind is ResourceKind.DOCX:
                return extract_docx(resource, file_name, limits)
            return extract_xlsx(resource, file_name, limits)
    except Unreadable as exc:
        return unreadable(resource, str(exc))
    except Exception as exc:  # hostile input: any parser error is a finding, not a crash
        return unreadable(
            resource,
            f"อ่านไฟล์ไม่ได้ (ไฟล์อาจเสียหาย) / the file could not be read ({type(exc).__name__}: {exc})"[:500],
        )


def document_file_name(resource: FetchedResource) -> str:
    """The Content-Disposition file name if the server sent one, else the URL's last segment."""
    name = content_disposition_filename(resource.content_disposition)
    return name or file_name_from_url(resource.url)


def content_disposition_filename(header: str | None) -> str:
    """``filename*=UTF-8''...`` (RFC 6266/5987) or ``filename="..."`` from a Content-Disposition header.

    Thai servers often send raw UTF-8 (or TIS-620) bytes in ``filename=``; HTTP clients decode
    header bytes as latin-1, so such names are re-decoded here. Percent-encoded plain names
    (what some PHP download scripts send) are decoded too.
    """
    if not header:
        return ""
    star = _CD_STAR.search(header)
    if star:
        charset = (star.group(1) or "utf-8").strip().lower() or "utf-8"
        raw = unquote_to_bytes(star.group(2).strip().strip('"'))
        for encoding in (charset, "utf-8", "cp874"):
            try:
                return _basename(raw.decode(encoding))
            except (UnicodeDecodeError, LookupError):
                continue
    plain = _CD_PLAIN.search(header)
    if not plain:
        return ""
    value = plain.group(1) if plain.group(1) is not None else plain.group(2).strip()
    value = value.replace('\\"', '"')
    if re.search(r"%[0-9A-Fa-f]{2}", value):
        return _basename(decode_component(value))
    try:
        raw_bytes = value.encode("latin-1")
    except UnicodeEncodeError:
        return _basename(value)
    for encoding in ("utf-8", "cp874"):
        try:
            return _basename(raw_bytes.decode(encoding))
        except UnicodeDecodeError:
            continue
    return _basename(value)


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip().strip('"')


def unreadable(resource: FetchedResource, reason: str) -> PageFailure:
    """The document could not be read: an UNREADABLE_DOCUMENT failure with ``reason``."""
    return PageFailure(
        url=resource.url,
        kind=FailureKind.UNREADABLE_DOCUMENT,
        reason=reason,
        status=resource.status,
        found_on=resource.found_on,
    )


def _check_complete(resource: FetchedResource) -> None:
    body = resource.body
    if not body:
        raise Unreadable("ไฟล์ว่างเปล่า (0 ไบต์)", "the file is empty (0 bytes)")
    declared = resource.content_length
    if resource.truncated or (declared is not None and len(body) < declared):
        got = f"{len(body):,}" + (f" of {declared:,}" if declared else "")
        raise Unreadable(f"ดาวน์โหลดไฟล์ได้ไม่ครบ ({got} ไบต์)", f"the download was cut short ({got} bytes)")
    if looks_like_html(body):
        raise Unreadable(*_HTML_INSTEAD)


def _named_only(resource: FetchedResource, file_name: str) -> PageContent:
    return document_content(resource, file_name, kind=ResourceKind.DOC_OTHER, title=file_name)


def warm_up() -> int:
    """Import the parsers in a pool worker ahead of the first document (hides start-up latency)."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdfium2  # noqa: F401

    return 0
