"""Checklist schema: pydantic models of the data files in ``checklists/``.

A checklist is the single source of ITA knowledge: item ids and titles, the phrases that identify
an item, its required elements (each with a detector kind implemented in ``elements.py``), the
documents it accepts, its time rule and the fix guidance. Models are frozen and forbid unknown
keys, so a typo in a data file fails at load time with the file, item and field named, instead of
silently matching nothing. ``Checklist.model_json_schema()`` is published for checklist authors.

A checklist also says where its knowledge comes from: its framework (the NACC's main list, OVEC
colleges or MOPH health units), its fiscal year, whether it is ``final`` or ``provisional`` (the
official handbook was not seen), its sources, and per item a ``confidence``, the sources it rests
on and whether its rule was ``inferred`` from an earlier year. Items keep one identity across
years: ``same_as``, ``merges`` and ``splits`` name the items of earlier checklists they continue
("ita-2568:o14"); ``crosswalk.py`` follows them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# A checklist id ("ita-2569", "moph-moit-2569") and an item id: a lowercase prefix and a number ("o12", "moit5").
CHECKLIST_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ITEM_ID = re.compile(r"(?P<prefix>[a-z]+)(?P<number>[1-9][0-9]*)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeRuleKind(StrEnum):
    """How an item's date must relate to the assessed fiscal year (see ``freshness.py``)."""

    NONE = "none"  # no period; must simply be present
    CURRENT_FY = "current_fy"  # data of the assessed fiscal year
    PREVIOUS_FY = "previous_fy"  # report of the fiscal year before the assessed one
    FIRST_HALF = "first_half"  # covers the first six months (Oct-Mar) of the assessed year
    MONTHLY = "monthly"  # one entry per month from October to the last full month before as-of
    PLAN_PERIOD = "plan_period"  # a (multi-year) plan whose period includes the assessed year


class TimeRule(_Strict):
    """The item's time rule; ``uncertain`` marks rules the criteria research could not confirm."""

    kind: TimeRuleKind = TimeRuleKind.NONE
    uncertain: bool = False
    note: str = ""
    # MONTHLY only: how many missing months are tolerated before the item is partial.
    tolerance_months: int = Field(default=0, ge=0, le=11)
    # Phrases that stand for "nothing happened this month" and count as covering it.
    empty_month_phrases: tuple[str, ...] = ()
    # MONTHLY only: a quarter, a 6-month round or a range of months stated for the evidence
    # ("ไตรมาสที่ 1 ปีงบประมาณ 2569", "ต.ค.-ธ.ค. 68") covers each whole month inside it (2569
    # agencies post the monthly procurement summary as one file per quarter).
    accept_quarters: bool = False
    # MONTHLY only: the months of the whole previous fiscal year are due (Oct-Sep), not those of the
    # assessed year (ITA 2569 annual procurement summary: the 12 monthly summaries of last year).
    previous_year: bool = False
    # PREVIOUS_FY only: the whole previous fiscal year (ITA 2568+ "ประจำปี พ.ศ. 2568" reports): a
    # report of the assessed year does not count, and one that states only part of the previous year
    # (a quarter, "รอบ 6 เดือน") leaves the other months missing.
    full_year: bool = False
    # PREVIOUS_FY only: the report is named by academic year (ปีการศึกษา, May-March), a school's SAR:
    # during fiscal year N the last finished academic year is N-2; N-1 also counts.
    academic_year: bool = False

    @model_validator(mode="after")
    def _options_fit_kind(self) -> TimeRule:
        monthly_only = {"accept_quarters": self.accept_quarters, "previous_year": self.previous_year}
        for name, value in monthly_only.items():
            if value and self.kind is not TimeRuleKind.MONTHLY:
                raise ValueError(f"time_rule.{name} applies to a 'monthly' rule only")
        previous_only = {"full_year": self.full_year, "academic_year": self.academic_year}
        for name, value in previous_only.items():
            if value and self.kind is not TimeRuleKind.PREVIOUS_FY:
                raise ValueError(f"time_rule.{name} applies to a 'previous_fy' rule only")
        return self


