"""Perception data schema: pydantic models of ``checklists/<id>.perception.yaml``.

The file holds every piece of ITA knowledge the perception stages need, so the code stays generic:

* the IIT/EIT question texts (the wording printed in NACC's results report) and their indicators;
* the seven themes of the yearly measures document, each with its Thai prose and measure templates
  (measure, steps, responsible unit, timeline, monitoring: the five columns of the document);
* the links from each perception item (i1-i30, e1-e15) to the OIT items that disclose the same
  thing, and to its theme;
* the document wording (headings, sentence templates with ``{placeholders}``) and grading bands,
  whose passing bands give the pass line of the gap analysis.

Models are frozen and forbid unknown keys; ``loader.py`` turns validation errors into messages that
name the file, the entry and the field.
"""

from __future__ import annotations

import re
import string
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CODE_RE = re.compile(r"^[ieo][1-9][0-9]?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Diagnosis(StrEnum):
    """Why a perception item is low, read from the disclosure status of its linked OIT items."""

    DISCLOSED_NOT_PERCEIVED = "disclosed_not_perceived"  # all linked items ok: a communication problem
    NOT_DISCLOSED = "not_disclosed"  # some linked item missing/stale/broken/partial: fix it first
    NO_OIT_LINK = "no_oit_link"  # nothing to disclose: a process issue inside the agency
    UNKNOWN = "unknown"  # linked items exist but neither a scan nor OIT scores say how they stand


class GradeBand(_Strict):
    """A grading band: totals at or above ``min`` (and below the next band) get this label.

    ``passes`` marks the bands that pass; the lowest ``min`` among them is the pass line
    (``PerceptionData.pass_line``), which the gap analysis flags items against by default.
    """

    min: float = Field(ge=0, le=100)
    label_th: str
    label_en: str
    passes: bool = False


class EitPart(_Strict):
    """One of the two EIT collection parts, as the results report names them."""

    number: int = Field(ge=1, le=2)
    collector_th: str = ""  # who collected the answers, for the analysis prose (may be empty)
    collector_en: str = ""


class Tool(_Strict):
    """An assessment tool: IIT, EIT or OIT."""

    id: str
    code_prefix: str = Field(pattern=r"^[ieo]$")
    title_th: str
    title_en: str
    audience_th: str = ""  # whose perception it measures ("เจ้าหน้าที่ภายในหน่วยงาน")
    audience_en: str = ""
    # Words that mark a line of the results report as belonging to this tool ("(EIT)").
    markers: tuple[str, ...]
    count: int = Field(ge=1)  # number of items: 30, 15, 43
    parts: tuple[EitPart, ...] = ()


class Indicator(_Strict):
    """ITA indicator 1-10 (ตัวชี้วัด), with the tool it belongs to."""

    number: int = Field(ge=1, le=20)
    tool: str
    title_th: str
    title_en: str


class Question(_Strict):
    """A perception item: its code, indicator and the question text as NACC's report prints it."""

    code: str
    indicator: int
    text_th: str
    text_en: str
    topic_th: str  # a short noun phrase for the analysis prose ("การสื่อสาร ตอบข้อซักถาม ...")
    topic_en: str

    @field_validator("code")
    @classmethod
    def _code_form(cls, value: str) -> str:
        if not CODE_RE.match(value) or value[0] == "o":
            raise ValueError(f"code {value!r} must look like 'i7' or 'e13'")
        return value


class Timeline(_Strict):
    """Months of the fiscal year a measure runs, October = 10; rendered like ``ต.ค. ๖๖ – ก.ย. ๖๗``."""

    from_month: int = Field(default=10, ge=1, le=12)
    to_month: int = Field(default=9, ge=1, le=12)

    @model_validator(mode="after")
    def _inside_fiscal_year(self) -> Timeline:
        # fiscal-year order: Oct(0) .. Sep(11)
        if (self.from_month - 10) % 12 > (self.to_month - 10) % 12:
            raise ValueError("from_month must not come after to_month within the fiscal year (Oct-Sep)")
        return self


class MeasureTemplate(_Strict):
    """One row of the measures table: measure, steps, responsible unit, timeline, monitoring."""

    id: str
    title_th: str
    title_en: str
    steps_th: tuple[str, ...] = Field(min_length=1)
    responsible_th: str
    timeline: Timeline = Timeline()
    monitoring_th: str
    # Diagnoses this measure answers; empty = every diagnosis of a flagged item in the theme.
    when: tuple[Diagnosis, ...] = ()
    # Perception items this measure is specific to; empty = any flagged item of the theme.
    for_codes: tuple[str, ...] = ()


class Theme(_Strict):
    """One of the seven analysis themes of the measures document."""

    id: str
    number: int = Field(ge=1, le=20)
    title_th: str  # heading of the analysis section
    title_en: str
    measures_heading_th: str  # heading of the theme's group in the measures table
    dimension_th: str  # "มิติของ..." used in the analysis prose
    # What the agency should do, one sentence per diagnosis, continuing "ดังนั้น {agency}จึงควร".
    recommendation_th: dict[Diagnosis, str]
    measures: tuple[MeasureTemplate, ...] = Field(min_length=1)


class Link(_Strict):
    """Perception items of one theme and the OIT items that disclose the same thing."""

    theme: str
    perception: tuple[str, ...] = Field(min_length=1)
    oit: tuple[str, ...] = ()  # empty: a process issue with nothing to disclose (assets i19-i24)
    note: str = ""


class DocumentText(_Strict):
    """Wording of the measures document; ``{name}`` placeholders are filled by ``measures/drafter.py``."""

    title_lines: tuple[str, ...]
    section_results: str
    results_intro_total: str
    results_intro: str
    indicator_label: str
    indicator_table_header: tuple[str, str, str]
    items_intro: str
    items_table_header: tuple[str, str, str]
    lowest_mark: str
    eit_part_label: str
    eit_mean_label: str
    section_analysis: str
    analysis_intro_total: str
    analysis_intro: str
    total_change_up: str
    total_change_down: str
    total_change_same: str
    analysis_theme_opening: str
    audience_intro: str
    audience_next: str
    item_clause: str
    item_parts_clause: str
    item_drop_clause: str
    verdict_below: str
    verdict_part_below: str
    verdict_watch: str
    verdict_part_watch: str
    diagnosis_disclosed_results: str
    diagnosis_disclosed_scan: str
    diagnosis_disclosed_both: str
    diagnosis_disclosed_tail: str
    diagnosis_not_disclosed: str
    diagnosis_not_disclosed_item: str
    scan_date_clause: str
    diagnosis_no_link: str
    diagnosis_unknown: str
    recommendation_lead: str
    recommendation_join: str
    analysis_ok_themes: str
    section_measures: str
    measures_intro: str
    measures_table_header: tuple[str, str, str, str, str]
    disclosure_fix: MeasureTemplate
    section_limitations: str
    limitations_intro: str
    suggestions_heading: str
    oit_status_th: dict[str, str]  # Verdict value -> Thai phrase ("ยังไม่พบการเปิดเผย")
    list_and: str  # the word joining the last item of a list ("และ")


class LimitationRule(_Strict):
    """A limitation the document states when its condition holds, with its suggested remedy.

    ``text_th`` may use ``{count}`` and ``{total}`` (EIT items whose part 2 is below part 1),
    ``{date}`` (scan date), ``{lines}`` (unidentified line numbers), ``{year}`` and ``{agency}``.
    """

    id: str
    when: str = Field(pattern=r"^(always|eit_part2_lower|scan_used|no_scan|unidentified_lines)$")
    text_th: str
    suggestion_th: str = ""

    @field_validator("text_th", "suggestion_th")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        unknown = _fields(value) - _LIMITATION_FIELDS
        if unknown:
            raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; allowed: {sorted(_LIMITATION_FIELDS)}")
        return value


class PerceptionData(_Strict):
    """The whole perception data file of one ITA year."""

    id: str
    version: str
    checklist: str  # the OIT checklist the links refer to (e.g. ita-2566)
    title_th: str
    title_en: str
    source_note: str = ""
    grading: tuple[GradeBand, ...] = Field(min_length=1)
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    questions: tuple[Question, ...]
    themes: tuple[Theme, ...]
    links: tuple[Link, ...]
    # OIT item titles as the results report prints them (identify OIT rows with damaged codes).
    oit_titles: dict[str, str] = Field(default_factory=dict)
    # Words that mark header lines of the results tables (repeated at page breaks).
    header_markers: tuple[str, ...]
    # Words that mark the end of the results part of a pasted document (the analysis heading).
    end_markers: tuple[str, ...]
    # Words marking a sentence that states the total ITA score ("ผลคะแนน ... คะแนน").
    total_markers: tuple[str, ...]
    document: DocumentText
    limitations: tuple[LimitationRule, ...] = ()
    format_version: int = 1

    @field_validator("grading")
    @classmethod
    def _one_pass_line(cls, bands: tuple[GradeBand, ...]) -> tuple[GradeBand, ...]:
        passing = [b.min for b in bands if b.passes]
        if not passing:
            raise ValueError("no band has passes: true (the lowest passing band's min is the pass line)")
        failing_above = sorted(b.min for b in bands if not b.passes and b.min >= min(passing))
        if failing_above:
            raise ValueError(f"a band at min {failing_above[0]:g} does not pass but is above the pass line")
        return bands

    @model_validator(mode="after")
    def _consistent(self) -> PerceptionData:
        tool_ids = {t.id for t in self.tools}
        ind_numbers = set()
        for ind in self.indicators:
            if ind.tool not in tool_ids:
                raise ValueError(f"indicator {ind.number}: unknown tool {ind.tool!r}")
            if ind.number in ind_numbers:
                raise ValueError(f"indicator {ind.number}: duplicate number")
            ind_numbers.add(ind.number)
        prefixes = {t.code_prefix: t for t in self.tools}
        codes: set[str] = set()
        for q in self.questions:
            if q.code in codes:
                raise ValueError(f"question {q.code}: duplicate code")
            codes.add(q.code)
            if q.indicator not in ind_numbers:
                raise ValueError(f"question {q.code}: unknown indicator {q.indicator}")
            tool = prefixes.get(q.code[0])
            ind_tool = next(i.tool for i in self.indicators if i.number == q.indicator)
            if tool is None or tool.id != ind_tool:
                raise ValueError(f"question {q.code}: indicator {q.indicator} belongs to tool {ind_tool!r}")
        for tool in self.tools:
            if tool.code_prefix == "o":
                continue
            expected = {f"{tool.code_prefix}{n}" for n in range(1, tool.count + 1)}
            have = {c for c in codes if c[0] == tool.code_prefix}
            if expected != have:
                missing = sorted(expected - have, key=lambda c: int(c[1:]))
                extra = sorted(have - expected, key=lambda c: int(c[1:]))
                raise ValueError(f"tool {tool.id}: questions missing {missing} / unexpected {extra}")
        theme_ids = {t.id for t in self.themes}
        if len(theme_ids) != len(self.themes):
            raise ValueError("themes: duplicate theme id")
        measure_ids = [m.id for t in self.themes for m in t.measures]
        if len(set(measure_ids)) != len(measure_ids):
            raise ValueError("themes: duplicate measure id")
        oit_count = next((t.count for t in self.tools if t.code_prefix == "o"), 0)
        linked: dict[str, str] = {}
        for n, link in enumerate(self.links, start=1):
            where = f"link #{n} (theme {link.theme})"
            if link.theme not in theme_ids:
                raise ValueError(f"{where}: unknown theme {link.theme!r}")
            for code in link.perception:
                if code not in codes:
                    raise ValueError(f"{where}: unknown perception item {code!r}")
                if code in linked:
                    raise ValueError(f"{where}: {code} is already linked in theme {linked[code]!r}")
                linked[code] = link.theme
            for oid in link.oit:
                if not CODE_RE.match(oid) or oid[0] != "o" or int(oid[1:]) > oit_count:
                    raise ValueError(f"{where}: OIT item {oid!r} must be o1..o{oit_count}")
        for oid in self.oit_titles:
            if not CODE_RE.match(oid) or oid[0] != "o" or int(oid[1:]) > oit_count:
                raise ValueError(f"oit_titles: {oid!r} must be o1..o{oit_count}")
        unlinked = sorted(codes - linked.keys(), key=lambda c: (c[0], int(c[1:])))
        if unlinked:
            raise ValueError(f"links: perception items without a theme: {unlinked}")
        for theme in self.themes:
            for m in theme.measures:
                bad = [c for c in m.for_codes if c not in codes]
                if bad:
                    raise ValueError(f"theme {theme.id}, measure {m.id}: unknown for_codes {bad}")
            missing_diag = set(Diagnosis) - theme.recommendation_th.keys()
            if missing_diag:
                raise ValueError(f"theme {theme.id}: recommendation_th lacks {sorted(d.value for d in missing_diag)}")
        _check_placeholders(self.document)
        return self

    # -- lookups ---------------------------------------------------------------------------------

    def question(self, code: str) -> Question:
        """The question with this code (``KeyError`` if absent)."""
        for q in self.questions:
            if q.code == code:
                return q
        raise KeyError(code)

    def tool_by_prefix(self, prefix: str) -> Tool:
        """The tool whose codes start with ``prefix`` (i, e, o)."""
        for t in self.tools:
            if t.code_prefix == prefix:
                return t
        raise KeyError(prefix)

    def tool_of_indicator(self, number: int) -> Tool:
        """The tool an indicator belongs to."""
        for ind in self.indicators:
            if ind.number == number:
                return next(t for t in self.tools if t.id == ind.tool)
        raise KeyError(number)

    def indicator(self, number: int) -> Indicator:
        """Indicator by number."""
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(number)

    def theme(self, theme_id: str) -> Theme:
        """Theme by id."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def link_of(self, code: str) -> Link:
        """The link group that holds a perception item."""
        for link in self.links:
            if code in link.perception:
                return link
        raise KeyError(code)

    @property
    def pass_line(self) -> float:
        """The pass line: the lowest ``min`` of the grading bands that pass (ITA 2566: 85)."""
        return min(b.min for b in self.grading if b.passes)

    def band(self, total: float) -> GradeBand:
        """The grading band of a total score."""
        for b in sorted(self.grading, key=lambda b: b.min, reverse=True):
            if total >= b.min:
                return b
        return min(self.grading, key=lambda b: b.min)


# Placeholders each document template may use; a typo in the data file fails at load time.
_ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    "title_lines": frozenset({"agency", "fy", "year"}),
    "section_results": frozenset({"agency", "year"}),
    "results_intro_total": frozenset({"agency", "year", "total", "band"}),
    "results_intro": frozenset({"agency", "year"}),
    "items_intro": frozenset({"agency", "year", "prev_year"}),
    "indicator_label": frozenset({"number", "title"}),
    "scan_date_clause": frozenset({"date"}),
    "items_table_header": frozenset({"yy", "pyy"}),
    "eit_part_label": frozenset({"part", "score"}),
    "eit_mean_label": frozenset({"score"}),
    "section_analysis": frozenset({"year"}),
    "analysis_intro_total": frozenset({"agency", "year", "total", "change", "fy", "themes"}),
    "analysis_intro": frozenset({"agency", "year", "fy", "themes"}),
    "total_change_up": frozenset({"diff", "prev_year", "prev_total"}),
    "total_change_down": frozenset({"diff", "prev_year", "prev_total"}),
    "total_change_same": frozenset({"prev_year", "prev_total"}),
    "analysis_theme_opening": frozenset({"agency", "year", "dimension"}),
    "audience_intro": frozenset({"audience"}),
    "audience_next": frozenset({"audience"}),
    "item_clause": frozenset({"topic", "code", "score"}),
    "item_parts_clause": frozenset({"part1", "part2"}),
    "item_drop_clause": frozenset({"diff", "previous"}),
    "verdict_below": frozenset({"threshold"}),
    "verdict_part_below": frozenset({"part", "threshold"}),
    "verdict_watch": frozenset({"watch"}),
    "verdict_part_watch": frozenset({"part", "watch"}),
    "diagnosis_disclosed_results": frozenset({"oit", "agency", "audience"}),
    "diagnosis_disclosed_scan": frozenset({"oit", "agency", "audience", "date"}),
    "diagnosis_disclosed_both": frozenset({"oit", "agency", "audience", "date"}),
    "diagnosis_disclosed_tail": frozenset({"agency", "audience"}),
    "diagnosis_not_disclosed": frozenset({"problems", "date"}),
    "diagnosis_not_disclosed_item": frozenset({"oit", "status"}),
    "diagnosis_no_link": frozenset(),
    "diagnosis_unknown": frozenset({"oit"}),
    "recommendation_lead": frozenset({"agency"}),
    "analysis_ok_themes": frozenset({"themes"}),
    "section_measures": frozenset({"fy"}),
    "measures_intro": frozenset({"agency", "year", "fy", "themes"}),
    "section_limitations": frozenset(),
    "limitations_intro": frozenset({"agency"}),
}


_LIMITATION_FIELDS = frozenset({"count", "total", "date", "lines", "year", "agency"})


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_placeholders(doc: DocumentText) -> None:
    for key, allowed in _ALLOWED_FIELDS.items():
        value = getattr(doc, key)
        texts = value if isinstance(value, tuple) else (value,)
        for text in texts:
            try:
                used = _fields(text)
            except ValueError as exc:
                raise ValueError(f"document.{key}: bad template {text!r}: {exc}") from exc
            unknown = used - allowed
            if unknown:
                raise ValueError(
                    f"document.{key}: unknown placeholder(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
                )
    for step in doc.disclosure_fix.steps_th:
        unknown = _fields(step) - {"oit"}
        if unknown:
            raise ValueError(f"document.disclosure_fix.steps_th: unknown placeholder(s) {sorted(unknown)}")
