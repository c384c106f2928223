"""KEGG adapter: DBGET flat files, KGML pathway XML and REST outputs to Arrow tables."""

from adapters.kegg.kegg_adapter import KeggAdapter
from adapters.kegg.kegg_ids import kegg_curie, kegg_iri

__all__ = ["KeggAdapter", "kegg_curie", "kegg_iri"]
