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

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote_to_bytes

from oit_check.config import (
    DEFAULT_MAX_DOCUMENT_CHARS,
    DEFAULT_MAX_DOCUMENT_PAGES,
    DEFAULT_MAX_UNZIPPED_BYTES,
)
from oit_check.extract.sniff import OLE_MAGIC, PDF_MAGIC, ZIP_EMPTY_MAGIC, ZIP_MAGIC, looks_like_html
from oit_check.models import FailureKind, FetchedResource, PageContent, PageFailure, ResourceKind
from oit_check.thai.text import fix_thai_pdf_text
from oit_check.urls import decode_component, file_name_from_url

SCANNED_CHARS_PER_PAGE = 20
"""Fewer stripped characters than this per page read: a scan without a text layer."""
MAX_ZIP_ENTRIES = 10_000
MAX_XLSX_ROWS_PER_SHEET = 50_000
_TITLE_MAX = 200
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_WORD_TITLE_PREFIX = re.compile(r"^(?:Microsoft (?:Word|Excel|PowerPoint) - )", re.I)
_JUNK_TITLE = re.compile(r"^(?:untitled(?:-\d+)?|document\d*|book\d*|presentation\d*|title|none|null)$", re.I)
_CD_STAR = re.compile(r"filename\*\s*=\s*([A-Za-z0-9_-]*)'[^']*'([^;]+)", re.I)
_CD_PLAIN = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.I)
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class DocumentLimits:
    """Bounds on what one document may cost: text kept, PDF pages read, unzipped size."""

    max_chars: int = DEFAULT_MAX_DOCUMENT_CHARS
    max_pages: int = DEFAULT_MAX_DOCUMENT_PAGES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES


DEFAULT_LIMITS = DocumentLimits()


_HTML_INSTEAD = (
    "เซิร์ฟเวอร์ส่งหน้าเว็บ (HTML) แทนไฟล์เอกสาร: ลิงก์อาจเสียหรือไฟล์ถูกลบ",
    "the server sent a web page (HTML) instead of the document: a broken link or a deleted file",
)


