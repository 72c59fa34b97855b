"""How the measures document writes numbers, codes, lists and periods: Thai digits, as officials
write them (``๘๗.๔๘``, ``e๑๓``, ``o๑–o๑๐``, ``ต.ค. ๖๖ – ก.ย. ๖๗``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from oit_check.perception.codes import code_sort_key
from oit_check.perception.schema import Timeline
from oit_check.thai import fiscal
from oit_check.thai.dates import format_thai_period
from oit_check.thai.text import to_thai_digits


def thai_number(value: float | None) -> str:
    """A score with Thai digits: ``๘๗.๔๘``; 100 as ``๑๐๐``."""
    if value is None:
        return "-"
    d = Decimal(str(value))
    text = "100" if d == 100 else f"{d:.2f}"
    return to_thai_digits(text)


def thai_threshold(value: float) -> str:
    """A threshold with Thai digits, without decimals when whole: ``๘๕``."""
    d = Decimal(str(value))
    return to_thai_digits(str(int(d)) if d == d.to_integral_value() else f"{d:.2f}")


def thai_code(code: str) -> str:
    """``e13`` -> ``e๑๓``."""
    return code[0] + to_thai_digits(code[1:])


def _join(items: Sequence[str], and_word: str) -> str:
    """Thai list: items separated by spaces, the last one after "และ" (a space before Latin codes)."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    glue = " " if last[:1].isascii() else ""
    return " ".join(items[:-1]) + f" {and_word}{glue}" + last


def _ranges(codes: Iterable[str]) -> list[str]:
    """Consecutive codes as ranges: o1..o10 -> ``o๑–o๑๐``."""
    ordered = sorted(set(codes), key=code_sort_key)
    out: list[str] = []
    start = prev = None
    for code in [*ordered, None]:
        if code is not None and prev is not None and code[0] == prev[0] and int(code[1:]) == int(prev[1:]) + 1:
            prev = code
            continue
        if start is not None and prev is not None:
            out.append(thai_code(start) if start == prev else f"{thai_code(start)}–{thai_code(prev)}")
        start = prev = code
    return out


def timeline_text(timeline: Timeline, fiscal_year: int) -> str:
    """``ต.ค. ๖๖ – ก.ย. ๖๗`` for October-September of fiscal year 2567."""
    period = fiscal.fiscal_year_period(fiscal_year)

    def month_start(month: int) -> date:
        year = period.start.year if month >= 10 else period.end.year
        return date(year, month, 1)

    return format_thai_period(month_start(timeline.from_month), fiscal.month_end(month_start(timeline.to_month)))
