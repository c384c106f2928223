"""AI-Ready metadata of a node: DCAT 3 / PROV-O / CSVW+QUDT graph (rdflib, persisted in
Oxigraph), Croissant 1.1 JSON-LD per dataset, SHACL shapes, full-text search (tantivy) and
read-only SPARQL — kept current by :func:`refresh_metadata` after every harvest."""

from __future__ import annotations

from catalog.store import NodeStore


def refresh_metadata(store: NodeStore, datasets: list[str] | None = None) -> None:
    """Rebuild and persist the graph, Croissant documents and search index of ``datasets``
    (every dataset, from scratch, when None). Safe to call concurrently: refreshes queue on
    the node's metadata lock, and readers keep reading the previous snapshot meanwhile."""
    from catalog.metadata.refresh import refresh

    refresh(store, datasets)
