"""One Jinja environment factory for every HTML this tool writes (the report and the web app).

Autoescape is on for every template and string, undefined names are errors (a typo in a template
fails a test instead of printing nothing), and template assets (CSS, JS) are read from the package,
so the output needs no network and the CSP can name the exact script hash.
"""

from __future__ import annotations

import functools
from importlib import resources

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape


@functools.lru_cache(maxsize=4)
def make_environment(*packages: str) -> Environment:
    """The environment over the ``templates/`` folders of ``packages`` (first match wins)."""
    return Environment(
        loader=ChoiceLoader([PackageLoader(package, "templates") for package in packages]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=8)
def asset(package: str, name: str) -> str:
    """The text of ``templates/name`` in ``package`` (stylesheets and scripts inlined into pages)."""
    return (resources.files(package) / "templates" / name).read_text(encoding="utf-8")
