"""Shared plumbing of the ``results``, ``gaps`` and ``measures`` commands: inputs, errors, output."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer

from oit_check.errors import OitCheckError, ReportError
from oit_check.perception.loader import load_oit_titles, load_perception
from oit_check.perception.results import ITAResults, read_results
from oit_check.perception.scanreport import ScanStatuses, read_scan_report
from oit_check.perception.schema import PerceptionData

EXIT_OK, EXIT_BAD_INPUT = 0, 3


class Lang(StrEnum):
    """Language of user-facing text."""

    TH = "th"
    EN = "en"


@dataclass
class Inputs:
    """Everything read before the analysis."""

    data: PerceptionData
    results: ITAResults
    scan: ScanStatuses | None
    oit_titles: dict[str, str]


def fail(exc: OitCheckError) -> typer.Exit:
    """Print ``error:``/``hint:`` to stderr and return the exit for bad input (3)."""
    typer.echo(f"error: {exc.message}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def load_inputs(results_path: Path, scan_path: Path | None, perception: str) -> Inputs:
    """Perception data, the results file, the scan report: ``OitCheckError`` on any bad input."""
    data = load_perception(perception)
    titles = load_oit_titles(data.checklist)
    results = read_results(results_path, data, titles)
    scan = read_scan_report(scan_path) if scan_path is not None else None
    display = dict(data.oit_titles)
    display.update({k: v[0] for k, v in titles.items() if v})
    return Inputs(data, results, scan, display)


def write_text(text: str, output: Path | None) -> None:
    """To ``output`` (opened only now) or stdout."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"cannot write {output}: {exc.strerror or exc}") from exc


PERCEPTION_OPTION_HELP = "ข้อมูลการรับรู้ (ชื่อหรือไฟล์ .perception.yaml) / perception data name or file"
