"""``fedcat validate`` and ``fedcat review list|show|approve|reject``: the steward's commands.

Register them in :mod:`catalog.cli` with ``app.command()(validate)`` and
``app.add_typer(review_app, name="review")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catalog.cli_options import FormatOption, NodeOption, OutputOption, console, errors
from catalog.output import OutputFormat, write_records

DatasetArgument = Annotated[str, typer.Argument(help="Dataset name.")]
ReasonOption = Annotated[str, typer.Option(help="Why: recorded with who and when.")]
ByOption = Annotated[str | None, typer.Option(help="Who decides (default: your user name).")]
VersionOption = Annotated[int | None, typer.Option(help="Dataset version (default: latest).")]

review_app = typer.Typer(help="Review what the node publishes: statuses, failures, decisions.",
                         no_args_is_help=True)


def validate(
    node: NodeOption,
    dataset: Annotated[str | None, typer.Argument(help="Dataset (default: all).")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Validate the latest version of each dataset; quarantine those failing a critical rule."""
    from catalog.review import validate_datasets
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    outcomes = validate_datasets(store, [dataset] if dataset else None)
    records = [{"dataset": o.dataset, "version": o.version, "status": o.status, "rows": o.rows,
                "critical_failed": o.critical_failed, "warnings_failed": o.warnings_failed,
                "report": str(o.report_html)} for o in outcomes]
    write_records(records, fmt, output, console, title=f"validation on {store.name}")
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    for problem in problems:
        errors.print(f"[red]error[/red]: {problem}", highlight=False)
    if problems:
        raise typer.Exit(1)


@review_app.command("list")
def review_list(node: NodeOption, fmt: FormatOption = OutputFormat.table,
                output: OutputOption = None) -> None:
    """Each dataset's latest version: status, failed expectations, last decision."""
    from catalog.review import review_rows
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    write_records(review_rows(store), fmt, output, console, title=f"review of {store.name}")


@review_app.command("show")
def review_show(dataset: DatasetArgument, node: NodeOption, version: VersionOption = None,
                fmt: FormatOption = OutputFormat.table, output: OutputOption = None) -> None:
    """A version's failed expectations with counts and sample values (counts only for
    sensitive datasets), its decisions and its report."""
    from catalog.review import review_details
    from catalog.store import NodeStore

    details = review_details(NodeStore.open(node), dataset, version)
    if fmt is OutputFormat.table and output is None:
        console.print(f"{details.dataset} version {details.version}: [bold]{details.status}"
                      f"[/bold] (access {details.access}); report: {details.report_html}",
                      highlight=False)
        for problem in details.problems:
            console.print(f"[yellow]suite problem[/yellow]: {problem}", highlight=False)
    write_records(details.failures, fmt, output, console, title="failed expectations")
    if details.decisions and fmt is OutputFormat.table and output is None:
        write_records(details.decisions, fmt, None, console, title="decisions")


@review_app.command("approve")
def review_approve(dataset: DatasetArgument, reason: ReasonOption, node: NodeOption,
                   by: ByOption = None, version: VersionOption = None) -> None:
    """Publish a quarantined (or rejected) version despite its failures."""
    _decide(dataset, "approved", reason, node, by, version)


@review_app.command("reject")
def review_reject(dataset: DatasetArgument, reason: ReasonOption, node: NodeOption,
                  by: ByOption = None, version: VersionOption = None) -> None:
    """Withhold a version from researchers."""
    _decide(dataset, "rejected", reason, node, by, version)


def _decide(dataset: str, decision: str, reason: str, node: Path, by: str | None,
            version: int | None) -> None:
    from catalog.review import decide
    from catalog.store import NodeStore

    recorded = decide(NodeStore.open(node), dataset, decision, reason, by, version)
    console.print(f"{dataset} version {recorded['version']} {decision} by "
                  f"{recorded['decided_by']} at {recorded['decided_at']}: {recorded['reason']}",
                  highlight=False)
