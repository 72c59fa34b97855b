"""The ITA index row decides: an item whose row links nowhere, links a dead page or links the wrong
page is not ``ok`` because a copy was found elsewhere; pages only sitemap.xml leads to are not
published; a plan page's links to other items' documents, and news of a meeting about the plan,
are not the plan."""

from __future__ import annotations

from datetime import date

import pytest

from oit_check.assess import assess_pages
from oit_check.assess.site import index_site, unlinked_pages
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist
from oit_check.extract.html import extract_html_text
from oit_check.models import FailureKind, ItemResult, PageContent, PageFailure, ResourceKind, Verdict

BASE = "https://www.example.go.th"
AS_OF = date(2024, 4, 30)

ROWS = [
    ("O1", "โครงสร้างหน่วยงาน", "/about/structure.html"),
    ("O2", "ข้อมูลผู้บริหาร", "/about/executives.html"),
    ("O3", "อำนาจหน้าที่", "/about/duties.html"),
    ("O5", "ข้อมูลการติดต่อ", "/contact.html"),
    ("O6", "กฎหมายที่เกี่ยวข้อง", "/laws.html"),
]


@pytest.fixture(scope="module")
def ita() -> Checklist:
    return load_checklist("ita-2566")


def page(path: str, body: str, title: str = "หน้า", found_on: str | None = BASE + "/", depth: int = 1) -> PageContent:
    html = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><main>{body}</main></body></html>"
    content = extract_html_text(html, url=BASE + path, is_same_site=lambda u: u.startswith(BASE))
    return content.model_copy(update={"found_on": found_on, "depth": depth})


EXECUTIVES = page(
    "/people/boss.html",
    "<h1>ข้อมูลผู้บริหาร</h1><p>นายสมชาย ใจดี นายกเทศมนตรี โทร 0 4321 0000 อีเมล mayor@example.go.th</p>"
    "<img src='/img/mayor.jpg' alt='นายสมชาย ใจดี นายกเทศมนตรี'>"
    "<p>นางสาวสมหญิง รักงาน ปลัดเทศบาล โทร 0 4321 0001</p><img src='/img/clerk.jpg' alt='ปลัดเทศบาล'>",
    title="ข้อมูลผู้บริหาร",
)


def index(o2_href: str, other_href: str | None = None) -> PageContent:
    """The ITA page; ``other_href`` replaces every other row's link (a template index when "#")."""
    rows = "".join(
        f"<tr><td>{code}</td><td>{name}</td>"
        f"<td><a href='{o2_href if code == 'O2' else (other_href or path)}'>{name}</a></td></tr>"
        for code, name, path in ROWS
    )
    return page("/ita/", f"<h1>การเปิดเผยข้อมูลสาธารณะ ITA 2567</h1><table>{rows}</table>", title="ITA 2567")


def judge(
    checklist: Checklist, pages: list[PageContent], failures: list[PageFailure] | None = None
) -> dict[str, ItemResult]:
    items, _ = assess_pages(checklist, pages, failures or [], 2567, AS_OF)
    return {item.id: item for item in items}


def menu() -> PageContent:
    return page("/", "<nav><a href='/ita/'>ITA</a> <a href='/people/boss.html'>ผู้บริหาร</a></nav>", "หน้าแรก", None, 0)


def test_a_row_that_links_nowhere_on_a_live_index_caps_the_copy_found_elsewhere(ita: Checklist) -> None:
    """The other rows work, so the assessor follows the index: the item's row links nowhere and the
    copy the menus lead to is at most partial, named so the fix is one link."""
    results = judge(ita, [menu(), index("#"), EXECUTIVES])
    assert results["o2"].status is Verdict.PARTIAL, results["o2"].reason_en
    assert "/people/boss.html" in results["o2"].reason_en
    assert "links nowhere" in results["o2"].reason_en


def test_a_template_index_whose_rows_all_link_nowhere_leaves_the_item_to_the_menus(ita: Checklist) -> None:
    """An index that links nowhere for most rows is an unfinished template, not the agency's answer:
    the row adds nothing (never evidence), and what the menus lead to still counts."""
    results = judge(ita, [menu(), index("#", other_href="#"), EXECUTIVES])
    assert results["o2"].status is Verdict.OK, results["o2"].reason_en
    assert "/people/boss.html" in results["o2"].evidence[0].url


def test_a_dead_row_link_is_broken_and_names_where_the_item_is(ita: Checklist) -> None:
    dead = PageFailure(url=BASE + "/old/executives.html", kind=FailureKind.NOT_FOUND, reason="404", status=404)
    results = judge(ita, [menu(), index("/old/executives.html"), EXECUTIVES], [dead])
    assert results["o2"].status is Verdict.BROKEN
    assert "/people/boss.html" in results["o2"].reason_en


def test_a_row_linking_the_wrong_page_caps_the_copy_found_elsewhere(ita: Checklist) -> None:
    wrong = page("/news/veg.html", "<h1>ผักพื้นบ้านกับอาหารไทย</h1><p>" + "ผักกูด ผักหวาน ใบชะพลู " * 30 + "</p>", "ผักพื้นบ้าน")
    results = judge(ita, [menu(), index("/news/veg.html"), wrong, EXECUTIVES])
    assert results["o2"].status is not Verdict.OK


def test_the_row_linking_the_item_still_makes_it_ok(ita: Checklist) -> None:
    """The control: the same pages with the row linked properly."""
    results = judge(ita, [menu(), index("/people/boss.html"), EXECUTIVES])
    assert results["o2"].status is Verdict.OK, results["o2"].reason_en


