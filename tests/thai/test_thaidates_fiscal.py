"""Fiscal-year boundaries, leap years and BE/CE edges, through both ``fiscal`` and ``find_dates``."""

from __future__ import annotations

from datetime import date

import pytest

from oit_check.thai import fiscal
from oit_check.thai.dates import DateKind, find_dates


def _one(text: str, context_year_be: int | None = None) -> tuple[DateKind, date, date, int | None]:
    [m] = find_dates(text, context_year_be=context_year_be)
    return m.kind, m.start, m.end, m.fiscal_year


# --- 30 September / 1 October -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fiscal_year"),
    [
        ("30 ก.ย. 2567", 2567),
        ("1 ต.ค. 2567", 2568),
        ("30 กันยายน 2566", 2566),
        ("1 ตุลาคม 2566", 2567),
        ("31 ธ.ค. 2566", 2567),
        ("1 ม.ค. 2567", 2567),
    ],
)
def test_day_falls_in_fiscal_year(text: str, fiscal_year: int) -> None:
    kind, start, _end, _fy = _one(text)
    assert kind is DateKind.DAY
    assert fiscal.fiscal_year_of(start) == fiscal_year


def test_fiscal_year_mention_boundaries() -> None:
    kind, start, end, fy = _one("ปีงบประมาณ พ.ศ. 2567")
    assert (kind, start, end, fy) == (DateKind.FISCAL_YEAR, date(2023, 10, 1), date(2024, 9, 30), 2567)
    period = fiscal.fiscal_year_period(2567)
    assert period.contains(date(2024, 9, 30))
    assert not period.contains(date(2024, 10, 1))
    assert not period.contains(date(2023, 9, 30))


def test_existing_fiscal_functions_keep_their_behaviour() -> None:
    assert fiscal.fiscal_year_of(date(2024, 9, 30)) == 2567
    assert fiscal.fiscal_year_of(date(2024, 10, 1)) == 2568
    assert fiscal.first_half_period(2568) == fiscal.Period(date(2024, 10, 1), date(2025, 3, 31))
    assert fiscal.second_half_period(2568) == fiscal.Period(date(2025, 4, 1), date(2025, 9, 30))
    assert fiscal.quarter_period(2566, 2) == fiscal.Period(date(2023, 1, 1), date(2023, 3, 31))
    assert fiscal.month_end(date(2024, 2, 10)) == date(2024, 2, 29)


# --- helpers given an as-of date --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "current", "previous", "first_half"),
    [
        (date(2024, 9, 30), 2567, 2566, (date(2023, 10, 1), date(2024, 3, 31))),
        (date(2024, 10, 1), 2568, 2567, (date(2024, 10, 1), date(2025, 3, 31))),
        (date(2025, 4, 25), 2568, 2567, (date(2024, 10, 1), date(2025, 3, 31))),
        (date(2024, 2, 29), 2567, 2566, (date(2023, 10, 1), date(2024, 3, 31))),
    ],
)
def test_current_previous_first_half(as_of: date, current: int, previous: int, first_half: tuple[date, date]) -> None:
    assert fiscal.current_fiscal_year_period(as_of) == fiscal.fiscal_year_period(current)
    assert fiscal.previous_fiscal_year_period(as_of) == fiscal.fiscal_year_period(previous)
    assert fiscal.current_first_half_period(as_of) == fiscal.Period(*first_half)


def test_quarter_of_and_fiscal_month_year() -> None:
    assert [fiscal.quarter_of(date(2024, m, 1)) for m in range(1, 13)] == [2, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1, 1]
    assert fiscal.fiscal_month_year(2567, 10) == 2023
    assert fiscal.fiscal_month_year(2567, 9) == 2024


def test_cumulative_period() -> None:
    assert fiscal.cumulative_period(2567, 6) == fiscal.first_half_period(2567)
    assert fiscal.cumulative_period(2567, 12) == fiscal.fiscal_year_period(2567)
    assert fiscal.cumulative_period(2567, 9).end == date(2024, 6, 30)
    with pytest.raises(ValueError):
        fiscal.cumulative_period(2567, 13)


