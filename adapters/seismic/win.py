"""Old-style WIN completeness: ObsPy's reader stops quietly at a second block cut short."""

from __future__ import annotations

import struct
from pathlib import Path

from adapters.base import ParseError

BLOCK_HEADER = 10
"""A second block starts with its 4-byte length (itself included) and a 6-byte BCD time."""


def check_win_complete(path: Path) -> None:
    """Raise :class:`ParseError` unless the file is a whole number of second blocks."""
    data = path.read_bytes()
    offset = 0
    while offset < len(data):
        if len(data) - offset < 4:
            raise ParseError("file ends inside a second block's length field",
                             location=f"byte {offset}")
        (length,) = struct.unpack_from(">I", data, offset)
        if length < BLOCK_HEADER:
            raise ParseError(f"second block claims {length} bytes, fewer than its header",
                             location=f"byte {offset}")
        if offset + length > len(data):
            raise ParseError(f"file cut mid-block: the second block needs {length} bytes, "
                             f"{len(data) - offset} remain", location=f"byte {offset}")
        offset += length
