"""When worker processes cannot start at all, documents are still read (in-process, one at a time)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from oit_check.extract.docpool import DocumentPool
from oit_check.models import FetchedResource, PageContent, ResourceKind


class _DeadExecutor(ProcessPoolExecutor):
    """An executor whose workers die at start-up, like a __main__ that cannot be re-imported."""

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        raise BrokenProcessPool("A child process terminated abruptly")


def _extract(resource: FetchedResource, _limits: object) -> PageContent:
    return PageContent(url=resource.url, kind=resource.kind, text="ข้อความ " + resource.body.decode())


def test_dead_workers_fall_back_to_inline_extraction(monkeypatch: Any) -> None:
    pool = DocumentPool(1, timeout=5, extractor=_extract)  # type: ignore[arg-type]
    monkeypatch.setattr(pool, "_ensure", lambda: (_DeadExecutor(max_workers=1), 1))
    docs = [
        FetchedResource(
            url=f"http://x/{n}.pdf",
            requested_url=f"http://x/{n}.pdf",
            status=200,
            kind=ResourceKind.PDF,
            body=str(n).encode(),
        )
        for n in range(3)
    ]

    async def run() -> list[object]:
        return list(await asyncio.gather(*(pool.extract(d) for d in docs)))

    results = asyncio.run(run())
    assert pool.inline
    assert [r.text for r in results if isinstance(r, PageContent)] == ["ข้อความ 0", "ข้อความ 1", "ข้อความ 2"]
    pool.close()