class DetectorKind(StrEnum):
    """Generic ways an element can be recognised; each is implemented once in ``elements.py``."""

    KEYWORDS = "keywords"  # any of ``phrases`` in the evidence text (whitespace-insensitive)
    REGEX = "regex"  # ``pattern`` matches the evidence text
    LINK_HOST = "link_host"  # a link to one of ``hosts`` (e.g. facebook.com for o9)
    IMAGE = "image"  # at least ``min_count`` images (optionally alt/context with ``phrases``)
    EMBED = "embed"  # an iframe/embed, optionally to one of ``hosts`` (e.g. a map)
    FORM = "form"  # a form with a free-text field (Q&A, complaint channel, e-service)
    TABLE = "table"  # tabular data: an HTML table, or an XLSX/DOCX table
    MONTH_COVERAGE = "month_coverage"  # every required month appears (monthly time rule)


class Detector(_Strict):
    """Parameters of one detector; which fields apply depends on ``kind``."""

    kind: DetectorKind
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    hosts: tuple[str, ...] = ()
    min_count: int = Field(default=1, ge=1)
    # IMAGE only: at least one image per match of this pattern in the page text (one photo per
    # person listed, e.g. a pattern for name prefixes on an executives page).
    per_pattern: str | None = None

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Detector:
        if self.kind is DetectorKind.KEYWORDS and not self.phrases:
            raise ValueError("a 'keywords' detector needs 'phrases'")
        if self.kind is DetectorKind.REGEX:
            if not self.pattern:
                raise ValueError("a 'regex' detector needs 'pattern'")
            import re

            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"invalid regex {self.pattern!r}: {exc}") from exc
        if self.per_pattern is not None:
            import re

            try:
                re.compile(self.per_pattern)
            except re.error as exc:
                raise ValueError(f"invalid per_pattern {self.per_pattern!r}: {exc}") from exc
        if self.kind is DetectorKind.LINK_HOST and not self.hosts:
            raise ValueError("a 'link_host' detector needs 'hosts'")
        return self


class Element(_Strict):
    """Something the assessor requires the item to show ("อย่างน้อยประกอบด้วย")."""

    id: str
    label_th: str
    label_en: str
    detect: Detector
    required: bool = True
    # Some elements can only be checked in readable text; on a scanned PDF they are "unverified".
    needs_text: bool = True
    # The element applies only to some agencies: to those whose evidence (title, text) names one of
    # these phrases, e.g. local governments ("องค์การบริหารส่วนตำบล", "เทศบาล") for o1's political side.
    applies_when: tuple[str, ...] = ()


class Phrases(_Strict):
    """Thai and English phrases; matching ignores case, whitespace, Thai digits and zero-width marks."""

    th: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        """Every phrase, Thai first."""
        return self.th + self.en


class DocType(StrEnum):
    """Kinds of evidence an item accepts."""

    PAGE = "page"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    DOCUMENT = "document"  # other office files, recorded by name only
    IMAGE = "image"
    EXTERNAL = "external"  # off-site link (Google Drive, Facebook, e-GP ...)


class Framework(StrEnum):
    """Which assessment a checklist belongs to."""

    NACC = "nacc"  # the NACC's main ITA list: ministries, departments, local governments, public organisations
    OVEC = "ovec"  # vocational colleges under the Office of the Vocational Education Commission (สอศ.)
    MOPH = "moph"  # Ministry of Public Health units: the MOIT list checked in MITAS


class Status(StrEnum):
    """Whether a checklist rests on the official handbook (final) or on copies of it (provisional)."""

    FINAL = "final"
    PROVISIONAL = "provisional"


class Confidence(StrEnum):
    """How sure the research is of an item: its title, required elements and time rule."""

    HIGH = "high"  # an authoritative source, or two or more independent copies for this year
    MEDIUM = "medium"  # one source for this year, or carried over unchanged from a sourced earlier year
    LOW = "low"  # inferred, or the sources conflict


class Source(_Strict):
    """Where a checklist's knowledge comes from."""

    title: str = Field(min_length=1)
    url: str | None = None
    note: str = ""


def parse_ref(ref: str) -> tuple[str, str]:
    """``"ita-2568:o14"`` -> ``("ita-2568", "o14")``; ValueError if it is not such a reference."""
    checklist_id, sep, item_id = ref.partition(":")
    if not sep or not CHECKLIST_ID.fullmatch(checklist_id) or not ITEM_ID.fullmatch(item_id):
        raise ValueError(f"{ref!r} is not a reference like 'ita-2568:o14' (checklist id, colon, item id)")
    return checklist_id, item_id


def _valid_ref(ref: str) -> str:
    parse_ref(ref)
    return ref


# An item of another checklist: "checklist-id:item-id".
ItemRef = Annotated[str, AfterValidator(_valid_ref)]


