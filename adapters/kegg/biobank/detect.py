"""Cheap recognition of biobank files from their first bytes and name.

* ``vcf``: text starting ``##fileformat=VCF``, or a gzip/BGZF file named ``.vcf.gz`` /
  ``.vcf.bgz`` whose first decompressed bytes start so.
* ``data-dictionary``: a text file named ``<table>.dictionary.csv``.
* ``phenotype-table``: any other text file named ``.csv`` or ``.tsv``; its dictionary is
  looked up when it is parsed (a table without one is refused then, with the name expected).

Tabix/CSI indexes (``.tbi``, ``.csi``) are derived from their VCF and passed over by
:func:`is_index`.
"""

from __future__ import annotations

import zlib
from pathlib import PurePath

VCF = "vcf"
PHENOTYPE_TABLE = "phenotype-table"
DATA_DICTIONARY = "data-dictionary"

DICTIONARY_SUFFIX = ".dictionary.csv"
TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
"""Table file suffix -> field delimiter."""

_VCF_MAGIC = b"##fileformat=VCF"
_GZIP_MAGIC = b"\x1f\x8b"
_COMPRESSED_VCF_SUFFIXES = (".vcf.gz", ".vcf.bgz")
_INDEX_SUFFIXES = (".tbi", ".csi")


def detect_format(head: bytes, filename: str) -> str | None:
    """The biobank format of a file from its first bytes and name, or ``None``."""
    name = PurePath(filename).name.lower()
    if head.startswith(_VCF_MAGIC):
        return VCF
    if head.startswith(_GZIP_MAGIC):
        compressed_vcf = name.endswith(_COMPRESSED_VCF_SUFFIXES)
        return VCF if compressed_vcf and _gunzip_head(head).startswith(_VCF_MAGIC) else None
    if not head or b"\0" in head:
        return None
    if name.endswith(DICTIONARY_SUFFIX):
        return DATA_DICTIONARY
    if PurePath(name).suffix in TABLE_DELIMITERS:
        return PHENOTYPE_TABLE
    return None


def is_index(filename: str) -> bool:
    """Whether ``filename`` is a tabix or CSI index (read by htslib, not harvested)."""
    return PurePath(filename).name.lower().endswith(_INDEX_SUFFIXES)


def dictionary_name(table_filename: str) -> str:
    """The file name of a table's data dictionary: ``<table>.dictionary.csv``."""
    return f"{table_name(table_filename)}{DICTIONARY_SUFFIX}"


def table_name(table_filename: str) -> str:
    """A table's name: its file name without the ``.csv`` / ``.tsv`` extension."""
    return PurePath(table_filename).stem


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip (or BGZF) head; ``b''`` if it does not inflate."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, len(_VCF_MAGIC))
    except zlib.error:
        return b""
