"""K-NET/KiK-net ASCII: header by position, modern labels, units, PGA, times, bad files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import obspy
import pytest
from obspy.io.nied.knet import KNETException
from seismic_support import context, obspy_file

from adapters.base import ParseError
from adapters.seismic import SeismicAdapter
from adapters.seismic.knet import (
    LABELS,
    header_values,
    normalised_header,
    parse_header,
    read_knet,
    sensor_position,
)

TEST_KNET = obspy_file("nied/tests/data/test.knet")
MODERN_LABELS = {
    "Long.": "Lon.",
    "Station Long.": "Station Lon.",
    "Max. Acc. (gal)": "Max Acc. (gal)",
}


def knet_copy(tmp_path: Path, name: str, edit=lambda lines: lines) -> Path:
    """test.knet copied to ``tmp_path / name`` with its lines passed through ``edit``."""
    lines = TEST_KNET.read_text().splitlines(keepends=True)
    path = tmp_path / name
    path.write_text("".join(edit(lines)))
    return path


def relabel(lines: list[str]) -> list[str]:
    """The header labels as NIED writes some of them today (``Lon.``, ``Max Acc.``)."""
    out = list(lines)
    for index, label in enumerate(LABELS):
        if label in MODERN_LABELS:
            value = out[index][len(label):].strip()
            out[index] = f"{MODERN_LABELS[label]:<18}{value}\n"
    return out


def rows(path: Path, url: str | None = None) -> tuple[dict, np.ndarray]:
    """The single waveforms row and samples of a K-NET file parsed by the adapter."""
    batches = dict(SeismicAdapter().parse(context(path, "KNET", url)))
    (row,) = batches["waveforms"].to_pylist()
    (samples,) = batches["waveform_samples"].column("samples").to_numpy(zero_copy_only=False)
    return row, samples


def test_header_is_typed_by_position_with_utc_times() -> None:
    record = read_knet(TEST_KNET, TEST_KNET.name)
    header = record.header
    assert header.origin_time == datetime(1996, 8, 10, 18, 12, 0, tzinfo=UTC)  # 03:12 JST
    assert (header.latitude, header.longitude, header.depth_km, header.magnitude) == (
        38.92, 140.63, 7.0, 5.9)
    assert header.station == "AKT013"
    assert (header.station_latitude, header.station_longitude, header.station_height_m) == (
        39.6069, 140.3213, 34.0)
    assert header.record_time == datetime(1996, 8, 10, 18, 12, 39, tzinfo=UTC)
    assert (header.sampling_rate_hz, header.duration_s, header.direction) == (100.0, 59.0, "E-W")
    assert header.calib_gal == 2000 / 8388608
    assert header.max_acc_gal == 4.383
    assert header.last_correction == datetime(1996, 8, 10, 18, 0, 0, tzinfo=UTC)
    assert header.memo == "A dummy comment"


def test_start_time_drops_the_15_s_trigger_delay_like_obspy() -> None:
    row, _ = rows(TEST_KNET)
    header = read_knet(TEST_KNET, TEST_KNET.name).header
    assert row["starttime"] == datetime(1996, 8, 10, 18, 12, 24, tzinfo=UTC)
    assert row["starttime"] == header.record_time - timedelta(seconds=15) == header.starttime
    assert row["starttime"] == obspy.read(str(TEST_KNET))[0].stats.starttime.datetime.replace(
        tzinfo=UTC)
    assert row["event_origin_time"] == datetime(1996, 8, 10, 18, 12, tzinfo=UTC)


def test_header_fills_station_and_event_columns() -> None:
    row, _ = rows(TEST_KNET)
    station = (row["station_latitude"], row["station_longitude"], row["station_elevation_m"])
    event = (row["event_latitude"], row["event_longitude"], row["event_depth_km"],
             row["event_magnitude"])
    assert station == (39.6069, 140.3213, 34.0)
    assert event == (38.92, 140.63, 7.0, 5.9)
    assert (row["format"], row["sampling_rate"], row["location"]) == ("KNET", 100.0, "")


def test_samples_are_gal_and_agree_with_obspy() -> None:
    row, samples = rows(TEST_KNET)
    trace = obspy.read(str(TEST_KNET), format="KNET")[0]
    assert row["unit"] == "gal"
    assert row["calib"] == pytest.approx(trace.stats.calib * 100, rel=1e-12)  # m/s^2 -> gal
    np.testing.assert_allclose(samples, trace.data * trace.stats.calib * 100, rtol=1e-6)
    assert row["npts"] == len(samples) == 5900
    assert (row["network"], row["station"], row["channel"]) == ("BO", "AKT013", "EW")


def test_pga_matches_header_max_acc() -> None:
    row, _ = rows(TEST_KNET)
    assert row["header_max_acc_gal"] == 4.383
    assert row["pga_gal"] == pytest.approx(4.383, rel=0.005)
    assert row["pga_gal"] == pytest.approx(4.38328, abs=1e-5)


def test_modern_labels_give_identical_output(tmp_path: Path) -> None:
    modern = knet_copy(tmp_path, "test.knet", relabel)
    text = modern.read_text()
    assert "Lon. " in text and "Station Lon." in text and "Max Acc." in text
    with pytest.raises(KNETException):
        obspy.read(str(modern), format="KNET")  # ObsPy alone rejects these labels
    old_row, old_samples = rows(TEST_KNET)
    new_row, new_samples = rows(modern)
    assert new_row == old_row
    np.testing.assert_array_equal(new_samples, old_samples)


def test_header_normalises_to_obspy_labels() -> None:
    lines = relabel(TEST_KNET.read_text().splitlines(keepends=True))
    values = header_values(lines[: len(LABELS)])
    assert normalised_header(values) == "".join(TEST_KNET.read_text().splitlines(True)[:17])
    assert parse_header(values) == read_knet(TEST_KNET, "x").header


@pytest.mark.parametrize(
    ("name", "position", "channel"),
    [
        ("AKTH041108110312.EW1", "borehole", "EW1"),
        ("AKTH041108110312.ns2", "surface", "EW2"),
        ("AKT0131108110312.EW", "surface", "EW"),
        ("test.knet", None, "EW"),
    ],
)
def test_sensor_position_from_extension(tmp_path: Path, name: str, position, channel) -> None:
    row, _ = rows(knet_copy(tmp_path, name))
    assert (row["sensor_position"], row["channel"]) == (position, channel)


def test_sensor_position_from_original_name_in_url(tmp_path: Path) -> None:
    local = knet_copy(tmp_path, "download.tmp")
    row, _ = rows(local, url="https://example.org/kik/AKTH041108110312.EW1")
    assert (row["sensor_position"], row["channel"]) == ("borehole", "EW1")


@pytest.mark.parametrize(("direction", "position", "channel"), [("2", "borehole", "EW1"),
                                                               ("6", "surface", "UD2")])
def test_kiknet_numbered_direction(tmp_path: Path, direction, position, channel) -> None:
    def edit(lines: list[str]) -> list[str]:
        lines[12] = f"Dir.              {direction}\n"
        return lines

    row, _ = rows(knet_copy(tmp_path, "x.knet", edit))
    assert (row["sensor_position"], row["channel"]) == (position, channel)
    assert sensor_position(direction, "AKTH04.EW2") == position  # the direction wins


def _replace_line(index: int, text: str):
    def edit(lines: list[str]) -> list[str]:
        lines[index] = text
        return lines

    return edit


@pytest.mark.parametrize(
    ("index", "text", "where"),
    [
        (13, "Scale Factor\n", "header line 14 (Scale Factor)"),
        (13, "Scale Factor      2000/8388608\n", "header line 14 (Scale Factor)"),
        (13, "Scale Factor      2000(gal)/0\n", "header line 14 (Scale Factor)"),
        (4, "Mag.\n", "header line 5 (Mag.)"),
        (5, "Station Code\n", "header line 6 (Station Code)"),
        (6, "Station Lat.      north\n", "header line 7 (Station Lat.)"),
        (9, "Record Time       1996/08/11 03:1x:39\n", "header line 10 (Record Time)"),
        (10, "Sampling Freq(Hz) fast\n", "header line 11 (Sampling Freq(Hz))"),
        (16, "", "header line 17 (Memo.)"),
    ],
)
def test_bad_header_value_names_its_line(tmp_path: Path, index: int, text: str, where: str) -> None:
    path = knet_copy(tmp_path, "bad.knet", _replace_line(index, text))
    with pytest.raises(ParseError) as caught:
        rows(path)
    assert caught.value.location == where
    assert where in str(caught.value)


def test_truncated_record_is_an_error(tmp_path: Path) -> None:
    path = knet_copy(tmp_path, "cut.knet", lambda lines: lines[:-10])
    with pytest.raises(ParseError, match="truncated") as caught:
        rows(path)
    assert caught.value.location == "header line 12 (Duration Time(s))"


def test_short_header_is_an_error(tmp_path: Path) -> None:
    path = knet_copy(tmp_path, "short.knet", lambda lines: lines[:12])
    with pytest.raises(ParseError, match="header ends after 12 lines"):
        rows(path)


def test_non_numeric_sample_is_an_error(tmp_path: Path) -> None:
    path = knet_copy(tmp_path, "junk.knet", _replace_line(30, "  -18205   oops\n"))
    with pytest.raises(ParseError, match="oops") as caught:
        rows(path)
    assert caught.value.location == "data section (after header line 17)"
