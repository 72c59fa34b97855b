"""Draft the yearly integrity measures document (OIT item o42) from the gap analysis.

The document follows the seed's shape: (๑) the ITA results, (๒) the analysis by theme, citing the
scores and the contradiction between disclosure and perception, (๓) the measures table (measure,
steps, responsible unit, timeline, monitoring) for the coming fiscal year, (๔) limitations and
suggestions. Every phrase comes from the perception data file (``document``, ``themes``,
``limitations``); this package only chooses, orders and fills them. The result is a list of
blocks that ``report/measures_markdown.py`` and ``report/measures_docx.py`` render the same way.

Numbers are written with Thai digits, as officials write them (``๗๓.๖๐``, ``e๑๓``, ``o๑๘``);
dates and periods come from ``oit_check.thai.dates`` (``ต.ค. ๖๖ – ก.ย. ๖๗``).

Modules::

    __init__.py    ``draft_measures``: GapReport + ITAResults -> MeasuresDocument
    drafter.py     the drafter, section by section
    model.py       the document's blocks (Paragraph, Table, ...) and the drafting options
    formatting.py  Thai digits for scores, codes and thresholds; code ranges; timelines
"""

from __future__ import annotations

from oit_check.perception.gaps import GapReport
from oit_check.perception.measures.drafter import MAX_TITLED_OIT, _Drafter
from oit_check.perception.measures.formatting import thai_code, thai_number, thai_threshold, timeline_text
from oit_check.perception.measures.model import (
    Block,
    Cell,
    DraftOptions,
    MeasuresDocument,
    Paragraph,
    ParagraphStyle,
    Row,
    Run,
    Table,
)
from oit_check.perception.results import ITAResults
from oit_check.perception.scanreport import ScanStatuses
from oit_check.perception.schema import PerceptionData

__all__ = [
    "MAX_TITLED_OIT",
    "Block",
    "Cell",
    "DraftOptions",
    "MeasuresDocument",
    "Paragraph",
    "ParagraphStyle",
    "Row",
    "Run",
    "Table",
    "draft_measures",
    "thai_code",
    "thai_number",
    "thai_threshold",
    "timeline_text",
]


def draft_measures(
    report: GapReport,
    results: ITAResults,
    data: PerceptionData,
    options: DraftOptions,
    *,
    scan: ScanStatuses | None = None,
    oit_titles: dict[str, str] | None = None,
) -> MeasuresDocument:
    """Draft the measures document of ``options.fiscal_year`` from the analysis of the year before."""
    return _Drafter(report, results, data, options, scan, dict(oit_titles or {})).draft()
