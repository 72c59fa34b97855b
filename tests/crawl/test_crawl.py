"""The crawler against real HTTP on loopback (the fixture server) and, for exact status sequences,
``httpx.MockTransport``. HTML is read by a small selectolax stand-in for ``extract.extract_html``
so these tests do not depend on the extractor; one test uses the real one on a windows-874 site.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from oit_check.checklist import load_checklist
from oit_check.config import CrawlConfig
from oit_check.crawl import CrawlOutcome, crawl
from oit_check.errors import ScanFailed
from oit_check.extract.charset import decode_html
from oit_check.extract.doctext import DocumentLimits
from oit_check.extract.documents import extract_document
from oit_check.fixtureserver.server import FixtureServer, serve_site
from oit_check.models import (
    FailureKind,
    FetchedResource,
    Link,
    LinkKind,
    PageContent,
    PageFailure,
    ResourceKind,
)
from oit_check.progress import ProgressEvent
from oit_check.urls import join_url

# ------------------------------------------------------------------------------------ helpers

_LINK_TAGS = {"a": LinkKind.ANCHOR, "iframe": LinkKind.IFRAME, "frame": LinkKind.IFRAME, "embed": LinkKind.EMBED}


def stand_in_extract(resource: FetchedResource, is_same_site: Callable[[str], bool]) -> PageContent:
    """A minimal extract_html: decoded text, title, and absolute a/iframe/frame/embed links."""
    text, encoding = decode_html(resource.body, resource.content_type)
    tree = LexborHTMLParser(text)
    if "boom" in resource.url:
        raise RuntimeError("extractor bug on this page")
    links: dict[str, Link] = {}
    for node in tree.css("a[href], iframe[src], frame[src], embed[src]"):
        raw = node.attributes.get("href") or node.attributes.get("src") or ""
        url = join_url(resource.url, raw)
        if url is not None and url not in links:
            kind = _LINK_TAGS[node.tag]
            links[url] = Link(url=url, text=node.text(strip=True), kind=kind, same_site=is_same_site(url))
    title_node = tree.css_first("title")
    body = tree.body
    return PageContent(
        url=resource.url,
        kind=ResourceKind.HTML,
        title=title_node.text(strip=True) if title_node else "",
        text=body.text(separator="\n", strip=True) if body else "",
        links=tuple(links.values()),
        encoding=encoding,
    )


def page(title: str, *hrefs: str, body: str = "") -> str:
    links = "".join(f'<li><a href="{h}">{h}</a></li>' for h in hrefs)
    filler = body or f"เนื้อหาของหน้า {title} " * 40
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body><ul>{links}</ul><p>{filler}</p></body></html>"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Callable[..., FixtureServer]]:
    """Build a site from ``{path: text or bytes}`` (plus an optional ``_server.yaml``) and serve it."""
    servers: list[FixtureServer] = []

    def make(files: dict[str, str | bytes], server_yaml: str | None = None) -> FixtureServer:
        """``{PORT}`` in text files and in the YAML becomes the server's port."""
        port = _free_port()
        root = tmp_path / f"site{len(servers)}"
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content.replace("{PORT}", str(port)), encoding="utf-8")
        if server_yaml is not None:
            (root / "_server.yaml").write_text(server_yaml.replace("{PORT}", str(port)), encoding="utf-8")
        server = serve_site(root, port=port)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def config(**overrides: Any) -> CrawlConfig:
    values: dict[str, Any] = {
        "delay": 0,
        "max_seconds": 30,
        "timeout": 5,
        "retry_backoff": 0.01,
        "fetch_documents": False,
        "use_sitemap": False,
        "document_workers": 1,
        "ocr_pages": 0,  # these tests are about the crawl; OCR has its own tests
    }
    values.update(overrides)
    return CrawlConfig(**values)


def run(url: str, cfg: CrawlConfig | None = None, **kwargs: Any) -> CrawlOutcome:
    kwargs.setdefault("extract_html", stand_in_extract)
    return asyncio.run(crawl(url, cfg or config(), **kwargs))


def paths(outcome: CrawlOutcome, kind: ResourceKind | None = None) -> set[str]:
    return {httpx.URL(p.url).raw_path.decode() for p in outcome.pages if kind is None or p.kind is kind}


def failures(outcome: CrawlOutcome, kind: FailureKind) -> list[PageFailure]:
    return [f for f in outcome.failures if f.kind is kind]


