"""A loopback HTTP server of misbehaviours, on raw sockets, for the fault-injection suite (issue 12).

``FaultServer()`` listens on ``127.0.0.1`` (an ephemeral port), accepts in a daemon thread and
serves every connection from its own daemon thread, writing bytes by hand so it can do what no
well-behaved server library would: reset a connection mid-body, drip one byte a second, send a
chunked body that never ends, declare 2 GB and send 2 KB, lie about Content-Length in both
directions, send compression bombs. ``.hits`` counts requests per path (query excluded);
``.close()`` (or leaving the ``with`` block) stops every handler, cuts open connections and joins
the threads. Nothing but loopback is ever bound or contacted.

Every misbehaviour is a ``Fault`` in ``FAULTS``: its target paths, the ITA item whose evidence it
is, and the outcome issue 12 requires. Pages:

* ``/``: the ITA index of every fault: one table row per item (``O6 กฎหมายที่เกี่ยวข้อง`` ...) whose
  link is the faulty target, plus the control row (``O3 อำนาจหน้าที่`` -> a healthy page).
* ``/ita/<fault>.html``: an ITA index with the control row and that one fault's row (one scan per
  fault, so a slow fault cannot hide a fast one).
* ``/ita/clean.html``: the control row and, for every HTML fault, its *clean twin*
  ``/clean/<fault>.html`` (the same page served properly): proves each faulty page would be ok.
* ``/ok/...``: healthy pages (the control item, the redirect chain's destination, link-flood leaves).

Connections are one request each (``Connection: close``) except where a fault needs keep-alive
(``cl-shorter`` leaves its surplus bytes on a kept-alive connection: a request that arrives
on that connection afterwards means the client read the surplus as the next response, counted
in ``.desync_requests``).
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import payloads

CONTROL = ("o3", "O3", "อำนาจหน้าที่", "/ok/authority.html")
LINK_FLOOD = 100_000
REDIRECT_HOPS = 50
STORM_DOCUMENTS = 5
HUGE_PAGE_BYTES = 50_000_000
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fault:
    """One misbehaviour: where it is served, whose evidence it is, what must come of it."""

    name: str
    item: str  # checklist item id whose evidence the fault is ("o6")
    title: str  # the item's Thai name in the ITA index row
    links: tuple[str, ...]  # paths the item's row links (the faulty targets)
    what: str  # the misbehaviour, for the benchmark table
    expected: str  # the outcome issue 12 requires
    kinds: frozenset[str]  # failure kinds that satisfy it (FailureKind values; "truncated" if one is added)
    clean_twin: bool = False  # the target is an item page: /clean/<name>.html serves it properly

    @property
    def code(self) -> str:
        return "O" + self.item[1:]

    @property
    def index_path(self) -> str:
        return f"/ita/{self.name}.html"


_CLEAN_TWINS = frozenset(
    {
        "reset",
        "drip",
        "slow-headers",
        "endless",
        "huge-length",
        "cl-longer",
        "cl-shorter",
        "gzip-bomb-html",
        "huge-page",
        "bad-utf8",
    }
)


def _fault(name: str, item: str, title: str, links: tuple[str, ...], what: str, expected: str, *kinds: str) -> Fault:
    return Fault(name, item, title, links, what, expected, frozenset(kinds), clean_twin=name in _CLEAN_TWINS)


FAULTS: tuple[Fault, ...] = (
    _fault("reset", "o6", "กฎหมายที่เกี่ยวข้อง", ("/f/reset.html",), "connection reset (RST) after half the body", "connect failure, item broken", "connect", "truncated"),
    _fault("drip", "o10", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", ("/f/drip.html",), "body at full speed, then its last 600 bytes at 1 byte/s", "timeout within --timeout x tries, item broken", "timeout"),
    _fault("slow-headers", "o14", "คู่มือหรือมาตรฐานการปฏิบัติงาน", ("/f/slow-headers.html",), "status line and headers at 1 byte/s", "timeout within --timeout x tries, item broken", "timeout"),
    _fault("endless", "o15", "คู่มือหรือมาตรฐานการให้บริการ", ("/f/endless.html",), "chunked body that never ends (full speed)", "too_large (or timeout), item broken", "too_large", "timeout", "truncated"),
    _fault("huge-length", "o25", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", ("/f/huge-length.html",), "Content-Length: 2147483648, 2 KB sent, then silence", "too_large or timeout, item broken", "too_large", "timeout", "truncated"),
    _fault("cl-longer", "o39", "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", ("/f/cl-longer.html",), "Content-Length 5,000 bytes longer than the body, then close", "truncated/connect failure, item broken", "connect", "truncated"),
    _fault("cl-shorter", "o8", "Q&A", ("/f/cl-shorter.html",), "Content-Length shorter than the body; the surplus is a forged HTTP response on a kept-alive connection", "declared body read, surplus never read as a response"),
    _fault("gzip-bomb-html", "o9", "Social Network", ("/f/gzip-bomb-html.html",), "gzip body: 1 MB on the wire, 1 GiB inflated (HTML)", "too_large, item broken", "too_large", "truncated"),
    _fault("gzip-bomb-pdf", "o11", "แผนดำเนินงานและการใช้งบประมาณประจำปี", ("/f/o11-plan-2567.pdf",), "gzip body: 1 MB on the wire, 1 GiB inflated (application/pdf)", "too_large, item broken", "too_large", "unreadable_document"),
    _fault("flate-bomb-pdf", "o19", "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", ("/f/o19-procurement-plan-2567.pdf",), "valid PDF whose content stream inflates to 1 GiB", "unreadable_document, worker memory bounded, item broken", "unreadable_document", "too_large"),
    _fault("huge-page", "o18", "E-Service", ("/f/huge-page.html",), "50 MB HTML page (honest Content-Length)", "too_large, item broken, memory bounded", "too_large", "truncated"),
    _fault("link-flood", "o2", "ข้อมูลผู้บริหาร", ("/f/link-flood.html",), f"one page with {LINK_FLOOD:,} same-site links", "limit failures, stopped by max_pages, memory bounded", "limit"),
    _fault("bad-utf8", "o5", "ข้อมูลการติดต่อ", ("/f/bad-utf8.html",), "invalid UTF-8 bytes in a page declared charset=utf-8", "page read as UTF-8 with replacement: item found (ok)"),
    _fault("zip-as-pdf", "o1", "โครงสร้าง", ("/f/o1-structure.pdf",), "a ZIP archive served as application/pdf, linked as .pdf", "unreadable_document, item broken", "unreadable_document"),
    _fault("truncated-pdf", "o4", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", ("/f/o4-plan-2566-2570.pdf",), "the first 55 % of a PDF (no xref, no %%EOF)", "unreadable_document, item broken", "unreadable_document"),
    _fault("docx-bomb", "o13", "รายงานผลการดำเนินงานประจำปี", ("/f/o13-annual-report-2566.docx",), "DOCX of 2 MB whose document.xml unzips to 2 GiB", "unreadable_document, memory bounded, item broken", "unreadable_document", "too_large"),
    _fault("redirect-chain", "o12", "รายงานการกำกับติดตามการดำเนินงาน ประจำปี รอบ 6 เดือน", ("/f/redirect/1",), f"{REDIRECT_HOPS}-hop redirect chain", "too_many_redirects with few requests, item broken", "too_many_redirects"),
    _fault("5xx-storm", "o20", "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", ("/f/storm/index.html", *(f"/f/storm/announcement-{n}.pdf" for n in range(1, STORM_DOCUMENTS + 1))), "every request 503 with Retry-After: 3600", "http_error 503 per URL, no long waits, item broken", "http_error"),
)  # fmt: skip
FAULTS_BY_NAME = {fault.name: fault for fault in FAULTS}

# ----------------------------------------------------------------------------- requests


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]


class _Closed(Exception):
    """The client went away (or the server is closing): stop writing to this connection."""


Handler = Callable[[socket.socket, Request], bool | None]
"""Writes the whole response; returns True to keep the connection open for another request."""


class FaultServer:
    """The running server: ``.url``, ``.url_for(path)``, ``.hits``, ``.close()``; a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        if host != "127.0.0.1":
            raise ValueError("the fault server binds to loopback only")
        self._payloads_ready()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._hits: Counter[str] = Counter()
        self.desync_requests = 0
        self._conns: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, 0))
        self._listener.listen(128)
        self._listener.settimeout(0.1)
        self.host = host
        self.port: int = self._listener.getsockname()[1]
        self._routes: dict[str, Handler] = self._build_routes()
        self._accepter = threading.Thread(target=self._accept_loop, name="fault-server", daemon=True)
        self._accepter.start()

    # ------------------------------------------------------------------------ public

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def url_for(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def hits(self) -> Counter[str]:
        """Requests so far per path (query excluded); a snapshot."""
        with self._lock:
            return Counter(self._hits)

    def reset_hits(self) -> None:
        with self._lock:
            self._hits.clear()
            self.desync_requests = 0

    def live_threads(self) -> list[threading.Thread]:
        """This server's threads still running (none after ``close()``)."""
        with self._lock:
            threads = [self._accepter, *self._threads]
        return [thread for thread in threads if thread.is_alive()]

    def close(self) -> None:
        """Stop every handler (drips and stalls wake at once), cut connections, join the threads."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._accepter.join(timeout=5)
        self._listener.close()
        with self._lock:
            conns, threads = list(self._conns), list(self._threads)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -------------------------------------------------------------------- connections

    @staticmethod
    def _payloads_ready() -> None:
        """Build the bombs before the first request (a handler that builds one would stall its client)."""
        payloads.gzip_bomb_html()
        payloads.gzip_bomb_pdf()
        payloads.flate_bomb_pdf()
        payloads.docx_bomb()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            thread = threading.Thread(target=self._serve, args=(conn,), name="fault-conn", daemon=True)
            with self._lock:
                self._conns.add(conn)
                self._threads.add(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        poisoned = False
        try:
            conn.settimeout(10)
            buffer = b""
            while not self._stop.is_set():
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                with self._lock:
                    self._hits[request.path] += 1
                    if poisoned:
                        self.desync_requests += 1
                keep = self._dispatch(conn, request)
                if not keep:
                    return
                poisoned = True  # only cl-shorter keeps a connection, after leaving surplus bytes on it
        except (_Closed, OSError):
            return
        finally:
            with contextlib.suppress(OSError):
                conn.close()
            with self._lock:
                self._conns.discard(conn)
                self._threads.discard(threading.current_thread())

    def _read_request(self, conn: socket.socket, buffer: bytes) -> tuple[Request | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            if len(buffer) > 65536:
                return None, b""
            data = conn.recv(65536)
            if not data:
                return None, b""
            buffer += data
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) < 2:
            return None, b""
        target = parts[1]
        path, _, query = target.partition("?")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return Request(parts[0], path, query, headers), rest

    def _dispatch(self, conn: socket.socket, request: Request) -> bool:
        handler = self._routes.get(request.path)
        if handler is None:
            for prefix, candidate in self._prefix_routes:
                if request.path.startswith(prefix):
                    handler = candidate
                    break
        if handler is None:
            self._respond(conn, 404, b"<html><body><h1>404 Not Found</h1></body></html>")
            return False
        return bool(handler(conn, request))

    # ------------------------------------------------------------------------ writing

    def _send(self, conn: socket.socket, data: bytes) -> None:
        if self._stop.is_set():
            raise _Closed
        try:
            conn.sendall(data)
        except OSError as exc:
            raise _Closed from exc

    @staticmethod
    def _head(status: int, headers: list[tuple[str, str]], *, close: bool = True) -> bytes:
        reason = {200: "OK", 302: "Found", 404: "Not Found", 503: "Service Unavailable"}.get(status, "Status")
        lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers)]
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _respond(
        self,
        conn: socket.socket,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        **extra: str,
    ) -> None:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        headers += [(k.replace("_", "-"), v) for k, v in extra.items()]
        self._send(conn, self._head(status, headers) + body)

    def _drip(self, conn: socket.socket, data: bytes, interval: float = 1.0) -> None:
        for byte in data:
            if self._stop.wait(interval):
                raise _Closed
            self._send(conn, bytes([byte]))

    def _hold(self, conn: socket.socket) -> None:
        """Keep the connection open, sending nothing, until the client leaves or the server closes."""
        while not self._stop.wait(0.2):
            readable, _, _ = select.select([conn], [], [], 0)
            if readable and not conn.recv(65536):
                return

    # ------------------------------------------------------------------------- routes

    def _build_routes(self) -> dict[str, Handler]:
        html = "text/html; charset=utf-8"

        def static(body: bytes, content_type: str = html, **extra: str) -> Handler:
            return lambda conn, req: self._respond(conn, 200, body, content_type, **extra)

        routes: dict[str, Handler] = {
            "/robots.txt": static(b"User-agent: *\nDisallow:\n", "text/plain"),
            "/": static(self._index(FAULTS)),
            "/ita/clean.html": static(self._clean_index()),
            CONTROL[3]: static(payloads.item_page(CONTROL[0])),
            "/ok/o12-report.html": static(payloads.item_page("o12")),
            "/f/reset.html": self._reset,
            "/f/drip.html": self._slow_drip,
            "/f/slow-headers.html": self._slow_headers,
            "/f/endless.html": self._endless,
            "/f/huge-length.html": self._huge_length,
            "/f/cl-longer.html": self._cl_longer,
            "/f/cl-shorter.html": self._cl_shorter,
            "/f/gzip-bomb-html.html": static(payloads.gzip_bomb_html(), html, Content_Encoding="gzip"),
            "/f/o11-plan-2567.pdf": static(payloads.gzip_bomb_pdf(), "application/pdf", Content_Encoding="gzip"),
            "/f/o19-procurement-plan-2567.pdf": static(payloads.flate_bomb_pdf(), "application/pdf"),
            "/f/huge-page.html": self._huge_page,
            "/f/link-flood.html": self._link_flood,
            "/f/bad-utf8.html": static(self._bad_utf8()),
            "/f/o1-structure.pdf": static(payloads.zip_as_pdf(), "application/pdf"),
            "/f/o4-plan-2566-2570.pdf": static(payloads.truncated_pdf(), "application/pdf"),
            "/f/o13-annual-report-2566.docx": static(
                payloads.docx_bomb(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        }
        for fault in FAULTS:
            routes[fault.index_path] = static(self._index([fault]))
        for item, fault in self._clean_items().items():
            routes[f"/clean/{fault}.html"] = static(payloads.item_page(item))
        self._prefix_routes: list[tuple[str, Handler]] = [
            ("/f/redirect/", self._redirect),
            ("/f/storm/", lambda conn, req: self._respond(conn, 503, b"<html><body>busy</body></html>", Retry_After="3600")),
            ("/ok/leaf/", lambda conn, req: self._respond(conn, 200, b"<html><head><title>leaf</title></head><body>leaf</body></html>")),
        ]  # fmt: skip
        return routes

    @staticmethod
    def _index(faults: list[Fault] | tuple[Fault, ...]) -> bytes:
        rows = [(CONTROL[1], CONTROL[2], [CONTROL[3]])]
        rows += [(fault.code, fault.title, list(fault.links)) for fault in faults]
        return payloads.index_page("(fault injection)", rows)

    @staticmethod
    def _clean_items() -> dict[str, str]:
        """Item -> fault name of every fault whose target is an item page with a clean twin."""
        return {fault.item: fault.name for fault in FAULTS if fault.clean_twin}

    def _clean_index(self) -> bytes:
        rows = [(CONTROL[1], CONTROL[2], [CONTROL[3]])]
        for fault in FAULTS:
            if fault.item in self._clean_items():
                rows.append((fault.code, fault.title, [f"/clean/{fault.name}.html"]))
        return payloads.index_page("(clean twins)", rows)

    # ---------------------------------------------------------------------- the faults

    def _reset(self, conn: socket.socket, req: Request) -> None:
        body = payloads.item_page("o6", extra="<p>" + "รายละเอียดกฎหมาย " * 300 + "</p>")
        half = len(body) // 2
        self._send(
            conn, self._head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        )
        self._send(conn, body[:half])
        self._stop.wait(0.05)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close() sends RST
        conn.close()

    def _slow_drip(self, conn: socket.socket, req: Request) -> None:
        prefix, tail = payloads.padded_item_page("o10", 600)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(prefix) + len(tail)))]
        self._send(conn, self._head(200, headers) + prefix)
        self._drip(conn, tail)

    def _slow_headers(self, conn: socket.socket, req: Request) -> None:
        body = payloads.item_page("o14")
        head = self._head(
            200,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("X-Padding", "." * 300),
                ("Content-Length", str(len(body))),
            ],
        )
        self._drip(conn, head)
        self._send(conn, body)

    def _endless(self, conn: socket.socket, req: Request) -> None:
        prefix, _ = payloads.padded_item_page("o15", 0)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")]
        self._send(conn, self._head(200, headers) + b"%x\r\n%s\r\n" % (len(prefix), prefix))
        filler = payloads.thai_filler(CHUNK)
        chunk = b"%x\r\n%s\r\n" % (len(filler), filler)
        while True:
            self._send(conn, chunk)

    def _huge_length(self, conn: socket.socket, req: Request) -> None:
        prefix, _ = payloads.padded_item_page("o25", 0)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(2 * 1024**3))]
        self._send(conn, self._head(200, headers) + prefix)
        self._hold(conn)

    def _cl_longer(self, conn: socket.socket, req: Request) -> None:
        body = payloads.item_page("o39")
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body) + 5000))]
        self._send(conn, self._head(200, headers) + body)

    def _cl_shorter(self, conn: socket.socket, req: Request) -> bool:
        leaves = "".join(f"<li><a href='/ok/leaf/q{n}.html'>คำถามที่ {n}</a></li>" for n in range(8))
        body = payloads.item_page("o8", extra=f"<ul>{leaves}</ul>")
        forged_body = b"<html><head><title>FORGED</title></head><body>forged response: surplus bytes</body></html>"
        forged = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (
            len(forged_body),
            forged_body,
        )
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        # one write: the surplus arrives with the body, so it sits in the client's read buffer
        self._send(conn, self._head(200, headers, close=False) + body + forged)
        return True

    def _huge_page(self, conn: socket.socket, req: Request) -> None:
        prefix, tail = payloads.padded_item_page("o18", 200)
        filler_size = HUGE_PAGE_BYTES - len(prefix) - len(tail)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(HUGE_PAGE_BYTES))]
        self._send(conn, self._head(200, headers) + prefix)
        block = payloads.thai_filler(CHUNK)
        sent = 0
        while sent < filler_size:
            piece = block[: min(CHUNK, filler_size - sent)]
            self._send(conn, piece)
            sent += len(piece)
        self._send(conn, tail)

    def _link_flood(self, conn: socket.socket, req: Request) -> None:
        links = "".join(f"<li><a href='/ok/leaf/p{n}.html'>หน้า {n}</a></li>" for n in range(LINK_FLOOD))
        body = payloads.plain_page("คณะผู้บริหาร", f"<p>ทำเนียบผู้บริหาร</p><ul>{links}</ul>")
        self._respond(conn, 200, body)

    @staticmethod
    def _bad_utf8() -> bytes:
        page = payloads.item_page("o5", extra="<p>หมายเหตุ: ข้อมูลปรับปรุงล่าสุด</p>")
        # a stray 0xFF, a lone continuation byte and a Thai character cut after its first byte
        return page.replace("หมายเหตุ".encode(), b"\xff\x80" + "หมายเหตุ".encode() + b"\xe0\xb8").replace(
            "ที่อยู่".encode(), "ที่อยู่".encode() + b"\xfe"
        )

    def _redirect(self, conn: socket.socket, req: Request) -> None:
        try:
            hop = int(req.path.rsplit("/", 1)[-1])
        except ValueError:
            hop = REDIRECT_HOPS
        target = f"/f/redirect/{hop + 1}" if hop < REDIRECT_HOPS else "/ok/o12-report.html"
        self._send(conn, self._head(302, [("Location", target), ("Content-Length", "0")]))
