"""oit-check: check a Thai agency website against the OIT disclosure items of the NACC ITA."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
