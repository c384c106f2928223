"""Waveform files to :class:`ScaledTrace` objects: ObsPy's readers plus units and calibration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import urlsplit

import obspy

from adapters.base import ParseError, SourceContext
from adapters.seismic.detect import KNET, MSEED, SAC, WIN, WIN32
from adapters.seismic.knet import read_knet, waveform_columns
from adapters.seismic.mseed import check_complete
from adapters.seismic.records import reading
from adapters.seismic.waveforms import ScaledTrace
from adapters.seismic.win import check_win_complete
from adapters.seismic.win32 import JST_OFFSET_S, read_channel_table, read_win32

SAC_UNITS = {6: "nm", 7: "nm/s", 8: "nm/s/s", 50: "V"}
"""SAC ``idep`` codes (IDISP, IVEL, IACC, IVOLTS) -> unit; anything else is counts."""


def scaled_traces(source: SourceContext) -> Iterator[ScaledTrace]:
    """The traces of a waveform file (format ``source.fmt``), in file order."""
    if source.fmt == KNET:
        record = read_knet(source.path, source_name(source))
        columns = waveform_columns(record)
        yield ScaledTrace(record.trace, unit="gal", calib=record.header.calib_gal, columns=columns)
    elif source.fmt == WIN32:
        yield from _win32_traces(source)
    elif source.fmt in (MSEED, SAC, WIN):
        yield from _obspy_traces(source.path, source.fmt)
    else:
        raise ParseError(f"not a waveform format: {source.fmt!r}")


def source_name(source: SourceContext) -> str:
    """The file's original name (from its URL; the local copy may be renamed)."""
    url_path = urlsplit(source.url).path if "://" in source.url else source.url
    return PurePosixPath(url_path).name or source.path.name


def _obspy_traces(path: Path, fmt: str) -> Iterator[ScaledTrace]:
    """Read the whole file with ``obspy.read``, handing traces out (and dropping them) in order.

    Traces of text (miniSEED log channels) are left out: they hold no samples. WIN times are
    JST, like WIN32's: they are moved to UTC.
    """
    if fmt == WIN:
        check_win_complete(path)
    with reading(f"{fmt} (obspy.read)"):
        traces = obspy.read(str(path), format=fmt).traces
    if fmt == MSEED:
        check_complete(path, traces)
    traces.reverse()
    while traces:
        trace = traces.pop()
        if trace.data.dtype.kind not in "iuf":
            continue  # an ASCII log channel (miniSEED encoding 0): text, not samples
        if fmt == WIN:
            trace.stats.starttime -= JST_OFFSET_S  # ObsPy keeps WIN's JST wall clock
        unit = SAC_UNITS.get(trace.stats.sac.get("idep"), "counts") if fmt == SAC else "counts"
        yield ScaledTrace(trace, unit=unit, calib=float(trace.stats.calib))


def _win32_traces(source: SourceContext) -> Iterator[ScaledTrace]:
    """WIN32 through our reader, calibrated (and located) by the channel table ``<stem>.ch``."""
    table_path = source.sibling(PurePath(source_name(source)).stem + ".ch")
    table = read_channel_table(table_path) if table_path is not None else {}
    for trace in read_win32(source.path, table):
        info = trace.stats.win32
        channel = table.get(info["channel_id"])
        columns = {} if channel is None else {
            "station_latitude": channel.latitude,
            "station_longitude": channel.longitude,
            "station_elevation_m": channel.elevation_m,
        }
        yield ScaledTrace(trace, unit=info["unit"], calib=float(trace.stats.calib), columns=columns)
