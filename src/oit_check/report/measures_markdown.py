"""Render a ``MeasuresDocument`` as Markdown (GitHub tables; line breaks in cells as ``<br>``)."""

from __future__ import annotations

from oit_check.perception.measures import MeasuresDocument, Paragraph, Table


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _runs(p: Paragraph) -> str:
    return "".join(f"**{r.text.strip()}**" if r.bold and r.text.strip() else r.text for r in p.runs)


def render_markdown(doc: MeasuresDocument) -> str:
    """The whole document as Markdown text."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(_table(block))
            out.append("")
            continue
        if block.style == "title":
            out.append(f"**{block.text}**  ")
            continue
        if out and out[-1].endswith("  "):
            out.append("")
        if block.style == "heading1":
            out.append(f"## {block.text}")
        elif block.style == "heading2":
            out.append(f"### {block.text}")
        else:
            out.append(_runs(block))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _table(table: Table) -> str:
    width = len(table.header)
    lines = ["| " + " | ".join(_escape_cell(h) for h in table.header) + " |", "|" + "---|" * width]
    for row in table.rows:
        cells = ["<br>".join(_escape_cell(x) for x in c.lines if x) for c in row.cells]
        cells = [f"**{c}**" if cell.bold and c else c for c, cell in zip(cells, row.cells, strict=True)]
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
