"""The HTML reporter without a browser: structure, escaping, self-containment, size and contrast."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser

from html_samples import sample_checklist, sample_result
from oit_check.i18n import STRINGS, t
from oit_check.models import ScanResult, Verdict
from oit_check.perception.gaps import GapReport
from oit_check.report.gaps_view import GapsView, build_gaps_view, make_row
from oit_check.report.scan_html import render_gaps_html, render_html, script_hash
from oit_check.report.scan_view import build_view, highlight, safe_href

MAX_REPORT_BYTES = 300 * 1024


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(sample_result(), sample_checklist())


@pytest.fixture(scope="module")
def tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def test_landmarks_and_headings(tree: LexborHTMLParser) -> None:
    for tag in ("header", "nav", "main", "footer"):
        assert tree.css_first(tag) is not None, tag
    assert len(tree.css("h1")) == 1
    section_ids = [s.attributes.get("id") for s in tree.css("main > section")]
    assert section_ids == ["summary", "indicators", "priorities", "items", "failures"]
    for section in tree.css("main > section"):
        assert section.css_first("h2") is not None
    assert tree.css_first("html").attributes["lang"] == "th"


def test_one_card_per_item_with_h3_badge_and_data(tree: LexborHTMLParser) -> None:
    cards = tree.css("article.card")
    assert len(cards) == 43
    result = sample_result()
    for card, item in zip(cards, sorted(result.items, key=lambda i: i.number), strict=True):
        assert card.attributes["id"] == f"item-{item.id}"
        assert card.attributes["data-verdict"] == item.status.value
        assert card.attributes["data-sub"] == item.sub_indicator
        h3 = card.css_first("h3")
        assert h3 is not None and item.title_th in h3.text()
        badge = card.css_first(".card-head .badge")
        assert badge is not None and badge.text().strip()  # colour AND text
        assert f"v-{item.status.value}" in (badge.attributes.get("class") or "")


def test_summary_is_shown_not_recomputed() -> None:
    result = sample_result()
    result.summary.expected_oit_score = 42.0  # deliberately not the share of ok items
    result.summary.ok = 99
    tree = LexborHTMLParser(render_html(result, sample_checklist()))
    assert tree.css_first(".ring-value").text() == "42"
    ok_tile = tree.css(".tile")[0]
    assert ok_tile.css_first(".num").text() == "99"


def test_priorities_list_failing_items_worst_first(tree: LexborHTMLParser) -> None:
    links = [a.attributes["href"] for a in tree.css("#priorities ol a")]
    result = sample_result()
    failing = [i for i in result.items if i.status is not Verdict.OK]
    assert len(links) == len(failing)
    assert links[0] == "#item-o16"  # missing items first, by number
    order = {"missing": 0, "broken": 1, "stale": 2, "partial": 3}
    statuses = [tree.css_first(f"article{href}").attributes["data-verdict"] for href in links]
    assert statuses == sorted(statuses, key=order.__getitem__)


def test_indicator_and_sub_indicator_bars(tree: LexborHTMLParser) -> None:
    rows = tree.css("#indicators table.subs tbody tr")
    assert [r.css_first("th").text().split()[0] for r in rows] == ["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]
    for bar in tree.css("#indicators .bar"):
        assert bar.attributes.get("role") == "img" and bar.attributes.get("aria-label")


def test_hostile_snippet_and_links_are_inert(html: str, tree: LexborHTMLParser) -> None:
    assert len(tree.css("script")) == 1  # only the report's own filter script
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;" in html
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
    assert not [a for a in tree.css("a[href]") if not a.attributes["href"].startswith(("http", "#"))]
    assert "javascript:" not in "".join(a.attributes["href"] for a in tree.css("a[href]"))


def test_no_external_resources(html: str, tree: LexborHTMLParser) -> None:
    assert not tree.css("link, img, iframe, object, embed, source, video, audio")
    assert not tree.css("script[src]")
    css = tree.css_first("style").text()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "default-src 'none'" in csp
    script = tree.css_first("script").text()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert script_hash() == f"sha256-{digest}"


def test_filters_are_buttons_hidden_without_js(tree: LexborHTMLParser) -> None:
    bar = tree.css_first("#filters")
    assert "hidden" in bar.attributes
    buttons = bar.css("button")
    assert all(b.attributes.get("type") == "button" for b in buttons)
    pressable = [b for b in buttons if b.attributes.get("data-filter") != "reset"]
    assert pressable and all(b.attributes.get("aria-pressed") == "false" for b in pressable)
    assert {b.attributes["data-value"] for b in pressable if b.attributes["data-filter"] == "verdict"} == {
        v.value for v in Verdict
    }


def test_size_and_render_time() -> None:
    result, checklist = sample_result(), sample_checklist()
    render_html(result, checklist)  # template compilation is a one-off
    start = time.perf_counter()
    html = render_html(result, checklist)
    elapsed = time.perf_counter() - start
    size = len(html.encode("utf-8"))
    print(f"\n43-item report: {size / 1024:.1f} KiB, rendered in {elapsed * 1000:.1f} ms")
    assert size < MAX_REPORT_BYTES
    assert elapsed < 0.5


def test_english() -> None:
    tree = LexborHTMLParser(render_html(sample_result(), sample_checklist(), lang="en"))
    assert tree.css_first("html").attributes["lang"] == "en"
    assert tree.css_first("h1").text() == t("report_title", "en")
    assert "Item 1" in tree.css_first("#item-o1 h3").text()
    assert tree.css_first("#item-o8 .missing li").text() == "an answer channel"


def test_print_css_present() -> None:
    css = (resources.files("oit_check.report") / "templates" / "report.css").read_text(encoding="utf-8")
    block = css[css.index("@media print") :]
    assert "size: A4" in block
    assert "break-inside: avoid" in block
    assert ".filters" in block and "display: none" in block
    assert 'content: " (" attr(href) ")"' in block


def test_every_string_key_used_in_templates_exists() -> None:
    used: set[str] = set()
    for package in ("oit_check.report", "oit_check.web"):
        folder = resources.files(package) / "templates"
        for entry in folder.iterdir():
            if entry.name.endswith(".html"):
                used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']""", entry.read_text(encoding="utf-8")))
    assert used, "no t() calls found"
    used = {k for k in used if not k.endswith("_")}  # prefixes of computed keys, checked below
    assert used <= STRINGS.keys(), sorted(used - STRINGS.keys())
    assert all(f"verdict_{v.value}_desc" in STRINGS for v in Verdict)
    for key, (th, en) in STRINGS.items():
        assert th and en, key


