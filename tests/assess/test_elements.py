"""Required-element detectors, one kind at a time, on hand-built bundles: present, absent, unverified."""

from __future__ import annotations

from typing import Any

import pytest

from oit_check.assess.elements import Bundle, Presence, detect
from oit_check.checklist.schema import Detector, DetectorKind, Element
from oit_check.models import Form, Image, Link, LinkKind, PageContent, ResourceKind
from oit_check.thai.text import match_key

BASE = "http://agency.example.go.th"


def element(kind: DetectorKind, *, needs_text: bool = True, **detector: Any) -> Element:
    return Element(
        id=kind.value,
        label_th="องค์ประกอบ",
        label_en="element",
        needs_text=needs_text,
        detect=Detector(kind=kind, **detector),
    )


def html(path: str = "/page.html", text: str = "", **fields: Any) -> PageContent:
    return PageContent(url=BASE + path, kind=ResourceKind.HTML, text=text, **fields)


def pdf(path: str = "/files/doc.pdf", text: str = "", *, scanned: bool = False) -> PageContent:
    return PageContent(url=BASE + path, kind=ResourceKind.PDF, text=text, no_text_layer=scanned)


def link(url: str, text: str = "", context: str = "", kind: LinkKind = LinkKind.ANCHOR) -> Link:
    return Link(url=url, text=text, context=context, kind=kind, same_site=url.startswith(BASE))


SCANNED = pdf("/files/scan.pdf", scanned=True)


# -------------------------------------------------------------------------------- keywords


def test_keywords_whitespace_insensitive_in_target_docs_and_link() -> None:
    el = element(DetectorKind.KEYWORDS, phrases=("ช่องทางการร้องเรียน",))
    assert detect(el, Bundle(target=html(text="แจ้ง ช่องทาง การร้องเรียน ได้ที่นี่"))) is Presence.PRESENT
    assert detect(el, Bundle(target=html(text="หน้าแรก"), docs=[pdf(text="ช่องทางการร้องเรียน")])) is Presence.PRESENT
    via_link = Bundle(target=html(text="หน้าแรก"), link=link(BASE + "/x", "คลิก", "ช่องทางการร้องเรียน ทุจริต"))
    assert detect(el, via_link) is Presence.PRESENT
    in_title = Bundle(target=html(text="เนื้อหา", title="ช่องทางการร้องเรียน", headings=()))
    assert detect(el, in_title) is Presence.PRESENT


def test_keywords_absent_on_readable_text() -> None:
    el = element(DetectorKind.KEYWORDS, phrases=("ช่องทางการร้องเรียน",))
    assert detect(el, Bundle(target=html(text="ข่าวประชาสัมพันธ์ประจำเดือน"))) is Presence.ABSENT


def test_keywords_unverified_without_readable_text() -> None:
    el = element(DetectorKind.KEYWORDS, phrases=("ช่องทางการร้องเรียน",))
    assert detect(el, Bundle(target=SCANNED)) is Presence.UNVERIFIED
    off_site = Bundle(target=None, link=link("https://drive.google.com/file/d/1", "รายงาน"), external=True)
    assert detect(el, off_site) is Presence.UNVERIFIED
    # a readable page whose linked document is a scan: the element may be in the scan
    assert detect(el, Bundle(target=html(text="รายงานประจำปี"), docs=[SCANNED])) is Presence.UNVERIFIED


def test_keywords_needs_text_false_is_absent_on_an_empty_page_but_unverified_off_site() -> None:
    el = element(DetectorKind.KEYWORDS, needs_text=False, phrases=("ช่องทางการร้องเรียน",))
    assert detect(el, Bundle(target=html(text=""))) is Presence.ABSENT
    assert detect(el, Bundle(target=None, external=True)) is Presence.UNVERIFIED


