"""Plan, scan and summarise the metamorphic false-ok suite (shared by the test and the benchmark).

``plan(site_dirs, max_batch)`` lists the jobs (one mutated copy each) and the skipped pairs;
``run(jobs, workers)`` scans every copy on its own loopback fixture server, concurrently;
``summarise(...)`` turns the outcomes into the JSON summary and ``table(...)`` into a printable table.
This module scans with oit-check; ``mutations`` and the modules it uses never import it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .mutations import MUTATIONS, mutate_site, plan_batches, skip_reason, time_rules
from .sitefiles import FixtureSite, offsite_key
from .years import shift_path

REPO = Path(__file__).resolve().parents[2]
SITE_DIRS = sorted(
    p
    for parent in (REPO / "fixtures" / "sites", REPO / "fixtures" / "holdout")
    for p in parent.iterdir()
    if (p / "_expected.yaml").is_file()
)
SUMMARY_PATH = REPO / "tests" / "artifacts" / "metamorphic-summary.json"
SCAN_SECONDS = 60.0


@dataclass
class Job:
    """One mutated copy to scan: a site, a mutation and the items it was applied to."""

    site_dir: Path
    mutation: str
    items: list[str]


@dataclass
class Outcome:
    """The verdict of one (site, item, mutation) pair on its mutated copy."""

    site: str
    item: str
    mutation: str
    status: str
    reason_en: str
    reason_th: str
    evidence: list[str] = field(default_factory=list)
    batch_size: int = 1
    rests_on: str = ""
    """Where the verdict's first evidence is: the mutated evidence itself, the ITA index page, the
    start page, another page or document of the site, or an off-site URL."""


@dataclass
class Skipped:
    site: str
    item: str
    mutation: str
    reason: str


def plan(
    site_dirs: list[Path] = SITE_DIRS, max_batch: int | None = None, mutations: tuple[str, ...] = MUTATIONS
) -> tuple[list[Job], list[Skipped]]:
    """Every (site, ok item, mutation) pair: jobs for the applicable ones, the rest with a reason."""
    rules = time_rules()
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    for site_dir in site_dirs:
        site = FixtureSite(site_dir)
        for mutation in mutations:
            applicable = []
            for item_id in site.ok_items():
                reason = skip_reason(site, item_id, mutation, rules)
                if reason is None:
                    applicable.append(item_id)
                else:
                    skipped.append(Skipped(site.name, item_id, mutation, reason))
            for batch in plan_batches(site, mutation, applicable, max_batch):
                jobs.append(Job(site_dir, mutation, batch))
    return jobs, skipped


def _scan_job(job: Job) -> tuple[list[Outcome], str | None]:
    from oit_check.checklist import load_checklist
    from oit_check.config import CrawlConfig, ScanConfig
    from oit_check.fixtureserver import serve_site
    from oit_check.pipeline import scan

    site = FixtureSite(job.site_dir)
    config = ScanConfig(
        crawl=CrawlConfig(delay=0.0, allow_private=True, max_crawl_delay=0.0, max_seconds=SCAN_SECONDS),
        fiscal_year=int(site.expected["fiscal_year"]),
        as_of=date.fromisoformat(str(site.expected["as_of"])),
    )
    with tempfile.TemporaryDirectory(prefix=f"oit-mm-{site.name}-{job.mutation}-") as tmp:
        try:
            copy, _ = mutate_site(site, job.items, job.mutation, Path(tmp))
            with serve_site(copy) as server:
                result = scan(server.url, load_checklist("ita-2566"), config)
        except Exception as exc:  # reported, never silently counted as "not ok"
            return [], f"{site.name} {job.mutation} {job.items}: {type(exc).__name__}: {exc}"
    by_id = {item.id: item for item in result.items}
    base = result.start_url.rstrip("/")
    outcomes = []
    for item_id in job.items:
        item = by_id[item_id]
        urls = [ev.url.replace(base, "") for ev in item.evidence]
        outcome = Outcome(
            site.name, item_id, job.mutation, item.status.value, item.reason_en, item.reason_th, urls, len(job.items)
        )
        outcome.rests_on = rests_on(site, item_id, job.mutation, urls[0]) if urls else "no evidence"
        outcomes.append(outcome)
    return outcomes, None


def rests_on(site: FixtureSite, item_id: str, mutation: str, url: str) -> str:
    """Classify the URL a verdict rests on, against the item's (mutated) evidence."""
    files, offsite, _ = site.evidence(item_id)
    key = offsite_key(url)
    if key is not None:
        return "the off-site evidence" if key in offsite else "another off-site URL"
    path = unquote(url.split("?", 1)[0].split("#", 1)[0]) or "/"

    def paths(rel: str | None) -> set[str]:
        found = site.aliases(rel) if rel else set()
        return {shift_path(p) for p in found} if mutation == "years_back" else found

    if any(path in paths(rel) for rel in files):
        return "the mutated evidence"
    if path in paths(site.index_file):
        return "the ITA index page"
    if path in paths(site.start_file):
        return "the start page"
    return "another page or document"


