"""Phenotype, questionnaire and clinical tables to ``variables``, ``participants`` and
``measurements``.

A table (``<table>.csv`` or ``.tsv``) is harvested only with its data dictionary next to it
(``<table>.dictionary.csv``, see :mod:`adapters.kegg.biobank.dictionary`). Its columns must be
exactly those the dictionary describes; direct identifiers must be dropped or generalised;
the participant column is replaced by keyed pseudonyms; every other value must fit its
declared type, bounds and categories. Any breach refuses the whole table.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from adapters.base import ParseError, SourceContext, batch_from_rows
from adapters.kegg.biobank.detect import TABLE_DELIMITERS, dictionary_name, table_name
from adapters.kegg.biobank.dictionary import (
    COLUMNS,
    DataDictionary,
    Variable,
    read_dictionary,
)
from adapters.kegg.biobank.identifiers import check_direct_identifiers
from adapters.kegg.biobank.pseudonyms import node_secret, pseudonymise
from adapters.kegg.biobank.schemas import MEASUREMENTS, PARTICIPANTS, VARIABLES
from adapters.kegg.biobank.table_values import check_columns, read_table, typed_column


def phenotype_batches(source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(dataset, batch)`` pairs for one phenotype table."""
    file = source.path.name
    wanted = dictionary_name(file)
    dictionary_path = source.sibling(wanted)
    if dictionary_path is None:
        raise ParseError(f"{file} has no data dictionary: expected {wanted} next to it, a CSV "
                         f"file with the columns {','.join(COLUMNS)}")
    dictionary = read_dictionary(dictionary_path)
    columns = read_table(source.path, TABLE_DELIMITERS[source.path.suffix.lower()])
    check_columns(columns, dictionary, file)
    check_direct_identifiers(dictionary)
    schema = dictionary.schema()
    typed = {variable.column: typed_column(columns[variable.column], variable,
                                           schema.field(variable.column).type, file)
             for variable in dictionary.variables.values() if variable.transform != "drop"}
    participants = _participants(columns[dictionary.participant.column], file,
                                 dictionary.participant.column)
    table = table_name(file)
    yield VARIABLES.name, _variables_batch(dictionary, table)
    roster = pc.unique(participants)
    yield PARTICIPANTS.name, pa.RecordBatch.from_pydict(
        {"participant": roster, "table": pa.repeat(table, len(roster))},
        schema=PARTICIPANTS.schema)
    for variable in dictionary.variables.values():
        if variable.column in typed and variable.identifier != "participant":
            values = typed[variable.column]
            if variable.transform == "year":
                values = pc.year(values)
            yield MEASUREMENTS.name, _measurements(participants, table,
                                                   variable.as_harvested(), values)


def _participants(identifiers: pa.Array, file: str, column: str) -> pa.Array:
    """The pseudonym of every row's participant; an empty identifier is an error."""
    if identifiers.null_count:
        row = pc.indices_nonzero(identifiers.is_null())[0].as_py()
        raise ParseError("the participant identifier is empty",
                         f"{file} row {row + 1} (line {row + 2}), column {column!r}")
    return pseudonymise(identifiers.to_pylist(), node_secret())


def _measurements(participants: pa.Array, table: str, variable: Variable, values: pa.Array
                  ) -> pa.RecordBatch:
    """One ``measurements`` row per participant with a value of ``variable``."""
    present = pc.indices_nonzero(values.is_valid())
    values = values.take(present)
    rows = len(values)
    numeric = variable.type in ("integer", "number")
    return pa.RecordBatch.from_pydict(
        {
            "participant": participants.take(present),
            "table": pa.repeat(table, rows),
            "variable": pa.repeat(variable.column, rows),
            "value_number": values.cast(pa.float64()) if numeric else pa.nulls(rows, pa.float64()),
            "value_string": pa.nulls(rows, pa.string()) if numeric else values.cast(pa.string()),
            "unit": pa.repeat(pa.scalar(variable.unit, pa.string()), rows),
        },
        schema=MEASUREMENTS.schema,
    )


def _variables_batch(dictionary: DataDictionary, table: str) -> pa.RecordBatch:
    """The dictionary as ``variables`` rows (generalised dates under their harvested name)."""
    rows = []
    for variable in dictionary.variables.values():
        harvested = variable.as_harvested()
        rows.append({
            "table": table,
            "variable": harvested.column,
            "type": harvested.type,
            "unit": harvested.unit,
            "minimum": harvested.minimum,
            "maximum": harvested.maximum,
            "categories": list(harvested.categories.items()),
            "identifier": harvested.identifier,
            "transform": harvested.transform,
            "description": harvested.description,
        })
    return batch_from_rows(VARIABLES, rows)
