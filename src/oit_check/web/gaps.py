"""The perception-gap analysis as the web app runs it on an uploaded ITA results file."""

from __future__ import annotations

from collections.abc import Callable

from oit_check.history import ResultsFile
from oit_check.models import ScanResult
from oit_check.perception.gaps import GapReport
from oit_check.report.gaps_view import GapsView

GapAnalyser = Callable[[ResultsFile, ScanResult | None, str], GapReport | GapsView | None]
"""``(results file, scan result, lang) -> gaps`` for ``render_html(gaps=...)``; None to omit.

Called with ``None`` for the scan when a file arrives with the scan form, to check it early.

Raises ``OitCheckError`` (or ``ValueError``) when the file cannot be read: the upload page says why."""


def perception_gaps(file: ResultsFile, result: ScanResult | None, _lang: str) -> GapReport:
    """The default gap analyser: ``oit_check.perception`` on the uploaded file and this scan's verdicts."""
    from oit_check.perception import analyse, load_perception
    from oit_check.perception.loader import load_oit_titles
    from oit_check.perception.results import decode_results, parse_results_text
    from oit_check.perception.scanreport import statuses_of

    data = load_perception()
    titles = load_oit_titles(data.checklist)
    text = decode_results(file.content, file.file_name)
    results = parse_results_text(text, data, oit_titles=titles, source=file.file_name)
    scan = None
    if result is not None:
        scan = statuses_of(result)
    display = dict(data.oit_titles)
    display.update({k: v[0] for k, v in titles.items() if v})
    return analyse(results, data, scan=scan, oit_titles=display)
