"""extract_html on small hand-written pages: links with row context and section labels, headings,
title, visible text, charsets (declared and sniffed windows-874), frames and embeds, images, forms."""

from __future__ import annotations

from oit_check.extract.html import extract_html, extract_html_text
from oit_check.models import FetchedResource, Link, LinkKind, PageContent, ResourceKind
from oit_check.thai.text import match_key

BASE = "http://agency.example.go.th"
THAI = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"


def same_site(url: str) -> bool:
    return url.startswith(BASE)


def extract(body: str, path: str = "/ita/") -> PageContent:
    return extract_html_text(body, url=BASE + path, is_same_site=same_site)


def links_by_path(page: PageContent, kind: LinkKind | None = None) -> dict[str, Link]:
    return {link.url.removeprefix(BASE): link for link in page.links if kind is None or link.kind is kind}


def resource(body: bytes, content_type: str = "text/html") -> FetchedResource:
    return FetchedResource(
        url=BASE + "/p.html",
        requested_url=BASE + "/p.html",
        status=200,
        content_type=content_type,
        kind=ResourceKind.HTML,
        body=body,
    )


# ------------------------------------------------------------------------------------ links


def test_a_table_row_is_the_context_of_its_bare_link() -> None:
    page = extract(
        "<table><tr><td>O1</td><td>ข้อมูลการติดต่อ</td><td><a href='/contact.html'>คลิก</a></td></tr>"
        "<tr><td>O2</td><td>รายงานรอบ 6 เดือน</td><td><a href='files/o2.pdf'>ดาวน์โหลด</a></td></tr></table>"
    )
    links = links_by_path(page)
    assert set(links) == {"/contact.html", "/ita/files/o2.pdf"}  # relative to the page
    contact = links["/contact.html"]
    assert contact.text == "คลิก" and contact.context == "O1 ข้อมูลการติดต่อ คลิก"
    assert contact.kind is LinkKind.ANCHOR and contact.same_site
    assert links["/ita/files/o2.pdf"].context == "O2 รายงานรอบ 6 เดือน ดาวน์โหลด"  # its own row, not the table


def test_inline_tags_in_a_row_keep_its_words_matchable() -> None:
    page = extract("<table><tr><td>ข้อมูลการ<b>ติดต่อ</b></td><td><a href='/c.html'>คลิก</a></td></tr></table>")
    [link] = page.links
    assert match_key("ข้อมูลการติดต่อ") in match_key(link.context)


def test_list_items_and_paragraphs_are_rows() -> None:
    page = extract(
        "<ul><li>แผนปฏิบัติการ 2567 <a href='/plan.pdf'>ไฟล์</a></li></ul>"
        "<p>ประกาศ <a href='/notice.html'>อ่านต่อ</a></p>"
        "<div><span>แถบข้าง</span> <a href='/side.html'>ลิงก์</a></div>"
        "<a href='/bare.html'>ลิงก์เปล่า</a>"
    )
    links = links_by_path(page)
    assert links["/plan.pdf"].context == "แผนปฏิบัติการ 2567 ไฟล์"
    assert links["/notice.html"].context == "ประกาศ อ่านต่อ"
    assert links["/side.html"].context == "แถบข้าง ลิงก์"  # a small parent block
    assert links["/bare.html"].context == ""  # directly in <body>: no row


def test_a_label_heads_the_links_of_its_own_block_only() -> None:
    page = extract(
        "<div class='panel'><p><strong>O2 รายงานการกำกับติดตามการดำเนินงาน</strong></p>"
        "<ul><li><a href='/o2-1.pdf'>ไตรมาส 1</a></li><li><a href='/o2-2.pdf'>ไตรมาส 2</a></li></ul></div>"
        "<div class='panel'><a href='/other.pdf'>อื่น ๆ</a></div>"
        "<p>ข้อความ <strong>เน้น</strong> ในประโยค <a href='/sentence.html'>ลิงก์</a></p>"
    )
    links = links_by_path(page)
    assert links["/o2-1.pdf"].section == links["/o2-2.pdf"].section == "O2 รายงานการกำกับติดตามการดำเนินงาน"
    assert links["/other.pdf"].section == ""  # the next panel is outside the label's block
    assert links["/sentence.html"].section == ""  # emphasis inside a sentence is not a label


