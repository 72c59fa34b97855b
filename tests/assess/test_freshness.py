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
