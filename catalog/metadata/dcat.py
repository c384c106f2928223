"""DCAT 3 description of a node (catalog, publisher, query service) and of each dataset
(coverage, versions, Parquet and Croissant distributions, CSVW columns with QUDT units)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from catalog.metadata.describe import DatasetFacts, FileFacts
from catalog.metadata.domain import value_iri
from catalog.metadata.vocab import (
    ACCESS_RIGHT,
    CROISSANT_SPEC,
    CSVW,
    DCAT,
    DELTA_SPEC,
    FEDCAT,
    GEO,
    JSONLD_MEDIA_TYPE,
    PARQUET_MEDIA_TYPE,
    PARQUET_SPEC,
    PREFIXES,
    QUDT,
    SDO,
    SPDX,
    NodeIris,
    file_iri,
)
from catalog.store import NodeStore

ACCESS_RIGHTS = {"public": ACCESS_RIGHT.PUBLIC, "restricted": ACCESS_RIGHT.RESTRICTED,
                 "sensitive": ACCESS_RIGHT.NON_PUBLIC}
MANIFEST_NOTE = ("sha256 of the file set's manifest: one line '<sha256>  <file name>' per "
                 "Parquet file, sorted by file name")


@dataclass(frozen=True)
class DocumentFile:
    """A file the metadata refers to (the Croissant document): where, how big, its sha256."""

    path: Path
    size: int
    sha256: str


def new_graph() -> Graph:
    """An empty graph with the catalog's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def node_graph(store: NodeStore, iris: NodeIris) -> Graph:
    """The node's catalog, publisher, query service, licence placeholder and software agents
    (each dataset's graph says itself that the catalog lists it and the service serves it)."""
    graph = new_graph()
    catalog, service, publisher = iris.catalog, iris.service, iris.publisher
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(f"fedcat node {store.name}")))
    graph.add((catalog, DCTERMS.description, Literal(
        f"Datasets harvested on node {store.name}"
        + (f" of {store.config.institution}" if store.config.institution else "") + ".")))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.issued, Literal(store.config.created, datatype=XSD.dateTime)))
    graph.add((catalog, DCAT.service, service))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(store.config.institution or store.name)))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal(f"SQL over node {store.name} (DuckDB)")))
    graph.add((service, DCTERMS.description, Literal(
        f"Read-only SQL; datasets are tables named {store.name}.<dataset>: "
        f"`fedcat query \"SELECT ...\" --node {store.dir}`.")))
    graph.add((service, DCAT.endpointURL, file_iri(str(store.dir))))
    graph.add((service, DCTERMS.publisher, publisher))
    undeclared = iris.license_undeclared()
    graph.add((undeclared, RDF.type, DCTERMS.LicenseDocument))
    graph.add((undeclared, RDFS.label, Literal(
        "No licence declared by the node operator: ask the publisher before reuse.")))
    for run in store.bookkeeping.rows(
            "SELECT DISTINCT adapter, adapter_version FROM harvest_runs"):
        agent = iris.agent(run["adapter"], run["adapter_version"])
        graph.add((agent, RDF.type, PROV.SoftwareAgent))
        graph.add((agent, RDFS.label, Literal(
            f"fedcat adapter {run['adapter']} {run['adapter_version']}")))
        graph.add((agent, SDO.softwareVersion, Literal(run["adapter_version"])))
        graph.add((agent, PROV.actedOnBehalfOf, publisher))
    return graph


def dataset_graph(facts: DatasetFacts, iris: NodeIris, croissant: DocumentFile) -> Graph:
    """The DCAT dataset, its versions, distributions and columns."""
    graph = new_graph()
    dataset = iris.dataset(facts.name)
    add = graph.add
    add((dataset, RDF.type, DCAT.Dataset))
    add((iris.catalog, DCAT.dataset, dataset))
    add((iris.service, DCAT.servesDataset, dataset))
    add((dataset, DCTERMS.identifier, Literal(f"{facts.node}.{facts.name}")))
    add((dataset, DCTERMS.title, Literal(facts.title)))
    add((dataset, DCTERMS.description, Literal(facts.description)))
    for keyword in facts.keywords:
        add((dataset, DCAT.keyword, Literal(keyword)))
    for theme in facts.themes:
        add((dataset, DCAT.theme, URIRef(theme)))
    add((dataset, DCTERMS.publisher, iris.publisher))
    add((dataset, DCTERMS.license, _license(graph, dataset, facts.license, iris)))
    add((dataset, DCTERMS.accessRights, ACCESS_RIGHTS[facts.access]))
    add((dataset, FEDCAT.domain, Literal(facts.domain)))
    add((dataset, FEDCAT.rows, Literal(facts.rows, datatype=XSD.nonNegativeInteger)))
    _coverage(graph, dataset, facts)
    _versions(graph, dataset, facts, iris)
    _parquet_distribution(graph, dataset, facts, iris)
    _croissant_distribution(graph, dataset, facts, iris, croissant)
    _columns(graph, dataset, facts, iris)
    return graph


