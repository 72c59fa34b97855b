"""The drafter: chooses, orders and fills the perception data's phrases, section by section."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from oit_check.perception.codes import code_sort_key
from oit_check.perception.gaps import Flag, GapReport, PerceptionGap, choose_measures
from oit_check.perception.measures.formatting import (
    _join,
    _ranges,
    thai_code,
    thai_number,
    thai_threshold,
    timeline_text,
)
from oit_check.perception.measures.model import Block, Cell, DraftOptions, MeasuresDocument, Paragraph, Row, Run, Table
from oit_check.perception.results import ITAResults, ResultRow
from oit_check.perception.scanreport import ScanStatuses
from oit_check.perception.schema import Diagnosis, MeasureTemplate, PerceptionData, Theme
from oit_check.thai.dates import format_thai_date
from oit_check.thai.text import to_thai_digits

# Order in which diagnoses are discussed inside a theme: the most urgent first.
_DIAGNOSIS_ORDER = (
    Diagnosis.NOT_DISCLOSED,
    Diagnosis.DISCLOSED_NOT_PERCEIVED,
    Diagnosis.NO_OIT_LINK,
    Diagnosis.UNKNOWN,
)
# More linked OIT items than this are cited by code range only ("o๑–o๑๐"), without titles.
MAX_TITLED_OIT = 3


class _Drafter:
    def __init__(
        self,
        report: GapReport,
        results: ITAResults,
        data: PerceptionData,
        options: DraftOptions,
        scan: ScanStatuses | None,
        oit_titles: dict[str, str],
    ) -> None:
        self.report = report
        self.results = results
        self.data = data
        self.doc = data.document
        self.opt = options
        self.scan = scan
        # OIT titles: the checklist's, else the scan report's, else as printed in the results
        self.titles = {r.code: " ".join(r.text.split()) for r in results.rows if r.code[0] == "o" and r.text}
        if scan is not None:
            self.titles.update(scan.titles)
        self.titles.update(oit_titles)
        self.year = options.fiscal_year - 1  # the assessed year the results are from
        self.agency = options.agency
        self.flagged = [g for g in report.perception if g.flag is not Flag.OK]
        self.themes = [t for t in sorted(data.themes, key=lambda t: t.number) if self._theme_gaps(t)]

    # -- helpers -------------------------------------------------------------------------------

    def _theme_gaps(self, theme: Theme) -> list[PerceptionGap]:
        return sorted((g for g in self.flagged if g.theme == theme.id), key=lambda g: code_sort_key(g.code))

    def _fmt(self, template: str, **values: object) -> str:
        return template.format(**values)

    def _oit_phrase(self, ids: Iterable[str]) -> str:
        ids = sorted(set(ids), key=code_sort_key)
        if len(ids) <= MAX_TITLED_OIT:
            parts = [f"{thai_code(i)} {self.titles.get(i, '')}".strip() for i in ids]
            return _join(parts, self.doc.list_and)
        return _join(_ranges(ids), self.doc.list_and)

    def _scan_date(self) -> str:
        if self.scan is not None and self.scan.as_of is not None:
            return format_thai_date(self.scan.as_of, style="long")
        return ""

    def _audience(self, gaps: Sequence[PerceptionGap]) -> str:
        tools: list[str] = []
        for g in gaps:
            aud = self.data.tool_by_prefix(g.code[0]).audience_th
            if aud and aud not in tools:
                tools.append(aud)
        return _join(tools, self.doc.list_and)

    # -- section 1 -----------------------------------------------------------------------------

    def section_results(self) -> list[Block]:
        d = self.doc
        out: list[Block] = [
            self._heading1(1, self._fmt(d.section_results, agency=self.agency, year=self._y(self.year)))
        ]
        if self.results.total is not None:
            band = self.data.band(self.results.total).label_th
            intro = self._fmt(
                d.results_intro_total,
                agency=self.agency,
                year=self._y(self.year),
                total=thai_number(self.results.total),
                band=band,
            )
        else:
            intro = self._fmt(d.results_intro, agency=self.agency, year=self._y(self.year))
        out.append(Paragraph((Run(intro),)))
        indicators = [self.results.indicator(str(ind.number)) for ind in self.data.indicators]
        if any(i is not None for i in indicators):
            rows: list[Row] = []
            seen_tools: set[str] = set()
            for ind in self.data.indicators:
                got = self.results.indicator(str(ind.number))
                if got is None:
                    continue
                tool = self.data.tool_of_indicator(ind.number)
                tool_score = ""
                if tool.id not in seen_tools:
                    seen_tools.add(tool.id)
                    ts = self.results.tool_score(tool.id)
                    tool_score = thai_number(ts) if ts is not None else ""
                rows.append(
                    Row(
                        (
                            Cell(
                                (
                                    self._fmt(
                                        d.indicator_label, number=to_thai_digits(str(ind.number)), title=ind.title_th
                                    ),
                                )
                            ),
                            Cell((thai_number(got.score),)),
                            Cell((tool_score,)),
                        )
                    )
                )
            out.append(Table(d.indicator_table_header, tuple(rows), (3.2, 1.2, 1.2), centered=(1, 2)))
        out.append(
            Paragraph(
                (
                    Run(
                        self._fmt(
                            d.items_intro, agency=self.agency, year=self._y(self.year), prev_year=self._y(self.year - 1)
                        )
                    ),
                )
            )
        )
        out.append(self._items_table())
        return out

    def _items_table(self) -> Table:
        """Every item read, grouped by tool and indicator, with this year's and last year's figures."""
        d = self.doc
        lowest = set(self.report.summary.lowest)
        rows: list[Row] = []
        for tool in self.data.tools:
            tool_rows = [r for r in self.results.rows if r.code[0] == tool.code_prefix]
            if not tool_rows:
                continue
            rows.append(Row((Cell((tool.title_th,), bold=True),), group=True))
            tool_indicators = [i for i in self.data.indicators if i.tool == tool.id]
            for ind in tool_indicators:
                if tool.code_prefix == "o":
                    # OIT rows sit under the indicator they were printed under (o-items are not questions)
                    in_ind = [r for r in tool_rows if (r.indicator or tool_indicators[0].number) == ind.number]
                else:
                    in_ind = [r for r in tool_rows if self.data.question(r.code).indicator == ind.number]
                if not in_ind:
                    continue
                got = self.results.indicator(str(ind.number))
                label = self._fmt(d.indicator_label, number=to_thai_digits(str(ind.number)), title=ind.title_th)
                score = thai_number(got.score) if got is not None and got.score is not None else ""
                rows.append(Row((Cell(("",)), Cell((label,), bold=True), Cell((score,), bold=True))))
                for r in in_ind:
                    text = (
                        (self.titles.get(r.code) or r.text)
                        if tool.code_prefix == "o"
                        else self.data.question(r.code).text_th
                    )
                    rows.append(
                        Row(
                            (
                                Cell((thai_code(r.code),)),
                                Cell((" ".join(text.split()),)),
                                Cell(self._figures(r, r.code in lowest)),
                            )
                        )
                    )
        yy, pyy = to_thai_digits(f"{self.year % 100:02d}"), to_thai_digits(f"{(self.year - 1) % 100:02d}")
        header = tuple(self._fmt(h, yy=yy, pyy=pyy) for h in d.items_table_header)
        return Table((header[0], header[1], header[2]), tuple(rows), (0.8, 4.6, 1.8), centered=(0, 2))

    def _figures(self, r: ResultRow, lowest: bool) -> tuple[str, ...]:
        """The figure cell: EIT parts then their mean, last year's score in brackets, the lowest marked."""
        d = self.doc
        lines: list[str] = []
        if r.part1 is not None or r.part2 is not None:
            for part, value in ((1, r.part1), (2, r.part2)):
                if value is not None:
                    lines.append(self._fmt(d.eit_part_label, part=to_thai_digits(str(part)), score=thai_number(value)))
            last = self._fmt(d.eit_mean_label, score=thai_number(r.score)) if r.score_is_mean else ""
        else:
            last = thai_number(r.score)
        if r.previous is not None:
            last = f"{last} ({thai_number(r.previous)})".strip()
        if lowest:
            last = f"{last} {d.lowest_mark}".strip()
        if last:
            lines.append(last)
        return tuple(lines)

    # -- section 2 -----------------------------------------------------------------------------

    def section_analysis(self) -> list[Block]:
        d = self.doc
        out: list[Block] = [self._heading1(2, self._fmt(d.section_analysis, year=self._y(self.year)))]
        themes_count = to_thai_digits(str(len(self.themes)))
        if self.results.total is not None:
            change = ""
            prev = self.results.total_previous
            if prev is not None:
                diff = Decimal(str(self.results.total)) - Decimal(str(prev))
                values = {
                    "diff": thai_number(float(abs(diff))),
                    "prev_year": self._y(self.year - 1),
                    "prev_total": thai_number(prev),
                }
                template = d.total_change_up if diff > 0 else d.total_change_down if diff < 0 else d.total_change_same
                change = template.format(**{k: v for k, v in values.items() if "{" + k + "}" in template})
            intro = self._fmt(
                d.analysis_intro_total,
                agency=self.agency,
                year=self._y(self.year),
                total=thai_number(self.results.total),
                change=change,
                fy=self._y(self.opt.fiscal_year),
                themes=themes_count,
            )
        else:
            intro = self._fmt(
                d.analysis_intro,
                agency=self.agency,
                year=self._y(self.year),
                fy=self._y(self.opt.fiscal_year),
                themes=themes_count,
            )
        out.append(Paragraph((Run(intro),)))
        for k, theme in enumerate(self.themes, start=1):
            out.append(Paragraph((Run(f"๒.{to_thai_digits(str(k))} {theme.title_th}", bold=True),), style="heading2"))
            out.append(Paragraph((Run(self._theme_paragraph(theme)),)))
        # themes whose items were read and are all ok (not those the results say nothing about)
        read = {g.theme for g in self.report.perception}
        quiet = [t for t in sorted(self.data.themes, key=lambda t: t.number) if t not in self.themes and t.id in read]
        if quiet:
            names = _join([t.title_th for t in quiet], d.list_and)
            out.append(Paragraph((Run(self._fmt(d.analysis_ok_themes, themes=names)),)))
        return out

    def _item_text(self, g: PerceptionGap) -> str:
        d = self.doc
        q = self.data.question(g.code)
        text = self._fmt(d.item_clause, topic=q.topic_th, code=thai_code(g.code), score=thai_number(g.score))
        if g.part1 is not None and g.part2 is not None:
            text += self._fmt(d.item_parts_clause, part1=thai_number(g.part1), part2=thai_number(g.part2))
        threshold = Decimal(str(self.report.threshold))
        watch = Decimal(str(self.report.watch_below))

        def parts_under(limit: Decimal) -> str:
            return _join(
                [
                    to_thai_digits(str(n))
                    for n, v in ((1, g.part1), (2, g.part2))
                    if v is not None and Decimal(str(v)) < limit
                ],
                d.list_and,
            )

        score_low = g.score is not None
        if g.flag is Flag.BELOW:
            if score_low and Decimal(str(g.score)) < threshold:
                text += self._fmt(d.verdict_below, threshold=thai_threshold(self.report.threshold))
            else:
                text += self._fmt(
                    d.verdict_part_below, part=parts_under(threshold), threshold=thai_threshold(self.report.threshold)
                )
        elif g.lowest is not None and Decimal(str(g.lowest)) < watch:
            if score_low and Decimal(str(g.score)) < watch:
                text += self._fmt(d.verdict_watch, watch=thai_threshold(self.report.watch_below))
            else:
                text += self._fmt(
                    d.verdict_part_watch, part=parts_under(watch), watch=thai_threshold(self.report.watch_below)
                )
        if g.change is not None and g.previous is not None and -g.change >= self.report.drop_points:
            text += self._fmt(d.item_drop_clause, diff=thai_number(-g.change), previous=thai_number(g.previous))
        return text

    def _theme_paragraph(self, theme: Theme) -> str:
        d = self.doc
        gaps = self._theme_gaps(theme)
        parts: list[str] = [
            self._fmt(
                d.analysis_theme_opening, agency=self.agency, year=self._y(self.year), dimension=theme.dimension_th
            )
        ]
        diagnoses = [diag for diag in _DIAGNOSIS_ORDER if any(g.diagnosis is diag for g in gaps)]
        first = True
        for diag in diagnoses:
            group = [g for g in gaps if g.diagnosis is diag]
            for prefix in ("i", "e"):
                sub = [g for g in group if g.code[0] == prefix]
                if not sub:
                    continue
                audience = self.data.tool_by_prefix(prefix).audience_th
                items = [self._item_text(g) for g in sub]
                intro = d.audience_intro if first else d.audience_next
                first = False
                parts.append(self._fmt(intro, audience=audience) + _join(items, d.list_and))
            parts.append(self._diagnosis_text(diag, group))
        recs = [theme.recommendation_th[diag] for diag in diagnoses]
        parts.append(self._fmt(d.recommendation_lead, agency=self.agency) + d.recommendation_join.join(recs))
        return "".join(parts)

    def _diagnosis_text(self, diag: Diagnosis, group: list[PerceptionGap]) -> str:
        d = self.doc
        linked = [lo for g in group for lo in g.linked_oit]
        ids = sorted({lo.id for lo in linked}, key=code_sort_key)
        audience = self._audience(group)
        date_text = self._scan_date()
        if diag is Diagnosis.DISCLOSED_NOT_PERCEIVED:
            from_scan = any(lo.source == "scan" for lo in linked)
            results_all_100 = all(lo.score is not None and lo.score >= 100 for lo in linked)
            oit = self._oit_phrase(ids)
            if from_scan and results_all_100:
                head = self._fmt(
                    d.diagnosis_disclosed_both, oit=oit, agency=self.agency, audience=audience, date=date_text
                )
            elif from_scan:
                head = self._fmt(
                    d.diagnosis_disclosed_scan, oit=oit, agency=self.agency, audience=audience, date=date_text
                )
            else:
                head = self._fmt(d.diagnosis_disclosed_results, oit=oit, agency=self.agency, audience=audience)
            return head + self._fmt(d.diagnosis_disclosed_tail, agency=self.agency, audience=audience)
        if diag is Diagnosis.NOT_DISCLOSED:
            problems: list[str] = []
            for oid in sorted({p for g in group for p in g.problem_oit}, key=code_sort_key):
                status = next(lo.status for lo in linked if lo.id == oid)
                problems.append(
                    self._fmt(
                        d.diagnosis_not_disclosed_item,
                        oit=f"{thai_code(oid)} {self.titles.get(oid, '')}".strip(),
                        status=d.oit_status_th.get(status, status),
                    )
                )
            from_scan = bool(date_text) and any(lo.source == "scan" for lo in linked)
            when = self._fmt(d.scan_date_clause, date=date_text) if from_scan else ""
            return self._fmt(d.diagnosis_not_disclosed, problems=_join(problems, d.list_and), date=when)
        if diag is Diagnosis.NO_OIT_LINK:
            return d.diagnosis_no_link
        return self._fmt(d.diagnosis_unknown, oit=self._oit_phrase(ids))

    # -- section 3 -----------------------------------------------------------------------------

    def section_measures(self) -> list[Block]:
        d = self.doc
        out: list[Block] = [self._heading1(3, self._fmt(d.section_measures, fy=self._y(self.opt.fiscal_year)))]
        out.append(
            Paragraph(
                (
                    Run(
                        self._fmt(
                            d.measures_intro,
                            agency=self.agency,
                            year=self._y(self.year),
                            fy=self._y(self.opt.fiscal_year),
                            themes=to_thai_digits(str(len(self.themes))),
                        )
                    ),
                )
            )
        )
        rows: list[Row] = []
        for k, theme in enumerate(self.themes, start=1):
            rows.append(
                Row((Cell((f"({to_thai_digits(str(k))}) {theme.measures_heading_th}",), bold=True),), group=True)
            )
            measures, fix_ids = self._theme_measures(theme)
            for j, m in enumerate(measures, start=1):
                title = m.title_th if len(measures) == 1 else f"({to_thai_digits(f'{k}.{j}')}) {m.title_th}"
                is_fix = m.id == d.disclosure_fix.id
                steps = tuple(
                    f"{to_thai_digits(str(n))}. {step.format(oit=self._oit_phrase(fix_ids)) if is_fix else step}"
                    for n, step in enumerate(m.steps_th, start=1)
                )
                rows.append(
                    Row(
                        (
                            Cell((title,)),
                            Cell(steps),
                            Cell((m.responsible_th,)),
                            Cell((timeline_text(m.timeline, self.opt.fiscal_year),)),
                            Cell((m.monitoring_th,)),
                        )
                    )
                )
        out.append(
            Table(d.measures_table_header, tuple(rows), (2.2, 5.4, 1.8, 1.5, 2.0), landscape=True, centered=(3,))
        )
        return out

    def _theme_measures(self, theme: Theme) -> tuple[list[MeasureTemplate], list[str]]:
        chosen: list[MeasureTemplate] = []
        fix_ids: list[str] = []
        for g in self._theme_gaps(theme):
            assert g.diagnosis is not None
            for m in choose_measures(self.data, theme.id, g.code, g.diagnosis):
                if m not in chosen:
                    chosen.append(m)
            fix_ids.extend(g.problem_oit)
        order = {m.id: n for n, m in enumerate(theme.measures)}
        chosen.sort(key=lambda m: order.get(m.id, -1))
        return chosen, fix_ids

    # -- section 4 -----------------------------------------------------------------------------

    def section_limitations(self) -> list[Block]:
        d = self.doc
        out: list[Block] = [self._heading1(4, d.section_limitations)]
        out.append(Paragraph((Run(self._fmt(d.limitations_intro, agency=self.agency)),)))
        eit = [r for r in self.results.rows if r.code[0] == "e" and r.part1 is not None and r.part2 is not None]
        lower = [r for r in eit if r.part2 is not None and r.part1 is not None and r.part2 < r.part1]
        values = {
            "count": to_thai_digits(str(len(lower))),
            "total": to_thai_digits(str(len(eit))),
            "date": self._scan_date(),
            "lines": ", ".join(to_thai_digits(str(u.line)) for u in self.results.unidentified),
            "year": self._y(self.year),
            "agency": self.agency,
        }
        conditions = {
            "always": True,
            "eit_part2_lower": bool(eit) and len(lower) * 2 > len(eit),
            "scan_used": self.scan is not None,
            "no_scan": self.scan is None,
            "unidentified_lines": bool(self.results.unidentified),
        }
        texts: list[str] = []
        suggestions: list[str] = []
        for rule in self.data.limitations:
            if conditions[rule.when]:
                texts.append(rule.text_th.format(**values))
                if rule.suggestion_th:
                    suggestions.append(rule.suggestion_th.format(**values))
        texts.extend(self.opt.extra_limitations)
        for n, text in enumerate(texts, start=1):
            out.append(Paragraph((Run(f"{to_thai_digits(str(n))}. {text}"),), style="item"))
        if suggestions:
            out.append(Paragraph((Run(d.suggestions_heading, bold=True),), style="label"))
            for n, text in enumerate(suggestions, start=1):
                out.append(Paragraph((Run(f"{to_thai_digits(str(n))}. {text}"),), style="item"))
        return out

    # -- whole document --------------------------------------------------------------------------

    def _y(self, year: int) -> str:
        return to_thai_digits(str(year))

    def _heading1(self, number: int, text: str) -> Paragraph:
        return Paragraph((Run(f"{to_thai_digits(str(number))}. {text}", bold=True),), style="heading1")

    def draft(self) -> MeasuresDocument:
        doc = MeasuresDocument(agency=self.agency, fiscal_year=self.opt.fiscal_year, assessed_year=self.year)
        for line in self.doc.title_lines:
            doc.blocks.append(
                Paragraph(
                    (
                        Run(
                            line.format(agency=self.agency, fy=self._y(self.opt.fiscal_year), year=self._y(self.year)),
                            bold=True,
                        ),
                    ),
                    style="title",
                )
            )
        doc.blocks += self.section_results()
        doc.blocks += self.section_analysis()
        doc.blocks += self.section_measures()
        doc.blocks += self.section_limitations()
        return doc
