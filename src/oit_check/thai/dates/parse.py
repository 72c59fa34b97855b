"""Find every date, period and fiscal year in Thai (or English) text: ``find_dates``.

How it works, and why:

1. ``normalize`` makes digits Arabic and dashes/spaces plain, so each pattern is written once.
2. Each pattern family in ``patterns`` proposes candidates: dates with a month name, numeric
   dates, fiscal years, marked years and plan spans, quarters, "รอบ N เดือน" rounds, and
   "not a date" blockers (academic years, section numbers, versions, ISBNs). Two dates joined by
   a dash or ถึง become one range; a missing year on one end is taken from the other.
3. Overlaps are settled by length: the longest candidate wins, so "ปีงบประมาณ พ.ศ. 2567" beats
   the "พ.ศ. 2567" inside it, a range beats its ends, and a blocker hides what is inside it.
4. What needs a fiscal year from elsewhere ("ไตรมาสที่ 2", "รอบ 6 เดือน", "ต.ค.-มี.ค.") is
   settled last, from the nearest fiscal year on the same line, a date right after it
   ("ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)"), or ``context_year_be``; without one it is left out
   rather than guessed. Impossible dates (31 ก.พ.) are dropped, never corrected.

Interpretation rules (docs/dates.md has the full list): a 4-digit year from 2400 is BE, 1900-2199
CE; a 2-digit year is BE 25xx unless marked ค.ศ./A.D., and unmarked it must be 40-99 (1997-2056);
d/m/y is always day first; a plain year is reported only with a marker (พ.ศ., ปี, ค.ศ.).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from oit_check.thai import fiscal
from oit_check.thai.dates import patterns as p
from oit_check.thai.dates.model import DateKind, DateMention
from oit_check.thai.dates.normalize import DIGIT_RE, normalize, original_span

BE_MIN: Final = 2400
BE_MAX: Final = 2799
CE_MIN: Final = 1900
CE_MAX: Final = 2199
TWO_DIGIT_MIN: Final = 40  # an unmarked "๖๗" is BE 2567; below 40 (BE 2500-2539) is too rare to risk
MAX_PLAN_YEARS: Final = 30  # national strategy spans are 20 years; anything longer is not a plan
ANCHOR_DISTANCE: Final = 300  # how far (characters, same line) a fiscal year reaches
WEAK_ANCHOR_GAP: Final = 3  # "6 เดือน" with no รอบ/แรก needs its fiscal year right after it

_FOLLOWING_GAP: Final = re.compile(r"[\s(\[:]{0,4}")
_CE_ERA_START: Final = frozenset("คACac")


@dataclass(slots=True)
class _Candidate:
    """A proposed mention in normal-form offsets; ``kind is None`` marks a blocker."""

    start: int
    end: int
    kind: DateKind | None
    first: date | None = None
    last: date | None = None
    fiscal_year: int | None = None


@dataclass(slots=True)
class _Atom:
    """A single date with a month name or in digits; ``year`` is CE, ``None`` when not written."""

    start: int
    end: int
    month: int
    day: int | None
    day_from: int | None
    year: int | None


@dataclass(slots=True)
class _Pending:
    """A candidate that needs a fiscal year (BE) from its surroundings."""

    start: int
    end: int
    build: Callable[[int], _Candidate | None]
    weak: bool = False
    may_follow: bool = True


def _is_ce_era(era: str | None) -> bool:
    return era is not None and era[0] in _CE_ERA_START


def _year_ce(digits: str, era: str | None) -> int | None:
    """CE year of a written year, or ``None`` if implausible."""
    n = int(digits)
    ce_marked = _is_ce_era(era)
    if len(digits) == 2:
        if ce_marked:
            return 2000 + n
        if era is not None or n >= TWO_DIGIT_MIN:
            return fiscal.be_to_ce(2500 + n)
        return None
    if ce_marked:
        return n if CE_MIN <= n <= CE_MAX else None
    if BE_MIN <= n <= BE_MAX:
        return fiscal.be_to_ce(n)
    if era is None and CE_MIN <= n <= CE_MAX:
        return n
    return None


def _fiscal_be(digits: str, era: str | None, *, thai_marker: bool) -> int | None:
    """Fiscal year (BE) of a written fiscal year: FY2024 and ปีงบ 67 are both 2567."""
    n = int(digits)
    if len(digits) == 2:
        return 2500 + n if thai_marker and not _is_ce_era(era) else None
    year_ce = _year_ce(digits, era)
    return None if year_ce is None else fiscal.ce_to_be(year_ce)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return fiscal.month_end(date(year, month, 1))


def _atom_first(atom: _Atom, year: int) -> date | None:
    return _safe_date(year, atom.month, atom.day_from or atom.day or 1)


def _atom_last(atom: _Atom, year: int) -> date | None:
    if atom.day is None:
        return _month_end(year, atom.month)
    return _safe_date(year, atom.month, atom.day)


def _named_atoms(norm: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in p.NAMED_DATE.finditer(norm):
        if m.group("em") is not None:  # March 15, 2024
            year = _year_ce(m.group("ey"), m.group("eera"))
            if year is not None:
                atoms.append(_Atom(m.start(), m.end(), p.month_number(m.group("em")), int(m.group("ed")), None, year))
            continue
        if m.group("m") is not None:
            month_group, year_group, era_group = "m", "y", "era"
            day: int | None = int(m.group("d"))
            day_from = int(m.group("d0")) if m.group("d0") else None
        else:
            month_group, year_group, era_group = "mm", "my", "mera"
            day = day_from = None
        year = None
        end = m.end()
        if m.group(year_group) is not None:
            year = _year_ce(m.group(year_group), m.group(era_group))
            if year is None:
                end = m.end(month_group)  # "15 มีนาคม 25 คน": the number is no year
        atoms.append(_Atom(m.start(), end, p.month_number(m.group(month_group)), day, day_from, year))
    return atoms


def _numeric_atoms(norm: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in p.NUMERIC_DATE.finditer(norm):
        if m.group("iy") is not None:
            year = _year_ce(m.group("iy"), None)
            month, day = int(m.group("im")), int(m.group("id"))
        else:
            if m.group("sep") == "." and len(m.group("ny")) == 2 and (len(m.group("nd")) < 2 or len(m.group("nm")) < 2):
                continue  # "4.2.67" reads as a clause number far more often than as a date
            year = _year_ce(m.group("ny"), None)
            month, day = int(m.group("nm")), int(m.group("nd"))
        if year is not None and 1 <= month <= 12:
            atoms.append(_Atom(m.start(), m.end(), month, day, None, year))
    return atoms


def _single(atom: _Atom) -> _Candidate | None:
    """The mention of one atom with a year; ``None`` if it is no real date."""
    assert atom.year is not None
    first, last = _atom_first(atom, atom.year), _atom_last(atom, atom.year)
    if first is None or last is None:
        return _Candidate(atom.start, atom.end, None)  # 31 ก.พ.: hide it, never guess
    if atom.day is None:
        kind = DateKind.MONTH
    elif atom.day_from is None:
        kind = DateKind.DAY
    elif first < last:
        kind = DateKind.RANGE
    else:
        return None
    return _Candidate(atom.start, atom.end, kind, first, last)


def _span_years(a: _Atom, b: _Atom) -> tuple[int, int] | None:
    """Years of both ends of a range when at least one is written."""
    a_key, b_key = (a.month, a.day_from or a.day or 1), (b.month, b.day or 31)
    if a.year is not None and b.year is not None:
        return a.year, b.year
    if b.year is not None:
        return b.year - (1 if a_key > b_key else 0), b.year
    if a.year is not None:
        return a.year, a.year + (1 if b_key < a_key else 0)
    return None


def _range(a: _Atom, b: _Atom, year_a: int, year_b: int, fiscal_year: int | None = None) -> _Candidate | None:
    first, last = _atom_first(a, year_a), _atom_last(b, year_b)
    if first is None or last is None:
        return _Candidate(a.start, b.end, None)
    if first > last:
        return None
    return _Candidate(a.start, b.end, DateKind.RANGE, first, last, fiscal_year)


def _yearless_range(a: _Atom, b: _Atom) -> Callable[[int], _Candidate | None]:
    def build(year_be: int) -> _Candidate | None:
        year_a, year_b = (
            fiscal.fiscal_month_year(year_be, a.month),
            fiscal.fiscal_month_year(year_be, b.month),
        )
        if (year_a, a.month) > (year_b, b.month):  # ม.ค.-ธ.ค. is a calendar year, not a fiscal one
            year_a = year_b = fiscal.be_to_ce(year_be)
        return _range(a, b, year_a, year_b, year_be)

    return build


def _glued(norm: str, start: int) -> bool:
    """Whether a date starts right after "<digit>-" (see ``patterns.DATE_START``)."""
    return start >= 2 and norm[start - 1] == "-" and norm[start - 2].isdigit()


def _date_candidates(norm: str, pending: list[_Pending]) -> list[_Candidate]:
    atoms = sorted(_named_atoms(norm) + _numeric_atoms(norm), key=lambda a: (a.start, -a.end))
    ends = {a.end for a in atoms}
    atoms = [a for a in atoms if not _glued(norm, a.start) or a.start - 1 in ends]
    out: list[_Candidate] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and b.start >= a.end and p.RANGE_CONNECTOR.fullmatch(norm, a.end, b.start):
            years = _span_years(a, b)
            if years is None:
                pending.append(_Pending(a.start, b.end, _yearless_range(a, b), may_follow=False))
                i += 2
                continue
            made = _range(a, b, *years)
            if made is not None:
                out.append(made)
                i += 2
                continue
        if a.year is not None:
            single = _single(a)
            if single is not None:
                out.append(single)
        elif a.day_from is not None:
            pending.append(_Pending(a.start, a.end, _yearless_range(a, a), may_follow=False))
        i += 1
    return out


def _fiscal_year_candidates(norm: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in p.FISCAL_YEAR.finditer(norm):
        thai = not m.group("fm").upper().startswith("F")
        year_be = _fiscal_be(m.group("fy"), m.group("fera"), thai_marker=thai)
        if year_be is None:
            continue
        period = fiscal.fiscal_year_period(year_be)
        if m.group("fy2") is not None:
            last_be = _fiscal_be(m.group("fy2"), m.group("fera"), thai_marker=thai)
            if last_be is not None and 0 < last_be - year_be <= MAX_PLAN_YEARS:
                last = fiscal.fiscal_year_period(last_be).end
                out.append(_Candidate(m.start(), m.end(), DateKind.PLAN_PERIOD, period.start, last))
                continue
            out.append(_Candidate(m.start(), m.end("fy"), DateKind.FISCAL_YEAR, period.start, period.end, year_be))
            continue
        out.append(_Candidate(m.start(), m.end(), DateKind.FISCAL_YEAR, period.start, period.end, year_be))
    return out


def _same_era(a: str, b: str) -> bool:
    return (int(a) >= BE_MIN) == (int(b) >= BE_MIN)


def _year_candidates(norm: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in p.MARKED_YEAR.finditer(norm):
        if m.group("p1") is not None:
            first_digits, last_digits, era = m.group("p1"), m.group("p2"), None
            if not _same_era(first_digits, last_digits):
                continue
        else:
            first_digits, last_digits = m.group("y1"), m.group("y2")
            era = m.group("yera") or m.group("yera2")
        first = _year_ce(first_digits, era)
        if first is None:
            continue
        if last_digits is not None:
            last = _year_ce(last_digits, era)
            if last is not None and 0 < last - first <= MAX_PLAN_YEARS:
                out.append(_Candidate(m.start(), m.end(), DateKind.PLAN_PERIOD, date(first, 1, 1), date(last, 12, 31)))
                continue
            if m.group("p1") is not None:
                continue
        out.append(_Candidate(m.start(), m.end("y1"), DateKind.YEAR, date(first, 1, 1), date(first, 12, 31)))
    return out


def _quarter_builder(start: int, end: int, first_q: int, last_q: int) -> Callable[[int], _Candidate | None]:
    def build(year_be: int) -> _Candidate | None:
        first, last = fiscal.quarter_period(year_be, first_q), fiscal.quarter_period(year_be, last_q)
        kind = DateKind.QUARTER if first_q == last_q else DateKind.RANGE
        return _Candidate(start, end, kind, first.start, last.end, year_be)

    return build


def _quarter_candidates(norm: str, pending: list[_Pending]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in p.QUARTER.finditer(norm):
        if m.group("eq") is not None:
            first_q = last_q = int(m.group("eq"))
            year_be = _fiscal_be(m.group("eqy"), None, thai_marker=False)
        else:
            first_q = int(m.group("q"))
            last_q = int(m.group("q2")) if m.group("q2") else first_q
            if last_q < first_q:
                continue
            digits = m.group("qy") or m.group("qy4")
            year_be = _fiscal_be(digits, None, thai_marker=True) if digits else None
        build = _quarter_builder(m.start(), m.end(), first_q, last_q)
        if year_be is not None:
            made = build(year_be)
            if made is not None:
                out.append(made)
        elif m.group("eq") is None:
            pending.append(_Pending(m.start(), m.end(), build))
    return out


def _round_builder(start: int, end: int, months: int, later: bool) -> Callable[[int], _Candidate | None]:
    def build(year_be: int) -> _Candidate | None:
        if later:
            if months == 6:
                period = fiscal.second_half_period(year_be)
                return _Candidate(start, end, DateKind.HALF_YEAR, period.start, period.end, year_be)
            if months == 3:
                period = fiscal.quarter_period(year_be, 4)
                return _Candidate(start, end, DateKind.QUARTER, period.start, period.end, year_be)
            return None
        period = fiscal.cumulative_period(year_be, months)
        kind = {3: DateKind.QUARTER, 6: DateKind.HALF_YEAR, 12: DateKind.FISCAL_YEAR}.get(months, DateKind.RANGE)
        return _Candidate(start, end, kind, period.start, period.end, year_be)

    return build


def _round_candidates(norm: str, pending: list[_Pending]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in p.ROUND.finditer(norm):
        if m.group("rn") is not None:
            months, later = int(m.group("rn")), m.group("later") is not None
            digits = m.group("ry")
            strong = m.group("rw") is not None or m.group("first") is not None or later
            if m.group("rM") is not None and digits is None:
                strong = False
        else:
            months, later = 6, m.group("hl") is not None
            digits = m.group("hfy") or m.group("hly")
            strong = True
        build = _round_builder(m.start(), m.end(), months, later)
        if digits is not None:
            year_be = _fiscal_be(digits, None, thai_marker=True)
            made = build(year_be) if year_be is not None else None
            if made is not None:
                out.append(made)
        else:
            pending.append(_Pending(m.start(), m.end(), build, weak=not strong))
    return out


def _blockers(norm: str) -> list[_Candidate]:
    return [_Candidate(m.start(), m.end(), None) for m in p.NOT_A_DATE.finditer(norm)]


class _Chosen:
    """Non-overlapping candidates kept sorted by position."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[_Candidate] = []
        self.longest = 0

    def try_add(self, cand: _Candidate) -> bool:
        index = bisect_right(self.starts, cand.start)
        if index > 0 and self.items[index - 1].end > cand.start:
            return False
        if index < len(self.items) and self.items[index].start < cand.end:
            return False
        self.starts.insert(index, cand.start)
        self.items.insert(index, cand)
        self.longest = max(self.longest, cand.end - cand.start)
        return True

    def near(self, start: int, end: int, distance: int) -> list[_Candidate]:
        """Chosen candidates ending at most ``distance`` before ``start`` or starting at most
        ``distance`` after ``end``."""
        lo = bisect_left(self.starts, start - distance - self.longest)
        hi = bisect_right(self.starts, end + distance)
        return self.items[lo:hi]

    def following(self, end: int) -> _Candidate | None:
        """The first chosen mention (not a blocker) starting at or after ``end``."""
        index = bisect_left(self.starts, end)
        return self.items[index] if index < len(self.items) else None


