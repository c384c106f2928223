"""The DBGET flat-file format itself (``ENTRY … ///``), read column-wise.

A record is the run of lines up to a ``///`` line. A line whose first column is not blank
starts a field: its name fills columns 1-12 and its value starts at column 13 (a name that
overruns column 12, or a value that starts early, is read up to the first blank). A line
indented by one to four columns and starting with a capital starts a sub-field of the field
above (``  AUTHORS   …`` under ``REFERENCE``). Any other line continues the field or sub-field
above: from column 13 when it is indented by 12 columns or more (deeper indentation is kept, as
BRITE hierarchies depend on it), otherwise from its first non-blank.

Rather than walking lines in Python, a block of whole records is indexed with numpy over its
bytes: every line gets a kind and a value start, and every field or sub-field occurrence (an
"owner") its range of lines and its record. Tables then cut out only the lines of the fields
they read (:meth:`TableView.lines`), as Arrow strings; a compound's ATOM and BOND lines, for
instance, are never copied.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from adapters.base import ParseError
from adapters.kegg.kegg_arrow import ends_of, gather_strings, last_index, numpy_of

VALUE_COLUMN = 12
BLOCK_BYTES = 16 << 20
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_SPACES = np.uint64(0x2020202020202020)
_FOUR_SPACES = np.uint64(0x20202020)
_END = np.uint64(0x2F2F2F)
_LOW_THREE = np.uint64(0xFFFFFF)
CONTINUATION, FIELD, SUBFIELD, END, BLANK = range(5)
T = TypeVar("T")


def iter_blocks(handle: BinaryIO, block_bytes: int = BLOCK_BYTES) -> Iterator[tuple[bytes, bool]]:
    """Yield ``(bytes, True)`` for blocks made of whole records, then ``(rest, False)`` if the
    file ends inside a record (see :func:`cut_off`)."""
    pending = b""
    while True:
        block = handle.read(block_bytes)
        buffer = pending + block
        cut = _whole_records(buffer, at_end=not block)
        if cut:
            yield buffer[:cut], True
        pending = buffer[cut:]
        if not block:
            break
    if pending.strip():
        yield pending, False


def _whole_records(buffer: bytes, at_end: bool) -> int:
    """Length of the longest prefix of ``buffer`` that ends with a ``///`` line."""
    limit = len(buffer)
    while True:
        found = buffer.rfind(b"\n///", 0, limit)
        if found < 0 and not buffer.startswith(b"///"):
            return 0
        stop = buffer.find(b"\n", found + 4)
        if stop >= 0:
            return stop + 1
        if at_end:
            return len(buffer)
        if found < 0:
            return 0
        limit = found


def cut_off(pending: bytes, line: int) -> ParseError:
    """The error for a file that ends inside a record: ``pending`` is its text from line
    ``line`` on."""
    text = pending.decode("utf-8", "replace")
    body = text.lstrip("\r\n")
    line += text.count("\n", 0, len(text) - len(body))
    words = body.partition("\n")[0].split()
    if words[:1] == ["ENTRY"] and len(words) > 1:
        entry = " ".join(words[1:3]) if words[1] == "EC" else words[1]
        message = f"entry {entry} is cut off: the file ends before its '///' line"
    else:
        message = f"the file ends inside a record that starts {body[:60]!r}"
    return ParseError(message, location=f"line {line}")


