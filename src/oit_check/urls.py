"""URL normalisation, de-duplication keys, site scope and link-target classification (crawl stage).

Thai agency sites link the same page in many spellings: raw Thai paths (``/ข่าว``), upper- and
lower-case percent-encoding of the same bytes (``%E0%B8%82`` / ``%e0%b8%82``), ``www.`` and bare
hosts, ``http`` links on ``https`` sites, session ids appended by PHP or Java servers, tracking
parameters, ``/a/./b/../c``. Everything the crawler compares goes through ``normalize_url`` (one
canonical spelling that is still fetched as given) and ``url_key`` (the de-duplication key, which
also folds ``http``/``https`` and ``www.``/bare). See shared/domain/real-world-patterns.md §2.

Query strings are kept in order and otherwise untouched apart from percent-encoding: base64 module
names (``?_mod=ZmlsZXM``), ``?page_id=`` and ``?option=com_content&id=`` routers depend on them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote_to_bytes, urljoin, urlsplit, urlunsplit

from oit_check.models import ResourceKind

# Parameters that carry a session or a click id and never select content: always dropped.
# Compared case-insensitively. Sources: PHP (PHPSESSID), Java servlets (jsessionid), ASP
# (ASPSESSIONID*), ColdFusion (CFID/CFTOKEN), osCommerce (osCsid), analytics click ids.
DROP_QUERY_PARAMS: frozenset[str] = frozenset(
    {
        "phpsessid",
        "jsessionid",
        "sessionid",
        "session_id",
        "sessid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "oscsid",
        "zenid",
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)
# Any parameter starting with one of these is dropped (utm_source, utm_medium, ...).
DROP_QUERY_PREFIXES: tuple[str, ...] = ("utm_", "aspsessionid")
# Parameters dropped only when the value looks like a session token (>= 16 letters/digits):
# phpBB and some Thai CMSs use ``sid`` for a session, others for a *section* id (``?sid=5``).
TOKEN_QUERY_PARAMS: frozenset[str] = frozenset({"sid", "s_id", "token_id"})
_TOKEN_VALUE = re.compile(r"^[A-Za-z0-9_-]{16,}$")
# ``;jsessionid=...`` path parameters (Java) and ASP.NET cookieless ``/(S(abc...))/`` segments.
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)
_ASPNET_COOKIELESS = re.compile(r"/\([A-Z]\([A-Za-z0-9]{16,}\)\)(?=/)")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters kept raw in each component (unreserved, sub-delims, ":@/", and "?" in queries);
# everything else is percent-encoded.
_PATH_SAFE_CHARS = r"A-Za-z0-9\-._~!$&'()*+,;=:@/"
_PATH_PLAIN = re.compile(f"[{_PATH_SAFE_CHARS}]*")
_QUERY_PLAIN = re.compile(f"[{_PATH_SAFE_CHARS}?]*")
_PATH_UNSAFE = re.compile(f"[^{_PATH_SAFE_CHARS}%]")
_QUERY_UNSAFE = re.compile(f"[^{_PATH_SAFE_CHARS}?%]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")

HTML_EXTENSIONS: frozenset[str] = frozenset(
    {".html", ".htm", ".shtml", ".xhtml", ".php", ".php3", ".php5", ".asp", ".aspx", ".jsp", ".jspx",
     ".cfm", ".do", ".action", ".cgi", ".pl"}
)  # fmt: skip
# Link targets by extension. PDF/DOCX/XLSX have their text extracted; the rest of the office and
# archive formats are recorded by name only (ResourceKind.DOC_OTHER).
DOCUMENT_EXTENSIONS: Mapping[str, ResourceKind] = {
    ".pdf": ResourceKind.PDF,
    ".docx": ResourceKind.DOCX,
    ".docm": ResourceKind.DOCX,
    ".xlsx": ResourceKind.XLSX,
    ".xlsm": ResourceKind.XLSX,
    **dict.fromkeys(
        (".doc", ".dot", ".xls", ".xlsb", ".ppt", ".pps", ".pptx", ".ppsx", ".odt", ".ods", ".odp",
         ".rtf", ".zip", ".rar", ".7z"),
        ResourceKind.DOC_OTHER,
    ),
}  # fmt: skip
MEDIA_EXTENSIONS: Mapping[str, ResourceKind] = {
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff", ".ico", ".heic"),
        ResourceKind.IMAGE,
    ),
    **dict.fromkeys(
        (".mp4", ".m4v", ".mp3", ".wav", ".avi", ".mov", ".wmv", ".flv", ".mkv", ".webm", ".ogg",
         ".css", ".js", ".mjs", ".json", ".xml", ".rss", ".atom", ".txt", ".csv", ".exe", ".msi",
         ".apk", ".iso", ".dmg", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".swf", ".gz", ".tar"),
        ResourceKind.OTHER,
    ),
}  # fmt: skip
DOCUMENT_KINDS: frozenset[ResourceKind] = frozenset(
    {ResourceKind.PDF, ResourceKind.DOCX, ResourceKind.XLSX, ResourceKind.DOC_OTHER}
)
_EXT_RE = re.compile(r"(\.[A-Za-z0-9]{1,5})$")


# ------------------------------------------------------------------------------ normalisation


def _normalise_percent(component: str, plain: re.Pattern[str], unsafe: re.Pattern[str]) -> str:
    """One spelling per byte sequence: ``%xx`` upper-cased, unreserved bytes decoded, the rest encoded.

    Raw Thai (``ข``), lower-case (``%e0%b8%82``) and upper-case (``%E0%B8%82``) all become
    ``%E0%B8%82``. A ``%`` not followed by two hex digits is encoded as ``%25`` (what browsers send).
    Encoded reserved characters (``%2F``, ``%3D``, ``%26``) stay encoded: decoding them would
    change what the server sees. Regular expressions do the work (a page has ~150 links, most of
    them plain ASCII that needs nothing: ``plain`` answers that in one C-level match).
    """
    if plain.fullmatch(component):
        return component
    text = _NON_ASCII.sub(_encode_non_ascii, component)
    text = _STRAY_PERCENT.sub("%25", text)
    text = _ESCAPE.sub(_normalise_escape, text)
    return unsafe.sub(_encode_char, text)


def _encode_non_ascii(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8", "surrogatepass"))


def _normalise_escape(match: re.Match[str]) -> str:
    value = int(match.group(1), 16)
    return chr(value) if value in _UNRESERVED else f"%{value:02X}"


def _encode_char(match: re.Match[str]) -> str:
    return f"%{ord(match.group()):02X}"


def remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4: resolve ``.`` and ``..`` segments (``/a/./b/../c`` -> ``/a/c``)."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
            continue
        if segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
            continue
        output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _bare_host(text: str) -> str:
    """``https://www.x.go.th:8080/a`` or ``x.go.th:8080`` or ``*.x.go.th`` -> the host part only."""
    wildcard = text.startswith("*.")
    body = text[2:] if wildcard else text
    if "://" not in body:
        body = "//" + body
    try:
        host = urlsplit(body).hostname or ""
    except ValueError:
        host = ""
    return ("*." + host) if wildcard and host else host


