"""``oit-check measures``: draft the yearly integrity measures document (item o42), Markdown and Word."""

from __future__ import annotations

from pathlib import Path

import typer

from oit_check.commands._common import PERCEPTION_OPTION_HELP, THRESHOLD_OPTION_HELP, Lang, fail, write_output
from oit_check.commands.gaps import gap_config
from oit_check.errors import ConfigError, OitCheckError
from oit_check.i18n import bilingual, t
from oit_check.perception.gaps import DEFAULT_DROP_POINTS, DEFAULT_WATCH_BELOW
from oit_check.perception.inputs import analyse_inputs, load_inputs
from oit_check.perception.loader import DEFAULT_PERCEPTION
from oit_check.perception.measures import DraftOptions, draft_measures
from oit_check.report.measures_docx import write_docx
from oit_check.report.measures_markdown import render_markdown

# Buddhist Era years this tool can mean; a CE year (2024) is caught with a hint.
MIN_FISCAL_YEAR_BE, MAX_FISCAL_YEAR_BE = 2560, 2700


def check_fiscal_year(year: int) -> int:
    """A plausible fiscal year in the Buddhist Era."""
    if MIN_FISCAL_YEAR_BE <= year <= MAX_FISCAL_YEAR_BE:
        return year
    hint = f"did you mean {year + 543}? / พ.ศ. = ค.ศ. + ๕๔๓" if 1900 <= year <= 2200 else None
    raise ConfigError(f"--fiscal-year {year} is not a Buddhist Era fiscal year (พ.ศ.)", hint=hint)


def register(app: typer.Typer) -> None:
    """Add the ``measures`` command to ``app``."""

    @app.command("measures")
    def measures(
        results: Path = typer.Option(..., "--results", help="ไฟล์ผลการประเมิน ITA ปีก่อน / last year's ITA results"),
        agency: str = typer.Option(..., "--agency", help="ชื่อหน่วยงาน เช่น จังหวัดตาก / agency name"),
        fiscal_year: int = typer.Option(..., "--fiscal-year", help="ปีงบประมาณของมาตรการ (พ.ศ.) เช่น 2567"),
        scan: Path | None = typer.Option(None, "--scan", help="รายงานผลตรวจเว็บไซต์ (JSON) / scan report JSON"),
        markdown: Path | None = typer.Option(None, "--markdown", help="ไฟล์ Markdown (ค่าเริ่มต้น o42-measures-ปี.md)"),
        docx: Path | None = typer.Option(None, "--docx", help="ไฟล์ Word (ค่าเริ่มต้น o42-measures-ปี.docx)"),
        limitation: list[str] = typer.Option(
            [], "--limitation", help="ข้อจำกัดเพิ่มเติมของหน่วยงาน (ใส่ได้หลายครั้ง) / an extra limitation"
        ),
        threshold: float | None = typer.Option(None, "--threshold", help=THRESHOLD_OPTION_HELP),
        watch_below: float = typer.Option(DEFAULT_WATCH_BELOW, "--watch-below", help="เฝ้าระวังต่ำกว่า / watch line"),
        drop: float = typer.Option(DEFAULT_DROP_POINTS, "--drop", help="คะแนนที่ลดลง / drop from last year"),
        stdout: bool = typer.Option(False, "--stdout", help="พิมพ์ Markdown ออกหน้าจอแทนการเขียนไฟล์"),
        lang: Lang = typer.Option(Lang.TH, "--lang", help="ภาษาของข้อความสรุป (เอกสารเป็นภาษาไทยเสมอ) / th | en"),
        perception: str = typer.Option(DEFAULT_PERCEPTION, "--perception", help=PERCEPTION_OPTION_HELP),
    ) -> None:
        """ร่างมาตรการส่งเสริมคุณธรรมและความโปร่งใส (o42) เป็น Markdown และ Word / draft the o42 measures."""
        try:
            year = check_fiscal_year(fiscal_year)
            name = " ".join(agency.split())
            if not name:
                raise ConfigError(bilingual("cli.agency_empty", english_first=True))
            config = gap_config(threshold, watch_below, drop, perception)
            inputs = load_inputs(results, scan, perception)
            if inputs.results.year is not None and inputs.results.year != year - 1:
                mismatch = t("cli.measures_year_mismatch", lang, results_year=inputs.results.year, year=year)
                typer.echo(mismatch, err=True)
            report = analyse_inputs(inputs, config=config)
            doc = draft_measures(
                report,
                inputs.results,
                inputs.data,
                DraftOptions(agency=name, fiscal_year=year, extra_limitations=tuple(limitation)),
                scan=inputs.scan,
                oit_titles=inputs.oit_titles,
            )
            text = render_markdown(doc)
            if stdout:
                write_output(text, None)
                if docx is not None:
                    write_docx(doc, docx)
                return
            md_path = markdown or Path(f"o42-measures-{year}.md")
            docx_path = docx or Path(f"o42-measures-{year}.docx")
            write_output(text, md_path)
            write_docx(doc, docx_path)
            flagged = len(report.summary.below) + len(report.summary.watch)
            written = t("cli.measures_written", lang, markdown=md_path, docx=docx_path, flagged=flagged)
            if lang is Lang.EN:  # the Thai line has never carried the section count
                written += " " + t("cli.measures_sections", lang, sections=len(doc.headings))
            typer.echo(written)
            if inputs.results.unidentified:
                typer.echo(t("cli.measures_unidentified", lang, n=len(inputs.results.unidentified)), err=True)
        except OitCheckError as exc:
            raise fail(exc) from exc
