"""Parse one source file in a worker process, spilling its batches to Arrow IPC files.

Workers write what they parse straight to disk, one spill file per dataset, so memory stays
bounded by one record batch whatever the size of the source. A file that fails leaves no spill
behind and comes back as an outcome with the error, never as an exception.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa

from adapters.base import HEAD_BYTES, Adapter, DatasetSpec, SourceContext
from adapters.registry import adapter_from_import_path

SOURCE_COLUMN = pa.field("source_file", pa.string(), nullable=False)


def stored_schema(spec: DatasetSpec) -> pa.Schema:
    """The schema a dataset is stored with: the adapter's columns plus ``source_file``."""
    return spec.schema.append(SOURCE_COLUMN)


@dataclass(frozen=True)
class ParseTask:
    """One file for a worker: which adapter (``module:Class``), where it is, where to spill."""

    adapter: str
    url: str
    local_path: str
    spill_prefix: str


@dataclass(frozen=True)
class ParseOutcome:
    """What became of one file: rows and spill file per dataset, or the error."""

    url: str
    fmt: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    spills: dict[str, str] = field(default_factory=dict)
    error_type: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file was parsed without error."""
        return self.error_type is None


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle, not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def parse_file(task: ParseTask) -> ParseOutcome:
    """Detect and parse one file; spill its batches; report rows or the error."""
    adapter = adapter_from_import_path(task.adapter)
    path = Path(task.local_path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        return ParseOutcome(task.url, error_type="Unreadable",
                            message=f"cannot read the file: {error.strerror or error}")
    if not head:
        return ParseOutcome(task.url, error_type="EmptyFile", message="the file is empty (0 bytes)")
    fmt = adapter.detect(head, path.name)
    if fmt is None:
        return ParseOutcome(task.url, error_type="UnknownFormat",
                            message=f"not a format the {adapter.name} adapter reads")
    context = SourceContext(path=path, url=task.url, fmt=fmt, sibling=partial(_sibling, path))
    writers: dict[str, pa.ipc.RecordBatchFileWriter] = {}
    spills: dict[str, str] = {}
    rows: dict[str, int] = {}
    try:
        for dataset, batch in adapter.parse(context):
            spec = _spec(adapter, dataset)
            batch = _with_source(_conform(batch, spec), task.url)
            if dataset not in writers:
                spills[dataset] = f"{task.spill_prefix}.{dataset}.arrow"
                writers[dataset] = pa.ipc.new_file(spills[dataset], stored_schema(spec))
            writers[dataset].write_batch(batch)
            rows[dataset] = rows.get(dataset, 0) + batch.num_rows
    except Exception as error:  # any failure of a parser is this file's error, not the run's
        _close(writers)
        for spill in spills.values():
            Path(spill).unlink(missing_ok=True)
        return ParseOutcome(task.url, fmt=fmt, error_type=type(error).__name__,
                            message=str(error) or repr(error))
    _close(writers)
    return ParseOutcome(task.url, fmt=fmt, rows=rows, spills=spills)


def _sibling(path: Path, name: str) -> Path | None:
    candidate = path.parent / name
    return candidate if candidate.is_file() else None


def _spec(adapter: Adapter, dataset: str) -> DatasetSpec:
    try:
        return adapter.datasets[dataset]
    except KeyError:
        raise TypeError(f"adapter {adapter.name!r} yielded undeclared dataset {dataset!r}"
                        ) from None


def _conform(batch: pa.RecordBatch, spec: DatasetSpec) -> pa.RecordBatch:
    if batch.schema.equals(spec.schema):
        return batch
    try:
        return batch.select(spec.schema.names).cast(spec.schema)
    except (KeyError, ValueError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise TypeError(f"batch for {spec.name!r} does not match its declared schema: {error}"
                        ) from None


def _with_source(batch: pa.RecordBatch, url: str) -> pa.RecordBatch:
    column = pa.array([url] * batch.num_rows, pa.string())
    return batch.append_column(SOURCE_COLUMN, column)


def _close(writers: dict[str, pa.ipc.RecordBatchFileWriter]) -> None:
    for writer in writers.values():
        writer.close()
