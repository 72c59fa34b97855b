"""Load a checklist by name (packaged) or path, validate it, and explain every error precisely.

Packaged checklists live in ``checklists/`` of the source tree and ship in the wheel as
``oit_check/checklists``; a name such as ``ita-2566`` resolves to ``ita-2566.yaml`` there.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from oit_check.checklist.schema import Checklist
from oit_check.errors import ChecklistError

DEFAULT_CHECKLIST = "ita-2566"
_SUFFIXES = (".yaml", ".yml")


def checklist_dir() -> Path:
    """Where the packaged checklists are: the wheel's copy, else the source tree's ``checklists/``."""
    packaged = resources.files("oit_check") / "checklists"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "checklists"


def available_checklists() -> list[str]:
    """Names of the packaged checklists (file stems of the main checklist files)."""
    return sorted(
        p.stem for p in checklist_dir().glob("*.yaml") if p.stem.count(".") == 0 and not p.stem.startswith("_")
    )


def resolve_checklist_path(name_or_path: str) -> Path:
    """A path as given, or a packaged checklist by name; ChecklistError if neither exists."""
    candidate = Path(name_or_path)
    if candidate.suffix in _SUFFIXES or candidate.exists():
        if not candidate.exists():
            raise ChecklistError(
                f"checklist file not found: {name_or_path}",
                hint="check the path, or use a packaged name: " + ", ".join(available_checklists()),
            )
        return candidate
    for suffix in _SUFFIXES:
        packaged = checklist_dir() / f"{name_or_path}{suffix}"
        if packaged.exists():
            return packaged
    raise ChecklistError(
        f"no checklist named {name_or_path!r}",
        hint="packaged checklists: " + ", ".join(available_checklists()),
    )


def load_checklist(name_or_path: str = DEFAULT_CHECKLIST) -> Checklist:
    """Load and validate a checklist. Errors name the file, the item id and the field."""
    path = resolve_checklist_path(name_or_path)
    return _load_path(path.resolve(), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load_path(path: Path, _mtime: int) -> Checklist:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ChecklistError(f"{path}:{where} is not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(raw, dict):
        raise ChecklistError(f"{path}: the top level must be a mapping with 'id', 'version' and 'items'")
    try:
        return Checklist.model_validate(raw)
    except ValidationError as exc:
        raise ChecklistError(_explain(path, raw, exc), hint="fix the field(s) named above") from exc


def _explain(path: Path, raw: dict[str, Any], exc: ValidationError) -> str:
    """Turn pydantic's error list into lines like ``file: item o12, field names.th: ...``."""
    lines = [f"{path}: invalid checklist ({exc.error_count()} problem(s))"]
    items = raw.get("items") if isinstance(raw.get("items"), list) else []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            idx = loc[1]
            item_id = None
            if isinstance(items, list) and idx < len(items) and isinstance(items[idx], dict):
                item_id = items[idx].get("id")
            where = f"item {item_id or '#' + str(idx + 1)}"
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or "(item)"
        lines.append(f"  - {where + ', ' if where else ''}field {field}: {err['msg']}")
    return "\n".join(lines)
