"""PhraseIndex on the mini checklist: item codes, name competition, generic anchors, placeholders,
passing mentions, file hosts and identity hosts (hand-built strings, no site)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist

MINI = Path(__file__).parents[1] / "data" / "mini-checklist.yaml"
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return load_checklist(str(MINI))


@pytest.fixture(scope="module")
def phrases(mini: Checklist) -> PhraseIndex:
    return PhraseIndex(mini)


def derived(mini: Checklist, **top: Any) -> Checklist:
    """The mini checklist with top-level fields replaced, validated like a data file."""
    data = mini.model_dump()
    data.update(top)
    return Checklist.model_validate(data)


def with_item_fields(mini: Checklist, item_id: str, **fields: Any) -> Checklist:
    data = mini.model_dump()
    for item in data["items"]:
        if item["id"] == item_id:
            item.update(fields)
    return Checklist.model_validate(data)


# ------------------------------------------------------------------------------ item codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O1 ข้อมูลการติดต่อ", ["o1"]),
        ("o2", ["o2"]),
        ("OIT 3", ["o3"]),
        ("oit3 แผน", ["o3"]),
        ("O-3: แผนปฏิบัติการ", ["o3"]),
        ("MOIT 4", ["o4"]),  # ministry-level OIT (MOIT) numbering
        ("O๒", ["o2"]),  # Thai digit after a Latin prefix
        ("๐๐๒ รายงานการกำกับ", ["o2"]),  # three Thai digits, a leading zero for the letter O
        ("004 - สรุปผลการจัดซื้อจัดจ้าง", ["o4"]),
        ("(003) แผน", ["o3"]),
    ],
)
def test_codes_as_sites_write_them(phrases: PhraseIndex, text: str, expected: list[str]) -> None:
    assert phrases.codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "O12",  # a code, but the mini checklist has no item 12
        "O10",  # must not be read as O1 followed by a stray 0
        "video1",  # a prefix letter inside a word is not a prefix
        "ข้อ 3",  # "ข้อ" is not among the mini checklist's prefixes
        "3.",  # a bare number is too ambiguous
        "12. รายงาน",
        "2567",
        "1,002 บาท",  # an amount
        "0012",
        "เลขที่ 002/2567",  # a document number, not a code
        "ปี 0.02",
        "โทร 02-123-4567",
    ],
)
def test_text_that_is_not_a_code(phrases: PhraseIndex, text: str) -> None:
    assert phrases.codes(text) == []


def test_codes_are_unique_in_order_of_appearance(phrases: PhraseIndex) -> None:
    assert phrases.codes("O3 และ O1 และอีกครั้ง O3, o2") == ["o3", "o1", "o2"]


def test_code_prefixes_come_from_the_checklist(mini: Checklist) -> None:
    """The default prefixes include "ข้อ"; the mini checklist's do not, a derived one does."""
    thai = PhraseIndex(derived(mini, item_code_prefixes=["o", "oit", "ข้อ"]))
    assert thai.codes("ข้อ 3 แผนปฏิบัติการ") == ["o3"]
    assert thai.codes("ข้อ๔") == ["o4"]
    assert thai.codes("ข้อมูลการติดต่อ") == []  # the word ข้อมูล starts with ข้อ but carries no number
    latin_only = PhraseIndex(derived(mini, item_code_prefixes=["x"]))
    assert latin_only.codes("X2") == ["o2"]
    assert latin_only.codes("O2") == []  # "o" is no longer a prefix
    assert latin_only.codes("002") == ["o2"]  # the three-digit form does not depend on prefixes


# ----------------------------------------------------------------------------- name scores


def test_names_are_matched_without_spaces_case_or_invisible_characters(phrases: PhraseIndex) -> None:
    assert phrases.score("ติดต่อ\u200b เรา").winners() == ["o1"]
    assert phrases.score("CONTACT   Us").winners() == ["o1"]
    assert phrases.score("หน้าแรก").winners() == []


def test_longest_name_wins(phrases: PhraseIndex) -> None:
    """ "รอบ 6 เดือน" names o2, but the procurement summary's longer name takes the text."""
    score = phrases.score("สรุปผลการจัดซื้อจัดจ้าง รอบ 6 เดือน")
    assert set(score.best_len) == {"o2", "o4"}
    assert score.winners() == ["o4"]


def test_exclusion_removes_an_item(phrases: PhraseIndex) -> None:
    text = "รายงานการกำกับติดตามการดำเนินงาน ด้านป้องกันการทุจริต"
    score = phrases.score(text)
    assert "o2" in score.excluded
    assert "o2" not in score.winners()
    assert phrases.score("รายงานการกำกับติดตามการดำเนินงาน").winners() == ["o2"]


def test_mangled_slug_is_matched_on_the_skeleton_only(phrases: PhraseIndex) -> None:
    """WordPress and Google Sites drop Thai vowel and tone marks from URL slugs."""
    name = "รายงานการกำกับติดตามการดำเนินงาน"
    slug = _THAI_MARKS.sub("", name)
    assert slug != name
    assert phrases.score(slug).winners() == []
    assert phrases.score_slug(slug).winners() == ["o2"]


