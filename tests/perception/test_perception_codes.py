"""Item codes and figures as copied or OCR'd from results tables; the EIT mean's rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oit_check.perception.codes import read_code
from oit_check.perception.figures import eit_mean, parse_figure, split_figures


@pytest.mark.parametrize(
    ("text", "candidates", "certain"),
    [
        ("i๑ เจ้าหน้าที่", ("i1",), True),
        ("e๑๓ หน่วยงาน", ("e13",), True),
        ("๐๑๐ นโยบายคุ้มครองข้อมูลส่วนบุคคล", ("o10",), True),  # o printed as Thai zero
        ("๐๔๓ การดำเนินการ", ("o43",), True),
        ("๐๘ Q&A", ("o8",), True),
        ("O๑๔ คู่มือ", ("o14",), True),
        ("e ๑๓ หน่วยงาน", ("e13",), True),  # a space inside the code
        ("i.๗ ท่านทราบ", ("i7",), True),  # a stray mark
        ("e๑'๒ วิธีการ", ("e12",), True),
        ("o-๑๘ E-Service", ("o18",), True),
        ("๑๑๕ หน่วยงานมีการปรับปรุง", ("e15", "i15"), False),  # the seed's e15: letter printed as ๑
        ("๑๒๑ เจ้าหน้าที่", ("i21",), False),  # the seed's prose: i21
        ("l๒ ท่าน", ("i2",), False),  # a Latin look-alike
    ],
)
def test_read_code(text: str, candidates: tuple[str, ...], certain: bool) -> None:
    reading = read_code(text)
    assert reading is not None
    assert reading.candidates == candidates
    assert reading.certain is certain


@pytest.mark.parametrize("text", ["ตัวชี้วัดที่ ๑", "EIT ส่วนที่ ๑", "๑. ผลการประเมิน", "E-Service", "ประจำปี"])
def test_not_a_code(text: str) -> None:
    assert read_code(text) is None


def test_figures_of_an_iit_row() -> None:
    split = split_figures("\ti๑ เจ้าหน้าที่ มากน้อยเพียงใด\t๙๓.๖๖ (๘๙.๕๒)")
    assert split.text == "i๑ เจ้าหน้าที่ มากน้อยเพียงใด"
    assert (split.figures.score, split.figures.previous) == (Decimal("93.66"), Decimal("89.52"))


def test_figures_of_an_eit_row_with_the_lowest_mark() -> None:
    split = split_figures("\te๙ ชัดเจน\tEIT ส่วนที่ ๑ = ๙๐.๕๐ EIT ส่วนที่ ๒ = ๗๓.๖๐ (๘๒.๔๙) (ต่ำสุด)")
    f = split.figures
    assert (f.score, f.part1, f.part2, f.previous) == (None, Decimal("90.50"), Decimal("73.60"), Decimal("82.49"))
    assert f.marked_lowest


@pytest.mark.parametrize(
    "line",
    [
        "\t๐๑๒ รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปี รอบ ๖ เดือน\t๑๐๐",
        "\t๐๑๒ รายงาน รอบ ๖\t๑๐๐",
    ],
)
def test_numbers_inside_the_text_are_not_figures(line: str) -> None:
    f = split_figures(line).figures
    assert (f.score, f.previous) == (Decimal(100), None)


def test_numbers_in_a_question_are_not_figures() -> None:
    assert split_figures("e๔ ในช่วง ๑ ปีที่ผ่านมา ท่านเคย").figures.empty
    assert split_figures("๑. ผลการประเมิน ITA").figures.empty


def test_a_leading_number_before_figures_is_a_label() -> None:
    split = split_figures("\t๑๑\t๘๘.๘๘")
    assert split.figures.score == Decimal("88.88")
    assert split.text == "๑๑"


def test_parse_figure() -> None:
    assert parse_figure("๙๓.๖๖") == Decimal("93.66")
    assert parse_figure("93,66") == Decimal("93.66")
    assert parse_figure(" ") is None
    with pytest.raises(ValueError):
        parse_figure("abc")
    with pytest.raises(ValueError):
        parse_figure("101")


def test_eit_mean_matches_the_seed() -> None:
    # the seed: e1 = 87.48 from 91.47 and 83.50 (a tie: half-up would give 87.49); e15 = 81.07
    assert eit_mean(Decimal("91.47"), Decimal("83.50")) == Decimal("87.48")
    assert eit_mean(Decimal("88.54"), Decimal("73.60")) == Decimal("81.07")


@pytest.mark.parametrize(
    ("a", "b", "mean"),
    [("89.33", "73.60", "81.46"), ("91.67", "86.80", "89.24"), ("90.01", "100", "95.00"), ("87.35", "79.40", "83.38")],
)
def test_eit_mean_rounds_ties_half_to_even(a: str, b: str, mean: str) -> None:
    assert eit_mean(Decimal(a), Decimal(b)) == Decimal(mean)
