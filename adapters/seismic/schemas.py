"""Declared datasets of the seismic adapter: waveforms, waveform_samples, stations, events."""

from __future__ import annotations

import pyarrow as pa

from adapters.base import DatasetSpec

UTC_TIME = pa.timestamp("us", tz="UTC")

SEISMIC_KEYWORDS = ("seismic", "seismology", "earthquake", "strong motion", "waveform")

WAVEFORMS = DatasetSpec(
    name="waveforms",
    title="Seismic traces",
    keywords=SEISMIC_KEYWORDS,
    column_units={"sampling_rate": "Hz", "pga_gal": "gal", "header_max_acc_gal": "gal",
                  "station_latitude": "deg", "station_longitude": "deg",
                  "station_elevation_m": "m", "event_latitude": "deg",
                  "event_longitude": "deg", "event_depth_km": "km"},
    description="One row per seismic trace: identity, timing, units and peak values.",
    schema=pa.schema(
        [
            ("trace_index", pa.int32()),
            ("network", pa.string()),
            ("station", pa.string()),
            ("location", pa.string()),
            ("channel", pa.string()),
            ("format", pa.string()),
            ("starttime", UTC_TIME),
            ("endtime", UTC_TIME),
            ("sampling_rate", pa.float64()),
            ("npts", pa.int64()),
            ("unit", pa.string()),
            ("calib", pa.float64()),
            ("pga_gal", pa.float64()),
            ("header_max_acc_gal", pa.float64()),
            ("sensor_position", pa.string()),
            ("station_latitude", pa.float64()),
            ("station_longitude", pa.float64()),
            ("station_elevation_m", pa.float64()),
            ("event_origin_time", UTC_TIME),
            ("event_latitude", pa.float64()),
            ("event_longitude", pa.float64()),
            ("event_depth_km", pa.float64()),
            ("event_magnitude", pa.float64()),
        ]
    ),
    column_descriptions={
        "trace_index": "Position of the trace within its source file (0-based).",
        "network": "FDSN network code (NIED files: the network the file came from, e.g. BO).",
        "station": "Station code.",
        "location": "SEED location code ('' when none).",
        "channel": "SEED channel code or component name as the file gives it.",
        "format": "Source format: KNET, WIN, WIN32, MSEED, SAC.",
        "starttime": "Time of the first sample, UTC.",
        "endtime": "Time of the last sample, UTC.",
        "sampling_rate": "Samples per second (Hz).",
        "npts": "Number of samples.",
        "unit": "Physical unit of the stored samples (gal, m/s, counts, ...).",
        "calib": "Factor applied to the raw counts to obtain the stored samples.",
        "pga_gal": "Peak ground acceleration in gal: max |x - mean(x)| after scaling.",
        "header_max_acc_gal": "Maximum acceleration as written in a K-NET header (gal).",
        "sensor_position": (
            "'borehole' (KiK-net components 1-3, files .EW1/.NS1/.UD1) or 'surface' "
            "(KiK-net 4-6, .EW2/.NS2/.UD2, and all K-NET); null when the file does not tell."
        ),
        "station_latitude": "Station latitude from the file header or channel table (degrees).",
        "station_longitude": "Station longitude from the file header or channel table (degrees).",
        "station_elevation_m": "Station height from the file header or channel table (m).",
        "event_origin_time": "Origin time of the event the file header names, UTC.",
        "event_latitude": "Event latitude from the file header (degrees).",
        "event_longitude": "Event longitude from the file header (degrees).",
        "event_depth_km": "Event depth from the file header (km).",
        "event_magnitude": "Event magnitude from the file header (JMA).",
    },
)

WAVEFORM_SAMPLES = DatasetSpec(
    name="waveform_samples",
    title="Seismic trace samples",
    keywords=(*SEISMIC_KEYWORDS, "time series"),
    description="The samples of each trace as float32 lists, keyed by source_file and trace_index.",
    schema=pa.schema(
        [
            ("trace_index", pa.int32()),
            ("samples", pa.list_(pa.float32())),
        ]
    ),
    column_descriptions={
        "trace_index": "Position of the trace within its source file; joins waveforms.",
        "samples": "Samples in the unit of waveforms.unit (calibration applied).",
    },
)

STATIONS = DatasetSpec(
    name="stations",
    title="Seismic stations and channels",
    keywords=("seismic", "seismology", "station", "FDSN", "instrument response"),
    column_units={"latitude": "deg", "longitude": "deg", "elevation_m": "m", "depth_m": "m",
                  "azimuth": "deg", "dip": "deg", "sampling_rate": "Hz",
                  "sensitivity_frequency": "Hz"},
    description="Station channels with coordinates and a summary of their response.",
    schema=pa.schema(
        [
            ("network", pa.string()),
            ("station", pa.string()),
            ("location", pa.string()),
            ("channel", pa.string()),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("elevation_m", pa.float64()),
            ("depth_m", pa.float64()),
            ("azimuth", pa.float64()),
            ("dip", pa.float64()),
            ("sampling_rate", pa.float64()),
            ("start_date", UTC_TIME),
            ("end_date", UTC_TIME),
            ("sensor", pa.string()),
            ("sensitivity", pa.float64()),
            ("sensitivity_frequency", pa.float64()),
            ("input_unit", pa.string()),
            ("output_unit", pa.string()),
            ("response_stages", pa.int32()),
        ]
    ),
)

EVENTS = DatasetSpec(
    name="events",
    title="Earthquake catalogue",
    keywords=("seismic", "seismology", "earthquake", "hypocentre", "magnitude", "catalogue"),
    column_units={"latitude": "deg", "longitude": "deg", "depth_km": "km"},
    description="Earthquake hypocentres and magnitudes from catalogues (QuakeML, JMA, F-net).",
    schema=pa.schema(
        [
            ("event_id", pa.string()),
            ("origin_time", UTC_TIME),
            ("latitude", pa.float64()),
            ("longitude", pa.float64()),
            ("depth_km", pa.float64()),
            ("magnitude", pa.float64()),
            ("magnitude_type", pa.string()),
            ("region", pa.string()),
            ("catalog", pa.string()),
        ]
    ),
)

SEISMIC_DATASETS = {spec.name: spec for spec in (WAVEFORMS, WAVEFORM_SAMPLES, STATIONS, EVENTS)}
