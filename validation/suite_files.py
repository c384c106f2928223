"""Suite documents: great-expectations suites written as YAML or JSON.

A suite document is GX's own suite format plus two optional keys::

    version: 3                      # the steward's version of this file, recorded in reports
    keys: [source_file, trace_index]  # not null and unique together
    expectations:
      - type: expect_column_values_to_be_between
        kwargs: {column: station_latitude, min_value: -90, max_value: 90}
        severity: critical          # or warning
        description: Latitude is a latitude

An entry that GX cannot build (unknown type, missing or misspelt argument) becomes a
:class:`SuiteProblem` naming its file and position; the other entries still count. A file that
cannot be read as a suite at all raises :class:`SuiteFileError`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from great_expectations.exceptions import ExpectationNotFoundError
from great_expectations.expectations.expectation import Expectation
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

SEVERITIES = ("critical", "warning")
ENTRY_KEYS = {"type", "kwargs", "severity", "meta", "notes", "description", "id"}
DOCUMENT_KEYS = {"name", "id", "version", "keys", "expectations", "meta", "notes"}


class SuiteFileError(ValueError):
    """A suite file that cannot be read as a suite at all: where, and what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class SuiteProblem:
    """One suite entry that was left out of a run, and why."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class SuiteEntry:
    """One expectation of a suite, as GX validated it, and where it was declared."""

    expectation: Expectation
    origin: str

    @property
    def config(self) -> ExpectationConfiguration:
        """The GX configuration of this expectation."""
        return self.expectation.configuration


@dataclass(frozen=True)
class SuiteSource:
    """A file that contributed entries to a suite: its path, declared version and digest."""

    path: str
    version: str
    sha256: str


@dataclass(frozen=True)
class SuiteDocument:
    """The entries of one suite document, the problems found in it, and its source."""

    source: SuiteSource
    entries: list[SuiteEntry]
    problems: list[SuiteProblem]


def read_file(path: Path) -> tuple[Any, SuiteSource]:
    """Parse ``path`` as JSON (``.json``) or YAML; return the data and the file's source record."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SuiteFileError(str(path), f"cannot read it ({error.strerror})") from None
    try:
        data = json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)
    except (ValueError, yaml.YAMLError) as error:
        first = str(error).strip().splitlines()[0]
        raise SuiteFileError(str(path), f"not valid {_language(path)}: {first}") from None
    version = str(data.get("version", "")) if isinstance(data, Mapping) else ""
    return data, SuiteSource(str(path), version, hashlib.sha256(raw).hexdigest())


def load_suite_file(path: Path) -> SuiteDocument:
    """Read a node's suite file for one dataset."""
    data, source = read_file(path)
    entries, problems = parse_document(data, str(path))
    return SuiteDocument(source, entries, problems)


def parse_document(data: Any, where: str) -> tuple[list[SuiteEntry], list[SuiteProblem]]:
    """The entries of one suite document (``keys`` expanded) and the problems of the others."""
    if not isinstance(data, Mapping) or not isinstance(data.get("expectations", []), list):
        raise SuiteFileError(where, "a suite is a mapping with a list of 'expectations'")
    unknown = sorted(set(data) - DOCUMENT_KEYS)
    if unknown:
        raise SuiteFileError(where, f"unknown key {unknown[0]!r} "
                                    f"(a suite has {', '.join(sorted(DOCUMENT_KEYS))})")
    items = [*key_expectations(data.get("keys") or [], where), *data.get("expectations", [])]
    key_count = len(items) - len(data.get("expectations", []))
    entries: list[SuiteEntry] = []
    problems: list[SuiteProblem] = []
    for index, item in enumerate(items):
        position = (f"keys {data['keys']}" if index < key_count
                    else f"expectation {index - key_count + 1}")
        kind = item.get("type") if isinstance(item, Mapping) else None
        origin = f"{where}, {position}" + (f" ({kind})" if isinstance(kind, str) else "")
        try:
            entries.append(SuiteEntry(build_expectation(item), origin))
        except ValueError as error:
            problems.append(SuiteProblem(origin, str(error)))
    return entries, problems


def key_expectations(keys: list[str], where: str) -> list[dict]:
    """Suite entries for key columns: each not null, and unique together."""
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise SuiteFileError(where, "'keys' must be a list of column names")
    if not keys:
        return []
    unique = ({"type": "expect_column_values_to_be_unique", "kwargs": {"column": keys[0]}}
              if len(keys) == 1 else
              {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": keys}})
    not_null = [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": key}}
                for key in keys]
    return [*not_null, {**unique, "description": f"No two rows share the key {keys}"}]


def build_expectation(item: Any) -> Expectation:
    """A validated GX expectation from one suite entry; ``ValueError`` says what is wrong."""
    if not isinstance(item, Mapping) or not isinstance(item.get("type"), str):
        raise ValueError("an expectation is a mapping with a 'type'")
    unknown = sorted(set(item) - ENTRY_KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (an entry has "
                         f"{', '.join(sorted(ENTRY_KEYS))}; arguments go under 'kwargs')")
    severity = item.get("severity", "critical")
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    kwargs = item.get("kwargs") or {}
    if not isinstance(kwargs, Mapping):
        raise ValueError("'kwargs' must be a mapping of argument names to values")
    config = ExpectationConfiguration(
        type=item["type"], kwargs=dict(kwargs), meta=item.get("meta"), notes=item.get("notes"),
        description=item.get("description"), severity=severity,
    )
    try:
        return config.to_domain_obj()
    except ExpectationNotFoundError:
        raise ValueError(f"unknown expectation type {item['type']!r}") from None
    except Exception as error:  # GX raises pydantic and its own errors for bad arguments
        raise ValueError(f"invalid arguments: {_argument_errors(error)}") from None


def _argument_errors(error: Exception) -> str:
    """One line out of a pydantic validation error (or any other)."""
    details = getattr(error, "errors", None)
    if not callable(details):
        return str(error).strip().splitlines()[0]
    parts = []
    for detail in details():
        where = ".".join(str(part) for part in detail.get("loc", ()) if part != "__root__")
        parts.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(parts)


def _language(path: Path) -> str:
    return "JSON" if path.suffix == ".json" else "YAML"
