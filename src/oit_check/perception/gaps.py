"""Perception gaps: flag low IIT/EIT items, and diagnose each from the disclosure of its OIT items.

An item is ``below`` when its score or any EIT part is under the threshold (by default the pass
line of the perception data's grading: 85 for ITA 2566); ``watch`` when not below but its lowest
figure is under 90, or it fell 2 points or more from last year; otherwise ``ok``. Items are ranked
by their lowest figure.

Each flagged item is diagnosed from the OIT items it is linked to (perception data ``links``):
``disclosed_not_perceived`` when they are all ok (people do not see or understand what is
published: a communication problem), ``not_disclosed`` when one is missing, stale, broken or
partial (fix the disclosure first; ``problem_oit`` names them), ``no_oit_link`` when nothing is
disclosed about the matter (a process issue), ``unknown`` when nothing says how they stand.
The status of an OIT item comes from the scan report when given, else from its score in the
results (100 = ok, 0 = missing, in between = partial): the seed's own reasoning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from oit_check.models import Verdict
from oit_check.perception.codes import code_sort_key
from oit_check.perception.results import Duplicate, ITAResults, SkippedRange, UnidentifiedLine
from oit_check.perception.scanreport import ScanStatuses
from oit_check.perception.schema import Diagnosis, MeasureTemplate, PerceptionData

DEFAULT_WATCH_BELOW = 90.0
DEFAULT_DROP_POINTS = 2.0

_PROBLEM = {Verdict.MISSING, Verdict.STALE, Verdict.BROKEN, Verdict.PARTIAL}
UNKNOWN_STATUS = "unknown"


class Flag(StrEnum):
    """How a perception item stands against the thresholds."""

    BELOW = "below"
    WATCH = "watch"
    OK = "ok"


@dataclass(frozen=True)
class GapConfig:
    """Thresholds of the analysis. ``threshold`` is the pass line: by default (``for_data``) the one
    of the perception data's grading."""

    threshold: float
    watch_below: float = DEFAULT_WATCH_BELOW
    drop_points: float = DEFAULT_DROP_POINTS

    @classmethod
    def for_data(cls, data: PerceptionData) -> GapConfig:
        """The default thresholds: the data's pass line, the default watch line and drop."""
        return cls(threshold=data.pass_line)


class LinkedOit(BaseModel):
    """An OIT item linked to a perception item, and how its disclosure stands."""

    id: str
    status: str  # a Verdict value, or "unknown"
    source: str | None = None  # "scan" or "results"
    score: float | None = None  # its OIT score in the results, if read
    title: str = ""


class MeasureRef(BaseModel):
    """A measure template chosen for an item."""

    id: str
    title_th: str
    title_en: str


class PerceptionGap(BaseModel):
    """One IIT/EIT item: its figures, flag, theme, linked OIT items, diagnosis and measures."""

    code: str
    tool: str
    indicator: int
    score: float | None
    part1: float | None = None
    part2: float | None = None
    previous: float | None = None
    change: float | None = None  # score - previous
    lowest: float | None = None  # the lowest of score and parts: the ranking key
    flag: Flag
    reasons: list[str] = Field(default_factory=list)
    theme: str
    linked_oit: list[LinkedOit] = Field(default_factory=list)
    diagnosis: Diagnosis | None = None  # only for flagged items
    diagnosis_source: str | None = None
    problem_oit: list[str] = Field(default_factory=list)
    measures: list[MeasureRef] = Field(default_factory=list)
    line: int | None = None
    question_th: str = ""


class ThemeSummary(BaseModel):
    """A theme and its flagged items."""

    id: str
    number: int
    title_th: str
    title_en: str
    flagged: list[str]
    diagnoses: list[Diagnosis]


class GapSummary(BaseModel):
    """Which items are below / on watch, and the lowest."""

    below: list[str]
    watch: list[str]
    lowest: list[str]
    lowest_figure: float | None


class ScanInfo(BaseModel):
    """The scan report used for the diagnosis."""

    source: str
    start_url: str = ""
    as_of: str | None = None
    checklist_id: str = ""


