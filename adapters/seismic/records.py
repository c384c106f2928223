"""Helpers shared by the seismic readers: UTC times, bounded row batches, wrapped errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice

import pyarrow as pa
from obspy import UTCDateTime

from adapters.base import DatasetSpec, ParseError, batch_from_rows

ROWS_PER_BATCH = 10_000


def to_utc(time: UTCDateTime | None) -> datetime | None:
    """An ObsPy time as a timezone-aware UTC datetime (microseconds), ``None`` kept."""
    if time is None:
        return None
    return time.datetime.replace(tzinfo=UTC)


def row_batches(
    spec: DatasetSpec, rows: Iterable[dict], size: int = ROWS_PER_BATCH
) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(spec.name, batch)`` pairs of at most ``size`` rows each."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield spec.name, batch_from_rows(spec, chunk)


@contextmanager
def reading(what: str) -> Iterator[None]:
    """Turn any failure inside the block into a :class:`ParseError` located at ``what``."""
    try:
        yield
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"{type(exc).__name__}: {exc}", location=what) from exc