def test_headings_label_what_follows_until_a_footer_or_menu() -> None:
    page = extract(
        "<h2>O3 แผนปฏิบัติการป้องกันการทุจริต</h2><ul><li><a href='/plan.pdf'>ดาวน์โหลด</a></li></ul>"
        "<h3>O4 สรุปผลการจัดซื้อจัดจ้าง</h3><p><a href='/p.pdf'>ตุลาคม</a></p>"
        "<footer><a href='/privacy.html'>นโยบายความเป็นส่วนตัว</a></footer>"
    )
    links = links_by_path(page)
    assert links["/plan.pdf"].section == "O3 แผนปฏิบัติการป้องกันการทุจริต"
    assert links["/p.pdf"].section == "O4 สรุปผลการจัดซื้อจัดจ้าง"
    assert links["/privacy.html"].section == ""


def test_a_strong_inside_a_link_is_not_a_label() -> None:
    page = extract(
        "<div><p><a href='/a.html'><strong>ประกาศสำคัญ</strong></a></p><p><a href='/b.html'>คลิก</a></p></div>"
    )
    links = links_by_path(page)
    assert links["/a.html"].text == "ประกาศสำคัญ"
    assert links["/b.html"].section == ""


def test_link_urls_text_and_de_duplication() -> None:
    page = extract(
        "<base href='https://agency.example.go.th/site/'>"
        "<a href='a.html#top'>A</a><a href='a.html'>ข้อความที่ยาวกว่า</a>"
        "<a href='/img.html'><img src='x.png' alt='โครงสร้างองค์กร'></a>"
        "<a href='/t.html' title='ชื่อจาก title'></a>"
        "<a href='mailto:saraban@example.go.th'>อีเมล</a><a href='tel:021234567'>โทร</a>"
        "<a href='javascript:void(0)'>js</a><a href='#top'>บนสุด</a><a href=''>ว่าง</a>"
        "<a href='https://www.facebook.com/agency'>Facebook</a>",
        path="/x/",
    )
    by_url = {link.url: link for link in page.links if link.kind is not LinkKind.PLACEHOLDER}
    assert set(by_url) == {
        "https://agency.example.go.th/site/a.html",
        "https://agency.example.go.th/img.html",
        "https://agency.example.go.th/t.html",
        "https://www.facebook.com/agency",
    }
    assert by_url["https://agency.example.go.th/site/a.html"].text == "ข้อความที่ยาวกว่า"  # the longer text is kept
    assert by_url["https://agency.example.go.th/img.html"].text == "โครงสร้างองค์กร"  # from the image's alt
    assert by_url["https://agency.example.go.th/t.html"].text == "ชื่อจาก title"
    assert not by_url["https://www.facebook.com/agency"].same_site
    # links to nowhere are kept as placeholders (an index row that has one links nowhere), never fetched
    nowhere = [link for link in page.links if link.kind is LinkKind.PLACEHOLDER]
    assert [link.text for link in nowhere] == ["js", "บนสุด", "ว่าง"]
    assert all("#placeholder-" in link.url for link in nowhere)


def test_frames_embeds_and_objects_are_links() -> None:
    page = extract(
        "<main><p>แผนที่สำนักงาน</p>"
        "<iframe src='https://www.google.com/maps/embed?pb=1' title='แผนที่'>ข้อความสำรองของเฟรม</iframe>"
        "<embed src='/files/plan.pdf' type='application/pdf'>"
        "<object data='/files/o3.pdf'>ข้อความสำรองของออบเจ็กต์</object>"
        "<a href='/files/plan.pdf'>แผน</a></main>"
    )
    kinds = {(link.url.removeprefix(BASE), link.kind) for link in page.links}
    assert kinds == {
        ("https://www.google.com/maps/embed?pb=1", LinkKind.IFRAME),
        ("/files/plan.pdf", LinkKind.EMBED),
        ("/files/o3.pdf", LinkKind.EMBED),
        ("/files/plan.pdf", LinkKind.ANCHOR),  # the same URL as an anchor is another link
    }
    frame = next(link for link in page.links if link.kind is LinkKind.IFRAME)
    assert frame.text == "แผนที่" and not frame.same_site
    assert "สำรอง" not in page.text  # fallback content never leaks into the page text
    assert page.text == "แผนที่สำนักงาน\nแผน"


