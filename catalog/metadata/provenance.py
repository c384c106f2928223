"""PROV-O of harvest runs: each run is a ``prov:Activity`` associated with its adapter (a
``prov:SoftwareAgent`` at one version) that ``prov:used`` the source files it parsed (named by
their sha256) and ``prov:generated`` the dataset versions it committed.

A MaiML source file (NIMS) brings its own provenance: the document's protocol, event log and
results mapped by :mod:`maiml.rdf`, linked to the file's entity with ``prov:alternateOf``.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from catalog.metadata.dcat import add_checksum, new_graph
from catalog.metadata.vocab import DCAT, FEDCAT, MAIML, NodeIris, file_iri
from catalog.store import NodeStore

MAIML_FORMATS = {"maiml"}


def committed_runs(store: NodeStore) -> list[dict]:
    """The harvest runs that committed at least one dataset version, oldest first."""
    return store.bookkeeping.rows(
        "SELECT * FROM harvest_runs WHERE versions <> '{}' ORDER BY id")


def run_graph(store: NodeStore, iris: NodeIris, run: dict) -> Graph:
    """The PROV graph of one harvest run."""
    graph = new_graph()
    activity = iris.run(run["id"])
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"harvest #{run['id']} of {run['source']}")))
    graph.add((activity, PROV.startedAtTime, Literal(run["started_at"], datatype=XSD.dateTime)))
    if run["ended_at"]:
        graph.add((activity, PROV.endedAtTime, Literal(run["ended_at"], datatype=XSD.dateTime)))
    graph.add((activity, PROV.wasAssociatedWith, iris.agent(run["adapter"],
                                                            run["adapter_version"])))
    graph.add((activity, FEDCAT.source, Literal(run["source"])))
    graph.add((activity, FEDCAT.status, Literal(run["status"])))
    for dataset, version in json.loads(run["versions"]).items():
        graph.add((activity, PROV.generated, iris.version(dataset, int(version))))
    for source in store.bookkeeping.rows(
            "SELECT url, format, size, sha256 FROM source_files WHERE run_id = ?", (run["id"],)):
        entity = iris.source(source["sha256"])
        graph.add((activity, PROV.used, entity))
        graph.add((entity, RDF.type, PROV.Entity))
        graph.add((entity, PROV.atLocation, file_iri(source["url"])))
        graph.add((entity, DCTERMS.format, Literal(source["format"] or "")))
        graph.add((entity, DCAT.byteSize, Literal(source["size"],
                                                 datatype=XSD.nonNegativeInteger)))
        add_checksum(graph, entity, source["sha256"])
        if (source["format"] or "").lower() in MAIML_FORMATS:
            _link_maiml(graph, entity, source["url"])
    return graph


def _link_maiml(graph: Graph, entity: URIRef, url: str) -> None:
    """Add a MaiML file's own provenance (when the file is still readable here)."""
    from maiml import MaimlError, parse
    from maiml.rdf import to_graph

    path = Path(url.removeprefix("file://"))
    if "://" in url.removeprefix("file://") or not path.is_file():
        return
    try:
        document = to_graph(parse(path))
    except (MaimlError, OSError):
        return
    graph += document
    for subject in document.subjects(RDF.type, MAIML.Document):
        graph.add((entity, PROV.alternateOf, subject))
