#!/usr/bin/env python3
"""Fault benchmark (issue 12): scan every misbehaviour of the fault server once and print the table.

Usage (from the repository root)::

    /work/venv/bin/python benchmarks/faults.py                  # every fault, then all of them at once
    /work/venv/bin/python benchmarks/faults.py drip reset       # only these faults
    /work/venv/bin/python benchmarks/faults.py --json results/faults.json

The server is ``tests/faults/faultserver.py`` (raw sockets on 127.0.0.1, an ephemeral port); each
fault is scanned from its own ITA index page (``/ita/<fault>.html``: the fault behind its item,
plus a healthy control item) by ``oit_check.scan`` in a fresh child process, with the suite's
configuration (``allow_private, delay 0, timeout 2 s, max_seconds 30, retries 1``, checklist
ita-2566, fiscal year 2567, as of 2024-04-30). The checks are those of ``tests/faults/test_faults.py``
(``tests/faults/expectations.py``); a row passes when every check holds.

Columns: the fault; what issue 12 expects; what was observed (the failure kinds recorded under the
fault's URL, or what the fault's own check looks at, and the item's verdict); ``scan()`` wall time;
peak RSS of the scan process (``VmHWM``) and of the largest document worker; the checks that fail.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "faults"))

from expectations import TIME_MARGIN, Observed, all_problems, kinds_at, observe  # noqa: E402
from faultserver import CONTROL, FAULTS, FAULTS_BY_NAME, Fault, FaultServer  # noqa: E402
from scanrun import CRAWL, MEMORY_LIMIT_MB  # noqa: E402


def observed_text(fault: Fault, seen: Observed) -> str:
    run = seen.run
    if run.error or run.killed:
        return "killed" if run.killed else f"error: {run.error}"[:60]
    kinds = ", ".join(kinds_at(fault, seen)) or "no failure"
    if fault.name == "cl-shorter":
        kinds = f"{seen.desync_requests} desynced request(s)"
    elif fault.name == "link-flood":
        limits = sum(1 for f in run.failures if f["kind"] == "limit")
        kinds = f"stopped_by {run.crawl.get('stopped_by')}, {limits} limit failures"
    return f"{kinds}; {fault.item} {run.status(fault.item)}"


def row(fault: Fault, seen: Observed) -> dict[str, Any]:
    problems = all_problems(fault, seen)
    failing = {aspect: found for aspect, found in problems.items() if found}
    return {
        "fault": fault.name,
        "what": fault.what,
        "expected": fault.expected,
        "observed": observed_text(fault, seen),
        "scan_wall_s": seen.run.scan_wall,
        "peak_rss_mb": seen.run.peak_rss_mb,
        "workers_peak_rss_mb": seen.run.workers_peak_rss_mb,
        "truncated": seen.run.crawl.get("truncated"),
        "pass": not failing,
        "failing": failing,
    }


def all_at_once(server: FaultServer) -> dict[str, Any]:
    """The index of every fault in one scan: bounded time and memory, every fault item not ok."""
    seen = observe(server, "/", hard_timeout=180)
    run = seen.run
    problems = []
    if run.error or run.killed:
        problems.append(f"scan failed: {run.error or 'killed'}")
    bound = float(CRAWL["max_seconds"]) + TIME_MARGIN
    if run.scan_wall is None or run.scan_wall > bound:
        problems.append(f"scan() took {run.scan_wall} s (bound {bound:g})")
    for label, value in (("scan", run.peak_rss_mb), ("workers", run.workers_peak_rss_mb)):
        if value is None or value >= MEMORY_LIMIT_MB:
            problems.append(f"{label} peak RSS {value} MB")
    ok_items = sorted(f.item for f in FAULTS if f.name not in ("bad-utf8", "cl-shorter") and run.status(f.item) == "ok")
    if ok_items:
        problems.append(f"ok despite their fault: {ok_items}")
    verdicts: dict[str, int] = {}
    for item in run.items.values():
        verdicts[item["status"]] = verdicts.get(item["status"], 0) + 1
    return {
        "fault": "all at once (/)",
        "what": f"the ITA index of all {len(FAULTS)} faults in one scan",
        "expected": f"within {bound:g} s and {MEMORY_LIMIT_MB:.0f} MB, no fault item ok",
        "observed": f"{run.crawl.get('stopped_by') or 'complete'}; {verdicts}",
        "scan_wall_s": run.scan_wall,
        "peak_rss_mb": run.peak_rss_mb,
        "workers_peak_rss_mb": run.workers_peak_rss_mb,
        "truncated": run.crawl.get("truncated"),
        "pass": not problems,
        "failing": {"all": problems} if problems else {},
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    print(
        "| fault | expected | observed (failure kinds at the fault's URL; item verdict) | wall s | RSS MB | worker RSS MB | result |"
    )
    print("|---|---|---|---:|---:|---:|---|")
    for r in rows:
        result = "pass" if r["pass"] else "FAIL: " + "; ".join(f"{a}: {' / '.join(p)}" for a, p in r["failing"].items())
        wall = "-" if r["scan_wall_s"] is None else f"{r['scan_wall_s']:.1f}"
        rss = "-" if r["peak_rss_mb"] is None else f"{r['peak_rss_mb']:.0f}"
        print(
            f"| {r['fault']} | {r['expected']} | {r['observed']} | {wall} | {rss} | "
            f"{r['workers_peak_rss_mb']:.0f} | {result.replace('|', '/')} |"
        )
    passed = sum(1 for r in rows if r["pass"])
    print(f"\n{passed} of {len(rows)} pass. Control item {CONTROL[0]} ({CONTROL[2]}) must stay ok in every scan.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faults", nargs="*", help=f"fault names (default: all): {', '.join(FAULTS_BY_NAME)}")
    parser.add_argument("--no-all-at-once", action="store_true", help="skip the scan of every fault together")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    unknown = [name for name in args.faults if name not in FAULTS_BY_NAME]
    if unknown:
        parser.error(f"unknown fault(s): {', '.join(unknown)}")
    chosen = [FAULTS_BY_NAME[name] for name in args.faults] if args.faults else list(FAULTS)
    rows = []
    started = time.perf_counter()
    with FaultServer() as server:
        for fault in chosen:
            seen = observe(server, fault.index_path)
            rows.append(row(fault, seen))
            print(f"  {fault.name}: {rows[-1]['observed']} ({seen.run.scan_wall} s)", file=sys.stderr)
        if not args.faults and not args.no_all_at_once:
            rows.append(all_at_once(server))
    print_table(rows)
    print(f"Benchmark wall time {time.perf_counter() - started:.0f} s.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