def simple_pdf(text: str = "ITA document 2567") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.drawString(72, 700, "Open Data Integrity and Transparency Assessment")
    c.showPage()
    c.save()
    return buf.getvalue()


def simple_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# A worker-side extractor for the crash and hang tests (top level: the pool pickles it by name).
def misbehaving_extractor(resource: FetchedResource, limits: DocumentLimits) -> PageContent | PageFailure:
    if "crash" in resource.url:
        os._exit(3)
    if "hang" in resource.url:
        time.sleep(60)
    return extract_document(resource, limits)


def public_resolver(table: dict[str, str]) -> Callable[[str, int], Any]:
    async def resolve(host: str, port: int) -> list[str]:
        if host in table:
            return [table[host]]
        if host in ("127.0.0.1", "localhost"):
            return ["127.0.0.1"]
        raise OSError(f"unknown host {host}")

    return resolve


class HostMapTransport(httpx.AsyncBaseTransport):
    """Send requests for fake public host names to a loopback server (optionally hiding the peer)."""

    def __init__(self, mapping: dict[str, int], *, hide_peer: bool = True) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.mapping = mapping
        self.hide_peer = hide_peer
        self.requests: list[tuple[float, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((time.monotonic(), str(request.url)))
        port = self.mapping.get(request.url.host)
        if port is not None:
            request.url = request.url.copy_with(host="127.0.0.1", port=port)
        response = await self.inner.handle_async_request(request)
        if not self.hide_peer:
            return response
        extensions = {k: v for k, v in response.extensions.items() if k != "network_stream"}
        return httpx.Response(
            response.status_code, headers=response.headers, stream=response.stream, extensions=extensions
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


class RecordingTransport(HostMapTransport):
    """Loopback as is; records the time and URL of every request."""

    def __init__(self) -> None:
        super().__init__({}, hide_peer=False)


# ---------------------------------------------------------------------------- basic crawling


def test_crawls_same_site_pages_and_extracts_documents_in_the_pool(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "index.html": page(
                "หน้าแรก",
                "/a.html",
                "/b",
                "/docs/report.pdf",
                "/docs/plan.docx",
                "/docs/old.doc",
                "http://other.example/x",
                "mailto:saraban@agency.go.th",
                "/chart.jpg",
                "/index.html",
            ).replace("</body>", '<iframe src="/embed.html"></iframe></body>'),
            "a.html": page("A", "/c.html", "/"),
            "b/index.html": page("B"),
            "c.html": page("C"),
            "embed.html": page("Embedded viewer"),
            "chart.jpg": b"\xff\xd8\xff\xe0" + b"0" * 100,
            "docs/report.pdf": simple_pdf(),
            "docs/plan.docx": simple_docx("แผนปฏิบัติราชการ ประจำปี ๒๕๖๗"),
            "docs/old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        }
    )
    events: list[ProgressEvent] = []
    outcome = run(server.url, config(fetch_documents=True), on_progress=events.append)
    assert paths(outcome, ResourceKind.HTML) == {"/", "/a.html", "/b/", "/c.html", "/embed.html"}
    docs = {p.file_name: p for p in outcome.pages if p.kind is not ResourceKind.HTML}
    assert set(docs) == {"report.pdf", "plan.docx", "old.doc"}
    assert "ITA document 2567" in docs["report.pdf"].text and docs["report.pdf"].page_count == 1
    assert "๒๕๖๗" in docs["plan.docx"].text
    assert docs["old.doc"].kind is ResourceKind.DOC_OTHER and docs["old.doc"].text == ""
    assert docs["report.pdf"].found_on == server.url and docs["report.pdf"].depth == 1
    c_page = next(p for p in outcome.pages if p.url.endswith("/c.html"))
    assert c_page.depth == 2 and c_page.found_on == server.url_for("/a.html")
    assert outcome.stats.pages == 5 and outcome.stats.documents == 3
    assert outcome.stats.skipped_offsite == 1
    assert server.hits["/chart.jpg"] == 0
    assert server.hits["/index.html"] <= 1  # same bytes as "/": an alias, not a second page
    assert outcome.failures == []
    assert outcome.start_url == server.url
    assert outcome.pages[0].url == server.url  # fetch order: the start page first
    assert outcome.aliases[server.url_for("/b")] == server.url_for("/b/")
    b_page = next(p for p in outcome.pages if p.url.endswith("/b/"))
    assert b_page.requested_url == server.url_for("/b") and b_page.redirect_chain == (server.url_for("/b"),)
    assert events and all(e.stage == "crawl" for e in events)
    assert events[-1].done == 8


def test_user_agent_is_honest(site: Callable[..., FixtureServer]) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, html=page("home"))

    asyncio.run(
        crawl(
            "http://127.0.0.1:9/",
            config(respect_robots=False),
            extract_html=stand_in_extract,
            transport=httpx.MockTransport(handler),
            version="9.9.9",
        )
    )
    assert seen and seen[0].startswith("oit-check/9.9.9 ")


# ------------------------------------------------------------------------------------- limits


def test_max_pages(site: Callable[..., FixtureServer]) -> None:
    files = {"index.html": page("home", *[f"/p{i}.html" for i in range(20)])}
    files.update({f"p{i}.html": page(f"P{i}") for i in range(20)})
    server = site(files)
    outcome = run(server.url, config(max_pages=5))
    assert outcome.stats.pages == 5
    assert outcome.stats.stopped_by == "max_pages"
    assert len(failures(outcome, FailureKind.LIMIT)) == 16  # 20 linked, 4 fetched besides the start page
    assert sum(server.hits.values()) <= 5 + 1  # + robots.txt


def test_max_documents(site: Callable[..., FixtureServer]) -> None:
    files: dict[str, str | bytes] = {"index.html": page("home", *[f"/d{i}.pdf" for i in range(5)])}
    files.update({f"d{i}.pdf": simple_pdf(f"doc {i}") for i in range(5)})
    server = site(files)
    outcome = run(server.url, config(fetch_documents=True, max_documents=2))
    assert outcome.stats.documents == 2
    assert outcome.stats.stopped_by == "max_documents"
    assert len(failures(outcome, FailureKind.LIMIT)) == 3
    assert sum(n for p, n in server.hits.items() if p.endswith(".pdf")) == 2


def test_max_depth(site: Callable[..., FixtureServer]) -> None:
    files = {"index.html": page("home", "/d1.html")}
    for d in range(1, 6):
        files[f"d{d}.html"] = page(f"D{d}", f"/d{d + 1}.html")
    server = site(files)
    outcome = run(server.url, config(max_depth=2))
    assert paths(outcome) == {"/", "/d1.html", "/d2.html"}
    assert server.hits["/d3.html"] == 0
    assert outcome.stats.skipped_limit >= 1


def test_max_bytes_keeps_an_html_prefix_but_refuses_a_large_document(site: Callable[..., FixtureServer]) -> None:
    big_html = page("big", "/after.html", body="ข้อความยาวมาก " * 20_000)
    big_pdf = simple_pdf() + b"%" + b"0" * 300_000
    server = site(
        {
            "index.html": page("home", "/big.html", "/big.pdf"),
            "big.html": big_html,
            "after.html": page("after"),
            "big.pdf": big_pdf,
        }
    )
    outcome = run(server.url, config(max_bytes=64 * 1024, fetch_documents=True))
    big = next(p for p in outcome.pages if p.url.endswith("/big.html"))
    assert big.truncated and big.bytes <= 64 * 1024
    assert "/after.html" in paths(outcome)  # a link before the cut is still followed
    too_large = failures(outcome, FailureKind.TOO_LARGE)
    assert [f.url for f in too_large] == [server.url_for("/big.pdf")]
    assert outcome.stats.truncated == 2


def test_compressed_bodies_are_inflated_within_the_limit() -> None:
    import gzip
    import zlib

    bomb = gzip.compress(b"<html><body>" + b" " * 50_000_000 + b"</body></html>")
    text = page("deflated page").encode()
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_text = text.replace(b"</body>", b"<p>raw deflate</p></body>")  # other bytes: not an alias
    raw_deflate = compressor.compress(raw_text) + compressor.flush()

    class Chunks(httpx.AsyncByteStream):  # streamed like a network body (not pre-read by httpx)
        def __init__(self, data: bytes) -> None:
            self.data = data

        async def __aiter__(self) -> AsyncIterator[bytes]:
            for start in range(0, len(self.data), 65536):
                yield self.data[start : start + 65536]

    def compressed(body: bytes, encoding: str) -> Callable[[httpx.Request], httpx.Response]:
        headers = {"Content-Type": "text/html", "Content-Encoding": encoding}
        return lambda r: httpx.Response(200, headers=headers, stream=Chunks(body))

    transport = _mock(
        {
            "/": lambda r: httpx.Response(200, html=page("home", "/bomb", "/zlib", "/raw")),
            "/bomb": compressed(bomb, "gzip"),
            "/zlib": compressed(zlib.compress(text), "deflate"),
            "/raw": compressed(raw_deflate, "deflate"),
        }
    )
    outcome = run("http://127.0.0.1:9/", config(max_bytes=1_000_000, respect_robots=False), transport=transport)
    bomb_page = next(p for p in outcome.pages if p.url.endswith("/bomb"))
    assert bomb_page.truncated and bomb_page.bytes <= 1_000_000
    assert outcome.stats.bytes < 3_000_000
    titles = {httpx.URL(p.url).path: p.title for p in outcome.pages}
    assert titles["/zlib"] == titles["/raw"] == "deflated page"


def test_max_seconds_stops_cleanly_and_returns_what_was_fetched(site: Callable[..., FixtureServer]) -> None:
    slow = [f"/slow{i}.html" for i in range(6)]
    files = {"index.html": page("home", *slow)}
    files.update({s.lstrip("/"): page(s) for s in slow})
    yaml = 'routes:\n  - {kind: delay, path: "/slow*.html", seconds: 5}\n'
    server = site(files, yaml)
    started = time.monotonic()
    outcome = run(server.url, config(max_seconds=1.0, concurrency=2))
    assert time.monotonic() - started < 3
    assert outcome.stats.stopped_by == "time"
    assert paths(outcome) == {"/"}
    limit = failures(outcome, FailureKind.LIMIT)
    assert {f.url for f in limit} == {server.url_for(s) for s in slow}


def test_a_slow_page_does_not_block_the_rest(site: Callable[..., FixtureServer]) -> None:
    others = [f"/p{i}.html" for i in range(8)]
    files = {"index.html": page("home", "/slow.html", *others), "slow.html": page("slow")}
    files.update({o.lstrip("/"): page(o) for o in others})
    server = site(files, 'routes:\n  - {kind: delay, path: "/slow.html", seconds: 3}\n')
    started = time.monotonic()
    outcome = run(server.url, config(timeout=0.5, retries=0, concurrency=2))
    assert time.monotonic() - started < 2.5
    assert {o for o in others} <= paths(outcome)
    timeouts = failures(outcome, FailureKind.TIMEOUT)
    assert [f.url for f in timeouts] == [server.url_for("/slow.html")]


# ------------------------------------------------------------------------------------ robots


def test_robots_disallowed_urls_are_not_fetched(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "robots.txt": "User-agent: *\nDisallow: /private/\n",
            "index.html": page("home", "/private/secret.html", "/public.html"),
            "private/secret.html": page("secret"),
            "public.html": page("public"),
        }
    )
    outcome = run(server.url)
    assert server.hits["/private/secret.html"] == 0
    assert outcome.stats.skipped_robots == 1
    assert [f.url for f in failures(outcome, FailureKind.ROBOTS)] == [server.url_for("/private/secret.html")]
    assert "/public.html" in paths(outcome)
    assert outcome.stats.errors == 0


def test_robots_ignored_when_asked(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "robots.txt": "User-agent: *\nDisallow: /\n",
            "index.html": page("home", "/a.html"),
            "a.html": page("a"),
        }
    )
    with pytest.raises(ScanFailed, match=r"robots\.txt"):
        run(server.url)
    outcome = run(server.url, config(respect_robots=False))
    assert paths(outcome) == {"/", "/a.html"} and server.hits["/robots.txt"] == 1


