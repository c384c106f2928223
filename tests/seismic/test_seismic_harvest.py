"""The seismic node end to end through the `fedcat` command: real ObsPy records and bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import obspy
import pytest

from catalog.demo import assemble_source

OBSPY_IO = Path(obspy.__file__).parent / "io"


def fedcat(*args: str, node: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"FEDCAT_NODE": str(node)} if node else {})}
    return subprocess.run([sys.executable, "-c", "from catalog.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def as_json(*args: str, node: Path) -> list[dict]:
    result = fedcat(*args, "--format", "json", node=node)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def harvested(tmp_path: Path) -> tuple[Path, Path]:
    """A node ``nied`` holding the demo's real records, harvested through the CLI."""
    source, node = tmp_path / "source", tmp_path / "node"
    assemble_source(source)
    assert fedcat("init", str(node), "--name", "nied").returncode == 0
    result = fedcat("harvest", "seismic", str(source), "--node", str(node), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "0 failed" in result.stdout
    return source, node


def test_pga_query_agrees_with_obspy_and_the_header(harvested):
    _, node = harvested
    rows = as_json("query", "SELECT station, max(pga_gal) AS pga, max(header_max_acc_gal) AS "
                   "header FROM nied.waveforms WHERE format = 'KNET' GROUP BY 1", node=node)
    trace = obspy.read(str(OBSPY_IO / "nied/tests/data/test.knet"))[0]
    gal = trace.data * trace.stats.calib * 100.0  # ObsPy's K-NET calib is m/s² per count
    assert rows[0]["station"] == "AKT013"
    assert rows[0]["pga"] == pytest.approx(np.abs(gal - gal.mean()).max(), rel=1e-6)
    assert rows[0]["pga"] == pytest.approx(rows[0]["header"], rel=0.005)


def test_every_dataset_is_listed_with_rows_and_files(harvested):
    _, node = harvested
    listing = {row["dataset"]: row for row in as_json("datasets", node=node)}
    assert set(listing) == {"nied.waveforms", "nied.waveform_samples", "nied.stations",
                            "nied.events"}
    assert listing["nied.waveforms"]["rows"] == listing["nied.waveform_samples"]["rows"] > 0
    assert all(row["access"] == "public" and row["version"] == 0 for row in listing.values())


def write_bad_files(folder: Path) -> dict[str, str]:
    """The bad inputs the node must survive; returns file name → expected error type."""
    folder.mkdir()
    knet = (OBSPY_IO / "nied/tests/data/test.knet").read_text()
    (folder / "truncated.knet").write_text(knet[: len(knet) // 2])
    lines = knet.splitlines(keepends=True)
    lines[13] = "Scale Factor      \n"
    (folder / "no-scale.knet").write_text("".join(lines))
    win = (OBSPY_IO / "win/tests/data/10030302.00").read_bytes()
    (folder / "cut.win").write_bytes(win[: len(win) // 3 + 100])  # mid second block
    (folder / "empty.mseed").write_bytes(b"")
    (folder / "notes.txt").write_text("field notes: nothing seismic here\n")
    (folder / "unreadable.sac").symlink_to(folder / "missing-target")
    return {"truncated.knet": "ParseError", "no-scale.knet": "ParseError",
            "cut.win": "ParseError", "empty.mseed": "EmptyFile", "notes.txt": "UnknownFormat",
            "unreadable.sac": "Unreadable"}


def test_bad_files_are_reported_and_nothing_harvested_is_lost(harvested):
    source, node = harvested
    before = as_json("query", "SELECT count(*) AS n, sum(npts) AS s FROM nied.waveforms",
                     node=node)
    expected = write_bad_files(source / "bad")
    result = fedcat("harvest", "seismic", str(source), "--node", str(node))
    assert result.returncode == 0
    failed_lines = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed_lines) == len(expected)
    errors = {Path(row["url"]).name: row for row in as_json("errors", node=node)}
    assert {name: row["error_type"] for name, row in errors.items()} == expected
    assert "line 14" in errors["no-scale.knet"]["message"]
    assert "byte" in errors["cut.win"]["message"]
    after = as_json("query", "SELECT count(*) AS n, sum(npts) AS s FROM nied.waveforms",
                    node=node)
    assert after == before
    assert [v["version"] for v in as_json("versions", "waveforms", node=node)] == [0]
    strict = fedcat("harvest", "seismic", str(source), "--node", str(node), "--strict")
    assert strict.returncode == 1


def test_missing_source_and_missing_node_are_one_line_errors(harvested, tmp_path):
    _, node = harvested
    missing = fedcat("harvest", "seismic", str(tmp_path / "no-such-dir"), "--node", str(node))
    assert missing.returncode == 2 and "no-such-dir" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    no_node = fedcat("harvest", "seismic", str(tmp_path), "--node", str(tmp_path / "nowhere"))
    assert no_node.returncode == 2 and "nowhere does not exist" in no_node.stderr


def test_changed_record_gets_a_new_version_with_exactly_its_rows(harvested):
    source, node = harvested
    knet = source / "knet" / "test.knet"
    knet.write_text(knet.read_text().replace("AKT013", "AKT099"))
    result = fedcat("harvest", "seismic", str(source), "--node", str(node))
    assert "1 changed" in result.stdout
    stations = as_json("query", "SELECT station FROM nied.waveforms WHERE format = 'KNET'",
                       node=node)
    assert stations == [{"station": "AKT099"}]
    old = as_json("query", "SELECT station FROM nied.waveforms VERSION AS OF 0 "
                  "WHERE format = 'KNET'", node=node)
    assert old == [{"station": "AKT013"}]
    changes = as_json("changes", "waveforms", "--since", "0", node=node)
    assert sorted((c["_change_type"], c["station"]) for c in changes) == [
        ("delete", "AKT013"), ("insert", "AKT099")]
