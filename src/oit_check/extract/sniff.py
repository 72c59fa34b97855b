"""What a response body really is: magic bytes first, then Content-Type, then the URL (crawl stage).

Agency servers label PDFs ``application/octet-stream``, answer a missing ``.pdf`` with a 200 HTML
page, and serve DOCX through ``download.php?id=5``; neither the header nor the extension alone can
be trusted (research/libraries.md §2, "What the crawler should do").
"""

from __future__ import annotations

from oit_check.models import ResourceKind
from oit_check.urls import DOCUMENT_EXTENSIONS, DOCUMENT_KINDS, classify_url, file_name_from_url

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls/.ppt, and password-protected OOXML
RAR_MAGIC = b"Rar!\x1a\x07"
SEVENZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF", b"BM")

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CONTENT_TYPES: dict[str, ResourceKind] = {
    "application/pdf": ResourceKind.PDF,
    "application/x-pdf": ResourceKind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ResourceKind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ResourceKind.XLSX,
    "application/msword": ResourceKind.DOC_OTHER,
    "application/vnd.ms-excel": ResourceKind.DOC_OTHER,
    "application/vnd.ms-powerpoint": ResourceKind.DOC_OTHER,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ResourceKind.DOC_OTHER,
    "application/vnd.oasis.opendocument.text": ResourceKind.DOC_OTHER,
    "application/vnd.oasis.opendocument.spreadsheet": ResourceKind.DOC_OTHER,
    "application/vnd.oasis.opendocument.presentation": ResourceKind.DOC_OTHER,
    "application/rtf": ResourceKind.DOC_OTHER,
    "application/zip": ResourceKind.DOC_OTHER,
    "application/x-zip-compressed": ResourceKind.DOC_OTHER,
    "application/x-rar-compressed": ResourceKind.DOC_OTHER,
    "application/vnd.rar": ResourceKind.DOC_OTHER,
    "application/x-7z-compressed": ResourceKind.DOC_OTHER,
}


def mime_type(content_type: str) -> str:
    """The bare media type of a Content-Type header, lower case (``text/html; charset=x`` -> ``text/html``)."""
    return content_type.split(";", 1)[0].strip().lower()


def looks_like_html(body: bytes) -> bool:
    """Whether a body starts like an HTML document (BOM and whitespace skipped)."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<script")):
        return True
    return head.startswith(b"<") and b"<html" in body[:4096].lower()


def kind_from_content_type(content_type: str) -> ResourceKind | None:
    """The kind a Content-Type header claims (None for octet-stream and unknown types)."""
    mime = mime_type(content_type)
    if mime in _HTML_TYPES:
        return ResourceKind.HTML
    if mime.startswith("image/"):
        return ResourceKind.IMAGE
    return _CONTENT_TYPES.get(mime)


def _zip_kind(url: str, claimed: ResourceKind | None, file_name: str) -> ResourceKind:
    if claimed in (ResourceKind.DOCX, ResourceKind.XLSX):
        return claimed
    for name in (file_name, url):
        kind = DOCUMENT_EXTENSIONS.get("." + name.rsplit(".", 1)[-1].lower()) if "." in name else None
        if kind in (ResourceKind.DOCX, ResourceKind.XLSX):
            return kind
    return ResourceKind.DOC_OTHER


def sniff_kind(url: str, content_type: str, body: bytes, file_name: str = "") -> ResourceKind:
    """Decide what a fetched body is.

    Order: magic bytes (PDF, ZIP-based office files by extension or type, OLE, RAR/7z, images),
    then a document extension or type whose body is HTML stays that document kind (so the
    document extractor reports "HTML saved as .pdf" instead of crawling an error page as a page),
    then the Content-Type, then the URL extension, then an HTML sniff. ``file_name`` is the
    Content-Disposition name when the server sent one.
    """
    claimed = kind_from_content_type(content_type)
    by_name = classify_url("http://x/" + file_name) if file_name else None
    by_url = by_name if by_name in DOCUMENT_KINDS else classify_url(url)
    head = body[:1024]
    if PDF_MAGIC in head:
        return ResourceKind.PDF
    if body.startswith((ZIP_MAGIC, ZIP_EMPTY_MAGIC)):
        return _zip_kind(url, claimed, file_name or file_name_from_url(url))
    if body.startswith((OLE_MAGIC, RAR_MAGIC, SEVENZIP_MAGIC)):
        return by_url if by_url in DOCUMENT_KINDS else ResourceKind.DOC_OTHER
    if body.startswith(_IMAGE_MAGICS) and claimed in (ResourceKind.IMAGE, None):
        return ResourceKind.IMAGE
    if by_url in DOCUMENT_KINDS:
        return by_url
    if claimed is not None and claimed is not ResourceKind.HTML:
        return claimed
    if claimed is ResourceKind.HTML or looks_like_html(body):
        return ResourceKind.HTML
    if by_url is not None:
        return by_url
    return ResourceKind.OTHER
