"""History store: past scans kept as ScanResult JSON in one SQLite file (stdlib sqlite3, WAL).

Used by ``oit-check serve`` (past scans listed and re-opened) and by anything that wants to compare
a scan with the previous one of the same site. A scan is addressed only by the id this module
generates (16 lowercase hex digits, checked by ``is_scan_id``), never by a path. An optional ITA
results file (for the perception-gap analysis) can be attached to a scan; its bytes live in the
same database, so nothing outside the store's one file is ever read back.

One connection per call: cheap (tens of microseconds, research/libraries.md section 7), safe from
any thread, and the web app's writes are one row per scan. ``HistoryError`` wraps every sqlite3
error and a schema version this code does not know.
"""

from __future__ import annotations

import builtins
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from oit_check.errors import HistoryError
from oit_check.models import ScanResult

#: Version of the table layout below; a store with another version is refused, not guessed at.
STORE_SCHEMA_VERSION = 1
DEFAULT_DB_NAME = "history.sqlite3"
_SCAN_ID_RE = re.compile(r"^[0-9a-f]{16}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scans (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    start_url TEXT NOT NULL,
    host TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    checklist TEXT NOT NULL,
    total INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    expected_score REAL NOT NULL,
    error TEXT,
    result_schema TEXT NOT NULL,
    result_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scans_created ON scans (created_at DESC);
CREATE INDEX IF NOT EXISTS scans_host ON scans (host, created_at DESC);
CREATE TABLE IF NOT EXISTS results_files (
    scan_id TEXT PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    content BLOB NOT NULL
);
"""


def is_scan_id(value: str) -> bool:
    """Whether ``value`` has the form of a scan id (so it can never be a path or SQL)."""
    return bool(_SCAN_ID_RE.match(value))


def new_scan_id() -> str:
    """A fresh random scan id."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class ScanRecord:
    """One row of the scan list: enough to show it without loading the whole result."""

    id: str
    created_at: datetime
    start_url: str
    host: str
    fiscal_year: int
    checklist: str
    total: int
    ok: int
    expected_score: float
    error: str | None
    has_results_file: bool


@dataclass(frozen=True)
class ResultsFile:
    """An ITA results file attached to a scan."""

    file_name: str
    uploaded_at: datetime
    content: bytes


class HistoryStore:
    """The SQLite file ``path`` (created on first use) holding past scans."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                row = conn.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
                if row is None:
                    conn.execute(
                        "INSERT INTO store_meta (key, value) VALUES ('schema_version', ?)",
                        (str(STORE_SCHEMA_VERSION),),
                    )
                elif row[0] != str(STORE_SCHEMA_VERSION):
                    raise HistoryError(
                        f"{self.path}: history store version {row[0]}, this oit-check reads "
                        f"version {STORE_SCHEMA_VERSION}",
                        hint="use another --store directory, or upgrade oit-check",
                    )
        except (sqlite3.Error, OSError) as exc:
            raise HistoryError(f"{self.path}: cannot open the history store: {exc}") from exc

    @classmethod
    def in_dir(cls, store_dir: Path) -> HistoryStore:
        """The store file inside a directory (``--store DIR``)."""
        return cls(Path(store_dir) / DEFAULT_DB_NAME)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10.0)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:  # one transaction: commit on success, roll back on error
                yield conn
        finally:
            conn.close()

    def save(self, result: ScanResult, *, created_at: datetime | None = None) -> str:
        """Store ``result`` and return its new scan id."""
        scan_id = new_scan_id()
        when = (created_at or datetime.now(UTC)).isoformat()
        summary = result.summary
        try:
            with self._connect() as conn:
                conn.execute(
                    "INSERT INTO scans (id, created_at, start_url, host, fiscal_year, checklist, total, ok,"
                    " expected_score, error, result_schema, result_json)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        scan_id,
                        when,
                        result.start_url,
                        (urlsplit(result.start_url).hostname or "").lower(),
                        result.fiscal_year,
                        f"{result.checklist_id}@{result.checklist_version}",
                        summary.total,
                        summary.ok,
                        summary.expected_oit_score,
                        result.error,
                        result.schema_version,
                        result.model_dump_json(),
                    ),
                )
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot save the scan: {exc}") from exc
        return scan_id

    def list(self, *, limit: int = 50, offset: int = 0, host: str | None = None) -> builtins.list[ScanRecord]:
        """Past scans, newest first (optionally of one host)."""
        sql = (
            "SELECT s.id, s.created_at, s.start_url, s.host, s.fiscal_year, s.checklist, s.total, s.ok,"
            " s.expected_score, s.error, f.scan_id IS NOT NULL"
            " FROM scans s LEFT JOIN results_files f ON f.scan_id = s.id"
        )
        params: list[object] = []
        if host is not None:
            sql += " WHERE s.host = ?"
            params.append(host.lower())
        sql += " ORDER BY s.created_at DESC, s.rowid DESC LIMIT ? OFFSET ?"
        params += [max(0, limit), max(0, offset)]
        try:
            with self._connect() as conn:
                rows = conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot list scans: {exc}") from exc
        return [
            ScanRecord(
                id=r[0],
                created_at=datetime.fromisoformat(r[1]),
                start_url=r[2],
                host=r[3],
                fiscal_year=r[4],
                checklist=r[5],
                total=r[6],
                ok=r[7],
                expected_score=r[8],
                error=r[9],
                has_results_file=bool(r[10]),
            )
            for r in rows
        ]

    def get(self, scan_id: str) -> ScanResult | None:
        """The stored result, or None when there is no such scan (or the id is malformed)."""
        if not is_scan_id(scan_id):
            return None
        try:
            with self._connect() as conn:
                row = conn.execute("SELECT result_json FROM scans WHERE id = ?", (scan_id,)).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot read scan {scan_id}: {exc}") from exc
        if row is None:
            return None
        try:
            return ScanResult.model_validate_json(row[0])
        except ValidationError as exc:
            raise HistoryError(
                f"{self.path}: scan {scan_id} was stored by an incompatible oit-check version",
                hint="re-run the scan",
            ) from exc

    def previous(self, scan_id: str) -> str | None:
        """The id of the scan of the same site just before ``scan_id`` (for comparisons)."""
        if not is_scan_id(scan_id):
            return None
        try:
            with self._connect() as conn:
                row = conn.execute(
                    "SELECT p.id FROM scans s JOIN scans p ON p.host = s.host AND p.created_at < s.created_at"
                    " WHERE s.id = ? ORDER BY p.created_at DESC LIMIT 1",
                    (scan_id,),
                ).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot read scan {scan_id}: {exc}") from exc
        return None if row is None else str(row[0])

    def attach_results_file(self, scan_id: str, file_name: str, content: bytes) -> None:
        """Attach (or replace) the ITA results file of a scan; ``KeyError`` if the scan is unknown."""
        if not is_scan_id(scan_id):
            raise KeyError(scan_id)
        safe_name = Path(file_name.replace("\\", "/")).name[:200] or "results"
        try:
            with self._connect() as conn:
                if conn.execute("SELECT 1 FROM scans WHERE id = ?", (scan_id,)).fetchone() is None:
                    raise KeyError(scan_id)
                conn.execute(
                    "INSERT OR REPLACE INTO results_files (scan_id, file_name, uploaded_at, content)"
                    " VALUES (?, ?, ?, ?)",
                    (scan_id, safe_name, datetime.now(UTC).isoformat(), content),
                )
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot store the results file: {exc}") from exc

    def results_file(self, scan_id: str) -> ResultsFile | None:
        """The ITA results file attached to a scan, if any."""
        if not is_scan_id(scan_id):
            return None
        try:
            with self._connect() as conn:
                row = conn.execute(
                    "SELECT file_name, uploaded_at, content FROM results_files WHERE scan_id = ?", (scan_id,)
                ).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot read the results file of {scan_id}: {exc}") from exc
        if row is None:
            return None
        return ResultsFile(file_name=row[0], uploaded_at=datetime.fromisoformat(row[1]), content=bytes(row[2]))

    def delete(self, scan_id: str) -> bool:
        """Remove a scan (and its results file); whether it existed."""
        if not is_scan_id(scan_id):
            return False
        try:
            with self._connect() as conn:
                cur = conn.execute("DELETE FROM scans WHERE id = ?", (scan_id,))
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: cannot delete scan {scan_id}: {exc}") from exc
        return cur.rowcount > 0
