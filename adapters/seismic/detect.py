"""Cheap format detection from a file's first bytes (and, for channel tables, its name).

Every check looks at :data:`adapters.base.HEAD_BYTES` bytes at most and never parses a file
in full. Text formats need a distinctive first line *and* a value of the expected shape, so a
text file that merely mentions the same words is not taken for a seismic format.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import PurePath

from obspy.io.nied.fnetmt import _is_fnetmt_catalog
from obspy.io.sac.core import _is_sac

from adapters.seismic.jma import is_jma_hypocenter
from adapters.seismic.win32 import is_win32

KNET = "KNET"
WIN = "WIN"
WIN32 = "WIN32"
MSEED = "MSEED"
SAC = "SAC"
STATIONXML = "STATIONXML"
QUAKEML = "QUAKEML"
FNETMT = "FNETMT"
JMA = "JMA"
WIN32_CHANNEL_TABLE = "WIN32_CHANNEL_TABLE"

WAVEFORM_FORMATS = (KNET, WIN, WIN32, MSEED, SAC)

_KNET_FIRST_LINE = re.compile(rb"^Origin Time\s+\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\s*$")
_CHANNEL_TABLE_LINE = re.compile(r"^[0-9A-Fa-f]{4}\s")
_NOISE_RECORD = 128
_SAC_VERSIONS = (6, 7)
_SAC_HEADER_BYTES = 632


def detect_format(head: bytes, filename: str) -> str | None:
    """The seismic format of a file from its first bytes and name, or ``None``."""
    if not head:
        return None
    if is_channel_table(head, filename):
        return WIN32_CHANNEL_TABLE
    if is_knet(head):
        return KNET
    if _is_fnetmt_catalog(io.BytesIO(head)):
        return FNETMT
    if is_jma_hypocenter(head):
        return JMA
    if head.lstrip()[:1] == b"<":
        return _xml_format(head)
    if is_win32(head):
        return WIN32
    if is_mseed(head):
        return MSEED
    if is_sac(head):
        return SAC
    if is_win(head):
        return WIN
    return None


def is_knet(head: bytes) -> bool:
    """K-NET/KiK-net ASCII: first line ``Origin Time`` followed by a date and time."""
    return bool(_KNET_FIRST_LINE.match(head.split(b"\n", 1)[0].rstrip(b"\r")))


def is_mseed(head: bytes) -> bool:
    """miniSEED 2: fixed header with sequence number, quality code and a valid start time.

    Leading noise records (128 bytes, blank after the sequence number) are skipped, as ObsPy
    does.
    """
    offset = 0
    while _is_noise_record(head[offset : offset + _NOISE_RECORD]):
        offset += _NOISE_RECORD
    header = head[offset : offset + 48]
    if len(header) < 48:
        return False
    sequence = header[0:6].replace(b"\x00", b" ").strip()
    if sequence and not sequence.isdigit():
        return False
    if header[6:7] not in (b"D", b"R", b"Q", b"M") or header[7:8] not in (b" ", b"\x00"):
        return False
    return any(_valid_btime(header[20:30], order) for order in "<>")


def _is_noise_record(chunk: bytes) -> bool:
    return len(chunk) == _NOISE_RECORD and not chunk[6:].strip(b" \x00")


def _valid_btime(btime: bytes, order: str) -> bool:
    year, day, hour, minute, second, _, _ = struct.unpack(order + "HHBBBBH", btime)
    return 1900 <= year <= 2100 and 1 <= day <= 366 and hour < 24 and minute < 60 and second <= 60


def is_sac(head: bytes) -> bool:
    """Binary SAC: a complete header that ObsPy accepts, with header version 6 or 7."""
    if len(head) < _SAC_HEADER_BYTES or not _is_sac(io.BytesIO(head)):
        return False
    nvhdr_bytes = head[304:308]
    return any(struct.unpack(order + "i", nvhdr_bytes)[0] in _SAC_VERSIONS for order in "<>")


def is_win(head: bytes) -> bool:
    """WIN: block size, a BCD date and time, then a channel block header."""
    if len(head) < 16:
        return False
    (block_size,) = struct.unpack(">I", head[0:4])
    if block_size < 16 or not _valid_bcd_time(head[4:10]):
        return False
    sample_size, sampling_rate = head[12] >> 4, ((head[12] & 0x0F) << 8) | head[13]
    return sample_size <= 4 and sampling_rate > 0


def _valid_bcd_time(bcd: bytes) -> bool:
    """Six BCD bytes YYMMDDhhmmss that make a plausible date and time."""
    if any(byte >> 4 > 9 or byte & 0x0F > 9 for byte in bcd):
        return False
    _, month, day, hour, minute, second = (10 * (byte >> 4) + (byte & 0x0F) for byte in bcd)
    return 1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 60


def is_channel_table(head: bytes, filename: str) -> bool:
    """A WIN/WIN32 channel table: a ``.ch`` file whose first data line starts with a hex id."""
    if PurePath(filename).suffix.lower() != ".ch":
        return False
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        return False
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not line.startswith("#")), "")
    return bool(_CHANNEL_TABLE_LINE.match(first)) and len(first.split()) >= 13


def _xml_format(head: bytes) -> str | None:
    """STATIONXML or QUAKEML from the XML root element."""
    tag = _root_tag(head)
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local == "FDSNStationXML":
        return STATIONXML
    if local == "quakeml" and "quakeml.org" in namespace:
        return QUAKEML
    return None


def _root_tag(head: bytes) -> str:
    """The ``{namespace}name`` of the first element, parsed incrementally; '' if none."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    try:
        parser.feed(head)
        for event in parser.read_events():  # ("start", element)
            return str(getattr(event[-1], "tag", ""))
    except ET.ParseError:
        pass
    return ""
