"""The string catalogue's API: ``t(key, lang)``, enum labels, and the small wording helpers (Thai
dates and digits, lists, URLs as people read them). The strings themselves are in ``catalogue``.

Thai is the default language everywhere; ``lang="en"`` (or anything starting with "en") is English.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from urllib.parse import unquote

from oit_check.i18n.catalogue import STRINGS
from oit_check.models import FailureKind, Verdict
from oit_check.thai.dates import format_thai_date, format_thai_month
from oit_check.thai.text import to_thai_digits

Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = ("th", "en")

EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def display_url(url: str) -> str:
    """A URL as people read it: percent-encoded Thai decoded (``/ผู้บริหาร/`` not ``/%E0%B8%9C...``)."""
    try:
        return unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url


_DEFAULT: Lang = "th"


def normalize_lang(value: str | None) -> Lang:
    """``"en"`` for English, Thai for anything else (the default audience is Thai)."""
    return "en" if (value or "").lower().startswith("en") else "th"


def t(key: str, lang: str = _DEFAULT, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in; ``KeyError`` on an unknown key."""
    th, en = STRINGS[key]
    text = en if normalize_lang(lang) == "en" else th
    return text.format(**values) if values else text


def bilingual(key: str, *, english_first: bool = False, **values: object) -> str:
    """Both texts of ``key``, ``"Thai / English"`` (or ``"English / Thai"``): for messages read before
    a language is known or by readers of either (``ScanFailed``, command-line errors and hints)."""
    th, en = t(key, "th", **values), t(key, "en", **values)
    return f"{en} / {th}" if english_first else f"{th} / {en}"


def verdict_label(verdict: Verdict, lang: str = "th") -> str:
    """The verdict as a word for people."""
    return t(f"verdict.{verdict.value}", lang)


def failure_text(kind: FailureKind, lang: str = "th") -> str:
    """Why a URL could not be used, in plain words."""
    return t(f"failure.{kind.value}", lang)


def diagnosis_text(diagnosis: str, lang: str = "th", items: list[str] | tuple[str, ...] = ()) -> str:
    """A perception diagnosis (``Diagnosis`` value) in words; ``items`` are the OIT items to fix first."""
    return t(f"diagnosis.{diagnosis}", lang, items=", ".join(code.upper() for code in items))


def flag_label(flag: str, lang: str = "th") -> str:
    """A perception flag (``Flag`` value): below the line, watch, ok."""
    return t(f"flag.{flag}", lang)


def thai_year(year_be: int) -> str:
    """A BE year in Thai digits."""
    return to_thai_digits(str(year_be))


def thai_date(day: date) -> str:
    """``๑๕ มี.ค. ๒๕๖๗``: how Thai officials write a date."""
    return format_thai_date(day)


def thai_month(day: date) -> str:
    """``มี.ค. ๒๕๖๗``."""
    return format_thai_month(day, two_digit_year=False)


def en_month(day: date) -> str:
    """``Mar 2024``."""
    return f"{EN_MONTHS_SHORT[day.month - 1]} {day.year}"


def join_th(parts: list[str]) -> str:
    """Thai list: "ก, ข และ ค"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " และ " + parts[-1]


def join_en(parts: list[str]) -> str:
    """English list: "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
