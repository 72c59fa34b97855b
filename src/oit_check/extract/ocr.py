"""OCR of scanned PDFs (Tesseract with Thai and English through pytesseract), bounded and cached.

Signed announcements and orders are usually scans with no text layer. OCR reads them well enough
for names, titles and required elements (about 10 % character errors on Thai), but it misreads
digits (๒๕๖๘ read as ๒๕๒๕), so its text is never used alone for a date or period: the judge reads
dates of OCR'd documents only from their links, rows and file names. At most ``ocr_pages`` pages
are read, each within ``ocr_seconds``; the text is kept by the body's SHA-256 in this process and,
with ``ocr_cache_dir``, on disk, so an unchanged scan is never read twice.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from oit_check.extract.doctext import DocumentLimits

_RENDER_SCALE = 200 / 72  # 200 dpi: the accuracy/time sweet spot for Thai in Tesseract
_LANGS = "tha+eng"
_memory: dict[str, str] = {}
_MEMORY_MAX = 256


@functools.cache
def available() -> bool:
    """Whether Tesseract with Thai data can run here (Debian: tesseract-ocr tesseract-ocr-tha)."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return "tha" in pytesseract.get_languages(config="")
    except Exception:  # no wrapper, or tesseract cannot list its data: no OCR
        return False


def ocr_pdf(pdf: Any, body: bytes, limits: DocumentLimits) -> str | None:
    """The OCR text of the first pages of an open ``pypdfium2`` document, or None when OCR is off,
    unavailable or finds nothing."""
    if limits.ocr_pages <= 0 or not available():
        return None
    digest = hashlib.sha256(body).hexdigest()
    cached = _memory.get(digest) if digest in _memory else _from_disk(limits, digest)
    if cached is not None:
        return cached or None
    import pytesseract

    # one thread per Tesseract: the document pool already runs several at once, and OpenMP threads
    # on top of them oversubscribe the cores until pages time out
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    texts: list[str] = []
    for index in range(min(len(pdf), limits.ocr_pages)):
        page = pdf[index]
        try:
            image = page.render(scale=_RENDER_SCALE, grayscale=True).to_pil()
        finally:
            page.close()
        try:
            texts.append(pytesseract.image_to_string(image, lang=_LANGS, timeout=limits.ocr_seconds))
        except RuntimeError:  # pytesseract's timeout: keep what was read
            break
    text = "\n".join(t.strip() for t in texts if t.strip())
    if len(_memory) >= _MEMORY_MAX:
        _memory.clear()
    _memory[digest] = text
    _to_disk(limits, digest, text)
    return text or None


def _from_disk(limits: DocumentLimits, digest: str) -> str | None:
    if not limits.ocr_cache_dir:
        return None
    path = Path(limits.ocr_cache_dir) / f"{digest}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _to_disk(limits: DocumentLimits, digest: str, text: str) -> None:
    if not limits.ocr_cache_dir:
        return
    try:
        folder = Path(limits.ocr_cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{digest}.txt").write_text(text, encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time