def test_a_page_only_sitemap_xml_leads_to_is_not_published(ita: Checklist) -> None:
    home = page("/", "<p>ยินดีต้อนรับ</p>", "หน้าแรก", None, 0)
    orphan = EXECUTIVES.model_copy(update={"found_on": None, "depth": 2})
    assert len(unlinked_pages([home, orphan], {})) >= 1
    assert not unlinked_pages([home], {})  # the start page is never unlinked
    site = index_site([home, orphan], [], complete=True)
    assert site.unlinked and not index_site([home, orphan], [], complete=False).unlinked
    linked_home = page("/", "<a href='/people/boss.html'>ผู้บริหาร</a>", "หน้าแรก", None, 0)
    assert not index_site([linked_home, orphan], [], complete=True).unlinked  # a link anywhere counts
    placeholder_home = page("/", "<a href='#'>ผู้บริหาร</a>", "หน้าแรก", None, 0)
    assert index_site([placeholder_home, orphan], [], complete=True).unlinked  # a link to nowhere does not


def test_a_plan_page_bundles_only_its_own_documents(ita: Checklist) -> None:
    """A page about the development plan that links the plan and other items' reports: the plan is
    judged on the plan's document, and a vegetable text behind the plan's link is not the plan."""
    hub = page(
        "/plan/devplan.html",
        "<h1>แผนพัฒนาท้องถิ่น</h1>"
        "<a href='/files/devplan-2566-2570.pdf'>แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)</a><br>"
        "<a href='/files/report-6m-2567.pdf'>รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน 2567</a><br>"
        "<a href='/files/meeting-2567.pdf'>รายงานการประชุมประชาคมเพื่อทบทวนแผนพัฒนาท้องถิ่น 2567</a>",
        "แผนพัฒนาท้องถิ่น",
    )
    veg = PageContent(
        url=BASE + "/files/devplan-2566-2570.pdf",
        kind=ResourceKind.PDF,
        text="ผักพื้นบ้านกับอาหารไทย\n" + "ผักกูด ผักหวาน ใบชะพลู และดอกแค\n" * 20,
        title="ผักพื้นบ้านกับอาหารไทย",
        file_name="devplan-2566-2570.pdf",
        found_on=hub.url,
        depth=2,
    )
    report = PageContent(
        url=BASE + "/files/report-6m-2567.pdf",
        kind=ResourceKind.PDF,
        text="รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2567\nยุทธศาสตร์ที่ 1 ตัวชี้วัด",
        title="รายงานการกำกับติดตามการดำเนินงานประจำปี รอบ 6 เดือน",
        found_on=hub.url,
        depth=2,
    )
    meeting = PageContent(
        url=BASE + "/files/meeting-2567.pdf",
        kind=ResourceKind.PDF,
        text="รายงานการประชุมประชาคมเพื่อทบทวนแผนพัฒนาท้องถิ่น พ.ศ. 2566-2570\nยุทธศาสตร์ เป้าประสงค์ ตัวชี้วัด",
        title="รายงานการประชุมประชาคมเพื่อทบทวนแผนพัฒนาท้องถิ่น",
        found_on=hub.url,
        depth=2,
    )
    home = page("/", "<a href='/plan/devplan.html'>แผนพัฒนาท้องถิ่น</a>", "หน้าแรก", None, 0)
    results = judge(ita, [home, hub, veg, report, meeting])
    assert results["o4"].status is not Verdict.OK, results["o4"].reason_en


def test_a_page_listing_the_item_by_title_only_is_not_the_item(ita: Checklist) -> None:
    """A "documents" hub whose entry for the manual links "#": a list of titles, not the manual."""
    hub = page(
        "/docs.html",
        "<h1>เอกสารเผยแพร่</h1><ul><li><a href='#'>คู่มือหรือมาตรฐานการให้บริการ</a></li>"
        "<li><a href='#'>คู่มือสำหรับประชาชน</a></li></ul>",
        "เอกสารเผยแพร่",
    )
    home = page("/", "<nav><a href='/docs.html'>เอกสาร</a></nav>", "หน้าแรก", None, 0)
    results = judge(ita, [home, hub])
    assert results["o15"].status is not Verdict.OK, results["o15"].reason_en


def test_the_sites_banner_is_not_the_executives_photo(ita: Checklist) -> None:
    """An image on every page is the template: the executives page still lacks a photo."""
    banner = "<img src='/img/banner.jpg' alt='นายสมชาย ใจดี นายกเทศมนตรี'>"
    body = "<h1>ข้อมูลผู้บริหาร</h1><p>นายสมชาย ใจดี นายกเทศมนตรี โทร 0 4321 0000 อีเมล mayor@example.go.th</p>"
    others = [page(f"/news/{n}.html", banner + f"<p>ข่าวกิจกรรม {n}</p>", f"ข่าว {n}") for n in range(4)]
    home = page("/", banner + "<nav><a href='/people/boss.html'>ผู้บริหาร</a></nav>", "หน้าแรก", None, 0)
    boss = page("/people/boss.html", banner + body, "ข้อมูลผู้บริหาร")
    without_photo = judge(ita, [home, boss, *others])["o2"]
    assert without_photo.status is not Verdict.OK, without_photo.reason_en
    photo = "<img src='/img/mayor.jpg' alt='นายสมชาย ใจดี นายกเทศมนตรี'>"
    with_photo = page("/people/boss.html", banner + body + photo, "ข้อมูลผู้บริหาร")
    assert judge(ita, [home, with_photo, *others])["o2"].status is Verdict.OK  # the control
