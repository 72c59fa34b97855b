"""Perception gaps to targeted measures: read ITA results, find low IIT/EIT items, diagnose them
against the OIT disclosure, and draft the agency's yearly integrity measures (item o42).

Data flows one way::

    results.py   file -> ITAResults          (CSV or pasted tables; codes.py, figures.py, textmatch.py)
    gaps.py      ITAResults (+ scan) -> GapReport
    measures.py  GapReport -> MeasuresDocument (blocks)
    markdown.py / docx_writer.py   MeasuresDocument -> Markdown / Word

All ITA knowledge (question texts, themes, links, measure templates, wording) is in
``checklists/<id>.perception.yaml`` (``schema.py``, ``loader.py``).
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
