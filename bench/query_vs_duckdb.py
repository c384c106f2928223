"""`fedcat query` of a GROUP BY over 10 million waveform rows ÷ the same query in DuckDB's
Python API on the same Parquet files, both run as fresh processes, alternated; and the same pair
inside one warm process (fedcat's QueryEngine vs duckdb.sql), which leaves start-up out.

    .venv/bin/python bench/query_vs_duckdb.py [--rows 10000000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import shutil
import time

import duckdb
import numpy as np
import pyarrow as pa

from bench.common import OUT, PYTHON, alternate, fedcat_command, median
from catalog.query import QueryEngine
from catalog.store import NodeStore

SQL = ("SELECT station, count(*) AS traces, max(pga_gal) AS pga_max, avg(sampling_rate) AS sr "
       "FROM bench.waveforms GROUP BY station ORDER BY station")
SCHEMA = pa.schema([("network", pa.string()), ("station", pa.string()),
                    ("channel", pa.string()), ("sampling_rate", pa.float64()),
                    ("npts", pa.int64()), ("pga_gal", pa.float64()),
                    ("source_file", pa.string())])
BATCH_ROWS = 1_000_000


def build_node(rows: int) -> NodeStore:
    """A node with ``rows`` synthetic waveform rows (1,000 stations, 3 channels)."""
    target = OUT / "query-node"
    shutil.rmtree(target, ignore_errors=True)
    store = NodeStore.init(target, "bench")
    generator = np.random.default_rng(7)
    stations = np.array([f"ST{index:04d}" for index in range(1000)])

    def batches():
        for start in range(0, rows, BATCH_ROWS):
            size = min(BATCH_ROWS, rows - start)
            yield pa.record_batch([
                pa.array(np.full(size, "BO")),
                pa.array(stations[generator.integers(0, 1000, size)]),
                pa.array(np.array(["EW", "NS", "UD"])[generator.integers(0, 3, size)]),
                pa.array(generator.choice([100.0, 200.0], size)),
                pa.array(generator.integers(5000, 30000, size)),
                pa.array(generator.gamma(1.5, 20.0, size)),
                pa.array(np.full(size, f"synthetic-{start // BATCH_ROWS}")),
            ], schema=SCHEMA)

    store.commit("waveforms", pa.RecordBatchReader.from_batches(SCHEMA, batches()), [])
    return store


def in_process(store: NodeStore, duck_sql: str, repeats: int) -> tuple[float, float]:
    """Median seconds of the query through QueryEngine and through duckdb.sql, alternated."""
    engine_times, duck_times = [], []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        QueryEngine(store).arrow(SQL)
        engine_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        duckdb.connect().sql(duck_sql).to_arrow_table()
        duck_times.append(time.perf_counter() - start)
    return median(engine_times[1:]), median(duck_times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    store = build_node(args.rows)
    _, files, _ = store.version_files("waveforms")
    duck_sql = SQL.replace("bench.waveforms", f"read_parquet({files!r})")
    commands = {
        "fedcat query": fedcat_command("query", SQL, "--node", str(store.dir), "--format", "csv",
                                       "--output", "/dev/null"),
        "duckdb python": [PYTHON, "-c", f"import duckdb; duckdb.sql({duck_sql!r}).fetchall()"],
    }
    alternate(commands, 1)  # warm the page cache for both
    times = alternate(commands, args.repeats)
    fedcat_s, duck_s = median(times["fedcat query"]), median(times["duckdb python"])
    print(f"rows: {args.rows:,}; parquet files: {len(files)}; repeats: {args.repeats}")
    print(f"fedcat query   median {fedcat_s:.3f} s")
    print(f"duckdb python  median {duck_s:.3f} s")
    print(f"ratio fedcat/duckdb: {fedcat_s / duck_s:.2f} (target <= 1.1)")
    engine_s, duck_in_s = in_process(store, duck_sql, args.repeats)
    print(f"in one warm process: QueryEngine {engine_s:.3f} s, duckdb.sql {duck_in_s:.3f} s, "
          f"ratio {engine_s / duck_in_s:.2f}")


if __name__ == "__main__":
    main()
