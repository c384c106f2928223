"""Format detection from the first bytes: every format found, nothing else mistaken for one."""

from __future__ import annotations

import numpy as np
import pytest
from seismic_support import obspy_file
from win32_writer import win_to_win32

from adapters.base import HEAD_BYTES
from adapters.seismic import SeismicAdapter

JMA_RECORD = (  # a real record of JMA's hypocentre catalogue (quoted in SCECcode/pycsep)
    b"J2013010100033169 015 372521 029 1412406 076 279510616V   511   2 69E OFF FUKUSHIMA"
    b" PREF     30K\n"
)
CHANNEL_TABLE = (
    b"# Hi-net channel table\n"
    b"a100 1 0 N.TEST U 6 27 1.0 m/s 1.0 0.7 0 1.023e-07 35.0 139.0 -100\n"
)
PLAIN_TEXT = b"Minutes of the meeting\nOrigin Time was discussed at length.\n" * 40


def detect(head: bytes, filename: str = "file") -> str | None:
    return SeismicAdapter().detect(head[:HEAD_BYTES], filename)


@pytest.mark.parametrize(
    ("relative", "fmt"),
    [
        ("nied/tests/data/test.knet", "KNET"),
        ("nied/tests/data/FNETMTCATALOG", "FNETMT"),
        ("win/tests/data/10030302.00", "WIN"),
        ("win/tests/data/25112618_ch0000.24bits", "WIN"),
        ("mseed/tests/data/test.mseed", "MSEED"),
        ("mseed/tests/data/reclen_1024_without_sequence_numbers.mseed", "MSEED"),
        ("mseed/tests/data/various_noise_records.mseed", "MSEED"),
        ("mseed/tests/data/CH.BALST..LHE.D.2025.314", "MSEED"),
        ("sac/tests/data/test.sac", "SAC"),
        ("sac/tests/data/test.sac.swap", "SAC"),
        ("sac/tests/data/seism.sac", "SAC"),
        ("stationxml/tests/data/IRIS_single_channel_with_response.xml", "STATIONXML"),
        ("stationxml/tests/data/no_default_namespace.xml", "STATIONXML"),
        ("quakeml/tests/data/iris_events.xml", "QUAKEML"),
        ("quakeml/tests/data/neries_events.xml", "QUAKEML"),
    ],
)
def test_obspy_test_files_are_detected(relative: str, fmt: str) -> None:
    path = obspy_file(relative)
    assert detect(path.read_bytes(), path.name) == fmt


@pytest.mark.parametrize(
    "relative",
    [
        "mseed/tests/data/not.mseed",
        "mseed/tests/data/not2.mseed",
        "sac/tests/data/testxy.sac",  # alphanumeric SAC: not read
        "sac/tests/data/IU_ANMO_00_BHZ.sacpz",
        "sac/tests/data/RESP.NZ.CRLZ.10.HHZ",
    ],
)
def test_obspy_non_waveform_files_are_not_detected(relative: str) -> None:
    path = obspy_file(relative)
    assert detect(path.read_bytes(), path.name) is None


def test_win32_jma_and_channel_table_are_detected() -> None:
    win = obspy_file("win/tests/data/10030302.00").read_bytes()
    assert detect(win_to_win32(win), "10030302.cnt") == "WIN32"
    assert detect(JMA_RECORD * 3, "h2013") == "JMA"
    assert detect(CHANNEL_TABLE, "10030302.ch") == "WIN32_CHANNEL_TABLE"
    assert detect(CHANNEL_TABLE, "10030302.txt") is None


def test_short_heads_of_text_formats_are_enough() -> None:
    knet = obspy_file("nied/tests/data/test.knet").read_bytes()
    assert detect(knet[:40]) == "KNET"
    stationxml = obspy_file("stationxml/tests/data/minimal_station.xml").read_bytes()
    assert detect(stationxml[:150]) == "STATIONXML"


@pytest.mark.parametrize(
    "head",
    [
        b"",
        PLAIN_TEXT,
        b"Origin Time       unknown\nLat. 38.9\n",
        b"Origin Time(UT)\tLatitude(N)\n2011/03/11,05:46:18.12\t38.1\n",
        b'<?xml version="1.0"?>\n<html><body>FDSNStationXML quakeml</body></html>',
        b'<?xml version="1.0"?>\n<quakeml xmlns="http://example.org/not-quakeml"/>',
        b"<not xml at all",
        b"000001D " + b"x" * 100,  # a miniSEED-like start with an impossible time
        b"# a comment\nnot a channel line\n",
    ],
)
def test_other_content_is_not_detected(head: bytes) -> None:
    assert detect(head) is None
    assert detect(head, "table.ch") is None


def test_cut_binary_heads_are_not_detected() -> None:
    sac = obspy_file("sac/tests/data/test.sac").read_bytes()
    mseed = obspy_file("mseed/tests/data/test.mseed").read_bytes()
    assert detect(sac[:600]) is None  # the SAC header is 632 bytes
    assert detect(mseed[:30]) is None


def test_random_bytes_are_not_detected() -> None:
    rng = np.random.default_rng(20240601)
    heads = [rng.integers(0, 256, HEAD_BYTES, dtype=np.uint8).tobytes() for _ in range(300)]
    assert [detect(head) for head in heads] == [None] * len(heads)

