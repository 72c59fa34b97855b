"""Thai date engine: find dates, periods and fiscal years in Thai text, and format them back.

Whether a disclosure is for the right fiscal year depends on reading dates the way agencies
write them: BE and CE years, Thai and Arabic digits, ``ต.ค. ๖๖ – ก.ย. ๖๗``, ``รอบ ๖ เดือน``.
Pure functions, no network, no global mutable state; docs/dates.md explains the rules and why
this is a regex engine rather than dateparser or PyThaiNLP.
"""

from __future__ import annotations

from oit_check.thai.dates.format import format_thai_date, format_thai_month, format_thai_period
from oit_check.thai.dates.model import DateKind, DateMention
from oit_check.thai.dates.parse import find_dates

__all__ = [
    "DateKind",
    "DateMention",
    "find_dates",
    "format_thai_date",
    "format_thai_month",
    "format_thai_period",
]
