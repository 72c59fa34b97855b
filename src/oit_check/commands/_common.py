"""Shared CLI plumbing of the ``results``, ``gaps`` and ``measures`` commands: language, errors, output.

What they read (``Inputs``, ``load_inputs``) is ``oit_check.perception.inputs``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from oit_check.errors import OitCheckError, ReportError

EXIT_OK, EXIT_BAD_INPUT = 0, 3


class Lang(StrEnum):
    """Language of user-facing text."""

    TH = "th"
    EN = "en"


def fail(exc: OitCheckError) -> typer.Exit:
    """Print ``error:``/``hint:`` to stderr and return the exit for bad input (3)."""
    typer.echo(f"error: {exc.message}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


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
THRESHOLD_OPTION_HELP = "เกณฑ์ผ่าน (ค่าเริ่มต้นตามเกณฑ์ในข้อมูลการรับรู้) / pass line (default: the perception data's grading)"
