"""Harvest throughput: `fedcat harvest` ÷ ObsPy `read()` alone over the same files, and an
unchanged re-harvest ÷ the first harvest; peak RSS of the harvest's processes.

The input (default 200 MB) is generated from real records ObsPy ships: K-NET files are copies
of ObsPy's real K-NET record under new station codes; miniSEED files tile the samples of
ObsPy's real miniSEED records into longer Steim-2 traces under new station codes.

    .venv/bin/python -m bench.harvest_throughput [--mb 200] [--workers 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import obspy

from bench.common import OUT, PYTHON, median

OBSPY_IO = Path(obspy.__file__).parent / "io"
KNET_RECORD = OBSPY_IO / "nied/tests/data/test.knet"
MSEED_RECORDS = [OBSPY_IO / "mseed/tests/data/BW.BGLD.__.EHE.D.2008.001.first_10_records",
                 OBSPY_IO / "mseed/tests/data/test.mseed"]
MSEED_FILE_SAMPLES = 2_000_000

HARVEST = """
import json, resource, sys, time
from catalog.harvest import harvest
from catalog.store import NodeStore

if __name__ == "__main__":
    store = NodeStore.open(sys.argv[1])
    start = time.perf_counter()
    report = harvest(store, "seismic", sys.argv[2], workers=int(sys.argv[3]))
    print(json.dumps({
        "seconds": time.perf_counter() - start,
        "files": report.summary.files_seen, "failed": report.summary.files_failed,
        "rows": report.summary.rows_written,
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))
"""
OBSPY_READ = """
import sys, time
from pathlib import Path
import obspy

if __name__ == "__main__":
    start = time.perf_counter()
    for path in sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file()):
        obspy.read(str(path))
    print(time.perf_counter() - start)
"""


def generate(target: Path, megabytes: int) -> int:
    """Write about ``megabytes`` of K-NET and miniSEED files (half each); return bytes."""
    marker = target.with_suffix(".json")
    if marker.exists() and json.loads(marker.read_text())["mb"] == megabytes:
        return json.loads(marker.read_text())["bytes"]
    shutil.rmtree(target, ignore_errors=True)
    (target / "knet").mkdir(parents=True)
    (target / "mseed").mkdir()
    half = megabytes * 1024 * 1024 // 2
    knet = KNET_RECORD.read_text()
    written, index = 0, 0
    while written < half:
        station = f"B{index:05d}"
        path = target / "knet" / f"{station}9608110312.EW"
        written += path.write_text(knet.replace("AKT013", station[:6]))
        index += 1
    samples = np.concatenate([obspy.read(str(p))[0].data.astype(np.int32) for p in MSEED_RECORDS])
    tiled = np.resize(samples, MSEED_FILE_SAMPLES)
    index, mseed_bytes = 0, 0
    while mseed_bytes < half:
        trace = obspy.Trace(tiled.copy(), header={
            "network": "XX", "station": f"S{index:04d}", "channel": "HHZ",
            "sampling_rate": 100.0, "starttime": obspy.UTCDateTime(2011, 3, 11, 5, 46)})
        path = target / "mseed" / f"XX.S{index:04d}..HHZ.mseed"
        trace.write(str(path), format="MSEED", encoding="STEIM2", reclen=4096)
        mseed_bytes += path.stat().st_size
        index += 1
    total = written + mseed_bytes
    marker.write_text(json.dumps({"mb": megabytes, "bytes": total}))
    return total


def run_harvest(source: Path, workers: int, fresh: bool) -> dict:
    """One harvest in a fresh process; a new node first when ``fresh``."""
    node = OUT / "harvest-node"
    if fresh:
        shutil.rmtree(node, ignore_errors=True)
        subprocess.run([str(Path(PYTHON).with_name("fedcat")), "init", str(node), "--name",
                        "bench"], check=True, stdout=subprocess.DEVNULL)
    result = subprocess.run([PYTHON, "-c", HARVEST, str(node), str(source), str(workers)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    source = OUT / "harvest-source"
    size = generate(source, args.mb)
    files = sum(1 for p in source.rglob("*") if p.is_file())
    print(f"input: {size / 1e6:.0f} MB in {files} files (K-NET + miniSEED from ObsPy's records)")
    obspy_read = [PYTHON, "-c", OBSPY_READ, str(source)]
    firsts, rereads, obspy_times, reharvests = [], [], [], []
    for _ in range(args.repeats):
        obspy_times.append(float(subprocess.run(obspy_read, check=True, capture_output=True,
                                                text=True).stdout))
        first = run_harvest(source, args.workers, fresh=True)
        firsts.append(first)
        again = run_harvest(source, args.workers, fresh=False)
        reharvests.append(again["seconds"])
        rereads.append(first["seconds"])
    first_s, obspy_s, again_s = median(rereads), median(obspy_times), median(reharvests)
    print(f"files failed: {firsts[-1]['failed']}; rows written: {firsts[-1]['rows']}")
    print(f"obspy read() alone   median {obspy_s:.2f} s (one process)")
    print(f"fedcat harvest       median {first_s:.2f} s ({args.workers} workers)")
    print(f"ratio harvest/obspy: {first_s / obspy_s:.2f} (target <= 1.3)")
    print(f"re-harvest unchanged median {again_s:.3f} s; ratio {again_s / first_s:.3f} "
          "(target <= 0.05)")
    print(f"peak RSS: main {max(f['rss_main_mb'] for f in firsts):.0f} MB, largest worker "
          f"{max(f['rss_worker_mb'] for f in firsts):.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()
