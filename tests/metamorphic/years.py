"""Move every year in a text back by one (the ``years_back`` mutation), keeping the text's length.

What counts as a year, in Arabic or Thai digits:

- a four-digit Buddhist Era year 2500–2599 or Common Era year 2000–2049, standing alone (not part of a
  longer number, a decimal, a phone number, a telephone extension, a percent escape or a ``&#NNNN;``
  character reference);
- a two-digit BE year 50–99 after a Thai month abbreviation, with or without its dots (``ต.ค.66``,
  ``มี.ค. ๖๗``, ``ตค66``), after an English month abbreviation (``oct66``, ``Mar-67``), after ``พ.ศ.`` /
  ``ปีงบประมาณ`` / ``ปีงบ`` / ``ปี``, or as the end of a range after a four-digit year (``2566-67``).

Every replacement has the same length as what it replaces and keeps the digit script of the original,
so a shifted text can be mapped back onto the runs of a Word document character by character, and
the same function applied to a file name and to a link to that file keeps the link working.
In running text, two-digit numbers elsewhere are left alone: without a month or an era in front they
are not recognisably years. In file and folder names (``shift_path``, and the on-site path of a link,
``shift_url``) any free-standing 50–99 counts as a BE year (``plan67.docx`` -> ``plan66.docx``,
``/uploads/ita67/`` -> ``/uploads/ita66/``); a name renamed that way for nothing (``topic-58.php``) is
harmless, because every link to it is renamed the same way.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

# Spans that look like years but are not: percent escapes, character references, phone numbers and
# extensions. They are masked (same length, no digits) before the year patterns run.
_MASKS = (
    re.compile(r"%[0-9A-Fa-f]{2}"),
    re.compile(r"&#(?:\d+|[xX][0-9A-Fa-f]+);"),
    re.compile(r"(?<!\d)(?:\+66|0)(?:[ .\-]?\d){8,9}(?!\d)"),  # 0 2141 2567, 044-512-567, 081 234 5678
    re.compile(r"(?:ต่อ|ext\.?|Ext\.?)\s*\d{1,5}(?!\d)"),
)

_YEAR4 = re.compile(r"(?<!\d)(25\d\d|20[0-4]\d)(?!\d)(?!\.\d)")
_RANGE_END = re.compile(r"(?<!\d)(25(\d\d))(\s*[-–/]\s*)(\d\d)(?!\d)")
_TH_MONTHS = "ม\\.?ค|ก\\.?พ|มี\\.?ค|เม\\.?ย|พ\\.?ค|มิ\\.?ย|ก\\.?ค|ส\\.?ค|ก\\.?ย|ต\\.?ค|พ\\.?ย|ธ\\.?ค"
_TH_MONTH_YY = re.compile(rf"(?<![ก-๎])(?:{_TH_MONTHS})\.?[\s\-_]*(\d\d)(?!\d)")
_EN_MONTH_YY = re.compile(
    r"(?i)(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?[\s\-_]*(\d\d)(?!\d)"
)
_ERA_YY = re.compile(r"(?:พ\.ศ\.|ปีงบประมาณ|ปีงบ\.?|ปี)\s*(\d\d)(?!\d)")
_NAME_YY = re.compile(r"(?<!\d)([5-9]\d)(?!\d)")


def _masked(text: str) -> str:
    """``text`` with Thai digits as Arabic and the non-year spans blanked (same length)."""
    norm = text.translate(_TO_ARABIC)
    for pattern in _MASKS:
        norm = pattern.sub(lambda m: "#" * len(m.group(0)), norm)
    return norm


def year_spans(text: str, *, name: bool = False) -> list[tuple[int, int, int]]:
    """``(start, end, value)`` of every year in ``text`` (two-digit years as their two digits).

    ``name=True`` reads ``text`` as a file or folder name, where any free-standing 50–99 is taken
    for a two-digit BE year (``plan67.docx``, ``ita67/``, ``news_67_04.html``).
    """
    norm = _masked(text)
    spans: dict[int, tuple[int, int, int]] = {}
    for m in _YEAR4.finditer(norm):
        spans[m.start(1)] = (m.start(1), m.end(1), int(m.group(1)))
    for m in _RANGE_END.finditer(norm):
        first, last = int(m.group(2)), int(m.group(4))
        if first <= last <= first + 10:
            spans[m.start(4)] = (m.start(4), m.end(4), last)
    for pattern in (_TH_MONTH_YY, _EN_MONTH_YY, _ERA_YY):
        for m in pattern.finditer(norm):
            if 50 <= int(m.group(1)) <= 99:
                spans[m.start(1)] = (m.start(1), m.end(1), int(m.group(1)))
    if name:
        for m in _NAME_YY.finditer(norm):
            spans.setdefault(m.start(1), (m.start(1), m.end(1), int(m.group(1))))
    return [spans[k] for k in sorted(spans)]


def shift_years(text: str, delta: int = -1, *, name: bool = False) -> str:
    """``text`` with every year moved by ``delta`` (default one year back); same length."""
    spans = year_spans(text, name=name)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end, value in spans:
        new = f"{value + delta:0{end - start}d}"
        if len(new) != end - start:  # 2500 - 1 keeps four digits; a wrap-around would not: leave it
            continue
        original = text[start:end]
        new = "".join(THAI_DIGITS[int(d)] if o in THAI_DIGITS else d for d, o in zip(new, original, strict=True))
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def shift_path(path: str, delta: int = -1) -> str:
    """A site path or file name with every segment shifted as a name (see ``year_spans``)."""
    return "/".join(shift_years(part, delta, name=True) for part in path.split("/"))


def _shift_decoded_url(url: str, delta: int) -> str:
    """Shift a decoded URL: its path as file names when it is on the site, the rest as text."""
    prefix = ""
    if url.startswith("{{base_url}}"):
        prefix, url = "{{base_url}}", url[len("{{base_url}}") :]
    else:
        local = re.match(r"^https?://(?:127\.0\.0\.1|localhost)(?::\d+)?(?=/|$)", url)
        if local:
            prefix, url = local.group(0), url[local.end() :]
        elif re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)", url):
            return shift_years(url, delta)  # off-site, mailto:, javascript: ...
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return prefix + shift_path(url[:cut], delta) + shift_years(url[cut:], delta)


def shift_url(raw: str, delta: int = -1) -> str:
    """A link value (possibly percent-encoded Thai) with its years moved, re-encoded the same way.

    The years are moved in the decoded text, so ``%E0%B8%95%E0%B8%8466`` (``ตค66``) moves too, and
    an on-site path moves exactly as ``shift_path`` renames the file it names.
    """
    if "%" not in raw:
        return _shift_decoded_url(raw, delta)
    decoded = unquote(raw)
    shifted = _shift_decoded_url(decoded, delta)
    if shifted == decoded:
        return raw
    encoded = quote(shifted, safe="/:?#[]@!$&'()*+,;=-._~{}")
    hex_letters = "".join(c for c in "".join(re.findall(r"%([0-9A-Fa-f]{2})", raw)) if c.isalpha())
    if hex_letters and hex_letters.islower():
        encoded = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)
    return encoded
