"""What is read from an ITA results file: ``ITAResults`` and its rows, indicators, tool scores, and
the lines that were not read (with why)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field


class IdentifiedBy(StrEnum):
    """How a row was identified."""

    CODE = "code"  # the printed code (clean, or ๐ for o), text consistent or absent
    TEXT = "text"  # the question text / item title (code damaged, absent or contradicted)


class ResultRow(BaseModel):
    """One item's figures as read. EIT ``score`` is the mean of the parts unless printed."""

    code: str
    line: int
    line_end: int | None = None  # last line of a row broken across lines
    score: float | None = None
    part1: float | None = None
    part2: float | None = None
    previous: float | None = None
    score_is_mean: bool = False  # score computed from part1 and part2
    marked_lowest: bool = False  # the document marks it "(ต่ำสุด)"
    printed_code: str = ""  # the code as printed ("๑๑๕", "๐๑๐"); empty when there was none
    identified_by: IdentifiedBy
    indicator: int | None = None  # the indicator section the row was printed under
    text_similarity: float | None = None
    text: str = ""
    note: str = ""


class IndicatorScore(BaseModel):
    """An indicator (``1``..``10``) or sub-indicator (``9.1``) score line."""

    id: str
    score: float | None = None
    previous: float | None = None
    line: int
    also_lines: list[int] = Field(default_factory=list)  # printed again (both tables of the report)


class ToolScore(BaseModel):
    """A tool's score (IIT, EIT, OIT), printed beside its first indicator."""

    tool: str
    score: float
    line: int


class UnidentifiedLine(BaseModel):
    """A line with figures that could not be tied to an item, and why."""

    line: int
    text: str
    reason: str


class Duplicate(BaseModel):
    """A code read twice: the first reading is kept."""

    code: str
    line: int
    first_line: int
    same_figures: bool


class SkippedRange(BaseModel):
    """Lines deliberately not read (the analysis and measures after the results tables)."""

    first_line: int
    last_line: int
    reason: str
    lines_with_figures: list[int] = Field(default_factory=list)  # which of them hold figures


class ITAResults(BaseModel):
    """Everything read from one results file."""

    source: str
    input_format: Literal["csv", "table"]
    lines: int
    year: int | None = None  # assessed year (BE) when the file says so
    previous_year: int | None = None
    total: float | None = None
    total_previous: float | None = None
    total_line: int | None = None
    rows: list[ResultRow] = Field(default_factory=list)
    indicators: list[IndicatorScore] = Field(default_factory=list)
    tools: list[ToolScore] = Field(default_factory=list)
    unidentified: list[UnidentifiedLine] = Field(default_factory=list)
    without_figures: list[UnidentifiedLine] = Field(default_factory=list)  # coded lines with no figures
    duplicates: list[Duplicate] = Field(default_factory=list)
    not_read: list[SkippedRange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def row(self, code: str) -> ResultRow | None:
        """The row of an item, if read."""
        return next((r for r in self.rows if r.code == code), None)

    def indicator(self, ident: str) -> IndicatorScore | None:
        """An indicator by id ("6" or "9.1")."""
        return next((i for i in self.indicators if i.id == ident), None)

    def tool_score(self, tool: str) -> float | None:
        """A tool's score, if printed."""
        return next((t.score for t in self.tools if t.tool == tool), None)
