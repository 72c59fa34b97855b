"""The measures document (item o42): content, Markdown, Word (read back), LibreOffice PDF and a rendered page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.models import Verdict
from oit_check.perception.gaps import analyse
from oit_check.perception.loader import load_perception
from oit_check.perception.measures import DraftOptions, MeasuresDocument, Paragraph, Table, draft_measures
from oit_check.perception.results import parse_results_text, read_results
from oit_check.perception.scanreport import statuses_from_json
from oit_check.perception.schema import PerceptionData
from oit_check.report.measures_docx import FONT, SIZE_PT, write_docx
from oit_check.report.measures_markdown import render_markdown
from perception_support import ARTIFACTS, DIAGNOSIS_CSV, SEED_SECTION, scan_report

runner = CliRunner()
HEADINGS = ("๑. ผลการประเมิน ITA", "๒. การวิเคราะห์ผลการประเมิน", "๓. มาตรการในการส่งเสริม", "๔. ข้อจำกัดของหน่วยงาน")


@pytest.fixture(scope="module")
def data() -> PerceptionData:
    return load_perception()


@pytest.fixture(scope="module")
def seed_doc(data: PerceptionData) -> MeasuresDocument:
    results = read_results(SEED_SECTION, data)
    report = analyse(results, data)
    return draft_measures(report, results, data, DraftOptions(agency="จังหวัดตาก", fiscal_year=2567))


@pytest.fixture(scope="module")
def scan_doc(data: PerceptionData) -> MeasuresDocument:
    results = parse_results_text(DIAGNOSIS_CSV, data)
    scan = statuses_from_json(scan_report({"o28": Verdict.MISSING}))
    report = analyse(results, data, scan=scan)
    options = DraftOptions(agency="เทศบาลตำบลทดสอบ", fiscal_year=2567, extra_limitations=("งบประมาณมีจำนวนจำกัด",))
    return draft_measures(report, results, data, options, scan=scan, oit_titles={"o18": "E-Service"})


def _text(doc: MeasuresDocument) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.extend(" ".join(c.lines) for row in block.rows for c in row.cells)
    return "\n".join(out)


# --- content ----------------------------------------------------------------------------------


def test_seed_document_sections(seed_doc: MeasuresDocument) -> None:
    assert [h[: len(p)] for h, p in zip(seed_doc.headings, HEADINGS, strict=True)] == list(HEADINGS)
    titles = [b.text for b in seed_doc.blocks if isinstance(b, Paragraph) and b.style == "title"]
    assert titles == ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ของจังหวัดตาก"]
    text = _text(seed_doc)
    assert "พบว่ามีผลคะแนน ๙๔.๑๖ คะแนน อยู่ในระดับผ่าน" in text
    # all seven themes are analysed, citing scores in Thai digits
    assert "โดยแบ่งการวิเคราะห์ออกเป็น ๗ ประเด็น" in text
    assert "(e๙) ได้ ๘๒.๐๕ คะแนน (ส่วนที่ ๑ ได้ ๙๐.๕๐ คะแนน ส่วนที่ ๒ ได้ ๗๓.๖๐ คะแนน) ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน" in text
    assert "(e๑) ได้ ๘๗.๔๘ คะแนน" in text and "โดยส่วนที่ ๒ ต่ำกว่าเกณฑ์ ๘๕ คะแนน" in text
    assert "(i๘) ได้ ๘๐.๗๐ คะแนน ซึ่งต่ำกว่าเกณฑ์ ๘๕ คะแนน" in text
    # the contradiction: disclosed (OIT 100) but not perceived
    assert "ซึ่งขัดแย้งกัน สะท้อนให้เห็นว่า ถึงแม้จังหวัดตากจะเปิดเผยข้อมูลดังกล่าวแล้ว" in text
    assert "EIT ส่วนที่ ๒ = ๗๓.๖๐" in text and "(ต่ำสุด)" in text
    assert not any(ch in text for ch in "{}"), "an unfilled placeholder"


def test_measures_table_five_columns_and_fiscal_timeline(seed_doc: MeasuresDocument) -> None:
    table = [b for b in seed_doc.blocks if isinstance(b, Table)][-1]
    assert table.header == ("มาตรการ/แนวทาง", "ขั้นตอน/วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามประเมินผล")
    groups = [r.cells[0].lines[0] for r in table.rows if r.group]
    assert groups[0] == "(๑) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" and len(groups) == 7
    measures = [r for r in table.rows if not r.group]
    assert all(len(r.cells) == 5 and all(c.lines and c.lines[0] for c in r.cells) for r in measures)
    timelines = {r.cells[3].lines[0] for r in measures}
    assert "ต.ค. ๖๖ – ก.ย. ๖๗" in timelines and "ต.ค. ๖๖ – เม.ย. ๖๗" in timelines
    assert measures[0].cells[1].lines[0].startswith("๑. ")


def test_scan_document_cites_disclosure_and_perception(scan_doc: MeasuresDocument) -> None:
    text = _text(scan_doc)
    # e13 low while o18 is disclosed: a communication problem
    assert "(e๑๓) ได้ ๘๑.๘๐ คะแนน (ส่วนที่ ๑ ได้ ๙๐.๐๑ คะแนน ส่วนที่ ๒ ได้ ๗๓.๖๐ คะแนน)" in text
    assert "ขณะที่ผลการเปิดเผยข้อมูล o๑๘ E-Service ครบถ้วน" in text
    assert "ณ วันที่ ๑๕ มีนาคม ๒๕๖๗" in text
    # e10 low while o28 is missing: fix the disclosure first, and say which
    assert "o๒๘" in text and "ยังไม่พบการเปิดเผยบนเว็บไซต์หลักของหน่วยงาน" in text
    assert "การปรับปรุงการเปิดเผยข้อมูลสาธารณะบนเว็บไซต์หลักของหน่วยงาน" in text
    assert "ตรวจสอบและปรับปรุงการเปิดเผยข้อมูล o๒๘" in text
    # i19: a process issue
    assert "ไม่มีข้อมูลที่ต้องเปิดเผยในแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) โดยตรง" in text
    # limitations: the scan date and the agency's own
    assert "งบประมาณมีจำนวนจำกัด" in text
    assert "ต.ค. ๖๖ – มี.ค. ๖๗" in text  # the disclosure fix: before the OIT window


def test_markdown(seed_doc: MeasuresDocument) -> None:
    md = render_markdown(seed_doc)
    for heading in HEADINGS:
        assert f"## {heading}" in md
    assert "### ๒.๑ การปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" in md
    assert "| มาตรการ/แนวทาง | ขั้นตอน/วิธีดำเนินการ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ | การติดตามประเมินผล |" in md
    assert "| ต.ค. ๖๖ – ก.ย. ๖๗ |" in md
    assert "<br>๒. " in md  # steps on their own lines inside a cell


# --- Word ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docx(seed_doc: MeasuresDocument, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "o42-measures-2567.docx"
    write_docx(seed_doc, path)
    return path


def test_docx_reads_back_with_sections_and_tables(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    texts = [p.text for p in document.paragraphs]
    for heading in HEADINGS:
        assert any(t.startswith(heading) for t in texts), heading
    assert texts[0] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    assert len(document.tables) == 3  # indicators, items, measures
    measures = document.tables[-1]
    assert [c.text for c in measures.rows[0].cells] == [
        "มาตรการ/แนวทาง", "ขั้นตอน/วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามประเมินผล",
    ]  # fmt: skip
    assert measures.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeated on each page
    assert any("ต.ค. ๖๖ – ก.ย. ๖๗" in c.text for row in measures.rows for c in row.cells)
    assert document.sections[-2].orientation == 1  # the measures table on landscape pages


def _all_runs(document: docx.document.Document) -> list[docx.text.run.Run]:
    runs = [r for p in document.paragraphs for r in p.runs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                runs += [r for p in cell.paragraphs for r in p.runs]
    return runs


def test_docx_thai_font_on_every_run(seed_docx: Path) -> None:
    document = docx.Document(str(seed_docx))
    runs = _all_runs(document)
    assert len(runs) > 200
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts is not None
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert fonts.get(qn(attr)) == FONT, (attr, run.text)
        assert run.font.size.pt == SIZE_PT
        assert run._element.rPr.find(qn("w:szCs")).get(qn("w:val")) == str(SIZE_PT * 2)
        if run.bold:
            assert run._element.rPr.find(qn("w:bCs")) is not None  # Thai is bold only with bCs
    normal = document.styles["Normal"]
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:cs")) == FONT
    # numbers as officials write them: Thai digits
    body = "\n".join(r.text for r in runs)
    assert "๙๔.๑๖" in body and "94.16" not in body


# --- LibreOffice: the Word file opens and converts; page 1 rendered for a look --------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing in CI: .ci/apt-packages lists libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed; CI installs it (.ci/apt-packages)")


def test_docx_converts_to_pdf_with_libreoffice(seed_docx: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    profile = tmp_path / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(tmp_path), str(seed_docx)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "o42-measures-2567.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in text
        assert "๑. ผลการประเมิน ITA" in text
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm is missing in CI: .ci/apt-packages lists poppler-utils")
        return
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / "perception-measures-page1"
    subprocess.run([pdftoppm, "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=60)  # fmt: skip
    assert stem.with_suffix(".png").stat().st_size > 10_000


# --- the command -----------------------------------------------------------------------------------


def test_measures_command_writes_both_files(tmp_path: Path) -> None:
    md, word = tmp_path / "m.md", tmp_path / "m.docx"
    out = runner.invoke(
        app,
        ["measures", "--results", str(SEED_SECTION), "--agency", "จังหวัดตาก", "--fiscal-year", "2567",
         "--markdown", str(md), "--docx", str(word)],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert md.read_text(encoding="utf-8").startswith("**มาตรการส่งเสริมคุณธรรมและความโปร่งใส**")
    assert docx.Document(str(word)).paragraphs[0].text == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"


def test_measures_command_with_scan(tmp_path: Path) -> None:
    results = tmp_path / "r.csv"
    results.write_text(DIAGNOSIS_CSV, encoding="utf-8")
    scan = tmp_path / "scan.json"
    scan.write_text(scan_report({"o28": Verdict.MISSING}), encoding="utf-8")
    out = runner.invoke(
        app,
        ["measures", "--results", str(results), "--scan", str(scan), "--agency", "เทศบาลตำบลทดสอบ",
         "--fiscal-year", "2567", "--stdout"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "o๒๘" in out.stdout and "e๑๓" in out.stdout


@pytest.mark.parametrize(("year", "hint"), [("2024", "did you mean 2567"), ("99", "Buddhist Era")])
def test_measures_rejects_a_ce_year(tmp_path: Path, year: str, hint: str) -> None:
    out = runner.invoke(
        app, ["measures", "--results", str(SEED_SECTION), "--agency", "x", "--fiscal-year", year, "--stdout"]
    )
    assert out.exit_code == 3
    assert hint in out.stderr
