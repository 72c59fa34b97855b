"""``oit-check dates``: show the dates, periods and fiscal years the engine finds in lines of text.

A window onto ``oit_check.thai.dates`` for checking why a document was judged for one fiscal year
and not another: paste its title, get every date the checker saw. JSON output (one object per
input line, in order) is for scripts; the table is for people.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import assert_never

import typer
from rich.console import Console
from rich.table import Table

from oit_check.commands._common import Lang
from oit_check.i18n import t
from oit_check.thai.dates import DateMention, find_dates, format_thai_period
from oit_check.thai.dates.vocabulary import ENGLISH_MONTH_ABBREVIATIONS, KIND_LABELS_EN, KIND_LABELS_TH
from oit_check.thai.text import to_thai_digits


class OutputFormat(StrEnum):
    """``--format`` choices."""

    TABLE = "table"
    JSON = "json"


def mention_json(mention: DateMention) -> dict[str, object]:
    """The JSON object of one mention: kind, start, end, source, and fiscal_year when known."""
    out: dict[str, object] = {
        "kind": mention.kind.value,
        "start": mention.start.isoformat(),
        "end": mention.end.isoformat(),
        "source": mention.source,
    }
    if mention.fiscal_year is not None:
        out["fiscal_year"] = mention.fiscal_year
    return out


def _english_date(d: date) -> str:
    return f"{d.day} {ENGLISH_MONTH_ABBREVIATIONS[d.month - 1]} {d.year}"


def _period_text(mention: DateMention, lang: Lang) -> str:
    if lang is Lang.TH:
        return format_thai_period(mention.start, mention.end)
    if mention.start == mention.end:
        return _english_date(mention.start)
    return f"{_english_date(mention.start)} – {_english_date(mention.end)}"


def _fiscal_text(mention: DateMention, lang: Lang) -> str:
    if mention.fiscal_year is None:
        return ""
    if lang is Lang.TH:
        return to_thai_digits(str(mention.fiscal_year))
    return f"{mention.fiscal_year} (FY{mention.fiscal_year - 543})"


def _render_table(results: Iterable[tuple[str, list[DateMention]]], lang: Lang, console: Console) -> None:
    th = lang is Lang.TH
    labels = KIND_LABELS_TH if th else KIND_LABELS_EN
    table = Table(show_lines=True)
    table.add_column(t("dates.col_text", lang), overflow="fold")
    table.add_column(t("dates.col_found", lang), overflow="fold")
    table.add_column(t("dates.col_kind", lang))
    table.add_column(t("dates.col_period", lang), no_wrap=True)
    table.add_column(t("dates.col_fiscal_year", lang))
    for text, mentions in results:
        if not mentions:
            table.add_row(text, "-", "", t("dates.no_date", lang), "")
            continue
        for index, mention in enumerate(mentions):
            table.add_row(
                text if index == 0 else "",
                mention.source,
                labels[mention.kind.value],
                _period_text(mention, lang),
                _fiscal_text(mention, lang),
            )
    console.print(table)


def _input_lines(lines: list[str]) -> list[str]:
    if lines:
        return lines
    return [raw.rstrip("\r\n") for raw in sys.stdin]


def register(app: typer.Typer) -> None:
    """Add the ``dates`` command to ``app``."""

    @app.command("dates")
    def dates(
        lines: list[str] | None = typer.Argument(None, help="lines of text (read from stdin when none)"),
        output_format: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table | json"),
        lang: Lang = typer.Option(Lang.TH, "--lang", help="th | en"),
        context_year: int | None = typer.Option(
            None, "--context-year", help="fiscal year (BE) for ไตรมาส / รอบ 6 เดือน / ต.ค.-มี.ค. with no year"
        ),
    ) -> None:
        """หาวันที่ ช่วงเวลา และปีงบประมาณในข้อความ / find dates, periods and fiscal years in text."""
        texts = _input_lines(lines or [])
        results = [(text, find_dates(text, context_year_be=context_year)) for text in texts]
        match output_format:
            case OutputFormat.TABLE:
                _render_table(results, lang, Console())
            case OutputFormat.JSON:
                for text, mentions in results:
                    record = {"text": text, "dates": [mention_json(m) for m in mentions]}
                    typer.echo(json.dumps(record, ensure_ascii=False))
            case _:
                assert_never(output_format)
