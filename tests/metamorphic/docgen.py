"""Documents for the mutations: unrelated pages and files, image-only PDFs, year-shifted copies.

Made with the libraries the fixtures themselves use (reportlab with a TLWG Thai font, python-docx,
openpyxl, Pillow) and read with pypdfium2, python-docx and openpyxl directly, never with oit-check.
Everything is deterministic: fixed dates, fixed zip timestamps, no randomness.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from .sitefiles import read_text

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_NAME = "MetamorphicGaruda"
FIXED_STAMP = datetime(2024, 1, 15, 9, 30)
"""Metadata date of generated documents: inside the assessed year, so a date alone cannot fail them."""

# --------------------------------------------------------------------------- unrelated content

UNRELATED_TITLE = "ผักพื้นบ้านกับอาหารไทย"
UNRELATED_PARAGRAPHS = (
    "ผักพื้นบ้านของไทยมีหลายชนิด เช่น ผักกูด ผักหวาน ใบชะพลู และดอกแค แต่ละชนิดมีรสชาติและกลิ่นเฉพาะตัว "
    "คนไทยนิยมนำมาปรุงเป็นแกงเลียง แกงส้ม หรือกินสดกับน้ำพริก",
    "ฤดูฝนเป็นช่วงที่ผักหลายชนิดแตกยอดอ่อน ชาวสวนจะเก็บยอดในตอนเช้าตรู่เพื่อให้ใบยังสดและกรอบ ก่อนนำไปล้างน้ำสะอาดแล้วผึ่งให้แห้ง",
    "การปลูกผักริมรั้วบ้านช่วยให้มีผักสดไว้ปรุงอาหารได้ทุกวัน ดินร่วนปนทรายที่ระบายน้ำดีเหมาะกับพืชเกือบทุกชนิด และควรรดน้ำตอนเย็นเมื่อแดดอ่อนลง",
    "เมนูง่าย ๆ ที่ทำได้เองคือผัดผักรวมกับกระเทียมและน้ำมันหอย ใช้ไฟแรงและผัดเร็ว ๆ เพื่อให้ผักยังคงสีเขียวสวย",
)
UNRELATED_TABLE = (
    ("ชนิดผัก", "สี", "รสชาติ"),
    ("ผักกูด", "เขียวอ่อน", "กรอบ หวานเล็กน้อย"),
    ("ผักหวาน", "เขียวเข้ม", "หวาน นุ่ม"),
    ("ดอกแค", "ขาว", "ขมอ่อน ๆ"),
    ("ใบชะพลู", "เขียวเข้ม", "เผ็ดร้อนเล็กน้อย"),
)


VEGETABLES = (
    "ผักบุ้ง",
    "ตำลึง",
    "ชะอม",
    "กระถิน",
    "สะเดา",
    "ผักชีลาว",
    "โหระพา",
    "กะเพรา",
    "แมงลัก",
    "ยอดมะระ",
    "ผักติ้ว",
    "ผักเสี้ยน",
)


def _paragraphs(variant: int) -> list[str]:
    """The unrelated paragraphs, made unique per ``variant``: files replaced together never share bytes."""
    picks: list[str] = []
    pool = list(VEGETABLES)
    n = variant
    for _ in range(4):  # the variant-th 4-permutation of the vegetables
        n, index = divmod(n, len(pool))
        picks.append(pool.pop(index))
    rotation = variant % len(UNRELATED_PARAGRAPHS)
    paragraphs = list(UNRELATED_PARAGRAPHS[rotation:] + UNRELATED_PARAGRAPHS[:rotation])
    paragraphs.append("ผักที่ปลูกง่ายในกระถางได้แก่ " + " ".join(picks))
    return paragraphs


def unrelated_text(variant: int = 0) -> str:
    """All the words of the unrelated content (for tests that check it names no ITA item)."""
    cells = " ".join(" ".join(row) for row in UNRELATED_TABLE)
    return " ".join((UNRELATED_TITLE, *_paragraphs(variant), cells))


def unrelated_html(encoding: str, variant: int = 0) -> bytes:
    """An HTML page of unrelated Thai text (no links, no dates, no contact data), in ``encoding``."""
    charset = "windows-874" if encoding == "cp874" else "utf-8"
    paragraphs = "\n".join(f"<p>{p}</p>" for p in _paragraphs(variant))
    page = (
        f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="{charset}"><title>{UNRELATED_TITLE}</title></head>\n'
        f"<body><h1>{UNRELATED_TITLE}</h1>\n{paragraphs}\n</body></html>\n"
    )
    return page.encode(encoding)


@cache
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_DIR / "Garuda.ttf")))
    return FONT_NAME


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, _font(), size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _pin_pdf_dates(data: bytes, stamp: datetime) -> bytes:
    """Set reportlab's CreationDate/ModDate to ``stamp`` (same length, so the xref stays valid)."""
    value = stamp.strftime("D:%Y%m%d%H%M%S").encode()
    return re.sub(rb"(/(?:CreationDate|ModDate) \()D:\d{14}", lambda m: m.group(1) + value, data)


