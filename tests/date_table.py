"""Load ``tests/data/date_table.tsv``: real-world Thai date strings and the mentions expected in each.

Shared by the accuracy test and ``benchmarks/bench_dates.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TABLE_PATH = Path(__file__).parent / "data" / "date_table.tsv"
_ESCAPE = re.compile(r"\\(t|n|u[0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    line_no: int
    text: str
    context_year_be: int | None
    expected: tuple[tuple[str, date, date], ...]


def _unescape(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = m.group(1)
        return {"t": "\t", "n": "\n"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(repl, text)


def _parse_expected(field: str) -> tuple[tuple[str, date, date], ...]:
    if field.strip() == "-":
        return ()
    out = []
    for part in field.split(";"):
        kind, start, end = part.split()
        out.append((kind, date.fromisoformat(start), date.fromisoformat(end)))
    return tuple(out)


def load_table(path: Path = TABLE_PATH) -> list[Row]:
    """All rows of the table, comments and blank lines skipped."""
    rows = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path.name}:{no}: expected 3 tab-separated fields, got {len(fields)}")
        text, context, expected = fields
        rows.append(Row(no, _unescape(text), int(context) if context else None, _parse_expected(expected)))
    return rows
