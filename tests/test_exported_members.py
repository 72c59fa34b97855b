"""The public API is exactly ``oit_check.__all__``: sorted, complete, and every name resolves."""

from __future__ import annotations

import inspect

import pytest

import oit_check
from oit_check import errors


def test_all_is_sorted_and_unique() -> None:
    assert oit_check.__all__ == sorted(set(oit_check.__all__))


def test_every_exported_name_resolves() -> None:
    for name in oit_check.__all__:
        assert getattr(oit_check, name) is not None, name


def test_the_whole_error_tree_is_exported() -> None:
    tree = {
        name
        for name, obj in inspect.getmembers(errors, inspect.isclass)
        if issubclass(obj, errors.OitCheckError) and obj.__module__ == errors.__name__
    }
    assert tree <= set(oit_check.__all__)


def test_the_documented_entry_points_are_exported() -> None:
    expected = {
        "scan",
        "scan_async",
        "load_checklist",
        "ScanConfig",
        "CrawlConfig",
        "ScanResult",
        "ItemResult",
        "Verdict",
    }
    assert expected <= set(oit_check.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = oit_check.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_does_not_load_the_crawler() -> None:
    """Document workers and date-only users import oit_check: it must not pull in httpx or the pipeline."""
    import subprocess
    import sys

    code = "import sys, oit_check; print('oit_check.pipeline' in sys.modules, 'httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
