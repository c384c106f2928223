"""A synthetic ToMMo-like cohort, generated: real individual data can never be shipped.

Real genotypes and phenotypes of biobank participants may not leave their institution, and
panels such as ToMMo's jMorp files may not be redistributed; so tests, demos and benchmarks
use this generated cohort instead. Nothing in it comes from a person: every value is drawn
from a seeded random generator, and the same seed gives the same files byte for byte.

The folder holds, for N participants (default 10,000) and V variant sites (default 1,000):

* ``synthetic-<N>jpn-GRCh38-af-autosome.vcf.gz``: a sites-only allele-frequency panel in
  the layout of ToMMo's jMorp AF files (INFO ``AC``/``AN``/``AF`` per alt allele, the flag
  ``TOMMO_POSSIBLE_PLATFORM_BIAS_SITE``, non-PASS FILTER values), counted from the genotypes;
* ``synthetic-<N>jpn-GRCh38-genotypes.vcf.gz``: the participants' phased genotypes;
* ``baseline_survey.csv`` with ``baseline_survey.dictionary.csv``: birth date (generalised to
  the year on harvest), sex, height, weight, BMI, blood pressure, HbA1c, LDL cholesterol,
  smoking and diabetes, with plausible distributions, correlations and a few missing values.

    python -m adapters.kegg.biobank.synthetic OUT_DIR [--participants N] [--variants V]
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from cyvcf2 import Writer

from adapters.kegg.biobank.dictionary import COLUMNS

CHROMOSOMES = tuple(f"chr{number}" for number in range(1, 23))
BASES = np.array(list("ACGT"))
FILTERS = {"LowQual": "Low variant quality", "HWE": "Fails a Hardy-Weinberg equilibrium test"}
BIAS_FLAG = "TOMMO_POSSIBLE_PLATFORM_BIAS_SITE"
SURVEY_YEAR = 2024

_PANEL_HEADER = "".join(f"{line}\n" for line in [
    "##fileformat=VCFv4.2",
    "##source=fedcat synthetic cohort (generated, no real individual data)",
    "##reference=GRCh38",
    '##FILTER=<ID=PASS,Description="All filters passed">',
    *(f'##FILTER=<ID={name},Description="{text}">' for name, text in FILTERS.items()),
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count in genotypes">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called '
    'genotypes">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
    f'##INFO=<ID={BIAS_FLAG},Number=0,Type=Flag,Description="Possible sequencing platform '
    'bias">',
    *(f"##contig=<ID={chrom}>" for chrom in CHROMOSOMES),
])
_COLUMNS = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"

DICTIONARY = [
    ("participant_id", "string", "", "", "", "", "participant", "", "cohort participant ID"),
    ("birth_date", "date", "", "", "", "", "direct", "year", "date of birth"),
    ("sex", "category", "", "", "", "1=male|2=female", "", "", "sex at birth"),
    ("height", "number", "cm", "120", "220", "", "", "", "standing height"),
    ("weight", "number", "kg", "25", "250", "", "", "", "body weight"),
    ("bmi", "number", "kg/m2", "10", "80", "", "", "", "body mass index"),
    ("systolic_bp", "integer", "mmHg", "70", "260", "", "", "", "systolic blood pressure"),
    ("hba1c", "number", "%", "3", "20", "", "", "", "glycated haemoglobin (NGSP)"),
    ("ldl_cholesterol", "number", "mmol/L", "0.2", "12", "", "", "", "LDL cholesterol"),
    ("smoking", "category", "", "", "", "0=never|1=former|2=current", "", "",
     "smoking status"),
    ("diabetes", "category", "", "", "", "0=no|1=yes", "", "", "diagnosed diabetes"),
]
"""The survey's data dictionary rows (columns as in :mod:`adapters.kegg.biobank.dictionary`)."""


@dataclass(frozen=True)
class SyntheticCohort:
    """The files of a generated cohort."""

    panel: Path
    genotypes: Path
    table: Path
    dictionary: Path


