"""Reporters: pure functions ``ScanResult -> str``. They format; they never decide a verdict."""

from __future__ import annotations

from oit_check.report.scan_json import render_json, report_schema
from oit_check.report.scan_terminal import render_table

__all__ = ["render_json", "render_table", "report_schema"]
