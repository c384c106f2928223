"""The adapter protocol: how a source family's native files become Arrow record batches.

An adapter knows one family of formats (seismic, MaiML, KEGG, ...). It declares the datasets
it produces up front (name, Arrow schema, access level), recognises its files cheaply from
their first bytes, and parses one local file at a time into record batches. Adapters know
nothing of nodes, storage, HTTP or processes: the harvest pipeline supplies the file and
takes care of the rest (it also adds a ``source_file`` column to every batch).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

import pyarrow as pa

AccessLevel = Literal["public", "restricted", "sensitive"]
ACCESS_LEVELS: tuple[AccessLevel, ...] = ("public", "restricted", "sensitive")

HEAD_BYTES = 4096
"""How many leading bytes of a file :meth:`Adapter.detect` is shown."""


@dataclass(frozen=True)
class DatasetSpec:
    """One dataset an adapter produces: its name, Arrow schema and default access level."""

    name: str
    schema: pa.Schema
    access: AccessLevel = "public"
    description: str = ""
    column_descriptions: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
    keywords: tuple[str, ...] = ()
    license: str = ""
    """Licence IRI, when the source family has one licence (e.g. KEGG); else the node says."""
    column_units: Mapping[str, str] = field(default_factory=dict)
    """Unit symbol or QUDT IRI per column (``"gal"``, ``"Hz"``, ``"km"``...)."""

    def __post_init__(self) -> None:
        if self.access not in ACCESS_LEVELS:
            raise ValueError(f"dataset {self.name!r}: access must be one of {ACCESS_LEVELS}")
        if "source_file" in self.schema.names:
            raise ValueError(f"dataset {self.name!r}: 'source_file' is added by the pipeline")


class ParseError(Exception):
    """A file could not be parsed; ``location`` says where (line, block, element...)."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} (at {self.location})" if self.location else text


@dataclass(frozen=True)
class SourceContext:
    """What an adapter gets to parse one file.

    ``path`` is a local copy (or the file itself) that may be opened by name; ``url`` is the
    file's address in the source as the user gave it. ``sibling`` fetches another file of the
    same source directory by relative name (e.g. a WIN32 channel table next to a ``.cnt``
    file, or a file a MaiML ``insertion`` points to) and returns a local path, or ``None``
    when there is no such file.
    """

    path: Path
    url: str
    fmt: str
    sibling: Callable[[str], Path | None]


class Adapter(ABC):
    """Base class of every adapter. Subclasses set the class attributes and two methods."""

    name: ClassVar[str]
    version: ClassVar[str]
    datasets: ClassVar[Mapping[str, DatasetSpec]]

    @abstractmethod
    def detect(self, head: bytes, filename: str) -> str | None:
        """Return the format name if ``head`` (the first bytes of ``filename``) is ours."""

    @abstractmethod
    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        """Yield ``(dataset name, record batch)`` pairs for one file.

        Batches must match the declared schema of their dataset. Raise :class:`ParseError`
        (or any exception) for a bad file: the pipeline records it and goes on.
        """

    def ignores(self, filename: str) -> bool:
        """Whether discovery should pass over ``filename`` silently (not an error)."""
        return Path(filename).name.startswith(".")


def batch_from_rows(spec: DatasetSpec, rows: list[dict]) -> pa.RecordBatch:
    """Build a record batch of ``spec``'s schema from a list of row dictionaries."""
    return pa.RecordBatch.from_pylist(rows, schema=spec.schema)