def _normalise_host(host: str) -> str | None:
    host = host.strip().rstrip(".").lower()
    if not host:
        return None
    if host.isascii():
        return host
    try:  # Thai IDN hosts (``.ไทย``) -> punycode, so both spellings compare equal
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _filter_query(query: str) -> str:
    if not query:
        return ""
    kept: list[str] = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        lname = _decode_bytes(unquote_to_bytes(name)).lower()
        if lname in DROP_QUERY_PARAMS or lname.startswith(DROP_QUERY_PREFIXES):
            continue
        if lname in TOKEN_QUERY_PARAMS and _TOKEN_VALUE.match(value):
            continue
        kept.append(part)
    return "&".join(kept)


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of an http(s) URL, or None if it is not a fetchable http(s) URL.

    Lower-case scheme and host (IDN -> punycode), default port dropped, fragment dropped (``#!``
    routes included: a crawler without JavaScript sees the same document), dot-segments removed,
    backslashes turned into slashes (as browsers do), percent-encoding normalised (see
    ``_normalise_percent``), session ids and tracking parameters dropped (``DROP_QUERY_PARAMS``),
    an empty path becomes ``/``. ``base`` resolves relative references first.
    """
    url = url.strip().replace("\t", "").replace("\n", "").replace("\r", "")
    if base is not None:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return None
    host = _normalise_host(parts.hostname or "")
    if host is None:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    if parts.username is not None or parts.password is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    path = parts.path.replace("\\", "/") or "/"
    path = _ASPNET_COOKIELESS.sub("", _PATH_SESSION.sub("", path))
    path = remove_dot_segments(_normalise_percent(path, _PATH_PLAIN, _PATH_UNSAFE))
    query = _filter_query(_normalise_percent(parts.query, _QUERY_PLAIN, _QUERY_UNSAFE))
    return urlunsplit(SplitResult(scheme, netloc, path, query, ""))


def join_url(base: str, reference: str) -> str | None:
    """Resolve a link ``reference`` found on ``base`` and normalise it (None if not http(s))."""
    return normalize_url(reference, base)


def site_host(host: str) -> str:
    """A host name as the *site* it belongs to: lower case, no trailing dot, no leading ``www.``."""
    host = host.strip().rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def host_matches(host: str, entry: str) -> bool:
    """``host`` is ``entry`` or one of its subdomains (``m.facebook.com`` matches ``facebook.com``)."""
    return host == entry or host.endswith("." + entry)


@functools.lru_cache(maxsize=200_000)
def url_key(url: str, *, normalized: bool = False) -> str:
    """De-duplication key: the normalised URL without its scheme and with ``www.`` folded.

    Pass ``normalized=True`` for a URL that already came out of ``normalize_url`` (saves the work).

    Government sites mix ``http://www.x.go.th/a`` and ``https://x.go.th/a`` in their own menus;
    both serve the same page (or redirect to it), so fetching each would double the crawl. Falls
    back to the stripped input for strings that are not http(s) URLs.
    """
    normal = url if normalized else normalize_url(url)
    if normal is None:
        return url.strip()
    parts = urlsplit(normal)
    netloc = parts.netloc
    if netloc.startswith("www."):
        netloc = netloc[4:]
    return urlunsplit(SplitResult("", netloc, parts.path, parts.query, ""))


# ------------------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class SiteScope:
    """Which hosts belong to the scanned site.

    ``www.x.go.th`` and ``x.go.th`` are always the same site. With ``include_subdomains``,
    ``ita.x.go.th`` also belongs to ``x.go.th`` (but ``x.go.th`` never belongs to a scope started on
    ``ita.x.go.th``). ``extra_hosts`` adds other hosts (``*.host`` adds a host and its
    subdomains). Ports are ignored: agencies serve the same site on odd ports
    (``http://61.19.34.18:8000/``) and link it without them. Only http(s) URLs can be in scope.
    """

    hosts: frozenset[str]
    include_subdomains: bool = False
    wildcard_hosts: frozenset[str] = frozenset()

    @classmethod
    def for_start(
        cls, start_url: str, *, include_subdomains: bool = False, extra_hosts: Iterable[str] = ()
    ) -> SiteScope:
        """The scope of a crawl that starts at ``start_url``."""
        hosts: set[str] = set()
        wildcards: set[str] = set()
        start_host = urlsplit(start_url).hostname
        if start_host:
            hosts.add(site_host(_normalise_host(start_host) or start_host))
        for extra in extra_hosts:
            extra = extra.strip()
            if not extra:
                continue
            extra = _bare_host(extra)
            if extra.startswith("*."):
                wildcards.add(site_host(_normalise_host(extra[2:]) or extra[2:]))
            elif extra:
                hosts.add(site_host(_normalise_host(extra) or extra))
        return cls(frozenset(hosts), include_subdomains, frozenset(wildcards))

    def with_url(self, url: str) -> SiteScope:
        """This scope plus the host of ``url`` (used when the start URL redirects to a new host)."""
        host = urlsplit(url).hostname
        if not host:
            return self
        return SiteScope(self.hosts | {site_host(host)}, self.include_subdomains, self.wildcard_hosts)

    def is_same_site(self, url: str) -> bool:
        """Whether ``url`` is an http(s) URL on one of this site's hosts."""
        try:
            parts = urlsplit(url.strip())
            raw_host = parts.hostname
        except ValueError:
            return False
        if parts.scheme.lower() not in _DEFAULT_PORTS or not raw_host:
            return False
        host = site_host(_normalise_host(raw_host) or raw_host)
        if host in self.hosts or host in self.wildcard_hosts:
            return True
        if self.include_subdomains and any(host.endswith("." + h) for h in self.hosts):
            return True
        return any(host.endswith("." + h) for h in self.wildcard_hosts)


# ---------------------------------------------------------------------------- classification


def _decode_bytes(raw: bytes) -> str:
    """Percent-decoded bytes as text: UTF-8, else windows-874 (old Thai servers), else latin-1."""
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def decode_component(text: str) -> str:
    """Percent-decode a URL component for display or file names (UTF-8, then windows-874)."""
    return _decode_bytes(unquote_to_bytes(text))


def _extension(name: str) -> str:
    match = _EXT_RE.search(name)
    return match.group(1).lower() if match else ""


def _last_segment(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1] if path.strip("/") else ""


def _query_file_names(query: str) -> list[str]:
    """Values of a query string that look like file names (download proxies: ``?file=a/o12.pdf``)."""
    names: list[str] = []
    for part in query.split("&"):
        value = part.partition("=")[2]
        if "." in value:
            names.append(_last_segment(decode_component(value.replace("+", " "))))
    return names


def classify_url(url: str) -> ResourceKind | None:
    """What a link target probably is, judged from its URL alone.

    Returns the kind for a known extension (``.pdf`` -> PDF, ``.doc`` -> DOC_OTHER, ``.jpg`` ->
    IMAGE, ``.css``/``.mp4`` -> OTHER, ``.php``/``.html`` -> HTML), looks inside the query of
    download proxies (``download.php?file=o12.pdf`` -> PDF), and returns None when nothing tells
    (``/ita/``, ``/sdc_download/ita2569-o15-01``): the response's Content-Type decides then.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    ext = _extension(decode_component(_last_segment(parts.path)))
    kind = DOCUMENT_EXTENSIONS.get(ext) or MEDIA_EXTENSIONS.get(ext)
    if kind is not None:
        return kind
    if parts.query:
        for name in _query_file_names(parts.query):
            qkind = DOCUMENT_EXTENSIONS.get(_extension(name))
            if qkind is not None:
                return qkind
    if ext in HTML_EXTENSIONS:
        return ResourceKind.HTML
    return None


def is_document_url(url: str) -> bool:
    """Whether the URL names a document (PDF, Word, Excel, other office files or an archive)."""
    return classify_url(url) in DOCUMENT_KINDS


def is_crawlable_kind(kind: ResourceKind | None) -> bool:
    """Whether a link of this URL kind is worth a request (pages and documents, not media)."""
    return kind is None or kind is ResourceKind.HTML or kind in DOCUMENT_KINDS


def file_name_from_url(url: str) -> str:
    """The percent-decoded last path segment (or the file name a download proxy's query names)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    name = decode_component(_last_segment(parts.path))
    if parts.query and not DOCUMENT_EXTENSIONS.get(_extension(name)):
        for candidate in _query_file_names(parts.query):
            if DOCUMENT_EXTENSIONS.get(_extension(candidate)):
                return candidate
    return name
