"""``oit-check serve`` end to end in headless Chromium: type a fixture site's URL, watch, read the report."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser_support import DESKTOP, PHONE, launch_browser, layout_problems, new_page, screenshot
from html_samples import sample_checklist
from oit_check.config import CrawlConfig
from oit_check.fixtureserver.server import FixtureServer, serve_site
from oit_check.history import HistoryStore
from oit_check.i18n import t
from oit_check.web import create_app
from web_helpers import TODAY, FakeScan, run_uvicorn

pytestmark = pytest.mark.browser

SITES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
REPORT_URL = re.compile(r"/scans/[0-9a-f]{16}(\?.*)?$")
JOB_URL = re.compile(r"/jobs/[0-9a-f]{16}")
PRIVATE_REFUSAL = t("err_url_private", "th", address="X").split("(")[0].strip()


def _real_pipeline_problem() -> str | None:
    """Why the real pipeline cannot run here yet (None when it can)."""
    try:
        import oit_check.pipeline  # noqa: F401
        from oit_check.checklist import load_checklist

        load_checklist()
    except Exception as exc:  # any missing stage or data file: report it as the xfail reason
        return f"{type(exc).__name__}: {exc}"
    return None


REAL_PIPELINE_PROBLEM = _real_pipeline_problem()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureServer]:
    """A loopback agency site for the fake-scan run (the fake does not crawl; the URL is real)."""
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<html><body><h1>หน่วยงาน</h1></body></html>", encoding="utf-8")
    with serve_site(root) as server:
        yield server


def submit_scan(page: Any, base: str, url: str, year: str) -> None:
    page.goto(base + "/")
    page.locator("#url").fill(url)
    page.locator("#fiscal_year").fill(year)
    page.locator("button[type=submit]").click()


def test_serve_scan_shows_live_progress_and_the_report(browser: Any, tmp_path: Path, small_site: FixtureServer) -> None:
    from playwright.sync_api import expect

    gate = threading.Event()
    fake = FakeScan(gate=gate)
    store_dir = tmp_path / "store"
    app = create_app(store_dir, allow_private=True, scan_func=fake, checklist=sample_checklist(), today=lambda: TODAY)
    with run_uvicorn(app) as base:
        context, page, guard = new_page(browser, DESKTOP)
        page.goto(base + "/")
        assert page.locator("h1").inner_text() == t("app_title", "th")
        screenshot(page, "serve-form")
        submit_scan(page, base, small_site.url, "2567")
        page.wait_for_url(JOB_URL)
        # progress arrives live while the scan is held at the gate
        expect(page.locator("#progress-pages")).to_have_text("5", timeout=10_000)
        expect(page.locator("#progress-text")).to_have_text(t("progress_crawl", "th", done=5))
        screenshot(page, "serve-progress")
        gate.set()
        page.wait_for_url(REPORT_URL, timeout=20_000)
        assert fake.calls[0][0] == small_site.url
        assert fake.calls[0][1].fiscal_year == 2567

        scan_id = page.url.rsplit("/", 1)[1].split("?")[0]
        result = HistoryStore.in_dir(store_dir).get(scan_id)
        assert result is not None
        shown = dict(page.eval_on_selector_all("article.card", "cs => cs.map(c => [c.id, c.dataset.verdict])"))
        assert shown == {f"item-{item.id}": item.status.value for item in result.items}
        assert page.locator("#item-o16 .card-head .badge").inner_text() == "ไม่พบ"
        assert page.locator("#item-o1 .card-head .badge").inner_text() == "ผ่าน"
        assert page.locator(".ring-value").inner_text() == f"{result.summary.expected_oit_score:.1f}"
        screenshot(page, "serve-report")
        assert layout_problems(page, [(".card-head", "h3, .badge"), (".app-nav", "a")]) == []

        # the report is listed and can be re-opened; JSON and HTML download
        page.locator("nav.app-nav a", has_text=t("all_scans", "th")).click()
        row = page.locator("table.scans tbody tr").first
        assert small_site.url.split("//")[1].split(":")[0] in row.inner_text()
        row.locator("a", has_text=t("open_report", "th")).click()
        page.wait_for_url(REPORT_URL)
        with page.expect_download() as info:
            page.locator("nav.app-nav a", has_text=t("download_json", "th")).click()
        download = info.value
        assert download.suggested_filename.endswith(f"{scan_id}.json")
        assert json.loads(Path(download.path()).read_text(encoding="utf-8"))["start_url"] == small_site.url
        with page.expect_download() as info:
            page.locator("nav.app-nav a", has_text=t("download_html", "th")).click()
        assert info.value.suggested_filename.endswith(f"{scan_id}.html")
        assert '<article class="card' in Path(info.value.path()).read_text(encoding="utf-8")

        phone_context, phone, _ = new_page(browser, PHONE)
        phone.goto(page.url)
        screenshot(phone, "serve-report-phone")
        assert layout_problems(phone, [(".card-head", "h3, .badge")]) == []
        phone.goto(base + "/")
        screenshot(phone, "serve-form-phone")
        assert layout_problems(phone, [(".field", "label, input, .hint")]) == []
        phone_context.close()

        assert page.js_errors == []
        assert guard.blocked == [], guard.blocked
        context.close()


def test_serve_refuses_private_targets_and_paths_outside_its_store(browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    fake = FakeScan()
    app = create_app(tmp_path / "store", scan_func=fake, checklist=sample_checklist(), today=lambda: TODAY)
    with run_uvicorn(app) as base:
        context, page, guard = new_page(browser, DESKTOP)
        for target in (base + "/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"):
            submit_scan(page, base, target, "2567")
            error = page.locator("#url-error")
            expect(error).to_contain_text(PRIVATE_REFUSAL)
            assert page.locator("#url").get_attribute("aria-invalid") == "true"
            assert page.locator("#form-errors[role=alert]").is_visible()
        screenshot(page, "serve-refused")
        for path in (
            "/scans/..%2F..%2F..%2Fetc%2Fpasswd",
            "/scans/%2Fetc%2Fpasswd/report.json",
            "/scans/..%2Fhistory.sqlite3/report.html",
            "/history.sqlite3",
        ):
            response = page.goto(base + path)
            assert response is not None and response.status == 404, path
            assert t("not_found", "th") in page.locator("main").inner_text()
            assert "root:" not in page.content()
        assert guard.blocked == []
        context.close()
    assert fake.calls == []


@pytest.mark.slow
@pytest.mark.xfail(
    REAL_PIPELINE_PROBLEM is not None,
    reason=f"the real pipeline cannot run yet: {REAL_PIPELINE_PROBLEM}",
    strict=False,
)
def test_serve_end_to_end_real_pipeline_on_demo_site(browser: Any, tmp_path: Path) -> None:
    """The real ``pipeline.scan`` behind the app, on the demo fixture site, driven from the browser."""
    from oit_check.checklist import load_checklist

    expected = yaml.safe_load((SITES_DIR / "demo" / "_expected.yaml").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(str(expected["as_of"]))
    store_dir = tmp_path / "store"
    app = create_app(
        store_dir,
        allow_private=True,
        checklist=load_checklist(),
        crawl_config=CrawlConfig(delay=0.0),
        today=lambda: as_of,
    )
    with run_uvicorn(app) as base, serve_site(SITES_DIR / "demo") as demo:
        context, page, guard = new_page(browser, DESKTOP)
        submit_scan(page, base, demo.url, str(expected["fiscal_year"]))
        page.wait_for_url(REPORT_URL, timeout=180_000)
        scan_id = page.url.rsplit("/", 1)[1].split("?")[0]
        result = HistoryStore.in_dir(store_dir).get(scan_id)
        assert result is not None and result.error is None
        shown = dict(page.eval_on_selector_all("article.card", "cs => cs.map(c => [c.id, c.dataset.verdict])"))
        assert shown == {f"item-{item.id}": item.status.value for item in result.items}
        screenshot(page, "serve-report-demo")
        phone_context, phone, _ = new_page(browser, PHONE)
        phone.goto(page.url)
        phone.evaluate("document.getElementById('item-o4').scrollIntoView({block: 'start'})")
        screenshot(phone, "serve-report-demo-phone")
        problems = layout_problems(phone, [(".card-head", "h3, .badge"), (".tiles", ".tile")])
        assert problems == [], problems  # real document URLs are long: nothing may widen the page
        phone_context.close()
        labels = {item_id: spec["status"] for item_id, spec in expected["items"].items()}
        agree = sum(1 for item in result.items if labels.get(item.id) == item.status.value)
        print(f"\ndemo site: {agree}/{len(labels)} verdicts agree with the assessor labels")
        assert guard.blocked == []
        context.close()
