"""Each verdict rule of issue 10 on hand-built input, against the real ITA 2566 checklist (the rules
live in its data: description and credit markers, identity hosts, element patterns)."""

from __future__ import annotations

from datetime import date

import pytest

from oit_check.assess import assess_pages, match_site, scan_warnings
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist
from oit_check.extract.html import extract_html_text
from oit_check.models import ItemResult, PageContent, ResourceKind, Verdict

BASE = "https://www.example.go.th"
AS_OF = date(2024, 4, 30)


@pytest.fixture(scope="module")
def ita() -> Checklist:
    return load_checklist("ita-2566")


def page(path: str, body: str, title: str = "หน้า") -> PageContent:
    html = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><main>{body}</main></body></html>"
    return extract_html_text(html, url=BASE + path, is_same_site=lambda u: u.startswith(BASE))


def pdf(path: str, text: str) -> PageContent:
    return PageContent(
        url=BASE + path,
        kind=ResourceKind.PDF,
        text=text,
        title=text.split("\n", 1)[0],
        file_name=path.rsplit("/", 1)[-1],
    )


def judge(checklist: Checklist, pages: list[PageContent]) -> dict[str, ItemResult]:
    items, _ = assess_pages(checklist, pages, [], 2567, AS_OF)
    return {item.id: item for item in items}


ROWS = [
    ("O1", "โครงสร้าง"),
    ("O2", "ข้อมูลผู้บริหาร"),
    ("O3", "อำนาจหน้าที่"),
    ("O5", "ข้อมูลการติดต่อ"),
    ("O9", "Social Network"),
    ("O11", "แผนดำเนินงานและการใช้งบประมาณประจำปี"),
]


def test_rows_that_link_nowhere_are_never_evidence(ita: Checklist) -> None:
    """Rule 2: href="#", javascript:, empty and onclick-only links: the row links nowhere."""
    links = ['href="#"', 'href="javascript:void(0)"', 'href=""', 'onclick="openDoc(3)"', 'href="#top"', 'href="#"']
    rows = "".join(
        f"<tr><td>{code}</td><td>{name} ปีงบประมาณ พ.ศ. 2567 ประกอบด้วยข้อมูลของหน่วยงาน</td><td><a {attr}>ดาวน์โหลด</a></td></tr>"
        for (code, name), attr in zip(ROWS, links, strict=True)
    )
    index = page("/ita/", f"<h1>การเปิดเผยข้อมูลสาธารณะ ITA 2567</h1><table>{rows}</table>")
    results = judge(ita, [index])
    for code, _ in ROWS:
        item = results[code.lower()]
        assert item.status is Verdict.MISSING, (code, item.reason_en)
        assert "links nowhere" in item.reason_en
    matches = match_site(ita, [index], PhraseIndex(ita))
    assert next(w.code for w in scan_warnings(list(results.values()), matches)) == "index_links_nowhere"


CRITERION = (
    "<h1>O35 การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ</h1><h3>องค์ประกอบด้านข้อมูล</h3>"
    "<p>แสดงการดำเนินการตามมาตรการหรือการดำเนินการเพื่อบริหารจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ ในปี พ.ศ. 2567</p>"
)


def test_the_criterion_text_is_not_the_disclosure(ita: Checklist) -> None:
    """Rule 3: a page that only copies the criterion (with its year) is not the item, and not dated by it."""
    item = judge(ita, [page("/ita/o35", CRITERION, "O35")])["o35"]
    assert item.status is Verdict.MISSING
    assert "only describes" in item.reason_en


def test_the_criterion_text_above_real_content_does_not_hide_it(ita: Checklist) -> None:
    body = CRITERION + (
        "<h2>ผลการดำเนินการจัดการความเสี่ยง ปีงบประมาณ พ.ศ. 2567</h2>"
        "<p>ความเสี่ยงที่ 1 การรับสินบนในการออกใบอนุญาต มาตรการควบคุม: แยกผู้ตรวจกับผู้อนุมัติ ดำเนินการแล้ว 2 ครั้ง"
        " ผลการดำเนินการ ไม่พบเหตุการณ์ความเสี่ยง รายงานผู้บริหารเมื่อวันที่ 15 มีนาคม 2567</p>"
    )
    item = judge(ita, [page("/ita/o35", body, "O35")])["o35"]
    assert item.status is not Verdict.MISSING, item.reason_en


