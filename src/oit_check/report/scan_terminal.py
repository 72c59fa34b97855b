"""The terminal report: a rich table of the 43 items with verdict, evidence and what to fix."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from oit_check.i18n import thai_year, verdict_label
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
    th = lang == "th"
    fy = thai_year(result.fiscal_year) if th else str(result.fiscal_year)
    console.print(
        (
            f"ผลตรวจ OIT ของ {result.start_url}  ปีงบประมาณ {fy}  ณ วันที่ {result.as_of.isoformat()}"
            if th
            else f"OIT check of {result.start_url}  fiscal year {fy}  as of {result.as_of.isoformat()}"
        ),
        highlight=False,
    )
    table = Table(show_lines=False, expand=True, pad_edge=False)
    table.add_column("ข้อ" if th else "Item", no_wrap=True)
    table.add_column("หัวข้อ" if th else "Title", ratio=3)
    table.add_column("ผล" if th else "Status", no_wrap=True)
    table.add_column("หลักฐาน / เหตุผล / วิธีแก้" if th else "Evidence / reason / fix", ratio=6)
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
    if th:
        console.print(
            f"สรุป: ผ่าน {s.ok}  ไม่ครบ {s.partial}  ไม่เป็นปัจจุบัน {s.stale}  ลิงก์เสีย {s.broken}  ไม่พบ {s.missing}"
            f"  จาก {s.total} ข้อ  (คะแนน OIT โดยประมาณ {s.expected_oit_score:.2f})",
            highlight=False,
        )
        console.print(
            f"ตรวจ {result.crawl.pages} หน้า {result.crawl.documents} เอกสาร"
            f" ใช้เวลา {result.timings.total_seconds:.1f} วินาที",
            highlight=False,
        )
    else:
        console.print(
            f"Summary: ok {s.ok}  partial {s.partial}  stale {s.stale}  broken {s.broken}  missing {s.missing}"
            f"  of {s.total}  (expected OIT score {s.expected_oit_score:.2f})",
            highlight=False,
        )
        console.print(
            f"Crawled {result.crawl.pages} pages and {result.crawl.documents} documents in "
            f"{result.timings.total_seconds:.1f} s",
            highlight=False,
        )
    return buffer.getvalue()
