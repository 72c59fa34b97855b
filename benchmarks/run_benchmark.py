#!/usr/bin/env python3
"""Speed and memory benchmark of oit-check on a large synthetic agency site (see README.md here).

Usage (from the repository root)::

    /work/venv/bin/python benchmarks/run_benchmark.py                 # 2,000 pages, 200 PDFs
    /work/venv/bin/python benchmarks/run_benchmark.py --pages 2000 --pdfs 200 --delay 0.01 --concurrency 4
    /work/venv/bin/python benchmarks/run_benchmark.py --profile       # + cProfile of the CPU part

Four measurements:

(a) CPU per HTML page, in this process, ``time.process_time()``: ``extract_html`` (decode, parse,
    links with row context, visible text) over every page; then ``match_site`` and ``judge_pages``
    over the extracted pages; reported in ms per HTML page.
(b) ``extract_document`` over every PDF, in this process: ms per PDF page.
(c) End to end: the site is served by ``serve_site`` on 127.0.0.1 from this process, and the real
    ``scan()`` runs in a fresh subprocess. The politeness floor is requests x delay / concurrency
    (``result.crawl.requests``); the report gives wall time and wall / floor.
(d) Peak RSS of that scan process (``VmHWM`` from /proc/self/status, taken in the process
    itself), and separately of the document worker processes (peak ``VmHWM`` of each descendant,
    sampled from /proc by this process every 0.1 s; the largest worker and the peak sum of all
    descendants are reported) plus ``RUSAGE_CHILDREN`` as the scan process sees it when ``scan()``
    returns.

Targets (the issue): <= 5 ms CPU per HTML page (extract + match + judge), wall <= 1.3 x floor,
peak RSS of the scan process <= 300 MB. Results go to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import resource
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(REPO / "src"))

import generate_site  # noqa: E402

RESULTS = BENCH_DIR / "results"
AS_OF = generate_site.AS_OF
FISCAL_YEAR = 2567
TARGET_CPU_MS = 5.0
TARGET_WALL_RATIO = 1.3
TARGET_RSS_MB = 300.0
BASE = "http://127.0.0.1:8000"  # URL the in-process parts pretend the pages came from


# --------------------------------------------------------------------------- site


def ensure_site(root: Path, pages: int, pdfs: int, seed: int, regenerate: bool) -> dict[str, Any]:
    """The generated site for these parameters, generated (again) when missing or different."""
    manifest_file = root / "_manifest.json"
    if manifest_file.is_file() and not regenerate:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        if (manifest.get("generator_version"), manifest.get("seed"), manifest.get("pages"), manifest.get("pdfs")) == (
            generate_site.GENERATOR_VERSION, seed, pages, pdfs,
        ):  # fmt: skip
            return manifest
    print(f"generating {pages} pages and {pdfs} PDFs into {root} ...", file=sys.stderr, flush=True)
    return generate_site.generate(root, pages, pdfs, seed, quiet=False)


def site_files(root: Path) -> tuple[list[Path], list[Path]]:
    html = sorted(p for p in root.rglob("*.html") if not any(s.startswith("_") for s in p.relative_to(root).parts))
    pdfs = sorted(root.rglob("*.pdf"))
    return html, pdfs


def url_of(root: Path, file: Path) -> str:
    from urllib.parse import quote

    return BASE + quote("/" + file.relative_to(root).as_posix())


# --------------------------------------------------------------------------- (a) and (b): CPU in process


def bench_cpu(root: Path, checklist_name: str, profile: bool) -> dict[str, Any]:
    from oit_check.assess import assess_pages as judge_pages
    from oit_check.assess.match import match_site
    from oit_check.checklist import load_checklist
    from oit_check.extract.charset import decode_html
    from oit_check.extract.html import extract_html
    from oit_check.models import FetchedResource, ResourceKind

    checklist = load_checklist(checklist_name)
    html_files, _ = site_files(root)
    same_site = lambda u: u.startswith(BASE + "/")  # noqa: E731
    resources = [
        FetchedResource(url=url_of(root, f), requested_url=url_of(root, f), status=200,
                        content_type="text/html; charset=utf-8", kind=ResourceKind.HTML, body=f.read_bytes())
        for f in html_files
    ]  # fmt: skip
    n = len(resources)
    total_bytes = sum(len(r.body) for r in resources)
    for r in resources[:20]:  # warm-up: imports, regex compilation, caches
        extract_html(r, same_site)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()

    gc.collect()
    # scan() collects young objects less often while it runs (pipeline._fewer_gc_passes); measure
    # the stages under the same setting
    from oit_check.pipeline import _fewer_gc_passes

    gc_setting = _fewer_gc_passes()
    gc_setting.__enter__()
    t = time.process_time()
    for r in resources:
        decode_html(r.body, r.content_type)
    t_decode = time.process_time() - t

    if profiler:
        profiler.enable()
    t = time.process_time()
    pages = [extract_html(r, same_site) for r in resources]
    t_extract = time.process_time() - t

    t = time.process_time()
    matches = match_site(checklist, pages)
    t_match = time.process_time() - t

    t = time.process_time()
    items, index_pages = judge_pages(checklist, pages, [], FISCAL_YEAR, AS_OF)
    t_judge_pages = time.process_time() - t
    if profiler:
        profiler.disable()

    links = sum(len(p.links) for p in pages)
    gc_setting.__exit__(None, None, None)
    text_chars = sum(len(p.text) for p in pages)
    out: dict[str, Any] = {
        "html_pages": n,
        "html_mb": round(total_bytes / 1e6, 1),
        "avg_page_kb": round(total_bytes / n / 1000, 1),
        "avg_links_per_page": round(links / n, 1),
        "avg_text_chars_per_page": round(text_chars / n),
        "decode_ms_per_page": round(1000 * t_decode / n, 3),
        "extract_ms_per_page": round(1000 * t_extract / n, 3),
        "match_site_ms_per_page": round(1000 * t_match / n, 3),
        "judge_pages_ms_per_page": round(1000 * t_judge_pages / n, 3),
        "total_ms_per_page": round(1000 * (t_extract + t_judge_pages) / n, 3),
        "candidates": sum(len(v) for v in matches.candidates.values()),
        "index_pages": index_pages,
        "verdicts": _verdict_counts(items),
    }
    if profiler:
        out["profile_top"] = _profile_top(profiler, dump=RESULTS / "cpu.prof")
    del pages, resources
    gc.collect()
    return out


def bench_pdf(root: Path, profile: bool) -> dict[str, Any]:
    from oit_check.extract.documents import extract_document
    from oit_check.models import FetchedResource, PageContent, ResourceKind

    _, pdf_files = site_files(root)
    resources = [
        FetchedResource(url=url_of(root, f), requested_url=url_of(root, f), status=200,
                        content_type="application/pdf", kind=ResourceKind.PDF, body=f.read_bytes(),
                        content_length=f.stat().st_size)
        for f in pdf_files
    ]  # fmt: skip
    extract_document(resources[0])  # warm-up (pypdfium2 import and library load)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t = time.process_time()
    results = [extract_document(r) for r in resources]
    elapsed = time.process_time() - t
    if profiler:
        profiler.disable()
    docs = [r for r in results if isinstance(r, PageContent)]
    pages = sum(d.page_count or 0 for d in docs)
    out: dict[str, Any] = {
        "pdfs": len(resources),
        "pdf_mb": round(sum(len(r.body) for r in resources) / 1e6, 1),
        "pdf_pages": pages,
        "failures": len(results) - len(docs),
        "ms_per_pdf_page": round(1000 * elapsed / max(pages, 1), 3),
        "ms_per_pdf": round(1000 * elapsed / max(len(resources), 1), 3),
        "avg_text_chars_per_pdf": round(sum(len(d.text) for d in docs) / max(len(docs), 1)),
    }
    if profiler:
        out["profile_top"] = _profile_top(profiler, 12, dump=RESULTS / "pdf.prof")
    return out


def _verdict_counts(items: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[str(item.status)] = counts.get(str(item.status), 0) + 1
    return dict(sorted(counts.items()))


def _profile_top(profiler: Any, limit: int = 25, dump: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """The functions with the most own time and the most cumulative time (cProfile)."""
    import pstats

    if dump is not None:
        dump.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(dump))
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(file).name}:{line}({func})", "calls": calls,
                     "own_s": round(tottime, 3), "cum_s": round(cumtime, 3)})  # fmt: skip
    by_own = sorted(rows, key=lambda r: r["own_s"], reverse=True)[:limit]
    by_cum = sorted(rows, key=lambda r: r["cum_s"], reverse=True)[:limit]
    return {"by_own_time": by_own, "by_cumulative_time": by_cum}


# --------------------------------------------------------------------------- (c) and (d): end to end


def bench_scan(root: Path, args: argparse.Namespace, manifest: dict[str, Any]) -> dict[str, Any]:
    from oit_check.fixtureserver.server import serve_site

    with serve_site(root) as server:
        generate_site.write_host_files(root, server.url)
        spec = {
            "url": server.url,
            "checklist": args.checklist,
            "delay": args.delay,
            "concurrency": args.concurrency,
            "max_pages": int(manifest["pages"]) + 500,
            "max_documents": int(manifest["pdfs"]) + 100,
            "profile": args.profile_scan,
        }
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(REPO),
        )  # fmt: skip
        sampler = MemorySampler(proc.pid)
        sampler.start()
        stdout, stderr = proc.communicate()
        wall_outside = time.perf_counter() - t0
        sampler.stop()
        server_cpu = time.process_time() - cpu0
        hits = sum(server.hits.values())
    generate_site.write_host_files(root, generate_site.DEFAULT_BASE_URL)
    if proc.returncode != 0:
        raise SystemExit(f"scan subprocess failed ({proc.returncode}):\n{stderr[-4000:]}")
    child = json.loads(stdout.strip().splitlines()[-1])
    requests = child["requests"]
    floor = requests * args.delay / args.concurrency
    # politeness.HostGate spaces request *starts* to one host by the delay whatever the
    # concurrency, so the crawler's own lower bound is requests x delay (see README).
    spacing = requests * (child["effective_delay"] if child["effective_delay"] is not None else args.delay)
    child.update({
        "delay": args.delay,
        "concurrency": args.concurrency,
        "server_hits": hits,
        "floor_s": round(floor, 3),
        "wall_over_floor": round(child["scan_wall_s"] / floor, 3) if floor else None,
        "start_spacing_floor_s": round(spacing, 3),
        "wall_over_start_spacing_floor": round(child["scan_wall_s"] / spacing, 3) if spacing else None,
        "subprocess_wall_s": round(wall_outside, 3),
        "server_process_cpu_s": round(server_cpu, 3),
        "workers_peak_rss_mb": round(sampler.max_descendant_hwm_kb / 1024, 1),
        "workers_seen": len(sampler.hwm_kb),
        "peak_total_rss_mb": round(sampler.max_total_kb / 1024, 1),
    })  # fmt: skip
    return child


class MemorySampler:
    """Samples the RSS of a process and all its descendants from /proc every 0.1 s."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.hwm_kb: dict[int, int] = {}  # descendant pid -> peak VmHWM
        self.max_total_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def max_descendant_hwm_kb(self) -> int:
        return max(self.hwm_kb.values(), default=0)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2 :].split()
            parents[int(entry)] = int(fields[1])
        family = {self.pid}
        changed = True
        while changed:
            changed = False
            for pid, ppid in parents.items():
                if ppid in family and pid not in family:
                    family.add(pid)
                    changed = True
        total = 0
        for pid in family:
            rss, hwm = _status_kb(pid)
            total += rss
            if pid != self.pid and hwm:
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), hwm)
        self.max_total_kb = max(self.max_total_kb, total)