# ---------------------------------------------------------------------- title and headings


def test_title_and_headings() -> None:
    page = extract(
        "<html><head><title>\n  หน้า   ITA \u200b</title></head><body>"
        "<h1>แผน<span>ปฏิบัติการ</span></h1><h2> ข้อมูล  พื้นฐาน </h2><h3>O1</h3><h4>ไม่นับ</h4><h2></h2>"
        "</body></html>"
    )
    assert page.title == "หน้า ITA"
    assert page.headings == ("แผนปฏิบัติการ", "ข้อมูล พื้นฐาน", "O1")
    assert extract("<p>ไม่มีชื่อ</p>").title == ""


# ---------------------------------------------------------------------------- visible text


def test_scripts_styles_and_hidden_parts_are_not_text() -> None:
    page = extract(
        "<html><head><style>p { color: red }</style><script>var x = 'สคริปต์';</script></head><body>"
        "<p>เนื้อหา</p><noscript>ไม่มีสคริปต์</noscript><template><p>แม่แบบ</p></template>"
        "<select><option>ตัวเลือก</option></select><svg><text>กราฟิก</text></svg>"
        '<script type=\'application/ld+json\'>{"name": "ข้อมูลโครงสร้าง"}</script></body></html>'
    )
    assert page.text == "เนื้อหา"


def test_inline_tags_do_not_split_thai_words_and_blocks_are_lines() -> None:
    page = extract("<div><p>ป้องกัน<b>การ</b><a href='/x'>ทุจริต</a></p><p>บรรทัด  <i>ที่</i>สอง</p></div>")
    assert page.text == "ป้องกันการทุจริต\nบรรทัด ที่สอง"


def test_menus_and_footers_are_left_out_unless_there_is_a_main() -> None:
    chrome = "<header>ส่วนหัว</header><nav><a href='/'>หน้าแรก</a></nav><aside>แถบข้าง</aside>"
    footer = "<footer>ติดต่อ ๐๒-๑๒๓-๔๕๖๗</footer>"
    no_main = extract(f"<body>{chrome}<div>เนื้อหาหลัก</div>{footer}</body>")
    assert no_main.text == "เนื้อหาหลัก"
    with_main = extract(f"<body>{chrome}<main><p>เนื้อหาหลัก</p></main><div>นอกเนื้อหา</div>{footer}</body>")
    assert with_main.text == "เนื้อหาหลัก"
    # menus are still links, even when left out of the text
    assert "/" in links_by_path(no_main)


def test_images_and_forms() -> None:
    page = extract(
        "<figure><img src='/u/chart.png' alt='แผนผัง'><figcaption>โครงสร้างองค์กร</figcaption></figure>"
        "<img src='data:image/png;base64,AAAA'><img data-src='/u/lazy.jpg'>"
        "<form action='/complaint' method='POST'><label>ชื่อ</label><input name='name'>"
        "<input type='hidden' name='token'><textarea name='detail'></textarea><button>ส่งเรื่อง</button></form>"
        "<form action='/login'><input name='user'><input type='password' name='pw'></form>"
    )
    assert [(i.src.removeprefix(BASE), i.alt) for i in page.images] == [("/u/chart.png", "แผนผัง"), ("/u/lazy.jpg", "")]
    assert "โครงสร้างองค์กร" in page.images[0].context
    complaint, login = page.forms
    assert complaint.action == BASE + "/complaint" and complaint.method == "post"
    assert complaint.field_names == ("name", "detail") and complaint.has_textarea
    assert "ส่งเรื่อง" in complaint.text and "ชื่อ" in complaint.text
    assert login.field_names == ("user", "password") and not login.has_textarea


# --------------------------------------------------------------------------------- charsets


def _thai_page(head: str = "") -> str:
    return f"<html><head>{head}<title>{THAI}</title></head><body><p>{THAI} “ข้อมูล” …</p></body></html>"


def test_declared_thai_charsets_decode_as_windows_874() -> None:
    """tis-620 is windows-874 in browsers: 0x85 is "…" and 0x93/0x94 curly quotes, not control characters."""
    body = _thai_page().encode("cp874")
    assert b"\x85" in body and b"\x93" in body
    for label in ("tis-620", "TIS620", "iso-8859-11", "windows-874", "x-windows-874"):
        page = extract_html(resource(body, f"text/html; charset={label}"), same_site)
        assert page.encoding == "cp874", label
        assert page.title == THAI
        assert page.text.endswith("“ข้อมูล” …")
        assert "\x85" not in page.text


