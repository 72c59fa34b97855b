"""Scan jobs of the self-check app: run ``scan()`` in a worker thread, track its progress, store it.

A ``JobManager`` belongs to one app (no module state). It admits at most ``max_concurrent`` running
scans; ``start`` returns None when that many are running, and the app answers 429 with a Thai
"busy, try again" message. Progress events arrive on the worker thread and are copied into the
job under a lock; the progress endpoints read snapshots. Finished jobs are kept (bounded) so a
progress page opened late still finds its report.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import anyio.to_thread

from oit_check.checklist.schema import Checklist
from oit_check.config import ScanConfig
from oit_check.errors import OitCheckError
from oit_check.history import HistoryStore, is_scan_id
from oit_check.i18n import t
from oit_check.models import ScanResult
from oit_check.progress import ProgressEvent

log = logging.getLogger("oit_check.web")

JobState = Literal["queued", "running", "done", "failed"]
MAX_KEPT_JOBS = 200


class ScanFunc(Protocol):
    """The signature of ``oit_check.pipeline.scan`` (injectable so tests can run fast)."""

    def __call__(
        self,
        start_url: str,
        checklist: Checklist,
        config: ScanConfig,
        *,
        on_progress: Callable[[ProgressEvent], None] | None = None,
    ) -> ScanResult: ...


@dataclass
class ResultsUpload:
    """An ITA results file sent with the scan form, attached to the scan once it is stored."""

    file_name: str
    content: bytes


@dataclass
class Job:
    """One scan in progress (or finished)."""

    id: str
    url: str
    fiscal_year: int
    state: JobState = "queued"
    stage: str = "start"
    pages: int = 0
    items_done: int = 0
    items_total: int = 0
    last_url: str = ""
    scan_id: str | None = None
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    version: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def on_progress(self, event: ProgressEvent) -> None:
        """Progress callback passed to ``scan()``; runs on the worker thread."""
        with self._lock:
            self.state = "running"
            self.stage = event.stage
            if event.stage == "crawl":
                self.pages = max(self.pages, event.done)
                self.last_url = event.url or self.last_url
            elif event.stage == "match":
                self.items_done = event.done
                self.items_total = event.total
            self.version += 1

    def finish(self, scan_id: str) -> None:
        """Mark the job done with the id of its stored scan."""
        with self._lock:
            self.state = "done"
            self.stage = "done"
            self.scan_id = scan_id
            self.version += 1

    def fail(self, message: str) -> None:
        """Mark the job failed with a message for people."""
        with self._lock:
            self.state = "failed"
            self.error = message
            self.version += 1

    def snapshot(self, lang: str, *, root: str = "") -> dict[str, object]:
        """The job as JSON-ready data, with the status line in ``lang``."""
        with self._lock:
            if self.state == "done":
                text = t("progress_done", lang)
            elif self.state == "failed":
                text = t("err_scan_failed", lang, detail=self.error or "")
            elif self.stage == "match":
                text = t("progress_match", lang, done=self.items_done, total=self.items_total)
            elif self.stage == "crawl":
                text = t("progress_crawl", lang, done=self.pages)
            else:
                text = t("progress_queued", lang)
            suffix = "?lang=en" if lang == "en" else ""
            return {
                "id": self.id,
                "state": self.state,
                "stage": self.stage,
                "pages": self.pages,
                "items_done": self.items_done,
                "items_total": self.items_total,
                "last_url": self.last_url,
                "text": text,
                "error": self.error,
                "scan_id": self.scan_id,
                "report_url": f"{root}/scans/{self.scan_id}{suffix}" if self.scan_id else None,
                "elapsed": round(time.monotonic() - self.started, 1),
                "version": self.version,
            }


class JobManager:
    """Starts scans within the concurrency limit and keeps recent jobs in memory."""

    def __init__(
        self,
        store: HistoryStore,
        scan_func: ScanFunc,
        *,
        max_concurrent: int,
    ) -> None:
        self.store = store
        self.scan_func = scan_func
        self.max_concurrent = max(1, max_concurrent)
        self.running = 0  # changed on the event loop only, so check-and-increment cannot race
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, job_id: str) -> Job | None:
        """A job by id (ids are validated like scan ids)."""
        return self.jobs.get(job_id) if is_scan_id(job_id) else None

    def start(
        self,
        url: str,
        checklist: Checklist,
        config: ScanConfig,
        fiscal_year: int,
        *,
        upload: ResultsUpload | None = None,
    ) -> Job | None:
        """Start a scan in the background; None when ``max_concurrent`` scans are running."""
        if self.running >= self.max_concurrent:
            return None
        self.running += 1
        job = Job(id=secrets.token_hex(8), url=url, fiscal_year=fiscal_year)
        self.jobs[job.id] = job
        while len(self.jobs) > MAX_KEPT_JOBS:
            oldest = next(iter(self.jobs))
            if self.jobs[oldest].state in ("queued", "running"):
                break
            self.jobs.pop(oldest)
        task = asyncio.get_running_loop().create_task(self._run(job, checklist, config, upload))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def _run(self, job: Job, checklist: Checklist, config: ScanConfig, upload: ResultsUpload | None) -> None:
        try:
            call = functools.partial(self.scan_func, job.url, checklist, config, on_progress=job.on_progress)
            result = await anyio.to_thread.run_sync(call)
            scan_id = await anyio.to_thread.run_sync(self.store.save, result)
            if upload is not None:
                await anyio.to_thread.run_sync(
                    self.store.attach_results_file, scan_id, upload.file_name, upload.content
                )
            job.finish(scan_id)
        except OitCheckError as exc:
            job.fail(exc.message)
        except Exception as exc:  # the app must survive any fault of one scan and say so on its page
            log.exception("scan of %s failed", job.url)
            job.fail(f"{type(exc).__name__}: {exc}")
        finally:
            self.running -= 1

    async def aclose(self) -> None:
        """Cancel the waiting side of running jobs (worker threads finish on their own)."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
