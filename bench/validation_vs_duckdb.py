"""Validating 10 million waveform rows with their default suite: fedcat's SQL validator ÷ a
hand-written DuckDB query computing the same checks (the floor), ÷ GX's pandas path (load the
version into pandas, validate with GX) and, optionally, ÷ GX's SQL path over duckdb-engine.
Each run is a fresh process (alternated, median of the repeats) that reports its own wall and
CPU time after imports (CPU time is steadier on a shared machine) and its peak RSS.

    .venv/bin/python -m bench.validation_vs_duckdb [--rows 10000000] [--repeats 3] [--gx-sql]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import time
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa

from bench.common import OUT, PYTHON, median

NODE = OUT / "validation-node"
BATCH_ROWS = 1_000_000
BAD_ROWS = 1_000
"""Rows given an impossible station latitude (95°) and magnitude (12), spread over the data."""

FLOOR = """
SELECT count(*),
  count(*) FILTER (WHERE source_file IS NULL), count(*) FILTER (WHERE trace_index IS NULL),
  count(*) FILTER (WHERE NOT sampling_rate > 0),
  count(*) FILTER (WHERE abs((epoch_us(endtime) - epoch_us(starttime)) / 1e6 * sampling_rate
                             + 1 - npts) > 1),
  count(*) FILTER (WHERE (endtime >= starttime) IS NOT TRUE
                   AND NOT (endtime IS NULL AND starttime IS NULL)),
  count(*) FILTER (WHERE format NOT IN ('KNET', 'WIN', 'WIN32', 'MSEED', 'SAC')),
  count(*) FILTER (WHERE NOT regexp_matches(network, '^[A-Z0-9]{0,2}$')),
  count(*) FILTER (WHERE NOT regexp_matches(station, '^[A-Z0-9]{0,6}$')),
  count(*) FILTER (WHERE CASE WHEN format IN ('MSEED', 'SAC') THEN NOT (
      regexp_full_match(network, '[A-Z0-9]{0,2}') AND regexp_full_match(station, '[A-Z0-9]{1,5}')
      AND regexp_full_match(location, '[A-Z0-9]{0,2}|--')
      AND regexp_full_match(channel, '[A-Z0-9]{3}')) ELSE FALSE END),
  count(*) FILTER (WHERE NOT station_latitude BETWEEN -90 AND 90),
  count(*) FILTER (WHERE NOT station_longitude BETWEEN -180 AND 180),
  count(*) FILTER (WHERE NOT event_latitude BETWEEN -90 AND 90),
  count(*) FILTER (WHERE NOT event_longitude BETWEEN -180 AND 180),
  count(*) FILTER (WHERE NOT event_depth_km >= -10),
  count(*) FILTER (WHERE NOT event_magnitude BETWEEN -2 AND 10),
  count(*) FILTER (WHERE NOT pga_gal >= 0),
  count(*) FILTER (WHERE sensor_position NOT IN ('borehole', 'surface')),
  count(*) FILTER (WHERE NOT station_elevation_m BETWEEN -12000 AND 9000),
  count(*) FILTER (WHERE NOT calib > 0),
  (SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {data}
   GROUP BY source_file, trace_index HAVING count(*) > 1))
FROM {data}
"""

SKIPPED = {"unexpected_rows_expectation", "expect_column_values_to_be_of_type"}
"""Left out of GX's runs: custom SQL has no pandas form; type names differ per backend."""

