"""The gap analysis: flags, ranking, and the diagnosis from a scan report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.models import Verdict
from oit_check.perception.gaps import Flag, GapConfig, analyse, flag_item
from oit_check.perception.loader import load_perception
from oit_check.perception.results import parse_results_text, read_results
from oit_check.perception.scanreport import statuses_from_json
from oit_check.perception.schema import Diagnosis, PerceptionData
from perception_support import AGENCY_B, DIAGNOSIS_CSV, SEED_EIT_BELOW, SEED_SECTION, scan_report

runner = CliRunner()


@pytest.fixture(scope="module")
def data() -> PerceptionData:
    return load_perception()


def test_seed_flags(data: PerceptionData) -> None:
    report = analyse(read_results(SEED_SECTION, data), data)
    below = report.summary.below
    assert [c for c in below if c.startswith("e")] == SEED_EIT_BELOW
    assert [c for c in below if c.startswith("i")] == ["i8"]
    assert report.summary.lowest == ["e9", "e11", "e12", "e15"]
    assert report.summary.lowest_figure == 73.60
    # ranked by the lowest figure: the four at 73.60 come first
    assert [g.code for g in report.perception[:4]] == ["e9", "e11", "e12", "e15"]
    assert [g.lowest for g in report.perception[:5]] == [73.60, 73.60, 73.60, 73.60, 76.90]
    assert report.missing_items == []


def test_seed_watch_list(data: PerceptionData) -> None:
    report = analyse(read_results(SEED_SECTION, data), data)
    # under 90 (score or a part), or down 2 points or more (i26 92.10 from 97.15, i27 90.57 from 94.50)
    assert report.summary.watch == ["i7", "i14", "i19", "i20", "i21", "i26", "i27", "i28", "e2", "e3", "e10"]


def test_agency_b_flags(data: PerceptionData) -> None:
    report = analyse(read_results(AGENCY_B, data), data)
    assert report.summary.below == ["i7", "i8", "i14", "i21", "e3", "e6", "e7", "e9", "e11", "e12", "e14", "e15"]
    assert report.summary.watch == ["i13", "i15", "i18", "i19", "i20", "i26", "i27", "i28", "e1", "e5"]
    assert (report.summary.lowest, report.summary.lowest_figure) == (["e9", "e14"], 70.16)
    assert [u.line for u in report.unidentified] == [64, 88]
    # from the results alone, o28 scored 0: e10 is fine, but i29/i30 link to it
    flagged = {g.code: g for g in report.perception if g.flag is not Flag.OK}
    assert flagged["e9"].diagnosis is Diagnosis.DISCLOSED_NOT_PERCEIVED
    assert flagged["e9"].diagnosis_source == "results"


@pytest.mark.parametrize(
    ("score", "part1", "part2", "previous", "flag"),
    [
        (85.00, None, None, 84.00, Flag.WATCH),  # exactly 85 is not below
        (84.99, None, None, 80.00, Flag.BELOW),
        (90.00, None, None, 91.99, Flag.OK),  # 90 is not under 90; a drop of 1.99 is not 2
        (90.00, None, None, 92.00, Flag.WATCH),  # a drop of exactly 2
        (87.48, 91.47, 83.50, 86.29, Flag.BELOW),  # a part under 85 is enough
        (94.42, 88.84, 100.0, 87.29, Flag.WATCH),  # a part under 90
        (95.89, 91.78, 100.0, 87.53, Flag.OK),
    ],
)
def test_flag_rules(
    data: PerceptionData, score: float, part1: float | None, part2: float | None, previous: float | None, flag: Flag
) -> None:
    assert flag_item(score, part1, part2, previous, GapConfig.for_data(data))[0] is flag


def test_default_threshold_is_the_data_pass_line(data: PerceptionData) -> None:
    assert data.pass_line == 85.0  # the grading band that passes (ITA 2566)
    report = analyse(read_results(SEED_SECTION, data), data)
    assert (report.threshold, report.watch_below, report.drop_points) == (85.0, 90.0, 2.0)


def test_custom_threshold(data: PerceptionData) -> None:
    report = analyse(read_results(SEED_SECTION, data), data, config=GapConfig(threshold=80, watch_below=85))
    assert report.summary.below == ["e6", "e9", "e11", "e12", "e14", "e15"]  # parts 76.90, 73.60 ...; i8 80.70 is not


# --- diagnosis with a scan report -------------------------------------------------------------------


@pytest.fixture()
def diagnosis_report(data: PerceptionData):  # type: ignore[no-untyped-def]
    results = parse_results_text(DIAGNOSIS_CSV, data, source="diag.csv")
    scan = statuses_from_json(scan_report({"o28": Verdict.MISSING}))
    return analyse(results, data, scan=scan)


def test_disclosed_but_not_perceived(diagnosis_report) -> None:  # type: ignore[no-untyped-def]
    e13 = next(g for g in diagnosis_report.perception if g.code == "e13")
    assert e13.flag is Flag.BELOW
    assert e13.diagnosis is Diagnosis.DISCLOSED_NOT_PERCEIVED
    assert [(lo.id, lo.status) for lo in e13.linked_oit] == [("o18", "ok")]
    assert e13.diagnosis_source == "scan"
    assert "eservice-publicity" in [m.id for m in e13.measures]


def test_not_disclosed_names_the_item(diagnosis_report) -> None:  # type: ignore[no-untyped-def]
    e10 = next(g for g in diagnosis_report.perception if g.code == "e10")
    assert e10.flag is Flag.BELOW
    assert e10.diagnosis is Diagnosis.NOT_DISCLOSED
    assert e10.problem_oit == ["o28"]
    assert [(lo.id, lo.status) for lo in e10.linked_oit] == [("o28", "missing")]
    assert e10.measures[0].id == "disclosure-fix"


def test_asset_use_has_no_oit_link(diagnosis_report) -> None:  # type: ignore[no-untyped-def]
    i19 = next(g for g in diagnosis_report.perception if g.code == "i19")
    assert i19.diagnosis is Diagnosis.NO_OIT_LINK
    assert i19.linked_oit == []
    ok = next(g for g in diagnosis_report.perception if g.code == "e2")
    assert ok.flag is Flag.OK and ok.diagnosis is None and ok.measures == []


@pytest.mark.parametrize("status", [Verdict.STALE, Verdict.BROKEN, Verdict.PARTIAL])
def test_any_problem_status_means_not_disclosed(data: PerceptionData, status: Verdict) -> None:
    results = parse_results_text(DIAGNOSIS_CSV, data)
    report = analyse(results, data, scan=statuses_from_json(scan_report({"o18": status})))
    e13 = next(g for g in report.perception if g.code == "e13")
    assert (e13.diagnosis, e13.problem_oit) == (Diagnosis.NOT_DISCLOSED, ["o18"])


def test_without_a_scan_the_results_oit_scores_decide(data: PerceptionData) -> None:
    csv = DIAGNOSIS_CSV.replace("o28,100", "o28,0")
    report = analyse(parse_results_text(csv, data), data)
    e10 = next(g for g in report.perception if g.code == "e10")
    assert (e10.diagnosis, e10.problem_oit, e10.diagnosis_source) == (Diagnosis.NOT_DISCLOSED, ["o28"], "results")
    i21 = next(g for g in report.perception if g.code == "i21")
    assert i21.flag is Flag.OK


def test_unknown_when_nothing_says(data: PerceptionData) -> None:
    csv = "code,score,previous,part1,part2\ni7,80.00,,,\n"
    report = analyse(parse_results_text(csv, data), data)
    i7 = report.perception[0]
    assert i7.diagnosis is Diagnosis.UNKNOWN
    assert {lo.status for lo in i7.linked_oit} == {"unknown"}


# --- the command -------------------------------------------------------------------------------


def _write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    results = tmp_path / "results.csv"
    results.write_text(DIAGNOSIS_CSV, encoding="utf-8")
    scan = tmp_path / "scan.json"
    scan.write_text(scan_report({"o28": Verdict.MISSING}), encoding="utf-8")
    return results, scan


def test_gaps_json(tmp_path: Path) -> None:
    results, scan = _write_inputs(tmp_path)
    out = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(scan), "--format", "json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    by_code = {p["code"]: p for p in report["perception"]}
    for key in ("code", "score", "part1", "part2", "previous", "flag", "theme", "linked_oit", "diagnosis", "measures"):
        assert key in by_code["e13"]
    assert by_code["e13"]["diagnosis"] == "disclosed_not_perceived"
    linked = by_code["e13"]["linked_oit"][0]
    assert (linked["id"], linked["status"], linked["source"]) == ("o18", "ok", "scan")
    assert by_code["e10"]["diagnosis"] == "not_disclosed"
    assert by_code["e10"]["problem_oit"] == ["o28"]
    assert by_code["i19"]["diagnosis"] == "no_oit_link"
    assert by_code["e13"]["score"] == 81.8  # (90.01 + 73.60) / 2 = 81.805 -> 81.80 (half to even)
    assert report["unidentified"] == []
    assert report["scan"]["as_of"] == "2024-03-15"


def test_gaps_table_markdown_english(tmp_path: Path) -> None:
    results, scan = _write_inputs(tmp_path)
    table = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(scan)])
    assert table.exit_code == 0
    assert "ต่ำกว่าเกณฑ์: i19, e10, e13" in table.stdout
    md = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(scan), "--format", "markdown"])
    assert md.stdout.startswith("# ") and "| e13 |" in md.stdout
    en = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(scan), "--lang", "en"])
    assert "below: i19, e10, e13" in en.stdout
    assert "Not fully disclosed (O28): fix the disclosure first." in " ".join(en.stdout.split())


def test_gaps_reports_unidentified_lines() -> None:
    out = runner.invoke(app, ["gaps", "--results", str(AGENCY_B), "--format", "json"])
    assert out.exit_code == 0
    report = json.loads(out.stdout)
    assert [(u["line"], "๗๗.๗๗" in u["text"]) for u in report["unidentified"]] == [(64, True), (88, False)]


def test_gaps_bad_scan_report_exits_3(tmp_path: Path) -> None:
    results, _ = _write_inputs(tmp_path)
    bad = tmp_path / "scan.json"
    bad.write_text("{not json", encoding="utf-8")
    out = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(bad)])
    assert out.exit_code == 3
    assert str(bad) in out.stderr and "not JSON" in out.stderr
    wrong = tmp_path / "other.json"
    wrong.write_text('{"items": [{"id": "o1", "status": "great"}]}', encoding="utf-8")
    out = runner.invoke(app, ["gaps", "--results", str(results), "--scan", str(wrong)])
    assert out.exit_code == 3 and "not a scan report" in out.stderr


def test_gaps_bad_threshold_exits_3(tmp_path: Path) -> None:
    results, _ = _write_inputs(tmp_path)
    out = runner.invoke(app, ["gaps", "--results", str(results), "--threshold", "95"])
    assert out.exit_code == 3 and "--watch-below" in out.stderr
