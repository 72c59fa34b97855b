"""Errors raised by oit_check. Website findings are results (``models.PageFailure``), not errors.

* OitCheckError          base; ``hint`` is an optional next step for the user
  - ChecklistError       bad or missing checklist data (names the file, item id and field)
  - ConfigError          invalid options or config file
  - ITAResultsError      an input of the perception analysis that cannot be read at all: an ITA
                         results file, or the scan report given beside it
  - ScanFailed           the scan itself could not run (start URL unreachable, not HTML)
  - HistoryError         history store unreadable or of a wrong schema version
  - ReportError          output could not be written

``cli.py`` maps them to exit codes: ScanFailed -> 1, ChecklistError/ConfigError/ITAResultsError -> 3.
"""

from __future__ import annotations


class OitCheckError(Exception):
    """Base class of every error oit_check raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ChecklistError(OitCheckError):
    """The checklist file is missing, unparsable or invalid."""


class ConfigError(OitCheckError):
    """An option or config value is invalid."""


class ITAResultsError(OitCheckError):
    """An ITA results file (or the scan report given beside it) cannot be read at all."""


class ScanFailed(OitCheckError):
    """The scan could not run: the start URL is unreachable or not a web page."""


class HistoryError(OitCheckError):
    """The history store is unreadable or has an unknown schema version."""


class ReportError(OitCheckError):
    """A report could not be written."""
