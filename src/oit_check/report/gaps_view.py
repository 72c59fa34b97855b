"""Perception gaps beside disclosure findings: the view of the report's gap section.

The seed's reasoning, drawn: an agency may publish an item (OIT pass) while the people it serves
still rate the matching survey question low (IIT/EIT), so "disclosed but not perceived" is a gap
to work on. Each row pairs survey items with the OIT items that relate to them and shows the
perception score next to the verdicts this scan gave those OIT items. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from oit_check.models import ItemResult, ScanResult, Verdict
from oit_check.report.strings import Lang, t
from oit_check.report.view import verdict_label

#: The pass line of each ITA tool (shared/domain/ita-criteria.md, 1.1).
DEFAULT_THRESHOLD = 85.0

# chart geometry (SVG user units)
_W, _H = 340, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 14, 40


@dataclass(frozen=True)
class GapOitItem:
    """An OIT item related to a survey question, with the verdict of this scan."""

    id: str
    code: str
    verdict: Verdict | None  # None: the item is not in this scan's checklist
    label: str


@dataclass(frozen=True)
class GapRow:
    """One pairing: survey question(s) and their score, next to the related OIT items."""

    key: str  # "e9", "e11-e12", ...
    title: str
    score: float | None  # perception score, 0-100
    score_text: str
    below: bool  # score under the threshold
    oit: tuple[GapOitItem, ...]
    disclosure_pct: float  # share of the related OIT items that pass
    finding: str


@dataclass(frozen=True)
class ChartPoint:
    """A row placed on the chart."""

    key: str
    cx: float
    cy: float
    flagged: bool


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


def oit_items_for(ids: Sequence[str], result: ScanResult, lang: Lang) -> tuple[GapOitItem, ...]:
    """The related OIT items with the verdicts this scan gave them."""
    by_id: dict[str, ItemResult] = {it.id.lower(): it for it in result.items}
    out = []
    for raw in ids:
        key = raw.strip().lower()
        item = by_id.get(key)
        verdict = item.status if item else None
        out.append(
            GapOitItem(
                id=key,
                code=key.upper(),
                verdict=verdict,
                label=verdict_label(verdict, lang) if verdict is not None else "–",
            )
        )
    return tuple(out)


def disclosure_share(items: Sequence[GapOitItem]) -> float:
    """Percentage of the related items that pass in this scan (items not scanned are left out)."""
    known = [i for i in items if i.verdict is not None]
    if not known:
        return 0.0
    return round(100 * sum(1 for i in known if i.verdict is Verdict.OK) / len(known), 1)


def with_chart(view: GapsView) -> GapsView:
    """``view`` with chart coordinates: x = disclosure share, y = perception score."""
    scores = [r.score for r in view.rows if r.score is not None]
    low = min([*scores, view.threshold]) if scores else view.threshold
    y_min = max(0.0, min(50.0, (int(low) // 10) * 10.0))
    x0, y0, x1, y1 = view.plot

    def x_of(pct: float) -> float:
        return round(x0 + (x1 - x0) * pct / 100, 1)

    def y_of(score: float) -> float:
        return round(y1 - (y1 - y0) * (score - y_min) / (100 - y_min), 1)

    points = tuple(
        ChartPoint(r.key, x_of(r.disclosure_pct), y_of(r.score), r.below)
        for r in view.rows
        if r.score is not None
    )
    step = 10.0 if 100 - y_min <= 50 else 20.0
    ticks = []
    value = y_min
    while value <= 100:
        ticks.append((y_of(value), f"{value:.0f}"))
        value += step
    return GapsView(
        rows=view.rows,
        threshold=view.threshold,
        source=view.source,
        points=points,
        y_min=y_min,
        threshold_y=y_of(view.threshold),
        y_ticks=tuple(ticks),
        x_ticks=tuple((x_of(p), f"{p}%") for p in (0, 50, 100)),
    )


def make_row(
    key: str,
    title: str,
    score: float | None,
    oit_ids: Sequence[str],
    result: ScanResult,
    lang: Lang,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    finding: str = "",
) -> GapRow:
    """One row from plain values (used by the adapter of the perception model and by tests)."""
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


def build_gaps_view(gaps: object, result: ScanResult, lang: Lang) -> GapsView:
    """The gap section of ``result``'s report from a perception-gap analysis.

    Accepts a ready ``GapsView``; the adapter for ``oit_check.perception``'s model is added when
    that stage lands. Anything else raises ``TypeError`` naming the type.
    """
    if isinstance(gaps, GapsView):
        return gaps if gaps.points or not gaps.rows else with_chart(gaps)
    raise TypeError(f"cannot show perception gaps from {type(gaps).__name__}: {t('gap_none', lang)}")
