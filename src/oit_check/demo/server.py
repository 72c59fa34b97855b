"""A loopback HTTP/1.1 server for static fixture sites, with per-site behaviour declared as data.

``serve_site(root)`` serves the directory ``root`` on ``127.0.0.1`` (ephemeral port by default) from a
daemon thread and returns a ``FixtureServer`` (``.url``, ``.hits``, ``.close()``, context manager). The
same server backs ``oit-check demo`` and the test suite's fixture sites.

Static rules: ``index.html`` (or ``.htm``, ``.php``) for directories (``/dir`` redirects to ``/dir/``),
Content-Type by file extension (extensionless files are HTML, as on Google Sites), percent-decoded
UTF-8 paths (upper- or lower-case hex), query strings ignored unless a route matches, and any path
segment starting with ``_`` or ``.`` is never served (404): ``_server.yaml``, ``_expected.yaml`` and
``_templates/`` stay private.

``ROOT/_server.yaml`` (validated with pydantic; a bad file raises ``ServerConfigError`` naming the file
and the field) declares routes, tried in order, first match wins::

    html_content_type: "text/html; charset=utf-8"   # Content-Type of .html files (default "text/html")
    not_found: _errors/404.html                     # optional body of every 404
    index_files: [index.html, index.htm, index.php]  # DirectoryIndex order (the default)
    redirect_dirs: true                             # false: serve /dir's index at /dir without a 301
    routes:
      - {kind: redirect, path: /a.html, location: /b.html, status: 302}   # loops; `hops: n` = long chain
      - {kind: status, path: "/docs/*.pdf", status: 404, body: _errors/404.html}
      - {kind: login, path: "/member/*", mode: form, login_page: /login.html}   # or mode: basic (401)
      - {kind: delay, path: /slow.html, seconds: 3}          # interrupted by close()
      - {kind: headers, path: /old.html, headers: {Content-Type: "text/html; charset=tis-620"}}
      - {kind: calendar, path: /calendar, start: 2024-04}    # ?month=YYYY-MM, prev/next forever
      - {kind: session_ids, path: "/webboard/*"}             # "{{sid}}" -> a fresh random id per response
      - {kind: retry_after, path: /busy.html, seconds: 1, failures: 1}   # 503 first, then the file
      - {kind: body_bytes, path: /cut.pdf, bytes: 2000, content_length: 9000}
      - {kind: template, path: /sitemap.xml}               # "{{base_url}}" -> http://HOST:PORT/

``path`` is the decoded path, exact or a glob (``*``, ``[...]``; ``?`` is not allowed there); ``query``
is an optional glob over the raw query string (omitted: any query; ``""``: no query). Every route may
add ``headers`` (they override the defaults). ``file``/``body``/``template`` name files relative to the
site root and may live in ``_`` folders. TCP_NODELAY is set on every connection: without it each
keep-alive response stalls ~40 ms (shared/research/libraries.md, appendix E).
"""

from __future__ import annotations

import contextlib
import fnmatch
import secrets
import socket
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any, Literal, Self
from urllib.parse import parse_qs, quote, unquote_to_bytes, urljoin

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from oit_check.errors import ConfigError

CONFIG_NAME = "_server.yaml"

CONTENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".zip": "application/zip",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
HTML_SUFFIXES = frozenset({".html", ".htm", ".php", ".asp", ".aspx"})
IDLE_TIMEOUT = 30.0  # seconds an idle keep-alive connection is kept open

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

_DEFAULT_CALENDAR = """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>ปฏิทินกิจกรรม {{month_th}}</title></head>
<body><h1>ปฏิทินกิจกรรม เดือน{{month_th}}</h1>
<p><a href="{{prev}}">&laquo; เดือนก่อนหน้า</a> | <a href="{{next}}">เดือนถัดไป &raquo;</a></p>
<p>ไม่มีกิจกรรมในเดือนนี้</p></body></html>
"""


class ServerConfigError(ConfigError):
    """``_server.yaml`` is unreadable or invalid; the message names the file and the field."""


# --------------------------------------------------------------------------- configuration models


