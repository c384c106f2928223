"""Errors of the metadata surfaces: each names its input in one line."""

from __future__ import annotations

from catalog.errors import FedcatError


class MetadataNotBuiltError(FedcatError):
    """The node has no persisted metadata yet."""


class SparqlSyntaxError(FedcatError):
    """A SPARQL query the parser rejected (the message gives line and column)."""


class SparqlRefusedError(FedcatError):
    """A SPARQL request that is not a read-only query (UPDATE, LOAD, ...)."""


class SparqlTimeoutError(FedcatError):
    """A SPARQL query that ran past its time limit."""


class SearchInputError(FedcatError):
    """A search filter that cannot be understood (bounding box, dates)."""
