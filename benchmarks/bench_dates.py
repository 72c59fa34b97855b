"""Speed of ``oit_check.thai.dates.find_dates``: short lines per second and milliseconds per page.

    /work/venv/bin/python benchmarks/bench_dates.py [--repeat N]

Inputs: every line of tests/data/date_table.tsv (short titles and dates), the first 15,000
characters of the seed page shared/seed/000_f0736bef94166de7.txt when it exists (a real Thai
province ITA page: mostly scores, few dates), and a dense 15,000-character page made of the table
lines (a date every ~60 characters). Best of five timed rounds after one warm-up; one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from date_table import load_table  # noqa: E402
from oit_check.thai.dates import find_dates  # noqa: E402

SEED_PAGE = Path("/work/shared/seed/000_f0736bef94166de7.txt")
PAGE_CHARS = 15_000


def _best(fn: Callable[[], object], rounds: int = 5) -> float:
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="passes over the table per round")
    args = parser.parse_args()

    rows = load_table()
    lines = [(r.text, r.context_year_be) for r in rows]

    def run_lines() -> None:
        for _ in range(args.repeat):
            for text, context in lines:
                find_dates(text, context_year_be=context)

    seconds = _best(run_lines)
    count = len(lines) * args.repeat
    mean_chars = statistics.mean(len(t) for t, _ in lines)
    print(f"table lines: {len(lines)} (mean {mean_chars:.0f} chars), {count / seconds:,.0f} lines/s")

    dense = "\n".join(t for t, _ in lines)
    while len(dense) < PAGE_CHARS:
        dense += "\n" + dense
    pages = {"dense page (table lines)": dense[:PAGE_CHARS]}
    if SEED_PAGE.exists():
        pages["seed page (real ITA text)"] = SEED_PAGE.read_text(encoding="utf-8")[:PAGE_CHARS]
    for name, page in pages.items():
        found = len(find_dates(page))
        seconds = _best(lambda page=page: [find_dates(page) for _ in range(10)]) / 10  # type: ignore[misc]
        print(
            f"{name}: {len(page):,} chars, {found} mentions, {seconds * 1000:.2f} ms/page, "
            f"{len(page) / seconds / 1e6:.1f} Mchar/s"
        )


if __name__ == "__main__":
    main()
