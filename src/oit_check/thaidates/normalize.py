"""Make Thai date text regular before matching, keeping a way back to the original offsets.

Agency pages mix Thai and Arabic digits, paste NBSPs and zero-width spaces into dates, and use
every dash Unicode has. Matching runs on a normal form: Arabic digits, plain spaces, ``-`` for
every dash, spaces for underscores (file names such as ``o12_report_6M_2567.pdf`` use them as
word separators). All of that is one character for one character, so offsets carry over; only
invisible characters are deleted, and then an index list maps normal-form offsets back.
"""

from __future__ import annotations

import re
from typing import Final

_ONE_TO_ONE: Final = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},  # ๐..๙
        **dict.fromkeys(
            "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
        ),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        "_": " ",
    }
)
INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE: Final = re.compile(f"[{INVISIBLE}]")
DIGIT_RE: Final = re.compile(r"[0-9\u0E50-\u0E59]")


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return the matching form of ``text`` and, if characters were deleted, the original index
    of each character of that form (``None`` means offsets are unchanged)."""
    norm = text.translate(_ONE_TO_ONE)
    if _INVISIBLE_RE.search(norm) is None:
        return norm, None
    kept = [i for i, ch in enumerate(norm) if ch not in INVISIBLE]
    return "".join(norm[i] for i in kept), kept


def original_span(span: tuple[int, int], kept: list[int] | None) -> tuple[int, int]:
    """Map a ``(start, end)`` span of the normal form back to the original text."""
    if kept is None:
        return span
    start, end = span
    return kept[start], kept[end - 1] + 1
