"""Unit tests of the mutation functions themselves (fast: no scans, at most a loopback fixture server)."""

from __future__ import annotations

import http.client
import io
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import docx
import openpyxl
import pytest
import yaml

from oit_check.fixtureserver import serve_site

from . import docgen
from .mutations import CHECKLIST, conflicts, mutate_site, plan_batches, skip_reason, time_rules
from .sitefiles import FixtureSite, read_text
from .years import shift_path, shift_url, shift_years

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
THAI_PDF = "/files/แผนปฏิบัติราชการ-2567.pdf"


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", "ปีงบประมาณ พ.ศ. ๒๕๖๖"),
        ("ต.ค.66", "ต.ค.65"),
        ("ต.ค. 66 - มี.ค. ๖๗", "ต.ค. 65 - มี.ค. ๖๖"),
        ("สถิติ-ตค66-มีค67", "สถิติ-ตค65-มีค66"),
        ("skr-oct66.pdf Mar-67", "skr-oct65.pdf Mar-66"),
        ("พ.ศ.2567", "พ.ศ.2566"),
        ("แผนพัฒนา 2566-2570", "แผนพัฒนา 2565-2569"),
        ("ปีงบประมาณ 2566-67", "ปีงบประมาณ 2565-66"),
        ("1 ต.ค. 2566 - 31 มี.ค. 2567", "1 ต.ค. 2565 - 31 มี.ค. 2566"),
        ("/wp-content/uploads/2024/04/o12_report_6M_2567.pdf", "/wp-content/uploads/2023/04/o12_report_6M_2566.pdf"),
        ("2024-04-30", "2023-04-30"),
        ("เดือน มี.ค.\n67", "เดือน มี.ค.\n66"),
    ],
)
def test_years_move_back_one_year(text: str, shifted: str) -> None:
    assert shift_years(text) == shifted


@pytest.mark.parametrize(
    "text",
    [
        "โทร. 0 4451 2567",
        "โทรศัพท์ 044-512-566 โทรสาร 0-4451-2567",
        "มือถือ 081 234 2567",
        "โทร. ๐ ๔๔๕๑ ๒๕๖๗",
        "02 141 2566 ต่อ 2567",
        "ราคา 2567.50 บาท",
        "วงเงิน 2,567 บาท",
        "อายุ 31 ปี รหัส 12567",
        "&#2567; %25%67",
        "decision 60, topic-58",
    ],
)
def test_phone_numbers_amounts_and_other_numbers_are_left_alone(text: str) -> None:
    assert shift_years(text) == text


def test_shift_keeps_the_length_and_the_digit_script() -> None:
    text = "รายงาน ๑ ต.ค. ๒๕๖๖ ถึง ๓๑ มี.ค. 2567 (ต.ค.๖๖)"
    shifted = shift_years(text)
    assert len(shifted) == len(text)
    assert shifted == "รายงาน ๑ ต.ค. ๒๕๖๕ ถึง ๓๑ มี.ค. 2566 (ต.ค.๖๕)"


@pytest.mark.parametrize("upper", [True, False])
def test_percent_encoded_thai_urls_move_like_the_file_names(upper: bool) -> None:
    name = "/files/สถิติ-ตค66-มีค67/แผน-2567.pdf"
    raw = quote(name)
    if not upper:
        raw = raw.lower()
    shifted = shift_url(raw)
    assert unquote(shifted) == shift_path(name) == "/files/สถิติ-ตค65-มีค66/แผน-2566.pdf"
    hexes = "".join(c for c in "".join(re.findall(r"%([0-9A-Fa-f]{2})", shifted)) if c.isalpha())
    assert hexes and (hexes.isupper() if upper else hexes.islower())


def test_off_site_urls_keep_their_paths_but_site_paths_move_as_names() -> None:
    assert shift_url("https://lin.ee/nbtLocal67") == "https://lin.ee/nbtLocal67"
    assert shift_url("/uploads/ita67/plan-66-70.pdf?v=67") == "/uploads/ita66/plan-65-69.pdf?v=67"
    assert shift_url("{{base_url}}files/x-2567.pdf") == "{{base_url}}files/x-2566.pdf"


# --------------------------------------------------------------------------- a tiny site