def build_cohort(folder: Path, participants: int = 10_000, variants: int = 1_000,
                 seed: int = 0) -> SyntheticCohort:
    """Write a synthetic cohort into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    ids = [f"TMM{number:06d}" for number in range(1, participants + 1)]
    sites = _sites(rng, variants)
    alleles = _haplotypes(rng, sites["frequencies"], participants)
    cohort = SyntheticCohort(
        panel=folder / f"synthetic-{participants}jpn-GRCh38-af-autosome.vcf.gz",
        genotypes=folder / f"synthetic-{participants}jpn-GRCh38-genotypes.vcf.gz",
        table=folder / "baseline_survey.csv",
        dictionary=folder / "baseline_survey.dictionary.csv",
    )
    info = [_info(site_alleles, len(alts), flagged)
            for site_alleles, alts, flagged in zip(alleles, sites["alts"], sites["flagged"])]
    fixed = [f"{chrom}\t{pos}\t.\t{ref}\t{','.join(alts)}\t.\t{status}"
             for chrom, pos, ref, alts, status in zip(sites["chrom"], sites["pos"], sites["ref"],
                                                      sites["alts"], sites["filter"])]
    write_vcf(cohort.panel, _PANEL_HEADER + _COLUMNS + "\n",
              (f"{site}\t{text}" for site, text in zip(fixed, info)))
    genotype_header = (_PANEL_HEADER
                       + '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
                       + _COLUMNS + "\tFORMAT\t" + "\t".join(ids) + "\n")
    write_vcf(cohort.genotypes, genotype_header,
              (f"{site}\t{text}\tGT\t{_calls(site_alleles)}"
               for site, text, site_alleles in zip(fixed, info, alleles)))
    _write_survey(cohort.table, rng, ids)
    with open(cohort.dictionary, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(DICTIONARY)
    return cohort


def write_vcf(path: Path, header: str, lines: Iterable[str]) -> None:
    """Write VCF text; bgzipped through htslib when ``path`` ends in ``.gz``."""
    if path.suffix != ".gz":
        with open(path, "w") as handle:
            handle.write(header)
            handle.writelines(f"{line}\n" for line in lines)
        return
    writer = Writer.from_string(str(path), header, mode="wz")
    try:
        for line in lines:
            writer.write_record(writer.variant_from_string(line))
    finally:
        writer.close()


def _sites(rng: np.random.Generator, count: int) -> dict[str, list]:
    """Sorted sites with REF/ALT alleles, alt frequencies, FILTER and platform-bias flags."""
    chrom_index = np.sort(rng.integers(0, len(CHROMOSOMES), count))
    pos = np.concatenate([
        10_000 + np.sort(rng.choice(50_000_000, (chrom_index == c).sum(), replace=False))
        for c in range(len(CHROMOSOMES))
    ])
    kind = rng.random(count)  # < 0.80 SNV, < 0.92 indel, else multi-allelic
    refs, alts, frequencies = [], [], []
    for site_kind in kind:
        ref = str(rng.choice(BASES))
        others = [str(base) for base in BASES if base != ref]
        if site_kind < 0.80:
            site_alts = [str(rng.choice(others))]
        elif site_kind < 0.92:
            site_alts = [ref + "".join(rng.choice(BASES, rng.integers(1, 4)))]
        else:
            site_alts = [str(base) for base in rng.choice(others, 2, replace=False)]
        refs.append(ref)
        alts.append(site_alts)
        frequencies.append(np.clip(rng.beta(0.25, 3.0, len(site_alts)) / len(site_alts),
                                   1e-4, 0.5))
    status = rng.random(count)
    filters = np.where(status < 0.03, "LowQual", np.where(status < 0.04, "HWE", "PASS"))
    return {"chrom": [CHROMOSOMES[c] for c in chrom_index], "pos": pos.tolist(), "ref": refs,
            "alts": alts, "frequencies": frequencies, "filter": filters.tolist(),
            "flagged": (rng.random(count) < 0.02).tolist()}


def _haplotypes(rng: np.random.Generator, frequencies: list[np.ndarray], people: int
                ) -> list[np.ndarray]:
    """Per site, a (people, 2) matrix of allele indexes drawn from the frequencies; -1 is a
    missing call (0.3% of calls)."""
    sites = []
    for site_frequencies in frequencies:
        cumulative = np.cumsum(site_frequencies)
        draws = rng.random((people, 2))
        alleles = (draws[..., None] < cumulative).argmax(axis=-1) + 1
        alleles[draws >= cumulative[-1]] = 0
        alleles[rng.random(people) < 0.003] = -1
        sites.append(alleles)
    return sites


def _info(alleles: np.ndarray, alts: int, flagged: bool) -> str:
    """ToMMo-style INFO counted from the calls: AC and AF per alt allele, AN, the bias flag."""
    called = alleles[alleles >= 0]
    counts = [int((called == index).sum()) for index in range(1, alts + 1)]
    frequency = ",".join(f"{count / max(called.size, 1):.6g}" for count in counts)
    text = f"AC={','.join(map(str, counts))};AN={called.size};AF={frequency}"
    return f"{text};{BIAS_FLAG}" if flagged else text


_CALL_TEXTS = np.array([f"{first}|{second}" if min(first, second) >= 0 else "./."
                        for first in range(-1, 3) for second in range(-1, 3)])
"""Phased GT text of allele pair (a, b), -1 <= a, b <= 2, at index (a + 1) * 4 + b + 1."""


def _calls(alleles: np.ndarray) -> str:
    """Phased GT texts of one site (at most two alt alleles), tab-joined."""
    return "\t".join(_CALL_TEXTS[(alleles[:, 0] + 1) * 4 + alleles[:, 1] + 1].tolist())


def _write_survey(path: Path, rng: np.random.Generator, ids: list[str]) -> None:
    """The baseline survey table: plausible adult Japanese cohort values, a few missing."""
    people = len(ids)
    first, last = date(1935, 1, 1).toordinal(), date(2004, 12, 31).toordinal()
    born = rng.integers(first, last + 1, people)
    age = SURVEY_YEAR - np.array([date.fromordinal(int(day)).year for day in born])
    male = rng.random(people) < 0.45
    height = np.where(male, rng.normal(170.5, 6.0, people), rng.normal(157.5, 5.5, people))
    height -= 0.05 * np.clip(age - 50, 0, None)
    bmi = np.exp(rng.normal(np.log(23.0), 0.14, people))
    weight = np.round(bmi * (height / 100) ** 2, 1)
    height = np.round(height, 1)
    systolic = np.clip(np.round(100 + 0.5 * age + 5 * male + rng.normal(0, 14, people)), 80, 220)
    hba1c = np.round(np.exp(rng.normal(np.log(5.3 + 0.008 * age), 0.09, people)), 1)
    ldl = np.round(np.clip(rng.normal(2.9 + 0.006 * age, 0.75, people), 0.5, 8), 2)
    smoking = np.where(male, rng.choice(3, people, p=[0.40, 0.35, 0.25]),
                       rng.choice(3, people, p=[0.80, 0.10, 0.10]))
    diabetes = ((hba1c >= 6.5) | (rng.random(people) < 0.01)).astype(int)

    def gaps(values: np.ndarray, share: float) -> pa.Array:
        return pa.array(values, mask=rng.random(people) < share)

    height_column, weight_column = gaps(height, 0.02), gaps(weight, 0.02)
    bmi_value = np.round(weight / (height / 100) ** 2, 1)
    no_bmi = np.asarray(height_column.is_null()) | np.asarray(weight_column.is_null())
    table = pa.table({
        "participant_id": ids,
        "birth_date": pa.array(born - date(1970, 1, 1).toordinal(), pa.int32()).cast(pa.date32()),
        "sex": np.where(male, 1, 2),
        "height": height_column,
        "weight": weight_column,
        "bmi": pa.array(bmi_value, mask=no_bmi),
        "systolic_bp": gaps(systolic.astype(int), 0.03),
        "hba1c": gaps(hba1c, 0.05),
        "ldl_cholesterol": gaps(ldl, 0.05),
        "smoking": gaps(smoking, 0.01),
        "diabetes": diabetes,
    })
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none"))


def main(argv: list[str] | None = None) -> None:
    """Command line: build a synthetic cohort folder."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folder", type=Path)
    options.add_argument("--participants", type=int, default=10_000)
    options.add_argument("--variants", type=int, default=1_000)
    options.add_argument("--seed", type=int, default=0)
    args = options.parse_args(argv)
    cohort = build_cohort(args.folder, args.participants, args.variants, args.seed)
    for path in (cohort.panel, cohort.genotypes, cohort.table, cohort.dictionary):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
