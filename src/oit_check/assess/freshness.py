"""Time rules: does an item's evidence belong to the period its rule requires?

Which date counts (issue #4): dates in the title, anchor text, table row or headings beat dates in
the body (and file names, whose CE years and reused slugs are weak hints), which beat document
metadata. HTTP Last-Modified is never used: servers send meaningless dates. Within the strongest
tier that has any date, the best current evidence wins; what else was seen is kept for the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from oit_check.checklist.schema import TimeRule, TimeRuleKind
from oit_check.models import DateSeen
from oit_check.thai.fiscal import (
    ce_to_be,
    first_half_period,
    fiscal_year_of,
    fiscal_year_period,
    month_end,
    months_due,
)

STRONG_SOURCES = frozenset({"title", "anchor", "context", "heading"})
BODY_SOURCES = frozenset({"body", "file_name"})  # document text; file names are weak hints
PAGE_SOURCES = frozenset({"page"})  # HTML page text: sidebars and tickers carry today's dates
METADATA_SOURCES = frozenset({"metadata"})
TIERS: tuple[frozenset[str], ...] = (STRONG_SOURCES, BODY_SOURCES, PAGE_SOURCES, METADATA_SOURCES)


class FreshnessStatus(StrEnum):
    """Outcome of a time rule on one piece of evidence."""

    OK = "ok"
    STALE = "stale"  # only older (or other) periods seen
    UNDATED = "undated"  # the rule needs a period, none was readable
    GAPS = "gaps"  # monthly series with missing months
    SHORT = "short"  # right year, but covers only part of the required period (Oct-Dec of Oct-Mar)


@dataclass(frozen=True)
class Freshness:
    """The time-rule verdict on one piece of evidence, with the dates that decided it."""

    status: FreshnessStatus
    deciding: DateSeen | None = None
    fiscal_years_seen: tuple[int, ...] = ()
    missing_months: tuple[date, ...] = ()
    covered_months: tuple[date, ...] = ()
    required_fy: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    covered_until: date | None = None  # SHORT: the last day the evidence covers


def fiscal_years_of(seen: DateSeen) -> set[int]:
    """The fiscal years (BE) a mention speaks of.

    A bare "พ.ศ. 2567" or "ประจำปี 2567" in an official title means fiscal 2567, as Thai agencies
    write it; a plan span 2566-2570 speaks of each of those years.
    """
    if seen.fiscal_year is not None:
        return {seen.fiscal_year}
    if seen.kind == "year":
        return {ce_to_be(seen.start.year)}
    if seen.kind == "plan_period":
        return set(range(ce_to_be(seen.start.year), ce_to_be(seen.end.year) + 1))
    first, last = fiscal_year_of(seen.start), fiscal_year_of(seen.end)
    return set(range(first, last + 1))


def evaluate(rule: TimeRule, seen: Iterable[DateSeen], fiscal_year: int, as_of: date) -> Freshness:
    """Apply ``rule`` for assessed fiscal year ``fiscal_year`` (BE) to the dates seen in evidence."""
    dates = [d for d in seen if d.start <= as_of or d.kind in ("plan_period", "fiscal_year", "range")]
    if rule.kind is TimeRuleKind.NONE:
        return Freshness(FreshnessStatus.OK, fiscal_years_seen=_all_years(dates))
    if rule.kind is TimeRuleKind.MONTHLY:
        return _monthly(rule, dates, fiscal_year, as_of)
    required = fiscal_year - 1 if rule.kind is TimeRuleKind.PREVIOUS_FY else fiscal_year
    accepted = {required}
    if rule.academic_year:
        required = fiscal_year - 2  # the last finished academic year; the one just ending counts too
        accepted = {fiscal_year - 2, fiscal_year - 1}
    elif rule.kind is TimeRuleKind.PREVIOUS_FY and not rule.full_year:
        accepted.add(fiscal_year)  # a finished report of the current year is better still
    if rule.uncertain and rule.kind is TimeRuleKind.CURRENT_FY:
        accepted.add(fiscal_year - 1)  # the criteria research could not settle CUR vs PREV
    for tier in TIERS:
        tier_dates = [d for d in dates if d.where in tier]
        if not tier_dates:
            continue
        years = _all_years(tier_dates)
        hits = [d for d in tier_dates if fiscal_years_of(d) & accepted]
        if rule.kind is TimeRuleKind.FIRST_HALF:
            hits = _prefer_first_half(hits, fiscal_year)
        if hits:
            if rule.full_year:
                short = _full_year_shortfall(tier_dates, required, hits[0], years)
                if short is not None:
                    return short
            if rule.kind is TimeRuleKind.FIRST_HALF:
                until = _first_half_shortfall(dates, fiscal_year)
                if until is not None:
                    return Freshness(
                        FreshnessStatus.SHORT,
                        deciding=hits[0],
                        fiscal_years_seen=years,
                        required_fy=required,
                        covered_until=until,
                    )
            return Freshness(FreshnessStatus.OK, deciding=hits[0], fiscal_years_seen=years, required_fy=required)
        newest = max(years) if years else None
        deciding = max(tier_dates, key=lambda d: max(fiscal_years_of(d)))
        if tier is METADATA_SOURCES:
            # a file's creation date can confirm a year, never condemn one: PDF producers stamp
            # template dates (2000-01-01) and scanners the scan date
            return Freshness(FreshnessStatus.UNDATED, fiscal_years_seen=years, required_fy=required)
        if newest is not None and newest < required:
            return Freshness(FreshnessStatus.STALE, deciding=deciding, fiscal_years_seen=years, required_fy=required)
        # only later periods in this tier (a next-year plan): look at weaker tiers, else stale
        stale_later = Freshness(
            FreshnessStatus.STALE,
            deciding=deciding,
            fiscal_years_seen=years,
            required_fy=required,
            notes=("later_period",),
        )
        rest = evaluate_weaker(rule, dates, tier, accepted, fiscal_year)
        return rest if rest is not None else stale_later
    return Freshness(FreshnessStatus.UNDATED, required_fy=required)


def evaluate_weaker(
    rule: TimeRule, dates: list[DateSeen], after: frozenset[str], accepted: set[int], fiscal_year: int
) -> Freshness | None:
    """An accepted period in a tier weaker than ``after``, if any (used when a tier saw only later years)."""
    index = TIERS.index(after)
    for tier in TIERS[index + 1 :]:
        hits = [d for d in dates if d.where in tier and fiscal_years_of(d) & accepted]
        if rule.kind is TimeRuleKind.FIRST_HALF:
            hits = _prefer_first_half(hits, fiscal_year)
        if hits:
            if rule.full_year:
                tier_dates = [d for d in dates if d.where in tier]
                short = _full_year_shortfall(tier_dates, fiscal_year - 1, hits[0], _all_years(dates))
                if short is not None:
                    return short
            return Freshness(FreshnessStatus.OK, deciding=hits[0], fiscal_years_seen=_all_years(dates))
    return None


_PART_YEAR_KINDS = ("quarter", "half_year", "range", "month")


def _months_of(start: date, end: date) -> list[date]:
    """First days of the months a period touches."""
    months: list[date] = []
    day = date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = month_end(day) + timedelta(days=1)
    return months


def _full_year_shortfall(
    tier_dates: list[DateSeen], year: int, deciding: DateSeen, years: tuple[int, ...]
) -> Freshness | None:
    """GAPS when the deciding tier states only part of fiscal year ``year`` (a quarter, 6 months).

    A report that names only the year ("ประจำปี พ.ศ. 2568") is taken at its word; one that names
    its period must cover October to September. Months missing are reported as for a monthly rule.
    """
    period = fiscal_year_period(year)
    parts = [
        d
        for d in tier_dates
        if d.kind in _PART_YEAR_KINDS and d.start >= period.start and d.end <= period.end + timedelta(days=1)
    ]
    if not parts:
        return None
    covered = {m for d in parts for m in _months_of(d.start, min(d.end, period.end))}
    months = _months_of(period.start, period.end)
    missing = tuple(m for m in months if m not in covered)
    if not missing:
        return None
    return Freshness(
        FreshnessStatus.GAPS,
        deciding=deciding,
        fiscal_years_seen=years,
        missing_months=missing,
        covered_months=tuple(m for m in months if m in covered),
        required_fy=year,
    )


_PERIOD_KINDS = ("quarter", "range", "month")
# Periods that stand for a run of whole months when a monthly rule accepts quarters.
_PERIOD_RUN_KINDS = ("quarter", "half_year", "range")


def _first_half_shortfall(dates: list[DateSeen], fiscal_year: int) -> date | None:
    """The last day covered when the evidence states only part of October-March, else None.

    A report that names its period ("ไตรมาส 1", "ต.ค.-ธ.ค. 66") must cover the whole first half;
    one that names only the fiscal year (or states a 6-month round) is taken at its word.
    """
    half = first_half_period(fiscal_year)
    usable = [d for d in dates if d.where not in METADATA_SOURCES and d.where not in PAGE_SOURCES]
    if any(d.kind == "half_year" and fiscal_years_of(d) & {fiscal_year} for d in usable):
        return None
    periods = sorted(
        (d for d in usable if d.kind in _PERIOD_KINDS and d.end >= half.start and d.start <= half.end),
        key=lambda d: d.start,
    )
    if not periods:
        return None
    covered = half.start
    if periods[0].start > half.start:
        return None  # does not start in October: some other period; let the year decide
    for d in periods:
        if d.start > covered + timedelta(days=1):
            break
        covered = max(covered, d.end)
    return None if covered >= date(half.end.year, 3, 1) else covered


def _prefer_first_half(hits: list[DateSeen], fiscal_year: int) -> list[DateSeen]:
    """Order hits so that an explicit first-half period of the year comes first."""
    half = first_half_period(fiscal_year)

    def is_half(d: DateSeen) -> bool:
        return d.kind in ("half_year", "range", "quarter") and half.start <= d.start and d.end <= half.end

    return sorted(hits, key=lambda d: not is_half(d))


def _all_years(dates: Iterable[DateSeen]) -> tuple[int, ...]:
    years: set[int] = set()
    for d in dates:
        years |= fiscal_years_of(d)
    return tuple(sorted(years))


def _monthly(rule: TimeRule, dates: list[DateSeen], assessed_year: int, as_of: date) -> Freshness:
    """Every month from October to the last full month before ``as_of`` must appear (all twelve
    months of the previous fiscal year when the rule asks for ``previous_year``)."""
    fiscal_year = assessed_year - 1 if rule.previous_year else assessed_year
    due = months_due(fiscal_year, as_of)
    period = fiscal_year_period(fiscal_year)
    covered: set[date] = set()
    older: list[DateSeen] = []
    for d in dates:
        if d.where in METADATA_SOURCES:
            continue  # a file's creation date says nothing about which month it reports
        if (
            rule.accept_quarters
            and d.kind in _PERIOD_RUN_KINDS
            and d.where not in PAGE_SOURCES
            and month_end(d.start) < d.end  # a run of months; a one-month range is read below
        ):
            whole = [m for m in _months_of(d.start, d.end) if m >= d.start and month_end(m) <= d.end]
            covered |= {m for m in whole if period.contains(m)}
            if whole and whole[0] < period.start:
                older.append(d)
            continue
        if d.kind == "day" and d.where not in STRONG_SOURCES:
            continue  # a day in body text may be a contract date, or the page's "updated on"
        if d.kind == "month" or d.kind == "day" or (d.kind == "range" and month_end(d.start) >= d.end):
            first = date(d.start.year, d.start.month, 1)
            if period.contains(first):
                covered.add(first)
            elif first < period.start:
                older.append(d)
    years = _all_years(dates)
    if not due:
        return Freshness(FreshnessStatus.OK, fiscal_years_seen=years, required_fy=fiscal_year)
    missing = tuple(m for m in due if m not in covered)
    covered_due = tuple(m for m in due if m in covered)
    if covered_due and len(missing) <= rule.tolerance_months:
        return Freshness(
            FreshnessStatus.OK,
            fiscal_years_seen=years,
            missing_months=missing,
            covered_months=covered_due,
            required_fy=fiscal_year,
        )
    if covered_due:
        return Freshness(
            FreshnessStatus.GAPS,
            fiscal_years_seen=years,
            missing_months=missing,
            covered_months=covered_due,
            required_fy=fiscal_year,
        )
    if older or (years and max(years) < fiscal_year):
        deciding = max(older, key=lambda d: d.end) if older else None
        return Freshness(
            FreshnessStatus.STALE,
            deciding=deciding,
            fiscal_years_seen=years,
            missing_months=missing,
            required_fy=fiscal_year,
        )
    return Freshness(FreshnessStatus.UNDATED, missing_months=missing, required_fy=fiscal_year)
