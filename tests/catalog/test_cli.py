"""The fedcat command as a user runs it: a real subprocess of the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from toy_adapter import write_toy

FEDCAT = [sys.executable, "-c", "from catalog.cli import main; main()"]
TOY_DIR = str(Path(__file__).parent)


def fedcat(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": TOY_DIR, **(env or {})}
    return subprocess.run([*FEDCAT, *args], capture_output=True, text=True, env=environment,
                          timeout=120)


def test_init_then_errors_for_a_missing_node(tmp_path):
    result = fedcat("datasets", "--node", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "nowhere does not exist" in result.stderr and "fedcat init" in result.stderr
    assert fedcat("init", str(tmp_path / "n"), "--name", "lab").returncode == 0
    again = fedcat("init", str(tmp_path / "n"), "--name", "lab")
    assert again.returncode == 2 and "already holds a fedcat node" in again.stderr


def test_bad_node_name_is_refused(tmp_path):
    result = fedcat("init", str(tmp_path / "n"), "--name", "Bad-Name")
    assert result.returncode == 2 and "lower-case" in result.stderr


def test_unknown_adapter_names_the_registered_ones(tmp_path):
    fedcat("init", str(tmp_path / "n"), "--name", "lab")
    result = fedcat("harvest", "nope", str(tmp_path), "--node", str(tmp_path / "n"))
    assert result.returncode == 2 and "no adapter named 'nope'" in result.stderr
    assert "seismic" in result.stderr


@pytest.fixture
def seismic_free_node(tmp_path, node, toy, toy_source):
    """A node harvested with the toy adapter through the Python API (CLI reads it)."""
    from catalog.harvest import harvest

    (toy_source / "notes.txt").write_text("not data\n")
    harvest(node, toy, str(toy_source), workers=1)
    return node


def test_query_formats(seismic_free_node, tmp_path):
    env = {"FEDCAT_NODE": str(seismic_free_node.dir)}
    sql = "SELECT station, sum(value) AS total FROM lab.readings GROUP BY 1 ORDER BY 1"
    as_json = fedcat("query", sql, "--format", "json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == [{"station": "AAA", "total": 3.0},
                                          {"station": "BBB", "total": 7.0},
                                          {"station": "CCC", "total": 5.0}]
    as_csv = fedcat("query", sql, "--format", "csv", env=env)
    assert as_csv.stdout.splitlines() == ['"station","total"', '"AAA",3', '"BBB",7', '"CCC",5']
    target = tmp_path / "out.parquet"
    fedcat("query", sql, "--format", "parquet", "--output", str(target), env=env)
    assert pq.read_table(target).to_pylist()[1] == {"station": "BBB", "total": 7.0}
    as_table = fedcat("query", sql, env=env)
    assert "AAA" in as_table.stdout and "total" in as_table.stdout
    no_output = fedcat("query", sql, "--format", "parquet", env=env)
    assert no_output.returncode == 2 and "--output" in no_output.stderr


def test_query_errors_are_one_line(seismic_free_node):
    env = {"FEDCAT_NODE": str(seismic_free_node.dir)}
    for sql, expected in [("SELEC 1", "syntax error"), ("SELECT * FROM lab.nope", "lab.nope")]:
        result = fedcat("query", sql, env=env)
        assert result.returncode == 2
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_datasets_and_errors_as_json(seismic_free_node):
    env = {"FEDCAT_NODE": str(seismic_free_node.dir)}
    listing = json.loads(fedcat("datasets", "--format", "json", env=env).stdout)
    by_name = {row["dataset"]: row for row in listing}
    assert by_name["lab.readings"]["rows"] == 5 and by_name["lab.readings"]["files"] == 3
    assert by_name["lab.summary"]["access"] == "sensitive"
    assert by_name["lab.readings"]["bytes"] > 0
    failures = json.loads(fedcat("errors", "--format", "json", env=env).stdout)
    assert [(Path(f["url"]).name, f["error_type"]) for f in failures] == [("notes.txt",
                                                                         "UnknownFormat")]


def test_versions_and_changes(seismic_free_node, toy_source):
    env = {"FEDCAT_NODE": str(seismic_free_node.dir)}
    write_toy(toy_source / "a.toy", [("AAA", 100.0)])
    from toy_adapter import ToyAdapter

    from catalog.harvest import harvest

    harvest(seismic_free_node, ToyAdapter(), str(toy_source), workers=1)
    history = json.loads(fedcat("versions", "readings", "--format", "json", env=env).stdout)
    assert [entry["version"] for entry in history] == [0, 1]
    changed = json.loads(fedcat("changes", "readings", "--since", "0", "--format", "json",
                                env=env).stdout)
    assert sorted((c["_change_type"], c["value"]) for c in changed) == [
        ("delete", 1.0), ("delete", 2.0), ("insert", 100.0)]
