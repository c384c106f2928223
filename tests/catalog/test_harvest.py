"""The harvest pipeline: incremental runs, bad files, pruning, sources of every kind."""

from __future__ import annotations

import zipfile
from pathlib import Path

import fsspec
import pytest
from toy_adapter import ToyAdapterV2, write_toy

from catalog.errors import SourceNotFoundError
from catalog.harvest import harvest
from catalog.query import QueryEngine
from catalog.store import NodeStore


def readings(node: NodeStore) -> list[tuple[str, float]]:
    rows = QueryEngine(node).arrow("SELECT station, value FROM lab.readings ORDER BY value")
    return list(zip(rows["station"].to_pylist(), rows["value"].to_pylist(), strict=True))


def test_first_harvest_lands_every_file(node, toy, toy_source):
    report = harvest(node, toy, str(toy_source), workers=2)
    assert (report.summary.files_new, report.summary.files_failed) == (3, 0)
    assert report.versions == {"readings": 0, "summary": 0}
    assert readings(node) == [("AAA", 1.0), ("AAA", 2.0), ("BBB", 3.0), ("BBB", 4.0), ("CCC", 5.0)]
    files = {row["url"] for row in node.bookkeeping.rows("SELECT url FROM source_files")}
    assert files == {str(toy_source / name) for name in ("a.toy", "b.toy", "c.toy")}


def test_rerun_of_unchanged_source_commits_nothing(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    report = harvest(node, toy, str(toy_source), workers=1)
    assert report.summary.files_unchanged == 3
    assert report.versions == {}
    assert node.table("readings").version() == 0


def test_changed_file_replaces_exactly_its_rows(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    write_toy(toy_source / "b.toy", [("BBB", 30.0)])
    report = harvest(node, toy, str(toy_source), workers=1)
    assert (report.summary.files_changed, report.summary.files_unchanged) == (1, 2)
    assert readings(node) == [("AAA", 1.0), ("AAA", 2.0), ("CCC", 5.0), ("BBB", 30.0)]
    changes = node.changes("readings", since=0)
    kinds = sorted(zip(changes["_change_type"].to_pylist(), changes["value"].to_pylist(),
                       strict=True))
    assert kinds == [("delete", 3.0), ("delete", 4.0), ("insert", 30.0)]


def test_bad_file_is_recorded_and_keeps_its_earlier_rows(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    write_toy(toy_source / "b.toy", [("BBB", 99.0)], extra="!boom")
    report = harvest(node, toy, str(toy_source), workers=1)
    assert [(f.url, f.error_type) for f in report.failed] == [(str(toy_source / "b.toy"),
                                                               "ParseError")]
    assert "line 3" in report.failed[0].message
    assert ("BBB", 3.0) in readings(node) and ("BBB", 99.0) not in readings(node)
    assert [row["url"] for row in node.bookkeeping.errors()] == [str(toy_source / "b.toy")]
    write_toy(toy_source / "b.toy", [("BBB", 99.0)])
    harvest(node, toy, str(toy_source), workers=1)
    assert node.bookkeeping.errors() == []
    assert ("BBB", 99.0) in readings(node)


@pytest.mark.parametrize(
    ("content", "error_type"),
    [(b"", "EmptyFile"), (b"just some notes\n", "UnknownFormat")],
)
def test_files_that_are_not_data_are_errors_not_crashes(node, toy, toy_source, content,
                                                        error_type):
    (toy_source / "odd.txt").write_bytes(content)
    report = harvest(node, toy, str(toy_source), workers=1)
    assert [(f.url, f.error_type) for f in report.failed] == [(str(toy_source / "odd.txt"),
                                                               error_type)]
    assert report.summary.files_new == 3


def test_unreadable_file_is_an_error(node, toy, toy_source):
    (toy_source / "gone.toy").symlink_to(toy_source / "does-not-exist")
    report = harvest(node, toy, str(toy_source), workers=1)
    assert [(Path(f.url).name, f.error_type) for f in report.failed] == [("gone.toy",
                                                                          "Unreadable")]


def test_prune_drops_rows_of_vanished_files_only_when_asked(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    (toy_source / "c.toy").unlink()
    harvest(node, toy, str(toy_source), workers=1)
    assert ("CCC", 5.0) in readings(node)
    report = harvest(node, toy, str(toy_source), workers=1, prune=True)
    assert report.summary.files_pruned == 1
    assert ("CCC", 5.0) not in readings(node)


def test_prune_leaves_other_sources_alone(node, toy, toy_source, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    write_toy(other / "z.toy", [("ZZZ", 7.0)])
    harvest(node, toy, str(other), workers=1)
    harvest(node, toy, str(toy_source), workers=1, prune=True)
    assert ("ZZZ", 7.0) in readings(node)


def test_glob_source(node, toy, toy_source):
    report = harvest(node, toy, str(toy_source / "[ab].toy"), workers=1)
    assert report.summary.files_seen == 2


def test_zip_source(node, toy, toy_source, tmp_path):
    archive = tmp_path / "toys.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(toy_source.iterdir()):
            bundle.write(path, f"toys/{path.name}")
    report = harvest(node, toy, f"zip://toys::{archive}", workers=2)
    assert report.summary.files_new == 3
    assert len(readings(node)) == 5
    urls = {row["url"] for row in node.bookkeeping.rows("SELECT url FROM source_files")}
    assert f"zip://toys/a.toy::{archive}" in urls


def test_memory_source(node, toy):
    fs = fsspec.filesystem("memory")
    fs.pipe("/drop/one.toy", b"#toy\nMEM,1.5\n")
    report = harvest(node, toy, "memory://drop", workers=2)
    assert report.summary.files_new == 1
    assert readings(node) == [("MEM", 1.5)]


@pytest.mark.parametrize("url", ["/no/such/folder", "memory://nothing-here", "/tmp/*.none"])
def test_missing_source_is_a_clear_error(node, toy, url):
    with pytest.raises(SourceNotFoundError, match="source"):
        harvest(node, toy, url, workers=1)


def test_leftovers_of_a_killed_write_are_removed(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    orphan = node.table_dir("readings") / "part-00000-orphan.zstd.parquet"
    orphan.write_bytes(b"PAR1 half written")
    stale = node.dir / "staging" / "run-99"
    stale.mkdir()
    (stale / "spill-0000000.readings.arrow").write_bytes(b"junk")
    write_toy(toy_source / "d.toy", [("DDD", 6.0)])
    harvest(node, toy, str(toy_source), workers=1)
    assert not orphan.exists() and not stale.exists()
    assert len(readings(node)) == 6
    assert all(Path(f).exists() for v in (0, 1) for f in node.version_files("readings", v)[1])


def test_new_adapter_version_reparses_unchanged_files(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    report = harvest(node, ToyAdapterV2(), str(toy_source), workers=1)
    assert (report.summary.files_changed, report.summary.files_unchanged) == (3, 0)
    assert len(readings(node)) == 5
