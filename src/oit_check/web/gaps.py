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
    """The default gap analyser: ``oit_check.perception.inputs`` on the uploaded file and this scan's verdicts."""
    from oit_check.perception.inputs import analyse_inputs, read_inputs

    return analyse_inputs(read_inputs(file.content, file.file_name), result)
