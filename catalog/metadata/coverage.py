"""What a dataset version covers, computed from its Parquet files with DuckDB: the time range of
its records, the bounding box of its coordinates, the distinct values of its code columns.

Columns are chosen by type and name only: every timestamp or date column counts for time, and
columns named ``latitude``/``lat`` or ``longitude``/``lon`` (alone or as a ``_`` suffix) count
for space. Times after the computation (open-ended ``end_date`` sentinels such as 2599) and
coordinates out of range are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from catalog.store import quote_identifier as quote

LATITUDE_NAMES = ("latitude", "lat")
LONGITUDE_NAMES = ("longitude", "lon")


@dataclass(frozen=True)
class Coverage:
    """Time range, bounding box (west, south, east, north) and code values of a version."""

    start: datetime | None = None
    end: datetime | None = None
    bbox: tuple[float, float, float, float] | None = None
    codes: dict[str, list[str]] = field(default_factory=dict)


class CoverageReader:
    """Computes coverages with one DuckDB connection (opening one costs more than a query)."""

    def __init__(self) -> None:
        self._connection = duckdb.connect()
        self._connection.execute("SET TimeZone = 'UTC'")

    def close(self) -> None:
        """Close the DuckDB connection."""
        self._connection.close()

    def coverage(self, files: list[str], schema: pa.Schema, code_columns: Iterable[str],
                 code_limit: int) -> Coverage:
        """Coverage of the rows in ``files``; ``code_columns`` get their distinct values
        listed when they have at most ``code_limit`` of them."""
        if not files:
            return Coverage()
        times = [f.name for f in schema
                 if pa.types.is_timestamp(f.type) or pa.types.is_date(f.type)]
        latitudes = _named(schema, LATITUDE_NAMES)
        longitudes = _named(schema, LONGITUDE_NAMES)
        listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
        source = f"read_parquet({listing})"
        connection = self._connection
        start, end, bbox = (_extent(connection, source, times, latitudes, longitudes)
                            if times or latitudes else (None, None, None))
        codes = {column: values for column in code_columns
                 if (values := _distinct(connection, source, column, code_limit)) is not None}
        return Coverage(start, end, bbox, codes)


def _named(schema: pa.Schema, names: tuple[str, ...]) -> list[str]:
    """Floating-point columns called one of ``names`` or ending in ``_<name>``."""
    return [f.name for f in schema if pa.types.is_floating(f.type)
            and any(f.name.lower() == n or f.name.lower().endswith("_" + n) for n in names)]


def _extent(connection: duckdb.DuckDBPyConnection, source: str, times: list[str],
            latitudes: list[str], longitudes: list[str]
            ) -> tuple[datetime | None, datetime | None, tuple[float, ...] | None]:
    """Earliest and latest time, and bounding box, in one scan."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    as_time = [f"CAST({quote(column)} AS TIMESTAMPTZ)" for column in times]
    aggregates = [
        _across("least", [f"min({t})" for t in as_time]),
        _across("greatest", [f"max({t}) FILTER (WHERE {t} <= TIMESTAMPTZ '{now}')"
                             for t in as_time]),
    ]
    for pick, columns, limit in (("min", longitudes, 180), ("min", latitudes, 90),
                                 ("max", longitudes, 180), ("max", latitudes, 90)):
        valid = [f"{pick}({quote(c)}) FILTER (WHERE {quote(c)} BETWEEN -{limit} AND {limit})"
                 for c in columns]
        aggregates.append(_across("least" if pick == "min" else "greatest", valid))
    start, end, *corners = connection.execute(
        f"SELECT {', '.join(aggregates)} FROM {source}").fetchone()
    bbox = tuple(float(c) for c in corners) if None not in corners else None
    return start, end, bbox


def _across(combine: str, aggregates: list[str]) -> str:
    """``least``/``greatest`` of several aggregates (NULLs ignored), or NULL when none."""
    return f"{combine}({', '.join(aggregates)})" if aggregates else "NULL"


def _distinct(connection: duckdb.DuckDBPyConnection, source: str, column: str, limit: int
              ) -> list[str] | None:
    """The distinct non-empty values of ``column``, or None when there are more than ``limit``."""
    rows = connection.execute(
        f"SELECT DISTINCT CAST({quote(column)} AS VARCHAR) AS v FROM {source} "
        f"WHERE {quote(column)} IS NOT NULL AND CAST({quote(column)} AS VARCHAR) <> '' "
        f"ORDER BY v LIMIT {limit + 1}").fetchall()
    return None if len(rows) > limit else [row[0] for row in rows]
