"""A tiny adapter of a toy text format, to test the pipeline without any real format's cost.

A toy file starts with the line ``#toy`` and holds ``station,value`` lines; a line ``!boom``
makes the parser fail mid-file (after yielding a first batch), as a real parser might, and
``!sleep N`` makes it pause (to interrupt a harvest mid-way).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyarrow as pa

from adapters.base import Adapter, DatasetSpec, ParseError, SourceContext

READINGS = DatasetSpec(
    name="readings",
    schema=pa.schema([("line", pa.int32()), ("station", pa.string()), ("value", pa.float64())]),
    description="Toy readings.",
)
SUMMARY = DatasetSpec(
    name="summary",
    schema=pa.schema([("count", pa.int64())]),
    access="sensitive",
)


class ToyAdapter(Adapter):
    """Reads ``#toy`` files."""

    name = "toy"
    version = "1.0"
    datasets = {spec.name: spec for spec in (READINGS, SUMMARY)}

    def detect(self, head: bytes, filename: str) -> str | None:
        return "TOY" if head.startswith(b"#toy") else None

    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        rows = []
        for number, line in enumerate(source.path.read_text().splitlines()[1:], start=2):
            if line.startswith("!sleep"):
                time.sleep(float(line.split()[1]))
                continue
            if line == "!boom":
                yield "readings", pa.RecordBatch.from_pylist(rows, schema=READINGS.schema)
                raise ParseError("boom", location=f"line {number}")
            station, value = line.split(",")
            rows.append({"line": number, "station": station, "value": float(value)})
        yield "readings", pa.RecordBatch.from_pylist(rows, schema=READINGS.schema)
        yield "summary", pa.RecordBatch.from_pylist([{"count": len(rows)}], schema=SUMMARY.schema)


class ToyAdapterV2(ToyAdapter):
    """The toy adapter, one version later."""

    version = "2.0"


def write_toy(path, rows: list[tuple[str, float]], extra: str = "") -> None:
    """Write a toy file with ``rows`` (and an optional raw extra line)."""
    lines = ["#toy"] + [f"{station},{value}" for station, value in rows]
    if extra:
        lines.append(extra)
    path.write_text("\n".join(lines) + "\n")
