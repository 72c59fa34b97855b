"""Read ITA results: a CSV, or the results tables as agencies copy them from NACC's report.

Two inputs, one model (``ITAResults``):

* CSV ``code,score,previous,part1,part2`` (``text`` optional), codes ``i1``..``i30``, ``e1``..``e15``,
  ``o1``..``o43``; indicator rows as ``ind1``..``ind10`` (or ``ตัวชี้วัดที่ 1``); tool scores as
  ``iit``/``eit``/``oit``; the total as ``total``/``ita``. Empty cells are allowed.
* Pasted tables (text, or a .docx whose tables are read as tab-separated rows): tab-separated
  rows with Thai digits, ``<b>`` markup, headers repeated at page breaks, rows broken across lines,
  and copy/OCR damage to codes (see ``codes.py``) and figures (see ``figures.py``).

A row is identified by its code or, when the code is damaged or absent, by its text matched
against the question texts (perception data) and OIT item titles (OIT checklist). Nothing is
dropped silently: every line that holds figures and is not a header, an indicator row, the total
or an identified row is listed in ``unidentified`` with its line number and the reason; the part
of a document after the results (its analysis and measures sections) is listed in ``not_read``.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from oit_check.errors import ResultsError
from oit_check.extract.charset import looks_like_thai
from oit_check.perception.codes import CodeReading, code_sort_key, read_code
from oit_check.perception.figures import Figures, eit_mean, parse_figure, split_figures, to_float
from oit_check.perception.schema import PerceptionData
from oit_check.perception.textmatch import TextIndex
from oit_check.thai.text import match_key, to_arabic_digits

# How sure text matching must be. Calibrated on the seed and on damaged copies of it
# (tests/test_perception_results.py): true matches of damaged rows score 0.7-1.0, the best wrong
# candidate at most ~0.55.
TEXT_ACCEPT = 0.62  # a row without a code, or with a damaged one, needs at least this
TEXT_MARGIN = 0.08  # ... and must beat the next candidate by this much
TEXT_OVERRULE = 0.80  # a clean code is overruled only by a text this close to another item,
# beating the code's own question (and every other candidate) by TEXT_MARGIN
OWN_TEXT_DOUBT = 0.45  # below this, a kept code is noted as "text differs"
OWN_TEXT_SURE = 0.90  # at or above this, the code's own question is taken without comparing others
MIN_TEXT_KEY = 8  # shorter texts (after normalising) cannot identify anything
MAX_JOIN_LINES = 3  # a row broken across more lines than this is not rejoined
_ONE_PART = "only one EIT part printed"


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


# --------------------------------------------------------------------------------------------
# Reading the file


def read_results(path: Path, data: PerceptionData, oit_titles: Mapping[str, list[str]] | None = None) -> ITAResults:
    """Read a results file (CSV, text or .docx). ``ResultsError`` if it cannot be read at all."""
    name = str(path)
    if not path.exists():
        raise ResultsError(f"{name}: no such file")
    if path.is_dir():
        raise ResultsError(f"{name}: is a directory, not a results file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ResultsError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    text = decode_results(raw, name)
    return parse_results_text(text, data, oit_titles=oit_titles, source=name)


def decode_results(raw: bytes, name: str) -> str:
    """Bytes of a results file to text: UTF-8/16 or Thai Windows-874; .docx tables as tab rows."""
    if not raw.strip():
        raise ResultsError(f"{name}: the file is empty", hint="paste the results tables of the ITA report into it")
    if raw.startswith(b"%PDF"):
        raise ResultsError(
            f"{name}: is a PDF; oit-check reads results as CSV, text or Word (.docx)",
            hint="copy the results tables from the PDF into a text file, or save them as .docx",
        )
    if raw.startswith(b"PK\x03\x04"):
        return _docx_text(raw, name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ResultsError(f"{name}: cannot decode UTF-16 text: {exc.reason}") from exc
    if b"\x00" in raw or _control_share(raw) > 0.05:
        raise ResultsError(
            f"{name}: is not a text file (binary data)",
            hint="give a CSV, a text file with the pasted results tables, or a .docx",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    thai = raw.decode("cp874", "replace")
    if looks_like_thai(thai) and thai.count("\ufffd") <= 0.01 * len(thai):
        return thai
    raise ResultsError(
        f"{name}: cannot decode the text (neither UTF-8 nor Thai Windows-874)",
        hint="save the file as UTF-8",
    )


def _control_share(raw: bytes) -> float:
    sample = raw[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls / max(1, len(sample))


def _docx_text(raw: bytes, name: str) -> str:
    """Paragraphs and table rows of a .docx, in document order; table cells joined by tabs."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ResultsError(f"{name}: is a ZIP file but not a readable Word document ({exc})") from exc
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
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


# --------------------------------------------------------------------------------------------
# Parsing


def parse_results_text(
    text: str,
    data: PerceptionData,
    *,
    oit_titles: Mapping[str, list[str]] | None = None,
    source: str = "<text>",
) -> ITAResults:
    """Parse results given as text (CSV or pasted tables)."""
    text = text.lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if _looks_like_csv_header(first):
        results = _parse_csv(text, data, oit_titles or {}, source)
    else:
        results = _TableParser(data, oit_titles or {}, source).parse(text)
    if not results.rows and not results.indicators and results.total is None:
        detail = (
            f"; {len(results.unidentified)} line(s) hold figures but none could be identified"
            if (results.unidentified)
            else ""
        )
        raise ResultsError(
            f"{source}: no ITA results found (no IIT/EIT/OIT item or indicator with figures){detail}",
            hint="give the results tables of the ITA report, or a CSV with columns code,score,previous,part1,part2",
        )
    results.rows.sort(key=lambda r: code_sort_key(r.code))
    return results


def _looks_like_csv_header(line: str) -> bool:
    cells = [c.strip().strip('"').lower() for c in line.split(",")]
    return len(cells) >= 2 and cells[0] == "code" and "score" in cells


def _known_ranges(data: PerceptionData) -> dict[str, int]:
    return {t.code_prefix: t.count for t in data.tools}


def _text_index(data: PerceptionData, oit_titles: Mapping[str, list[str]]) -> TextIndex:
    texts: dict[str, list[str]] = {q.code: [q.text_th] for q in data.questions}
    for code, title in data.oit_titles.items():
        texts[code] = [title]
    for code, titles in oit_titles.items():
        texts.setdefault(code, []).extend(titles)
    return TextIndex(texts)


@dataclass
class _Row:
    """A row being assembled from one or more lines."""

    line: int
    line_end: int
    text: str
    figures: Figures
    reading: CodeReading | None


@dataclass
class _Identified:
    code: str
    by: IdentifiedBy
    similarity: float | None = None
    note: str = ""


@dataclass
class _Context:
    tool: str | None = None  # code prefix of the current tool section: i, e, o
    indicator: int | None = None
    rows_seen: int = 0
    pending: list[tuple[int, str, CodeReading | None]] = field(default_factory=list)


class _Identifier:
    """Decide which item a row is, from its code reading, text and figure shape."""

    def __init__(self, data: PerceptionData, oit_titles: Mapping[str, list[str]]) -> None:
        self.data = data
        self.ranges = _known_ranges(data)
        self.index = _text_index(data, oit_titles)
        self.all_codes = [f"{p}{n}" for p, count in self.ranges.items() for n in range(1, count + 1)]

    def allowed(self, code: str, figures: Figures) -> bool:
        """Whether the figure shape fits the item: only EIT items have parts."""
        if figures.has_parts:
            return code[0] == "e"
        return True

    def identify(self, row: _Row, ctx: _Context) -> _Identified | str:
        """The item of a row, or the reason it cannot be told."""
        reading = row.reading
        text = row.text
        key_len = len(match_key(text))
        if reading is not None:
            cands = [c for c in reading.candidates if self.allowed(c, row.figures)]
            if not cands:
                shape = "EIT parts" if row.figures.has_parts else "its figures"
                return f"code {reading.printed} ({'/'.join(reading.candidates)}) does not fit {shape}"
            if reading.certain:
                code = cands[0]
                if key_len < MIN_TEXT_KEY or code not in self.index:
                    return _Identified(code, IdentifiedBy.CODE)
                own = self.index.score(text, code)
                if own >= OWN_TEXT_SURE:
                    return _Identified(code, IdentifiedBy.CODE, round(own, 3))
                pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
                ranked = self.index.rank(text, pool)
                best = ranked[0] if ranked else None
                second = next((m.similarity for m in ranked[1:]), 0.0)
                if (
                    best is not None
                    and best.code != code
                    and best.similarity >= TEXT_OVERRULE
                    and best.similarity - max(own, second) >= TEXT_MARGIN
                ):
                    # a clean-looking code on another item's question: the text wins
                    return _Identified(
                        best.code,
                        IdentifiedBy.TEXT,
                        round(best.similarity, 3),
                        f"printed code {reading.printed} but the text is {best.code}'s",
                    )
                if own < OWN_TEXT_DOUBT:
                    if best is not None and best.code != code and best.similarity >= TEXT_OVERRULE:
                        others = " or ".join(m.code for m in ranked[:2])
                        return f"printed code {reading.printed} but the text reads like {others}"
                    return _Identified(code, IdentifiedBy.CODE, round(own, 3), f"text differs from {code}'s wording")
                return _Identified(code, IdentifiedBy.CODE, round(own, 3))
            # damaged prefix: the text must confirm one candidate
            if key_len < MIN_TEXT_KEY:
                return (
                    f"code {reading.printed} is damaged ({' or '.join(cands)}) and there is no question text"
                    " to confirm it"
                )
            found = self._by_text(text, cands, damaged=reading.printed)
            if isinstance(found, _Identified):
                return found
            pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
            wider = self._by_text(text, pool, damaged=reading.printed)
            if isinstance(wider, _Identified) and (wider.similarity or 0) >= TEXT_OVERRULE:
                return wider
            return found
        if key_len < MIN_TEXT_KEY:
            return "figures without an item code or question text"
        pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
        if ctx.tool is not None and not row.figures.has_parts:
            in_section = [c for c in pool if c[0] == ctx.tool]
            found = self._by_text(text, in_section, damaged=None)
            if isinstance(found, _Identified):
                return found
        return self._by_text(text, pool, damaged=None)

    def _by_text(self, text: str, pool: list[str], damaged: str | None) -> _Identified | str:
        known = [c for c in pool if c in self.index]
        if not known:
            return "no known text to compare with"
        ranked = self.index.rank(text, known)
        best = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        margin = best.similarity - (second.similarity if second else 0.0)
        exact = best.similarity >= 1.0 and margin > 0  # the very words of one known text
        if best.similarity >= TEXT_ACCEPT and (margin >= TEXT_MARGIN or exact):
            note = f"code printed as {damaged}" if damaged else "no code printed"
            return _Identified(best.code, IdentifiedBy.TEXT, round(best.similarity, 3), note)
        what = f"damaged code {damaged}: " if damaged else ""
        if best.similarity < TEXT_ACCEPT:
            return f"{what}text matches no question (closest {best.code}, {best.similarity:.2f})"
        assert second is not None
        return (
            f"{what}text is ambiguous between {best.code} ({best.similarity:.2f}) and "
            f"{second.code} ({second.similarity:.2f})"
        )


# Markup and marks removed before reading a line.
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_RE = re.compile(r"^\s*#{1,6}\s*|\*\*|__")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INDICATOR_RE = re.compile(r"ตัวชี้วัด\s*(?:ที่)?\s*(?P<num>\d{1,2})(?![\d.,]\d)")
_SUB_INDICATOR_RE = re.compile(r"ตัวชี้วัดย่อย\s*(?:ที่)?\s*(?P<a>\d{1,2})\s*[.,]\s*(?P<b>\d{1,2})")
_HEADER_YEARS_RE = re.compile(r"ปี\s*(?P<a>\d{2,4})\s*/\s*(?P<b>\d{2,4})")
_YEAR_RE = re.compile(r"(?:พ\.\s*ศ\.|ปีงบประมาณ|ปี)\s*(25\d\d)")
_SCORE_RE = re.compile(r"(?<![\d.])\d{1,3}\.\d{2}(?!\d)")  # a score in running text: 94.16
_HEADING_NUM_RE = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:ส่วนที่\s*)?[\d๐-๙]{1,2}\s*[.)]\s*")


def _clean_line(raw: str) -> str:
    """Markup, entities and invisible characters out; tabs kept; each cell's spaces folded."""
    text = html.unescape(_TAG_RE.sub(" ", raw))
    text = _MD_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text)).replace("\u00a0", " ")
    cells = [" ".join(c.split()) for c in text.split("\t")]
    return "\t".join(cells).strip()


class _TableParser:
    """Line-by-line reader of pasted results tables."""

    def __init__(self, data: PerceptionData, oit_titles: Mapping[str, list[str]], source: str) -> None:
        self.data = data
        self.ident = _Identifier(data, oit_titles)
        self.source = source
        self.header_keys = [match_key(m) for m in data.header_markers]
        self.end_keys = [match_key(m) for m in data.end_markers]
        self.total_keys = list(data.total_markers)
        self.tool_markers = [(t.code_prefix, [match_key(m) for m in t.markers]) for t in data.tools]
        self.indicator_keys = {ind.number: match_key(ind.title_th) for ind in data.indicators}
        self.question_text = {q.code: q.text_th for q in data.questions}

    # -- line classification ---------------------------------------------------------------------

    def _is_header(self, key: str) -> bool:
        return sum(1 for h in self.header_keys if h and h in key) >= 2

    def _is_end(self, clean: str, has_tab: bool) -> bool:
        if has_tab:
            return False
        stripped = _HEADING_NUM_RE.sub("", to_arabic_digits(clean))
        key = match_key(stripped)
        return any(key.startswith(e) for e in self.end_keys if e)

    def _tool_in(self, key: str) -> str | None:
        for prefix, markers in self.tool_markers:
            if any(m and m in key for m in markers):
                return prefix
        return None

    # -- main loop ---------------------------------------------------------------------------------

    def parse(self, text: str) -> ITAResults:
        lines = text.splitlines()
        res = ITAResults(source=self.source, input_format="table", lines=len(lines))
        ctx = _Context()
        last: ResultRow | None = None  # the row just read (for continuation lines)
        last_figs: Figures | None = None
        for n, raw in enumerate(lines, start=1):
            clean = _clean_line(raw)
            if not clean:
                continue
            has_tab = "\t" in clean
            arabic = to_arabic_digits(clean)
            key = match_key(clean)
            if (res.rows or res.indicators) and self._is_end(clean, has_tab):
                with_figures = [
                    m for m, rest in enumerate(lines[n - 1 :], start=n) if _SCORE_RE.search(to_arabic_digits(rest))
                ]
                res.not_read.append(
                    SkippedRange(
                        first_line=n,
                        last_line=len(lines),
                        reason="after the results tables (analysis, measures)",
                        lines_with_figures=with_figures,
                    )
                )
                break
            if self._is_header(key):
                self._read_header_years(arabic, res)
                continue
            tool = self._tool_in(key)
            if tool is not None:
                ctx.tool = tool
            sub = _SUB_INDICATOR_RE.search(arabic)
            if sub:
                self._flush_pending(ctx, res)
                self._read_sub_indicator(sub, clean, n, ctx, res)
                last = None
                continue
            ind = _INDICATOR_RE.search(arabic)
            if ind and not read_code(self._row_text_start(clean), self.ident.ranges):
                self._flush_pending(ctx, res)
                self._read_indicator(ind, clean, n, ctx, res)
                last = None
                continue
            self._read_year_line(arabic, has_tab, res)
            split = split_figures(clean)
            body = self._row_text_start(split.text)
            reading = read_code(body, self.ident.ranges)
            row_text = body[reading.end :].strip() if reading else body
            figs = split.figures
            if figs.empty:
                if reading is None and last is not None and not ctx.pending and self._is_tail(last, row_text):
                    last.text = f"{last.text} {row_text}".strip()
                    last.line_end = n
                    continue
                if (
                    reading is None
                    and ctx.rows_seen == 0
                    and not ctx.pending
                    and not self._could_start_row(row_text, has_tab)
                ):
                    continue  # titles and prose before the tables
                if reading is not None:
                    self._flush_pending(ctx, res)
                ctx.pending.append((n, row_text, reading))
                if len(ctx.pending) > MAX_JOIN_LINES:
                    dropped = ctx.pending.pop(0)
                    self._report_without_figures([dropped], res)
                last = None
                continue
            # a line with figures
            if (
                reading is None
                and not row_text
                and last is not None
                and last_figs is not None
                and self._continue_figures(last, last_figs, figs, n)
            ):
                continue
            if reading is None and self._read_total(arabic, n, res):
                ctx.pending.clear()
                last = None
                continue
            row = self._assemble(n, row_text, figs, reading, ctx)
            emitted = self._emit(row, ctx, res, raw_line=clean)
            if emitted is None and row.line != n and row_text and len(match_key(row_text)) >= MIN_TEXT_KEY:
                # the joined text failed: try the figure line on its own
                res.unidentified.pop()
                emitted = self._emit(_Row(n, n, row_text, figs, reading), ctx, res, raw_line=clean)
            last, last_figs = (emitted, figs) if emitted is not None else (None, None)
        self._flush_pending(ctx, res)
        return res

    # -- pieces ------------------------------------------------------------------------------------

    def _row_text_start(self, text: str) -> str:
        """Skip leading empty cells and the tool-name cell ("แบบวัด... (IIT)")."""
        cells = text.split("\t")
        while cells and (not cells[0].strip() or (len(cells) > 1 and self._tool_in(match_key(cells[0])))):
            cells.pop(0)
        return " ".join(c.strip() for c in cells if c.strip())

    def _could_start_row(self, text: str, has_tab: bool) -> bool:
        """A code-less line before any row: only if it reads like the start of a question (a line
        outside any table cell, such as the document title, must read very much like one)."""
        if len(match_key(text)) < MIN_TEXT_KEY:
            return False
        ranked = self.ident.index.rank(text)
        return bool(ranked) and ranked[0].similarity >= (TEXT_ACCEPT if has_tab else TEXT_OVERRULE)

    def _is_tail(self, last: ResultRow, text: str) -> bool:
        """Whether a figure-less line continues the text of the row just read."""
        if not text or last.code not in self.ident.index:
            return False
        key = match_key(text)
        if len(key) < 4:
            return False
        known = match_key(self.question_text.get(last.code, ""))
        if known:
            return (
                key in known
                or self.ident.index.score(last.text + text, last.code)
                > self.ident.index.score(last.text, last.code) + 0.05
            )
        return False

    def _continue_figures(self, last: ResultRow, last_figs: Figures, more: Figures, n: int) -> bool:
        """Figures on the next line complete the row just read: its EIT part 2, or last year's score."""
        wants_part2 = last_figs.part1 is not None and last_figs.part2 is None
        wants_previous = last_figs.previous is None and (last_figs.score is not None or last_figs.has_parts)
        fills_part2 = more.part2 is not None and more.score is None and more.part1 is None
        only_previous = more.previous is not None and more.score is None and not more.has_parts
        if not ((wants_part2 and fills_part2) or (wants_previous and only_previous)):
            return False
        if not last_figs.merge(more):
            return False
        self._apply_figures(last, last_figs)
        last.line_end = n
        return True

    def _assemble(self, n: int, row_text: str, figs: Figures, reading: CodeReading | None, ctx: _Context) -> _Row:
        if reading is None and ctx.pending:
            first_line = ctx.pending[0][0]
            texts = [t for _, t, _ in ctx.pending]
            start_reading = ctx.pending[0][2]
            # a pending code line, possibly followed by text-only lines, then this figure line
            code_idx = max((i for i, (_, _, r) in enumerate(ctx.pending) if r is not None), default=None)
            if code_idx is not None:
                first_line = ctx.pending[code_idx][0]
                texts = [t for _, t, _ in ctx.pending[code_idx:]]
                start_reading = ctx.pending[code_idx][2]
            ctx.pending.clear()
            return _Row(first_line, n, " ".join([*texts, row_text]).strip(), figs, start_reading)
        ctx.pending.clear()
        return _Row(n, n, row_text, figs, reading)

    def _emit(self, row: _Row, ctx: _Context, res: ITAResults, raw_line: str) -> ResultRow | None:
        shown = row.text if row.reading is None else f"{row.reading.printed} {row.text}".strip()
        if row.figures.problem:
            res.unidentified.append(
                UnidentifiedLine(line=row.line, text=raw_line, reason=f"cannot read the figures: {row.figures.problem}")
            )
            return None
        found = self.ident.identify(row, ctx)
        if isinstance(found, str):
            res.unidentified.append(UnidentifiedLine(line=row.line, text=_shown(raw_line, shown, row), reason=found))
            return None
        code = found.code
        result = ResultRow(
            code=code,
            line=row.line,
            line_end=row.line_end if row.line_end != row.line else None,
            printed_code=row.reading.printed if row.reading else "",
            identified_by=found.by,
            indicator=ctx.indicator,
            text_similarity=found.similarity,
            text=row.text,
            note=found.note,
        )
        if code[0] != "e" and row.figures.extra:
            res.unidentified.append(
                UnidentifiedLine(
                    line=row.line, text=raw_line, reason=f"{code}: more figures than score and previous year"
                )
            )
            return None
        self._apply_figures(result, row.figures)
        ctx.rows_seen += 1
        ctx.tool = code[0]
        existing = res.row(code)
        if existing is not None:
            same = (existing.score, existing.part1, existing.part2, existing.previous) == (
                result.score,
                result.part1,
                result.part2,
                result.previous,
            )
            res.duplicates.append(Duplicate(code=code, line=row.line, first_line=existing.line, same_figures=same))
            return None
        res.rows.append(result)
        return result

    @staticmethod
    def _apply_figures(row: ResultRow, figs: Figures) -> None:
        row.note = "; ".join(n for n in row.note.split("; ") if n and n != _ONE_PART)
        row.part1 = to_float(figs.part1)
        row.part2 = to_float(figs.part2)
        row.previous = to_float(figs.previous)
        row.marked_lowest = figs.marked_lowest
        if figs.score is not None:
            row.score = to_float(figs.score)
            row.score_is_mean = False
        elif figs.part1 is not None and figs.part2 is not None:
            row.score = to_float(eit_mean(figs.part1, figs.part2))
            row.score_is_mean = True
        else:
            row.score = to_float(figs.part1 if figs.part1 is not None else figs.part2)
            row.score_is_mean = False
            if figs.has_parts:
                row.note = (row.note + "; " if row.note else "") + _ONE_PART

    def _flush_pending(self, ctx: _Context, res: ITAResults) -> None:
        """Coded lines that never got figures are listed as rows without figures."""
        self._report_without_figures(ctx.pending, res)
        ctx.pending.clear()

    def _report_without_figures(self, pending: list[tuple[int, str, CodeReading | None]], res: ITAResults) -> None:
        for line, text, reading in pending:
            if reading is not None:
                res.without_figures.append(
                    UnidentifiedLine(
                        line=line,
                        text=f"{reading.printed} {text}".strip(),
                        reason="an item code with no figures after it",
                    )
                )

    def _read_header_years(self, arabic: str, res: ITAResults) -> None:
        m = _HEADER_YEARS_RE.search(arabic)
        if not m or res.year is not None:
            return
        a, b = int(m.group("a")), int(m.group("b"))
        a = a + 2500 if a < 100 else a
        b = b + 2500 if b < 100 else b
        if 2550 <= a <= 2650 and b == a - 1:
            res.year, res.previous_year = a, b

    def _read_year_line(self, arabic: str, has_tab: bool, res: ITAResults) -> None:
        """The assessed year from a heading such as "ผลการประเมิน ITA ... ปีงบประมาณ พ.ศ. ๒๕๖๖"."""
        if res.year is not None or has_tab or "ผลการประเมิน" not in arabic:
            return
        m = _YEAR_RE.search(arabic)
        if m:
            res.year = int(m.group(1))
            res.previous_year = res.year - 1

    def _read_sub_indicator(self, m: re.Match[str], clean: str, n: int, ctx: _Context, res: ITAResults) -> None:
        ctx.indicator = int(m.group("a"))
        figs = split_figures(clean[m.end() :]).figures
        if not figs.empty:
            res.indicators.append(
                IndicatorScore(
                    id=f"{int(m.group('a'))}.{int(m.group('b'))}",
                    score=to_float(figs.score),
                    previous=to_float(figs.previous),
                    line=n,
                )
            )

    def _read_indicator(self, m: re.Match[str], clean: str, n: int, ctx: _Context, res: ITAResults) -> None:
        number = int(m.group("num"))
        arabic = to_arabic_digits(clean)
        rest = clean[m.end() :]
        split = split_figures(rest)
        title_key = match_key(split.text)
        if number not in self.indicator_keys:
            # damaged number: name the indicator by its title
            number = next((k for k, v in self.indicator_keys.items() if v and title_key.startswith(v)), number)
        if number in self.indicator_keys:
            ctx.indicator = number
            ctx.tool = self.data.tool_of_indicator(number).code_prefix
        figs = split.figures
        if figs.empty:
            return
        if number not in self.indicator_keys:
            res.unidentified.append(UnidentifiedLine(line=n, text=clean, reason=f"unknown indicator {number}"))
            return
        score, previous = figs.score, figs.previous
        tool_score: Decimal | None = None
        if len(figs.bare) == 2 and figs.previous is not None and "(" not in arabic[m.end() :]:
            # the first results table: indicator score, then the tool's score
            previous, tool_score = None, figs.bare[1]
        known = res.indicator(str(number))
        if known is None:
            res.indicators.append(
                IndicatorScore(id=str(number), score=to_float(score), previous=to_float(previous), line=n)
            )
        else:
            known.also_lines.append(n)
            if score is not None and known.score is not None and to_float(score) != known.score:
                res.duplicates.append(
                    Duplicate(code=f"indicator {number}", line=n, first_line=known.line, same_figures=False)
                )
        if tool_score is not None:
            tool = self.data.tool_of_indicator(number).id
            if all(t.tool != tool for t in res.tools):
                res.tools.append(ToolScore(tool=tool, score=float(tool_score), line=n))

    def _read_total(self, arabic: str, n: int, res: ITAResults) -> bool:
        """A sentence stating the total ITA score ("พบว่ามีผลคะแนน ๙๔.๑๖ คะแนน")."""
        if res.total is not None:
            return False
        for marker in self.total_keys:
            m = re.search(re.escape(marker) + r"\s*(?:เฉลี่ย)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*คะแนน", arabic)
            if m:
                res.total = float(Decimal(m.group(1)))
                res.total_line = n
                prev = re.search(
                    r"\(\s*ปี\s*\d{4}\s*" + re.escape(marker) + r"\s*(?:เฉลี่ย)?\s*(\d{1,3}(?:\.\d{1,2})?)", arabic
                )
                if prev:
                    res.total_previous = float(Decimal(prev.group(1)))
                return True
        return False


