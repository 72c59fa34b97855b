"""The entry points: a results file, or its text, to ``ITAResults`` (a CSV or pasted tables)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from oit_check.errors import ITAResultsError
from oit_check.perception.codes import code_sort_key
from oit_check.perception.results.csv_reader import _parse_csv
from oit_check.perception.results.decode import decode_results
from oit_check.perception.results.model import ITAResults
from oit_check.perception.results.table import _TableParser
from oit_check.perception.schema import PerceptionData


def read_results(path: Path, data: PerceptionData, oit_titles: Mapping[str, list[str]] | None = None) -> ITAResults:
    """Read a results file (CSV, text or .docx). ``ITAResultsError`` if it cannot be read at all."""
    name = str(path)
    if not path.exists():
        raise ITAResultsError(f"{name}: no such file")
    if path.is_dir():
        raise ITAResultsError(f"{name}: is a directory, not a results file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ITAResultsError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    text = decode_results(raw, name)
    return parse_results_text(text, data, oit_titles=oit_titles, source=name)


def parse_results_text(
    text: str,
    data: PerceptionData,
    *,
    oit_titles: Mapping[str, list[str]] | None = None,
    source: str = "<text>",
) -> ITAResults:
    """Parse results given as text (CSV or pasted tables)."""
    text = text.lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if _looks_like_csv_header(first):
        results = _parse_csv(text, data, oit_titles or {}, source)
    else:
        results = _TableParser(data, oit_titles or {}, source).parse(text)
    if not results.rows and not results.indicators and results.total is None:
        detail = (
            f"; {len(results.unidentified)} line(s) hold figures but none could be identified"
            if (results.unidentified)
            else ""
        )
        raise ITAResultsError(
            f"{source}: no ITA results found (no IIT/EIT/OIT item or indicator with figures){detail}",
            hint="give the results tables of the ITA report, or a CSV with columns code,score,previous,part1,part2",
        )
    results.rows.sort(key=lambda r: code_sort_key(r.code))
    return results


def _looks_like_csv_header(line: str) -> bool:
    cells = [c.strip().strip('"').lower() for c in line.split(",")]
    return len(cells) >= 2 and cells[0] == "code" and "score" in cells
