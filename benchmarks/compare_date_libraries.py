"""Measure dateparser and PyThaiNLP against our Thai date table (tests/data/date_table.tsv).

Neither library is a dependency of oit-check; this script decides whether one should be. Run it in
a throw-away environment that has them, with the project on the path:

    python -m venv /tmp/datevenv && /tmp/datevenv/bin/pip install dateparser pythainlp
    PYTHONPATH=src /tmp/datevenv/bin/python benchmarks/compare_date_libraries.py

Three views, because the libraries do less than our engine and a single score would hide why:

* all lines: does the library's list of (kind, start, end) equal the expected one? The libraries
  only return points in time, so a point counts as a ``day`` mention, and ranges, months, fiscal
  years, quarters and plan spans cannot be matched. Negative lines count when nothing is found.
* single-day lines (expected: exactly one ``day``): found in the running text (dateparser
  ``search_dates``), or parsed from the whole line (``dateparser.parse``, PyThaiNLP
  ``thai_strptime`` over a list of formats), or parsed from the exact date substring that our
  engine isolated (the best a library could do as a parser behind our regexes).
* negative lines: the share where the library found nothing.

dateparser reads ``2567`` as a Gregorian year; a second column gives it "BE repair" (a year from
2400 minus 543) so it is judged on what it could do with that help.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import dateparser  # noqa: E402
import pythainlp  # noqa: E402
from dateparser.search import search_dates  # noqa: E402
from pythainlp.util import thai_strptime  # noqa: E402

from date_table import Row, load_table  # noqa: E402
from oit_check.thai.dates import DateKind, find_dates  # noqa: E402

warnings.filterwarnings("ignore")
LANGS = ["th", "en"]
DP_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# thai_strptime needs one exact format per call; these cover the table's single-date styles.
PYTHAINLP_FORMATS = [
    "%d %B %Y",
    "%d%B%Y",
    "%d %B %Y %H:%M",
    "%d/%B/%Y",
    "%d-%B-%Y",
    "%Y-%B-%d",
    "%d.%B.%Y",
]

Mention = tuple[str, date, date]


def _be_repair(d: date) -> date:
    if d.year >= 2400:
        try:
            return d.replace(year=d.year - 543)
        except ValueError:
            return d
    return d


def dp_search(text: str, repair: bool) -> list[date]:
    found = search_dates(text, languages=LANGS, settings=DP_SETTINGS) or []
    out = [dt.date() for _, dt in found]
    return [_be_repair(d) for d in out] if repair else out


def dp_parse(text: str, repair: bool) -> list[date]:
    dt = dateparser.parse(text, languages=LANGS, settings=DP_SETTINGS)
    if dt is None:
        return []
    return [_be_repair(dt.date()) if repair else dt.date()]


def pythainlp_parse(text: str) -> list[date]:
    clean = " ".join(text.translate(THAI_DIGITS).split())
    for fmt in PYTHAINLP_FORMATS:
        try:
            parsed: datetime = thai_strptime(clean, fmt)
        except Exception:  # it raises IndexError, KeyError or ValueError on a mismatch
            continue
        return [parsed.date()]
    return []


def ours(row: Row) -> list[Mention]:
    return [(m.kind.value, m.start, m.end) for m in find_dates(row.text, context_year_be=row.context_year_be)]


def as_days(found: list[date]) -> list[Mention]:
    return [("day", d, d) for d in found]


def evaluate(name: str, rows: list[Row], fn: Callable[[str], list[date]] | None) -> dict[str, object]:
    """Scores of one method; ``fn=None`` means our engine."""
    exact = negatives_ok = single_ok = 0
    negatives = [r for r in rows if not r.expected]
    singles = [r for r in rows if len(r.expected) == 1 and r.expected[0][0] == "day"]
    start = time.perf_counter()
    results = {}
    for row in rows:
        results[row.line_no] = ours(row) if fn is None else as_days(fn(row.text))
    elapsed = time.perf_counter() - start
    for row in rows:
        got = results[row.line_no]
        exact += tuple(got) == row.expected
    negatives_ok = sum(1 for r in negatives if not results[r.line_no])
    single_ok = sum(1 for r in singles if results[r.line_no] == list(r.expected))
    return {
        "method": name,
        "exact": f"{exact}/{len(rows)} ({exact / len(rows):.1%})",
        "single": f"{single_ok}/{len(singles)}",
        "negatives": f"{negatives_ok}/{len(negatives)}",
        "us_per_line": f"{elapsed / len(rows) * 1e6:,.0f}",
    }


def isolated_parse(rows: list[Row]) -> list[str]:
    """Give each library the exact date substring of single-day rows (as our engine found it)."""
    singles = [r for r in rows if len(r.expected) == 1 and r.expected[0][0] == "day"]
    sources = []
    for row in singles:
        mentions = find_dates(row.text)
        if len(mentions) == 1 and mentions[0].kind is DateKind.DAY:
            sources.append((mentions[0].source, row.expected[0][1]))
    lines = [f"isolated date substrings of single-day rows: {len(sources)}"]
    for name, fn in [
        ("dateparser.parse", lambda s: dp_parse(s, False)),
        ("dateparser.parse + BE repair", lambda s: dp_parse(s, True)),
        ("pythainlp.thai_strptime (7 formats)", pythainlp_parse),
    ]:
        ok = sum(1 for src, want in sources if fn(src) == [want])
        lines.append(f"  {name:<38} {ok}/{len(sources)} ({ok / len(sources):.1%})")
    return lines


def main() -> None:
    rows = load_table()
    print(f"dateparser {dateparser.__version__}, pythainlp {pythainlp.__version__}, {len(rows)} table lines")
    methods: list[tuple[str, Callable[[str], list[date]] | None]] = [
        ("oit_check.thai.dates.find_dates", None),
        ("dateparser.search_dates", lambda t: dp_search(t, False)),
        ("dateparser.search_dates + BE repair", lambda t: dp_search(t, True)),
        ("dateparser.parse (whole line)", lambda t: dp_parse(t, False)),
        ("dateparser.parse + BE repair", lambda t: dp_parse(t, True)),
        ("pythainlp.thai_strptime (whole line)", pythainlp_parse),
    ]
    header = f"| {'method':<38} | {'exact lines':<16} | {'single-day lines':<16} | {'negatives clean':<15} | µs/line |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for name, fn in methods:
        r = evaluate(name, rows, fn)
        print(
            f"| {r['method']:<38} | {r['exact']:<16} | {r['single']:<16} | {r['negatives']:<15} | {r['us_per_line']:>7} |"
        )
    print()
    print("\n".join(isolated_parse(rows)))


if __name__ == "__main__":
    main()
