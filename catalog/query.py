"""SQL over a node: an in-memory DuckDB per process, one view per dataset version.

Each dataset is the view ``<node>.<dataset>`` over the Parquet files of one whole Delta version.
Older versions are reachable with ``--version`` / ``--as-of`` or, in SQL, Delta's own syntax:
``FROM nied.waveforms VERSION AS OF 3`` or ``TIMESTAMP AS OF '2026-11-25 10:00:00'``.
Once the views exist the connection is sandboxed: no file access outside the node's tables,
no extension installs, configuration locked.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pyarrow as pa

from catalog.errors import QueryError, UnknownDatasetError
from catalog.store import TABLES_DIR, NodeStore
from catalog.store import quote_identifier as quote

TIME_TRAVEL_WORDS = ("VERSION", "TIMESTAMP")
RESULT_BATCH_ROWS = 65_536


class QueryEngine:
    """Run read-only SQL against one node's datasets."""

    def __init__(self, store: NodeStore, *, memory_limit: str | None = None,
                 threads: int | None = None) -> None:
        self.store = store
        self._connection = duckdb.connect(":memory:")
        self._memory_limit = memory_limit
        self._threads = threads
        self._views: set[str] = set()
        self._sandboxed = False

    def close(self) -> None:
        """Release the DuckDB connection."""
        self._connection.close()

    def execute(self, sql: str, *, version: int | None = None,
                as_of: datetime | None = None) -> pa.RecordBatchReader:
        """Run ``sql`` and stream its result as Arrow record batches.

        ``version`` / ``as_of`` pin every dataset the query names to that version or time.
        """
        sql = self._prepare(sql, version, as_of)
        self._sandbox()
        try:
            return self._connection.sql(sql).to_arrow_reader(RESULT_BATCH_ROWS)
        except duckdb.ParserException as error:
            raise QueryError(f"SQL syntax error: {_first_line(error)}") from None
        except duckdb.CatalogException as error:
            raise QueryError(self._explain_unknown_table(sql) or _first_line(error)) from None
        except duckdb.PermissionException as error:
            raise QueryError(f"refused: {_first_line(error)}") from None
        except duckdb.Error as error:
            raise QueryError(_first_line(error)) from None

    def arrow(self, sql: str, **kwargs) -> pa.Table:
        """Run ``sql`` and return the whole result as an Arrow table."""
        return self.execute(sql, **kwargs).read_all()

    def dataset_list(self) -> str:
        """The node's datasets as the SQL names a user types."""
        names = self.store.dataset_names()
        return ", ".join(f"{self.store.name}.{name}" for name in names) or "none yet"

    # ---------------------------------------------------------------------- internals

    def _explain_unknown_table(self, sql: str) -> str | None:
        """Name the tables of ``sql`` that are no dataset of this node, if any."""
        from catalog.sql_text import unknown_tables

        unknown = unknown_tables(sql, self.store.name, set(self.store.dataset_names()))
        if not unknown:
            return None
        return (f"no dataset named {', '.join(unknown)} on node {self.store.name!r}; "
                f"datasets here: {self.dataset_list()}")

    def _prepare(self, sql: str, version: int | None, as_of: datetime | None) -> str:
        """Create the views ``sql`` needs and return the SQL to run."""
        self._connection.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(self.store.name)}")
        if version is None and as_of is None and not _mentions_time_travel(sql):
            for dataset in self.store.dataset_names():
                self._view(dataset, dataset)
            return sql
        from catalog.sql_text import pin_versions

        return pin_versions(sql, self.store.name, version, as_of, self._view_of_version)

    def _view_of_version(self, dataset: str, version: int | None, as_of: datetime | None
                         ) -> str:
        """Name of a view of ``dataset`` at a version or time (the latest when neither)."""
        if version is None and as_of is None:
            self._view(dataset, dataset)
            return dataset
        try:
            number = self.store.table(dataset, version, as_of).version()
        except UnknownDatasetError as error:
            raise QueryError(str(error)) from None
        view = f"{dataset}@v{number}"
        self._view(view, dataset, number)
        return view

    def _view(self, view: str, dataset: str, version: int | None = None) -> None:
        if view in self._views:
            return
        try:
            _, files, schema = self.store.version_files(dataset, version)
        except UnknownDatasetError as error:
            raise QueryError(str(error)) from None
        name = f"{quote(self.store.name)}.{quote(view)}"
        if files:
            listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
            self._connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({listing})")
        else:
            empty = f"__empty_{len(self._views)}"
            self._connection.register(empty, schema.empty_table())
            self._connection.execute(f"CREATE VIEW {name} AS SELECT * FROM {quote(empty)}")
        self._views.add(view)

    def _sandbox(self) -> None:
        """Forbid file access outside the node's tables and lock the configuration."""
        if self._sandboxed:
            return
        connection = self._connection
        tables = str(self.store.dir / TABLES_DIR) + "/"
        connection.execute("SET allowed_directories = [?]", [tables])
        if self._memory_limit:
            connection.execute(f"SET memory_limit = '{self._memory_limit}'")
        if self._threads:
            connection.execute(f"SET threads = {int(self._threads)}")
        connection.execute("SET enable_external_access = false")
        connection.execute("SET autoinstall_known_extensions = false")
        connection.execute("SET autoload_known_extensions = false")
        connection.execute("SET lock_configuration = true")
        self._sandboxed = True


def _mentions_time_travel(sql: str) -> bool:
    upper = sql.upper()
    return " AS OF" in upper and any(word in upper for word in TIME_TRAVEL_WORDS)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
