"""Shared fixtures: the fixture sites on loopback servers, and a guard against real network access."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oit_check.fixtureserver.server import FixtureServer, serve_site

REPO_ROOT = Path(__file__).resolve().parent.parent
SITES_DIR = REPO_ROOT / "fixtures" / "sites"
SITE_NAMES = sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))

_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "FTP_PROXY")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host: Any) -> bool:
    if host is None:  # getaddrinfo(None, port): binding, not a lookup
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail fast if a test resolves a non-loopback host; clear proxy variables (STYLE.md 2.6)."""
    real_getaddrinfo = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise OSError(f"network access in tests is not allowed: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for var in _PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.lower(), raising=False)


@pytest.fixture(scope="session")
def fixture_servers() -> Iterator[dict[str, FixtureServer]]:
    """One loopback server per site in fixtures/sites/ (sites use root-relative links)."""
    servers: dict[str, FixtureServer] = {}
    try:
        for name in SITE_NAMES:
            servers[name] = serve_site(SITES_DIR / name)
        yield servers
    finally:
        for server in servers.values():
            server.close()


@pytest.fixture(scope="session")
def fixture_sites(fixture_servers: dict[str, FixtureServer]) -> dict[str, str]:
    """Site name -> base URL (``http://127.0.0.1:PORT/``)."""
    return {name: server.url for name, server in fixture_servers.items()}


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites tests/golden/*.json from the current output (review the diff!)."""
    parser.addoption("--update-golden", action="store_true", default=False, help="rewrite golden reports")
