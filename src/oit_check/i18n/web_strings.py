"""Sentences of the web app's pages and error pages (oit-check serve).

Part of the one catalogue (``catalogue.STRINGS``), kept in their own module
so each area adds its rows in one place."""

from __future__ import annotations

WEB_STRINGS: dict[str, tuple[str, str]] = {}