class Item(_Strict):
    """One OIT item: o1 ... o43 (ITA 2566), o1 ... o26 (ITA 2569), moit1 ... moit22 (MOPH)."""

    id: str
    number: int = Field(ge=1, le=99)
    sub_indicator: str
    title_th: str
    title_en: str
    requirement_th: str  # what the assessor requires, in plain Thai
    requirement_en: str = ""
    # Phrases that *name* the item: in an anchor, a table row, a page title or a heading they make
    # the target a candidate. Long, specific phrases first; the title itself is always included.
    names: Phrases
    # Supporting phrases expected in the item's content (confirm a candidate; never enough alone).
    keywords: Phrases = Phrases()
    # Phrases that mean the text is about a *different* thing (e.g. o11 vs o36: ป้องกันการทุจริต).
    exclude: tuple[str, ...] = ()
    # Labels real sites use for this item (menu wording), treated like ``names``.
    site_labels: tuple[str, ...] = ()
    url_hints: tuple[str, ...] = ()
    accepts: tuple[DocType, ...] = (DocType.PAGE, DocType.PDF, DocType.DOCX, DocType.XLSX, DocType.EXTERNAL)
    elements: tuple[Element, ...] = ()
    time_rule: TimeRule = TimeRule()
    # Phrases that mark a page as a passing mention (news of a meeting *about* the plan) rather than
    # the item. Empty tuple = use the checklist default; set ``activity_evidence`` for items whose
    # evidence *is* an activity (No Gift culture, participation, ethics training).
    activity_evidence: bool = False
    fix_th: str
    fix_en: str = ""
    # What the research behind this item is worth, and where it comes from ("RTRDA 2569 headings").
    confidence: Confidence | None = None
    sources: tuple[str, ...] = ()
    # The research is silent for this year: the elements and time rule are the nearest earlier year's.
    inferred: bool = False
    # Identity across years, as references to items of earlier checklists ("ita-2568:o14"):
    # ``same_as`` continues one item (perhaps renumbered or renamed), ``merges`` joins several into
    # this one, ``splits`` says this item was split out of one. ``replaces`` is for a new
    # requirement that takes over the role of dropped items (the crosswalk still calls it new).
    same_as: tuple[ItemRef, ...] = ()
    merges: tuple[ItemRef, ...] = ()
    splits: tuple[ItemRef, ...] = ()
    replaces: tuple[ItemRef, ...] = ()

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not ITEM_ID.fullmatch(value):
            raise ValueError(f"item id {value!r} must be a lowercase prefix and a number, like 'o12' or 'moit5'")
        return value

    @field_validator("sources")
    @classmethod
    def _sources_named(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not s.strip() for s in value):
            raise ValueError("an empty source")
        return value

    @field_validator("same_as")
    @classmethod
    def _one_predecessor(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) > 1:
            raise ValueError("same_as names one earlier item; use 'merges' for several")
        return value

    @field_validator("merges")
    @classmethod
    def _several_predecessors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) == 1:
            raise ValueError("merges needs two or more earlier items; use 'same_as' for one")
        if len(set(value)) != len(value):
            raise ValueError("merges names an item twice")
        return value

    @field_validator("splits")
    @classmethod
    def _one_origin(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) > 1:
            raise ValueError("splits names the one earlier item this item was split out of")
        return value

    @model_validator(mode="after")
    def _one_kind_of_link(self) -> Item:
        kinds = [name for name in ("same_as", "merges", "splits") if getattr(self, name)]
        if len(kinds) > 1:
            raise ValueError(f"links: use one of same_as, merges and splits, not {' and '.join(kinds)}")
        if kinds and self.replaces:
            raise ValueError(f"links: 'replaces' is for a new item; this one already has {kinds[0]}")
        return self

    @property
    def prefix(self) -> str:
        """The id's letters: ``o`` for ``o12``, ``moit`` for ``moit5``."""
        return self.id.rstrip("0123456789")

    def links(self) -> tuple[tuple[str, str], ...]:
        """Identity links as (kind, ref): ``("same_as", "ita-2568:o14")`` ... (``replaces`` excluded)."""
        return tuple((kind, ref) for kind in ("same_as", "merges", "splits") for ref in getattr(self, kind))


class SubIndicator(_Strict):
    """A sub-indicator such as 9.1 ข้อมูลพื้นฐาน."""

    id: str
    title_th: str
    title_en: str


class Indicator(_Strict):
    """An indicator such as 9 การเปิดเผยข้อมูล, with its sub-indicators."""

    id: str
    title_th: str
    title_en: str
    sub_indicators: tuple[SubIndicator, ...]


