"""The harvest pipeline: source files in, one new version per touched dataset out.

1. Discover the files under the source URL and hash them (threads); unchanged files (same size
   and sha256 as last time) are skipped.
2. Parse new and changed files in a process pool; each worker spills its batches to disk.
3. Commit each dataset once (Delta), replacing exactly the rows of re-parsed and pruned files.
4. Record files, rows, errors and the run in the bookkeeping, in one transaction.

A bad file is recorded and skipped; it never aborts the run and its earlier rows stay. An
interrupted run commits nothing it had not finished; its scratch files are removed then or,
after a hard kill, by the next writer.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from adapters.base import Adapter
from adapters.registry import UnknownAdapterError, import_path, load_adapter
from catalog.bookkeeping import FailedFile, HarvestedFile, KnownFile, RunSummary
from catalog.errors import UsageError
from catalog.parse_worker import (
    ParseOutcome,
    ParseTask,
    ignore_interrupts,
    parse_file,
    stored_schema,
)
from catalog.sources import Source, SourceEntry
from catalog.store import NodeStore

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a harvest runs."""


@dataclass
class HarvestReport:
    """What one harvest did."""

    run_id: int
    source: str
    summary: RunSummary
    versions: dict[str, int] = field(default_factory=dict)
    failed: list[FailedFile] = field(default_factory=list)
    validation: list = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    entry: SourceEntry
    sha256: str
    local: Path
    is_new: bool


def default_workers() -> int:
    """One worker per core."""
    return len(os.sched_getaffinity(0))


def harvest(store: NodeStore, adapter: str | Adapter, url: str, *, workers: int | None = None,
            prune: bool = False, progress: Progress | None = None) -> HarvestReport:
    """Harvest every file under ``url`` into ``store`` with ``adapter`` (an instance or the
    name it is registered under)."""
    if isinstance(adapter, str):
        try:
            adapter = load_adapter(adapter)
        except UnknownAdapterError as error:
            raise UsageError(str(error)) from None
    source = Source(url)
    entries = [entry for entry in source.discover() if not adapter.ignores(entry.relative)]
    workers = workers or default_workers()
    with store.write_lock():
        store.clean_up_interrupted_writes()
        store.bookkeeping.close_stale_runs()
        run_id = store.bookkeeping.start_run(adapter.name, adapter.version, url)
        scratch = store.staging_dir(run_id)
        try:
            report = _run(store, adapter, source, entries, run_id, scratch, workers, prune,
                          progress or _silent)
        except BaseException as error:
            status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
            store.bookkeeping.abandon_run(run_id, status)
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if report.versions:
        _after_commit(store, report)
    return report


def _after_commit(store: NodeStore, report: HarvestReport) -> None:
    """Grade the new versions (status per version) and bring their metadata up to date."""
    from catalog.metadata import refresh_metadata
    from catalog.review import validate_datasets

    touched = sorted(report.versions)
    report.validation = validate_datasets(store, touched)
    refresh_metadata(store, touched)


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


def _run(store: NodeStore, adapter: Adapter, source: Source, entries: list[SourceEntry],
         run_id: int, scratch: Path, workers: int, prune: bool, progress: Progress
         ) -> HarvestReport:
    summary = RunSummary(files_seen=len(entries))
    known = store.bookkeeping.known_files(adapter.name)
    candidates, failed = _hash_phase(source, entries, known, adapter.version, scratch, workers,
                                     summary, progress)
    outcomes = list(_parse_phase(import_path(adapter), candidates, scratch, workers, progress))
    parsed = [outcome for outcome in outcomes if outcome.ok]
    failed += [FailedFile(o.url, o.error_type or "Error", o.message or "") for o in outcomes
               if not o.ok]
    seen = {entry.url for entry in entries}
    pruned = sorted(u for u in known if u not in seen and source.contains(u)) if prune else []
    versions = _commit_phase(store, adapter, parsed, pruned, progress)

    by_url = {candidate.entry.url: candidate for candidate in candidates}
    harvested = [
        HarvestedFile(o.url, adapter.name, o.fmt or "", by_url[o.url].entry.size,
                      by_url[o.url].sha256, by_url[o.url].entry.mtime, o.rows)
        for o in parsed
    ]
    summary.files_new = sum(1 for o in parsed if by_url[o.url].is_new)
    summary.files_changed = len(parsed) - summary.files_new
    summary.files_failed = len(failed)
    summary.files_pruned = len(pruned)
    summary.rows_written = sum(sum(o.rows.values()) for o in parsed)
    store.bookkeeping.finish_run(
        run_id, "completed with errors" if failed else "completed", summary, versions,
        harvested, failed, pruned, _dataset_records(store, adapter, versions),
    )
    return HarvestReport(run_id, source.url, summary, versions, failed)


