"""Time rules applied to dates seen in evidence (freshness.py)."""

from __future__ import annotations

from datetime import date

from oit_check.assess.freshness import FreshnessStatus, evaluate, fiscal_years_of
from oit_check.checklist.schema import TimeRule, TimeRuleKind
from oit_check.models import DateSeen

AS_OF = date(2024, 4, 30)  # fiscal year 2567


def fy(year: int, where: str = "title") -> DateSeen:
    from oit_check.thai.fiscal import fiscal_year_period

    p = fiscal_year_period(year)
    return DateSeen(kind="fiscal_year", start=p.start, end=p.end, source=str(year), where=where, fiscal_year=year)


def month(y: int, m: int, where: str = "body") -> DateSeen:
    from oit_check.thai.fiscal import month_end

    return DateSeen(kind="month", start=date(y, m, 1), end=month_end(date(y, m, 1)), source="m", where=where)


def test_current_fy_ok_and_stale() -> None:
    rule = TimeRule(kind=TimeRuleKind.CURRENT_FY)
    assert evaluate(rule, [fy(2567)], 2567, AS_OF).status is FreshnessStatus.OK
    stale = evaluate(rule, [fy(2566)], 2567, AS_OF)
    assert stale.status is FreshnessStatus.STALE
    assert stale.fiscal_years_seen == (2566,)
    assert evaluate(rule, [], 2567, AS_OF).status is FreshnessStatus.UNDATED


def test_strong_dates_beat_body_dates() -> None:
    """A 2566 plan whose page shows today's date in a sidebar is still stale."""
    rule = TimeRule(kind=TimeRuleKind.CURRENT_FY)
    seen = [
        fy(2566, "anchor"),
        DateSeen(kind="day", start=date(2024, 3, 1), end=date(2024, 3, 1), source="x", where="page"),
    ]
    assert evaluate(rule, seen, 2567, AS_OF).status is FreshnessStatus.STALE
    # with no strong date, the document body decides
    assert evaluate(rule, [fy(2567, "body")], 2567, AS_OF).status is FreshnessStatus.OK


def test_previous_fy_rule() -> None:
    rule = TimeRule(kind=TimeRuleKind.PREVIOUS_FY)
    assert evaluate(rule, [fy(2566)], 2567, AS_OF).status is FreshnessStatus.OK
    assert evaluate(rule, [fy(2565)], 2567, AS_OF).status is FreshnessStatus.STALE


def test_year_and_plan_period_mentions() -> None:
    plan = DateSeen(
        kind="plan_period", start=date(2023, 1, 1), end=date(2027, 12, 31), source="2566-2570", where="title"
    )
    assert fiscal_years_of(plan) == {2566, 2567, 2568, 2569, 2570}
    rule = TimeRule(kind=TimeRuleKind.PLAN_PERIOD)
    assert evaluate(rule, [plan], 2567, AS_OF).status is FreshnessStatus.OK
    old_plan = DateSeen(kind="plan_period", start=date(2018, 1, 1), end=date(2022, 12, 31), source="", where="title")
    assert evaluate(rule, [old_plan], 2567, AS_OF).status is FreshnessStatus.STALE


def test_monthly_coverage_gaps_named() -> None:
    rule = TimeRule(kind=TimeRuleKind.MONTHLY)
    seen = [month(2023, 10), month(2023, 11), month(2024, 1), month(2024, 3)]
    result = evaluate(rule, seen, 2567, AS_OF)
    assert result.status is FreshnessStatus.GAPS
    assert result.missing_months == (date(2023, 12, 1), date(2024, 2, 1))
    full = [month(2023, m) for m in (10, 11, 12)] + [month(2024, m) for m in (1, 2, 3)]
    assert evaluate(rule, full, 2567, AS_OF).status is FreshnessStatus.OK
    # as of 15 March, March is not yet due
    assert evaluate(rule, full[:5], 2567, date(2024, 3, 15)).status is FreshnessStatus.OK
    assert evaluate(rule, [month(2022, 10)], 2567, AS_OF).status is FreshnessStatus.STALE


def test_monthly_tolerance() -> None:
    rule = TimeRule(kind=TimeRuleKind.MONTHLY, tolerance_months=1)
    seen = [month(2023, 10), month(2023, 11), month(2023, 12), month(2024, 1), month(2024, 3)]
    assert evaluate(rule, seen, 2567, AS_OF).status is FreshnessStatus.OK


def test_uncertain_current_rule_accepts_previous_year() -> None:
    rule = TimeRule(kind=TimeRuleKind.CURRENT_FY, uncertain=True)
    assert evaluate(rule, [fy(2566)], 2567, AS_OF).status is FreshnessStatus.OK
    assert evaluate(rule, [fy(2565)], 2567, AS_OF).status is FreshnessStatus.STALE


# ------------------------------------------------------- ITA 2568+ rules (full_year, quarters, ...)

AS_OF_2569 = date(2026, 4, 30)  # fiscal year 2569


def span(start: date, end: date, kind: str = "range", where: str = "title") -> DateSeen:
    return DateSeen(kind=kind, start=start, end=end, source=f"{start}..{end}", where=where)


def quarter(fiscal_year: int, q: int, where: str = "title") -> DateSeen:
    from oit_check.thai.fiscal import quarter_period

    p = quarter_period(fiscal_year, q)
    return DateSeen(kind="quarter", start=p.start, end=p.end, source=f"Q{q}", where=where, fiscal_year=fiscal_year)


