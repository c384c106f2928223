"""sha256 of the node's Parquet files, each hashed once: table files never change after their
commit, so a file's path and size identify its content for good."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

CHUNK = 1 << 20


class ChecksumCache:
    """A small SQLite table of path, size and sha256, next to the node's other metadata."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS checksums "
            "(path TEXT PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT NOT NULL)")

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

    def sha256(self, path: str, size: int) -> str:
        """The sha256 of the file at ``path`` (hashed now only if never seen at this size)."""
        row = self._connection.execute(
            "SELECT sha256 FROM checksums WHERE path = ? AND size = ?", (path, size)).fetchone()
        if row:
            return row[0]
        digest = file_sha256(Path(path))
        self._connection.execute("INSERT OR REPLACE INTO checksums VALUES (?, ?, ?)",
                                 (path, size, digest))
        return digest

    def forget_missing(self) -> None:
        """Drop the entries of files that no longer exist."""
        gone = [(path,) for (path,) in self._connection.execute("SELECT path FROM checksums")
                if not Path(path).exists()]
        self._connection.executemany("DELETE FROM checksums WHERE path = ?", gone)


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
