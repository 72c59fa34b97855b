"""The bundled demo site: where it is, and ``python -m oit_check.demo [SITE_DIR] [--port N]`` to serve it.

The demo is ``fixtures/sites/demo`` of the checkout, shipped in the wheel as ``oit_check/demo_site``,
so ``oit-check demo`` works right after ``pip install .``. Serving goes through the fixture server.
"""

from __future__ import annotations

from pathlib import Path

from oit_check.fixtureserver.config import ServerConfigError


def bundled_demo_root() -> Path:
    """The demo site: ``oit_check/demo_site`` in a wheel, ``fixtures/sites/demo`` in a checkout."""
    package_dir = Path(__file__).resolve().parent
    candidates = [package_dir / "demo_site", package_dir.parent.parent / "fixtures" / "sites" / "demo"]
    for candidate in candidates:
        if (candidate / "index.html").is_file():
            return candidate
    raise ServerConfigError(
        "the bundled demo site is missing (looked in " + ", ".join(str(c) for c in candidates) + ")"
    )


if __name__ == "__main__":
    from oit_check.fixtureserver.__main__ import main

    raise SystemExit(main(default_site=bundled_demo_root(), prog="python -m oit_check.demo"))