def test_full_year_rule_wants_the_whole_previous_year() -> None:
    rule = TimeRule(kind=TimeRuleKind.PREVIOUS_FY, full_year=True)
    assert evaluate(rule, [fy(2568)], 2569, AS_OF_2569).status is FreshnessStatus.OK
    year_2568 = DateSeen(kind="year", start=date(2025, 1, 1), end=date(2025, 12, 31), source="2568", where="title")
    assert evaluate(rule, [year_2568], 2569, AS_OF_2569).status is FreshnessStatus.OK  # "ประจำปี พ.ศ. 2568"
    # the assessed year's own (unfinished) report does not count, unlike the plain previous-year rule
    current = evaluate(rule, [fy(2569)], 2569, AS_OF_2569)
    assert current.status is FreshnessStatus.STALE
    assert current.required_fy == 2568
    assert evaluate(TimeRule(kind=TimeRuleKind.PREVIOUS_FY), [fy(2569)], 2569, AS_OF_2569).status is FreshnessStatus.OK
    assert evaluate(rule, [fy(2567)], 2569, AS_OF_2569).status is FreshnessStatus.STALE


def test_full_year_rule_reports_the_months_a_part_year_report_leaves_out() -> None:
    rule = TimeRule(kind=TimeRuleKind.PREVIOUS_FY, full_year=True)
    # "สถิติเรื่องร้องเรียน ปีงบประมาณ 2568 รอบ 6 เดือน (ต.ค.67-มี.ค.68)": the 2566 habit, now short
    half = [fy(2568), span(date(2024, 10, 1), date(2025, 3, 31))]
    result = evaluate(rule, half, 2569, AS_OF_2569)
    assert result.status is FreshnessStatus.GAPS
    assert result.missing_months == tuple(date(2025, m, 1) for m in range(4, 10))
    assert result.required_fy == 2568
    # four quarters, or a range over the whole year, cover it
    quarters = [quarter(2568, q) for q in (1, 2, 3, 4)]
    assert evaluate(rule, quarters, 2569, AS_OF_2569).status is FreshnessStatus.OK
    whole = [span(date(2024, 10, 1), date(2025, 9, 30))]
    assert evaluate(rule, whole, 2569, AS_OF_2569).status is FreshnessStatus.OK
    # a part-year period in the body does not overrule a whole-year title
    assert evaluate(rule, [fy(2568), quarter(2568, 1, "body")], 2569, AS_OF_2569).status is FreshnessStatus.OK


def test_monthly_rule_can_accept_quarter_files() -> None:
    """2569 agencies post the monthly procurement summary as one file per quarter."""
    due_to_march = [quarter(2569, 1), quarter(2569, 2)]
    with_quarters = TimeRule(kind=TimeRuleKind.MONTHLY, accept_quarters=True)
    assert evaluate(with_quarters, due_to_march, 2569, AS_OF_2569).status is FreshnessStatus.OK
    only_q1 = evaluate(with_quarters, due_to_march[:1], 2569, AS_OF_2569)
    assert only_q1.status is FreshnessStatus.GAPS
    assert only_q1.missing_months == (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))
    # the 2566 rule is unchanged: a quarter is not a month
    plain = TimeRule(kind=TimeRuleKind.MONTHLY)
    assert evaluate(plain, due_to_march, 2569, AS_OF_2569).status is not FreshnessStatus.OK
    # a range of months counts like a quarter; last year's quarters are older
    months = [span(date(2025, 10, 1), date(2026, 3, 31))]
    assert evaluate(with_quarters, months, 2569, AS_OF_2569).status is FreshnessStatus.OK
    assert evaluate(with_quarters, [quarter(2568, 1)], 2569, AS_OF_2569).status is FreshnessStatus.STALE


def test_monthly_rule_of_the_previous_year() -> None:
    rule = TimeRule(kind=TimeRuleKind.MONTHLY, previous_year=True)
    last_year = [month(2024, m) for m in (10, 11, 12)] + [month(2025, m) for m in range(1, 10)]
    result = evaluate(rule, last_year, 2569, AS_OF_2569)
    assert result.status is FreshnessStatus.OK
    assert result.required_fy == 2568
    gaps = evaluate(rule, last_year[:-1], 2569, AS_OF_2569)
    assert gaps.status is FreshnessStatus.GAPS
    assert gaps.missing_months == (date(2025, 9, 1),)
    # this year's months are not last year's
    this_year = [month(2025, m) for m in (10, 11, 12)]
    assert evaluate(rule, this_year, 2569, AS_OF_2569).status is not FreshnessStatus.OK


def test_academic_year_rule() -> None:
    """An SAR named "ปีการศึกษา 2567" is the last finished academic year during fiscal year 2569."""
    rule = TimeRule(kind=TimeRuleKind.PREVIOUS_FY, academic_year=True)

    def year(be: int) -> DateSeen:
        return DateSeen(
            kind="year", start=date(be - 543, 1, 1), end=date(be - 543, 12, 31), source=str(be), where="title"
        )

    assert evaluate(rule, [year(2567)], 2569, AS_OF_2569).status is FreshnessStatus.OK
    assert evaluate(rule, [year(2568)], 2569, AS_OF_2569).status is FreshnessStatus.OK
    stale = evaluate(rule, [year(2566)], 2569, AS_OF_2569)
    assert stale.status is FreshnessStatus.STALE
    assert stale.required_fy == 2567


def test_rule_options_belong_to_their_kind() -> None:
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="full_year"):
        TimeRule(kind=TimeRuleKind.CURRENT_FY, full_year=True)
    with pytest.raises(ValidationError, match="accept_quarters"):
        TimeRule(kind=TimeRuleKind.FIRST_HALF, accept_quarters=True)
    with pytest.raises(ValidationError, match="previous_year"):
        TimeRule(kind=TimeRuleKind.PREVIOUS_FY, previous_year=True)
    with pytest.raises(ValidationError, match="academic_year"):
        TimeRule(kind=TimeRuleKind.MONTHLY, academic_year=True)
