"""What the Thai date engine returns: a ``DateMention`` per date, period or fiscal year in a text.

Every mention is a closed Gregorian interval, whatever the text said (a day, a month, a fiscal
year, a plan span), so a caller compares periods without caring how they were written; ``kind``
keeps how it was written, and ``fiscal_year`` the fiscal year (BE) when the text names or
implies one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DateKind(StrEnum):
    """How a mention was written; values appear unchanged in JSON output."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    RANGE = "range"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    PLAN_PERIOD = "plan_period"


@dataclass(frozen=True)
class DateMention:
    """One date or period found in a text."""

    kind: DateKind
    start: date
    """First day, inclusive, Gregorian."""
    end: date
    """Last day, inclusive, Gregorian."""
    source: str
    """The matched text exactly as in the input (Thai digits, odd spaces and all)."""
    span: tuple[int, int]
    """``(start, end)`` offsets of ``source`` in the input text."""
    fiscal_year: int | None = None
    """Fiscal year (BE) the text names or implies: fiscal years, quarters and halves of a stated year."""