def _same_line(norm: str, a: int, b: int) -> bool:
    return p.LINE_BREAK.search(norm, a, b) is None


def _anchor_year(norm: str, chosen: _Chosen, item: _Pending, context_year_be: int | None) -> int | None:
    """The fiscal year a quarter, round or yearless range belongs to, or ``None``."""
    if item.weak:
        for c in chosen.near(item.start, item.end, WEAK_ANCHOR_GAP):
            if c.kind is not DateKind.FISCAL_YEAR:
                continue
            if 0 <= c.start - item.end <= WEAK_ANCHOR_GAP and not norm[item.end : c.start].strip():
                return c.fiscal_year
        return None
    best_key: tuple[int, int] | None = None
    best_year: int | None = None
    for c in chosen.near(item.start, item.end, ANCHOR_DISTANCE):
        if c.fiscal_year is None:
            continue
        gap = item.start - c.end if c.end <= item.start else c.start - item.end
        if 0 <= gap <= ANCHOR_DISTANCE and _same_line(norm, min(c.end, item.end), max(c.start, item.start)):
            key = (0 if c.kind is DateKind.FISCAL_YEAR else 1, gap)
            if best_key is None or key < best_key:
                best_key, best_year = key, c.fiscal_year
    if best_year is not None:
        return best_year
    if item.may_follow:
        nxt = chosen.following(item.end)
        if (
            nxt is not None
            and nxt.kind is not None
            and nxt.first is not None
            and _FOLLOWING_GAP.fullmatch(norm, item.end, nxt.start)
        ):
            return fiscal.fiscal_year_of(nxt.first)
    return context_year_be


