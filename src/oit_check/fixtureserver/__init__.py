"""The loopback fixture server that serves the bundled demo site and every test site.

``serve_site(root)`` starts a quiet HTTP/1.1 server on ``127.0.0.1`` for one static site directory;
per-site behaviour (redirect loops, login walls, slow pages, endless calendars, ...) is declared as
data in ``ROOT/_server.yaml``.
"""

from __future__ import annotations

from oit_check.fixtureserver.config import ServerConfig, ServerConfigError, load_server_config
from oit_check.fixtureserver.server import FixtureServer, serve_site

__all__ = [
    "FixtureServer",
    "ServerConfig",
    "ServerConfigError",
    "load_server_config",
    "serve_site",
]
