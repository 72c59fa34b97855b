"""The loopback fixture server: static rules and every route kind, over real HTTP with httpx."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from oit_check.demo import bundled_demo_root
from oit_check.fixtureserver import FixtureServer, ServerConfigError, serve_site

THAI_DIR = "ข่าวประชาสัมพันธ์"
THAI_FILE = "ประกาศ.html"
LEGACY_TEXT = "ข่าวประชาสัมพันธ์ “ประกาศ” …"

SERVER_YAML = """\
html_content_type: "text/html; charset=utf-8"
not_found: _errors/404.html
routes:
  - {kind: redirect, path: /loop-a.html, location: /loop-b.html}
  - {kind: redirect, path: /loop-b.html, location: /loop-a.html, status: 301}
  - {kind: redirect, path: /chain, location: /index.html, hops: 5}
  - {kind: status, path: /gone.pdf, status: 410}
  - {kind: status, path: "/broken/*", status: 500, body: _errors/500.html}
  - {kind: status, path: /search.php, query: "q=*", status: 403}
  - {kind: login, path: "/members/*", mode: basic, realm: "สมาชิก"}
  - {kind: login, path: "/eservice/*", mode: form, login_page: /login.html}
  - {kind: delay, path: /slow.html, seconds: 0.3}
  - {kind: delay, path: /very-slow.html, seconds: 60, file: slow.html}
  - kind: headers
    path: /legacy.html
    headers: {Content-Type: "text/html; charset=tis-620", Last-Modified: "Mon, 15 Jan 2024 03:00:00 GMT"}
  - {kind: headers, path: /liar.html, headers: {Content-Type: "text/html; charset=utf-8"}, file: legacy.html}
  - {kind: calendar, path: /calendar, start: 2024-04}
  - {kind: calendar, path: /cal874, start: 2024-01, template: _templates/cal.html, encoding: cp874,
     headers: {Content-Type: "text/html; charset=windows-874"}}
  - {kind: session_ids, path: "/webboard/*"}
  - {kind: retry_after, path: /busy.html, seconds: 1}
  - {kind: body_bytes, path: /cut.pdf, bytes: 100, file: docs/report.pdf}
  - {kind: body_bytes, path: /liar.pdf, bytes: 100, content_length: 5000, file: docs/report.pdf}
  - {kind: template, path: /sitemap.xml}
