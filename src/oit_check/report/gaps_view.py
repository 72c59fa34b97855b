"""Perception gaps beside disclosure findings: the view of the report's gap section.

The seed's reasoning, drawn: an agency may publish an item (OIT pass) while the people it serves
still rate the matching survey question low (IIT/EIT), so "disclosed but not perceived" is a gap
to work on. Each row pairs a survey item with the OIT items linked to it and shows the perception
score next to the verdicts this scan gave those OIT items; the chart puts every linked survey item
at (share of its OIT items that pass, perception score). The analysis itself (flags, diagnoses) is
``oit_check.perception.gaps``; this module only arranges it. Pure; no I/O, except that ``make_row``
without a threshold reads the pass line from the packaged perception data (its grading).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from oit_check.i18n import Lang, diagnosis_text, t
from oit_check.models import ItemResult, ScanResult, Verdict
from oit_check.perception.gaps import Flag, GapReport, PerceptionGap
from oit_check.perception.loader import load_perception
from oit_check.report.scan_view import verdict_label

# chart geometry (SVG user units; the figure scales to its column)
_W, _H = 560, 360
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 24, 16, 44
_CHAR_W, _LABEL_H = 8.5, 14.0  # rough label box for the 14-unit label font
_MERGE = 8.0  # marks closer than this share one label ("e11, e12")


@dataclass(frozen=True)
class GapOitItem:
    """An OIT item related to a survey question, with its disclosure verdict."""

    id: str
    code: str
    verdict: Verdict | None  # None: unknown (not scanned, no OIT score in the results)
    label: str


@dataclass(frozen=True)
class GapRow:
    """One survey item: its score, flag and the related OIT items."""

    key: str  # "e9", "i14", ...
    title: str
    score: float | None  # perception score, 0-100
    score_text: str
    below: bool  # under the threshold
    oit: tuple[GapOitItem, ...]
    disclosure_pct: float  # share of the related OIT items that pass
    finding: str
    watch: bool = False  # not below, but close to it or falling
    parts_text: str = ""  # EIT part 1 / part 2 figures, when printed
    chart_value: float | None = None  # y on the chart: the lowest figure (default: ``score``)

    @property
    def y(self) -> float | None:
        """The value the chart plots."""
        return self.chart_value if self.chart_value is not None else self.score

    @property
    def problems(self) -> tuple[GapOitItem, ...]:
        """Related items that do not pass (listed one by one, with their verdict)."""
        return tuple(o for o in self.oit if o.verdict is not None and o.verdict is not Verdict.OK)

    @property
    def passing(self) -> tuple[GapOitItem, ...]:
        """Related items that pass (listed together)."""
        return tuple(o for o in self.oit if o.verdict is Verdict.OK)

    @property
    def unknown(self) -> tuple[GapOitItem, ...]:
        """Related items of unknown status."""
        return tuple(o for o in self.oit if o.verdict is None)


@dataclass(frozen=True)
class ChartPoint:
    """A survey item placed on the chart; ``label`` is empty for unlabelled marks."""

    key: str
    cx: float
    cy: float
    flagged: bool
    label: str = ""
    label_left: bool = False
    watch: bool = False
    lx: float = 0.0  # label anchor
    ly: float = 0.0


@dataclass(frozen=True)
class GapsView:
    """Rows, chart and captions of the gap section."""

    rows: tuple[GapRow, ...]
    threshold: float
    source: str = ""
    points: tuple[ChartPoint, ...] = ()
    y_min: float = 50.0
    width: int = _W
    height: int = _H
    plot: tuple[float, float, float, float] = (_LEFT, _TOP, _W - _RIGHT, _H - _BOTTOM)
    threshold_y: float = 0.0
    y_ticks: tuple[tuple[float, str], ...] = ()
    x_ticks: tuple[tuple[float, str], ...] = ()
    hidden_ok: int = 0  # survey items at or above the line, charted but not listed
    plotted: tuple[GapRow, ...] = ()  # rows on the chart (default: ``rows``)


def _verdict(value: str | None) -> Verdict | None:
    try:
        return Verdict(value) if value else None
    except ValueError:
        return None


def oit_items_for(ids: Sequence[str], result: ScanResult | None, lang: Lang) -> tuple[GapOitItem, ...]:
    """The related OIT items with the verdicts this scan gave them (None when not scanned)."""
    by_id: dict[str, ItemResult] = {it.id.lower(): it for it in result.items} if result else {}
    out = []
    for raw in ids:
        key = raw.strip().lower()
        item = by_id.get(key)
        verdict = item.status if item else None
        out.append(
            GapOitItem(
                id=key, code=key.upper(), verdict=verdict, label=verdict_label(verdict, lang) if verdict else "–"
            )
        )
    return tuple(out)


def disclosure_share(items: Sequence[GapOitItem]) -> float:
    """Percentage of the related items that pass (items of unknown status are left out)."""
    known = [i for i in items if i.verdict is not None]
    if not known:
        return 0.0
    return round(100 * sum(1 for i in known if i.verdict is Verdict.OK) / len(known), 1)


def _place_labels(
    marks: list[tuple[float, float, str]], plot: tuple[float, float, float, float]
) -> list[tuple[float, float, bool]]:
    """Greedy label placement: for each mark, the first of eight spots whose box hits no other label
    or mark and stays inside the plot; ``(x, y, anchored_right_edge)`` per mark."""
    x0, y0, x1, y1 = plot
    taken: list[tuple[float, float, float, float]] = [(cx - 5, cy - 5, cx + 5, cy + 5) for cx, cy, _ in marks]
    out = []
    for cx, cy, text in marks:
        width = _CHAR_W * len(text) + 2
        best: tuple[float, float, bool] | None = None
        for dx, dy, left in (
            (8, 4, False), (-8, 4, True), (8, -8, False), (-8, -8, True),
            (8, 16, False), (-8, 16, True), (8, -20, False), (-8, -20, True),
            (8, 28, False), (-8, 28, True), (8, -32, False), (-8, -32, True),
        ):  # fmt: skip
            lx, ly = cx + dx, cy + dy
            box = (lx - width, ly - _LABEL_H + 2, lx, ly + 2) if left else (lx, ly - _LABEL_H + 2, lx + width, ly + 2)
            inside = box[0] >= x0 + 2 and box[2] <= x1 and box[1] >= y0 - 4 and box[3] <= y1
            clear = all(box[2] <= t[0] or t[2] <= box[0] or box[3] <= t[1] or t[3] <= box[1] for t in taken)
            if inside and clear:
                best = (lx, ly, left)
                taken.append(box)
                break
        if best is None:  # nowhere free: beside the mark (towards the middle), over whatever is there
            best = (cx - 8, cy + 4, True) if cx > x1 - width - 10 else (cx + 8, cy + 4, False)
        out.append(best)
    return out


def with_chart(view: GapsView, plotted: Sequence[GapRow] | None = None) -> GapsView:
    """``view`` with chart coordinates: x = disclosure share, y = perception score.

    ``plotted`` are the rows to draw (default: the listed rows). Items below the line are labelled
    (marks that coincide share one label); the others carry their code as a tooltip only.
    """
    rows = tuple(plotted) if plotted is not None else view.rows
    on_chart = [r for r in rows if r.y is not None and any(o.verdict is not None for o in r.oit)]
    scores = [r.y for r in on_chart if r.y is not None]
    low = min([*scores, view.threshold]) if scores else view.threshold
    y_min = max(0.0, min(80.0, ((low - 2) // 5) * 5))
    x0, y0, x1, y1 = view.plot

    def x_of(pct: float) -> float:
        return round(x0 + (x1 - x0) * pct / 100, 1)

    def y_of(score: float) -> float:
        return round(y1 - (y1 - y0) * (score - y_min) / (100 - y_min), 1)

    placed = [(r, x_of(r.disclosure_pct), y_of(r.y or 0.0)) for r in on_chart]
    # one label per cluster of flagged marks
    clusters: list[list[tuple[GapRow, float, float]]] = []
    for entry in sorted((p for p in placed if p[0].below), key=lambda p: (p[1], p[2])):
        if clusters and abs(clusters[-1][0][1] - entry[1]) < _MERGE and abs(clusters[-1][-1][2] - entry[2]) < _MERGE:
            clusters[-1].append(entry)
        else:
            clusters.append([entry])
    marks = [(c[0][1], c[0][2], ", ".join(e[0].key for e in c)) for c in clusters]
    spots = _place_labels(marks, view.plot)
    label_of: dict[str, tuple[str, float, float, bool]] = {}
    for cluster, (_, _, text), (lx, ly, left) in zip(clusters, marks, spots, strict=True):
        label_of[cluster[0][0].key] = (text, lx, ly, left)
    points = []
    for r, cx, cy in placed:
        text, lx, ly, left = label_of.get(r.key, ("", 0.0, 0.0, False))
        points.append(ChartPoint(r.key, cx, cy, r.below, label=text, label_left=left, watch=r.watch, lx=lx, ly=ly))
    step = 5.0 if 100 - y_min <= 30 else 10.0
    ticks = []
    value = y_min
    while value <= 100:
        ticks.append((y_of(value), f"{value:.0f}"))
        value += step
    return GapsView(
        rows=view.rows,
        threshold=view.threshold,
        source=view.source,
        points=tuple(points),
        y_min=y_min,
        threshold_y=y_of(view.threshold),
        y_ticks=tuple(ticks),
        x_ticks=tuple((x_of(p), f"{p}%") for p in (0, 25, 50, 75, 100)),
        hidden_ok=view.hidden_ok,
        plotted=rows,
    )


def make_row(
    key: str,
    title: str,
    score: float | None,
    oit_ids: Sequence[str],
    result: ScanResult | None,
    lang: Lang,
    *,
    threshold: float | None = None,
    finding: str = "",
) -> GapRow:
    """One row from plain values (tests, and callers without a ``GapReport``); ``threshold`` is by
    default the pass line of the packaged perception data's grading."""
    if threshold is None:
        threshold = load_perception().pass_line
    oit = oit_items_for(oit_ids, result, lang)
    return GapRow(
        key=key,
        title=title,
        score=score,
        score_text="–" if score is None else f"{score:.2f}",
        below=score is not None and score < threshold,
        oit=oit,
        disclosure_pct=disclosure_share(oit),
        finding=finding,
    )


