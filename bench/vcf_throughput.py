"""VCF throughput of the biobank adapter against htslib (cyvcf2) alone.

Inputs are generated (real individual data can never be shipped): a ToMMo-layout allele-
frequency panel of ``--sites`` records (default 300,000) and a genotype VCF of 10,000
participants x 1,000 sites, both bgzipped, from :mod:`adapters.kegg.biobank.synthetic`.

For each file, best of ``--repeat`` runs, taken in turn:

* floor: cyvcf2 alone iterates the records and touches the fields the adapter reads
  (CHROM, POS, ID, REF, ALT, FILTERS, every INFO value as a dict; for the genotype file also
  FORMAT and the call matrix);
* arrow: the adapter's ``parse`` to Arrow record batches (as a harvest worker runs it);
* parquet: the same, with each dataset's batches written to a Parquet file.

    .venv/bin/python -m bench.vcf_throughput [--sites 300000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cyvcf2
import pyarrow.parquet as pq

from adapters.base import SourceContext
from adapters.kegg.biobank import BiobankAdapter
from adapters.kegg.biobank.pseudonyms import SECRET_ENV
from adapters.kegg.biobank.synthetic import build_cohort
from bench.common import OUT

RESULT = OUT / "vcf-throughput.json"


def floor(path: Path) -> int:
    """cyvcf2 alone: iterate and touch the fields the adapter reads; the record count."""
    records = 0
    for record in cyvcf2.VCF(str(path)):
        record.CHROM, record.POS, record.ID, record.REF, record.ALT, record.FILTERS  # noqa: B018
        dict(record.INFO)
        if "GT" in record.FORMAT:
            record.genotype.array()
        records += 1
    return records


def to_arrow(path: Path) -> int:
    """The adapter's parse to Arrow batches; the rows produced."""
    context = SourceContext(path, str(path), "vcf", lambda name: None)
    return sum(batch.num_rows for _, batch in BiobankAdapter().parse(context))


def to_parquet(path: Path, folder: Path) -> int:
    """The adapter's parse with every dataset written to Parquet; the rows written."""
    context = SourceContext(path, str(path), "vcf", lambda name: None)
    writers: dict[str, pq.ParquetWriter] = {}
    rows = 0
    try:
        for name, batch in BiobankAdapter().parse(context):
            if name not in writers:
                writers[name] = pq.ParquetWriter(folder / f"{name}.parquet", batch.schema)
            writers[name].write_batch(batch)
            rows += batch.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    return rows


def best(runs: dict[str, Callable[[], int]], repeat: int) -> dict[str, float]:
    """The shortest wall time of each run, the runs taken in turn ``repeat`` times."""
    times = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def measure(label: str, path: Path, scratch: Path, repeat: int) -> dict[str, object]:
    """One file's figures: records, rows, MB, seconds and ratios to the floor."""
    records, rows = floor(path), to_arrow(path)
    times = best({"floor": lambda: floor(path), "arrow": lambda: to_arrow(path),
                  "parquet": lambda: to_parquet(path, scratch)}, repeat)
    return {
        "file": label, "records": records, "rows": rows,
        "MB (bgzipped)": round(path.stat().st_size / 1e6, 1),
        "floor s": round(times["floor"], 3), "arrow s": round(times["arrow"], 3),
        "parquet s": round(times["parquet"], 3),
        "records/s (arrow)": round(records / times["arrow"]),
        "arrow / floor": round(times["arrow"] / times["floor"], 2),
        "parquet / floor": round(times["parquet"] / times["floor"], 2),
    }


def main() -> None:
    """Generate the inputs, print and save the table."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sites", type=int, default=300_000)
    options.add_argument("--repeat", type=int, default=5)
    args = options.parse_args()
    os.environ.setdefault(SECRET_ENV, "benchmark-only-secret-0123456789")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        panel = build_cohort(scratch / "panel", participants=20, variants=args.sites).panel
        genotypes = build_cohort(scratch / "cohort").genotypes
        results = [measure(f"AF panel, {args.sites:,} sites", panel, scratch, args.repeat),
                   measure("genotypes, 10,000 x 1,000", genotypes, scratch, args.repeat)]
    for result in results:
        print(json.dumps(result))
    OUT.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