def test_crawl_delay_is_honoured(site: Callable[..., FixtureServer]) -> None:
    files = {
        "robots.txt": "User-agent: *\nCrawl-delay: 0.3\n",
        "index.html": page("home", *[f"/p{i}.html" for i in range(3)]),
    }
    files.update({f"p{i}.html": page(f"P{i}") for i in range(3)})
    server = site(files)
    transport = RecordingTransport()
    outcome = run(server.url, config(concurrency=4), transport=transport)
    starts = [t for t, url in transport.requests if not url.endswith("/robots.txt")]
    assert len(starts) == 4
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.28
    assert outcome.stats.delay_seconds == 0.3


def test_a_huge_crawl_delay_is_capped_with_a_note(site: Callable[..., FixtureServer]) -> None:
    server = site({"robots.txt": "User-agent: *\nCrawl-delay: 100\n", "index.html": page("home")})
    outcome = run(server.url, config(max_crawl_delay=0.2))
    assert outcome.stats.delay_seconds == 0.2
    assert any("Crawl-delay 100" in note for note in outcome.stats.notes)


# ---------------------------------------------------------------------------- retries & status


def test_retry_after_is_honoured_over_http(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {"index.html": page("home", "/busy.html"), "busy.html": page("busy")},
        'routes:\n  - {kind: retry_after, path: "/busy.html", seconds: 1, failures: 1}\n',
    )
    started = time.monotonic()
    outcome = run(server.url)
    assert time.monotonic() - started >= 0.95
    assert "/busy.html" in paths(outcome)
    assert outcome.stats.retries == 1 and server.hits["/busy.html"] == 2