def _finding(gap: PerceptionGap, lang: Lang) -> str:
    if gap.flag is Flag.OK or gap.diagnosis is None:
        return ""
    return diagnosis_text(gap.diagnosis.value, lang, gap.problem_oit)


def _parts_text(gap: PerceptionGap, lang: Lang) -> str:
    if gap.part1 is None or gap.part2 is None:
        return ""
    return t("gap_parts", lang, part1=f"{gap.part1:.2f}", part2=f"{gap.part2:.2f}")


def _row_from_gap(gap: PerceptionGap, result: ScanResult | None, lang: Lang) -> GapRow:
    scanned = {it.id.lower(): it.status for it in result.items} if result else {}
    oit = []
    for linked in gap.linked_oit:
        key = linked.id.lower()
        # this scan's verdict when it has the item (the report beside it shows that one), else
        # the status the analysis used (from the results' OIT scores)
        verdict = scanned.get(key) or _verdict(linked.status)
        oit.append(
            GapOitItem(
                id=key, code=key.upper(), verdict=verdict, label=verdict_label(verdict, lang) if verdict else "–"
            )
        )
    return GapRow(
        key=gap.code,
        title=gap.question_th,
        score=gap.score if gap.score is not None else gap.lowest,
        chart_value=gap.lowest,
        score_text="–" if gap.score is None else f"{gap.score:.2f}",
        parts_text=_parts_text(gap, lang),
        below=gap.flag is Flag.BELOW,
        watch=gap.flag is Flag.WATCH,
        oit=tuple(oit),
        disclosure_pct=disclosure_share(oit),
        finding=_finding(gap, lang),
    )


def from_gap_report(report: GapReport, result: ScanResult | None, lang: Lang) -> GapsView:
    """The gap section from ``oit_check.perception``'s analysis: flagged items listed, all charted."""
    all_rows = [_row_from_gap(gap, result, lang) for gap in report.perception]
    listed = tuple(r for r in all_rows if r.below or r.watch)
    source = report.results_source.replace("\\", "/").rsplit("/", 1)[-1]
    if report.year:
        source = t("gap_source", lang, year=report.year, file=source)
    view = GapsView(rows=listed, threshold=report.threshold, source=source, hidden_ok=len(all_rows) - len(listed))
    return with_chart(view, all_rows)


def build_gaps_view(gaps: object, result: ScanResult | None, lang: Lang) -> GapsView:
    """The gap section of ``result``'s report from a ``GapReport`` (or a ready ``GapsView``).

    Anything else raises ``TypeError`` naming the type.
    """
    if isinstance(gaps, GapReport):
        return from_gap_report(gaps, result, lang)
    if isinstance(gaps, GapsView):
        return gaps if gaps.points or not gaps.rows else with_chart(gaps)
    raise TypeError(f"cannot show perception gaps from {type(gaps).__name__}")
