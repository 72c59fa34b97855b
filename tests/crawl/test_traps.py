"""URL-trap heuristics, the session-id learner, and politeness helpers (retry timing, host gates)."""

from __future__ import annotations

import asyncio
import itertools
import random
from datetime import UTC, datetime

from oit_check.crawl.politeness import HostGate, Politeness, backoff_delay, parse_retry_after
from oit_check.crawl.traps import SessionParamLearner, TrapDetector


def test_long_urls() -> None:
    traps = TrapDetector(max_url_length=100, max_query_variants=30)
    hit = traps.check("http://a.go.th/" + "x" * 200, None)
    assert hit is not None and hit.first
    again = traps.check("http://a.go.th/" + "y" * 200, None)
    assert again is not None and not again.first  # reported once per pattern


def test_repeated_segments() -> None:
    traps = TrapDetector(max_url_length=2048, max_query_variants=30)
    assert traps.check("http://a.go.th/ita/x/ita/y/ita/z", None) is not None
    assert traps.check("http://a.go.th/a/b/a/b/", None) is not None
    assert traps.check("http://a.go.th/th/th/page", None) is None  # a double is not enough
    assert traps.check("http://a.go.th/2567/ita/o1/", None) is None


def test_calendar_query_variants_are_capped() -> None:
    traps = TrapDetector(max_url_length=2048, max_query_variants=5)
    hits = [traps.check(f"http://a.go.th/cal.php?month=2024-{m:02d}", None) for m in range(1, 13)]
    assert hits[:5] == [None] * 5
    assert all(h is not None for h in hits[5:])
    assert sum(1 for h in hits if h is not None and h.first) == 1


def test_calendar_path_segments_are_capped_but_posts_are_not() -> None:
    traps = TrapDetector(max_url_length=2048, max_query_variants=3)
    cal = [traps.check(f"http://a.go.th/events/2024/{m:02d}", None) for m in range(1, 7)]
    assert cal[:3] == [None] * 3 and all(h is not None for h in cal[3:])
    posts = [traps.check(f"http://a.go.th/2024/{m:02d}/15/post-{m}/", None) for m in range(1, 7)]
    assert posts == [None] * 6


def test_numeric_ids_are_not_calendars() -> None:
    traps = TrapDetector(max_url_length=2048, max_query_variants=3)
    assert all(traps.check(f"http://a.go.th/news.php?id={200100 + i}", "http://a.go.th/") is None for i in range(20))


def test_menus_of_page_ids_are_not_traps_but_self_generated_variants_are() -> None:
    traps = TrapDetector(max_url_length=2048, max_query_variants=3)
    # 50 ?page_id= pages linked from the home page: a CMS router, not a trap
    assert all(traps.check(f"http://a.go.th/?page_id={i}", "http://a.go.th/") is None for i in range(50))
    # a listing whose pages keep linking to new sort/filter variants of themselves
    parent = "http://a.go.th/list.php?sort=a&f=1"
    hits = [traps.check(f"http://a.go.th/list.php?sort={s}&f={f}", parent) for s in "abc" for f in range(3)]
    assert hits[:3] == [None] * 3 and all(h is not None for h in hits[3:])


def test_session_param_learner() -> None:
    learner = SessionParamLearner()
    links = [
        "http://a.go.th/a?sess=9f8e7d6c5b4a",
        "http://a.go.th/b?sess=9f8e7d6c5b4a",
        "http://a.go.th/c?x=1&sess=9f8e7d6c5b4a",
        "http://a.go.th/d?file=5f3a9c2e11aa",
        "http://a.go.th/e?file=77aa9c2e11bb",
    ]
    assert learner.observe(links) == {"sess"}
    assert learner.remove_from("http://a.go.th/c?x=1&sess=9f8e7d6c5b4a") == "http://a.go.th/c?x=1"
    assert learner.remove_from("http://a.go.th/d?file=5f3a9c2e11aa") == "http://a.go.th/d?file=5f3a9c2e11aa"


# -------------------------------------------------------------------------------- politeness


def test_parse_retry_after() -> None:
    now = datetime(2024, 3, 15, 10, 0, 0, tzinfo=UTC)
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("Fri, 15 Mar 2024 10:00:30 GMT", now) == 30.0
    assert parse_retry_after("Fri, 15 Mar 2024 09:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(n, 0.5, rng) for n in range(8)]
    assert 0.25 <= delays[0] <= 0.75
    assert 0.5 <= delays[1] <= 1.5
    assert max(delays) <= 10.0


def test_host_gate_spaces_request_starts_and_limits_concurrency() -> None:
    async def run() -> tuple[list[float], int]:
        gate = HostGate(concurrency=2, delay=0.05)
        loop = asyncio.get_running_loop()
        starts: list[float] = []
        active = 0
        peak = 0

        async def request() -> None:
            nonlocal active, peak
            async with gate:
                starts.append(loop.time())
                active += 1
                peak = max(peak, active)
                await asyncio.sleep(0.02)
                active -= 1

        await asyncio.gather(*(request() for _ in range(5)))
        return starts, peak

    starts, peak = asyncio.run(run())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.045
    assert peak <= 2


def test_www_and_bare_share_a_gate() -> None:
    async def run() -> None:
        politeness = Politeness(concurrency=1, delay=0)
        assert politeness.gate("www.a.go.th") is politeness.gate("A.GO.TH")
        politeness.set_delay("a.go.th", 2.0)
        assert politeness.gate("www.a.go.th").delay == 2.0

    asyncio.run(run())
