"""URL admission without HTTP: Scheduler, Frontier and Recorder on hand-fed URLs (order, skips, budgets)."""

from __future__ import annotations

from typing import Any

from oit_check.config import CrawlConfig
from oit_check.crawl.frontier import Frontier
from oit_check.crawl.recorder import MAX_RECORDED_SKIPS, Recorder
from oit_check.crawl.scheduler import Scheduler
from oit_check.models import FailureKind, PageContent, PageFailure, ResourceKind
from oit_check.progress import ProgressEvent
from oit_check.urls import SiteScope, url_key

BASE = "http://agency.example.go.th"


def scheduler(**overrides: Any) -> Scheduler:
    values: dict[str, Any] = {"delay": 0, "use_sitemap": False}
    values.update(overrides)
    config = CrawlConfig(**values)
    sched = Scheduler(config, Recorder(config.max_pages, None))
    sched.scope = SiteScope.for_start(BASE + "/")
    return sched


def drain(sched: Scheduler) -> list[str]:
    out: list[str] = []
    while (entry := sched.next_entry()) is not None:
        out.append(entry.url.removeprefix(BASE))
    return out


def failures(sched: Scheduler, kind: FailureKind) -> list[PageFailure]:
    return [f for f in sched.recorder.failures if f.kind is kind]


# ------------------------------------------------------------------------------- frontier


def test_frontier_order_depth_then_pages_then_discovery() -> None:
    frontier = Frontier()
    for url, depth, is_doc in [
        ("/b", 2, False),
        ("/a.pdf", 1, True),
        ("/c", 1, False),
        ("/d.pdf", 1, True),
        ("/e", 1, False),
        ("/", 0, False),
    ]:
        assert frontier.push(url, url, depth, None, is_doc)
    assert len(frontier) == 6
    popped = []
    while (entry := frontier.pop()) is not None:
        popped.append(entry.url)
    assert popped == ["/", "/c", "/e", "/a.pdf", "/d.pdf", "/b"]
    assert len(frontier) == 0


def test_frontier_moves_a_url_up_but_never_down() -> None:
    frontier = Frontier()
    frontier.push("/x", "/x", 3, "/deep", False)
    frontier.push("/y", "/y", 2, None, False)
    assert frontier.push("/x", "/x", 1, "/near", False)
    assert not frontier.push("/x", "/x", 2, "/other", False)
    assert not frontier.push("/x", "/x", 1, "/same", False)
    first = frontier.pop()
    assert first is not None and (first.url, first.depth, first.found_on) == ("/x", 1, "/near")
    second = frontier.pop()
    assert second is not None and second.url == "/y"
    assert frontier.pop() is None  # the superseded depth-3 entry is not returned


def test_frontier_discard() -> None:
    frontier = Frontier()
    frontier.push("/a", "/a", 1, None, False)
    frontier.push("/b", "/b", 1, None, False)
    frontier.discard("/a")
    assert "/a" not in frontier and "/b" in frontier
    entry = frontier.pop()
    assert entry is not None and entry.url == "/b" and frontier.pop() is None


# ------------------------------------------------------------------------------ admission


def test_admission_order_and_found_on() -> None:
    sched = scheduler()
    sched.consider(BASE + "/deep", 2, BASE + "/a")
    sched.consider(BASE + "/files/o2.pdf", 1, BASE + "/")
    sched.consider(BASE + "/a", 1, BASE + "/")
    sched.consider(BASE + "/deep", 1, BASE + "/")  # found again, nearer the start
    order = []
    while (entry := sched.next_entry()) is not None:
        order.append((entry.url.removeprefix(BASE), entry.depth, entry.found_on))
    assert order == [("/a", 1, BASE + "/"), ("/deep", 1, BASE + "/"), ("/files/o2.pdf", 1, BASE + "/")]
    assert sched.pages_dispatched == 2 and sched.docs_dispatched == 1


def test_settled_urls_are_never_queued_again() -> None:
    sched = scheduler()
    sched.consider(BASE + "/a", 1, None)
    assert drain(sched) == ["/a"]
    sched.consider(BASE + "/a", 1, None)
    sched.consider("https://www.agency.example.go.th/a", 1, None)  # the same key: scheme and www. folded
    assert drain(sched) == []


def test_a_url_reached_through_a_redirect_is_dropped_from_the_queue() -> None:
    sched = scheduler()
    sched.consider(BASE + "/old", 1, None)
    sched.consider(BASE + "/new", 1, None)
    sched.settle_reached(url_key(BASE + "/new"))
    assert drain(sched) == ["/old"]


def test_off_site_links_are_counted_not_queued() -> None:
    sched = scheduler()
    sched.consider("https://www.facebook.com/agency", 1, BASE + "/")
    sched.consider("https://drive.google.com/file/d/1/view", 1, BASE + "/")
    sched.consider("https://www.facebook.com/agency", 2, BASE + "/x")
    sched.consider("http://www.agency.example.go.th/www-is-the-same-site", 1, None)
    assert drain(sched) == ["http://www.agency.example.go.th/www-is-the-same-site"]
    assert sched.offsite == {
        url_key("https://www.facebook.com/agency"),
        url_key("https://drive.google.com/file/d/1/view"),
    }
    stats = sched.recorder.finish(offsite=len(sched.offsite), depth_skipped=0, max_depth=6, delay=None)
    assert stats.skipped_offsite == 2


