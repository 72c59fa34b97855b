"""Write dates the way Thai officials do: ``๑๕ มี.ค. ๒๕๖๗`` and periods as ``ต.ค. ๖๖ – ก.ย. ๖๗``.

Used by the report and ``oit-check dates``; the inverse of what ``find_dates`` reads, so every
output of these functions parses back to the same date or period (a property test checks it).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from oit_check.thai import fiscal
from oit_check.thai.dates import vocabulary as v
from oit_check.thai.text import to_thai_digits

Style = Literal["short", "long"]
Digits = Literal["thai", "arabic"]

PERIOD_DASH = " – "


def _digits(text: str, digits: Digits) -> str:
    return to_thai_digits(text) if digits == "thai" else text


def _month_name(month: int, style: Style) -> str:
    return v.THAI_MONTH_NAMES[month - 1] if style == "long" else v.THAI_MONTH_ABBREVIATIONS[month - 1]


def format_thai_date(d: date, *, style: Style = "short", digits: Digits = "thai") -> str:
    """``๑๕ มี.ค. ๒๕๖๗`` (short) or ``๑๕ มีนาคม ๒๕๖๗`` (long); BE year, Thai or Arabic digits."""
    return _digits(f"{d.day} {_month_name(d.month, style)} {fiscal.ce_to_be(d.year)}", digits)


def format_thai_month(d: date, *, style: Style = "short", digits: Digits = "thai", two_digit_year: bool = True) -> str:
    """The month of ``d``: ``มี.ค. ๖๗`` (short, 2-digit year) or ``มีนาคม ๒๕๖๗``."""
    year = fiscal.ce_to_be(d.year)
    year_text = f"{year % 100:02d}" if two_digit_year else str(year)
    return _digits(f"{_month_name(d.month, style)} {year_text}", digits)


def format_thai_period(start: date, end: date, *, digits: Digits = "thai") -> str:
    """A period in the style of agency reports.

    Whole months give ``ต.ค. ๖๖ – ก.ย. ๖๗`` (one whole month: ``มี.ค. ๖๗``); any other period
    gives days, ``๑ ต.ค. ๖๖ – ๑๕ มี.ค. ๖๗``, and a single day ``๑๕ มี.ค. ๖๗``.
    """
    whole_months = start.day == 1 and end == fiscal.month_end(end)
    if whole_months:
        first = format_thai_month(start, digits=digits)
        last = format_thai_month(end, digits=digits)
        same_month = (start.year, start.month) == (end.year, end.month)
        return first if same_month else f"{first}{PERIOD_DASH}{last}"

    def short(d: date) -> str:
        return _digits(f"{d.day} {_month_name(d.month, 'short')} {fiscal.ce_to_be(d.year) % 100:02d}", digits)

    return short(start) if start == end else f"{short(start)}{PERIOD_DASH}{short(end)}"
