"""Make Thai date text regular before matching, keeping a way back to the original offsets.

Agency pages mix Thai and Arabic digits, paste NBSPs and zero-width spaces into dates, and use
every dash Unicode has. Matching runs on a normal form: Arabic digits, plain spaces, ``-`` for
every dash, spaces for underscores (file names such as ``o12_report_6M_2567.pdf`` use them as
word separators). All of that is one character for one character, so offsets carry over; only
invisible characters are deleted, and then an index list maps normal-form offsets back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
# Characters _ONE_TO_ONE changes: a quick search decides whether the (slower) translate is needed.
_NEEDS_TRANSLATE: Final = re.compile(
    "[\u0e50-\u0e59\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\ufe58\ufe63\uff0d_]"
)


def normalize(text: str) -> tuple[str, OffsetMap | None]:
    """Return the matching form of ``text`` and, if invisible characters were deleted, the map back
    to original offsets (``None`` means offsets are unchanged)."""
    norm = text.translate(_ONE_TO_ONE) if _NEEDS_TRANSLATE.search(text) else text
    if _INVISIBLE_RE.search(norm) is None:
        return norm, None
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    kept = 0
    pos = 0
    for m in _INVISIBLE_RE.finditer(norm):
        if m.start() > pos:
            pieces.append(norm[pos : m.start()])
            norm_starts.append(kept)
            orig_starts.append(pos)
            kept += m.start() - pos
        pos = m.end()
    if pos < len(norm):
        pieces.append(norm[pos:])
        norm_starts.append(kept)
        orig_starts.append(pos)
    return "".join(pieces), OffsetMap(norm_starts, orig_starts)


class OffsetMap:
    """Where each run of kept characters starts, in the normal form and in the original text."""

    def __init__(self, norm_starts: list[int], orig_starts: list[int]) -> None:
        self.norm_starts = norm_starts
        self.orig_starts = orig_starts

    def original(self, offset: int) -> int:
        """Original index of the character at normal-form ``offset``."""
        run = bisect_right(self.norm_starts, offset) - 1
        return self.orig_starts[run] + offset - self.norm_starts[run]


def original_span(span: tuple[int, int], offsets: OffsetMap | None) -> tuple[int, int]:
    """Map a non-empty ``(start, end)`` span of the normal form back to the original text."""
    if offsets is None:
        return span
    start, end = span
    return offsets.original(start), offsets.original(end - 1) + 1
