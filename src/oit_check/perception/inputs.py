"""Everything the perception analysis reads before it starts: the perception data, the ITA results
file, the scan report (optional) and the OIT checklist's item titles; and the analysis of them.

Shared by the ``results``, ``gaps``, ``measures`` and ``scan --results`` commands and by the web app
(an uploaded file arrives as bytes: ``read_inputs``); no CLI here. Every bad input raises an
``OitCheckError`` naming the file (``ChecklistError`` for the perception data or the OIT checklist,
``ITAResultsError`` for the results file or the scan report).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from oit_check.models import ScanResult
from oit_check.perception.gaps import GapConfig, GapReport, analyse
from oit_check.perception.loader import DEFAULT_PERCEPTION, load_oit_titles, load_perception
from oit_check.perception.results import ITAResults, decode_results, parse_results_text, read_results
from oit_check.perception.scanreport import ScanStatuses, read_scan_report, statuses_of
from oit_check.perception.schema import PerceptionData


@dataclass
class Inputs:
    """Everything read before the analysis."""

    data: PerceptionData
    results: ITAResults
    scan: ScanStatuses | None
    oit_titles: dict[str, str]


def _data_and_titles(perception: str) -> tuple[PerceptionData, dict[str, list[str]]]:
    data = load_perception(perception)
    return data, load_oit_titles(data.checklist)


def _display_titles(data: PerceptionData, titles: dict[str, list[str]]) -> dict[str, str]:
    """The OIT titles to show: the perception data's, then the checklist's first title per item."""
    display = dict(data.oit_titles)
    display.update({k: v[0] for k, v in titles.items() if v})
    return display


def load_inputs(results_path: Path, scan_path: Path | None, perception: str) -> Inputs:
    """Perception data, the results file, the scan report: ``OitCheckError`` on any bad input."""
    data, titles = _data_and_titles(perception)
    results = read_results(results_path, data, titles)
    scan = read_scan_report(scan_path) if scan_path is not None else None
    return Inputs(data, results, scan, _display_titles(data, titles))


def read_inputs(content: bytes, file_name: str, perception: str = DEFAULT_PERCEPTION) -> Inputs:
    """The same for a results file given as bytes (an upload), without a scan report."""
    data, titles = _data_and_titles(perception)
    text = decode_results(content, file_name)
    results = parse_results_text(text, data, oit_titles=titles, source=file_name)
    return Inputs(data, results, None, _display_titles(data, titles))


def analyse_inputs(inputs: Inputs, result: ScanResult | None = None, config: GapConfig | None = None) -> GapReport:
    """The perception gaps of ``inputs``: against the verdicts of the scan ``result`` when given
    (``scan --results``, the web app), else against the scan report read with them (if any)."""
    scan = statuses_of(result) if result is not None else inputs.scan
    return analyse(inputs.results, inputs.data, scan=scan, config=config, oit_titles=inputs.oit_titles)
