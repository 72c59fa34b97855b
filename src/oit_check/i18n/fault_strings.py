"""Sentences of crawl faults: truncated, reset, timed-out, oversized and mistyped responses.

Part of the one catalogue (``catalogue.STRINGS``), kept in their own module
so each area adds its rows in one place."""

from __future__ import annotations

FAULT_STRINGS: dict[str, tuple[str, str]] = {}
