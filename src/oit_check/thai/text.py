"""Thai text normalisation for matching, and repair of Thai text extracted from PDFs.

Matching must survive what real sites do to Thai: Thai digits next to Arabic ones, zero-width
spaces, inline tags that split words, tone marks typed in the wrong order, ``ํา`` for ``ำ``, and
URL slugs from which WordPress or Google Sites dropped every vowel and tone mark. Keys built here
are compared, never shown: snippets always come from the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGITS_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_DIGITS_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
# zero-width space/joiners, BOM, soft hyphen: invisible but break substring matching
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI_DIGIT_RE = re.compile("[๐-๙]")
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_MARKS_RE = re.compile(f"[{_MARKS}]")
_WS_RE = re.compile(r"\s+")
# Everything that is not a letter or digit of Thai or Latin, removed from match keys.
_NON_WORD_RE = re.compile(r"[^0-9a-z\u0E01-\u0E4E]+")

# Thai PUA glyph codes emitted by some Word/TH Sarabun PDFs (checked against TLWG cmaps;
# research/libraries.md appendix C).
_PUA = {
    0xF700: "\u0e10",
    0xF70F: "\u0e0d",
    0xF710: "\u0e31",
    0xF711: "\u0e4d",
    0xF712: "\u0e47",
    0xF718: "\u0e38",
    0xF719: "\u0e39",
    0xF71A: "\u0e3a",
    0xF71B: "\u0e0e",
    0xF71C: "\u0e0f",
    0xF71D: "\u0e2c",
}
_PUA.update({0xF701 + i: chr(0x0E34 + i) for i in range(4)})
for _base in (0xF705, 0xF70A, 0xF713):
    _PUA.update({_base + i: chr(0x0E48 + i) for i in range(5)})
_PUA_TABLE = str.maketrans(_PUA)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic ones (``str.translate`` only when there is one: it is slow)."""
    return text.translate(_DIGITS_TO_ARABIC) if _THAI_DIGIT_RE.search(text) else text


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai ones (as officials write numbers)."""
    return text.translate(_DIGITS_TO_THAI)


def clean_text(text: str) -> str:
    """Readable normal form: NFC, no invisible characters, ``ํา`` -> ``ำ``, marks ordered, spaces folded."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e40\u0e40", "\u0e41")
    # tone mark typed before an upper/lower vowel: put the vowel first (the canonical order)
    text = re.sub(r"([\u0E48-\u0E4B])([\u0E31\u0E34-\u0E39])", r"\2\1", text)
    return _WS_RE.sub(" ", text).strip()


_HSPACE_RE = re.compile(r"[^\S\n]+")
_BLANK_LINES_RE = re.compile(r"\s*\n\s*")


def clean_lines(text: str) -> str:
    """``clean_text`` that keeps line breaks (one per block of a page), done in one pass."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e40\u0e40", "\u0e41")
    text = re.sub(r"([\u0E48-\u0E4B])([\u0E31\u0E34-\u0E39])", r"\2\1", text)
    text = _HSPACE_RE.sub(" ", text)
    return _BLANK_LINES_RE.sub("\n", text).strip()


@functools.lru_cache(maxsize=30_000)
def clean_label(text: str) -> str:
    """``clean_text`` for short, repeating strings (link texts, row contexts, labels), memoised."""
    return clean_text(text)


def match_key(text: str) -> str:
    """The key used for phrase matching: lower case, Arabic digits, no spaces or punctuation.

    Thai has no spaces between words, and extraction puts separators inside words, so matching
    ignores whitespace entirely (research/libraries.md §6).
    """
    return _NON_WORD_RE.sub("", to_arabic_digits(clean_text(text).lower()))


def skeleton_key(text: str) -> str:
    """``match_key`` with every Thai vowel and tone mark removed, for mangled URL slugs."""
    return _MARKS_RE.sub("", match_key(text))


def url_words(url: str) -> str:
    """The percent-decoded path and query of a URL, separators turned into spaces."""
    decoded = unquote(unquote(url))
    decoded = re.sub(r"^[a-z]+://[^/]+", "", decoded, flags=re.I)
    return re.sub(r"[-_/+.=&?%]+", " ", decoded).strip()


def fix_thai_pdf_text(text: str) -> str:
    """Repair Thai text extracted from a PDF: PUA glyphs, marks split off, ``ำา``, mark order."""
    text = text.translate(_PUA_TABLE)
    text = re.sub(rf"[ \t\r\n\f]+(?=[{_MARKS}])", "", text)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = re.sub(r"\u0E33([\u0E48-\u0E4B]?)\u0E32", "\\1\u0e33", text)
    text = re.sub(r"([\u0E48-\u0E4C])([\u0E31\u0E34-\u0E39])", r"\2\1", text)
    return text


def snippet_around(text: str, start: int, end: int, width: int = 160) -> str:
    """A one-line excerpt of ``text`` around ``[start, end)``, with ellipses where cut."""
    half = max(20, (width - (end - start)) // 2)
    lo = max(0, start - half)
    hi = min(len(text), end + half)
    out = _WS_RE.sub(" ", text[lo:hi]).strip()
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


_UNREADABLE_CHAR = re.compile("[\ue000-\uf8ff\ufffd\u0080-\u009f\u00c0-\u00ff]")
_LETTER_CHAR = re.compile(r"[^\s\d]")


def unreadable_share(text: str) -> float:
    """The share of a text's letters that a person cannot read as written: Private-Use-Area code
    points (pdf2htmlEX glyph subsets, symbol fonts), U+FFFD, and Latin-1 letters where a Thai page
    was decoded with the wrong charset (mojibake such as "à¹‚à¸„"). 0.0 for ordinary text."""
    bad = len(_UNREADABLE_CHAR.findall(text))  # almost always 0: no list of letters is built then
    if not bad:
        return 0.0
    letters = len(_LETTER_CHAR.findall(text))
    return bad / letters if letters else 0.0
