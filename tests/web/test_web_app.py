"""The ``serve`` app over HTTP (Starlette TestClient and a real uvicorn), without a browser."""

from __future__ import annotations

import http.client
import json
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from html_samples import sample_checklist

with warnings.catch_warnings():  # Starlette 1.x nudges towards httpx2; httpx is what this project uses
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from oit_check.errors import ScanFailed
from oit_check.history import HistoryStore, ResultsFile
from oit_check.i18n import t
from oit_check.models import ScanResult
from oit_check.report.gaps_view import GapsView, make_row
from oit_check.web import create_app
from oit_check.web.forms import MAX_UPLOAD_BYTES
from web_helpers import TODAY, FakeScan, fake_resolver, run_uvicorn

BASE = "http://127.0.0.1"
PRIVATE_REFUSAL = t("err_url_private", "th", address="X").split("(")[0]  # "ไม่อนุญาตให้ตรวจที่อยู่ภายในเครือข่าย "


def make_client(tmp_path: Path, **kwargs: Any) -> TestClient:
    options: dict[str, Any] = {
        "scan_func": FakeScan(),
        "checklist": sample_checklist(),
        "resolver": fake_resolver,
        "today": lambda: TODAY,
    }
    options.update(kwargs)
    app = create_app(tmp_path / "store", **options)
    return TestClient(app, base_url=BASE, follow_redirects=False)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as c:
        yield c


def wait_done(client: TestClient, job_path: str, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap: dict[str, Any] = client.get(job_path + "/status").json()
        if snap["state"] in ("done", "failed"):
            return snap
        time.sleep(0.02)
    raise AssertionError("scan did not finish")


def start(client: TestClient, url: str, year: str = "2567", **files: Any) -> Any:
    return client.post("/scans", data={"url": url, "fiscal_year": year}, files=files or None)


def test_form_page_is_thai_with_defaults(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    tree = LexborHTMLParser(r.text)
    assert tree.css_first("html").attributes["lang"] == "th"
    assert tree.css_first("h1").text() == t("app_title", "th")
    assert tree.css_first("label[for=url]").text() == t("form_url", "th")
    assert tree.css_first("#fiscal_year").attributes["value"] == "2567"
    assert tree.css_first("form").attributes["method"] == "post"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert LexborHTMLParser(client.get("/?lang=en").text).css_first("h1").text() == t("app_title", "en")


def test_scan_end_to_end_store_report_and_downloads(tmp_path: Path) -> None:
    fake = FakeScan()
    with make_client(tmp_path, scan_func=fake) as client:
        r = start(client, "www.tak.example.go.th")
        assert r.status_code == 303
        job_path = r.headers["location"]
        assert job_path.startswith("/jobs/")
        snap = wait_done(client, job_path)
        assert snap["state"] == "done" and snap["pages"] == 5 and snap["items_done"] == 43
        url, config = fake.calls[0]
        assert url == "https://www.tak.example.go.th/"
        assert config.fiscal_year == 2567 and config.as_of == TODAY
        assert config.crawl.allow_private is False  # redirects to private hosts refused by the crawler too
        # the progress page of a finished job sends the browser to the report
        r = client.get(job_path)
        assert r.status_code == 303 and r.headers["location"] == snap["report_url"]
        report = client.get(snap["report_url"])
        assert report.status_code == 200
        tree = LexborHTMLParser(report.text)
        assert len(tree.css("article.card")) == 43
        assert tree.css_first("#item-o16").attributes["data-verdict"] == "missing"
        assert tree.css_first("nav.app-nav") is not None
        scan_id = snap["scan_id"]
        js = client.get(f"/scans/{scan_id}/report.json")
        assert js.headers["content-type"].startswith("application/json")
        assert "attachment" in js.headers["content-disposition"] and scan_id in js.headers["content-disposition"]
        assert ScanResult.model_validate_json(js.text).start_url == "https://www.tak.example.go.th/"
        html = client.get(f"/scans/{scan_id}/report.html")
        assert "attachment" in html.headers["content-disposition"]
        assert LexborHTMLParser(html.text).css_first("nav.app-nav") is None  # the saved file has no app links
        listing = client.get("/scans")
        assert f"/scans/{scan_id}" in listing.text and "www.tak.example.go.th" in listing.text
        assert f"/scans/{scan_id}" in client.get("/").text
    assert HistoryStore.in_dir(tmp_path / "store").get(scan_id) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://localhost:8080/",
        "http://wiki.internal.example/",
    ],
)
def test_private_loopback_link_local_targets_refused(tmp_path: Path, url: str) -> None:
    fake = FakeScan()
    with make_client(tmp_path, scan_func=fake) as client:
        r = start(client, url)
        assert r.status_code == 400
        error = LexborHTMLParser(r.text).css_first("#url-error")
        assert error is not None and error.text().startswith(PRIVATE_REFUSAL)
        assert "--allow-private" in error.text()
        assert LexborHTMLParser(r.text).css_first("#url").attributes["aria-invalid"] == "true"
    assert fake.calls == []


