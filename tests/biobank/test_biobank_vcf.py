"""VCF to variant_frequencies and genotypes: real public samples and ToMMo-layout panels."""

from __future__ import annotations

import hmac
from pathlib import Path

import pyarrow.compute as pc
import pytest

from adapters.base import ParseError
from adapters.kegg.biobank.pseudonyms import SECRET_ENV
from adapters.kegg.biobank.synthetic import write_vcf

TOMMO_HEADER = """##fileformat=VCFv4.2
##FILTER=<ID=PASS,Description="All filters passed">
##FILTER=<ID=LowQual,Description="Low quality">
##FILTER=<ID=HWE,Description="Hardy-Weinberg">
##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
##INFO=<ID=TOMMO_POSSIBLE_PLATFORM_BIAS_SITE,Number=0,Type=Flag,Description="Platform bias">
##contig=<ID=chr1>
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
"""
TOMMO_RECORDS = [
    "chr1\t10001\t.\tT\tA\t.\tPASS\tAC=3;AN=108000;AF=2.77778e-05",
    "chr1\t10002\trs1\tA\tC,G\t.\tLowQual\tAC=5,1;AN=107990;AF=4.63006e-05,9.26012e-06",
    "chr1\t10003\t.\tAC\tA\t.\tPASS;HWE\tAC=12;AN=108000;AF=0.000111111;"
    "TOMMO_POSSIBLE_PLATFORM_BIAS_SITE",
    "chr1\t10004\t.\tG\tGTT\t.\t.\tAC=0;AN=100;AF=0",
]


def rows(table, *columns):
    return list(zip(*(table.column(name).to_pylist() for name in columns)))


def tommo_panel(folder: Path, name: str, records=TOMMO_RECORDS, header=TOMMO_HEADER) -> Path:
    path = folder / name
    write_vcf(path, header, records)
    return path


def test_1000_genomes_sites_panel_with_populations(real, parse):
    tables = parse(real / "pyvcf3_1kg.sites.vcf")
    assert set(tables) == {"variant_frequencies"}  # sites-only: no genotypes
    panel = tables["variant_frequencies"]
    assert panel.num_rows == 171
    first = panel.slice(0, 1).to_pylist()[0]
    assert (first["chrom"], first["pos"], first["id"], first["ref"], first["alt"]) == (
        "1", 10583, "rs58108140", "G", "A")
    assert (first["ac"], first["an"], first["af"]) == (314, 2184, pytest.approx(0.14))
    populations = dict(first["populations"])
    assert set(populations) == {"AFR", "AMR", "ASN", "EUR"}
    assert populations["EUR"]["af"] == pytest.approx(0.21) and populations["EUR"]["ac"] is None
    annotations = dict(first["annotations"])
    assert annotations["VT"] == "SNP" and annotations["RSQ"] == "0.4319"
    assert "AF" not in annotations and "EUR_AF" not in annotations
    assert first["filter"] == "PASS" and first["variant_key"] == "1:10583:G:A"


def test_1000_genomes_values_match_the_text(real, parse):
    """Every AC/AN/AF and EUR_AF agrees with the INFO text of its line."""
    panel = parse(real / "pyvcf3_1kg.sites.vcf")["variant_frequencies"]
    lines = [line.split("\t") for line in (real / "pyvcf3_1kg.sites.vcf").read_text()
             .splitlines() if not line.startswith("#")]
    for line, row in zip(lines, panel.to_pylist()):
        info = dict(item.partition("=")[::2] for item in line[7].split(";"))
        assert row["pos"] == int(line[1]) and row["alt"] == line[4]
        assert row["ac"] == int(info["AC"]) and row["an"] == int(info["AN"])
        assert row["af"] == pytest.approx(float(info["AF"]), rel=1e-6)
        europe = dict(row["populations"]).get("EUR")
        assert (europe["af"] if europe else None) == (
            pytest.approx(float(info["EUR_AF"]), rel=1e-6) if "EUR_AF" in info else None)


