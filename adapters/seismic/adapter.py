"""The seismic adapter: detection and dispatch to the format readers."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from adapters.base import Adapter, ParseError, SourceContext
from adapters.seismic.catalogs import CATALOG_NAMES, event_batches
from adapters.seismic.detect import (
    JMA,
    STATIONXML,
    WAVEFORM_FORMATS,
    WIN32_CHANNEL_TABLE,
    detect_format,
)
from adapters.seismic.inventory import station_batches
from adapters.seismic.schemas import SEISMIC_DATASETS
from adapters.seismic.traces import scaled_traces
from adapters.seismic.waveforms import waveform_batches
from adapters.seismic.win32 import read_channel_table


class SeismicAdapter(Adapter):
    """Seismic waveforms (K-NET/KiK-net, WIN, WIN32, miniSEED, SAC), StationXML and catalogues.

    A WIN32 channel table (``.ch``) is recognised so that it is not reported as unknown; its
    parse only checks it and yields nothing: its content reaches the catalogue through the
    WIN32 files that use it.
    """

    name = "seismic"
    version = "0.1.0"
    datasets = SEISMIC_DATASETS

    def detect(self, head: bytes, filename: str) -> str | None:
        """The seismic format name of ``filename`` from its first bytes, or ``None``."""
        return detect_format(head, filename)

    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        """Yield ``(dataset, batch)`` pairs for one file of format ``source.fmt``."""
        fmt = source.fmt
        if fmt in WAVEFORM_FORMATS:
            yield from waveform_batches(scaled_traces(source), fmt)
        elif fmt == STATIONXML:
            yield from station_batches(source.path)
        elif fmt in CATALOG_NAMES or fmt == JMA:
            yield from event_batches(source.path, fmt)
        elif fmt == WIN32_CHANNEL_TABLE:
            read_channel_table(source.path)
        else:
            raise ParseError(f"not a seismic format: {fmt!r}")