CHILD = {
    "fedcat": """
from adapters.seismic.schemas import WAVEFORMS
from catalog.parse_worker import stored_schema
from validation.runner import run_suite
from validation.suite import build_suite

def measure(files, schema):
    run = run_suite(build_suite("waveforms", stored_schema(WAVEFORMS), "seismic"), files, schema)
    return run.result.statistics["unsuccessful_expectations"]
""",
    "floor": """
import duckdb
from bench.validation_vs_duckdb import FLOOR

def measure(files, schema):
    sql = FLOOR.replace("{data}", f"read_parquet({files!r})")
    return sum(1 for value in duckdb.sql(sql).fetchall()[0][1:] if value)
""",
    "gx-pandas": """
import great_expectations as gx
from bench.validation_vs_duckdb import SKIPPED
import pyarrow.parquet as pq
from adapters.seismic.schemas import WAVEFORMS
from catalog.parse_worker import stored_schema
from validation.suite import build_suite

def measure(files, schema):
    suite = build_suite("waveforms", stored_schema(WAVEFORMS), "seismic")
    frame = pq.read_table(files, schema=schema).to_pandas()
    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("node").add_dataframe_asset("waveforms")
             .add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={"dataframe": frame}))
    expectations = [entry.expectation for entry in suite.entries  # custom SQL: no pandas
                    if entry.config.type not in SKIPPED]
    result = batch.validate(gx.ExpectationSuite(name="waveforms", expectations=expectations))
    return result.statistics["unsuccessful_expectations"]
""",
    "gx-sql": """
import great_expectations as gx
from great_expectations.execution_engine.sqlalchemy_execution_engine import (
    SqlAlchemyExecutionEngine)
from adapters.seismic.schemas import WAVEFORMS
from catalog.parse_worker import stored_schema
from validation.suite import build_suite

def buffered(self, query):  # fetch before the connection closes (see validation/__init__.py)
    with self.get_connection() as connection:
        return connection.execute(query).freeze()()

SqlAlchemyExecutionEngine.execute_query = buffered

def measure(files, schema):
    suite = build_suite("waveforms", stored_schema(WAVEFORMS), "seismic")
    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_sql("duck", connection_string="duckdb:///:memory:")
    asset = source.add_query_asset("waveforms", query=f"SELECT * FROM read_parquet({files!r})")
    batch = asset.add_batch_definition_whole_table("all").get_batch()
    expectations = [entry.expectation for entry in suite.entries
                    if entry.config.type != "expect_column_values_to_be_of_type"]
    result = batch.validate(gx.ExpectationSuite(name="waveforms", expectations=expectations))
    return result.statistics["unsuccessful_expectations"]
""",
}

