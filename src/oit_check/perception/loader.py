"""Load and validate a perception data file (``checklists/<name>.perception.yaml``).

A name such as ``ita-2566`` resolves to the packaged ``ita-2566.perception.yaml`` next to the OIT
checklist of the same name; a path is read as given. Every error names the file, the entry
(question, theme, link, document key) and the field.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from oit_check.checklist.loader import checklist_dir, load_checklist
from oit_check.errors import ChecklistError
from oit_check.perception.schema import PerceptionData

DEFAULT_PERCEPTION = "ita-2566"
SUFFIX = ".perception.yaml"


def resolve_perception_path(name_or_path: str = DEFAULT_PERCEPTION) -> Path:
    """A path as given, or the packaged perception file of a checklist name."""
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ChecklistError(f"perception data file not found: {name_or_path}")
        return candidate
    packaged = checklist_dir() / f"{name_or_path}{SUFFIX}"
    if packaged.is_file():
        return packaged
    known = sorted(p.name.removesuffix(SUFFIX) for p in checklist_dir().glob(f"*{SUFFIX}"))
    raise ChecklistError(
        f"no perception data named {name_or_path!r}",
        hint="packaged perception data: " + (", ".join(known) or "(none)"),
    )


def load_perception(name_or_path: str = DEFAULT_PERCEPTION) -> PerceptionData:
    """Load and validate perception data; ``ChecklistError`` names file, entry and field."""
    path = resolve_perception_path(name_or_path).resolve()
    return _load(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load(path: Path, _mtime: int) -> PerceptionData:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}:" if mark is not None else ""
        raise ChecklistError(f"{path}:{where} is not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(raw, dict):
        raise ChecklistError(f"{path}: the top level must be a mapping (id, version, questions, themes, ...)")
    try:
        return PerceptionData.model_validate(raw)
    except ValidationError as exc:
        raise ChecklistError(_explain(path, raw, exc), hint="fix the entries named above") from exc


_ENTRY_KEYS = {"questions": "code", "themes": "id", "tools": "id", "indicators": "number", "limitations": "id"}


def _explain(path: Path, raw: dict[str, Any], exc: ValidationError) -> str:
    """Lines like ``file: question i7, field text_th: Field required``."""
    lines = [f"{path}: invalid perception data ({exc.error_count()} problem(s))"]
    for err in exc.errors():
        loc = list(err["loc"])
        entry = ""
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            section, idx = loc[0], loc[1]
            items = raw.get(section)
            label = None
            key = _ENTRY_KEYS.get(section)
            if key and isinstance(items, list) and idx < len(items) and isinstance(items[idx], dict):
                label = items[idx].get(key)
            singular = section.removesuffix("s") if section.endswith("s") else section
            entry = f"{singular} {label if label is not None else '#' + str(idx + 1)}"
            loc = loc[2:]
            # a measure inside a theme: name it too
            if section == "themes" and len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int):
                measures = items[idx].get("measures") if isinstance(items, list) else None
                m_idx = loc[1]
                m_id = None
                if isinstance(measures, list) and m_idx < len(measures) and isinstance(measures[m_idx], dict):
                    m_id = measures[m_idx].get("id")
                entry += f", measure {m_id or '#' + str(m_idx + 1)}"
                loc = loc[2:]
        field = ".".join(str(p) for p in loc)
        msg = str(err["msg"]).removeprefix("Value error, ")
        parts = [p for p in (entry, f"field {field}" if field else "") if p]
        lines.append(f"  - {', '.join(parts) + ': ' if parts else ''}{msg}")
    return "\n".join(lines)


def load_oit_titles(checklist_name: str) -> dict[str, list[str]]:
    """The OIT items' titles and names from the OIT checklist, first the title.

    Used to identify OIT rows whose code is damaged or missing, and to name OIT items in the
    measures document. ``ChecklistError`` if the checklist the perception data names does not
    load: without its titles, OIT rows could only be identified by their codes, so the results
    would be read less well without anyone being told.
    """
    try:
        checklist = load_checklist(checklist_name)
    except ChecklistError as exc:
        raise ChecklistError(
            f"the OIT checklist {checklist_name!r} named by the perception data does not load: {exc.message}",
            hint=exc.hint or "fix the checklist, or name another in the perception data's `checklist` field",
        ) from exc
    return {item.id.lower(): [item.title_th, *item.names.th, *item.site_labels] for item in checklist.items}