def test_multi_allelic_sites_are_split_per_alt(real, parse, secret):
    tables = parse(real / "pyvcf3_freebayes.vcf")
    panel = tables["variant_frequencies"]
    assert panel.num_rows == 104 + 5  # five sites with two alts each
    site = panel.filter(pc.equal(panel["pos"], 42523562))
    assert rows(site, "ref", "alt", "allele_index") == [("G", "GG", 1), ("G", "GGG", 2)]
    text = next(line for line in (real / "pyvcf3_freebayes.vcf").read_text().splitlines()
                if line.startswith("chr22\t42523562\t"))
    info = dict(item.partition("=")[::2] for item in text.split("\t")[7].split(";"))
    assert site["ac"].to_pylist() == [int(value) for value in info["AC"].split(",")]
    assert site["an"].to_pylist() == [int(info["AN"])] * 2


def test_genotypes_of_a_multi_sample_vcf(real, parse, secret):
    tables = parse(real / "pyvcf3_freebayes.vcf")
    genotypes = tables["genotypes"]
    assert genotypes.num_rows == 7 * 109
    participants = set(genotypes["participant"].to_pylist())
    assert len(participants) == 7
    assert hmac.digest(secret, b"NA12878", "sha256").hex()[:32] in participants
    assert "NA12878" not in participants
    allele = dict(rows(tables["variant_frequencies"], "variant_key", "allele_index"))
    for key, gt, dosage in rows(genotypes, "variant_key", "gt", "dosage"):
        called = gt.replace("|", "/").split("/")
        expected = None if "." in called else called.count(str(allele[key]))
        assert dosage == expected, (key, gt)


def test_dosages_follow_the_calls_of_each_alt(real, parse, secret):
    """multi-contig.vcf.gz: phased and unphased calls, a haploid call, missing calls,
    monomorphic sites and a three-alt site."""
    tables = parse(real / "multi-contig.vcf.gz")
    panel, genotypes = tables["variant_frequencies"], tables["genotypes"]
    assert panel.num_rows == 13
    monomorphic = panel.filter(pc.equal(panel["allele_index"], 0))
    assert rows(monomorphic, "pos", "alt", "variant_key") == [
        (1230237, None, "20:1230237:T:."), (1235237, None, "20:1235237:T:.")]
    assert panel.filter(pc.equal(panel["pos"], 17330))["filter"].to_pylist() == ["q10"]
    assert panel.filter(pc.equal(panel["pos"], 1235237))["filter"].to_pylist() == [None]
    assert panel.filter(pc.equal(panel["pos"], 14370))["flags"].to_pylist() == [["DB", "H2"]]
    by_key = {}
    for row in genotypes.to_pylist():
        by_key.setdefault(row["variant_key"], []).append(
            (row["gt"], row["phased"], row["dosage"]))
    assert by_key["20:1110696:A:G"] == [("1|2", True, 1.0), ("2|1", True, 1.0),
                                        ("2/2", False, 0.0)]
    assert by_key["20:1110696:A:T"] == [("1|2", True, 1.0), ("2|1", True, 1.0),
                                        ("2/2", False, 2.0)]
    assert by_key["20:1234567:G:GAC"][2] == ("./.", False, None)
    assert [call[0] for call in by_key["X:10:AC:ATG"]] == ["0", "0/1", "0|2"]
    assert [call[2] for call in by_key["X:10:AC:ATG"]] == [0.0, 0.0, 1.0]
    assert "20:1230237:T:." not in by_key  # no alt allele, no genotype rows
    assert genotypes.num_rows == 3 * 11


def test_tommo_layout_panel(tmp_path, parse):
    path = tommo_panel(tmp_path, "tommo-54kjpn-20230626r3-GRCh38-af-autosome.vcf.gz")
    panel = parse(path)["variant_frequencies"]
    assert rows(panel, "pos", "alt", "ac", "an", "filter") == [
        (10001, "A", 3, 108000, "PASS"), (10002, "C", 5, 107990, "LowQual"),
        (10002, "G", 1, 107990, "LowQual"), (10003, "A", 12, 108000, "PASS;HWE"),
        (10004, "GTT", 0, 100, None)]
    assert panel["af"].to_pylist()[1:3] == pytest.approx([4.63006e-05, 9.26012e-06])
    assert panel["flags"].to_pylist() == [[], [], [], ["TOMMO_POSSIBLE_PLATFORM_BIAS_SITE"], []]
    assert panel["id"].to_pylist() == [None, "rs1", "rs1", None, None]