def test_a_template_vendors_facebook_page_is_not_the_agencys(ita: Checklist) -> None:
    """Rule 5: links in a "Designed by" credit, and other links to the same account, are the vendor's."""
    footer = (
        '<ul><li><a href="https://www.facebook.com/webstudio.th">f</a></li>'
        '<li><a href="https://line.me/R/ti/p/@webstudio">line</a></li></ul>'
        '<p>Designed by <a href="https://www.facebook.com/webstudio.th">เว็บสตูดิโอ</a> รับทำเว็บไซต์ อปท.</p>'
    )
    home = page("/", f"<h1>เทศบาลตำบลตัวอย่าง</h1><p>ยินดีต้อนรับ</p>{footer}")
    assert judge(ita, [home])["o9"].status is Verdict.MISSING
    own = page(
        "/",
        f'<h1>เทศบาลตำบลตัวอย่าง</h1><p><a href="https://www.facebook.com/tessaban.example">Facebook เทศบาลตำบลตัวอย่าง</a></p>{footer}',
    )
    assert judge(ita, [own])["o9"].status is Verdict.OK


def test_text_that_is_not_text_is_checked_by_hand(ita: Checklist) -> None:
    """Rule 6: pdf2htmlEX glyphs (Private Use Area) are "cannot be read", never silently empty or ok."""
    glyphs = "".join(chr(0xE000 + (i % 300)) for i in range(400))
    plan = page("/ita/o11.html", f"<h1>O11 แผนดำเนินงานและการใช้งบประมาณประจำปี 2567</h1><p>{glyphs}</p>", "O11")
    assert plan.unreadable_text
    item = judge(ita, [plan])["o11"]
    assert item.status is Verdict.PARTIAL
    assert "not machine-readable" in item.reason_en


def test_an_org_chart_pasted_as_a_data_uri_is_an_image(ita: Checklist) -> None:
    """Rule 6: ``data:`` URI images count (an org chart is often one); tiny ones are icons."""
    chart = "data:image/png;base64," + "iVBORw0KGgo" * 400
    body = (
        f"<h1>โครงสร้างองค์กร</h1><img src='{chart}' alt='แผนภูมิโครงสร้าง'><img src='data:image/gif;base64,R0lGOD'>"
        "<p>ฝ่ายการเมือง นายกเทศมนตรี รองนายกเทศมนตรี ฝ่ายประจำ ปลัดเทศบาล สำนักปลัด กองคลัง กองช่าง</p>"
    )
    structure = page("/structure.html", body, "โครงสร้างองค์กร")
    assert len(structure.images) == 1 and structure.images[0].src.startswith("data:image/png;bytes=")
    assert judge(ita, [structure])["o1"].status is Verdict.OK


def test_one_page_several_items_each_on_its_own_section(ita: Checklist) -> None:
    """Rule 7: an "about us" page with headed sections (bilingual headings too)."""
    body = (
        "<h1>เกี่ยวกับเรา</h1>"
        "<h2>อำนาจหน้าที่ (Authority and Duties)</h2><p>ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 มาตรา 67"
        " มีหน้าที่ จัดให้มีและบำรุงรักษาทางน้ำและทางบก รักษาความสะอาดของถนน ป้องกันโรคและระงับโรคติดต่อ</p>"
        "<h2>ติดต่อเรา (Contact Us)</h2><p>ที่อยู่ เลขที่ 199 หมู่ที่ 6 ตำบลหนองทอง อำเภอเมือง จังหวัดตัวอย่าง 45260"
        " โทรศัพท์ 0 4350 2299 อีเมล saraban@example.go.th</p>"
        "<iframe src='https://www.google.com/maps/embed?pb=1' title='แผนที่'></iframe>"
    )
    results = judge(ita, [page("/about/", body, "เกี่ยวกับเรา")])
    assert results["o3"].status is Verdict.OK, results["o3"].reason_en
    assert results["o5"].status is Verdict.OK, results["o5"].reason_en


def test_a_status_word_is_not_progress(ita: Checklist) -> None:
    """Rule 9: a six-month report needs figures and money spent, read across PDF line breaks."""
    index = page(
        "/ita/",
        "<table><tr><td>O12</td><td>รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปี รอบ 6 เดือน</td>"
        '<td><a href="/o12.pdf">ดาวน์โหลด</a></td></tr></table>',
    )
    thin = "รายงานผลการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567\nโครงการ ก งบประมาณ 50,000 บาท อยู่ระหว่างดำเนินการ\nโครงการ ข งบประมาณ 20,000 บาท ดำเนินการแล้ว"
    assert judge(ita, [index, pdf("/o12.pdf", thin)])["o12"].status is Verdict.PARTIAL
    full = (
        "รายงานผลการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2567 (ต.ค. 2566 - มี.ค. 2567)\nโครงการ งบประมาณ เบิกจ่าย\nแล้ว (บาท) ร้อยละ\n"
        "โครงการ ก 50,000 24,500 49.00 ดำเนิน\nการแล้ว 2 กิจกรรม"
    )
    assert judge(ita, [index, pdf("/o12.pdf", full)])["o12"].status is Verdict.OK


