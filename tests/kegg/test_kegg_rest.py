"""KEGG REST outputs: link/conv to kegg_links, list/find to kegg_lookup."""

from __future__ import annotations

import pytest
from kegg_samples import (
    CONV_CHEBI,
    CONV_NCBI_HSA,
    FIND_GLUCOSE,
    LINK_PATHWAY_HSA,
    LIST_COMPOUND,
    LIST_HSA,
)
from kegg_support import parse, write

from adapters.base import ParseError


def test_link_output_becomes_edges_with_iris(tmp_path):
    links = parse(write(tmp_path, "link_pathway_hsa.tsv", LINK_PATHWAY_HSA))["kegg_links"]
    assert len(links) == 4
    assert links[0] == {
        "source_id": "hsa:3098", "target_id": "hsa00010", "source_db": "genes",
        "target_db": "pathway", "source_iri": "https://identifiers.org/kegg.genes:hsa:3098",
        "target_iri": "https://identifiers.org/kegg.pathway:hsa00010", "operation": "link"}


@pytest.mark.parametrize(("name", "content", "first"), [
    ("conv_ncbi-geneid_hsa.tsv", CONV_NCBI_HSA,
     ("hsa:3098", "3098", "ncbi-geneid", "https://identifiers.org/ncbigene:3098")),
    ("compound_chebi.tsv", CONV_CHEBI,  # no name hint: conv told from the outside database
     ("C00031", "4167", "chebi", "https://identifiers.org/CHEBI:4167")),
])
def test_conv_output_maps_to_outside_databases(tmp_path, name, content, first):
    links = parse(write(tmp_path, name, content))["kegg_links"]
    row = links[0]
    assert (row["source_id"], row["target_id"], row["target_db"], row["target_iri"]) == first
    assert {row["operation"] for row in links} == {"conv"}


def test_list_and_find_outputs_become_lookups(tmp_path):
    compounds = parse(write(tmp_path, "list_compound.tsv", LIST_COMPOUND))["kegg_lookup"]
    assert compounds[2] == {
        "entry_id": "C00031", "database": "compound",
        "iri": "https://identifiers.org/kegg.compound:C00031",
        "description": "D-Glucose; Grape sugar; Dextrose; Glucose; D-Glc", "attributes": [],
        "operation": "list"}
    genes = parse(write(tmp_path, "list_hsa.tsv", LIST_HSA))["kegg_lookup"]
    assert (genes[0]["entry_id"], genes[0]["attributes"]) == (
        "hsa:3098", ["CDS", "10:69269984..69401882"])
    found = parse(write(tmp_path, "find_compound_glucose.tsv", FIND_GLUCOSE))["kegg_lookup"]
    assert [(r["entry_id"], r["operation"]) for r in found] == [("C00031", "find"),
                                                                ("C00221", "find")]


def test_bad_line_past_the_detected_head_is_named(tmp_path):
    path = write(tmp_path, "link_pathway_hsa.tsv",
                 LINK_PATHWAY_HSA * 200 + "hsa:3101\tpath:hsa00010\textra\n")
    with pytest.raises(ParseError, match=r"bad link line: 3 tab-separated columns.*line 801"):
        parse(path)
