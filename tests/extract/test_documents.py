"""Document extraction: real PDFs (reportlab + a Thai TLWG font), DOCX and XLSX made in a tmp dir."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from oit_check.extract.documents import (
    DocumentLimits,
    content_disposition_filename,
    extract_document,
)
from oit_check.extract.pdf import parse_pdf_date
from oit_check.models import FailureKind, FetchedResource, PageContent, PageFailure, ResourceKind

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Loma.ttf"),
]
THAI_FONT = next((p for p in FONT_CANDIDATES if p.is_file()), None)
needs_thai_font = pytest.mark.skipif(THAI_FONT is None, reason="fonts-thai-tlwg is not installed")

THAI_LINES = [
    "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
    "ข้อมูลผู้บริหาร ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    "ประกาศ ณ วันที่ ๑๕ มีนาคม ๒๕๖๗ น้ำ ค่ำ ที่ ผู้ ญี่ปุ่น",
]


def _resource(
    body: bytes, kind: ResourceKind, url: str = "http://agency.test/docs/a.pdf", **kw: object
) -> FetchedResource:
    fields: dict[str, object] = {"url": url, "requested_url": url, "status": 200, "kind": kind, "body": body}
    fields.update(kw)
    return FetchedResource(**fields)  # type: ignore[arg-type]


def _thai_pdf(pages: int = 1, *, title: str | None = "รายงานผลการดำเนินงาน", encrypt: str | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    assert THAI_FONT is not None
    pdfmetrics.registerFont(TTFont("ThaiTest", str(THAI_FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    if title:
        c.setTitle(title)
    c.setCreator("test")
    for page in range(pages):
        c.setFont("ThaiTest", 16)
        for i, line in enumerate(THAI_LINES):
            c.drawString(60, 760 - 30 * i, line)
        c.drawString(60, 600, f"หน้า {page + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _image_pdf() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline="black", width=4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(2):
        c.drawImage(ImageReader(img), 50, 400, width=400, height=200)
        c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------------------- PDF


@needs_thai_font
def test_pdf_thai_text_comes_back_intact() -> None:
    result = extract_document(_resource(_thai_pdf(pages=3), ResourceKind.PDF))
    assert isinstance(result, PageContent), result
    assert result.kind is ResourceKind.PDF
    assert result.page_count == 3
    assert not result.no_text_layer
    for word in ("สำนักงาน", "ผู้บริหาร", "๒๕๖๗", "น้ำ", "ค่ำ", "ญี่ปุ่น"):
        assert word in result.text, word
    assert result.title == "รายงานผลการดำเนินงาน"
    assert result.file_name == "a.pdf"
    assert result.doc_metadata_date is not None


@needs_thai_font
def test_pdf_title_falls_back_to_first_line_and_pages_are_bounded() -> None:
    body = _thai_pdf(pages=5, title=None)
    result = extract_document(_resource(body, ResourceKind.PDF), DocumentLimits(max_pages=2))
    assert isinstance(result, PageContent)
    assert result.page_count == 5  # the real count, although only 2 pages were read
    assert "หน้า 2" in result.text and "หน้า 3" not in result.text
    assert result.title.startswith("สำนักงาน")


@needs_thai_font
def test_pdf_text_is_bounded() -> None:
    result = extract_document(_resource(_thai_pdf(pages=10), ResourceKind.PDF), DocumentLimits(max_chars=1000))
    assert isinstance(result, PageContent)
    assert len(result.text) <= 1000


def test_image_only_pdf_is_content_without_text_layer() -> None:
    result = extract_document(_resource(_image_pdf(), ResourceKind.PDF))
    assert isinstance(result, PageContent)
    assert result.no_text_layer is True
    assert result.page_count == 2
    assert result.text.strip() == ""


@needs_thai_font
@pytest.mark.parametrize(
    ("mutate", "expected_words"),
    [
        (lambda b: b[: len(b) // 2], "corrupt"),
        (lambda b: b[:200] + b"\x00" * 500, "corrupt"),
    ],
)
def test_truncated_or_corrupt_pdf_is_unreadable(mutate: object, expected_words: str) -> None:
    body = mutate(_thai_pdf(pages=4))  # type: ignore[operator]
    result = extract_document(_resource(body, ResourceKind.PDF))
    assert isinstance(result, PageFailure)
    assert result.kind is FailureKind.UNREADABLE_DOCUMENT
    assert "PDF" in result.reason


def test_html_saved_as_pdf_is_unreadable_with_a_thai_reason() -> None:
    body = "<!DOCTYPE html><html><head><title>404</title></head><body>ไม่พบหน้า</body></html>".encode()
    result = extract_document(_resource(body, ResourceKind.PDF))
    assert isinstance(result, PageFailure)
    assert result.kind is FailureKind.UNREADABLE_DOCUMENT
    assert "HTML" in result.reason and "หน้าเว็บ" in result.reason


def test_empty_and_not_pdf_bodies() -> None:
    empty = extract_document(_resource(b"", ResourceKind.PDF))
    assert isinstance(empty, PageFailure) and "0" in empty.reason
    junk = extract_document(_resource(b"\x00\x01garbage" * 50, ResourceKind.PDF))
    assert isinstance(junk, PageFailure) and "%PDF-" in junk.reason


@needs_thai_font
def test_cut_download_is_unreadable() -> None:
    body = _thai_pdf()
    result = extract_document(_resource(body[:-100], ResourceKind.PDF, content_length=len(body)))
    assert isinstance(result, PageFailure)
    assert "ไม่ครบ" in result.reason


@needs_thai_font
def test_password_protected_pdf() -> None:
    result = extract_document(_resource(_thai_pdf(encrypt="secret"), ResourceKind.PDF))
    assert isinstance(result, PageFailure)
    assert "รหัสผ่าน" in result.reason


def test_pdf_dates() -> None:
    assert parse_pdf_date("D:20240315103000+07'00'") == date(2024, 3, 15)
    assert parse_pdf_date("D:25670315") == date(2024, 3, 15)  # Buddhist Era written as CE
    assert parse_pdf_date("D:0000") is None
    assert parse_pdf_date("garbage") is None
    assert parse_pdf_date(None) is None


# -------------------------------------------------------------------------------------- DOCX


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "ข้อมูลผู้บริหาร"
    document.core_properties.created = datetime(2024, 3, 15, 9, 0)
    document.sections[0].header.paragraphs[0].text = "สำนักงานเขตพื้นที่การศึกษา"
    document.add_heading("โครงสร้างหน่วยงาน", level=1)
    document.add_paragraph("ประกาศ ณ วันที่ ๑๕ มีนาคม ๒๕๖๗")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ตำแหน่ง"
    table.cell(0, 1).text = "ชื่อผู้บริหาร"
    table.cell(1, 0).text = "ผู้อำนวยการ"
    table.cell(1, 1).text = "นายสมชาย ใจดี"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_tables_headers_and_dates() -> None:
    result = extract_document(_resource(_docx(), ResourceKind.DOCX, url="http://agency.test/o2.docx"))
    assert isinstance(result, PageContent), result
    assert result.kind is ResourceKind.DOCX
    assert "ประกาศ ณ วันที่ ๑๕ มีนาคม ๒๕๖๗" in result.text
    assert "ผู้อำนวยการ\tนายสมชาย ใจดี" in result.text  # a table row, cells joined by a tab
    assert "สำนักงานเขตพื้นที่การศึกษา" in result.text  # the page header
    assert result.tables == 1
    assert result.headings == ("โครงสร้างหน่วยงาน",)
    assert result.title == "ข้อมูลผู้บริหาร"
    assert result.doc_metadata_date == date(2024, 3, 15)


def test_docx_that_is_html_or_corrupt() -> None:
    html = extract_document(_resource(b"<html><body>error</body></html>", ResourceKind.DOCX))
    assert isinstance(html, PageFailure) and "HTML" in html.reason
    cut = extract_document(_resource(_docx()[:3000], ResourceKind.DOCX))
    assert isinstance(cut, PageFailure) and cut.kind is FailureKind.UNREADABLE_DOCUMENT


def test_zip_bomb_is_refused_before_opening() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))
    result = extract_document(
        _resource(buf.getvalue(), ResourceKind.DOCX), DocumentLimits(max_unzipped_bytes=1024 * 1024)
    )
    assert isinstance(result, PageFailure)
    assert "unzip" in result.reason


def test_old_doc_under_a_docx_name_is_recorded_by_name() -> None:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    result = extract_document(_resource(body, ResourceKind.DOCX, url="http://agency.test/%E0%B8%9B.docx"))
    assert isinstance(result, PageContent)
    assert result.kind is ResourceKind.DOC_OTHER and result.file_name == "ป.docx"


# -------------------------------------------------------------------------------------- XLSX


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "ต.ค. 2566"
    first.append(["ลำดับ", "งานที่จัดซื้อจัดจ้าง", "วงเงิน"])
    first.append([1, "จัดซื้อวัสดุสำนักงาน", 15000.0])
    second = workbook.create_sheet("พ.ย. 2566")
    second.append(["ลำดับ", "งานที่จัดซื้อจัดจ้าง", "วันที่"])
    second.append([1, "จ้างเหมาบริการ", datetime(2023, 11, 30)])
    workbook.properties.created = datetime(2023, 12, 1)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def test_xlsx_every_sheet_row_by_row() -> None:
    result = extract_document(_resource(_xlsx(), ResourceKind.XLSX, url="http://agency.test/o20.xlsx"))
    assert isinstance(result, PageContent), result
    assert result.tables == 2
    assert result.headings == ("ต.ค. 2566", "พ.ย. 2566")
    assert "1\tจัดซื้อวัสดุสำนักงาน\t15000" in result.text
    assert "1\tจ้างเหมาบริการ\t2023-11-30" in result.text
    assert result.doc_metadata_date == date(2023, 12, 1)


# ------------------------------------------------------------------------------- other kinds


@pytest.mark.parametrize("name", ["a.doc", "b.xls", "c.pptx", "d.zip", "e.rar", "f.odt"])
def test_other_office_files_are_recorded_by_name(name: str) -> None:
    result = extract_document(_resource(b"whatever", ResourceKind.DOC_OTHER, url=f"http://agency.test/{name}"))
    assert isinstance(result, PageContent)
    assert result.kind is ResourceKind.DOC_OTHER
    assert result.text == "" and result.file_name == name


def test_content_disposition_names() -> None:
    raw_utf8 = 'attachment; filename="ประกาศ.pdf"'.encode().decode("latin-1")
    assert content_disposition_filename(raw_utf8) == "ประกาศ.pdf"
    assert content_disposition_filename("attachment; filename*=UTF-8''%E0%B8%9B%E0%B8%A3.pdf") == "ปร.pdf"
    tis = 'attachment; filename="ประกาศ.pdf"'.encode("cp874").decode("latin-1")
    assert content_disposition_filename(tis) == "ประกาศ.pdf"
    assert content_disposition_filename("inline") == ""
    resource = _resource(
        b"x", ResourceKind.DOC_OTHER, url="http://agency.test/dl.php?id=5", content_disposition=raw_utf8
    )
    result = extract_document(resource)
    assert isinstance(result, PageContent) and result.file_name == "ประกาศ.pdf"
