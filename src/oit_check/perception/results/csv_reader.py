"""A results CSV to ``ITAResults``: ``code,score,previous,part1,part2`` (``text`` optional).

Codes ``i1``..``i30``, ``e1``..``e15``, ``o1``..``o43``; indicator rows as ``ind1``..``ind10`` (or
``ตัวชี้วัดที่ 1``); tool scores as ``iit``/``eit``/``oit``; the total as ``total``/``ita``. Empty
cells are allowed. (Named ``csv_reader`` so that it does not shadow the standard ``csv`` module.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

from oit_check.perception.codes import read_code
from oit_check.perception.figures import Figures, eit_mean, parse_figure, to_float
from oit_check.perception.results.identify import _Context, _Identifier, _Row
from oit_check.perception.results.model import (
    Duplicate,
    IndicatorScore,
    ITAResults,
    ResultRow,
    ToolScore,
    UnidentifiedLine,
)
from oit_check.perception.results.table import _TableParser
from oit_check.perception.schema import PerceptionData
from oit_check.thai.text import to_arabic_digits

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
