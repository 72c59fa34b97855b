"""PDF text with pypdfium2 (honours ActualText, 0 % CER on Thai, 0.65 ms/page; research/libraries.md §2),
Thai repaired by ``thai.text.fix_thai_pdf_text``; scans without a text layer are recognised."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from oit_check.extract.doctext import (
    DocumentLimits,
    Unreadable,
    bounded_join,
    clean_title,
    document_content,
    first_line,
    plausible_date,
)
from oit_check.extract.ocr import ocr_pdf
from oit_check.extract.sniff import PDF_MAGIC
from oit_check.models import FetchedResource, PageContent
from oit_check.thai.text import fix_thai_pdf_text

SCANNED_CHARS_PER_PAGE = 20
"""Fewer stripped characters than this per page read: a scan without a text layer."""
_PDF_DATE = re.compile(r"^(?:D:)?\s*(\d{4})(\d{2})?(\d{2})?")


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
    return plausible_date(value)


def extract_pdf(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
    import pypdfium2 as pdfium  # imported here: workers that never see a PDF skip the 55 ms

    body = resource.body
    if PDF_MAGIC not in body[:1024]:
        raise Unreadable("ไม่ใช่ไฟล์ PDF (ไม่พบรหัส %PDF-)", "not a PDF file (no %PDF- header)")
    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Unreadable("ไฟล์ PDF ถูกล็อกด้วยรหัสผ่าน", "the PDF is password-protected") from exc
        raise Unreadable("ไฟล์ PDF เสียหายหรือดาวน์โหลดไม่ครบ", f"the PDF is corrupt or incomplete ({exc})") from exc
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise Unreadable("ไฟล์ PDF ไม่มีหน้าเอกสาร", "the PDF has no pages")
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
        no_text_layer = stripped_chars < SCANNED_CHARS_PER_PAGE * max(1, len(texts))
        ocr_text = ocr_pdf(pdf, body, limits) if no_text_layer else None
    finally:
        pdf.close()
    text = bounded_join(iter(texts), limits.max_chars)
    if ocr_text:
        text = ocr_text[: limits.max_chars]
    # an OCR'd scan keeps its file name as title: OCR's first line is too unreliable to show
    title = clean_title(metadata.get("Title"), file_name) or (file_name if ocr_text else first_line(text)) or file_name
    doc_date = parse_pdf_date(metadata.get("CreationDate")) or parse_pdf_date(metadata.get("ModDate"))
    return document_content(
        resource,
        file_name,
        title=title,
        text=text,
        page_count=page_count,
        no_text_layer=no_text_layer,
        ocr=bool(ocr_text),
        doc_metadata_date=doc_date,
    )


def _pdf_metadata(pdf: Any) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    except Exception:  # broken info dictionaries are common; metadata is optional
        return {}