class FlatChunk:
    """A block of whole records, indexed line by line (see the module docstring).

    ``ids``, ``databases`` (last word of the ENTRY line: Compound, Enzyme, KO, a gene's
    genome T01001...) and ``kinds`` (the words in between: Obsolete, CDS...) describe the
    records; an enzyme's ``EC`` before its number is dropped from its id. ``error`` is the
    first malformed record's error: only the records before it are kept.
    """

    def __init__(self, data: bytes, first_line: int) -> None:
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")
        data = _valid_utf8(data if data.endswith(b"\n") else data + b"\n")
        size = len(data)
        self.buffer = np.zeros(size + 24, np.uint8)
        self.buffer[:size] = np.frombuffer(data, np.uint8)
        self.arrow_buffer = pa.py_buffer(self.buffer)
        self.stops = np.flatnonzero(self.buffer[:size] == 10)
        self.starts = np.concatenate(([0], self.stops[:-1] + 1))
        self.first_line = first_line
        self._classify()
        self._group_records()

    def _classify(self) -> None:
        """Kind, value start and field/sub-field name code of every line.

        Lines indented by 12 columns (most of a file) are continuations; every other line is
        classified by its first 12 bytes, worked out once per distinct head (a field name
        padded with blanks, mostly) rather than once per line.
        """
        starts, lengths = self.starts, self.stops - self.starts
        words = np.ndarray((len(self.buffer) - 8,), "<u8", buffer=self.buffer, strides=(1,))
        first8, next4 = words[starts], words[starts + 8] & _LOW_BYTES[4]
        short = np.flatnonzero(lengths < VALUE_COLUMN)
        first8[short] &= _LOW_BYTES[np.clip(lengths[short], 0, 8)]
        next4[short] &= _LOW_BYTES[np.clip(lengths[short] - 8, 0, 4)]
        self.kinds = np.full(len(starts), CONTINUATION, np.int8)
        self.values = starts + VALUE_COLUMN
        self.codes = np.full(len(starts), -1, np.int32)
        end = (first8 & _LOW_THREE) == _END
        indented = (first8 == _SPACES) & (next4 == _FOUR_SPACES)
        self.kinds[end] = END
        self.kinds[indented & (lengths <= VALUE_COLUMN)] = BLANK
        other = np.flatnonzero(~indented & ~end)
        heads = pa.Array.from_buffers(pa.binary(16), len(other), [None, pa.py_buffer(
            np.ascontiguousarray(np.stack([first8[other], next4[other]], axis=1)))])
        encoded = pc.dictionary_encode(heads)
        which = numpy_of(encoded.indices)
        self.names: list[str] = []
        read = [_read_head(head[:VALUE_COLUMN]) for head in encoded.dictionary.to_pylist()]
        kinds = np.array([kind for kind, _, _ in read] or [0], np.int8)
        columns = np.array([column for _, column, _ in read] or [0], np.int64)
        codes = np.array([self._code_of(name) for _, _, name in read] or [0], np.int32)
        self.kinds[other] = kinds[which]
        self.values[other] = starts[other] + columns[which]
        self.codes[other] = codes[which]
        for line in other[columns[which] < 0]:
            self._read_long_name(int(line))
        self.values = np.minimum(self.values, self.stops)

    def _code_of(self, name: str | None) -> int:
        """The code of a field or sub-field name, registering it on first sight."""
        if name is None:
            return -1
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def _read_long_name(self, line: int) -> None:
        """Name and value start of a line whose name runs past column 12."""
        raw = bytes(self.buffer[self.starts[line]:self.stops[line]])
        body = raw.lstrip(b" ")
        name = body.split()[0]
        rest = body[len(name):]
        self.codes[line] = self._code_of(name.decode("utf-8", "replace"))
        self.values[line] = (self.starts[line] + len(raw) - len(body) + len(name)
                             + len(rest) - len(rest.lstrip()))

    def _group_records(self) -> None:
        """Records, and the field and sub-field occurrences ("owners") with their lines.

        An owner is a field or sub-field line; its lines run up to the next owner or ``///``
        line. Everything below works on owners, not on every line.
        """
        kinds = self.kinds
        bounds = np.flatnonzero((kinds == FIELD) | (kinds == SUBFIELD) | (kinds == END))
        is_owner = kinds[bounds] != END
        self.owner_lines = bounds[is_owner]
        self.owner_ends = np.append(bounds[1:], len(kinds))[is_owner]
        self.owner_kinds = kinds[self.owner_lines]
        self.has_blank_lines = bool((kinds == BLANK).any())
        self.owner_codes = self.codes[self.owner_lines]
        parent = last_index(self.owner_kinds == FIELD)
        self.owner_fields = np.where(parent >= 0, parent, 0)
        ends = np.flatnonzero(kinds == END)
        content = np.flatnonzero((kinds != END) & (kinds != BLANK))
        after_end = np.searchsorted(content, np.concatenate(([0], ends + 1)))
        limits = np.append(ends, len(kinds))
        candidates = content[np.minimum(after_end, len(content) - 1)] if len(content) else after_end
        real = (after_end < len(content)) & (candidates < limits)
        firsts, limits = candidates[real], limits[real]
        entry = self.code("ENTRY")
        bad = np.flatnonzero((kinds[firsts] != FIELD) | (self.codes[firsts] != entry)
                             | (self.values[firsts] >= self.stops[firsts]))
        self.error = None
        if len(bad):
            line = int(firsts[bad[0]])
            self.error = ParseError(
                "a record does not start with an ENTRY line giving its id: "
                f"{self.line_text(line)[:60]!r}", location=f"line {self.first_line + line}")
            firsts, limits = firsts[:bad[0]], limits[:bad[0]]
        self.entry_lines = firsts
        record = np.searchsorted(firsts, self.owner_lines, side="right") - 1
        inside = (record >= 0) & (self.owner_lines < limits[np.maximum(record, 0)]) \
            if len(firsts) else np.zeros(len(record), bool)
        self.owner_records = np.where(inside, record, -1)
        self._index: tuple[np.ndarray, np.ndarray] | None = None
        self._entry_words(firsts)

    def _entry_words(self, entry_lines: np.ndarray) -> None:
        """Id, database and kinds of each record from the words of its ENTRY line."""
        words = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(
            gather_strings(self.arrow_buffer, self.values[entry_lines], self.stops[entry_lines])))
        counts = numpy_of(pc.list_value_length(words)).astype(np.int64)
        offsets = np.concatenate(([0], np.cumsum(counts)))[:-1]
        flat = pc.list_flatten(words)
        _, first, last = ends_of(words)
        enzyme = numpy_of(pc.equal(first, "EC")) & (counts > 1)
        id_at = offsets + enzyme
        after_id = counts - enzyme - 1
        self.ids = flat.take(pa.array(id_at))
        self.databases = pc.if_else(pa.array(after_id > 0), last, "")
        between = np.maximum(after_id - 1, 0)
        kind_offsets = np.concatenate(([0], np.cumsum(between)))
        positions = np.repeat(id_at + 1 - kind_offsets[:-1], between) + np.arange(kind_offsets[-1])
        self.record_kinds = pa.ListArray.from_arrays(pa.array(kind_offsets.astype(np.int32)),
                                                     flat.take(pa.array(positions)))

    @property
    def n_lines(self) -> int:
        """Number of lines in the block."""
        return len(self.starts)

    @property
    def n_records(self) -> int:
        """Number of (well-formed) records in the block."""
        return len(self.entry_lines)

    def line_text(self, line: int) -> str:
        """The text of one line of the block (for messages)."""
        return bytes(self.buffer[self.starts[line]:self.stops[line]]).decode("utf-8", "replace")

    def line_number(self, record: int) -> int:
        """Line number (in the file) of a record's ENTRY line."""
        return self.first_line + int(self.entry_lines[record])

    def view(self, records: np.ndarray) -> TableView:
        """The given records (indices, ascending) as the rows of one table."""
        return TableView(self, records)

    def code(self, name: str) -> int:
        """The code of a field or sub-field name in this block (-1 if absent)."""
        return self.names.index(name) if name in self.names else -1

    def owners_of(self, code: int, sub: int) -> np.ndarray:
        """The owners (ascending) of field ``code``'s own value (``sub`` -1) or of its
        sub-field ``sub``; one stable sort of all owners by field makes this a slice."""
        width = len(self.names) + 1
        if self._index is None:
            is_sub = self.owner_kinds == SUBFIELD
            keys = ((self.owner_codes[self.owner_fields] + 1) * width
                    + np.where(is_sub, self.owner_codes, -1) + 1)
            keys[self.owner_records < 0] = -1
            keys = keys.astype(np.int16 if width * width < 2 ** 15 else np.int32)
            order = np.argsort(keys, kind="stable")
            self._index = (order, keys[order])
        order, keys = self._index
        key = keys.dtype.type((code + 1) * width + sub + 1)
        return order[np.searchsorted(keys, key):np.searchsorted(keys, key, side="right")]

    def truncate(self, n_records: int) -> FlatChunk:
        """Keep only the first ``n_records`` records of the block (returns the block)."""
        self.entry_lines = self.entry_lines[:n_records]
        self.ids, self.databases = self.ids[:n_records], self.databases[:n_records]
        self.record_kinds = self.record_kinds[:n_records]
        self.owner_records[self.owner_records >= n_records] = -1
        self._index = None
        return self


