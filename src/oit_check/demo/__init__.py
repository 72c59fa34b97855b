"""The bundled demo site and the loopback fixture server that serves it (and the test sites).

``serve_site(root)`` starts a quiet HTTP/1.1 server on ``127.0.0.1`` for one static site directory;
per-site behaviour (redirect loops, login walls, slow pages, endless calendars, ...) is declared as
data in ``ROOT/_server.yaml``. ``bundled_demo_root()`` finds the demo site in a wheel or a checkout.
"""

from __future__ import annotations

from oit_check.demo.server import (
    FixtureServer,
    ServerConfig,
    ServerConfigError,
    bundled_demo_root,
    load_server_config,
    serve_site,
)

__all__ = [
    "FixtureServer",
    "ServerConfig",
    "ServerConfigError",
    "bundled_demo_root",
    "load_server_config",
    "serve_site",
]
