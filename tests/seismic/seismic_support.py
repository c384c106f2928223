"""Helpers of the seismic tests: ObsPy's own test files and source contexts."""

from __future__ import annotations

from pathlib import Path

import obspy

from adapters.base import SourceContext

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
