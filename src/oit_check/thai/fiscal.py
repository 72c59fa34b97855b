"""Thai fiscal-year arithmetic: fiscal year N (Buddhist Era) runs 1 Oct (N-544 CE) to 30 Sep (N-543 CE).

Pure functions of dates; no clock. The assessed fiscal year defaults to the one containing the
``as_of`` date the caller passes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

BE_OFFSET = 543


@dataclass(frozen=True)
class Period:
    """An inclusive date range."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the period."""
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end


def be_to_ce(year_be: int) -> int:
    """Buddhist Era year to Christian Era year."""
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    """Christian Era year to Buddhist Era year."""
    return year_ce + BE_OFFSET


def fiscal_year_of(day: date) -> int:
    """The fiscal year (BE) containing ``day``: 30 Sep 2024 -> 2567, 1 Oct 2024 -> 2568."""
    return ce_to_be(day.year) + (1 if day.month >= 10 else 0)


def fiscal_year_period(year_be: int) -> Period:
    """1 October of the previous CE year to 30 September."""
    ce = be_to_ce(year_be)
    return Period(date(ce - 1, 10, 1), date(ce, 9, 30))


def first_half_period(year_be: int) -> Period:
    """The first six months of fiscal year ``year_be``: 1 Oct to 31 Mar."""
    ce = be_to_ce(year_be)
    return Period(date(ce - 1, 10, 1), date(ce, 3, 31))


def second_half_period(year_be: int) -> Period:
    """The last six months of fiscal year ``year_be``: 1 Apr to 30 Sep."""
    ce = be_to_ce(year_be)
    return Period(date(ce, 4, 1), date(ce, 9, 30))


def quarter_period(year_be: int, quarter: int) -> Period:
    """Quarter 1..4 of a fiscal year: Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1..4, not {quarter}")
    start_month_index = 9 + 3 * (quarter - 1)  # months counted from January of year ce-1, 0-based
    ce = be_to_ce(year_be)
    start = date(ce - 1 + start_month_index // 12, start_month_index % 12 + 1, 1)
    end_index = start_month_index + 2
    end = month_end(date(ce - 1 + end_index // 12, end_index % 12 + 1, 1))
    return Period(start, end)


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def fiscal_months(year_be: int) -> list[date]:
    """The first day of each month of a fiscal year, October first."""
    start = fiscal_year_period(year_be).start
    out = []
    y, m = start.year, start.month
    for _ in range(12):
        out.append(date(y, m, 1))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def months_due(year_be: int, as_of: date) -> list[date]:
    """Months of fiscal year ``year_be`` that have fully ended before ``as_of`` (first days).

    A monthly series (o21) must cover October up to the last full month before the as-of date.
    """
    return [m for m in fiscal_months(year_be) if month_end(m) < as_of]


def current_fiscal_year_period(as_of: date) -> Period:
    """The fiscal year containing ``as_of``: 15 Mar 2024 -> 1 Oct 2023 .. 30 Sep 2024 (FY 2567)."""
    return fiscal_year_period(fiscal_year_of(as_of))


def previous_fiscal_year_period(as_of: date) -> Period:
    """The fiscal year before the one containing ``as_of`` (what "last year's report" covers)."""
    return fiscal_year_period(fiscal_year_of(as_of) - 1)


def current_first_half_period(as_of: date) -> Period:
    """1 Oct .. 31 Mar of the fiscal year containing ``as_of`` (the "รอบ 6 เดือน" round)."""
    return first_half_period(fiscal_year_of(as_of))


def quarter_of(day: date) -> int:
    """Fiscal quarter 1..4 of ``day``: October-December is 1, July-September is 4."""
    return (day.month - 10) % 12 // 3 + 1


def fiscal_month_year(year_be: int, month: int) -> int:
    """The CE year in which ``month`` of fiscal year ``year_be`` falls (Oct-Dec: the year before)."""
    return be_to_ce(year_be) - (1 if month >= 10 else 0)


def cumulative_period(year_be: int, months: int) -> Period:
    """The first ``months`` (1..12) months of fiscal year ``year_be``: "รอบ 9 เดือน" is Oct..Jun."""
    if not 1 <= months <= 12:
        raise ValueError(f"months must be 1..12, not {months}")
    start = fiscal_year_period(year_be).start
    last_index = start.month - 1 + months - 1  # 0-based month index counted from January of start.year
    return Period(start, month_end(date(start.year + last_index // 12, last_index % 12 + 1, 1)))
