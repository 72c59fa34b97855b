"""Shared CLI plumbing of every command: language, exit codes, errors, output.

What the perception commands read (``Inputs``, ``load_inputs``) is ``oit_check.perception.inputs``;
the report formats are the registries in ``oit_check.report``; the words are the string catalogue's.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from oit_check.errors import OitCheckError, ReportError

EXIT_OK = 0  # every item ok (or the command did its job)
EXIT_FAILED = 1  # the scan itself failed: site unreachable, internal error
EXIT_FINDINGS = 2  # the scan ran and some item is not ok
EXIT_BAD_INPUT = 3  # checklist file, options, results file


class Lang(StrEnum):
    """Language of user-facing text."""

    TH = "th"
    EN = "en"


def fail(exc: OitCheckError, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``error:``/``hint:`` to stderr and return the exit to raise (bad input, 3, by default)."""
    typer.echo(f"error: {exc.message}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    return typer.Exit(code)


def write_output(text: str, output: Path | None) -> None:
    """To ``output`` if given (opened only now, its directory made), else stdout (ending in a newline)."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"cannot write {output}: {exc}", hint="check the directory exists and is writable") from exc


PERCEPTION_OPTION_HELP = "ข้อมูลการรับรู้ (ชื่อหรือไฟล์ .perception.yaml) / perception data name or file"
THRESHOLD_OPTION_HELP = "เกณฑ์ผ่าน (ค่าเริ่มต้นตามเกณฑ์ในข้อมูลการรับรู้) / pass line (default: the perception data's grading)"
