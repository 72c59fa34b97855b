"""Fuzz the Thai date engine (``oit_check.thai.dates.find_dates``) on arbitrary Thai-ish text.

Whatever the text (date words, Thai and Arabic digits, era markers, ranges, fiscal-year phrases,
rounds and quarters, mixed with noise), ``find_dates`` never raises and every mention is
plausible: start <= end, years inside the engine's range (BE 2400-2799, CE 1900-2199, so CE
1857-2256), a plan span of at most 30 years, a fiscal year inside BE 2400-2800, its ``source``
exactly the text at its ``span``, mentions in text order without overlaps.
"""

from __future__ import annotations

from datetime import date

from fuzzing import FUZZ, THAI_DIGITS, THAI_LETTERS, any_text
from hypothesis import example, given
from hypothesis import strategies as st

from oit_check.thai.dates import DateKind, DateMention, find_dates
from oit_check.thai.dates.vocabulary import ENGLISH_MONTHS, THAI_MONTHS_ABBR, THAI_MONTHS_FULL

EARLIEST = date(1856, 10, 1)  # fiscal year BE 2400 starts 1 Oct 1856
LATEST = date(2257, 12, 31)  # BE 2799 and its fiscal year's end, with a year to spare

MONTH_WORDS = [name for names in THAI_MONTHS_FULL.values() for name in names]
MONTH_WORDS += [f"{a}.{b}." for a, b in THAI_MONTHS_ABBR.values()] + [f"{a}{b}" for a, b in THAI_MONTHS_ABBR.values()]
MONTH_WORDS += [name for names in ENGLISH_MONTHS.values() for name in names]
MARKERS = ["พ.ศ.", "พ.ศ", "ค.ศ.", "ปีงบประมาณ", "ปีงบประมาณ พ.ศ.", "ปีงบ", "ปี", "FY", "วันที่", "ณ วันที่", "ลงวันที่",
           "รอบ ๖ เดือน", "รอบ 6 เดือน", "รอบ 12 เดือน", "ไตรมาสที่", "ไตรมาส", "ครึ่งปีแรก", "ถึง", "ตั้งแต่", "จนถึง", "ประจำเดือน",
           "แผน", "ระยะ ๕ ปี", "โทร.", "ราคา", "บาท", "เลขที่", "ฉบับที่", "ปีการศึกษา", "ISBN"]  # fmt: skip
SEPARATORS = [" ", "", "-", " - ", "–", "—", "/", ".", ",", " ถึง ", "(", ")", "\u00a0", "\n", ":"]
FILLER = ["รายงาน", "ประกาศ", "ผลการดำเนินงาน", "สำนักงาน", "จังหวัด", "No Gift", "ITA", "O12"]


def _numbers(draw: st.DrawFn) -> str:
    value = str(
        draw(
            st.one_of(
                st.integers(0, 99),
                st.integers(1, 31),
                st.integers(2400, 2800),
                st.integers(1850, 2300),
                st.integers(0, 10**12),
            )
        )
    )
    if draw(st.booleans()):
        value = value.translate(str.maketrans("0123456789", THAI_DIGITS))
    return value


@st.composite
def thai_date_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            parts.append(draw(st.sampled_from(MONTH_WORDS)))
        elif choice == 1:
            parts.append(draw(st.sampled_from(MARKERS)))
        elif choice in (2, 3):
            parts.append(_numbers(draw))
        elif choice == 4:
            parts.append(draw(st.sampled_from(FILLER)))
        else:
            parts.append(draw(st.text(alphabet=THAI_LETTERS + THAI_DIGITS + "0123456789./-", max_size=6)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


def _plausible(text: str, mentions: list[DateMention]) -> None:
    previous_end = 0
    for mention in mentions:
        assert isinstance(mention.kind, DateKind)
        assert EARLIEST <= mention.start <= mention.end <= LATEST, mention
        if mention.kind is not DateKind.PLAN_PERIOD:
            assert (mention.end - mention.start).days <= 366 * 2, mention  # at most a (fiscal) year or two
        else:
            assert mention.end.year - mention.start.year <= 31, mention
        assert mention.fiscal_year is None or 2400 <= mention.fiscal_year <= 2800, mention
        start, end = mention.span
        assert 0 <= start < end <= len(text) and text[start:end] == mention.source, mention
        assert start >= previous_end, "mentions overlap or are out of order"
        previous_end = end


@FUZZ
@given(thai_date_text(), st.one_of(st.none(), st.integers(2400, 2800)))
@example("ต.ค. ๖๖ – ก.ย. ๖๗", None)
@example("ไตรมาสที่ 2 รอบ 6 เดือน", 2567)
@example("แผน พ.ศ. 2566-2599", None)
def test_find_dates_on_thai_date_text_is_plausible(text: str, context_year_be: int | None) -> None:
    _plausible(text, find_dates(text, context_year_be=context_year_be))


@FUZZ
@given(
    st.one_of(any_text, st.text(alphabet=THAI_LETTERS + THAI_DIGITS + "0123456789 ./-–()", max_size=120)),
    st.one_of(st.none(), st.integers(2400, 2799)),  # the engine's BE range (callers validate the year)
)
def test_find_dates_on_any_text_never_raises(text: str, context_year_be: int | None) -> None:
    _plausible(text, find_dates(text, context_year_be=context_year_be))
