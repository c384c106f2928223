"""NIED K-NET/KiK-net ASCII records, read by header line position and decoded by ObsPy.

NIED's files spell some header labels differently from what ObsPy's reader insists on
(``Lon.`` for ``Long.``, ``Max Acc.`` for ``Max. Acc.``...). We read the 17 header lines by
position into a typed :class:`KnetHeader`, rewrite them with ObsPy's canonical labels and let
``obspy.read(..., format="KNET")`` decode the samples. Header times are JST; everything we
return is UTC. The record time includes a 15 s trigger delay, which the start time excludes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

import obspy
from obspy import Trace

from adapters.base import ParseError
from adapters.seismic.records import reading

LABELS = (
    "Origin Time",
    "Lat.",
    "Long.",
    "Depth. (km)",
    "Mag.",
    "Station Code",
    "Station Lat.",
    "Station Long.",
    "Station Height(m)",
    "Record Time",
    "Sampling Freq(Hz)",
    "Duration Time(s)",
    "Dir.",
    "Scale Factor",
    "Max. Acc. (gal)",
    "Last Correction",
    "Memo.",
)
"""ObsPy's spelling of the header labels, one per header line, in file order."""

HEADER_LINES = len(LABELS)
TRIGGER_DELAY = timedelta(seconds=15)
JST = timezone(timedelta(hours=9), "JST")

_TIME_LINES = frozenset({0, 9, 15})
_MEMO_LINE = HEADER_LINES - 1
VALUE_COLUMN = 18
"""NIED writes each header value from column 19; lines that are not aligned are split by
whitespace instead."""
_DURATION_LINE = 11
_STATION = re.compile(r"(?=.*\d)[A-Za-z0-9]{1,7}")
_FREQUENCY = re.compile(r"(\d+)Hz", re.IGNORECASE)
_DIRECTION = re.compile(r"[A-Z]-?[A-Z]|[1-6]")
_SCALE = re.compile(r"(\d+(?:\.\d*)?)\(gal\)/(\d+(?:\.\d*)?)")
_COMPONENT_SUFFIX = re.compile(r"\.(?:EW|NS|UD)([12]?)$", re.IGNORECASE)
_POSITIONS = {"1": "borehole", "2": "surface", "": "surface"}
_DATA_SECTION = f"data section (after header line {HEADER_LINES})"

T = TypeVar("T")


@dataclass(frozen=True)
class KnetHeader:
    """The 17 header lines of a K-NET/KiK-net record, typed; times in UTC."""

    origin_time: datetime
    latitude: float
    longitude: float
    depth_km: float
    magnitude: float
    station: str
    station_latitude: float
    station_longitude: float
    station_height_m: float
    record_time: datetime
    sampling_rate_hz: float
    duration_s: float
    direction: str
    scale_gal: float
    scale_counts: float
    max_acc_gal: float
    last_correction: datetime
    memo: str

    @property
    def calib_gal(self) -> float:
        """Gal per count: the scale factor A(gal)/B."""
        return self.scale_gal / self.scale_counts

    @property
    def starttime(self) -> datetime:
        """Time of the first sample: the record time less the 15 s trigger delay."""
        return self.record_time - TRIGGER_DELAY

    @property
    def expected_npts(self) -> int:
        """Number of samples the header promises (duration x sampling rate)."""
        return round(self.duration_s * self.sampling_rate_hz)


@dataclass(frozen=True)
class KnetRecord:
    """One K-NET/KiK-net file: ObsPy's trace (raw counts), its header and sensor position."""

    trace: Trace
    header: KnetHeader
    sensor_position: str | None


def read_knet(path: Path, filename: str) -> KnetRecord:
    """Read a K-NET/KiK-net ASCII file; ``filename`` (its original name) gives the component."""
    lines = path.read_bytes().split(b"\n", HEADER_LINES)
    if len(lines) > HEADER_LINES:
        data = lines.pop()
    else:  # header only, or cut short: drop what follows the last newline if it is blank
        data = b""
        if lines and not lines[-1].strip():
            lines.pop()
    values = header_values([line.decode("utf-8", "replace") for line in lines])
    header = parse_header(values)
    with reading(_DATA_SECTION):
        text = normalised_header(values).encode() + data
        trace = obspy.read(io.BytesIO(text), format="KNET")[0]
    if trace.stats.npts < header.expected_npts:
        raise ParseError(
            f"K-NET file truncated: {trace.stats.npts} samples, the header promises "
            f"{header.duration_s:g} s x {header.sampling_rate_hz:g} Hz = {header.expected_npts}",
            location=_where(_DURATION_LINE),
        )
    site = _site_digit(header.direction, filename)
    if site and not trace.stats.channel[-1:].isdigit():
        trace.stats.channel += site
    position = sensor_position(header.direction, filename)
    return KnetRecord(trace=trace, header=header, sensor_position=position)


