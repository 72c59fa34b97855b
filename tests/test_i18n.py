"""The string catalogue: one Thai and one English text per key, every enum member labelled once,
placeholders that agree between the two languages, and the same words in every renderer."""

from __future__ import annotations

import re
import string
from enum import Enum

import pytest

from oit_check.i18n import STRINGS, diagnosis_text, failure_text, flag_label, t, verdict_label
from oit_check.models import FailureKind, Verdict
from oit_check.perception.gaps import Flag
from oit_check.perception.schema import Diagnosis

THAI = re.compile("[\u0e00-\u0e7f]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(
    ("prefix", "enum"), [("verdict", Verdict), ("failure", FailureKind), ("flag", Flag), ("diagnosis", Diagnosis)]
)
def test_every_member_has_exactly_one_thai_and_one_english_label(prefix: str, enum: type[Enum]) -> None:
    keys = {key for key in STRINGS if key.startswith(prefix + ".") and key.count(".") == 1}
    assert keys == {f"{prefix}.{member.value}" for member in enum}
    for key in keys:
        th, en = STRINGS[key]
        assert THAI.search(th), key
        assert en and not THAI.search(en), key


def test_every_entry_is_a_pair_with_matching_placeholders() -> None:
    for key, pair in STRINGS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        th, en = pair
        assert th.strip() and en.strip(), key
        assert _fields(th) == _fields(en), key


def test_lookup_by_language() -> None:
    assert verdict_label(Verdict.BROKEN) == "ลิงก์เสีย"
    assert verdict_label(Verdict.BROKEN, "en") == "broken"
    assert failure_text(FailureKind.NOT_FOUND, "en-GB").startswith("page or file not found")
    assert flag_label("below") == "ต่ำกว่าเกณฑ์"
    assert "O12, O28" in diagnosis_text("not_disclosed", "th", ["o12", "o28"])
    with pytest.raises(KeyError):
        t("no.such.key")


def test_a_diagnosis_reads_the_same_in_the_terminal_markdown_and_html() -> None:
    from pathlib import Path

    from oit_check.perception import analyse, load_perception
    from oit_check.perception.loader import load_oit_titles
    from oit_check.perception.results import parse_results_text
    from oit_check.report.gaps_text import render_gaps_markdown, render_gaps_table
    from oit_check.report.gaps_view import build_gaps_view

    data = load_perception()
    seed = (Path(__file__).parent / "data" / "perception" / "seed_section1.txt").read_text(encoding="utf-8")
    results = parse_results_text(seed, data, oit_titles=load_oit_titles(data.checklist), source="seed")
    report = analyse(results, data)
    gaps = [g for g in report.perception if g.diagnosis is not None and g.flag is not Flag.OK]
    assert gaps
    for lang in ("th", "en"):
        terminal = " ".join(render_gaps_table(report, data, lang).split())
        markdown = render_gaps_markdown(report, data, lang)
        view = build_gaps_view(report, None, lang)  # type: ignore[arg-type]
        findings = {row.finding for row in view.rows}
        for gap in gaps:
            words = diagnosis_text(gap.diagnosis.value, lang, gap.problem_oit)  # type: ignore[union-attr]
            assert words in markdown
            assert words in findings
            assert " ".join(words.split())[:25] in terminal
