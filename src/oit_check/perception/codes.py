"""Read item codes (i1-i30, e1-e15, o1-o43) as they come out of copied or OCR'd results tables.

What the seed document shows, and what this module therefore accepts:

* Thai digits everywhere: ``i๑๔`` is i14.
* ``o`` printed as Thai zero: the whole OIT table reads ``๐๑`` ... ``๐๔๓`` (o1 ... o43). A leading
  ``๐``/``0`` followed by digits is read as ``o``; the substitution is systematic, so the code is
  taken as read (text may still overrule it, see ``results/identify.py``).
* the ``i``/``e`` letter printed as Thai one: ``๑๑๕`` is e15 in the table, ``๑๒๑``/``๑๑๙`` are i21/i19
  in prose. Such a prefix is *damaged*: it could be i or e, or the letter may simply be missing
  (``๑๕`` could be i15, e15, o15 or i5/e5). The reading lists every candidate and is marked
  uncertain, and the caller must confirm it with the question text.
* stray marks and spaces inside codes: ``e ๑๓``, ``i.๗``, ``o-๑๘``, ``e๑'๓``.
* Latin look-alikes of the letters: ``I``/``l``/``|`` for i (uncertain except ``i``/``I``), ``O`` for o.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oit_check.thai.text import to_arabic_digits

# Highest item number per prefix (ITA 2566: 30 IIT, 15 EIT, 43 OIT); the caller passes its own.
DEFAULT_RANGES: dict[str, int] = {"i": 30, "e": 15, "o": 43}

_I_CLEAN = "iI"
_I_LOOKALIKE = "lı|!í¡"
_E_CLEAN = "eE"
_E_LOOKALIKE = "éèêë"
_O_CLEAN = "oOºο"
_ZERO = "0๐"
_ONE = "1๑"
_DIGIT = "0-9๐-๙"
_STRAY = r"[\s.\-_:;'`\"·,]"

_CODE_RE = re.compile(
    rf"^(?P<letter>[{_I_CLEAN}{_I_LOOKALIKE}{_E_CLEAN}{_E_LOOKALIKE}{_O_CLEAN}])?"
    rf"{_STRAY}{{0,2}}"
    rf"(?P<digits>[{_DIGIT}](?:[\s'`.·]?[{_DIGIT}]){{0,3}})"
    rf"(?![{_DIGIT}]|[.,][{_DIGIT}])"
)
_LEAD_RE = re.compile(r"^[\s\-•*·>#(\[]*")


@dataclass(frozen=True)
class CodeReading:
    """How the start of a row reads as an item code.

    ``candidates`` are the codes it may stand for, most likely first; ``certain`` says the prefix
    letter was read cleanly (or by a systematic substitution) so the first candidate stands on its
    own; ``end`` is the index in the text just after the code.
    """

    printed: str
    candidates: tuple[str, ...]
    certain: bool
    end: int


def read_code(text: str, ranges: dict[str, int] | None = None) -> CodeReading | None:
    """Read an item code at the start of ``text``; ``None`` when the text does not start with one."""
    ranges = ranges or DEFAULT_RANGES
    lead = _LEAD_RE.match(text)
    start = lead.end() if lead else 0
    m = _CODE_RE.match(text, start)
    if m is None:
        return None
    end = m.end()
    # The code must end at a word boundary: what follows is a space, a tab, punctuation or Thai.
    if end < len(text) and (text[end].isascii() and text[end].isalnum()):
        return None
    letter = m.group("letter") or ""
    if not letter and end < len(text) and text[end] in ".)":
        return None  # list numbering ("๑. ผลการประเมิน"), not a code
    digits = re.sub(r"[^0-9]", "", to_arabic_digits(m.group("digits")))
    printed = text[start:end].strip()
    if not digits:
        return None

    def ok(prefix: str, number: str) -> str | None:
        if not number or not number.isdigit():
            return None
        n = int(number)
        return f"{prefix}{n}" if 1 <= n <= ranges.get(prefix, 0) else None

    cands: list[str] = []
    certain = False
    if letter:
        if letter in _I_CLEAN + _I_LOOKALIKE:
            prefix, certain = "i", letter in _I_CLEAN
        elif letter in _E_CLEAN + _E_LOOKALIKE:
            prefix, certain = "e", letter in _E_CLEAN
        else:
            prefix, certain = "o", True
        code = ok(prefix, digits)
        if code is None:
            return None
        cands.append(code)
    else:
        raw_first = m.group("digits")[0]
        if raw_first in _ZERO and len(digits) >= 2:
            # o printed as a zero: ๐๑๐ is o10, ๐๔๓ is o43
            code = ok("o", digits[1:])
            if code is None:
                return None
            return CodeReading(printed, (code,), True, end)
        if raw_first in _ONE and len(digits) >= 2:
            # i/e printed as a one: ๑๑๕ is i15 or e15
            for prefix in ("e", "i"):
                code = ok(prefix, digits[1:])
                if code:
                    cands.append(code)
        # or the letter was dropped altogether: ๑๕ is i15, e15 or o15
        for prefix in ("e", "i", "o"):
            code = ok(prefix, digits)
            if code and code not in cands:
                cands.append(code)
        if not cands:
            return None
    return CodeReading(printed, tuple(cands), certain, end)


def code_sort_key(code: str) -> tuple[int, int]:
    """Order codes as the report does: i1..i30, e1..e15, o1..o43."""
    return ("ieo".index(code[0]) if code[:1] in ("i", "e", "o") else 3, int(code[1:]) if code[1:].isdigit() else 0)
