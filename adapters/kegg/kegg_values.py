"""Values inside DBGET fields, column-wise: name lists, id-name pairs, DBLINKS, GENES, BRITE,
references, equations.

Each function takes the lines of one field over a table's rows (:class:`FieldLines`) and
returns one Arrow array with a value per row.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from adapters.kegg.kegg_arrow import (
    Cuts,
    ends_of,
    explode,
    fill_forward,
    gather_strings,
    group_join,
    group_lists,
    keep_ids,
    keep_matching,
    last_index,
    null_if_empty,
    numpy_of,
    repeat_strings,
    spans,
    split_groups,
)
from adapters.kegg.kegg_flat import FieldLines
from adapters.kegg.kegg_ids import EC_NUMBER

_CLOSING_PARENTHESIS = ord(")")
_COLON = ord(":")


class RecordError(ValueError):
    """A value of one row cannot be read; ``row`` says which."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


def _trimmed(lines: FieldLines) -> pa.Array:
    return pc.utf8_trim_whitespace(lines.values)


def _rows(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.int64)


def _struct(**columns: pa.Array) -> pa.StructArray:
    return pa.StructArray.from_arrays(list(columns.values()), names=list(columns))


def text(lines: FieldLines) -> pa.Array:
    """The field's lines stripped and joined with spaces (null when absent or empty)."""
    return group_join(lines.rows, _trimmed(lines), lines.n, " ")


def block(lines: FieldLines) -> pa.Array:
    """The lines of each field occurrence right-stripped and joined with newlines (deeper
    indentation kept); one value per occurrence, in order."""
    first = lines.first_of_owner()
    return group_join(np.cumsum(first) - 1, pc.utf8_rtrim_whitespace(lines.values),
                      int(first.sum()), "\n")


def split_list(strings: pa.Array, separator: str | None = None) -> pa.ListArray:
    """Each string split at ``separator`` (whitespace by default), pieces stripped."""
    rows, items = split_groups(_rows(len(strings)), strings, separator)
    return group_lists(rows, items, len(strings))


def words(lines: FieldLines) -> pa.ListArray:
    """The words of the field (ENZYME: ``1.1.1.118       1.1.1.119``)."""
    rows, tokens = split_groups(lines.rows, lines.values)
    return group_lists(rows, tokens, lines.n)


def ids(lines: FieldLines, prefix: str, digits: int) -> pa.ListArray:
    """The ids ``prefix`` + ``digits`` digits among the words of the field (REACTION,
    ALL_REAC: ``R00623 R00624 ...; (other) R07326``)."""
    rows, tokens = split_groups(lines.rows, lines.values)
    return group_lists(*keep_ids(rows, tokens, prefix, digits), lines.n)


def id_names(lines: FieldLines) -> pa.ListArray:
    """``(id, name)`` per item, one item a line (``map00010  Glycolysis / Gluconeogenesis``).

    A line indented beyond the others continues the name above; an old-style ``PATH:``
    prefix is dropped.
    """
    items, rows = _trimmed(lines), lines.rows
    wrapped = numpy_of(pc.starts_with(lines.values, " ")).copy()
    wrapped &= ~lines.first_of_owner()
    if wrapped.any():
        items = group_join(np.cumsum(~wrapped) - 1, items, int((~wrapped).sum()), " ")
        rows = rows[~wrapped]
    if pc.any(pc.starts_with(items, "PATH:")).as_py():
        items = pc.if_else(pc.starts_with(items, "PATH:"),
                           pc.utf8_ltrim_whitespace(pc.utf8_slice_codeunits(items, 5)), items)
    cuts = Cuts(items, " ")
    pairs = _struct(id=cuts.before(),
                    name=null_if_empty(pc.utf8_ltrim_whitespace(cuts.after())))
    return group_lists(rows, pairs, lines.n)


