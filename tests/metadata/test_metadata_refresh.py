"""The metadata stays current: a re-harvest followed by a refresh of the datasets it committed
moves the graph, Croissant document and search index to the new version."""

from __future__ import annotations

import json
import shutil

import obspy
import pytest

from catalog.harvest import harvest
from catalog.metadata import refresh_metadata
from catalog.metadata.croissant import CROISSANT_FILE
from catalog.metadata.errors import MetadataNotBuiltError
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.search_index import SearchFilters, SearchIndex
from catalog.metadata.sparql import run_sparql
from catalog.store import NodeStore


def current_version(store: NodeStore, dataset: str) -> str:
    rows = run_sparql(store, f"SELECT ?v WHERE {{ ?d dct:identifier 'nied.{dataset}' ; "
                             "dcat:version ?v }").records
    return rows[0]["v"]


def test_reharvest_then_refresh_moves_metadata_to_the_new_version(fresh_node, tmp_path):
    assert current_version(fresh_node, "waveforms") == "0"
    extra = tmp_path / "source" / "more"
    extra.mkdir()
    shutil.copy(obspy.__path__[0] + "/io/mseed/tests/data/test.mseed", extra / "copy.mseed")
    report = harvest(fresh_node, "seismic", str(tmp_path / "source"), workers=1)
    assert report.versions == {"waveforms": 1, "waveform_samples": 1}
    refresh_metadata(fresh_node, [*report.versions, "not_a_dataset"])
    assert current_version(fresh_node, "waveforms") == "1"
    assert current_version(fresh_node, "events") == "0"
    runs = run_sparql(fresh_node, "SELECT ?run WHERE { ?run a prov:Activity }").records
    assert len(runs) == 2
    document = json.loads((fresh_node.table_dir("waveforms") / CROISSANT_FILE).read_text())
    assert document["version"] == "1.0.0"
    _, files, _ = fresh_node.version_files("waveforms")
    assert len(document["distribution"]) == len(files) + 1
    hits = SearchIndex(MetadataPaths.of(fresh_node).search).search(
        "waveforms", SearchFilters(), 10)
    assert [hit["dataset"] for hit in hits.hits].count("nied.waveforms") == 1


def test_a_node_without_metadata_says_how_to_build_it(tmp_path):
    store = NodeStore.init(tmp_path / "empty", "empty")
    with pytest.raises(MetadataNotBuiltError, match="fedcat metadata rebuild"):
        run_sparql(store, "ASK { ?s ?p ?o }")
    refresh_metadata(store)
    assert run_sparql(store, "ASK { ?c a dcat:Catalog }").records == [{"ask": True}]
