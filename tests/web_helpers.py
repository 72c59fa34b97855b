"""Helpers for the ``serve`` tests: a fast fake scan function and uvicorn in a thread on port 0."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import uvicorn
from starlette.applications import Starlette

from html_samples import sample_result
from oit_check.checklist.schema import Checklist
from oit_check.config import ScanConfig
from oit_check.models import ScanResult
from oit_check.progress import ProgressEvent

TODAY = date(2024, 5, 15)  # fiscal year 2567
PUBLIC_IP = "164.115.0.10"  # a globally routable address for fake DNS answers (nothing connects to it)


async def fake_resolver(host: str, port: int) -> list[str]:
    """DNS for tests: ``*.internal.example`` is private, ``nowhere.example`` does not exist."""
    if host.endswith("internal.example"):
        return ["10.1.2.3"]
    if host == "nowhere.example":
        raise OSError("Name or service not known")
    if host in ("localhost", "127.0.0.1"):
        return ["127.0.0.1"]
    return [PUBLIC_IP]


class FakeScan:
    """Stands in for ``pipeline.scan``: reports progress, optionally waits on ``gate``, returns a result."""

    def __init__(self, *, delay: float = 0.0, gate: threading.Event | None = None, error: Exception | None = None):
        self.delay = delay
        self.gate = gate
        self.error = error
        self.calls: list[tuple[str, ScanConfig]] = []

    def __call__(
        self,
        start_url: str,
        checklist: Checklist,
        config: ScanConfig,
        *,
        on_progress: Callable[[ProgressEvent], None] | None = None,
    ) -> ScanResult:
        self.calls.append((start_url, config))
        notify = on_progress or (lambda _event: None)
        notify(ProgressEvent("start", 0, 800, start_url, start_url))
        for i in range(1, 6):
            notify(ProgressEvent("crawl", i, 800, "", f"{start_url}page{i}.html"))
            time.sleep(self.delay)
        if self.gate is not None:
            self.gate.wait(30)
        if self.error is not None:
            raise self.error
        for i in range(1, len(checklist.items) + 1):
            notify(ProgressEvent("match", i, len(checklist.items)))
        notify(ProgressEvent("done", len(checklist.items), len(checklist.items)))
        result = sample_result(hostile=False)
        return result.model_copy(
            update={
                "start_url": start_url,
                "fiscal_year": config.fiscal_year or result.fiscal_year,
                "as_of": config.as_of or result.as_of,
            }
        )


@contextmanager
def run_uvicorn(app: Starlette) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (ephemeral port) from a thread; yields the base URL."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