class _Route(BaseModel):
    """Fields every route has: where it applies and which headers it adds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    """Decoded URL path, exact or a glob (``*`` and ``[...]``); must start with ``/``."""
    query: str | None = None
    """Glob over the raw query string; ``None`` matches any query, ``""`` only an empty one."""
    headers: dict[str, str] = Field(default_factory=dict)
    """Response headers that override the defaults (e.g. Content-Type with a charset)."""

    @field_validator("path")
    @classmethod
    def _path_shape(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with '/'")
        if "?" in value:
            raise ValueError("must not contain '?': put the query glob in the `query` field")
        return value

    def matches(self, path: str, query: str) -> bool:
        """Whether this route applies to the decoded ``path`` and raw ``query``."""
        if not fnmatch.fnmatchcase(path, self.path):
            return False
        return self.query is None or fnmatch.fnmatchcase(query, self.query)


class RedirectRoute(_Route):
    """Answer with a redirect; two routes pointing at each other make a loop."""

    kind: Literal["redirect"]
    location: str
    """Value of the Location header (relative or absolute)."""
    status: Literal[301, 302, 303, 307, 308] = 302
    hops: int = Field(default=0, ge=0, le=100)
    """If > 0: redirect ``path?hop=k`` to ``path?hop=k+1`` until ``hops``, then to ``location``."""


class StatusRoute(_Route):
    """Answer with a fixed status code (404, 410, 403, 500, or a 200 "soft error" page)."""

    kind: Literal["status"]
    status: int = Field(ge=200, le=599)
    body: str | None = None
    """File served as the body; a short built-in HTML page when omitted."""


class LoginRoute(_Route):
    """A members-only area: 401 with WWW-Authenticate, or a 302 to a login form page."""

    kind: Literal["login"]
    mode: Literal["basic", "form"] = "basic"
    realm: str = "members"
    login_page: str = "/login.html"
    """Form mode: where to send the visitor (``?next=<original target>`` is appended)."""
    body: str | None = None


class DelayRoute(_Route):
    """Sleep, then serve the file: a slow page. The sleep ends early when the server closes."""

    kind: Literal["delay"]
    seconds: float = Field(gt=0, le=120)
    file: str | None = None


class HeadersRoute(_Route):
    """Serve the file with overridden headers (charset, a lying charset, Last-Modified...)."""

    kind: Literal["headers"]
    file: str | None = None

    @model_validator(mode="after")
    def _needs_headers(self) -> Self:
        if not self.headers:
            raise ValueError("a `headers` route needs at least one header in `headers`")
        return self


class CalendarRoute(_Route):
    """An endless calendar: ``?month=YYYY-MM`` pages that link to the previous and next month."""

    kind: Literal["calendar"]
    param: str = "month"
    start: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    """Month shown when the parameter is missing or invalid (CE, ``YYYY-MM``)."""
    template: str | None = None
    """Page with ``{{month}}``, ``{{month_th}}``, ``{{prev}}``, ``{{next}}``; a built-in one if omitted."""
    encoding: str = "utf-8"
    """Encoding of the template, used for the Thai month name put into it."""


class SessionIdsRoute(_Route):
    """Serve the file with every ``{{sid}}`` replaced by a fresh random id (one per response)."""

    kind: Literal["session_ids"]
    file: str | None = None
    placeholder: str = "{{sid}}"


class RetryAfterRoute(_Route):
    """Answer 503 with Retry-After for the first ``failures`` requests of each path, then the file."""

    kind: Literal["retry_after"]
    seconds: int = Field(default=1, ge=0, le=3600)
    failures: int = Field(default=1, ge=1, le=100)
    file: str | None = None


class BodyBytesRoute(_Route):
    """Serve the file cut at ``bytes``; declare ``content_length`` to make it lie (then close)."""

    kind: Literal["body_bytes"]
    bytes: int = Field(ge=0)
    content_length: int | None = Field(default=None, ge=0)
    file: str | None = None


class TemplateRoute(_Route):
    """Serve the file with ``{{base_url}}`` replaced by the server's base URL (from the Host header).

    For files that must hold absolute URLs, such as ``sitemap.xml`` and the ``Sitemap:`` line of
    ``robots.txt``, while the port is only known at run time.
    """

    kind: Literal["template"]
    file: str | None = None
    placeholder: str = "{{base_url}}"


Route = Annotated[
    RedirectRoute
    | StatusRoute
    | LoginRoute
    | DelayRoute
    | HeadersRoute
    | CalendarRoute
    | SessionIdsRoute
    | RetryAfterRoute
    | BodyBytesRoute
    | TemplateRoute,
    Field(discriminator="kind"),
]


class ServerConfig(BaseModel):
    """The contents of ``_server.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    html_content_type: str = "text/html"
    """Content-Type of ``.html`` files; real servers often omit the charset."""
    not_found: str | None = None
    """Body file of every 404 (a site's own error page)."""
    index_files: tuple[str, ...] = ("index.html", "index.htm", "index.php")
    """Files tried, in order, for a directory URL (Apache's DirectoryIndex)."""
    redirect_dirs: bool = True
    """``/dir`` -> 301 ``/dir/``; False serves the index at both URLs (sites with slash-less page URLs)."""
    routes: list[Route] = Field(default_factory=list)