@contextlib.contextmanager
def loopback_only() -> Iterator[None]:
    """Refuse to resolve any host but loopback while scanning: off-site evidence (Drive, Facebook)
    is never reached, so the figures do not depend on the network (the test suite's own guard
    does the same)."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if host is not None and name not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"metamorphic suite network guard: refusing to resolve {name!r}")
        return real(host, *args, **kwargs)

    socket.getaddrinfo = guarded  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.getaddrinfo = real  # type: ignore[assignment]


def run(jobs: list[Job], workers: int = 4) -> tuple[list[Outcome], list[str]]:
    """Scan every job's mutated copy (``workers`` at a time); outcomes and scan errors."""
    outcomes: list[Outcome] = []
    errors: list[str] = []
    with loopback_only(), ThreadPoolExecutor(max_workers=workers) as pool:
        for found, error in pool.map(_scan_job, jobs):
            outcomes.extend(found)
            if error:
                errors.append(error)
    return outcomes, errors


def _tool_state() -> dict[str, Any]:
    """The commit the scanned tool is at, and its files changed since (the tool may be mid-edit)."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = git("status", "--porcelain", "--", "src", "checklists", "fixtures/sites", "fixtures/holdout")
    return {"commit": git("rev-parse", "--short", "HEAD"), "changed_since": [line[3:] for line in changed.splitlines()]}


def summarise(
    jobs: list[Job],
    outcomes: list[Outcome],
    skipped: list[Skipped],
    errors: list[str],
    seconds: float,
    max_batch: int | None,
) -> dict[str, Any]:
    still_ok = [o for o in outcomes if o.status == "ok"]
    per_mutation = {
        m: {
            "pairs": sum(1 for o in outcomes if o.mutation == m),
            "still_ok": sum(1 for o in still_ok if o.mutation == m),
            "skipped": sum(1 for s in skipped if s.mutation == m),
            "scans": sum(1 for j in jobs if j.mutation == m),
        }
        for m in MUTATIONS
    }
    return {
        "mode": "one scan per pair"
        if max_batch == 1
        else f"batched (max {max_batch or 'unlimited'} items per mutated copy)",
        "sites": sorted({j.site_dir.name for j in jobs} | {s.site for s in skipped}),
        "tool": _tool_state(),
        "scans": len(jobs),
        "seconds": round(seconds, 1),
        "pairs_run": len(outcomes),
        "pairs_still_ok": len(still_ok),
        "pairs_skipped": len(skipped),
        "skipped_reasons": dict(Counter(f"{s.mutation}: {s.reason}" for s in skipped).most_common()),
        "per_mutation": per_mutation,
        "verdicts_per_mutation": {m: dict(Counter(o.status for o in outcomes if o.mutation == m)) for m in MUTATIONS},
        "still_ok_rest_on": dict(Counter(f"{o.mutation}: {o.rests_on}" for o in still_ok).most_common()),
        "still_ok": [asdict(o) for o in still_ok],
        "scan_errors": errors,
        "skipped": [asdict(s) for s in skipped],
    }


def run_suite(
    max_batch: int | None = None,
    workers: int = 4,
    site_dirs: list[Path] = SITE_DIRS,
    summary_path: Path | None = SUMMARY_PATH,
) -> dict[str, Any]:
    """Plan, scan and summarise; write the summary JSON when ``summary_path`` is given."""
    started = time.monotonic()
    jobs, skipped = plan(site_dirs, max_batch)
    outcomes, errors = run(jobs, workers)
    summary = summarise(jobs, outcomes, skipped, errors, time.monotonic() - started, max_batch)
    if summary_path is not None:
        summary_path.parent.mkdir(parents=True, exist_ok=True)
        summary_path.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def table(summary: dict[str, Any]) -> str:
    """The per-mutation table and the list of pairs still ok, as plain text."""
    tool = summary.get("tool", {})
    dirty = f" + {len(tool['changed_since'])} changed files" if tool.get("changed_since") else ""
    lines = [
        f"metamorphic false-ok suite: {summary['mode']}, {summary['scans']} scans, {summary['seconds']} s"
        f" (oit-check at {tool.get('commit') or '?'}{dirty})",
        f"{'mutation':<18} {'pairs':>6} {'still ok':>9} {'skipped':>8} {'scans':>6}",
    ]
    for mutation, row in summary["per_mutation"].items():
        lines.append(f"{mutation:<18} {row['pairs']:>6} {row['still_ok']:>9} {row['skipped']:>8} {row['scans']:>6}")
    lines.append(
        f"{'total':<18} {summary['pairs_run']:>6} {summary['pairs_still_ok']:>9} {summary['pairs_skipped']:>8} {summary['scans']:>6}"
    )
    if summary["still_ok"]:
        lines.append("")
        lines.append("still ok (site, item, mutation: the report's reason):")
        for o in summary["still_ok"]:
            lines.append(f"  {o['site']} {o['item']} {o['mutation']} [{o['rests_on']}]: {o['reason_en']}")
    if summary["scan_errors"]:
        lines.append("")
        lines.append("scan errors:")
        lines.extend(f"  {e}" for e in summary["scan_errors"])
    return "\n".join(lines)
