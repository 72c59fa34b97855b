"""The Thai date engine against the real-world table, plus targeted cases the table cannot show."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from date_table import Row, load_table
from oit_check.thai.dates import (
    DateKind,
    DateMention,
    find_dates,
    format_thai_date,
    format_thai_month,
    format_thai_period,
)

ROWS = load_table()
MIN_EXACT = 0.97


def _got(row: Row) -> tuple[tuple[str, date, date], ...]:
    return tuple((m.kind.value, m.start, m.end) for m in find_dates(row.text, context_year_be=row.context_year_be))


def _describe(row: Row) -> str:
    got = [
        (m.kind.value, str(m.start), str(m.end), m.source)
        for m in find_dates(row.text, context_year_be=row.context_year_be)
    ]
    want = [(k, str(s), str(e)) for k, s, e in row.expected]
    return f"  line {row.line_no}: {row.text!r} (context {row.context_year_be})\n    want {want}\n    got  {got}"


def test_table_is_big_enough() -> None:
    negatives = [r for r in ROWS if not r.expected]
    assert len(ROWS) >= 170
    assert len(negatives) >= 40


def test_table_accuracy() -> None:
    misses = [row for row in ROWS if _got(row) != row.expected]
    exact = 1 - len(misses) / len(ROWS)
    report = "\n".join(_describe(row) for row in misses)
    assert exact >= MIN_EXACT, f"{exact:.1%} exact lines (< {MIN_EXACT:.0%}); misses:\n{report}"


def test_negatives_never_produce_dates() -> None:
    wrong = [row for row in ROWS if not row.expected and _got(row)]
    assert not wrong, "dates found in negative lines:\n" + "\n".join(_describe(row) for row in wrong)


# --- source, span and order ---------------------------------------------------------------------


def test_source_and_span_are_exact_input_text() -> None:
    text = "ประกาศ ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๗ และ (ต.ค.64 - มี.ค.65)"
    mentions = find_dates(text)
    assert [m.source for m in mentions] == ["๓๐ กันยายน พ.ศ. ๒๕๖๗", "ต.ค.64 - มี.ค.65"]
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.source


def test_zero_width_and_nbsp_keep_original_source() -> None:
    text = "วันที่ 15\u200b มี\u200b.ค.\u00a0๒๕๖๗ เวลา 10.30 น."
    [mention] = find_dates(text)
    assert (mention.kind, mention.start) == (DateKind.DAY, date(2024, 3, 15))
    assert mention.source == "15\u200b มี\u200b.ค.\u00a0๒๕๖๗"
    assert text[mention.span[0] : mention.span[1]] == mention.source


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    text = (
        "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565 รอบ 6 เดือน (ต.ค.64 - มี.ค.65) "
        "ลว. 18 ส.ค. 2566 แผน พ.ศ. 2566 - 2570 FY2024 ไตรมาส 2/2567"
    )
    mentions = find_dates(text)
    assert [m.kind for m in mentions] == [
        DateKind.FISCAL_YEAR,
        DateKind.HALF_YEAR,
        DateKind.RANGE,
        DateKind.DAY,
        DateKind.PLAN_PERIOD,
        DateKind.FISCAL_YEAR,
        DateKind.QUARTER,
    ]
    for before, after in itertools.pairwise(mentions):
        assert before.span[1] <= after.span[0]


def test_longest_wins_fiscal_phrase_over_plain_year() -> None:
    [mention] = find_dates("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")
    assert mention.kind is DateKind.FISCAL_YEAR
    assert mention.fiscal_year == 2567
    assert mention.source == "ปีงบประมาณ พ.ศ. ๒๕๖๗"


def test_mention_is_frozen() -> None:
    [mention] = find_dates("15 มี.ค. 2567")
    with pytest.raises(AttributeError):
        mention.start = date(2000, 1, 1)  # type: ignore[misc]


# --- fiscal year attached to quarters, rounds and yearless ranges -------------------------------


def test_fiscal_year_field() -> None:
    mentions = find_dates("ประจำปีงบประมาณ พ.ศ. 2565 รอบ 6 เดือน (ต.ค.64 - มี.ค.65)")
    assert [m.fiscal_year for m in mentions] == [2565, 2565, None]


def test_round_takes_nearest_fiscal_year_on_the_line() -> None:
    text = "ปีงบประมาณ 2566 ผลการดำเนินงาน\nปีงบประมาณ 2567 รอบ 6 เดือน"
    half = [m for m in find_dates(text) if m.kind is DateKind.HALF_YEAR]
    assert [(h.fiscal_year, h.start, h.end) for h in half] == [(2567, date(2023, 10, 1), date(2024, 3, 31))]


def test_fiscal_year_on_another_line_is_not_used() -> None:
    assert find_dates("ปีงบประมาณ 2566\nไตรมาสที่ 2") == find_dates("ปีงบประมาณ 2566")


def test_context_year_is_used_only_when_the_text_has_none() -> None:
    [q] = find_dates("ไตรมาสที่ 2", context_year_be=2568)
    assert (q.start, q.end, q.fiscal_year) == (date(2025, 1, 1), date(2025, 3, 31), 2568)
    q2 = find_dates("ไตรมาสที่ 2 ปีงบประมาณ 2566", context_year_be=2568)[0]
    assert q2.fiscal_year == 2566
    assert find_dates("ไตรมาสที่ 2") == []


def test_yearless_month_range_takes_the_fiscal_year() -> None:
    [fy, rng] = find_dates("ปีงบประมาณ 2567 (ต.ค.-มี.ค.)")
    assert (rng.start, rng.end, rng.fiscal_year) == (date(2023, 10, 1), date(2024, 3, 31), 2567)
    assert fy.kind is DateKind.FISCAL_YEAR


def test_second_half_and_nine_and_twelve_month_rounds() -> None:
    assert [(m.kind, m.start, m.end) for m in find_dates("รอบ 6 เดือนหลัง", context_year_be=2567)] == [
        (DateKind.HALF_YEAR, date(2024, 4, 1), date(2024, 9, 30))
    ]
    assert [(m.kind, m.end) for m in find_dates("รอบ 9 เดือน", context_year_be=2567)] == [
        (DateKind.RANGE, date(2024, 6, 30))
    ]
    assert [(m.kind, m.start, m.end) for m in find_dates("รอบ 12 เดือน", context_year_be=2567)] == [
        (DateKind.FISCAL_YEAR, date(2023, 10, 1), date(2024, 9, 30))
    ]


def test_fy_ce_and_be() -> None:
    assert find_dates("FY2024")[0].fiscal_year == 2567
    assert find_dates("FY 2567")[0].fiscal_year == 2567
    assert find_dates("ปีงบ 67")[0].fiscal_year == 2567


# --- rejection: impossible dates, numbers that are not dates ------------------------------------


@pytest.mark.parametrize(
    "text",
    ["๓๑ ก.พ.", "๒๙ ก.พ. ๒๕๖๖", "31 ก.พ. 2567", "31/04/2567", "30 กุมภาพันธ์ 2567", "0 มีนาคม 2567", "32 มี.ค. 67"],
)
def test_impossible_dates_are_rejected_not_guessed(text: str) -> None:
    assert find_dates(text) == []


def test_impossible_end_rejects_the_whole_range() -> None:
    assert find_dates("1 - 31 ก.พ. 2567") == []


def test_order_number_year_only_with_marker() -> None:
    assert find_dates("คำสั่งที่ 123/2567") == []
    [year] = find_dates("คำสั่งที่ 123/พ.ศ. 2567")
    assert (year.kind, year.start) == (DateKind.YEAR, date(2024, 1, 1))


def test_academic_year_is_not_a_date() -> None:
    assert find_dates("ปีการศึกษา พ.ศ. 2566") == []
    assert find_dates("ภาคเรียนที่ 1/2567") == []


def test_longer_abbreviations_are_not_months() -> None:
    assert find_dates("สำนักงาน ก.พ.ร. 2567 และ ก.ค.ศ. 2567") == []


def test_two_digit_year_limits() -> None:
    assert find_dates("15 มีนาคม 25 คน") == []
    assert find_dates("15 มี.ค. 40")[0].start == date(1997, 3, 15)
    assert find_dates("15 มี.ค. ค.ศ. 24")[0].start == date(2024, 3, 15)


# --- eras at the edges ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 ม.ค. 2500", date(1957, 1, 1)),
        ("1 Jan 1957", date(1957, 1, 1)),
        ("31 ธ.ค. 2399", None),  # below the BE range and above the CE range: no guess
        ("1 ม.ค. 2400", date(1857, 1, 1)),
        ("1 ม.ค. 1900", date(1900, 1, 1)),
        ("15 มี.ค. ค.ศ. 2024", date(2024, 3, 15)),
        ("15 มี.ค. พ.ศ. 2024", None),  # BE 2024 is 1481 CE: out of range
        ("2567-03-15", date(2024, 3, 15)),
        ("15/03/2024", date(2024, 3, 15)),
    ],
)
def test_era_by_magnitude(text: str, expected: date | None) -> None:
    found = [m.start for m in find_dates(text) if m.kind is DateKind.DAY]
    assert found == ([expected] if expected else [])


# --- formatting -----------------------------------------------------------------------------------


def test_format_thai_date() -> None:
    d = date(2024, 3, 15)
    assert format_thai_date(d) == "๑๕ มี.ค. ๒๕๖๗"
    assert format_thai_date(d, style="long") == "๑๕ มีนาคม ๒๕๖๗"
    assert format_thai_date(d, digits="arabic") == "15 มี.ค. 2567"
    assert format_thai_date(d, style="long", digits="arabic") == "15 มีนาคม 2567"


def test_format_thai_month() -> None:
    assert format_thai_month(date(2023, 10, 5)) == "ต.ค. ๖๖"
    assert format_thai_month(date(2023, 10, 5), style="long", two_digit_year=False) == "ตุลาคม ๒๕๖๖"


def test_format_thai_period() -> None:
    assert format_thai_period(date(2023, 10, 1), date(2024, 9, 30)) == "ต.ค. ๖๖ – ก.ย. ๖๗"
    assert format_thai_period(date(2024, 3, 1), date(2024, 3, 31)) == "มี.ค. ๖๗"
    assert format_thai_period(date(2023, 10, 1), date(2024, 3, 15)) == "๑ ต.ค. ๖๖ – ๑๕ มี.ค. ๖๗"
    assert format_thai_period(date(2024, 3, 15), date(2024, 3, 15)) == "๑๕ มี.ค. ๖๗"
    assert format_thai_period(date(2023, 10, 1), date(2024, 9, 30), digits="arabic") == "ต.ค. 66 – ก.ย. 67"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2023, 10, 1), date(2024, 9, 30)),
        (date(2024, 3, 1), date(2024, 3, 31)),
        (date(2023, 10, 1), date(2024, 3, 15)),
        (date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_formatted_period_parses_back(start: date, end: date) -> None:
    mentions = find_dates(format_thai_period(start, end))
    assert [(m.start, m.end) for m in mentions] == [(start, end)]


def test_public_api() -> None:
    import oit_check.thai.dates as api

    assert sorted(api.__all__) == api.__all__
    assert all(hasattr(api, name) for name in api.__all__)
    assert isinstance(find_dates("15 มี.ค. 2567")[0], DateMention)
