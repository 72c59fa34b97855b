"""Word (python-docx: paragraphs, tables, text boxes, headers and footers) and Excel (openpyxl read-only:
every sheet, row by row) text. Callers pass the archive guard (``archive.check_zip``) first."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from oit_check.extract.doctext import (
    TITLE_MAX,
    DocumentLimits,
    as_date,
    bounded_join,
    clean_title,
    document_content,
    first_line,
)
from oit_check.models import FetchedResource, PageContent

MAX_XLSX_ROWS_PER_SHEET = 50_000


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


def extract_docx(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
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
                headings.append(text[:TITLE_MAX])
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

    text = bounded_join(body_lines(), limits.max_chars)
    props = document.core_properties
    title = clean_title(props.title, file_name) or (headings[0] if headings else "") or first_line(text)
    return document_content(
        resource,
        file_name,
        title=title or file_name,
        text=text,
        headings=tuple(headings),
        tables=tables,
        doc_metadata_date=as_date(props.created) or as_date(props.modified),
    )


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


def extract_xlsx(resource: FetchedResource, file_name: str, limits: DocumentLimits) -> PageContent:
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

        text = bounded_join(lines(), limits.max_chars)
        props = workbook.properties
        metadata_title = props.title
        created = as_date(props.created) or as_date(props.modified)
    finally:
        workbook.close()
    first_cells = next((line for line in text.splitlines()[1:] if line.strip()), "")
    title = clean_title(metadata_title, file_name) or " ".join(first_cells.split())[:TITLE_MAX] or file_name
    return document_content(
        resource,
        file_name,
        title=title,
        text=text,
        headings=tuple(sheet_names),
        tables=len(sheet_names),
        doc_metadata_date=created,
    )


def docx_plain_text(raw: bytes) -> str:
    """Paragraphs and table rows of a .docx in document order, table cells joined by tabs (merged
    cells once): how a pasted results table reads. Raises the parser's errors on a bad file."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(raw))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                out.append("\t".join(cells))
    return "\n".join(out)
