"""Evidence bundles and their dates on hand-built pages: which linked documents join an item's
bundle, and where each date was read (the place decides its weight in the time rule)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oit_check.assess.bundle import build_bundle, collect_dates
from oit_check.assess.elements import Bundle
from oit_check.assess.freshness import (
    BODY_SOURCES,
    METADATA_SOURCES,
    PAGE_SOURCES,
    STRONG_SOURCES,
    FreshnessStatus,
    evaluate,
)
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist, Item
from oit_check.models import DateSeen, FailureKind, Link, PageContent, PageFailure, ResourceKind
from oit_check.thai.dates import DateKind, DateMention
from oit_check.urls import url_key

MINI = Path(__file__).parents[1] / "data" / "mini-checklist.yaml"
BASE = "http://agency.example.go.th"


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return load_checklist(str(MINI))


@pytest.fixture
def phrases(mini: Checklist) -> PhraseIndex:
    return PhraseIndex(mini)


@pytest.fixture(scope="module")
def o2(mini: Checklist) -> Item:
    return mini.item("o2")


def a(path: str, text: str = "", context: str = "") -> Link:
    url = path if path.startswith("http") else BASE + path
    return Link(url=url, text=text, context=context, same_site=url.startswith(BASE))


def html(path: str, *links: Link, title: str = "", headings: tuple[str, ...] = (), text: str = "") -> PageContent:
    return PageContent(url=BASE + path, kind=ResourceKind.HTML, title=title, headings=headings, text=text, links=links)


def doc(path: str, text: str = "", kind: ResourceKind = ResourceKind.PDF, **fields: object) -> PageContent:
    return PageContent(url=BASE + path, kind=kind, text=text, **fields)  # type: ignore[arg-type]


def by_key(*pages: PageContent) -> dict[str, PageContent]:
    return {url_key(p.url): p for p in pages}


def urls(pages: list[PageContent]) -> list[str]:
    return [p.url.removeprefix(BASE) for p in pages]


# ---------------------------------------------------------------------------- build_bundle


def test_off_site_or_uncrawled_target_is_an_external_bundle(o2: Item, phrases: PhraseIndex) -> None:
    via = a("https://drive.google.com/file/d/1/view", "รายงานรอบ 6 เดือน")
    parts = build_bundle(o2, None, via, {}, {}, phrases)
    assert parts.bundle.external and parts.bundle.target is None and parts.bundle.link == via
    assert parts.bundle.docs == [] and parts.doc_links == []


def test_a_document_target_has_no_linked_documents(o2: Item, phrases: PhraseIndex) -> None:
    target = doc("/files/o2.pdf", "รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน")
    parts = build_bundle(o2, target, None, by_key(target), {}, phrases)
    assert parts.bundle.contents == [target] and not parts.bundle.external


def test_a_page_dedicated_to_the_item_takes_all_its_documents(o2: Item, phrases: PhraseIndex) -> None:
    pdf1 = doc("/files/r1.pdf", "ไตรมาส 1")
    proxy = doc("/download.php?id=7", "ไตรมาส 2")  # known as a PDF only from the crawl
    page = html(
        "/o2.html",
        a("/files/r1.pdf", "ไฟล์แนบ"),
        a("/download.php?id=7", "ฉบับเต็ม"),
        a("/files/missing.pdf", "ฉบับย่อ"),
        a("https://drive.google.com/file/d/1/view", "สำเนา"),
        a("/about.html", "เกี่ยวกับเรา"),  # an HTML page, not a document
        a("/news.html", "รายงานรอบ 6 เดือน"),  # names the item but is a page
        title="รายงานการกำกับติดตามการดำเนินงาน รอบ 6 เดือน",
    )
    about = html("/about.html", title="เกี่ยวกับเรา")
    failures = {
        url_key(BASE + "/files/missing.pdf"): PageFailure(
            url=BASE + "/files/missing.pdf", kind=FailureKind.NOT_FOUND, reason="404"
        )
    }
    parts = build_bundle(o2, page, None, by_key(page, pdf1, proxy, about), failures, phrases)
    assert urls(parts.bundle.docs) == ["/files/r1.pdf", "/download.php?id=7"]
    assert [link.url.removeprefix(BASE) for link in parts.doc_links] == [
        "/files/r1.pdf",
        "/download.php?id=7",
        "/files/missing.pdf",
        "https://drive.google.com/file/d/1/view",
    ]
    [(failed_link, failure)] = parts.failed_docs
    assert failed_link.text == "ฉบับย่อ" and failure.kind is FailureKind.NOT_FOUND


def test_a_heading_names_the_page_only_among_the_first_two(o2: Item, phrases: PhraseIndex) -> None:
    """Further headings are news titles on a home page: they do not make the page dedicated."""
    pdf1 = doc("/files/r1.pdf")
    link = a("/files/r1.pdf", "ไฟล์แนบ")
    dedicated = html("/x.html", link, title="หน่วยงาน", headings=("ข่าว", "รายงานการกำกับติดตามการดำเนินงาน"))
    assert urls(build_bundle(o2, dedicated, None, by_key(pdf1), {}, phrases).bundle.docs) == ["/files/r1.pdf"]
    mixed = html("/y.html", link, title="หน่วยงาน", headings=("ข่าว", "กิจกรรม", "รายงานการกำกับติดตามการดำเนินงาน"))
    assert build_bundle(o2, mixed, None, by_key(pdf1), {}, phrases).bundle.docs == []


def test_a_mixed_page_takes_only_the_documents_whose_link_names_the_item(o2: Item, phrases: PhraseIndex) -> None:
    docs = [doc(f"/files/{n}.pdf") for n in ("six", "row", "plan", "bare")]
    page = html(
        "/ita.html",
        a("/files/six.pdf", "รายงานผลการดำเนินงานรอบ 6 เดือน"),  # the anchor names o2
        a("/files/row.pdf", "ดาวน์โหลด", "O2 รายงานการกำกับติดตามการดำเนินงาน ดาวน์โหลด"),  # the row does
        a("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต"),  # another item
        a("/files/bare.pdf", "ดาวน์โหลด"),  # says nothing
        title="การเปิดเผยข้อมูลสาธารณะ",
    )
    parts = build_bundle(o2, page, None, by_key(page, *docs), {}, phrases)
    assert urls(parts.bundle.docs) == ["/files/six.pdf", "/files/row.pdf"]
    # the same page is o3's bundle for the plan
    o3 = phrases.checklist.item("o3")
    assert urls(build_bundle(o3, page, None, by_key(page, *docs), {}, phrases).bundle.docs) == ["/files/plan.pdf"]


def test_document_links_are_capped(o2: Item, phrases: PhraseIndex) -> None:
    links = [a(f"/files/{n}.pdf", f"ไฟล์ {n}") for n in range(45)]
    page = html("/o2.html", *links, title="รายงานรอบ 6 เดือน")
    parts = build_bundle(o2, page, None, {}, {}, phrases)
    assert len(parts.doc_links) == 40
    assert parts.doc_links[-1].url.endswith("/39.pdf")


def test_documents_are_found_under_their_url_key(o2: Item, phrases: PhraseIndex) -> None:
    """The page links http://www.…, the crawl stored https://…: one document."""
    stored = PageContent(url="https://agency.example.go.th/files/r1.pdf", kind=ResourceKind.PDF)
    page = html("/o2.html", a("http://www.agency.example.go.th/files/r1.pdf", "ไฟล์"), title="รอบ 6 เดือน")
    assert build_bundle(o2, page, None, by_key(stored), {}, phrases).bundle.docs == [stored]


