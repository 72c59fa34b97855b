"""Everything the perception analysis reads before it starts: the perception data, the ITA results
file, the scan report (optional) and the OIT checklist's item titles.

Shared by the ``results``, ``gaps``, ``measures`` and ``scan --results`` commands; no CLI here.
Every bad input raises an ``OitCheckError`` naming the file (``ChecklistError`` for the perception
data or the OIT checklist, ``ITAResultsError`` for the results file or the scan report).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from oit_check.perception.loader import load_oit_titles, load_perception
from oit_check.perception.results import ITAResults, read_results
from oit_check.perception.scanreport import ScanStatuses, read_scan_report
from oit_check.perception.schema import PerceptionData


@dataclass
class Inputs:
    """Everything read before the analysis."""

    data: PerceptionData
    results: ITAResults
    scan: ScanStatuses | None
    oit_titles: dict[str, str]


def load_inputs(results_path: Path, scan_path: Path | None, perception: str) -> Inputs:
    """Perception data, the results file, the scan report: ``OitCheckError`` on any bad input."""
    data = load_perception(perception)
    titles = load_oit_titles(data.checklist)
    results = read_results(results_path, data, titles)
    scan = read_scan_report(scan_path) if scan_path is not None else None
    display = dict(data.oit_titles)
    display.update({k: v[0] for k, v in titles.items() if v})
    return Inputs(data, results, scan, display)
