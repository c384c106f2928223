"""The ``fedcat`` command line: init, harvest, datasets, query, errors, versions, changes, demo."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from catalog.cli_options import FormatOption, NodeOption, OutputOption, console, errors
from catalog.errors import FedcatError
from catalog.metadata.cli import metadata_app, search, sparql
from catalog.output import OutputFormat, write_records, write_result
from catalog.review_cli import review_app, validate

app = typer.Typer(
    name="fedcat",
    help="A federated, AI-Ready catalog for scientific data that stays at its institution.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Directory for the new node.")],
    name: Annotated[str, typer.Option(help="Node name; datasets are queried as <name>.<dataset>.")],
    institution: Annotated[str, typer.Option(help="Institution that runs the node.")] = "",
) -> None:
    """Create a new, empty node."""
    from catalog.store import NodeStore

    store = NodeStore.init(path, name, institution)
    console.print(f"created node [bold]{store.name}[/bold] in {store.dir}")


@app.command()
def harvest(
    adapter: Annotated[str, typer.Argument(help="Adapter name, e.g. seismic.")],
    source: Annotated[str, typer.Argument(help="Path, glob or fsspec URL of the source files.")],
    node: NodeOption,
    workers: Annotated[int | None, typer.Option(min=1, help="Parser processes (default: cores).")
                       ] = None,
    prune: Annotated[bool, typer.Option(help="Drop rows of files gone from the source.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any file failed.")] = False,
) -> None:
    """Harvest every file under SOURCE into the node (new and changed files only)."""
    from catalog.harvest import harvest as run_harvest
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    try:
        with _progress_bars() as progress:
            report = run_harvest(store, adapter, source, workers=workers, prune=prune,
                                 progress=progress)
    except KeyboardInterrupt:
        errors.print("[red]interrupted[/red]: nothing from this harvest was committed")
        raise typer.Exit(130) from None
    summary = report.summary
    console.print(
        f"harvest #{report.run_id}: {summary.files_seen} files — {summary.files_new} new, "
        f"{summary.files_changed} changed, {summary.files_unchanged} unchanged, "
        f"{summary.files_failed} failed, {summary.files_pruned} pruned; "
        f"{summary.rows_written} rows written"
    )
    for dataset, version in sorted(report.versions.items()):
        console.print(f"  {store.name}.{dataset} → version {version}")
    for outcome in report.validation:
        failures = (f" ({outcome.critical_failed} critical, {outcome.warnings_failed} warning "
                    "expectations failed)" if outcome.critical_failed or outcome.warnings_failed
                    else "")
        console.print(f"  {store.name}.{outcome.dataset} v{outcome.version}: "
                      f"{outcome.status}{failures}")
        for problem in outcome.problems:
            errors.print(f"[yellow]suite problem[/yellow] {problem}", highlight=False)
    for failure in report.failed:
        errors.print(f"[red]failed[/red] {failure.url}: {failure.error_type}: {failure.message}",
                     highlight=False)
    if report.failed and strict:
        raise typer.Exit(1)


@app.command()
def datasets(node: NodeOption, fmt: FormatOption = OutputFormat.table,
             output: OutputOption = None) -> None:
    """List the node's datasets: rows, files, bytes, access level and status."""
    from catalog.listing import dataset_rows
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    write_records(dataset_rows(store), fmt, output, console, title=f"datasets on {store.name}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL; datasets are <node>.<dataset>.")],
    node: NodeOption,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    version: Annotated[int | None, typer.Option(help="Read every dataset at this version.")
                       ] = None,
    as_of: Annotated[datetime | None, typer.Option(
        "--as-of", help="Read every dataset as it was at this time (ISO).")] = None,
) -> None:
    """Run SQL against the node's datasets."""
    from catalog.query import QueryEngine
    from catalog.store import NodeStore

    engine = QueryEngine(NodeStore.open(node))
    result = engine.execute(sql, version=version, as_of=_local(as_of))
    write_result(result, fmt, output, console)


@app.command("errors")
def list_errors(node: NodeOption, fmt: FormatOption = OutputFormat.table,
                output: OutputOption = None) -> None:
    """Every source file whose last harvest failed, with the reason."""
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    write_records(store.bookkeeping.errors(), fmt, output, console, title="files that failed")


@app.command()
def versions(
    dataset: Annotated[str, typer.Argument(help="Dataset name.")],
    node: NodeOption,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Every version of a dataset: number, time, operation, rows added."""
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    write_records(store.history(dataset), fmt, output, console, title=f"versions of {dataset}")


@app.command()
def changes(
    dataset: Annotated[str, typer.Argument(help="Dataset name.")],
    since: Annotated[int, typer.Option(help="List rows added or removed after this version.")],
    node: NodeOption,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Rows inserted or deleted since a version (the change feed)."""
    from catalog.store import NodeStore

    table = NodeStore.open(node).changes(dataset, since)
    write_result(table.to_reader(), fmt, output, console, title=f"{dataset} since v{since}")


@app.command()
def runs(node: NodeOption, fmt: FormatOption = OutputFormat.table,
         output: OutputOption = None) -> None:
    """Every harvest run, newest first."""
    from catalog.store import NodeStore

    write_records(NodeStore.open(node).bookkeeping.runs(), fmt, output, console,
                  title="harvest runs")


@app.command()
def demo(
    path: Annotated[Path, typer.Option("--dir", help="Where to build the demo node.")
                    ] = Path("demo-node"),
) -> None:
    """Build a node from ObsPy's real seismic test records, harvest them and query them."""
    from catalog.demo import run_demo

    with _progress_bars() as progress:
        run_demo(path, console, progress)


app.add_typer(metadata_app)
app.add_typer(review_app, name="review")
app.command()(search)
app.command()(sparql)
app.command()(validate)


@contextmanager
def _progress_bars() -> Iterator:
    """Rich progress bars for the harvest stages (quiet when not on a terminal)."""
    with Progress(TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=errors, transient=True,
                  disable=not errors.is_terminal) as bars:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield update


def _local(moment: datetime | None) -> datetime | None:
    """Times typed without a zone are the user's local time."""
    return moment.astimezone() if moment and moment.tzinfo is None else moment


def main() -> None:
    """Entry point: run the CLI and print any fedcat error as one line."""
    try:
        app()
    except FedcatError as error:
        errors.print(f"[red]error[/red]: {error}", highlight=False)
        sys.exit(2)