def test_meta_charset_is_read_when_the_header_has_none() -> None:
    meta = "<meta http-equiv='Content-Type' content='text/html; charset=windows-874'>"
    page = extract_html(resource(_thai_page(meta).encode("cp874")), same_site)
    assert page.encoding == "cp874" and page.title == THAI
    html5 = extract_html(resource(_thai_page('<meta charset="tis-620">').encode("cp874")), same_site)
    assert html5.encoding == "cp874" and html5.title == THAI


def test_undeclared_thai_is_sniffed() -> None:
    page = extract_html(resource(_thai_page().encode("cp874"), "text/html"), same_site)
    assert page.encoding == "cp874"
    assert page.title == THAI


def test_a_lying_header_is_obeyed_as_a_browser_would() -> None:
    """Chromium obeys ``charset=utf-8`` in the header even when the bytes are windows-874: the
    page shows replacement characters, so no Thai is read from it (what the assessor sees)."""
    page = extract_html(resource(_thai_page().encode("cp874"), "text/html; charset=utf-8"), same_site)
    assert page.encoding == "utf-8"
    assert "\ufffd" in page.title and THAI not in page.title


def test_utf8_with_and_without_a_bom() -> None:
    body = _thai_page().encode("utf-8")
    assert extract_html(resource(body), same_site).title == THAI
    bom = extract_html(resource(b"\xef\xbb\xbf" + body), same_site)
    assert bom.title == THAI and bom.encoding == "utf-8-sig"
    # a header naming a Thai charset for UTF-8 bytes is obeyed, as Chromium obeys it (mojibake)
    lying = extract_html(resource(body, "text/html; charset=tis-620"), same_site)
    assert lying.encoding == "cp874" and lying.title != THAI


def test_extract_html_carries_the_fetch_facts() -> None:
    res = FetchedResource(
        url=BASE + "/new.html",
        requested_url=BASE + "/old.html",
        status=200,
        content_type="text/html; charset=utf-8",
        kind=ResourceKind.HTML,
        body=_thai_page().encode(),
        headers_last_modified="Mon, 01 Apr 2024 00:00:00 GMT",
        depth=2,
        found_on=BASE + "/ita/",
        redirect_chain=(BASE + "/old.html",),
    )
    page = extract_html(res, same_site)
    assert page.url == BASE + "/new.html" and page.requested_url == BASE + "/old.html"
    assert page.redirect_chain == (BASE + "/old.html",) and set(page.aliases) == {BASE + "/old.html"}
    assert (page.depth, page.found_on, page.bytes) == (2, BASE + "/ita/", len(res.body))
    assert page.last_modified == "Mon, 01 Apr 2024 00:00:00 GMT"
    same = extract_html(res.model_copy(update={"requested_url": res.url}), same_site)
    assert same.requested_url is None


def test_broken_markup_never_raises() -> None:
    page = extract("<table><tr><td><a href='/a.html'>ก<td>ข</table></div></span><p>ค")
    assert "/a.html" in links_by_path(page)
    assert "ค" in page.text
    assert extract("").text == ""


def test_only_tables_of_data_count_as_tables() -> None:
    """A legacy layout (a wrapper table holding the menu table and the content cell) is not a table
    of data; a two-row, two-column table inside the content is."""
    layout = "<table><tr><td><table><tr><td>เมนู</td></tr><tr><td>ข่าว</td></tr></table></td><td>เนื้อหา</td></tr></table>"
    data = "<table><tr><th>ปี</th><th>งบประมาณ</th></tr><tr><td>2567</td><td>1,000,000</td></tr></table>"
    single_row = "<table><tr><td>ปี</td><td>2567</td></tr></table>"

    def count(body: str) -> int:
        return extract_html_text(
            f"<html><body>{body}</body></html>", url="https://a.go.th/", is_same_site=lambda u: True
        ).tables

    assert count(layout) == 0
    assert count(data) == 1
    assert count(single_row) == 0
    assert count(layout.replace("เนื้อหา", data)) == 1  # the data table inside the layout still counts
