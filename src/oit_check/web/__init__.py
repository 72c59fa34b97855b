"""The self-check web app behind ``oit-check serve``: ``create_app(store_dir, ...)`` returns a Starlette app."""

from __future__ import annotations

from oit_check.web.app import create_app

__all__ = ["create_app"]
