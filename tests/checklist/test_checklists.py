"""Every packaged checklist: it loads, says where its knowledge comes from, links real items, and its
phrases are consistent; the schema rejects malformed ids, links and options with file, item and field named."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import Checklist, Confidence, Framework, Item, Status, TimeRuleKind, load_checklist
from oit_check.checklist.crosswalk import unresolved_refs
from oit_check.errors import ChecklistError
from oit_check.thai.text import match_key

CHECKLIST_DIR = Path(__file__).resolve().parents[2] / "checklists"
FILES = sorted(p for p in CHECKLIST_DIR.glob("*.yaml") if not p.name.endswith(".perception.yaml"))
NAMES = [p.stem for p in FILES]

EXPECTED = {
    # id: (framework, fiscal year, status, number of items, id prefix, previous)
    "ita-2566": (Framework.NACC, 2566, Status.FINAL, 43, "o", None),
    "ita-2567": (Framework.NACC, 2567, Status.PROVISIONAL, 43, "o", "ita-2566"),
    "ita-2568": (Framework.NACC, 2568, Status.PROVISIONAL, 26, "o", "ita-2567"),
    "ita-2569": (Framework.NACC, 2569, Status.PROVISIONAL, 26, "o", "ita-2568"),
    "ovec-2569": (Framework.OVEC, 2569, Status.PROVISIONAL, 23, "o", None),
    "moph-moit-2569": (Framework.MOPH, 2569, Status.PROVISIONAL, 22, "moit", None),
}


@pytest.fixture(scope="module", params=NAMES)
def checklist(request: pytest.FixtureRequest) -> Checklist:
    return load_checklist(str(CHECKLIST_DIR / f"{request.param}.yaml"))


@functools.cache
def _raw_cached(name: str) -> dict[str, Any]:
    data = yaml.safe_load((CHECKLIST_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _raw(name: str) -> dict[str, Any]:
    return copy.deepcopy(_raw_cached(name))


def _small_2569() -> dict[str, Any]:
    """ita-2569 cut down to the items the broken copies touch (quick to write and read)."""
    data = _raw("ita-2569")
    data["items"] = [it for it in data["items"] if it["id"] in {"o3", "o4", "o6", "o11", "o12", "o25"}]
    return data


@functools.cache
def _index(name: str) -> PhraseIndex:
    return PhraseIndex(load_checklist(name))


def _names(item: Item) -> tuple[str, ...]:
    return (item.title_th, item.title_en, *item.names.all(), *item.site_labels)


# ----------------------------------------------------------------------------- what ships


def test_the_six_checklists_ship() -> None:
    assert set(NAMES) == set(EXPECTED)


def test_metadata(checklist: Checklist) -> None:
    framework, year, status, count, prefix, previous = EXPECTED[checklist.id]
    assert (checklist.framework, checklist.fiscal_year, checklist.status) == (framework, year, status)
    assert len(checklist.items) == count
    assert [it.id for it in checklist.items] == [f"{prefix}{n}" for n in range(1, count + 1)]
    assert checklist.previous == previous
    assert checklist.sources and all(s.title.strip() for s in checklist.sources)
    assert checklist.framework_markers
    assert str(year) in checklist.id


def test_provisional_files_say_so(checklist: Checklist) -> None:
    if checklist.status is Status.PROVISIONAL:
        assert checklist.source_note.startswith("Provisional:"), checklist.id
        assert "provisional" in checklist.title_en.lower()
        assert "ฉบับเบื้องต้น" in checklist.title_th
    else:
        assert "provisional" not in checklist.title_en.lower()


def test_every_item_has_confidence_and_sources(checklist: Checklist) -> None:
    for item in checklist.items:
        assert item.confidence is not None, item.id
        assert item.sources, item.id
        assert item.names.th and item.fix_th.strip() and item.fix_en.strip(), item.id
        assert item.requirement_th.strip() and item.requirement_en.strip(), item.id


def test_time_rules_are_stated(checklist: Checklist) -> None:
    raw_items = _raw(checklist.id)["items"]
    for item, raw_item in zip(checklist.items, raw_items, strict=True):
        assert "time_rule" in raw_item, f"{checklist.id} {item.id}: time rule must be stated, not defaulted"
        if item.time_rule.uncertain:
            assert item.time_rule.note, f"{checklist.id} {item.id}: an uncertain time rule needs a note"


def test_identity_links_resolve(checklist: Checklist) -> None:
    assert unresolved_refs(checklist) == []


def test_nacc_items_link_the_previous_year() -> None:
    """2567 continues 2566 item for item; 2568 and 2569 items name their predecessors in the year
    before, except the new items and the 2567 items that 2568 dropped and 2569 brought back."""
    ita2567 = load_checklist("ita-2567")
    assert [it.same_as for it in ita2567.items] == [(f"ita-2566:o{n}",) for n in range(1, 44)]
    unlinked = {"ita-2568": {"o23"}, "ita-2569": {"o25"}}
    skips = {"ita-2568": set(), "ita-2569": {"ita-2567:o8", "ita-2567:o25", "ita-2567:o43"}}
    for name, previous in (("ita-2568", "ita-2567"), ("ita-2569", "ita-2568")):
        checklist = load_checklist(name)
        assert {it.id for it in checklist.items if not it.links()} == unlinked[name]
        for item in checklist.items:
            for _kind, ref in item.links():
                assert ref.startswith(previous + ":") or ref in skips[name], (name, item.id, ref)


def test_inferred_items_are_not_high_confidence(checklist: Checklist) -> None:
    if checklist.id == "ita-2566":
        return
    for item in checklist.items:
        if item.inferred and item.confidence is Confidence.HIGH:
            # a [S] title with carried-over elements: the sources must say where the elements come from
            assert any("2566" in s or "2567" in s or "ita-" in s for s in item.sources), (checklist.id, item.id)


def test_confidence_counts() -> None:
    """The research marks: 2568 has four items whose titles were not seen, 2569 three (o2, o6, o7)."""
    low = {name: {it.id for it in load_checklist(name).items if it.confidence is Confidence.LOW} for name in NAMES}
    assert low["ita-2568"] == {"o2", "o5", "o6", "o7", "o25", "o26"}
    assert low["ita-2569"] == {"o2", "o6", "o7"}
    assert low["ovec-2569"] == set()


def test_key_time_rules() -> None:
    ita2569 = load_checklist("ita-2569")
    for item_id in ("o12", "o14", "o18", "o22", "o24", "o26"):
        rule = ita2569.item(item_id).time_rule
        assert rule.kind in (TimeRuleKind.PREVIOUS_FY, TimeRuleKind.MONTHLY), item_id
        assert rule.full_year or rule.previous_year, item_id
    assert ita2569.item("o11").time_rule.kind is TimeRuleKind.MONTHLY
    assert ita2569.item("o11").time_rule.accept_quarters
    assert ita2569.item("o5").time_rule.kind is TimeRuleKind.PLAN_PERIOD
    # complaint statistics: the whole previous year for the NACC since 2568, the first half for OVEC
    assert load_checklist("ita-2568").item("o19").time_rule.full_year
    assert load_checklist("ovec-2569").item("o19").time_rule.kind is TimeRuleKind.FIRST_HALF
    assert load_checklist("ovec-2569").item("o8").time_rule.academic_year


def test_ita_2567_is_ita_2566_with_the_years_moved() -> None:
    old, new = load_checklist("ita-2566"), load_checklist("ita-2567")
    for a, b in zip(old.items, new.items, strict=True):
        assert (a.id, a.title_th, a.names, a.elements, a.time_rule.kind) == (
            b.id,
            b.title_th,
            b.names,
            b.elements,
            b.time_rule.kind,
        )


def test_thai_text_is_clean() -> None:
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert "\u0e4d\u0e32" not in text, path.name  # nikhahit + sara aa instead of sara am
        assert not any(ch in text for ch in "\u200b\u200c\u200d\ufeff"), path.name


# ------------------------------------------------------------------------- phrase consistency


def test_names_do_not_contain_own_exclusions(checklist: Checklist) -> None:
    for item in checklist.items:
        excluded = [match_key(x) for x in item.exclude]
        for name in _names(item):
            assert not [x for x in excluded if x in match_key(name)], (checklist.id, item.id, name)


def test_no_name_is_shared_between_items(checklist: Checklist) -> None:
    owner: dict[str, str] = {}
    for item in checklist.items:
        for name in _names(item):
            key = match_key(name)
            assert owner.setdefault(key, item.id) == item.id, f"{checklist.id} {name!r}: {owner[key]} and {item.id}"


def test_each_name_is_won_by_its_item(checklist: Checklist) -> None:
    index = _index(checklist.id)
    for item in checklist.items:
        for name in _names(item):
            assert item.id in index.score(name).winners(), (checklist.id, item.id, name)


def test_passing_mention_markers_spare_item_names(checklist: Checklist) -> None:
    markers = [match_key(m) for m in checklist.passing_mention_markers]
    for item in checklist.items:
        if not item.activity_evidence:
            for name in _names(item):
                assert not [m for m in markers if m in match_key(name)], (checklist.id, item.id, name)


def test_url_hints_are_safe_slugs(checklist: Checklist) -> None:
    for item in checklist.items:
        for hint in item.url_hints:
            assert hint.isascii() and len(match_key(hint)) >= 3, (checklist.id, item.id, hint)


# Headings and link titles as real sites publish them (ita-2567-2570.md §3-§7; RTRDA, OVEC colleges,
# a MOPH hospital), with the item each must go to.
REAL_LABELS = [
    ("ita-2568", "O12 รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", ["o12"]),
    ("ita-2568", "O19 ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปี พ.ศ. 2567", ["o19"]),
    ("ita-2568", "O23 การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบนจากการดำเนินงานตามภารกิจของหน่วยงานประจำปี พ.ศ. 2568", ["o23"]),
    ("ita-2568", "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568 รอบ 6 เดือน (ต.ค.67 - มี.ค.68)", ["o6"]),
    ("ita-2568", "Q&A", []),
    ("ita-2569", "O1 โครงสร้าง หน้าที่และอำนาจ", ["o1"]),
    ("ita-2569", "O3 ข้อมูลการติดต่อและช่องทางการสอบถาม", ["o3"]),
    ("ita-2569", "O10 ระบบการให้บริการผ่านช่องทางออนไลน์ (E-SERVICE)", ["o10"]),
    ("ita-2569", "O11 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน ประจำปีงบประมาณ พ.ศ. 2569", ["o11"]),
    ("ita-2569", "O12 รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2568", ["o12"]),
    ("ita-2569", "แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ.2568", ["o12"]),
    ("ita-2569", "O13 หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2569", ["o13"]),
    ("ita-2569", "แผนบริหารทรัพยากรบุคคล ปี 2569", ["o13"]),
    ("ita-2569", "O15 ประมวลจริยธรรมการขับเคลื่อนจริยธรรม", ["o15"]),
    ("ita-2569", "o 16 แนวทางปฏิบัติ การจัดการเรื่องร้องเรียน", ["o16"]),
    ("ita-2569", "O18 ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ..2568", ["o18"]),
    ("ita-2569", "O19 ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน ปีงบประมาณ พ.ศ. 2569", ["o19"]),
    ("ita-2569", "หลักเกณฑ์การรับทรัพย์สิน มาตรา 128", ["o20"]),
    ("ita-2569", "รายงานผลการดำเนินงานตามนโยบาย No Gift Policy 2568", ["o20"]),
    ("ita-2569", "O21 การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2569", ["o21"]),
    ("ita-2569", "รายงานผลตามแผนบริหารความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2568", ["o22"]),
    ("ita-2569", "024รายงานผลการดำเนินการป้องกันการทุจริต ปีงบประมาณ 2568", ["o24"]),
    ("ita-2569", "O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", ["o25"]),
    ("ita-2569", "O26 รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานปีงบประมาณ พ.ศ.. 2568", ["o26"]),
    ("ita-2569", "กฎหมายที่เกี่ยวข้อง", []),
    ("ovec-2569", "O8 รายงานผลการประเมินตนเอง (SAR) ของสถานศึกษาประจำปี", ["o8"]),
    ("ovec-2569", "O15 ข้อมูลเชิงสถิติและความพึงพอใจต่อการให้บริการ", ["o15"]),
    ("ovec-2569", "O20 ประกาศเจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy)", ["o20"]),
    ("ovec-2569", "1.สขร.เดือน ตุลาคม 2567", ["o11"]),
    ("moph-moit-2569", "MOIT 12 หน่วยงานมีมาตรการ “การป้องกันการรับสินบน” ที่เป็นระบบ", ["moit12"]),
    (
        "moph-moit-2569",
        "MOIT 16 หน่วยงานมีรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกัน ปราบปรามการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. 2569",
        ["moit16"],
    ),
    ("moph-moit-2569", "MOIT 20 หน่วยงานมีส่วนร่วมกิจกรรมวันต่อต้านคอรัปชั่นสากล (ประเทศไทย) วันที่ 9 ธันวาคม พ.ศ. 2568", ["moit20"]),
    (
        "moph-moit-2569",
        "MOIT 22 หน่วยงานมีแนวปฏิบัติที่เคารพสิทธิมนุษยชนและศักดิ์ศรีของผู้ปฏิบัติงาน และรายงานการป้องกันและแก้ไขปัญหาการล่วงละเมิดหรือคุกคามทางเพศในการทำงาน",
        ["moit22"],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), REAL_LABELS, ids=lambda v: v if isinstance(v, str) and len(v) < 15 else None
)
def test_real_labels_go_to_the_right_item(name: str, text: str, expected: list[str]) -> None:
    assert _index(name).score(text).winners() == expected


def test_moit_codes_are_read() -> None:
    index = _index("moph-moit-2569")
    assert index.codes("MOIT 12 หน่วยงานมีมาตรการ") == ["moit12"]
    assert index.codes("MOIT1 ข้อ 1.1 มาตรการ") == ["moit1"]


# ------------------------------------------------------------------------------ the schema


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(it for it in data["items"] if it["id"] == item_id)


def _set(item_id: str, **fields: Any) -> Any:
    def breaker(data: dict[str, Any]) -> None:
        _item(data, item_id).update(fields)

    return breaker


@pytest.mark.parametrize(
    ("breaker", "item_id", "field"),
    [
        (_set("o3", same_as=["ita-2568"]), "o3", "same_as"),
        (_set("o3", same_as=["ita-2568:o3", "ita-2568:o4"]), "o3", "same_as"),
        (_set("o6", merges=["ita-2568:o6"]), "o6", "merges"),
        (_set("o11", splits=["ita-2568:o12", "ita-2568:o13"]), "o11", "splits"),
        (_set("o4", merges=["ita-2568:o4", "ita-2568:o5"]), "o4", "links"),
        (_set("o25", same_as=["ita-2568:o25"]), "o25", "replaces"),
        (_set("o4", same_as=["ita-2569:o5"]), "o4", "points into this checklist"),
        (_set("o4", confidence="sure"), "o4", "confidence"),
        (_set("o4", sources=[" "]), "o4", "sources"),
        (_set("o4", id="O4"), "O4", "id"),
        (_set("o4", id="x4"), "x4", "prefix"),
        (_set("o12", time_rule={"kind": "previous_fy", "accept_quarters": True}), "o12", "accept_quarters"),
    ],
)
def test_broken_copy_names_file_item_and_field(tmp_path: Path, breaker: Any, item_id: str, field: str) -> None:
    data = _small_2569()
    breaker(data)
    path = _write(tmp_path, data)
    with pytest.raises(ChecklistError) as info:
        load_checklist(str(path))
    message = info.value.message
    assert path.name in message
    assert re.search(rf"\b{re.escape(item_id)}\b", message), message
    assert field in message, message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("framework", "obec", "framework"),
        ("status", "draft", "status"),
        ("previous", "ITA 2568", "previous"),
        ("fiscal_year", 69, "fiscal_year"),
    ],
)
def test_bad_checklist_fields_are_named(tmp_path: Path, field: str, value: Any, expected: str) -> None:
    data = _small_2569()
    data[field] = value
    with pytest.raises(ChecklistError, match=expected):
        load_checklist(str(_write(tmp_path, data)))


def test_unresolved_refs_are_reported(tmp_path: Path) -> None:
    data = _raw("ita-2569")
    data["id"] = "ita-2570"
    data["fiscal_year"] = 2570
    _item(data, "o1")["same_as"] = ["ita-2568:o99"]
    _item(data, "o2")["same_as"] = ["ita-2590:o2"]
    path = tmp_path / "ita-2570.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = unresolved_refs(load_checklist(str(path)))
    assert any("item o1" in p and "ita-2568:o99" in p for p in problems)
    assert any("item o2" in p and "ita-2590" in p for p in problems)
