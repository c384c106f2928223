"""VCF (plain or bgzipped) to ``variant_frequencies`` and, when it has samples, ``genotypes``.

A VCF with sample columns holds individual genotypes: its calls go to ``genotypes``
(sensitive, participants pseudonymised, so the node secret must be set) and its INFO
frequencies to ``variant_frequencies``. A sites-only VCF (no FORMAT/sample columns: reference
panels as published) gives frequencies only.

htslib (through cyvcf2) reads the file. It stops on a record it cannot parse; we name that
record's line. It accepts an INFO or FORMAT field the header does not declare (guessing
its type, with a warning); we refuse the file then, naming the field and the first line
using it, because the guessed type may be wrong.
"""

from __future__ import annotations

import gc
import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TextIO

import pyarrow as pa
from cyvcf2 import VCF, Variant

from adapters.base import ParseError
from adapters.kegg.biobank.frequencies import frequency_batch
from adapters.kegg.biobank.genotypes import genotype_batch
from adapters.kegg.biobank.pseudonyms import node_secret, pseudonymise
from adapters.kegg.biobank.schemas import GENOTYPES, VARIANT_FREQUENCIES
from adapters.kegg.biobank.vcf_layout import declared_fields, read_layout

FREQUENCY_BATCH_ROWS = 16_384
"""Records per batch: enough to amortise a batch's Arrow calls, few enough to keep its
Python objects small in memory."""
GENOTYPE_BATCH_ROWS = 1_000_000
"""Calls (participants x records) per batch of a VCF with samples, about (more with
multi-allelic records, one row per alt)."""
_SHOWN_CHARS = 120


def vcf_batches(path: Path) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(dataset, batch)`` pairs for one VCF file."""
    try:
        vcf = VCF(str(path))
    except Exception as error:  # cyvcf2 raises OSError or a bare Exception for a bad header
        raise ParseError(f"htslib cannot read the VCF header: {error}") from None
    try:
        yield from _batches(vcf, path)
    finally:
        vcf.close()


def _batches(vcf: VCF, path: Path) -> Iterator[tuple[str, pa.RecordBatch]]:
    layout = read_layout(vcf)
    first_line = line = _first_record_line(path)
    participants = None
    limit = FREQUENCY_BATCH_ROWS
    if layout.samples:
        participants = pseudonymise(layout.samples, node_secret())
        limit = max(1, min(limit, GENOTYPE_BATCH_ROWS // len(layout.samples)))
    records = iter(vcf)
    while True:
        with _collector_paused():
            batch = _read(records, limit, path, first_line)
            frequencies = frequency_batch(batch, layout)
            genotypes = (None if participants is None else
                         genotype_batch(batch, participants, "DS" in layout.formats, line))
        _check_declared(vcf, layout.declared, path, first_line)
        if frequencies.num_rows:
            yield VARIANT_FREQUENCIES.name, frequencies
        if genotypes is not None and genotypes.num_rows:
            yield GENOTYPES.name, genotypes
        if len(batch) < limit:
            return
        line += len(batch)


def _read(records: Iterator[Variant], limit: int, path: Path, first_line: int
          ) -> list[Variant]:
    """The next ``limit`` records (fewer at the end); a :class:`ParseError` naming the line
    of a record htslib cannot parse."""
    try:
        return list(islice(records, limit))
    except Exception:  # cyvcf2 raises a bare Exception when htslib's bcf_read fails
        line = _first_line_where(path, first_line, lambda record: False)
        raise ParseError(f"malformed VCF record that htslib cannot parse: "
                         f"{_line_text(path, line)!r}", f"line {line}") from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch is read and built: that makes
    no reference cycles, but with the collector on it rescans the batch's many objects over
    and over (a third of the parse time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_declared(vcf: VCF, declared: frozenset[tuple[str, str]], path: Path,
                    first_line: int) -> None:
    """Refuse the file if htslib had to add an INFO/FORMAT field the header does not declare."""
    undeclared = sorted(declared_fields(vcf) - declared)
    if undeclared:
        kind, key = undeclared[0]
        line = _first_line_where(
            path, first_line,
            lambda record: key in (record.FORMAT if kind == "FORMAT" else dict(record.INFO)))
        raise ParseError(f"{kind} field {key!r} is used but the header does not declare it "
                         f"(no ##{kind}=<ID={key},...> line)", f"line {line}")


def _first_line_where(path: Path, first_line: int, test: Callable[[Variant], bool]) -> int:
    """Re-read the file: the line of the first record that passes ``test`` or that htslib
    cannot parse."""
    vcf = VCF(str(path))
    line = first_line
    try:
        for record in vcf:
            if test(record):
                break
            line += 1
    except Exception:  # the record htslib cannot parse
        pass
    finally:
        vcf.close()
    return line


def _open_text(path: Path) -> TextIO:
    with open(path, "rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rt", errors="replace") if compressed else open(path, errors="replace")


def _first_record_line(path: Path) -> int:
    """The line number of the first record: one past the header."""
    number = 0
    with _open_text(path) as text:
        for number, line in enumerate(text, start=1):
            if not line.startswith("#"):
                return number
    return number + 1


def _line_text(path: Path, wanted: int) -> str:
    """Line ``wanted`` of the file (shortened), to show in an error."""
    with _open_text(path) as text:
        for number, line in enumerate(text, start=1):
            if number == wanted:
                line = line.rstrip("\n")
                return line if len(line) <= _SHOWN_CHARS else line[:_SHOWN_CHARS] + "..."
    return "<end of file>"
