"""Language data for Thai dates: month names, era and period marker words, display labels.

This is knowledge of the Thai language and calendar, not of the ITA assessment, so it lives in
code (next to the patterns built from it) rather than in ``checklists/``. Every spelling here was
seen on agency pages or is a common typo of one that was (shared/domain/real-world-patterns.md §4).
"""

from __future__ import annotations

from typing import Final

# Month number -> full Thai names (first one is the canonical spelling used when formatting).
# "กรกฏาคม" (ฏ for ฎ) and "กุมภาพันธ" (no thanthakhat) are frequent typos on agency pages.
THAI_MONTHS_FULL: Final[dict[int, tuple[str, ...]]] = {
    1: ("มกราคม",),
    2: ("กุมภาพันธ์", "กุมภาพันธ"),
    3: ("มีนาคม",),
    4: ("เมษายน",),
    5: ("พฤษภาคม",),
    6: ("มิถุนายน",),
    7: ("กรกฎาคม", "กรกฏาคม"),
    8: ("สิงหาคม",),
    9: ("กันยายน",),
    10: ("ตุลาคม",),
    11: ("พฤศจิกายน",),
    12: ("ธันวาคม",),
}

# Month number -> abbreviation as letter groups ("มี.ค." is ("มี", "ค")). Patterns accept each
# group joined by nothing, "." or ". " and an optional final dot: มี.ค. มี.ค มีค มี. ค.
THAI_MONTHS_ABBR: Final[dict[int, tuple[str, ...]]] = {
    1: ("ม", "ค"),
    2: ("ก", "พ"),
    3: ("มี", "ค"),
    4: ("เม", "ย"),
    5: ("พ", "ค"),
    6: ("มิ", "ย"),
    7: ("ก", "ค"),
    8: ("ส", "ค"),
    9: ("ก", "ย"),
    10: ("ต", "ค"),
    11: ("พ", "ย"),
    12: ("ธ", "ค"),
}

ENGLISH_MONTHS: Final[dict[int, tuple[str, ...]]] = {
    1: ("january", "jan"),
    2: ("february", "feb"),
    3: ("march", "mar"),
    4: ("april", "apr"),
    5: ("may",),
    6: ("june", "jun"),
    7: ("july", "jul"),
    8: ("august", "aug"),
    9: ("september", "sept", "sep"),
    10: ("october", "oct"),
    11: ("november", "nov"),
    12: ("december", "dec"),
}

# Era markers as regex fragments. "พ.ศ.." (double dot) is a real typo (RTRDA), hence ``\.*``.
BE_ERA_RE: Final = r"พ\.?\s?ศ\.*|B\.\s?E\.?|BE(?![A-Za-z])"
CE_ERA_RE: Final = r"ค\.?\s?ศ\.*|A\.\s?D\.?|AD(?![A-Za-z])|C\.\s?E\.?|CE(?![A-Za-z])"

# A fiscal-year phrase: ปีงบประมาณ, ปีงบ, ปี งบประมาณ, งบประมาณ (ประจำปี) ...; FY/F.Y. in English.
FISCAL_MARKER_RE: Final = r"ปี\s?งบ(?:\s?ประมาณ)?ฯ?|งบ\s?ประมาณ(?:\s?ประจำ\s?ปี)?|(?i:F\.?Y\.?)"
# Words for "year" that mark a plain (calendar) year: ปี 2567, ปีปฏิทิน 2567, ประจำปี 2565.
YEAR_WORD_RE: Final = r"ปี(?:\s?ปฏิทิน)?|year"
# Academic year: not a fiscal or calendar year (a Thai school year runs mid-May to March), so it is
# recognised only to be ignored (docs/dates.md). ภาคเรียนที่ 1/2567 names a semester, likewise.
ACADEMIC_YEAR_RE: Final = r"ปี\s?การศึกษา|ภาค\s?เรียน(?:\s?ที่)?\s?\d\s?/|academic\s+year"

QUARTER_WORD_RE: Final = r"ไตรมาส(?:\s?ที่)?"
# Words before a 3/6/9/12-month round: "รอบ 6 เดือน", "ผลการดำเนินงาน 6 เดือนแรก".
ROUND_WORD_RE: Final = r"รอบ(?:ระยะเวลา)?"
MONTH_WORD_RE: Final = r"เดือน"
FIRST_WORD_RE: Final = r"แรก"
LATER_WORD_RE: Final = r"หลัง"
HALF_FIRST_RE: Final = r"ครึ่ง\s?ปี(?:\s?งบ(?:\s?ประมาณ)?)?\s?แรก"
HALF_LATER_RE: Final = r"ครึ่ง\s?ปี(?:\s?งบ(?:\s?ประมาณ)?)?\s?หลัง"

# What may stand between the two ends of a range.
RANGE_CONNECTOR_RE: Final = r"\s*(?:-|จน\s?ถึง|ถึง|to|until|through|thru)\s*(?:(?:วัน\s?ที่|วัน|เดือน|date)\s*)?"

# Numbers that look like dates but are not: section and clause numbers, versions, ISBNs.
SECTION_WORD_RE: Final = (
    r"มาตรา|ข้อ(?:\s?ที่)?|หมวด(?:\s?ที่)?|ส่วน\s?ที่|ตัวชี้วัด(?:\s?ที่)?|ภาค\s?ผนวก|"
    r"section|sec\.|clause|§"
)
VERSION_WORD_RE: Final = r"เวอร์ชั่?น|รุ่น|ฉบับ\s?ปรับปรุง\s?ครั้ง\s?ที่|version|ver\.?|v"

# Display labels per DateKind value, used by the CLI table and the report.
KIND_LABELS_TH: Final[dict[str, str]] = {
    "day": "วันที่",
    "month": "เดือน",
    "year": "ปี",
    "fiscal_year": "ปีงบประมาณ",
    "range": "ช่วงเวลา",
    "quarter": "ไตรมาส",
    "half_year": "รอบ 6 เดือน",
    "plan_period": "ช่วงแผน",
}
KIND_LABELS_EN: Final[dict[str, str]] = {
    "day": "day",
    "month": "month",
    "year": "year",
    "fiscal_year": "fiscal year",
    "range": "range",
    "quarter": "quarter",
    "half_year": "half year",
    "plan_period": "plan period",
}

# Canonical spellings used when formatting dates.
THAI_MONTH_NAMES: Final[tuple[str, ...]] = tuple(names[0] for names in THAI_MONTHS_FULL.values())
THAI_MONTH_ABBREVIATIONS: Final[tuple[str, ...]] = tuple(".".join(groups) + "." for groups in THAI_MONTHS_ABBR.values())
ENGLISH_MONTH_ABBREVIATIONS: Final[tuple[str, ...]] = tuple(names[-1].title() for names in ENGLISH_MONTHS.values())
