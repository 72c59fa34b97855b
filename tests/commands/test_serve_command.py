"""``oit-check serve``: options, defaults, and the real command started as a process on port 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from oit_check.cli import app
from oit_check.commands.serve import allowed_hosts_for, default_store_dir
from oit_check.i18n import t

runner = CliRunner()


def test_help_lists_the_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--store", "--allow-private", "--max-concurrent"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_bad_checklist_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--store", str(tmp_path), "--checklist", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 3


def test_allowed_hosts_and_store_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert allowed_hosts_for("127.0.0.1") == ["127.0.0.1", "localhost", "::1", "[::1]"]
    assert allowed_hosts_for("192.168.1.5")[-1] == "192.168.1.5"
    assert allowed_hosts_for("0.0.0.0") == ["*"]
    monkeypatch.setenv("OIT_CHECK_STORE", str(tmp_path / "s"))
    assert default_store_dir() == tmp_path / "s"
    monkeypatch.delenv("OIT_CHECK_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_store_dir() == tmp_path / "xdg" / "oit-check"


def test_serve_process_answers_on_loopback(tmp_path: Path) -> None:
    """Start the real command (uvicorn, packaged checklist) on port 0 and talk to it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "oit_check", "serve", "--port", "0", "--store", str(tmp_path / "store")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        base = None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while time.monotonic() < deadline and base is None:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", line)
            if match:
                base = match.group(1)
        assert base is not None, "".join(lines)
        with httpx.Client(base_url=base, timeout=10) as client:
            page = client.get("/")
            assert page.status_code == 200 and t("app_title", "th") in page.text
            refused = client.post("/scans", data={"url": "http://169.254.169.254/", "fiscal_year": "2567"})
            assert refused.status_code == 400
            assert "ไม่อนุญาตให้ตรวจที่อยู่ภายในเครือข่าย" in refused.text
            assert client.get("/scans/..%2F..%2Fetc%2Fpasswd").status_code == 404
        assert (tmp_path / "store" / "history.sqlite3").exists()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
