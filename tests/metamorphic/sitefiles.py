"""A read-only model of one fixture site on disk: its files, what URL serves which file, and its links.

Written from the fixture format alone (``fixtures/README.md`` and the fixture server's docstrings),
never from oit-check's own code: files named ``_*``/``.*`` are not served, a directory URL serves
its first index file, ``redirect_dirs: false`` serves that index at the slash-less URL too, routes
in ``_server.yaml`` are tried first and match decoded paths (globs), and extensionless files are HTML.
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

HTML_SUFFIXES = frozenset({".html", ".htm", ".php", ".asp", ".aspx", ""})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif"})
TEXT_SUFFIXES = frozenset({".xml", ".txt", ".json", ".css", ".js"})
BASE_PLACEHOLDER = "{{base_url}}"
_SITE = "http://site.invalid"
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]", "site.invalid"})

# A URL-valued attribute: href, src (also data-src, data-href ...), object data, form action, poster.
URL_ATTR = re.compile(
    r"""(?P<pre>(?<![\w-])(?:[\w-]+-)?(?P<name>href|src|data|action|poster)\s*=\s*)"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'>]+))""",
    re.IGNORECASE,
)
SITEMAP_LOC = re.compile(r"(<loc>\s*)([^<]*?)(\s*</loc>)", re.IGNORECASE)


def read_text(path: Path) -> tuple[str, str]:
    """The text of a page and the encoding to write it back with (UTF-8, else windows-874).

    Undecodable bytes survive the round trip (surrogateescape), so an untouched page is byte-identical.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp874", errors="surrogateescape"), "cp874"


def write_text(path: Path, text: str, encoding: str) -> None:
    path.write_bytes(text.encode(encoding, errors="surrogateescape"))


def attr_value(match: re.Match[str]) -> str:
    return match.group("dq") if match.group("dq") is not None else match.group("sq") or match.group("uq") or ""


def sub_url_attrs(text: str, replace: Callable[[str], str | None]) -> tuple[str, int]:
    """Rewrite every URL attribute value with ``replace(raw) -> new raw | None`` (None: unchanged)."""
    count = 0

    def one(match: re.Match[str]) -> str:
        nonlocal count
        new = replace(attr_value(match))
        if new is None:
            return match.group(0)
        count += 1
        quote_char = "'" if match.group("sq") is not None else '"'
        return f"{match.group('pre')}{quote_char}{new}{quote_char}"

    return URL_ATTR.sub(one, text), count


def offsite_key(url: str) -> tuple[str, str] | None:
    """``(host without www., path without trailing slash)`` of an absolute off-site URL, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host in _LOOPBACK:
        return None
    return host.removeprefix("www."), unquote(parts.path).rstrip("/")


@dataclass(frozen=True)
class Item:
    """An item of a site's ``_expected.yaml``."""

    id: str
    status: str
    reason: str
    evidence: tuple[str, ...]


