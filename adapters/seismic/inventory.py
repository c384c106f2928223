"""StationXML to ``stations`` rows: one per channel (one per station that lists none)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import obspy
import pyarrow as pa
from obspy.core.inventory import Channel, Inventory, Network, Station

from adapters.seismic.records import reading, row_batches, to_utc
from adapters.seismic.schemas import STATIONS


def station_batches(path: Path) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Read a StationXML file with ObsPy and yield ``stations`` batches."""
    with reading("StationXML (obspy.read_inventory)"):
        inventory = obspy.read_inventory(str(path), format="STATIONXML")
    yield from row_batches(STATIONS, station_rows(inventory))


def station_rows(inventory: Inventory) -> Iterator[dict]:
    """One row per channel; a station without channels gives one row with null channel."""
    for network in inventory:
        for station in network:
            if not station.channels:
                yield _station_row(network, station)
            for channel in station:
                yield _channel_row(network, station, channel)


def _station_row(network: Network, station: Station) -> dict:
    return {
        "network": network.code,
        "station": station.code,
        "latitude": station.latitude,
        "longitude": station.longitude,
        "elevation_m": station.elevation,
        "start_date": to_utc(station.start_date),
        "end_date": to_utc(station.end_date),
    }


def _channel_row(network: Network, station: Station, channel: Channel) -> dict:
    """Channel values, falling back to the station's coordinates when the channel has none."""
    row = _station_row(network, station)
    row.update(
        location=channel.location_code,
        channel=channel.code,
        depth_m=channel.depth,
        azimuth=channel.azimuth,
        dip=channel.dip,
        sampling_rate=channel.sample_rate,
        start_date=to_utc(channel.start_date),
        end_date=to_utc(channel.end_date),
        sensor=channel.sensor.description if channel.sensor else None,
    )
    for key, value in (
        ("latitude", channel.latitude),
        ("longitude", channel.longitude),
        ("elevation_m", channel.elevation),
    ):
        if value is not None:
            row[key] = value
    response = channel.response
    if response is not None:
        row["response_stages"] = len(response.response_stages)
        sensitivity = response.instrument_sensitivity
        if sensitivity is not None:
            row.update(
                sensitivity=sensitivity.value,
                sensitivity_frequency=sensitivity.frequency,
                input_unit=sensitivity.input_units,
                output_unit=sensitivity.output_units,
            )
    return row