def test_keywords_in_the_site_menu_do_not_count() -> None:
    el = element(DetectorKind.KEYWORDS, phrases=("ป้องกันการทุจริต",))
    target = html(text="หน้าแรก\nป้องกันการทุจริต\nข้อมูลการติดต่อ โทร 055-123-456")
    assert detect(el, Bundle(target=target)) is Presence.PRESENT
    chrome = frozenset({"หน้าแรก", "ป้องกันการทุจริต"})
    assert detect(el, Bundle(target=target, chrome_lines=chrome)) is Presence.ABSENT
    # a document's text is never menu: the same line in a PDF counts
    doc = pdf(text="หน้าแรก\nป้องกันการทุจริต")
    assert detect(el, Bundle(target=html(text="ดาวน์โหลด"), docs=[doc], chrome_lines=chrome)) is Presence.PRESENT


# ----------------------------------------------------------------------------------- regex


def test_regex_reads_thai_digits_and_ignores_case() -> None:
    phone = element(DetectorKind.REGEX, pattern=r"0\d{1,2}[-\s]?\d{3}[-\s]?\d{3,4}")
    assert detect(phone, Bundle(target=html(text="โทร ๐๕๕-๑๒๓-๔๕๖"))) is Presence.PRESENT
    assert detect(phone, Bundle(target=html(text="โทร สอบถามได้ในเวลาราชการ"))) is Presence.ABSENT
    assert detect(phone, Bundle(target=SCANNED)) is Presence.UNVERIFIED
    mail = element(DetectorKind.REGEX, pattern=r"e-?mail")
    assert detect(mail, Bundle(target=html(text="E-Mail: saraban@example.go.th"))) is Presence.PRESENT


# ------------------------------------------------------------------------------- link host


def test_link_host_matches_hosts_and_subdomains_only() -> None:
    el = element(DetectorKind.LINK_HOST, hosts=("facebook.com",))
    page = html(links=(link("https://m.facebook.com/agency", "Facebook"),))
    assert detect(el, Bundle(target=page)) is Presence.PRESENT
    fake = html(links=(link("https://facebook.com.evil.example/agency"), link("https://notfacebook.com/")))
    assert detect(el, Bundle(target=fake)) is Presence.ABSENT
    # off-site evidence: the link that led here is the element
    assert detect(el, Bundle(target=None, link=link("https://www.facebook.com/agency"), external=True)) is (
        Presence.PRESENT
    )


def test_link_host_with_a_path_prefix() -> None:
    el = element(DetectorKind.LINK_HOST, hosts=("youtube.com/channel",))
    assert detect(el, Bundle(target=html(links=(link("https://www.youtube.com/channel/UC1"),)))) is Presence.PRESENT
    assert detect(el, Bundle(target=html(links=(link("https://www.youtube.com/watch?v=1"),)))) is Presence.ABSENT


# ----------------------------------------------------------------------------------- embed


def test_embed_with_hosts() -> None:
    el = element(DetectorKind.EMBED, hosts=("google.com/maps",))
    embedded = html(links=(link("https://www.google.com/maps/embed?pb=1", kind=LinkKind.IFRAME),))
    assert detect(el, Bundle(target=embedded)) is Presence.PRESENT
    # the checklist's fix for a map says "embed it or link to it": a plain link to the map counts
    linked = html(links=(link("https://www.google.com/maps/place/x", "แผนที่"),))
    assert detect(el, Bundle(target=linked)) is Presence.PRESENT
    other = html(links=(link("https://www.google.com/search?q=x", kind=LinkKind.IFRAME),))
    assert detect(el, Bundle(target=other)) is Presence.ABSENT


def test_embed_without_hosts_needs_a_frame_or_embed() -> None:
    el = element(DetectorKind.EMBED)
    frame = html(links=(link("https://www.youtube.com/embed/1", kind=LinkKind.IFRAME),))
    assert detect(el, Bundle(target=frame)) is Presence.PRESENT
    obj = html(links=(link(BASE + "/files/plan.pdf", kind=LinkKind.EMBED),))
    assert detect(el, Bundle(target=obj)) is Presence.PRESENT
    anchors_only = html(links=(link("https://www.youtube.com/watch?v=1", "วิดีโอ"),))
    assert detect(el, Bundle(target=anchors_only)) is Presence.ABSENT


