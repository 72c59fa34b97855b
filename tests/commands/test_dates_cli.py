"""``oit-check dates``: JSON lines for scripts, a Thai table for people, arguments or stdin."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from oit_check.cli import app

runner = CliRunner()

LINES = [
    "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565 รอบ 6 เดือน (ต.ค.64 - มี.ค.65)",
    "",
    "โทร 02-123-4567",
    "ลว. ๑๘ ส.ค. ๒๕๖๖",
]


def _records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_one_object_per_argument_in_order() -> None:
    result = runner.invoke(app, ["dates", "--format", "json", *LINES])
    assert result.exit_code == 0, result.output
    records = _records(result.output)
    assert [r["text"] for r in records] == LINES
    first = records[0]["dates"]
    assert isinstance(first, list)
    assert [(d["kind"], d["start"], d["end"], d["source"]) for d in first] == [
        ("fiscal_year", "2021-10-01", "2022-09-30", "ปีงบประมาณ พ.ศ. 2565"),
        ("half_year", "2021-10-01", "2022-03-31", "รอบ 6 เดือน"),
        ("range", "2021-10-01", "2022-03-31", "ต.ค.64 - มี.ค.65"),
    ]
    assert first[0]["fiscal_year"] == 2565
    assert "fiscal_year" not in first[2]
    assert {"kind", "start", "end", "source"} <= set(first[2])
    assert records[1]["dates"] == []
    assert records[2]["dates"] == []
    assert records[3]["dates"] == [
        {"kind": "day", "start": "2023-08-18", "end": "2023-08-18", "source": "๑๘ ส.ค. ๒๕๖๖"}
    ]


def test_json_from_stdin() -> None:
    stdin = "ต.ค. ๖๖ – ก.ย. ๖๗\n\nFY2024\n"
    result = runner.invoke(app, ["dates", "--format", "json"], input=stdin)
    assert result.exit_code == 0, result.output
    records = _records(result.output)
    assert [r["text"] for r in records] == ["ต.ค. ๖๖ – ก.ย. ๖๗", "", "FY2024"]
    assert records[0]["dates"] == [
        {"kind": "range", "start": "2023-10-01", "end": "2024-09-30", "source": "ต.ค. ๖๖ – ก.ย. ๖๗"}
    ]
    assert records[1]["dates"] == []
    assert records[2]["dates"][0]["fiscal_year"] == 2567  # type: ignore[index]


def test_context_year_option() -> None:
    without = _records(runner.invoke(app, ["dates", "--format", "json", "ไตรมาสที่ 2"]).output)
    with_year = _records(
        runner.invoke(app, ["dates", "--format", "json", "--context-year", "2568", "ไตรมาสที่ 2"]).output
    )
    assert without[0]["dates"] == []
    assert with_year[0]["dates"] == [
        {"kind": "quarter", "start": "2025-01-01", "end": "2025-03-31", "source": "ไตรมาสที่ 2", "fiscal_year": 2568}
    ]


def test_table_is_thai_by_default() -> None:
    result = runner.invoke(app, ["dates", "ต.ค. 2566 - ก.ย. 2567", "โทร 02-123-4567"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "ต.ค. ๖๖ – ก.ย. ๖๗" in result.output
    assert "ช่วงเวลา" in result.output
    assert "ไม่พบวันที่" in result.output


def test_table_in_english() -> None:
    result = runner.invoke(app, ["dates", "--lang", "en", "15 มี.ค. 2567"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "15 Mar 2024" in result.output
    assert "day" in result.output
