"""Cheap detection: VCF text and BGZF, phenotype tables, their dictionaries, indexes."""

from __future__ import annotations

import gzip
from pathlib import Path

from adapters.base import HEAD_BYTES
from adapters.kegg.biobank import BiobankAdapter
from adapters.kegg.biobank.detect import DATA_DICTIONARY, PHENOTYPE_TABLE, VCF
from adapters.kegg.biobank.synthetic import write_vcf

HEADER = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"


def head(path: Path) -> bytes:
    return path.read_bytes()[:HEAD_BYTES]


def test_real_vcfs_are_detected_plain_and_bgzipped(real, adapter):
    for name in ("pyvcf3_1kg.sites.vcf", "pyvcf3_freebayes.vcf", "multi-contig.vcf.gz"):
        assert adapter.detect(head(real / name), name) == VCF, name


def test_compressed_vcf_needs_the_name_and_the_inflated_magic(tmp_path, adapter):
    bgzf = tmp_path / "panel.vcf.gz"
    write_vcf(bgzf, HEADER, ["chr1\t10\t.\tA\tG\t.\tPASS\t."])
    assert head(bgzf)[:4] == b"\x1f\x8b\x08\x04" and head(bgzf)[12:14] == b"BC"
    assert adapter.detect(head(bgzf), "panel.vcf.gz") == VCF
    assert adapter.detect(head(bgzf), "panel.vcf.bgz") == VCF
    assert adapter.detect(head(bgzf), "panel.gz") is None
    plain_gzip = tmp_path / "other.vcf.gz"
    plain_gzip.write_bytes(gzip.compress(b"not a vcf at all\n"))
    assert adapter.detect(head(plain_gzip), plain_gzip.name) is None


def test_tables_and_dictionaries_by_name(adapter):
    assert adapter.detect(b",LAB_TSC \n1,2.4\n", "CNSIM1.csv") == PHENOTYPE_TABLE
    assert adapter.detect(b"id\tx\n", "survey.TSV") == PHENOTYPE_TABLE
    assert adapter.detect(b"column,type\n", "CNSIM1.dictionary.csv") == DATA_DICTIONARY
    assert adapter.detect(b"text\n", "notes.txt") is None
    assert adapter.detect(b"\x00\x01binary", "blob.csv") is None


def test_indexes_and_hidden_files_are_passed_over():
    adapter = BiobankAdapter()
    assert adapter.ignores("panel.vcf.gz.tbi") and adapter.ignores("sub/panel.vcf.gz.csi")
    assert adapter.ignores(".DS_Store")
    assert not adapter.ignores("panel.vcf.gz")