def _mock(routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        fn = routes.get(request.url.path)
        if fn is None:
            return httpx.Response(404, html="<html><body>not here</body></html>")
        return fn(request)

    return httpx.MockTransport(handler)


def test_transient_errors_are_retried_with_backoff_then_recorded() -> None:
    counts: dict[str, int] = {}

    def flaky(request: httpx.Request) -> httpx.Response:
        counts["flaky"] = counts.get("flaky", 0) + 1
        if counts["flaky"] <= 2:
            return httpx.Response(503)
        return httpx.Response(200, html=page("flaky ok"))

    def down(request: httpx.Request) -> httpx.Response:
        counts["down"] = counts.get("down", 0) + 1
        raise httpx.ConnectError("connection refused", request=request)

    def capped(request: httpx.Request) -> httpx.Response:
        counts["capped"] = counts.get("capped", 0) + 1
        if counts["capped"] == 1:
            return httpx.Response(429, headers={"Retry-After": "120"})
        return httpx.Response(200, html=page("capped ok"))

    transport = _mock(
        {
            "/": lambda r: httpx.Response(200, html=page("home", "/flaky", "/down", "/capped")),
            "/flaky": flaky,
            "/down": down,
            "/capped": capped,
        }
    )
    started = time.monotonic()
    outcome = run(
        "http://127.0.0.1:9/",
        config(retries=2, max_retry_after=0.2, respect_robots=False),
        transport=transport,
    )
    assert time.monotonic() - started < 2
    assert {"/flaky", "/capped"} <= paths(outcome)
    assert counts == {"flaky": 3, "down": 3, "capped": 2}
    [down_failure] = failures(outcome, FailureKind.CONNECT)
    assert down_failure.url.endswith("/down")
    assert outcome.stats.retries == 2 + 2 + 1


def test_retries_exhausted_on_503_is_an_http_error() -> None:
    transport = _mock(
        {"/": lambda r: httpx.Response(200, html=page("home", "/busy")), "/busy": lambda r: httpx.Response(503)}
    )
    outcome = run("http://127.0.0.1:9/", config(retries=1, respect_robots=False), transport=transport)
    [failure] = outcome.failures
    assert failure.kind is FailureKind.HTTP_ERROR and failure.status == 503


def test_status_codes_become_failure_kinds(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "index.html": page(
                "home",
                "/missing.html",
                "/gone.html",
                "/broken.html",
                "/soft404.html",
                "/members/a.html",
                "/staff/b.html",
            ),
            "soft404.html": "<html><head><title>ข้อผิดพลาด</title></head><body><h1>ไม่พบหน้าที่คุณต้องการ</h1></body></html>",
            "login.html": page("login").replace("</ul>", '</ul><form><input type="password" name="pw"></form>'),
        },
        "routes:\n"
        '  - {kind: status, path: "/gone.html", status: 410}\n'
        '  - {kind: status, path: "/broken.html", status: 500}\n'
        '  - {kind: login, path: "/members/*", mode: basic}\n'
        '  - {kind: login, path: "/staff/*", mode: form, login_page: /login.html}\n',
    )
    # Thai soft-404 wording comes from the checklist (the pipeline merges it into the crawl config)
    thai_markers = (*CrawlConfig().error_page_markers, *load_checklist("ita-2566").error_page_markers)
    outcome = run(server.url, config(retries=0, error_page_markers=thai_markers))
    kinds = {httpx.URL(f.url).path: f.kind for f in outcome.failures}
    assert kinds == {
        "/missing.html": FailureKind.NOT_FOUND,
        "/gone.html": FailureKind.NOT_FOUND,
        "/broken.html": FailureKind.HTTP_ERROR,
        "/soft404.html": FailureKind.ERROR_PAGE,
        "/members/a.html": FailureKind.LOGIN_REQUIRED,
        # recorded under the linked URL (what an item's link points at), not the login page
        "/staff/b.html": FailureKind.LOGIN_REQUIRED,
    }
    assert outcome.stats.errors == 6
    assert outcome.stats.errors_by_kind["not_found"] == 2


