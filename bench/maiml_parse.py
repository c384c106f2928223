"""MaiML parse throughput and streaming memory.

Throughput (MB/s, best of several runs) of ``maiml.parse`` on the real GC-MS sample and generated
documents, against the floor: ``lxml.etree.parse`` plus a walk reading every element's tag, text
and attributes. The MaiML SDK (``pymaiml.serialization.loads``) is timed too where it can read
the file. Then the peak memory of streaming (``maiml.iter_items``) a generated ~200 MB document,
measured in a fresh subprocess (``resource.getrusage`` and, where there is /proc, VmHWM, which
unlike ``ru_maxrss`` does not start from the parent's high-water mark).

    python bench/maiml_parse.py [--big-mb 200] [--no-full]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from maiml import iter_items, parse, to_bytes
from maiml.generate import electrolyte_synthesis, insitu_xrd, xrd_measurement

NIMS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "nims"


def _best(run: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` runs; what a run returns is freed after its clock stops."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        del result
    return best


def _floor(data: bytes) -> etree._Element:
    """lxml parse and a full walk: the least any reader of the tree does."""
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
    for element in root.iter():
        element.tag, element.text, element.items()  # noqa: B018
    return root


def _sdk(data: bytes) -> object:
    from pymaiml import serialization

    return serialization.loads(data)


def _row(name: str, data: bytes, repeat: int) -> dict[str, object]:
    mb = len(data) / 1e6
    row: dict[str, object] = {"file": name, "MB": round(mb, 2)}
    floor = _best(lambda: _floor(data), repeat)
    mine = _best(lambda: parse(data), repeat)
    streamed = _best(lambda: sum(1 for _ in iter_items(data)), repeat)
    row.update(
        {
            "floor MB/s": round(mb / floor),
            "maiml MB/s": round(mb / mine),
            "ratio": round(mine / floor, 2),
            "stream MB/s": round(mb / streamed),
        }
    )
    try:
        row["SDK MB/s"] = round(mb / _best(lambda: _sdk(data), repeat))
    except Exception as exc:  # noqa: BLE001 - report whatever the SDK raises
        row["SDK MB/s"] = f"fails: {type(exc).__name__}: {str(exc)[:50]}"
    return row


_MAKE_BIG = """
import sys
from maiml import write
from maiml.generate import insitu_xrd
write(insitu_xrd(int(sys.argv[1])), sys.argv[2])
"""

_PEAK = """
import json, re, resource, sys, time
from pathlib import Path
from maiml import iter_items, parse
kind, path = sys.argv[1:]
start = time.perf_counter()
if kind == "stream":
    count = sum(1 for _ in iter_items(path))
else:
    count = sum(len(r.instances) for r in parse(path).data.results)
seconds = time.perf_counter() - start
status = Path("/proc/self/status")
hwm = re.search(r"VmHWM:\\s+(\\d+)", status.read_text()) if status.exists() else None
print(json.dumps({"items": count, "seconds": round(seconds, 2),
                  "ru_maxrss_MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "VmHWM_MB": round(int(hwm.group(1)) / 1024) if hwm else None}))
"""


def _peak(kind: str, path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, kind, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    """Print the throughput table and the streaming memory figures."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument(
        "--big-mb", type=int, default=200, help="size of the generated document streamed (MB)"
    )
    options.add_argument(
        "--no-full",
        action="store_true",
        help="skip the full-parse memory figure of the big document",
    )
    options.add_argument("--repeat", type=int, default=5)
    args = options.parse_args()

    # memory first, while this process is small: a child's ru_maxrss starts at its parent's peak
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.maiml"
        subprocess.run(
            [sys.executable, "-c", _MAKE_BIG, str(args.big_mb * 1_000_000), str(big)], check=True
        )
        print(f"Generated in-situ XRD document: {big.stat().st_size / 1e6:.0f} MB")
        print("  streaming (iter_items):  ", json.dumps(_peak("stream", big)))
        if not args.no_full:
            print("  full parse (for contrast):", json.dumps(_peak("full", big)))

    inputs: list[tuple[str, bytes]] = []
    if (NIMS / "gc-ms.maiml").is_file():
        inputs.append(("gc-ms.maiml (real)", (NIMS / "gc-ms.maiml").read_bytes()))
    inputs += [
        ("xrd (generated)", to_bytes(xrd_measurement()[0])),
        ("electrolyte (generated)", to_bytes(electrolyte_synthesis())),
        ("in-situ xrd (generated)", to_bytes(insitu_xrd(30_000_000))),
    ]
    print(
        f"\nMaiML parse throughput (best of {args.repeat}; "
        "floor = lxml.etree.parse + full tree walk)"
    )
    rows = [_row(name, data, args.repeat) for name, data in inputs]
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[column]) for column in columns))
    if (NIMS / "gc-ms.maiml").is_file():
        patched = (NIMS / "gc-ms.maiml").read_bytes().replace(b'<value xsi:nil="true"/>', b"")
        mb = len(patched) / 1e6
        try:
            sdk = _best(lambda: _sdk(patched), args.repeat)
            print(
                f"SDK on gc-ms with its 4 xsi:nil values removed: "
                f"{mb / sdk:.0f} MB/s ({sdk * 1000:.0f} ms)"
            )
        except Exception as exc:  # noqa: BLE001
            print(f"SDK on patched gc-ms fails too: {exc}")


if __name__ == "__main__":
    main()
