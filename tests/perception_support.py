"""Shared helpers of the perception tests: data paths, the seed, hand-built scan reports."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from oit_check.models import CrawlStats, ItemResult, ScanResult, Summary, Timings, Verdict

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "perception"
SEED_SECTION = DATA / "seed_section1.txt"  # the seed's section 1, copied so the core tests never skip
AGENCY_B = DATA / "agency_b_results.txt"  # another agency's results, damaged in the same spirit
SEED_FULL = REPO.parent / "shared" / "seed" / "000_f0736bef94166de7.txt"
ARTIFACTS = REPO / "tests" / "artifacts"

# The seed's e-rows are flagged below exactly these (issue 5, "Must show").
SEED_EIT_BELOW = ["e1", "e5", "e6", "e7", "e9", "e11", "e12", "e14", "e15"]


def seed_full() -> Path:
    """The whole seed document beside the repository, or skip saying why."""
    if not SEED_FULL.is_file():
        pytest.skip(f"the seed document is not at {SEED_FULL} (CI clones shared/ beside the repo)")
    return SEED_FULL


def scan_report(statuses: dict[str, Verdict], *, default: Verdict = Verdict.OK, as_of: date = date(2024, 3, 15)) -> str:
    """A ``ScanResult`` JSON with o1..o43, each ``default`` unless ``statuses`` says otherwise."""
    items = []
    for n in range(1, 44):
        oid = f"o{n}"
        status = statuses.get(oid, default)
        items.append(
            ItemResult(
                id=oid,
                number=n,
                indicator="9" if n <= 30 else "10",
                sub_indicator="9.1",
                title_th=f"รายการ {oid}",
                title_en=f"item {oid}",
                status=status,
                reason_th="ทดสอบ",
                reason_en="test",
            )
        )
    now = datetime(2024, 3, 15, 9, 0, 0)
    result = ScanResult(
        tool_version="test",
        start_url="https://www.example.go.th/",
        checklist_id="ita-2566",
        checklist_version="test",
        fiscal_year=2567,
        as_of=as_of,
        timings=Timings(started_at=now, finished_at=now),
        crawl=CrawlStats(),
        items=items,
        summary=Summary(total=43),
    )
    return result.model_dump_json()


# A results CSV for the diagnosis tests: e13 and e10 low in part 2, i19 low; everything else fine.
DIAGNOSIS_CSV = """code,score,previous,part1,part2
i1,93.00,92.00,,
i19,80.00,88.00,,
i21,91.00,90.00,,
e10,,90.00,88.00,70.00
e13,,90.12,90.01,73.60
e2,,85.00,95.00,94.00
o18,100,,,
o28,100,,,
"""
