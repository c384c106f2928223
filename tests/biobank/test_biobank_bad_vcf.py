"""Bad VCFs: a malformed record names its line; an undeclared INFO field is refused."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from adapters.base import ParseError
from adapters.kegg.biobank import vcf
from adapters.kegg.biobank.synthetic import write_vcf

HEADER = """##fileformat=VCFv4.2
##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
##contig=<ID=chr1>
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
"""
GOOD = [f"chr1\t{100 + n}\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1" for n in range(5)]
FIRST_RECORD_LINE = HEADER.count("\n") + 1
BGZF_EOF = bytes.fromhex("1f8b08040000000000ff0600424302001b0003000000000000000000")


@pytest.mark.parametrize("batch_rows", [2, 16_384])
@pytest.mark.parametrize("name", ["bad.vcf", "bad.vcf.gz"])
@pytest.mark.parametrize("broken", [
    "chr1\tabc\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1",  # position is not a number
    "chr1\t104\t.\tA",  # too few columns
])
def test_malformed_record_names_its_line(tmp_path, parse, monkeypatch, batch_rows, name,
                                         broken):
    monkeypatch.setattr(vcf, "FREQUENCY_BATCH_ROWS", batch_rows)
    path = tmp_path / name
    write_text(path, HEADER + "\n".join([*GOOD[:3], broken, *GOOD[3:]]) + "\n")
    line = FIRST_RECORD_LINE + 3
    with pytest.raises(ParseError) as error:
        parse(path)
    assert error.value.location == f"line {line}"
    assert str(error.value).endswith(f"(at line {line})") and repr(broken) in str(error.value)


@pytest.mark.parametrize("batch_rows", [2, 16_384])
def test_undeclared_info_field_is_refused_with_its_first_line(tmp_path, parse, monkeypatch,
                                                              batch_rows):
    monkeypatch.setattr(vcf, "FREQUENCY_BATCH_ROWS", batch_rows)
    path = tmp_path / "undeclared.vcf"
    records = [*GOOD[:2], "chr1\t300\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1;DP=31", *GOOD[2:]]
    write_vcf(path, HEADER, records)
    with pytest.raises(ParseError, match=r"INFO field 'DP' is used but the header does not "
                                         r"declare it") as error:
        parse(path)
    assert error.value.location == f"line {FIRST_RECORD_LINE + 2}"


def test_undeclared_format_field_is_refused(tmp_path, parse, secret):
    header = HEADER.replace("#CHROM", '##FORMAT=<ID=GT,Number=1,Type=String,Description="GT">'
                            "\n#CHROM").rstrip("\n") + "\tFORMAT\tS1\n"
    path = tmp_path / "samples.vcf"
    write_vcf(path, header, ["chr1\t5\t.\tA\tG\t.\tPASS\tAN=2\tGT:GQ\t0/1:30"])
    with pytest.raises(ParseError, match="FORMAT field 'GQ'"):
        parse(path)


def test_genotype_naming_a_missing_allele_names_its_line(tmp_path, parse, secret):
    header = HEADER.replace("#CHROM", '##FORMAT=<ID=GT,Number=1,Type=String,Description="GT">'
                            "\n#CHROM").rstrip("\n") + "\tFORMAT\tS1\tS2\n"
    path = tmp_path / "samples.vcf"
    write_vcf(path, header, ["chr1\t5\t.\tA\tG\t.\tPASS\tAN=4\tGT\t0/1\t1/1",
                             "chr1\t6\t.\tA\tG\t.\tPASS\tAN=4\tGT\t0/1\t0/3"])
    with pytest.raises(ParseError, match="allele 3 but the site has 1 alt") as error:
        parse(path)
    assert error.value.location == f"line {FIRST_RECORD_LINE + 2}"  # one more header line


def test_unreadable_header(tmp_path, parse):
    path = tmp_path / "headless.vcf"
    path.write_text("##fileformat=VCFv4.2\nchr1\t5\t.\tA\tG\t.\tPASS\t.\n")
    with pytest.raises(ParseError, match="htslib cannot read the VCF header"):
        parse(path)


def write_text(path: Path, text: str) -> None:
    """Write VCF text as it is (htslib would refuse to write a broken record), as one BGZF
    block plus the BGZF end-of-file block when the name ends in .gz."""
    body = text.encode()
    if path.suffix != ".gz":
        path.write_bytes(body)
        return
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = deflate.compress(body) + deflate.flush()
    block_size = 18 + len(data) + 8
    block = (b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x06\x00BC\x02\x00"
             + (block_size - 1).to_bytes(2, "little") + data
             + zlib.crc32(body).to_bytes(4, "little") + len(body).to_bytes(4, "little"))
    path.write_bytes(block + BGZF_EOF)
