"""Shared helpers of the seismic adapter tests: ObsPy's test files and source contexts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from seismic_support import context

from adapters.base import HEAD_BYTES
from adapters.seismic import SeismicAdapter


@pytest.fixture(scope="session")
def adapter() -> SeismicAdapter:
    return SeismicAdapter()


@pytest.fixture
def parse(adapter: SeismicAdapter) -> Callable[..., dict]:
    """Detect and parse a file; return {dataset: [batches]} and check every batch's schema."""

    def run(path: Path, url: str | None = None) -> dict:
        fmt = adapter.detect(path.read_bytes()[:HEAD_BYTES], path.name)
        assert fmt is not None, f"{path.name} not detected"
        out: dict[str, list] = {}
        for name, batch in adapter.parse(context(path, fmt, url)):
            assert batch.schema.equals(adapter.datasets[name].schema), name
            out.setdefault(name, []).append(batch)
        return out

    return run