class Checklist(_Strict):
    """A whole checklist file: one ITA framework and year."""

    id: str
    version: str
    title_th: str
    title_en: str
    framework: Framework | None = None
    fiscal_year: int | None = Field(default=None, ge=2550, le=2650)  # Buddhist Era, the assessed year
    status: Status | None = None
    previous: str | None = None  # id of the checklist this one follows ("ita-2568" for ita-2569)
    sources: tuple[Source, ...] = ()
    source_note: str = ""
    # Phrases on a site's ITA index page that suggest this framework ("MOIT", "สอศ."); words every
    # framework uses ("ITA", "OIT") do not belong here.
    framework_markers: tuple[str, ...] = ()
    item_code_prefixes: tuple[str, ...] = ("o", "oit", "ข้อ")
    passing_mention_markers: tuple[str, ...] = ()
    index_page_names: Phrases = Phrases()
    error_page_markers: tuple[str, ...] = ()
    # Anchor words that say nothing by themselves ("คลิก", "ดาวน์โหลด"): such a link takes its
    # meaning from its table row; any other anchor text speaks for itself.
    generic_link_texts: tuple[str, ...] = ()
    # Hosts that serve the agency's files (Google Drive, OneDrive ...): a link there is a document
    # link, and off-site evidence on them counts (its content is reported as unverified).
    evidence_file_hosts: tuple[str, ...] = ()
    # Text of pages that exist but hold nothing yet ("อยู่ระหว่างจัดทำ"): such a page is not the item.
    placeholder_markers: tuple[str, ...] = ()
    # Text that describes an item instead of disclosing it: the NACC's criterion wording copied
    # above the files ("องค์ประกอบด้านข้อมูล ..."), "อยู่ที่เมนู ... หัวข้อ ...", "คลิกเพื่อดู".
    # A line starting with a marker (and the line after a marker that stands alone as a label) or
    # matching a pattern (regular expressions, searched in the line) is never evidence.
    description_markers: tuple[str, ...] = ()
    description_patterns: tuple[str, ...] = ()
    # Words of a template or web-vendor credit ("Designed by", "พัฒนาโดย"): links in such a line,
    # and other links to the same address, belong to the vendor, not to the agency.
    credit_markers: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...]
    items: tuple[Item, ...]
    format_version: Literal[1] = 1

    @field_validator("id")
    @classmethod
    def _checklist_id_form(cls, value: str) -> str:
        if not CHECKLIST_ID.fullmatch(value):
            raise ValueError(f"checklist id {value!r} must be lowercase words joined by '-', like 'ita-2569'")
        return value

    @field_validator("previous")
    @classmethod
    def _previous_form(cls, value: str | None) -> str | None:
        if value is not None and not CHECKLIST_ID.fullmatch(value):
            raise ValueError(f"previous {value!r} must be a checklist id, like 'ita-2568'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Checklist:
        subs = {s.id for ind in self.indicators for s in ind.sub_indicators}
        seen: set[str] = set()
        numbers: set[int] = set()
        prefix = self.items[0].prefix if self.items else ""
        if self.previous == self.id:
            raise ValueError(f"previous: a checklist cannot follow itself ({self.id})")
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item {item.id}: duplicate id")
            if item.number in numbers:
                raise ValueError(f"item {item.id}: duplicate number {item.number}")
            if item.id[len(item.prefix) :] != str(item.number):
                raise ValueError(f"item {item.id}: id does not match number {item.number}")
            if item.prefix != prefix:
                raise ValueError(f"item {item.id}: id prefix {item.prefix!r} is not {prefix!r} like the other items")
            if item.sub_indicator not in subs:
                raise ValueError(f"item {item.id}: unknown sub_indicator {item.sub_indicator!r}")
            for kind, ref in (*item.links(), *(("replaces", r) for r in item.replaces)):
                if parse_ref(ref)[0] == self.id:
                    raise ValueError(f"item {item.id}: {kind} {ref!r} points into this checklist; link earlier ones")
            seen.add(item.id)
            numbers.add(item.number)
        return self

    def item(self, item_id: str) -> Item:
        """The item with this id (``KeyError`` if absent)."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def indicator_of(self, sub_indicator: str) -> Indicator:
        """The indicator that holds a sub-indicator."""
        for ind in self.indicators:
            if any(s.id == sub_indicator for s in ind.sub_indicators):
                return ind
        raise KeyError(sub_indicator)
