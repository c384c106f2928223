"""The node store: a directory with ``fedcat.toml``, bookkeeping and one Delta table per dataset.

Each dataset is a Delta Lake table (delta-rs) of zstd Parquet files with the change data feed
on. Every commit is one atomic version; readers list the Parquet files of a whole version from
the transaction log, so they never see a mix. Old versions stay readable by number or time.
Files are never deleted while a version may still name them; only files no version names (left
by a write that was killed before its commit) are removed, under the node's write lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake import Schema as DeltaSchema
from deltalake.exceptions import TableNotFoundError
from deltalake.transaction import create_table_with_add_actions
from pydantic import ValidationError

from catalog.bookkeeping import Bookkeeping
from catalog.config import CONFIG_FILE, NodeConfig
from catalog.errors import (
    HarvestLockedError,
    NodeExistsError,
    NodeNotFoundError,
    UnknownDatasetError,
    UsageError,
    VersionNotFoundError,
)

if TYPE_CHECKING:
    import pyarrow.dataset as pads

TABLES_DIR = "tables"
STAGING_DIR = "staging"
LOCK_FILE = ".write.lock"
TABLE_CONFIGURATION = {"delta.enableChangeDataFeed": "true"}
ROW_GROUP_BYTES = 32 * 1024 * 1024
"""Aim of a Parquet row group's in-memory size: bounds a writer's memory and lets a loader read
a few traces without decoding thousands (rows of waveform samples can hold millions of values)."""


class NodeStore:
    """One node directory: its configuration, bookkeeping and dataset tables."""

    def __init__(self, node_dir: Path, config: NodeConfig) -> None:
        self.dir = node_dir
        self.config = config
        self.bookkeeping = Bookkeeping(node_dir)

    @property
    def name(self) -> str:
        """The node's name, which is also its SQL schema."""
        return self.config.name

    @classmethod
    def init(cls, node_dir: Path, name: str, institution: str = "") -> NodeStore:
        """Create a new, empty node in ``node_dir``."""
        node_dir = node_dir.resolve()
        if (node_dir / CONFIG_FILE).exists():
            raise NodeExistsError(f"{node_dir} already holds a fedcat node")
        try:
            config = NodeConfig(name=name, institution=institution)
        except ValidationError as error:
            raise UsageError(error.errors()[0]["msg"].removeprefix("Value error, ")) from None
        for sub in (TABLES_DIR, STAGING_DIR):
            (node_dir / sub).mkdir(parents=True, exist_ok=True)
        config.save(node_dir)
        return cls(node_dir, config)

    @classmethod
    def open(cls, node_dir: Path | str) -> NodeStore:
        """Open the node in ``node_dir``; a clear error when there is none."""
        path = Path(node_dir).expanduser().resolve()
        if not path.is_dir():
            raise NodeNotFoundError(
                f"node directory {node_dir} does not exist (create it with `fedcat init`)"
            )
        if not (path / CONFIG_FILE).is_file():
            raise NodeNotFoundError(f"{node_dir} is not a fedcat node: it has no {CONFIG_FILE}")
        return cls(path, NodeConfig.load(path))

    # ----------------------------------------------------------------- tables and versions

    def table_dir(self, dataset: str) -> Path:
        """Directory of ``dataset``'s Delta table."""
        return self.dir / TABLES_DIR / dataset

    def dataset_names(self) -> list[str]:
        """Names of the datasets that have a table on this node."""
        root = self.dir / TABLES_DIR
        return sorted(p.name for p in root.iterdir() if (p / "_delta_log").is_dir())

    def table(self, dataset: str, version: int | None = None, as_of: datetime | None = None
              ) -> DeltaTable:
        """The Delta table of ``dataset``, at its latest version unless told otherwise."""
        try:
            table = DeltaTable(self.table_dir(dataset))
        except TableNotFoundError:
            known = ", ".join(self.dataset_names()) or "none yet"
            raise UnknownDatasetError(
                f"dataset {dataset!r} does not exist on node {self.name!r} (datasets: {known})"
            ) from None
        try:
            if version is not None:
                table.load_as_version(version)
            elif as_of is not None:
                table.load_as_version(as_of)
        except Exception as error:  # delta-rs raises several types for a missing version
            wanted = f"version {version}" if version is not None else f"a version at {as_of}"
            latest = DeltaTable(self.table_dir(dataset)).version()
            raise VersionNotFoundError(
                f"dataset {dataset!r} has no {wanted} (latest is version {latest})"
            ) from error
        return table

    def version_files(self, dataset: str, version: int | None = None,
                      as_of: datetime | None = None) -> tuple[int, list[str], pa.Schema]:
        """The version number, Parquet files and Arrow schema of one version of ``dataset``."""
        table = self.table(dataset, version, as_of)
        schema = pa.schema(table.schema().to_arrow())
        return table.version(), table.file_uris(), schema

    def arrow_dataset(self, dataset: str, version: int | None = None,
                      as_of: datetime | None = None) -> pads.Dataset:
        """One whole version of ``dataset`` as a pyarrow Dataset, for ML loaders.

        The files of a version never change, so a training run that records the version number
        reads exactly the same rows later: ``store.arrow_dataset("waveforms", version=3)``.
        """
        import pyarrow.dataset as pads  # imports pandas: only for the callers that want it

        _, files, schema = self.version_files(dataset, version, as_of)
        return pads.dataset(files, schema=schema, format="parquet")

    def history(self, dataset: str) -> list[dict]:
        """Every version of ``dataset``: number, time, operation and row counts."""
        entries = []
        for entry in self.table(dataset).history():
            metrics = entry.get("operationMetrics", {})
            entries.append({
                "version": entry["version"],
                "timestamp": datetime.fromtimestamp(entry["timestamp"] / 1000).astimezone(),
                "operation": entry.get("operation", ""),
                "rows_added": metrics.get("num_added_rows", metrics.get("num_output_rows")),
                "files_added": metrics.get("num_added_files"),
                "files_removed": metrics.get("num_removed_files"),
            })
        return sorted(entries, key=lambda item: item["version"])

    def changes(self, dataset: str, since: int) -> pa.Table:
        """Rows inserted or deleted after version ``since`` (``_change_type`` says which).

        A commit that rewrites a data file lists the rows it kept as deleted and inserted
        again; such pairs are no change and are left out.
        """
        table = self.table(dataset)
        if since < 0:
            raise VersionNotFoundError(f"dataset {dataset!r}: versions start at 0, not {since}")
        if since >= table.version():
            empty = pa.table(table.load_cdf(starting_version=table.version()))
            return net_changes(empty.slice(0, 0))
        return net_changes(pa.table(table.load_cdf(starting_version=since + 1)))

    def stats(self, dataset: str) -> dict[str, int]:
        """Version, rows, Parquet files and bytes of the latest version of ``dataset``."""
        table = self.table(dataset)
        actions = pa.table(table.get_add_actions(flatten=True))
        return {
            "version": table.version(),
            "rows": int(pc.sum(actions["num_records"]).as_py() or 0),
            "parquet_files": actions.num_rows,
            "bytes": int(pc.sum(actions["size_bytes"]).as_py() or 0),
        }

    # ------------------------------------------------------------------------- writing

    def commit(self, dataset: str, batches: pa.RecordBatchReader, replace_sources: list[str],
               row_bytes: float = 256.0) -> int:
        """Write ``batches`` as one new version of ``dataset`` and return its number.

        Rows of ``replace_sources`` (by ``source_file``) are removed in the same commit, so a
        changed source file's rows are replaced exactly and a re-run never duplicates rows.
        ``row_bytes`` (the rows' average in-memory size) sizes the Parquet row groups.
        """
        from catalog.delta_files import (  # writers only: keeps read-only start-up lean
            files_holding,
            remove_action,
            rewrite_without,
            write_data_files,
        )

        path = self.table_dir(dataset)
        schema = batches.schema
        rows_per_group = max(1, min(1_000_000, int(ROW_GROUP_BYTES // max(row_bytes, 1))))
        adds = write_data_files(path, batches, schema, rows_per_group)
        if not (path / "_delta_log").is_dir():
            create_table_with_add_actions(str(path), DeltaSchema.from_arrow(schema), adds,
                                          mode="error", configuration=TABLE_CONFIGURATION)
            return 0
        table = DeltaTable(path)
        removes = []
        if replace_sources:
            current = pa.table(table.get_add_actions(flatten=True)).to_pylist()
            for add in files_holding(path, current, set(replace_sources)):
                removes.append(remove_action(add))
                adds += rewrite_without(path, add, set(replace_sources), schema, rows_per_group)
        if adds or removes:
            table.create_write_transaction([*adds, *removes], mode="append", schema=schema)
        return DeltaTable(path).version()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the node's write lock (one harvest or watcher writes at a time)."""
        with open(self.dir / LOCK_FILE, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise HarvestLockedError(
                    f"node {self.dir} is being written by {holder}; wait for it to finish"
                ) from None
            handle.truncate(0)
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                handle.truncate(0)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def staging_dir(self, run_id: int) -> Path:
        """A fresh scratch directory for run ``run_id``."""
        path = self.dir / STAGING_DIR / f"run-{run_id}"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def clean_up_interrupted_writes(self) -> list[Path]:
        """Remove scratch files and table files that no version names. Call under the lock."""
        removed = []
        staging = self.dir / STAGING_DIR
        for leftover in staging.iterdir() if staging.is_dir() else ():
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
        for dataset in self.dataset_names():
            table_dir = self.table_dir(dataset)
            named = _paths_named_by_log(table_dir / "_delta_log")
            for data_file in table_dir.rglob("*.parquet"):
                relative = data_file.relative_to(table_dir).as_posix()
                if not relative.startswith("_delta_log/") and relative not in named:
                    data_file.unlink()
                    removed.append(data_file)
        return removed


def net_changes(feed: pa.Table) -> pa.Table:
    """Drop rows a commit both deleted and inserted unchanged from a Delta change feed."""
    data = [quote_identifier(name) for name in feed.column_names if not name.startswith("_")]
    keys = ", ".join([*data, "_commit_version", "_commit_timestamp"])
    kind = "_change_type"

    def net(added: str, removed: str) -> str:
        return (f"SELECT {keys}, '{added}' AS {kind} FROM (SELECT {keys} FROM feed WHERE {kind} = "
                f"'{added}' EXCEPT ALL SELECT {keys} FROM feed WHERE {kind} = '{removed}')")

    with duckdb.connect() as connection:
        connection.register("feed", feed)
        return connection.sql(
            f"SELECT {', '.join(data)}, {kind}, _commit_version, _commit_timestamp FROM "
            f"({net('insert', 'delete')} UNION ALL {net('delete', 'insert')}) "
            f"ORDER BY _commit_version, {kind}"
        ).to_arrow_table()


def quote_identifier(identifier: str) -> str:
    """Quote an SQL identifier for DuckDB."""
    return '"' + identifier.replace('"', '""') + '"'


def _paths_named_by_log(log_dir: Path) -> set[str]:
    """Every data or change file any commit or checkpoint in ``log_dir`` names."""
    named: set[str] = set()
    for commit in log_dir.glob("*.json"):
        for line in commit.read_text().splitlines():
            action = json.loads(line) if line.strip() else {}
            for kind in ("add", "remove", "cdc"):
                if kind in action:
                    named.add(unquote(action[kind]["path"]))
    for checkpoint in log_dir.glob("*.checkpoint*.parquet"):
        table = pq.read_table(checkpoint, columns=["add", "remove"])
        for column in ("add", "remove"):
            for entry in table[column].to_pylist():
                if entry and entry.get("path"):
                    named.add(unquote(entry["path"]))
    return named