# ----------------------------------------------------------------------------------- image


def test_image_count_leaves_out_page_furniture() -> None:
    el = element(DetectorKind.IMAGE)
    furniture = html(
        images=(
            Image(src=BASE + "/img/logo.png"),
            Image(src=BASE + "/img/icon-home.svg"),
            Image(src=BASE + "/bg_top.jpg"),
        )
    )
    assert Bundle(target=furniture).images == []
    assert detect(el, Bundle(target=furniture)) is Presence.ABSENT
    content = html(images=(Image(src=BASE + "/uploads/org-chart.png"),))
    assert detect(el, Bundle(target=content)) is Presence.PRESENT
    two = element(DetectorKind.IMAGE, min_count=2)
    assert detect(two, Bundle(target=content)) is Presence.ABSENT


def test_image_phrases_filter_on_alt_context_or_file_name() -> None:
    el = element(DetectorKind.IMAGE, phrases=("โครงสร้าง",))
    by_alt = html(images=(Image(src=BASE + "/u/1.png", alt="แผนผัง โครงสร้างหน่วยงาน"),))
    by_context = html(images=(Image(src=BASE + "/u/1.png", context="โครงสร้างองค์กร"),))
    unrelated = html(images=(Image(src=BASE + "/u/1.png", alt="กิจกรรมวันเด็ก"),))
    assert detect(el, Bundle(target=by_alt)) is Presence.PRESENT
    assert detect(el, Bundle(target=by_context)) is Presence.PRESENT
    assert detect(el, Bundle(target=unrelated)) is Presence.ABSENT


def test_image_per_person() -> None:
    el = element(DetectorKind.IMAGE, per_pattern=r"(?:นางสาว|นาย|นาง)\S+")
    text = "ผู้บริหาร\nนายสมชาย ใจดี ผู้อำนวยการ\nนางสาวสมหญิง รักงาน รองผู้อำนวยการ\nนายสมชาย ใจดี (ซ้ำ)"
    one = html(text=text, images=(Image(src=BASE + "/u/p1.jpg"),))
    two = html(text=text, images=(Image(src=BASE + "/u/p1.jpg"), Image(src=BASE + "/u/p2.jpg")))
    assert detect(el, Bundle(target=one)) is Presence.ABSENT  # two people (one named twice), one photo
    assert detect(el, Bundle(target=two)) is Presence.PRESENT


def test_image_in_a_document_or_unverifiable() -> None:
    el = element(DetectorKind.IMAGE)
    chart_pdf = Bundle(target=html(text="โครงสร้าง"), docs=[pdf(text="")])
    assert detect(el, chart_pdf) is Presence.PRESENT  # an org chart published as a PDF
    image_file = PageContent(url=BASE + "/u/chart.jpg", kind=ResourceKind.IMAGE)
    assert detect(el, Bundle(target=html(), docs=[image_file])) is Presence.PRESENT
    assert detect(el, Bundle(target=pdf(text="โครงสร้าง"))) is Presence.UNVERIFIED  # images in PDFs are not read
    assert detect(el, Bundle(target=None, external=True)) is Presence.UNVERIFIED
    docx = PageContent(url=BASE + "/f/a.docx", kind=ResourceKind.DOCX, text="x")
    assert detect(el, Bundle(target=html(), docs=[docx])) is Presence.ABSENT


# ------------------------------------------------------------------------------------ form


def test_forms_where_a_visitor_can_write() -> None:
    el = element(DetectorKind.FORM)
    textarea = Form(field_names=("detail",), has_textarea=True)
    two_fields = Form(field_names=("name", "email"))
    assert detect(el, Bundle(target=html(forms=(textarea,)))) is Presence.PRESENT
    assert detect(el, Bundle(target=html(forms=(two_fields,)))) is Presence.PRESENT


