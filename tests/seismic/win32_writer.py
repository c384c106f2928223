"""A small WIN32 writer for tests, written independently of the reader (plain Python loops).

Layout: see ``adapters/seismic/win32.py``. Also converts old-style WIN files (ObsPy's test
data) to WIN32 by copying their channel blocks verbatim behind organisation/network ids.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

HIGHEST = {0: 7, 1: 127, 2: 2**15 - 1, 3: 2**23 - 1, 4: 2**31 - 1}


def smallest_code(samples: Sequence[int]) -> int:
    """The smallest difference size code that holds every difference of ``samples``."""
    diffs = [b - a for a, b in zip(samples, samples[1:])]
    for code, high in HIGHEST.items():
        if all(-high - 1 <= d <= high for d in diffs):
            return code
    raise ValueError("differences do not fit in 32 bits")


def channel_block(samples: Sequence[int], channel: int, code: int | None = None,
                  organization: int = 1, network: int = 1) -> bytes:
    """One channel's second of ``samples`` (the count is the sampling rate)."""
    samples = [int(s) for s in samples]
    code = smallest_code(samples) if code is None else code
    out = bytearray(struct.pack(">BBHHi", organization, network, channel,
                                code << 12 | len(samples), samples[0]))
    diffs = [b - a for a, b in zip(samples, samples[1:])]
    if code == 0:
        nibbles = [d & 0x0F for d in diffs] + [0] * (len(diffs) % 2)
        out += bytes(high << 4 | low for high, low in zip(nibbles[::2], nibbles[1::2]))
    elif code == 5:
        out += b"".join(struct.pack(">i", s) for s in samples[1:])
    else:
        out += b"".join(d.to_bytes(code, "big", signed=True) for d in diffs)
    return bytes(out)


def bcd(values: Iterable[int]) -> bytes:
    """Two-digit values as BCD bytes."""
    return bytes((v // 10) << 4 | v % 10 for v in values)


def second_block(time_jst: datetime, channel_blocks: Iterable[bytes], frame: int = 10) -> bytes:
    """A second block: BCD time (JST), frame duration, data length, channel blocks."""
    data = b"".join(channel_blocks)
    t = time_jst
    stamp = bcd([t.year // 100, t.year % 100, t.month, t.day, t.hour, t.minute, t.second, 0])
    return stamp + struct.pack(">II", frame, len(data)) + data


def write_win32(path: Path, second_blocks: Iterable[bytes],
                header: bytes = b"\x00\x00\x00\x00") -> Path:
    """Write a file header and the given second blocks to ``path``."""
    path.write_bytes(header + b"".join(second_blocks))
    return path


def win_to_win32(win: bytes, organization: int = 1, network: int = 1) -> bytes:
    """Convert an old-style WIN file, copying each channel block's bytes unchanged."""
    out = bytearray(b"\x00\x00\x00\x00")
    pos = 0
    while pos < len(win):
        (length,) = struct.unpack_from(">I", win, pos)
        stamp = b"\x20" + win[pos + 4:pos + 10] + b"\x00"  # the century WIN leaves out
        blocks = bytearray()
        block = pos + 10
        while block < pos + length:
            code, count = win[block + 2] >> 4, (win[block + 2] & 0x0F) << 8 | win[block + 3]
            size = 8 + (count // 2 if code == 0 else (count - 1) * code)
            blocks += bytes([organization, network]) + win[block:block + size]
            block += size
        out += stamp + struct.pack(">II", 10, len(blocks)) + blocks
        pos += length
    return bytes(out)