def load_server_config(root: Path) -> ServerConfig:
    """Read and validate ``root/_server.yaml`` (an absent file means no routes).

    Raises ``ServerConfigError`` naming the file and the field for bad YAML, unknown fields, bad
    values and file references that do not exist under ``root``.
    """
    cfg_path = root / CONFIG_NAME
    if not cfg_path.is_file():
        return ServerConfig()
    try:
        raw = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ServerConfigError(f"{cfg_path}: not valid YAML: {exc}") from exc
    if raw is None:
        raw = {}
    try:
        config = ServerConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}" for err in exc.errors()
        )
        raise ServerConfigError(f"{cfg_path}: {problems}") from exc
    refs: list[tuple[str, str | None]] = [("not_found", config.not_found)]
    for i, route in enumerate(config.routes):
        for field in ("file", "body", "template"):
            refs.append((f"routes.{i}.{field}", getattr(route, field, None)))
    for field, ref in refs:
        if ref is not None and not (root / ref).is_file():
            raise ServerConfigError(f"{cfg_path}: {field}: file {ref!r} does not exist under {root}")
    return config


# --------------------------------------------------------------------------------------- server


def _content_type(file: Path, html_content_type: str) -> str:
    suffix = file.suffix.lower()
    if suffix in HTML_SUFFIXES or not suffix:  # extensionless pages (Google Sites, rewrite rules) are HTML
        return html_content_type
    return CONTENT_TYPES.get(suffix, DEFAULT_CONTENT_TYPE)


def _simple_page(code: int, title: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8"><title>{code} {title}</title>'
        f"</head>\n<body><h1>{code} {title}</h1></body></html>\n"
    ).encode()


