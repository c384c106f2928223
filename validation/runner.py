"""Run a suite over every row of one dataset version's Parquet files, in DuckDB.

All aggregate checks share one scan (each distinct aggregate computed once); uniqueness rules
and custom queries that are not a plain ``SELECT * FROM {batch} WHERE ...`` run as queries of
their own; samples of unexpected values cost one more scan, for failed checks only. Nothing is
loaded into pandas. The result is GX's ``ExpectationSuiteValidationResult``; entries that could
not run (unsupported type, unknown column, SQL that does not bind) are left out and listed in
``meta["problems"]``, naming their file and position.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)

from validation.checks import BATCH, SAMPLE_SIZE, Check, Columns, compile_check, quote
from validation.suite import Suite
from validation.suite_files import SuiteEntry, SuiteProblem

NO_EXCEPTION = {"raised_exception": False, "exception_traceback": None,
                "exception_message": None}


@dataclass(frozen=True)
class SuiteRun:
    """The GX result of running a suite, and the entries that could not run."""

    result: ExpectationSuiteValidationResult
    problems: list[SuiteProblem]


def run_suite(suite: Suite, files: list[str], schema: pa.Schema, *, samples: bool = True,
              threads: int | None = None) -> SuiteRun:
    """Validate the rows of ``files`` (one dataset version of ``schema``) against ``suite``.

    With ``samples`` false no value of the data appears in the result, only counts.
    """
    started = time.perf_counter()
    with duckdb.connect(":memory:") as connection:
        _open_batch(connection, files, schema, threads)
        relation = connection.sql(f"SELECT * FROM {BATCH}")
        columns = dict(zip(relation.columns, map(str, relation.types)))
        compiled, problems = _compile(connection, suite.entries, columns)
        checks = [check for _, check in compiled]
        rows, values = _scan(connection, checks)
        verdicts = [check.verdict(found, rows) for check, found in zip(checks, values)]
        if samples:
            failed = [(check, result) for check, (success, result) in zip(checks, verdicts)
                      if not success and check.attach]
            _attach_samples(connection, failed)
    results = [
        ExpectationValidationResult(success=success, expectation_config=entry.config,
                                    result=result, exception_info=dict(NO_EXCEPTION),
                                    meta={"origin": entry.origin})
        for (entry, _), (success, result) in zip(compiled, verdicts)
    ]
    problems = [*suite.problems, *problems]
    succeeded = sum(result.success for result in results)
    meta = {
        "dataset": suite.name, "rows": rows, "sources": suite.source_records(),
        "problems": [str(problem) for problem in problems],
        "duration_seconds": round(time.perf_counter() - started, 3),
    }
    result = ExpectationSuiteValidationResult(
        success=succeeded == len(results), results=results, suite_name=suite.name,
        statistics={
            "evaluated_expectations": len(results),
            "successful_expectations": succeeded,
            "unsuccessful_expectations": len(results) - succeeded,
            "success_percent": 100.0 * succeeded / len(results) if results else None,
        },
        meta=meta,
    )
    return SuiteRun(result, problems)


def _open_batch(connection: duckdb.DuckDBPyConnection, files: list[str], schema: pa.Schema,
                threads: int | None) -> None:
    """Make the view ``batch`` over ``files`` (an empty table of ``schema`` when none)."""
    connection.execute("SET TimeZone = 'UTC'")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    if files:
        listing = ", ".join("'" + name.replace("'", "''") + "'" for name in files)
        connection.execute(f"CREATE VIEW {BATCH} AS SELECT * FROM read_parquet([{listing}])")
    else:
        connection.register("empty_version", schema.empty_table())
        connection.execute(f"CREATE VIEW {BATCH} AS SELECT * FROM empty_version")


def _compile(connection: duckdb.DuckDBPyConnection, entries: list[SuiteEntry],
             columns: Columns) -> tuple[list[tuple[SuiteEntry, Check]], list[SuiteProblem]]:
    """A check per entry, its SQL bound (not run) to catch errors; the others become problems."""
    checks, problems = [], []
    for entry in entries:
        try:
            check = compile_check(entry.expectation, columns)
            for sql in _statements(check):
                connection.sql(sql)
        except ValueError as error:
            problems.append(SuiteProblem(entry.origin, str(error)))
        except duckdb.Error as error:
            problems.append(SuiteProblem(entry.origin, str(error).strip().splitlines()[0]))
        else:
            checks.append((entry, check))
    return checks, problems


def _statements(check: Check) -> list[str]:
    """Every SQL statement a check may run."""
    shared = [f"SELECT {', '.join(aggregates)} FROM {BATCH}"
              for aggregates in (check.aggregates, check.sample_aggregates) if aggregates]
    return [*shared, *filter(None, (check.query, check.samples_query))]


def _aggregate(connection: duckdb.DuckDBPyConnection, lists: list[list[str]]) -> list[list]:
    """Evaluate lists of aggregates in one scan (each distinct expression once)."""
    distinct = list(dict.fromkeys(["count(*)", *(sql for items in lists for sql in items)]))
    row = connection.sql(f"SELECT {', '.join(distinct)} FROM {BATCH}").fetchall()[0]
    value = dict(zip(distinct, row))
    return [[value["count(*)"]], *([value[sql] for sql in items] for items in lists)]


def _scan(connection: duckdb.DuckDBPyConnection, checks: list[Check]
          ) -> tuple[int, list[list]]:
    """Row count and each check's values: its shared-scan aggregates, then its own query's."""
    (rows,), *shared = _aggregate(connection, [check.aggregates for check in checks])
    values = []
    for check, found in zip(checks, shared):
        if check.query:
            found += list(connection.sql(check.query).fetchall()[0])
        values.append(found)
    return rows, values


def _attach_samples(connection: duckdb.DuckDBPyConnection, failed: list[tuple[Check, dict]]
                    ) -> None:
    """Add sample unexpected values to the results of failed checks (one more scan)."""
    with_aggregates = [(check, result) for check, result in failed if check.sample_aggregates]
    if with_aggregates:
        _, *samples = _aggregate(connection, [c.sample_aggregates for c, _ in with_aggregates])
        for (check, result), values in zip(with_aggregates, samples):
            check.attach(result, values)
    for check, result in failed:
        if check.samples_query:
            check.attach(result, _sample_rows(connection, check.samples_query))
        elif not check.sample_aggregates:
            check.attach(result, [])


def _sample_rows(connection: duckdb.DuckDBPyConnection, query: str) -> list[dict]:
    """The first rows of ``query``, without its list and map columns (too big to show)."""
    relation = connection.sql(query)
    shown = [quote(name) for name, kind in zip(relation.columns, map(str, relation.types))
             if not kind.endswith("]") and not kind.startswith("MAP")]
    sample = connection.sql(f"SELECT {', '.join(shown) or 'NULL AS too_big_to_show'} "
                            f"FROM ({query}) LIMIT {SAMPLE_SIZE}")
    return [dict(zip(sample.columns, row)) for row in sample.fetchall()]
