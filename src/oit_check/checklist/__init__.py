"""Checklists: the data files that hold every piece of ITA knowledge, their loader and the crosswalk between years."""

from oit_check.checklist.loader import available_checklists, load_checklist, resolve_checklist_path
from oit_check.checklist.schema import (
    Checklist,
    Confidence,
    DetectorKind,
    DocType,
    Element,
    Framework,
    Item,
    Source,
    Status,
    TimeRuleKind,
    parse_ref,
)

__all__ = [
    "Checklist",
    "Confidence",
    "DetectorKind",
    "DocType",
    "Element",
    "Framework",
    "Item",
    "Source",
    "Status",
    "TimeRuleKind",
    "available_checklists",
    "load_checklist",
    "parse_ref",
    "resolve_checklist_path",
]
