"""Expectation suites for the catalog's datasets, run where the data is, and steward reports.

Suites are great-expectations 1.x expectation configurations: a default suite per dataset kind
(derived from the adapter's declared schema plus the kind's domain rules in ``kinds/``) that a
node may extend or override with its own suite files. :mod:`validation.runner` compiles a suite
to DuckDB SQL and checks every row of a dataset version's Parquet files in one shared scan (plus
one per uniqueness rule); results are GX ``ExpectationSuiteValidationResult`` objects.
:mod:`validation.html` renders them for stewards. Nothing here knows about nodes or statuses.

Why not GX's own SQL engine over duckdb-engine: GX's ``SqlAlchemyExecutionEngine.execute_query``
returns the cursor result after closing its connection (only SQLite, SQL Server, BigQuery and
Databricks keep one open). duckdb-engine's cursors share the single DuckDB connection, whose
result is streamed; closing rolls back on that connection and discards the result, so
``fetchall()`` returns ``[]``, GX's metric bundle fails with an IndexError that it records in
each result's ``exception_info``, and every expectation reports ``success: false`` without
raising. Buffering the result inside the connection fixes it, but GX then runs many queries per
expectation and is several times slower than one generated scan (``bench/validation_*.py``).
"""