def unrelated_pdf(variant: int = 0) -> bytes:
    """A one-page PDF of unrelated Thai text with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.setTitle(UNRELATED_TITLE)
    y = A4[1] - 72
    c.setFont(_font(), 18)
    c.drawString(72, y, UNRELATED_TITLE)
    y -= 36
    for paragraph in _paragraphs(variant):
        for line in _wrap(paragraph, A4[0] - 144, 14):
            c.setFont(_font(), 14)
            c.drawString(72, y, line)
            y -= 22
        y -= 10
    for row in UNRELATED_TABLE:
        for col, cell in enumerate(row):
            c.drawString(72 + col * 150, y, cell)
        y -= 22
    c.showPage()
    c.save()
    return _pin_pdf_dates(buf.getvalue(), FIXED_STAMP)


def _zip_with_dates(data: bytes, created: datetime | None, modified: datetime | None) -> bytes:
    """Rewrite an OOXML zip with fixed member timestamps and core.xml dates."""

    def iso(value: datetime) -> bytes:
        return value.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                for tag, value in (("created", created), ("modified", modified)):
                    if value is not None:
                        payload = re.sub(
                            rb"(<dcterms:" + tag.encode() + rb"[^>]*>)[^<]*(<)",
                            lambda m, v=value: m.group(1) + iso(v) + m.group(2),  # type: ignore[misc]
                            payload,
                        )
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 15, 9, 30, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, payload)
    return buf.getvalue()


def unrelated_docx(variant: int = 0) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = UNRELATED_TITLE
    document.core_properties.created = FIXED_STAMP
    document.core_properties.modified = FIXED_STAMP
    document.add_heading(UNRELATED_TITLE, level=1)
    for paragraph in _paragraphs(variant):
        document.add_paragraph(paragraph)
    table = document.add_table(rows=0, cols=len(UNRELATED_TABLE[0]))
    for row in UNRELATED_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    buf = io.BytesIO()
    document.save(buf)
    return _zip_with_dates(buf.getvalue(), FIXED_STAMP, FIXED_STAMP)


def unrelated_xlsx(variant: int = 0) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "ผักพื้นบ้าน"
    sheet.append([UNRELATED_TITLE])
    for row in UNRELATED_TABLE:
        sheet.append(list(row))
    sheet.append([_paragraphs(variant)[-1]])
    workbook.properties.title = UNRELATED_TITLE
    workbook.properties.created = FIXED_STAMP
    buf = io.BytesIO()
    workbook.save(buf)
    return _zip_with_dates(buf.getvalue(), FIXED_STAMP, FIXED_STAMP)


def unrelated_image(suffix: str, variant: int = 0) -> bytes:
    """A small landscape picture (sky, field, sun) in the format of ``suffix``; no text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), (150, 200, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 200, 480, 320), fill=(90, 160, 70))
    sun = 20 + (variant * 37) % 380
    draw.ellipse((sun, 30, sun + 70, 100), fill=(250, 210, 80))
    buf = io.BytesIO()
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}.get(suffix.lower(), "PNG")
    image.save(buf, fmt)
    return buf.getvalue()


