"""Which checklist judges a scan when the user names none: the one of the assessed fiscal year and
framework (NACC main list, OVEC colleges, MOPH health units). A year with no checklist yet (ITA 2570
before the NACC publishes it) uses the latest earlier one, and says so loudly."""

from __future__ import annotations

from dataclasses import dataclass

from oit_check.checklist.loader import available_checklists, load_checklist
from oit_check.checklist.schema import Checklist

FRAMEWORKS = ("nacc", "ovec", "moph")


@dataclass(frozen=True)
class Choice:
    """The checklist chosen, and why it may not be the right one."""

    checklist: Checklist
    exact: bool  # a checklist of the assessed year itself
    wanted_year: int
    framework: str


def packaged(framework: str) -> list[Checklist]:
    """The packaged checklists of a framework, oldest year first."""
    found = [c for c in (load_checklist(name) for name in available_checklists()) if c.framework == framework]
    return sorted(found, key=lambda c: (c.fiscal_year or 0, c.id))


def choose_checklist(fiscal_year: int, framework: str = "nacc") -> Choice:
    """The checklist for ``fiscal_year`` (BE) in ``framework``; ``ValueError`` for an unknown framework
    or one with no packaged checklist at all."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"unknown framework {framework!r}; use one of: {', '.join(FRAMEWORKS)}")
    lists = packaged(framework)
    if not lists:
        raise ValueError(f"no packaged checklist for framework {framework!r}")
    exact = [c for c in lists if c.fiscal_year == fiscal_year]
    if exact:
        return Choice(exact[-1], True, fiscal_year, framework)
    earlier = [c for c in lists if (c.fiscal_year or 0) < fiscal_year]
    return Choice((earlier or lists)[-1 if earlier else 0], False, fiscal_year, framework)
