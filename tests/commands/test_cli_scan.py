"""The ``scan``, ``demo`` and ``schema`` commands: exit codes, outputs and error messages."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.demo import bundled_demo_root
from oit_check.fixtureserver import serve_site
from oit_check.models import ScanResult

runner = CliRunner()
MINI = Path(__file__).parents[1] / "data" / "mini-checklist.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def demo_url() -> object:
    with serve_site(bundled_demo_root()) as server:
        yield server.url


def test_scan_json_to_file_has_all_items_and_exit_2(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app,
        [
            "scan",
            demo_url,
            "--checklist",
            "ita-2566",
            "--fiscal-year",
            "2567",
            "--as-of",
            "2024-04-30",
            "--format",
            "json",
            "--output",
            str(out),
            "--allow-private",
            "--delay",
            "0",
            "--quiet",
        ],
    )
    assert result.exit_code == 2, result.output  # the demo site has items that are not ok
    report = ScanResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert [i.id for i in report.items] == [f"o{n}" for n in range(1, 44)]
    assert report.fiscal_year == 2567 and report.as_of.isoformat() == "2024-04-30"
    assert report.checklist_id == "ita-2566"


def test_scan_table_in_thai_and_english(demo_url: str) -> None:
    args = ["scan", demo_url, "--fiscal-year", "2567", "--as-of", "2024-04-30", "--allow-private", "--delay", "0", "-q"]
    thai = runner.invoke(app, args)
    assert thai.exit_code == 2
    assert "ปีงบประมาณ ๒๕๖๗" in thai.stdout and "ไม่พบ" in thai.stdout
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert "fiscal year 2567" in english.stdout and "missing" in english.stdout


def test_scan_with_a_checklist_where_everything_is_ok_exits_0(demo_url: str) -> None:
    result = runner.invoke(
        app,
        [
            "scan",
            demo_url,
            "--checklist",
            str(MINI),
            "--as-of",
            "2024-04-30",
            "--allow-private",
            "--delay",
            "0",
            "-q",
            "--format",
            "json",
        ],
    )
    report = json.loads(result.stdout)
    statuses = {i["id"]: i["status"] for i in report["items"]}
    assert result.exit_code == (0 if set(statuses.values()) == {"ok"} else 2)


def test_unreachable_site_exits_1_with_a_message() -> None:
    url = f"http://127.0.0.1:{_free_port()}/"
    result = runner.invoke(app, ["scan", url, "--allow-private", "--timeout", "2", "-q"])
    assert result.exit_code == 1
    assert "error:" in result.stderr


def test_a_private_start_url_needs_no_flag(demo_url: str) -> None:
    """An intranet start URL is the user's explicit choice; redirects elsewhere stay guarded (test_netguard)."""
    result = runner.invoke(app, ["scan", demo_url, "-q", "--delay", "0", "--as-of", "2024-04-30"])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--checklist", "no-such-checklist"],
        ["--fiscal-year", "2024"],
        ["--as-of", "30/04/2567"],
        ["--max-pages", "0"],
    ],
)
def test_bad_input_exits_3_and_says_what_to_do(args: list[str]) -> None:
    result = runner.invoke(app, ["scan", "http://127.0.0.1:9/", *args, "-q"])
    assert result.exit_code in (2, 3) if args[0] == "--max-pages" else result.exit_code == 3
    if args[0] != "--max-pages":
        assert "error:" in result.stderr


def test_bad_checklist_file_exits_3_naming_the_item(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINI.read_text(encoding="utf-8").replace("kind: first_half", "kind: every_other_year"), encoding="utf-8"
    )
    result = runner.invoke(app, ["scan", "http://127.0.0.1:9/", "--checklist", str(bad), "-q"])
    assert result.exit_code == 3
    assert "bad.yaml" in result.stderr and "o2" in result.stderr and "time_rule" in result.stderr


def test_schema_report_is_a_json_schema_with_the_contract_fields() -> None:
    result = runner.invoke(app, ["schema", "report"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    for key in (
        "schema_version",
        "tool_version",
        "start_url",
        "checklist_id",
        "checklist_version",
        "fiscal_year",
        "as_of",
        "timings",
        "crawl",
        "items",
        "summary",
    ):
        assert key in schema["properties"]
    item = schema["$defs"]["ItemResult"]["properties"]
    for key in ("id", "status", "evidence", "missing_elements", "reason_th", "reason_en", "fix_th"):
        assert key in item
    assert set(schema["$defs"]["Verdict"]["enum"]) == {"ok", "partial", "stale", "broken", "missing"}


def test_demo_command_scans_the_bundled_site() -> None:
    result = runner.invoke(app, ["demo", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["items"]) == 43
    assert {i["status"] for i in report["items"]} >= {"ok", "missing"}


SEED_RESULTS = Path(__file__).parents[1] / "data" / "perception" / "seed_section1.txt"


def test_scan_html_with_results_adds_the_perception_gaps(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["scan", demo_url, "--as-of", "2024-04-30", "--delay", "0", "-q", "--format", "html", "-o", str(out)]
    result = runner.invoke(app, [*args, "--results", str(SEED_RESULTS)])
    assert result.exit_code == 2, result.output
    html = out.read_text(encoding="utf-8")
    assert 'id="gaps"' in html and "e13" in html.replace("e๑๓", "e13")
    bad = runner.invoke(app, [*args, "--results", str(tmp_path)])
    assert bad.exit_code == 3 and "error:" in bad.stderr


def test_gaps_html_with_a_scan_report(demo_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    runner.invoke(
        app, ["scan", demo_url, "--as-of", "2024-04-30", "--delay", "0", "-q", "--format", "json", "-o", str(report)]
    )
    out = tmp_path / "gaps.html"
    result = runner.invoke(
        app, ["gaps", "--results", str(SEED_RESULTS), "--scan", str(report), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lstrip().lower().startswith("<!doctype html>")
    assert 'id="gaps"' in html