def find_dates(text: str, *, context_year_be: int | None = None) -> list[DateMention]:
    """All date mentions in ``text``, in text order and non-overlapping (the longest wins).

    ``context_year_be`` is the fiscal year (BE) the text is about, e.g. the ITA year being
    checked; it dates "ไตรมาสที่ 2", "รอบ 6 เดือน" and "ต.ค.-มี.ค." when the text names no year.
    """
    if context_year_be is None and DIGIT_RE.search(text) is None:
        return []
    norm, kept = normalize(text)
    pending: list[_Pending] = []
    candidates = _blockers(norm)
    candidates += _date_candidates(norm, pending)
    candidates += _fiscal_year_candidates(norm)
    candidates += _year_candidates(norm)
    candidates += _quarter_candidates(norm, pending)
    candidates += _round_candidates(norm, pending)
    candidates.sort(key=lambda c: (c.start - c.end, c.kind is not None, c.start))
    chosen = _Chosen()
    for cand in candidates:
        chosen.try_add(cand)
    for item in sorted(pending, key=lambda x: x.start):
        year_be = _anchor_year(norm, chosen, item, context_year_be)
        if year_be is None:
            continue
        made = item.build(year_be)
        if made is not None:
            chosen.try_add(made)
    mentions: list[DateMention] = []
    for c in chosen.items:
        if c.kind is None or c.first is None or c.last is None:
            continue
        start, end = original_span((c.start, c.end), kept)
        mentions.append(DateMention(c.kind, c.first, c.last, text[start:end], (start, end), c.fiscal_year))
    return mentions
