"""Reader for NIED Hi-net WIN32 continuous waveform files (``.cnt``) and channel tables (``.ch``).

File layout (every integer big-endian)::

    file header        4 bytes   00 00 00 00 in files from Hi-net (0A 02 00 00 also accepted)
    second block, repeated:
      time             8 bytes   BCD: century, year, month, day, hour, minute, second, and a
                                 reserved byte (sub-second, 0 in practice; not used); JST
      frame duration   4 bytes   uint32, in 0.1 s; always 10 (one second)
      data length      4 bytes   uint32, bytes of channel blocks that follow this header
      channel block, repeated until the data length is used up:
        organisation   1 byte    organisation id
        network        1 byte    network id within the organisation
        channel        2 bytes   channel number; the 4 hex digits of a ``.ch`` table
        size | count   2 bytes   high 4 bits: sample size code, low 12 bits: samples (= Hz)
        first sample   4 bytes   int32
        the other samples, count - 1 of them, by size code:
          0: differences, 4-bit, two a byte (high nibble first), padded to a whole byte
          1, 2, 3, 4: differences as 1, 2, 3 or 4-byte signed integers
          5: the samples themselves as 4-byte signed integers (no differences)

The channel block is old-style WIN's (see ``obspy.io.win``) with the organisation and network
ids in front; the second-block header replaces WIN's 4-byte block size and 6-byte YYMMDDhhmmss.
The layout agrees with the ERI WIN format description (size codes 0-5) and with the public
WIN32 readers of ObsPy pull request #1692, SeisIO (``readwin32``) and T. Maeda's ``m_win``.
"""

from __future__ import annotations

import re
import struct
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from obspy import Stream, Trace, UTCDateTime
from obspy.core import AttribDict

from adapters.base import ParseError

FILE_HEADERS = (b"\x00\x00\x00\x00", b"\x0a\x02\x00\x00")
FILE_HEADER_SIZE = 4
JST_OFFSET_S = 9 * 3600
FRAME_DURATION = 10  # one second, in units of 0.1 s

_SECOND_HEADER = struct.Struct(">8sII")  # BCD time, frame duration, data length
_CHANNEL_HEADER = struct.Struct(">IH")  # organisation + network + channel, size code | count
_CHANNEL_HEADER_SIZE = 10  # the struct above plus the 4-byte first sample
_DIFF_WIDTH = (0, 1, 2, 3, 4, 4)  # bytes per sample after the first, by size code (0: half)
_CHUNK_SAMPLES = 1 << 20  # samples decoded per numpy pass; bounds temporary memory


@dataclass(frozen=True)
class Win32Channel:
    """One line of a Hi-net channel table: a channel's identity, site and response."""

    channel_id: int
    station: str
    component: str
    unit: str
    sensitivity: float
    gain_db: float
    lsb: float
    latitude: float
    longitude: float
    elevation_m: float

    @property
    def calib(self) -> float:
        """Physical units (``unit``) per count: lsb / (sensitivity * 10**(gain_db / 20))."""
        return self.lsb / (self.sensitivity * 10 ** (self.gain_db / 20))


def is_win32(head: bytes) -> bool:
    """Whether ``head`` starts like a WIN32 file: file header, then a valid second header."""
    if head[:FILE_HEADER_SIZE] not in FILE_HEADERS:
        return False
    if len(head) < FILE_HEADER_SIZE + _SECOND_HEADER.size:
        return False
    bcd, frame, _ = _SECOND_HEADER.unpack_from(head, FILE_HEADER_SIZE)
    try:
        _bcd_to_epoch(bcd, FILE_HEADER_SIZE)
    except ParseError:
        return False
    return frame == FRAME_DURATION


