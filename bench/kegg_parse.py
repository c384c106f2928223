"""KEGG flat-file parse throughput: fedcat's KEGG adapter against Biopython's ``Bio.KEGG``.

Input: the realistic COMPOUND and ENZYME entries of the tests (``tests/kegg/kegg_samples.py``)
replicated under new ids into one file per database (default ~12 MB each, in
``bench/out/kegg/``). Both parsers read the same file from disk, in the same process, in turn,
``--repeats`` times; each run is timed in CPU seconds of the process (``process_time``, robust
to other load on the machine) and in wall seconds. Reported: best and median of each, MB/s on
the best CPU time, and the ratio Biopython ÷ fedcat (higher is better for fedcat).

* fedcat, full table: every column of ``kegg_compounds`` / ``kegg_enzymes`` as Arrow batches.
* fedcat, Biopython's fields: the same pipeline keeping only the columns Biopython's parser
  fills (like for like).
* Biopython: ``Bio.KEGG.Compound.parse`` / ``Bio.KEGG.Enzyme.parse``, every record built.

    .venv/bin/python -m bench.kegg_parse [--mb 12] [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from adapters.kegg.kegg_batches import flat_batches
from adapters.kegg.kegg_columns import FlatTable, typed_table
from adapters.kegg.kegg_flat import FlatChunk, iter_blocks
from adapters.kegg.kegg_tables import COMPOUNDS, ENZYMES
from bench.common import OUT

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "kegg"))
import kegg_samples  # noqa: E402

BIOPYTHON_COLUMNS = {
    "compound": ["compound_id", "names", "formula", "exact_mass", "pathways", "enzymes",
                 "dblinks"],
    "enzyme": ["ec_number", "names", "classes", "sysname", "reaction", "substrates", "products",
               "cofactors", "comment", "pathways", "genes", "dblinks"],
}
"""fedcat columns holding what Biopython's parsers read (its Compound parser skips
MOL_WEIGHT, REACTION, MODULE, BRITE...; its Enzyme parser ALL_REAC, ORTHOLOGY, REFERENCE...)."""

_ENTRY = re.compile(r"^(ENTRY {7})(EC \S+|\S+)", re.MULTILINE)


def generate(text: str, make_id: Callable[[int], str], megabytes: float, path: Path) -> int:
    """Write ``text``'s records over and over under new ids until ``megabytes``; return the
    number of records."""
    records = [record + "///\n" for record in text.split("///\n") if record.strip()]
    count, size, parts = 0, 0, []
    while size < megabytes * 1e6:
        for record in records:
            parts.append(_ENTRY.sub(lambda m, n=count: m[1] + make_id(n), record, count=1))
            size += len(parts[-1])
            count += 1
    path.write_text("".join(parts))
    return count


def compound_id(n: int) -> str:
    """C00001, C00002, ..."""
    return f"C{n % 100000:05d}"


def ec_number(n: int) -> str:
    """EC 1.1.1.1, EC 1.1.1.2, ... (all four levels vary)."""
    return f"EC {n % 7 + 1}.{n // 7 % 20 + 1}.{n // 140 % 30 + 1}.{n // 4200 + 1}"


def biopython(module: object) -> Callable[[Path], int]:
    """A run of a Bio.KEGG parser over a file: every record built."""

    def run(path: Path) -> int:
        with open(path) as handle:
            return sum(1 for _ in module.parse(handle))

    return run


def fedcat_full(path: Path) -> int:
    """The adapter's flat-file pipeline: every table, every column."""
    with open(path, "rb") as handle:
        return sum(batch.num_rows for _, batch in flat_batches(handle))


def fedcat_columns(table: FlatTable, names: list[str]) -> Callable[[Path], int]:
    """The same pipeline building only the ``names`` columns of ``table``."""
    kept = typed_table(f"{table.spec.name}_bench", "", [
        column for column in table.columns if column.name in names])

    def run(path: Path) -> int:
        rows = 0
        with open(path, "rb") as handle:
            for data, _ in iter_blocks(handle):
                chunk = FlatChunk(data, 1)
                rows += kept.build(chunk.view(np.arange(chunk.n_records))).num_rows
        return rows

    return run


def measure(runs: dict[str, Callable[[Path], int]], path: Path, repeats: int) -> dict:
    """Run each parser in turn ``repeats`` times; CPU and wall seconds of every run."""
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    wall: dict[str, list[float]] = {name: [] for name in runs}
    rows: dict[str, int] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            rows[name] = run(path)
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start_wall)
    megabytes = path.stat().st_size / 1e6
    return {name: {"rows": rows[name], "cpu_best_s": min(cpu[name]),
                   "cpu_median_s": statistics.median(cpu[name]), "wall_best_s": min(wall[name]),
                   "wall_median_s": statistics.median(wall[name]),
                   "mb_per_s": megabytes / min(cpu[name])} for name in runs}


def main() -> None:
    """Generate the inputs, time the parsers, print and save the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=12.0, help="size of each input file")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    from Bio.KEGG import Compound, Enzyme

    folder = OUT / "kegg"
    folder.mkdir(parents=True, exist_ok=True)
    cases = [("compound", kegg_samples.COMPOUNDS, compound_id, Compound, COMPOUNDS),
             ("enzyme", kegg_samples.ENZYMES, ec_number, Enzyme, ENZYMES)]
    results = {}
    for name, text, make_id, module, table in cases:
        path = folder / f"{name}.txt"
        records = generate(text, make_id, args.mb, path)
        runs = {"biopython": biopython(module), "fedcat full table": fedcat_full,
                "fedcat Biopython's fields": fedcat_columns(table, BIOPYTHON_COLUMNS[name])}
        for run in runs.values():
            run(path)  # warm up: imports, first calls of Arrow kernels
        timing = measure(runs, path, args.repeats)
        assert all(entry["rows"] == records for entry in timing.values()), timing
        results[name] = {"file_mb": round(path.stat().st_size / 1e6, 2), "records": records,
                         "runs": timing}
        print(f"\n{name}: {results[name]['file_mb']} MB, {records} records, "
              f"{args.repeats} runs each")
        bio = timing["biopython"]
        for run_name, entry in timing.items():
            print(f"  {run_name:27s} cpu best {entry['cpu_best_s']:.3f} s "
                  f"(median {entry['cpu_median_s']:.3f}), wall best {entry['wall_best_s']:.3f} s"
                  f"  {entry['mb_per_s']:6.1f} MB/s  Biopython ÷ this: cpu "
                  f"{bio['cpu_best_s'] / entry['cpu_best_s']:.2f} (median "
                  f"{bio['cpu_median_s'] / entry['cpu_median_s']:.2f}), wall "
                  f"{bio['wall_best_s'] / entry['wall_best_s']:.2f}")
    (OUT / "kegg-parse.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
