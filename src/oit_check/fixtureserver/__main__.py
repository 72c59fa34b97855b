"""Serve a fixture site by hand: ``python -m oit_check.fixtureserver SITE_DIR [--port 8000] [--log]``.

``python -m oit_check.demo`` does the same with the bundled demo site as the default. Stops on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from pathlib import Path

from oit_check.fixtureserver.server import serve_site


def main(argv: list[str] | None = None, *, default_site: Path | None = None, prog: str | None = None) -> int:
    """Parse the arguments, serve until interrupted, return the exit code."""
    parser = argparse.ArgumentParser(prog=prog or "python -m oit_check.fixtureserver", description=__doc__)
    help_site = "site directory" + (" (default: the bundled demo)" if default_site is not None else "")
    parser.add_argument("site", nargs="?" if default_site is not None else None, type=Path, help=help_site)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 = any free port; default 8000)")
    parser.add_argument("--log", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    root = args.site or default_site
    assert root is not None, "argparse requires the site when there is no default"
    with serve_site(root, host=args.host, port=args.port, log_requests=args.log) as server:
        print(f"serving {root} at {server.url}  (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
