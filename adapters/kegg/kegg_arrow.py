"""Columnar building blocks: strings cut from byte buffers, grouping into lists, joining.

Grouped values arrive as a ``rows`` array (the group of each value, ascending) next to an Arrow
array of values; the helpers turn them into one list or one string per group. Strings are cut
by offset arithmetic on their buffers (numpy) followed by one Arrow ``take``, which is much
cheaper than chains of string kernels.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STRING = pa.string()


def numpy_of(array: pa.Array) -> np.ndarray:
    """A boolean or integer Arrow array as numpy (nulls read as False / 0), straight from its
    buffers (booleans unpacked with numpy: ten times faster than pyarrow's ``to_numpy``)."""
    if array.null_count:
        array = array.fill_null(False if pa.types.is_boolean(array.type) else 0)
    data = array.buffers()[1]
    if pa.types.is_boolean(array.type):
        bits = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")
        return bits[array.offset:array.offset + len(array)].view(bool)
    dtype = np.dtype(f"<{'i' if pa.types.is_signed_integer(array.type) else 'u'}"
                     f"{array.type.bit_width // 8}")
    return np.frombuffer(data, dtype)[array.offset:array.offset + len(array)]


def gather_strings(buffer: pa.Buffer, starts: np.ndarray, stops: np.ndarray) -> pa.StringArray:
    """The strings ``buffer[starts[i]:stops[i]]`` (ascending, non-overlapping ranges of
    checked UTF-8) as one Arrow array.

    The ranges and the gaps between them are laid out as one zero-copy string array whose
    even elements are then taken: a single copy of just the selected bytes.
    """
    if not len(starts):
        return pa.array([], STRING)
    bounds = np.empty(2 * len(starts) + 1, np.int32)
    bounds[0:-1:2], bounds[1:-1:2], bounds[-1] = starts, stops, stops[-1]
    spans = pa.StringArray.from_buffers(2 * len(starts), pa.py_buffer(bounds), buffer)
    return spans.take(pa.array(np.arange(0, 2 * len(starts), 2)))


def _bounds(strings: pa.Array) -> tuple[np.ndarray, pa.Buffer]:
    """The offsets of a string array (one more than its length) and its data buffer."""
    buffers = strings.buffers()
    bounds = np.frombuffer(buffers[1], np.int32)[strings.offset:strings.offset + len(strings) + 1]
    return bounds, buffers[2] if buffers[2] is not None else pa.py_buffer(b"")


def repeat_strings(strings: pa.Array, index: np.ndarray) -> pa.StringArray:
    """``strings.take(index)`` for a few short strings each taken many times (an organism
    code per gene): one numpy gather of the output bytes, cheaper than Arrow's ``take``."""
    starts, stops, data = spans(strings)
    lengths = (stops - starts)[index]
    bounds = np.zeros(len(index) + 1, np.int64)
    np.cumsum(lengths, out=bounds[1:])
    source = np.repeat(starts[index] - bounds[:-1], lengths) + np.arange(bounds[-1])
    return pa.StringArray.from_buffers(len(index), pa.py_buffer(bounds.astype(np.int32)),
                                       pa.py_buffer(np.frombuffer(data, np.uint8)[source]))


def spans(strings: pa.Array) -> tuple[np.ndarray, np.ndarray, pa.Buffer]:
    """Start and stop offsets of each string (nulls read as empty) and the data buffer."""
    if not len(strings):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), pa.py_buffer(b"")
    bounds, data = _bounds(strings)
    starts, stops = bounds[:-1].astype(np.int64), bounds[1:].astype(np.int64)
    if strings.null_count:
        stops = np.where(numpy_of(strings.is_valid()), stops, starts)
    return starts, stops, data