def _shift_month(month: str, delta: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class _HTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its site, counts hits and can cut open connections."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, config: ServerConfig, log_requests: bool) -> None:
        self.root = root
        self.config = config
        self.log_requests = log_requests
        self.closing = threading.Event()
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.retry_counts: Counter[tuple[int, str]] = Counter()
        self.connections: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-response (timeouts, close() during a delay) is routine here.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def cut_connections(self) -> None:
        with self.lock:
            conns = list(self.connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD handler: routes first, then static files."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else every keep-alive response stalls ~40 ms (libraries.md, appendix E)
    server_version = "Apache/2.4.57"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    server: _HTTPServer

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log_requests:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    # -- plumbing

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        *,
        head: bool,
        extra: dict[str, str] | None = None,
        override: dict[str, str] | None = None,
        content_length: int | None = None,
        close: bool = False,
    ) -> None:
        headers: dict[str, tuple[str, str]] = {}

        def put(name: str, value: str) -> None:
            headers[name.lower()] = (name, value)

        if content_type is not None:
            put("Content-Type", content_type)
        for name, value in (extra or {}).items():
            put(name, value)
        for name, value in (override or {}).items():
            put(name, value)
        declared = len(body) if content_length is None else content_length
        put("Content-Length", str(declared))
        if declared != len(body):
            close = True
        self.send_response(status)
        for name, value in headers.values():
            # Header values are latin-1 on the wire; Thai goes out as raw UTF-8 bytes, as real servers do.
            self.send_header(name, value.encode("utf-8").decode("latin-1"))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_found(self, head: bool) -> None:
        ref = self.server.config.not_found
        body = (self.server.root / ref).read_bytes() if ref else _simple_page(404, "Not Found")
        ctype = self.server.config.html_content_type if ref else "text/html; charset=utf-8"
        self._send(404, body, ctype, head=head)

    def _static_file(self, path: str) -> Path | None:
        """The file for a decoded URL path, or None (hidden, outside the root, or absent)."""
        segments = [s for s in path.split("/") if s]
        if any(s.startswith(("_", ".")) or "\\" in s or "\0" in s for s in segments):
            return None
        root = self.server.root
        target = root.joinpath(*segments)
        if target.is_dir():
            indexes = [target / name for name in self.server.config.index_files]
            target = next((t for t in indexes if t.is_file()), target / "index.html")
        try:
            if not target.resolve().is_relative_to(root.resolve()):
                return None
        except OSError:
            return None
        return target if target.is_file() else None

    def server_host(self) -> str:
        """The bound address as text (for URLs when the client sent no Host header)."""
        host = self.server.server_address[0]
        return host.decode() if isinstance(host, bytes) else str(host)

    def _route_file(self, ref: str | None, path: str) -> Path | None:
        if ref is not None:
            return self.server.root / ref
        return self._static_file(path)

    # -- dispatch

    def _handle(self, *, head: bool) -> None:
        target = self.path
        if "://" in target.split("?", 1)[0]:  # absolute-form request target: keep the path
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        raw_path, _, query = target.partition("?")
        raw_path = raw_path.split("#", 1)[0]
        try:
            path = unquote_to_bytes(raw_path).decode("utf-8")
        except UnicodeDecodeError:
            self._send(400, _simple_page(400, "Bad Request"), "text/html; charset=utf-8", head=head)
            return
        server = self.server
        with server.lock:
            server.hits[path] += 1
        for index, route in enumerate(server.config.routes):
            if route.matches(path, query):
                self._serve_route(index, route, path, raw_path, query, head)
                return
        self._serve_static(path, raw_path, query, head)

    def _serve_static(self, path: str, raw_path: str, query: str, head: bool) -> None:
        segments = [s for s in path.split("/") if s]
        candidate = self.server.root.joinpath(*segments)
        if (
            self.server.config.redirect_dirs
            and not path.endswith("/")
            and segments
            and not any(s.startswith(("_", ".")) for s in segments)
            and candidate.is_dir()
        ):
            location = raw_path + "/" + (f"?{query}" if query else "")
            self._send(
                301,
                _simple_page(301, "Moved Permanently"),
                "text/html; charset=utf-8",
                head=head,
                extra={"Location": location},
            )
            return
        file = self._static_file(path)
        if file is None:
            self._not_found(head)
            return
        self._serve_file(file, head)

    def _serve_file(self, file: Path, head: bool, override: dict[str, str] | None = None) -> None:
        body = file.read_bytes()
        self._send(200, body, _content_type(file, self.server.config.html_content_type), head=head, override=override)

    def _serve_route(self, index: int, route: _Route, path: str, raw_path: str, query: str, head: bool) -> None:
        server = self.server
        html = "text/html; charset=utf-8"
        if isinstance(route, RedirectRoute):
            location = route.location
            if route.hops:
                hop_values = parse_qs(query).get("hop", ["0"])
                hop = int(hop_values[0]) if hop_values[0].isdigit() else 0
                if hop < route.hops:
                    location = f"{raw_path}?hop={hop + 1}"
            self._send(
                route.status,
                _simple_page(route.status, "Redirect"),
                html,
                head=head,
                extra={"Location": location},
                override=route.headers,
            )
        elif isinstance(route, StatusRoute):
            if route.body:
                body_file = server.root / route.body
                body, ctype = (
                    body_file.read_bytes(),
                    _content_type(body_file, server.config.html_content_type),
                )
            else:
                body, ctype = _simple_page(route.status, "Error"), html
            self._send(route.status, body, ctype, head=head, override=route.headers)
        elif isinstance(route, LoginRoute):
            login_body = _simple_page(401, "กรุณาเข้าสู่ระบบ")
            body = (server.root / route.body).read_bytes() if route.body else login_body
            if route.mode == "basic":
                self._send(
                    401,
                    body,
                    html,
                    head=head,
                    override=route.headers,
                    extra={"WWW-Authenticate": f'Basic realm="{route.realm}", charset="UTF-8"'},
                )
            else:
                location = f"{route.login_page}?next={quote(self.path, safe='')}"
                self._send(302, body, html, head=head, extra={"Location": location}, override=route.headers)
        elif isinstance(route, DelayRoute):
            if server.closing.wait(route.seconds):
                self.close_connection = True
                return
            self._serve_resolved(route.file, path, head, route.headers)
        elif isinstance(route, HeadersRoute):
            self._serve_resolved(route.file, path, head, route.headers)
        elif isinstance(route, CalendarRoute):
            self._serve_calendar(route, raw_path, query, head)
        elif isinstance(route, SessionIdsRoute):
            file = self._route_file(route.file, path)
            if file is None:
                self._not_found(head)
                return
            body = file.read_bytes().replace(route.placeholder.encode(), secrets.token_hex(8).encode())
            self._send(
                200,
                body,
                _content_type(file, server.config.html_content_type),
                head=head,
                override=route.headers,
            )
        elif isinstance(route, RetryAfterRoute):
            with server.lock:
                server.retry_counts[(index, path)] += 1
                count = server.retry_counts[(index, path)]
            if count <= route.failures:
                self._send(
                    503,
                    _simple_page(503, "Service Unavailable"),
                    html,
                    head=head,
                    extra={"Retry-After": str(route.seconds)},
                    override=route.headers,
                )
                return
            self._serve_resolved(route.file, path, head, route.headers)
        elif isinstance(route, BodyBytesRoute):
            file = self._route_file(route.file, path)
            if file is None:
                self._not_found(head)
                return
            body = file.read_bytes()[: route.bytes]
            self._send(
                200,
                body,
                _content_type(file, server.config.html_content_type),
                head=head,
                override=route.headers,
                content_length=route.content_length,
            )
        elif isinstance(route, TemplateRoute):
            file = self._route_file(route.file, path)
            if file is None:
                self._not_found(head)
                return
            host = self.headers.get("Host") or f"{self.server_host()}:{server.server_port}"
            body = file.read_bytes().replace(route.placeholder.encode(), f"http://{host}/".encode("latin-1"))
            self._send(
                200,
                body,
                _content_type(file, server.config.html_content_type),
                head=head,
                override=route.headers,
            )
        else:  # pragma: no cover - the discriminated union is exhaustive
            raise AssertionError(f"unknown route {route!r}")

    def _serve_resolved(self, ref: str | None, path: str, head: bool, override: dict[str, str]) -> None:
        file = self._route_file(ref, path)
        if file is None:
            self._not_found(head)
            return
        self._serve_file(file, head, override)

    def _serve_calendar(self, route: CalendarRoute, raw_path: str, query: str, head: bool) -> None:
        values = parse_qs(query).get(route.param, [])
        month = values[0] if values else route.start
        if not (
            len(month) == 7
            and month[4] == "-"
            and month[:4].isdigit()
            and month[5:].isdigit()
            and 1 <= int(month[5:]) <= 12
        ):
            month = route.start
        year, mon = int(month[:4]), int(month[5:])
        month_th = f"{THAI_MONTHS[mon - 1]} {year + 543}"
        if route.template:
            template = (self.server.root / route.template).read_bytes()
            ctype = _content_type(self.server.root / route.template, self.server.config.html_content_type)
        else:
            template, ctype = _DEFAULT_CALENDAR.encode(), "text/html; charset=utf-8"
        replacements = {
            "{{month}}": month,
            "{{month_th}}": month_th,
            "{{prev}}": f"{raw_path}?{route.param}={_shift_month(month, -1)}",
            "{{next}}": f"{raw_path}?{route.param}={_shift_month(month, 1)}",
        }
        body = template
        for key, value in replacements.items():
            body = body.replace(key.encode(), value.encode(route.encoding, errors="xmlcharrefreplace"))
        self._send(200, body, ctype, head=head, override=route.headers)


class FixtureServer:
    """A running fixture server: ``.url``, ``.hits``, ``.close()``; also a context manager."""

    def __init__(self, httpd: _HTTPServer, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread
        self._closed = False
        host, port = httpd.server_address[:2]
        self.host: str = str(host)
        self.port: int = int(port)
        self.root: Path = httpd.root

    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:40123/``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def url_for(self, path: str) -> str:
        """Absolute URL of a site path (``"/ita/"`` or ``"ita/"``)."""
        return urljoin(self.url, path)

    @property
    def hits(self) -> Counter[str]:
        """Requests so far per decoded path (query excluded); a snapshot."""
        with self._httpd.lock:
            return Counter(self._httpd.hits)

    def reset_hits(self) -> None:
        """Forget the request counts (and the retry_after state)."""
        with self._httpd.lock:
            self._httpd.hits.clear()
            self._httpd.retry_counts.clear()

    def close(self) -> None:
        """Stop serving, wake sleeping delay routes and cut open keep-alive connections."""
        if self._closed:
            return
        self._closed = True
        self._httpd.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.cut_connections()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FixtureServer({str(self.root)!r}, url={self.url!r})"


def serve_site(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    log_requests: bool = False,
) -> FixtureServer:
    """Serve the static site in ``root`` from a daemon thread; ``port=0`` picks a free port.

    Raises ``ServerConfigError`` if ``root`` is not a directory or its ``_server.yaml`` is invalid.
    """
    root = Path(root)
    if not root.is_dir():
        raise ServerConfigError(f"{root}: not a directory")
    config = load_server_config(root)
    httpd = _HTTPServer((host, port), root, config, log_requests)
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"fixture-server-{root.name}",
        daemon=True,
    )
    thread.start()
    return FixtureServer(httpd, thread)


def bundled_demo_root() -> Path:
    """The demo site: ``oit_check/demo_site`` in a wheel, ``fixtures/sites/demo`` in a checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    candidates = [package_dir / "demo_site", package_dir.parent.parent / "fixtures" / "sites" / "demo"]
    for candidate in candidates:
        if (candidate / "index.html").is_file():
            return candidate
    raise ServerConfigError(
        "the bundled demo site is missing (looked in " + ", ".join(str(c) for c in candidates) + ")"
    )
