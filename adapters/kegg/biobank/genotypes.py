"""``genotypes`` batches from the sample columns of VCF records, built with numpy.

cyvcf2 hands each record's calls over as one integer matrix (allele indexes per sample,
-1 missing, -2 padding below the maximum ploidy, last column the phase); call texts come
from a lookup table indexed by that matrix, dosages from comparing it with each allele.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import pyarrow as pa
from cyvcf2 import Variant

from adapters.base import ParseError
from adapters.kegg.biobank.schemas import GENOTYPES

MAX_CALL_TABLE = 1 << 20
"""Largest call lookup table (alleles ** ploidy * 2) before a site is refused."""


def genotype_batch(records: list[Variant], participants: pa.Array, has_dosage: bool,
                   first_line: int) -> pa.RecordBatch:
    """The ``genotypes`` rows of some VCF records (the first at ``first_line``): one per
    participant and alt allele."""
    samples = len(participants)
    keys: list[str] = []
    texts: list[pa.Array] = [pa.array([], pa.string())]
    phases: list[np.ndarray] = [np.zeros(0, bool)]
    dosages: list[np.ndarray] = [np.zeros(0, np.float32)]
    for line, record in enumerate(records, start=first_line):
        alts = record.ALT
        fields = record.FORMAT
        if "GT" in fields:
            calls = record.genotype.array()
            alleles = np.ascontiguousarray(calls[:, :-1].T)  # a row per chromosome copy
            phased = calls[:, -1].astype(bool)
            text = _call_texts(alleles, phased, len(alts), line)
            missing = np.logical_or.reduce(alleles == -1)
        else:
            alleles, phased, text = None, np.zeros(samples, bool), pa.nulls(samples, pa.string())
        given = record.format("DS") if has_dosage and "DS" in fields else None
        for index, alt in enumerate(alts, start=1):
            if given is not None and index <= given.shape[1]:
                dosage = given[:, index - 1].astype(np.float32)
            elif alleles is not None:
                dosage = _copies(alleles, index)
                dosage[missing] = np.nan
            else:
                dosage = np.full(samples, np.nan, np.float32)
            keys.append(f"{record.CHROM}:{record.POS}:{record.REF}:{alt}")
            texts.append(text)
            phases.append(phased)
            dosages.append(dosage)
    columns = {
        "participant": pa.chunked_array([participants] * len(keys),
                                        pa.string()).combine_chunks(),
        "variant_key": pa.array(keys, pa.string()).take(np.repeat(np.arange(len(keys)), samples)),
        "gt": pa.concat_arrays(texts),
        "phased": pa.array(np.concatenate(phases)),
        "dosage": pa.array(np.concatenate(dosages), from_pandas=True),
    }
    return pa.RecordBatch.from_pydict(columns, schema=GENOTYPES.schema)


def _copies(alleles: np.ndarray, index: int) -> np.ndarray:
    """How many copies of allele ``index`` each sample carries (rows of ``alleles``: copies)."""
    copies = np.zeros(alleles.shape[1], np.float32)
    for copy in alleles:
        copies += copy == index
    return copies


def _call_texts(alleles: np.ndarray, phased: np.ndarray, alts: int, line: int) -> pa.Array:
    """The VCF text of every call ('0|1', '1/2', '0', './.') from the allele matrix (one row
    per chromosome copy, one column per sample)."""
    base, ploidy = alts + 3, len(alleles)  # allele codes -2 .. alts, shifted to 0 .. base-1
    if alleles.max(initial=0) > alts:
        raise ParseError(f"a GT names allele {alleles.max()} but the site has {alts} alt "
                         f"allele(s)", f"line {line}")
    if 2 * base**ploidy > MAX_CALL_TABLE:
        raise ParseError(f"{alts} alt alleles at ploidy {ploidy} are too many to tabulate",
                         f"line {line}")
    codes = phased.astype(np.int32)
    for copy in alleles:
        codes *= base
        codes += copy + 2
    return _call_table(base, ploidy).take(pa.array(codes))


@lru_cache(maxsize=64)
def _call_table(base: int, ploidy: int) -> pa.Array:
    """Texts of all calls with ``ploidy`` allele codes below ``base``, at index
    phased * base**ploidy + the codes read as digits in base ``base``."""
    texts = []
    for separator in "/|":
        for codes in itertools.product(range(base), repeat=ploidy):
            alleles = ["." if code == 1 else str(code - 2) for code in codes if code != 0]
            texts.append(separator.join(alleles) or ".")
    return pa.array(texts, pa.string())
