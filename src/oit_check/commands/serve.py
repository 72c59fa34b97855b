"""``oit-check serve``: the local self-check web app (Starlette, run by uvicorn).

Binds to 127.0.0.1 unless told otherwise. Scans are kept in ``--store DIR`` (default: the user's
data directory) as one SQLite file. Private, loopback and link-local targets are refused unless
``--allow-private`` is given (an intranet site, or the demo server on this machine).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

import typer

from oit_check.checklist import load_checklist
from oit_check.checklist.loader import DEFAULT_CHECKLIST
from oit_check.commands._common import fail
from oit_check.errors import ChecklistError, HistoryError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def default_store_dir() -> Path:
    """``$OIT_CHECK_STORE``, else the platform's per-user data directory plus ``oit-check``."""
    explicit = os.environ.get("OIT_CHECK_STORE")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "oit-check"


def allowed_hosts_for(host: str) -> list[str]:
    """Host-header names the app answers to: loopback names, the bound name, or any for 0.0.0.0/::."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    names = ["127.0.0.1", "localhost", "::1", "[::1]"]
    if host not in names:
        names.append(host)
    return names


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""

    @app.command("serve")
    def serve(
        host: str = typer.Option(DEFAULT_HOST, "--host", help="address to bind (default: this machine only)"),
        port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="port (0: any free port)"),
        store: Path | None = typer.Option(
            None, "--store", help="directory of the scan history (default: user data dir; env OIT_CHECK_STORE)"
        ),
        allow_private: bool = typer.Option(
            False, "--allow-private", help="allow scanning private/loopback/link-local addresses (intranet, demo)"
        ),
        max_concurrent: int = typer.Option(2, "--max-concurrent", min=1, max=16, help="scans running at once"),
        checklist: str = typer.Option(DEFAULT_CHECKLIST, "--checklist", help="packaged checklist name or path"),
    ) -> None:
        """เปิดหน้าเว็บตรวจเว็บไซต์ด้วยตนเอง / run the local self-check web app."""
        import uvicorn

        from oit_check.web import create_app

        try:
            loaded = load_checklist(checklist)
        except ChecklistError as exc:
            raise fail(exc) from exc
        store_dir = store or default_store_dir()
        try:
            web_app = create_app(
                store_dir,
                allow_private=allow_private,
                max_concurrent_scans=max_concurrent,
                checklist=loaded,
                allowed_hosts=allowed_hosts_for(host),
            )
        except HistoryError as exc:
            raise fail(exc) from exc
        if not _is_loopback(host):
            typer.echo(
                f"warning: listening on {host}: other computers can use this app and make it fetch URLs",
                err=True,
            )
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"oit-check serve: http://{shown}:{port}/  (store: {store_dir})", err=True)
        uvicorn.run(web_app, host=host, port=port, log_level="info", server_header=False)
