"""JMA hypocentre catalogue reader: records built column by column, plus one real record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.base import ParseError, batch_from_rows
from adapters.seismic.jma import is_jma_hypocenter, read_jma_hypocenters
from adapters.seismic.schemas import EVENTS

COLUMNS = {  # 1-based, inclusive; the format description's column table
    "type": (1, 1), "year": (2, 5), "month": (6, 7), "day": (8, 9), "hour": (10, 11),
    "minute": (12, 13), "second": (14, 17), "second_error": (18, 21), "lat_deg": (22, 24),
    "lat_min": (25, 28), "lat_error": (29, 32), "lon_deg": (33, 36), "lon_min": (37, 40),
    "lon_error": (41, 44), "depth": (45, 49), "depth_error": (50, 52), "mag1": (53, 54),
    "mag1_type": (55, 55), "mag2": (56, 57), "mag2_type": (58, 58), "travel_times": (59, 59),
    "precision": (60, 60), "subsidiary": (61, 61), "intensity": (62, 62), "damage": (63, 63),
    "tsunami": (64, 64), "district": (65, 65), "region_number": (66, 68), "region": (69, 92),
    "stations": (93, 95), "flag": (96, 96),
}


def record(**fields: str) -> bytes:
    """A 96-column record: numeric fields right-justified, the region name left-justified."""
    line = bytearray(b" " * 96)
    for name, value in fields.items():
        first, last = COLUMNS[name]
        raw, width = value.encode("shift_jis"), last - first + 1
        assert len(raw) <= width, name
        line[first - 1:last] = raw.ljust(width) if name == "region" else raw.rjust(width)
    return bytes(line)


TOHOKU = record(  # 2011-03-11 14:46:18.12 JST, 38°06.22'N 142°51.63'E, 23.74 km, Mw 9.0
    type="J", year="2011", month="03", day="11", hour="14", minute="46", second="1812",
    second_error="10", lat_deg="38", lat_min="0622", lat_error="9", lon_deg="142",
    lon_min="5163", lon_error="16", depth="2374", depth_error="32", mag1="90", mag1_type="W",
    mag2="73", mag2_type="J", travel_times="1", precision="1", subsidiary="1", intensity="7",
    damage="5", tsunami="4", district="2", region_number="288", region="三陸沖",
    stations="113", flag="K")
SMALL = record(  # Mv -1.3, in the first second of the day (JST): the previous day in UTC
    type="J", year="2016", month="04", day="16", hour="00", minute="00", second="0005",
    lat_deg="32", lat_min="4512", lon_deg="130", lon_min="4530", depth="1105", mag1="A3",
    mag1_type="V", region="KUMAMOTO PREF", stations="5", flag="A")
FIXED_DEPTH = record(  # depth fixed at 10 km: whole km in columns 45-47
    type="U", year="1995", month="01", day="16", hour="20", minute="46", second="5238",
    lat_deg="-12", lat_min="3000", lon_deg="-77", lon_min="1500", depth=" 10  ",
    mag1="64", mag1_type="B", region="PERU", flag="F")
SPARSE = record(type="I", year="1990", month="12", day="31", hour="23", minute="59",
                second="5999")
REAL = (  # a record of the real catalogue, as quoted in SCECcode/pycsep bin/deck2csv.pl
    b"J2013010100033169 015 372521 029 1412406 076 279510616V   511   2 69E OFF FUKUSHIMA"
    b" PREF     30K")


def _write(tmp_path, *lines: bytes, newline: bytes = b"\n"):
    path = tmp_path / "h201103"
    path.write_bytes(newline.join(lines) + newline)
    return path


def test_records(tmp_path):
    rows = list(read_jma_hypocenters(_write(tmp_path, TOHOKU, SMALL, FIXED_DEPTH, SPARSE)))
    tohoku, small, fixed, sparse = rows
    assert tohoku == {
        "event_id": "JMA:2011-03-11T05:46:18.12Z:J:38.1037:142.8605",
        "origin_time": datetime(2011, 3, 11, 5, 46, 18, 120000, tzinfo=UTC),
        "latitude": pytest.approx(38 + 6.22 / 60),
        "longitude": pytest.approx(142 + 51.63 / 60),
        "depth_km": pytest.approx(23.74),
        "magnitude": pytest.approx(9.0),
        "magnitude_type": "W",
        "region": "三陸沖",
        "catalog": "JMA",
    }
    assert tohoku["origin_time"].utcoffset().total_seconds() == 0
    assert small["origin_time"] == datetime(2016, 4, 15, 15, 0, 0, 50000, tzinfo=UTC)
    assert small["magnitude"] == pytest.approx(-1.3)
    assert (small["magnitude_type"], small["region"]) == ("V", "KUMAMOTO PREF")
    assert small["depth_km"] == pytest.approx(11.05)
    assert fixed["depth_km"] == 10.0
    assert fixed["latitude"] == pytest.approx(-12.5)
    assert fixed["longitude"] == pytest.approx(-77.25)
    assert fixed["event_id"] == "JMA:1995-01-16T11:46:52.38Z:U:-12.5000:-77.2500"
    assert sparse == {
        "event_id": "JMA:1990-12-31T14:59:59.99Z:I::",
        "origin_time": datetime(1990, 12, 31, 14, 59, 59, 990000, tzinfo=UTC),
        "latitude": None, "longitude": None, "depth_km": None, "magnitude": None,
        "magnitude_type": None, "region": None, "catalog": "JMA",
    }
    batch = batch_from_rows(EVENTS, rows)
    assert batch.schema == EVENTS.schema
    assert batch.num_rows == 4


def test_real_record(tmp_path):
    (row,) = read_jma_hypocenters(_write(tmp_path, REAL))
    assert row["origin_time"] == datetime(2012, 12, 31, 15, 3, 31, 690000, tzinfo=UTC)
    assert row["latitude"] == pytest.approx(37 + 25.21 / 60)
    assert row["longitude"] == pytest.approx(141 + 24.06 / 60)
    assert row["depth_km"] == pytest.approx(27.95)
    assert (row["magnitude"], row["magnitude_type"]) == (pytest.approx(1.6), "V")
    assert row["region"] == "E OFF FUKUSHIMA PREF"


@pytest.mark.parametrize("code, value", [
    ("73", 7.3), ("05", 0.5), (" 5", 0.5), ("-1", -0.1), ("-9", -0.9), ("A0", -1.0),
    ("A9", -1.9), ("B2", -2.2), ("C5", -3.5), ("  ", None),
])
def test_magnitude_coding(tmp_path, code, value):
    line = bytearray(TOHOKU)
    line[52:54] = code.encode()
    (row,) = read_jma_hypocenters(_write(tmp_path, bytes(line)))
    assert row["magnitude"] == (None if value is None else pytest.approx(value))


def test_crlf_and_blank_trailing_lines(tmp_path):
    path = tmp_path / "h201604"
    path.write_bytes(SMALL + b"\r\n" + TOHOKU + b"\r\n\r\n")
    assert [row["magnitude"] for row in read_jma_hypocenters(path)] == [
        pytest.approx(-1.3), pytest.approx(9.0)]


def _with(line: bytes, column: int, text: bytes) -> bytes:
    out = bytearray(line)
    out[column - 1:column - 1 + len(text)] = text
    return bytes(out)


@pytest.mark.parametrize("bad, column, message", [
    (TOHOKU[:90], 91, "90 columns"),
    (TOHOKU + b" ", 97, "97 columns"),
    (_with(TOHOKU, 1, b"j"), 1, "record type"),
    (_with(TOHOKU, 6, b"13"), 6, "out of range"),
    (_with(_with(TOHOKU, 6, b"02"), 8, b"30"), 8, "does not exist"),
    (_with(TOHOKU, 10, b"24"), 10, "out of range"),
    (_with(TOHOKU, 12, b"6x"), 12, "integer"),
    (_with(TOHOKU, 2, b"    "), 2, "integer"),
    (_with(TOHOKU, 14, b"    "), 14, "second"),
    (_with(TOHOKU, 14, b"6100"), 14, "second"),
    (_with(TOHOKU, 25, b"06a2"), 25, "bad number"),
    (_with(TOHOKU, 25, b"6000"), 25, "minutes"),
    (_with(TOHOKU, 22, b" 9x"), 22, "degrees"),
    (_with(TOHOKU, 22, b" 91"), 22, "degrees"),
    (_with(TOHOKU, 45, b"2 74"), 45, "bad number"),
    (_with(TOHOKU, 53, b"Z5"), 53, "magnitude"),
    (_with(TOHOKU, 53, b"7-"), 53, "magnitude"),
    (_with(TOHOKU, 33, "東".encode("shift_jis")), 33, "non-ASCII"),
])
def test_malformed_record_names_line_and_column(tmp_path, bad, column, message):
    path = _write(tmp_path, SMALL, TOHOKU, bad, SMALL)
    rows = read_jma_hypocenters(path)
    assert next(rows)["magnitude_type"] == "V"
    assert next(rows)["magnitude_type"] == "W"
    with pytest.raises(ParseError, match=message) as caught:
        next(rows)
    assert caught.value.location == f"{path}, line 3, column {column}"


def test_is_jma_hypocenter(tmp_path):
    assert is_jma_hypocenter(TOHOKU + b"\n" + SMALL + b"\n")
    assert is_jma_hypocenter(REAL + b"\r\n")
    assert is_jma_hypocenter(REAL)
    assert not is_jma_hypocenter(b"")
    assert not is_jma_hypocenter(TOHOKU[:95] + b"\n")
    assert not is_jma_hypocenter(b"j" + TOHOKU[1:])
    assert not is_jma_hypocenter(_with(TOHOKU, 6, b"0x"))
    assert not is_jma_hypocenter(b"\x00\x00\x00\x00\x20\x11\x03\x11" + bytes(100))
    assert not is_jma_hypocenter(b"# comment line\n" + TOHOKU)
