"""Metadata rebuild of a node with 10,000 datasets, and a SPARQL keyword lookup over its graph
(Oxigraph snapshot, as `fedcat sparql` runs it; and the same triples in rdflib's in-memory
store) ÷ the same lookup in a plain DuckDB table.

    .venv/bin/python -m bench.metadata_graph [--datasets 10000] [--repeats 21]
"""

from __future__ import annotations

import argparse
import shutil
import time
from datetime import UTC, datetime, timedelta

import duckdb
import numpy as np
import pyarrow as pa
import pyoxigraph as ox

from bench.common import OUT, median
from catalog.bookkeeping import RunSummary
from catalog.metadata.graph_store import open_snapshot
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.refresh import refresh
from catalog.metadata.sparql import QUERY_PREFIXES, run_sparql
from catalog.store import NodeStore

FAMILIES = ["xrd_scan", "sem_image", "strong_motion", "hypocentre", "kegg_pathway",
            "tensile_test", "station_inventory", "thin_film"]
SCHEMA = pa.schema([("time", pa.timestamp("us", tz="UTC")), ("latitude", pa.float64()),
                    ("longitude", pa.float64()), ("value", pa.float64()),
                    ("station", pa.string()), ("source_file", pa.string())])
RUN_SIZE = 100
"""Datasets per recorded harvest run."""


def build_node(count: int) -> NodeStore:
    """A node with ``count`` small datasets, registered by harvest runs of 100 datasets."""
    target = OUT / "metadata-node"
    shutil.rmtree(target, ignore_errors=True)
    store = NodeStore.init(target, "bench", institution="Bench Institute")
    generator = np.random.default_rng(11)
    names = [f"{FAMILIES[i % len(FAMILIES)]}_{i:05d}" for i in range(count)]
    for start in range(0, count, RUN_SIZE):
        run_id = store.bookkeeping.start_run("bench", "1.0", f"generated://{start}")
        versions = {}
        for name in names[start:start + RUN_SIZE]:
            rows = 50
            origin = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(days=int(
                generator.integers(0, 9000)))
            table = pa.table({
                "time": [origin + timedelta(hours=h) for h in range(rows)],
                "latitude": generator.uniform(24, 46, rows),
                "longitude": generator.uniform(123, 146, rows),
                "value": generator.normal(size=rows),
                "station": [f"ST{v:03d}" for v in generator.integers(0, 300, rows)],
                "source_file": [f"generated://{name}"] * rows,
            }, schema=SCHEMA)
            versions[name] = store.commit(name, table.to_reader(), [])
        store.bookkeeping.finish_run(
            run_id, "completed", RunSummary(), versions, [], [], [],
            [{"name": n, "adapter": "bench", "access": "public",
              "description": f"Generated {n.rsplit('_', 1)[0].replace('_', ' ')} records.",
              "status": "published"} for n in versions])
    return store


def timed(action, repeats: int) -> float:
    """Median seconds of ``action()`` over ``repeats`` runs after one warm-up."""
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--rdflib-repeats", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    store = build_node(args.datasets)
    print(f"node with {args.datasets:,} datasets built in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    refresh(store)
    rebuild_s = time.perf_counter() - start
    snapshot = open_snapshot(MetadataPaths.of(store).graph)
    print(f"full metadata rebuild: {rebuild_s:.1f} s ({1000 * rebuild_s / args.datasets:.1f} ms "
          f"per dataset), {len(snapshot):,} triples")
    start = time.perf_counter()
    refresh(store, [f"{FAMILIES[0]}_00000"])
    print(f"refresh of one dataset after a harvest: {time.perf_counter() - start:.3f} s")

    keywords = run_sparql(store, "SELECT ?d ?k WHERE { ?d a dcat:Dataset ; dcat:keyword ?k }",
                          timeout=600).records
    duck = duckdb.connect()
    duck.execute("CREATE TABLE keywords (dataset VARCHAR, keyword VARCHAR)")
    duck.executemany("INSERT INTO keywords VALUES (?, ?)",
                     [(row["d"], row["k"]) for row in keywords])
    nt = snapshot.dump(format=ox.RdfFormat.N_QUADS)
    import rdflib

    start = time.perf_counter()
    memory = rdflib.Dataset(default_union=True)
    memory.parse(data=nt, format="nquads")
    rdflib_load_s = time.perf_counter() - start
    graph_dir = MetadataPaths.of(store).graph
    snapshot_path = str(graph_dir / (graph_dir / "CURRENT").read_text().strip())
    cold_open_s = timed(lambda: ox.Store.read_only(snapshot_path), 5)
    print(f"rdflib in-memory load of the same graph: {rdflib_load_s:.1f} s; opening the "
          f"Oxigraph snapshot (what a fresh `fedcat sparql` does): {cold_open_s * 1000:.1f} ms")
    print(f"{'lookup':<24}{'hits':>6}{'Oxigraph (fedcat)':>20}{'rdflib':>12}{'DuckDB':>12}"
          f"{'ox/duck':>9}{'rdflib/duck':>13}")
    for label, keyword in (("selective keyword", "00042"), ("broad keyword", "xrd")):
        sparql = f"SELECT ?d WHERE {{ ?d a dcat:Dataset ; dcat:keyword '{keyword}' }}"
        hits = len(run_sparql(store, sparql).records)
        fedcat_s = timed(lambda q=sparql: run_sparql(store, q), args.repeats)
        raw_s = timed(lambda q=sparql: list(snapshot.query(
            q, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True)), args.repeats)
        rdflib_s = timed(lambda q=sparql: list(memory.query(q, initNs=QUERY_PREFIXES)),
                         args.rdflib_repeats)
        duck_s = timed(lambda k=keyword: duck.execute(
            "SELECT dataset FROM keywords WHERE keyword = ?", [k]).fetchall(), args.repeats)
        print(f"{label:<24}{hits:>6}{fedcat_s * 1000:>14.2f} ms{rdflib_s * 1000:>9.1f} ms"
              f"{duck_s * 1000:>9.2f} ms{fedcat_s / duck_s:>9.1f}{rdflib_s / duck_s:>13.0f}")
        print(f"{'':<24}{'':>6}  (Oxigraph query alone, no snapshot open/thread: "
              f"{raw_s * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
