"""``oit-check gaps --results FILE [--scan REPORT.json]``: low IIT/EIT items, diagnosed against the OIT."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from oit_check.checklist.schema import Checklist
from oit_check.commands._common import PERCEPTION_OPTION_HELP, THRESHOLD_OPTION_HELP, Lang, fail, write_output
from oit_check.errors import ConfigError, OitCheckError
from oit_check.i18n import bilingual
from oit_check.models import ScanResult
from oit_check.perception.gaps import DEFAULT_DROP_POINTS, DEFAULT_WATCH_BELOW, GapConfig
from oit_check.perception.inputs import analyse_inputs, load_inputs
from oit_check.perception.loader import DEFAULT_PERCEPTION, load_perception
from oit_check.report import GAP_FORMATS


class Format(StrEnum):
    """``--format`` choices."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def gap_config(threshold: float | None, watch_below: float, drop: float, perception: str) -> GapConfig:
    """Validated thresholds (``ConfigError`` if they make no sense); without ``threshold``, the pass
    line of the grading in the perception data named ``perception``."""
    if threshold is None:
        threshold = load_perception(perception).pass_line
    if not 0 < threshold <= 100 or not 0 < watch_below <= 100 or drop < 0:
        raise ConfigError(bilingual("cli.thresholds_range", english_first=True))
    if watch_below < threshold:
        raise ConfigError(f"--watch-below {watch_below:g} is under --threshold {threshold:g}")
    return GapConfig(threshold=threshold, watch_below=watch_below, drop_points=drop)


def _full_scan(scan_path: Path | None, checklist_name: str) -> tuple[ScanResult | None, Checklist | None]:
    """The whole scan report and its checklist when ``--scan`` is a full report (the HTML format
    shows it with its gap section), else ``(None, None)`` (a page with the gap section alone)."""
    from pydantic import ValidationError

    from oit_check.checklist import load_checklist

    if scan_path is None:
        return None, None
    try:
        result = ScanResult.model_validate_json(scan_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, ValidationError):
        return None, None  # an older or partial report: statuses were read already; show gaps alone
    return result, load_checklist(checklist_name)


def register(app: typer.Typer) -> None:
    """Add the ``gaps`` command to ``app``."""

    @app.command("gaps")
    def gaps(
        results: Path = typer.Option(..., "--results", help="ไฟล์ผลการประเมิน ITA / ITA results file"),
        scan: Path | None = typer.Option(None, "--scan", help="รายงานผลตรวจเว็บไซต์ (JSON) / scan report JSON"),
        threshold: float | None = typer.Option(None, "--threshold", help=THRESHOLD_OPTION_HELP),
        watch_below: float = typer.Option(DEFAULT_WATCH_BELOW, "--watch-below", help="เฝ้าระวังต่ำกว่า / watch line"),
        drop: float = typer.Option(DEFAULT_DROP_POINTS, "--drop", help="คะแนนที่ลดลง / drop from last year"),
        fmt: Format = typer.Option(Format.TABLE, "--format", help="table | json | markdown | html"),
        lang: Lang = typer.Option(Lang.TH, "--lang", help="th | en"),
        perception: str = typer.Option(DEFAULT_PERCEPTION, "--perception", help=PERCEPTION_OPTION_HELP),
        output: Path | None = typer.Option(None, "--output", "-o", help="เขียนลงไฟล์ / write to a file"),
    ) -> None:
        """วิเคราะห์ข้อที่ได้คะแนนการรับรู้ต่ำ เทียบกับการเปิดเผยข้อมูล / perception gaps against the OIT."""
        try:
            config = gap_config(threshold, watch_below, drop, perception)
            inputs = load_inputs(results, scan, perception)
            report = analyse_inputs(inputs, config=config)
            result, checklist = _full_scan(scan, inputs.data.checklist) if fmt is Format.HTML else (None, None)
            render = GAP_FORMATS[fmt.value]
            write_output(render(report, inputs.data, lang=lang.value, result=result, checklist=checklist), output)
        except OitCheckError as exc:
            raise fail(exc) from exc