class _Unreadable(Exception):
    """Raised inside this module only; becomes a PageFailure at ``extract_document``'s boundary."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(f"{thai} / {english}")


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
                raise _Unreadable(*_HTML_INSTEAD)
            return _named_only(resource, file_name)
        _check_complete(resource)
        if resource.kind is ResourceKind.PDF:
            return _extract_pdf(resource, file_name, limits)
        if resource.kind in (ResourceKind.DOCX, ResourceKind.XLSX):
            if resource.body.startswith(OLE_MAGIC):
                if _ENCRYPTED_OOXML in resource.body:
                    raise _Unreadable("ไฟล์ถูกล็อกด้วยรหัสผ่าน", "the file is password-protected")
                return _named_only(resource, file_name)  # an old .doc/.xls under a new name
            _check_zip(resource.body, limits)
            if resource.kind is ResourceKind.DOCX:
                return _extract_docx(resource, file_name, limits)
            return _extract_xlsx(resource, file_name, limits)
    except _Unreadable as exc:
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
        raise _Unreadable("ไฟล์ว่างเปล่า (0 ไบต์)", "the file is empty (0 bytes)")
    declared = resource.content_length
    if resource.truncated or (declared is not None and len(body) < declared):
        got = f"{len(body):,}" + (f" of {declared:,}" if declared else "")
        raise _Unreadable(f"ดาวน์โหลดไฟล์ได้ไม่ครบ ({got} ไบต์)", f"the download was cut short ({got} bytes)")
    if looks_like_html(body):
        raise _Unreadable(*_HTML_INSTEAD)


def _named_only(resource: FetchedResource, file_name: str) -> PageContent:
    return _content(resource, file_name, kind=ResourceKind.DOC_OTHER, title=file_name)


def _content(resource: FetchedResource, file_name: str, **fields: Any) -> PageContent:
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


def _bounded_join(parts: Iterator[str], max_chars: int) -> str:
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


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) >= 3:
            return line[:_TITLE_MAX]
    return ""


def _clean_title(title: str | None, file_name: str) -> str:
    """A metadata title worth showing: not empty, not "Untitled", not "Microsoft Word - x.docx"."""
    if not title:
        return ""
    title = _WORD_TITLE_PREFIX.sub("", " ".join(str(title).split()))
    title = re.sub(r"\.(?:docx?|xlsx?|pptx?|pdf|odt)$", "", title, flags=re.I).strip()
    if not title or _JUNK_TITLE.match(title) or not any(c.isalpha() for c in title):
        return ""
    if title == file_name.rsplit(".", 1)[0]:
        return title
    return title[:_TITLE_MAX]


def _plausible(value: date) -> date | None:
    """Metadata dates: Buddhist-Era years written as CE are converted; nonsense years dropped."""
    year = value.year
    if year > 2400:
        try:
            value = value.replace(year=year - 543)
        except ValueError:
            return None
    return value if 1990 <= value.year <= 2100 else None


def parse_pdf_date(text: str | None) -> date | None:
    """A PDF date string (``D:20240315103000+07'00'``, possibly BE ``D:2567...``) as a date."""
    if not text:
        return None
    match = _PDF_DATE.match(text.strip())
    if not match:
        return None
    try:
        value = date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
    return _plausible(value)


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    return None


# ----------------------------------------------------------------------------------------- PDF


def _extract_pdf(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
    import pypdfium2 as pdfium  # imported here: workers that never see a PDF skip the 55 ms

    body = resource.body
    if PDF_MAGIC not in body[:1024]:
        raise _Unreadable("ไม่ใช่ไฟล์ PDF (ไม่พบรหัส %PDF-)", "not a PDF file (no %PDF- header)")
    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _Unreadable("ไฟล์ PDF ถูกล็อกด้วยรหัสผ่าน", "the PDF is password-protected") from exc
        raise _Unreadable("ไฟล์ PDF เสียหายหรือดาวน์โหลดไม่ครบ", f"the PDF is corrupt or incomplete ({exc})") from exc
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise _Unreadable("ไฟล์ PDF ไม่มีหน้าเอกสาร", "the PDF has no pages")
        pages_read = min(page_count, limits.max_pages)
        texts: list[str] = []
        stripped_chars = 0
        total = 0
        for index in range(pages_read):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()
            text = fix_thai_pdf_text(raw.replace("\r\n", "\n").replace("\r", "\n"))
            stripped_chars += len("".join(text.split()))
            texts.append(text.strip())
            total += len(text)
            if total >= limits.max_chars:
                break
        metadata = _pdf_metadata(pdf)
    finally:
        pdf.close()
    text = _bounded_join(iter(texts), limits.max_chars)
    no_text_layer = stripped_chars < SCANNED_CHARS_PER_PAGE * max(1, len(texts))
    title = _clean_title(metadata.get("Title"), file_name) or _first_line(text) or file_name
    doc_date = parse_pdf_date(metadata.get("CreationDate")) or parse_pdf_date(metadata.get("ModDate"))
    return _content(
        resource,
        file_name,
        title=title,
        text=text,
        page_count=page_count,
        no_text_layer=no_text_layer,
        doc_metadata_date=doc_date,
    )


def _pdf_metadata(pdf: Any) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    except Exception:  # broken info dictionaries are common; metadata is optional
        return {}


# ------------------------------------------------------------------------------- zip guard


def _check_zip(body: bytes, limits: DocumentLimits) -> None:
    """Refuse zip bombs before any parser opens the archive: entry count and declared sizes.

    ``zipfile`` never inflates an entry beyond the size its directory declares, so checking the
    directory bounds what python-docx and openpyxl can be made to decompress.
    """
    if not body.startswith((ZIP_MAGIC, ZIP_EMPTY_MAGIC)):
        raise _Unreadable("ไม่ใช่ไฟล์ Office (docx/xlsx) ที่ถูกต้อง", "not a valid Office (docx/xlsx) file")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise _Unreadable("ไฟล์เสียหายหรือดาวน์โหลดไม่ครบ", f"the file is corrupt or incomplete ({exc})") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _Unreadable("ไฟล์มีส่วนประกอบมากผิดปกติ", f"the archive has {len(infos)} entries")
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.max_unzipped_bytes:
        raise _Unreadable(
            "ไฟล์ขยายตัวใหญ่เกินกว่าจะอ่านได้อย่างปลอดภัย",
            f"the file would unzip to {unzipped:,} bytes (limit {limits.max_unzipped_bytes:,})",
        )


# ---------------------------------------------------------------------------------------- DOCX


def _docx_cell_text(cell: Any) -> str:
    parts = [p.text for p in cell.paragraphs]
    for table in cell.tables:
        parts.extend(_docx_table_lines(table))
    return " ".join(" ".join(parts).split())


def _docx_table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous: object = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats; keep its text once
                continue
            previous = cell._tc
            cells.append(_docx_cell_text(cell))
        line = "\t".join(cells).strip()
        if line:
            lines.append(line)
    return lines


def _extract_docx(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table

    document = docx.Document(io.BytesIO(resource.body))
    headings: list[str] = []
    tables = 0

    def body_lines() -> Iterator[str]:
        nonlocal tables
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                tables += 1
                yield from _docx_table_lines(block)
                continue
            text = block.text.strip()
            style = (block.style.name if block.style is not None else "") or ""
            if text and style.lower().startswith(("heading", "title", "หัวเรื่อง", "ชื่อเรื่อง")):
                headings.append(text[:_TITLE_MAX])
            yield text
        # Text boxes and shapes (letterheads, stamped titles) are invisible to python-docx's API.
        for box in document.element.body.iter(qn("w:txbxContent")):
            for para in box.iter(qn("w:p")):
                yield "".join(node.text or "" for node in para.iter(qn("w:t"))).strip()
        seen: set[str] = set()
        for section in document.sections:
            for part in (section.header, section.footer):
                if part.is_linked_to_previous:
                    continue
                lines = [p.text.strip() for p in part.paragraphs]
                for table in part.tables:
                    lines.extend(_docx_table_lines(table))
                chunk = "\n".join(line for line in lines if line)
                if chunk and chunk not in seen:
                    seen.add(chunk)
                    yield chunk

    text = _bounded_join(body_lines(), limits.max_chars)
    props = document.core_properties
    title = _clean_title(props.title, file_name) or (headings[0] if headings else "") or _first_line(text)
    return _content(
        resource,
        file_name,
        title=title or file_name,
        text=text,
        headings=tuple(headings),
        tables=tables,
        doc_metadata_date=_as_date(props.created) or _as_date(props.modified),
    )


# ---------------------------------------------------------------------------------------- XLSX


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _extract_xlsx(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(resource.body), read_only=True, data_only=True)
    try:
        sheet_names = [str(ws.title) for ws in workbook.worksheets]

        def lines() -> Iterator[str]:
            for sheet in workbook.worksheets:
                yield str(sheet.title)
                for count, row in enumerate(sheet.iter_rows(values_only=True)):
                    if count >= MAX_XLSX_ROWS_PER_SHEET:
                        break
                    cells = [_cell_text(v) for v in row]
                    while cells and not cells[-1]:
                        cells.pop()
                    if any(cells):
                        yield "\t".join(cells)

        text = _bounded_join(lines(), limits.max_chars)
        props = workbook.properties
        metadata_title = props.title
        created = _as_date(props.created) or _as_date(props.modified)
    finally:
        workbook.close()
    first_cells = next((line for line in text.splitlines()[1:] if line.strip()), "")
    title = _clean_title(metadata_title, file_name) or " ".join(first_cells.split())[:_TITLE_MAX] or file_name
    return _content(
        resource,
        file_name,
        title=title,
        text=text,
        headings=tuple(sheet_names),
        tables=len(sheet_names),
        doc_metadata_date=created,
    )


def warm_up() -> int:
    """Import the parsers in a pool worker ahead of the first document (hides start-up latency)."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdfium2  # noqa: F401

    return 0
