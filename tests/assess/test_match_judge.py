"""Match and judge on hand-built pages (no network): candidates, verdicts, reasons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oit_check.assess import assess_pages as judge_pages
from oit_check.assess.match import link_items, match_site
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist
from oit_check.extract.html import extract_html_text
from oit_check.models import FailureKind, PageContent, PageFailure, ResourceKind, Verdict

MINI = Path(__file__).parents[1] / "data" / "mini-checklist.yaml"
BASE = "http://agency.example.go.th"
AS_OF = date(2024, 4, 30)


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return load_checklist(str(MINI))


def page(path: str, html: str) -> PageContent:
    return extract_html_text(html, url=BASE + path, is_same_site=lambda u: u.startswith(BASE))


def doc(path: str, text: str, kind: ResourceKind = ResourceKind.PDF, *, scanned: bool = False) -> PageContent:
    return PageContent(url=BASE + path, kind=kind, text=text, file_name=path.rsplit("/", 1)[-1], no_text_layer=scanned)


INDEX = page(
    "/ita/",
    """<html><head><title>ITA</title></head><body><main><h1>การเปิดเผยข้อมูลสาธารณะ</h1><table>
    <tr><td>O1</td><td>ข้อมูลการติดต่อ</td><td><a href="/contact.html">คลิก</a></td></tr>
    <tr><td>O2</td><td>รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน</td><td><a href="/files/o2.pdf">ดาวน์โหลด</a></td></tr>
    <tr><td>O3</td><td>แผนปฏิบัติการป้องกันการทุจริต</td><td><a href="/files/plan.pdf">ดาวน์โหลด</a></td></tr>
    </table></main></body></html>""",
)


def verdicts(checklist: Checklist, pages: list[PageContent], failures: list[PageFailure] = ()) -> dict[str, Verdict]:  # type: ignore[assignment]
    items, _ = judge_pages(checklist, pages, list(failures), 2567, AS_OF)
    return {i.id: i.status for i in items}


def test_index_row_with_generic_link_text_is_matched_by_code_and_title(mini: Checklist) -> None:
    phrases = PhraseIndex(mini)
    links = {link.url.rsplit("/", 1)[-1]: link for link in INDEX.links}
    items, via, _ = link_items(phrases, links["o2.pdf"])
    assert items == ["o2"] and via == "index"
    matches = match_site(mini, [INDEX])
    assert {c.item_id for cs in matches.candidates.values() for c in cs} == {"o1", "o2", "o3"}


def test_code_alone_is_not_trusted(mini: Checklist) -> None:
    """O3 written next to a different item's title belongs to that title's item."""
    p = page(
        "/old/",
        '<table><tr><td>O3</td><td>รายงานการกำกับติดตามการดำเนินงาน</td><td><a href="/x.pdf">คลิก</a></td></tr></table>',
    )
    items, via, _ = link_items(PhraseIndex(mini), p.links[0])
    assert items == ["o2"] and via == "link"


def test_longest_name_wins_between_similar_items(mini: Checklist) -> None:
    p = page("/a/", '<ul><li><a href="/y.pdf">รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน</a></li></ul>')
    items, _, _ = link_items(PhraseIndex(mini), p.links[0])
    assert items == ["o3"]


def test_verdicts_ok_stale_partial_broken_missing(mini: Checklist) -> None:
    contact = page(
        "/contact.html",
        "<title>ติดต่อเรา</title><main><h1>ติดต่อเรา</h1><p>โทร 055-123-456</p></main>",
    )
    o2 = doc("/files/o2.pdf", "รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567 (ต.ค. 66 - มี.ค. 67)")
    plan = doc("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566")
    result = verdicts(mini, [INDEX, contact, o2, plan])
    assert result["o1"] is Verdict.PARTIAL  # no map
    assert result["o2"] is Verdict.OK
    assert result["o3"] is Verdict.STALE
    assert result["o4"] is Verdict.MISSING
    broken = verdicts(
        mini,
        [INDEX, contact, plan],
        [PageFailure(url=BASE + "/files/o2.pdf", kind=FailureKind.NOT_FOUND, reason="404")],
    )
    assert broken["o2"] is Verdict.BROKEN


def test_stale_reason_names_both_years(mini: Checklist) -> None:
    plan = doc("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566")
    items, _ = judge_pages(mini, [INDEX, plan], [], 2567, AS_OF)
    o3 = next(i for i in items if i.id == "o3")
    assert "๒๕๖๖" in o3.reason_th and "๒๕๖๗" in o3.reason_th
    assert o3.fix_th


def test_passing_mention_is_not_the_item(mini: Checklist) -> None:
    news = page(
        "/news/1.html",
        "<title>ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต ประจำปี 2567</title><main><h1>ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต</h1>"
        "<p>วันที่ 1 มี.ค. 2567 ได้มีการประชุม</p></main>",
    )
    home = page("/", '<main><a href="/news/1.html">ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต</a></main>')
    items, _ = judge_pages(mini, [home, news], [], 2567, AS_OF)
    o3 = next(i for i in items if i.id == "o3")
    assert o3.status is Verdict.MISSING
    assert "ข่าว" in o3.reason_th


def test_monthly_series_with_gap_is_partial_naming_months(mini: Checklist) -> None:
    rows = "".join(
        f'<li><a href="/p/{n}.pdf">สรุปผลการจัดซื้อจัดจ้าง เดือน{m}</a></li>'
        for n, m in enumerate(["ตุลาคม 2566", "พฤศจิกายน 2566", "มกราคม 2567", "มีนาคม 2567"])
    )
    hub = page(
        "/procurement/",
        f"<title>สรุปผลการจัดซื้อจัดจ้าง</title><main><h1>สรุปผลการจัดซื้อจัดจ้างรายเดือน</h1><ul>{rows}</ul></main>",
    )
    docs = [doc(f"/p/{n}.pdf", "แบบ สขร.1") for n in range(4)]
    items, _ = judge_pages(mini, [hub, *docs], [], 2567, AS_OF)
    o4 = next(i for i in items if i.id == "o4")
    assert o4.status is Verdict.PARTIAL
    assert "ธ.ค. ๒๕๖๖" in o4.reason_th and "ก.พ. ๒๕๖๗" in o4.reason_th


def test_a_scan_nobody_could_read_is_never_ok(mini: Checklist) -> None:
    """Rule 1: a scan without a text layer that OCR did not read is at most partial, "check by hand"."""
    scanned = doc("/files/plan.pdf", "", scanned=True)
    index = page(
        "/ita/",
        '<table><tr><td>O3</td><td>แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ 2567</td><td><a href="/files/plan.pdf">pdf</a></td></tr></table>',
    )
    items, _ = judge_pages(mini, [index, scanned], [], 2567, AS_OF)
    o3 = next(i for i in items if i.id == "o3")
    assert o3.status is Verdict.PARTIAL
    assert "scan" in o3.reason_en and "by hand" in o3.reason_en
    assert o3.evidence[0].note_th  # says it is a scan


def test_a_scan_read_by_ocr_is_judged_on_its_text_but_dated_by_its_link(mini: Checklist) -> None:
    """Rule 12: OCR text counts for names and elements; its digits never date the item."""
    ocr_text = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2525"  # OCR misread ๒๕๖๗ as ๒๕๒๕
    scanned = doc("/files/plan.pdf", ocr_text, scanned=True).model_copy(update={"ocr": True})
    index = page(
        "/ita/",
        '<table><tr><td>O3</td><td>แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ 2567</td><td><a href="/files/plan.pdf">pdf</a></td></tr></table>',
    )
    items, _ = judge_pages(mini, [index, scanned], [], 2567, AS_OF)
    o3 = next(i for i in items if i.id == "o3")
    assert o3.status is Verdict.OK, o3.reason_en
    assert o3.evidence[0].read_by_ocr
    assert all(d.fiscal_year != 2525 for d in o3.evidence[0].dates_seen)


def test_accordion_label_governs_only_its_own_container(mini: Checklist) -> None:
    """`<p><strong>O2 ...</strong></p>` names the link in its panel, not the footer after it."""
    p = page(
        "/ita/",
        '<main><div class="panel"><p><strong>O2 รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน</strong></p>'
        '<div><a href="/r.pdf">ดาวน์โหลด</a></div></div></main>'
        '<div class="site-footer"><a href="https://policies.google.com/privacy">คลิก</a></div>',
    )
    phrases = PhraseIndex(mini)
    by_url = {link.url: link for link in p.links}
    assert link_items(phrases, by_url[BASE + "/r.pdf"])[:2] == (["o2"], "index")
    assert link_items(phrases, by_url["https://policies.google.com/privacy"])[1] is None


def test_a_named_anchor_is_not_taken_over_by_its_row(mini: Checklist) -> None:
    """The author link of a news post about the plan is not the plan."""
    p = page(
        "/news/",
        '<article><h2><a href="/n/1">ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต</a></h2>'
        '<div>18 เมษายน 2567 โดย <a href="/author/admin/">admin</a></div></article>',
    )
    admin = next(link for link in p.links if link.url.endswith("/author/admin/"))
    assert link_items(PhraseIndex(mini), admin)[1] is None


def test_short_generic_anchor_under_a_labelled_row_takes_the_label(mini: Checklist) -> None:
    p = page(
        "/ita/",
        "<div><p><strong>O3 แผนปฏิบัติการป้องกันการทุจริต</strong></p>"
        '<div><a href="/x.pdf">รายงานรอบ 6 เดือน 2567</a></div></div>',
    )
    items, via, _ = link_items(PhraseIndex(mini), p.links[0])
    assert via == "index" and items == ["o3"]


def test_evidence_written_inline_under_a_labelled_row(mini: Checklist) -> None:
    p = page(
        "/ita/",
        "<main><div><p><strong>O2 รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน</strong></p>"
        "<table><tr><td>ช่วงเวลา</td><td>ผล</td></tr><tr><td>ต.ค. 2566 - มี.ค. 2567</td><td>ดำเนินการแล้ว 12 โครงการ</td></tr></table>"
        "</div><div><p><strong>O3 แผนปฏิบัติการป้องกันการทุจริต</strong></p><p>อยู่ระหว่างดำเนินการ</p></div></main>",
    )
    mini_with_placeholder = mini.model_copy(update={"placeholder_markers": ("อยู่ระหว่างดำเนินการ",)})
    items, _ = judge_pages(mini_with_placeholder, [p], [], 2567, AS_OF)
    status = {i.id: i.status for i in items}
    assert status["o2"] is Verdict.OK
    assert status["o3"] is Verdict.MISSING  # a placeholder is not the item


def test_first_half_report_covering_only_the_first_quarter_is_partial(mini: Checklist) -> None:
    q1 = doc("/files/o2.pdf", "รายงานการกำกับติดตามการดำเนินงาน ไตรมาสที่ 1 (ต.ค. - ธ.ค. 2566) ปีงบประมาณ พ.ศ. 2567")
    items, _ = judge_pages(mini, [INDEX, q1], [], 2567, AS_OF)
    o2 = next(i for i in items if i.id == "o2")
    assert o2.status is Verdict.PARTIAL
    assert "ธ.ค. ๒๕๖๖" in o2.reason_th


def test_monthly_series_linked_one_file_per_month_is_judged_together(mini: Checklist) -> None:
    months = ["ตุลาคม 2566", "พฤศจิกายน 2566", "ธันวาคม 2566", "มกราคม 2567", "กุมภาพันธ์ 2567", "มีนาคม 2567"]
    rows = "".join(
        f'<tr><td>O4</td><td>สรุปผลการจัดซื้อจัดจ้าง เดือน{m}</td><td><a href="/p/{n}.pdf">pdf</a></td></tr>'
        for n, m in enumerate(months)
    )
    index = page("/ita/", f"<table>{rows}</table>")
    docs = [doc(f"/p/{n}.pdf", "แบบ สขร.1") for n in range(6)]
    items, _ = judge_pages(mini, [index, *docs], [], 2567, AS_OF)
    assert next(i for i in items if i.id == "o4").status is Verdict.OK


def test_a_hub_page_heading_does_not_date_the_documents_it_links(mini: Checklist) -> None:
    hub = page(
        "/plans/",
        "<title>แผนปฏิบัติการป้องกันการทุจริต</title><main><h1>แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ 2567</h1>"
        '<a href="/files/plan66.pdf">แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ 2566</a></main>',
    )
    plan = doc("/files/plan66.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566")
    items, _ = judge_pages(mini, [hub, plan], [], 2567, AS_OF)
    assert next(i for i in items if i.id == "o3").status is Verdict.STALE


def test_login_wall_behind_an_index_link_is_broken_even_if_found_elsewhere(mini: Checklist) -> None:
    elsewhere = doc("/other/o2.pdf", "รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567")
    failure = PageFailure(url=BASE + "/files/o2.pdf", kind=FailureKind.LOGIN_REQUIRED, reason="401")
    items, _ = judge_pages(mini, [INDEX, elsewhere], [failure], 2567, AS_OF)
    o2 = next(i for i in items if i.id == "o2")
    assert o2.status is Verdict.BROKEN
    assert "/other/o2.pdf" in o2.reason_th
