"""Fixtures for the catalog tests: a fresh node and a toy source folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from toy_adapter import ToyAdapter, write_toy  # noqa: E402

from catalog.store import NodeStore  # noqa: E402


@pytest.fixture
def node(tmp_path: Path) -> NodeStore:
    """An empty node named ``lab``."""
    return NodeStore.init(tmp_path / "node", "lab")


@pytest.fixture
def toy() -> ToyAdapter:
    """The toy adapter."""
    return ToyAdapter()


@pytest.fixture
def toy_source(tmp_path: Path) -> Path:
    """A folder with three toy files (5 readings in all)."""
    source = tmp_path / "source"
    source.mkdir()
    write_toy(source / "a.toy", [("AAA", 1.0), ("AAA", 2.0)])
    write_toy(source / "b.toy", [("BBB", 3.0), ("BBB", 4.0)])
    write_toy(source / "c.toy", [("CCC", 5.0)])
    return source