class GapReport(BaseModel):
    """The whole analysis; the JSON output of ``oit-check gaps``."""

    results_source: str
    threshold: float
    watch_below: float
    drop_points: float
    year: int | None = None
    previous_year: int | None = None
    total: float | None = None
    total_previous: float | None = None
    scan: ScanInfo | None = None
    perception: list[PerceptionGap]
    missing_items: list[str] = Field(default_factory=list)  # perception items not in the results
    summary: GapSummary
    themes: list[ThemeSummary]
    unidentified: list[UnidentifiedLine] = Field(default_factory=list)
    without_figures: list[UnidentifiedLine] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)
    not_read: list[SkippedRange] = Field(default_factory=list)


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def flag_item(
    score: float | None, part1: float | None, part2: float | None, previous: float | None, config: GapConfig
) -> tuple[Flag, list[str], float | None]:
    """The flag of one item, the reasons, and its lowest figure."""
    figures = [("score", score), ("part1", part1), ("part2", part2)]
    present = [(name, _dec(v)) for name, v in figures if v is not None]
    if not present:
        return Flag.OK, ["no figures"], None
    threshold, watch = _dec(config.threshold), _dec(config.watch_below)
    assert threshold is not None and watch is not None
    lowest = min(v for _, v in present if v is not None)
    reasons: list[str] = []
    below = [f"{name} {v} < {config.threshold:g}" for name, v in present if v is not None and v < threshold]
    if below:
        return Flag.BELOW, below, float(lowest)
    if lowest < watch:
        reasons.append(f"lowest {lowest} < {config.watch_below:g}")
    s, p = _dec(score), _dec(previous)
    if s is not None and p is not None and p - s >= Decimal(str(config.drop_points)):
        reasons.append(f"down {p - s} from {p}")
    return (Flag.WATCH if reasons else Flag.OK), reasons, float(lowest)


def _oit_status_from_score(score: float | None) -> str:
    if score is None:
        return UNKNOWN_STATUS
    if score >= 100:
        return Verdict.OK.value
    if score <= 0:
        return Verdict.MISSING.value
    return Verdict.PARTIAL.value


def link_statuses(
    oit_ids: tuple[str, ...],
    results: ITAResults,
    scan: ScanStatuses | None,
    titles: Mapping[str, str],
) -> list[LinkedOit]:
    """Each linked OIT item's status: the scan's if it has the item, else the results' score."""
    out: list[LinkedOit] = []
    for oid in oit_ids:
        row = results.row(oid)
        score = row.score if row else None
        if scan is not None and oid in scan.statuses:
            status, source = scan.statuses[oid].value, "scan"
        elif score is not None:
            status, source = _oit_status_from_score(score), "results"
        else:
            status, source = UNKNOWN_STATUS, None
        title = titles.get(oid) or (scan.titles.get(oid, "") if scan else "") or (row.text if row else "")
        out.append(LinkedOit(id=oid, status=status, source=source, score=score, title=title))
    return out


def diagnose(linked: list[LinkedOit]) -> tuple[Diagnosis, list[str]]:
    """Diagnosis from the linked items' statuses, and the items at fault."""
    if not linked:
        return Diagnosis.NO_OIT_LINK, []
    problems = [lo.id for lo in linked if lo.status in {v.value for v in _PROBLEM}]
    if problems:
        return Diagnosis.NOT_DISCLOSED, problems
    if all(lo.status == Verdict.OK.value for lo in linked):
        return Diagnosis.DISCLOSED_NOT_PERCEIVED, []
    return Diagnosis.UNKNOWN, []


def choose_measures(data: PerceptionData, theme_id: str, code: str, diagnosis: Diagnosis) -> list[MeasureTemplate]:
    """The measure templates of a theme that answer an item's diagnosis (disclosure fix first)."""
    chosen: list[MeasureTemplate] = []
    if diagnosis is Diagnosis.NOT_DISCLOSED:
        chosen.append(data.document.disclosure_fix)
    for m in data.theme(theme_id).measures:
        if m.when and diagnosis not in m.when:
            continue
        if m.for_codes and code not in m.for_codes:
            continue
        chosen.append(m)
    return chosen


