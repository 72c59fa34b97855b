"""OCR of a real image-only PDF (rule 12): Tesseract reads names and titles; the digits it reads are
never used alone for a date. Skipped when Debian's tesseract-ocr-tha is absent (CI installs it)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from oit_check.extract import ocr
from oit_check.extract.doctext import DocumentLimits
from oit_check.extract.documents import extract_document
from oit_check.models import FetchedResource, PageContent, ResourceKind

FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")
LINES = ["ประกาศโรงพยาบาลบ้านตัวอย่าง", "เรื่อง นโยบายไม่รับของขวัญ No Gift Policy", "(นายสมชาย ใจดี)", "ผู้อำนวยการโรงพยาบาล"]


def _scan(lines: list[str]) -> bytes:
    """A PDF whose only content is a picture of the text (no text layer), as a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 56)
    for n, line in enumerate(lines):
        draw.text((150, 200 + n * 110), line, font=font, fill=0)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, width=595, height=842)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _resource(body: bytes) -> FetchedResource:
    url = "https://www.example.go.th/files/no-gift-scan.pdf"
    return FetchedResource(
        url=url, requested_url=url, status=200, content_type="application/pdf", body=body, kind=ResourceKind.PDF
    )


@pytest.fixture(scope="module")
def scanned() -> bytes:
    if not FONT.exists() or not ocr.available():
        pytest.skip("needs fonts-thai-tlwg, tesseract-ocr and tesseract-ocr-tha")
    return _scan(LINES)


def test_a_scan_is_read_by_ocr(scanned: bytes, tmp_path: Path) -> None:
    page = extract_document(_resource(scanned), DocumentLimits(ocr_cache_dir=str(tmp_path)))
    assert isinstance(page, PageContent)
    assert page.no_text_layer and page.ocr
    assert "No Gift" in page.text and "ของขวัญ" in page.text
    assert page.title == "no-gift-scan.pdf"  # OCR's first line is not trusted as a title
    assert list(tmp_path.glob("*.txt")), "the OCR text is cached by content hash"


def test_ocr_can_be_switched_off_for_fleets(scanned: bytes) -> None:
    page = extract_document(_resource(scanned), DocumentLimits(ocr_pages=0))
    assert isinstance(page, PageContent)
    assert page.no_text_layer and not page.ocr and not page.text.strip()


def test_a_blank_scan_yields_no_text(scanned: bytes) -> None:
    page = extract_document(_resource(_scan([])), DocumentLimits())
    assert isinstance(page, PageContent)
    assert page.no_text_layer and not page.ocr
