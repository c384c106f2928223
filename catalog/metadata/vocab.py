"""Namespaces and the IRIs of a node's resources (catalog, datasets, versions, runs...)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

DCAT = Namespace("http://www.w3.org/ns/dcat#")
"""DCAT 3 (rdflib's own DCAT namespace is DCAT 2 and lacks the version terms)."""
CSVW = Namespace("http://www.w3.org/ns/csvw#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SDO = Namespace("https://schema.org/")
MAIML = Namespace("http://www.maiml.org/schemas#")
FEDCAT = Namespace("urn:fedcat:vocab#")
DATA_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
ACCESS_RIGHT = Namespace("http://publications.europa.eu/resource/authority/access-right/")
MEDIA_TYPE = Namespace("https://www.iana.org/assignments/media-types/")

PARQUET_MEDIA_TYPE = MEDIA_TYPE["application/vnd.apache.parquet"]
JSONLD_MEDIA_TYPE = MEDIA_TYPE["application/ld+json"]
PARQUET_SPEC = URIRef("https://parquet.apache.org/docs/file-format/")
DELTA_SPEC = URIRef("https://github.com/delta-io/delta/blob/master/PROTOCOL.md")
CROISSANT_SPEC = URIRef("http://mlcommons.org/croissant/1.1")

PREFIXES: dict[str, Namespace] = {
    "dcat": DCAT, "dct": DCTERMS, "dcterms": DCTERMS, "prov": PROV, "foaf": FOAF, "rdf": RDF,
    "rdfs": RDFS, "skos": SKOS, "xsd": XSD, "csvw": CSVW, "spdx": SPDX, "qudt": QUDT,
    "unit": UNIT, "geo": GEO, "schema": SDO, "maiml": MAIML, "fedcat": FEDCAT,
}
"""Prefixes bound in exported graphs and predeclared for SPARQL queries."""


class NodeIris:
    """The IRIs of one node's resources, all under the node's base IRI."""

    def __init__(self, node: str, base: str | None = None) -> None:
        self.base = base or f"urn:fedcat:{node}:"
        self.catalog = self._iri("catalog")
        self.service = self._iri("service")
        self.publisher = self._iri("publisher")
        self.node_graph = self._iri("graph/node")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def dataset(self, name: str) -> URIRef:
        """The dataset (all its versions)."""
        return self._iri(f"dataset/{quote(name)}")

    def version(self, name: str, version: int) -> URIRef:
        """One version of a dataset."""
        return URIRef(f"{self.dataset(name)}/v/{version}")

    def distribution(self, name: str, version: int) -> URIRef:
        """The Parquet file set of one version."""
        return URIRef(f"{self.dataset(name)}/v/{version}/parquet")

    def croissant(self, name: str) -> URIRef:
        """The Croissant JSON-LD document of a dataset."""
        return URIRef(f"{self.dataset(name)}/croissant")

    def column(self, name: str, column: str) -> URIRef:
        """One column of a dataset's table."""
        return URIRef(f"{self.dataset(name)}/column/{quote(column)}")

    def run(self, run_id: int) -> URIRef:
        """One harvest run (a PROV activity); also the name of its graph."""
        return self._iri(f"run/{run_id}")

    def agent(self, adapter: str, version: str) -> URIRef:
        """An adapter at one version (a PROV software agent)."""
        return self._iri(f"agent/{quote(adapter)}/{quote(version)}")

    def source(self, sha256: str) -> URIRef:
        """A source file's content, named by its sha256."""
        return self._iri(f"source/sha256/{sha256}")

    def dataset_graph(self, name: str) -> URIRef:
        """The named graph holding a dataset's description."""
        return self._iri(f"graph/dataset/{quote(name)}")

    def license_undeclared(self) -> URIRef:
        """Stands for 'no licence declared' until the node operator declares one."""
        return self._iri("license/undeclared")


def file_iri(location: str) -> URIRef:
    """An IRI for a file location: URLs as they are, local paths as ``file://`` URIs."""
    if "://" in location:
        return URIRef(location)
    return URIRef(Path(location).absolute().as_uri())