def analyse(
    results: ITAResults,
    data: PerceptionData,
    *,
    scan: ScanStatuses | None = None,
    config: GapConfig | None = None,
    oit_titles: Mapping[str, str] | None = None,
) -> GapReport:
    """Flag, rank and diagnose every IIT/EIT item read from the results (``config`` by default:
    ``GapConfig.for_data(data)``)."""
    config = config or GapConfig.for_data(data)
    titles = dict(oit_titles or {})
    gaps: list[PerceptionGap] = []
    missing: list[str] = []
    for q in data.questions:
        row = results.row(q.code)
        if row is None:
            missing.append(q.code)
            continue
        link = data.link_of(q.code)
        flag, reasons, lowest = flag_item(row.score, row.part1, row.part2, row.previous, config)
        change = None
        if row.score is not None and row.previous is not None:
            change = float(Decimal(str(row.score)) - Decimal(str(row.previous)))
        linked = link_statuses(link.oit, results, scan, titles)
        gap = PerceptionGap(
            code=q.code,
            tool=data.tool_by_prefix(q.code[0]).id,
            indicator=q.indicator,
            score=row.score,
            part1=row.part1,
            part2=row.part2,
            previous=row.previous,
            change=change,
            lowest=lowest,
            flag=flag,
            reasons=reasons,
            theme=link.theme,
            linked_oit=linked,
            line=row.line,
            question_th=q.text_th,
        )
        if flag is not Flag.OK:
            diagnosis, problems = diagnose(linked)
            gap.diagnosis = diagnosis
            sources = {lo.source for lo in linked if lo.source}
            gap.diagnosis_source = "scan" if "scan" in sources else ("results" if sources else None)
            gap.problem_oit = problems
            gap.measures = [
                MeasureRef(id=m.id, title_th=m.title_th, title_en=m.title_en)
                for m in choose_measures(data, link.theme, q.code, diagnosis)
            ]
        gaps.append(gap)
    gaps.sort(key=lambda g: (g.lowest if g.lowest is not None else 1e9, code_sort_key(g.code)))
    flagged = [g for g in gaps if g.flag is not Flag.OK]
    lowest_figure = min((g.lowest for g in flagged if g.lowest is not None), default=None)
    summary = GapSummary(
        below=sorted((g.code for g in gaps if g.flag is Flag.BELOW), key=code_sort_key),
        watch=sorted((g.code for g in gaps if g.flag is Flag.WATCH), key=code_sort_key),
        lowest=sorted(
            (g.code for g in flagged if lowest_figure is not None and g.lowest == lowest_figure), key=code_sort_key
        ),
        lowest_figure=lowest_figure,
    )
    themes: list[ThemeSummary] = []
    for theme in sorted(data.themes, key=lambda t: t.number):
        in_theme = [g for g in flagged if g.theme == theme.id]
        diagnoses: list[Diagnosis] = []
        for g in in_theme:
            if g.diagnosis is not None and g.diagnosis not in diagnoses:
                diagnoses.append(g.diagnosis)
        themes.append(
            ThemeSummary(
                id=theme.id,
                number=theme.number,
                title_th=theme.title_th,
                title_en=theme.title_en,
                flagged=sorted((g.code for g in in_theme), key=code_sort_key),
                diagnoses=diagnoses,
            )
        )
    scan_info = None
    if scan is not None:
        scan_info = ScanInfo(
            source=scan.source,
            start_url=scan.start_url,
            as_of=scan.as_of.isoformat() if scan.as_of else None,
            checklist_id=scan.checklist_id,
        )
    return GapReport(
        results_source=results.source,
        threshold=config.threshold,
        watch_below=config.watch_below,
        drop_points=config.drop_points,
        year=results.year,
        previous_year=results.previous_year,
        total=results.total,
        total_previous=results.total_previous,
        scan=scan_info,
        perception=gaps,
        missing_items=missing,
        summary=summary,
        themes=themes,
        unidentified=results.unidentified,
        without_figures=results.without_figures,
        duplicates=results.duplicates,
        not_read=results.not_read,
    )
