"""Read the OIT item statuses from a scan report (``ScanResult.model_dump_json()``).

Only what the perception analysis needs is read: each item's id, status and title, plus where and
when the scan ran. The report is parsed leniently (unknown keys ignored) so a newer report schema
still serves, but every status must be a known ``Verdict``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from oit_check.errors import ITAResultsError
from oit_check.models import ScanResult, Verdict


class _Item(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    status: Verdict
    title_th: str = ""


class _Report(BaseModel):
    model_config = ConfigDict(extra="ignore")
    start_url: str = ""
    checklist_id: str = ""
    fiscal_year: int | None = None
    as_of: date | None = None
    items: list[_Item]


class ScanStatuses(BaseModel):
    """OIT item statuses from one scan."""

    source: str
    start_url: str = ""
    checklist_id: str = ""
    fiscal_year: int | None = None
    as_of: date | None = None
    statuses: dict[str, Verdict]
    titles: dict[str, str] = {}


def statuses_of(result: ScanResult) -> ScanStatuses:
    """The statuses of a scan made in this process (``scan --results``, the web app)."""
    return ScanStatuses(
        source=result.start_url,
        start_url=result.start_url,
        checklist_id=result.checklist_id,
        fiscal_year=result.fiscal_year,
        as_of=result.as_of,
        statuses={item.id.lower(): item.status for item in result.items},
        titles={item.id.lower(): item.title_th for item in result.items},
    )


def read_scan_report(path: Path) -> ScanStatuses:
    """Read a scan report JSON file; ``ITAResultsError`` naming the file if it is not one."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ITAResultsError(f"{name}: scan report not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ITAResultsError(f"{name}: cannot read the scan report: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ITAResultsError(
            f"{name}: the scan report is not JSON (line {exc.lineno}: {exc.msg})",
            hint="give the JSON report of `oit-check scan --format json`",
        ) from exc
    try:
        report = _Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ITAResultsError(f"{name}: not a scan report ({where}: {first['msg']})") from exc
    return scan_statuses(report, name)


def scan_statuses(report: _Report, source: str) -> ScanStatuses:
    """Statuses keyed by item id (lower case)."""
    return ScanStatuses(
        source=source,
        start_url=report.start_url,
        checklist_id=report.checklist_id,
        fiscal_year=report.fiscal_year,
        as_of=report.as_of,
        statuses={it.id.lower(): it.status for it in report.items},
        titles={it.id.lower(): it.title_th for it in report.items if it.title_th},
    )


def statuses_from_json(text: str, source: str = "<scan>") -> ScanStatuses:
    """Same as ``read_scan_report`` for JSON already in memory (tests, library callers)."""
    try:
        return scan_statuses(_Report.model_validate_json(text), source)
    except ValidationError as exc:
        raise ITAResultsError(f"{source}: not a scan report: {exc.errors()[0]['msg']}") from exc
