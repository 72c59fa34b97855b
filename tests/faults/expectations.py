"""What issue 12 requires of a scan that meets a fault, as checks returning the problems they find.

Each check takes the ``Fault`` and what was ``Observed`` (the scan, the server's hit counts) and
returns a list of problems, empty when the requirement holds. ``test_faults.py`` asserts the list is
empty; ``benchmarks/faults.py`` prints it. Aspects:

* ``finishes``: the scan returns (no exception, not killed) within its time bound and still
  judges the healthy control item ok. The bound is ``max_seconds`` + a margin, and for a response
  that trickles or stalls ``timeout`` x tries + a margin (``--timeout`` bounds the whole response;
  the same bound for faults that must be given up at once: a 5xx storm, a 50-hop chain).
* ``recorded``: ``result.failures`` holds a failure of one of the fault's kinds under its URL.
* ``verdict``: the item whose evidence the fault is is ``broken``, and its reason names the URL.
* ``memory``: peak RSS of the scan process and of every document worker < 300 MB.
* ``requests``: the fault target was requested at most once per try (redirect hops per try).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from faultserver import CONTROL, REDIRECT_HOPS, Fault, FaultServer
from scanrun import CRAWL, MEMORY_LIMIT_MB, ScanRun, run_scan

# Generous margins: these scans share a loaded CI machine (a load average of 10 on 2 cores doubles
# wall times); what the bounds must catch is a scan that waits out a fault, not a slow machine.
TIME_MARGIN = 30.0  # seconds over max_seconds a scan may take to stop, judge and report
RESPONSE_MARGIN = 10.0  # seconds over timeout x tries for the rest of a two-page scan
MAX_REDIRECTS = 8  # CrawlConfig's default
# A response that trickles or stalls must cost at most --timeout per try (an endless body at full
# speed is bounded by max_bytes first, so it only has the general bound).
# A 5xx storm with Retry-After: 3600 and a long redirect chain are given up at once, not waited out.
RESPONSE_BOUNDED = frozenset({"drip", "slow-headers", "huge-length", "5xx-storm", "redirect-chain"})
NOT_EVIDENCE = frozenset({"link-flood", "cl-shorter", "bad-utf8"})  # no failure or broken verdict expected


@dataclass
class Observed:
    """One scan of a fault's index page and what the server saw meanwhile."""

    run: ScanRun
    hits: Counter[str]
    desync_requests: int
    base: str  # http://127.0.0.1:PORT (no trailing slash)

    def url(self, path: str) -> str:
        return self.base + path


def observe(server: FaultServer, path: str, *, hard_timeout: float = 120.0, **crawl: Any) -> Observed:
    """Scan ``path`` of ``server`` in a child process; the server's hits are those of this scan only."""
    server.reset_hits()
    run = run_scan(server.url_for(path), hard_timeout=hard_timeout, **crawl)
    return Observed(run, server.hits, server.desync_requests, server.url.rstrip("/"))


def kinds_at(fault: Fault, seen: Observed) -> list[str]:
    """The failure kinds recorded under the fault's target URLs (what the benchmark table shows)."""
    targets = {seen.url(path) for path in fault.links}
    return sorted({f["kind"] for f in seen.run.failures if f["url"] in targets})


def time_bound(fault: Fault) -> float:
    tries = 1 + int(CRAWL["retries"])
    if fault.name in RESPONSE_BOUNDED:
        return float(CRAWL["timeout"]) * tries + RESPONSE_MARGIN
    return float(CRAWL["max_seconds"]) + TIME_MARGIN


def finishes(fault: Fault, seen: Observed) -> list[str]:
    run = seen.run
    problems = []
    if run.killed:
        problems.append(f"the scan was still running after {run.outer_wall:.0f} s and was killed")
    if run.error:
        problems.append(f"the scan failed: {run.error}")
    bound = time_bound(fault)
    if run.scan_wall is None or run.scan_wall > bound:
        problems.append(f"scan() took {run.scan_wall} s (bound {bound:g} s)")
    if not run.killed and not run.error and run.status(CONTROL[0]) != "ok":
        problems.append(f"the healthy control item {CONTROL[0]} is {run.status(CONTROL[0])}, not ok")
    return problems


def recorded(fault: Fault, seen: Observed) -> list[str]:
    targets = {seen.url(path) for path in fault.links}
    found = [f for f in seen.run.failures if f["url"] in targets]
    good = [f for f in found if f["kind"] in fault.kinds]
    if not good:
        listed = sorted({(f["kind"], f["reason"][:80]) for f in found})
        return [f"no failure of kind {sorted(fault.kinds)} under {sorted(targets)} (failures there: {listed})"]
    if fault.name == "5xx-storm":
        missing = sorted(targets - {f["url"] for f in good})
        if missing:
            return [f"not recorded as http_error: {missing}"]
        if any(f.get("status") != 503 for f in good):
            return ["a 503 is recorded without its status"]
    return []