def test_allow_private_lets_loopback_through(tmp_path: Path) -> None:
    fake = FakeScan()
    with make_client(tmp_path, scan_func=fake, allow_private=True) as client:
        r = start(client, "http://127.0.0.1:9/")
        assert r.status_code == 303
        assert wait_done(client, r.headers["location"])["state"] == "done"
    assert fake.calls[0][1].crawl.allow_private is True


@pytest.mark.parametrize(
    ("url", "year", "field", "key"),
    [
        ("", "2567", "url", "err_url_empty"),
        ("ftp://a.go.th/", "2567", "url", "err_url_scheme"),
        ("javascript:alert(1)", "2567", "url", "err_url_scheme"),
        ("file:///etc/passwd", "2567", "url", "err_url_scheme"),
        ("https://user:pw@a.go.th/", "2567", "url", "err_url_credentials"),
        ("http:///path", "2567", "url", "err_url_host"),
        ("https://a.go.th:99999/", "2567", "url", "err_url_invalid"),
        ("https://a .go.th/", "2567", "url", "err_url_invalid"),
        ("https://a.go.th/" + "x" * 2100, "2567", "url", "err_url_long"),
        ("https://nowhere.example/", "2567", "url", "err_url_dns"),
        ("https://a.go.th/", "67", "fiscal_year", "err_year"),
        ("https://a.go.th/", "2024", "fiscal_year", "err_year"),
        ("https://a.go.th/", "2599", "fiscal_year", "err_year"),
        ("https://a.go.th/", "abcd", "fiscal_year", "err_year"),
    ],
)
def test_inputs_validated_with_thai_messages(client: TestClient, url: str, year: str, field: str, key: str) -> None:
    r = start(client, url, year)
    assert r.status_code == 400
    tree = LexborHTMLParser(r.text)
    message = tree.css_first(f"#{field}-error").text()
    expected = t(key, "th", n=2000, host="nowhere.example", low=2557, high=2568)
    assert message == expected
    assert tree.css_first("#form-errors[role=alert]") is not None
    if field == "url" and len(url) < 200:
        assert tree.css_first("#url").attributes["value"] == url  # what was typed is kept


def test_thai_digits_year_and_english_messages(client: TestClient) -> None:
    r = start(client, "https://a.go.th/", "๒๕๖๗")
    assert r.status_code == 303
    r = client.post("/scans", data={"url": "ftp://x", "fiscal_year": "2567", "lang": "en"})
    assert LexborHTMLParser(r.text).css_first("#url-error").text() == t("err_url_scheme", "en")


def test_upload_limits(client: TestClient) -> None:
    big = b"x" * (MAX_UPLOAD_BYTES + 200_000)
    r = start(client, "https://a.go.th/", results=("ita.txt", big, "text/plain"))
    assert r.status_code == 413
    assert t("err_upload_large", "th", mb=5) in r.text
    r = start(client, "https://a.go.th/", results=("ita.exe", b"MZ", "application/octet-stream"))
    assert r.status_code == 400
    assert LexborHTMLParser(r.text).css_first("#results-error").text().startswith("ไม่รองรับไฟล์ชนิดนี้")


def test_busy_gets_429_in_thai(tmp_path: Path) -> None:
    gate = threading.Event()
    with make_client(tmp_path, scan_func=FakeScan(gate=gate), max_concurrent_scans=1) as client:
        first = start(client, "https://a.go.th/")
        assert first.status_code == 303
        second = start(client, "https://b.go.th/")
        assert second.status_code == 429
        assert second.headers["retry-after"] == "30"
        assert t("err_busy", "th", n=1) in second.text
        gate.set()
        assert wait_done(client, first.headers["location"])["state"] == "done"
        assert start(client, "https://b.go.th/").status_code == 303  # the slot is free again


def test_failed_scan_is_reported(tmp_path: Path) -> None:
    fake = FakeScan(error=ScanFailed("เปิดหน้าแรกไม่ได้: connection refused"))
    with make_client(tmp_path, scan_func=fake) as client:
        r = start(client, "https://a.go.th/")
        snap = wait_done(client, r.headers["location"])
        assert snap["state"] == "failed" and "connection refused" in snap["text"]
        page = LexborHTMLParser(client.get(r.headers["location"]).text)
        alert = page.css_first("#progress-error")
        assert alert is not None and "hidden" not in alert.attributes and "connection refused" in alert.text()


