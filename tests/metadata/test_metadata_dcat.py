"""DCAT, PROV, CSVW/QUDT and domain terms of a real seismic node, checked against the data
itself (DuckDB over the Parquet files, the bookkeeping) and against the SHACL shapes."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF

from catalog.metadata.export import export_graph
from catalog.metadata.refresh import node_iris, refresh
from catalog.metadata.shapes import check_shapes
from catalog.metadata.vocab import CSVW, DCAT, FEDCAT, GEO, QUDT, SPDX, UNIT


@pytest.fixture(scope="module")
def graph(seismic_node):
    return export_graph(seismic_node)


def files_sql(store, dataset: str) -> str:
    _, files, _ = store.version_files(dataset)
    return f"read_parquet({files!r})"


def test_catalog_publisher_and_service(seismic_node, graph):
    iris = node_iris(seismic_node)
    datasets = set(graph.objects(iris.catalog, DCAT.dataset))
    assert datasets == {iris.dataset(name) for name in seismic_node.dataset_names()}
    assert (iris.catalog, RDF.type, DCAT.Catalog) in graph
    assert graph.value(iris.publisher, FOAF.name) == Literal("NIED")
    assert (iris.service, RDF.type, DCAT.DataService) in graph
    assert set(graph.objects(iris.service, DCAT.servesDataset)) == datasets
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.publisher) == iris.publisher


def test_parquet_distribution_names_every_file_with_its_checksum(seismic_node, graph):
    iris = node_iris(seismic_node)
    version, files, _ = seismic_node.version_files("waveforms")
    distribution = iris.distribution("waveforms", version)
    assert distribution in set(graph.objects(iris.dataset("waveforms"), DCAT.distribution))
    urls = {str(url) for url in graph.objects(distribution, DCAT.downloadURL)}
    assert urls == {Path(f).as_uri() for f in files}
    sizes = 0
    for part in graph.objects(distribution, DCTERMS.hasPart):
        path = Path(str(graph.value(part, DCAT.downloadURL)).removeprefix("file://"))
        checksum = graph.value(part, SPDX.checksum)
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(
            path.read_bytes()).hexdigest()
        sizes += int(graph.value(part, DCAT.byteSize))
    assert int(graph.value(distribution, DCAT.byteSize)) == sizes == seismic_node.stats(
        "waveforms")["bytes"]
    assert graph.value(graph.value(distribution, SPDX.checksum), SPDX.algorithm) == (
        SPDX.checksumAlgorithm_sha256)


def test_temporal_and_spatial_coverage_come_from_the_data(seismic_node, graph):
    dataset = node_iris(seismic_node).dataset("waveforms")
    expected = duckdb.sql(
        "SELECT least(min(starttime), min(endtime), min(event_origin_time)), "
        "greatest(max(starttime), max(endtime), max(event_origin_time)), "
        "least(min(station_longitude), min(event_longitude)), "
        "least(min(station_latitude), min(event_latitude)), "
        "greatest(max(station_longitude), max(event_longitude)), "
        f"greatest(max(station_latitude), max(event_latitude)) "
        f"FROM {files_sql(seismic_node, 'waveforms')}").fetchall()[0]
    period = graph.value(dataset, DCTERMS.temporal)
    start = datetime.fromisoformat(str(graph.value(period, DCAT.startDate)))
    end = datetime.fromisoformat(str(graph.value(period, DCAT.endDate)))
    assert (start, end) == (expected[0], expected[1])
    place = graph.value(dataset, DCTERMS.spatial)
    bounds = [float(graph.value(place, p)) for p in (FEDCAT.west, FEDCAT.south, FEDCAT.east,
                                                     FEDCAT.north)]
    assert bounds == pytest.approx(list(expected[2:]))
    assert graph.value(place, DCAT.bbox).datatype == GEO.wktLiteral


def test_harvest_run_is_a_prov_activity_that_used_the_source_files(seismic_node, graph):
    iris = node_iris(seismic_node)
    run = seismic_node.bookkeeping.runs()[0]
    activity = iris.run(run["id"])
    assert (activity, RDF.type, PROV.Activity) in graph
    agent = graph.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in graph
    assert str(graph.value(agent, URIRef("https://schema.org/softwareVersion"))) == (
        run["adapter_version"])
    used = {str(graph.value(graph.value(entity, SPDX.checksum), SPDX.checksumValue))
            for entity in graph.objects(activity, PROV.used)}
    assert used == {row["sha256"] for row in seismic_node.bookkeeping.rows(
        "SELECT sha256 FROM source_files")}
    version = iris.version("waveforms", 0)
    assert (activity, PROV.generated, version) in graph
    assert graph.value(version, PROV.wasGeneratedBy) == activity
    assert graph.value(iris.dataset("waveforms"), DCAT.hasCurrentVersion) == version


def test_columns_carry_descriptions_units_and_domain_terms(seismic_node, graph):
    iris = node_iris(seismic_node)

    def column(name: str) -> URIRef:
        node = iris.column("waveforms", name)
        assert (node, RDF.type, CSVW.Column) in graph
        return node

    assert "Station latitude" in str(graph.value(column("station_latitude"),
                                                 DCTERMS.description))
    units = {name: graph.value(column(name), QUDT.hasUnit) for name in (
        "station_latitude", "event_depth_km", "pga_gal", "sampling_rate", "station_elevation_m")}
    assert units == {"station_latitude": UNIT.DEG, "event_depth_km": UNIT.KiloM,
                     "pga_gal": UNIT.GALILEO, "sampling_rate": UNIT.HZ,
                     "station_elevation_m": UNIT.M}
    network = column("network")
    assert graph.value(network, DCTERMS.conformsTo) == URIRef("https://www.fdsn.org/networks/")
    assert {str(v) for v in graph.objects(network, FEDCAT.codeValue)} >= {"BO", "BW"}
    assert "SEED" in str(graph.value(column("channel"), URIRef(
        "http://www.w3.org/2000/01/rdf-schema#comment")))
    assert URIRef("https://www.fdsn.org/networks/detail/BO/") in set(
        graph.objects(iris.dataset("waveforms"), DCTERMS.references))


def test_node_graph_conforms_to_the_shapes(graph):
    assert check_shapes(graph) == []


def test_the_shapes_catch_a_missing_title_and_checksum(graph):
    broken = graph.__class__()
    for triple in graph:
        if triple[1] not in (DCTERMS.title, SPDX.checksum):
            broken.add(triple)
    violations = "\n".join(check_shapes(broken))
    assert "dataset/waveforms" in violations and "title" in violations
    assert "distribution with a checksum" in violations


def test_a_dataset_nobody_described_gets_valid_metadata_and_warnings(fresh_node):
    schema = pa.schema([("reading", pa.float64()), ("source_file", pa.string())])
    table = pa.table({"reading": [1.0, 2.0], "source_file": ["a", "b"]}, schema=schema)
    fresh_node.commit("bare", table.to_reader(), [])
    warnings = refresh(fresh_node, ["bare"])["bare"]
    text = "\n".join(warnings)
    assert "no description declared" in text and "no license declared" in text
    assert "1 of 2 columns have no description: reading" in text
    graph = export_graph(fresh_node, "bare")
    assert check_shapes(graph) == []
    dataset = node_iris(fresh_node).dataset("bare")
    assert "2 rows" in str(graph.value(dataset, DCTERMS.description))
    assert graph.value(dataset, DCTERMS.license) == node_iris(fresh_node).license_undeclared()
