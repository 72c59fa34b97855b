"""The package version (read by the report, the web app and the User-Agent)."""

__version__ = "0.1.0"
