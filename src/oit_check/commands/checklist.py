"""``oit-check checklist validate FILE`` and ``oit-check checklist show NAME``."""

from __future__ import annotations

from pathlib import Path

import typer

from oit_check.checklist import load_checklist
from oit_check.checklist.loader import available_checklists
from oit_check.commands._common import fail
from oit_check.errors import ChecklistError


def register(app: typer.Typer) -> None:
    """Add the ``checklist`` command group to ``app``."""
    group = typer.Typer(help="ตรวจและแสดงรายการตรวจ (checklist) / validate and show checklists", no_args_is_help=True)

    @group.command("validate")
    def validate(file: Path = typer.Argument(..., help="checklist YAML file")) -> None:
        """ตรวจความถูกต้องของไฟล์ checklist / validate a checklist file."""
        try:
            checklist = load_checklist(str(file))
        except ChecklistError as exc:
            raise fail(exc) from exc
        typer.echo(f"ok: {file}: {checklist.id}@{checklist.version}, {len(checklist.items)} items")

    @group.command("show")
    def show(
        name: str = typer.Argument("ita-2566", help="packaged name or path"),
        lang: str = typer.Option("th", "--lang", help="th | en"),
    ) -> None:
        """แสดงรายการตรวจทั้งหมด / list the items of a checklist."""
        try:
            checklist = load_checklist(name)
        except ChecklistError as exc:
            raise fail(exc) from exc
        typer.echo(f"{checklist.id}@{checklist.version}  {checklist.title_th if lang == 'th' else checklist.title_en}")
        for item in checklist.items:
            title = item.title_th if lang == "th" else item.title_en
            rule = item.time_rule.kind.value + ("?" if item.time_rule.uncertain else "")
            typer.echo(f"  {item.id:<4} {item.sub_indicator:<5} {rule:<12} {title}")

    @group.command("list")
    def list_() -> None:
        """รายชื่อ checklist ที่มากับโปรแกรม / packaged checklists."""
        for name in available_checklists():
            typer.echo(name)

    app.add_typer(group, name="checklist")
