"""docs/adding-a-year.md, followed step by step on a tiny made-up checklist ("toy-2569" -> "toy-2570").

The toy 2569 list has four items; the toy handbook for 2570 merges structure with duties, renumbers
news, drops the laws and adds an annual report. The test copies the file, sets the header, links the
items, validates with the CLI, reads the crosswalk and scans a labelled fixture site built for 2570.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from oit_check.checklist import Checklist, Status, load_checklist
from oit_check.checklist.crosswalk import Change, crosswalk, unresolved_refs
from oit_check.cli import app
from oit_check.config import CrawlConfig, ScanConfig
from oit_check.errors import ChecklistError
from oit_check.fixtureserver import serve_site
from oit_check.pipeline import scan

TOY_2569 = """\
id: toy-2569
version: "2569.1"
title_th: รายการตรวจทดลอง ปี ๒๕๖๙
title_en: Toy checklist 2569
framework: nacc
fiscal_year: 2569
status: final
sources: [{title: the toy handbook 2569}]
framework_markers: [ITAS]
item_code_prefixes: ["o", "oit"]
index_page_names: {th: [การเปิดเผยข้อมูลสาธารณะ], en: [ITA, OIT]}
generic_link_texts: [คลิก, ดาวน์โหลด, ดูรายละเอียด]
indicators:
  - id: "9"
    title_th: การเปิดเผยข้อมูล
    title_en: Disclosure
    sub_indicators: [{id: "9.1", title_th: ข้อมูลพื้นฐาน, title_en: Basic information}]
items:
  - id: o1
    number: 1
    sub_indicator: "9.1"
    title_th: โครงสร้างองค์กร
    title_en: Structure
    confidence: high
    sources: [toy handbook 2569]
    requirement_th: แผนผังโครงสร้างหน่วยงาน
    names: {th: [แผนผังองค์กร]}
    elements:
      - {id: chart, label_th: แผนผังโครงสร้าง, label_en: an organisation chart, detect: {kind: image}}
    time_rule: {kind: none}
    fix_th: เผยแพร่แผนผังโครงสร้างหน่วยงาน
  - id: o2
    number: 2
    sub_indicator: "9.1"
    title_th: อำนาจหน้าที่
    title_en: Duties
    confidence: high
    sources: [toy handbook 2569]
    requirement_th: อำนาจหน้าที่ของหน่วยงาน
    names: {th: [หน้าที่และอำนาจ]}
    time_rule: {kind: none}
    fix_th: เผยแพร่อำนาจหน้าที่ของหน่วยงาน
  - id: o3
    number: 3
    sub_indicator: "9.1"
    title_th: กฎหมายที่เกี่ยวข้อง
    title_en: Laws
    confidence: high
    sources: [toy handbook 2569]
    requirement_th: กฎหมายที่เกี่ยวข้อง
    names: {th: [ระเบียบที่เกี่ยวข้อง]}
    time_rule: {kind: none}
    fix_th: เผยแพร่กฎหมายที่เกี่ยวข้อง
  - id: o4
    number: 4
    sub_indicator: "9.1"
    title_th: ข่าวประชาสัมพันธ์
    title_en: News
    confidence: high
    sources: [toy handbook 2569]
    requirement_th: ข่าวของปีที่ประเมิน
    names: {th: [ข่าวกิจกรรม]}
    activity_evidence: true
    time_rule: {kind: current_fy}
    fix_th: เผยแพร่ข่าวของปีงบประมาณที่ประเมิน
"""

# The toy 2570 handbook: o1 = structure + duties (merged), o2 = news (renumbered from o4), laws dropped,
# o3 = a new annual report of the whole previous fiscal year.
ANNUAL_REPORT: dict[str, Any] = {
    "id": "o3",
    "number": 3,
    "sub_indicator": "9.1",
    "title_th": "รายงานผลการดำเนินงานประจำปี",
    "title_en": "Annual report",
    "confidence": "high",
    "sources": ["toy handbook 2570"],
    "requirement_th": "รายงานผลการดำเนินงานของปีงบประมาณก่อนปีที่ประเมิน",
    "names": {"th": ["รายงานประจำปี"]},
    "time_rule": {"kind": "previous_fy", "full_year": True},
    "fix_th": "เผยแพร่รายงานผลการดำเนินงานของปีงบประมาณก่อนปีที่ประเมิน",
}

SITE = {
    "index.html": """<html><head><meta charset="utf-8"><title>การเปิดเผยข้อมูลสาธารณะ ITA</title></head><body>
<h1>การประเมิน ITA ปี 2570</h1>
<table>
<tr><td>O1</td><td>โครงสร้างและอำนาจหน้าที่</td><td><a href="/structure.html">คลิก</a></td></tr>
<tr><td>O2</td><td>ข่าวประชาสัมพันธ์</td><td><a href="/news.html">คลิก</a></td></tr>
<tr><td>O3</td><td>รายงานผลการดำเนินงานประจำปี</td><td><a href="/report.html">คลิก</a></td></tr>
</table></body></html>""",
    "structure.html": """<html><head><meta charset="utf-8"><title>โครงสร้างและอำนาจหน้าที่</title></head><body>
<h1>โครงสร้างและอำนาจหน้าที่</h1><img src="/files/chart.png" alt="แผนผังองค์กร">
<p>สำนักงานมีหน้าที่และอำนาจตามกฎกระทรวง ดังนี้ ๑. ส่งเสริมการพัฒนาสังคม ๒. ประสานงานหน่วยงานในจังหวัด</p>
</body></html>""",
    "news.html": """<html><head><meta charset="utf-8"><title>ข่าวประชาสัมพันธ์</title></head><body>
