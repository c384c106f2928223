"""A real seismic node (ObsPy's records harvested by the seismic adapter) with its metadata
built, shared by the metadata tests of one session (they only read it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.config import DatasetSettings
from catalog.demo import assemble_source
from catalog.harvest import harvest
from catalog.metadata import refresh_metadata
from catalog.store import NodeStore

JAPANESE_DESCRIPTION = "強震動 波形 東北地方太平洋沖地震 (K-NET, KiK-net, WIN32, miniSEED)"


def build_node(base: Path) -> NodeStore:
    """Harvest the demo's real records into a node ``nied`` and build its metadata."""
    source = base / "source"
    assemble_source(source)
    store = NodeStore.init(base / "node", "nied", institution="NIED")
    store.config.datasets["waveforms"] = DatasetSettings(description=JAPANESE_DESCRIPTION)
    store.config.save(store.dir)
    harvest(store, "seismic", str(source), workers=1)
    refresh_metadata(store)
    return store


@pytest.fixture(scope="session")
def seismic_node(tmp_path_factory: pytest.TempPathFactory) -> NodeStore:
    """The shared, read-only seismic node with metadata."""
    return build_node(tmp_path_factory.mktemp("metadata"))


@pytest.fixture
def fresh_node(tmp_path: Path) -> NodeStore:
    """A seismic node of the test's own, for tests that change it."""
    return build_node(tmp_path)
