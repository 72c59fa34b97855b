"""A process pool for document extraction that survives crashed and hung workers (crawl stage).

PDFium is not thread-safe, and a hostile PDF can crash or hang the parser, so documents are
extracted in worker processes (research/libraries.md §2). ``concurrent.futures`` marks the whole
pool broken when one worker dies; this wrapper then starts a fresh pool and retries the affected
documents once, one at a time, so a single bad file fails alone: it becomes a
``PageFailure(UNREADABLE_DOCUMENT)``, never an exception out of the crawl. A document that runs
longer than ``timeout`` gets its workers terminated the same way.

Start method: ``forkserver`` where the platform has it (the Python 3.14 default on Linux; unlike
``fork`` it is safe when the parent has threads, as under a web server, and it does not copy a
large parent: after a 2,000-page crawl, ``fork`` workers took 6-15 s to answer, because the
garbage collector in each child touched, and so copied, the parent's whole heap), else ``spawn``.
Measured on a 2-core VM (``benchmarks/bench_crawl.py``), time from ``start()`` to the first
results: fork ~0.10 s (1-2 workers), forkserver ~0.26-0.46 s, spawn ~0.29-0.47 s; parent CPU
3-10 ms in every case; each worker spends ~0.3 s CPU importing pydantic and the parsers.
``start()`` submits a warm-up to every worker when the crawl begins, so this overlaps the first
network requests instead of delaying the first document. Workers are recycled after
``MAX_TASKS_PER_CHILD`` documents to bound memory growth.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from oit_check.extract.doctext import DEFAULT_LIMITS, DocumentLimits
from oit_check.extract.documents import extract_document, unreadable, warm_up
from oit_check.models import FetchedResource, PageContent, PageFailure

Extractor = Callable[[FetchedResource, DocumentLimits], PageContent | PageFailure]
MAX_TASKS_PER_CHILD = 200


def default_start_method() -> str:
    """``forkserver`` if available, else ``spawn`` (``fork`` is unsafe in threaded parents)."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


