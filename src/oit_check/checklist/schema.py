"""Checklist schema: pydantic models of the data files in ``checklists/``.

A checklist is the single source of ITA knowledge: item ids and titles, the phrases that identify
an item, its required elements (each with a detector kind implemented in ``elements.py``), the
documents it accepts, its time rule and the fix guidance. Models are frozen and forbid unknown
keys, so a typo in a data file fails at load time with the file, item and field named, instead of
silently matching nothing. ``Checklist.model_json_schema()`` is published for checklist authors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


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


class Item(_Strict):
    """One OIT item (o1 ... o43)."""

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

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not value or not value[0].isalpha() or not value[1:].isdigit():
            raise ValueError(f"item id {value!r} must look like 'o12'")
        return value


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
    framework: str = ""
    source_note: str = ""
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

    @model_validator(mode="after")
    def _consistent(self) -> Checklist:
        subs = {s.id for ind in self.indicators for s in ind.sub_indicators}
        seen: set[str] = set()
        numbers: set[int] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item {item.id}: duplicate id")
            if item.number in numbers:
                raise ValueError(f"item {item.id}: duplicate number {item.number}")
            if item.id[1:] != str(item.number):
                raise ValueError(f"item {item.id}: id does not match number {item.number}")
            if item.sub_indicator not in subs:
                raise ValueError(f"item {item.id}: unknown sub_indicator {item.sub_indicator!r}")
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
