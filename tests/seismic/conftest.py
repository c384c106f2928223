"""Shared helpers of the seismic adapter tests: ObsPy's test files and source contexts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import obspy
import pytest

from adapters.base import HEAD_BYTES, SourceContext
from adapters.seismic import SeismicAdapter

OBSPY_IO = Path(obspy.__file__).parent / "io"


def obspy_file(relative: str) -> Path:
    """A test data file shipped with ObsPy, e.g. ``nied/tests/data/test.knet``."""
    path = OBSPY_IO / relative
    assert path.is_file(), path
    return path


def context(path: Path, fmt: str, url: str | None = None) -> SourceContext:
    """A SourceContext for a local file whose siblings are the files next to it."""

    def sibling(name: str) -> Path | None:
        candidate = path.parent / name
        return candidate if candidate.exists() else None

    return SourceContext(path=path, url=url or str(path), fmt=fmt, sibling=sibling)


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
