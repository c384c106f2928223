"""Traces to waveforms/waveform_samples batches: bounded size, schema, scaling, PGA."""

from __future__ import annotations

import numpy as np
import pytest
from obspy import Trace, UTCDateTime

from adapters.seismic.schemas import WAVEFORM_SAMPLES, WAVEFORMS
from adapters.seismic.waveforms import ScaledTrace, pga_gal, waveform_batches


def traces(count: int, npts: int = 100) -> list[ScaledTrace]:
    out = []
    for index in range(count):
        header = {"network": "XX", "station": f"S{index}", "channel": "HHZ",
                  "sampling_rate": 50.0, "starttime": UTCDateTime(2024, 1, 1)}
        trace = Trace(np.arange(npts, dtype=np.int32) - index, header=header)
        out.append(ScaledTrace(trace, unit="m/s", calib=0.5))
    return out


def collect(batches) -> tuple[list, list]:
    waveforms, samples = [], []
    for name, batch in batches:
        target = waveforms if name == "waveforms" else samples
        spec = WAVEFORMS if name == "waveforms" else WAVEFORM_SAMPLES
        assert batch.schema.equals(spec.schema)
        target.append(batch)
    return waveforms, samples


def test_batches_hold_at_most_max_traces() -> None:
    waveforms, samples = collect(waveform_batches(traces(150), "MSEED", max_traces=64))
    assert [b.num_rows for b in waveforms] == [b.num_rows for b in samples] == [64, 64, 22]
    indexes = [i for b in waveforms for i in b.column("trace_index").to_pylist()]
    assert indexes == list(range(150))
    for waveform, sample in zip(waveforms, samples, strict=True):
        assert waveform.column("trace_index").equals(sample.column("trace_index"))


def test_batches_close_at_max_bytes() -> None:
    # 1000 float32 samples a trace = 4000 bytes: a batch closes once it reaches 10 000 bytes
    waveforms, _ = collect(waveform_batches(traces(7, npts=1000), "SAC", max_bytes=10_000))
    assert [b.num_rows for b in waveforms] == [3, 3, 1]


def test_samples_are_calibrated_float32() -> None:
    _, samples = collect(waveform_batches(traces(2), "WIN"))
    values = samples[0].column("samples").to_pylist()
    assert values[1] == pytest.approx(((np.arange(100) - 1) * 0.5).tolist())
    assert samples[0].schema.field("samples").type.value_type == "float"


def test_no_traces_no_batches() -> None:
    assert list(waveform_batches([], "MSEED")) == []


def test_pga_only_for_acceleration_units() -> None:
    values = np.array([1.0, 3.0, -2.0])  # mean 2/3: peak |x - mean| = 8/3
    assert pga_gal(values, "gal") == pytest.approx(8 / 3)
    assert pga_gal(values, "m/s/s") == pytest.approx(800 / 3)
    assert pga_gal(values, "counts") is None
    assert pga_gal(np.array([]), "gal") is None


def test_unknown_columns_are_refused() -> None:
    with pytest.raises(ValueError, match="not waveforms columns"):
        ScaledTrace(Trace(np.zeros(3)), columns={"no_such_column": 1})
