"""The metamorphic false-ok figure of issue 10: pairs per mutation and how many are still ``ok``.

Runs the same suite as ``tests/metamorphic/test_false_ok.py`` (every fixture and holdout site, every
item labelled ok, every applicable mutation; see ``tests/metamorphic/mutations.py``) and prints a
table, then every pair still ok with the place its verdict rests on and the report's reason.

    /work/venv/bin/python benchmarks/metamorphic.py                 # batched, about 2 minutes on 2 cores
    /work/venv/bin/python benchmarks/metamorphic.py --max-batch 1   # one scan per pair, about 15 minutes
    /work/venv/bin/python benchmarks/metamorphic.py --json out.json # where the summary goes

The summary JSON goes to ``tests/artifacts/metamorphic-summary.json`` unless ``--json`` says otherwise.
Exit code 0 when no pair is still ok, 2 when some are, 1 when a scan failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from metamorphic.runner import SUMMARY_PATH, run_suite, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-batch", type=int, default=None, help="items per mutated copy (1 = one scan per pair)")
    parser.add_argument("--workers", type=int, default=4, help="scans at a time (default 4)")
    parser.add_argument("--json", type=Path, default=SUMMARY_PATH, help=f"summary file (default {SUMMARY_PATH})")
    args = parser.parse_args(argv)
    summary = run_suite(max_batch=args.max_batch, workers=args.workers, summary_path=args.json)
    print(table(summary))
    print(f"\nsummary: {args.json}")
    if summary["scan_errors"]:
        return 1
    return 2 if summary["pairs_still_ok"] else 0


if __name__ == "__main__":  # documents are read in worker processes: keep the guard
    raise SystemExit(main())
