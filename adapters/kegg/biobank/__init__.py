"""Biobank adapter: allele-frequency panels, genotype VCFs and phenotype tables to Arrow."""

from adapters.kegg.biobank.adapter import BiobankAdapter

__all__ = ["BiobankAdapter"]
