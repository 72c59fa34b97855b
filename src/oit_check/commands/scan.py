"""``oit-check scan URL``, ``oit-check demo`` and ``oit-check schema report``.

Options -> ``ScanConfig`` -> ``pipeline.scan()`` -> (with ``--results``, the perception gaps) ->
the reporter of ``report.SCAN_FORMATS`` -> exit code. Precedence:
command-line option > ``OIT_CHECK_*`` environment variable > default (typer reads the variables).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from oit_check import config as cfg
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist
from oit_check.commands._common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    Lang,
    fail,
    write_output,
)
from oit_check.errors import ChecklistError, ConfigError, ITAResultsError, OitCheckError
from oit_check.i18n import bilingual, t, verdict_label
from oit_check.models import ScanWarning, Verdict
from oit_check.perception.inputs import analyse_inputs, load_inputs
from oit_check.perception.loader import DEFAULT_PERCEPTION
from oit_check.progress import ProgressEvent
from oit_check.report import SCAN_FORMATS, report_schema


class Format(StrEnum):
    """Report formats."""

    TABLE = "table"
    JSON = "json"
    HTML = "html"


def _parse_as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(
            f"--as-of {value!r} {bilingual('cli.as_of_invalid', english_first=True)}",
            hint="use YYYY-MM-DD (ค.ศ.), e.g. 2024-04-30",
        ) from exc


def _check_fiscal_year(value: int | None) -> int | None:
    if value is None:
        return None
    if not 2500 <= value <= 2700:
        hint = f"did you mean {value + 543}?" if 1957 <= value <= 2157 else "e.g. 2567"
        raise ConfigError(f"--fiscal-year {value} {bilingual('cli.fiscal_year_not_be', english_first=True)}", hint=hint)
    return value


_STAGE_LABELS = {"crawl": "cli.progress_crawl", "match": "cli.progress_match"}


class _ProgressPrinter:
    """A rich progress bar on an interactive stderr; a plain line every few seconds otherwise."""

    def __init__(self, lang: Lang, quiet: bool) -> None:
        self.lang = lang
        self.quiet = quiet
        self.interactive = sys.stderr.isatty()
        self.console = Console(stderr=True)
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.last_line = 0.0

    def __enter__(self) -> _ProgressPrinter:
        if self.interactive and not self.quiet:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(t("cli.progress_crawl", self.lang), total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, event: ProgressEvent) -> None:
        if self.quiet:
            return
        if self.progress is not None and self.task is not None:
            label = t(_STAGE_LABELS[event.stage], self.lang) if event.stage in _STAGE_LABELS else event.stage
            self.progress.update(self.task, completed=event.done, total=event.total or None, description=label)
            return
        now = time.monotonic()
        if event.stage in ("start", "done", "match") or now - self.last_line >= 5.0:
            self.last_line = now
            sys.stderr.write(f"[oit-check] {event.stage} {event.done}/{event.total} {event.message}\n")
            sys.stderr.flush()


def run_scan(
    url: str,
    *,
    checklist_name: str | None,
    fiscal_year: int | None,
    as_of: str | None,
    fmt: Format,
    framework: str = "nacc",
    output: Path | None,
    lang: Lang,
    crawl_config: cfg.CrawlConfig,
    quiet: bool = False,
    results: Path | None = None,
) -> int:
    """Run one scan end to end and return the exit code."""
    from oit_check.pipeline import scan

    try:
        gap_inputs = load_inputs(results, None, DEFAULT_PERCEPTION) if results is not None else None
        config = cfg.ScanConfig(
            crawl=crawl_config, fiscal_year=_check_fiscal_year(fiscal_year), as_of=_parse_as_of(as_of)
        )
        checklist, notes = _checklist_for(checklist_name, framework, config)
    except (ChecklistError, ConfigError, ITAResultsError) as exc:
        raise fail(exc, EXIT_BAD_INPUT) from exc
    for note in notes:
        typer.echo("⚠ " + (note.message_en if lang is Lang.EN else note.message_th), err=True)
    try:
        with _ProgressPrinter(lang, quiet) as printer:
            result = scan(url, checklist, config, on_progress=printer)
        result.warnings[:0] = notes  # which checklist judged the site comes first
        # the HTML report shows the perception gaps of the ITA results beside the verdicts
        gaps = analyse_inputs(gap_inputs, result) if gap_inputs is not None and fmt is Format.HTML else None
        render = SCAN_FORMATS[fmt.value]
        write_output(render(result, checklist, lang=lang.value, gaps=gaps, color=sys.stdout.isatty()), output)
    except OitCheckError as exc:  # ScanFailed, ReportError, anything the scan raised on purpose
        raise fail(exc, EXIT_FAILED) from exc
    except KeyboardInterrupt:
        typer.echo(bilingual("cli.interrupted", english_first=True), err=True)
        return EXIT_FAILED
    except Exception as exc:  # the CLI is the one place with a broad except: report, don't trace
        typer.echo(f"error: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("hint: please report this with the command you ran", err=True)
        return EXIT_FAILED
    if output is not None and not quiet:
        s = result.summary
        counts = " ".join(f"{verdict_label(verdict, lang)} {getattr(s, verdict.value)}" for verdict in Verdict)
        typer.echo(f"{output}: {counts}", err=True)
    return EXIT_OK if all(item.status is Verdict.OK for item in result.items) else EXIT_FINDINGS


def _checklist_for(name: str | None, framework: str, config: cfg.ScanConfig) -> tuple[Checklist, list[ScanWarning]]:
    """The named checklist, or the one of the assessed fiscal year; warnings for a fallback year and
    for a provisional checklist (with its low-confidence items)."""
    from oit_check.checklist.select import choose_checklist
    from oit_check.thai.fiscal import fiscal_year_of

    notes: list[ScanWarning] = []
    if name is not None:
        checklist = load_checklist(name)
    else:
        year = config.fiscal_year or fiscal_year_of(config.as_of or date.today())
        try:
            choice = choose_checklist(year, framework)
        except ValueError as exc:
            raise ConfigError(f"--framework: {exc}", hint="use nacc, ovec or moph") from exc
        checklist = choice.checklist
        if not choice.exact:
            values = {"year": year, "used": checklist.id, "used_year": checklist.fiscal_year}
            notes.append(
                ScanWarning(
                    code="checklist_fallback",
                    message_th=t("warning.checklist_fallback", "th", **values),
                    message_en=t("warning.checklist_fallback", "en", **values),
                )
            )
    if checklist.status == "provisional":
        low = ", ".join(item.id.upper() for item in checklist.items if item.confidence == "low") or "-"
        notes.append(
            ScanWarning(
                code="checklist_provisional",
                message_th=t("warning.checklist_provisional", "th", used=checklist.id, low=low),
                message_en=t("warning.checklist_provisional", "en", used=checklist.id, low=low),
            )
        )
    return checklist, notes


def register(app: typer.Typer) -> None:
    """Add ``scan``, ``demo`` and ``schema`` to the app."""

    @app.command("scan")
    def scan_cmd(
        url: str = typer.Argument(..., help="หน้าแรกของเว็บไซต์หน่วยงาน / the agency's home page URL"),
        checklist: str | None = typer.Option(
            None,
            "--checklist",
            envvar="OIT_CHECK_CHECKLIST",
            help="ชื่อหรือไฟล์ checklist (ไม่ระบุ: ตามปีงบประมาณ) / packaged name or YAML path (default: by fiscal year)",
        ),
        framework: str = typer.Option(
            "nacc",
            "--framework",
            envvar="OIT_CHECK_FRAMEWORK",
            help="nacc (ป.ป.ช.) | ovec (สอศ.) | moph (MOIT) — used when --checklist is not given",
        ),
        no_ocr: bool = typer.Option(False, "--no-ocr", help="do not OCR scanned PDFs (faster, for fleets)"),
        fiscal_year: int | None = typer.Option(
            None,
            "--fiscal-year",
            envvar="OIT_CHECK_FISCAL_YEAR",
            help="ปีงบประมาณที่ประเมิน (พ.ศ.) / assessed fiscal year, BE",
        ),
        as_of: str | None = typer.Option(
            None, "--as-of", envvar="OIT_CHECK_AS_OF", help="วันที่อ้างอิง YYYY-MM-DD (default: today)"
        ),
        fmt: Format = typer.Option(Format.TABLE, "--format", help="table | json | html"),
        output: Path | None = typer.Option(None, "--output", "-o", help="เขียนรายงานลงไฟล์ / write to FILE"),
        lang: Lang = typer.Option(Lang.TH, "--lang", envvar="OIT_CHECK_LANG", help="th | en"),
        max_pages: int = typer.Option(cfg.DEFAULT_MAX_PAGES, "--max-pages", envvar="OIT_CHECK_MAX_PAGES", min=1),
        max_depth: int = typer.Option(cfg.DEFAULT_MAX_DEPTH, "--max-depth", min=0),
        max_documents: int = typer.Option(cfg.DEFAULT_MAX_DOCUMENTS, "--max-documents", min=0),
        max_seconds: float = typer.Option(
            cfg.DEFAULT_MAX_SECONDS, "--max-seconds", min=1.0, help="เวลาตรวจสูงสุด (วินาที) / total crawl time limit"
        ),
        max_bytes: int = typer.Option(cfg.DEFAULT_MAX_BYTES, "--max-bytes", min=1024, help="per response"),
        timeout: float = typer.Option(cfg.DEFAULT_TIMEOUT, "--timeout", min=0.1, help="per request, seconds"),
        delay: float = typer.Option(
            cfg.DEFAULT_DELAY, "--delay", envvar="OIT_CHECK_DELAY", min=0.0, help="seconds between requests to the site"
        ),
        concurrency: int = typer.Option(cfg.DEFAULT_CONCURRENCY, "--concurrency", min=1, max=32),
        include_subdomains: bool = typer.Option(False, "--include-subdomains", help="crawl *.domain too"),
        no_documents: bool = typer.Option(False, "--no-documents", help="do not download PDF/DOCX/XLSX"),
        allow_private: bool = typer.Option(
            False, "--allow-private", help="allow private/loopback targets (your own intranet site)"
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress output"),
        results: Path | None = typer.Option(
            None, "--results", help="ไฟล์ผลการประเมิน ITA: เพิ่มการวิเคราะห์การรับรู้ในรายงาน HTML / ITA results file"
        ),
    ) -> None:
        """ตรวจเว็บไซต์หนึ่งแห่งตามรายการ OIT ทุกข้อ / scan one agency website for every OIT item."""
        try:
            crawl_config = cfg.CrawlConfig(
                max_pages=max_pages,
                max_depth=max_depth,
                max_documents=max_documents,
                max_seconds=max_seconds,
                max_bytes=max_bytes,
                timeout=timeout,
                delay=delay,
                concurrency=concurrency,
                include_subdomains=include_subdomains,
                fetch_documents=not no_documents,
                allow_private=True if allow_private else None,
                ocr_pages=0 if no_ocr else cfg.DEFAULT_OCR_PAGES,
            )
        except ValueError as exc:
            raise fail(ConfigError(f"invalid option: {exc}"), EXIT_BAD_INPUT) from exc
        code = run_scan(
            url,
            checklist_name=checklist,
            framework=framework,
            fiscal_year=fiscal_year,
            as_of=as_of,
            fmt=fmt,
            output=output,
            lang=lang,
            crawl_config=crawl_config,
            quiet=quiet,
            results=results,
        )
        raise typer.Exit(code)

    @app.command("demo")
    def demo_cmd(
        fmt: Format = typer.Option(Format.TABLE, "--format", help="table | json | html"),
        output: Path | None = typer.Option(None, "--output", "-o"),
        lang: Lang = typer.Option(Lang.TH, "--lang", help="th | en"),
    ) -> None:
        """สาธิต: เปิดเว็บไซต์ตัวอย่างบนเครื่องแล้วตรวจ / serve the bundled demo site on loopback and scan it."""
        import yaml

        from oit_check.demo import bundled_demo_root
        from oit_check.fixtureserver import serve_site

        root = bundled_demo_root()
        labels_file = root / "_expected.yaml"
        labels = yaml.safe_load(labels_file.read_text(encoding="utf-8")) if labels_file.exists() else {}
        fiscal_year = int(labels.get("fiscal_year", 2567))
        as_of = str(labels.get("as_of", "2024-04-30"))
        with serve_site(root) as server:
            typer.echo(t("cli.demo_site", lang, url=server.url, year=fiscal_year, as_of=as_of), err=True)
            code = run_scan(
                server.url,
                checklist_name="ita-2566",
                fiscal_year=fiscal_year,
                as_of=as_of,
                fmt=fmt,
                output=output,
                lang=lang,
                crawl_config=cfg.CrawlConfig(delay=0.0, allow_private=True),
            )
        # the demo site has deliberate faults: finding them is success
        raise typer.Exit(EXIT_OK if code in (EXIT_OK, EXIT_FINDINGS) else code)

    schema_app = typer.Typer(help="JSON Schema ของรายงาน / JSON Schemas", no_args_is_help=True)

    @schema_app.command("report")
    def schema_report() -> None:
        """JSON Schema ของรายงาน JSON / print the JSON Schema of the scan report."""
        sys.stdout.write(report_schema())

    @schema_app.command("checklist")
    def schema_checklist() -> None:
        """JSON Schema ของไฟล์ checklist / print the JSON Schema of checklist files."""
        import json

        from oit_check.checklist.schema import Checklist as ChecklistModel

        sys.stdout.write(json.dumps(ChecklistModel.model_json_schema(), ensure_ascii=False, indent=2) + "\n")

    app.add_typer(schema_app, name="schema")
