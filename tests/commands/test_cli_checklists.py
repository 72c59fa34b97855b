"""The current ITA cycles from the command line: every packaged checklist listed, the crosswalk, and
the checklist chosen from the fiscal year (with a loud warning for a year that has none yet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.fixtureserver import serve_site

CYCLES = Path(__file__).resolve().parents[2] / "fixtures" / "cycles"
runner = CliRunner()


def test_checklist_show_lists_all_six() -> None:
    out = runner.invoke(app, ["checklist", "show"])
    assert out.exit_code == 0, out.output
    names = [line.split()[0] for line in out.stdout.splitlines() if line.strip()]
    assert names == sorted(["ita-2566", "ita-2567", "ita-2568", "ita-2569", "moph-moit-2569", "ovec-2569"])


@pytest.mark.parametrize("name", ["ita-2566", "ita-2567", "ita-2568", "ita-2569", "ovec-2569", "moph-moit-2569"])
def test_every_packaged_checklist_validates(name: str) -> None:
    from oit_check.checklist.loader import resolve_checklist_path

    out = runner.invoke(app, ["checklist", "validate", str(resolve_checklist_path(name))])
    assert out.exit_code == 0 and out.stdout.startswith("ok:"), out.output


def test_checklist_diff_shows_the_merges() -> None:
    out = runner.invoke(app, ["checklist", "diff", "ita-2566", "ita-2569", "--lang", "en"])
    assert out.exit_code == 0, out.output
    lines = {" ".join(line.split()) for line in out.stdout.splitlines()}
    assert any(line.startswith("merged o1, o3 -> o1 ") for line in lines)  # structure with duties
    assert any(line.startswith("merged o11, o12 -> o6 ") for line in lines)  # plan with its progress
    assert any(line.startswith("merged o31, o32, o33 -> o20 ") for line in lines)  # No Gift with its culture
    assert any(line.startswith("merged o39, o40 -> o15 ") for line in lines)  # ethics code with its promotion
    assert any(line.startswith("merged o23, o25 -> o13 ") for line in lines)  # the HR plan continues as O13
    assert sum(line.startswith("new - -> ") for line in lines) == 2
    data = json.loads(runner.invoke(app, ["checklist", "diff", "ita-2566", "ita-2569", "--json"]).stdout)
    assert data["old_id"] == "ita-2566" and data["new_id"] == "ita-2569"


@pytest.fixture(scope="module")
def nacc2569() -> Iterator[str]:
    with serve_site(CYCLES / "nacc2569") as server:
        yield server.url


@pytest.mark.slow
def test_the_fiscal_year_picks_the_checklist(nacc2569: str, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    args = ["scan", nacc2569, "--fiscal-year", "2569", "--as-of", "2026-04-30", "--format", "json"]
    out = runner.invoke(app, [*args, "--output", str(report), "--allow-private", "-q", "--delay", "0"])
    assert out.exit_code in (0, 2), out.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["checklist_id"] == "ita-2569"
    assert [item["id"] for item in data["items"]] == [f"o{n}" for n in range(1, 27)]
    assert "checklist_provisional" in [w["code"] for w in data["warnings"]]


@pytest.mark.slow
def test_a_year_without_a_checklist_warns(nacc2569: str, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    args = ["scan", nacc2569, "--fiscal-year", "2570", "--as-of", "2026-11-30", "--format", "json"]
    out = runner.invoke(app, [*args, "--output", str(report), "--allow-private", "-q", "--delay", "0"])
    assert out.exit_code in (0, 2), out.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["checklist_id"] == "ita-2569"
    codes = [w["code"] for w in data["warnings"]]
    assert codes[0] == "checklist_fallback"
    assert "2570" in data["warnings"][0]["message_en"] and "2570" in out.stderr
