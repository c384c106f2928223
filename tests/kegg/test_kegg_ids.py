"""KEGG identifiers to identifiers.org CURIEs and IRIs."""

from __future__ import annotations

import pytest

from adapters.kegg import kegg_curie, kegg_iri
from adapters.kegg.kegg_ids import split_id


@pytest.mark.parametrize(("identifier", "curie"), [
    ("C00031", "kegg.compound:C00031"),
    ("cpd:C00031", "kegg.compound:C00031"),
    ("1.1.1.1", "ec-code:1.1.1.1"),
    ("EC 1.1.1.1", "ec-code:1.1.1.1"),
    ("ec:2.7.1.-", "ec-code:2.7.1.-"),
    ("map00010", "kegg.pathway:map00010"),
    ("path:hsa00010", "kegg.pathway:hsa00010"),
    ("K00844", "kegg.orthology:K00844"),
    ("ko:K00844", "kegg.orthology:K00844"),
    ("R00299", "kegg.reaction:R00299"),
    ("RC00002", "kegg.rclass:RC00002"),
    ("M00001", "kegg.module:M00001"),
    ("hsa_M00001", "kegg.module:hsa_M00001"),
    ("H00069", "kegg.disease:H00069"),
    ("D00009", "kegg.drug:D00009"),
    ("G00001", "kegg.glycan:G00001"),
    ("T01001", "kegg.genome:T01001"),
    ("hsa:3098", "kegg.genes:hsa:3098"),
    ("ncbi-geneid:3098", "ncbigene:3098"),
    ("up:P19367", "uniprot:P19367"),
    ("chebi:4167", "CHEBI:4167"),
    ("pubchem:3333", "pubchem.substance:3333"),
])
def test_curies(identifier, curie):
    assert kegg_curie(identifier) == curie
    assert kegg_iri(identifier) == "https://identifiers.org/" + curie


def test_split_id_keeps_the_organism_of_gene_ids():
    assert split_id("hsa:3098") == ("genes", "hsa:3098")
    assert split_id("path:map00010") == ("pathway", "map00010")
    assert split_id("ncbi-proteinid:NP_000179") == ("ncbi-proteinid", "NP_000179")


@pytest.mark.parametrize("text", ["", "glucose", "C 00031", "foo_db:1", ":x"])
def test_what_is_no_kegg_id_raises(text):
    with pytest.raises(ValueError):
        kegg_iri(text)