# --------------------------------------------------------------------------- collect_dates


def where(seen: list[DateSeen]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in seen:
        out.setdefault(d.where, []).append(d.source)
    return out


def test_dates_of_a_lone_page_by_place() -> None:
    target = html(
        "/o3.html",
        title="แผนปฏิบัติการ ปีงบประมาณ พ.ศ. 2567",
        headings=("ฉบับ มีนาคม 2567",),
        text="ประกาศเมื่อ 1 มี.ค. 2567",
    )
    link = a("/o3.html", "แผน ตุลาคม 2566", "แถว พฤศจิกายน 2566")
    seen = collect_dates(Bundle(target=target, link=link))
    assert where(seen) == {
        "anchor": ["ตุลาคม 2566"],
        "context": ["พฤศจิกายน 2566"],
        "title": ["ปีงบประมาณ พ.ศ. 2567"],
        "heading": ["มีนาคม 2567"],
        "page": ["1 มี.ค. 2567"],
    }
    title_date = next(d for d in seen if d.where == "title")
    assert title_date.fiscal_year == 2567
    assert (title_date.start, title_date.end) == (date(2023, 10, 1), date(2024, 9, 30))


def test_a_hub_page_title_is_page_text_and_its_documents_carry_their_links_words() -> None:
    """A page that links documents says nothing about their years: its title is read as page text."""
    report = doc(
        "/files/r.pdf",
        "รายงาน ระหว่าง ต.ค. 66 - มี.ค. 67",
        title="รายงาน มกราคม 2567",
        file_name="รายงาน_กุมภาพันธ์_2567.pdf",
        doc_metadata_date=date(2024, 4, 2),
    )
    hub = html(
        "/o2.html",
        a("/files/r.pdf", "ฉบับ ธันวาคม 2566", "แถว พฤศจิกายน 2566"),
        title="ปีงบประมาณ พ.ศ. 2568",
        headings=("มิถุนายน 2568",),
    )
    seen = collect_dates(Bundle(target=hub, docs=[report]))
    assert where(seen) == {
        "page": ["ปีงบประมาณ พ.ศ. 2568", "มิถุนายน 2568"],
        "anchor": ["ธันวาคม 2566"],
        "context": ["พฤศจิกายน 2566"],
        "title": ["มกราคม 2567"],
        "file_name": ["กุมภาพันธ์ 2567"],
        "body": ["ต.ค. 66 - มี.ค. 67"],
        "metadata": ["2024-04-02"],
    }
    [meta] = [d for d in seen if d.where == "metadata"]
    assert meta.kind == "day" and meta.start == meta.end == date(2024, 4, 2)


def test_bare_years_count_in_labels_but_not_in_body_text() -> None:
    target = doc("/files/plan.pdf", "งบประมาณ 2567 บาท", title="แผนปฏิบัติการ 2567")
    seen = collect_dates(Bundle(target=target, link=a("/files/plan.pdf", "แผน ๒๕๖๖")))
    years = [(d.where, d.kind, d.start, d.end) for d in seen]
    assert ("title", "year", date(2024, 1, 1), date(2024, 12, 31)) in years
    assert ("anchor", "year", date(2023, 1, 1), date(2023, 12, 31)) in years
    assert not [d for d in seen if d.where == "body"]  # "2567" in a body may be an amount
    assert [d.source for d in seen if d.where == "anchor"] == ["๒๕๖๖"]  # the source keeps the digits as written


@pytest.mark.parametrize("label", ["แผน 2,567 บาท", "เลขที่ 25670", "ยอด 2567.50"])
def test_numbers_that_are_not_bare_years(label: str) -> None:
    seen = collect_dates(Bundle(target=html("/x.html", title=label)))
    assert [d for d in seen if d.kind == "year"] == []


def test_a_year_inside_a_date_mention_is_not_read_twice() -> None:
    seen = collect_dates(Bundle(target=html("/x.html", title="ปีงบประมาณ พ.ศ. 2567")))
    assert [(d.where, d.kind) for d in seen] == [("title", "fiscal_year")]


def test_only_the_first_six_headings_and_bounded_text_are_read() -> None:
    headings = tuple(f"หัวข้อ {m} 2567" for m in ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม"))
    page_text = "ก" * 8_000 + " 1 มี.ค. 2567"
    body_text = "ก" * 20_000 + " 1 มี.ค. 2567"
    seen = collect_dates(Bundle(target=html("/x.html", headings=headings, text=page_text)))
    assert len([d for d in seen if d.where == "heading"]) == 6
    assert not [d for d in seen if d.where == "page"]
    assert not [d for d in collect_dates(Bundle(target=doc("/f.pdf", body_text))) if d.where == "body"]
    assert [d.where for d in collect_dates(Bundle(target=doc("/f.pdf", body_text[-5000:])))] == ["body"]


def test_dates_are_read_once_per_text_and_place() -> None:
    calls: list[str] = []

    def finder(text: str) -> list[DateMention]:
        calls.append(text)
        return [DateMention(DateKind.DAY, date(2024, 3, 1), date(2024, 3, 1), "x", (0, 1))] if "x" in text else []

    cache: dict[tuple[str, str], list[DateSeen]] = {}
    one = Bundle(target=html("/a.html", title="x", text="x"))
    two = Bundle(target=html("/b.html", title="x", text="x"))
    first = collect_dates(one, finder, cache)
    assert sorted(d.where for d in first) == ["page", "title"]
    assert collect_dates(two, finder, cache) == first
    assert calls == ["x", "x"]  # "x" as a title, "x" as page text; the second bundle used the cache


def test_places_fall_into_the_time_rule_tiers() -> None:
    """Anchor, row, title and headings are strong; document bodies and file names next; page text
    after that; metadata last (freshness.TIERS)."""
    report = doc(
        "/files/r.pdf", "มีนาคม 2567", title="มีนาคม 2567", file_name="มีนาคม_2567.pdf", doc_metadata_date=date(2024, 3, 1)
    )
    hub = html("/o2.html", a("/files/r.pdf", "มีนาคม 2567", "มีนาคม 2567"), text="มีนาคม 2567")
    lone = html("/o1.html", title="มีนาคม 2567", headings=("มีนาคม 2567",))
    places = {d.where for d in collect_dates(Bundle(target=hub, docs=[report]))}
    places |= {d.where for d in collect_dates(Bundle(target=lone))}
    assert places == {"anchor", "context", "title", "heading", "file_name", "body", "page", "metadata"}
    assert {p for p in places if p in STRONG_SOURCES} == {"anchor", "context", "title", "heading"}
    assert {p for p in places if p in BODY_SOURCES} == {"file_name", "body"}
    assert {p for p in places if p in PAGE_SOURCES} == {"page"}
    assert {p for p in places if p in METADATA_SOURCES} == {"metadata"}


def test_a_strong_date_outweighs_the_body(mini: Checklist) -> None:
    """The year in the link that names a document decides, whatever the document's body says."""
    rule = mini.item("o3").time_rule  # current fiscal year
    body_old = doc("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566")
    current_link = a("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2567")
    fresh = evaluate(rule, collect_dates(Bundle(target=body_old, link=current_link)), 2567, date(2024, 4, 30))
    assert fresh.status is FreshnessStatus.OK
    assert fresh.deciding is not None and fresh.deciding.where == "anchor"

    body_new = doc("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2567")
    old_link = a("/files/plan.pdf", "แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2566")
    fresh = evaluate(rule, collect_dates(Bundle(target=body_new, link=old_link)), 2567, date(2024, 4, 30))
    assert fresh.status is FreshnessStatus.STALE
    assert fresh.deciding is not None and fresh.deciding.where == "anchor"
    # with no strong date, the body decides
    fresh = evaluate(rule, collect_dates(Bundle(target=body_new)), 2567, date(2024, 4, 30))
    assert fresh.status is FreshnessStatus.OK and fresh.deciding is not None and fresh.deciding.where == "body"
