"""Render what was read (``ITAResults``) and the analysis (``GapReport``) as text, Markdown or JSON.

Pure functions returning strings; the commands print them. Labels are Thai first, English with
``lang="en"``, from the string catalogue (``results_text.*``, ``gaps_text.*``, ``gaps_markdown.*``);
figures keep Arabic digits here (a working view for staff), unlike the measures document, which
writes Thai digits as officials do.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from oit_check.i18n import diagnosis_text, flag_label, normalize_lang, t
from oit_check.perception.gaps import GapReport, PerceptionGap
from oit_check.perception.results import ITAResults
from oit_check.perception.schema import PerceptionData

_TABLE_WIDTH = 180


_RESULTS_COLUMNS = ("line", "code", "by", "score", "part1", "part2", "previous", "text", "note")
_GAPS_COLUMNS = ("rank", "code", "score", "part1", "part2", "previous", "flag", "theme", "linked", "diagnosis")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=_TABLE_WIDTH, no_color=True, highlight=False, soft_wrap=False), buf


def render_results_table(results: ITAResults, data: PerceptionData, lang: str = "th") -> str:
    """What was read, row by row, and what was not."""
    console, buf = _console()
    read = {"source": results.source, "format": results.input_format, "lines": results.lines}
    console.print(t("results_text.read", lang, **read, rows=len(results.rows)))
    if results.year:
        console.print(t("results_text.year", lang, year=results.year, previous=results.previous_year))
    if results.total is not None:
        console.print(t("results_text.total", lang, total=results.total, line=results.total_line))
    table = Table(show_edge=False, pad_edge=False)
    for column in _RESULTS_COLUMNS:
        table.add_column(
            t(f"results_text.col_{column}", lang),
            overflow="ellipsis",
            no_wrap=True,
            max_width=48 if column == "text" else None,
        )
    for r in results.rows:
        lines = f"{r.line}" + (f"-{r.line_end}" if r.line_end else "")
        by = r.identified_by.value + (f" ({r.printed_code})" if r.printed_code else "")
        score = _num(r.score) + ("*" if r.score_is_mean else "")
        note = "; ".join(x for x in (r.note, t("results_text.marked_lowest", lang) if r.marked_lowest else "") if x)
        table.add_row(lines, r.code, by, score, _num(r.part1), _num(r.part2), _num(r.previous), r.text, note)
    console.print(table)
    if any(r.score_is_mean for r in results.rows):
        console.print(t("results_text.mean_note", lang))
    if results.indicators:
        scores = ", ".join(
            f"{i.id}={_num(i.score)}" + (f" ({_num(i.previous)})" if i.previous is not None else "")
            for i in results.indicators
        )
        console.print(t("results_text.indicators", lang, scores=scores))
    if results.tools:
        scores = ", ".join(f"{tool.tool.upper()}={tool.score:.2f}" for tool in results.tools)
        console.print(t("results_text.tools", lang, scores=scores))
    _problems(console, results, data, lang)
    return buf.getvalue()


def _problems(console: Console, results: ITAResults, data: PerceptionData, lang: str) -> None:
    if results.unidentified:
        console.print(t("results_text.unidentified", lang, n=len(results.unidentified)))
        for u in results.unidentified:
            console.print("  " + t("results_text.line", lang, line=u.line, text=u.text))
            console.print(f"      -> {u.reason}")
    else:
        console.print(t("results_text.all_identified", lang))
    for w in results.without_figures:
        console.print("  " + t("results_text.without_figures", lang, line=w.line, text=w.text))
    for d in results.duplicates:
        differs = "" if d.same_figures else t("results_text.duplicate_differs", lang)
        console.print("  " + t("results_text.duplicate", lang, line=d.line, code=d.code, first=d.first_line) + differs)
    english = normalize_lang(lang) == "en"
    for s in results.not_read:
        # the reader's reason is English; in Thai the one kind of skipped range is named by the catalogue
        reason = s.reason if english else t("results_text.after_results", lang)
        console.print(t("results_text.not_read", lang, first=s.first_line, last=s.last_line, reason=reason))
    read = {r.code for r in results.rows}
    missing = [q.code for q in data.questions if q.code not in read]
    if missing:
        console.print(t("results_text.not_in_file", lang, codes=", ".join(missing)))


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
    console.print(t("gaps_text.heading", lang, **_criteria(report)))
    if report.scan:
        console.print(t("gaps_text.scan", lang, source=report.scan.source, as_of=report.scan.as_of or "-"))
    table = Table(show_edge=False, pad_edge=False)
    for column in _GAPS_COLUMNS:
        table.add_column(
            t(f"gaps_text.col_{column}", lang), overflow="fold", max_width=44 if column == "linked" else None
        )
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
    console.print(t("gaps_text.below", lang, codes=", ".join(s.below) or "-"))
    console.print(t("gaps_text.watch", lang, codes=", ".join(s.watch) or "-"))
    if s.lowest_figure is not None:
        console.print(t("gaps_text.lowest", lang, codes=", ".join(s.lowest), figure=s.lowest_figure))
    if report.missing_items:
        console.print(t("gaps_text.missing", lang, codes=", ".join(report.missing_items)))
    for u in report.unidentified:
        console.print(t("gaps_text.unidentified", lang, line=u.line, text=u.text, reason=u.reason))
    return buf.getvalue()


def _criteria(report: GapReport) -> dict[str, float]:
    return {"threshold": report.threshold, "watch": report.watch_below, "drop": report.drop_points}


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_gaps_markdown(report: GapReport, data: PerceptionData, lang: str = "th") -> str:
    """The analysis as a Markdown table, with the summary and unread lines."""
    out: list[str] = []
    out.append("# " + t("gaps_markdown.title", lang))
    out.append("")
    out.append(t("gaps_markdown.criteria", lang, **_criteria(report), source=report.results_source))
    if report.scan:
        out.append("")
        out.append(t("gaps_markdown.scan", lang, source=report.scan.source, as_of=report.scan.as_of or "-"))
    out.append("")
    out.append("| " + " | ".join(t(f"gaps_markdown.col_{column}", lang) for column in _GAPS_COLUMNS) + " |")
    out.append("|" + "---|" * len(_GAPS_COLUMNS))
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
    out.append("- " + t("gaps_markdown.below", lang, codes=", ".join(s.below) or "-"))
    out.append("- " + t("gaps_markdown.watch", lang, codes=", ".join(s.watch) or "-"))
    if s.lowest_figure is not None:
        out.append("- " + t("gaps_markdown.lowest", lang, codes=", ".join(s.lowest), figure=s.lowest_figure))
    if report.unidentified:
        out.append("")
        out.append("## " + t("gaps_markdown.unidentified", lang))
        out.append("")
        for u in report.unidentified:
            out.append("- " + t("gaps_markdown.unidentified_line", lang, line=u.line, text=u.text, reason=u.reason))
    return "\n".join(out) + "\n"
