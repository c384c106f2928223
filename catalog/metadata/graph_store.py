"""The node graph on disk: an Oxigraph (RocksDB) store with one named graph per dataset, per
harvest run and for the node, written only under the metadata lock.

Readers never open the store being written: every refresh publishes a snapshot (a RocksDB
checkpoint of hard links, taken in milliseconds) and readers open the newest one read-only, so
a query never waits for a refresh nor sees half of one, and a start never rebuilds anything.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from catalog.metadata.errors import MetadataNotBuiltError

STORE_DIR = "store"
CURRENT = "CURRENT"
SNAPSHOT_PREFIX = "snapshot-"
KEPT_SNAPSHOTS = 2


class GraphWriter:
    """Replace named graphs in the node's store, then publish a snapshot for readers."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self._store = ox.Store(str(directory / STORE_DIR))

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        del self._store  # releases RocksDB's lock

    def clear(self) -> None:
        """Remove every graph."""
        self._store.clear()

    def has(self, name: URIRef) -> bool:
        """Whether the store holds the named graph ``name``."""
        return self._store.contains_named_graph(ox.NamedNode(str(name)))

    def replace(self, name: URIRef, graph: Graph) -> None:
        """Make ``graph`` the whole content of the named graph ``name``."""
        target = ox.NamedNode(str(name))
        if self.has(name):
            self._store.remove_graph(target)
        self._store.load(graph.serialize(format="nt", encoding="utf-8"),
                         format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def drop(self, names: Iterable[str]) -> None:
        """Remove the named graphs ``names``."""
        for name in names:
            self._store.remove_graph(ox.NamedNode(name))

    def publish(self) -> None:
        """Make the current content what readers see; remove snapshots no reader needs."""
        self._store.flush()
        snapshot = f"{SNAPSHOT_PREFIX}{time.time_ns()}"
        self._store.backup(str(self.directory / snapshot))
        pointer = self.directory / f"{CURRENT}.tmp"
        pointer.write_text(snapshot)
        pointer.replace(self.directory / CURRENT)
        snapshots = sorted(p for p in self.directory.glob(SNAPSHOT_PREFIX + "*"))
        for old in snapshots[:-KEPT_SNAPSHOTS]:
            shutil.rmtree(old, ignore_errors=True)


_opened: dict[Path, tuple[str, ox.Store]] = {}
"""The snapshot each graph directory had when this process last opened it."""


def open_snapshot(directory: Path) -> ox.Store:
    """The newest published snapshot, read-only (kept open while it stays the newest)."""
    try:
        snapshot = (directory / CURRENT).read_text().strip()
    except FileNotFoundError:
        raise MetadataNotBuiltError(
            f"node at {directory.parent.parent} has no metadata graph yet: run "
            "`fedcat metadata rebuild`") from None
    name, store = _opened.get(directory, ("", None))
    if name != snapshot or store is None:
        store = ox.Store.read_only(os.fspath(directory / snapshot))
        _opened[directory] = (snapshot, store)
    return store
