"""The sqlite3 history store: save, list, get, previous, results files, schema version."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from html_samples import sample_result
from oit_check.errors import HistoryError
from oit_check.history import STORE_SCHEMA_VERSION, HistoryStore, is_scan_id


def test_save_get_roundtrip(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    result = sample_result()
    scan_id = store.save(result)
    assert is_scan_id(scan_id)
    assert store.get(scan_id) == result
    assert store.get("0" * 16) is None


def test_list_newest_first_and_by_host(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    t0 = datetime(2024, 5, 1, tzinfo=UTC)
    first = store.save(sample_result(), created_at=t0)
    other = sample_result().model_copy(update={"start_url": "https://other.example.go.th/"})
    second = store.save(other, created_at=t0 + timedelta(hours=1))
    third = store.save(sample_result(), created_at=t0 + timedelta(hours=2))
    rows = store.list()
    assert [r.id for r in rows] == [third, second, first]
    assert rows[0].host == "www.tak.example.go.th" and rows[0].total == 43 and rows[0].fiscal_year == 2567
    assert [r.id for r in store.list(host="WWW.TAK.example.go.th")] == [third, first]
    assert [r.id for r in store.list(limit=1, offset=1)] == [second]
    assert store.previous(third) == first
    assert store.previous(first) is None


@pytest.mark.parametrize("bad", ["", "../etc/passwd", "/etc/passwd", "ABCDEF0123456789", "0123", "x" * 16, "'; --"])
def test_malformed_ids_are_never_looked_up(tmp_path: Path, bad: str) -> None:
    store = HistoryStore.in_dir(tmp_path)
    assert not is_scan_id(bad)
    assert store.get(bad) is None
    assert store.results_file(bad) is None
    assert store.delete(bad) is False
    with pytest.raises(KeyError):
        store.attach_results_file(bad, "r.txt", b"x")


def test_results_file_attach_replace_and_delete(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    scan_id = store.save(sample_result())
    store.attach_results_file(scan_id, "../../evil/ผลITA.txt", b"one")
    store.attach_results_file(scan_id, "C:\\x\\ผล ITA 2566.txt", "ผล".encode())
    got = store.results_file(scan_id)
    assert got is not None and got.file_name == "ผล ITA 2566.txt" and got.content == "ผล".encode()
    assert store.list()[0].has_results_file
    with pytest.raises(KeyError):
        store.attach_results_file("f" * 16, "r.txt", b"x")
    assert store.delete(scan_id) and store.get(scan_id) is None and store.results_file(scan_id) is None


def test_wal_and_schema_version(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        version = conn.execute("SELECT value FROM store_meta WHERE key='schema_version'").fetchone()[0]
        assert version == str(STORE_SCHEMA_VERSION)
        conn.execute("UPDATE store_meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(HistoryError, match="version 99"):
        HistoryStore.in_dir(tmp_path)


def test_unreadable_store_is_a_history_error(tmp_path: Path) -> None:
    bad = tmp_path / "history.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError):
        HistoryStore(bad)


def test_incompatible_stored_json_is_a_history_error(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    scan_id = store.save(sample_result())
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE scans SET result_json = '{\"nope\": 1}' WHERE id = ?", (scan_id,))
    with pytest.raises(HistoryError, match="incompatible"):
        store.get(scan_id)


def test_concurrent_writers_from_threads(tmp_path: Path) -> None:
    store = HistoryStore.in_dir(tmp_path)
    result = sample_result()
    ids: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(5):
            scan_id = store.save(result)
            with lock:
                ids.append(scan_id)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(set(ids)) == 20
    assert len(store.list(limit=100)) == 20