# ------------------------------------------------------------------------- generic anchors


@pytest.mark.parametrize(
    "text",
    ["", "คลิก", "คลิกที่นี่", "ดาวน์โหลด", "  ดู  ", "Download PDF", "2567", "ไฟล์.pdf", "คลิก 2567.pdf", "O12", "o3"],
)
def test_generic_anchors(phrases: PhraseIndex, text: str) -> None:
    assert phrases.is_generic_anchor(text)


@pytest.mark.parametrize("text", ["ติดต่อเรา", "รายงานรอบ 6 เดือน", "แผนปฏิบัติการ 2567", "Annual report"])
def test_anchors_that_speak_for_themselves(phrases: PhraseIndex, text: str) -> None:
    assert not phrases.is_generic_anchor(text)


# -------------------------------------------------------------- placeholders and mentions


def test_placeholders_come_from_the_checklist(mini: Checklist, phrases: PhraseIndex) -> None:
    assert not phrases.is_placeholder("อยู่ระหว่างจัดทำ")  # the mini checklist lists no markers
    index = PhraseIndex(derived(mini, placeholder_markers=["อยู่ระหว่างจัดทำ", "Coming soon"]))
    assert index.is_placeholder("ข้อมูลส่วนนี้ อยู่ระหว่าง จัดทำ")
    assert index.is_placeholder("COMING SOON!")
    assert not index.is_placeholder("แผนปฏิบัติการป้องกันการทุจริต ประจำปี 2567")


def test_passing_mentions(phrases: PhraseIndex) -> None:
    assert phrases.is_passing_mention("ประชุมจัดทำแผนปฏิบัติการป้องกันการทุจริต")
    assert phrases.is_passing_mention("โครงการ อบรม คุณธรรม")
    assert not phrases.is_passing_mention("แผนปฏิบัติการป้องกันการทุจริต ประจำปี 2567")


def test_index_page_names(phrases: PhraseIndex) -> None:
    assert phrases.names_index_page("การเปิดเผย ข้อมูลสาธารณะ ประจำปี 2567")
    assert phrases.names_index_page("ITA / OIT 2567")
    assert not phrases.names_index_page("ข่าวประชาสัมพันธ์")


def test_activity_items(mini: Checklist, phrases: PhraseIndex) -> None:
    assert not phrases.is_activity_item("o3")
    index = PhraseIndex(with_item_fields(mini, "o3", activity_evidence=True))
    assert index.is_activity_item("o3")
    assert not index.is_activity_item("o2")


# ------------------------------------------------------------------------------ file hosts


@pytest.mark.parametrize(
    "url",
    [
        "http://agency.example.go.th/files/o2.pdf",
        "http://agency.example.go.th/files/report.DOCX",
        "http://agency.example.go.th/download.php?file=o4.xlsx",
        "https://drive.google.com/file/d/1abc/view?usp=sharing",
        "https://docs.google.com/document/d/1abc/edit",
        "https://DRIVE.GOOGLE.COM/open?id=1abc",
        "https://onedrive.live.com/?cid=1",
    ],
)
def test_file_urls(phrases: PhraseIndex, url: str) -> None:
    assert phrases.is_file_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://agency.example.go.th/contact.html",
        "http://agency.example.go.th/ita/",
        "https://www.facebook.com/agency",
        "https://notdrive.google.com/file/d/1abc",  # a look-alike host, not a subdomain
        "https://drive.google.com.attacker.example/file/d/1abc",
        "https://www.google.com/maps/place/x",
    ],
)
def test_not_file_urls(phrases: PhraseIndex, url: str) -> None:
    assert not phrases.is_file_url(url)


def test_file_hosts_include_subdomains(phrases: PhraseIndex) -> None:
    assert phrases.is_file_host("drive.google.com")
    assert phrases.is_file_host("a.docs.google.com")
    assert not phrases.is_file_host("google.com")


# -------------------------------------------------------------------------- identity hosts


def test_identity_hosts_are_required_link_host_elements(mini: Checklist, phrases: PhraseIndex) -> None:
    assert phrases.identity_host_items("www.facebook.com") == []
    social = {
        "id": "social",
        "label_th": "สื่อสังคม",
        "label_en": "social media",
        "detect": {"kind": "link_host", "hosts": ["facebook.com", "youtube.com/channel"]},
    }
    optional = {
        "id": "line",
        "label_th": "ไลน์",
        "label_en": "LINE",
        "required": False,
        "detect": {"kind": "link_host", "hosts": ["line.me"]},
    }
    data = mini.model_dump()
    for item in data["items"]:
        if item["id"] == "o1":
            item["elements"] = [*item["elements"], social]
        if item["id"] == "o2":
            item["elements"] = [optional]
    index = PhraseIndex(Checklist.model_validate(data))
    assert index.identity_host_items("facebook.com") == ["o1"]
    assert index.identity_host_items("M.Facebook.com") == ["o1"]
    assert index.identity_host_items("youtube.com") == ["o1"]  # the path part of an entry is ignored here
    assert index.identity_host_items("facebook.com.evil.example") == []
    assert index.identity_host_items("notfacebook.com") == []
    assert index.identity_host_items("line.me") == []  # an optional element does not identify its item
