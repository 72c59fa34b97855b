"""Command-line interface: options -> config -> library call -> reporter -> exit code.

This is the only module (with ``commands/``) that prints, and the only place with a broad
``except``. Exit codes: 0 every item ok, 1 the scan itself failed, 2 some item not ok,
3 bad input (checklist, options, results file).
"""

from __future__ import annotations

import typer

from oit_check.commands import checklist as _checklist_cmd
from oit_check.commands import dates as _dates_cmd
from oit_check.commands import gaps as _gaps_cmd
from oit_check.commands import measures as _measures_cmd
from oit_check.commands import results as _results_cmd
from oit_check.commands import scan as _scan_cmd
from oit_check.commands import serve as _serve_cmd

app = typer.Typer(
    name="oit-check",
    help="ตรวจเว็บไซต์หน่วยงานตามเกณฑ์ OIT ของการประเมิน ITA (ป.ป.ช.) / "
    "Check an agency website against the ITA OIT disclosure items.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

_checklist_cmd.register(app)
# Sub-commands register themselves here, one line each (keep alphabetical):
# --- register commands below ---
_dates_cmd.register(app)
_gaps_cmd.register(app)
_measures_cmd.register(app)
_results_cmd.register(app)
_scan_cmd.register(app)
_serve_cmd.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
