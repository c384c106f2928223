"""Export the persisted metadata of a node or one dataset: Turtle, JSON-LD, N-Triples (from the
graph snapshot) or the dataset's Croissant document."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox
from rdflib import Graph

from catalog.errors import UsageError
from catalog.metadata.croissant import CROISSANT_FILE
from catalog.metadata.errors import MetadataNotBuiltError
from catalog.metadata.graph_store import open_snapshot
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.refresh import node_iris
from catalog.metadata.vocab import PREFIXES
from catalog.store import NodeStore


class ExportFormat(StrEnum):
    """Formats of ``fedcat metadata export``."""

    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"
    croissant = "croissant"


PREFIXES_BY_NAME = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()
                    if prefix != "dcterms"}


def export(store: NodeStore, dataset: str | None, fmt: ExportFormat) -> bytes:
    """The metadata of ``dataset`` (the whole node when None) in ``fmt``."""
    if dataset is not None:
        store.table(dataset)  # a clear error for an unknown dataset
    if fmt is ExportFormat.croissant:
        if dataset is None:
            raise UsageError("--format croissant describes one dataset: name it")
        try:
            return (store.table_dir(dataset) / CROISSANT_FILE).read_bytes()
        except FileNotFoundError:
            raise MetadataNotBuiltError(
                f"dataset {dataset!r} has no Croissant document yet: run "
                "`fedcat metadata rebuild`") from None
    triples = _triples(open_snapshot(MetadataPaths.of(store).graph), store, dataset)
    triples.sort(key=lambda triple: (str(triple.subject), str(triple.predicate)))
    if fmt is ExportFormat.jsonld:  # compact JSON-LD with the catalog's prefixes as context
        graph = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                              format="nt")
        return graph.serialize(format="json-ld", context=PREFIXES_BY_NAME, auto_compact=True,
                               indent=1, encoding="utf-8")
    rdf_format = ox.RdfFormat.TURTLE if fmt is ExportFormat.turtle else ox.RdfFormat.N_TRIPLES
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES_BY_NAME)


def export_graph(store: NodeStore, dataset: str | None = None) -> Graph:
    """The metadata as an rdflib graph (for SHACL checks and Python users)."""
    return Graph().parse(data=export(store, dataset, ExportFormat.ntriples), format="nt")


def _triples(snapshot: ox.Store, store: NodeStore, dataset: str | None) -> list[ox.Triple]:
    """The triples of the node, or of one dataset and the harvest runs that made it."""
    if dataset is None:
        names = list(snapshot.named_graphs())
    else:
        iris = node_iris(store)
        graph = ox.NamedNode(str(iris.dataset_graph(dataset)))
        if not snapshot.contains_named_graph(graph):
            raise MetadataNotBuiltError(
                f"dataset {dataset!r} has no metadata yet: run `fedcat metadata rebuild`")
        runs = {quad.object for quad in snapshot.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy"), None, graph)}
        names = [graph, *sorted(runs, key=str)]
    return [quad.triple for name in names
            for quad in snapshot.quads_for_pattern(None, None, None, name)]
