"""Shared Hypothesis settings and strategies of the fuzz suite (tests/fuzz).

Every fuzz test is bounded (``FUZZ``: a fixed number of examples, no per-example deadline, no
example database written to the work tree) so the whole directory runs in well under a minute;
the examples are derandomized (the same every run: a fuzz test never fails by luck in CI), and
``OIT_CHECK_FUZZ_SCALE=N`` multiplies them and draws fresh ones for a deeper hunt.
Strategies mix structure (URL parts, HTML tags, results rows, Thai date words) with raw noise, so
examples reach deep into the parsers instead of failing at the first byte.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# OIT_CHECK_FUZZ_SCALE=20 runs twenty times as many examples (a deeper hunt than CI's).
SCALE = max(1, int(os.environ.get("OIT_CHECK_FUZZ_SCALE", "1") or 1))
FUZZ = settings(
    max_examples=150 * SCALE,
    deadline=None,
    database=None,
    derandomize=SCALE == 1,  # CI runs the same examples every time; a deeper hunt draws new ones
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_SLOW = settings(FUZZ, max_examples=60 * SCALE)  # for targets that cost milliseconds per example

THAI_LETTERS = "กขคฆงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ๆฯ"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ASCII_PRINTABLE = "".join(chr(c) for c in range(32, 127))

thai_text = st.text(alphabet=THAI_LETTERS + THAI_DIGITS + " 0123456789.-/():", max_size=60)
any_text = st.text(max_size=200)
mixed_text = st.text(alphabet=THAI_LETTERS + THAI_DIGITS + ASCII_PRINTABLE + "\t\n\u00a0\u200b\ufeff", max_size=200)


def joined(parts: st.SearchStrategy[list[str]], sep: str = "") -> st.SearchStrategy[str]:
    """A list of strings joined by ``sep``."""
    return parts.map(sep.join)
