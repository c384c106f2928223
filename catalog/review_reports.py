"""Validation reports on disk: ``<node>/reports/<dataset>/v<version>.json`` and ``.html``.

The JSON is GX's suite validation result; the HTML page (see :mod:`validation.html`) adds the
trend over the dataset's validated versions and the steward's decisions, and is written again
when a steward decides. Files are replaced atomically, so a reader never sees half a report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from catalog.review_store import ReviewLedger
from catalog.store import NodeStore
from validation.html import ReportContext, dumps, render_report

REPORTS_DIR = "reports"


def report_path(store: NodeStore, dataset: str, version: int, suffix: str) -> Path:
    """Where the ``suffix`` (``.json`` or ``.html``) report of a dataset version lives."""
    return store.dir / REPORTS_DIR / dataset / f"v{version}{suffix}"


def write_json_report(store: NodeStore, dataset: str, version: int, result: dict) -> Path:
    """Store GX's result of one validation; return its path."""
    path = report_path(store, dataset, version, ".json")
    _replace(path, dumps(result))
    return path


def read_json_report(store: NodeStore, dataset: str, version: int) -> dict | None:
    """GX's stored result of a dataset version, if there is one."""
    path = report_path(store, dataset, version, ".json")
    return json.loads(path.read_text()) if path.is_file() else None


def write_html_report(store: NodeStore, ledger: ReviewLedger, dataset: str, version: int,
                      status: str, access: str, result: dict,
                      trend: list[dict] | None = None) -> Path:
    """Render the HTML page of a version from its result, the trend and the decisions.

    ``trend`` defaults to the ledger's validated versions up to this one.
    """
    history = trend if trend is not None else [
        row for row in ledger.versions(dataset) if row["version"] <= version]
    earlier = [row["version"] for row in history if row["version"] < version]
    context = ReportContext(
        node=store.name, dataset=dataset, version=version, status=status, access=access,
        trend=history, previous=read_json_report(store, dataset, earlier[-1]) if earlier else None,
        decisions=ledger.decisions(dataset, version),
    )
    path = report_path(store, dataset, version, ".html")
    _replace(path, render_report(result, context))
    return path


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