# ---------------------------------------------------------------------------------- redirects


def test_redirect_loop_and_long_chain(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {"index.html": page("home", "/loop-a", "/chain", "/ok")},
        "routes:\n"
        '  - {kind: redirect, path: "/loop-a", location: /loop-b}\n'
        '  - {kind: redirect, path: "/loop-b", location: /loop-a}\n'
        '  - {kind: redirect, path: "/chain", location: /index.html, hops: 20}\n'
        '  - {kind: redirect, path: "/ok", location: /index.html, status: 301}\n',
    )
    outcome = run(server.url, config(max_redirects=5))
    assert [httpx.URL(f.url).path for f in failures(outcome, FailureKind.REDIRECT_LOOP)] == ["/loop-a"]
    assert len(failures(outcome, FailureKind.TOO_MANY_REDIRECTS)) == 1
    assert server.hits["/chain"] == 6  # the first request and 5 hops, then it stops
    # /ok -> /index.html, whose bytes are those of "/": the alias names the page as recorded
    assert outcome.aliases[server.url_for("/ok")] == server.url


def test_a_self_redirect_that_sets_a_cookie_is_not_a_loop() -> None:
    def gate(request: httpx.Request) -> httpx.Response:
        if "visited=1" in request.headers.get("cookie", ""):
            return httpx.Response(200, html=page("behind the cookie wall"))
        return httpx.Response(302, headers={"Location": "/gate", "Set-Cookie": "visited=1; Path=/"})

    transport = _mock({"/": lambda r: httpx.Response(200, html=page("home", "/gate")), "/gate": gate})
    outcome = run("http://127.0.0.1:9/", config(respect_robots=False), transport=transport)
    assert "/gate" in paths(outcome) and outcome.failures == []