UNRELATED_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg", ".gif"})


def unrelated_document(suffix: str, variant: int = 0) -> bytes | None:
    """An unrelated file of the type of ``suffix``, or None when the type is not supported."""
    makers: dict[str, Callable[[int], bytes]] = {
        ".pdf": unrelated_pdf,
        ".docx": unrelated_docx,
        ".xlsx": unrelated_xlsx,
    }
    suffix = suffix.lower()
    if suffix in makers:
        return makers[suffix](variant)
    if suffix in (".png", ".jpg", ".jpeg", ".gif"):
        return unrelated_image(suffix, variant)
    return None


def image_only_pdf(variant: int = 0) -> bytes:
    """One A4 page holding only a raster image: a grey block and a stamp-like ring, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (827, 1169), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    block = 600 + (variant * 13) % 150
    draw.rectangle((90, 160, 737, block), fill=(200, 200, 200))
    draw.rectangle((90, block + 60, 520, block + 140), fill=(215, 215, 215))
    x = 480 + (variant * 29) % 180
    draw.ellipse((x, block + 100, x + 160, block + 260), outline=(190, 40, 40), width=8)
    draw.ellipse((x + 30, block + 130, x + 130, block + 230), outline=(190, 40, 40), width=4)
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=100.0)
    return _pin_pdf_dates(buf.getvalue(), FIXED_STAMP)


# --------------------------------------------------------------------------- reading documents


def pdf_text(data: bytes) -> str | None:
    """The text layer of a PDF (pypdfium2), or None when it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        pdf.close()


def is_image_only_pdf(data: bytes) -> bool:
    """A readable PDF whose pages carry (almost) no text: a scan."""
    text = pdf_text(data)
    return text is not None and len("".join(text.split())) < 20


def document_text(path: Path) -> str:
    """Visible text of an HTML page or a document (best effort; empty when unreadable)."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    try:
        if suffix == ".pdf":
            return pdf_text(data) or ""
        if suffix == ".docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
            return "\n".join([document.core_properties.title or "", *parts])
        if suffix == ".xlsx":
            import openpyxl

            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            values = [
                str(v)
                for ws in workbook.worksheets
                for row in ws.iter_rows(values_only=True)
                for v in row
                if v is not None
            ]
            return "\n".join(values)
    except Exception:  # a deliberately broken fixture document
        return ""
    text, _ = read_text(path)
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


# --------------------------------------------------------------------------- shifting years


def _minus_year(value: Any) -> Any:
    if isinstance(value, datetime | date):
        try:
            return value.replace(year=value.year - 1)
        except ValueError:  # 29 February
            return value.replace(year=value.year - 1, day=28)
    return value


def shift_pdf(data: bytes, shift: Callable[[str], str]) -> bytes | None:
    """Re-render a PDF's text with ``shift`` applied: same pages, same text positions, no images.

    Text is read char by char (pypdfium2: code point, baseline origin, font size) and cut into runs
    at line breaks and gaps; each run is drawn at its origin, squeezed to its original width.
    None when the PDF cannot be read or has no text layer (a scan cannot be shifted).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        metadata = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        metadata = {}
    buf = io.BytesIO()
    out = canvas.Canvas(buf, invariant=True)
    found_text = False
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for page in pdf:
        width, height = page.get_size()
        out.setPageSize((width, height))
        textpage = page.get_textpage()
        chars: list[str] = []
        runs: list[list[Any]] = []  # [x0, baseline, size, first char index, end char index, x_end]
        for i in range(raw.FPDFText_CountChars(textpage.raw)):
            char = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
            chars.append(char)
            if char in "\r\n":
                runs.append([])
                continue
            raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
            raw.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top)
            size = raw.FPDFText_GetFontSize(textpage.raw, i) or 12.0
            current = runs[-1] if runs else []
            if current and (abs(current[1] - y.value) > size * 0.6 or x.value - current[5] > size * 1.5):
                current = []
            if not current:
                if char.isspace():
                    continue
                current = [x.value, y.value, size, i, i, x.value]
                runs.append(current)
            current[4] = i + 1
            current[5] = max(current[5], right.value)
        textpage.close()
        page_text = shift("".join(chars))  # the whole page at once: a year may follow its month on the next line
        for run in runs:
            if not run or not page_text[run[3] : run[4]].strip():
                continue
            found_text = True
            text = page_text[run[3] : run[4]].rstrip()
            size = max(4.0, min(float(run[2]), 40.0))
            natural = stringWidth(text, _font(), size) or 1.0
            scale = max(40.0, min(100.0, 100.0 * (run[5] - run[0]) / natural))
            obj = out.beginText(run[0], run[1])
            obj.setFont(_font(), size)
            obj.setHorizScale(scale)
            obj.textOut(text)
            out.drawText(obj)
        out.showPage()
        page.close()
    pdf.close()
    if not found_text:
        return None
    for key, setter in (("Title", out.setTitle), ("Author", out.setAuthor), ("Subject", out.setSubject)):
        if metadata.get(key):
            setter(shift(str(metadata[key])))
    if metadata.get("Creator"):
        out.setCreator(str(metadata["Creator"]))
    out.save()
    stamp = _pdf_date(str(metadata.get("CreationDate") or metadata.get("ModDate") or ""))
    return _pin_pdf_dates(buf.getvalue(), _minus_year(stamp) if stamp else FIXED_STAMP.replace(year=2023))


