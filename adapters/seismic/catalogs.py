"""Earthquake catalogues (QuakeML, NIED F-net MT, JMA hypocentres) to ``events`` rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import obspy
import pyarrow as pa
from obspy.core.event import Event

from adapters.seismic.detect import FNETMT, JMA, QUAKEML
from adapters.seismic.jma import read_jma_hypocenters
from adapters.seismic.records import reading, row_batches, to_utc
from adapters.seismic.schemas import EVENTS

CATALOG_NAMES = {QUAKEML: "QuakeML", FNETMT: "F-net MT"}
"""Our format name -> the ``catalog`` column, for catalogues ObsPy reads."""

_REGION_TYPES = ("region name", "Flinn-Engdahl region")


def event_batches(path: Path, fmt: str) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``events`` batches for a QuakeML, F-net MT (``FNETMT``) or ``JMA`` file."""
    if fmt == JMA:
        rows = read_jma_hypocenters(path)
    else:
        with reading(f"{fmt} (obspy.read_events)"):
            catalog = obspy.read_events(str(path), format=fmt)
        rows = (event_row(event, CATALOG_NAMES[fmt]) for event in catalog)
    yield from row_batches(EVENTS, rows)


def event_row(event: Event, catalog: str) -> dict:
    """The preferred (else first) origin and magnitude of an ObsPy event as an ``events`` row."""
    origin = event.preferred_origin() or next(iter(event.origins), None)
    magnitude = event.preferred_magnitude() or next(iter(event.magnitudes), None)
    regions = [d.text for d in event.event_descriptions if d.type in _REGION_TYPES and d.text]
    row = {
        "event_id": str(event.resource_id),
        "region": regions[0] if regions else None,
        "catalog": catalog,
    }
    if origin is not None:
        row.update(
            origin_time=to_utc(origin.time),
            latitude=origin.latitude,
            longitude=origin.longitude,
            depth_km=None if origin.depth is None else origin.depth / 1000.0,
        )
        row["region"] = row["region"] or origin.region
    if magnitude is not None:
        row.update(magnitude=magnitude.mag, magnitude_type=magnitude.magnitude_type)
    return row