def _status_kb(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def _vm_hwm_kb() -> int:
    """Peak resident set of this process's own address space, in KiB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_main(spec_json: str) -> int:
    """Run one real scan (in a fresh process, so its peak RSS is the scan's own) and print JSON."""
    spec = json.loads(spec_json)
    _guard_network()
    t_import = time.perf_counter()
    from oit_check import CrawlConfig, ScanConfig, load_checklist, scan

    checklist = load_checklist(spec["checklist"])
    import_s = time.perf_counter() - t_import
    crawl = CrawlConfig(
        delay=spec["delay"], concurrency=spec["concurrency"], max_pages=spec["max_pages"],
        max_documents=spec["max_documents"], max_depth=1000, max_seconds=3600, max_sitemap_urls=100_000,
        timeout=60, max_response_seconds=120,
    )  # fmt: skip
    config = ScanConfig(crawl=crawl, as_of=AS_OF, fiscal_year=FISCAL_YEAR)
    profiler = None
    if spec.get("profile"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    last_crawl_cpu = [0.0]
    crawl_maxrss = [0]

    def on_progress(event: Any) -> None:  # CPU and peak RSS at the last crawl event = end of the crawl stage
        if event.stage == "crawl":
            last_crawl_cpu[0] = time.process_time()
            crawl_maxrss[0] = _vm_hwm_kb()

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    result = scan(spec["url"], checklist, config, on_progress=on_progress)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    crawl_cpu = last_crawl_cpu[0] - cpu0 if last_crawl_cpu[0] else None
    if profiler:
        profiler.disable()
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = result.crawl
    out: dict[str, Any] = {
        "requests": stats.requests,
        "pages": stats.pages,
        "documents": stats.documents,
        "crawl_mb": round(stats.bytes / 1e6, 1),
        "errors": stats.errors,
        "errors_by_kind": stats.errors_by_kind,
        "stopped_by": stats.stopped_by,
        "skipped_limit": stats.skipped_limit,
        "retries": stats.retries,
        "sitemap_urls": stats.sitemap_urls,
        "effective_delay": stats.delay_seconds,
        "scan_wall_s": round(wall, 3),
        "crawl_s": result.timings.crawl_seconds,
        "match_judge_s": result.timings.match_seconds,
        "scan_cpu_s": round(cpu, 3),
        "scan_cpu_ms_per_request": round(1000 * cpu / max(stats.requests, 1), 3),
        "crawl_cpu_s": None if crawl_cpu is None else round(crawl_cpu, 3),
        "match_judge_cpu_s": None if crawl_cpu is None else round(cpu - crawl_cpu, 3),
        "children_cpu_s": round(children.ru_utime + children.ru_stime, 3),
        # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts at its parent's RSS at fork (the
        # kernel carries the old mm's high-water mark across exec), and this parent held every page of
        # part (a) in memory; VmHWM belongs to the scan process's own address space.
        "scan_peak_rss_mb": round(_vm_hwm_kb() / 1024, 1),
        "scan_ru_maxrss_mb": round(self_usage.ru_maxrss / 1024, 1),
        "scan_peak_rss_end_of_crawl_mb": round(crawl_maxrss[0] / 1024, 1),
        "children_maxrss_mb": round(children.ru_maxrss / 1024, 1),
        "import_and_checklist_s": round(import_s, 3),
        "verdicts": _verdict_counts(result.items),
        "index_pages": result.index_pages,
    }
    if profiler:
        out["profile_top"] = _profile_top(profiler, 30, dump=RESULTS / "scan.prof")
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _guard_network() -> None:
    """Refuse to resolve anything but loopback: nothing in the benchmark may reach the internet."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"benchmark network guard: refusing to resolve {name!r}")
        return real(host, *args, **kwargs)

    socket.getaddrinfo = guarded  # type: ignore[assignment]


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1), "python": platform.python_version(),
            "platform": platform.platform()}  # fmt: skip


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "MISSED")


def print_table(result: dict[str, Any]) -> None:
    cpu, pdf, e2e = result.get("cpu"), result.get("pdf"), result.get("scan")
    rows: list[tuple[str, str, str]] = []
    if cpu:
        rows += [
            ("HTML pages (avg KB, links, text chars)",
             f"{cpu['html_pages']} ({cpu['avg_page_kb']} KB, {cpu['avg_links_per_page']}, {cpu['avg_text_chars_per_page']})", ""),
            ("  decode (part of extract)", f"{cpu['decode_ms_per_page']:.3f} ms/page", ""),
            ("  extract_html", f"{cpu['extract_ms_per_page']:.3f} ms/page", ""),
            ("  match_site", f"{cpu['match_site_ms_per_page']:.3f} ms/page", ""),
            ("  judge_pages (match + judge)", f"{cpu['judge_pages_ms_per_page']:.3f} ms/page", ""),
            ("  extract + match + judge", f"{cpu['total_ms_per_page']:.3f} ms/page",
             f"<= {TARGET_CPU_MS} ms: {verdict(result['targets']['cpu_ms_per_html_page'])}"),
        ]  # fmt: skip
    if pdf:
        rows += [
            ("PDFs (pages)", f"{pdf['pdfs']} ({pdf['pdf_pages']})", ""),
            ("  extract_document", f"{pdf['ms_per_pdf_page']:.3f} ms/PDF page", f"{pdf['ms_per_pdf']:.1f} ms/PDF"),
        ]
    if e2e:
        rows += [
            ("scan: requests (pages + documents)", f"{e2e['requests']} ({e2e['pages']} + {e2e['documents']})", ""),
            ("scan: floor = requests x delay / concurrency", f"{e2e['floor_s']:.2f} s",
             f"delay {e2e['delay']} s, concurrency {e2e['concurrency']}"),
            ("scan: wall", f"{e2e['scan_wall_s']:.2f} s",
             f"ratio {e2e['wall_over_floor']} <= {TARGET_WALL_RATIO}: {verdict(result['targets']['wall_over_floor'])}"),
            ("scan: start-spacing floor (requests x delay)", f"{e2e['start_spacing_floor_s']:.2f} s",
             f"ratio {e2e['wall_over_start_spacing_floor']} (how politeness.HostGate spaces requests)"),
            ("scan: crawl / match+judge", f"{e2e['crawl_s']:.2f} s / {e2e['match_judge_s']:.2f} s", ""),
            ("scan: CPU (scan process)", f"{e2e['scan_cpu_s']:.2f} s",
             f"{e2e['scan_cpu_ms_per_request']:.2f} ms/request; crawl {e2e['crawl_cpu_s']} s, "
             f"match+judge {e2e['match_judge_cpu_s']} s"),
            ("scan: peak RSS, scan process", f"{e2e['scan_peak_rss_mb']:.1f} MB",
             f"<= {TARGET_RSS_MB:.0f} MB: {verdict(result['targets']['peak_rss'])}; "
             f"{e2e['scan_peak_rss_end_of_crawl_mb']:.0f} MB by the end of the crawl"),
            ("scan: peak RSS, largest doc worker", f"{e2e['workers_peak_rss_mb']:.1f} MB",
             f"{e2e['workers_seen']} descendants; RUSAGE_CHILDREN {e2e['children_maxrss_mb']:.1f} MB"),
            ("scan: peak RSS, all processes (sampled)", f"{e2e['peak_total_rss_mb']:.1f} MB", ""),
        ]  # fmt: skip
    rows.append(
        (
            "load average (1 min) at start / end",
            f"{result['load_average_start'][0]} / {result['load_average_end'][0]}",
            f"{result['machine']['cores']} cores",
        )
    )
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print()
    for a, b, c in rows:
        print(f"{a:<{w0}}  {b:>{w1}}  {c}")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="oit-check speed and memory benchmark (see benchmarks/README.md)")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--pdfs", type=int, default=200)
    ap.add_argument("--delay", type=float, default=0.01, help="CrawlConfig.delay for the end-to-end scan")
    ap.add_argument("--concurrency", type=int, default=4, help="CrawlConfig.concurrency (per host)")
    ap.add_argument("--seed", type=int, default=2567)
    ap.add_argument("--site", type=Path, default=generate_site.DEFAULT_OUT)
    ap.add_argument("--checklist", default="ita-2566")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the site even if it is up to date")
    ap.add_argument("--skip-cpu", action="store_true", help="skip (a) and (b)")
    ap.add_argument("--skip-scan", action="store_true", help="skip (c) and (d)")
    ap.add_argument("--profile", action="store_true", help="cProfile (a) and (b); top functions go in the JSON")
    ap.add_argument("--profile-scan", action="store_true", help="cProfile the scan process (slows it down)")
    ap.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(args.child)

    t0 = time.perf_counter()
    manifest = ensure_site(args.site, args.pages, args.pdfs, args.seed, args.regenerate)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python benchmarks/run_benchmark.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": machine(),
        "site": {k: manifest[k] for k in ("pages", "pdfs", "pdf_pages", "html_bytes", "html_bytes_min",
                                          "html_bytes_max", "pdf_bytes", "seed")},
    }  # fmt: skip
    with contextlib.suppress(OSError):
        result["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "checklists"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        result["uncommitted_src_files"] = sorted(line[3:] for line in status.splitlines() if line.strip())
    result["load_average_start"] = [round(x, 2) for x in os.getloadavg()]
    if not args.skip_cpu:
        print("(a) extract + match + judge over every HTML page ...", file=sys.stderr, flush=True)
        result["cpu"] = bench_cpu(args.site, args.checklist, args.profile)
        print("(b) extract_document over every PDF ...", file=sys.stderr, flush=True)
        result["pdf"] = bench_pdf(args.site, args.profile)
    if not args.skip_scan:
        print(f"(c, d) scan() of the served site (delay {args.delay}, concurrency {args.concurrency}) ...",
              file=sys.stderr, flush=True)  # fmt: skip
        result["scan"] = bench_scan(args.site, args, manifest)
    cpu, e2e = result.get("cpu"), result.get("scan")
    result["targets"] = {
        "cpu_ms_per_html_page": None if not cpu else cpu["total_ms_per_page"] <= TARGET_CPU_MS,
        "wall_over_floor": None
        if not e2e or e2e["wall_over_floor"] is None
        else e2e["wall_over_floor"] <= TARGET_WALL_RATIO,
        "peak_rss": None if not e2e else e2e["scan_peak_rss_mb"] <= TARGET_RSS_MB,
    }
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["benchmark_seconds"] = round(time.perf_counter() - t0, 1)
    print_table(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