def _hash_phase(source: Source, entries: list[SourceEntry], known: dict[str, KnownFile],
                adapter_version: str, scratch: Path, workers: int, summary: RunSummary,
                progress: Progress) -> tuple[list[_Candidate], list[FailedFile]]:
    """Hash every file; keep the new and changed ones as candidates for parsing (a file an
    older adapter version parsed counts as changed: the new version may read it better)."""
    candidates: list[_Candidate] = []
    failed: list[FailedFile] = []
    with ThreadPoolExecutor(max_workers=max(2, workers)) as pool:
        futures = {pool.submit(source.hash_and_localise, entry, scratch): entry
                   for entry in entries}
        for done, future in enumerate(as_completed(futures), start=1):
            entry = futures[future]
            try:
                sha256, local = future.result()
            except OSError as error:
                failed.append(FailedFile(entry.url, "Unreadable",
                                         f"cannot read the file: {error.strerror or error}"))
                continue
            finally:
                progress("checking", done, len(entries))
            previous = known.get(entry.url)
            current = (entry.size, sha256, adapter_version)
            if previous and (previous.size, previous.sha256, previous.adapter_version) == current:
                summary.files_unchanged += 1
            else:
                candidates.append(_Candidate(entry, sha256, local, is_new=previous is None))
    candidates.sort(key=lambda candidate: candidate.entry.url)
    return candidates, failed


def _parse_phase(adapter_path: str, candidates: list[_Candidate], scratch: Path, workers: int,
                 progress: Progress) -> Iterator[ParseOutcome]:
    """Parse candidates in ``workers`` processes (in this process when ``workers`` is 1)."""
    tasks = [
        ParseTask(adapter_path, c.entry.url, str(c.local), str(scratch / f"spill-{index:07d}"))
        for index, c in enumerate(candidates)
    ]
    progress("parsing", 0, len(tasks))
    if workers == 1 or len(tasks) <= 1:
        for done, task in enumerate(tasks, start=1):
            yield parse_file(task)
            progress("parsing", done, len(tasks))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=ignore_interrupts) as pool:
        futures = [pool.submit(parse_file, task) for task in tasks]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                yield future.result()
                progress("parsing", done, len(tasks))
        except BaseException:
            _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, mid-file (Python 3.14 names this ``terminate_workers()``)."""
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _commit_phase(store: NodeStore, adapter: Adapter, parsed: list[ParseOutcome],
                  pruned: list[str], progress: Progress) -> dict[str, int]:
    """Commit one new version of every dataset this run touched; return the versions."""
    replaced = [outcome.url for outcome in parsed] + pruned
    had_rows = store.bookkeeping.rows_by_dataset(replaced)
    work = []
    for name, spec in adapter.datasets.items():
        spills = [outcome.spills[name] for outcome in parsed if name in outcome.spills]
        if spills or had_rows.get(name):
            rows = sum(outcome.rows.get(name, 0) for outcome in parsed)
            row_bytes = sum(os.path.getsize(spill) for spill in spills) / max(rows, 1)
            work.append((name, _spill_reader(stored_schema(spec), spills), row_bytes))
    progress("committing", 0, len(work))
    versions: dict[str, int] = {}
    with ThreadPoolExecutor(max_workers=max(1, len(work))) as pool:
        futures = {
            pool.submit(store.commit, name, reader, replaced, row_bytes): name
            for name, reader, row_bytes in work
        }
        for done, future in enumerate(as_completed(futures), start=1):
            versions[futures[future]] = future.result()
            progress("committing", done, len(work))
    return versions


def _spill_reader(schema: pa.Schema, spills: Iterable[str]) -> pa.RecordBatchReader:
    """One stream over the batches of many spill files."""

    def batches() -> Iterator[pa.RecordBatch]:
        for spill in spills:
            with pa.OSFile(spill, "rb") as handle:
                reader = pa.ipc.open_file(handle)
                for index in range(reader.num_record_batches):
                    yield reader.get_batch(index)

    return pa.RecordBatchReader.from_batches(schema, batches())


def _dataset_records(store: NodeStore, adapter: Adapter, versions: dict[str, int]
                     ) -> list[dict]:
    """Bookkeeping rows for the datasets a run committed (access as the node configures)."""
    records = []
    for name in versions:
        spec = adapter.datasets[name]
        settings = store.config.datasets.get(name)
        records.append({
            "name": name,
            "adapter": adapter.name,
            "access": (settings and settings.access) or spec.access,
            "description": (settings and settings.description) or spec.description,
            "status": "unvalidated",
        })
    return records
