"""Property tests: any valid date written in any supported style parses back to exactly that date,
inside random Thai sentence text; phone numbers and prices never yield a date."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oit_check.thai import fiscal
from oit_check.thai.dates import DateKind, find_dates, format_thai_date, format_thai_period
from oit_check.thai.dates.vocabulary import ENGLISH_MONTHS, THAI_MONTHS_ABBR, THAI_MONTHS_FULL

SETTINGS = settings(max_examples=300, deadline=None)

# Two-digit BE years are read as 2540-2599 (docs/dates.md), i.e. 1997-2056 CE.
TWO_DIGIT_FIRST = date(1997, 1, 1)
TWO_DIGIT_LAST = date(2056, 12, 31)

# Sentence fragments with no digits and no date words; joined to the date by a space.
FILLER = [
    "ประกาศ",
    "รายงานผลการดำเนินงาน",
    "ของหน่วยงาน",
    "เรื่อง การจัดซื้อจัดจ้าง",
    "ได้ดำเนินการแล้ว",
    "สำนักงานสาธารณสุขจังหวัด",
    "เผยแพร่",
    "ข้อมูลข่าวสาร",
    "โปรดทราบ",
    "ตามที่",
    "(เอกสารแนบ)",
    "ผู้อำนวยการ",
    "นโยบาย No Gift Policy",
    "องค์การบริหารส่วนตำบล",
]
DAY_PREFIX = ["", "วันที่ ", "ณ วันที่ ", "ลว. ", "ลงวันที่ ", "วันจันทร์ที่ ", "ภายในวันที่ ", "ถึงวันที่ "]
SPACES = ["", " ", "  ", "\u00a0"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

dates_any = st.dates(min_value=date(1901, 1, 1), max_value=date(2198, 12, 31))
dates_two_digit = st.dates(min_value=TWO_DIGIT_FIRST, max_value=TWO_DIGIT_LAST)


@st.composite
def digits(draw: st.DrawFn, number: str) -> str:
    """``number`` in Arabic or Thai digits (drawn per number, so one date mixes both)."""
    return number.translate(THAI_DIGITS) if draw(st.booleans()) else number


@st.composite
def thai_month(draw: st.DrawFn, month: int) -> str:
    """A Thai month name: full, or abbreviated with/without dots and spaces."""
    if draw(st.booleans()):
        return draw(st.sampled_from(THAI_MONTHS_FULL[month]))
    first, second = THAI_MONTHS_ABBR[month]
    joiner = draw(st.sampled_from([".", "", ". "]))
    final = draw(st.sampled_from([".", ""])) if joiner else ""
    return f"{first}{joiner}{second}{final}"


@st.composite
def year_text(draw: st.DrawFn, d: date, *, allow_ce: bool = True) -> str:
    """The year of ``d`` as BE 4-digit, BE 2-digit (when readable), พ.ศ.-marked, or CE."""
    be = d.year + 543
    options = ["be4", "era"]
    if TWO_DIGIT_FIRST <= d <= TWO_DIGIT_LAST:
        options.append("be2")
    if allow_ce:
        options.append("ce")
    style = draw(st.sampled_from(options))
    if style == "be2":
        return draw(digits(f"{be % 100:02d}"))
    if style == "ce":
        return draw(digits(str(d.year)))
    if style == "era":
        return draw(st.sampled_from(["พ.ศ. ", "พ.ศ.", "พ.ศ.. "])) + draw(digits(str(be)))
    return draw(digits(str(be)))


@st.composite
def thai_day_date(draw: st.DrawFn, d: date) -> str:
    space = draw(st.sampled_from(SPACES))
    day = draw(digits(str(d.day) if draw(st.booleans()) else f"{d.day:02d}"))
    return f"{day}{space}{draw(thai_month(d.month))}{draw(st.sampled_from(SPACES))}{draw(year_text(d))}"


@st.composite
def english_date(draw: st.DrawFn, d: date) -> str:
    name = draw(st.sampled_from(ENGLISH_MONTHS[d.month]))
    name = draw(st.sampled_from([name, name.title(), name.upper()]))
    if draw(st.booleans()):
        return f"{name} {d.day}, {d.year}"
    return f"{d.day} {name} {d.year}"


@st.composite
def numeric_date(draw: st.DrawFn, d: date) -> str:
    style = draw(st.sampled_from(["dmy_be", "dmy_ce", "dmy_be2", "iso", "iso_time"]))
    if style == "dmy_be2" and not TWO_DIGIT_FIRST <= d <= TWO_DIGIT_LAST:
        style = "dmy_be"
    if style in ("iso", "iso_time"):
        text = d.isoformat()
        if style == "iso_time":
            text += draw(st.sampled_from(["T09:13:23", "T02:51:21Z", "T23:59:59+07:00", " 10:30"]))
        return text
    sep = draw(st.sampled_from(["/", "-", "."]))
    padded = draw(st.booleans()) or sep == "."
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if padded else (str(d.day), str(d.month))
    year = {"dmy_be": str(d.year + 543), "dmy_ce": str(d.year), "dmy_be2": f"{(d.year + 543) % 100:02d}"}[style]
    return draw(digits(f"{day}{sep}{month}{sep}{year}"))


@st.composite
def sentence(draw: st.DrawFn, core: str) -> str:
    before = draw(st.lists(st.sampled_from(FILLER), max_size=3))
    after = draw(st.lists(st.sampled_from(FILLER), max_size=3))
    return " ".join([*before, core, *after])


def _only(text: str) -> tuple[DateKind, date, date]:
    mentions = find_dates(text)
    assert len(mentions) == 1, (text, mentions)
    m = mentions[0]
    assert text[m.span[0] : m.span[1]] == m.source
    return m.kind, m.start, m.end


# --- single days ------------------------------------------------------------------------------------


@SETTINGS
@given(st.data(), dates_any)
def test_thai_day_dates_parse_back(data: st.DataObject, d: date) -> None:
    core = data.draw(st.sampled_from(DAY_PREFIX)) + data.draw(thai_day_date(d))
    assert _only(data.draw(sentence(core))) == (DateKind.DAY, d, d)


@SETTINGS
@given(st.data(), dates_any)
def test_english_dates_parse_back(data: st.DataObject, d: date) -> None:
    assert _only(data.draw(sentence(data.draw(english_date(d))))) == (DateKind.DAY, d, d)


@SETTINGS
@given(st.data(), dates_any)
def test_numeric_dates_parse_back(data: st.DataObject, d: date) -> None:
    assert _only(data.draw(sentence(data.draw(numeric_date(d))))) == (DateKind.DAY, d, d)


@SETTINGS
@given(dates_any, st.sampled_from(["short", "long"]), st.sampled_from(["thai", "arabic"]))
def test_formatted_dates_parse_back(d: date, style: str, digit_style: str) -> None:
    text = format_thai_date(d, style=style, digits=digit_style)  # type: ignore[arg-type]
    assert _only(text) == (DateKind.DAY, d, d)


# --- months, ranges, fiscal years, plan spans -----------------------------------------------------------


@SETTINGS
@given(st.data(), dates_any)
def test_month_year_parses_back(data: st.DataObject, d: date) -> None:
    prefix = data.draw(st.sampled_from(["", "เดือน", "เดือน ", "ประจำเดือน"]))
    core = f"{prefix}{data.draw(thai_month(d.month))}{data.draw(st.sampled_from(SPACES))}{data.draw(year_text(d))}"
    first = d.replace(day=1)
    assert _only(data.draw(sentence(core))) == (DateKind.MONTH, first, fiscal.month_end(first))


@SETTINGS
@given(st.data(), dates_any, st.integers(min_value=0, max_value=800))
def test_day_ranges_parse_back(data: st.DataObject, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    assume(end.year <= 2198)
    dash = data.draw(st.sampled_from([" - ", "-", " – ", "–", " ถึง ", " ถึงวันที่ ", " - วันที่ ", " จนถึง "]))
    left = data.draw(thai_day_date(start))
    right = data.draw(st.one_of(thai_day_date(end), numeric_date(end)))
    if "-" in right and dash.strip() in ("-", "–"):
        dash = " – "  # "1-1-2543-31-3-2543" is ambiguous to people too; real pages space such dashes
    core = data.draw(st.sampled_from(["", "ตั้งแต่วันที่ ", "ระหว่างวันที่ "])) + left + dash + right
    assert _only(data.draw(sentence(core))) == (DateKind.RANGE, start, end)


@SETTINGS
@given(st.data(), st.dates(min_value=date(1997, 1, 1), max_value=date(2056, 1, 31)), st.integers(1, 24))
def test_month_ranges_parse_back(data: st.DataObject, start_day: date, months: int) -> None:
    start = start_day.replace(day=1)
    index = start.month - 1 + months
    end = fiscal.month_end(date(start.year + index // 12, index % 12 + 1, 1))
    assume(end <= TWO_DIGIT_LAST)
    left = f"{data.draw(thai_month(start.month))}{data.draw(st.sampled_from(['', ' ']))}{data.draw(year_text(start))}"
    right = f"{data.draw(thai_month(end.month))}{data.draw(st.sampled_from(['', ' ']))}{data.draw(year_text(end))}"
    dash = data.draw(st.sampled_from([" - ", "-", " – ", "–", " ถึง "]))
    core = data.draw(st.sampled_from(["{}", "({})"])).format(left + dash + right)
    assert _only(data.draw(sentence(core))) == (DateKind.RANGE, start, end)


@SETTINGS
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2150, 1, 1)), st.integers(0, 700))
def test_formatted_periods_parse_back(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    assume(start >= TWO_DIGIT_FIRST and end <= TWO_DIGIT_LAST)  # the period style writes 2-digit years
    mentions = find_dates(format_thai_period(start, end))
    assert [(m.start, m.end) for m in mentions] == [(start, end)]


@SETTINGS
@given(st.data(), st.integers(min_value=2450, max_value=2740))
def test_fiscal_year_phrases_parse_back(data: st.DataObject, year_be: int) -> None:
    styles = [
        "ประจำปีงบประมาณ พ.ศ. {be}",
        "ปีงบประมาณ {be}",
        "ปีงบประมาณ พ.ศ.{be}",
        "งบประมาณ พ.ศ. {be}",
        "ปีงบ {be}",
        "FY{ce}",
        "FY {be}",
    ]
    if 2500 <= year_be <= 2599:
        styles.append("ปีงบ {be2}")
    style = data.draw(st.sampled_from(styles))
    core = style.format(
        be=data.draw(digits(str(year_be))), ce=year_be - 543, be2=data.draw(digits(f"{year_be % 100:02d}"))
    )
    period = fiscal.fiscal_year_period(year_be)
    mentions = find_dates(data.draw(sentence(core)))
    assert [(m.kind, m.start, m.end, m.fiscal_year) for m in mentions] == [
        (DateKind.FISCAL_YEAR, period.start, period.end, year_be)
    ]


@SETTINGS
@given(st.data(), st.integers(min_value=2450, max_value=2700), st.integers(min_value=1, max_value=20))
def test_plan_periods_parse_back(data: st.DataObject, first_be: int, years: int) -> None:
    last_be = first_be + years
    style = data.draw(st.sampled_from(["พ.ศ. {a} - {b}", "(พ.ศ. {a} – {b})", "{a}-{b}", "ปี {a} ถึง {b}"]))
    core = style.format(a=data.draw(digits(str(first_be))), b=data.draw(digits(str(last_be))))
    expected = (DateKind.PLAN_PERIOD, date(first_be - 543, 1, 1), date(last_be - 543, 12, 31))
    assert _only(data.draw(sentence(core))) == expected


# --- never dates ------------------------------------------------------------------------------------------

_digit = st.integers(0, 9).map(str)


@st.composite
def phone_number(draw: st.DrawFn) -> str:
    def n(count: int) -> str:
        return "".join(draw(st.lists(_digit, min_size=count, max_size=count)))

    style = draw(st.integers(0, 6))
    text = [
        f"0{n(1)}-{n(3)}-{n(4)}",
        f"0{n(2)}-{n(3)}-{n(4)}",
        f"0 {n(4)} {n(4)}",
        f"+66 {n(1)} {n(4)} {n(4)}",
        f"0{n(9)}",
        f"(0{n(1)}) {n(3)} {n(4)}",
        f"0-{n(4)}-{n(4)}",
    ][style]
    text = text.translate(THAI_DIGITS) if draw(st.booleans()) else text
    prefix = draw(st.sampled_from(["", "โทร ", "โทร. ", "โทรศัพท์ ", "โทรสาร ", "Tel. ", "มือถือ "]))
    suffix = draw(st.sampled_from(["", " ต่อ 12", " (ในวันและเวลาราชการ)"]))
    return prefix + text + suffix


@st.composite
def price(draw: st.DrawFn) -> str:
    amount = draw(st.integers(0, 999_999_999))
    cents = draw(st.integers(0, 99))
    style = draw(st.integers(0, 3))
    number = [f"{amount:,}.{cents:02d}", f"{amount:,}", f"{amount}.{cents:02d}", f"{amount}"][style]
    number = number.translate(THAI_DIGITS) if draw(st.booleans()) else number
    prefix = draw(st.sampled_from(["", "ราคา ", "วงเงิน ", "ราคากลาง ", "จำนวนเงิน "]))
    return prefix + number + draw(st.sampled_from([" บาท", "บาท", " ล้านบาท", ".-", " บาท (ห้าร้อยบาทถ้วน)"]))


@SETTINGS
@given(st.data())
def test_phone_numbers_are_never_dates(data: st.DataObject) -> None:
    text = data.draw(sentence(data.draw(phone_number())))
    assert find_dates(text) == []


@SETTINGS
@given(st.data())
def test_prices_are_never_dates(data: st.DataObject) -> None:
    text = data.draw(sentence(data.draw(price())))
    assert find_dates(text) == []
