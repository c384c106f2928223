"""The suite a dataset is validated with: defaults for its kind, then the node's own file.

Defaults come from two places: the dataset's declared Arrow schema (its columns, their types,
non-nullable fields) and the kind's domain rules, ``kinds/<kind>.yaml`` in this package (one
suite document per dataset; the kind is the adapter's name). A node file (any suite document)
adds expectations or overrides a default one: an entry with the same type and column(s) (and,
for custom SQL rules, the same description) replaces it in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from validation.suite_files import (
    SuiteEntry,
    SuiteFileError,
    SuiteProblem,
    SuiteSource,
    load_suite_file,
    parse_document,
    read_file,
)

KINDS_DIR = Path(__file__).parent / "kinds"


@dataclass
class Suite:
    """The expectations of one dataset, the problems of entries left out, and their sources."""

    name: str
    entries: list[SuiteEntry] = field(default_factory=list)
    problems: list[SuiteProblem] = field(default_factory=list)
    sources: list[SuiteSource] = field(default_factory=list)

    def extend(self, entries: list[SuiteEntry]) -> None:
        """Add ``entries``; one with the identity of an entry already here replaces it."""
        position = {identity(entry): index for index, entry in enumerate(self.entries)}
        for entry in entries:
            key = identity(entry)
            if key in position:
                self.entries[position[key]] = entry
            else:
                position[key] = len(self.entries)
                self.entries.append(entry)

    def source_records(self) -> list[dict]:
        """The files this suite was built from, for reports."""
        return [vars(source) for source in self.sources]


def identity(entry: SuiteEntry) -> tuple:
    """What makes two entries the same expectation: type, columns, custom rule description."""
    config = entry.config
    kwargs = config.kwargs
    columns = tuple(kwargs.get(key) for key in ("column", "column_A", "column_B"))
    custom = config.description if config.type == "unexpected_rows_expectation" else None
    return config.type, columns, tuple(kwargs.get("column_list") or ()), custom


def build_suite(dataset: str, schema: pa.Schema, kind: str | None = None,
                node_file: Path | None = None) -> Suite:
    """The suite of ``dataset``: schema-derived, then ``kind``'s rules, then ``node_file``'s.

    A node file that cannot be read at all is a problem of the suite: the defaults still run.
    """
    suite = Suite(dataset)
    suite.extend(schema_entries(dataset, schema))
    kind_file = KINDS_DIR / f"{kind}.yaml" if kind else None
    if kind_file and kind_file.is_file():
        data, source = read_file(kind_file)
        document = (data.get("datasets") or {}).get(dataset) if isinstance(data, dict) else None
        if document is not None:
            entries, problems = parse_document(document, f"{kind_file}, dataset {dataset}")
            suite.extend(entries)
            suite.problems += problems
            suite.sources.append(source)
    if node_file is not None:
        try:
            document = load_suite_file(node_file)
        except SuiteFileError as error:  # the defaults still run; the error is reported
            suite.problems.append(SuiteProblem(error.where, error.message))
            return suite
        suite.extend(document.entries)
        suite.problems += document.problems
        suite.sources.append(document.source)
    return suite


def schema_entries(dataset: str, schema: pa.Schema) -> list[SuiteEntry]:
    """Expectations a declared schema implies: exactly its columns, their types, non-nulls."""
    types = duckdb_types(schema)
    items: list[dict] = [{"type": "expect_table_columns_to_match_set",
                          "kwargs": {"column_set": schema.names, "exact_match": True}}]
    items += [{"type": "expect_column_values_to_be_of_type",
               "kwargs": {"column": name, "type_": types[name]}} for name in schema.names]
    items += [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": f.name}}
              for f in schema if not f.nullable]
    entries, problems = parse_document({"expectations": items}, f"declared schema of {dataset}")
    if problems:  # the items above are built here: a problem is a bug, not a user's mistake
        raise SuiteFileError(problems[0].origin, problems[0].message)
    return entries


def duckdb_types(schema: pa.Schema) -> dict[str, str]:
    """The SQL type DuckDB gives each column of ``schema`` when reading it from Parquet."""
    with duckdb.connect(":memory:") as connection:
        relation = connection.from_arrow(schema.empty_table())
        return dict(zip(relation.columns, map(str, relation.types)))