def _tiny_site(root: Path) -> Path:
    """A site whose ITA page links one Thai-named PDF in every way a page can write a link."""
    site = root / "tiny"
    (site / "files").mkdir(parents=True)
    (site / "ita").mkdir()
    (site / "_errors").mkdir()
    (site / "files" / "แผนปฏิบัติราชการ-2567.pdf").write_bytes(docgen.unrelated_pdf())
    (site / "files" / "other.pdf").write_bytes(docgen.unrelated_pdf(1))
    upper = quote(THAI_PDF)
    links = [
        f'<a href="{upper}">O11 แผนปฏิบัติราชการ ประจำปี พ.ศ. ๒๕๖๗</a>',
        f"<a href='{upper.lower()}'>ดาวน์โหลด</a>",
        f'<a href="{THAI_PDF}">raw</a>',
        '<a href="../files/%E0%B9%81%E0%B8%9C%E0%B8%99%E0%B8%9B%E0%B8%8F%E0%B8%B4%E0%B8%9A%E0%B8%B1%E0%B8%95%E0%B8%B4%E0%B8%A3%E0%B8%B2%E0%B8%8A%E0%B8%81%E0%B8%B2%E0%B8%A3-2567.pdf">rel</a>',
        f'<a href="http://127.0.0.1:8080{upper}#page=2">abs</a>',
        f'<iframe src="{upper}"></iframe>',
        '<a href="/files/other.pdf">อื่น ๆ</a>',
    ]
    page = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>ITA 2567</title></head><body>\n'
    page += "\n".join(f"<p>{link}</p>" for link in links) + "\n<p>โทร. 0 4451 2567 ต.ค.66</p></body></html>\n"
    (site / "ita" / "index.html").write_text(page, encoding="utf-8")
    (site / "index.html").write_text('<html><body><a href="/ita/">ITA</a></body></html>', encoding="utf-8")
    (site / "_errors" / "404.html").write_text("<html><body>ไม่พบหน้า</body></html>", encoding="utf-8")
    expected = {
        "fiscal_year": 2567,
        "as_of": "2024-04-30",
        "start": "/",
        "ita_index": "/ita/",
        "items": {
            "o11": {"status": "ok", "reason": "plan", "evidence": [THAI_PDF]},
            "o9": {"status": "ok", "reason": "fb", "evidence": ["https://www.facebook.com/tiny"]},
        },
    }
    (site / "_expected.yaml").write_text(yaml.safe_dump(expected, allow_unicode=True), encoding="utf-8")
    server = {"not_found": "_errors/404.html", "routes": [{"kind": "status", "path": "/old/*", "status": 410}]}
    (site / "_server.yaml").write_text(yaml.safe_dump(server, allow_unicode=True), encoding="utf-8")
    return site


def _status(url: str, path: str) -> int:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_link_placeholder_rewrites_every_form_of_the_link(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path / "src")
    copy, applied = mutate_site(site, ["o11"], "link_placeholder", tmp_path / "out")
    text, _ = read_text(copy / "ita" / "index.html")
    assert applied.links_changed == 6
    assert text.count('href="#"') + text.count("href='#'") == 5 and 'src="#"' in text
    assert 'href="/files/other.pdf"' in text and "O11 แผนปฏิบัติราชการ" in text
    assert not FixtureSite(copy).linkers(*FixtureSite(site).evidence("o11")[:2])


def test_link_placeholder_on_a_real_site_leaves_no_link_to_the_evidence(tmp_path: Path) -> None:
    site = FixtureSite(FIXTURES / "sites" / "wpaccordion")  # lower-case percent-encoded Thai slugs
    files, offsite, _ = site.evidence("o1")
    assert site.linkers(files, offsite)
    copy, applied = mutate_site(site, ["o1"], "link_placeholder", tmp_path)
    assert applied.links_changed > 0
    assert not FixtureSite(copy).linkers(files, offsite)


def test_target_404_answers_404_at_every_url_of_the_evidence(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path / "src")
    copy, _ = mutate_site(site, ["o11"], "target_404", tmp_path / "out")
    with serve_site(copy) as server:
        assert _status(server.url, quote(THAI_PDF)) == 404
        assert _status(server.url, quote(THAI_PDF).lower()) == 404
        assert _status(server.url, "/files/other.pdf") == 200
        assert _status(server.url, "/old/x") == 410  # the site's own routes still apply
    with serve_site(site) as server:
        assert _status(server.url, quote(THAI_PDF)) == 200


