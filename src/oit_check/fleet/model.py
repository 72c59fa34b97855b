"""The fleet's shared records: an agency of the roster, its outcome in one run, and a whole run.

Every part of the fleet speaks these types, so the runner, the store, the comparison of runs, the
alerts and the dashboard can be built and tested apart. An ``AgencyOutcome`` is recorded for every
agency of a run, whether its scan succeeded (``result`` set) or failed (``error`` set): one
agency's fault is a result, never the end of the batch.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from oit_check.models import ScanResult


class AgencyType(StrEnum):
    """Which list an agency answers to (picks the checklist framework when the row names none)."""

    NACC = "nacc"  # the NACC's main list (ministries, provinces, local administrations, ...)
    OVEC = "ovec"  # a vocational college (สอศ.)
    MOPH = "moph"  # a health unit under the Ministry of Public Health (MOIT)


class Agency(BaseModel):
    """One row of the agencies file (CSV or YAML)."""

    model_config = ConfigDict(frozen=True)

    id: str  # the roster's own id: stable across runs, the key of history and alerts
    name: str
    url: str
    agency_type: AgencyType = AgencyType.NACC
    checklist: str | None = None  # an explicit checklist id wins over framework + fiscal year
    framework: str | None = None
    fiscal_year: int | None = None  # Buddhist Era; None: the run's fiscal year
    emails: tuple[str, ...] = ()
    office: str = ""  # the supervising office (digests are grouped by it)
    source_line: int | None = None  # line of the agencies file it came from (for error messages)


class OutcomeStatus(StrEnum):
    """How one agency's scan ended in a run."""

    SCANNED = "scanned"  # a ScanResult was produced (its items may still be anything but ok)
    FAILED = "failed"  # the scan itself failed (unreachable site, crash, time limit): see ``error``


class AgencyOutcome(BaseModel):
    """One agency in one run: exactly one per (run, agency)."""

    run_id: str
    agency: Agency
    status: OutcomeStatus
    result: ScanResult | None = None
    error: str | None = None
    started_at: datetime
    finished_at: datetime
    report_path: str | None = None  # where the agency's HTML report was written, if it was


class RunSnapshot(BaseModel):
    """A whole run: what ``store`` returns for a run id and what ``changes`` compares."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None  # None while the run is unfinished (or was interrupted)
    label: str = ""  # e.g. the roster file's name
    outcomes: dict[str, AgencyOutcome] = Field(default_factory=dict)  # by agency id