class Cuts:
    """Each string of an array cut at the first occurrence of a separator (offsets only;
    the pieces are gathered on request)."""

    def __init__(self, strings: pa.Array, separator: str) -> None:
        self.starts, self.stops, self.data = spans(strings)
        at = numpy_of(pc.find_substring(strings, separator).fill_null(-1))
        self.found = at >= 0
        self.cut = np.where(self.found, self.starts + at, self.stops)
        self.width = len(separator.encode())

    def before(self, keep: np.ndarray | None = None) -> pa.Array:
        """Each string up to its separator (all of it where there is none); only the strings
        at indices ``keep`` when given."""
        if keep is None:
            return gather_strings(self.data, self.starts, self.cut)
        return gather_strings(self.data, self.starts[keep], self.cut[keep])

    def after(self, where: np.ndarray | None = None, keep: np.ndarray | None = None
              ) -> pa.Array:
        """Each string after its separator where ``where`` (default: where found), the whole
        string elsewhere; only the strings at indices ``keep`` when given."""
        where = self.found if where is None else where & self.found
        starts = np.where(where, self.cut + self.width, self.starts)
        stops = self.stops
        if keep is not None:
            starts, stops = starts[keep], stops[keep]
        return gather_strings(self.data, starts, stops)


def null_if_empty(strings: pa.Array) -> pa.Array:
    """``strings`` with empty strings made null."""
    if not len(strings):
        return strings
    bounds, data = _bounds(strings)
    valid = bounds[1:] > bounds[:-1]
    if strings.null_count:
        valid &= numpy_of(strings.is_valid())
    if valid.all():
        return strings
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.StringArray.from_buffers(len(strings), pa.py_buffer(np.ascontiguousarray(bounds)),
                                       data, bitmap)


def offsets(rows: np.ndarray, n: int) -> np.ndarray:
    """List offsets for ``n`` groups from the (ascending) group of each value."""
    result = np.zeros(n + 1, np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=result[1:])
    return result


def group_lists(rows: np.ndarray, values: pa.Array, n: int) -> pa.ListArray:
    """One list per group (an empty list for a group without values)."""
    return pa.ListArray.from_arrays(pa.array(offsets(rows, n)), values)


def group_join(rows: np.ndarray, values: pa.Array, n: int, sep: str) -> pa.Array:
    """One string per group: its values joined with ``sep`` (null when none or empty)."""
    if len(rows) and (len(rows) == 1 or (rows[1:] > rows[:-1]).all()):
        index = np.full(n, -1)
        index[rows] = np.arange(len(rows))
        return null_if_empty(values.take(pa.array(index, mask=index < 0)))
    return null_if_empty(pc.binary_join(group_lists(rows, values, n), sep))


