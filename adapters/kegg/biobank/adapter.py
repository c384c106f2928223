"""The biobank adapter: detection and dispatch to the VCF and phenotype-table readers."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from adapters.base import Adapter, ParseError, SourceContext
from adapters.kegg.biobank.detect import (
    DATA_DICTIONARY,
    PHENOTYPE_TABLE,
    VCF,
    detect_format,
    is_index,
)
from adapters.kegg.biobank.dictionary import read_dictionary
from adapters.kegg.biobank.phenotypes import phenotype_batches
from adapters.kegg.biobank.schemas import BIOBANK_DATASETS
from adapters.kegg.biobank.vcf import vcf_batches


class BiobankAdapter(Adapter):
    """Cohort and biobank data: allele-frequency panels and genotype VCFs, phenotype tables.

    * VCF, plain or bgzipped: sites-only files (reference panels such as ToMMo's jMorp
      ``af`` / ``gf`` files or 1000 Genomes sites) give ``variant_frequencies``; files with
      sample columns give ``genotypes`` as well.
    * CSV/TSV tables with a data dictionary next to them give ``variables``,
      ``participants`` and ``measurements``.

    A data dictionary is recognised so that it is not reported as unknown; its parse only
    checks it and yields nothing: it reaches the catalogue through its table. Tabix/CSI
    indexes are passed over. Participant identifiers are pseudonymised with the node secret
    from ``FEDCAT_NODE_SECRET`` (see :mod:`adapters.kegg.biobank.pseudonyms`).
    """

    name = "biobank"
    version = "0.1.0"
    datasets = BIOBANK_DATASETS

    def detect(self, head: bytes, filename: str) -> str | None:
        """The biobank format of ``filename`` from its first bytes, or ``None``."""
        return detect_format(head, filename)

    def ignores(self, filename: str) -> bool:
        """Hidden files and tabix/CSI indexes are not harvested."""
        return super().ignores(filename) or is_index(filename)

    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        """Yield ``(dataset, batch)`` pairs for one file of format ``source.fmt``."""
        if source.fmt == VCF:
            yield from vcf_batches(source.path)
        elif source.fmt == PHENOTYPE_TABLE:
            yield from phenotype_batches(source)
        elif source.fmt == DATA_DICTIONARY:
            read_dictionary(source.path)
        else:
            raise ParseError(f"not a biobank format: {source.fmt!r}")
