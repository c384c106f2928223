"""Shared fixtures of the biobank adapter tests: the real public samples, parsing, secrets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from adapters.base import HEAD_BYTES, SourceContext
from adapters.kegg.biobank import BiobankAdapter
from adapters.kegg.biobank.pseudonyms import SECRET_ENV
from adapters.kegg.biobank.synthetic import SyntheticCohort, build_cohort

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "biobank"
"""The real public samples (see their PROVENANCE.txt); never copied into the repository."""
SECRET = "test-node-secret-0123456789abcdef"


@pytest.fixture
def real() -> Path:
    """The folder of real samples; the test is skipped where it is absent."""
    if not (REAL / "PROVENANCE.txt").is_file():
        pytest.skip(f"real biobank samples not found at {REAL}")
    return REAL


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A node secret in the environment, as a node operator sets it."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    return SECRET.encode()


@pytest.fixture(scope="session")
def adapter() -> BiobankAdapter:
    return BiobankAdapter()


def _context(path: Path) -> SourceContext:
    """A SourceContext for a local file whose siblings are the files next to it."""
    fmt = BiobankAdapter().detect(path.read_bytes()[:HEAD_BYTES], path.name)
    assert fmt is not None, f"{path.name} not detected"

    def sibling(name: str) -> Path | None:
        candidate = path.parent / name
        return candidate if candidate.is_file() else None

    return SourceContext(path=path, url=str(path), fmt=fmt, sibling=sibling)


@pytest.fixture
def context() -> Callable[[Path], SourceContext]:
    """Build the SourceContext of a local file (format detected)."""
    return _context


@pytest.fixture
def parse(adapter: BiobankAdapter) -> Callable[[Path], dict[str, pa.Table]]:
    """Detect and parse a file; return {dataset: table}, checking every batch's schema."""

    def run(path: Path) -> dict[str, pa.Table]:
        batches: dict[str, list[pa.RecordBatch]] = {}
        for name, batch in adapter.parse(_context(path)):
            assert batch.schema.equals(adapter.datasets[name].schema), name
            batches.setdefault(name, []).append(batch)
        return {name: pa.Table.from_batches(parts) for name, parts in batches.items()}

    return run


@pytest.fixture(scope="session")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> SyntheticCohort:
    """A small synthetic cohort (300 participants, 150 sites), built once."""
    return build_cohort(tmp_path_factory.mktemp("cohort"), participants=300, variants=150,
                        seed=7)
