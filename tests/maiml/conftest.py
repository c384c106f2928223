"""Shared fixtures of the MaiML tests: the real sample documents (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

NIMS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "nims"
SAMPLES = [
    "gc-ms.maiml",
    "protocol-example.maiml",
    "invalid-dates-units.maiml",
    "invalid-no-namespace.maiml",
]


@pytest.fixture
def nims() -> Path:
    """The folder of real MaiML documents; the test is skipped when it is absent."""
    if not NIMS.is_dir():
        pytest.skip(f"sample data not found at {NIMS}")
    return NIMS


@pytest.fixture(params=SAMPLES)
def sample(request: pytest.FixtureRequest, nims: Path) -> Path:
    """Each real sample document in turn."""
    path = nims / request.param
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return path
