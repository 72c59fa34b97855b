"""Crosswalks between checklists follow identity links through the years in between (2569 -> 2568 -> 2567 -> 2566)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from oit_check.checklist import Checklist, load_checklist
from oit_check.checklist.crosswalk import Change, Crosswalk, crosswalk, lineage
from oit_check.errors import ChecklistError


@pytest.fixture(scope="module")
def cw_2566_2569() -> Crosswalk:
    return crosswalk(load_checklist("ita-2566"), load_checklist("ita-2569"))


def _merged(cw: Crosswalk) -> dict[str, set[str]]:
    return {e.new_id or "": set(e.old_ids) for e in cw.of(Change.MERGED)}


def test_every_item_of_both_checklists_is_classified(cw_2566_2569: Crosswalk) -> None:
    new_ids = [e.new_id for e in cw_2566_2569.entries if e.new_id is not None]
    assert new_ids == [f"o{n}" for n in range(1, 27)]
    accounted = {old for e in cw_2566_2569.entries for old in e.old_ids}
    assert accounted == {f"o{n}" for n in range(1, 44)}
    assert sum(cw_2566_2569.counts().values()) == len(cw_2566_2569.entries)
    assert (cw_2566_2569.old_id, cw_2566_2569.new_id) == ("ita-2566", "ita-2569")


def test_the_merges_of_issue_11(cw_2566_2569: Crosswalk) -> None:
    merged = _merged(cw_2566_2569)
    assert merged["o1"] == {"o1", "o3"}  # structure with duties
    assert merged["o6"] == {"o11", "o12"}  # plan with its (6-month) progress
    assert merged["o11"] == {"o19", "o21"}  # procurement list with progress (2568 o12), monthly part kept in 2569
    assert {"o31", "o32"} <= merged["o20"]  # No Gift declaration with its culture (and the gift report)
    assert merged["o15"] == {"o39", "o40"}  # code of ethics with ethics promotion


def test_the_drops(cw_2566_2569: Crosswalk) -> None:
    dropped = {e.old_ids[0] for e in cw_2566_2569.of(Change.DROPPED)}
    # laws, social network, privacy policy, satisfaction survey, procurement notices, the 6-month HR and
    # anti-corruption reports, and the ethics assessment
    assert {"o6", "o9", "o10", "o17", "o20", "o24", "o37", "o41"} <= dropped
    # the operations 6-month report was merged into the plan, not dropped
    assert "o12" not in dropped


def test_qa_was_dropped_in_2568_and_came_back_in_2569(cw_2566_2569: Crosswalk) -> None:
    """The research (ita-2567-2570.md §4.2, §6): 2568 has no Q&A; 2569 o3 adds an enquiry channel."""
    to_2568 = crosswalk(load_checklist("ita-2566"), load_checklist("ita-2568"))
    dropped_2568 = {e.old_ids[0] for e in to_2568.of(Change.DROPPED)}
    assert {"o6", "o8", "o9", "o10", "o17", "o20", "o24", "o37"} <= dropped_2568
    assert _merged(cw_2566_2569)["o3"] == {"o5", "o8"}


def test_the_new_items(cw_2566_2569: Crosswalk) -> None:
    new = {e.new_id: e for e in cw_2566_2569.of(Change.NEW)}
    assert set(new) == {"o21", "o25"}
    # the corruption-risk assessment of 2569 continues 2568's bribery-risk item, new in 2568
    assert new["o21"].replaces == ("o34",)
    assert new["o21"].also_from == ("ita-2568:o23",)
    assert load_checklist("ita-2568").item("o23").title_th.startswith("การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบน")
    # using the ITA results to develop the organisation takes over the integrity measures' role
    assert new["o25"].new_title_th == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert new["o25"].replaces == ("o42",)
    replaced = {e.old_ids[0]: e.replaced_by for e in cw_2566_2569.of(Change.DROPPED) if e.replaced_by}
    assert replaced == {"o34": ("o21",), "o42": ("o25",)}


def test_hr_plan_o23_becomes_o13(cw_2566_2569: Crosswalk) -> None:
    assert cw_2566_2569.new_ids_of("o23") == ("o13",)
    entry = cw_2566_2569.for_new("o13")
    assert entry.change is Change.MERGED
    assert set(entry.old_ids) == {"o23", "o25"}  # with the HR criteria
    # the path runs through every year in between
    path = next(p for p in entry.paths if p[-1].ref == "ita-2566:o23")
    assert [(s.checklist_id, s.item_id) for s in path] == [
        ("ita-2569", "o13"),
        ("ita-2568", "o14"),
        ("ita-2567", "o23"),
    ]
    assert lineage(load_checklist("ita-2569"), "o13", "ita-2566") == ("o23", "o25")


def test_renumbered_renamed_and_kept(cw_2566_2569: Crosswalk) -> None:
    news = cw_2566_2569.for_new("o4")
    assert (news.change, news.old_ids, news.renumbered, news.renamed) == (Change.RENUMBERED, ("o7",), True, False)
    stats = cw_2566_2569.for_new("o18")
    assert (stats.change, stats.old_ids, stats.renumbered, stats.renamed) == (Change.RENAMED, ("o29",), True, True)
    assert cw_2566_2569.for_new("o2").change is Change.KEPT
    assert cw_2566_2569.for_new("o26").old_ids == ("o43",)  # skips 2568, which had no such item


def test_one_year_steps() -> None:
    same = crosswalk(load_checklist("ita-2566"), load_checklist("ita-2567"))
    assert same.counts()[Change.KEPT] == 43
    step = crosswalk(load_checklist("ita-2568"), load_checklist("ita-2569"))
    split = step.for_new("o11")
    assert (split.change, split.old_ids) == (Change.SPLIT, ("o12",))
    contact = step.for_new("o3")
    assert (contact.change, contact.old_ids, contact.also_from) == (Change.RENAMED, ("o3",), ("ita-2567:o8",))
    assert {e.new_id for e in step.of(Change.NEW)} == {"o25", "o26"}
    assert step.of(Change.DROPPED) == ()


def test_variants_link_the_nacc_list() -> None:
    ovec = crosswalk(load_checklist("ita-2566"), load_checklist("ovec-2569"))
    assert set(ovec.for_new("o1").old_ids) == {"o1", "o3"}
    assert ovec.for_new("o8").change is Change.NEW  # the SAR is OVEC's own
    moph = crosswalk(load_checklist("ita-2567"), load_checklist("moph-moit-2569"))
    assert moph.for_new("moit5").old_ids == ("o21",)
    assert moph.for_new("moit20").change is Change.NEW


def test_backwards_everything_is_new() -> None:
    back = crosswalk(load_checklist("ita-2569"), load_checklist("ita-2566"))
    assert back.counts()[Change.NEW] == 43
    assert back.counts()[Change.DROPPED] == 26


def test_broken_links_raise(tmp_path: Path) -> None:
    base = load_checklist("ita-2569")
    data = base.model_dump(mode="json", exclude_none=True)
    data["id"] = "ita-2570"
    data["fiscal_year"] = 2570
    data["previous"] = "ita-2569"
    data["items"] = [
        dict(it, same_as=[f"ita-2569:{it['id']}"], merges=[], splits=[], replaces=[]) for it in data["items"]
    ]
    data["items"][0]["same_as"] = ["ita-2569:o99"]
    path = tmp_path / "ita-2570.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    new: Checklist = load_checklist(str(path))
    with pytest.raises(ChecklistError, match="o99"):
        crosswalk(load_checklist("ita-2566"), new)