def test_media_and_switched_off_documents_are_not_queued() -> None:
    sched = scheduler(fetch_documents=False)
    for path in ("/img/photo.jpg", "/style.css", "/clip.mp4", "/files/o2.pdf", "/files/o4.xlsx"):
        sched.consider(BASE + path, 1, None)
    sched.consider(BASE + "/page.php?id=1", 1, None)
    assert drain(sched) == ["/page.php?id=1"]
    assert sched.recorder.failures == [] and sched.offsite == set()


def test_depth_limit_gives_documents_one_more_level() -> None:
    sched = scheduler(max_depth=2)
    sched.consider(BASE + "/p2", 2, None)
    sched.consider(BASE + "/p3", 3, None)
    sched.consider(BASE + "/d3.pdf", 3, None)
    sched.consider(BASE + "/d4.pdf", 4, None)
    assert sched.depth_skipped == {url_key(BASE + "/p3"), url_key(BASE + "/d4.pdf")}
    sched.consider(BASE + "/p3", 1, None)  # later found nearer the start: queued after all
    assert sched.depth_skipped == {url_key(BASE + "/d4.pdf")}
    assert drain(sched) == ["/p3", "/p2", "/d3.pdf"]
    stats = sched.recorder.finish(offsite=0, depth_skipped=len(sched.depth_skipped), max_depth=2, delay=None)
    assert stats.skipped_limit == 1
    assert stats.notes == ["1 links deeper than max_depth=2 were not followed"]


def test_traps_are_skipped_counted_and_reported_once_per_pattern() -> None:
    sched = scheduler()
    sched.consider(BASE + "/ita/x/ita/x/", 1, BASE + "/ita/x/")
    sched.consider(BASE + "/ita/x/ita/x/o1.html", 1, BASE + "/ita/x/")
    sched.consider(BASE + "/ok/", 1, None)
    assert drain(sched) == ["/ok/"]
    assert sched.recorder.stats.skipped_traps == 2
    [trap] = failures(sched, FailureKind.TRAP)
    assert trap.url == BASE + "/ita/x/ita/x/" and trap.found_on == BASE + "/ita/x/"
    assert "/ita/x/ita/x" in trap.reason
    sched.consider(BASE + "/ita/x/ita/x/", 1, None)  # settled: not counted again
    assert sched.recorder.stats.skipped_traps == 2


def test_calendar_variants_beyond_the_limit_are_traps() -> None:
    sched = scheduler(max_query_variants=2)
    for month in ("2024-01", "2024-02", "2024-03", "2024-04"):
        sched.consider(f"{BASE}/calendar.php?month={month}", 1, BASE + "/")
    assert drain(sched) == ["/calendar.php?month=2024-01", "/calendar.php?month=2024-02"]
    assert sched.recorder.stats.skipped_traps == 2
    assert len(failures(sched, FailureKind.TRAP)) == 1


def test_learned_session_parameters_are_dropped_before_admission() -> None:
    sched = scheduler()
    token = "a1b2c3d4e5f6"
    links = [f"{BASE}/{p}?sid={token}" for p in ("a", "b", "c")]
    assert sched.sessions.observe(links) == {"sid"}
    for url in links:
        sched.consider(url, 1, None)
    sched.consider(BASE + "/a?sid=zz99yy88xx77", 1, None)  # another session, same page
    assert drain(sched) == ["/a", "/b", "/c"]


# -------------------------------------------------------------------------------- budgets


def test_page_budget_records_limit_skips() -> None:
    sched = scheduler(max_pages=2)
    for n in range(4):
        sched.consider(f"{BASE}/p{n}", 1, BASE + "/")
    assert drain(sched) == ["/p0", "/p1"]
    skipped = failures(sched, FailureKind.LIMIT)
    assert [f.url.removeprefix(BASE) for f in skipped] == ["/p2", "/p3"]
    assert all("max_pages" in f.reason and f.found_on == BASE + "/" for f in skipped)
    assert sched.recorder.limits_hit == {"max_pages"}
    stats = sched.recorder.finish(offsite=0, depth_skipped=0, max_depth=6, delay=None)
    assert stats.stopped_by == "max_pages" and stats.skipped_limit == 2
    assert stats.errors == 0 and stats.errors_by_kind == {"limit": 2}  # a skip is not a site error


def test_document_budget_is_separate_from_the_page_budget() -> None:
    sched = scheduler(max_pages=10, max_documents=1)
    for path in ("/a.pdf", "/b.pdf", "/p1", "/c.docx", "/p2"):
        sched.consider(BASE + path, 1, None)
    assert drain(sched) == ["/p1", "/p2", "/a.pdf"]
    assert [f.url.removeprefix(BASE) for f in failures(sched, FailureKind.LIMIT)] == ["/b.pdf", "/c.docx"]
    assert sched.recorder.limits_hit == {"max_documents"}


