"""Read ITA results: a CSV, or the results tables as agencies copy them from NACC's report.

Two inputs, one model (``ITAResults``):

* CSV ``code,score,previous,part1,part2`` (``text`` optional), codes ``i1``..``i30``, ``e1``..``e15``,
  ``o1``..``o43``; indicator rows as ``ind1``..``ind10`` (or ``ตัวชี้วัดที่ 1``); tool scores as
  ``iit``/``eit``/``oit``; the total as ``total``/``ita``. Empty cells are allowed.
* Pasted tables (text, or a .docx whose tables are read as tab-separated rows): tab-separated
  rows with Thai digits, ``<b>`` markup, headers repeated at page breaks, rows broken across lines,
  and copy/OCR damage to codes (see ``codes.py``) and figures (see ``figures.py``).

A row is identified by its code or, when the code is damaged or absent, by its text matched
against the question texts (perception data) and OIT item titles (OIT checklist). Nothing is
dropped silently: every line that holds figures and is not a header, an indicator row, the total
or an identified row is listed in ``unidentified`` with its line number and the reason; the part
of a document after the results (its analysis and measures sections) is listed in ``not_read``.

Modules, in the order data flows::

    parse.py       the entry points: a file (``read_results``) or a text (``parse_results_text``)
    decode.py      bytes -> text: UTF-8/16, Thai Windows-874, a .docx's paragraphs and table rows
    table.py       pasted tables -> ITAResults (line by line)
    csv_reader.py  a CSV -> ITAResults
    identify.py    which item a row is: its code reading, its text, its figure shape
    model.py       ITAResults and its parts (pydantic)
"""

from oit_check.perception.results.decode import decode_results
from oit_check.perception.results.model import (
    Duplicate,
    IdentifiedBy,
    IndicatorScore,
    ITAResults,
    ResultRow,
    SkippedRange,
    ToolScore,
    UnidentifiedLine,
)
from oit_check.perception.results.parse import parse_results_text, read_results

__all__ = [
    "Duplicate",
    "ITAResults",
    "IdentifiedBy",
    "IndicatorScore",
    "ResultRow",
    "SkippedRange",
    "ToolScore",
    "UnidentifiedLine",
    "decode_results",
    "parse_results_text",
    "read_results",
]
