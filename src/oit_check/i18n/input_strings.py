"""Sentences of bad input: option and environment errors, refused files, the exit-code contract.

Part of the one catalogue (``catalogue.STRINGS``), kept in their own module
so each area adds its rows in one place."""

from __future__ import annotations

INPUT_STRINGS: dict[str, tuple[str, str]] = {}