def test_no_documents_at_all() -> None:
    sched = scheduler(max_documents=0)
    sched.consider(BASE + "/a.pdf", 1, None)
    sched.consider(BASE + "/p", 1, None)
    assert drain(sched) == ["/p"]
    assert len(failures(sched, FailureKind.LIMIT)) == 1


def test_time_limit_skips_everything_still_queued_and_wins_as_the_reason() -> None:
    sched = scheduler(max_pages=1)
    for n in range(3):
        sched.consider(f"{BASE}/p{n}", 1, None)
    assert sched.next_entry() is not None
    sched.consider(BASE + "/late", 1, None)
    sched.skip_queued_for_time()  # p1, p2 and /late
    assert sched.next_entry() is None
    skipped = failures(sched, FailureKind.LIMIT)
    assert sorted(f.url.removeprefix(BASE) for f in skipped) == ["/late", "/p1", "/p2"]
    assert all("time limit" in f.reason for f in skipped)
    stats = sched.recorder.finish(offsite=0, depth_skipped=0, max_depth=6, delay=None)
    assert stats.stopped_by == "time"


def test_limit_records_are_capped() -> None:
    extra = 7
    sched = scheduler(max_pages=1)
    for n in range(MAX_RECORDED_SKIPS + extra + 1):
        sched.consider(f"{BASE}/p{n}", 1, None)
    assert len(drain(sched)) == 1
    recorder = sched.recorder
    recorder.failure(PageFailure(url=BASE + "/gone", kind=FailureKind.NOT_FOUND, reason="404"))
    limit_records = failures(sched, FailureKind.LIMIT)
    assert len(limit_records) == MAX_RECORDED_SKIPS
    assert limit_records[0].url == BASE + "/p1"  # the first ones are listed
    assert failures(sched, FailureKind.NOT_FOUND)  # other kinds are listed after the cap
    stats = recorder.finish(offsite=0, depth_skipped=0, max_depth=6, delay=None)
    assert stats.skipped_limit == MAX_RECORDED_SKIPS + extra
    assert stats.errors_by_kind == {"limit": MAX_RECORDED_SKIPS + extra, "not_found": 1}
    assert stats.errors == 1
    assert (
        f"{MAX_RECORDED_SKIPS + extra} URLs skipped (limit); the first {MAX_RECORDED_SKIPS} are listed" in stats.notes
    )


def test_robots_records_are_capped_separately_and_site_errors_never() -> None:
    recorder = Recorder(10, None)
    for n in range(MAX_RECORDED_SKIPS + 2):
        recorder.failure(PageFailure(url=f"{BASE}/r{n}", kind=FailureKind.ROBOTS, reason="robots"))
        recorder.failure(PageFailure(url=f"{BASE}/e{n}", kind=FailureKind.HTTP_ERROR, reason="500"))
    recorder.failure(PageFailure(url=BASE + "/l", kind=FailureKind.LIMIT, reason="limit"))
    kinds = [f.kind for f in recorder.failures]
    assert kinds.count(FailureKind.ROBOTS) == MAX_RECORDED_SKIPS
    assert kinds.count(FailureKind.HTTP_ERROR) == MAX_RECORDED_SKIPS + 2
    assert kinds.count(FailureKind.LIMIT) == 1
    stats = recorder.finish(offsite=0, depth_skipped=0, max_depth=6, delay=0.5)
    assert stats.errors == MAX_RECORDED_SKIPS + 2 and stats.delay_seconds == 0.5
    assert stats.stopped_by is None  # no limit was hit through the scheduler


# -------------------------------------------------------------------------------- recorder


def test_recorder_counts_pages_documents_truncation_and_progress() -> None:
    events: list[ProgressEvent] = []
    recorder = Recorder(50, events.append)
    recorder.page(0, PageContent(url=BASE + "/", kind=ResourceKind.HTML, truncated=True))
    recorder.page(1, PageContent(url=BASE + "/a.pdf", kind=ResourceKind.PDF))
    recorder.failure(PageFailure(url=BASE + "/big.pdf", kind=FailureKind.TOO_LARGE, reason="big"))
    recorder.count(requests=3, retries=1, nbytes=1000)
    recorder.count(requests=1, retries=0, nbytes=24)
    recorder.note("robots.txt missing")
    recorder.note("robots.txt missing")
    stats = recorder.finish(offsite=0, depth_skipped=0, max_depth=6, delay=None)
    assert (stats.pages, stats.documents, stats.truncated) == (1, 1, 2)
    assert (stats.requests, stats.retries, stats.bytes) == (4, 1, 1024)
    assert stats.notes == ["robots.txt missing"]
    assert [(e.done, e.total, e.message, e.url) for e in events] == [
        (1, 50, "html", BASE + "/"),
        (2, 50, "pdf", BASE + "/a.pdf"),
    ]
    assert [seq for seq, _ in recorder.pages] == [0, 1]
