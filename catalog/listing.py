"""Listings of what a node holds, for the CLI and the services."""

from __future__ import annotations

from catalog.store import NodeStore


def dataset_rows(store: NodeStore) -> list[dict]:
    """One record per dataset: SQL name, rows, source files, bytes, access, status, version."""
    registered = {row["name"]: row for row in store.bookkeeping.datasets()}
    files = store.bookkeeping.source_file_counts()
    rows = []
    for name in store.dataset_names():
        info = registered.get(name, {})
        stats = store.stats(name)
        rows.append({
            "dataset": f"{store.name}.{name}",
            "rows": stats["rows"],
            "files": files.get(name, 0),
            "bytes": stats["bytes"],
            "access": info.get("access", "unknown"),
            "status": info.get("status", "unregistered"),
            "version": stats["version"],
        })
    return rows
