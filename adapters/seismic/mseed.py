"""miniSEED completeness: libmseed silently drops a record cut short at the end of a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from obspy import Trace

from adapters.base import ParseError

NOISE_RECORD = 128
"""Size of the blank (noise) records some loggers pad miniSEED files with."""


def check_complete(path: Path, traces: Sequence[Trace]) -> None:
    """Raise :class:`ParseError` unless ObsPy's records (and blank noise records) fill the file."""
    size = path.stat().st_size
    decoded = sum(t.stats.mseed.number_of_records * t.stats.mseed.record_length for t in traces)
    missing = size - decoded
    if missing and (missing % NOISE_RECORD or missing > _blank_bytes(path)):
        raise ParseError(
            f"{missing} of {size} bytes are in no record ObsPy could decode "
            "(truncated file or corrupt records)",
            location=f"miniSEED records ({decoded} bytes decoded)",
        )


def _blank_bytes(path: Path) -> int:
    """Bytes in 128-byte blocks that are blank after a 6-byte sequence number (an upper bound
    of the noise records: the zero padding inside data records counts too)."""
    data = np.fromfile(path, dtype=np.uint8)
    if data.size % NOISE_RECORD:
        return 0
    body = data.reshape(-1, NOISE_RECORD)[:, 6:]
    return int(((body == 0x20) | (body == 0)).all(axis=1).sum()) * NOISE_RECORD