class DocumentPool:
    """Runs an extractor (default ``documents.extract_document``) in worker processes.

    Nothing starts in the constructor; ``start()`` (optional) warms the workers, ``extract()``
    starts them on demand, ``close()`` shuts them down (terminating them with ``kill=True``).
    """

    def __init__(
        self,
        workers: int,
        *,
        timeout: float,
        limits: DocumentLimits = DEFAULT_LIMITS,
        extractor: Extractor = extract_document,
        start_method: str | None = None,
    ) -> None:
        self.workers = workers
        self.timeout = timeout
        self.limits = limits
        self._extractor = extractor
        self._start_method = start_method or default_start_method()
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._retry_lock: asyncio.Lock | None = None
        self.restarts = 0
        self.succeeded = 0
        self.inline = False  # workers cannot start here: extract in this process, one at a time
        self._inline_lock: asyncio.Lock | None = None
        self._probe_result: bool | None = None

    def _ensure(self) -> tuple[ProcessPoolExecutor, int]:
        if self._executor is None:
            context = multiprocessing.get_context(self._start_method)
            kwargs: dict[str, Any] = {"max_workers": self.workers, "mp_context": context}
            if self._start_method != "fork":
                kwargs["max_tasks_per_child"] = MAX_TASKS_PER_CHILD
            self._executor = ProcessPoolExecutor(**kwargs)
            self._generation += 1
        return self._executor, self._generation

    def start(self) -> None:
        """Start the workers and import the parsers in each, without waiting for them."""
        executor, _ = self._ensure()
        for _ in range(self.workers):
            future: Future[int] = executor.submit(warm_up)
            future.add_done_callback(_ignore_result)

    async def extract(self, resource: FetchedResource) -> PageContent | PageFailure:
        """Extract one document in a worker; crashes, hangs and pool breakage become failures."""
        if self._retry_lock is None:
            self._retry_lock = asyncio.Lock()
        if self.inline:
            return await self._extract_inline(resource)
        outcome = await self._attempt(resource)
        if outcome is not None:
            self.succeeded += 1
            return outcome
        if self.succeeded == 0 and not await self._workers_start():
            # Workers die at start-up, before any document: typically the program's __main__
            # cannot be re-imported (a script piped to python, some notebooks). Read documents
            # here instead, serially (PDFium is not thread-safe), rather than losing them all.
            self.inline = True
            self._discard(None, kill=True)
            return await self._extract_inline(resource)
        # The pool broke while this document was pending or running: maybe because of it, maybe
        # because of a neighbour. Retry alone, so a second crash points at this document.
        async with self._retry_lock:
            outcome = await self._attempt(resource)
        if outcome is not None:
            return outcome
        return unreadable(
            resource,
            "โปรแกรมอ่านเอกสารหยุดทำงานขณะอ่านไฟล์นี้ (ไฟล์อาจเสียหาย) / "
            "the document reader crashed on this file (it may be corrupt)",
        )

    async def _workers_start(self) -> bool:
        """Whether a fresh worker can start and answer a warm-up (no document involved)."""
        if self._probe_result is not None:
            return self._probe_result
        loop = asyncio.get_running_loop()
        try:
            executor, _generation = self._ensure()
            answer = await asyncio.wait_for(loop.run_in_executor(executor, warm_up), self.timeout)
            self._probe_result = isinstance(answer, int)
        except Exception:  # BrokenProcessPool, timeout, pickling: workers are not usable here
            self._discard(None, kill=True)
            self._probe_result = False
        return self._probe_result

    async def _extract_inline(self, resource: FetchedResource) -> PageContent | PageFailure:
        if self._inline_lock is None:
            self._inline_lock = asyncio.Lock()
        async with self._inline_lock:
            try:
                return await asyncio.to_thread(self._extractor, resource, self.limits)
            except Exception as exc:  # an extractor bug must not end the crawl
                return unreadable(resource, f"อ่านไฟล์ไม่ได้ / the file could not be read ({type(exc).__name__})")

    async def _attempt(self, resource: FetchedResource) -> PageContent | PageFailure | None:
        """One try in the current pool; None when the pool broke (crash or killed neighbour)."""
        loop = asyncio.get_running_loop()
        try:
            executor, generation = self._ensure()
            future = loop.run_in_executor(executor, self._extractor, resource, self.limits)
        except BrokenProcessPool:
            self._discard(None, kill=True)
            return None
        except RuntimeError:  # "cannot schedule new futures after shutdown": closed under us
            return unreadable(resource, "การอ่านเอกสารถูกยกเลิก / document extraction was cancelled")
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._discard(generation, kill=True)
            return unreadable(
                resource,
                f"อ่านไฟล์นานเกิน {self.timeout:g} วินาที / extracting the text took longer than {self.timeout:g} s",
            )
        except BrokenProcessPool:
            self._discard(generation, kill=True)
            return None
        except Exception as exc:  # a result or argument that cannot be pickled, an extractor bug
            return unreadable(resource, f"อ่านไฟล์ไม่ได้ / the file could not be read ({type(exc).__name__})")

    def _discard(self, generation: int | None, *, kill: bool) -> None:
        """Drop the current pool (if it is still ``generation``), terminating its workers."""
        executor = self._executor
        if executor is None or (generation is not None and generation != self._generation):
            return
        self._executor = None
        self.restarts += 1
        _shutdown(executor, kill=kill)

    def close(self, *, kill: bool = False) -> None:
        """Shut the pool down: wait for idle workers to exit, or terminate them (``kill=True``)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            _shutdown(executor, kill=kill)


def _ignore_result(future: Future[int]) -> None:
    if not future.cancelled():
        future.exception()  # retrieve it, so a failed warm-up is not logged as "never retrieved"


def _shutdown(executor: Executor, *, kill: bool) -> None:
    if kill:
        terminate = getattr(executor, "terminate_workers", None)  # Python >= 3.14
        if callable(terminate):
            terminate()
        else:
            # Python < 3.14 has no public way to stop a busy worker; ``_processes`` is the pool's
            # own map of worker processes (stable since 3.2).
            for process in list(getattr(executor, "_processes", {}).values()):
                if process.is_alive():
                    process.terminate()
    executor.shutdown(wait=not kill, cancel_futures=True)