"""


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    _write(root / "index.html", "<html><body><h1>หน้าแรก</h1></body></html>")
    _write(root / "slow.html", "<p>หน้าที่ช้า</p>")
    _write(root / "busy.html", "<p>ระบบพร้อมแล้ว</p>")
    _write(root / "search.php", "<p>ค้นหา</p>")
    _write(root / "login.html", "<form>เข้าสู่ระบบ</form>")
    _write(root / "sub" / "index.html", "<p>หน้าย่อย</p>")
    _write(root / "legacy" / "index.php", "<p>หน้าแรกแบบเก่า</p>")
    _write(root / "pages" / "หนาแรก", "<p>Google Sites page without an extension</p>")
    _write(root / THAI_DIR / THAI_FILE, "<p>ประกาศรับสมัคร</p>")
    _write(root / "legacy.html", f"<html><body>{LEGACY_TEXT}</body></html>".encode("cp874"))
    _write(root / "webboard" / "index.html", '<a href="/webboard/topic.html?sid={{sid}}">กระทู้</a>')
    _write(root / "docs" / "report.pdf", b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n")
    _write(root / "docs" / "form.docx", b"PK\x03\x04docx")
    _write(root / "docs" / "stats.xlsx", b"PK\x03\x04xlsx")
    _write(root / "sitemap.xml", "<urlset><url><loc>{{base_url}}sub/</loc></url></urlset>")
    _write(root / "robots.txt", "User-agent: *\nDisallow: /admin/\n")
    _write(root / "img" / "logo.png", b"\x89PNG\r\n")
    _write(root / "img" / "photo.jpg", b"\xff\xd8\xff")
    _write(root / "_expected.yaml", "items: {}\n")
    _write(root / "_errors" / "404.html", "<h1>ไม่พบหน้าที่ต้องการ</h1>")
    _write(root / "_errors" / "500.html", "<h1>ระบบขัดข้อง</h1>")
    _write(
        root / "_templates" / "cal.html",
        '<h1>ปฏิทิน {{month_th}}</h1><a href="{{next}}">ถัดไป</a>'.encode("cp874"),
    )
    _write(root / "_server.yaml", SERVER_YAML)
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[FixtureServer]:
    with serve_site(site) as srv:
        yield srv


@pytest.fixture
def client(server: FixtureServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=10) as c:
        yield c


def test_binds_loopback_and_url(server: FixtureServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert server.url.endswith("/")
    assert server.url_for("/docs/") == server.url + "docs/"


def test_index_and_directory_redirect(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "หน้าแรก" in r.text
    r = client.get("/sub")
    assert r.status_code == 301
    assert r.headers["location"] == "/sub/"
    assert "หน้าย่อย" in client.get("/sub/").text
    assert "หน้าแรกแบบเก่า" in client.get("/legacy/").text  # DirectoryIndex falls back to index.php


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/docs/report.pdf", "application/pdf"),
        ("/docs/form.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("/docs/stats.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/img/logo.png", "image/png"),
        ("/img/photo.jpg", "image/jpeg"),
        ("/index.html", "text/html; charset=utf-8"),
    ],
)
def test_content_types(client: httpx.Client, path: str, content_type: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"] == content_type


def test_extensionless_file_is_html(client: httpx.Client) -> None:
    r = client.get("/pages/" + quote("หนาแรก"))
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"


def test_redirect_dirs_off(tmp_path: Path) -> None:
    _write(tmp_path / "view" / "page" / "index.html", "<p>หน้าย่อย</p>")
    _write(tmp_path / "_server.yaml", "redirect_dirs: false\n")
    with serve_site(tmp_path) as srv:
        r = httpx.get(srv.url_for("/view/page"))
    assert r.status_code == 200
    assert "หน้าย่อย" in r.text


def test_query_ignored_for_static_files(client: httpx.Client) -> None:
    r = client.get("/docs/report.pdf?download=1")
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF")


@pytest.mark.parametrize("upper", [True, False])
def test_thai_path_percent_encoded(client: httpx.Client, upper: bool) -> None:
    encoded = quote(f"/{THAI_DIR}/{THAI_FILE}")
    encoded = encoded if upper else encoded.lower()
    assert ("%E0" in encoded) is upper
    r = client.get(encoded)
    assert r.status_code == 200
    assert "ประกาศรับสมัคร" in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/_server.yaml",
        "/_expected.yaml",
        "/_errors/404.html",
        "/_templates/cal.html",
        "/%5Fserver.yaml",
        "/docs/../_server.yaml",
        "/nothing-here.html",
    ],
)
def test_hidden_and_missing_are_404(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in r.text  # the site's own not_found page


def test_head_request(client: httpx.Client) -> None:
    r = client.head("/docs/report.pdf")
    assert r.status_code == 200
    assert int(r.headers["content-length"]) > 2000
    assert r.content == b""


def test_keep_alive(server: FixtureServer) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        for _ in range(3):
            conn.request("GET", "/index.html")
            resp = conn.getresponse()
            assert resp.status == 200
            assert resp.getheader("Connection") != "close"
            resp.read()
        assert conn.sock is not None  # the same socket served all three
    finally:
        conn.close()


def test_redirect_loop(client: httpx.Client) -> None:
    r = client.get("/loop-a.html")
    assert (r.status_code, r.headers["location"]) == (302, "/loop-b.html")
    r = client.get("/loop-b.html")
    assert (r.status_code, r.headers["location"]) == (301, "/loop-a.html")
    with pytest.raises(httpx.TooManyRedirects):
        client.get("/loop-a.html", follow_redirects=True)


def test_redirect_chain(client: httpx.Client) -> None:
    r = client.get("/chain", follow_redirects=True)
    assert r.status_code == 200
    assert len(r.history) == 6
    assert r.url.path == "/index.html"


def test_status_routes(client: httpx.Client) -> None:
    assert client.get("/gone.pdf").status_code == 410
    r = client.get("/broken/page.html")
    assert r.status_code == 500
    assert "ระบบขัดข้อง" in r.text


def test_route_with_query(client: httpx.Client) -> None:
    assert client.get("/search.php", params={"q": "ita"}).status_code == 403
    assert client.get("/search.php").status_code == 200


def test_login_basic(client: httpx.Client) -> None:
    r = client.get("/members/complaint.html")
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Basic realm=")


def test_login_form(client: httpx.Client) -> None:
    r = client.get("/eservice/request.php?x=1")
    assert r.status_code == 302
    assert r.headers["location"].startswith("/login.html?next=")
    assert client.get(r.headers["location"]).status_code == 200


def test_delay(client: httpx.Client) -> None:
    start = time.monotonic()
    r = client.get("/slow.html")
    assert r.status_code == 200
    assert time.monotonic() - start >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        client.get("/very-slow.html", timeout=0.2)


def test_delay_is_interrupted_by_close(site: Path) -> None:
    srv = serve_site(site)
    outcome: list[object] = []

    def fetch() -> None:
        try:
            outcome.append(httpx.get(srv.url_for("/very-slow.html"), timeout=30).status_code)
        except httpx.HTTPError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=fetch)
    thread.start()
    time.sleep(0.2)
    start = time.monotonic()
    srv.close()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert time.monotonic() - start < 5
    assert outcome and isinstance(outcome[0], httpx.HTTPError)


def test_headers_charset(client: httpx.Client) -> None:
    r = client.get("/legacy.html")
    assert r.headers["content-type"] == "text/html; charset=tis-620"
    assert r.headers["last-modified"] == "Mon, 15 Jan 2024 03:00:00 GMT"
    assert LEGACY_TEXT in r.content.decode("cp874")
    liar = client.get("/liar.html")
    assert liar.headers["content-type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        liar.content.decode("utf-8")


def test_calendar_is_endless(client: httpx.Client, server: FixtureServer) -> None:
    r = client.get("/calendar")
    assert "เมษายน 2567" in r.text
    assert 'href="/calendar?month=2024-05"' in r.text
    assert 'href="/calendar?month=2024-03"' in r.text
    url = "/calendar?month=2024-12"
    for expected in ("2025-01", "2025-02", "2025-03"):
        page = client.get(url)
        assert f"/calendar?month={expected}" in page.text
        url = f"/calendar?month={expected}"
    assert "มกราคม 2568" in client.get("/calendar?month=2025-01").text
    assert "เมษายน 2567" in client.get("/calendar?month=nonsense").text
    assert server.hits["/calendar"] >= 6


def test_calendar_template_in_cp874(client: httpx.Client) -> None:
    r = client.get("/cal874?month=2023-10")
    assert r.headers["content-type"] == "text/html; charset=windows-874"
    text = r.content.decode("cp874")
    assert "ปฏิทิน ตุลาคม 2566" in text
    assert "/cal874?month=2023-11" in text


def test_session_ids_are_fresh(client: httpx.Client) -> None:
    first = client.get("/webboard/").text
    second = client.get("/webboard/?sid=abc").text
    assert "{{sid}}" not in first
    assert "topic.html?sid=" in first
    assert first != second


def test_retry_after(client: httpx.Client, server: FixtureServer) -> None:
    r = client.get("/busy.html")
    assert r.status_code == 503
    assert r.headers["retry-after"] == "1"
    r = client.get("/busy.html")
    assert r.status_code == 200
    assert "ระบบพร้อมแล้ว" in r.text
    server.reset_hits()
    assert client.get("/busy.html").status_code == 503


def test_body_bytes(client: httpx.Client) -> None:
    r = client.get("/cut.pdf")
    assert r.status_code == 200
    assert len(r.content) == 100
    assert r.content.startswith(b"%PDF")
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/liar.pdf")


def test_template_base_url(client: httpx.Client, server: FixtureServer) -> None:
    r = client.get("/sitemap.xml")
    assert f"<loc>{server.url}sub/</loc>" in r.text


def test_hits_are_counted(site: Path) -> None:
    with serve_site(site) as srv, httpx.Client(base_url=srv.url) as c:
        for _ in range(3):
            c.get("/index.html")
        c.get(quote(f"/{THAI_DIR}/{THAI_FILE}"))
        c.get("/docs/report.pdf?a=1")
        c.get("/docs/report.pdf?a=2")
        hits = srv.hits
    assert hits["/index.html"] == 3
    assert hits[f"/{THAI_DIR}/{THAI_FILE}"] == 1
    assert hits["/docs/report.pdf"] == 2


def test_bad_config_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("x")
    (tmp_path / "_server.yaml").write_text("routes:\n  - {kind: status, path: /a, status: 999}\n")
    with pytest.raises(ServerConfigError) as info:
        serve_site(tmp_path)
    assert "_server.yaml" in info.value.message
    assert "routes.0" in info.value.message
    assert "status" in info.value.message


@pytest.mark.parametrize(
    ("yaml_text", "fragment"),
    [
        ("routes:\n  - {kind: teleport, path: /a}\n", "routes.0"),
        ("routes:\n  - {kind: redirect, path: a.html, location: /b}\n", "routes.0.redirect.path"),
        ("routes:\n  - {kind: delay, path: /a, seconds: 1, file: missing.html}\n", "routes.0.file"),
        ("routes:\n  - {kind: headers, path: /a}\n", "routes.0"),
        ("routes: [\n", "not valid YAML"),
        ("colour: blue\n", "colour"),
    ],
)
def test_bad_configs(tmp_path: Path, yaml_text: str, fragment: str) -> None:
    (tmp_path / "_server.yaml").write_text(yaml_text)
    with pytest.raises(ServerConfigError) as info:
        serve_site(tmp_path)
    assert fragment in info.value.message


def test_bundled_demo_root() -> None:
    root = bundled_demo_root()
    assert (root / "index.html").is_file()