def read_channel_table(path: Path) -> dict[int, Win32Channel]:
    """Parse a Hi-net channel table (``.ch``) into channels keyed by channel number.

    Columns (whitespace-separated, ``#`` starts a comment line): channel id (hex), record
    flag, delay (ms), station, component, monitor amplitude, A/D bits, sensitivity (V/unit),
    unit, natural period (s), damping, gain (dB), LSB (V), latitude, longitude, height (m),
    then optional station corrections and name, which are not used.
    """
    channels: dict[int, Win32Channel] = {}
    text = Path(path).read_bytes().decode("shift_jis", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        location = f"{path}, line {number}"
        if len(fields) < 16:
            raise ParseError(f"channel table line has {len(fields)} columns, needs 16", location)
        if not re.fullmatch(r"[0-9A-Fa-f]{4}", fields[0]):
            raise ParseError(f"channel id {fields[0]!r} is not 4 hex digits", location)
        try:
            channel = Win32Channel(
                channel_id=int(fields[0], 16),
                station=fields[3],
                component=fields[4],
                unit=fields[8],
                sensitivity=float(fields[7]),
                gain_db=float(fields[11]),
                lsb=float(fields[12]),
                latitude=float(fields[13]),
                longitude=float(fields[14]),
                elevation_m=float(fields[15]),
            )
        except ValueError as error:
            raise ParseError(f"bad channel table value: {error}", location) from None
        if channel.sensitivity == 0:
            raise ParseError("sensor sensitivity is zero", location)
        if channel.channel_id in channels:
            raise ParseError(f"channel {fields[0]} listed twice", location)
        channels[channel.channel_id] = channel
    return channels


def read_win32(path: Path, channel_table: dict[int, Win32Channel] | None = None) -> Stream:
    """Read a WIN32 file: one int32 trace per channel and run of consecutive seconds.

    Start times are converted from JST to UTC. With a channel table, station and channel come
    from it and ``stats.calib`` is the table's counts-to-unit factor; channels the table lacks
    (or all, without one) get the 4 hex digits of their number as station, channel ``""``,
    calib 1.0 and unit ``"counts"``. ``stats.win32`` holds unit, channel_id (the channel
    number), organization_id and network_id.
    """
    buf = Path(path).read_bytes()
    blocks = _scan(buf, str(path))
    samples = _decode_all(np.frombuffer(buf, np.uint8), blocks, str(path))
    return _traces(blocks, samples, channel_table or {})


@dataclass(frozen=True)
class _Blocks:
    """Channel blocks of a file in file order: where they are and what they hold."""

    offsets: np.ndarray  # byte offset of each block's first sample
    codes: np.ndarray  # sample size code
    counts: np.ndarray  # samples
    keys: np.ndarray  # organisation << 24 | network << 16 | channel
    seconds: np.ndarray  # UTC POSIX time of the block's second


def _scan(buf: bytes, name: str) -> _Blocks:
    """Walk the second and channel block headers, checking every length against the file."""
    if buf[:FILE_HEADER_SIZE] not in FILE_HEADERS:
        raise ParseError("not a WIN32 file: unknown file header", f"{name}, byte 0")
    offsets, codes, counts, keys, seconds = [], [], [], [], []
    size = len(buf)
    pos = FILE_HEADER_SIZE
    while pos < size:
        if pos + _SECOND_HEADER.size > size:
            raise ParseError("file ends inside a second-block header", f"{name}, byte {pos}")
        bcd, frame, length = _SECOND_HEADER.unpack_from(buf, pos)
        second = _bcd_to_epoch(bcd, pos, name) - JST_OFFSET_S
        if frame != FRAME_DURATION:
            raise ParseError(f"frame duration {frame} (0.1 s), expected 10", f"{name}, byte {pos}")
        end = pos + _SECOND_HEADER.size + length
        if end > size:
            raise ParseError(f"second block of {length} bytes runs past the end of the file",
                             f"{name}, byte {pos}")
        block = pos + _SECOND_HEADER.size
        while block < end:
            if block + _CHANNEL_HEADER_SIZE > end:
                raise ParseError("channel block header cut short", f"{name}, byte {block}")
            key, info = _CHANNEL_HEADER.unpack_from(buf, block)
            code, count = info >> 12, info & 0x0FFF
            if code >= len(_DIFF_WIDTH):
                raise ParseError(f"unknown sample size code {code}", f"{name}, byte {block}")
            if count == 0:
                raise ParseError("channel block with no samples", f"{name}, byte {block}")
            following = count // 2 if code == 0 else (count - 1) * _DIFF_WIDTH[code]
            if block + _CHANNEL_HEADER_SIZE + following > end:
                raise ParseError("channel block runs past the end of its second block",
                                 f"{name}, byte {block}")
            offsets.append(block + 6)
            codes.append(code)
            counts.append(count)
            keys.append(key)
            seconds.append(second)
            block += _CHANNEL_HEADER_SIZE + following
        pos = end
    return _Blocks(
        offsets=np.array(offsets, np.int64),
        codes=np.array(codes, np.int8),
        counts=np.array(counts, np.int64),
        keys=np.array(keys, np.int64),
        seconds=np.array(seconds, np.int64),
    )


def _bcd_to_epoch(bcd: bytes, pos: int, name: str = "") -> int:
    """POSIX seconds of the (JST) wall-clock time in the first 7 BCD bytes of ``bcd``."""
    digits = []
    for byte in bcd[:7]:
        high, low = byte >> 4, byte & 0x0F
        if high > 9 or low > 9:
            raise ParseError(f"time {bcd[:7].hex()} is not BCD", f"{name}, byte {pos}")
        digits.append(10 * high + low)
    century, year, month, day, hour, minute, second = digits
    try:
        moment = datetime(100 * century + year, month, day, hour, minute, second)
    except ValueError:
        raise ParseError(f"impossible date {bcd[:7].hex()}", f"{name}, byte {pos}") from None
    return timegm(moment.timetuple())


def _decode_all(buf: np.ndarray, blocks: _Blocks, name: str) -> np.ndarray:
    """All samples of all channel blocks, concatenated in file order, as int32."""
    out = np.empty(int(blocks.counts.sum()), np.int32)
    ends = np.cumsum(blocks.counts)
    first = 0
    while first < len(ends):
        done = ends[first - 1] if first else 0
        last = max(int(np.searchsorted(ends, done + _CHUNK_SAMPLES, side="right")), first + 1)
        values = _decode(buf, blocks.offsets[first:last], blocks.codes[first:last],
                         blocks.counts[first:last])
        if values.size and (values.min() < -(2**31) or values.max() >= 2**31):
            raise ParseError("decoded samples overflow 32 bits",
                             f"{name}, channel blocks from byte {blocks.offsets[first] - 6}")
        out[done:ends[last - 1]] = values
        first = last
    return out


def _decode(buf: np.ndarray, offsets: np.ndarray, codes: np.ndarray, counts: np.ndarray
            ) -> np.ndarray:
    """Samples of the given channel blocks, concatenated, as int64 (vectorised over blocks)."""
    starts = np.cumsum(counts) - counts
    out = np.empty(int(counts.sum()), np.int64)
    firsts = _big_endian(buf, offsets, 4)
    out[starts] = firsts
    for code in np.unique(codes):
        chosen = codes == code
        n = counts[chosen] - 1
        index = _local_index(n)
        dest = np.repeat(starts[chosen] + 1, n) + index
        origin = np.repeat(offsets[chosen] + 4, n)
        if code == 0:
            nibble = (buf[origin + index // 2] >> np.where(index % 2, 0, 4)) & 0x0F
            out[dest] = (nibble.astype(np.int64) ^ 8) - 8
        else:
            width = _DIFF_WIDTH[code]
            out[dest] = _big_endian(buf, origin + width * index, width)
        if code == 5:  # absolute values: turn them into differences like the other codes
            out[dest] = out[dest] - out[dest - 1]
    np.cumsum(out, out=out)
    out -= np.repeat(out[starts] - firsts, counts)
    return out


def _big_endian(buf: np.ndarray, offsets: np.ndarray, width: int) -> np.ndarray:
    """Signed big-endian integers of ``width`` bytes starting at ``offsets``, as int64."""
    value = buf[offsets].view(np.int8).astype(np.int64)
    for k in range(1, width):
        value = (value << 8) | buf[offsets + k]
    return value


def _local_index(lengths: np.ndarray) -> np.ndarray:
    """0..n-1 for each n in ``lengths``, concatenated."""
    total = int(lengths.sum())
    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _traces(blocks: _Blocks, samples: np.ndarray, table: dict[int, Win32Channel]) -> Stream:
    """Group channel blocks into traces: by channel (first-seen order), split at gaps."""
    if not len(blocks.keys):
        return Stream()
    _, first_seen, rank = np.unique(blocks.keys, return_index=True, return_inverse=True)
    order = np.argsort(first_seen[rank], kind="stable")
    keys, seconds, counts = blocks.keys[order], blocks.seconds[order], blocks.counts[order]
    starts = (np.cumsum(blocks.counts) - blocks.counts)[order]
    breaks = np.flatnonzero(
        (keys[1:] != keys[:-1]) | (seconds[1:] != seconds[:-1] + 1) | (counts[1:] != counts[:-1])
    ) + 1
    traces = []
    for begin, end in zip(np.r_[0, breaks], np.r_[breaks, len(keys)]):
        rate = int(counts[begin])  # the same for every block of a trace
        index = starts[begin:end, None] + np.arange(rate)
        traces.append(_trace(samples[index.ravel()], int(keys[begin]), int(seconds[begin]),
                             rate, table))
    return Stream(traces=traces)


def _trace(data: np.ndarray, key: int, second: int, rate: int,
           table: dict[int, Win32Channel]) -> Trace:
    """One trace with its stats filled in from the block header and the channel table."""
    channel_id = key & 0xFFFF
    info = table.get(channel_id)
    trace = Trace(data=data)
    stats = trace.stats
    stats.network = ""
    stats.station = info.station if info else f"{channel_id:04x}"
    stats.channel = info.component if info else ""
    stats.sampling_rate = float(rate)
    stats.starttime = UTCDateTime(second)
    stats.calib = info.calib if info else 1.0
    stats.win32 = AttribDict(
        unit=info.unit if info else "counts",
        channel_id=channel_id,
        organization_id=key >> 24,
        network_id=(key >> 16) & 0xFF,
    )
    return trace
