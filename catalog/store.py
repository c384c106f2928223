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
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import DeltaTable, WriterProperties, write_deltalake
from deltalake.exceptions import TableNotFoundError
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

TABLES_DIR = "tables"
STAGING_DIR = "staging"
LOCK_FILE = ".write.lock"
TABLE_CONFIGURATION = {"delta.enableChangeDataFeed": "true"}
LIST_COLUMN_ROW_GROUP = 2048
"""Rows per Parquet row group for datasets with list columns (e.g. waveform samples)."""


def sql_string(value: str) -> str:
    """Quote ``value`` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


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
        """Rows inserted or deleted after version ``since`` (``_change_type`` says which)."""
        table = self.table(dataset)
        if since >= table.version():
            return pa.table(table.load_cdf(starting_version=table.version())).slice(0, 0)
        if since < 0:
            raise VersionNotFoundError(f"dataset {dataset!r}: versions start at 0, not {since}")
        return pa.table(table.load_cdf(starting_version=since + 1))

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

    def commit(self, dataset: str, schema: pa.Schema, batches: pa.RecordBatchReader,
               replace_sources: list[str]) -> int:
        """Write ``batches`` as one new version of ``dataset`` and return its number.

        Rows of ``replace_sources`` (by ``source_file``) are removed in the same commit, so a
        changed source file's rows are replaced exactly and a re-run never duplicates rows.
        """
        path = self.table_dir(dataset)
        has_lists = any(pa.types.is_list(field.type) or pa.types.is_large_list(field.type)
                        for field in schema)
        properties = WriterProperties(
            compression="ZSTD",
            max_row_group_size=LIST_COLUMN_ROW_GROUP if has_lists else None,
        )
        exists = (path / "_delta_log").is_dir()
        predicate = None
        if exists and replace_sources:
            predicate = "source_file IN (" + ", ".join(map(sql_string, replace_sources)) + ")"
        write_deltalake(
            path,
            batches,
            mode="overwrite" if predicate else "append",
            predicate=predicate,
            writer_properties=properties,
            configuration=None if exists else TABLE_CONFIGURATION,
        )
        return DeltaTable(path).version()

    def delete_sources(self, dataset: str, sources: list[str]) -> int:
        """Remove every row of ``sources`` from ``dataset`` in one commit; return the version."""
        table = self.table(dataset)
        table.delete("source_file IN (" + ", ".join(map(sql_string, sources)) + ")")
        return table.version()

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
