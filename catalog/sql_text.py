"""What the query engine needs to read in SQL text (via sqlglot): time travel and table names.

Kept apart from :mod:`catalog.query` so plain queries never pay for importing a SQL parser.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlglot
from sqlglot import exp

from catalog.errors import QueryError

ViewFor = Callable[[str, int | None, datetime | None], str]
"""``view_for(dataset, version, as_of)`` returns the name of a view of that dataset version."""


def pin_versions(sql: str, schema: str, version: int | None, as_of: datetime | None,
                 view_for: ViewFor) -> str:
    """Point every ``<schema>.<dataset>`` of ``sql`` at the view of the version it asks for.

    ``VERSION AS OF n`` / ``TIMESTAMP AS OF 't'`` on a table win over ``version``/``as_of``,
    which apply to every other dataset of the schema.
    """
    tree = _parse(sql)
    for table in tree.find_all(exp.Table):
        if table.db != schema:
            continue
        table_version, table_as_of = version, as_of
        if (pin := table.args.get("version")) is not None:
            table_version, table_as_of = _pin(pin, table.name)
            table.set("version", None)
        table.set("this", exp.to_identifier(view_for(table.name, table_version, table_as_of),
                                            quoted=True))
    return tree.sql(dialect="duckdb")


def unknown_tables(sql: str, schema: str, known: set[str]) -> list[str]:
    """Tables ``sql`` reads that are neither datasets of ``schema`` nor its own CTEs."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError:
        return []
    named_queries = {cte.alias for cte in tree.find_all(exp.CTE)}
    return sorted({
        f"{table.db}.{table.name}" if table.db else table.name
        for table in tree.find_all(exp.Table)
        if (table.db or table.name not in named_queries)
        and (table.db != schema or table.name not in known)
    })


def _parse(sql: str) -> exp.Expression:
    try:
        return sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError as error:
        first = error.errors[0]
        raise QueryError(f"SQL syntax error: {first['description']} "
                         f"(line {first['line']}, column {first['col']})") from None


def _pin(version: exp.Version, dataset: str) -> tuple[int | None, datetime | None]:
    """Turn ``VERSION AS OF n`` / ``TIMESTAMP AS OF 't'`` into a version number or a time."""
    kind = version.name.upper()
    value = version.expression
    if kind == "VERSION" and isinstance(value, exp.Literal) and not value.is_string:
        return int(value.this), None
    if kind == "TIMESTAMP" and isinstance(value, exp.Literal):
        try:
            moment = datetime.fromisoformat(value.this)
        except ValueError:
            raise QueryError(f"{dataset}: TIMESTAMP AS OF needs an ISO time, not {value.this!r}"
                             ) from None
        return None, moment if moment.tzinfo else moment.astimezone()
    raise QueryError(f"{dataset}: use VERSION AS OF <number> or TIMESTAMP AS OF '<ISO time>'")
