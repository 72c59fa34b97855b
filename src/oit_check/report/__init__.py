"""Reporters: pure functions from results to text. They format; they never decide a verdict.

The commands pick a renderer by its ``--format`` name from a registry, each registry's renderers
sharing one signature:

- ``SCAN_FORMATS``: ``(ScanResult, Checklist, *, lang, gaps, color) -> str`` for ``oit-check scan``;
  ``gaps`` is the perception-gap analysis already run (HTML shows it), ``color`` asks for ANSI colours.
- ``GAP_FORMATS``: ``(GapReport, PerceptionData, *, lang, result, checklist) -> str`` for
  ``oit-check gaps``; ``result``/``checklist`` are the full scan report when one was given (HTML shows it).
"""

from __future__ import annotations

from typing import Protocol

from oit_check.checklist.schema import Checklist
from oit_check.models import ScanResult
from oit_check.perception.gaps import GapReport
from oit_check.perception.schema import PerceptionData
from oit_check.report.gaps_text import gaps_json, render_gaps_markdown, render_gaps_table
from oit_check.report.scan_json import render_json, report_schema
from oit_check.report.scan_terminal import render_table

__all__ = [
    "GAP_FORMATS",
    "SCAN_FORMATS",
    "GapRenderer",
    "ScanRenderer",
    "render_json",
    "render_table",
    "report_schema",
]


class ScanRenderer(Protocol):
    """A scan report format."""

    def __call__(
        self, result: ScanResult, checklist: Checklist, *, lang: str, gaps: GapReport | None, color: bool
    ) -> str: ...


class GapRenderer(Protocol):
    """A perception-gap report format."""

    def __call__(
        self,
        report: GapReport,
        data: PerceptionData,
        *,
        lang: str,
        result: ScanResult | None,
        checklist: Checklist | None,
    ) -> str: ...


def _scan_table(result: ScanResult, checklist: Checklist, *, lang: str, gaps: GapReport | None, color: bool) -> str:
    return render_table(result, lang=lang, color=color)


def _scan_json(result: ScanResult, checklist: Checklist, *, lang: str, gaps: GapReport | None, color: bool) -> str:
    return render_json(result)


def _scan_html(result: ScanResult, checklist: Checklist, *, lang: str, gaps: GapReport | None, color: bool) -> str:
    from oit_check.report.scan_html import render_html  # Jinja2 only when HTML is asked for

    return render_html(result, checklist, lang=lang, gaps=gaps)


SCAN_FORMATS: dict[str, ScanRenderer] = {"table": _scan_table, "json": _scan_json, "html": _scan_html}


def _gaps_table(
    report: GapReport, data: PerceptionData, *, lang: str, result: ScanResult | None, checklist: Checklist | None
) -> str:
    return render_gaps_table(report, data, lang)


def _gaps_json(
    report: GapReport, data: PerceptionData, *, lang: str, result: ScanResult | None, checklist: Checklist | None
) -> str:
    return gaps_json(report)


def _gaps_markdown(
    report: GapReport, data: PerceptionData, *, lang: str, result: ScanResult | None, checklist: Checklist | None
) -> str:
    return render_gaps_markdown(report, data, lang)


def _gaps_html(
    report: GapReport, data: PerceptionData, *, lang: str, result: ScanResult | None, checklist: Checklist | None
) -> str:
    from oit_check.report.scan_html import render_gaps_html

    return render_gaps_html(report, lang=lang, result=result, checklist=checklist)


GAP_FORMATS: dict[str, GapRenderer] = {
    "table": _gaps_table,
    "json": _gaps_json,
    "markdown": _gaps_markdown,
    "html": _gaps_html,
}
