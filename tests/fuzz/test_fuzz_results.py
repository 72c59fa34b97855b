"""Fuzz the ITA results reader (``oit_check.perception.results``): text and bytes of any shape.

``parse_results_text`` returns an ``ITAResults`` or raises ``ITAResultsError``, nothing else; what it
returns is well formed (known codes once each, figures in 0..100, line numbers inside the input).
``decode_results`` of any bytes (text in any encoding, binary, damaged Word files) returns text or
raises ``ITAResultsError`` naming the file.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import pytest
from fuzzing import FUZZ, FUZZ_SLOW, THAI_DIGITS, THAI_LETTERS, mixed_text
from hypothesis import example, given
from hypothesis import strategies as st

from oit_check.errors import ITAResultsError
from oit_check.perception.loader import load_oit_titles, load_perception
from oit_check.perception.results import ITAResults, decode_results, parse_results_text

DATA = Path(__file__).resolve().parents[1] / "data" / "perception"
SEED_LINES = [
    line
    for name in ("seed_section1.txt", "agency_b_results.txt")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
RANGES = {"i": 30, "e": 15, "o": 43}
CODE = re.compile(r"^([ieo])(\d+)$")


@functools.cache
def _inputs() -> tuple[object, dict[str, list[str]]]:
    return load_perception(), load_oit_titles("ita-2566")


@st.composite
def damaged_line(draw: st.DrawFn) -> str:
    line = draw(st.sampled_from(SEED_LINES))
    for _ in range(draw(st.integers(0, 3))):
        if not line:
            break
        at = draw(st.integers(0, len(line) - 1))
        action = draw(st.integers(0, 3))
        if action == 0:  # delete a character
            line = line[:at] + line[at + 1 :]
        elif action == 1:  # replace it with a look-alike, a digit or a separator
            line = line[:at] + draw(st.sampled_from(list("๐๑0Oo1lI|.,\t ()-=ส่วนที่" + THAI_DIGITS))) + line[at + 1 :]
        elif action == 2:  # cut the line
            line = line[:at]
        else:  # insert noise
            line = (
                line[:at]
                + draw(st.text(alphabet=THAI_LETTERS + THAI_DIGITS + "0123456789.\t ()%", max_size=6))
                + line[at:]
            )
    return line


cell = st.one_of(
    st.sampled_from(["", "100", "99.5", "๙๓.๖๖", "101", "-1", "abc", "1e3", "nan", "๑๐๐.๐๐", "88,5", " 7 "]),
    st.text(max_size=6),
)
code = st.one_of(
    st.sampled_from(["i1", "e15", "o43", "o44", "i0", "ind1", "iit", "total", "ita", "ตัวชี้วัดที่ 9", "x"]),
    st.text(max_size=5),
)


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["code,score,previous,part1,part2", "code,score", "code,score,text", "Code , Score"]))
    rows = draw(st.lists(st.lists(st.one_of(code, cell), min_size=1, max_size=6).map(",".join), max_size=12))
    return "\n".join([header, *rows])


results_texts = st.one_of(
    st.lists(damaged_line(), min_size=1, max_size=15).map("\n".join),
    csv_text(),
    st.lists(st.one_of(damaged_line(), mixed_text), max_size=12).map("\n".join),
    st.text(max_size=300),
)


def _well_formed(results: ITAResults) -> None:
    assert results.input_format in ("csv", "table")
    codes = [row.code for row in results.rows]
    assert len(codes) == len(set(codes)), codes
    figures = [results.total, results.total_previous]
    for row in results.rows:
        match = CODE.match(row.code)
        assert match and 1 <= int(match.group(2)) <= RANGES[match.group(1)], row.code
        assert 1 <= row.line <= max(results.lines, 1)
        assert row.line_end is None or row.line_end >= row.line
        figures += [row.score, row.part1, row.part2, row.previous]
    figures += [i.score for i in results.indicators] + [i.previous for i in results.indicators]
    figures += [t.score for t in results.tools]
    for value in figures:
        assert value is None or 0 <= value <= 100, value


def _parse_or_error(text: str) -> None:
    data, titles = _inputs()
    try:
        results = parse_results_text(text, data, oit_titles=titles, source="fuzz.txt")  # type: ignore[arg-type]
    except ITAResultsError as exc:
        assert "fuzz.txt" in exc.message
        return
    _well_formed(results)


@FUZZ_SLOW
@given(results_texts)
@example("code,score\no1,100\no1,99")
@example("\ufeff\n\n")
def test_parse_results_text_gives_results_or_its_error(text: str) -> None:
    _parse_or_error(text.replace("\r\n", "\n").replace("\r", "\n"))  # (lone CRs: the known bug below)


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 (fuzz): the table parser raises IndexError ('pop from empty list', table.py "
    "res.unidentified.pop()) on some damaged rows: when a joined row fails without being listed as "
    "unidentified, it pops a list that is empty",
)
@FUZZ_SLOW
@given(st.lists(damaged_line(), min_size=1, max_size=15).map("\n".join))
@example("๓ งานผลการด\n:\n๓ ายงานผำป")
def test_damaged_rows_give_results_or_their_error(text: str) -> None:
    _parse_or_error(text)


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 (fuzz): a CSV with CR line endings (Excel's 'CSV (Macintosh)') or a stray CR makes "
    "parse_results_text raise csv.Error ('new-line character seen in unquoted field') instead of "
    "reading it or raising ITAResultsError",
)
@FUZZ_SLOW
@given(csv_text().map(lambda text: text.replace("\n", "\r")))
@example("code,score\ro1,100\r")
def test_a_csv_with_cr_line_endings_gives_results_or_its_error(text: str) -> None:
    _parse_or_error(text)


# ----------------------------------------------------------------------------- bytes


@functools.cache
def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("ผลการประเมิน ITA ปี ๒๕๖๖")
    table = document.add_table(rows=3, cols=3)
    for r, values in enumerate(
        [("i1", "ท่านปฏิบัติงาน", "๙๓.๖๖ (๘๙.๕๒)"), ("o1", "โครงสร้าง", "๑๐๐"), ("e1", "บริการ", "90.00")]
    ):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _corrupt_deflate_docx() -> bytes:
    """The minimal case: a ZIP whose one entry's deflate data is garbage (149 bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>" * 20)
    raw = bytearray(buf.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).infolist()[0]
    start = 30 + len(info.filename)  # the local header, then the compressed bytes
    raw[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(raw)


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    raw = bytearray(_docx())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(4, len(raw) - 1))
        raw[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(4, len(raw)))]
    return bytes(raw)


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(st.one_of(st.lists(damaged_line(), max_size=8).map("\n".join), mixed_text))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16", "utf-16-be", "latin-1"]))
    return text.encode(encoding, "replace")


raw_files = st.one_of(
    st.binary(max_size=400),
    encoded_text(),
    st.sampled_from([b"", b"%PDF-1.4", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff\x00"]),
)


@FUZZ
@given(raw_files)
def test_decode_results_gives_text_or_its_error(raw: bytes) -> None:
    try:
        text = decode_results(raw, "upload.bin")
    except ITAResultsError as exc:
        assert exc.message.startswith("upload.bin")
        return
    assert isinstance(text, str)


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 (fuzz): a damaged .docx results file escapes decode_results as a raw parser error "
    "(zlib.error 'invalid block type' from a corrupt deflate stream) instead of ITAResultsError: the CLI shows a traceback, the web app a 500",
)
@FUZZ_SLOW
@given(damaged_docx())
@example(_corrupt_deflate_docx())
def test_a_damaged_word_file_is_a_results_error(raw: bytes) -> None:
    try:
        text = decode_results(raw, "results.docx")
    except ITAResultsError as exc:
        assert exc.message.startswith("results.docx")
        return
    assert isinstance(text, str)