@dataclass(frozen=True)
class FieldLines:
    """The lines of one field (or sub-field) over the rows of a table.

    ``rows`` is the table row of each line (ascending), ``owners`` the field or sub-field
    occurrence each line belongs to (an index into the block's occurrences, ascending),
    ``values`` each line's value; ``parents`` maps an occurrence to its field occurrence.
    """

    rows: np.ndarray
    owners: np.ndarray
    values: pa.StringArray
    n: int
    parents: np.ndarray

    @property
    def fields(self) -> np.ndarray:
        """The field occurrence of each line (its own occurrence, or a sub-field's field)."""
        return self.parents[self.owners]

    def first_of_owner(self) -> np.ndarray:
        """Whether each line is the first line of its field occurrence."""
        return np.concatenate(([True], self.owners[1:] != self.owners[:-1])) \
            if len(self.owners) else np.zeros(0, bool)


class TableView:
    """Some records of a block, as the rows of one table."""

    def __init__(self, chunk: FlatChunk, records: np.ndarray) -> None:
        self.chunk = chunk
        self.records = records
        self.n = len(records)
        self.row_of_record = np.full(chunk.n_records + 1, -1, np.int64)
        self.row_of_record[records] = np.arange(self.n)
        self._lines_cache: dict[tuple[str, str | None], FieldLines] = {}
        self._memo: dict[Hashable, object] = {}
        self.ids = chunk.ids.take(pa.array(records))
        self.databases = chunk.databases.take(pa.array(records))
        self.kinds = chunk.record_kinds.take(pa.array(records))

    def lines(self, field: str, subfield: str | None = None) -> FieldLines:
        """The lines of ``field`` (its own value) or of its ``subfield``, row by row."""
        key = (field, subfield)
        if key not in self._lines_cache:
            chunk = self.chunk
            code = chunk.code(field)
            sub = -1 if subfield is None else chunk.code(subfield)
            owners = chunk.owners_of(code, sub) if code >= 0 and (subfield is None or sub >= 0) \
                else np.zeros(0, np.int64)
            self._lines_cache[key] = self._lines(owners)
        return self._lines_cache[key]

    def _owner_rows(self, owners: np.ndarray) -> np.ndarray:
        return self.row_of_record[self.chunk.owner_records[owners]]

    def _lines(self, owners: np.ndarray) -> FieldLines:
        """The non-blank lines of the given occurrences that belong to this view's rows."""
        chunk = self.chunk
        rows = self._owner_rows(owners)
        owners, rows = owners[rows >= 0], rows[rows >= 0]
        first = chunk.owner_lines[owners]
        counts = chunk.owner_ends[owners] - first
        offsets = np.concatenate(([0], np.cumsum(counts)))
        lines = np.repeat(first - offsets[:-1], counts) + np.arange(offsets[-1])
        owners, rows = np.repeat(owners, counts), np.repeat(rows, counts)
        if chunk.has_blank_lines:
            kept = chunk.kinds[lines] != BLANK
            lines, owners, rows = lines[kept], owners[kept], rows[kept]
        values = gather_strings(chunk.arrow_buffer, chunk.values[lines], chunk.stops[lines])
        return FieldLines(rows, owners, values, self.n, chunk.owner_fields)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per view and ``key`` (columns share derived values)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def has(self, field: str) -> np.ndarray:
        """Whether each row has the field (even empty)."""
        found = np.zeros(self.n, bool)
        code = self.chunk.code(field)
        if code >= 0:
            rows = self._owner_rows(self.chunk.owners_of(code, -1))
            found[rows[rows >= 0]] = True
        return found

    def blocks(self) -> Blocks:
        """Every field and sub-field occurrence of the rows, with its lines."""
        chunk = self.chunk
        owners = np.flatnonzero(self._owner_rows(np.arange(len(chunk.owner_lines))) >= 0)
        is_field = (chunk.owner_kinds == FIELD).astype(np.int64)
        fields = np.cumsum(is_field) - is_field
        entries = np.searchsorted(chunk.owner_lines, chunk.entry_lines[chunk.owner_records[owners]])
        codes, kinds = chunk.owner_codes[owners], chunk.owner_kinds[owners]
        return Blocks(
            rows=self._owner_rows(owners),
            ordinals=fields[chunk.owner_fields[owners]] - fields[entries],
            fields=[chunk.names[code] for code in chunk.owner_codes[chunk.owner_fields[owners]]],
            subfields=[chunk.names[code] if kind == SUBFIELD else None
                       for code, kind in zip(codes, kinds)],
            lines=self._lines(owners),
        )