RUN_CHILD = """
import json, resource, sys, time
from catalog.store import NodeStore
{code}
_, files, schema = NodeStore.open(sys.argv[1]).version_files("waveforms")
start, cpu = time.perf_counter(), time.process_time()
failed = measure(files, schema)
print(json.dumps({{"seconds": time.perf_counter() - start, "failed": failed,
                  "cpu_seconds": time.process_time() - cpu,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def build_node(rows: int) -> None:
    """A node whose ``waveforms`` holds ``rows`` synthetic traces (``BAD_ROWS`` of them bad)."""
    from adapters.seismic.schemas import WAVEFORMS
    from catalog.parse_worker import stored_schema
    from catalog.store import NodeStore

    shutil.rmtree(NODE, ignore_errors=True)
    store = NodeStore.init(NODE, "bench")
    schema = stored_schema(WAVEFORMS)
    generator = np.random.default_rng(11)
    stations = np.array([f"ST{index:04d}" for index in range(1000)])
    bad = set(np.linspace(0, rows - 1, BAD_ROWS).astype(np.int64).tolist())

    def batches():
        for start in range(0, rows, BATCH_ROWS):
            size = min(BATCH_ROWS, rows - start)
            yield _batch(schema, generator, stations, start, size, bad)

    store.commit("waveforms", pa.RecordBatchReader.from_batches(schema, batches()), [])


def _batch(schema: pa.Schema, generator: np.random.Generator, stations: np.ndarray, start: int,
           size: int, bad: set[int]) -> pa.RecordBatch:
    """One batch of plausible traces, 3 per source file."""
    epoch = datetime(2000, 1, 1, tzinfo=UTC).timestamp()
    rate = generator.choice([100.0, 200.0], size)
    npts = generator.integers(6000, 30000, size)
    begin = ((epoch + generator.uniform(0, 7e8, size)) * 1e6).astype(np.int64)
    end = begin + ((npts - 1) / rate * 1e6).astype(np.int64)
    index = np.arange(start, start + size)
    latitude = generator.uniform(24, 46, size)
    magnitude = generator.uniform(2, 8, size)
    hits = np.array(sorted(i - start for i in bad if start <= i < start + size), dtype=np.int64)
    latitude[hits], magnitude[hits] = 95.0, 12.0
    columns = {
        "trace_index": pa.array(index % 3, pa.int32()),
        "network": text(np.full(size, "BO")),
        "station": text(stations[generator.integers(0, 1000, size)]),
        "location": text(np.full(size, "")),
        "channel": text(np.array(["EW", "NS", "UD"])[index % 3]),
        "format": text(np.full(size, "KNET")),
        "starttime": pa.array(begin, pa.timestamp("us", tz="UTC")),
        "endtime": pa.array(end, pa.timestamp("us", tz="UTC")),
        "sampling_rate": pa.array(rate),
        "npts": pa.array(npts),
        "unit": text(np.full(size, "gal")),
        "calib": pa.array(generator.uniform(1e-4, 1e-2, size)),
        "pga_gal": pa.array(generator.gamma(1.5, 20.0, size)),
        "header_max_acc_gal": pa.array(generator.gamma(1.5, 20.0, size)),
        "sensor_position": text(np.full(size, "surface")),
        "station_latitude": pa.array(latitude),
        "station_longitude": pa.array(generator.uniform(122, 146, size)),
        "station_elevation_m": pa.array(generator.uniform(0, 2000, size)),
        "event_origin_time": pa.array(begin - 30_000_000, pa.timestamp("us", tz="UTC")),
        "event_latitude": pa.array(generator.uniform(24, 46, size)),
        "event_longitude": pa.array(generator.uniform(122, 146, size)),
        "event_depth_km": pa.array(generator.uniform(0, 600, size)),
        "event_magnitude": pa.array(magnitude),
        "source_file": text(np.char.add("knet/file-", (index // 3).astype(str))),
    }
    return pa.record_batch([columns[name] for name in schema.names], schema=schema)


def text(values: np.ndarray) -> pa.Array:
    """A string array from numpy strings (pyarrow chunks some conversions: combine them)."""
    array = pa.array(values, pa.string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def run_child(name: str) -> dict:
    """One measurement in a fresh process."""
    code = RUN_CHILD.format(code=CHILD[name])
    output = subprocess.run([PYTHON, "-c", code, str(NODE)], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output[output.rindex('{"seconds"'):])  # after any progress bar


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--gx-sql", action="store_true", help="also time GX's SQL path (slow)")
    parser.add_argument("--keep", action="store_true", help="reuse the node of a previous run")
    args = parser.parse_args()
    if not (args.keep and NODE.is_dir()):
        started = time.perf_counter()
        build_node(args.rows)
        print(f"built {args.rows:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
    names = ["fedcat", "floor", "gx-pandas", *(["gx-sql"] if args.gx_sql else [])]
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for _ in range(args.repeats):
        for name in names:
            runs[name].append(run_child(name))
            print(name, runs[name][-1], flush=True)
    seconds = {name: median([run["seconds"] for run in runs[name]]) for name in names}
    cpu = {name: median([run["cpu_seconds"] for run in runs[name]]) for name in names}
    rss = {name: max(run["peak_rss_mb"] for run in runs[name]) for name in names}
    for name in names:
        print(f"{name:10} median {seconds[name]:8.2f} s wall {cpu[name]:8.2f} s CPU   "
              f"peak RSS {rss[name]:8.0f} MB   failed expectations {runs[name][0]['failed']}")
    print(f"fedcat ÷ floor: {seconds['fedcat'] / seconds['floor']:.2f} wall, "
          f"{cpu['fedcat'] / cpu['floor']:.2f} CPU (target <= 2)")
    print(f"gx-pandas ÷ fedcat: {seconds['gx-pandas'] / seconds['fedcat']:.1f}x wall, "
          f"{cpu['gx-pandas'] / cpu['fedcat']:.1f}x CPU (target >= 3)")
    print(f"fedcat RSS ÷ gx-pandas RSS: {rss['fedcat'] / rss['gx-pandas']:.2f} (target <= 0.33)")
    if args.gx_sql:
        print(f"gx-sql ÷ fedcat: {seconds['gx-sql'] / seconds['fedcat']:.1f}x")


if __name__ == "__main__":
    main()
