"""Detection: KEGG flat files, KGML and REST outputs are told from other text cheaply."""

from __future__ import annotations

import pytest
from kegg_samples import (
    COMPOUNDS,
    CONV_CHEBI,
    FIND_GLUCOSE,
    GENES,
    KGML,
    LINK_PATHWAY_HSA,
    LIST_COMPOUND,
    LIST_HSA,
)

from adapters.base import HEAD_BYTES
from adapters.kegg import KeggAdapter

ADAPTER = KeggAdapter()


def detect(content: str | bytes, name: str) -> str | None:
    data = content.encode() if isinstance(content, str) else content
    return ADAPTER.detect(data[:HEAD_BYTES], name)


@pytest.mark.parametrize(("content", "name", "fmt"), [
    (COMPOUNDS, "compound", "KEGG_FLAT"),
    (COMPOUNDS * 3, "compound.txt", "KEGG_FLAT"),  # head cut mid-record
    ("\ufeff" + GENES, "hsa_genes.txt", "KEGG_FLAT"),
    (KGML, "hsa00010.xml", "KGML"),
    (KGML, "hsa00010.kgml", "KGML"),
    (KGML.replace('<!DOCTYPE pathway SYSTEM "https://www.kegg.jp/kegg/xml/KGML_v0.7.2_.dtd">\n',
                  ""), "hsa00010.xml", "KGML"),
    (LINK_PATHWAY_HSA, "link_pathway_hsa.tsv", "KEGG_LINK"),
    (LINK_PATHWAY_HSA * 200, "genes_pathways.tsv", "KEGG_LINK"),
    (CONV_CHEBI, "conv_chebi_compound.tsv", "KEGG_CONV"),
    (CONV_CHEBI, "mapping.tsv", "KEGG_CONV"),
    (LIST_COMPOUND, "list_compound.tsv", "KEGG_LIST"),
    (LIST_HSA, "hsa.tsv", "KEGG_LIST"),
    (FIND_GLUCOSE, "find_compound_glucose.tsv", "KEGG_FIND"),
])
def test_kegg_files_are_recognised(content, name, fmt):
    assert detect(content, name) == fmt


@pytest.mark.parametrize(("content", "name"), [
    ("field notes: nothing KEGG here\n", "notes.txt"),
    ("ENTRY FORM\nPlease fill in every box.\n", "form.txt"),
    ("station,value\nAAA,1.0\n", "readings.csv"),
    ("name\tvalue\nglucose\t1\n", "table.tsv"),
    ('<?xml version="1.0"?>\n<sbml xmlns="http://www.sbml.org/sbml/level3"/>\n', "model.xml"),
    ('<?xml version="1.0"?>\n<bp:Pathway xmlns:bp="http://www.biopax.org/"/>\n', "p.xml"),
    ('<?xml version="1.0"?>\n<pathway name="glycolysis"/>\n', "other.xml"),
    ('{"entry": "C00031"}', "c.json"),
    (bytes(range(256)), "blob.bin"),
    (LIST_COMPOUND, "link_compound.tsv"),  # the name says link, the content is a list
])
def test_other_files_are_not(content, name):
    assert detect(content, name) is None
