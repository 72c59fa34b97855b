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

import threading
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urljoin

from oit_check.fixtureserver.config import (
    ServerConfigError,
    load_server_config,
)
from oit_check.fixtureserver.handler import SiteHTTPServer


class FixtureServer:
    """A running fixture server: ``.url``, ``.hits``, ``.close()``; also a context manager."""

    def __init__(self, httpd: SiteHTTPServer, thread: threading.Thread) -> None:
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
    httpd = SiteHTTPServer((host, port), root, config, log_requests)
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"fixture-server-{root.name}",
        daemon=True,
    )
    thread.start()
    return FixtureServer(httpd, thread)