def test_tommo_split_snv_indel_and_genotype_frequency_files(tmp_path, parse):
    """The af_snvall / af_indelall split and a gf_ file read the same way; fields other
    than AC/AN/AF and flags (here genotype counts) land in annotations."""
    snv = tommo_panel(tmp_path, "tommo-54kjpn-GRCh38-af_snvall-autosome.vcf.gz",
                      [TOMMO_RECORDS[0], TOMMO_RECORDS[1]])
    indel = tommo_panel(tmp_path, "tommo-54kjpn-GRCh38-af_indelall-autosome.vcf.gz",
                        [TOMMO_RECORDS[2], TOMMO_RECORDS[3]])
    gf_header = TOMMO_HEADER.replace(
        "##contig", '##INFO=<ID=GTC,Number=G,Type=Integer,Description="Genotype counts">\n'
        "##contig")
    gf = tommo_panel(tmp_path, "tommo-54kjpn-GRCh38-gf-autosome.vcf.gz",
                     ["chr1\t10001\t.\tT\tA\t.\tPASS\tAC=3;AN=108000;AF=2.77778e-05;"
                      "GTC=53997,3,0"], gf_header)
    assert parse(snv)["variant_frequencies"].num_rows == 3
    assert parse(indel)["variant_frequencies"]["alt"].to_pylist() == ["A", "GTT"]
    (row,) = parse(gf)["variant_frequencies"].to_pylist()
    assert dict(row["annotations"]) == {"GTC": "53997,3,0"} and row["ac"] == 3


def test_genotypes_need_the_node_secret(real, adapter, context, monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)
    with pytest.raises(ParseError, match=SECRET_ENV):
        list(adapter.parse(context(real / "pyvcf3_freebayes.vcf")))
    assert list(adapter.parse(context(real / "pyvcf3_1kg.sites.vcf")))  # panels need none


def test_more_values_than_alts_is_refused(tmp_path, parse):
    path = tommo_panel(tmp_path, "bad.vcf", ["chr1\t5\t.\tA\tC\t.\tPASS\tAC=1,2;AN=10;AF=0.1"])
    with pytest.raises(ParseError, match=r"INFO AC has 2 values but the site has 1 alt.*chr1:5"):
        parse(path)


def test_more_values_than_alts_at_a_multi_allelic_site_is_refused(tmp_path, parse):
    path = tommo_panel(tmp_path, "bad.vcf",
                       [TOMMO_RECORDS[0], "chr1\t7\t.\tA\tC,G\t.\tPASS\tAC=1,2,3;AN=10"])
    with pytest.raises(ParseError, match=r"INFO AC has 3 values but the site has 2 alt.*chr1:7"):
        parse(path)


def test_header_only_vcf_gives_no_rows(tmp_path, parse):
    assert parse(tommo_panel(tmp_path, "empty.vcf.gz", [])) == {}


def test_dosage_comes_from_format_ds_where_given(tmp_path, parse, secret):
    header = TOMMO_HEADER.replace("#CHROM", (
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
        '##FORMAT=<ID=DS,Number=A,Type=Float,Description="Imputed dosage">\n#CHROM'))
    header = header.rstrip("\n") + "\tFORMAT\tP1\tP2\n"
    path = tommo_panel(tmp_path, "imputed.vcf.gz", [
        "chr1\t5\t.\tA\tG,T\t.\tPASS\tAN=4\tGT:DS\t0|1:0.9,0.2\t1|2:.,.",
        "chr1\t6\t.\tA\tG\t.\tPASS\tAN=4\tGT\t0|1\t1|1",
    ], header)
    genotypes = parse(path)["genotypes"]
    assert rows(genotypes, "variant_key", "gt", "dosage") == [
        ("chr1:5:A:G", "0|1", pytest.approx(0.9)), ("chr1:5:A:G", "1|2", None),
        ("chr1:5:A:T", "0|1", pytest.approx(0.2)), ("chr1:5:A:T", "1|2", None),
        ("chr1:6:A:G", "0|1", 1.0), ("chr1:6:A:G", "1|1", 2.0)]
