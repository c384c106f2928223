"""KEGG REST outputs (tab-separated): ``link``/``conv`` to an edge table, ``list``/``find`` to a
lookup table.

``link/pathway/hsa`` and ``conv/ncbi-geneid/hsa`` give two ``db:id`` columns per line;
``list/compound`` and ``find/compound/glucose`` give an id and its description, and
``list/<organism>`` two more columns (gene type, position) in between.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

import pyarrow as pa

from adapters.base import ParseError
from adapters.kegg.kegg_ids import iri_or_none, split_id
from adapters.kegg.kegg_specs import STRING, STRINGS, batch_of, kegg_spec

LINK, CONV, LIST, FIND = "KEGG_LINK", "KEGG_CONV", "KEGG_LIST", "KEGG_FIND"
EDGE_FORMATS = (LINK, CONV)
LOOKUP_FORMATS = (LIST, FIND)
BATCH_ROWS = 65536

KEGG_LINKS = kegg_spec("kegg_links", "Cross-references from KEGG REST link and conv outputs, "
                       "one row per pair of ids.", [
    ("source_id", STRING, "Id of the first column, database prefix removed (gene ids keep "
                          "their organism: hsa:3098)."),
    ("target_id", STRING, "Id of the second column, as source_id."),
    ("source_db", STRING, "Database of source_id (compound, pathway, genes, ncbi-geneid...)."),
    ("target_db", STRING, "Database of target_id."),
    ("source_iri", STRING, "identifiers.org IRI of source_id (null where none)."),
    ("target_iri", STRING, "identifiers.org IRI of target_id (null where none)."),
    ("operation", STRING, "REST operation the file came from: link or conv."),
])
KEGG_LOOKUP = kegg_spec("kegg_lookup", "Entry lists from KEGG REST list and find outputs, "
                        "one row per entry.", [
    ("entry_id", STRING, "Entry id, database prefix removed (gene ids keep their organism)."),
    ("database", STRING, "Database of the entry (compound, pathway, genes...)."),
    ("iri", STRING, "identifiers.org IRI of the entry (null where none)."),
    ("description", STRING, "The last column: names and definition (e.g. 'D-Glucose; "
                            "Grape sugar')."),
    ("attributes", STRINGS, "Columns between id and description (gene type, position)."),
    ("operation", STRING, "REST operation the file came from: list or find."),
])
REST_DATASETS = [KEGG_LINKS, KEGG_LOOKUP]


def rest_batches(handle: TextIO, fmt: str) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(dataset, batch)`` for a REST output of format ``fmt`` (one of the four)."""
    edges = fmt in EDGE_FORMATS
    spec = KEGG_LINKS if edges else KEGG_LOOKUP
    operation = fmt.removeprefix("KEGG_").lower()
    rows: list[tuple] = []
    for number, line in enumerate(handle, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        columns = line.split("\t")
        try:
            rows.append(_edge(columns, operation) if edges else _lookup(columns, operation))
        except ValueError as error:
            raise ParseError(f"bad {operation} line: {error}", location=f"line {number}"
                             ) from None
        if len(rows) >= BATCH_ROWS:
            yield spec.name, batch_of(spec, rows)
            rows.clear()
    if rows:
        yield spec.name, batch_of(spec, rows)


def _edge(columns: list[str], operation: str) -> tuple:
    if len(columns) != 2:
        raise ValueError(f"{len(columns)} tab-separated columns, not 2")
    (source_db, source), (target_db, target) = split_id(columns[0]), split_id(columns[1])
    return (source, target, source_db, target_db, iri_or_none(columns[0]),
            iri_or_none(columns[1]), operation)


def _lookup(columns: list[str], operation: str) -> tuple:
    if len(columns) < 2:
        raise ValueError("no tab after the id")
    database, entry = split_id(columns[0])
    return (entry, database, iri_or_none(columns[0]), columns[-1].strip(),
            [column.strip() for column in columns[1:-1]], operation)