def test_target_404_covers_a_directory_index(tmp_path: Path) -> None:
    site = FixtureSite(FIXTURES / "sites" / "demo")
    copy, applied = mutate_site(site, ["o7"], "target_404", tmp_path)
    assert {r["path"] for r in applied.routes} == {"/news/", "/news", "/news/index.html"}
    with serve_site(copy) as server:
        assert _status(server.url, "/news/") == 404
        assert _status(server.url, "/news/index.html") == 404
        assert _status(server.url, "/about/contact.html") == 200


def test_description_only_keeps_the_row_text_and_drops_the_links(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path / "src")
    copy, applied = mutate_site(site, ["o11"], "description_only", tmp_path / "out")
    text, _ = read_text(copy / "ita" / "index.html")
    assert "O11 แผนปฏิบัติราชการ ประจำปี พ.ศ. ๒๕๖๗" in text and "ดาวน์โหลด" in text
    assert "<iframe" not in text and "2567.pdf" not in text and "%E0%B9%81" not in text.upper()
    assert '<a href="/files/other.pdf">' in text
    assert applied.links_changed == 6 and applied.routes


def test_unrelated_target_replaces_pages_and_documents_by_their_own_type(tmp_path: Path) -> None:
    site = FixtureSite(FIXTURES / "sites" / "legacy874")
    copy, applied = mutate_site(site, ["o1", "o11"], "unrelated_target", tmp_path)
    assert sorted(applied.files_replaced) == ["docs/plan67.docx", "images/structure.png", "structure.htm"]
    page, encoding = read_text(copy / "structure.htm")
    assert encoding == "cp874" and docgen.UNRELATED_TITLE in page  # still the page's own encoding
    plan = docx.Document(io.BytesIO((copy / "docs" / "plan67.docx").read_bytes()))
    assert plan.paragraphs[0].text == docgen.UNRELATED_TITLE
    assert (copy / "images" / "structure.png").read_bytes().startswith(b"\x89PNG")


def test_unrelated_content_names_no_item_and_differs_per_file() -> None:
    data = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    words = {n for item in data["items"] for n in (item["names"].get("th") or []) + (item.get("site_labels") or [])}
    words |= {k for item in data["items"] for k in (item.get("keywords") or {}).get("th") or [] if len(k) >= 4}
    words |= set(data["index_page_names"]["th"])
    text = "".join(docgen.unrelated_text().split())
    assert sorted(w for w in words if "".join(w.split()) in text) == []
    pdf_text = docgen.pdf_text(docgen.unrelated_pdf()) or ""
    assert docgen.UNRELATED_TITLE in pdf_text and not any(c.isdigit() for c in pdf_text)
    assert len({docgen.unrelated_pdf(v) for v in range(40)}) == 40
    assert len({docgen.image_only_pdf(v) for v in range(40)}) == 40


def test_image_only_pdfs_have_no_text_and_office_files_become_pdfs(tmp_path: Path) -> None:
    scan = docgen.image_only_pdf()
    assert scan.startswith(b"%PDF") and docgen.is_image_only_pdf(scan)
    site = FixtureSite(FIXTURES / "sites" / "localgov")
    copy, applied = mutate_site(site, ["o25", "o4"], "image_only", tmp_path)
    old = "files/hr/หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล.docx"
    assert applied.files_renamed == {old: old[:-5] + ".pdf"}
    assert applied.files_replaced == ["files/plan/แผนพัฒนาท้องถิ่น-2566-2570.pdf"]
    assert docgen.is_image_only_pdf((copy / old[:-5]).with_suffix(".pdf").read_bytes())
    mutated = FixtureSite(copy)
    assert mutated.linkers({old[:-5] + ".pdf"}, set()) and not (copy / old).exists()