def _license(graph: Graph, dataset: URIRef, declared: str | None, iris: NodeIris) -> URIRef:
    """The licence IRI; a licence given as text becomes a described licence document."""
    if declared is None:
        return iris.license_undeclared()
    if declared.startswith(("http://", "https://", "urn:")):
        return URIRef(declared)
    document = URIRef(f"{dataset}#license")
    graph.add((document, RDF.type, DCTERMS.LicenseDocument))
    graph.add((document, RDFS.label, Literal(declared)))
    return document


def _coverage(graph: Graph, dataset: URIRef, facts: DatasetFacts) -> None:
    coverage = facts.coverage
    if coverage.start or coverage.end:
        period = URIRef(f"{dataset}#temporal")
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        for prop, moment in ((DCAT.startDate, coverage.start), (DCAT.endDate, coverage.end)):
            if moment:
                graph.add((period, prop, _time(moment)))
    if coverage.bbox:
        west, south, east, north = coverage.bbox
        place = URIRef(f"{dataset}#spatial")
        graph.add((dataset, DCTERMS.spatial, place))
        graph.add((place, RDF.type, DCTERMS.Location))
        polygon = (f"POLYGON(({west} {south}, {east} {south}, {east} {north}, {west} {north}, "
                   f"{west} {south}))")
        graph.add((place, DCAT.bbox, Literal(polygon, datatype=GEO.wktLiteral)))
        for prop, value in zip((FEDCAT.west, FEDCAT.south, FEDCAT.east, FEDCAT.north),
                               coverage.bbox):
            graph.add((place, prop, Literal(value, datatype=XSD.double)))


def _versions(graph: Graph, dataset: URIRef, facts: DatasetFacts, iris: NodeIris) -> None:
    for version in facts.versions:
        entity = iris.version(facts.name, version.number)
        graph.add((dataset, DCAT.hasVersion, entity))
        graph.add((entity, RDF.type, PROV.Entity))
        graph.add((entity, DCAT.isVersionOf, dataset))
        graph.add((entity, DCAT.version, Literal(str(version.number))))
        graph.add((entity, PROV.generatedAtTime, _time(version.timestamp)))
        if version.run_id is not None:
            graph.add((entity, PROV.wasGeneratedBy, iris.run(version.run_id)))
    graph.add((dataset, DCAT.version, Literal(str(facts.version))))
    graph.add((dataset, DCAT.hasCurrentVersion, iris.version(facts.name, facts.version)))
    graph.add((dataset, DCTERMS.issued, _time(facts.versions[0].timestamp)))
    graph.add((dataset, DCTERMS.modified, _time(facts.versions[-1].timestamp)))


def _parquet_distribution(graph: Graph, dataset: URIRef, facts: DatasetFacts,
                          iris: NodeIris) -> None:
    distribution = iris.distribution(facts.name, facts.version)
    add = graph.add
    add((dataset, DCAT.distribution, distribution))
    add((distribution, RDF.type, DCAT.Distribution))
    add((distribution, DCTERMS.title, Literal(
        f"Parquet files of {facts.node}.{facts.name}, version {facts.version}")))
    add((distribution, DCAT.accessURL, iris.service))
    add((distribution, DCAT.accessService, iris.service))
    add((distribution, DCAT.mediaType, PARQUET_MEDIA_TYPE))
    add((distribution, DCTERMS.conformsTo, PARQUET_SPEC))
    add((distribution, DCTERMS.conformsTo, DELTA_SPEC))
    add((distribution, DCAT.byteSize, _size(sum(f.size for f in facts.files))))
    add_checksum(graph, distribution, file_set_sha256(facts.files), MANIFEST_NOTE)
    for item in facts.files:
        part = URIRef(f"{distribution}/{Path(item.path).name}")
        url = file_iri(item.path)
        add((distribution, DCAT.downloadURL, url))
        add((distribution, DCTERMS.hasPart, part))
        add((part, DCAT.downloadURL, url))
        add((part, DCAT.byteSize, _size(item.size)))
        add_checksum(graph, part, item.sha256)


