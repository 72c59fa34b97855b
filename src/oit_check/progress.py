"""Progress events that ``scan()`` passes to a callback, so the library itself never prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a scan.

    ``stage`` is "crawl" while fetching (``done`` pages/documents fetched so far, ``total`` the page
    limit), then "match" while deciding items (``done`` of ``total`` items), then "done".
    """

    stage: Literal["start", "crawl", "match", "done"]
    done: int
    total: int
    message: str = ""
    url: str | None = None
