"""Command line of the metadata: ``fedcat metadata export|rebuild|check``, ``fedcat search`` and
``fedcat sparql``. The main CLI registers them with one line each::

    app.add_typer(metadata_app)
    app.command()(search)
    app.command()(sparql)
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from typing import Annotated

import typer

from catalog.cli_options import FormatOption, NodeOption, OutputOption, console, errors
from catalog.output import OutputFormat, write_records

metadata_app = typer.Typer(
    name="metadata", no_args_is_help=True,
    help="The node's AI-Ready metadata: DCAT/PROV graph, Croissant, SHACL checks.")
DatasetArgument = Annotated[str | None, typer.Argument(help="Dataset name (default: all).")]


@metadata_app.command("export")
def export_metadata(
    node: NodeOption,
    dataset: DatasetArgument = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="turtle, jsonld, ntriples, or croissant (one dataset).")
    ] = "turtle",
    output: OutputOption = None,
) -> None:
    """Export the metadata of the node or of one dataset."""
    from catalog.errors import UsageError
    from catalog.metadata.export import ExportFormat, export
    from catalog.store import NodeStore

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown --format {fmt!r}: choose one of "
                         f"{', '.join(f.value for f in ExportFormat)}") from None
    content = export(NodeStore.open(node), dataset, chosen)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        output.write_bytes(content)


@metadata_app.command()
def rebuild(
    node: NodeOption,
    datasets: Annotated[list[str] | None, typer.Argument(
        help="Datasets to refresh (default: rebuild everything from scratch).")] = None,
) -> None:
    """Rebuild the metadata graph, Croissant documents and search index."""
    from catalog.metadata.refresh import refresh
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    start = time.perf_counter()
    warnings = refresh(store, datasets or None)
    console.print(f"metadata of {len(warnings)} datasets on {store.name} rebuilt in "
                  f"{time.perf_counter() - start:.2f} s")
    _print_warnings(warnings)


@metadata_app.command()
def check(node: NodeOption, dataset: DatasetArgument = None) -> None:
    """Check the persisted metadata against the catalog's SHACL shapes."""
    from catalog.metadata.export import export_graph
    from catalog.metadata.layout import MetadataPaths
    from catalog.metadata.shapes import check_shapes
    from catalog.store import NodeStore

    store = NodeStore.open(node)
    warnings_file = MetadataPaths.of(store).warnings
    stored = json.loads(warnings_file.read_text()) if warnings_file.exists() else {}
    _print_warnings({name: w for name, w in stored.items() if dataset in (None, name)})
    violations = check_shapes(export_graph(store, dataset))
    for line in violations:
        errors.print(f"[red]violation[/red] {line}", highlight=False)
    console.print(f"SHACL: {len(violations)} violations")
    if violations:
        raise typer.Exit(1)


def search(
    query: Annotated[str, typer.Argument(help="Words to look for, in any language.")],
    node: NodeOption,
    domain: Annotated[str | None, typer.Option(help="Only this domain (e.g. seismic).")] = None,
    access: Annotated[str | None, typer.Option(help="Only this access level.")] = None,
    bbox: Annotated[str | None, typer.Option(
        help="Only datasets overlapping WEST,SOUTH,EAST,NORTH (degrees).")] = None,
    since: Annotated[datetime | None, typer.Option(
        "--from", help="Only datasets with records at or after this time (UTC).")] = None,
    until: Annotated[datetime | None, typer.Option(
        "--to", help="Only datasets with records at or before this time (UTC).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most results to show.")] = 10,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Find datasets by relevance of titles, descriptions, keywords and columns, with facets."""
    from catalog.metadata.errors import SearchInputError
    from catalog.metadata.layout import MetadataPaths
    from catalog.metadata.search_index import SearchFilters, SearchIndex, parse_bbox
    from catalog.store import NodeStore

    since, until = _utc(since), _utc(until)
    if since and until and since > until:
        raise SearchInputError(f"--from {since.isoformat()} is after --to {until.isoformat()}")
    filters = SearchFilters(domain, access, parse_bbox(bbox) if bbox is not None else None,
                            since, until)
    store = NodeStore.open(node)
    found = SearchIndex(MetadataPaths.of(store).search).search(query, filters, limit)
    if fmt is OutputFormat.json:
        text = json.dumps({"total": found.total, "results": found.hits, "facets": found.facets},
                          ensure_ascii=False, indent=1)
        if output is None:
            print(text)
        else:
            output.write_text(text + "\n")
        return
    write_records(found.hits, fmt, output, console,
                  title=f"{found.total} datasets match on {store.name}")
    if fmt is OutputFormat.table and output is None:
        write_records([{"facet": name, "value": value, "datasets": count}
                       for name, counts in found.facets.items()
                       for value, count in counts.items()], fmt, None, console, title="facets")


def sparql(
    query: Annotated[str, typer.Argument(help="SELECT, ASK or CONSTRUCT; common prefixes "
                                              "(dcat, dct, prov, csvw, qudt...) are declared.")],
    node: NodeOption,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    timeout: Annotated[float, typer.Option(min=0.01, help="Time limit in seconds.")] = 30.0,
) -> None:
    """Run a read-only SPARQL query over the node's metadata graph."""
    from catalog.metadata.sparql import run_sparql
    from catalog.store import NodeStore

    result = run_sparql(NodeStore.open(node), query, timeout)
    write_records(result.records, fmt, output, console, title=f"SPARQL {result.kind}")


def _print_warnings(warnings: dict[str, list[str]]) -> None:
    for dataset, lines in sorted(warnings.items()):
        for line in lines:
            errors.print(f"[yellow]warning[/yellow] {dataset}: {line}", highlight=False)


def _utc(moment: datetime | None) -> datetime | None:
    """Times typed without a zone are UTC (coverage times are stored in UTC)."""
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment
