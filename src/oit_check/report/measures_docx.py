"""Write a ``MeasuresDocument`` as a Word file, the way Thai agencies publish item o42.

* Font "TH SarabunPSK" 16 pt on every run, set for every script: ``w:ascii``, ``w:hAnsi``,
  ``w:eastAsia`` and the complex-script ``w:cs`` (Word sets Thai in the complex-script font and
  size, so ``w:szCs`` and, for bold, ``w:bCs`` are written too; without them Word shows Thai in
  its default font, at its default size, not bold). Language ``th-TH``.
* A4, margins of an official Thai document (top 2.5 cm, bottom 2 cm, left 3 cm, right 2 cm);
  body paragraphs Thai-distributed with a 2.5 cm first-line indent.
* Tables with a grid, the header row repeated on every page; the measures table on landscape
  pages. Section numbers and figures arrive already in Thai digits from ``measures.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from oit_check.errors import ReportError
from oit_check.perception.measures import MeasuresDocument, Paragraph, Table

FONT = "TH SarabunPSK"
SIZE_PT = 16
LANG = "th-TH"
_A4 = (Cm(21.0), Cm(29.7))
_MARGINS = {"top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(2.0)}


def _set_rpr_fonts(rpr: BaseOxmlElement, bold: bool | None = None) -> None:
    """Fonts, complex-script size/bold and language on a ``w:rPr`` element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(SIZE_PT * 2))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = rpr.find(qn(tag))
            if bold and el is None:
                rpr.append(OxmlElement(tag))
            elif not bold and el is not None:
                rpr.remove(el)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:bidi"), LANG)
    lang.set(qn("w:eastAsia"), LANG)


def _style_fonts(document: DocxDocument) -> None:
    styles = document.styles
    for name in ("Normal", "Table Grid", "Heading 1", "Heading 2", "Title"):
        try:
            style = styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        style.font.size = Pt(SIZE_PT)
        if style.font.color is not None and name.startswith(("Heading", "Title")):
            style.font.color.rgb = None
        _set_rpr_fonts(style.element.get_or_add_rPr())
        if name.startswith(("Heading", "Title")):
            style.font.bold = True
            pf = style.paragraph_format
            pf.space_before = Pt(6)
            pf.space_after = Pt(0)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0


def _add_run(paragraph: DocxParagraph, text: str, bold: bool) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(SIZE_PT)
    run.font.bold = bold
    _set_rpr_fonts(run._element.get_or_add_rPr(), bold=bold)


def _paragraph(document: DocxDocument, block: Paragraph) -> None:
    style = {"heading1": "Heading 1", "heading2": "Heading 2"}.get(block.style)
    p = document.add_paragraph(style=style) if style else document.add_paragraph()
    fmt = p.paragraph_format
    if block.style == "title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.style == "body":
        p.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
        fmt.first_line_indent = Cm(2.5)
    elif block.style == "item":
        fmt.left_indent = Cm(2.5)
        fmt.first_line_indent = Cm(-0.6)
    elif block.style in ("heading1", "heading2"):
        fmt.keep_with_next = True
    for run in block.runs:
        _add_run(p, run.text, run.bold or block.style in ("title", "heading1", "heading2", "label"))


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cell_text(cell: _Cell, lines: tuple[str, ...], bold: bool) -> None:
    first = True
    for line in lines or ("",):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _add_run(p, line, bold)


def _table(document: DocxDocument, block: Table, usable_width_cm: float) -> None:
    width = len(block.header)
    table = document.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Cm(usable_width_cm * w / total) for w in block.widths]
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w  # w:gridCol, which LibreOffice follows; cells carry w:tcW for Word
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, w in zip(header.cells, block.header, widths, strict=True):
        cell.width = w
        _cell_text(cell, (text,), True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in block.rows:
        cells = table.add_row().cells
        for cell, w in zip(cells, widths, strict=True):
            cell.width = w
        if row.group:
            merged = cells[0].merge(cells[-1]) if width > 1 else cells[0]
            _cell_text(merged, row.cells[0].lines, True)
            continue
        for index, (cell, content) in enumerate(zip(cells, row.cells, strict=False)):
            _cell_text(cell, content.lines, content.bold)
            if index in block.centered:
                for p in cell.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page(section: Section, landscape: bool) -> None:
    width, height = _A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, value in _MARGINS.items():
        setattr(section, f"{side}_margin", value)


def _usable_cm(landscape: bool) -> float:
    page = 29.7 if landscape else 21.0
    return page - float(_MARGINS["left"].cm) - float(_MARGINS["right"].cm)


def build_docx(doc: MeasuresDocument) -> DocxDocument:
    """The python-docx ``Document`` of a measures document."""
    document = Document()
    _style_fonts(document)
    _page(document.sections[0], landscape=False)
    landscape = False
    for block in doc.blocks:
        wants = isinstance(block, Table) and block.landscape
        if wants != landscape:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _page(section, landscape=wants)
            landscape = wants
        if isinstance(block, Table):
            _table(document, block, _usable_cm(landscape))
            document.add_paragraph()
        else:
            _paragraph(document, block)
    core = document.core_properties
    titles = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.style == "title"]
    core.subject = " ".join(titles)
    core.title = titles[0] if titles else ""
    core.author = doc.agency
    core.language = LANG
    return document


def write_docx(doc: MeasuresDocument, path: Path) -> None:
    """Write the Word file; ``ReportError`` if it cannot be written."""
    document = build_docx(doc)
    try:
        document.save(str(path))
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc
