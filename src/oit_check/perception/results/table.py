"""Pasted results tables to ``ITAResults``, line by line.

Tab-separated rows with Thai digits, ``<b>`` markup, headers repeated at page breaks, rows broken
across lines, and copy/OCR damage to codes (``codes.py``) and figures (``figures.py``). The part of
a document after the results (its analysis and measures) is listed in ``not_read``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal

from oit_check.perception.codes import CodeReading, read_code
from oit_check.perception.figures import Figures, eit_mean, split_figures, to_float
from oit_check.perception.results.identify import (
    MIN_TEXT_KEY,
    TEXT_ACCEPT,
    TEXT_OVERRULE,
    _Context,
    _Identifier,
    _Row,
)
from oit_check.perception.results.model import (
    Duplicate,
    IndicatorScore,
    ITAResults,
    ResultRow,
    SkippedRange,
    ToolScore,
    UnidentifiedLine,
)
from oit_check.perception.schema import PerceptionData
from oit_check.thai.text import match_key, to_arabic_digits

MAX_JOIN_LINES = 3  # a row broken across more lines than this is not rejoined
_ONE_PART = "only one EIT part printed"

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
