"""Regular expressions of the Thai date engine, built once from ``vocabulary``.

Why regexes and not a library: measured in docs/dates.md, dateparser has no Buddhist Era and
finds nothing in Thai running text, and PyThaiNLP's ``thai_strptime`` needs one exact format per
call. All patterns run on the normal form from ``normalize`` (Arabic digits, ``-`` dashes,
plain spaces), so none of them has to spell out Thai digits or odd spaces.
"""

from __future__ import annotations

import re
from typing import Final

from oit_check.thai.dates import vocabulary as v

_THAI_LETTER: Final = "\u0e01-\u0e4e"


def _starts(chars: str) -> str:
    """A lookahead on the first character. Python's ``re`` tries every alternative at every
    position; this cheap test first makes the scan of a 15k-character page about 5x faster."""
    return f"(?=[{re.escape(''.join(sorted(set(chars))))}])"


def _month_key(token: str) -> str:
    """The lookup key of a month token: no dots or spaces, lower case."""
    return re.sub(r"[.\s]", "", token).lower()


def _build_month_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for month, names in v.THAI_MONTHS_FULL.items():
        for name in names:
            lookup[_month_key(name)] = month
    for month, groups in v.THAI_MONTHS_ABBR.items():
        lookup["".join(groups)] = month
    for month, names in v.ENGLISH_MONTHS.items():
        for name in names:
            lookup[name] = month
    return lookup


MONTH_LOOKUP: Final = _build_month_lookup()


def month_number(token: str) -> int:
    """Month 1..12 of a matched month token (``มี. ค.``, ``มีนาคม``, ``Mar.``)."""
    return MONTH_LOOKUP[_month_key(token)]


