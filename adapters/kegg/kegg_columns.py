"""Typed tables over flat-file records: a table is a list of columns, each a field extractor.

Every typed table (compounds, enzymes, ...) is declared as :class:`Column` objects built from
the small extractor factories below, so all of them share one parser and one batch builder.
An extractor reads a :class:`TableView` (the table's records in one block) and returns one
Arrow array with a value per record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from adapters.base import DatasetSpec
from adapters.kegg import kegg_values as values
from adapters.kegg.kegg_flat import TableView
from adapters.kegg.kegg_ids import iri_or_none, iri_prefix
from adapters.kegg.kegg_specs import STRING, STRINGS, kegg_spec, struct_list

Extract = Callable[[TableView], pa.Array]

ID_NAMES = struct_list("id", "name")
DB_LINKS = struct_list("database", "id")
GENES = struct_list("organism", "gene_id", "symbol")
BRITE = pa.list_(pa.struct([("hierarchy", STRING), ("path", STRINGS)]))
REFERENCES = struct_list("reference", "authors", "title", "journal")
COMPOUND_REFS = struct_list("name", "compound_id")


class BadRecord(ValueError):
    """A value of one record cannot be read; ``record`` is its index in the block."""

    def __init__(self, record: int, message: str) -> None:
        super().__init__(message)
        self.record = record


@dataclass(frozen=True)
class Column:
    """One column of a typed table: name, Arrow type, description and how to read it."""

    name: str
    type: pa.DataType
    description: str
    extract: Extract


@dataclass(frozen=True, eq=False)
class FlatTable:
    """A dataset fed from flat-file records: its spec, how a view becomes a batch and, for a
    typed table, its columns."""

    spec: DatasetSpec
    build: Callable[[TableView], pa.RecordBatch]
    columns: tuple[Column, ...] = ()


def typed_table(name: str, description: str, columns: Sequence[Column]) -> FlatTable:
    """A table with one row per record, its values read by ``columns``."""
    spec = kegg_spec(name, description, [(c.name, c.type, c.description) for c in columns])

    def build(view: TableView) -> pa.RecordBatch:
        arrays = []
        for column in columns:
            try:
                arrays.append(column.extract(view))
            except values.RecordError as error:
                record = int(view.records[error.row])
                raise BadRecord(record, f"cannot read {column.name}: {error}") from None
        return pa.RecordBatch.from_arrays(arrays, schema=spec.schema)

    return FlatTable(spec, build, tuple(columns))


def entry_id(view: TableView) -> pa.Array:
    """The record ids (an enzyme's without ``EC``)."""
    return view.ids


def iri(database: str) -> Extract:
    """The identifiers.org IRIs of the record ids, all of one ``database``."""
    prefix = iri_prefix(database)
    return lambda view: pc.binary_join_element_wise(prefix, view.ids, "")


def field_text(view: TableView, field: str) -> pa.Array:
    """The field's lines stripped and joined with spaces (null when absent); worked out once
    per view."""
    return view.memo(("text", field), lambda: values.text(view.lines(field)))


def text(field: str) -> Extract:
    """The field's lines stripped and joined with spaces (null when absent)."""
    return lambda view: field_text(view, field)


def first_word(field: str) -> Extract:
    """The first word of the field (null when absent)."""
    return lambda view: pc.list_element(
        pc.utf8_split_whitespace(field_text(view, field), max_splits=1), 0)


def semicolons(field: str) -> Extract:
    """A ``;``-separated list field (NAME, CLASS), wrapped lines joined."""
    return lambda view: values.split_list(field_text(view, field), ";")


def words(field: str) -> Extract:
    """The words of the field."""
    return lambda view: values.words(view.lines(field))


def ids(field: str, prefix: str, digits: int = 5) -> Extract:
    """The ids ``prefix`` + ``digits`` digits among the words of the field."""
    return lambda view: values.ids(view.lines(field), prefix, digits)


def id_names(field: str) -> Extract:
    """``(id, name)`` per line (PATHWAY, MODULE, ORTHOLOGY...)."""
    return lambda view: values.id_names(view.lines(field))


def db_links(field: str = "DBLINKS") -> Extract:
    """``(database, id)`` pairs (DBLINKS, MOTIF, STRUCTURE)."""
    return lambda view: values.db_links(view.lines(field))


def genes(field: str = "GENES") -> Extract:
    """``(organism, gene id, symbol)`` per gene."""
    return lambda view: values.genes(view.lines(field))


def compound_refs(field: str) -> Extract:
    """``(name, compound id)`` per item (SUBSTRATE, PRODUCT, COFACTOR)."""
    return lambda view: values.compound_refs(field_text(view, field))


def decimal(*fields: str) -> Extract:
    """The number in the first of ``fields`` that has one (EXACT_MASS, then old MASS)."""
    return lambda view: pc.coalesce(
        *[values.number(field_text(view, field)) for field in fields])


def brite(view: TableView) -> pa.Array:
    """The BRITE leaves of each record."""
    return values.brite(view.lines("BRITE"))


def references(view: TableView) -> pa.Array:
    """The REFERENCE fields of each record with their sub-fields."""
    return values.references(view.lines("REFERENCE"), {
        name.lower(): view.lines("REFERENCE", name) for name in ("AUTHORS", "TITLE", "JOURNAL")})


def common_columns() -> list[Column]:
    """Columns every typed table ends with: cross-references and literature."""
    return [
        Column("dblinks", DB_LINKS, "Links to other databases: (database, id) per id.",
               db_links()),
        Column("references", REFERENCES,
               "Literature: (reference e.g. PMID:…, authors, title, journal) per REFERENCE.",
               references),
    ]


GENERIC = kegg_spec(
    "kegg_entry_fields",
    "Entries of KEGG databases without a typed table (MODULE, DRUG, GLYCAN, DISEASE...), one "
    "row per field or sub-field, in the long (entry, field, subfield, value) layout.",
    [
        ("entry_id", STRING, "The entry's id as on its ENTRY line (an enzyme's without EC)."),
        ("database", STRING, "The database named on the ENTRY line (Module, Drug...)."),
        ("iri", STRING, "identifiers.org IRI of the entry, when the id has one."),
        ("field_index", pa.int32(), "Position of the field within the entry (0 = ENTRY)."),
        ("field", STRING, "Field name (NAME, DEFINITION, REFERENCE...)."),
        ("subfield", STRING, "Sub-field name (AUTHORS, TITLE...) or null for the field itself."),
        ("value", STRING, "Value lines, columns 1-12 removed, joined with newlines."),
    ],
)


def _generic_batch(view: TableView) -> pa.RecordBatch:
    blocks = view.blocks()
    rows = pa.array(blocks.rows)
    iris = pa.array([iri_or_none(identifier) for identifier in view.ids.to_pylist()], STRING)
    return pa.RecordBatch.from_arrays([
        view.ids.take(rows), view.databases.take(rows), iris.take(rows),
        pa.array(blocks.ordinals, pa.int32()), pa.array(blocks.fields, STRING),
        pa.array(blocks.subfields, STRING), values.block(blocks.lines),
    ], schema=GENERIC.schema)


GENERIC_TABLE = FlatTable(GENERIC, _generic_batch)
