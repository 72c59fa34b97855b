"""Perception gaps to targeted measures: read ITA results, find low IIT/EIT items, diagnose them
against the OIT disclosure, and draft the agency's yearly integrity measures (item o42).

Data flows one way::

    inputs.py      perception data, results file, scan report, OIT titles -> Inputs
    results/       file -> ITAResults       (CSV or pasted tables; codes.py, figures.py, textmatch.py)
    scanreport.py  scan report JSON -> ScanStatuses
    gaps.py        ITAResults (+ scan) -> GapReport
    measures/      GapReport -> MeasuresDocument (blocks)

The renderers are in ``oit_check.report`` (``gaps_text``, ``gaps_view``, ``measures_markdown``,
``measures_docx``): nothing here writes for a terminal, HTML or Word.

All ITA knowledge (question texts, themes, links, measure templates, wording, the pass line in the
grading) is in ``checklists/<id>.perception.yaml`` (``schema.py``, ``loader.py``).
"""

from oit_check.perception.gaps import GapConfig, GapReport, analyse
from oit_check.perception.loader import load_perception
from oit_check.perception.results import ITAResults, read_results
from oit_check.perception.schema import Diagnosis, PerceptionData

__all__ = [
    "Diagnosis",
    "GapConfig",
    "GapReport",
    "ITAResults",
    "PerceptionData",
    "analyse",
    "load_perception",
    "read_results",
]
