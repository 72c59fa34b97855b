"""The measures document as plain blocks (paragraphs of runs, tables of cells), which the
renderers in ``oit_check.report`` write as Markdown and Word; and the drafting options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParagraphStyle = Literal["title", "heading1", "heading2", "body", "item", "label"]


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: title line, heading, body text, numbered item or bold label."""

    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"

    @property
    def text(self) -> str:
        """The plain text."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Cell:
    """A table cell: one or more lines."""

    lines: tuple[str, ...]
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """A table row; a ``group`` row is one bold cell across the table (a theme or indicator)."""

    cells: tuple[Cell, ...]
    group: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on every page in Word) and relative column widths."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]
    landscape: bool = False
    centered: tuple[int, ...] = ()  # columns whose cells are centred (figures, codes, periods)


Block = Paragraph | Table


@dataclass
class MeasuresDocument:
    """The drafted document."""

    agency: str
    fiscal_year: int
    assessed_year: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        """Texts of the section headings, in order."""
        return [b.text for b in self.blocks if isinstance(b, Paragraph) and b.style == "heading1"]


@dataclass(frozen=True)
class DraftOptions:
    """What the CLI passes besides the analysis."""

    agency: str
    fiscal_year: int  # the year of the measures (BE), e.g. 2567
    extra_limitations: tuple[str, ...] = ()
