"""``variant_frequencies`` batches from VCF records.

A batch of records is turned into columns field by field (``map`` over the records rather
than a Python loop), then built column-wise: multi-allelic sites are split per alt allele by
repeating the site columns with one ``take``, and Number=A values are spread over the
alleles.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat
from operator import attrgetter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from cyvcf2 import Variant

from adapters.base import ParseError
from adapters.kegg.biobank.schemas import POPULATION_STATS, VARIANT_FREQUENCIES
from adapters.kegg.biobank.vcf_layout import VcfLayout

_SCHEMA = VARIANT_FREQUENCIES.schema
_STATS = [(field.name, field.type) for field in POPULATION_STATS]
_SEQUENCES = (tuple, list)


def frequency_batch(records: list[Variant], layout: VcfLayout) -> pa.RecordBatch:
    """The ``variant_frequencies`` rows of some VCF records: one per alt allele."""
    chrom, pos, ids, ref, alts, filters = (list(map(attrgetter(name), records)) for name in
                                           ("CHROM", "POS", "ID", "REF", "ALT", "FILTERS"))
    info = list(map(dict, map(attrgetter("INFO"), records)))
    sites = len(records)
    split = _AlleleSplit(pc.split_pattern(pa.array(map(",".join, alts), pa.string(), size=sites),
                                          ","))

    def per_allele(key: str | None, arrow_type: pa.DataType) -> pa.Array:
        if key is None:
            return pa.nulls(split.rows, arrow_type)
        values = list(map(dict.get, info, repeat(key)))
        try:
            return split.spread(values, arrow_type)
        except (ValueError, pa.ArrowTypeError):  # pa.ArrowInvalid is a ValueError
            raise split.bad_values(key, values, chrom, pos) from None

    chrom_rows = split.per_site(pa.array(chrom, pa.string()))
    pos_rows = split.per_site(pa.array(pos, pa.int64()))
    ref_rows = split.per_site(pa.array(ref, pa.string()))
    alt = split.alt
    columns = {
        "chrom": chrom_rows,
        "pos": pos_rows,
        "id": split.per_site(pa.array(ids, pa.string())),
        "ref": ref_rows,
        "alt": alt,
        "allele_index": split.allele_index(),
        "variant_key": pc.binary_join_element_wise(
            chrom_rows, pos_rows.cast(pa.string()), ref_rows, alt, ":",
            null_handling="replace", null_replacement="."),
        "ac": per_allele(layout.stats.get("ac"), pa.int32()),
        "an": per_allele(layout.stats.get("an"), pa.int32()),
        "af": per_allele(layout.stats.get("af"), pa.float32()),
        "populations": _population_map(
            {population: [per_allele(keys.get(stat), arrow_type)
                          for stat, arrow_type in _STATS]
             for population, keys in layout.populations.items()},
            split.rows),
        "filter": split.per_site(_empty_as_null(
            pa.array(map(";".join, filters), pa.string(), size=sites))),
        "flags": split.per_site(_flag_lists(layout.flags, info)),
        "annotations": split.per_site(_annotation_map(layout.annotations, info)),
    }
    return pa.RecordBatch.from_pydict(columns, schema=_SCHEMA)


class _AlleleSplit:
    """How a batch's sites split into alt-allele rows, from each site's list of alts (a
    monomorphic site, ALT '.', has one empty alt and keeps one row)."""

    def __init__(self, alt_lists: pa.ListArray) -> None:
        offsets = alt_lists.offsets.to_numpy()
        self.counts = np.diff(offsets)
        self.rows = int(offsets[-1])
        self._first_row = offsets[:-1]
        self._multi = np.flatnonzero(self.counts > 1)
        self._multi_rows = np.flatnonzero(np.repeat(self.counts > 1, self.counts))
        monomorphic = pc.equal(alt_lists.values, "")
        self._monomorphic = monomorphic.to_numpy(zero_copy_only=False)
        self.alt = pc.if_else(monomorphic, pa.scalar(None, pa.string()), alt_lists.values)
        self._site_of_row = (None if self.rows == len(alt_lists)
                             else pa.array(np.repeat(np.arange(len(alt_lists)), self.counts)))

    def per_site(self, array: pa.Array) -> pa.Array:
        """A per-site column repeated for each alt-allele row of its site."""
        return array if self._site_of_row is None else array.take(self._site_of_row)

    def spread(self, values: list, arrow_type: pa.DataType) -> pa.Array:
        """Per-site values over the rows: at a multi-allelic site, item i of a sequence goes
        to allele i (None past its end) and a scalar to every allele. A sequence with more
        values than its site has alleles makes it fail."""
        at_multi = [values[site] for site in self._multi]
        if not any(type(value) in _SEQUENCES for value in at_multi):
            return self.per_site(pa.array(values, arrow_type))
        rows = np.repeat(np.fromiter(values, object, len(values)), self.counts)
        rows[self._multi_rows] = list(chain.from_iterable(
            map(_per_allele, at_multi, self.counts[self._multi].tolist())))
        return pa.array(rows, arrow_type)

    def allele_index(self) -> pa.Array:
        """1-based index of each row's alt allele in its site's ALT list (0: no alt)."""
        index = np.arange(self.rows) - np.repeat(self._first_row, self.counts) + 1
        index[self._monomorphic] = 0
        return pa.array(index.astype(np.int16))

    def bad_values(self, key: str, values: list, chrom: list[str], pos: list[int]
                   ) -> ParseError:
        """The error for INFO values that do not fit their column: more values than alt
        alleles at a site, or a number out of range."""
        site = next((site for site, value in enumerate(values)
                     if type(value) in _SEQUENCES and len(value) > self.counts[site]), None)
        if site is None:
            return ParseError(f"INFO {key} has a value out of range for its column")
        return ParseError(f"INFO {key} has {len(values[site])} values but the site has "
                          f"{self.counts[site]} alt allele(s)", f"{chrom[site]}:{pos[site]}")


def _per_allele(value: object, count: int) -> Sequence:
    """The values of a site's ``count`` alleles from its INFO value (padded with None; a
    longer sequence is left so, for :meth:`_AlleleSplit.spread` to fail on)."""
    if type(value) not in _SEQUENCES:
        return (value,) * count
    return value if len(value) >= count else (*value, *(None,) * (count - len(value)))


def _empty_as_null(text: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def _population_map(populations: dict[str, list[pa.Array]], rows: int) -> pa.Array:
    """``populations`` per row: an entry for each population with a value for the row."""
    stats = list(populations.values())
    present = np.zeros((rows, len(stats)), bool)
    for column, arrays in enumerate(stats):
        for array in arrays:
            present[:, column] |= array.is_valid().to_numpy(zero_copy_only=False)
    structs = [pa.StructArray.from_arrays(arrays, fields=list(POPULATION_STATS))
               for arrays in stats]
    return _keyed(_SCHEMA.field("populations").type, list(populations), present, structs)


def _flag_lists(flags: tuple[str, ...], info: list[dict]) -> pa.Array:
    """``flags`` per site: the declared flags each site sets."""
    present = np.zeros((len(info), len(flags)), bool)
    for column, flag in enumerate(flags):
        present[:, column] = np.fromiter(map(dict.__contains__, info, repeat(flag)), bool,
                                         len(info))
    return _keyed(_SCHEMA.field("flags").type, list(flags), present)


def _annotation_map(keys: tuple[str, ...], info: list[dict]) -> pa.Array:
    """``annotations`` per site: every other INFO value the site has, as VCF-like text."""
    texts = [pa.array([None if value is None else _text(value)
                       for value in map(dict.get, info, repeat(key))], pa.string())
             for key in keys]
    present = np.zeros((len(info), len(keys)), bool)
    for column, text in enumerate(texts):
        present[:, column] = text.is_valid().to_numpy(zero_copy_only=False)
    return _keyed(_SCHEMA.field("annotations").type, list(keys), present, texts)


def _keyed(arrow_type: pa.DataType, keys: list[str], present: np.ndarray,
           items: list[pa.Array] | None = None) -> pa.Array:
    """A list (of keys) or map (key -> item) per row from a rows x keys mask of the entries
    to keep and, for a map, one array of items per key."""
    rows = present.shape[0]
    offsets = pa.array(np.concatenate([[0], np.cumsum(present.sum(axis=1))]), pa.int32())
    names = pa.array(keys, pa.string()).take(
        pa.array(np.broadcast_to(np.arange(len(keys)), present.shape)[present], pa.int64()))
    if items is None:
        return pa.ListArray.from_arrays(offsets, names, type=arrow_type)
    key_major = (np.arange(rows)[:, None] + np.arange(len(keys))[None, :] * rows)[present]
    values = (pa.concat_arrays(items) if items else pa.array([], arrow_type.item_type))
    return pa.MapArray.from_arrays(offsets, names, values.take(pa.array(key_major, pa.int64())),
                                   type=arrow_type)


def _text(value: object) -> str:
    if type(value) is tuple:
        return ",".join(_text(item) for item in value)
    if type(value) is float:
        return str(np.float32(value))  # the shortest text of the VCF's float32
    return str(value)
