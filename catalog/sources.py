"""Harvest sources: find files under any fsspec URL, hash them, make them local for parsing."""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

from catalog.errors import SourceNotFoundError

HASH_CHUNK = 4 * 1024 * 1024
GLOB_CHARS = "*?["


@dataclass(frozen=True)
class SourceEntry:
    """One file found under a source URL.

    ``url`` names the file for people and bookkeeping; ``relative`` is its path below the
    source root (used to mirror remote sources into scratch space so siblings stay siblings).
    """

    url: str
    path: str
    relative: str
    size: int
    mtime: float | None


class Source:
    """A harvest source: a local path, a glob, or any fsspec URL (``zip://``, ``memory://``...)."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.fs, self.root = fsspec.core.url_to_fs(url)
        except (ValueError, ImportError, OSError) as error:
            raise SourceNotFoundError(f"source {url!r} cannot be opened: {error}") from None
        self._chain = "::" + url.split("::", 1)[1] if "::" in url else ""

    @property
    def is_local(self) -> bool:
        """Whether the files can be opened by name directly (no copy needed)."""
        return isinstance(self.fs, LocalFileSystem)

    def discover(self) -> list[SourceEntry]:
        """Every file under the source, sorted by URL; a clear error when there is none."""
        fs, root = self.fs, self.root
        if any(char in root for char in GLOB_CHARS):
            found = {path: info for path, info in fs.glob(root, detail=True).items()
                     if info.get("type") == "file"}
            base = root[: min(root.find(c) for c in GLOB_CHARS if c in root)].rsplit("/", 1)[0]
        elif fs.isdir(root):
            found, base = fs.find(root, detail=True), root.rstrip("/")
        elif fs.isfile(root):
            found, base = {root: fs.info(root)}, root.rsplit("/", 1)[0]
        else:
            raise SourceNotFoundError(f"source {self.url!r} does not exist")
        if not found:
            raise SourceNotFoundError(f"source {self.url!r} holds no file")
        entries = [
            SourceEntry(
                url=self._url_of(path),
                path=path,
                relative=path[len(base):].lstrip("/"),
                size=int(info.get("size") or 0),
                mtime=_mtime(info),
            )
            for path, info in found.items()
        ]
        return sorted(entries, key=lambda entry: entry.url)

    def contains(self, url: str) -> bool:
        """Whether ``url`` (of a file harvested earlier) lies under this source."""
        if not url.endswith(self._chain):
            return False
        url = url[: len(url) - len(self._chain)] if self._chain else url
        root = self._url_of(self.root)
        root = root[: len(root) - len(self._chain)] if self._chain else root
        if any(char in self.root for char in GLOB_CHARS):
            return fnmatch.fnmatchcase(url, root)
        return url == root or url.startswith(root.rstrip("/") + "/")

    def _url_of(self, path: str) -> str:
        if self.is_local:
            return path
        return self.fs.unstrip_protocol(path) + self._chain

    def hash_and_localise(self, entry: SourceEntry, scratch: Path) -> tuple[str, Path]:
        """Return the file's sha256 and a local path to it (a scratch copy for remote files)."""
        digest = hashlib.sha256()
        if self.is_local:
            with open(entry.path, "rb") as handle:
                while chunk := handle.read(HASH_CHUNK):
                    digest.update(chunk)
            return digest.hexdigest(), Path(entry.path)
        local = scratch / "mirror" / entry.relative
        local.parent.mkdir(parents=True, exist_ok=True)
        with self.fs.open(entry.path, "rb") as remote, open(local, "wb") as copy:
            while chunk := remote.read(HASH_CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        return digest.hexdigest(), local


def _mtime(info: dict) -> float | None:
    value = info.get("mtime") or info.get("LastModified") or info.get("created")
    if value is None:
        return None
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    try:
        return float(value)
    except (TypeError, ValueError):
        return None

