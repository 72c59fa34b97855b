"""Decode HTML bytes the way Chromium does (WHATWG Encoding): BOM, then the HTTP header's
charset, then ``<meta charset>``, then detection.

What a browser shows is what an assessor judges, so a declared encoding is obeyed even when it is
wrong: a Word-exported page that declares windows-1252 but carries UTF-8 Thai shows mojibake in
Chromium, and here too (``tests/extract/test_charset_chromium.py`` compares the two on the same
bytes). Decoding never fails over to another encoding once one is declared; bytes a codec lacks
become what WHATWG says (C1 controls for windows-1252, U+FFFD elsewhere).

httpx's ``response.text`` ignores ``<meta charset>``, and Python's ``tis-620`` codec maps bytes
0x80-0x9F to control characters where windows-874 has "…", curly quotes and the euro sign; WHATWG
treats tis-620 and iso-8859-11 as windows-874, so every such label maps to ``cp874`` here, and
latin1/ascii labels to windows-1252. See ../shared/research/libraries.md section 4 and appendix D.
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


_WINDOWS_1252_ALIASES = {
    "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii",
    "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
}  # fmt: skip
_UTF16_LABELS = {"utf-16", "utf-16le", "utf-16be", "utf16", "ucs-2", "unicode"}


def _c1_controls(exc: UnicodeError) -> tuple[str, int]:
    """The five bytes Python's cp1252 lacks (0x81, 0x8D, 0x8F, 0x90, 0x9D) are C1 controls in
    WHATWG's windows-1252, as Chromium decodes them."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(b) for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error("oit-check-c1", _c1_controls)


def normalise_label(label: str) -> str:
    """A charset label as Python should decode it (Thai labels -> cp874, latin1 -> cp1252)."""
    clean = label.strip().strip("\"'").lower()
    if clean in _WINDOWS_1252_ALIASES:
        return "cp1252"
    return _THAI_ALIASES.get(clean, clean)


def _declared(label: str, *, from_meta: bool) -> str | None:
    """The codec of a declared label, or None if Python does not know it (then it is ignored)."""
    enc = normalise_label(label)
    if from_meta and enc in _UTF16_LABELS:
        return "utf-8"  # WHATWG: a <meta> cannot switch to UTF-16 (the bytes were ASCII-compatible)
    try:
        info = codecs.lookup(enc)
    except LookupError:
        return None
    # rot13, base64, zip ... are codecs but not text encodings: a browser ignores such a label
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used) as Chromium would decode the page. Never raises."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return content.decode(enc, "replace"), enc
    declared: str | None = None
    if content_type and (m := _HEADER_RE.search(content_type)):
        declared = _declared(m.group(1), from_meta=False)
    if declared is None and (m2 := _META_RE.search(content[:4096])):
        declared = _declared(m2.group(1).decode("ascii", "ignore"), from_meta=True)
    if declared is not None:
        try:
            return content.decode(declared, "oit-check-c1" if declared == "cp1252" else "replace"), declared
        except (LookupError, UnicodeError):  # "undefined", "idna": labels no page is written in
            pass
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
