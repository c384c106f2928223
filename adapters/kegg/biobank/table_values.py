"""Reading a phenotype table and typing its columns as the data dictionary says.

The table is read with Arrow's CSV reader, every cell as text; cells are trimmed and an empty
cell or ``NA`` is missing. Each column is then cast to its dictionary type and checked
(finite numbers, bounds, category codes) column-wise; the first offending cell is reported
with its file, row and column.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from adapters.base import ParseError
from adapters.kegg.biobank.dictionary import DataDictionary, Variable

MISSING = pa.array(["", "NA"])
"""Cell texts that mean "no value"."""


def read_table(path: Path, delimiter: str) -> dict[str, pa.Array]:
    """The table's columns by header name (trimmed; ``#N`` when the N-th is empty), as text."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), None)
    if not header:
        raise ParseError("the table has no header row", f"{path.name} line 1")
    names = [cell.strip() or f"#{number}" for number, cell in enumerate(header, start=1)]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ParseError(f"the header repeats {', '.join(map(repr, repeated))}",
                         f"{path.name} line 1")
    placeholders = [f"c{number}" for number in range(len(names))]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(skip_rows=1, column_names=placeholders),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(placeholders, pa.string())),
        )
    except pa.ArrowInvalid as error:
        raise ParseError(f"not a readable table: {error}", path.name) from None
    return {name: _clean(table.column(placeholder))
            for name, placeholder in zip(names, placeholders)}


def check_columns(columns: dict[str, pa.Array], dictionary: DataDictionary, table: str
                  ) -> None:
    """Refuse a table whose columns differ from those its dictionary describes."""
    undescribed = [name for name in columns if name not in dictionary.variables]
    absent = [name for name in dictionary.variables if name not in columns]
    problems = []
    if undescribed:
        problems.append(f"not in the dictionary: {', '.join(map(repr, undescribed))}")
    if absent:
        problems.append(f"missing from the table: {', '.join(map(repr, absent))}")
    if problems:
        raise ParseError(f"the columns of {table} do not match {dictionary.file} "
                         f"({'; '.join(problems)})", f"{table} line 1")


def typed_column(values: pa.Array, variable: Variable, arrow_type: pa.DataType, table: str
                 ) -> pa.Array:
    """``values`` cast to the column's type and checked against its dictionary entry."""
    try:
        typed = values.cast(arrow_type)
    except pa.ArrowInvalid:
        row = _first_uncastable(values, arrow_type)
        raise _bad_value(values, row, variable, table, f"is not {_a(variable.type)}") from None
    checks: list[tuple[pa.Array, str]] = []
    if variable.type == "number":
        checks.append((pc.invert(pc.is_finite(typed)), "is not a finite number"))
    if variable.minimum is not None:
        checks.append((pc.less(typed, variable.minimum),
                       f"is below the declared minimum {variable.minimum:g}"))
    if variable.maximum is not None:
        checks.append((pc.greater(typed, variable.maximum),
                       f"is above the declared maximum {variable.maximum:g}"))
    if variable.categories:
        codes = pa.array(list(variable.categories))
        checks.append((pc.and_(typed.is_valid(), pc.invert(pc.is_in(typed, value_set=codes))),
                       f"is not one of the declared categories "
                       f"{', '.join(variable.categories)}"))
    for failed, problem in checks:
        row = _first_true(failed)
        if row is not None:
            raise _bad_value(values, row, variable, table, problem)
    return typed


def _clean(column: pa.ChunkedArray) -> pa.Array:
    text = pc.utf8_trim_whitespace(column.combine_chunks())
    return pc.if_else(pc.is_in(text, value_set=MISSING), pa.scalar(None, pa.string()), text)


def _first_uncastable(values: pa.Array, arrow_type: pa.DataType) -> int:
    """The first row whose text does not cast (a bisection over slices; ``values`` fails)."""
    low, high = 0, len(values)
    while high - low > 1:
        middle = (low + high) // 2
        try:
            values.slice(low, middle - low).cast(arrow_type)
        except pa.ArrowInvalid:
            high = middle
        else:
            low = middle
    return low


def _first_true(mask: pa.Array) -> int | None:
    found = pc.indices_nonzero(mask.fill_null(False))
    return found[0].as_py() if len(found) else None


def _bad_value(values: pa.Array, row: int, variable: Variable, table: str, problem: str
               ) -> ParseError:
    return ParseError(f"value {values[row].as_py()!r} {problem}",
                      f"{table} row {row + 1} (line {row + 2}), column {variable.column!r}")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
