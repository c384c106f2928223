"""Helpers of the KEGG tests: run the adapter on text and collect its rows by dataset."""

from __future__ import annotations

import io
from pathlib import Path

from adapters.base import HEAD_BYTES, SourceContext
from adapters.kegg import KeggAdapter
from adapters.kegg.kegg_batches import flat_batches

ADAPTER = KeggAdapter()


def flat_rows(text: str | bytes, block_bytes: int | None = None) -> dict[str, list[dict]]:
    """Every row the flat-file pipeline yields for ``text``, by dataset (schemas checked)."""
    data = text.encode() if isinstance(text, str) else text
    out: dict[str, list[dict]] = {}
    kwargs = {"block_bytes": block_bytes} if block_bytes else {}
    for name, batch in flat_batches(io.BytesIO(data), **kwargs):
        assert batch.schema.equals(ADAPTER.datasets[name].schema), name
        out.setdefault(name, []).extend(batch.to_pylist())
    return out


def by_id(rows: list[dict], column: str) -> dict[str, dict]:
    """Rows keyed by one column."""
    return {row[column]: row for row in rows}


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a file into ``folder`` (created if need be) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, str):
        path.write_text(content)
    else:
        path.write_bytes(content)
    return path


def detect(path: Path) -> str | None:
    """The adapter's format for a file, from its first bytes and name."""
    with open(path, "rb") as handle:
        return ADAPTER.detect(handle.read(HEAD_BYTES), path.name)


def parse(path: Path) -> dict[str, list[dict]]:
    """Detect and parse a file with the adapter; rows by dataset (schemas checked)."""
    fmt = detect(path)
    assert fmt is not None, f"{path.name} not detected"
    context = SourceContext(path=path, url=str(path), fmt=fmt, sibling=lambda name: None)
    out: dict[str, list[dict]] = {}
    for name, batch in ADAPTER.parse(context):
        assert batch.schema.equals(ADAPTER.datasets[name].schema), name
        out.setdefault(name, []).extend(batch.to_pylist())
    return out
