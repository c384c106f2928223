"""The node's bookkeeping: datasets, source files, harvest runs and errors, in SQLite (WAL).

SQLite in WAL mode lets a running harvest write while a node service, a query or a watcher in
other processes read. Every harvest records its outcome in one transaction, after the dataset
versions it produced are committed, so the bookkeeping never names rows that are not there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BOOKKEEPING_FILE = "bookkeeping.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS datasets (
    name TEXT PRIMARY KEY,
    adapter TEXT NOT NULL,
    access TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_files (
    url TEXT PRIMARY KEY,
    adapter TEXT NOT NULL,
    format TEXT,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    mtime REAL,
    run_id INTEGER NOT NULL,
    harvested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_rows (
    url TEXT NOT NULL,
    dataset TEXT NOT NULL,
    rows INTEGER NOT NULL,
    PRIMARY KEY (url, dataset)
);
CREATE TABLE IF NOT EXISTS harvest_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    adapter TEXT NOT NULL,
    adapter_version TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,
    files_seen INTEGER NOT NULL DEFAULT 0,
    files_new INTEGER NOT NULL DEFAULT 0,
    files_changed INTEGER NOT NULL DEFAULT 0,
    files_unchanged INTEGER NOT NULL DEFAULT 0,
    files_failed INTEGER NOT NULL DEFAULT 0,
    files_pruned INTEGER NOT NULL DEFAULT 0,
    rows_written INTEGER NOT NULL DEFAULT 0,
    versions TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS errors (
    url TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL,
    error_type TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class KnownFile:
    """What the node remembers of one harvested source file."""

    url: str
    size: int
    sha256: str
    adapter_version: str


@dataclass(frozen=True)
class HarvestedFile:
    """One source file parsed in a run, with its rows per dataset."""

    url: str
    adapter: str
    fmt: str
    size: int
    sha256: str
    mtime: float | None
    rows: dict[str, int]


@dataclass(frozen=True)
class FailedFile:
    """One source file that could not be harvested, and why."""

    url: str
    error_type: str
    message: str


@dataclass
class RunSummary:
    """Counts of one harvest run, as recorded in ``harvest_runs``."""

    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_pruned: int = 0
    rows_written: int = 0


class Bookkeeping:
    """Read and write the node's bookkeeping database."""

    def __init__(self, node_dir: Path) -> None:
        self.path = node_dir / BOOKKEEPING_FILE
        self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=NORMAL")
        self._connection.executescript(SCHEMA)

    def close(self) -> None:
        """Close the database connection."""
        self._connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def rows(self, sql: str, parameters: Iterable = ()) -> list[dict]:
        """Run a read query and return its rows as dictionaries."""
        return [dict(row) for row in self._connection.execute(sql, tuple(parameters))]

    def known_files(self, adapter: str) -> dict[str, KnownFile]:
        """Every source file harvested by ``adapter``, by URL, with the adapter version."""
        return {
            row["url"]: KnownFile(row["url"], row["size"], row["sha256"], row["adapter_version"])
            for row in self.rows(
                "SELECT f.url, f.size, f.sha256, r.adapter_version FROM source_files f "
                "JOIN harvest_runs r ON r.id = f.run_id WHERE f.adapter = ?", (adapter,)
            )
        }

    def rows_by_dataset(self, urls: Iterable[str]) -> dict[str, set[str]]:
        """For each dataset, which of ``urls`` have rows in it."""
        wanted = list(urls)
        found: dict[str, set[str]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.rows(
                f"SELECT url, dataset FROM source_rows WHERE rows > 0 AND url IN ({marks})", chunk
            ):
                found.setdefault(row["dataset"], set()).add(row["url"])
        return found

    def start_run(self, adapter: str, adapter_version: str, source: str) -> int:
        """Record the start of a harvest run and return its id."""
        with self.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO harvest_runs (adapter, adapter_version, source, started_at, status) "
                "VALUES (?, ?, ?, ?, 'running')",
                (adapter, adapter_version, source, utc_now()),
            )
            return int(cursor.lastrowid)

    def finish_run(
        self,
        run_id: int,
        status: str,
        summary: RunSummary,
        versions: dict[str, int],
        harvested: list[HarvestedFile],
        failed: list[FailedFile],
        pruned: list[str],
        datasets: list[dict],
    ) -> None:
        """Record everything a run did, in one transaction."""
        now = utc_now()
        with self.transaction() as connection:
            for dataset in datasets:
                connection.execute(
                    "INSERT INTO datasets (name, adapter, access, description, status, "
                    "created_at, updated_at) VALUES (:name, :adapter, :access, :description, "
                    ":status, :now, :now) ON CONFLICT(name) DO UPDATE SET updated_at = :now",
                    {**dataset, "now": now},
                )
            for item in harvested:
                connection.execute(
                    "INSERT OR REPLACE INTO source_files "
                    "(url, adapter, format, size, sha256, mtime, run_id, harvested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (item.url, item.adapter, item.fmt, item.size, item.sha256, item.mtime,
                     run_id, now),
                )
                connection.execute("DELETE FROM source_rows WHERE url = ?", (item.url,))
                connection.executemany(
                    "INSERT INTO source_rows (url, dataset, rows) VALUES (?, ?, ?)",
                    [(item.url, name, count) for name, count in item.rows.items()],
                )
                connection.execute("DELETE FROM errors WHERE url = ?", (item.url,))
            for url in pruned:
                for table in ("source_files", "source_rows", "errors"):
                    connection.execute(f"DELETE FROM {table} WHERE url = ?", (url,))
            connection.executemany(
                "INSERT OR REPLACE INTO errors (url, run_id, error_type, message, at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(item.url, run_id, item.error_type, item.message, now) for item in failed],
            )
            connection.execute(
                "UPDATE harvest_runs SET ended_at = ?, status = ?, files_seen = ?, files_new = ?, "
                "files_changed = ?, files_unchanged = ?, files_failed = ?, files_pruned = ?, "
                "rows_written = ?, versions = ? WHERE id = ?",
                (now, status, summary.files_seen, summary.files_new, summary.files_changed,
                 summary.files_unchanged, summary.files_failed, summary.files_pruned,
                 summary.rows_written, json.dumps(versions), run_id),
            )

    def abandon_run(self, run_id: int, status: str) -> None:
        """Mark a run that committed nothing (interrupted or failed)."""
        with self.transaction() as connection:
            connection.execute(
                "UPDATE harvest_runs SET ended_at = ?, status = ? WHERE id = ?",
                (utc_now(), status, run_id),
            )

    def close_stale_runs(self) -> int:
        """Mark runs left 'running' by a killed process as interrupted. Call under the lock."""
        with self.transaction() as connection:
            cursor = connection.execute(
                "UPDATE harvest_runs SET status = 'interrupted' WHERE status = 'running'"
            )
            return cursor.rowcount

    def datasets(self) -> list[dict]:
        """Every dataset registered on the node."""
        return self.rows("SELECT * FROM datasets ORDER BY name")

    def source_file_counts(self) -> dict[str, int]:
        """How many source files contributed rows to each dataset."""
        return {
            row["dataset"]: row["files"]
            for row in self.rows(
                "SELECT dataset, count(*) AS files FROM source_rows WHERE rows > 0 GROUP BY dataset"
            )
        }

    def errors(self) -> list[dict]:
        """Every source file whose last harvest failed."""
        return self.rows(
            "SELECT e.url, e.error_type, e.message, r.adapter, e.run_id, e.at "
            "FROM errors e JOIN harvest_runs r ON r.id = e.run_id ORDER BY e.url"
        )

    def runs(self) -> list[dict]:
        """Every harvest run, newest first."""
        return self.rows("SELECT * FROM harvest_runs ORDER BY id DESC")
