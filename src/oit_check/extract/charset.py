"""Decode HTML bytes the way browsers do for Thai sites (BOM, header, <meta>, detection).

httpx's ``response.text`` ignores ``<meta charset>``, and Python's ``tis-620`` codec maps bytes
0x80-0x9F to control characters where windows-874 has "…", curly quotes and the euro sign; WHATWG
treats tis-620 and iso-8859-11 as windows-874, so every such label maps to ``cp874`` here.
See ../shared/research/libraries.md section 4 and appendix D (9/9 scenarios).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_THAI_ALIASES = {
    "tis-620": "cp874",
    "tis620": "cp874",
    "tis_620": "cp874",
    "iso-8859-11": "cp874",
    "iso8859-11": "cp874",
    "iso_8859-11": "cp874",
    "windows-874": "cp874",
    "x-windows-874": "cp874",
    "dos-874": "cp874",
    "cp874": "cp874",
}
_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_HEADER_RE = re.compile(r"charset=([^\s;]+)", re.I)
_THAI = re.compile(r"[\u0E01-\u0E5B]")
_MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_ORPHAN = re.compile(rf"(?<![\u0E01-\u0E2E{_MARK}])[{_MARK}]")


def normalise_label(label: str) -> str:
    """A charset label as Python should decode it (Thai labels -> cp874)."""
    clean = label.strip().strip("\"'").lower()
    return _THAI_ALIASES.get(clean, clean)


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: the last resort decodes with replacement."""
    candidates: list[str] = []
    if content.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    if content_type and (m := _HEADER_RE.search(content_type)):
        candidates.append(normalise_label(m.group(1)))
    if m2 := _META_RE.search(content[:4096]):
        candidates.append(normalise_label(m2.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return content.decode(enc), enc  # strict: a lying header falls through
        except (LookupError, UnicodeDecodeError):
            continue
    best = charset_normalizer.from_bytes(content[:200_000]).best()
    if best is not None and best.encoding in ("cp874", "tis_620", "iso8859_11"):
        return content.decode("cp874", "replace"), "cp874"
    thai_try = content.decode("cp874", "replace")
    if looks_like_thai(thai_try):
        return thai_try, "cp874"
    if best is not None:
        return str(best), best.encoding
    return content.decode("utf-8", "replace"), "utf-8"


def looks_like_thai(text: str) -> bool:
    """Whether a cp874 decode is plausible Thai: mostly consonants, almost no orphan marks."""
    thai = _THAI.findall(text)
    if len(thai) < 2:
        return False
    consonants = sum("\u0e01" <= c <= "\u0e2e" for c in thai)
    return consonants >= 0.4 * len(thai) and len(_ORPHAN.findall(text)) <= 0.02 * len(thai)