def test_progress_events_stream(client: TestClient) -> None:
    r = start(client, "https://a.go.th/")
    job = r.headers["location"]
    events = []
    with client.stream("GET", job + "/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
    assert events[-1]["state"] == "done" and events[-1]["report_url"].startswith("/scans/")
    assert all(e["id"] == job.rsplit("/", 1)[1] for e in events)


@pytest.mark.parametrize(
    "path",
    [
        "/scans/..%2F..%2F..%2Fetc%2Fpasswd",
        "/scans/..%2f..%2fhistory.sqlite3",
        "/scans/%2Fetc%2Fpasswd",
        "/scans/%2Fetc%2Fpasswd/report.json",
        "/scans/..%2F..%2Fetc%2Fpasswd/report.html",
        "/scans/0123456789abcdef/report.json",
        "/scans/history.sqlite3",
        "/jobs/..%2F..%2Fetc%2Fpasswd",
        "/jobs/..%2F..%2Fetc%2Fpasswd/status",
        "/history.sqlite3",
        "/store/history.sqlite3",
        "/etc/passwd",
    ],
)
def test_paths_outside_the_store_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "root:" not in r.text and "SQLite" not in r.text
    assert t("not_found", "th") in r.text


def test_raw_traversal_paths_over_real_http(tmp_path: Path) -> None:
    """Paths sent byte for byte (no client-side normalisation) to a real uvicorn."""
    app = create_app(tmp_path / "store", scan_func=FakeScan(), checklist=sample_checklist(), today=lambda: TODAY)
    with run_uvicorn(app) as base:
        host, port = base.removeprefix("http://").split(":")
        for path in (
            "/scans/../../../../etc/passwd",
            "/scans/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "/scans/%2e%2e/%2e%2e/etc/passwd",
            "//etc/passwd",
            "/scans//etc/passwd",
            "/scans/%00/report.json",
        ):
            conn = http.client.HTTPConnection(host, int(port), timeout=5)
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.endheaders()
            resp = conn.getresponse()
            body = resp.read().decode("utf-8", "replace")
            conn.close()
            assert resp.status in (400, 404), (path, resp.status)
            assert "root:" not in body


def test_host_header_and_cross_origin_post_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    r = client.post(
        "/scans", data={"url": "https://a.go.th/", "fiscal_year": "2567"}, headers={"origin": "https://evil.example"}
    )
    assert r.status_code == 403
    r = client.post("/scans", data={"url": "https://a.go.th/", "fiscal_year": "2567"}, headers={"origin": BASE})
    assert r.status_code == 303


def test_unknown_and_malformed_job_ids(client: TestClient) -> None:
    assert client.get("/jobs/0123456789abcdef").status_code == 404
    assert client.get("/jobs/zzz/status").status_code == 404
    assert client.get("/jobs/0123456789abcdef/events").status_code == 404


def _gap_analyser(file: ResultsFile, result: ScanResult | None, lang: str) -> GapsView:
    if b"garbage" in file.content:
        raise ValueError("ไม่พบตารางผลคะแนน")
    row = make_row("e9", "สื่อสาร ตอบข้อซักถาม", 82.49, ["o5", "o8"], result, "th")
    return GapsView(rows=(row,), threshold=85.0, source=file.file_name)


def test_results_upload_adds_gap_section(tmp_path: Path) -> None:
    with make_client(tmp_path, gap_analyser=_gap_analyser) as client:
        r = start(client, "https://a.go.th/", results=("ผล ITA 2566.txt", "ผลการประเมิน".encode(), "text/plain"))
        snap = wait_done(client, r.headers["location"])
        tree = LexborHTMLParser(client.get(snap["report_url"]).text)
        assert tree.css_first("#gaps") is not None and "ผล ITA 2566.txt" in tree.css_first("#gaps").text()
        # a later upload on the results page, and an unreadable one
        r = start(client, "https://b.go.th/")
        scan_id = wait_done(client, r.headers["location"])["scan_id"]
        assert LexborHTMLParser(client.get(f"/scans/{scan_id}").text).css_first("#gaps") is None
        bad = client.post(f"/scans/{scan_id}/results", files={"results": ("x.txt", b"garbage", "text/plain")})
        assert bad.status_code == 400
        assert "ไม่พบตารางผลคะแนน" in LexborHTMLParser(bad.text).css_first("#results-error").text()
        ok = client.post(f"/scans/{scan_id}/results", files={"results": ("r.txt", b"scores", "text/plain")})
        assert ok.status_code == 303 and ok.headers["location"] == f"/scans/{scan_id}#gaps"
        assert LexborHTMLParser(client.get(f"/scans/{scan_id}").text).css_first("#gaps") is not None


def test_results_upload_with_the_perception_analysis(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "data" / "perception" / "seed_section1.txt"
    with make_client(tmp_path) as client:  # the default gap analyser: oit_check.perception
        r = start(client, "https://a.go.th/", results=("ผล ITA 2566.txt", seed.read_bytes(), "text/plain"))
        assert r.status_code == 303
        snap = wait_done(client, r.headers["location"])
        gaps = LexborHTMLParser(client.get(snap["report_url"]).text).css_first("#gaps")
        assert gaps is not None
        codes = [row.css_first("th .code").text() for row in gaps.css("tbody tr")]
        assert "e9" in codes and "e15" in codes
        # a file that is not an ITA results report is refused with the analyser's reason
        r = start(client, "https://b.go.th/", results=("x.txt", b"%PDF-1.4 not text", "text/plain"))
        assert r.status_code == 400
        assert LexborHTMLParser(r.text).css_first("#results-error").text().startswith("อ่านไฟล์ผลการประเมินไม่ได้")
