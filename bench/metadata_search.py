"""Search latency over 100,000 generated dataset records: fedcat's tantivy index (BM25 over
weighted fields, filters, facet counts) against BM25 written as SQL over a token table in plain
DuckDB (the alternative the design allows), same records, same words, same queries.

    .venv/bin/python -m bench.metadata_search [--records 100000] [--queries 300]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import duckdb
import numpy as np
import pyarrow as pa

from bench.common import OUT
from catalog.metadata.search_index import (
    TEXT_FIELDS,
    SearchFilters,
    SearchIndex,
    SearchRecord,
)
from catalog.metadata.search_text import words

ENGLISH = ("strong motion waveform acceleration velocity displacement seismic station network "
           "channel event hypocentre magnitude depth tohoku kanto kumamoto noto borehole "
           "surface array broadband xrd diffraction powder pattern lattice crystal thin film "
           "tensile strength fatigue creep alloy steel titanium polymer battery electrolyte "
           "cathode anode spectrum raman infrared pathway enzyme compound gene protein "
           "metabolite reaction genome variant phenotype cohort temperature pressure humidity "
           "rainfall satellite image microscopy sem tem grain boundary phase diagram").split()
JAPANESE = ["強震動", "波形", "東北地方太平洋沖地震", "熊本地震", "加速度", "観測点", "震源",
            "材料", "結晶構造", "回折", "薄膜", "引張試験", "電池", "電解質", "代謝経路", "酵素",
            "化合物", "遺伝子"]
DOMAINS = ["seismic", "nims", "kegg", "climate", "imaging"]
ACCESS = ["public", "restricted", "sensitive"]
COLUMNS = ("time latitude longitude depth_km magnitude station network channel sampling_rate "
           "npts pga_gal temperature_c pressure_pa intensity two_theta d_spacing compound_id "
           "gene_id pathway_id sample_id value unit").split()
K1, B = 1.2, 0.75


def generate(count: int, seed: int = 5) -> list[SearchRecord]:
    """``count`` dataset records with English and Japanese text, coverage and facets."""
    rng = np.random.default_rng(seed)

    def text(n: int) -> str:
        vocab = ENGLISH if rng.random() < 0.8 else ENGLISH + JAPANESE * 3
        return " ".join(rng.choice(vocab, n))

    records = []
    for index in range(count):
        columns = rng.choice(COLUMNS, int(rng.integers(4, 14)), replace=False)
        start = (datetime(1990, 1, 1, tzinfo=UTC) + timedelta(days=int(rng.integers(0, 12000)))
                 if rng.random() < 0.7 else None)
        west, south = float(rng.uniform(-180, 170)), float(rng.uniform(-90, 80))
        records.append(SearchRecord(
            id=f"node{index % 7}.dataset_{index:06d}", title=text(int(rng.integers(3, 8))),
            description=text(int(rng.integers(15, 40))),
            keywords=list(rng.choice(ENGLISH + JAPANESE, int(rng.integers(2, 6)))),
            columns=" ".join(f"{c} {text(4)}" for c in columns),
            codes=" ".join(f"ST{v:04d}" for v in rng.integers(0, 5000, int(rng.integers(0, 6)))),
            domain=str(rng.choice(DOMAINS)), access=str(rng.choice(ACCESS, p=[.6, .3, .1])),
            start=start, end=start + timedelta(days=int(rng.integers(1, 2000))) if start else None,
            bbox=(west, south, west + float(rng.uniform(0.1, 10)),
                  south + float(rng.uniform(0.1, 10))) if rng.random() < 0.6 else None))
    return records


def queries(count: int, seed: int = 9) -> list[tuple[str, SearchFilters]]:
    """Query texts of 1-4 words (a fifth Japanese), a third with a filter."""
    rng = np.random.default_rng(seed)
    made = []
    for _ in range(count):
        vocab = JAPANESE if rng.random() < 0.2 else ENGLISH
        text = " ".join(rng.choice(vocab, int(rng.integers(1, 5))))
        roll = rng.random()
        filters = (SearchFilters(domain=str(rng.choice(DOMAINS))) if roll < 0.15 else
                   SearchFilters(bbox=(125.0, 25.0, 150.0, 46.0)) if roll < 0.25 else
                   SearchFilters(start=datetime(2011, 1, 1, tzinfo=UTC),
                                 end=datetime(2012, 12, 31, tzinfo=UTC)) if roll < 0.33 else
                   SearchFilters())
        made.append((text, filters))
    return made


def duckdb_index(records: list[SearchRecord]) -> duckdb.DuckDBPyConnection:
    """BM25 tables in DuckDB: postings (doc, term, weighted tf), docs (length, facets, extent)."""
    docs, terms, tfs = [], [], []
    lengths = []
    for number, record in enumerate(records):
        counts: Counter[str] = Counter()
        fields = {"title": record.title, "description": record.description,
                  "keywords": " ".join(record.keywords), "columns": record.columns,
                  "codes": record.codes, "years": record.years}
        for name, weight in TEXT_FIELDS.items():
            for term in words(fields[name]):
                counts[term] += weight
        docs += [number] * len(counts)
        terms += list(counts)
        tfs += list(counts.values())
        lengths.append(sum(counts.values()))
    connection = duckdb.connect()
    postings = pa.table({"doc": docs, "term": terms, "tf": tfs})
    meta = pa.table({
        "doc": list(range(len(records))), "id": [r.id for r in records], "len": lengths,
        "domain": [r.domain for r in records], "access": [r.access for r in records],
        "start_s": [int(r.start.timestamp()) if r.start else None for r in records],
        "end_s": [int(r.end.timestamp()) if r.end else None for r in records],
        "west": [r.bbox[0] if r.bbox else None for r in records],
        "south": [r.bbox[1] if r.bbox else None for r in records],
        "east": [r.bbox[2] if r.bbox else None for r in records],
        "north": [r.bbox[3] if r.bbox else None for r in records]})
    connection.register("postings_arrow", postings)
    connection.register("docs_arrow", meta)
    connection.execute("CREATE TABLE postings AS SELECT * FROM postings_arrow")
    connection.execute("CREATE TABLE docs AS SELECT * FROM docs_arrow")
    connection.execute("CREATE TABLE idf AS SELECT term, ln(1 + ((SELECT count(*) FROM docs) - "
                       "count(*) + 0.5) / (count(*) + 0.5)) AS idf FROM postings GROUP BY term")
    connection.execute("CREATE INDEX postings_term ON postings(term)")
    connection.execute("CREATE TABLE stats AS SELECT avg(len) AS avgdl FROM docs")
    return connection


def duckdb_search(connection: duckdb.DuckDBPyConnection, text: str, filters: SearchFilters
                  ) -> tuple[list, list]:
    """Top 10 by BM25 and facet counts over all matches, in SQL."""
    terms = list(dict.fromkeys(words(text)))
    where, parameters = ["TRUE"], list(terms)
    if filters.domain:
        where.append("d.domain = ?")
        parameters.append(filters.domain)
    if filters.bbox:
        where.append("d.west <= ? AND d.east >= ? AND d.south <= ? AND d.north >= ?")
        west, south, east, north = filters.bbox
        parameters += [east, west, north, south]
    if filters.start:
        where.append("d.end_s >= ? AND d.start_s <= ?")
        parameters += [int(filters.start.timestamp()), int(filters.end.timestamp())]
    marks = ", ".join("?" * len(terms))
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE scored AS SELECT p.doc, sum(i.idf * p.tf * "
        f"{K1 + 1} / (p.tf + {K1} * (1 - {B} + {B} * d.len / s.avgdl))) AS score "
        f"FROM postings p JOIN idf i USING (term) JOIN docs d USING (doc), stats s "
        f"WHERE p.term IN ({marks}) AND {' AND '.join(where)} GROUP BY p.doc", parameters)
    top = connection.execute("SELECT d.id, s.score FROM scored s JOIN docs d USING (doc) "
                             "ORDER BY s.score DESC LIMIT 10").fetchall()
    facets = connection.execute(
        "SELECT 'domain', domain, count(*) FROM scored JOIN docs USING (doc) GROUP BY domain "
        "UNION ALL SELECT 'access', access, count(*) FROM scored JOIN docs USING (doc) "
        "GROUP BY access").fetchall()
    return top, facets


def latencies(search, cases) -> list[float]:
    """Seconds of each search, after 20 warm-up searches."""
    for text, filters in cases[:20]:  # warm caches
        search(text, filters)
    times = []
    for text, filters in cases:
        start = time.perf_counter()
        search(text, filters)
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return f"median {statistics.median(times) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    start = time.perf_counter()
    records = generate(args.records)
    print(f"{args.records:,} records generated in {time.perf_counter() - start:.1f} s")
    target = OUT / "search-index"
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    index = SearchIndex(target, create=True)
    index.replace(records, [])
    print(f"tantivy index built in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    connection = duckdb_index(records)
    print(f"DuckDB token tables built in {time.perf_counter() - start:.1f} s")
    cases = queries(args.queries)
    tantivy_times = latencies(lambda t, f: index.search(t, f, 10), cases)
    duck_times = latencies(lambda t, f: duckdb_search(connection, t, f), cases)
    print(f"{args.queries} queries (1-4 words, 20% Japanese, a third filtered), top 10 + facets:")
    print(f"  tantivy (fedcat search)  {summary(tantivy_times)}   target p95 < 50 ms")
    print(f"  BM25 in DuckDB SQL       {summary(duck_times)}")
    agree = 0
    for text, filters in cases[:50]:
        ours = [hit["dataset"] for hit in index.search(text, filters, 1).hits]
        theirs = [row[0] for row in duckdb_search(connection, text, filters)[0][:1]]
        agree += ours == theirs
    print(f"  same top hit in {agree} of 50 queries (tantivy's BM25 scores fields apart, the "
          "SQL one folds weighted fields into one document)")


if __name__ == "__main__":
    main()