def test_off_site_redirect_is_recorded_but_not_crawled_further(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "index.html": page("home", "/go-out"),
            "outside.html": page("outside", "/deep.html"),
            "deep.html": page("deep"),
        },
        "routes:\n  - {kind: redirect, path: /go-out, location: 'http://localhost:{PORT}/outside.html'}\n",
    )
    outcome = run(server.url)
    final = f"http://localhost:{server.port}/outside.html"
    assert final in {p.url for p in outcome.pages}  # "localhost" is another host than 127.0.0.1
    assert outcome.aliases[server.url_for("/go-out")] == final
    assert server.hits["/deep.html"] == 0


def test_learned_www_redirect_is_skipped_next_time() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "agency.test":
            return httpx.Response(301, headers={"Location": str(request.url.copy_with(host="www.agency.test"))})
        if request.url.path == "/":
            return httpx.Response(200, html=page("home", "http://agency.test/a.html", "http://agency.test/b.html"))
        if request.url.path == "/a.html":
            return httpx.Response(200, html=page("a", "http://agency.test/c.html"))
        return httpx.Response(200, html=page(request.url.path))

    outcome = asyncio.run(
        crawl(
            "http://www.agency.test/",
            config(respect_robots=False, concurrency=1),
            extract_html=stand_in_extract,
            transport=httpx.MockTransport(handler),
            resolver=public_resolver({"www.agency.test": "93.184.216.34", "agency.test": "93.184.216.34"}),
        )
    )
    assert paths(outcome) == {"/", "/a.html", "/b.html", "/c.html"}
    # a.html and b.html were already in flight when the first redirect was seen; c.html,
    # found later, goes straight to www.
    assert "http://agency.test/c.html" not in seen and "http://www.agency.test/c.html" in seen


# ------------------------------------------------------------------------------- network guard


def test_private_address_refused_after_a_redirect_from_a_public_start(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {
            "index.html": page("home", "/go", "http://127.0.0.1:{PORT}/secret2.html"),
            "secret.html": page("secret"),
            "secret2.html": page("secret2"),
        },
        "routes:\n  - {kind: redirect, path: /go, location: 'http://127.0.0.1:{PORT}/secret.html'}\n",
    )
    transport = HostMapTransport({"public.example": server.port})
    outcome = asyncio.run(
        crawl(
            "http://public.example/",
            config(extra_hosts=("127.0.0.1",)),  # in scope, so only the guard stops them
            extract_html=stand_in_extract,
            transport=transport,
            resolver=public_resolver({"public.example": "93.184.216.34"}),
        )
    )
    blocked = failures(outcome, FailureKind.BLOCKED_ADDRESS)
    # recorded under the linked URLs; the reason names the redirect target
    assert {httpx.URL(f.url).path for f in blocked} == {"/go", "/secret2.html"}
    assert any("secret.html" in f.reason for f in blocked)
    assert server.hits["/secret.html"] == 0 and server.hits["/secret2.html"] == 0
    assert paths(outcome) == {"/"}


