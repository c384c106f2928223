"""Reader for the JMA unified hypocentre catalogue: fixed-width 96-column records (``hYYYYMM``).

Columns (1-based, inclusive), as in JMA's "hypocenter data format" description::

    1      record type (J: JMA, U: USGS, I: ISC, ...)
    2-5    year          6-7  month      8-9  day      10-11  hour      12-13  minute
    14-17  second, F4.2 (implied decimal point: "1812" is 18.12 s)      18-21  its error
    22-24  latitude, degrees      25-28  minutes, F4.2      29-32  error of the minutes
    33-36  longitude, degrees     37-40  minutes, F4.2      41-44  error of the minutes
    45-49  depth, km, F5.2; a fixed depth is whole km in 45-47 with 48-49 blank
    50-52  depth error   53-54  magnitude 1   55  its type   56-57  magnitude 2   58  its type
    59-64  travel-time table, location precision, subsidiary information, maximum intensity,
           damage class, tsunami class (one column each)
    65     district number      66-68  region number      69-92  region name (Shift-JIS)
    93-95  number of stations   96     hypocentre determination flag

Magnitudes are F2.1 ("73" is 7.3) with negative values coded "-1" for -0.1 and "A1", "B1",
"C1" for -1.1, -2.1, -3.1. Times are JST (UTC+9). Blank fields are missing values; only the
fields the EVENTS dataset needs are decoded, and those are checked strictly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import NoReturn

from adapters.base import ParseError

RECORD_LENGTH = 96
JST = timezone(timedelta(hours=9))
CATALOG = "JMA"

_HEAD = re.compile(rb"[A-Z][0-9]{12}")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+)")
_NEGATIVE_MAGNITUDE_TENS = {"A": 1, "B": 2, "C": 3}
_TIME_FIELDS = ((2, 5, 1, 9999), (6, 7, 1, 12), (8, 9, 1, 31), (10, 11, 0, 23), (12, 13, 0, 59))


def is_jma_hypocenter(head: bytes) -> bool:
    """Whether the first line of ``head`` is a 96-column record with a record type and date."""
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    return len(line) == RECORD_LENGTH and _HEAD.match(line) is not None


def read_jma_hypocenters(path: Path) -> Iterator[dict]:
    """Yield one EVENTS row per record of a JMA hypocentre file (empty lines are skipped)."""
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip(b"\r\n")
            if line:
                yield _Record(line, f"{path}, line {number}").event()


class _Record:
    """One record line, read field by field with the line and column in every error."""

    def __init__(self, line: bytes, location: str) -> None:
        self.line = line
        self.location = location
        if len(line) != RECORD_LENGTH:
            self._fail(f"record is {len(line)} columns long, expected {RECORD_LENGTH}",
                       min(len(line), RECORD_LENGTH) + 1)

    def event(self) -> dict:
        """The record as a row of the EVENTS dataset."""
        record_type = self._text(1, 1)
        if not record_type.isupper():
            self._fail(f"record type {record_type!r} is not a capital letter", 1)
        origin = self._origin_time()
        latitude = self._coordinate(22, 24, 25, 28, limit=90)
        longitude = self._coordinate(33, 36, 37, 40, limit=180)
        return {
            "event_id": _event_id(origin, record_type, latitude, longitude),
            "origin_time": origin,
            "latitude": latitude,
            "longitude": longitude,
            "depth_km": self._depth(),
            "magnitude": self._magnitude(53),
            "magnitude_type": self._text(55, 55).strip() or None,
            "region": self.line[68:92].decode("shift_jis", errors="replace").strip() or None,
            "catalog": CATALOG,
        }

    def _origin_time(self) -> datetime:
        parts = []
        for first, last, low, high in _TIME_FIELDS:
            value = self._required_integer(first, last)
            if not low <= value <= high:
                self._fail(f"{value} out of range {low}-{high}", first)
            parts.append(value)
        second = self._number(14, 17, decimals=2)
        if second is None or not 0 <= second < 61:  # 60.xx: a leap second
            self._fail(f"second {second} missing or out of range", 14)
        try:
            minute = datetime(*parts, tzinfo=JST)
        except ValueError:
            self._fail(f"day {parts[2]} does not exist in {parts[0]}-{parts[1]:02d}", 8)
        return (minute + timedelta(seconds=second)).astimezone(UTC)

    def _coordinate(self, first: int, last: int, minutes_first: int, minutes_last: int,
                    limit: int) -> float | None:
        """Degrees and minutes as signed decimal degrees; None unless both are given."""
        degrees = self._text(first, last).strip()
        minutes = self._number(minutes_first, minutes_last, decimals=2)
        if not degrees or minutes is None:
            return None
        if not _INTEGER.fullmatch(degrees) or abs(int(degrees)) > limit:
            self._fail(f"bad degrees {degrees!r}", first)
        if not 0 <= minutes < 60:
            self._fail(f"minutes {minutes} out of range", minutes_first)
        value = abs(int(degrees)) + minutes / 60
        return -value if degrees.startswith("-") else value

    def _depth(self) -> float | None:
        """Depth in km: F5.2 in columns 45-49, or whole km in 45-47 when it was fixed."""
        if not self._text(48, 49).strip() and self._text(45, 47).strip():
            return self._number(45, 47, decimals=0)
        return self._number(45, 49, decimals=2)

    def _magnitude(self, first: int) -> float | None:
        text = self._text(first, first + 1).strip()
        if not text:
            return None
        if text.isdigit():
            return int(text) / 10
        if len(text) == 2 and text[1].isdigit():
            if text[0] == "-":
                return -int(text[1]) / 10
            if text[0] in _NEGATIVE_MAGNITUDE_TENS:
                return -_NEGATIVE_MAGNITUDE_TENS[text[0]] - int(text[1]) / 10
        self._fail(f"bad magnitude {text!r}", first)

    def _number(self, first: int, last: int, decimals: int) -> float | None:
        """A Fortran F field: an implied decimal point unless one is written; blank is None."""
        text = self._text(first, last).strip()
        if not text:
            return None
        if _INTEGER.fullmatch(text):
            return int(text) / 10**decimals
        if _DECIMAL.fullmatch(text):
            return float(text)
        self._fail(f"bad number {text!r}", first)

    def _required_integer(self, first: int, last: int) -> int:
        text = self._text(first, last).strip()
        if not _INTEGER.fullmatch(text):
            self._fail(f"expected an integer, found {text!r}", first)
        return int(text)

    def _text(self, first: int, last: int) -> str:
        """Columns ``first`` to ``last`` (1-based, inclusive), which must be ASCII."""
        try:
            return self.line[first - 1:last].decode("ascii")
        except UnicodeDecodeError:
            self._fail(f"non-ASCII byte in columns {first}-{last}", first)

    def _fail(self, message: str, column: int) -> NoReturn:
        raise ParseError(message, f"{self.location}, column {column}")


def _event_id(origin: datetime, record_type: str, latitude: float | None,
              longitude: float | None) -> str:
    """Time (UTC, to the catalogue's 0.01 s), record type and epicentre.

    Time alone is not unique: busy months hold several events in the same hundredth of a
    second, so the epicentre (4 decimals keep every 0.01' step distinct) is part of the id.
    """
    time = f"{origin:%Y-%m-%dT%H:%M:%S}.{origin.microsecond // 10_000:02d}Z"
    place = ":".join("" if value is None else f"{value:.4f}" for value in (latitude, longitude))
    return f"JMA:{time}:{record_type}:{place}"
