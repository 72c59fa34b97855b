"""Sentences of fleet alerts, digests and the fleet dashboard.

Part of the one catalogue (``catalogue.STRINGS``), kept in their own module
so each area adds its rows in one place."""

from __future__ import annotations

ALERT_STRINGS: dict[str, tuple[str, str]] = {}