def test_a_public_name_that_connects_to_loopback_is_refused(site: Callable[..., FixtureServer]) -> None:
    server = site({"index.html": page("home")})
    transport = HostMapTransport({"rebind.example": server.port}, hide_peer=False)
    with pytest.raises(ScanFailed) as info:
        asyncio.run(
            crawl(
                "http://rebind.example/",
                config(respect_robots=False),
                extract_html=stand_in_extract,
                transport=transport,
                resolver=public_resolver({"rebind.example": "93.184.216.34"}),
            )
        )
    assert "private" in info.value.message


def test_private_start_refused_when_not_allowed(site: Callable[..., FixtureServer]) -> None:
    server = site({"index.html": page("home")})
    with pytest.raises(ScanFailed, match="private network") as info:
        run(server.url, config(allow_private=False))
    assert info.value.hint and "allow_private" in info.value.hint


# -------------------------------------------------------------------------------------- traps


def test_endless_calendar_finishes_with_bounded_hits(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {"index.html": page("home", "/calendar.php")},
        'routes:\n  - {kind: calendar, path: /calendar.php, start: "2024-04"}\n',
    )
    started = time.monotonic()
    outcome = run(server.url, config(max_depth=200, max_pages=500, max_query_variants=6))
    assert time.monotonic() - started < 5
    assert server.hits["/calendar.php"] <= 8
    traps = failures(outcome, FailureKind.TRAP)
    assert len(traps) == 1 and "calendar" in traps[0].reason
    assert outcome.stats.skipped_traps >= 1


def test_session_ids_in_links_do_not_multiply_pages(site: Callable[..., FixtureServer]) -> None:
    board = page(
        "board",
        "/board/t1.html?sess={{sid}}",
        "/board/t2.html?sess={{sid}}",
        "/board/index.html?sess={{sid}}&page=2",
        "/board/post.html?PHPSESSID={{sid}}",
    )
    server = site(
        {
            "index.html": page("home", "/board/index.html"),
            "board/index.html": board,
            "board/t1.html": board,
            "board/t2.html": board,
            "board/post.html": board,
        },
        'routes:\n  - {kind: session_ids, path: "/board/*"}\n',
    )
    outcome = run(server.url, config(max_depth=50, max_pages=300))
    board_hits = sum(n for p, n in server.hits.items() if p.startswith("/board/"))
    assert board_hits <= 6
    assert any("sess" in note for note in outcome.stats.notes)


def test_repeated_relative_links_are_a_trap(site: Callable[..., FixtureServer]) -> None:
    # A CMS that answers any path below /ita/ with the same template (fresh bytes each time, so
    # content de-duplication cannot help) and a relative link "ita/": /ita/ita/ita/ita/...
    ita = page("ita", "ita/") + "<!-- {{sid}} -->"
    server = site(
        {"index.html": page("home", "ita/"), "_ita.html": ita},
        'routes:\n  - {kind: session_ids, path: "/ita/*", file: _ita.html}\n',
    )
    outcome = run(server.url, config(max_depth=30))
    assert server.hits["/ita/ita/ita/"] == 0
    assert len(failures(outcome, FailureKind.TRAP)) == 1


# --------------------------------------------------------------------------------- documents


def test_a_crashing_or_hanging_document_fails_alone(site: Callable[..., FixtureServer]) -> None:
    names = ["ok1.pdf", "crash.pdf", "ok2.pdf", "hang.pdf", "ok3.pdf"]
    files: dict[str, str | bytes] = {"index.html": page("home", *[f"/docs/{n}" for n in names])}
    files.update({f"docs/{n}": simple_pdf(n) for n in names})
    server = site(files)
    outcome = run(
        server.url,
        config(
            fetch_documents=True, document_workers=2, document_timeout=6
        ),  # roomy: workers start slowly on a busy machine
        document_extractor=misbehaving_extractor,
    )
    assert {p.file_name for p in outcome.pages if p.kind is ResourceKind.PDF} == {"ok1.pdf", "ok2.pdf", "ok3.pdf"}
    unreadable = {httpx.URL(f.url).path: f.reason for f in failures(outcome, FailureKind.UNREADABLE_DOCUMENT)}
    assert set(unreadable) == {"/docs/crash.pdf", "/docs/hang.pdf"}
    assert "crashed" in unreadable["/docs/crash.pdf"] and "longer" in unreadable["/docs/hang.pdf"]


