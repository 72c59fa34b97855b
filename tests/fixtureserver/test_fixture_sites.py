"""Static checks of the fixture sites themselves: labels, links, encodings and documents.

The sites under fixtures/sites/ are the independent test bed the matcher is measured against, so
they must be internally consistent: every ``_expected.yaml`` labels exactly o1-o43, every local link
resolves (or is declared intentionally broken), the legacy pages really are windows-874 bytes, and
every document is what ``_documents.yaml`` (written by fixtures/tools/build_fixtures.py) says.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import httpx
import pypdfium2
import pytest
import yaml

from oit_check.fixtureserver.server import load_server_config

SITES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
SITE_NAMES = sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
ITEM_IDS = [f"o{i}" for i in range(1, 44)]
VERDICTS = {"ok", "partial", "stale", "broken", "missing"}
HTML_SUFFIXES = (".html", ".htm", ".php")
MAX_BINARY = 60 * 1024
MAX_TOTAL = 5 * 1024 * 1024


def _expected(site: str) -> dict[str, Any]:
    data = yaml.safe_load((SITES_DIR / site / "_expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _documents(site: str) -> list[dict[str, Any]]:
    path = SITES_DIR / site / "_documents.yaml"
    if not path.is_file():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["documents"])


def _site_files(site: str) -> list[Path]:
    root = SITES_DIR / site
    return [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts)
    ]


def _is_page(path: Path) -> bool:
    """HTML pages: .html/.htm/.php, and extensionless files (Google-Sites-style URLs)."""
    return path.suffix in HTML_SUFFIXES or not path.suffix


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _LinkParser(HTMLParser):
    ATTRS: ClassVar[dict[str, str]] = {
        "a": "href",
        "link": "href",
        "img": "src",
        "script": "src",
        "iframe": "src",
        "area": "href",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = self.ATTRS.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.links.append(value.strip())


# ------------------------------------------------------------------------------------- labels


def test_sites_exist() -> None:
    assert "demo" in SITE_NAMES
    assert len(SITE_NAMES) >= 4


@pytest.mark.parametrize("site", SITE_NAMES)
def test_expected_labels_complete(site: str) -> None:
    data = _expected(site)
    assert data["fiscal_year"] == 2567
    assert data["as_of"] == date(2024, 4, 30)
    items = data["items"]
    assert list(items) == ITEM_IDS, "items must be exactly o1..o43 in order"
    for item_id, label in items.items():
        assert label["status"] in VERDICTS, f"{site} {item_id}: bad status {label['status']!r}"
        assert isinstance(label["reason"], str) and label["reason"].strip(), f"{site} {item_id}: empty reason"
        if label["status"] != "missing":
            assert label.get("evidence"), f"{site} {item_id}: a found item names its evidence"


def test_every_verdict_occurs_several_times() -> None:
    counts: Counter[str] = Counter()
    sites_with: dict[str, set[str]] = {v: set() for v in VERDICTS}
    for site in SITE_NAMES:
        for label in _expected(site)["items"].values():
            counts[label["status"]] += 1
            sites_with[label["status"]].add(site)
    for verdict in VERDICTS:
        assert counts[verdict] >= 3, f"{verdict} occurs only {counts[verdict]} times"
        assert len(sites_with[verdict]) >= 2, f"{verdict} occurs on fewer than two sites"


@pytest.mark.parametrize("site", SITE_NAMES)
def test_evidence_paths_exist_or_are_declared_broken(site: str) -> None:
    data = _expected(site)
    root = SITES_DIR / site
    config = load_server_config(root)
    broken = set(data.get("intentional_broken_links") or [])
    for item_id, label in data["items"].items():
        for ref in label.get("evidence") or []:
            if ref.startswith(("http://", "https://")):
                continue
            path = unquote(urlsplit(ref).path)
            if label["status"] == "broken":
                assert path in broken or any(r.matches(path, "") for r in config.routes), (site, item_id, ref)
                continue
            assert _resolves(root, path, "", config), f"{site} {item_id}: evidence {ref} does not exist"


# -------------------------------------------------------------------------------------- links


def _resolves(root: Path, path: str, query: str, config: Any) -> bool:
    if any(route.matches(path, query) for route in config.routes):
        return True
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(("_", ".")) for p in parts):
        return False
    target = root.joinpath(*parts)
    if target.is_dir():
        return any((target / name).is_file() for name in config.index_files)
    return target.is_file()


def _page_links(root: Path, page: Path) -> list[tuple[str, str]]:
    """(decoded absolute path, raw query) for every local link of the page."""
    text = _decode(page.read_bytes())
    if page.suffix == ".xml":
        raw = re.findall(r"<loc>(.*?)</loc>", text)
    else:
        parser = _LinkParser()
        parser.feed(text)
        raw = parser.links
    base = "/" + page.relative_to(root).as_posix()
    out = []
    for link in raw:
        link = link.replace("{{base_url}}", "/")
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        path = parts.path
        if not path:
            continue
        if not path.startswith("/"):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) + (
                "/" if path.endswith("/") else ""
            )
        out.append((unquote(path), parts.query))
    return out


@pytest.mark.parametrize("site", SITE_NAMES)
def test_local_links_resolve(site: str) -> None:
    root = SITES_DIR / site
    config = load_server_config(root)
    declared = set(_expected(site).get("intentional_broken_links") or [])
    dangling: set[str] = set()
    checked = 0
    for page in _site_files(site):
        if not (_is_page(page) or page.suffix == ".xml"):
            continue
        for path, query in _page_links(root, page):
            checked += 1
            if path in declared:
                continue
            if not _resolves(root, path, query, config):
                dangling.add(f"{page.relative_to(root)} -> {path}")
    assert checked > 20
    assert not dangling, "links that resolve to nothing:\n" + "\n".join(sorted(dangling))
    corrupt = {"/" + d["path"] for d in _documents(site) if d["engine"] in ("truncated_pdf", "html_as_pdf")}
    for path in declared:
        plain_file = _resolves(root, path, "", config) and not any(r.matches(path, "") for r in config.routes)
        assert not plain_file or path in corrupt, f"{path} is declared broken but is a readable file"


# ---------------------------------------------------------------------------------- encodings


def test_legacy_pages_are_windows_874() -> None:
    root = SITES_DIR / "legacy874"
    pages = [p for p in _site_files("legacy874") if p.suffix in HTML_SUFFIXES]
    assert len(pages) >= 10
    special = Counter[str]()
    for page in pages:
        data = page.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        text = data.decode("cp874")
        assert re.search(r"[\u0E01-\u0E5B]{5}", text), page
        for byte, name in ((b"\x85", "ellipsis"), (b"\x93", "left quote"), (b"\x94", "right quote")):
            if byte in data:
                special[name] += 1
    assert set(special) == {"ellipsis", "left quote", "right quote"}, special
    templates = list((root / "_templates").glob("*.html"))
    for template in templates:
        template.read_bytes().decode("cp874")


# --------------------------------------------------------------------------------- documents


def _pdf_text(path: Path) -> tuple[int, str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pages = len(pdf)
        text = "".join(pdf[i].get_textpage().get_text_bounded() for i in range(pages))
    finally:
        pdf.close()
    return pages, text


@pytest.mark.parametrize("site", SITE_NAMES)
def test_documents_match_manifest(site: str) -> None:
    root = SITES_DIR / site
    docs = _documents(site)
    assert docs, f"{site}: no documents"
    for doc in docs:
        path = root / doc["path"]
        assert path.is_file(), doc["path"]
        assert path.stat().st_size <= MAX_BINARY, doc["path"]
        engine, phrase = doc["engine"], doc["phrase"]
        if engine in ("pdf", "rlpdf"):
            assert path.read_bytes().startswith(b"%PDF-")
            pages, text = _pdf_text(path)
            assert pages >= 1
            assert _squash(phrase) in _squash(text), f"{doc['path']}: phrase not in the extracted text"
        elif engine == "scan":
            pages, text = _pdf_text(path)
            assert pages >= 1
            assert len(text.strip()) < 20, f"{doc['path']}: a scan must have no text layer"
        elif engine in ("truncated_pdf", "html_as_pdf"):
            with pytest.raises(pypdfium2.PdfiumError):
                pypdfium2.PdfDocument(str(path))
        elif engine == "docx":
            import docx

            document = docx.Document(io.BytesIO(path.read_bytes()))
            text = "\n".join(p.text for p in document.paragraphs)
            text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
            assert _squash(phrase) in _squash(text), doc["path"]
        elif engine == "xlsx":
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
            cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
            assert _squash(phrase) in _squash(" ".join(cells)), doc["path"]
        else:
            pytest.fail(f"unknown engine {engine}")


def test_document_kinds_present() -> None:
    engines = Counter(doc["engine"] for site in SITE_NAMES for doc in _documents(site))
    for engine in ("pdf", "rlpdf", "docx", "xlsx", "scan"):
        assert engines[engine] >= 1, engine
    assert engines["truncated_pdf"] + engines["html_as_pdf"] >= 1


def test_fixture_sizes() -> None:
    total = 0
    for site in SITE_NAMES:
        for path in _site_files(site):
            size = path.stat().st_size
            total += size
            if not _is_page(path) and path.suffix not in (".xml", ".txt", ".css", ".js"):
                assert size <= MAX_BINARY, f"{path}: {size} bytes"
    assert total < MAX_TOTAL


# ---------------------------------------------------------------------------------- serving


@pytest.mark.parametrize("site", SITE_NAMES)
def test_site_serves_its_home_page(site: str, fixture_sites: dict[str, str]) -> None:
    response = httpx.get(fixture_sites[site], timeout=10, follow_redirects=True)
    assert response.status_code == 200
    assert re.search(r"[\u0E01-\u0E5B]{5}", _decode(response.content))
