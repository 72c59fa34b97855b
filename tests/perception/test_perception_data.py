"""The perception data file: complete, consistent with the seed, and strict about mistakes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from oit_check.checklist.loader import checklist_dir, load_checklist
from oit_check.cli import app
from oit_check.errors import ChecklistError
from oit_check.perception.loader import load_oit_titles, load_perception, resolve_perception_path
from oit_check.perception.schema import Diagnosis, PerceptionData
from perception_support import SEED_SECTION


@pytest.fixture(scope="module")
def data() -> PerceptionData:
    return load_perception()


def test_every_perception_file_loads() -> None:
    files = sorted(checklist_dir().glob("*.perception.yaml"))
    assert files
    for path in files:
        assert load_perception(str(path)).questions


def test_questions_and_indicators(data: PerceptionData) -> None:
    assert [q.code for q in data.questions] == [f"i{n}" for n in range(1, 31)] + [f"e{n}" for n in range(1, 16)]
    assert {q.indicator for q in data.questions if q.code[0] == "i"} == {1, 2, 3, 4, 5}
    assert {q.indicator for q in data.questions if q.code[0] == "e"} == {6, 7, 8}
    assert data.question("e13").indicator == 8
    assert [t.id for t in data.tools] == ["iit", "eit", "oit"]


def test_question_texts_are_the_seeds_wording(data: PerceptionData) -> None:
    digits = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    seen = 0
    for line in SEED_SECTION.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\t([ie])([๐-๙]+) (.*?)\t", line)
        if m:
            code = m.group(1) + m.group(2).translate(digits)
            assert data.question(code).text_th == m.group(3), code
            seen += 1
    assert seen == 44  # e15's code is damaged in the seed (๑๑๕)
    assert data.question("e15").text_th == "หน่วยงานมีการปรับปรุงองค์กรให้มีความโปร่งใสมากขึ้น มากน้อยเพียงใด"


@pytest.mark.parametrize(
    ("codes", "oit"),
    [
        (["e13"], {"o18"}),
        (["e10"], {"o28"}),
        (["e8"], {"o8"}),
        (["e6", "e7"], {f"o{n}" for n in range(1, 11)}),
        (["i7", "i8"], {"o11", "o12", "o13", "o19", "o20", "o21", "o22"}),
        (["i13", "i14", "i15"], {"o23", "o24", "o25", "o26"}),
        (["i25"], {"o31", "o32", "o33"}),
        (["i26", "e15"], {f"o{n}" for n in range(34, 39)}),
        (["i28"], {"o42", "o43"}),
        (["i19", "i20", "i21"], set()),
    ],
)
def test_links_required_by_the_issue(data: PerceptionData, codes: list[str], oit: set[str]) -> None:
    for code in codes:
        linked = set(data.link_of(code).oit)
        assert oit <= linked if oit else linked == set(), code


def test_seven_themes_with_five_column_measures(data: PerceptionData) -> None:
    assert [t.number for t in data.themes] == [1, 2, 3, 4, 5, 6, 7]
    assert [t.title_th for t in data.themes][:3] == [
        "การปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "การให้บริการและระบบ E-Service",
        "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    ]
    for theme in data.themes:
        assert set(theme.recommendation_th) == set(Diagnosis)
        for m in theme.measures:
            assert m.title_th and m.steps_th and m.responsible_th and m.monitoring_th


def test_links_exist_in_the_oit_checklist(data: PerceptionData) -> None:
    try:
        checklist = load_checklist(data.checklist)
    except ChecklistError as exc:
        pytest.skip(f"the OIT checklist {data.checklist} does not load yet: {exc.message}")
    ids = {item.id for item in checklist.items}
    for link in data.links:
        assert set(link.oit) <= ids


def _broken_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(resolve_perception_path().read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "broken.perception.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_error_names_file_entry_and_field(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, lambda raw: raw["questions"][6].pop("text_th"))
    with pytest.raises(ChecklistError) as err:
        load_perception(str(path))
    assert str(path) in err.value.message
    assert "question i7, field text_th: Field required" in err.value.message


def test_error_names_a_measure(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, lambda raw: raw["themes"][2]["measures"][1].pop("monitoring_th"))
    with pytest.raises(
        ChecklistError, match="theme communication, measure communication-channels, field monitoring_th"
    ):
        load_perception(str(path))


def test_unknown_placeholder_is_caught(tmp_path: Path) -> None:
    def edit(raw: dict) -> None:  # type: ignore[type-arg]
        raw["document"]["item_clause"] = "ประเด็น{topik} ({code})"

    with pytest.raises(ChecklistError, match=r"document.item_clause: unknown placeholder\(s\) \['topik'\]"):
        load_perception(str(_broken_copy(tmp_path, edit)))


def test_unlinked_item_is_caught(tmp_path: Path) -> None:
    def edit(raw: dict) -> None:  # type: ignore[type-arg]
        raw["links"] = [link for link in raw["links"] if "e13" not in link["perception"]]

    with pytest.raises(ChecklistError, match="perception items without a theme: \\['e13'\\]"):
        load_perception(str(_broken_copy(tmp_path, edit)))


def test_missing_file() -> None:
    with pytest.raises(ChecklistError, match="no perception data named 'ita-2499'"):
        load_perception("ita-2499")


def test_pass_line_comes_from_the_grading(data: PerceptionData, tmp_path: Path) -> None:
    assert data.pass_line == 85.0

    def no_pass(raw: dict) -> None:  # type: ignore[type-arg]
        for band in raw["grading"]:
            band.pop("passes", None)

    with pytest.raises(ChecklistError, match="field grading: no band has passes: true"):
        load_perception(str(_broken_copy(tmp_path, no_pass)))

    def failing_above(raw: dict) -> None:  # type: ignore[type-arg]
        raw["grading"].insert(0, {"min": 95, "label_th": "ดีมาก", "label_en": "very good"})

    with pytest.raises(ChecklistError, match="a band at min 95 does not pass but is above the pass line"):
        load_perception(str(_broken_copy(tmp_path, failing_above)))


def test_an_oit_checklist_that_does_not_load_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="the OIT checklist 'ita-2499' named by the perception data does not load"):
        load_oit_titles("ita-2499")
    path = _broken_copy(tmp_path, lambda raw: raw.update(checklist="ita-2499"))
    out = CliRunner().invoke(app, ["results", "import", str(SEED_SECTION), "--perception", str(path)])
    assert out.exit_code == 3
    assert "the OIT checklist 'ita-2499'" in out.stderr