def _shown(raw_line: str, shown: str, row: _Row) -> str:
    return raw_line if row.line == row.line_end else shown


# --------------------------------------------------------------------------------------------
# CSV

_CSV_INDICATOR_RE = re.compile(r"^(?:ind|indicator|ตัวชี้วัด(?:ที่)?)\s*(\d{1,2}(?:\.\d{1,2})?)$")
_CSV_TOOLS = {"iit": "iit", "eit": "eit", "oit": "oit"}
_CSV_TOTAL = {"total", "ita", "รวม"}


def _parse_csv(text: str, data: PerceptionData, oit_titles: Mapping[str, list[str]], source: str) -> ITAResults:
    res = ITAResults(source=source, input_format="csv", lines=len(text.splitlines()))
    ident = _Identifier(data, oit_titles)
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    for cells in _csv_rows(reader):
        line, values = cells
        if header is None:
            header = [c.strip().lower() for c in values]
            continue
        if not any(v.strip() for v in values):
            continue
        row = dict(zip(header, (v.strip() for v in values), strict=False))
        raw_code = row.get("code", "")
        shown = ",".join(values)
        try:
            figs = Figures(
                score=parse_figure(row.get("score", "")),
                part1=parse_figure(row.get("part1", "")),
                part2=parse_figure(row.get("part2", "")),
                previous=parse_figure(row.get("previous", "")),
            )
        except ValueError as exc:
            res.unidentified.append(UnidentifiedLine(line=line, text=shown, reason=str(exc)))
            continue
        code_key = to_arabic_digits(raw_code).strip().lower().replace(" ", "")
        if (m := _CSV_INDICATOR_RE.match(code_key)) is not None:
            ident_id = m.group(1)
            res.indicators.append(
                IndicatorScore(id=ident_id, score=to_float(figs.score), previous=to_float(figs.previous), line=line)
            )
            continue
        if code_key in _CSV_TOOLS and figs.score is not None:
            res.tools.append(ToolScore(tool=_CSV_TOOLS[code_key], score=float(figs.score), line=line))
            continue
        if code_key in _CSV_TOTAL:
            res.total, res.total_previous, res.total_line = to_float(figs.score), to_float(figs.previous), line
            continue
        if figs.empty:
            continue
        reading = read_code(raw_code.strip(), ident.ranges) if raw_code.strip() else None
        if reading is not None and reading.end < len(raw_code.strip()):
            reading = None  # trailing characters: not a code
        if raw_code.strip() and reading is None:
            res.unidentified.append(UnidentifiedLine(line=line, text=shown, reason=f"unknown code {raw_code!r}"))
            continue
        text_cell = row.get("text", "") or row.get("title", "") or row.get("question", "")
        found = ident.identify(_Row(line, line, text_cell, figs, reading), _Context())
        if isinstance(found, str):
            res.unidentified.append(UnidentifiedLine(line=line, text=shown, reason=found))
            continue
        result = ResultRow(
            code=found.code,
            line=line,
            printed_code=raw_code.strip(),
            identified_by=found.by,
            text_similarity=found.similarity,
            text=text_cell,
            note=found.note,
        )
        _TableParser._apply_figures(result, figs)
        if figs.score is not None and figs.part1 is not None and figs.part2 is not None:
            mean = eit_mean(figs.part1, figs.part2)
            if abs(mean - figs.score) > Decimal("0.01"):
                result.note = (result.note + "; " if result.note else "") + f"score differs from the parts' mean {mean}"
        existing = res.row(found.code)
        if existing is not None:
            same = (existing.score, existing.part1, existing.part2, existing.previous) == (
                result.score,
                result.part1,
                result.part2,
                result.previous,
            )
            res.duplicates.append(Duplicate(code=found.code, line=line, first_line=existing.line, same_figures=same))
            continue
        res.rows.append(result)
    return res


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line number where each starts."""
    line = 1
    for values in reader:
        yield line, values
        line = reader.line_num + 1  # type: ignore[attr-defined]
