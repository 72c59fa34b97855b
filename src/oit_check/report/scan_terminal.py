"""The terminal report: a rich table of the 43 items with verdict, evidence and what to fix.

Its words are ``scan_terminal.*`` in the string catalogue; the counts use the verdict labels."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from oit_check.i18n import normalize_lang, t, thai_year, verdict_label
from oit_check.models import ScanResult, Verdict

_STYLE = {
    Verdict.OK: "bold green",
    Verdict.PARTIAL: "bold yellow",
    Verdict.STALE: "bold magenta",
    Verdict.BROKEN: "bold red",
    Verdict.MISSING: "bold red",
}


def render_table(result: ScanResult, *, lang: str = "th", width: int = 140, color: bool = False) -> str:
    """The whole report as text: header, one row per item, summary. Verdicts are words, not colours only."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="auto" if color else None)
    th = normalize_lang(lang) == "th"
    fy = thai_year(result.fiscal_year) if th else str(result.fiscal_year)
    heading = t("scan_terminal.heading", lang, url=result.start_url, year=fy, as_of=result.as_of.isoformat())
    console.print(heading, highlight=False)
    table = Table(show_lines=False, expand=True, pad_edge=False)
    table.add_column(t("scan_terminal.col_item", lang), no_wrap=True)
    table.add_column(t("scan_terminal.col_title", lang), ratio=3)
    table.add_column(t("scan_terminal.col_status", lang), no_wrap=True)
    table.add_column(t("scan_terminal.col_detail", lang), ratio=6)
    for item in result.items:
        title = item.title_th if th else item.title_en
        reason = item.reason_th if th else item.reason_en
        fix = item.fix_th if th else item.fix_en
        detail = Text(reason)
        if item.status is not Verdict.OK and fix:
            detail.append("\n→ " + fix, style="dim")
        table.add_row(item.id, title, Text(verdict_label(item.status, lang), style=_STYLE[item.status]), detail)
    console.print(table)
    s = result.summary
    counts = "  ".join(f"{verdict_label(verdict, lang)} {getattr(s, verdict.value)}" for verdict in Verdict)
    console.print(
        t("scan_terminal.summary", lang, counts=counts, total=s.total, score=s.expected_oit_score), highlight=False
    )
    for warning in result.warnings:
        console.print("⚠ " + (warning.message_th if th else warning.message_en), style="bold yellow", highlight=False)
    crawl = {"pages": result.crawl.pages, "documents": result.crawl.documents}
    console.print(t("scan_terminal.crawl", lang, **crawl, seconds=result.timings.total_seconds), highlight=False)
    return buffer.getvalue()
