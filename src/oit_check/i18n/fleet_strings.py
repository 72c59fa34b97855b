"""Sentences of the fleet: batch, history, diff (commands batch/history/diff, fleet/ roster and runner).

Part of the one catalogue (``catalogue.STRINGS``), kept in their own module
so each area adds its rows in one place."""

from __future__ import annotations

FLEET_STRINGS: dict[str, tuple[str, str]] = {}
