"""A real seismic node (ObsPy's own records, harvested once per session), copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import obspy
import pyarrow as pa
import pytest

from catalog.demo import assemble_source
from catalog.harvest import harvest
from catalog.store import NodeStore

OBSPY_IO = Path(obspy.__file__).parent / "io"
KNET = OBSPY_IO / "nied/tests/data/test.knet"


@pytest.fixture(scope="session")
def harvested_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A node ``nied`` with the demo's real records, harvested once."""
    base = tmp_path_factory.mktemp("template")
    assemble_source(base / "source")
    store = NodeStore.init(base / "node", "nied")
    harvest(store, "seismic", str(base / "source"), workers=1)
    store.bookkeeping.close()
    return base


@pytest.fixture
def node(harvested_template: Path, tmp_path: Path) -> NodeStore:
    """A private copy of the harvested node."""
    shutil.copytree(harvested_template / "node", tmp_path / "node")
    return NodeStore.open(tmp_path / "node")


@pytest.fixture
def harvest_knet_copy(node: NodeStore) -> Callable[[str, str], dict[str, int]]:
    """Harvest a copy of ObsPy's real K-NET record under another station code and latitude."""

    def run(station: str, latitude: str) -> dict[str, int]:
        text = KNET.read_text().replace("AKT013", station)
        text = text.replace("Station Lat.      39.6069", f"Station Lat.      {latitude}")
        target = node.dir.parent / "more" / f"{station}.knet"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text)
        return harvest(node, "seismic", str(target.parent), workers=1).versions

    return run


@pytest.fixture
def commit_rows(node: NodeStore) -> Callable[[str, list[dict]], int]:
    """Add rows to a dataset as a new version through ``store.commit``."""

    def run(dataset: str, rows: list[dict]) -> int:
        schema = node.version_files(dataset)[2]
        table = pa.Table.from_pylist(rows, schema=schema)
        reader = pa.RecordBatchReader.from_batches(schema, table.to_batches())
        return node.commit(dataset, reader, [])

    return run
