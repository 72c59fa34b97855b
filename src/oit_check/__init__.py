"""oit-check: check a Thai agency website against the OIT disclosure items of the NACC ITA.

The public API is what ``__all__`` lists; everything else is internal and may change::

    from oit_check import ScanConfig, load_checklist, scan

    result = scan("https://www.example.go.th/", load_checklist("ita-2566"), ScanConfig(fiscal_year=2567))
    print(result.summary, [item.id for item in result.items if item.status is not Verdict.OK])

Names are imported on first use (PEP 562), so ``import oit_check`` stays cheap for the document
worker processes and for tools that only need the Thai date engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from oit_check._version import __version__

if TYPE_CHECKING:
    from oit_check.checklist import load_checklist
    from oit_check.config import CrawlConfig, ScanConfig
    from oit_check.errors import (
        ChecklistError,
        ConfigError,
        HistoryError,
        ITAResultsError,
        OitCheckError,
        ReportError,
        ScanFailed,
    )
    from oit_check.models import ItemResult, ScanResult, Verdict
    from oit_check.pipeline import scan, scan_async

__all__ = [
    "ChecklistError",
    "ConfigError",
    "CrawlConfig",
    "HistoryError",
    "ITAResultsError",
    "ItemResult",
    "OitCheckError",
    "ReportError",
    "ScanConfig",
    "ScanFailed",
    "ScanResult",
    "Verdict",
    "__version__",
    "load_checklist",
    "scan",
    "scan_async",
]

_HOMES = {
    "load_checklist": "oit_check.checklist",
    "CrawlConfig": "oit_check.config",
    "ScanConfig": "oit_check.config",
    "ChecklistError": "oit_check.errors",
    "ConfigError": "oit_check.errors",
    "HistoryError": "oit_check.errors",
    "ITAResultsError": "oit_check.errors",
    "OitCheckError": "oit_check.errors",
    "ReportError": "oit_check.errors",
    "ScanFailed": "oit_check.errors",
    "ItemResult": "oit_check.models",
    "ScanResult": "oit_check.models",
    "Verdict": "oit_check.models",
    "scan": "oit_check.pipeline",
    "scan_async": "oit_check.pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'oit_check' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
