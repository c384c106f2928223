"""GX expectations compiled to DuckDB SQL over one dataset relation, the view ``batch``.

Each supported expectation type becomes a :class:`Check`: SQL aggregates evaluated in the one
shared scan of the data (counts with ``FILTER``), or a query of its own where a rule needs
grouping (uniqueness) or is custom SQL of another shape, and a verdict that turns the computed
values into GX's result dictionary (the SUMMARY result format). Samples of unexpected values
(``min(value, n)``: bounded memory) are computed afterwards, for failed checks only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from string import Formatter
from typing import Any

import sqlglot
from great_expectations.expectations.expectation import Expectation
from sqlglot import expressions

BATCH = "batch"
WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)
SAMPLE_SIZE = 20
"""Unexpected values kept per expectation (GX's ``partial_unexpected_list`` length)."""

Verdict = Callable[[Sequence[Any], int], tuple[bool, dict]]
"""``verdict(values, rows)``: the check's computed values and the row count → success, result."""


@dataclass(frozen=True)
class Check:
    """How one expectation is computed: aggregates in the shared scan and/or its own query.

    Samples of unexpected values cost a second scan, run only for checks that failed (and only
    where samples are allowed): ``sample_aggregates`` share it, ``samples_query`` runs alone;
    ``attach`` puts their values (none if the check has neither) into the result.
    """

    verdict: Verdict
    aggregates: list[str] = field(default_factory=list)
    query: str | None = None
    """A query returning one row; its values follow the aggregates' in ``verdict``."""
    sample_aggregates: list[str] = field(default_factory=list)
    samples_query: str | None = None
    """Its rows (at most ``SAMPLE_SIZE``, list and map columns left out) go to ``attach``."""
    attach: Callable[[dict, Sequence[Any]], None] | None = None


Columns = Mapping[str, str]
"""What a check knows of the data before scanning it: column names and their SQL types."""
Compiler = Callable[[Expectation, Columns], Check]
COMPILERS: dict[str, Compiler] = {}
TABLE_LEVEL = {"expect_column_to_exist", "expect_table_columns_to_match_set",
               "expect_table_row_count_to_be_between", "unexpected_rows_expectation"}
"""Types whose column arguments need not exist (or that name no column)."""


def compiles(*types: str) -> Callable[[Compiler], Compiler]:
    """Register a compiler for the given GX expectation types."""

    def register(function: Compiler) -> Compiler:
        for name in types:
            COMPILERS[name] = function
        return function

    return register


def compile_check(expectation: Expectation, columns: Columns) -> Check:
    """The check of one expectation; ``ValueError`` if unsupported or naming unknown columns."""
    kind = expectation.expectation_type
    compiler = COMPILERS.get(kind)
    if compiler is None:
        raise ValueError(f"expectation type {kind!r} is not supported by the SQL validator "
                         f"(supported: {', '.join(sorted(COMPILERS))})")
    if kind not in TABLE_LEVEL:
        for column in referenced_columns(expectation):
            if column not in columns:
                raise ValueError(f"column {column!r} does not exist (columns: "
                                 f"{', '.join(columns)})")
    for name, value in expectation.configuration.kwargs.items():
        if isinstance(value, Mapping) and "$PARAMETER" in value:
            raise ValueError(f"argument {name!r}: suite parameters are not supported")
    return compiler(expectation, columns)


def referenced_columns(expectation: Expectation) -> list[str]:
    """The columns an expectation's arguments name."""
    kwargs = expectation.configuration.kwargs
    names = [kwargs.get(key) for key in ("column", "column_A", "column_B")]
    return [name for name in [*names, *(kwargs.get("column_list") or [])] if name]


# --------------------------------------------------------------------- column values


def value_check(value: str, unexpected: str, missing: str | None, mostly: float = 1.0) -> Check:
    """A map expectation: ``missing`` counts the rows skipped (an SQL aggregate; None: none
    are), ``unexpected`` picks the failing rows and must not hold on skipped ones."""
    aggregates = [missing or "0", f"count(*) FILTER (WHERE {unexpected})"]

    def verdict(values: Sequence[Any], rows: int) -> tuple[bool, dict]:
        missing_count, unexpected_count = values
        result = value_result(rows, missing_count, unexpected_count, missing is not None)
        return enough(rows - missing_count, unexpected_count, mostly), result

    return Check(verdict, aggregates,
                 sample_aggregates=[f"min({value}, {SAMPLE_SIZE}) FILTER (WHERE {unexpected})"],
                 attach=lambda result, values: add_samples(result, values[0] or []))


def enough(present: int, unexpected: int, mostly: float) -> bool:
    """GX's ``mostly``: the share of expected values among those present reaches it."""
    return present == 0 or (present - unexpected) / present >= mostly


def value_result(rows: int, missing: int, unexpected: int, with_missing: bool = True) -> dict:
    """GX's SUMMARY result of a map expectation, without sample values."""
    present = rows - missing
    result: dict[str, Any] = {
        "element_count": rows,
        "unexpected_count": unexpected,
        "unexpected_percent": _percent(unexpected, present if with_missing else rows),
    }
    if with_missing:
        result.update({
            "missing_count": missing,
            "missing_percent": _percent(missing, rows),
            "unexpected_percent_total": _percent(unexpected, rows),
            "unexpected_percent_nonmissing": _percent(unexpected, present),
        })
    return result


def add_samples(result: dict, sample: list, counts: list[dict] | None = None) -> None:
    """Add GX's partial unexpected list and its value counts to a map expectation's result."""
    result["partial_unexpected_list"] = sample
    result["partial_unexpected_counts"] = counts if counts is not None else [
        {"value": value, "count": count}
        for value, count in Counter(map(_hashable, sample)).most_common()
    ]


def nulls(column: str) -> str:
    """The aggregate counting a column's nulls."""
    return f"count(*) - count({column})"


@compiles("expect_column_values_to_not_be_null")
def _not_null(expectation: Expectation, columns: Columns) -> Check:
    column = quote(expectation.column)
    check = value_check(column, f"{column} IS NULL", None, expectation.mostly)
    return replace(check, aggregates=["0", nulls(column)], sample_aggregates=[],
                   attach=lambda result, _: add_samples(
                       result, [None] * min(result["unexpected_count"], SAMPLE_SIZE)))


@compiles("expect_column_values_to_be_null")
def _null(expectation: Expectation, columns: Columns) -> Check:
    column = quote(expectation.column)
    return value_check(column, f"{column} IS NOT NULL", None, expectation.mostly)


@compiles("expect_column_values_to_be_between", "expect_column_value_lengths_to_be_between")
def _between(expectation: Expectation, columns: Columns) -> Check:
    column = quote(expectation.column)
    value = column if "lengths" not in expectation.expectation_type else f"length({column})"
    bounds = []
    if expectation.min_value is not None:
        operator = ">" if getattr(expectation, "strict_min", False) else ">="
        bounds.append(f"{value} {operator} {literal(expectation.min_value)}")
    if expectation.max_value is not None:
        operator = "<" if getattr(expectation, "strict_max", False) else "<="
        bounds.append(f"{value} {operator} {literal(expectation.max_value)}")
    return value_check(column, f"NOT ({' AND '.join(bounds)})", nulls(column), expectation.mostly)


@compiles("expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set")
def _in_set(expectation: Expectation, columns: Columns) -> Check:
    column = quote(expectation.column)
    members = ", ".join(literal(value) for value in expectation.value_set) or "NULL"
    negate = "" if "_not_" in expectation.expectation_type else "NOT "
    return value_check(column, f"{column} {negate}IN ({members})", nulls(column),
                       expectation.mostly)


@compiles("expect_column_values_to_match_regex", "expect_column_values_to_not_match_regex")
def _regex(expectation: Expectation, columns: Columns) -> Check:
    column = quote(expectation.column)
    matches = f"regexp_matches({column}, {literal(expectation.regex)})"
    unexpected = matches if "_not_" in expectation.expectation_type else f"NOT {matches}"
    return value_check(column, unexpected, nulls(column), expectation.mostly)


PAIR_IGNORE = {"both_values_are_missing": " AND ", "either_value_is_missing": " OR "}


@compiles("expect_column_pair_values_a_to_be_greater_than_b",
          "expect_column_pair_values_to_be_equal")
def _pair(expectation: Expectation, columns: Columns) -> Check:
    a, b = quote(expectation.column_A), quote(expectation.column_B)
    if expectation.expectation_type.endswith("_to_be_equal"):
        expected = f"{a} = {b}"
    else:
        expected = f"{a} {'>=' if expectation.or_equal else '>'} {b}"
    joiner = PAIR_IGNORE.get(expectation.ignore_row_if)
    skipped = joiner.join((f"{a} IS NULL", f"{b} IS NULL")) if joiner else "FALSE"
    return value_check(f"[{a}, {b}]", f"NOT ({skipped}) AND ({expected}) IS NOT TRUE",
                       f"count(*) FILTER (WHERE {skipped})", expectation.mostly)


# ------------------------------------------------------------------------ uniqueness

KEY_IGNORE = {"all_values_are_missing": " AND ", "any_value_is_missing": " OR "}


@compiles("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")
def _unique(expectation: Expectation, columns: Columns) -> Check:
    single = expectation.expectation_type == "expect_column_values_to_be_unique"
    keys = [expectation.column] if single else list(expectation.column_list)
    names = [quote(column) for column in keys]
    joiner = " AND " if single else KEY_IGNORE.get(expectation.ignore_row_if)
    missing = joiner.join(f"{name} IS NULL" for name in names) if joiner else "FALSE"
    listed = ", ".join(names)
    groups = (f"SELECT {listed}, count(*) AS n FROM {BATCH} WHERE NOT ({missing}) "
              f"GROUP BY {listed} HAVING count(*) > 1")  # plain columns group fastest
    key = names[0] if single else f"struct_pack({', '.join(f'{n} := {n}' for n in names)})"

    def verdict(values: Sequence[Any], rows: int) -> tuple[bool, dict]:
        missing_count, unexpected = values
        result = value_result(rows, missing_count, unexpected)
        return enough(rows - missing_count, unexpected, expectation.mostly), result

    def attach(result: dict, counts: Sequence[dict]) -> None:
        add_samples(result, [item["value"] for item in counts
                             for _ in range(item["count"])][:SAMPLE_SIZE], list(counts))

    return Check(verdict, [f"count(*) FILTER (WHERE {missing})"],
                 f"SELECT coalesce(sum(n), 0) FROM ({groups})",
                 samples_query=f"SELECT {key} AS value, n AS count FROM ({groups}) "
                               "ORDER BY n DESC",
                 attach=attach)


# ------------------------------------------------------------------- table and schema


@compiles("expect_table_row_count_to_be_between")
def _row_count(expectation: Expectation, columns: Columns) -> Check:
    low, high = expectation.min_value, expectation.max_value

    def verdict(values: Sequence[Any], rows: int) -> tuple[bool, dict]:
        fits = (low is None or rows >= low) and (high is None or rows <= high)
        return fits, {"observed_value": rows}

    return Check(verdict)


@compiles("expect_column_to_exist")
def _exists(expectation: Expectation, columns: Columns) -> Check:
    names = list(columns)
    index = expectation.column_index
    found = expectation.column in names and (index is None or names.index(
        expectation.column) == index)
    return Check(lambda values, rows: (found, {}))


@compiles("expect_table_columns_to_match_set")
def _column_set(expectation: Expectation, columns: Columns) -> Check:
    observed, wanted = sorted(columns), set(expectation.column_set or ())
    missing = sorted(wanted - set(observed))
    unexpected = sorted(set(observed) - wanted)
    fits = not missing and (not unexpected or not expectation.exact_match)
    result = {"observed_value": observed}
    if missing or unexpected:
        result["details"] = {"mismatched": {"unexpected": unexpected, "missing": missing}}
    return Check(lambda values, rows: (fits, result))


@compiles("expect_column_values_to_be_of_type")
def _of_type(expectation: Expectation, columns: Columns) -> Check:
    observed = columns[expectation.column]
    fits = observed.upper() == str(expectation.type_).upper()
    return Check(lambda values, rows: (fits, {"observed_value": observed}))


# ------------------------------------------------------------------------- custom SQL


@compiles("unexpected_rows_expectation")
def _unexpected_rows(expectation: Expectation, columns: Columns) -> Check:
    query = batch_query(expectation.unexpected_rows_query)
    predicate = simple_predicate(query)

    def verdict(values: Sequence[Any], rows: int) -> tuple[bool, dict]:
        return values[0] == 0, {"observed_value": values[0]}

    def attach(result: dict, rows: Sequence[Any]) -> None:
        result["details"] = {"unexpected_rows": list(rows)}

    if predicate is not None:
        return Check(verdict, [f"count(*) FILTER (WHERE {predicate}\n)"],
                     samples_query=query, attach=attach)
    return Check(verdict, query=f"SELECT count(*) FROM ({query})", samples_query=query,
                 attach=attach)


def batch_query(query: str) -> str:
    """``query`` with ``{batch}`` filled in, by GX's rules (literal braces are doubled)."""
    hint = "(write literal braces as {{ and }})"
    try:
        fields = [name for _, name, _, _ in Formatter().parse(query) if name is not None]
    except ValueError as error:
        raise ValueError(f"unexpected_rows_query: {error} {hint}") from None
    for name in fields:
        if name != "batch":
            raise ValueError(f"unexpected_rows_query: {{{name}}} is not a placeholder {hint}")
    return query.format(batch=BATCH)


def simple_predicate(query: str) -> str | None:
    """The WHERE clause of ``SELECT * FROM batch WHERE ...``, which joins the shared scan.

    sqlglot checks the query's shape; the clause is then taken verbatim (after the first
    WHERE, which in that shape can only open it). Any other query runs on its own.
    """
    try:
        tree = sqlglot.parse_one(query, read="duckdb")
    except sqlglot.errors.SqlglotError:
        return None
    if not isinstance(tree, expressions.Select) or tree.args.get("where") is None:
        return None
    source = tree.args.get("from_")
    plain = all(tree.args.get(part) is None for part in (
        "joins", "group", "having", "limit", "offset", "distinct", "qualify", "order", "with"))
    star = len(tree.expressions) == 1 and isinstance(tree.expressions[0], expressions.Star)
    table = source is not None and isinstance(source.this, expressions.Table)
    if not (plain and star and table and source.this.name == BATCH and not source.this.alias):
        return None
    return WHERE.split(query, maxsplit=1)[1].strip()


# ---------------------------------------------------------------------------- helpers


def quote(identifier: str) -> str:
    """Quote an SQL identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def literal(value: Any) -> str:
    """An SQL literal for a value from a suite file."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value) if math.isfinite(value) else f"'{value}'::DOUBLE"
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"cannot use {value!r} ({type(value).__name__}) as an SQL value")


def _percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(map(_hashable, value))
    if isinstance(value, dict):
        return tuple(sorted((key, _hashable(item)) for key, item in value.items()))
    return value
