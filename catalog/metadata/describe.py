"""Everything the metadata says about one dataset, gathered once: what its adapter declares, what
the node configures, what its Delta table and the bookkeeping hold, and what its data covers.

Where nothing is declared a sensible default is derived and a warning says so; a dataset is
never left without a title, description, keywords, themes, licence or column descriptions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import pyarrow as pa

from adapters.base import DatasetSpec
from adapters.registry import UnknownAdapterError, load_adapter
from catalog.metadata.checksums import ChecksumCache
from catalog.metadata.coverage import Coverage, CoverageReader
from catalog.metadata.domain import CODE_VALUES_LIMIT, ColumnTerm, column_term
from catalog.metadata.units import column_unit
from catalog.metadata.vocab import DATA_THEME
from catalog.store import NodeStore

SOURCE_FILE_DESCRIPTION = "Address of the source file this row was harvested from."
DOMAIN_THEMES: Mapping[str, tuple[str, ...]] = {
    "seismic": (str(DATA_THEME.ENVI), str(DATA_THEME.TECH)),
    "kegg": (str(DATA_THEME.HEAL), str(DATA_THEME.TECH)),
    "nims": (str(DATA_THEME.TECH),),
}
"""EU data themes of the adapter families fedcat ships."""


@dataclass(frozen=True)
class ColumnFacts:
    """One column: name, Arrow type, description, QUDT unit and vocabulary."""

    name: str
    type: pa.DataType
    description: str
    unit: str | None = None
    term: ColumnTerm | None = None


@dataclass(frozen=True)
class FileFacts:
    """One Parquet file of the current version."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class VersionFacts:
    """One version: number, commit time and the harvest run that made it (if any)."""

    number: int
    timestamp: datetime
    run_id: int | None


@dataclass
class DatasetFacts:
    """What the metadata of one dataset is built from."""

    name: str
    node: str
    domain: str
    title: str
    description: str
    keywords: list[str]
    themes: list[str]
    license: str | None
    access: str
    columns: list[ColumnFacts]
    versions: list[VersionFacts]
    files: list[FileFacts]
    rows: int
    coverage: Coverage
    warnings: list[str] = field(default_factory=list)

    @property
    def version(self) -> int:
        """The current version number."""
        return self.versions[-1].number


def runs_by_version(store: NodeStore) -> dict[tuple[str, int], int]:
    """Which harvest run committed each (dataset, version)."""
    made: dict[tuple[str, int], int] = {}
    for run in store.bookkeeping.rows("SELECT id, versions FROM harvest_runs"):
        for dataset, version in json.loads(run["versions"] or "{}").items():
            made[(dataset, int(version))] = run["id"]
    return made


def describe_dataset(store: NodeStore, name: str, checksums: ChecksumCache,
                     coverage: CoverageReader, runs: Mapping[tuple[str, int], int]
                     ) -> DatasetFacts:
    """Gather the facts of dataset ``name`` (its latest version)."""
    warnings: list[str] = []
    registered = next(iter(store.bookkeeping.rows(
        "SELECT adapter, access, description FROM datasets WHERE name = ?", (name,))), {})
    adapter = registered.get("adapter")
    spec = _spec(adapter, name, warnings)
    settings = store.config.datasets.get(name)
    number, paths, schema = store.version_files(name)
    columns = _columns(schema, spec, warnings)
    terms = [c.name for c in columns if c.term and pa.types.is_string(c.type)]
    domain = adapter or "unregistered"
    rows = store.stats(name)["rows"]
    return DatasetFacts(
        name=name, node=store.name, domain=domain,
        title=_declared("title", settings, spec) or _derived(
            warnings, "title", name.replace("_", " ").capitalize()),
        description=(getattr(settings, "description", None) or getattr(spec, "description", "")
                     or registered.get("description") or _derived(
                         warnings, "description",
                         f"{name.replace('_', ' ').capitalize()}: {rows} rows of "
                         f"{len(columns)} columns on node {store.name}.")),
        keywords=list(_declared("keywords", settings, spec) or _derived(
            warnings, "keywords", [domain, *name.split("_")])),
        themes=list(_declared("themes", settings, spec) or DOMAIN_THEMES.get(domain) or _derived(
            warnings, "themes", [str(DATA_THEME.TECH)])),
        license=(_declared("license", settings, spec) or getattr(store.config, "license", None)
                 or _derived(warnings, "license", None)),
        access=(getattr(settings, "access", None) or registered.get("access")
                or getattr(spec, "access", "public")),
        columns=columns,
        versions=[VersionFacts(entry["version"], entry["timestamp"],
                               runs.get((name, entry["version"])))
                  for entry in store.history(name) if entry["version"] <= number],
        files=[_file(path, checksums) for path in paths],
        rows=rows,
        coverage=coverage.coverage(paths, schema, terms, CODE_VALUES_LIMIT),
        warnings=warnings,
    )


def _file(path: str, checksums: ChecksumCache) -> FileFacts:
    size = os.path.getsize(path)
    return FileFacts(path, size, checksums.sha256(path, size))


def _spec(adapter: str | None, name: str, warnings: list[str]) -> DatasetSpec | None:
    """The adapter's declaration of dataset ``name``, or None (with a warning)."""
    if adapter is None:
        warnings.append("not registered by any harvest: metadata derived from the table alone")
        return None
    spec = (_declared_datasets(adapter) or {}).get(name)
    if spec is None:
        warnings.append(f"adapter {adapter!r} is not installed or does not declare this "
                        "dataset: metadata derived from the table alone")
    return spec


@cache
def _declared_datasets(adapter: str) -> Mapping[str, DatasetSpec] | None:
    """The datasets ``adapter`` declares, or None when no such adapter is installed."""
    try:
        return load_adapter(adapter).datasets
    except UnknownAdapterError:
        return None


def _declared(attribute: str, *sources: object) -> object | None:
    """The first non-empty ``attribute`` of the node settings or the adapter's spec."""
    for source in sources:
        value = getattr(source, attribute, None)
        if value:
            return value
    return None


def _derived(warnings: list[str], what: str, value: object) -> object:
    """Record that ``what`` was not declared and return the derived ``value``."""
    if value is None:
        warnings.append(f"no {what} declared (set one in the adapter or fedcat.toml)")
    else:
        warnings.append(f"no {what} declared; derived: {value!r}")
    return value


def _columns(schema: pa.Schema, spec: DatasetSpec | None, warnings: list[str]
             ) -> list[ColumnFacts]:
    """Every column with its description, unit and vocabulary."""
    declared = dict(getattr(spec, "column_descriptions", {}) or {})
    declared.setdefault("source_file", SOURCE_FILE_DESCRIPTION)
    units = getattr(spec, "column_units", {}) or {}
    terms = getattr(spec, "column_terms", {}) or {}
    undescribed = [f.name for f in schema if f.name not in declared]
    if undescribed:
        warnings.append(f"{len(undescribed)} of {len(schema)} columns have no description: "
                        f"{', '.join(undescribed)}")
    return [
        ColumnFacts(
            name=f.name, type=f.type,
            description=declared.get(f.name) or f"{f.name.replace('_', ' ')} ({f.type})",
            unit=column_unit(f.name, declared.get(f.name, ""), units),
            term=column_term(f.name, terms),
        )
        for f in schema
    ]