def verdict(fault: Fault, seen: Observed) -> list[str]:
    item = seen.run.items.get(fault.item)
    if item is None:
        return [f"no verdict for {fault.item} (scan: {seen.run.error})"]
    if item["status"] != "broken":
        return [f"{fault.item} is {item['status']}, not broken: {item['reason_en'][:160]}"]
    targets = [seen.url(path) for path in fault.links]
    if not any(t in item["reason_en"] or t in item["evidence"] for t in targets):
        return [f"{fault.item} is broken but neither its reason nor its evidence names {targets[0]}"]
    return []


def memory(fault: Fault, seen: Observed) -> list[str]:
    run = seen.run
    problems = []
    if run.peak_rss_mb is None:
        problems.append("the scan process did not report its peak RSS")
    elif run.peak_rss_mb >= MEMORY_LIMIT_MB:
        problems.append(f"scan process peak RSS {run.peak_rss_mb:.0f} MB (limit {MEMORY_LIMIT_MB:.0f})")
    if run.workers_peak_rss_mb >= MEMORY_LIMIT_MB:
        problems.append(f"document worker peak RSS {run.workers_peak_rss_mb:.0f} MB (limit {MEMORY_LIMIT_MB:.0f})")
    return problems


def requests(fault: Fault, seen: Observed) -> list[str]:
    tries = 1 + int(CRAWL["retries"])
    if fault.name == "redirect-chain":
        total = sum(n for path, n in seen.hits.items() if path.startswith("/f/redirect/"))
        limit = (MAX_REDIRECTS + 1) * tries
        return [] if total <= limit else [f"{total} requests along the {REDIRECT_HOPS}-hop chain (limit {limit})"]
    if fault.name == "link-flood":
        leaves = sum(n for path, n in seen.hits.items() if path.startswith("/ok/leaf/"))
        return [] if leaves <= 800 else [f"{leaves} leaf pages fetched (max_pages 800)"]
    over = {path: seen.hits[path] for path in fault.links if seen.hits[path] > tries}
    return [f"requested more than {tries} times: {over}"] if over else []


def surplus_never_read(fault: Fault, seen: Observed) -> list[str]:
    """cl-shorter: the bytes after the declared length never become the response to another request."""
    if seen.desync_requests:
        return [
            f"{seen.desync_requests} request(s) sent on the connection whose surplus bytes were a forged "
            "response: the client read the forgery as the answer to its next request"
        ]
    if seen.hits["/f/cl-shorter.html"] == 0 or not any(p.startswith("/ok/leaf/q") for p in seen.hits):
        return ["the scan did not fetch the page and its links (the check proves nothing)"]
    return []


def decoded_as_declared(fault: Fault, seen: Observed) -> list[str]:
    """bad-utf8: a few invalid bytes do not garble the page; its item is ok, as its clean twin is."""
    status = seen.run.status(fault.item)
    if status != "ok":
        item = seen.run.items.get(fault.item, {})
        return [f"{fault.item} is {status}, not ok like its clean twin: {str(item.get('reason_en'))[:160]}"]
    return []


def flood_limited(fault: Fault, seen: Observed) -> list[str]:
    """link-flood: the crawl stops at max_pages and records the rest as limit failures."""
    problems = []
    if seen.run.crawl.get("stopped_by") != "max_pages":
        problems.append(f"stopped_by is {seen.run.crawl.get('stopped_by')!r}, not 'max_pages'")
    if not any(f["kind"] == "limit" and "/ok/leaf/" in f["url"] for f in seen.run.failures):
        problems.append("no limit failure for the links not followed")
    return problems


Check = Callable[[Fault, Observed], list[str]]
ASPECTS: dict[str, Check] = {
    "finishes": finishes,
    "recorded": recorded,
    "verdict": verdict,
    "memory": memory,
    "requests": requests,
}
SPECIAL: dict[str, Check] = {
    "cl-shorter": surplus_never_read,
    "bad-utf8": decoded_as_declared,
    "link-flood": flood_limited,
}


def applies(fault: Fault, aspect: str) -> bool:
    if aspect in ("recorded", "verdict"):
        return fault.name not in NOT_EVIDENCE
    return True


def all_problems(fault: Fault, seen: Observed) -> dict[str, list[str]]:
    """Every applicable aspect (and the fault's special check, as ``special``) -> its problems."""
    out = {aspect: check(fault, seen) for aspect, check in ASPECTS.items() if applies(fault, aspect)}
    if fault.name in SPECIAL:
        out["special"] = SPECIAL[fault.name](fault, seen)
    return out
