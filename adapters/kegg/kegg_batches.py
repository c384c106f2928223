"""Flat files to record batches: blocks of whole records, each record to its table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import pyarrow as pa

from adapters.base import ParseError
from adapters.kegg.kegg_columns import BadRecord
from adapters.kegg.kegg_flat import BLOCK_BYTES, FlatChunk, cut_off, iter_blocks
from adapters.kegg.kegg_tables import assign_tables


def flat_batches(handle: BinaryIO, block_bytes: int = BLOCK_BYTES
                 ) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(dataset, batch)`` for the records of a flat file (databases may mix).

    On a bad record (or a file cut off mid-record) the batches of the records before it are
    yielded first, then a :class:`ParseError` naming the entry is raised.
    """
    first_line = 1
    for data, whole in iter_blocks(handle, block_bytes):
        if not whole:
            raise cut_off(data, first_line)
        chunk = FlatChunk(data, first_line)
        first_line += chunk.n_lines
        error = chunk.error
        while True:
            try:
                batches = _chunk_batches(chunk)
                break
            except BadRecord as bad:
                entry, line = chunk.ids[bad.record].as_py(), chunk.line_number(bad.record)
                error = ParseError(f"entry {entry}: {bad}", location=f"line {line}")
                chunk = chunk.truncate(bad.record)
        yield from batches
        if error is not None:
            raise error


def _chunk_batches(chunk: FlatChunk) -> list[tuple[str, pa.RecordBatch]]:
    """The batches of one block, all built before any is yielded (a bad record must not
    leave a block half-yielded)."""
    return [(table.spec.name, table.build(chunk.view(records)))
            for table, records in assign_tables(chunk)]
