"""Render what was read (``ITAResults``) and the analysis (``GapReport``) as text, Markdown or JSON.

Pure functions returning strings; the commands print them. Labels are Thai first, English with
``lang="en"``; figures keep Arabic digits here (a working view for staff), unlike the measures
document, which writes Thai digits as officials do.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from oit_check.i18n import diagnosis_text, flag_label
from oit_check.perception.gaps import GapReport, PerceptionGap
from oit_check.perception.results import ITAResults
from oit_check.perception.schema import PerceptionData

_TABLE_WIDTH = 180


def _t(th: str, en: str, lang: str) -> str:
    return en if lang == "en" else th


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=_TABLE_WIDTH, no_color=True, highlight=False, soft_wrap=False), buf


def render_results_table(results: ITAResults, data: PerceptionData, lang: str = "th") -> str:
    """What was read, row by row, and what was not."""
    console, buf = _console()
    console.print(
        _t(
            f"ไฟล์ {results.source} ({results.input_format}, {results.lines} บรรทัด): อ่านได้ {len(results.rows)} ข้อ",
            f"{results.source} ({results.input_format}, {results.lines} lines): {len(results.rows)} items read",
            lang,
        )
    )
    if results.year:
        console.print(
            _t(
                f"ปีที่ประเมิน {results.year} (เทียบกับ {results.previous_year})",
                f"assessed year {results.year} (compared with {results.previous_year})",
                lang,
            )
        )
    if results.total is not None:
        console.print(
            _t(
                f"คะแนนรวม {results.total:.2f} (บรรทัด {results.total_line})",
                f"total {results.total:.2f} (line {results.total_line})",
                lang,
            )
        )
    table = Table(show_edge=False, pad_edge=False)
    for th, en in (
        ("บรรทัด", "line"),
        ("ข้อ", "code"),
        ("อ่านจาก", "by"),
        ("คะแนน", "score"),
        ("ส่วนที่ 1", "part 1"),
        ("ส่วนที่ 2", "part 2"),
        ("ปีก่อน", "previous"),
        ("ข้อความ", "text"),
        ("หมายเหตุ", "note"),
    ):
        table.add_column(_t(th, en, lang), overflow="ellipsis", no_wrap=True, max_width=48 if en == "text" else None)
    for r in results.rows:
        lines = f"{r.line}" + (f"-{r.line_end}" if r.line_end else "")
        by = r.identified_by.value + (f" ({r.printed_code})" if r.printed_code else "")
        score = _num(r.score) + ("*" if r.score_is_mean else "")
        note = "; ".join(x for x in (r.note, _t("(ต่ำสุด)", "(marked lowest)", lang) if r.marked_lowest else "") if x)
        table.add_row(lines, r.code, by, score, _num(r.part1), _num(r.part2), _num(r.previous), r.text, note)
    console.print(table)
    if any(r.score_is_mean for r in results.rows):
        console.print(
            _t(
                "* คะแนน EIT = ค่าเฉลี่ยของส่วนที่ 1 และ 2 (ปัดเศษแบบ half-even)",
                "* EIT score = mean of parts 1 and 2 (rounded half to even)",
                lang,
            )
        )
    if results.indicators:
        console.print(
            _t("ตัวชี้วัด: ", "indicators: ", lang)
            + ", ".join(
                f"{i.id}={_num(i.score)}" + (f" ({_num(i.previous)})" if i.previous is not None else "")
                for i in results.indicators
            )
        )
    if results.tools:
        console.print(
            _t("รายเครื่องมือ: ", "tools: ", lang) + ", ".join(f"{t.tool.upper()}={t.score:.2f}" for t in results.tools)
        )
    _problems(console, results, data, lang)
    return buf.getvalue()


def _problems(console: Console, results: ITAResults, data: PerceptionData, lang: str) -> None:
    if results.unidentified:
        console.print(
            _t(
                f"อ่านไม่ได้ {len(results.unidentified)} บรรทัด (มีตัวเลขแต่ระบุข้อไม่ได้):",
                f"{len(results.unidentified)} line(s) with figures not identified:",
                lang,
            )
        )
        for u in results.unidentified:
            console.print(f"  {_t('บรรทัด', 'line', lang)} {u.line}: {u.text}")
            console.print(f"      -> {u.reason}")
    else:
        console.print(_t("ทุกบรรทัดที่มีตัวเลขอ่านได้ครบ", "every line with figures was identified", lang))
    for w in results.without_figures:
        console.print(
            _t(
                f"  บรรทัด {w.line}: มีรหัสข้อแต่ไม่มีคะแนน: {w.text}",
                f"  line {w.line}: item code without figures: {w.text}",
                lang,
            )
        )
    for d in results.duplicates:
        console.print(
            _t(
                f"  บรรทัด {d.line}: {d.code} ซ้ำกับบรรทัด {d.first_line}"
                + ("" if d.same_figures else " (คะแนนต่างกัน ใช้บรรทัดแรก)"),
                f"  line {d.line}: {d.code} repeats line {d.first_line}"
                + ("" if d.same_figures else " (different figures; first kept)"),
                lang,
            )
        )
    for s in results.not_read:
        console.print(
            _t(
                f"ไม่ได้อ่านบรรทัด {s.first_line}-{s.last_line}: ส่วนที่ต่อจากตารางผลการประเมิน (การวิเคราะห์/มาตรการ)",
                f"lines {s.first_line}-{s.last_line} not read: {s.reason}",
                lang,
            )
        )
    read = {r.code for r in results.rows}
    missing = [q.code for q in data.questions if q.code not in read]
    if missing:
        console.print(_t("ไม่พบในไฟล์: ", "not in the file: ", lang) + ", ".join(missing))


def results_json(results: ITAResults) -> str:
    """The JSON form of what was read."""
    return results.model_dump_json(indent=2)


def gaps_json(report: GapReport) -> str:
    """The JSON output of ``oit-check gaps``."""
    return report.model_dump_json(indent=2)


def _linked_text(gap: PerceptionGap, lang: str) -> str:
    if not gap.linked_oit:
        return "-"
    return ", ".join(f"{lo.id} {lo.status}" for lo in gap.linked_oit)


def _diag_text(gap: PerceptionGap, lang: str) -> str:
    if gap.diagnosis is None:
        return ""
    return diagnosis_text(gap.diagnosis.value, lang, gap.problem_oit)


def render_gaps_table(report: GapReport, data: PerceptionData, lang: str = "th") -> str:
    """The ranked items with flag, theme, linked OIT items and diagnosis."""
    console, buf = _console()
    console.print(
        _t(
            f"การวิเคราะห์ช่องว่างการรับรู้: เกณฑ์ {report.threshold:g} คะแนน, เฝ้าระวังต่ำกว่า {report.watch_below:g}"
            f" หรือลดลง {report.drop_points:g} คะแนนขึ้นไป",
            f"Perception gaps: threshold {report.threshold:g}, watch below {report.watch_below:g}"
            f" or a drop of {report.drop_points:g}+",
            lang,
        )
    )
    if report.scan:
        console.print(
            _t(
                f"ผลตรวจเว็บไซต์: {report.scan.source} ({report.scan.as_of or '-'})",
                f"scan report: {report.scan.source} ({report.scan.as_of or '-'})",
                lang,
            )
        )
    table = Table(show_edge=False, pad_edge=False)
    for th, en in (
        ("อันดับ", "rank"),
        ("ข้อ", "code"),
        ("คะแนน", "score"),
        ("ส่วนที่ 1", "part 1"),
        ("ส่วนที่ 2", "part 2"),
        ("ปีก่อน", "prev"),
        ("ผล", "flag"),
        ("ประเด็น", "theme"),
        ("OIT ที่เกี่ยวข้อง", "linked OIT"),
        ("การวินิจฉัย", "diagnosis"),
    ):
        table.add_column(_t(th, en, lang), overflow="fold", max_width=44 if en == "linked OIT" else None)
    for rank, g in enumerate(report.perception, start=1):
        theme = data.theme(g.theme)
        table.add_row(
            str(rank),
            g.code,
            _num(g.score),
            _num(g.part1),
            _num(g.part2),
            _num(g.previous),
            flag_label(g.flag.value, lang),
            f"{theme.number} {theme.title_en if lang == 'en' else theme.title_th}",
            _linked_text(g, lang),
            _diag_text(g, lang),
        )
    console.print(table)
    s = report.summary
    console.print(_t("ต่ำกว่าเกณฑ์: ", "below: ", lang) + (", ".join(s.below) or "-"))
    console.print(_t("เฝ้าระวัง: ", "watch: ", lang) + (", ".join(s.watch) or "-"))
    if s.lowest_figure is not None:
        console.print(_t("ต่ำสุด: ", "lowest: ", lang) + ", ".join(s.lowest) + f" ({s.lowest_figure:.2f})")
    if report.missing_items:
        console.print(_t("ไม่พบในไฟล์ผลการประเมิน: ", "not in the results: ", lang) + ", ".join(report.missing_items))
    for u in report.unidentified:
        console.print(
            _t(
                f"อ่านไม่ได้ บรรทัด {u.line}: {u.text} ({u.reason})",
                f"not identified, line {u.line}: {u.text} ({u.reason})",
                lang,
            )
        )
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_gaps_markdown(report: GapReport, data: PerceptionData, lang: str = "th") -> str:
    """The analysis as a Markdown table, with the summary and unread lines."""
    out: list[str] = []
    out.append(_t("# ช่องว่างระหว่างการรับรู้และการเปิดเผยข้อมูล", "# Perception gaps", lang))
    out.append("")
    out.append(
        _t(
            f"เกณฑ์ {report.threshold:g} คะแนน; เฝ้าระวังเมื่อต่ำกว่า {report.watch_below:g} หรือลดลงตั้งแต่"
            f" {report.drop_points:g} คะแนน; ผลการประเมินจาก `{report.results_source}`",
            f"Threshold {report.threshold:g}; watch below {report.watch_below:g} or a drop of {report.drop_points:g}+;"
            f" results from `{report.results_source}`",
            lang,
        )
    )
    if report.scan:
        out.append("")
        out.append(
            _t(
                f"ผลตรวจเว็บไซต์: `{report.scan.source}` ({report.scan.as_of or '-'})",
                f"Scan report: `{report.scan.source}` ({report.scan.as_of or '-'})",
                lang,
            )
        )
    out.append("")
    head = [
        ("อันดับ", "Rank"),
        ("ข้อ", "Code"),
        ("คะแนน", "Score"),
        ("ส่วนที่ ๑", "Part 1"),
        ("ส่วนที่ ๒", "Part 2"),
        ("ปีก่อน", "Previous"),
        ("ผล", "Flag"),
        ("ประเด็น", "Theme"),
        ("OIT ที่เกี่ยวข้อง", "Linked OIT"),
        ("การวินิจฉัย", "Diagnosis"),
    ]
    out.append("| " + " | ".join(_t(th, en, lang) for th, en in head) + " |")
    out.append("|" + "---|" * len(head))
    for rank, g in enumerate(report.perception, start=1):
        theme = data.theme(g.theme)
        cells = [
            str(rank),
            g.code,
            _num(g.score),
            _num(g.part1),
            _num(g.part2),
            _num(g.previous),
            flag_label(g.flag.value, lang),
            theme.title_en if lang == "en" else theme.title_th,
            _linked_text(g, lang),
            _diag_text(g, lang),
        ]
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    s = report.summary
    out.append("")
    out.append(_t("- ต่ำกว่าเกณฑ์: ", "- Below: ", lang) + (", ".join(s.below) or "-"))
    out.append(_t("- เฝ้าระวัง: ", "- Watch: ", lang) + (", ".join(s.watch) or "-"))
    if s.lowest_figure is not None:
        out.append(_t("- ต่ำสุด: ", "- Lowest: ", lang) + ", ".join(s.lowest) + f" ({s.lowest_figure:.2f})")
    if report.unidentified:
        out.append("")
        out.append(_t("## บรรทัดที่อ่านไม่ได้", "## Lines not identified", lang))
        out.append("")
        for u in report.unidentified:
            out.append(f"- {_t('บรรทัด', 'line', lang)} {u.line}: `{u.text}` ({u.reason})")
    return "\n".join(out) + "\n"