# -- highlighting and links ----------------------------------------------------------------------


def test_highlight_escapes_then_marks() -> None:
    out = highlight('a <b>x</b> "q" & แผนปฏิบัติการ', ["<b>", "แผนปฏิบัติการ"])
    assert isinstance(out, Markup)
    assert str(out) == "a <mark>&lt;b&gt;</mark>x&lt;/b&gt; &#34;q&#34; &amp; <mark>แผนปฏิบัติการ</mark>"


def test_highlight_tolerates_spaces_and_thai_digits_and_merges_overlaps() -> None:
    assert str(highlight("ปีงบประมาณ ๒๕๖๗", ["ปีงบประมาณ 2567"])) == "<mark>ปีงบประมาณ ๒๕๖๗</mark>"
    assert str(highlight("แผน ปฏิบัติการ", ["แผนปฏิบัติการ"])) == "<mark>แผน ปฏิบัติการ</mark>"
    assert str(highlight("abcdef", ["abcd", "cdef"])) == "<mark>abcdef</mark>"
    assert str(highlight("abc", ["", "  ", "zzz"])) == "abc"


def test_highlight_caps_length() -> None:
    assert len(str(highlight("ก" * 5000, []))) < 700


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.go.th/x", "https://a.go.th/x"),
        ("http://a.go.th", "http://a.go.th"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("https://a.go.th/\nx", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


# -- perception gaps -------------------------------------------------------------------------------

SEED_RESULTS = Path(__file__).resolve().parents[1] / "data" / "perception" / "seed_section1.txt"


def _gaps() -> GapsView:
    result = sample_result()
    rows = (
        make_row("e9", "สื่อสาร ตอบข้อซักถาม", 82.49, ["o5", "o7", "o8", "o9"], result, "th"),
        make_row("e13", "ระบบบริการออนไลน์", 95.0, ["o18"], result, "th"),
        make_row("i7", "รับรู้งบประมาณ", 84.82, ["o11", "o12", "o13"], result, "th"),
    )
    return GapsView(rows=rows, threshold=85.0, source="ITA 2566")


def _seed_report(result: ScanResult | None) -> GapReport:
    from oit_check.history import ResultsFile
    from oit_check.web.gaps import perception_gaps

    file = ResultsFile("seed_section1.txt", datetime(2024, 5, 1, tzinfo=UTC), SEED_RESULTS.read_bytes())
    return perception_gaps(file, result, "th")


def test_gaps_section_beside_disclosure() -> None:
    result = sample_result()
    tree = LexborHTMLParser(render_html(result, sample_checklist(), gaps=_gaps()))
    section = tree.css_first("#gaps")
    assert section is not None and section.css_first("h2") is not None
    assert len(section.css("svg circle")) == 1 and len(section.css("svg rect[width='10']")) == 2
    rows = section.css("tbody tr")
    assert "e9" in rows[0].text() and "82.49" in rows[0].css_first(".gap-score.is-below strong").text()
    # the OIT items beside a perception score carry this scan's verdicts, failing ones first
    assert rows[2].css_first('a[href="#item-o12"]') is not None
    assert "v-stale" in rows[2].css("span.badge")[0].attributes["class"]
    ids = [s.attributes.get("id") for s in tree.css("main > section")]
    assert ids.index("gaps") == ids.index("priorities") + 1


def test_gaps_from_the_perception_analysis_of_the_seed() -> None:
    result = sample_result()
    report = _seed_report(result)
    view = build_gaps_view(report, result, "th")
    flagged = [g.code for g in report.perception if g.flag.value != "ok"]
    assert [r.key for r in view.rows] == flagged  # listed in the analysis' order (lowest first)
    assert view.hidden_ok == len(report.perception) - len(flagged)
    e9 = next(r for r in view.rows if r.key == "e9")
    assert e9.below and e9.parts_text and "O8" in e9.finding  # o8 is partial in this scan
    assert [o.code for o in e9.problems] == ["O8"]
    # labels do not overlap each other and stay inside the plot
    x0, _y0, x1, _y1 = view.plot
    boxes = []
    for p in view.points:
        if p.label:
            width = 8.5 * len(p.label)
            box = (p.lx - width, p.ly - 12, p.lx, p.ly) if p.label_left else (p.lx, p.ly - 12, p.lx + width, p.ly)
            assert x0 <= box[0] and box[2] <= x1 + 1, p
            boxes.append(box)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    labelled = {k.strip() for p in view.points for k in p.label.split(",") if p.label}
    assert labelled == {r.key for r in view.rows if r.below and r.y is not None}
    tree = LexborHTMLParser(render_html(result, sample_checklist(), gaps=report))
    e9_row = next(r for r in tree.css("#gaps tbody tr") if r.css_first("th .code").text() == "e9")
    assert e9_row.css_first('a[href="#item-o8"]') is not None
    assert "seed_section1.txt" in tree.css_first("#gaps > p").text()


def test_gaps_page_without_a_scan() -> None:
    report = _seed_report(None)
    tree = LexborHTMLParser(render_gaps_html(report))
    assert len(tree.css("h1")) == 1 and tree.css_first("#gaps") is not None
    assert tree.css_first("script") is None and not tree.css('a[href^="#item-"]')
    assert tree.css("#gaps tbody tr")
    full = LexborHTMLParser(render_gaps_html(report, result=sample_result(), checklist=sample_checklist()))
    assert len(full.css("article.card")) == 43 and full.css_first("#gaps") is not None


def test_gaps_view_geometry_and_rejects_unknown_types() -> None:
    view = build_gaps_view(_gaps(), sample_result(), "th")
    x0, y0, x1, y1 = view.plot
    assert all(x0 <= p.cx <= x1 and y0 <= p.cy <= y1 for p in view.points)
    e9 = next(p for p in view.points if p.key == "e9")
    assert e9.flagged and e9.cy > view.threshold_y  # below the 85 line: lower on the chart
    with pytest.raises(TypeError):
        build_gaps_view(object(), sample_result(), "th")


def test_no_gaps_section_without_gaps(tree: LexborHTMLParser) -> None:
    assert tree.css_first("#gaps") is None


# -- contrast (WCAG AA) -----------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colour_contrast_meets_wcag_aa() -> None:
    css = (resources.files("oit_check.report") / "templates" / "report.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for verdict in Verdict:
        fg, bg, bar = var[f"{verdict.value}-fg"], var[f"{verdict.value}-bg"], var[f"{verdict.value}-bar"]
        assert _contrast(fg, bg) >= 4.5, (verdict, fg, bg)  # badge text on its tint
        assert _contrast(bar, "#ffffff") >= 3.0, (verdict, bar)  # bar segments: non-text contrast
    assert _contrast(var["muted"], "#ffffff") >= 4.5
    assert _contrast(var["muted"], var["panel"]) >= 4.5
    assert _contrast(var["link"], "#ffffff") >= 4.5
    assert _contrast("#ffffff", "#12355b") >= 4.5  # header text


def test_view_counts_match_items() -> None:
    view = build_view(sample_result(), sample_checklist(), "th")
    assert sum(g.total for g in view.indicators) == 43
    assert [g.id for g in view.indicators] == ["9", "10"]
    assert [s.id for s in view.indicators[1].subgroups] == ["10.1", "10.2"]


def test_thai_urls_are_shown_decoded_and_linked_encoded() -> None:
    result = sample_result(hostile=False)
    url = "https://www.tak.example.go.th/files/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf"
    result.items[3].evidence[0].url = url
    result.items[3].evidence[0].title = ""
    card = LexborHTMLParser(render_html(result, sample_checklist())).css_first("#item-o4")
    link = card.css_first("a.ev-title")
    assert link.attributes["href"] == url
    assert link.text() == "https://www.tak.example.go.th/files/แผน.pdf"
    assert card.css_first(".ev-url").text() == "https://www.tak.example.go.th/files/แผน.pdf"