@dataclass(frozen=True)
class Blocks:
    """Field and sub-field occurrences: table row, field position within its record (0 is
    ENTRY), field name, sub-field name (None for the field's own value) and all lines."""

    rows: np.ndarray
    ordinals: np.ndarray
    fields: list[str]
    subfields: list[str | None]
    lines: FieldLines


def _valid_utf8(data: bytes) -> bytes:
    """``data``, with invalid UTF-8 replaced (KEGG files are UTF-8; a stray byte is no reason
    to reject a file)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace").encode("utf-8")
    return data


def _read_head(head: bytes) -> tuple[int, int, str | None]:
    """Kind, value column (-1: find it in the line) and name of lines starting with ``head``
    (their first 12 bytes, zero where the line is shorter)."""
    text = head.rstrip(b"\0").decode("utf-8", "replace")
    body = text.lstrip(" ")
    indent = len(text) - len(body)
    if not body.strip():
        return BLANK, 0, None
    if indent == 0 and body[0] != "\t":
        kind = FIELD
    elif 1 <= indent <= 4 and "A" <= body[0] <= "Z":
        kind = SUBFIELD
    else:
        return CONTINUATION, indent, None
    name = body.split()[0]
    name_end = indent + len(name)
    if name_end >= VALUE_COLUMN:
        return kind, -1, None
    rest = text[name_end:]
    column = VALUE_COLUMN if not rest.strip() else name_end + len(rest) - len(rest.lstrip())
    return kind, column, name