def _thai_full_re() -> str:
    names = sorted((n for names in v.THAI_MONTHS_FULL.values() for n in names), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _thai_abbr_re() -> str:
    # Each group joined by nothing, "." or ". ", then an optional final dot: มี.ค. มี.ค มีค มี. ค.
    # Longer first letters first, so "มี" is tried before "ม".
    groups = sorted(v.THAI_MONTHS_ABBR.values(), key=lambda g: len("".join(g)), reverse=True)
    return "|".join(r"(?:\.\s?)?".join(re.escape(p) for p in g) + r"\.?" for g in groups)


def _english_re() -> str:
    names = sorted((n for names in v.ENGLISH_MONTHS.values() for n in names), key=len, reverse=True)
    return "(?i:" + "|".join(names) + r")\.?"


# An abbreviation must not sit inside a Thai word or a longer abbreviation (ก.พ.ร., ก.ค.ศ., มคอ.);
# after "เดือน" or "ถึง" it may be glued on, and "พ.ศ."/"ค.ศ." or "ถึง" may follow it directly.
_ABBR_BEFORE: Final = rf"(?:(?<=เดือน)|(?<=ถึง)|(?<![{_THAI_LETTER}.]))"
_ABBR_AFTER: Final = rf"(?!\.?(?!พ\.?\s?ศ|ค\.?\s?ศ|ถึง|จนถึง)[{_THAI_LETTER}])"
_MONTH_FIRST: Final = _starts(
    "".join(n[0] for names in v.THAI_MONTHS_FULL.values() for n in names)
    + "".join(g[0][0] for g in v.THAI_MONTHS_ABBR.values())
    + "".join(n[0] + n[0].upper() for names in v.ENGLISH_MONTHS.values() for n in names)
)
MONTH_RE: Final = (
    rf"{_MONTH_FIRST}(?:{_thai_full_re()}"
    rf"|{_ABBR_BEFORE}(?:{_thai_abbr_re()}){_ABBR_AFTER}"
    rf"|(?<![A-Za-z])(?:{_english_re()})(?![A-Za-z]))"
)

# A CE marker not inside a longer abbreviation (the "ค.ศ." of "ก.ค.ศ." is no era); "พ.ศ." may follow
# a month abbreviation directly ("1 ม.ค.พ.ศ.2543" in PDF text without spaces).
_CE_BEFORE: Final = rf"(?<![{_THAI_LETTER}]\.)"
ERA_RE: Final = rf"(?:{v.BE_ERA_RE}|{_CE_BEFORE}(?:{v.CE_ERA_RE}))"

# After a year: no more digits, no decimal or thousands part, no currency (2567 บาท is money).
YEAR_END: Final = r"(?!\d)(?![.,]\d)(?!\s*(?:บาท|ล้าน|฿))"
# Before a number: not the tail of a longer number, decimal, time, IP address or code.
NUM_START: Final = r"(?<!\d)(?<!\d[.,:/-])"
# Dates may follow a digit and a dash ("1 ม.ค. 2567-31 มี.ค. 2567"); ``parse`` keeps such a "glued"
# date only when the dash ends another date, so "0-2141-9876" stays a phone number.
DATE_START: Final = r"(?<!\d)(?<!\d[.,:/])"
_RANGE_DASH: Final = r"\s*(?:-|จน\s?ถึง|ถึง|to)\s*"

# Dates written with a month name: day-month-year (or a day range), month-day-year (English),
# month-year. The year is optional here; a date without one only counts inside a range.
NAMED_DATE: Final = re.compile(
    rf"(?=\d){DATE_START}(?:(?P<d0>\d{{1,2}})\s*-\s*)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*-?\s*(?:เดือน\s*)?(?P<m>{MONTH_RE})"
    rf"(?:\s*,?\s*(?:-(?=\d))?(?:(?P<era>{ERA_RE})\s*)?(?P<y>\d{{4}}|\d{{2}}){YEAR_END})?"
    rf"|(?=[A-Za-z])(?P<em>(?<![A-Za-z])(?:{_english_re()}))\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*"
    rf"(?:(?P<eera>{ERA_RE})\s*)?(?P<ey>\d{{4}}){YEAR_END}"
    rf"|(?P<mm>{MONTH_RE})(?:\s*,?\s*(?:(?P<mera>{ERA_RE})\s*)?(?P<my>\d{{4}}|\d{{2}}){YEAR_END})?"
)

# All-number dates: d/m/y (Thai order; m/d/y is never guessed), and y-m-d with an optional time.
NUMERIC_DATE: Final = re.compile(
    rf"(?=\d){DATE_START}(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)(?![.:/]?\d)"
    rf"|(?=\d){DATE_START}(?P<nd>\d{{1,2}})(?P<sep>[-/.])(?P<nm>\d{{1,2}})(?P=sep)(?P<ny>\d{{4}}|\d{{2}})"
    r"(?!\d)(?![.:/]\d)(?![A-Za-z])"
)

# Fiscal years: ปีงบประมาณ พ.ศ. 2567, ปีงบ 67, งบประมาณ 2567, FY2024; an optional second year
# makes a span of fiscal years (ปีงบประมาณ 2566-2570).
FISCAL_YEAR: Final = re.compile(
    rf"{_starts('ปงFf')}(?P<fm>(?<![A-Za-z])(?:{v.FISCAL_MARKER_RE}))\s*-?\s*(?:(?P<fera>{ERA_RE})\s*)?"
    rf"(?P<fy>\d{{4}}|\d{{2}}){YEAR_END}"
    rf"(?:{_RANGE_DASH}(?:(?:{v.FISCAL_MARKER_RE}|{ERA_RE})\s*)*(?P<fy2>\d{{4}}){YEAR_END})?"
)

# A year marked as a year: พ.ศ. 2567, ปี 2567, ค.ศ. 2024, or a span of them (พ.ศ. 2566 - 2570).
# A bare span of two 4-digit years (2566-2570) is a plan period too.
MARKED_YEAR: Final = re.compile(
    rf"{_starts('ปyYพคBAC')}(?:(?P<yw>(?<![A-Za-z])(?i:{v.YEAR_WORD_RE}))\s*(?:(?P<yera>{ERA_RE})\s*)?|(?P<yera2>{ERA_RE})\s*)"
    rf"(?P<y1>\d{{4}}){YEAR_END}"
    rf"(?:{_RANGE_DASH}(?:(?:{v.YEAR_WORD_RE}|{ERA_RE})\s*)*(?P<y2>\d{{4}}){YEAR_END})?"
    rf"|(?=\d){NUM_START}(?P<p1>\d{{4}}){_RANGE_DASH}(?P<p2>\d{{4}}){YEAR_END}(?!\s*[-/.]\s*\d)"
)

# Quarters: ไตรมาสที่ 2, ไตรมาส 2/2567, ไตรมาส 1-2, Q2/2567.
QUARTER: Final = re.compile(
    rf"{_starts('ไQ')}(?:{v.QUARTER_WORD_RE}\s*(?P<q>[1-4])(?!\d)(?:\s*-\s*(?P<q2>[1-4])(?!\d))?"
    rf"(?:\s*/\s*(?P<qy>\d{{4}}|\d{{2}}){YEAR_END}"
    rf"|\s*(?:(?:ปี|{ERA_RE})\s*)*(?P<qy4>\d{{4}}){YEAR_END})?"
    rf"|(?<![A-Za-z0-9])Q(?P<eq>[1-4])\s*[/ ]\s*(?:FY\s*)?(?P<eqy>\d{{4}}){YEAR_END})"
)

# Rounds from the start of a fiscal year: รอบ 6 เดือน(แรก/หลัง), 6 เดือนแรก, 6M 2567, ครึ่งปีแรก.
ROUND: Final = re.compile(
    rf"{_starts('รค0123456789')}(?:(?:(?P<rw>{v.ROUND_WORD_RE})[\s-]*)?(?<![\d.])(?P<rn>3|6|9|12)[\s-]*"
    rf"(?:{v.MONTH_WORD_RE}|(?P<rM>M)(?![A-Za-z]))(?:\s*(?P<first>{v.FIRST_WORD_RE})|\s*(?P<later>{v.LATER_WORD_RE}))?"
    rf"(?:[\s/-]*(?:(?:ปี|{ERA_RE})\s*)*(?P<ry>\d{{4}}){YEAR_END})?"
    rf"|(?P<hf>{v.HALF_FIRST_RE})(?:\s*(?:(?:ปี|{ERA_RE})\s*)*(?P<hfy>\d{{4}}){YEAR_END})?"
    rf"|(?P<hl>{v.HALF_LATER_RE})(?:\s*(?:(?:ปี|{ERA_RE})\s*)*(?P<hly>\d{{4}}){YEAR_END})?)"
)

# Numbers that only look like dates. A match here hides any date found inside it.
NOT_A_DATE: Final = re.compile(
    rf"{_starts('ปภaAมขหสตsScC§เรฉvVIi')}(?:(?i:{v.ACADEMIC_YEAR_RE})\s*(?:{ERA_RE}\s*)?\d{{4}}(?:\s*[-/]\s*\d{{2,4}})?"
    rf"|(?:{v.SECTION_WORD_RE})\s*\d+(?:\s?\.\s?\d+)+"
    rf"|(?<![A-Za-z])(?i:{v.VERSION_WORD_RE})\s*\d+(?:\.\d+)+[A-Za-z0-9.-]*"
    r"|(?i:ISBN)(?:-1[03])?\s*:?\s*[\d -]{9,17}[\dXx])",
)

RANGE_CONNECTOR: Final = re.compile(v.RANGE_CONNECTOR_RE)
LINE_BREAK: Final = re.compile(r"[\n\r]")