def _croissant_distribution(graph: Graph, dataset: URIRef, facts: DatasetFacts,
                            iris: NodeIris, croissant: DocumentFile) -> None:
    distribution = iris.croissant(facts.name)
    url = file_iri(str(croissant.path))
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(
        f"Croissant description of {facts.node}.{facts.name} for ML loaders")))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCAT.mediaType, JSONLD_MEDIA_TYPE))
    graph.add((distribution, DCTERMS.conformsTo, CROISSANT_SPEC))
    graph.add((distribution, DCAT.byteSize, _size(croissant.size)))
    add_checksum(graph, distribution, croissant.sha256)


def _columns(graph: Graph, dataset: URIRef, facts: DatasetFacts, iris: NodeIris) -> None:
    table = URIRef(f"{dataset}/schema")
    graph.add((dataset, CSVW.tableSchema, table))
    graph.add((table, RDF.type, CSVW.Schema))
    for position, column in enumerate(facts.columns):
        node = iris.column(facts.name, column.name)
        graph.add((table, CSVW.column, node))
        graph.add((node, RDF.type, CSVW.Column))
        graph.add((node, CSVW.name, Literal(column.name)))
        graph.add((node, DCTERMS.description, Literal(column.description)))
        graph.add((node, CSVW.datatype, xsd_type(column.type)))
        graph.add((node, FEDCAT.arrowType, Literal(str(column.type))))
        graph.add((node, SDO.position, Literal(position)))
        if column.unit:
            graph.add((node, QUDT.hasUnit, URIRef(column.unit)))
        if column.term:
            graph.add((node, DCTERMS.conformsTo, URIRef(column.term.vocabulary)))
            graph.add((node, RDFS.comment, Literal(column.term.label)))
            if column.term.value_url:
                graph.add((node, CSVW.valueUrl, Literal(column.term.value_url)))
        for value in facts.coverage.codes.get(column.name, []):
            graph.add((node, FEDCAT.codeValue, Literal(value)))
            if column.term and (iri := value_iri(column.term, column.name, value)):
                graph.add((dataset, DCTERMS.references, URIRef(iri)))


def add_checksum(graph: Graph, subject: URIRef, sha256: str, note: str | None = None) -> None:
    """State ``subject``'s sha256 (an ``spdx:Checksum`` named ``<subject>#sha256``)."""
    checksum = URIRef(f"{subject}#sha256")
    graph.add((subject, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    if note:
        graph.add((checksum, RDFS.comment, Literal(note)))


def file_set_sha256(files: list[FileFacts]) -> str:
    """sha256 of a file set's manifest (``<sha256>  <name>`` lines sorted by name)."""
    lines = sorted(f"{item.sha256}  {Path(item.path).name}\n" for item in files)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def xsd_type(kind: pa.DataType) -> URIRef:
    """The XSD datatype (CSVW ``json`` for nested types) of an Arrow type."""
    if pa.types.is_boolean(kind):
        return XSD.boolean
    if pa.types.is_integer(kind):
        return XSD.long if pa.types.is_signed_integer(kind) else XSD.unsignedLong
    if pa.types.is_floating(kind):
        return XSD.float if kind == pa.float32() else XSD.double
    if pa.types.is_decimal(kind):
        return XSD.decimal
    if pa.types.is_timestamp(kind):
        return XSD.dateTime
    if pa.types.is_date(kind):
        return XSD.date
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        return XSD.base64Binary
    if pa.types.is_nested(kind):
        return CSVW.JSON
    return XSD.string


def _time(moment: datetime) -> Literal:
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def _size(size: int) -> Literal:
    return Literal(size, datatype=XSD.nonNegativeInteger)