def header_values(lines: Sequence[str]) -> list[str]:
    """The value text of each header line, found by position (labels are not trusted)."""
    if len(lines) < HEADER_LINES:
        raise ParseError(
            f"K-NET header ends after {len(lines)} lines, expected {HEADER_LINES}",
            location=_where(len(lines)),
        )
    values = []
    for index, line in enumerate(lines[:HEADER_LINES]):
        parts = line.split()
        if not parts or not parts[0][0].isalpha():
            raise ParseError(f"K-NET header line has no label: {line!r}", location=_where(index))
        if len(line.rstrip("\r\n")) <= VALUE_COLUMN or line[VALUE_COLUMN - 1] == " ":
            values.append(line[VALUE_COLUMN:].strip())  # NIED's layout: values at column 19
        elif index == _MEMO_LINE:
            values.append(" ".join(parts[1:]))
        else:
            tokens = 2 if index in _TIME_LINES else 1
            values.append(" ".join(parts[-tokens:]) if len(parts) > tokens else "")
    return values


def parse_header(values: Sequence[str]) -> KnetHeader:
    """Type the header values of :func:`header_values`; a bad value names its line."""
    scale_gal, scale_counts = _field(values, 13, _scale)
    return KnetHeader(
        origin_time=_field(values, 0, _jst_time),
        latitude=_field(values, 1, float),
        longitude=_field(values, 2, float),
        depth_km=_field(values, 3, float),
        magnitude=_field(values, 4, float),
        station=_field(values, 5, _station),
        station_latitude=_field(values, 6, float),
        station_longitude=_field(values, 7, float),
        station_height_m=_field(values, 8, float),
        record_time=_field(values, 9, _jst_time),
        sampling_rate_hz=_field(values, 10, _frequency),
        duration_s=_field(values, 11, float),
        direction=_field(values, 12, _direction),
        scale_gal=scale_gal,
        scale_counts=scale_counts,
        max_acc_gal=_field(values, 14, float),
        last_correction=_field(values, 15, _jst_time),
        memo=values[_MEMO_LINE],
    )


def normalised_header(values: Sequence[str]) -> str:
    """The header rewritten with ObsPy's canonical labels."""
    return "".join(f"{label:<18}{value}\n" for label, value in zip(LABELS, values, strict=True))


def sensor_position(direction: str, filename: str) -> str | None:
    """``borehole``/``surface`` from a KiK-net direction (1-3/4-6) or extension (.EW1/.EW2).

    K-NET extensions (.EW, .NS, .UD) are surface stations; ``None`` when nothing tells.
    """
    site = _site_digit(direction, filename)
    return None if site is None else _POSITIONS[site]


def _site_digit(direction: str, filename: str) -> str | None:
    """KiK-net site digit ('1' borehole, '2' surface), '' for K-NET, ``None`` if unknown."""
    if direction.isdigit():
        return "1" if int(direction) <= 3 else "2"
    match = _COMPONENT_SUFFIX.search(filename)
    return None if match is None else match.group(1)


def waveform_columns(record: KnetRecord) -> dict[str, object]:
    """The ``waveforms`` columns a K-NET/KiK-net header fills in."""
    header = record.header
    return {
        "header_max_acc_gal": header.max_acc_gal,
        "sensor_position": record.sensor_position,
        "station_latitude": header.station_latitude,
        "station_longitude": header.station_longitude,
        "station_elevation_m": header.station_height_m,
        "event_origin_time": header.origin_time,
        "event_latitude": header.latitude,
        "event_longitude": header.longitude,
        "event_depth_km": header.depth_km,
        "event_magnitude": header.magnitude,
    }


def _where(index: int) -> str:
    return f"header line {index + 1} ({LABELS[index]})"


def _field(values: Sequence[str], index: int, convert: Callable[[str], T]) -> T:
    text = values[index]
    try:
        return convert(text)
    except ValueError as exc:
        message = f"K-NET header: bad value {text!r}: {exc}"
        raise ParseError(message, location=_where(index)) from None


def _matched(pattern: re.Pattern[str], text: str, what: str) -> re.Match[str]:
    match = pattern.fullmatch(text)
    if match is None:
        raise ValueError(f"not a {what}")
    return match


def _jst_time(text: str) -> datetime:
    local = datetime.strptime(text, "%Y/%m/%d %H:%M:%S").replace(tzinfo=JST)
    return local.astimezone(UTC)


def _station(text: str) -> str:
    return _matched(_STATION, text, "station code of 1-7 letters and digits").group(0)


def _frequency(text: str) -> float:
    rate = float(_matched(_FREQUENCY, text, "sampling frequency like 100Hz").group(1))
    if rate <= 0:
        raise ValueError("sampling frequency must be positive")
    return rate


def _direction(text: str) -> str:
    return _matched(_DIRECTION, text, "direction like E-W or 1-6").group(0)


def _scale(text: str) -> tuple[float, float]:
    match = _matched(_SCALE, text, "scale factor like 2000(gal)/8388608")
    gal, counts = float(match.group(1)), float(match.group(2))
    if counts == 0:
        raise ValueError("scale factor divides by zero")
    return gal, counts