def test_search_and_login_forms_are_not_channels() -> None:
    el = element(DetectorKind.FORM)
    search = Form(field_names=("q",))
    search_two = Form(field_names=("keyword", "searchword"))
    login = Form(field_names=("username", "password"), has_textarea=True)
    one_field = Form(field_names=("email",))
    for form in (search, search_two, login, one_field):
        assert detect(el, Bundle(target=html(forms=(form,)))) is Presence.ABSENT, form
    assert detect(el, Bundle(target=None, external=True)) is Presence.UNVERIFIED


def test_form_hosts_count_as_a_form() -> None:
    el = element(DetectorKind.FORM, hosts=("docs.google.com/forms", "forms.gle"))
    page = html(links=(link("https://forms.gle/abc", "แบบฟอร์มร้องเรียน"),))
    assert detect(el, Bundle(target=page)) is Presence.PRESENT
    sheet = html(links=(link("https://docs.google.com/spreadsheets/d/1"),))
    assert detect(el, Bundle(target=sheet)) is Presence.ABSENT


# ----------------------------------------------------------------------------------- table


def test_table() -> None:
    el = element(DetectorKind.TABLE)
    assert detect(el, Bundle(target=html(text="ข้อมูล", tables=1))) is Presence.PRESENT
    xlsx = PageContent(url=BASE + "/f/stat.xlsx", kind=ResourceKind.XLSX, text="a\tb")
    assert detect(el, Bundle(target=html(text="ดาวน์โหลด"), docs=[xlsx])) is Presence.PRESENT
    docx_table = PageContent(url=BASE + "/f/t.docx", kind=ResourceKind.DOCX, text="x", tables=2)
    assert detect(el, Bundle(target=html(text="ดาวน์โหลด"), docs=[docx_table])) is Presence.PRESENT
    assert detect(el, Bundle(target=html(text="ไม่มีตาราง"))) is Presence.ABSENT
    assert detect(el, Bundle(target=SCANNED)) is Presence.UNVERIFIED


def test_month_coverage_is_left_to_the_time_rule() -> None:
    el = element(DetectorKind.MONTH_COVERAGE)
    assert detect(el, Bundle(target=html(text=""))) is Presence.PRESENT


# ---------------------------------------------------------------------------------- bundle


def test_bundle_text_and_key() -> None:
    target = html(text="เนื้อหา ๒๕๖๗", title="หัวเรื่อง", headings=("หัวข้อ ๑",))
    doc = pdf(text="เอกสาร แนบ")
    via = link(BASE + "/page.html", "ลิงก์", "แถว ของ ตาราง")
    bundle = Bundle(target=target, docs=[doc], link=via)
    assert bundle.contents == [target, doc]
    assert bundle.readable
    assert "2567" in bundle.text and "๒๕๖๗" not in bundle.text
    for part in ("ลิงก์", "แถว ของ ตาราง", "หัวเรื่อง", "หัวข้อ 1", "เอกสาร แนบ"):
        assert part in bundle.text
    # the key of the whole is the concatenation of the keys of its parts
    assert bundle.key == match_key(bundle.text)
    assert bundle.links == [via]
    assert not Bundle(target=SCANNED).readable


@pytest.mark.parametrize(
    "kind", [DetectorKind.KEYWORDS, DetectorKind.REGEX, DetectorKind.IMAGE, DetectorKind.FORM, DetectorKind.TABLE]
)
def test_off_site_evidence_we_could_not_read_is_unverified(kind: DetectorKind) -> None:
    params: dict[str, Any] = {}
    if kind is DetectorKind.KEYWORDS:
        params["phrases"] = ("x",)
    if kind is DetectorKind.REGEX:
        params["pattern"] = "x"
    off_site = Bundle(target=None, link=link("https://sites.google.com/view/agency/contact", "ติดต่อเรา"), external=True)
    assert detect(element(kind, **params), off_site) is Presence.UNVERIFIED