<h1>ข่าวประชาสัมพันธ์</h1><p>15 พฤศจิกายน 2569 สำนักงานจัดกิจกรรมวันลอยกระทง</p>
<p>20 มกราคม 2570 สำนักงานมอบผ้าห่มกันหนาว</p></body></html>""",
    # the 2568 report: for ITA 2570 the assessor wants fiscal year 2569
    "report.html": """<html><head><meta charset="utf-8"><title>รายงานผลการดำเนินงานประจำปี 2568</title></head><body>
<h1>รายงานผลการดำเนินงานประจำปี 2568</h1><p>ผลการดำเนินงานของแต่ละโครงการ</p></body></html>""",
}

LABELS = {
    "fiscal_year": 2570,
    "as_of": "2027-04-30",
    "checklist": "toy-2570",
    "items": {
        "o1": {
            "status": "ok",
            "reason": "the chart and the duties under the ministerial regulation",
            "evidence": ["/structure.html"],
        },
        "o2": {
            "status": "ok",
            "reason": "news of Nov 2569 and Jan 2570, inside fiscal year 2570",
            "evidence": ["/news.html"],
        },
        "o3": {
            "status": "stale",
            "reason": "the report is for 2568; fiscal year 2569 is required",
            "evidence": ["/report.html"],
        },
    },
}


def _follow_steps_2_and_3(old: dict[str, Any]) -> dict[str, Any]:
    """Step 2 (copy, header) and step 3 (links, renumbering, rewrites) of docs/adding-a-year.md."""
    new = copy.deepcopy(old)
    new.update(id="toy-2570", version="2570.1", fiscal_year=2570, previous="toy-2569", status="provisional")
    new.update(title_th="รายการตรวจทดลอง ปี ๒๕๗๐ (ฉบับเบื้องต้น)", title_en="Toy checklist 2570, provisional")
    new["source_note"] = "Provisional: the toy handbook 2570 was read from an agency's copy."
    new["sources"] = [{"title": "the toy handbook 2570"}]
    structure, _duties, _laws, news = new["items"]
    structure.update(title_th="โครงสร้างและอำนาจหน้าที่", merges=["toy-2569:o1", "toy-2569:o2"])
    structure["names"]["th"] += ["หน้าที่และอำนาจ"]
    structure["elements"].append(
        {
            "id": "duties",
            "label_th": "หน้าที่และอำนาจ",
            "label_en": "duties",
            "detect": {"kind": "keywords", "phrases": ["หน้าที่และอำนาจ"]},
        }
    )
    news.update(id="o2", number=2, same_as=["toy-2569:o4"])
    new["items"] = [structure, news, ANNUAL_REPORT]  # the laws are dropped; duties live in o1
    return new


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("checklists")
    old_path = root / "toy-2569.yaml"
    old_path.write_text(TOY_2569, encoding="utf-8")
    new = _follow_steps_2_and_3(yaml.safe_load(TOY_2569))
    new_path = root / "toy-2570.yaml"
    new_path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {"toy-2569": old_path, "toy-2570": new_path}


def _loader(files: dict[str, Path]) -> Any:
    def load(name: str) -> Checklist:
        if name not in files:
            raise ChecklistError(f"no checklist named {name!r}")
        return load_checklist(str(files[name]))

    return load


def test_step_4_validate(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["checklist", "validate", str(files["toy-2570"])])
    assert result.exit_code == 0, result.output
    assert "toy-2570@2570.1, 3 items" in result.output
    new = load_checklist(str(files["toy-2570"]))
    assert (new.fiscal_year, new.previous, new.status) == (2570, "toy-2569", Status.PROVISIONAL)
    assert unresolved_refs(new, _loader(files)) == []


def test_step_4_a_mistake_names_the_file_item_and_field(files: dict[str, Path], tmp_path: Path) -> None:
    data = yaml.safe_load(files["toy-2570"].read_text(encoding="utf-8"))
    data["items"][1]["same_as"] = ["toy-2569:o4", "toy-2569:o3"]
    bad = tmp_path / "toy-2570.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["checklist", "validate", str(bad)])
    assert result.exit_code == 3
    assert "item o2, field same_as" in result.output
    assert "use 'merges' for several" in result.output


def test_step_5_crosswalk(files: dict[str, Path]) -> None:
    load = _loader(files)
    cw = crosswalk(load("toy-2569"), load("toy-2570"), load=load)
    assert [(e.change, e.new_id, e.old_ids) for e in cw.entries] == [
        (Change.MERGED, "o1", ("o1", "o2")),
        (Change.RENUMBERED, "o2", ("o4",)),
        (Change.NEW, "o3", ()),
        (Change.DROPPED, None, ("o3",)),
    ]


@pytest.mark.slow
def test_step_6_a_labelled_fixture_site(files: dict[str, Path], tmp_path: Path) -> None:
    site = tmp_path / "toy2570"
    site.mkdir()
    for name, html in SITE.items():
        (site / name).write_text(html, encoding="utf-8")
    (site / "_expected.yaml").write_text(yaml.safe_dump(LABELS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    labels = yaml.safe_load((site / "_expected.yaml").read_text(encoding="utf-8"))
    checklist = load_checklist(str(files[labels["checklist"]]))
    config = ScanConfig(
        crawl=CrawlConfig(delay=0.0, allow_private=True, max_seconds=60),
        fiscal_year=int(labels["fiscal_year"]),
        as_of=date.fromisoformat(str(labels["as_of"])),
    )
    with serve_site(site) as server:
        result = scan(server.url, checklist, config)
    got = {item.id: item.status.value for item in result.items}
    assert got == {item_id: label["status"] for item_id, label in labels["items"].items()}
