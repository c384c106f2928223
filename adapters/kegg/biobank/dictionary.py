"""The data dictionary of a phenotype table: ``<table>.dictionary.csv`` next to the table.

A CSV file (UTF-8) with a header row and one row per column of the table::

    column,type,unit,min,max,categories,identifier,transform,description
    #1,integer,,,,,participant,,row number used as participant ID
    participant_id,string,,,,,participant,,study ID
    birth_date,date,,,,,direct,year,date of birth
    sex,category,,,,1=male|2=female,,,
    height,number,cm,100,230,,,,standing height

``column`` (the table's header cell, trimmed; ``#N`` for an unnamed N-th column) and ``type``
are required; the other columns may be left out of the file or empty.

* ``type``: ``integer``, ``number``, ``category``, ``string`` or ``date`` (ISO ``YYYY-MM-DD``).
* ``unit``: free text, e.g. ``mmol/L`` or ``kg/m2``.
* ``min`` / ``max``: inclusive bounds of an ``integer`` or ``number`` column.
* ``categories``: the allowed codes of a ``category`` column, ``code=label|code=label``.
* ``identifier``: ``participant`` for the (one) column naming the participant; it is replaced
  by a keyed pseudonym. ``direct`` for a direct identifier (name, address, birth date, ...),
  which needs a ``transform``.
* ``transform``: ``drop`` (the column is not harvested) or ``year`` (a date is generalised to
  its year, harvested as variable ``<column>_year``).
* ``description``: what the column holds.

The dictionary types the table (:meth:`DataDictionary.schema`) and is published as the
``variables`` dataset.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from adapters.base import ParseError

ARROW_TYPES = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "category": pa.string(),
    "string": pa.string(),
    "date": pa.date32(),
}
IDENTIFIERS = ("participant", "direct")
TRANSFORMS = ("drop", "year")
COLUMNS = ("column", "type", "unit", "min", "max", "categories", "identifier", "transform",
           "description")
REQUIRED = ("column", "type")


@dataclass(frozen=True)
class Variable:
    """One column of a table as its dictionary describes it."""

    column: str
    type: str
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    categories: dict[str, str] = field(default_factory=dict)
    identifier: str | None = None
    transform: str | None = None
    description: str | None = None

    def as_harvested(self) -> Variable:
        """The variable as it lands in ``measurements``: a date generalised by
        ``transform=year`` becomes the integer variable ``<column>_year`` in years."""
        if self.transform != "year":
            return self
        return replace(self, column=f"{self.column}_year", type="integer", unit="year")


@dataclass(frozen=True)
class DataDictionary:
    """The variables of one table, by column name."""

    file: str
    variables: dict[str, Variable]

    @property
    def participant(self) -> Variable:
        """The column that identifies the participant."""
        return next(v for v in self.variables.values() if v.identifier == "participant")

    def schema(self) -> pa.Schema:
        """The Arrow schema of the typed table: each column's type from the dictionary."""
        return pa.schema([(v.column, ARROW_TYPES[v.type]) for v in self.variables.values()])


def read_dictionary(path: Path) -> DataDictionary:
    """Read and check a data dictionary; a :class:`ParseError` names the faulty line."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        unknown = sorted(set(header) - set(COLUMNS))
        missing = [name for name in REQUIRED if name not in header]
        if unknown or missing:
            raise ParseError(
                f"a data dictionary has the columns {', '.join(COLUMNS)}, of which column and "
                f"type are required (unknown here: {', '.join(unknown) or 'none'}; missing: "
                f"{', '.join(missing) or 'none'})", f"{path.name} line 1")
        reader.fieldnames = header
        variables: dict[str, Variable] = {}
        for line, row in enumerate(reader, start=2):
            variable = _variable(row, f"{path.name} line {line}")
            if variable.column in variables:
                raise ParseError(f"column {variable.column!r} is described twice",
                                 f"{path.name} line {line}")
            variables[variable.column] = variable
    participants = [v.column for v in variables.values() if v.identifier == "participant"]
    if len(participants) != 1:
        raise ParseError(f"exactly one column must have identifier=participant (found "
                         f"{len(participants)}: {', '.join(participants) or 'none'})",
                         path.name)
    return DataDictionary(path.name, variables)


def _variable(row: dict[str, str | None], where: str) -> Variable:
    """One dictionary row as a :class:`Variable`, checked."""
    cell = {name: (row.get(name) or "").strip() or None for name in COLUMNS}
    column, kind = cell["column"], cell["type"]
    if column is None:
        raise ParseError("the column name is empty", where)
    if kind not in ARROW_TYPES:
        raise ParseError(f"column {column!r}: type {kind!r} is not one of "
                         f"{', '.join(ARROW_TYPES)}", where)
    if cell["identifier"] not in (None, *IDENTIFIERS):
        raise ParseError(f"column {column!r}: identifier must be empty or one of "
                         f"{', '.join(IDENTIFIERS)}", where)
    if cell["transform"] not in (None, *TRANSFORMS):
        raise ParseError(f"column {column!r}: transform must be empty or one of "
                         f"{', '.join(TRANSFORMS)}", where)
    if cell["transform"] == "year" and kind != "date":
        raise ParseError(f"column {column!r}: transform=year needs type date", where)
    bounds = [_number(cell[name], name, column, where) for name in ("min", "max")]
    if None not in bounds and bounds[0] > bounds[1]:
        raise ParseError(f"column {column!r}: min {bounds[0]} is above max {bounds[1]}", where)
    if any(bound is not None for bound in bounds) and kind not in ("integer", "number"):
        raise ParseError(f"column {column!r}: min/max apply to integer and number columns",
                         where)
    categories = _categories(cell["categories"], column, where)
    if (kind == "category") != bool(categories):
        raise ParseError(f"column {column!r}: categories (code=label|...) are required for, "
                         f"and only for, type category", where)
    return Variable(column, kind, cell["unit"], bounds[0], bounds[1], categories,
                    cell["identifier"], cell["transform"], cell["description"])


def _number(text: str | None, name: str, column: str, where: str) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ParseError(f"column {column!r}: {name} {text!r} is not a number", where)
    return value


def _categories(text: str | None, column: str, where: str) -> dict[str, str]:
    if text is None:
        return {}
    categories = {}
    for item in text.split("|"):
        code, equals, label = (part.strip() for part in item.partition("="))
        if not code or not equals:
            raise ParseError(f"column {column!r}: category {item!r} is not code=label", where)
        categories[code] = label
    return categories
