"""Keep a node's metadata current: describe the datasets, write their Croissant documents,
replace their graphs (and those of the harvest runs that made them), publish a graph snapshot
and update the search index — for some datasets after a harvest, or for all on demand."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from catalog.metadata.checksums import ChecksumCache
from catalog.metadata.coverage import CoverageReader
from catalog.metadata.croissant import CROISSANT_FILE, croissant_bytes, croissant_document
from catalog.metadata.dcat import DocumentFile, dataset_graph, node_graph
from catalog.metadata.describe import DatasetFacts, describe_dataset, runs_by_version
from catalog.metadata.graph_store import GraphWriter
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.provenance import committed_runs, run_graph
from catalog.metadata.search_index import SearchIndex, SearchRecord
from catalog.metadata.vocab import NodeIris
from catalog.store import NodeStore


def node_iris(store: NodeStore) -> NodeIris:
    """The IRIs of ``store``'s resources (under ``base_iri`` when the node configures one)."""
    return NodeIris(store.name, getattr(store.config, "base_iri", None))


def refresh(store: NodeStore, datasets: list[str] | None = None) -> dict[str, list[str]]:
    """Rebuild the metadata of ``datasets`` (all datasets, from scratch, when None) and return
    the warnings of each dataset described."""
    paths = MetadataPaths.of(store)
    iris = node_iris(store)
    present = store.dataset_names()
    everything = datasets is None
    wanted = present if everything else sorted(set(datasets) & set(present))
    with paths.lock():
        checksums, coverage = ChecksumCache(paths.checksums), CoverageReader()
        runs = runs_by_version(store)
        described: list[DatasetFacts] = []
        with GraphWriter(paths.graph) as writer:
            if everything:
                writer.clear()
            for name in wanted:
                facts = describe_dataset(store, name, checksums, coverage, runs)
                croissant = _write_croissant(store, facts, iris)
                writer.replace(iris.dataset_graph(name), dataset_graph(facts, iris, croissant))
                described.append(facts)
            gone = sorted(set(datasets or ()) - set(present))
            writer.drop(str(iris.dataset_graph(name)) for name in gone)
            for run in committed_runs(store):  # a finished run's graph never changes
                if everything or not writer.has(iris.run(run["id"])):
                    writer.replace(iris.run(run["id"]), run_graph(store, iris, run))
            writer.replace(iris.node_graph, node_graph(store, iris))
            writer.publish()
        if everything:
            checksums.forget_missing()
        checksums.close()
        coverage.close()
        SearchIndex(paths.search, create=True).replace(
            [SearchRecord.of(facts) for facts in described],
            [f"{store.name}.{name}" for name in gone], everything=everything)
        return _save_warnings(paths.warnings, {f.name: f.warnings for f in described},
                              present, everything)


def _write_croissant(store: NodeStore, facts: DatasetFacts, iris: NodeIris) -> DocumentFile:
    """Write the dataset's Croissant document next to its Parquet files (atomically)."""
    table_dir = store.table_dir(facts.name)
    publisher = store.config.institution or store.name
    content = croissant_bytes(croissant_document(facts, iris, table_dir, publisher))
    target = table_dir / CROISSANT_FILE
    partial = target.with_name(CROISSANT_FILE + ".tmp")
    partial.write_bytes(content)
    partial.replace(target)
    return DocumentFile(target, len(content), hashlib.sha256(content).hexdigest())


def _save_warnings(path: Path, new: dict[str, list[str]], present: list[str],
                   everything: bool) -> dict[str, list[str]]:
    """Merge ``new`` into the stored warnings (replace them all when ``everything``)."""
    stored = {} if everything or not path.exists() else json.loads(path.read_text())
    kept = set(present)
    merged = {name: warnings for name, warnings in {**stored, **new}.items() if name in kept}
    path.write_text(json.dumps(merged, indent=1, ensure_ascii=False))
    return new
