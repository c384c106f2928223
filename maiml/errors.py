"""Exceptions raised by the MaiML library; each names the file, line and element it concerns."""

from __future__ import annotations


def where(file: str | None, line: int | None, path: str | None) -> str:
    """Format a location as ``file:line: path`` leaving out the parts that are unknown."""
    head = ":".join(str(part) for part in (file, line) if part is not None)
    return ": ".join(part for part in (head, path) if part)


class MaimlError(Exception):
    """Base class: a MaiML document could not be read, resolved or written."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.path = path
        super().__init__(message)

    def __str__(self) -> str:
        location = where(self.file, self.line, self.path)
        return f"{location}: {self.message}" if location else self.message


class MaimlParseError(MaimlError):
    """The input is not well-formed XML, not MaiML, truncated, or has an element out of place."""


class DanglingRefError(MaimlError):
    """A ``ref``/``source``/``target`` (or IDREF value) names no ``id`` in the document."""
