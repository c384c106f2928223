"""The seismic adapter end to end on ObsPy's real test files: schemas, values, errors."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import numpy as np
import obspy
import pytest
from obspy import Stream, Trace, UTCDateTime
from seismic_support import context, obspy_file
from win32_writer import win_to_win32

from adapters.base import ParseError
from adapters.registry import load_adapter
from adapters.seismic import SeismicAdapter
from adapters.seismic.schemas import SEISMIC_DATASETS

JST = timedelta(hours=9)
QUIET_LIBMSEED = pytest.mark.filterwarnings("ignore::obspy.io.mseed.InternalMSEEDWarning")
JMA_RECORD = (  # a real record of JMA's hypocentre catalogue (quoted in SCECcode/pycsep)
    b"J2013010100033169 015 372521 029 1412406 076 279510616V   511   2 69E OFF FUKUSHIMA"
    b" PREF     30K\n"
)


def rows(batches: dict, name: str) -> list[dict]:
    return [row for batch in batches.get(name, []) for row in batch.to_pylist()]


def utc(time: UTCDateTime):
    return time.datetime.replace(tzinfo=UTC)


def test_adapter_is_registered() -> None:
    adapter = load_adapter("seismic")
    assert isinstance(adapter, SeismicAdapter)
    assert (adapter.name, adapter.version) == ("seismic", "0.1.0")
    assert adapter.datasets is SEISMIC_DATASETS


@pytest.mark.parametrize(
    ("relative", "fmt", "unit"),
    [
        ("mseed/tests/data/test.mseed", "MSEED", "counts"),
        ("mseed/tests/data/two_channels.mseed", "MSEED", "counts"),
        ("mseed/tests/data/gaps.mseed", "MSEED", "counts"),
        ("sac/tests/data/test.sac", "SAC", "counts"),
        ("sac/tests/data/test.sac.swap", "SAC", "counts"),
        ("sac/tests/data/seism.sac", "SAC", "V"),  # idep = IVOLTS
        ("win/tests/data/10030302.00", "WIN", "counts"),
    ],
)
def test_waveforms_agree_with_obspy(parse, relative: str, fmt: str, unit: str) -> None:
    path = obspy_file(relative)
    batches = parse(path)
    reference = obspy.read(str(path), format=fmt)
    waveforms = rows(batches, "waveforms")
    samples = rows(batches, "waveform_samples")
    assert len(waveforms) == len(samples) == len(reference)
    shift = JST if fmt == "WIN" else timedelta(0)  # ObsPy leaves WIN times in JST
    for index, (row, sample, trace) in enumerate(zip(waveforms, samples, reference, strict=True)):
        stats = trace.stats
        assert row["trace_index"] == sample["trace_index"] == index
        assert (row["network"], row["station"], row["location"], row["channel"]) == (
            stats.network, stats.station, stats.location, stats.channel)
        assert (row["format"], row["unit"], row["calib"]) == (fmt, unit, stats.calib)
        assert (row["npts"], row["sampling_rate"]) == (stats.npts, stats.sampling_rate)
        assert row["starttime"] == utc(stats.starttime) - shift
        assert row["endtime"] == utc(stats.endtime) - shift
        np.testing.assert_allclose(sample["samples"], trace.data * stats.calib, rtol=1e-6)
        assert row["pga_gal"] is row["event_origin_time"] is row["station_latitude"] is None


def test_many_traces_come_in_bounded_batches(parse, tmp_path: Path) -> None:
    path = tmp_path / "many.mseed"
    stream = Stream([Trace(np.arange(50, dtype=np.int32),
                           header={"station": f"S{i:03d}", "channel": "HHZ"}) for i in range(100)])
    stream.write(str(path), format="MSEED")
    batches = parse(path)
    assert [b.num_rows for b in batches["waveforms"]] == [64, 36]
    assert [b.num_rows for b in batches["waveform_samples"]] == [64, 36]
    assert [row["station"] for row in rows(batches, "waveforms")] == [
        f"S{i:03d}" for i in range(100)]


def test_noise_records_are_fine(parse) -> None:
    batches = parse(obspy_file("mseed/tests/data/various_noise_records.mseed"))
    assert len(rows(batches, "waveforms")) == 4


@QUIET_LIBMSEED
@pytest.mark.parametrize("keep", [8092, 5000, 4096 + 64])
def test_truncated_mseed_is_an_error(parse, tmp_path: Path, keep: int) -> None:
    path = tmp_path / "cut.mseed"
    path.write_bytes(obspy_file("mseed/tests/data/test.mseed").read_bytes()[:keep])
    with pytest.raises(ParseError, match="no record ObsPy could decode"):
        parse(path)


@QUIET_LIBMSEED
@pytest.mark.parametrize(
    ("relative", "where"),
    [
        ("mseed/tests/data/brokenlastrecord.mseed", "miniSEED records"),
        ("sac/tests/data/seism-shorter.sac", "SAC (obspy.read)"),
    ],
)
def test_corrupt_waveform_files_are_errors(parse, relative: str, where: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(obspy_file(relative))
    assert caught.value.location.startswith(where)


def _win32_copy(tmp_path: Path) -> Path:
    win = obspy_file("win/tests/data/10030302.00").read_bytes()
    path = tmp_path / "10030302.cnt"
    path.write_bytes(win_to_win32(win))
    return path


def test_win32_without_channel_table_is_counts_like_win(parse, tmp_path: Path) -> None:
    win32 = rows(parse(_win32_copy(tmp_path)), "waveforms")
    win = rows(parse(obspy_file("win/tests/data/10030302.00")), "waveforms")
    assert [row["unit"] for row in win32] == ["counts", "counts"]
    assert [row["calib"] for row in win32] == [1.0, 1.0]
    same = ("starttime", "endtime", "npts", "sampling_rate")
    assert [[row[key] for key in same] for row in win32] == [[row[key] for key in same]
                                                             for row in win]


def test_win32_channel_table_gives_units_calibration_and_site(parse, tmp_path: Path) -> None:
    path = _win32_copy(tmp_path)
    (tmp_path / "10030302.ch").write_text(
        "# id flag delay station comp amp bits sens unit period damp gain lsb lat lon height\n"
        "a100 1 0 N.TST U 6 27 200.0 m/s 1.0 0.7 20 1.0e-06 35.5 139.25 -120\n"
        "a101 1 0 N.TST E 6 27 200.0 m/s 1.0 0.7 20 1.0e-06 35.5 139.25 -120\n"
    )
    batches = parse(path)
    counts = obspy.read(str(obspy_file("win/tests/data/10030302.00")), format="WIN")
    calib = 1.0e-06 / (200.0 * 10 ** (20 / 20))
    for row, sample, trace in zip(rows(batches, "waveforms"), rows(batches, "waveform_samples"),
                                  counts, strict=True):
        assert (row["station"], row["unit"]) == ("N.TST", "m/s")
        assert row["calib"] == pytest.approx(calib)
        assert (row["station_latitude"], row["station_longitude"]) == (35.5, 139.25)
        assert row["station_elevation_m"] == -120
        np.testing.assert_allclose(sample["samples"], trace.data * calib, rtol=1e-6)


def test_channel_table_is_recognised_and_yields_nothing(adapter, tmp_path: Path) -> None:
    table = tmp_path / "net.ch"
    table.write_text("a100 1 0 N.TST U 6 27 200.0 m/s 1.0 0.7 20 1.0e-06 35.5 139.25 -120\n")
    assert adapter.detect(table.read_bytes(), table.name) == "WIN32_CHANNEL_TABLE"
    assert list(adapter.parse(context(table, "WIN32_CHANNEL_TABLE"))) == []
    table.write_text("a100 1 0 N.TST U 6 27 zero m/s 1.0 0.7 20 1.0e-06 35.5 139.25 -120\n")
    with pytest.raises(ParseError, match="line 1"):
        list(adapter.parse(context(table, "WIN32_CHANNEL_TABLE")))


def test_stationxml_rows_agree_with_obspy(parse) -> None:
    path = obspy_file("stationxml/tests/data/IRIS_single_channel_with_response.xml")
    (row,) = rows(parse(path), "stations")
    channel = obspy.read_inventory(str(path))[0][0][0]
    sensitivity = channel.response.instrument_sensitivity
    assert (row["network"], row["station"], row["location"], row["channel"]) == (
        "IU", "ANMO", "10", "BHZ")
    assert (row["latitude"], row["longitude"], row["elevation_m"], row["depth_m"]) == (
        channel.latitude, channel.longitude, channel.elevation, channel.depth)
    assert (row["azimuth"], row["dip"], row["sampling_rate"]) == (0.0, -90.0, 40.0)
    assert row["start_date"] == utc(channel.start_date)
    assert (row["sensitivity"], row["sensitivity_frequency"]) == (
        sensitivity.value, sensitivity.frequency)
    assert (row["input_unit"], row["output_unit"]) == ("M/S", "COUNTS")
    assert row["response_stages"] == len(channel.response.response_stages) == 3


def test_stationxml_sensor_and_channel_less_station(parse) -> None:
    (row,) = rows(parse(obspy_file("stationxml/tests/data/F1_423_small.xml")), "stations")
    assert row["sensor"] == "GEM (Infrasound), 0.2-50 Hz, 0.4 V/Pa-null"
    path = obspy_file("stationxml/tests/data/full_station_field_station.xml")
    (row,) = rows(parse(path), "stations")
    assert row["station"] and row["channel"] is None and row["latitude"] is not None


def test_cut_stationxml_is_an_error(parse, tmp_path: Path) -> None:
    text = obspy_file("stationxml/tests/data/IRIS_single_channel_with_response.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(text[: len(text) // 2])
    with pytest.raises(ParseError) as caught:
        parse(path)
    assert caught.value.location == "StationXML (obspy.read_inventory)"


@pytest.mark.parametrize("name", ["iris_events.xml", "preferred.xml", "neries_events.xml",
                                  "quakeml_1.2_origin.xml"])
def test_quakeml_rows_use_the_preferred_origin_and_magnitude(parse, name: str) -> None:
    path = obspy_file(f"quakeml/tests/data/{name}")
    events = rows(parse(path), "events")
    catalog = obspy.read_events(str(path))
    assert len(events) == len(catalog)
    for row, event in zip(events, catalog, strict=True):
        origin = event.preferred_origin() or event.origins[0]
        magnitude = event.preferred_magnitude() or next(iter(event.magnitudes), None)
        assert row["event_id"] == str(event.resource_id)
        assert row["origin_time"] == utc(origin.time)
        assert (row["latitude"], row["longitude"]) == (origin.latitude, origin.longitude)
        assert row["depth_km"] == pytest.approx(origin.depth / 1000)
        assert row["magnitude"] == (magnitude.mag if magnitude else None)
        assert row["catalog"] == "QuakeML"


def test_quakeml_region_from_the_event_description(parse) -> None:
    events = rows(parse(obspy_file("quakeml/tests/data/iris_events.xml")), "events")
    assert events[0]["region"] == "NEAR EAST COAST OF HONSHU, JAPAN"
    assert (events[0]["magnitude"], events[0]["magnitude_type"]) == (9.1, "MW")


def test_fnet_moment_tensor_catalogue(parse) -> None:
    (row,) = rows(parse(obspy_file("nied/tests/data/FNETMTCATALOG")), "events")
    assert row["catalog"] == "F-net MT"
    assert (row["magnitude"], row["magnitude_type"]) == (8.7, "Mw")
    assert row["origin_time"] == utc(UTCDateTime(2011, 3, 11, 5, 46, 18, 120000))
    assert (row["latitude"], row["longitude"], row["depth_km"]) == (38.1035, 142.861, 20.0)
    assert row["region"] == "FAR_E_OFF_MIYAGI_PREF"
    assert row["event_id"] == "smi:local/fnetmt/2011excpds/event"


def test_fnet_catalogue_with_a_wrong_count_is_an_error(parse, tmp_path: Path) -> None:
    text = obspy_file("nied/tests/data/FNETMTCATALOG").read_text()
    path = tmp_path / "fnet.txt"
    path.write_text(text.replace("Total Number: 1", "Total Number: 2"))
    with pytest.raises(ParseError, match="Expected 2 events"):
        parse(path)


def test_jma_hypocentres(parse, tmp_path: Path) -> None:
    path = tmp_path / "h2013"
    path.write_bytes(JMA_RECORD * 2)
    events = rows(parse(path), "events")
    assert len(events) == 2
    assert {row["catalog"] for row in events} == {"JMA"}
    assert events[0]["origin_time"] == utc(UTCDateTime(2013, 1, 1, 0, 3, 31.69)) - JST


def test_unknown_format_is_an_error(adapter) -> None:
    with pytest.raises(ParseError, match="not a seismic format"):
        list(adapter.parse(context(obspy_file("nied/tests/data/test.knet"), "GSE2")))
