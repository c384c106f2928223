"""What every fedcat command shares: the --node/--format/--output options and the consoles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from catalog.output import OutputFormat

console = Console()
errors = Console(stderr=True, soft_wrap=True)

NodeOption = Annotated[Path, typer.Option(
    "--node", "-n", envvar="FEDCAT_NODE", help="Node directory (or set FEDCAT_NODE).")]
FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table for people; csv, json (one array) or parquet for scripts.")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file instead of the terminal.")]
