"""WIN32 reader: checked against ObsPy's WIN reader on ObsPy's real WIN test records."""

from __future__ import annotations

import struct
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import obspy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from obspy import UTCDateTime
from win32_writer import channel_block, second_block, smallest_code, win_to_win32, write_win32

from adapters.base import ParseError
from adapters.seismic.win32 import Win32Channel, is_win32, read_channel_table, read_win32

WIN_DATA = Path(obspy.__file__).parent / "io" / "win" / "tests" / "data"
WIN_FILES = sorted(WIN_DATA.iterdir())
JST = timedelta(hours=9)
T0 = datetime(2012, 3, 4, 5, 6, 58)  # JST; the seconds cross a minute boundary


def _obspy_win(path: Path) -> obspy.Stream:
    return obspy.read(str(path), format="WIN")


def _win_seconds(path: Path) -> list[datetime]:
    """The (JST) time of each second block of an old-style WIN file."""
    raw, pos, times = path.read_bytes(), 0, []
    while pos < len(raw):
        (length,) = struct.unpack_from(">I", raw, pos)
        times.append(datetime.strptime("20" + raw[pos + 4:pos + 10].hex(), "%Y%m%d%H%M%S"))
        pos += length
    return times


def test_obspy_test_records_are_present():
    assert len(WIN_FILES) >= 10


@pytest.mark.parametrize("win_file", WIN_FILES, ids=lambda p: p.name)
def test_real_win_channel_blocks_wrapped_verbatim(tmp_path, win_file):
    path = tmp_path / "real.cnt"
    path.write_bytes(win_to_win32(win_file.read_bytes()))
    ours = read_win32(path)
    reference = _obspy_win(win_file)
    assert len(ours) == len(reference)
    for expected in reference:
        (trace,) = ours.select(station=expected.stats.channel)
        assert trace.data.dtype == np.int32
        np.testing.assert_array_equal(trace.data, expected.data)
        assert trace.stats.sampling_rate == expected.stats.sampling_rate
        assert trace.stats.starttime == expected.stats.starttime - 9 * 3600
        assert trace.stats.channel == ""
        assert trace.stats.calib == 1.0
        assert trace.stats.win32.unit == "counts"
        assert trace.stats.win32.channel_id == int(expected.stats.channel, 16)
        assert (trace.stats.win32.organization_id, trace.stats.win32.network_id) == (1, 1)


@pytest.mark.parametrize("win_file", [WIN_DATA / "10030302.00",
                                      WIN_DATA / "1070533011_1701260003.win",
                                      WIN_DATA / "25112616_ch0000.10"], ids=lambda p: p.name)
def test_real_samples_reencoded_with_every_size_code(tmp_path, win_file):
    reference = _obspy_win(win_file)
    rate = int(reference[0].stats.sampling_rate)
    fits, used, blocks = set(), set(), []
    for second, time in enumerate(_win_seconds(win_file)):
        channels = []
        for number, trace in enumerate(reference):
            samples = trace.data[second * rate:(second + 1) * rate]
            fit = smallest_code(samples)
            code = fit if fit == 0 else max(fit, 1 + (second + number) % 5)
            fits.add(fit)
            used.add(code)
            channels.append(channel_block(samples, int(trace.stats.channel, 16), code))
        blocks.append(second_block(time, channels))
    ours = read_win32(write_win32(tmp_path / "reencoded.cnt", blocks))
    assert set(range(min(fits), 6)) <= used  # every code that can hold the data, 4-bit too
    for expected in reference:
        (trace,) = ours.select(station=expected.stats.channel)
        np.testing.assert_array_equal(trace.data, expected.data)
        assert trace.stats.starttime == expected.stats.starttime - 9 * 3600


def test_real_records_hold_every_difference_code():
    """So the verbatim test above decodes real encodings of size codes 0 to 4."""
    codes = set()
    for win_file in WIN_FILES:
        raw, pos = win_file.read_bytes(), 0
        while pos < len(raw):
            (length,) = struct.unpack_from(">I", raw, pos)
            block = pos + 10
            while block < pos + length:
                code, count = raw[block + 2] >> 4, (raw[block + 2] & 0x0F) << 8 | raw[block + 3]
                codes.add(code)
                block += 8 + (count // 2 if code == 0 else (count - 1) * code)
            pos += length
    assert codes == {0, 1, 2, 3, 4}


@pytest.mark.parametrize("rate", [1, 2, 3, 4, 7, 8, 101])
def test_four_bit_odd_and_even_counts(tmp_path, rate):
    diffs = [(-8, 7, -1, 0, 3)[i % 5] for i in range(rate - 1)]
    samples = np.cumsum([-123456] + diffs)
    path = write_win32(tmp_path / "nibbles.cnt",
                       [second_block(T0, [channel_block(samples, 0x3F2A, code=0)])])
    (trace,) = read_win32(path)
    np.testing.assert_array_equal(trace.data, samples)
    assert trace.stats.sampling_rate == rate


@pytest.mark.parametrize("code, low, high", [(1, -128, 127), (2, -(2**15), 2**15 - 1),
                                             (3, -(2**23), 2**23 - 1)])
def test_extreme_differences(tmp_path, code, low, high):
    samples = np.cumsum([0, low, high, low, 1, high, low, high]).astype(np.int64)
    path = write_win32(tmp_path / "extremes.cnt",
                       [second_block(T0, [channel_block(samples, 1, code=code)])])
    np.testing.assert_array_equal(read_win32(path)[0].data, samples)


@pytest.mark.parametrize("code, samples", [
    (4, [2**31 - 1, 0, -(2**31) + 1, 0, 5]),
    (5, [2**31 - 1, -(2**31), 0, 2**31 - 1, 5]),
])
def test_extreme_int32_samples(tmp_path, code, samples):
    path = write_win32(tmp_path / "int32.cnt",
                       [second_block(T0, [channel_block(samples, 1, code=code)])])
    np.testing.assert_array_equal(read_win32(path)[0].data, samples)


@settings(max_examples=60, deadline=None, database=None)
@given(st.data())
def test_round_trip_property(tmp_path_factory, data):
    """Any channels, rates and size codes read back as written."""
    n_channels = data.draw(st.integers(1, 4))
    n_seconds = data.draw(st.integers(1, 3))
    rates = [data.draw(st.integers(1, 40)) for _ in range(n_channels)]
    written = {}
    blocks = []
    for second in range(n_seconds):
        channels = []
        for number, rate in enumerate(rates):
            code = data.draw(st.integers(0, 5))
            high = {0: 7, 1: 127, 2: 2**15 - 1, 3: 2**23 - 1}.get(code, 2**20)
            diffs = data.draw(st.lists(st.integers(-high - 1, high),
                                       min_size=rate - 1, max_size=rate - 1))
            first = data.draw(st.integers(-(2**30), 2**30))
            samples = np.cumsum([first] + diffs)
            written.setdefault(number, []).append(samples)
            channels.append(channel_block(samples, 0x100 + number, code=code))
        blocks.append(second_block(T0 + timedelta(seconds=second), channels))
    path = tmp_path_factory.mktemp("prop") / "p.cnt"
    stream = read_win32(write_win32(path, blocks))
    assert len(stream) == n_channels
    for number, trace in enumerate(stream):
        assert trace.stats.station == f"{0x100 + number:04x}"
        np.testing.assert_array_equal(trace.data, np.concatenate(written[number]))
        assert trace.stats.starttime == UTCDateTime(T0 - JST)


def test_gaps_and_rate_changes_split_traces(tmp_path):
    def second(offset, rate_a=5):
        return second_block(T0 + timedelta(seconds=offset), [
            channel_block(np.arange(rate_a) + 10 * offset, 0x0A, organization=2, network=3),
            channel_block(np.arange(4) - offset, 0x0B),
        ])

    path = write_win32(tmp_path / "gaps.cnt",
                       [second(0), second(1), second(3), second(4, rate_a=8)])
    stream = read_win32(path)
    summary = [(tr.stats.station, tr.stats.npts, tr.stats.sampling_rate, tr.stats.starttime)
               for tr in stream]
    start = UTCDateTime(T0 - JST)
    assert summary == [
        ("000a", 10, 5.0, start),
        ("000a", 5, 5.0, start + 3),
        ("000a", 8, 8.0, start + 4),
        ("000b", 8, 4.0, start),
        ("000b", 8, 4.0, start + 3),
    ]
    np.testing.assert_array_equal(stream[0].data, np.r_[np.arange(5), np.arange(5) + 10])
    np.testing.assert_array_equal(stream[4].data, np.r_[np.arange(4) - 3, np.arange(4) - 4])
    assert (stream[0].stats.win32.organization_id, stream[0].stats.win32.network_id) == (2, 3)


def test_time_is_converted_from_jst_across_a_day_boundary(tmp_path):
    jst = datetime(2011, 1, 1, 3, 0, 0)
    path = write_win32(tmp_path / "day.cnt", [second_block(jst, [channel_block([1, 2], 1)])])
    assert read_win32(path)[0].stats.starttime == UTCDateTime(2010, 12, 31, 18, 0, 0)


CHANNEL_TABLE = """\
# Hi-net channel table
# ch  flag delay station comp amp bits sens unit period damp gain lsb lat lon height P S
3f2a 1 0 N.TESH U 6 27 200.0 m/s 1.00 0.70 20.0 1.023e-07 36.1234 139.5678 120 0.00 0.00

3f2b 1 0 N.TESH N 6 27 200.0 m/s 1.00 0.70 20.0 1.023e-07 36.1234 139.5678 120
0a0c 1 0 N.ACCH E 6 24 0.1 m/s/s 0.00 0.00 0 5.0e-07 -12.5 -70.25 -3.5 0.0 0.0 テスト
"""


def _write_table(tmp_path: Path, text: str = CHANNEL_TABLE) -> Path:
    path = tmp_path / "table.ch"
    path.write_bytes(text.encode("shift_jis"))
    return path


def test_read_channel_table(tmp_path):
    table = read_channel_table(_write_table(tmp_path))
    assert sorted(table) == [0x0A0C, 0x3F2A, 0x3F2B]
    assert table[0x3F2A] == Win32Channel(
        channel_id=0x3F2A, station="N.TESH", component="U", unit="m/s", sensitivity=200.0,
        gain_db=20.0, lsb=1.023e-07, latitude=36.1234, longitude=139.5678, elevation_m=120.0)
    assert table[0x3F2A].calib == pytest.approx(1.023e-07 / (200.0 * 10.0))
    accelerometer = table[0x0A0C]
    assert (accelerometer.unit, accelerometer.latitude, accelerometer.elevation_m) == (
        "m/s/s", -12.5, -3.5)
    assert accelerometer.calib == pytest.approx(5.0e-06)


def test_read_win32_with_channel_table(tmp_path):
    table = read_channel_table(_write_table(tmp_path))
    counts = [1000, -2000, 30000]
    path = write_win32(tmp_path / "cal.cnt", [second_block(T0, [
        channel_block(counts, 0x3F2A), channel_block(counts, 0x3F2B),
        channel_block(counts, 0x0A0C), channel_block(counts, 0x7777)])])
    stream = read_win32(path, table)
    assert [(tr.stats.station, tr.stats.channel, tr.stats.win32.unit) for tr in stream] == [
        ("N.TESH", "U", "m/s"), ("N.TESH", "N", "m/s"), ("N.ACCH", "E", "m/s/s"),
        ("7777", "", "counts")]
    assert all(tr.stats.network == "" for tr in stream)
    velocity = stream[0].data * stream[0].stats.calib
    np.testing.assert_allclose(velocity, np.array(counts) * 1.023e-07 / 2000.0)
    np.testing.assert_allclose(stream[2].data * stream[2].stats.calib, np.array(counts) * 5e-6)
    assert stream[3].stats.calib == 1.0
    assert stream[0].stats.win32.channel_id == 0x3F2A


@pytest.mark.parametrize("line, message", [
    ("3f2a 1 0 N.TESH U 6 27 200.0 m/s 1.00 0.70 20.0", "columns"),
    ("3f2a 1 0 N.TESH U 6 27 abc m/s 1.00 0.70 20.0 1e-7 36.1 139.5 120", "bad channel table"),
    ("3f2x 1 0 N.TESH U 6 27 200 m/s 1.00 0.70 20.0 1e-7 36.1 139.5 120", "hex"),
    ("13f2a 1 0 N.TESH U 6 27 200 m/s 1.00 0.70 20.0 1e-7 36.1 139.5 120", "hex"),
    ("3f2a 1 0 N.TESH U 6 27 0 m/s 1.00 0.70 20.0 1e-7 36.1 139.5 120", "zero"),
    ("3f2b 1 0 N.TESH U 6 27 200 m/s 1.00 0.70 20.0 1e-7 36.1 139.5 120", "twice"),
])
def test_malformed_channel_table_names_the_line(tmp_path, line, message):
    text = "# comment\n3f2b 1 0 N.TESH N 6 27 200 m/s 1 0.7 20 1e-7 36.1 139.5 120\n" + line
    with pytest.raises(ParseError, match=message) as caught:
        read_channel_table(_write_table(tmp_path, text))
    assert caught.value.location.endswith("line 3")


def _small_file(tmp_path: Path) -> tuple[Path, list[int]]:
    """Two seconds of two channels; returns the path and the second-block boundaries."""
    seconds = [second_block(T0 + timedelta(seconds=s), [
        channel_block(np.arange(7) * (s + 1), 0x10, code=0),
        channel_block(np.arange(5) * 1000, 0x11, code=2)]) for s in range(2)]
    path = write_win32(tmp_path / "small.cnt", seconds)
    return path, [4, 4 + len(seconds[0]), 4 + len(seconds[0]) + len(seconds[1])]


def test_every_cut_inside_a_block_raises_with_an_offset(tmp_path):
    path, boundaries = _small_file(tmp_path)
    whole = path.read_bytes()
    cut_path = tmp_path / "cut.cnt"
    for cut in range(len(whole)):
        cut_path.write_bytes(whole[:cut])
        if cut in boundaries:
            stream = read_win32(cut_path)
            assert sum(tr.stats.npts for tr in stream) == 12 * boundaries.index(cut)
            continue
        with pytest.raises(ParseError) as caught:
            read_win32(cut_path)
        assert "byte" in caught.value.location, cut


def test_cut_mid_block_names_the_second_block_offset(tmp_path):
    path, boundaries = _small_file(tmp_path)
    path.write_bytes(path.read_bytes()[:boundaries[1] + 30])
    with pytest.raises(ParseError, match="past the end of the file") as caught:
        read_win32(path)
    assert caught.value.location == f"{path}, byte {boundaries[1]}"


def test_channel_block_overrunning_its_second_block(tmp_path):
    block = bytearray(second_block(T0, [channel_block([1, 2, 3], 1, code=1)]))
    block[12:16] = struct.pack(">I", 11)  # claims 11 bytes; the channel block needs 12
    path = write_win32(tmp_path / "overrun.cnt", [bytes(block)])
    with pytest.raises(ParseError, match="past the end of its second block") as caught:
        read_win32(path)
    assert caught.value.location.endswith("byte 20")


@pytest.mark.parametrize("stamp", [
    "20121301000000",  # month 13
    "20110229000000",  # 29 February of a common year
    "20120101240000",  # hour 24
    "201201010a0000",  # not BCD
])
def test_impossible_bcd_date(tmp_path, stamp):
    block = bytearray(second_block(T0, [channel_block([1, 2], 1)]))
    block[:7] = bytes.fromhex(stamp)
    good = second_block(T0, [channel_block([1, 2], 1)])
    path = write_win32(tmp_path / "date.cnt", [good, bytes(block)])
    with pytest.raises(ParseError) as caught:
        read_win32(path)
    assert caught.value.location == f"{path}, byte {4 + len(good)}"
    assert not is_win32(b"\x00" * 4 + bytes(block))


@pytest.mark.parametrize("code", [6, 7, 15])
def test_unknown_size_code(tmp_path, code):
    good = channel_block([1, 2, 3], 1, code=1)
    bad = bytearray(channel_block([1, 2, 3], 2, code=1))
    bad[4] = code << 4 | bad[4] & 0x0F
    path = write_win32(tmp_path / "code.cnt", [second_block(T0, [good, bytes(bad)])])
    with pytest.raises(ParseError, match=f"size code {code}") as caught:
        read_win32(path)
    assert caught.value.location == f"{path}, byte {4 + 16 + len(good)}"


def test_channel_block_without_samples(tmp_path):
    bad = struct.pack(">BBHHi", 1, 1, 5, 1 << 12, 0)
    path = write_win32(tmp_path / "empty.cnt", [second_block(T0, [bad])])
    with pytest.raises(ParseError, match="no samples"):
        read_win32(path)


def test_frame_duration_other_than_one_second(tmp_path):
    path = write_win32(tmp_path / "frame.cnt",
                       [second_block(T0, [channel_block([1, 2], 1)], frame=600)])
    with pytest.raises(ParseError, match="frame duration 600"):
        read_win32(path)


def test_is_win32(tmp_path):
    path, _ = _small_file(tmp_path)
    head = path.read_bytes()[:4096]
    assert is_win32(head)
    assert is_win32(b"\x0a\x02\x00\x00" + head[4:])
    assert not is_win32(b"\x01\x00\x00\x00" + head[4:])
    assert not is_win32(head[:19])
    assert not is_win32(b"")
    assert not is_win32(b"\x00\x00\x00\x00")
    assert not is_win32(bytes(range(256)) * 4)
    assert not is_win32(b"J2011031114461812 ... a text file" * 10)
    assert not is_win32((WIN_DATA / "10030302.00").read_bytes()[:4096])  # old-style WIN
    frame = bytearray(head)
    frame[15] = 11
    assert not is_win32(bytes(frame))


def test_alternative_file_header_is_read(tmp_path):
    path = write_win32(tmp_path / "hdr.cnt", [second_block(T0, [channel_block([4, 5], 1)])],
                       header=b"\x0a\x02\x00\x00")
    np.testing.assert_array_equal(read_win32(path)[0].data, [4, 5])


def test_zero_byte_file(tmp_path):
    path = tmp_path / "zero.cnt"
    path.write_bytes(b"")
    assert not is_win32(path.read_bytes())
    with pytest.raises(ParseError, match="not a WIN32 file") as caught:
        read_win32(path)
    assert caught.value.location == f"{path}, byte 0"


def test_garbage_file(tmp_path):
    path = tmp_path / "garbage.cnt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ParseError, match="not a WIN32 file"):
        read_win32(path)


def test_file_header_only_is_an_empty_stream(tmp_path):
    assert len(read_win32(write_win32(tmp_path / "hdr_only.cnt", []))) == 0
