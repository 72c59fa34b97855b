"""Reading ITA results: the seed's own tables, another agency's damaged copy, CSV, Word, bad files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.errors import ITAResultsError
from oit_check.perception.loader import load_perception
from oit_check.perception.results import IdentifiedBy, ITAResults, parse_results_text, read_results
from oit_check.perception.schema import PerceptionData
from perception_support import AGENCY_B, SEED_SECTION, seed_full

runner = CliRunner()


@pytest.fixture(scope="module")
def data() -> PerceptionData:
    return load_perception()


@pytest.fixture(scope="module")
def seed(data: PerceptionData) -> ITAResults:
    return read_results(SEED_SECTION, data)


def _figures(results: ITAResults, code: str) -> tuple[float | None, float | None, float | None, float | None]:
    row = results.row(code)
    assert row is not None, f"{code} not read"
    return (row.score, row.part1, row.part2, row.previous)


# --- the seed --------------------------------------------------------------------------------


def test_seed_every_item_read(seed: ITAResults) -> None:
    codes = {r.code for r in seed.rows}
    assert codes == {f"i{n}" for n in range(1, 31)} | {f"e{n}" for n in range(1, 16)} | {f"o{n}" for n in range(1, 44)}
    assert seed.unidentified == []
    assert seed.duplicates == []
    assert seed.without_figures == []


def test_seed_figures(seed: ITAResults) -> None:
    assert _figures(seed, "i8") == (80.70, None, None, 83.96)
    assert _figures(seed, "i21") == (85.40, None, None, 88.48)
    # EIT: this year = mean of the two parts; the bracket is last year's score
    assert _figures(seed, "e1") == (87.48, 91.47, 83.50, 86.29)
    assert _figures(seed, "e15") == (81.07, 88.54, 73.60, 82.42)
    assert _figures(seed, "e9") == (82.05, 90.50, 73.60, 82.49)
    assert _figures(seed, "e4") == (98.24, 96.48, 100.0, 97.65)
    assert _figures(seed, "o10") == (100.0, None, None, None)
    assert seed.row("e1").score_is_mean  # type: ignore[union-attr]
    assert [r.code for r in seed.rows if r.marked_lowest] == ["e9", "e11", "e12", "e15"]


def test_seed_damaged_e15_is_identified_by_its_question_text(seed: ITAResults) -> None:
    row = seed.row("e15")
    assert row is not None
    assert row.printed_code == "๑๑๕"
    assert row.identified_by is IdentifiedBy.TEXT
    assert row.text_similarity is not None and row.text_similarity >= 0.9


def test_seed_o_codes_printed_with_thai_zero(seed: ITAResults) -> None:
    o10 = seed.row("o10")
    assert o10 is not None and o10.printed_code == "๐๑๐" and o10.identified_by is IdentifiedBy.CODE
    assert seed.row("o43").printed_code == "๐๔๓"  # type: ignore[union-attr]


def test_seed_indicators_tools_total_year(seed: ITAResults) -> None:
    assert [(i.id, i.score) for i in seed.indicators] == [
        ("1", 97.37), ("2", 92.16), ("3", 92.93), ("4", 91.65), ("5", 91.74),
        ("6", 90.05), ("7", 88.01), ("8", 84.03), ("9", 100.0), ("10", 100.0),
    ]  # fmt: skip
    assert {t.tool: t.score for t in seed.tools} == {"iit": 93.17, "eit": 87.36, "oit": 100.0}
    assert seed.total == 94.16
    assert (seed.year, seed.previous_year) == (2566, 2565)


_FIGURE_RE = re.compile(r"[๐-๙0-9]{1,3}[.][๐-๙0-9]{2}|\t[๐๑]?[๐-๙0-9]{2,3}\s*$")


def _accounted_lines(results: ITAResults) -> set[int]:
    lines: set[int] = set()
    for r in results.rows:
        lines.update(range(r.line, (r.line_end or r.line) + 1))
    lines.update(i.line for i in results.indicators)
    lines.update(n for i in results.indicators for n in i.also_lines)
    lines.update(t.line for t in results.tools)
    lines.update(u.line for u in results.unidentified)
    if results.total_line:
        lines.add(results.total_line)
    return lines


def test_seed_no_line_with_figures_is_dropped(seed: ITAResults) -> None:
    text = SEED_SECTION.read_text(encoding="utf-8").splitlines()
    with_figures = {n for n, line in enumerate(text, start=1) if _FIGURE_RE.search(line)}
    assert with_figures, "the pattern must find the figure lines"
    assert with_figures <= _accounted_lines(seed)


def test_whole_seed_document(data: PerceptionData) -> None:
    results = read_results(seed_full(), data)
    assert len(results.rows) == 88
    assert results.unidentified == []
    assert results.row("e15").identified_by is IdentifiedBy.TEXT  # type: ignore[union-attr]
    # the analysis and measures after the tables are listed as not read, from the section 2 heading
    assert len(results.not_read) == 1
    first = results.not_read[0].first_line
    lines = seed_full().read_text(encoding="utf-8").splitlines()
    assert "การวิเคราะห์" in lines[first - 1]
    # its paragraphs that cite scores are named, line by line
    assert "๙๔.๑๖" in lines[results.not_read[0].lines_with_figures[0] - 1]


# --- another agency, damaged in the same spirit ----------------------------------------------------

# code: (score, part1, part2, previous) as the document means them
AGENCY_B_FIGURES = {
    "i3": (90.80, None, None, 91.10),  # text continues on the next line
    "i5": (97.10, None, None, 98.00),  # no code printed
    "i8": (72.30, None, None, 75.88),
    "i12": (93.80, None, None, 92.20),  # "i ๑๒"
    "i14": (84.95, None, None, 86.20),
    "i15": (87.70, None, None, 86.00),  # broken across two lines
    "i20": (85.00, None, None, 84.00),
    "i21": (83.90, None, None, 85.10),  # printed "๑๒๑"
    "i25": (93.10, None, None, 92.00),  # broken across a page break
    "e1": (89.20, 92.10, 86.30, 88.40),
    "e5": (89.45, 90.20, 88.70, 89.90),
    "e6": (83.38, 87.35, 79.40, 84.00),  # 83.375: a tie, rounded half to even
    "e7": (85.10, 89.00, 81.20, 85.30),  # "e.๗"
    "e9": (79.08, 88.00, 70.16, 78.90),  # no code printed, OCR spaces in the text
    "e10": (95.50, 91.00, 100.0, 90.00),  # part 2 on the next line
    "e12": (81.55, 87.10, 76.00, 81.30),  # "e๑'๒"
    "e14": (77.88, 85.60, 70.16, 77.00),
    "e15": (86.25, 90.10, 82.40, 84.70),  # printed "๑๑๕"
    "o18": (100.0, None, None, None),  # "O๑๘"
    "o20": (100.0, None, None, None),  # "๐ ๒๐"
    "o28": (0.0, None, None, None),
    "o36": (100.0, None, None, None),  # no code printed: identified by its title
}


@pytest.fixture(scope="module")
def agency_b(data: PerceptionData) -> ITAResults:
    return read_results(AGENCY_B, data)


def test_agency_b_all_items_read(agency_b: ITAResults) -> None:
    assert len(agency_b.rows) == 88
    assert agency_b.duplicates == []


@pytest.mark.parametrize("code", sorted(AGENCY_B_FIGURES))
def test_agency_b_figures(agency_b: ITAResults, code: str) -> None:
    assert _figures(agency_b, code) == AGENCY_B_FIGURES[code]


def test_agency_b_identification(agency_b: ITAResults) -> None:
    by_text = {r.code for r in agency_b.rows if r.identified_by is IdentifiedBy.TEXT}
    assert by_text == {"i5", "i21", "e9", "e15", "o36"}
    spans = {r.code: (r.line, r.line_end) for r in agency_b.rows if r.line_end}
    assert spans == {"i3": (25, 26), "i15": (40, 41), "i25": (55, 58), "e10": (78, 79)}


def test_agency_b_unidentifiable_lines_reported(agency_b: ITAResults) -> None:
    assert [u.line for u in agency_b.unidentified] == [64, 88]
    assert "๗๗.๗๗" in agency_b.unidentified[0].text
    assert "damaged" in agency_b.unidentified[1].reason
    assert [(s.first_line, s.last_line, s.lines_with_figures) for s in agency_b.not_read] == [(139, 141, [141])]


def test_agency_b_totals(agency_b: ITAResults) -> None:
    assert agency_b.total == 89.72
    assert {t.tool: t.score for t in agency_b.tools} == {"iit": 90.44, "eit": 87.21, "oit": 97.67}
    assert agency_b.year == 2566


# --- random damage: every row is read right or reported, never read wrong -----------------------

_ROW_RE = re.compile(r"^\t([ie][๐-๙]+) (.*?)\t(.*)$")


def _damage(line: str, rng: random.Random) -> list[str]:
    m = _ROW_RE.match(line)
    assert m
    code, text, figs = m.groups()
    words = text.split(" ")
    k = rng.randint(1, max(1, len(words) - 1))
    kind = rng.choice(["nocode", "one", "space", "split", "splitnocode", "ocr", "notab", "partsplit", "swap"])
    if kind == "nocode":
        return [f"\t{text}\t{figs}"]
    if kind == "one":
        return [f"\t๑{code[1:]} {text}\t{figs}"]
    if kind == "space":
        return [f"\t{code[0]} {code[1:]} {text}\t{figs}"]
    if kind == "split":
        return [f"\t{code} {' '.join(words[:k])}", f"\t{' '.join(words[k:])}\t{figs}"]
    if kind == "splitnocode":
        return [f"\t{' '.join(words[:k])}", f"\t{' '.join(words[k:])}\t{figs}"]
    if kind == "ocr":
        chars = list(text)
        for _ in range(3):
            chars.insert(rng.randrange(len(chars)), rng.choice([" ", "\u200b", "'"]))
        return [f"\t{code} {''.join(chars)}\t{figs}"]
    if kind == "notab":
        return [f"\t{code} {text} {figs}"]
    if kind == "partsplit" and "ส่วนที่ ๒" in figs:
        a, b = figs.split("EIT ส่วนที่ ๒")
        return [f"\t{code} {text}\t{a.strip()}", f"\tEIT ส่วนที่ ๒{b}"]
    if kind == "swap" and code[0] == "i" and "EIT" not in figs:
        return [f"\te{code[1:]} {text}\t{figs}"]  # a clean-looking but wrong letter
    return [line]


@pytest.mark.parametrize("seed_no", range(8))
def test_random_damage_is_never_misread(data: PerceptionData, seed: ITAResults, seed_no: int) -> None:
    rng = random.Random(seed_no)
    truth = {r.code: (r.score, r.part1, r.part2, r.previous) for r in seed.rows}
    out: list[str] = []
    for line in SEED_SECTION.read_text(encoding="utf-8").splitlines():
        out += _damage(line, rng) if _ROW_RE.match(line) and rng.random() < 0.6 else [line]
    damaged = parse_results_text("\n".join(out), data)
    for row in damaged.rows:
        assert (row.score, row.part1, row.part2, row.previous) == truth[row.code], row
    missing = set(truth) - {r.code for r in damaged.rows}
    assert len(missing) <= len(damaged.unidentified)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_import(data: PerceptionData, tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text(
        "code,score,previous,part1,part2\n"
        "total,94.16,92.83,,\n"
        "ind6,90.05,,,\n"
        "iit,93.17,,,\n"
        "i8,๘๐.๗๐,83.96,,\n"
        "i9,,,,\n"
        "e1,,86.29,91.47,83.50\n"
        "e2,89.33,85.91,91.86,86.80\n"
        "e15,,82.42,88.54,\n"
        "o28,0,,,\n"
        "x9,50,,,\n"
        "i10,abc,,,\n",
        encoding="utf-8",
    )
    results = read_results(path, data)
    assert results.input_format == "csv"
    assert _figures(results, "i8") == (80.70, None, None, 83.96)
    assert _figures(results, "e1") == (87.48, 91.47, 83.50, 86.29)
    assert _figures(results, "e2") == (89.33, 91.86, 86.80, 85.91)
    assert _figures(results, "e15") == (88.54, 88.54, None, 82.42)
    assert _figures(results, "o28") == (0.0, None, None, None)
    assert results.row("i9") is None  # empty cells: nothing to read
    assert (results.total, results.total_previous) == (94.16, 92.83)
    assert results.indicator("6").score == 90.05  # type: ignore[union-attr]
    assert results.tool_score("iit") == 93.17
    assert [(u.line, "x9" in u.text) for u in results.unidentified] == [(11, True), (12, False)]
    assert "not a score" in results.unidentified[1].reason


def test_csv_text_column_identifies_a_missing_code(data: PerceptionData) -> None:
    text = "code,score,previous,part1,part2,text\n,80.70,83.96,,,ท่านเคยเข้าไปมีส่วนร่วมในกระบวนการงบประมาณ มากน้อยเพียงใด\n"
    results = parse_results_text(text, data)
    row = results.row("i8")
    assert row is not None and row.identified_by is IdentifiedBy.TEXT


# --- other encodings and formats --------------------------------------------------------------


def test_thai_windows_874_text(data: PerceptionData, tmp_path: Path) -> None:
    path = tmp_path / "results-874.txt"
    path.write_bytes(SEED_SECTION.read_text(encoding="utf-8").encode("cp874"))
    assert len(read_results(path, data).rows) == 88


def test_word_document_tables(data: PerceptionData, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๖")
    table = document.add_table(rows=0, cols=3)
    for cells in (
        ("เครื่องมือประเมิน", "หัวข้อการประเมิน", "คะแนน ปี๖๖/๖๕"),
        ("", "i๘ ท่านเคยเข้าไปมีส่วนร่วมในกระบวนการงบประมาณ มากน้อยเพียงใด", "๘๐.๗๐ (๘๓.๙๖)"),
        ("", "e๑ หน่วยงานปฏิบัติหรือให้บริการแก่ท่าน", "EIT ส่วนที่ ๑ = ๙๑.๔๗ EIT ส่วนที่ ๒ = ๘๓.๕๐ (๘๖.๒๙)"),
    ):
        row = table.add_row().cells
        for cell, value in zip(row, cells, strict=True):
            cell.text = value
    path = tmp_path / "results.docx"
    document.save(str(path))
    results = read_results(path, data)
    assert _figures(results, "i8") == (80.70, None, None, 83.96)
    assert _figures(results, "e1") == (87.48, 91.47, 83.50, 86.29)


# --- files that cannot be read at all: exit 3, naming the file and the problem ---------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        ("binary.bin", bytes(range(256)) * 8, "not a text file"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, "Word"),
        ("prose.txt", "ไม่มีตารางผลการประเมินในไฟล์นี้\nมีแต่ข้อความ\n".encode(), "no ITA results found"),
        ("latin1.txt", "caf\xe9 na\xefve \xfc\xf6\xe4 ".encode("latin-1") * 20, "cannot decode"),
    ],
)
def test_unreadable_file_exits_3(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["results", "import", str(path)])
    assert result.exit_code == 3, result.output
    assert str(path) in result.stderr
    assert problem in result.stderr


def test_missing_file_and_directory_exit_3(tmp_path: Path) -> None:
    for target, problem in ((tmp_path / "nope.csv", "no such file"), (tmp_path, "directory")):
        result = runner.invoke(app, ["results", "import", str(target)])
        assert result.exit_code == 3
        assert problem in result.stderr and str(target) in result.stderr


def test_read_results_raises_results_error(data: PerceptionData, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(ITAResultsError, match="empty"):
        read_results(path, data)


# --- the command ----------------------------------------------------------------------------------


def test_results_import_table() -> None:
    result = runner.invoke(app, ["results", "import", str(AGENCY_B)])
    assert result.exit_code == 0, result.output
    assert "อ่านได้ 88 ข้อ" in result.stdout
    assert "อ่านไม่ได้ 2 บรรทัด" in result.stdout
    assert "บรรทัด 64" in result.stdout and "บรรทัด 88" in result.stdout
    assert "ไม่ได้อ่านบรรทัด 139-141" in result.stdout


def test_results_import_json_and_english() -> None:
    result = runner.invoke(app, ["results", "import", str(SEED_SECTION), "--format", "json"])
    assert result.exit_code == 0
    assert '"code": "e15"' in result.stdout and '"identified_by": "text"' in result.stdout
    english = runner.invoke(app, ["results", "import", str(SEED_SECTION), "--lang", "en"])
    assert "88 items read" in english.stdout
    assert "every line with figures was identified" in english.stdout
