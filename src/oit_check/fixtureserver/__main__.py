"""Serve a fixture site by hand: ``python -m oit_check.fixtureserver [SITE_DIR] [--port 8000] [--log]``.

Without ``SITE_DIR`` the bundled demo site is served. Stops on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from pathlib import Path

from oit_check.demo import bundled_demo_root
from oit_check.fixtureserver.server import serve_site


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, serve until interrupted, return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m oit_check.fixtureserver", description=__doc__)
    parser.add_argument("site", nargs="?", type=Path, help="site directory (default: the bundled demo)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 = any free port; default 8000)")
    parser.add_argument("--log", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    root = args.site or bundled_demo_root()
    with serve_site(root, host=args.host, port=args.port, log_requests=args.log) as server:
        print(f"serving {root} at {server.url}  (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