def test_download_proxy_serving_a_pdf_is_a_document(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {"index.html": page("home", "/download.php?id=7"), "files/o12.pdf": simple_pdf("O12 report")},
        "routes:\n"
        "  - kind: headers\n"
        "    path: /download.php\n"
        "    file: files/o12.pdf\n"
        "    headers: {Content-Type: application/octet-stream, "
        "Content-Disposition: 'attachment; filename=\"รายงาน-O12.pdf\"'}\n",
    )
    outcome = run(server.url, config(fetch_documents=True))
    [doc] = [p for p in outcome.pages if p.kind is ResourceKind.PDF]
    assert doc.file_name == "รายงาน-O12.pdf" and "O12 report" in doc.text
    assert outcome.stats.documents == 1 and outcome.stats.pages == 1


def test_html_saved_as_pdf_is_unreadable(site: Callable[..., FixtureServer]) -> None:
    server = site({"index.html": page("home", "/o5.pdf"), "o5.pdf": b"<!DOCTYPE html><html><body>404</body></html>"})
    outcome = run(server.url, config(fetch_documents=True))
    [failure] = outcome.failures
    assert failure.kind is FailureKind.UNREADABLE_DOCUMENT and "HTML" in failure.reason


# ------------------------------------------------------------------------------ sitemap & more


def test_sitemap_index_seeds_unlinked_pages(site: Callable[..., FixtureServer]) -> None:
    urlset = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{{base_url}}hidden.html</loc></url></urlset>"
    )
    server = site(
        {
            "robots.txt": "User-agent: *\nDisallow:\nSitemap: /sitemap.xml\n",
            "index.html": page("home"),
            "hidden.html": page("hidden"),
            "sitemap.xml": '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{{base_url}}pages.xml</loc></sitemap></sitemapindex>",
            "pages.xml": urlset,
        },
        "routes:\n  - {kind: template, path: /sitemap.xml}\n  - {kind: template, path: /pages.xml}\n",
    )
    outcome = run(server.url, config(use_sitemap=True))
    assert "/hidden.html" in paths(outcome)
    assert outcome.stats.sitemap_urls == 1


def test_a_fault_on_one_page_never_aborts_the_crawl(site: Callable[..., FixtureServer]) -> None:
    server = site(
        {"index.html": page("home", "/boom.html", "/fine.html"), "boom.html": page("boom"), "fine.html": page("fine")}
    )
    outcome = run(server.url)
    assert "/fine.html" in paths(outcome)
    [failure] = outcome.failures
    assert failure.kind is FailureKind.OTHER and "extractor bug" in failure.reason


def test_windows_874_site_with_the_real_extractor() -> None:
    from oit_check.extract.html import extract_html

    root = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "legacy874"
    with serve_site(root) as server:
        outcome = run(server.url, config(max_pages=40), extract_html=extract_html)
    html = [p for p in outcome.pages if p.kind is ResourceKind.HTML]
    # news.php's header lies (charset=utf-8 over windows-874 bytes): a browser shows mojibake, so do we
    honest = [p.title for p in html if not p.url.endswith("news.php")]
    assert len(honest) >= 5 and all("สำนักงานเกษตร" in t for t in honest)
    assert any(p.encoding == "cp874" for p in outcome.pages)
    assert all("\ufffd" in p.title for p in html if p.url.endswith("news.php"))


# ------------------------------------------------------------------------------- start failures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_start_raises_scan_failed() -> None:
    with pytest.raises(ScanFailed) as info:
        run(f"http://127.0.0.1:{_free_port()}/", config(retries=1))
    assert "เชื่อมต่อเว็บไซต์ไม่ได้" in info.value.message and "could not be reached" in info.value.message
    assert info.value.hint


def test_start_that_is_not_html_or_missing_raises(site: Callable[..., FixtureServer]) -> None:
    server = site({"index.html": page("home"), "doc.pdf": simple_pdf()})
    with pytest.raises(ScanFailed, match="not a web page"):
        run(server.url_for("/doc.pdf"))
    with pytest.raises(ScanFailed, match="not found"):
        run(server.url_for("/nothing.html"))
    with pytest.raises(ScanFailed, match="valid web address"):
        run("http://")
