"""The HTML report in headless Chromium: offline, filters, links, keyboard, no-JS, print, phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import DESKTOP, PHONE, launch_browser, layout_problems, new_page, screenshot
from html_samples import sample_checklist, sample_result
from oit_check.fixtureserver.server import FixtureServer, serve_site
from oit_check.i18n import t
from oit_check.report.scan_html import render_html

pytestmark = pytest.mark.browser

CARD_GROUPS = [
    (".card-head", "h3, .badge"),
    (".tiles", ".tile"),
    (".tile", ".badge, .num, .desc"),
    (".ind-head", "h3, .ind-pct"),
    ("#filters fieldset", "legend, button"),
    ("tr", "th, td"),
    (".overview", ".score, .tiles"),
    (".tiles", ".tile, .tile .badge"),
]
CONTAINED = [(".tile .badge", ".tile"), (".card-head .badge", ".card"), ("#filters button", "#filters")]
A4_CONTENT = {"width": 703, "height": 1000}
NARROW = {
    "width": 360,
    "height": 740,
}  # the narrowest phone the report supports  # 210 mm minus 2 x 12 mm margins, at 96 px per inch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


@pytest.fixture(scope="module")
def agency_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureServer]:
    """A tiny loopback 'agency site' so evidence links open a real page."""
    root = tmp_path_factory.mktemp("agency")
    (root / "ita").mkdir()
    (root / "ita" / "index.html").write_text("<html><body><h1>ITA</h1></body></html>", encoding="utf-8")
    (root / "ita" / "o1.html").write_text(
        '<html lang="th"><head><meta charset="utf-8"><title>โครงสร้าง</title></head>'
        "<body><h1>โครงสร้างหน่วยงาน</h1></body></html>",
        encoding="utf-8",
    )
    with serve_site(root) as server:
        yield server


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory, agency_site: FixtureServer) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(sample_result(base=agency_site.url), sample_checklist()), encoding="utf-8")
    return path


def visible_cards(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "article.card", "cards => cards.filter(c => !c.hidden && c.offsetParent !== null).map(c => c.id)"
    )
    return ids


def test_report_renders_offline_desktop_and_phone(browser: Any, report_file: Path) -> None:
    for name, viewport in (("report-desktop", DESKTOP), ("report-phone", PHONE), ("report-360", NARROW)):
        context, page, guard = new_page(browser, viewport)
        page.goto(report_file.as_uri())
        opened = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        print(f"\n{name}: DOMContentLoaded after {opened:.0f} ms ({report_file.stat().st_size / 1024:.0f} KiB)")
        assert opened < 1500
        assert page.locator("h1").inner_text() == t("report_title", "th")
        assert len(visible_cards(page)) == 43
        screenshot(page, name)
        screenshot(page, name + "-full", full_page=True)
        page.locator("#item-o8").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('item-o8').scrollIntoView({block: 'start'})")
        screenshot(page, name + "-cards")
        problems = layout_problems(page, CARD_GROUPS, CONTAINED)
        assert problems == [], problems
        assert page.js_errors == []
        assert guard.blocked == [], guard.blocked  # no request ever left the machine
        assert all(u.startswith("file:") for u in guard.seen), guard.seen
        # Thai glyphs are drawn by a real font, not tofu: a Thai word is wider than one glyph box per char
        width = page.evaluate(
            "() => { const s = document.createElement('span'); s.textContent = 'ตัวชี้วัด';"
            " document.body.append(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }"
        )
        assert 30 < width < 200
        context.close()


def test_filters_by_verdict_and_indicator(browser: Any, report_file: Path) -> None:
    context, page, _guard = new_page(browser, DESKTOP)
    page.goto(report_file.as_uri())
    filters = page.locator("#filters")
    assert filters.is_visible()
    status = page.locator("#filter-status")
    assert status.inner_text() == t("filter_status", "th", shown=43, total=43)

    missing = page.locator('#filters button[data-filter="verdict"][data-value="missing"]')
    missing.click()
    assert missing.get_attribute("aria-pressed") == "true"
    assert visible_cards(page) == ["item-o16", "item-o29", "item-o33"]
    assert status.inner_text() == t("filter_status", "th", shown=3, total=43)

    page.locator('#filters button[data-filter="group"][data-value="9.5"]').click()
    assert visible_cards(page) == ["item-o29"]
    page.locator('#filters button[data-filter="verdict"][data-value="stale"]').click()
    assert visible_cards(page) == ["item-o29"]  # 9.5 has no stale item: missing OR stale, AND 9.5
    page.locator('#filters button[data-filter="group"][data-value="10"]').click()
    assert visible_cards(page) == ["item-o29", "item-o33", "item-o37"]  # 9.5 OR indicator 10

    page.locator('#filters button[data-filter="reset"]').click()
    assert len(visible_cards(page)) == 43
    assert page.locator('#filters button[aria-pressed="true"]').count() == 0
    context.close()


def test_keyboard_use(browser: Any, report_file: Path) -> None:
    context, page, _guard = new_page(browser, DESKTOP)
    page.goto(report_file.as_uri())
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert skip.bounding_box()["x"] >= 0  # the skip link shows itself when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # filter buttons toggle with the keyboard, and show a focus outline
    button = page.locator('#filters button[data-filter="verdict"][data-value="broken"]')
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert visible_cards(page) == ["item-o26", "item-o41"]
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    context.close()


def test_priority_link_reveals_a_filtered_card(browser: Any, report_file: Path) -> None:
    from playwright.sync_api import expect

    context, page, _guard = new_page(browser, DESKTOP)
    page.goto(report_file.as_uri())
    page.locator('#filters button[data-filter="verdict"][data-value="ok"]').click()
    assert "item-o16" not in visible_cards(page)
    page.locator('#priorities a[href="#item-o16"]').click()
    # the hashchange handler runs after the click returns: wait for it
    expect(page.locator("#item-o16")).to_be_visible()
    page.wait_for_function("document.querySelectorAll('article.card[hidden]').length === 0")
    assert len(visible_cards(page)) == 43
    context.close()


def test_evidence_links_open_the_agency_page(browser: Any, report_file: Path, agency_site: FixtureServer) -> None:
    context, page, guard = new_page(browser, DESKTOP)
    page.goto(report_file.as_uri())
    links = page.locator("a.ev-title")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(agency_site.url) for h in hrefs)
    assert all(rel == "noopener noreferrer" for rel in links.evaluate_all("as => as.map(a => a.rel)"))
    with context.expect_page() as popup_info:
        page.locator("#item-o1 a.ev-title").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.url == agency_site.url + "ita/o1.html"
    assert popup.locator("h1").inner_text() == "โครงสร้างหน่วยงาน"
    found_on = page.locator("#item-o1 .evidence a").nth(1)
    assert found_on.get_attribute("href") == agency_site.url + "ita/"
    assert guard.blocked == []
    context.close()


def test_hostile_snippet_is_inert(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render_html(sample_result(hostile=True), sample_checklist()), encoding="utf-8")
    context, page, guard = new_page(browser, DESKTOP)
    page.goto(path.as_uri())
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 1
    snippet = page.locator("#item-o7 .snippet").nth(1)
    assert "<script>window.__pwned = 1</script>" in snippet.inner_text()
    assert snippet.locator("mark").first.inner_text() == "ข่าวประชาสัมพันธ์"
    assert page.locator("#item-o7 a[href^='javascript']").count() == 0
    assert page.locator("img").count() == 0
    assert guard.blocked == []  # the <img src=x> in a title never became a request
    context.close()


def test_without_javascript_every_card_shows(browser: Any, report_file: Path) -> None:
    context, page, _guard = new_page(browser, PHONE, java_script_enabled=False)
    page.goto(report_file.as_uri())
    assert not page.locator("#filters").is_visible()
    assert len(visible_cards(page)) == 43
    context.close()


def test_prints_to_a4(browser: Any, report_file: Path, tmp_path: Path) -> None:
    context, page, _guard = new_page(browser, DESKTOP)
    page.goto(report_file.as_uri())
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert not page.locator("nav.toc").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('.site-head .meta a'), '::after').content")
    assert "http://127.0.0.1" in after  # printed copies show where a link goes
    shown = page.evaluate("getComputedStyle(document.querySelector('#item-o1 a.ev-title'), '::after').content")
    assert shown == "none"  # ... once: evidence links print their URL on the line below
    screenshot(page, "report-print")
    page.set_viewport_size(A4_CONTENT)
    problems = layout_problems(page, CARD_GROUPS, CONTAINED)
    assert problems == [], problems
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 5 <= pages <= 40, pages
    context.close()


def test_english_report(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "en.html"
    path.write_text(render_html(sample_result(), sample_checklist(), lang="en"), encoding="utf-8")
    context, page, _guard = new_page(browser, DESKTOP)
    page.goto(path.as_uri())
    assert page.locator("#filter-status").inner_text() == "Showing 43 of 43 items"
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_gap_section_renders(browser: Any, tmp_path: Path) -> None:
    from oit_check.history import ResultsFile
    from oit_check.web.gaps import perception_gaps

    seed = Path(__file__).resolve().parents[1] / "data" / "perception" / "seed_section1.txt"
    result = sample_result()
    report = perception_gaps(
        ResultsFile("seed_section1.txt", result.timings.finished_at, seed.read_bytes()), result, "th"
    )
    path = tmp_path / "gaps.html"
    path.write_text(render_html(result, sample_checklist(), gaps=report), encoding="utf-8")
    for name, viewport in (("report-gaps-desktop", DESKTOP), ("report-gaps-phone", PHONE)):
        context, page, guard = new_page(browser, viewport)
        page.goto(path.as_uri())
        page.evaluate("document.getElementById('gaps').scrollIntoView({block: 'start'})")
        screenshot(page, name)
        assert page.locator("#gaps svg").is_visible()
        labels = page.locator("#gaps svg text.pt-label")
        assert labels.count() > 0
        boxes = labels.evaluate_all(
            "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
        )
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] + 1 or b[2] <= a[0] + 1 or a[3] <= b[1] + 1 or b[3] <= a[1] + 1, (a, b)
        problems = layout_problems(page, [(".gap-table tr", "th, td"), (".gap-oit", ".oit-pair")])
        assert problems == [], problems
        page.locator('#gaps a[href="#item-o8"]').first.click()
        assert page.locator("#item-o8").is_visible()
        assert guard.blocked == []
        context.close()
