"""Declared datasets of the biobank adapter.

``variant_frequencies`` and ``variables`` are aggregate or descriptive and public;
``genotypes``, ``participants`` and ``measurements`` are individual-level and sensitive.

Per-population frequencies are a map column (population -> {ac, an, af}) of
``variant_frequencies`` rather than a long companion table: panels differ in their populations
(1000 Genomes has five, gnomAD dozens, ToMMo none), a map keeps one row per alt allele
whatever they are, and looking a site up gives all its populations without a join
(``populations['EUR'].af`` in SQL).
"""

from __future__ import annotations

import pyarrow as pa

from adapters.base import DatasetSpec

POPULATION_STATS = pa.struct([("ac", pa.int32()), ("an", pa.int32()), ("af", pa.float32())])
"""AC, AN and AF of one population for one alt allele."""

VARIANT_FREQUENCIES = DatasetSpec(
    name="variant_frequencies",
    access="public",
    description=(
        "Allele frequencies of reference panels and cohort VCFs: one row per site and alt "
        "allele (multi-allelic sites are split), with per-population values where the panel "
        "has them."
    ),
    schema=pa.schema(
        [
            ("chrom", pa.string()),
            ("pos", pa.int64()),
            ("id", pa.string()),
            ("ref", pa.string()),
            ("alt", pa.string()),
            ("allele_index", pa.int16()),
            ("variant_key", pa.string()),
            ("ac", pa.int32()),
            ("an", pa.int32()),
            ("af", pa.float32()),
            ("populations", pa.map_(pa.string(), POPULATION_STATS)),
            ("filter", pa.string()),
            ("flags", pa.list_(pa.string())),
            ("annotations", pa.map_(pa.string(), pa.string())),
        ]
    ),
    column_descriptions={
        "chrom": "Contig as the VCF names it (e.g. chr1 or 1).",
        "pos": "1-based position of the REF allele.",
        "id": "VCF ID column (e.g. an rsID); null when '.'.",
        "ref": "Reference allele.",
        "alt": "The alt allele of this row; null for a monomorphic site (ALT '.').",
        "allele_index": "Index of the alt allele in the site's ALT list (1-based; 0 when none).",
        "variant_key": "chrom:pos:ref:alt, the key genotypes rows join on.",
        "ac": "INFO AC of this alt allele (allele count).",
        "an": "INFO AN (number of called alleles at the site).",
        "af": "INFO AF of this alt allele (float32, the VCF Float precision).",
        "populations": (
            "Per-population INFO values keyed by population: 1000 Genomes style <POP>_AF and "
            "gnomAD style AF_<pop> (with AC/AN likewise); look one up as populations['EUR'].af."
        ),
        "filter": "VCF FILTER as written: 'PASS', 'q10;s50', ...; null when '.'.",
        "flags": "Value-less INFO flags set on the site (e.g. TOMMO_POSSIBLE_PLATFORM_BIAS_SITE).",
        "annotations": (
            "Every other INFO field as text, per site (multi-valued fields comma-joined)."
        ),
    },
)

GENOTYPES = DatasetSpec(
    name="genotypes",
    access="sensitive",
    description=(
        "Individual genotypes from multi-sample VCFs: one row per participant and alt allele, "
        "participants under keyed pseudonyms."
    ),
    schema=pa.schema(
        [
            ("participant", pa.string()),
            ("variant_key", pa.string()),
            ("gt", pa.string()),
            ("phased", pa.bool_()),
            ("dosage", pa.float32()),
        ]
    ),
    column_descriptions={
        "participant": "HMAC-SHA256 pseudonym of the sample name under the node secret.",
        "variant_key": "chrom:pos:ref:alt of the alt allele this row is about.",
        "gt": "The call as VCF writes it ('0|1', '1/2', '0', './.'); null without FORMAT GT.",
        "phased": "Whether the call is phased.",
        "dosage": (
            "Copies of this alt allele: FORMAT DS where the file has it, else counted from GT; "
            "null when the call is missing."
        ),
    },
)

PARTICIPANTS = DatasetSpec(
    name="participants",
    access="sensitive",
    description="The participants of each phenotype table, under keyed pseudonyms.",
    schema=pa.schema([("participant", pa.string()), ("table", pa.string())]),
    column_descriptions={
        "participant": "HMAC-SHA256 pseudonym of the table's participant identifier.",
        "table": "The table (file name without extension) the participant appears in.",
    },
)

MEASUREMENTS = DatasetSpec(
    name="measurements",
    access="sensitive",
    description=(
        "Phenotype, questionnaire and clinical values in long format, typed and checked by "
        "each table's data dictionary; missing values have no row."
    ),
    schema=pa.schema(
        [
            ("participant", pa.string()),
            ("table", pa.string()),
            ("variable", pa.string()),
            ("value_number", pa.float64()),
            ("value_string", pa.string()),
            ("unit", pa.string()),
        ]
    ),
    column_descriptions={
        "participant": "HMAC-SHA256 pseudonym; joins participants and genotypes.",
        "table": "The table the value comes from.",
        "variable": "Column name as the dictionary gives it (a generalised date: <name>_year).",
        "value_number": "Value of an integer or number variable (or a generalised year).",
        "value_string": "Value of a category (its code), string or date (ISO) variable.",
        "unit": "Unit from the dictionary.",
    },
)

VARIABLES = DatasetSpec(
    name="variables",
    access="public",
    description="The data dictionary of every phenotype table: what each column holds.",
    schema=pa.schema(
        [
            ("table", pa.string()),
            ("variable", pa.string()),
            ("type", pa.string()),
            ("unit", pa.string()),
            ("minimum", pa.float64()),
            ("maximum", pa.float64()),
            ("categories", pa.map_(pa.string(), pa.string())),
            ("identifier", pa.string()),
            ("transform", pa.string()),
            ("description", pa.string()),
        ]
    ),
    column_descriptions={
        "table": "The table the column belongs to.",
        "variable": "Column name (after trimming; '#N' for an unnamed N-th column).",
        "type": "integer, number, category, string or date.",
        "unit": "Unit of the values.",
        "minimum": "Smallest allowed value (inclusive).",
        "maximum": "Largest allowed value (inclusive).",
        "categories": "Allowed codes and their labels.",
        "identifier": "'participant' (pseudonymised), 'direct' (transformed) or null.",
        "transform": "'drop' (not harvested) or 'year' (date generalised to its year).",
        "description": "What the column measures.",
    },
)

BIOBANK_DATASETS = {
    spec.name: spec
    for spec in (VARIANT_FREQUENCIES, GENOTYPES, PARTICIPANTS, MEASUREMENTS, VARIABLES)
}
