"""What every KEGG dataset shares: licence terms, access level, Arrow types, batch building."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa

from adapters.base import DatasetSpec

KEGG_TERMS = (
    "Source: KEGG (Kyoto Encyclopedia of Genes and Genomes), Kanehisa Laboratories. "
    "Licence: KEGG data are copyrighted; the KEGG website and REST API are free for academic "
    "use by academic users only, while FTP access and any commercial use need a licence "
    "(Pathway Solutions, https://www.pathway.jp). Bulk download and redistribution or "
    "re-publication of KEGG data are not permitted without permission. Terms: "
    "https://www.kegg.jp/kegg/legal.html and https://www.kegg.jp/kegg/rest/. "
    "Access: restricted by default; open it only to users covered by the licence."
)
"""Licence and access terms appended to every KEGG dataset's description."""

STRING = pa.string()
STRINGS = pa.list_(STRING)


def struct_list(*names: str, types: Mapping[str, pa.DataType] | None = None) -> pa.DataType:
    """A list of structs whose fields are strings unless ``types`` says otherwise."""
    types = types or {}
    return pa.list_(pa.struct([(name, types.get(name, STRING)) for name in names]))


def kegg_spec(name: str, description: str, columns: Sequence[tuple[str, pa.DataType, str]]
              ) -> DatasetSpec:
    """A restricted dataset of ``(column, type, description)`` columns, KEGG terms attached."""
    return DatasetSpec(
        name=name,
        schema=pa.schema([(column, kind) for column, kind, _ in columns]),
        access="restricted",
        description=f"{description} {KEGG_TERMS}",
        column_descriptions={column: text for column, _, text in columns},
    )


def batch_of(spec: DatasetSpec, rows: Sequence[Sequence[object]]) -> pa.RecordBatch:
    """A record batch of ``spec``'s schema from row tuples (values in schema order)."""
    columns = list(zip(*rows)) if rows else [() for _ in spec.schema]
    arrays = [pa.array(values, type=field.type) for values, field in zip(columns, spec.schema)]
    return pa.RecordBatch.from_arrays(arrays, schema=spec.schema)