def _pdf_date(text: str) -> datetime | None:
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?", text.strip())
    if not match:
        return None
    try:
        return datetime(*(int(g or 0) for g in match.groups()))  # type: ignore[misc]
    except ValueError:
        return None


def _shift_paragraphs(element: Any, shift: Callable[[str], str]) -> None:
    """Shift the text of every ``w:p`` under ``element``, run by run (the shift keeps lengths)."""
    from docx.oxml.ns import qn

    for paragraph in element.iter(qn("w:p")):
        nodes = [t for t in paragraph.iter(qn("w:t")) if t.text]
        joined = "".join(t.text for t in nodes)
        shifted = shift(joined)
        if shifted == joined:
            continue
        pos = 0
        for node in nodes:
            node.text = shifted[pos : pos + len(node.text)]
            pos += len(node.text)


def shift_docx(data: bytes, shift: Callable[[str], str]) -> bytes | None:
    """A DOCX with every run's years moved (body, tables, headers, footers) and its dates a year back."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        return None
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None and str(getattr(part, "content_type", "")).endswith("+xml"):
            _shift_paragraphs(element, shift)
    props = document.core_properties
    for name in ("title", "subject", "keywords", "comments", "category"):
        value = getattr(props, name)
        if value:
            setattr(props, name, shift(value))
    created, modified = _minus_year(props.created), _minus_year(props.modified)
    buf = io.BytesIO()
    document.save(buf)
    return _zip_with_dates(buf.getvalue(), created, modified)


def shift_xlsx(data: bytes, shift: Callable[[str], str]) -> bytes | None:
    """An XLSX with years moved in every text cell, year numbers and dates a year back, titles too."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data))
    except Exception:
        return None
    for sheet in workbook.worksheets:
        sheet.title = shift(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str):
                    cell.value = shift(value)
                elif isinstance(value, datetime | date):
                    cell.value = _minus_year(value)
                elif (
                    isinstance(value, int | float)
                    and float(value).is_integer()
                    and (2500 <= value <= 2599 or 2000 <= value <= 2049)
                ):
                    cell.value = int(value) - 1
    props = workbook.properties
    for name in ("title", "subject", "keywords", "description", "category"):
        value = getattr(props, name)
        if value:
            setattr(props, name, shift(value))
    created, modified = _minus_year(props.created), _minus_year(props.modified)
    buf = io.BytesIO()
    workbook.save(buf)
    return _zip_with_dates(buf.getvalue(), created, modified or created)
