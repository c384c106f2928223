"""ObsPy traces to bounded ``waveforms`` and ``waveform_samples`` record batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
from obspy import Trace

from adapters.base import batch_from_rows
from adapters.seismic.records import to_utc
from adapters.seismic.schemas import WAVEFORM_SAMPLES, WAVEFORMS

MAX_TRACES_PER_BATCH = 64
MAX_SAMPLE_BYTES_PER_BATCH = 50 * 2**20

ACCELERATION_TO_GAL = {
    "gal": 1.0,
    "cm/s/s": 1.0,
    "cm/s^2": 1.0,
    "cm/s**2": 1.0,
    "m/s/s": 100.0,
    "m/s^2": 100.0,
    "m/s**2": 100.0,
    "nm/s/s": 1e-7,
}
"""Acceleration units we compute ``pga_gal`` for, with their factor to gal."""


@dataclass(frozen=True)
class ScaledTrace:
    """A trace of raw values, the factor and unit that make them physical, and more columns.

    ``columns`` fills further ``waveforms`` columns the file knows (header values, ...).
    """

    trace: Trace
    unit: str = "counts"
    calib: float = 1.0
    columns: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.columns) - set(WAVEFORMS.schema.names)
        if unknown:
            raise ValueError(f"not waveforms columns: {sorted(unknown)}")


def waveform_batches(
    traces: Iterable[ScaledTrace],
    fmt: str,
    max_traces: int = MAX_TRACES_PER_BATCH,
    max_bytes: int = MAX_SAMPLE_BYTES_PER_BATCH,
) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``waveforms`` and ``waveform_samples`` batches, one row per trace in each.

    ``trace_index`` counts the traces in input order. A pair of batches holds at most
    ``max_traces`` traces and is closed once its samples reach ``max_bytes`` (float32).
    """
    rows: list[dict] = []
    samples: list[np.ndarray] = []
    size = 0
    for index, scaled in enumerate(traces):
        values = np.asarray(scaled.trace.data, dtype=np.float64) * scaled.calib
        rows.append(_row(index, scaled, fmt, values))
        samples.append(values.astype(np.float32))
        size += samples[-1].nbytes
        if len(rows) >= max_traces or size >= max_bytes:
            yield from _batches(rows, samples)
            rows, samples, size = [], [], 0
    if rows:
        yield from _batches(rows, samples)


def pga_gal(values: np.ndarray, unit: str) -> float | None:
    """NIED's peak ground acceleration in gal: max |x - mean(x)|; ``None`` if not acceleration."""
    factor = ACCELERATION_TO_GAL.get(unit)
    if factor is None or values.size == 0:
        return None
    return float(np.max(np.abs(values - values.mean())) * factor)


def _row(index: int, scaled: ScaledTrace, fmt: str, values: np.ndarray) -> dict:
    stats = scaled.trace.stats
    row = {
        "trace_index": index,
        "network": stats.network,
        "station": stats.station,
        "location": stats.location,
        "channel": stats.channel,
        "format": fmt,
        "starttime": to_utc(stats.starttime),
        "endtime": to_utc(stats.endtime),
        "sampling_rate": float(stats.sampling_rate),
        "npts": int(stats.npts),
        "unit": scaled.unit,
        "calib": float(scaled.calib),
        "pga_gal": pga_gal(values, scaled.unit),
    }
    row.update(scaled.columns)
    return row


def _batches(rows: list[dict], samples: list[np.ndarray]) -> Iterator[tuple[str, pa.RecordBatch]]:
    yield WAVEFORMS.name, batch_from_rows(WAVEFORMS, rows)
    offsets = np.zeros(len(samples) + 1, dtype=np.int32)
    np.cumsum([len(values) for values in samples], out=offsets[1:])
    lists = pa.ListArray.from_arrays(
        pa.array(offsets), pa.array(np.concatenate(samples)), type=pa.list_(pa.float32())
    )
    indexes = pa.array([row["trace_index"] for row in rows], type=pa.int32())
    yield WAVEFORM_SAMPLES.name, pa.RecordBatch.from_arrays(
        [indexes, lists], schema=WAVEFORM_SAMPLES.schema
    )
