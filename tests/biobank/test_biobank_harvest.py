"""Harvesting a biobank folder: good files land, bad ones are recorded, nothing leaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adapters.kegg.biobank import BiobankAdapter
from adapters.kegg.biobank.synthetic import build_cohort
from catalog.harvest import harvest
from catalog.query import QueryEngine
from catalog.store import NodeStore

HERE = Path(__file__).resolve().parent
PANEL_HEADER = """##fileformat=VCFv4.2
##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">
##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">
##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
"""
RECORD = "chr1\t{}\t.\tA\tG\t.\tPASS\tAC=1;AN=10;AF=0.1"


def write_bad_files(folder: Path) -> dict[str, tuple[str, str]]:
    """Bad inputs; returns file name -> (error type, a part of the message)."""
    folder.mkdir()
    (folder / "malformed.vcf").write_text(
        PANEL_HEADER + RECORD.format(1) + "\n" + "chr1\tx\t.\tA\tG\t.\tPASS\t.\n")
    (folder / "undeclared.vcf").write_text(
        PANEL_HEADER + RECORD.format(1) + ";DP=3\n")
    (folder / "visit.csv").write_text("id,glucose\nP1,5.5\nP2,99\n")
    (folder / "visit.dictionary.csv").write_text(
        "column,type,unit,min,max,identifier\nid,string,,,,participant\n"
        "glucose,number,mmol/L,0,40,\n")
    (folder / "contacts.csv").write_text("id,email\nP1,a@example.org\n")
    (folder / "contacts.dictionary.csv").write_text(
        "column,type,identifier\nid,string,participant\nemail,string,\n")
    (folder / "orphan.csv").write_text("id,x\nP1,1\n")
    (folder / "shifted.csv").write_text("id,glucose,extra\nP1,5.5,1\n")
    (folder / "shifted.dictionary.csv").write_text(
        "column,type,identifier\nid,string,participant\nglucose,number,\n")
    (folder / "notes.txt").write_text("field notes\n")
    return {
        "malformed.vcf": ("ParseError", "(at line 7)"),
        "undeclared.vcf": ("ParseError", "INFO field 'DP'"),
        "visit.csv": ("ParseError", "row 2 (line 3), column 'glucose'"),
        "contacts.csv": ("ParseError", "column 'email' holds contact details"),
        "orphan.csv": ("ParseError", "expected orphan.dictionary.csv"),
        "shifted.csv": ("ParseError", "not in the dictionary: 'extra'"),
        "notes.txt": ("UnknownFormat", "biobank"),
    }


@pytest.fixture
def source(tmp_path, real) -> Path:
    """A cohort folder: a synthetic cohort, real public samples (with their tabix and CSI
    indexes), the CNSIM table with our dictionary, and bad files."""
    folder = tmp_path / "source"
    build_cohort(folder / "tommo", participants=120, variants=60, seed=5)
    public = folder / "public"
    public.mkdir()
    for name in ("pyvcf3_1kg.sites.vcf", "pyvcf3_freebayes.vcf", "multi-contig.vcf.gz",
                 "multi-contig.vcf.gz.tbi", "multi-contig.vcf.gz.csi",
                 "datashield_CNSIM1.csv"):
        shutil.copy(real / name, public / name)
    shutil.copy(HERE / "datashield_CNSIM1.dictionary.csv", public)
    return folder


def test_good_files_land_and_bad_ones_are_recorded(tmp_path, source, secret):
    expected = write_bad_files(source / "bad")
    node = NodeStore.init(tmp_path / "node", "lab")
    report = harvest(node, BiobankAdapter(), str(source), workers=1)

    errors = {Path(row["url"]).name: row for row in node.bookkeeping.errors()}
    assert {name: row["error_type"] for name, row in errors.items()} == {
        name: kind for name, (kind, _) in expected.items()}
    for name, (_, fragment) in expected.items():
        assert fragment in errors[name]["message"], (name, errors[name]["message"])
    assert report.summary.files_failed == len(expected)
    cohort, public, dictionaries_in_bad = 4, 5, 3  # the .tbi and .csi are passed over
    assert report.summary.files_seen == cohort + public + len(expected) + dictionaries_in_bad
    assert report.summary.files_new == cohort + public + dictionaries_in_bad

    engine = QueryEngine(node)

    def one(sql: str):
        return engine.arrow(sql).to_pylist()

    files = {row["f"]: row["n"] for row in one(
        "SELECT regexp_extract(source_file, '[^/]+$') AS f, count(*) AS n "
        "FROM lab.variant_frequencies GROUP BY 1")}
    synthetic = files["synthetic-120jpn-GRCh38-af-autosome.vcf.gz"]  # 60 sites, some split
    assert synthetic >= 60
    assert files == {"multi-contig.vcf.gz": 13, "pyvcf3_1kg.sites.vcf": 171,
                     "pyvcf3_freebayes.vcf": 109,
                     "synthetic-120jpn-GRCh38-af-autosome.vcf.gz": synthetic,
                     "synthetic-120jpn-GRCh38-genotypes.vcf.gz": synthetic}
    assert one("SELECT count(*) AS n FROM lab.genotypes") == [
        {"n": 3 * 11 + 7 * 109 + 120 * synthetic}]
    assert one("SELECT count(*) AS n FROM lab.participants") == [{"n": 2163 + 120}]
    (europe,) = one("SELECT populations['EUR'].af AS af FROM lab.variant_frequencies "
                    "WHERE id = 'rs58108140'")
    assert europe["af"] == pytest.approx(0.21)
    assert one("SELECT count(*) AS n FROM lab.variant_frequencies WHERE filter = 'LowQual' "
               "OR list_contains(flags, 'TOMMO_POSSIBLE_PLATFORM_BIAS_SITE')")[0]["n"] > 0
    access = {row["name"]: row["access"] for row in node.bookkeeping.datasets()}
    assert access == {"variant_frequencies": "public", "variables": "public",
                      "genotypes": "sensitive", "participants": "sensitive",
                      "measurements": "sensitive"}


def test_genotypes_join_phenotypes_within_the_node(tmp_path, secret):
    """One secret per node: a participant's calls and survey answers share a pseudonym."""
    build_cohort(tmp_path / "source", participants=50, variants=10, seed=2)
    node = NodeStore.init(tmp_path / "node", "lab")
    harvest(node, BiobankAdapter(), str(tmp_path / "source"), workers=1)
    rows = QueryEngine(node).arrow(
        "SELECT count(DISTINCT g.participant) AS n FROM lab.genotypes g "
        "JOIN lab.measurements m USING (participant) WHERE m.variable = 'sex'").to_pylist()
    assert rows == [{"n": 50}]
    text = (tmp_path / "source" / "baseline_survey.csv").read_text()
    assert "TMM000001" in text
    stored = QueryEngine(node).arrow("SELECT participant FROM lab.participants").to_pylist()
    assert not any(row["participant"].startswith("TMM") for row in stored)
