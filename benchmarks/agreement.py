"""Agreement with the assessor labels, site by site: the figure issue 10 and issue 11 are judged on.

Scans every labelled site under the given fixture folders (``sites``, ``holdout``, ``blind``,
``cycles``) over real loopback HTTP, compares each item's verdict with its ``_expected.yaml`` label
and prints one line per site, a total, and one line per disagreement (false ``ok`` marked).

    /work/venv/bin/python benchmarks/agreement.py sites holdout blind cycles
    /work/venv/bin/python benchmarks/agreement.py blind --json out.json

A label file's ``checklist:`` names the checklist; without it the site is judged on ``ita-2566``.
Exit code 0 when no false ok, 2 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from oit_check.checklist import load_checklist
from oit_check.config import CrawlConfig, ScanConfig
from oit_check.fixtureserver import serve_site
from oit_check.pipeline import scan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _sites(groups: list[str]) -> list[Path]:
    found: list[Path] = []
    for group in groups:
        found += sorted(p for p in (FIXTURES / group).iterdir() if (p / "_expected.yaml").exists())
    return found


def _judge(site: Path) -> dict[str, Any]:
    labels: dict[str, Any] = yaml.safe_load((site / "_expected.yaml").read_text(encoding="utf-8"))
    config = ScanConfig(
        crawl=CrawlConfig(delay=0.0, allow_private=True, max_seconds=180),
        fiscal_year=int(labels["fiscal_year"]),
        as_of=date.fromisoformat(str(labels["as_of"])),
    )
    checklist = load_checklist(str(labels.get("checklist") or "ita-2566"))
    with serve_site(site) as server:
        result = scan(server.url, checklist, config)
    got = {item.id: item for item in result.items}
    rows = []
    for item_id, label in labels["items"].items():
        item = got.get(str(item_id))
        verdict = item.status.value if item else "absent"
        rows.append(
            {
                "item": str(item_id),
                "label": label["status"],
                "got": verdict,
                "false_ok": verdict == "ok" and label["status"] != "ok",
                "reason": (item.reason_en if item else "")[:160],
                "label_reason": str(label.get("reason", ""))[:120],
            }
        )
    return {"site": f"{site.parent.name}/{site.name}", "score": result.summary.expected_oit_score, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("groups", nargs="*", default=["sites", "holdout", "blind", "cycles"])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="write every row here")
    args = parser.parse_args(argv)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_judge, _sites(args.groups)))
    agree = total = false_ok = 0
    for site in results:
        rows = site["rows"]
        same = sum(r["got"] == r["label"] for r in rows)
        fok = sum(r["false_ok"] for r in rows)
        agree, total, false_ok = agree + same, total + len(rows), false_ok + fok
        print(f"{site['site']}: {same}/{len(rows)} false_ok={fok} score={site['score']}")
    print(f"TOTAL {agree}/{total} = {100 * agree / max(total, 1):.1f}% false_ok={false_ok}")
    for site in results:
        for r in site["rows"]:
            if r["got"] != r["label"]:
                mark = " FALSE-OK" if r["false_ok"] else ""
                print(f"  {site['site']} {r['item']}: got {r['got']} label {r['label']}{mark} | {r['reason']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 2 if false_ok else 0


if __name__ == "__main__":  # documents are read in worker processes: keep the guard
    sys.exit(main())
