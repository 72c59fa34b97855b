#!/usr/bin/env python3
"""CPU cost of the crawl machinery itself, and start-up cost of the document process pool.

Usage (from the repository root)::

    /work/venv/bin/python benchmarks/bench_crawl.py                  # benchmarks/site, all pages
    /work/venv/bin/python benchmarks/bench_crawl.py --site fixtures/sites/demo --pages 100

The site is served by ``python -m oit_check.fixtureserver`` in a *separate process*, so the server's CPU is
not counted. Three crawls, delay 0, concurrency 4, documents off unless stated:

1. ``extract_html`` = the real extractor, wrapped to cache each PageContent by URL;
2. the same crawl with ``extract_html`` = a dictionary lookup in that cache: what is left is the
   crawl machinery (httpx, redirects, robots, URL normalisation, scope, traps, frontier,
   de-duplication hashing, stats): reported as CPU ms per fetched HTML page;
3. crawl 2 with ``fetch_documents=True``: the parent's extra CPU per document (pickling bodies to
   the pool, results back) and the wall time.

Then the pool alone: time to the first result after ``DocumentPool.start()`` for 1, 2 and 4
workers, per start method (fork, forkserver, spawn).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from oit_check.config import CrawlConfig  # noqa: E402
from oit_check.crawl import crawl  # noqa: E402
from oit_check.extract.docpool import DocumentPool  # noqa: E402
from oit_check.extract.html import extract_html  # noqa: E402
from oit_check.models import FetchedResource, PageContent, ResourceKind  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(site: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "oit_check.fixtureserver", str(site), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "serving ... at ..."
    return proc, f"http://127.0.0.1:{port}/"


def _crawl_config(pages: int, documents: bool) -> CrawlConfig:
    return CrawlConfig(
        delay=0,
        concurrency=4,
        max_pages=pages,
        max_depth=50,
        max_documents=1000,
        max_seconds=900,
        fetch_documents=documents,
        use_sitemap=False,
        document_workers=2,
    )


def bench_crawl(site: Path, pages: int) -> None:
    proc, url = _serve(site)
    try:
        cache: dict[str, PageContent] = {}

        def caching(resource: FetchedResource, is_same_site: object) -> PageContent:
            page = extract_html(resource, is_same_site)  # type: ignore[arg-type]
            cache[resource.url] = page
            return page

        def cached(resource: FetchedResource, is_same_site: object) -> PageContent:
            return cache[resource.url]

        for label, extractor, documents in (
            ("real extract_html", caching, False),
            ("machinery only (cached extraction)", cached, False),
            ("machinery + documents in the pool", cached, True),
        ):
            cpu0, wall0 = time.process_time(), time.perf_counter()
            outcome = asyncio.run(crawl(url, _crawl_config(pages, documents), extract_html=extractor))
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            stats = outcome.stats
            html = sum(1 for p in outcome.pages if p.kind is ResourceKind.HTML)
            print(
                f"{label:38s} pages={html:5d} docs={stats.documents:4d} requests={stats.requests:5d} "
                f"MB={stats.bytes / 1e6:7.1f} wall={wall:6.2f}s cpu={cpu:6.2f}s "
                f"-> {1000 * cpu / max(1, html):5.2f} ms CPU/page"
            )
    finally:
        proc.terminate()
        proc.wait()


async def _first_result(workers: int, method: str) -> tuple[float, float]:
    pool = DocumentPool(workers, timeout=60, start_method=method)
    t0 = time.perf_counter()
    pool.start()
    created = time.perf_counter() - t0
    resource = FetchedResource(
        url="http://x/a.doc", requested_url="http://x/a.doc", status=200, kind=ResourceKind.DOC_OTHER, body=b"x"
    )
    await asyncio.gather(*(pool.extract(resource) for _ in range(workers)))
    first = time.perf_counter() - t0
    pool.close()
    return created, first


def bench_pool() -> None:
    for method in ("fork", "forkserver", "spawn"):
        for workers in (1, 2, 4):
            cpu0 = time.process_time()
            created, first = asyncio.run(_first_result(workers, method))
            print(
                f"pool {method:10s} workers={workers}: start() {1000 * created:6.1f} ms, "
                f"first results {1000 * first:6.0f} ms, parent CPU {1000 * (time.process_time() - cpu0):5.0f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "benchmarks" / "site")
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--skip-pool", action="store_true")
    args = parser.parse_args()
    bench_crawl(args.site, args.pages)
    if not args.skip_pool:
        bench_pool()


if __name__ == "__main__":
    main()
