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
        name: str | None = typer.Argument(None, help="packaged name or path (none: list every packaged checklist)"),
        lang: str = typer.Option("th", "--lang", help="th | en"),
    ) -> None:
        """แสดงรายการตรวจ / list the packaged checklists, or the items of one."""
        if name is None:
            for listed in available_checklists():
                c = load_checklist(listed)
                title = c.title_th if lang == "th" else c.title_en
                typer.echo(
                    f"{c.id:<16} {c.framework or '-':<5} {c.fiscal_year or '-':<5} {c.status or '-':<12} "
                    f"{len(c.items):>3} items  {title}"
                )
            return
        try:
            checklist = load_checklist(name)
        except ChecklistError as exc:
            raise fail(exc) from exc
        typer.echo(f"{checklist.id}@{checklist.version}  {checklist.title_th if lang == 'th' else checklist.title_en}")
        if checklist.status == "provisional":
            typer.echo("  (provisional: not checked against the official handbook; ? = low confidence)")
        for item in checklist.items:
            title = item.title_th if lang == "th" else item.title_en
            rule = item.time_rule.kind.value + ("?" if item.time_rule.uncertain else "")
            sure = "?" if item.confidence == "low" else " "
            typer.echo(f"  {item.id:<7}{sure}{item.sub_indicator:<5} {rule:<12} {title}")

    @group.command("diff")
    def diff(
        old: str = typer.Argument(..., help="the earlier checklist (name or path)"),
        new: str = typer.Argument(..., help="the later checklist (name or path)"),
        lang: str = typer.Option("th", "--lang", help="th | en"),
        as_json: bool = typer.Option(False, "--json", help="the crosswalk as JSON"),
    ) -> None:
        """เทียบรายการตรวจสองปี (คงเดิม เปลี่ยนชื่อ รวม แยก ตัดออก ข้อใหม่) / the crosswalk between two checklists."""
        import dataclasses
        import json
        from collections import Counter

        from oit_check.checklist.crosswalk import crosswalk
        from oit_check.i18n import t

        try:
            walk = crosswalk(load_checklist(old), load_checklist(new))
        except ChecklistError as exc:
            raise fail(exc) from exc
        if as_json:
            typer.echo(json.dumps(dataclasses.asdict(walk), ensure_ascii=False, indent=1, default=str))
            return
        typer.echo(t("crosswalk.heading", lang, old=walk.old_id, new=walk.new_id))
        for entry in walk.entries:
            change = t(f"crosswalk.{entry.change.value}", lang)
            before = ", ".join(entry.old_ids) or "-"
            title = entry.new_title_th if lang == "th" else entry.new_title_en
            if not title:
                title = " / ".join(entry.old_titles_th if lang == "th" else entry.old_titles_en)
            typer.echo(f"  {change:<14} {before:<22} -> {entry.new_id or '-':<8} {title}")
        counts = Counter(t(f"crosswalk.{e.change.value}", lang) for e in walk.entries)
        typer.echo(t("crosswalk.counts", lang, counts=", ".join(f"{k} {v}" for k, v in counts.items())))

    @group.command("list")
    def list_() -> None:
        """รายชื่อ checklist ที่มากับโปรแกรม / packaged checklists."""
        for name in available_checklists():
            typer.echo(name)

    app.add_typer(group, name="checklist")
