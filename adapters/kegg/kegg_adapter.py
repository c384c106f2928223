"""The KEGG adapter: detection and dispatch to the flat-file, KGML and REST readers."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from adapters.base import Adapter, ParseError, SourceContext
from adapters.kegg.kegg_batches import flat_batches
from adapters.kegg.kegg_detect import FLAT, KGML, detect_format
from adapters.kegg.kegg_kgml import KGML_DATASETS, kgml_batches
from adapters.kegg.kegg_rest import EDGE_FORMATS, LOOKUP_FORMATS, REST_DATASETS, rest_batches
from adapters.kegg.kegg_tables import FLAT_TABLES

KEGG_DATASETS = {spec.name: spec for spec in
                 [table.spec for table in FLAT_TABLES] + KGML_DATASETS + REST_DATASETS}


class KeggAdapter(Adapter):
    """KEGG DBGET flat files (COMPOUND, ENZYME, PATHWAY, ORTHOLOGY, REACTION, GENES and any
    other database, generically), KGML pathway XML and REST list/find/link/conv outputs.

    Every dataset is ``restricted`` by default: KEGG's licence allows academic use and
    forbids bulk redistribution (the terms are in each dataset's description).
    """

    name = "kegg"
    version = "0.1.0"
    datasets = KEGG_DATASETS

    def detect(self, head: bytes, filename: str) -> str | None:
        """The KEGG format of ``filename`` from its first bytes, or ``None``."""
        return detect_format(head, filename)

    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        """Yield ``(dataset, batch)`` pairs for one file of format ``source.fmt``."""
        fmt = source.fmt
        if fmt == KGML:
            yield from kgml_batches(source.path)
            return
        if fmt != FLAT and fmt not in EDGE_FORMATS + LOOKUP_FORMATS:
            raise ParseError(f"not a KEGG format: {fmt!r}")
        if fmt == FLAT:
            with open(source.path, "rb") as binary:
                yield from flat_batches(binary)
            return
        with open(source.path, encoding="utf-8", errors="replace") as handle:
            yield from rest_batches(handle, fmt)
