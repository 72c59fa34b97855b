"""Metamorphic false-ok suite (issue 10): take away an ok item's evidence and the item must not stay ok.

For every site in ``fixtures/sites/`` and ``fixtures/holdout/``, every item its ``_expected.yaml``
labels ``ok``, and every mutation of ``mutations.MUTATIONS`` that applies to it (``target_404``,
``link_placeholder``, ``unrelated_target``, ``years_back``, ``image_only``, ``description_only``; the
reasons a pair is skipped are counted in the summary), a mutated copy of the site is served on
loopback and scanned with the ita-2566 checklist, the site's fiscal year and as-of date,
``CrawlConfig(delay=0, allow_private=True, max_crawl_delay=0, max_seconds=60)``, four scans at a time.
Every pair whose item is still ``ok`` is collected and listed, with the place the verdict rests on
and the report's reason; the goal is none, and until then the test fails when there are more than
``STILL_OK_CEILING`` (a ratchet). ``tests/artifacts/metamorphic-summary.json``
gets the counts (pairs run, skipped with reasons, still ok).

Batching (a time budget, not a change of meaning): the suite has about 900 pairs, and one scan per
pair takes about 15 minutes on 2 cores. So each (site, mutation) is scanned once with the mutation
applied to a *batch* of items together, split only where items cannot share a copy
(``mutations.plan_batches``): overlapping evidence, evidence on the start page or the ITA index, an
evidence page that links another item's evidence outside the menu, or a batch that would hide a
page linking an item's evidence from the crawler. That is about 90 scans, about 2 minutes.
``years_back`` changes the whole site, so it is one scan per site in either mode. A batch changes
more of the site than a single mutation does, so the two modes can disagree on a few pairs, both
ways: at 0475e11, one scan per pair (809 scans, 16 min) left 81 of 897 pairs ok and the batched run
(90 scans, 2 min) 79; 6 pairs were ok only alone (``municipality`` o4 was taken from o11's plan,
which its batch had mutated too) and 4 only in a batch. ``OIT_METAMORPHIC_MAX_BATCH=1`` runs one
scan per pair, as does ``benchmarks/metamorphic.py --max-batch 1``.
"""

from __future__ import annotations

import os

import pytest

from .mutations import MUTATIONS
from .runner import SUMMARY_PATH, run_suite, table

pytestmark = pytest.mark.slow

STILL_OK_CEILING = 46


def _max_batch() -> int | None:
    value = os.environ.get("OIT_METAMORPHIC_MAX_BATCH", "").strip()
    return int(value) if value else None


@pytest.mark.timeout(1800)
def test_no_mutated_item_is_still_ok() -> None:
    summary = run_suite(max_batch=_max_batch(), workers=4, summary_path=SUMMARY_PATH)
    assert not summary["scan_errors"], "\n".join(summary["scan_errors"])
    assert all(summary["per_mutation"][m]["pairs"] > 0 for m in MUTATIONS), summary["per_mutation"]
    still_ok = [
        f"{o['site']} {o['item']} {o['mutation']} [{o['rests_on']}]: {o['reason_en']}" for o in summary["still_ok"]
    ]
    # The goal is 0 (issue 10). Until it is reached this is a ratchet: measured 79 of 897 at
    # 3e632be (310 of 915 before the issue-10 rules); the margin absorbs OCR timing on a busy
    # machine. Lower STILL_OK_CEILING as causes are fixed; never raise it.
    assert len(still_ok) <= STILL_OK_CEILING, (
        f"{len(still_ok)} of {summary['pairs_run']} mutated (site, item, mutation) pairs are still ok, more than "
        f"the ceiling of {STILL_OK_CEILING} (summary in {SUMMARY_PATH}):\n{table(summary)}\n" + "\n".join(still_ok)
    )