def _headed(lines: FieldLines, cuts: Cuts, is_head: np.ndarray
            ) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Words of lines under ``HEAD: …`` lines (DBLINKS, GENES): ``(line of each word, head
    of each word, the words)``; a line without a head continues the head above."""
    owner = fill_forward(is_head, lines.first_of_owner())
    kept = np.flatnonzero(owner >= 0)
    parents, found = split_groups(kept, cuts.after(is_head, kept))
    heads = np.flatnonzero(is_head)
    head_of = repeat_strings(cuts.before(heads), np.searchsorted(heads, owner[parents]))
    return parents, head_of, found


def db_links(lines: FieldLines) -> pa.ListArray:
    """``(database, id)`` per id of DBLINKS-style lines (``CAS: 50-99-7``; wrapped ids too)."""
    cuts = Cuts(lines.values, ": ")
    parents, databases, ids = _headed(lines, cuts, cuts.found)
    return group_lists(lines.rows[parents], _struct(database=databases, id=ids), lines.n)


def genes(lines: FieldLines) -> pa.ListArray:
    """``(organism, gene id, symbol)`` per gene of a GENES field (``HSA: 3098(HK1) 3099``).

    The organism code is lower-cased and the gene id is KEGG's ``hsa:3098``; a line without
    an ``ORG:`` head continues the organism above.
    """
    line_of, tokens = split_groups(np.arange(len(lines.values)), lines.values)
    starts, stops, data = spans(tokens)
    window = np.frombuffer(data, np.uint8)
    leads = np.concatenate(([True], line_of[1:] != line_of[:-1])) if len(line_of) else line_of
    is_head = leads & (window[np.maximum(stops - 1, 0)] == _COLON) if len(window) else leads
    head_of = fill_forward(is_head, leads & lines.first_of_owner()[line_of])
    kept = ~is_head & (head_of >= 0)
    heads = np.flatnonzero(is_head)
    organisms = repeat_strings(pc.utf8_lower(gather_strings(data, starts[heads], stops[heads] - 1)),
                               np.searchsorted(heads, head_of[kept]))
    gene = Cuts(gather_strings(data, starts[kept], stops[kept]), "(")
    closed = np.frombuffer(gene.data, np.uint8)[np.maximum(gene.stops - 1, 0)] \
        == _CLOSING_PARENTHESIS if len(gene.stops) else np.zeros(0, bool)
    symbols = gather_strings(gene.data, np.where(gene.found, gene.cut + 1, gene.stops),
                             np.where(gene.found, gene.stops - closed, gene.stops))
    found = _struct(organism=organisms,
                    gene_id=pc.binary_join_element_wise(organisms, gene.before(), ":"),
                    symbol=null_if_empty(symbols))
    return group_lists(lines.rows[line_of[kept]], found, lines.n)


def compound_refs(texts: pa.Array) -> pa.ListArray:
    """``(name, compound id)`` per item of SUBSTRATE/PRODUCT/COFACTOR texts
    (``NAD+ [CPD:C00003]; NADH [CPD:C00004]``)."""
    rows, items = split_groups(_rows(len(texts)), texts, ";")
    cuts = Cuts(items, "[CPD:")
    inside = Cuts(gather_strings(cuts.data, np.where(cuts.found, cuts.cut + cuts.width,
                                                     cuts.stops), cuts.stops), "]")
    refs = _struct(name=pc.utf8_rtrim_whitespace(cuts.before()),
                   compound_id=null_if_empty(pc.utf8_trim_whitespace(inside.before())))
    return group_lists(rows, refs, len(texts))


def ec_numbers(strings: pa.Array) -> pa.ListArray:
    """The EC numbers inside ``[EC:…]`` brackets (``hexokinase [EC:2.7.1.1 2.7.1.-]``)."""
    pieces = pc.split_pattern(strings, "[EC:")
    parents, flat = explode(pieces)
    firsts = np.concatenate(([0], np.cumsum(
        numpy_of(pc.list_value_length(pieces)))))[:-1]
    inside = np.ones(len(flat), bool)
    inside[firsts[firsts < len(flat)]] = False
    brackets = Cuts(flat.filter(pa.array(inside)), "]").before()
    rows, tokens = split_groups(parents[inside], brackets)
    rows, tokens = keep_matching(rows, tokens, EC_NUMBER.pattern)
    return group_lists(rows, tokens, len(strings))


def number(strings: pa.Array) -> pa.Array:
    """The decimal number at the start of each string (EXACT_MASS); null when empty."""
    try:
        return pc.cast(strings, pa.float64())
    except pa.ArrowInvalid:
        first = null_if_empty(Cuts(strings, " ").before())
    try:
        return pc.cast(first, pa.float64())
    except pa.ArrowInvalid:
        for row, value in enumerate(first.to_pylist()):
            try:
                float(value or 0)
            except ValueError:
                raise RecordError(row, f"{value!r} is not a number") from None
        raise


def integer(strings: pa.Array) -> pa.Array:
    """The whole number at the start of each string (AASEQ length); null when empty."""
    return pc.cast(number(strings), pa.int32())


def brite(lines: FieldLines) -> pa.ListArray:
    """``(hierarchy, path)`` per leaf of a BRITE field; depth is the indentation.

    A line at depth 0 names a hierarchy (``Enzymes [BR:ko01000]``); each deeper line is a
    node, and a node with no deeper line right after it is a leaf whose path runs from the
    hierarchy down to it.
    """
    texts = pc.utf8_ltrim_whitespace(lines.values)
    depth = _length(lines.values) - _length(texts)
    texts = pc.utf8_rtrim_whitespace(texts)
    first = lines.first_of_owner()
    next_depth = np.append(depth[1:], 0)
    next_depth[np.append(first[1:], True)] = 0
    leaves = np.flatnonzero((depth > 0) & (next_depth <= depth))
    roots = last_index(depth == 0)[leaves]
    valid = roots >= last_index(first)[leaves]
    leaves, roots = leaves[valid], roots[valid]
    levels, owners, nodes = [], [], []
    for level in range(1, int(depth[leaves].max(initial=0)) + 1):
        ancestor = last_index(depth == level)[leaves]
        use = (depth[leaves] >= level) & (ancestor > roots)
        levels.append(np.full(int(use.sum()), level))
        owners.append(np.flatnonzero(use))
        nodes.append(ancestor[use])
    owner = np.concatenate(owners) if owners else np.zeros(0, np.int64)
    node = np.concatenate(nodes) if nodes else owner
    order = np.lexsort((np.concatenate(levels) if levels else owner, owner))
    found = _struct(hierarchy=texts.take(pa.array(roots)),
                    path=group_lists(owner[order], texts.take(pa.array(node[order])),
                                     len(leaves)))
    return group_lists(lines.rows[leaves], found, lines.n)


def _length(strings: pa.Array) -> np.ndarray:
    starts, stops, _ = spans(strings)
    return stops - starts


def references(main: FieldLines, subfields: dict[str, FieldLines]) -> pa.ListArray:
    """``(reference, authors, title, journal)`` per REFERENCE occurrence: the field's own
    value and its sub-fields, keyed by the sub-field names in ``subfields``."""
    first = main.first_of_owner()
    occurrences = main.owners[first]
    columns = {"reference": group_join(np.cumsum(first) - 1, _trimmed(main), len(occurrences),
                                       " ")}
    for name, lines in subfields.items():
        occurrence = np.searchsorted(occurrences, lines.fields)
        columns[name] = group_join(occurrence, _trimmed(lines), len(occurrences), " ")
    return group_lists(main.rows[first], _struct(**columns), main.n)


def equation(strings: pa.Array) -> tuple[pa.ListArray, pa.ListArray]:
    """Left and right sides of an EQUATION (``2 C00027 <=> C00007 + 2 C00001``) as
    ``(compound id, coefficient)`` lists."""
    cuts = Cuts(strings, "<=>")
    missing = ~cuts.found & (cuts.stops > cuts.starts)
    if missing.any():
        row = int(np.argmax(missing))
        raise RecordError(row, f"no '<=>' in the equation {strings[row].as_py()!r}")
    return _terms(cuts.before()), _terms(cuts.after())


def _terms(sides: pa.Array) -> pa.ListArray:
    rows, terms = split_groups(_rows(len(sides)), sides, " + ")
    counts, first, last = ends_of(pc.utf8_split_whitespace(terms, max_splits=1, reverse=True))
    found = _struct(compound_id=last,
                    coefficient=pc.if_else(pa.array(counts > 1), first, "1"))
    return group_lists(rows, found, len(sides))
