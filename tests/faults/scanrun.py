"""Run one ``oit_check.scan`` in a fresh child process and report what it did, how long, how much memory.

The parent (a test, or ``benchmarks/faults.py``) calls ``run_scan(url)``; the child is this file run
as a script. A fresh process (fork + exec) has its own address space, so its ``VmHWM`` (peak
resident set, read from ``/proc/self/status`` after ``scan()`` returns) is the scan's own. Document
workers are separate processes (children of the multiprocessing forkserver): the parent samples
the ``VmHWM`` of every descendant of the child from ``/proc`` every 50 ms and reports the largest.

The child resolves nothing but loopback (a guard on ``socket.getaddrinfo``) and prints one JSON
line: the wall time of ``scan()`` alone (imports excluded), peak RSS, the crawl stats, every
failure (url, kind, reason, status) and every item (status, reasons, evidence URLs).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

FISCAL_YEAR = 2567
AS_OF = date(2024, 4, 30)
# The configuration of every fault scan (the brief of issue 12's fault suite).
CRAWL = {"allow_private": True, "delay": 0, "timeout": 2, "max_seconds": 30, "retries": 1}
MEMORY_LIMIT_MB = 300.0


@dataclass
class ScanRun:
    """What one scan did, as seen from outside (times in seconds, memory in MB)."""

    returncode: int
    outer_wall: float  # the child process from start to exit
    killed: bool = False  # the child outlived the hard timeout and was killed
    error: str | None = None  # the exception scan() raised (type: message), or the child's stderr tail
    scan_wall: float | None = None  # scan() alone
    peak_rss_mb: float | None = None  # VmHWM of the scan process
    workers_peak_rss_mb: float = 0.0  # the largest VmHWM of any descendant (document workers)
    crawl: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, Any] = field(default_factory=dict)  # crawl_seconds, match_seconds (ScanResult.timings)
    failures: list[dict[str, Any]] = field(default_factory=list)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def failures_for(self, url: str) -> list[dict[str, Any]]:
        return [f for f in self.failures if f["url"] == url]

    def status(self, item: str) -> str | None:
        entry = self.items.get(item)
        return None if entry is None else str(entry["status"])

    def summary(self) -> str:
        """One line for assertion messages."""
        kinds: dict[str, int] = {}
        for failure in self.failures:
            kinds[failure["kind"]] = kinds.get(failure["kind"], 0) + 1
        return (
            f"rc={self.returncode} killed={self.killed} scan_wall={self.scan_wall} outer_wall={self.outer_wall:.1f} "
            f"crawl_s={self.timings.get('crawl_seconds')} match_s={self.timings.get('match_seconds')} "
            f"rss={self.peak_rss_mb} workers_rss={self.workers_peak_rss_mb} failures={kinds} "
            f"truncated={self.crawl.get('truncated')} stopped_by={self.crawl.get('stopped_by')} error={self.error}"
        )


def run_scan(url: str, *, hard_timeout: float = 120.0, **crawl: Any) -> ScanRun:
    """Scan ``url`` (ita-2566, fiscal year 2567, as of 2024-04-30) in a child process."""
    spec = {"url": url, "crawl": {**CRAWL, **crawl}}
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), json.dumps(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    sampler = _DescendantSampler(proc.pid)
    sampler.start()
    killed = False
    try:
        stdout, stderr = proc.communicate(timeout=hard_timeout)
    except subprocess.TimeoutExpired:
        killed = True
        _kill_family(proc.pid, sampler.pids())
        stdout, stderr = proc.communicate()
    finally:
        sampler.stop()
    run = ScanRun(
        returncode=proc.returncode,
        outer_wall=time.perf_counter() - started,
        killed=killed,
        workers_peak_rss_mb=round(sampler.max_hwm_kb / 1024, 1),
    )
    lines = stdout.decode("utf-8", "replace").strip().splitlines()
    if not lines:
        run.error = "no output: " + stderr.decode("utf-8", "replace")[-2000:]
        return run
    data = json.loads(lines[-1])
    run.error = data.get("error")
    run.scan_wall = data.get("scan_wall")
    run.peak_rss_mb = data.get("peak_rss_mb")
    run.crawl = data.get("crawl", {})
    run.timings = data.get("timings", {})
    run.failures = data.get("failures", [])
    run.items = data.get("items", {})
    return run


# ------------------------------------------------------------------------------ memory


class _DescendantSampler:
    """Peak VmHWM of every descendant of ``pid`` (not ``pid`` itself), sampled from /proc."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.max_hwm_kb = 0
        self._seen: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def pids(self) -> set[int]:
        return set(self._seen)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            for pid in _descendants(self.pid):
                self._seen.add(pid)
                self.max_hwm_kb = max(self.max_hwm_kb, _status_kb(pid, "VmHWM:"))


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rfind(b")") + 2 :].split()[1])
    family: set[int] = set()
    frontier = {root}
    while frontier:
        children = {pid for pid, ppid in parents.items() if ppid in frontier and pid not in family}
        family |= children
        frontier = children
    return family


def _status_kb(pid: int | str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _kill_family(pid: int, known: set[int]) -> None:
    """Kill the child and the descendants it started (by pid: only processes this run started)."""
    for target in [pid, *_descendants(pid), *known]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(target, 9)


# ------------------------------------------------------------------------------- child


def _guard_network() -> None:
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"fault suite network guard: refusing to resolve {name!r}")
        return real(host, *args, **kwargs)

    socket.getaddrinfo = guarded  # type: ignore[assignment]


def child_main(spec_json: str) -> int:
    spec = json.loads(spec_json)
    _guard_network()
    from oit_check import CrawlConfig, ScanConfig, load_checklist, scan

    checklist = load_checklist("ita-2566")
    config = ScanConfig(crawl=CrawlConfig(**spec["crawl"]), fiscal_year=FISCAL_YEAR, as_of=AS_OF)
    out: dict[str, Any] = {}
    started = time.perf_counter()
    try:
        result = scan(spec["url"], checklist, config)
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"[:2000]
        out["traceback"] = traceback.format_exc()[-4000:]
    else:
        out["crawl"] = result.crawl.model_dump(mode="json")
        out["timings"] = result.timings.model_dump(mode="json")
        out["failures"] = [f.model_dump(mode="json") for f in result.failures]
        out["items"] = {
            item.id: {
                "status": item.status.value,
                "reason_en": item.reason_en,
                "reason_th": item.reason_th,
                "evidence": [e.url for e in item.evidence],
            }
            for item in result.items
        }
    out["scan_wall"] = round(time.perf_counter() - started, 3)
    out["peak_rss_mb"] = round(_status_kb("self", "VmHWM:") / 1024, 1)
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main(sys.argv[1]))
