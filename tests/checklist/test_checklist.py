"""The packaged checklists: they load, ita-2566 is complete and self-consistent, bad copies fail clearly."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import Checklist, DetectorKind, Item, TimeRuleKind, load_checklist
from oit_check.cli import app
from oit_check.errors import ChecklistError
from oit_check.thai.text import match_key

CHECKLIST_DIR = Path(__file__).resolve().parents[2] / "checklists"
ITA_2566 = CHECKLIST_DIR / "ita-2566.yaml"
MAIN_CHECKLISTS = sorted(p for p in CHECKLIST_DIR.glob("*.yaml") if not p.name.endswith(".perception.yaml"))

SUB_INDICATORS = {
    "9.1": range(1, 11),
    "9.2": range(11, 19),
    "9.3": range(19, 23),
    "9.4": range(23, 27),
    "9.5": range(27, 31),
    "10.1": range(31, 39),
    "10.2": range(39, 44),
}
ACTIVITY_ITEMS = {"o7", "o30", "o32", "o35", "o40", "o43"}


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist(str(ITA_2566))


@pytest.fixture(scope="module")
def index(checklist: Checklist) -> PhraseIndex:
    return PhraseIndex(checklist)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(ITA_2566.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _names(item: Item) -> tuple[str, ...]:
    """Every phrase that names the item, as the phrase index sees it."""
    return (item.title_th, item.title_en, *item.names.all(), *item.site_labels)


# --------------------------------------------------------------------------------------- loading


def test_main_checklists_exist() -> None:
    assert ITA_2566 in MAIN_CHECKLISTS


@pytest.mark.parametrize("path", MAIN_CHECKLISTS, ids=lambda p: p.name)
def test_every_main_checklist_loads(path: Path) -> None:
    loaded = load_checklist(str(path))
    assert loaded.items
    assert loaded.id == path.stem


def test_default_name_resolves_to_ita_2566() -> None:
    assert load_checklist().id == "ita-2566"


# ------------------------------------------------------------------------------ ita-2566 content


def test_items_are_o1_to_o43_in_order(checklist: Checklist) -> None:
    assert [item.id for item in checklist.items] == [f"o{n}" for n in range(1, 44)]
    assert [item.number for item in checklist.items] == list(range(1, 44))


def test_sub_indicators(checklist: Checklist) -> None:
    assert [ind.id for ind in checklist.indicators] == ["9", "10"]
    assert [s.id for ind in checklist.indicators for s in ind.sub_indicators] == list(SUB_INDICATORS)
    for sub, numbers in SUB_INDICATORS.items():
        assert [it.number for it in checklist.items if it.sub_indicator == sub] == list(numbers), sub
    assert checklist.indicator_of("9.5").id == "9"
    assert checklist.indicator_of("10.2").id == "10"


def test_titles_from_the_seed(checklist: Checklist) -> None:
    assert checklist.item("o1").title_th == "โครงสร้าง"
    assert checklist.item("o8").title_th == "Q&A"
    assert checklist.item("o18").title_th == "E-Service"
    assert checklist.item("o36").title_th == "แผนปฏิบัติการป้องกันการทุจริต"
    assert checklist.item("o43").title_th == "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def test_every_item_has_names_fix_and_time_rule(checklist: Checklist, raw: dict[str, Any]) -> None:
    for item, raw_item in zip(checklist.items, raw["items"], strict=True):
        assert item.names.th, item.id
        assert item.fix_th.strip() and item.fix_en.strip(), item.id
        assert item.requirement_th.strip() and item.requirement_en.strip(), item.id
        assert "time_rule" in raw_item, f"{item.id}: time rule must be stated, not defaulted"
        if item.time_rule.uncertain:
            assert item.time_rule.note, f"{item.id}: an uncertain time rule needs a note"


@pytest.mark.parametrize(
    ("item_id", "kind"),
    [
        ("o4", TimeRuleKind.PLAN_PERIOD),
        ("o7", TimeRuleKind.CURRENT_FY),
        ("o11", TimeRuleKind.CURRENT_FY),
        ("o12", TimeRuleKind.FIRST_HALF),
        ("o13", TimeRuleKind.PREVIOUS_FY),
        ("o21", TimeRuleKind.MONTHLY),
        ("o29", TimeRuleKind.FIRST_HALF),
        ("o36", TimeRuleKind.CURRENT_FY),
        ("o37", TimeRuleKind.FIRST_HALF),
        ("o1", TimeRuleKind.NONE),
    ],
)
def test_key_time_rules(checklist: Checklist, item_id: str, kind: TimeRuleKind) -> None:
    assert checklist.item(item_id).time_rule.kind is kind


def test_monthly_procurement_rule(checklist: Checklist) -> None:
    rule = checklist.item("o21").time_rule
    assert rule.tolerance_months == 0
    assert "ไม่มีการจัดซื้อจัดจ้าง" in rule.empty_month_phrases
    with_coverage = {
        it.id for it in checklist.items for e in it.elements if e.detect.kind is DetectorKind.MONTH_COVERAGE
    }
    assert with_coverage == {"o21"}


def test_uncertain_current_year_rules_are_the_unsettled_ones(checklist: Checklist) -> None:
    # an uncertain current_fy rule also accepts the previous year: keep it to the [?] items
    loose = {it.id for it in checklist.items if it.time_rule.uncertain and it.time_rule.kind is TimeRuleKind.CURRENT_FY}
    assert loose == {"o33", "o41"}


def test_activity_items(checklist: Checklist) -> None:
    assert {it.id for it in checklist.items if it.activity_evidence} == ACTIVITY_ITEMS


def test_only_o9_is_identified_by_a_host(checklist: Checklist, index: PhraseIndex) -> None:
    required_hosts = {
        it.id for it in checklist.items for e in it.elements if e.required and e.detect.kind is DetectorKind.LINK_HOST
    }
    assert required_hosts == {"o9"}
    assert index.identity_host_items("www.facebook.com") == ["o9"]
    assert index.identity_host_items("www.example.go.th") == []


def test_url_hints_are_safe_slugs(checklist: Checklist) -> None:
    for item in checklist.items:
        for hint in item.url_hints:
            assert hint.isascii() and len(match_key(hint)) >= 3, (item.id, hint)
            assert match_key(hint) != item.id, (item.id, hint)  # "o1" is inside "o12"


def test_top_level_lists(checklist: Checklist) -> None:
    assert checklist.item_code_prefixes == ("o", "oit", "ข้อ")
    assert "ไม่พบหน้าที่ต้องการ" in checklist.error_page_markers
    assert "อยู่ระหว่างจัดทำ" in checklist.placeholder_markers
    assert "คลิก" in checklist.generic_link_texts
    assert "drive.google.com" in checklist.evidence_file_hosts
    assert "การเปิดเผยข้อมูลสาธารณะ" in checklist.index_page_names.th


def test_thai_text_is_clean() -> None:
    text = ITA_2566.read_text(encoding="utf-8")
    assert "\u0e4d\u0e32" not in text  # nikhahit + sara aa instead of sara am
    assert not any(ch in text for ch in "\u200b\u200c\u200d\ufeff")


# -------------------------------------------------------------------------- phrase consistency


def test_names_do_not_contain_own_exclusions(checklist: Checklist) -> None:
    for item in checklist.items:
        excluded = [match_key(x) for x in item.exclude]
        for name in _names(item):
            key = match_key(name)
            assert not [x for x in excluded if x in key], (item.id, name)


def test_no_name_is_shared_between_items(checklist: Checklist) -> None:
    owner: dict[str, str] = {}
    for item in checklist.items:
        for name in _names(item):
            key = match_key(name)
            assert owner.setdefault(key, item.id) == item.id, f"{name!r}: {owner[key]} and {item.id}"


def test_each_name_is_won_by_its_item(checklist: Checklist, index: PhraseIndex) -> None:
    for item in checklist.items:
        for name in _names(item):
            assert item.id in index.score(name).winners(), (item.id, name, index.score(name).winners())


def test_passing_mention_markers_spare_item_names(checklist: Checklist) -> None:
    markers = [match_key(m) for m in checklist.passing_mention_markers]
    for item in checklist.items:
        if item.activity_evidence:
            continue
        for name in _names(item):
            assert not [m for m in markers if m in match_key(name)], (item.id, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real labels and document titles (domain/real-world-patterns.md 1 and 4.1)
        ("O1 - โครงสร้างและอำนาจหน้าที่", ["o1", "o3"]),
        ("010 - แผนดำเนินงานประจำปี", ["o11"]),
        ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", ["o11"]),
        ("แผนปฏิบัติราชการ 5 ปี (พ.ศ. 2566-2570)", ["o4"]),
        ("รายงานการกำกับติดตามการดำเนินงานรอบ ๖ เดือน", ["o12"]),
        ("รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2566 รอบ 6 เดือน (ต.ค.65 - มี.ค.66)", ["o12"]),
        ("รายงานผลการดำเนินงานของสถาบันประจำปีงบประมาณ พ.ศ.2564", ["o13"]),
        ("รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ ๖ เดือน", ["o37"]),
        ("รายงานผลการดำเนินการป้องกันการทุจริต ประจำปี 2566 รอบ 6 เดือน", ["o37"]),
        ("รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปี 2565", ["o38"]),
        ("แผนปฏิบัติการป้องกันการทุจริต ๒๕๖๐ - ๒๕๖๔", ["o36"]),
        ("1.สขร.เดือน ตุลาคม 2567", ["o21"]),
        ("สรุปผลการจัดซื้อจัดจ้างประจำเดือนมิถุนายน 2569", ["o21"]),
        ("สรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2566 เดือนตุลาคม", ["o21"]),
        ("รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", ["o22"]),
        ("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2566", ["o19"]),
        ("ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน", ["o20"]),
        ("แผนบริหารทรัพยากรบุคคล ปี 2569", ["o23"]),
        ("รายงานผลการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ 2568", ["o26"]),
        ("027 หลักเกณฑ์การบริหารและการพัฒนาทรัพยากรบุคคล 2563", ["o25"]),
        ("คู่มือ การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", ["o27"]),
        ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตประพฤติมิชอบ", ["o28"]),
        ("รายงานสรุปผลเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ไตรมาส 4", ["o29"]),
        ("O31 : ประกาศเจตนารมณ์นโยบาย No Gift Policy จาก การปฏิบัติหน้าที่", ["o31"]),
        ("รายงานผลการดำเนินงานตามนโยบาย No Gift Policy 2568", ["o33"]),
        ("การประเมินความเสี่ยงการทุจริตในประเด็นที่เกี่ยวข้องกับสินบน ปีงบประมาณ พ.ศ. 2567", ["o34"]),
        ("คำสั่งแต่งตั้งคณะทำงานขับเคลื่อนจริยธรรม 2569", ["o40"]),
        ("สื่อ DO and Dont", ["o40"]),
        ("Q&A (ถาม-ตอบ)", ["o8"]),
        ("นโยบายคุ้มครองข้อมูลส่วนบุคคล (Privacy Policy)", ["o10"]),
        ("ข่าวจัดซื้อจัดจ้าง", ["o20"]),  # not o7 news
        # texts that name no item
        ("โครงการซ่อมแซมโครงสร้างพื้นฐาน", []),
        ("สายด่วนผู้บริหาร", []),
        ("การดำเนินการเพื่อป้องกันการทุจริต", []),
    ],
)
def test_real_labels_go_to_the_right_item(index: PhraseIndex, text: str, expected: list[str]) -> None:
    assert index.score(text).winners() == expected


# ----------------------------------------------------------------------------- broken copies


def _write(tmp_path: Path, data: dict[str, Any], name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(it for it in data["items"] if it["id"] == item_id)


def _bad_value(data: dict[str, Any]) -> None:
    _item(data, "o12")["time_rule"]["kind"] = "sometimes"


def _unknown_key(data: dict[str, Any]) -> None:
    _item(data, "o7")["colour"] = "red"


def _bad_regex(data: dict[str, Any]) -> None:
    _item(data, "o5")["elements"][1]["detect"]["pattern"] = "(0\\d{1,2}"


def _duplicate_id(data: dict[str, Any]) -> None:
    dup = copy.deepcopy(_item(data, "o20"))
    data["items"].append(dup)


@pytest.mark.parametrize(
    ("breaker", "item_id", "field"),
    [
        (_bad_value, "o12", "time_rule.kind"),
        (_unknown_key, "o7", "colour"),
        (_bad_regex, "o5", "elements.1.detect"),
        (_duplicate_id, "o20", "duplicate id"),
    ],
    ids=["bad-value", "unknown-key", "bad-regex", "duplicate-id"],
)
def test_broken_copy_names_file_item_and_field(
    tmp_path: Path, raw: dict[str, Any], breaker: Any, item_id: str, field: str
) -> None:
    data = copy.deepcopy(raw)
    breaker(data)
    path = _write(tmp_path, data)
    with pytest.raises(ChecklistError) as info:
        load_checklist(str(path))
    message = info.value.message
    assert str(path.resolve()) in message or path.name in message
    assert item_id in message
    assert field in message


def test_untouched_copy_loads(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = _write(tmp_path, copy.deepcopy(raw), "copy.yaml")
    assert load_checklist(str(path)) == load_checklist(str(ITA_2566))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nitems: [\n", encoding="utf-8")
    with pytest.raises(ChecklistError, match="line"):
        load_checklist(str(path))


# ------------------------------------------------------------------------------------------ CLI


def test_cli_validate_good_file() -> None:
    result = CliRunner().invoke(app, ["checklist", "validate", str(ITA_2566)])
    assert result.exit_code == 0, result.output
    assert "43 items" in result.output


def test_cli_validate_bad_file(tmp_path: Path, raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    _unknown_key(data)
    path = _write(tmp_path, data)
    result = CliRunner().invoke(app, ["checklist", "validate", str(path)])
    assert result.exit_code == 3
