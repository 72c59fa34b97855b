"""Bytes of a results file to text: UTF-8/16, Thai Windows-874, or a .docx's paragraphs and tables.

Files that are not results at all (empty, PDF, binary) are refused with ``ITAResultsError`` and a
hint of what to give instead.
"""

from __future__ import annotations

import zipfile

from oit_check.errors import ITAResultsError
from oit_check.extract.archive import check_zip
from oit_check.extract.charset import looks_like_thai
from oit_check.extract.doctext import DocumentLimits, Unreadable
from oit_check.extract.office import docx_plain_text


def decode_results(raw: bytes, name: str) -> str:
    """Bytes of a results file to text: UTF-8/16 or Thai Windows-874; .docx tables as tab rows."""
    if not raw.strip():
        raise ITAResultsError(f"{name}: the file is empty", hint="paste the results tables of the ITA report into it")
    if raw.startswith(b"%PDF"):
        raise ITAResultsError(
            f"{name}: is a PDF; oit-check reads results as CSV, text or Word (.docx)",
            hint="copy the results tables from the PDF into a text file, or save them as .docx",
        )
    if raw.startswith(b"PK\x03\x04"):
        return _docx_text(raw, name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ITAResultsError(f"{name}: cannot decode UTF-16 text: {exc.reason}") from exc
    if b"\x00" in raw or _control_share(raw) > 0.05:
        raise ITAResultsError(
            f"{name}: is not a text file (binary data)",
            hint="give a CSV, a text file with the pasted results tables, or a .docx",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    thai = raw.decode("cp874", "replace")
    if looks_like_thai(thai) and thai.count("\ufffd") <= 0.01 * len(thai):
        return thai
    raise ITAResultsError(
        f"{name}: cannot decode the text (neither UTF-8 nor Thai Windows-874)",
        hint="save the file as UTF-8",
    )


def _control_share(raw: bytes) -> float:
    sample = raw[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls / max(1, len(sample))


def _docx_text(raw: bytes, name: str) -> str:
    """Paragraphs and table rows of a .docx, after the archive guard (a zip bomb is refused unopened)."""
    try:
        check_zip(raw, DocumentLimits())
        return docx_plain_text(raw)
    except Unreadable as exc:
        raise ITAResultsError(
            f"{name}: not a readable Word document: {exc}", hint="save the results tables again as .docx, CSV or text"
        ) from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ITAResultsError(f"{name}: is a ZIP file but not a readable Word document ({exc})") from exc
