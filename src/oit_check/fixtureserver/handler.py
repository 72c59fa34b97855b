"""The request handler of the fixture server: routes from ``_server.yaml`` first, then static files."""

from __future__ import annotations

import contextlib
import secrets
import socket
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote_to_bytes

from oit_check.fixtureserver.config import (
    BodyBytesRoute,
    CalendarRoute,
    DelayRoute,
    HeadersRoute,
    LoginRoute,
    RedirectRoute,
    RetryAfterRoute,
    ServerConfig,
    SessionIdsRoute,
    StatusRoute,
    TemplateRoute,
    _Route,
)

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


class SiteHTTPServer(ThreadingHTTPServer):
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
    server: SiteHTTPServer

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