def test_years_back_renames_files_and_keeps_links_and_routes_working(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path / "src")
    copy, applied = mutate_site(site, ["o11"], "years_back", tmp_path / "out")
    assert applied.files_renamed["files/แผนปฏิบัติราชการ-2567.pdf"] == "files/แผนปฏิบัติราชการ-2566.pdf"
    text, _ = read_text(copy / "ita" / "index.html")
    assert "พ.ศ. ๒๕๖๖" in text and "ต.ค.65" in text and "0 4451 2567" in text
    mutated = FixtureSite(copy)
    assert mutated.linkers({"files/แผนปฏิบัติราชการ-2566.pdf"}, set()) == {"ita/index.html"}
    with serve_site(copy) as server:
        assert _status(server.url, quote("/files/แผนปฏิบัติราชการ-2566.pdf")) == 200


def test_years_back_rewrites_pdf_docx_and_xlsx_text() -> None:
    demo = FIXTURES / "sites" / "demo" / "files" / "ita2567"
    pdf = docgen.shift_pdf((demo / "O11-แผนปฏิบัติราชการประจำปี-2567.pdf").read_bytes(), shift_years)
    assert pdf is not None
    text = docgen.pdf_text(pdf) or ""
    assert "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2566" in text and "2567" not in text
    localgov = FIXTURES / "sites" / "localgov" / "files"
    original = (localgov / "hr" / "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล.docx").read_bytes()
    shifted_docx = docgen.shift_docx(original, shift_years)
    assert shifted_docx is not None
    before = docx.Document(io.BytesIO(original))
    after = docx.Document(io.BytesIO(shifted_docx))
    assert [shift_years(p.text) for p in before.paragraphs] == [p.text for p in after.paragraphs]
    assert after.core_properties.created.year == before.core_properties.created.year - 1
    original_xlsx = (localgov / "stat" / "สถิติการให้บริการ-ตค66-มีค67.xlsx").read_bytes()
    shifted_xlsx = docgen.shift_xlsx(original_xlsx, shift_years)
    assert shifted_xlsx is not None
    before_wb = openpyxl.load_workbook(io.BytesIO(original_xlsx))
    after_wb = openpyxl.load_workbook(io.BytesIO(shifted_xlsx))
    assert [shift_years(ws.title) for ws in before_wb.worksheets] == [ws.title for ws in after_wb.worksheets]
    cells = [c.value for ws in before_wb.worksheets for row in ws.iter_rows() for c in row]
    moved = [c.value for ws in after_wb.worksheets for row in ws.iter_rows() for c in row]
    assert [shift_years(v) if isinstance(v, str) else v for v in cells if not isinstance(v, int | float)] == [
        v for v in moved if not isinstance(v, int | float)
    ]
    assert any(isinstance(v, str) and v != shift_years(v) for v in cells)


# --------------------------------------------------------------------------- applicability and batches


def test_skip_reasons() -> None:
    rules = time_rules()
    demo = FixtureSite(FIXTURES / "sites" / "demo")
    assert skip_reason(demo, "o9", "target_404", rules) == "off-site evidence only"
    assert skip_reason(demo, "o9", "link_placeholder", rules) is None
    assert skip_reason(demo, "o1", "years_back", rules) == "time rule none"
    assert skip_reason(demo, "o1", "image_only", rules) == "no PDF/DOCX/XLSX evidence on the site"
    assert "still covers" in (skip_reason(demo, "o4", "years_back", rules) or "")  # a 2566-2570 plan
    assert skip_reason(demo, "o11", "years_back", rules) is None
    wp = FixtureSite(FIXTURES / "sites" / "wpaccordion")
    assert skip_reason(wp, "o31", "image_only", rules) == "the evidence is already an image-only PDF"
    legacy = FixtureSite(FIXTURES / "sites" / "legacy874")
    assert skip_reason(legacy, "o7", "target_404", rules) == "evidence includes the start page"


def test_batches_never_hold_conflicting_items() -> None:
    demo = FixtureSite(FIXTURES / "sites" / "demo")
    assert conflicts(demo, "o20", "o21")  # both rest on /procurement/
    batches = plan_batches(demo, "target_404", demo.ok_items())
    assert sorted(i for b in batches for i in b) == sorted(demo.ok_items())
    for batch in batches:
        assert not any(conflicts(demo, a, b) for a in batch for b in batch if a != b)
    assert plan_batches(demo, "target_404", demo.ok_items(), max_batch=1) == [[i] for i in demo.ok_items()]
    assert plan_batches(demo, "years_back", ["o11", "o12"], max_batch=1) == [["o11", "o12"]]
