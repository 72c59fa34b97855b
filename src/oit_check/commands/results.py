"""``oit-check results import FILE``: show what was read from an ITA results file, and what was not."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import assert_never

import typer

from oit_check.commands._common import PERCEPTION_OPTION_HELP, Lang, fail, write_output
from oit_check.errors import OitCheckError
from oit_check.perception.inputs import load_inputs
from oit_check.perception.loader import DEFAULT_PERCEPTION
from oit_check.report.gaps_text import render_results_table, results_json


class Format(StrEnum):
    """``--format`` choices."""

    TABLE = "table"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the ``results`` command group to ``app``."""
    group = typer.Typer(
        help="อ่านผลการประเมิน ITA (CSV หรือตารางที่คัดลอกจากรายงาน) / read ITA results", no_args_is_help=True
    )

    @group.command("import")
    def import_(
        file: Path = typer.Argument(..., help="ไฟล์ผลการประเมิน: CSV, ข้อความ หรือ .docx / results file"),
        fmt: Format = typer.Option(Format.TABLE, "--format", help="table | json"),
        lang: Lang = typer.Option(Lang.TH, "--lang", help="th | en"),
        perception: str = typer.Option(DEFAULT_PERCEPTION, "--perception", help=PERCEPTION_OPTION_HELP),
        output: Path | None = typer.Option(None, "--output", "-o", help="เขียนลงไฟล์ / write to a file"),
    ) -> None:
        """แสดงผลการอ่านไฟล์ทีละแถว และบรรทัดที่อ่านไม่ได้ / show what was read, row by row, and what was not."""
        try:
            inputs = load_inputs(file, None, perception)
            match fmt:
                case Format.TABLE:
                    text = render_results_table(inputs.results, inputs.data, lang.value)
                case Format.JSON:
                    text = results_json(inputs.results)
                case _:
                    assert_never(fmt)
            write_output(text, output)
        except OitCheckError as exc:
            raise fail(exc) from exc

    app.add_typer(group, name="results")