# --- leap years -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("29 ก.พ. 2567", True),  # 2024
        ("29 ก.พ. 2566", False),  # 2023
        ("๒๙ ก.พ. ๒๕๖๖", False),
        ("29 กุมภาพันธ์ 2543", True),  # 2000: divisible by 400
        ("29 กุมภาพันธ์ 2443", False),  # 1900: century, not leap
        ("29/02/2567", True),
        ("29/02/2566", False),
        ("2024-02-29", True),
        ("2023-02-29", False),
    ],
)
def test_leap_day(text: str, valid: bool) -> None:
    assert bool(find_dates(text)) is valid


def test_february_month_end_in_ranges() -> None:
    assert _one("ก.พ. 2567")[1:3] == (date(2024, 2, 1), date(2024, 2, 29))
    assert _one("ก.พ. 2566")[1:3] == (date(2023, 2, 1), date(2023, 2, 28))
    assert _one("ม.ค. - ก.พ. 2567")[1:3] == (date(2024, 1, 1), date(2024, 2, 29))


# --- BE/CE edges --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year_ce"),
    [
        ("พ.ศ. 2500", 1957),
        ("ค.ศ. 1957", 1957),
        ("ปี 2500", 1957),
        ("ปี 1957", 1957),
        ("พ.ศ. 2400", 1857),
        ("ค.ศ. 2199", 2199),
    ],
)
def test_marked_year_edges(text: str, year_ce: int) -> None:
    kind, start, end, _fy = _one(text)
    assert (kind, start, end) == (DateKind.YEAR, date(year_ce, 1, 1), date(year_ce, 12, 31))


@pytest.mark.parametrize("text", ["พ.ศ. 2399", "ค.ศ. 2400", "ค.ศ. 1899", "พ.ศ. 2800"])
def test_marked_year_out_of_range(text: str) -> None:
    assert find_dates(text) == []


def test_fiscal_year_ce_and_be_agree() -> None:
    assert _one("FY2024") == _one("FY 2567") == _one("ปีงบประมาณ 2567")
    assert _one("ปีงบประมาณ 2500")[1:3] == (date(1956, 10, 1), date(1957, 9, 30))


# --- quarters and halves --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, date(2023, 10, 1), date(2023, 12, 31)),
        (2, date(2024, 1, 1), date(2024, 3, 31)),
        (3, date(2024, 4, 1), date(2024, 6, 30)),
        (4, date(2024, 7, 1), date(2024, 9, 30)),
    ],
)
def test_quarters_of_fy2567(quarter: int, start: date, end: date) -> None:
    assert _one(f"ไตรมาส {quarter}/2567") == (DateKind.QUARTER, start, end, 2567)
    assert _one(f"ไตรมาสที่ {quarter}", context_year_be=2567) == (DateKind.QUARTER, start, end, 2567)
    assert fiscal.quarter_period(2567, quarter) == fiscal.Period(start, end)


def test_halves() -> None:
    assert _one("รอบ 6 เดือนแรก", 2567) == (DateKind.HALF_YEAR, date(2023, 10, 1), date(2024, 3, 31), 2567)
    assert _one("รอบ 6 เดือนหลัง", 2567) == (DateKind.HALF_YEAR, date(2024, 4, 1), date(2024, 9, 30), 2567)
    assert _one("ครึ่งปีแรก", 2568) == (DateKind.HALF_YEAR, date(2024, 10, 1), date(2025, 3, 31), 2568)
    assert _one("ครึ่งปีหลัง", 2568) == (DateKind.HALF_YEAR, date(2025, 4, 1), date(2025, 9, 30), 2568)


def test_yearless_range_across_new_year_with_context() -> None:
    assert _one("ต.ค.-มี.ค.", 2567)[1:3] == (date(2023, 10, 1), date(2024, 3, 31))
    assert _one("ม.ค.-ธ.ค.", 2567)[1:3] == (date(2024, 1, 1), date(2024, 12, 31))
    assert _one("ต.ค. - ก.ย.", 2567)[1:3] == (date(2023, 10, 1), date(2024, 9, 30))
