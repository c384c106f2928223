"""Write Arrow results the way a person or a script asked: table, csv, json or parquet."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from catalog.errors import UsageError

TABLE_ROW_LIMIT = 200
"""Rows shown by ``--format table``; the rest are counted, not printed."""


class OutputFormat(StrEnum):
    """Formats every listing command offers."""

    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def write_result(batches: pa.RecordBatchReader, fmt: OutputFormat, output: Path | None,
                 console: Console, title: str | None = None) -> int:
    """Write a streamed result in ``fmt`` to ``output`` (stdout when None); return its rows."""
    if fmt is OutputFormat.parquet:
        if output is None:
            raise UsageError("--format parquet needs --output FILE")
        return _write_parquet(batches, output)
    if fmt is OutputFormat.table and output is None:
        return _print_table(batches, console, title)
    if fmt is OutputFormat.json:
        if output is None:
            return write_json(batches, sys.stdout)
        with open(output, "w", encoding="utf-8") as handle:
            return write_json(batches, handle)
    return _write_csv(batches, output or sys.stdout.buffer)


def write_records(records: list[dict], fmt: OutputFormat, output: Path | None,
                  console: Console, title: str | None = None) -> int:
    """Write plain Python records (bookkeeping listings) like a query result."""
    if not records and fmt is OutputFormat.table and output is None:
        console.print(f"{title or 'result'}: none")
        return 0
    table = pa.Table.from_pylist(records) if records else pa.table({})
    return write_result(pa.RecordBatchReader.from_batches(table.schema, table.to_batches()),
                        fmt, output, console, title)


def write_json(batches: Iterable[pa.RecordBatch], handle: IO[str]) -> int:
    """Write one JSON array of objects, batch by batch."""
    count = 0
    handle.write("[")
    for batch in batches:
        for row in batch.to_pylist():
            handle.write(",\n" if count else "\n")
            handle.write(json.dumps(row, default=_json_value, ensure_ascii=False))
            count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _write_parquet(batches: pa.RecordBatchReader, output: Path) -> int:
    count = 0
    with pq.ParquetWriter(output, batches.schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def _write_csv(batches: pa.RecordBatchReader, sink: Path | IO[bytes]) -> int:
    count = 0
    schema = _flat_schema(batches.schema)
    with pacsv.CSVWriter(sink, schema) as writer:
        for batch in batches:
            writer.write_batch(_flatten(batch, schema))
            count += batch.num_rows
    return count


def _print_table(batches: pa.RecordBatchReader, console: Console, title: str | None) -> int:
    table = Table(title=title, show_lines=False, header_style="bold")
    for index, field in enumerate(batches.schema):
        numeric = (pa.types.is_integer(field.type) or pa.types.is_floating(field.type)
                   or pa.types.is_decimal(field.type))
        table.add_column(field.name, justify="right" if numeric else "left", overflow="fold",
                         no_wrap=index == 0, min_width=len(field.name))
    count = 0
    for batch in batches:
        for row in batch.to_pylist():
            if count < TABLE_ROW_LIMIT:
                table.add_row(*(_cell(value) for value in row.values()))
            count += 1
    console.print(table)
    if count > TABLE_ROW_LIMIT:
        console.print(f"[dim]{count - TABLE_ROW_LIMIT} more rows not shown "
                      "(use --format csv|json|parquet --output FILE for all)[/dim]")
    return count


def _cell(value: object) -> str:
    if value is None:
        return "[dim]null[/dim]"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list) and len(value) > 6:
        return f"[{', '.join(map(_cell, value[:3]))}, … {len(value)} items]"
    return str(value)


def _flat_schema(schema: pa.Schema) -> pa.Schema:
    """CSV cannot hold nested values: those columns become JSON text."""
    return pa.schema([
        pa.field(f.name, pa.string()) if pa.types.is_nested(f.type) else f for f in schema
    ])


def _flatten(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    columns = []
    for column, field in zip(batch.columns, batch.schema, strict=True):
        if pa.types.is_nested(field.type):
            column = pa.array([None if v is None else json.dumps(v, default=_json_value)
                               for v in column.to_pylist()], pa.string())
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=schema)