def explode(lists: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """``(parent index, value)`` of every element of a list array."""
    parents = numpy_of(pc.list_parent_indices(lists))
    return parents, pc.list_flatten(lists)


def ends_of(lists: pa.ListArray) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Length, first and last element of each (non-empty) list."""
    counts = numpy_of(pc.list_value_length(lists))
    starts = np.concatenate(([0], np.cumsum(counts)))[:-1]
    flat = pc.list_flatten(lists)
    return counts, flat.take(pa.array(starts)), flat.take(pa.array(starts + counts - 1))


def first_or_null(lists: pa.ListArray) -> pa.Array:
    """The first element of each list (null for an empty or null list)."""
    has = pc.fill_null(pc.greater(pc.list_value_length(lists), 0), False)
    firsts = pc.list_element(lists.filter(has), 0)
    return pc.replace_with_mask(pa.nulls(len(lists), lists.type.value_type), has, firsts)


def split_groups(rows: np.ndarray, strings: pa.Array, separator: str | None = None,
                 ) -> tuple[np.ndarray, pa.Array]:
    """Split each string at ``separator`` (default: at runs of blanks) and keep the group of
    every piece; pieces are stripped of blanks and empty ones dropped.

    Blank and one-character separators work on the bytes: pieces are the runs between
    separators, found with numpy over the strings' (compacted) data buffer, then gathered
    with one ``take``; longer separators go through Arrow's ``split_pattern``.
    """
    if separator is not None and len(separator) > 1:
        parents, pieces = explode(pc.split_pattern(strings, separator))
        pieces = pc.utf8_trim_whitespace(pieces)
        keep = numpy_of(pc.not_equal(pieces, ""))
        return rows[parents][keep], pieces.filter(pa.array(keep))
    starts, stops, data = spans(strings)
    if len(starts) > 1 and (starts[1:] != stops[:-1]).any():
        strings = gather_strings(data, starts, stops)
        starts, stops, data = spans(strings)
    if not len(starts) or stops[-1] <= starts[0]:
        return rows[:0], pa.array([], STRING)
    low, high = int(starts[0]), int(stops[-1])
    window = np.frombuffer(data, np.uint8, count=high - low, offset=low)
    blank = (window == 32) | (window == 9)
    piece = ~blank if separator is None else window != ord(separator)
    edge = np.zeros(high - low + 1, bool)
    edge[starts - low] = edge[stops - low] = True
    gap = ~piece
    opens = np.flatnonzero(piece & (edge[:-1] | np.concatenate(([True], gap[:-1]))))
    closes = np.flatnonzero(piece & (edge[1:] | np.append(gap[1:], True))) + 1
    if separator is not None:
        opens, closes = _strip(blank, opens, closes)
    owner = np.searchsorted(starts - low, opens, side="right") - 1
    return rows[owner], gather_strings(data, opens + low, closes + low)


def _strip(blank: np.ndarray, opens: np.ndarray, closes: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """Byte ranges with leading and trailing blanks removed; emptied ranges dropped."""
    opens, closes = opens.copy(), closes.copy()
    while True:
        leading = (opens < closes) & blank[np.minimum(opens, len(blank) - 1)]
        trailing = (opens < closes) & blank[np.maximum(closes - 1, 0)]
        if not (leading.any() or trailing.any()):
            break
        opens += leading
        closes -= trailing
    kept = opens < closes
    return opens[kept], closes[kept]


def keep_matching(rows: np.ndarray, strings: pa.Array, regex: str
                  ) -> tuple[np.ndarray, pa.Array]:
    """The strings (and their groups) that fully match ``regex``."""
    keep = numpy_of(pc.match_substring_regex(strings, f"^(?:{regex})$"))
    return rows[keep], strings.filter(pa.array(keep))


def keep_ids(rows: np.ndarray, strings: pa.Array, prefix: str, digits: int
             ) -> tuple[np.ndarray, pa.Array]:
    """The strings (and their groups) that are ``prefix`` and ``digits`` digits, such as
    ``R00299``, once trailing ``;`` and ``,`` are dropped; checked on the bytes."""
    starts, stops, data = spans(strings)
    window = np.frombuffer(data, np.uint8)
    last = window[np.maximum(stops - 1, 0)] if len(window) else np.zeros(0, np.uint8)
    stops = stops - ((stops > starts) & ((last == ord(";")) | (last == ord(","))))
    size = len(prefix) + digits
    keep = stops - starts == size
    at = starts[keep]
    ok = np.ones(len(at), bool)
    for index, byte in enumerate(prefix.encode()):
        ok &= window[at + index] == byte
    for index in range(len(prefix), size):
        ok &= (window[at + index] >= ord("0")) & (window[at + index] <= ord("9"))
    keep[keep] = ok
    return rows[keep], gather_strings(data, starts[keep], stops[keep])


def last_index(flags: np.ndarray) -> np.ndarray:
    """For each position, the index of the last position at or before it where ``flags`` is
    set (-1 before the first)."""
    index = np.where(flags, np.arange(len(flags)), -1)
    return np.maximum.accumulate(index) if len(index) else index


def fill_forward(valid: np.ndarray, reset: np.ndarray) -> np.ndarray:
    """For each position, the index of the last ``valid`` position at or before it, provided
    no ``reset`` position (the start of a new group) came after that; -1 otherwise."""
    last_valid = last_index(valid)
    return np.where(last_valid >= last_index(reset), last_valid, -1)