class FixtureSite:
    """One fixture site directory (read only)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.name = root.name
        self.expected: dict[str, Any] = yaml.safe_load((root / "_expected.yaml").read_text(encoding="utf-8"))
        server_file = root / "_server.yaml"
        raw = yaml.safe_load(server_file.read_text(encoding="utf-8")) if server_file.is_file() else None
        self.server: dict[str, Any] = raw or {}
        self.index_files: tuple[str, ...] = tuple(
            self.server.get("index_files") or ("index.html", "index.htm", "index.php")
        )
        self.redirect_dirs: bool = bool(self.server.get("redirect_dirs", True))
        self.routes: list[dict[str, Any]] = list(self.server.get("routes") or [])
        self._served: dict[str, str | None] = {}
        self._resolved: dict[tuple[str, str], tuple[frozenset[str], tuple[str, str] | None]] = {}
        self._evidence: dict[str, tuple[set[str], set[tuple[str, str]], set[str]]] = {}
        self._linkers: dict[tuple[frozenset[str], frozenset[tuple[str, str]]], set[str]] = {}

    # ------------------------------------------------------------------ files and URLs

    @cached_property
    def files(self) -> list[str]:
        """Every served file, as a root-relative POSIX path (``files/a.pdf``)."""
        out = []
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root)
            if path.is_file() and not any(part.startswith(("_", ".")) for part in rel.parts):
                out.append(rel.as_posix())
        return out

    @cached_property
    def all_files(self) -> list[str]:
        """Every file of the directory, private ones (``_errors/…``, ``_server.yaml``) included."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())

    @staticmethod
    def kind(rel: str) -> str:
        """``html``, ``document``, ``image``, ``text`` or ``other`` by the file's extension."""
        suffix = PurePosixPath(rel).suffix.lower()
        if suffix in DOCUMENT_SUFFIXES:
            return "document"
        if suffix in IMAGE_SUFFIXES:
            return "image"
        if suffix in HTML_SUFFIXES:
            return "html"
        if suffix in TEXT_SUFFIXES:
            return "text"
        return "other"

    def _static(self, path: str) -> str | None:
        segments = [s for s in path.split("/") if s]
        if any(s.startswith(("_", ".")) for s in segments):
            return None
        target = self.root.joinpath(*segments)
        if target.is_dir():
            if self.redirect_dirs and segments and not path.endswith("/"):
                return self._static(path + "/")
            target = next((target / n for n in self.index_files if (target / n).is_file()), target / "index.html")
        if not target.is_file():
            return None
        return target.relative_to(self.root).as_posix()

    def serve(self, path: str) -> str | None:
        """The file a decoded URL path ends up serving (routes first, redirects followed), or None."""
        if path not in self._served:
            self._served[path] = self._serve(path, 0)
        return self._served[path]

    def _serve(self, path: str, _hops: int) -> str | None:
        for route in self.routes:
            if not fnmatch.fnmatchcase(path, str(route["path"])):
                continue
            if route.get("query") not in (None, ""):
                continue
            kind = route["kind"]
            if kind == "redirect":
                if _hops > 10:
                    return None
                location = urlsplit(urljoin(_SITE + path, str(route["location"])))
                if location.hostname not in _LOOPBACK:
                    return None
                return self._serve(unquote(location.path), _hops + 1)
            if kind in ("status", "login", "calendar"):
                return None
            if route.get("file"):
                return str(route["file"])
            break
        return self._static(path)

    def aliases(self, rel: str) -> set[str]:
        """Decoded URL paths that serve the file statically (a directory index has several)."""
        path = PurePosixPath(rel)
        out = {"/" + rel}
        if path.name in self.index_files:
            folder = "/" + (path.parent.as_posix() + "/" if path.parent.as_posix() != "." else "")
            if self._static(folder) == rel:
                out.add(folder)
                if folder != "/":
                    out.add(folder.rstrip("/"))
        return out

    def bases(self, rel: str) -> set[str]:
        """URLs a browser shows for the file (relative links resolve against them)."""
        if self.redirect_dirs:
            return {a for a in self.aliases(rel) if a.endswith("/") or not self.root.joinpath(*a.split("/")).is_dir()}
        return self.aliases(rel)

    @cached_property
    def start_file(self) -> str | None:
        return self.serve("/")

    @cached_property
    def index_file(self) -> str | None:
        index = self.expected.get("ita_index")
        return self.serve(str(index)) if index else None

    # ------------------------------------------------------------------ links

    def resolve(self, raw: str, page: str) -> tuple[frozenset[str], tuple[str, str] | None]:
        """What a link value on ``page`` points at: ``(on-site files, off-site key)``."""
        if (raw, page) not in self._resolved:
            self._resolved[(raw, page)] = self._resolve(raw, page)
        return self._resolved[(raw, page)]

    def _resolve(self, raw: str, page: str) -> tuple[frozenset[str], tuple[str, str] | None]:
        value = html.unescape(raw).strip()
        if value.startswith(BASE_PLACEHOLDER):
            value = "/" + value[len(BASE_PLACEHOLDER) :]
        if not value or value.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            return frozenset(), None
        key = offsite_key(urljoin(_SITE + "/", value))
        if key is not None:
            return frozenset(), key
        files = set()
        for base in self.bases(page):
            target = urlsplit(urljoin(_SITE + base, value))
            served = self.serve(unquote(target.path, errors="replace"))
            if served is not None:
                files.add(served)
        return frozenset(files), None

    def links(self, page: str) -> list[tuple[str, frozenset[str], tuple[str, str] | None]]:
        """Every URL attribute of an HTML page: ``(raw value, on-site files, off-site key)``."""
        return self._links[page]

    @cached_property
    def _links(self) -> dict[str, list[tuple[str, frozenset[str], tuple[str, str] | None]]]:
        out = {}
        for rel in self.all_files:
            if self.kind(rel) != "html":
                continue
            text, _ = read_text(self.root / rel)
            found = []
            for match in URL_ATTR.finditer(text):
                raw = attr_value(match)
                files, key = self.resolve(raw, rel)
                found.append((raw, files, key))
            out[rel] = found
        return out

    def html_files(self) -> Iterator[str]:
        """Every HTML file, private ones (error pages, templates) included."""
        return iter(self._links)

    # ------------------------------------------------------------------ labels

    @cached_property
    def items(self) -> dict[str, Item]:
        return {
            item_id: Item(
                item_id, str(v["status"]), str(v.get("reason", "")), tuple(str(e) for e in v.get("evidence") or ())
            )
            for item_id, v in self.expected["items"].items()
        }

    def ok_items(self) -> list[str]:
        return [item_id for item_id, item in self.items.items() if item.status == "ok"]

    def evidence(self, item_id: str) -> tuple[set[str], set[tuple[str, str]], set[str]]:
        """``(on-site files, off-site keys, on-site paths that serve no file)`` of an item's evidence."""
        if item_id not in self._evidence:
            self._evidence[item_id] = self._item_evidence(item_id)
        files, offsite, unserved = self._evidence[item_id]
        return set(files), set(offsite), set(unserved)

    def _item_evidence(self, item_id: str) -> tuple[set[str], set[tuple[str, str]], set[str]]:
        files, offsite, unserved = set(), set(), set()
        for ev in self.items[item_id].evidence:
            key = offsite_key(ev)
            if key is not None:
                offsite.add(key)
                continue
            served = self.serve(ev)
            if served is None:
                unserved.add(ev)
            else:
                files.add(served)
        return files, offsite, unserved

    def points_at(self, files: set[str], offsite: set[tuple[str, str]], raw: str, page: str) -> bool:
        """Whether a link value on ``page`` points at one of these files or off-site URLs."""
        targets, key = self.resolve(raw, page)
        return not targets.isdisjoint(files) or (key is not None and key in offsite)

    def linkers(self, files: set[str], offsite: set[tuple[str, str]]) -> set[str]:
        """HTML files with a link to one of these files or off-site URLs."""
        key = (frozenset(files), frozenset(offsite))
        if key not in self._linkers:
            self._linkers[key] = self._find_linkers(files, offsite)
        return set(self._linkers[key])

    def _find_linkers(self, files: set[str], offsite: set[tuple[str, str]]) -> set[str]:
        return {
            page
            for page in self.html_files()
            if any(not t.isdisjoint(files) or (k is not None and k in offsite) for _, t, k in self.links(page))
        }
