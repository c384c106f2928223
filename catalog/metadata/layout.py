"""Where a node keeps its metadata: ``<node>/metadata/`` (graph store and snapshots, search
index, Parquet checksums, warnings, lock) and ``_croissant.json`` in each table directory."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from catalog.store import NodeStore

METADATA_DIR = "metadata"


@dataclass(frozen=True)
class MetadataPaths:
    """The metadata files of one node."""

    root: Path

    @classmethod
    def of(cls, store: NodeStore) -> MetadataPaths:
        """The metadata paths of ``store``."""
        return cls(store.dir / METADATA_DIR)

    @property
    def graph(self) -> Path:
        """Directory of the RDF store and its read-only snapshots."""
        return self.root / "graph"

    @property
    def search(self) -> Path:
        """Directory of the full-text index."""
        return self.root / "search"

    @property
    def checksums(self) -> Path:
        """SQLite file of Parquet checksums."""
        return self.root / "checksums.sqlite"

    @property
    def warnings(self) -> Path:
        """JSON file of the warnings of the last refresh, by dataset."""
        return self.root / "warnings.json"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the metadata write lock (waits for another refresh to finish)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
