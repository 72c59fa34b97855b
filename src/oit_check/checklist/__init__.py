"""Checklists: the data files that hold every piece of ITA knowledge, and their loader."""

from oit_check.checklist.loader import available_checklists, load_checklist, resolve_checklist_path
from oit_check.checklist.schema import Checklist, DetectorKind, DocType, Element, Item, TimeRuleKind

__all__ = [
    "Checklist",
    "DetectorKind",
    "DocType",
    "Element",
    "Item",
    "TimeRuleKind",
    "available_checklists",
    "load_checklist",
    "resolve_checklist_path",
]