def test_an_unsigned_declaration_is_not_signed(ita: Checklist) -> None:
    index = page(
        "/ita/",
        "<table><tr><td>O31</td><td>ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่</td>"
        '<td><a href="/o31.pdf">ดาวน์โหลด</a></td></tr></table>',
    )
    text = "ประกาศเทศบาลตำบลตัวอย่าง เรื่อง เจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy) ประจำปีงบประมาณ พ.ศ. 2567\nข้าพเจ้าและเจ้าหน้าที่ทุกคนจะไม่รับของขวัญ ของกำนัล\nประกาศ ณ วันที่ 2 ตุลาคม 2566\n"
    unsigned = text + "(..............................)\nนายกเทศมนตรีตำบลตัวอย่าง"
    signed = text + "(นายสมชาย ใจดี)\nนายกเทศมนตรีตำบลตัวอย่าง"
    assert judge(ita, [index, pdf("/o31.pdf", unsigned)])["o31"].status is Verdict.PARTIAL
    assert judge(ita, [index, pdf("/o31.pdf", signed)])["o31"].status is Verdict.OK


def test_a_code_alone_never_attributes_a_link(ita: Checklist) -> None:
    """Rule 4: "O20" next to a link says nothing when neither row, anchor nor target names O20."""
    index = page("/ita/", '<table><tr><td>O20</td><td><a href="/files/a.pdf">ดาวน์โหลด</a></td></tr></table>')
    unrelated = pdf("/files/a.pdf", "ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานจ้าง ประจำปี 2567")
    assert judge(ita, [index, unrelated])["o20"].status is Verdict.MISSING


def test_off_site_evidence_that_cannot_be_opened_is_at_most_partial(ita: Checklist) -> None:
    """Rule 1: a Drive file that could not be opened is "open it and check", never ok and not broken."""
    from oit_check.models import FailureKind, PageFailure

    drive = "https://drive.google.com/file/d/1AbC/view"
    index = page(
        "/ita/",
        f'<table><tr><td>O14</td><td>คู่มือหรือมาตรฐานการปฏิบัติงาน</td><td><a href="{drive}">ดาวน์โหลด</a></td></tr></table>',
    )
    failure = PageFailure(url=drive, kind=FailureKind.CONNECT, reason="could not connect")
    items, _ = assess_pages(ita, [index], [failure], 2567, AS_OF)
    o14 = next(i for i in items if i.id == "o14")
    assert o14.status is Verdict.PARTIAL
    assert "could not be opened" in o14.reason_en


def test_links_that_change_state_are_never_requested() -> None:
    """Rule 11: logout, delete, edit, admin and ?action= links are skipped; login links are login walls."""
    from oit_check.config import CrawlConfig
    from oit_check.crawl.recorder import Recorder
    from oit_check.crawl.scheduler import Scheduler
    from oit_check.models import FailureKind

    scheduler = Scheduler(CrawlConfig(), Recorder(10, None))
    unsafe = [
        "https://x.go.th/wp-admin/post.php?post=5",
        "https://x.go.th/wp-login.php?action=logout&_wpnonce=1",
        "https://x.go.th/index.php?action=delete&id=3",
        "https://x.go.th/news/Edit_News.aspx?id=4",
        "https://x.go.th/webboard/delete_post.php?id=9",
        "https://x.go.th/member/logout",
        "https://x.go.th/administrator/",
    ]
    for url in unsafe:
        found = scheduler.unsafe(url)
        assert found is not None and found[0] is FailureKind.UNSAFE, url
    assert scheduler.unsafe("https://x.go.th/login.php?next=/eservice")[0] is FailureKind.LOGIN_REQUIRED  # type: ignore[index]
    for url in (
        "https://x.go.th/news/2567/",
        "https://x.go.th/download.php?action=view&id=1",
        "https://x.go.th/authority/",
    ):
        assert scheduler.unsafe(url) is None, url


def test_names_as_people_write_them(ita: Checklist) -> None:
    """Rule 8: the official name with a word added ("และปราบปราม") still names the row's item."""
    from oit_check.assess.match import link_items
    from oit_check.models import Link

    phrases = PhraseIndex(ita)
    row = "O36 แผนปฏิบัติการป้องกันและปราบปรามการทุจริต ประจำปีงบประมาณ 2567"
    link = Link(url=BASE + "/files/plan.pdf", text="ดาวน์โหลด", context=row, same_site=True)
    items, via, _ = link_items(phrases, link)
    assert items == ["o36"] and via == "index"
    other = Link(url=BASE + "/files/x.pdf", text="ดาวน์โหลด", context="O36 ประกาศรับสมัครพนักงานจ้าง", same_site=True)
    assert link_items(phrases, other)[1] != "index"
