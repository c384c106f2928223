"""Errors a user can act on. The CLI prints each as one line; services turn them into problems."""

from __future__ import annotations


class FedcatError(Exception):
    """Base of every error that names its input and says what to do."""


class NodeNotFoundError(FedcatError):
    """The node directory does not exist or holds no fedcat node."""


class NodeExistsError(FedcatError):
    """``init`` was asked to create a node where one already is."""


class SourceNotFoundError(FedcatError):
    """A harvest source URL matches no file."""


class HarvestLockedError(FedcatError):
    """Another harvest holds the node's write lock."""


class UnknownDatasetError(FedcatError):
    """A dataset name is not on the node."""


class VersionNotFoundError(FedcatError):
    """A dataset has no version with the requested number or time."""


class QueryError(FedcatError):
    """SQL that could not be run: syntax, unknown table, forbidden operation."""


class UsageError(FedcatError):
    """Arguments that do not fit together or do not make sense."""
