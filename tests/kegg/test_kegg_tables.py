"""Typed tables of COMPOUND, ENZYME, ORTHOLOGY, PATHWAY, REACTION and GENES entries."""

from __future__ import annotations

from kegg_samples import (
    COMPOUNDS,
    ENZYMES,
    GENES,
    ORTHOLOGY,
    ORTHOLOGY_OLD,
    PATHWAYS,
    REACTIONS,
)
from kegg_support import ADAPTER, by_id, flat_rows

from adapters.kegg import kegg_iri
from adapters.kegg.kegg_specs import KEGG_TERMS


def pairs(*items: tuple[str, str | None]) -> list[dict]:
    return [{"id": identifier, "name": name} for identifier, name in items]


def test_compound_columns():
    glucose = by_id(flat_rows(COMPOUNDS)["kegg_compounds"], "compound_id")["C00031"]
    assert glucose["iri"] == kegg_iri("C00031") == "https://identifiers.org/kegg.compound:C00031"
    assert glucose["names"] == ["D-Glucose", "Grape sugar", "Dextrose", "Glucose", "D-Glc"]
    assert (glucose["formula"], glucose["exact_mass"], glucose["mol_weight"]) == (
        "C6H12O6", 180.0634, 180.1559)
    assert glucose["remark"] == "Same as: D00009"
    assert len(glucose["reactions"]) == 16 and "R00299" in glucose["reactions"]
    assert glucose["pathways"][:2] == pairs(("map00010", "Glycolysis / Gluconeogenesis"),
                                            ("map00052", "Galactose metabolism"))
    assert glucose["modules"][0]["id"] == "M00001"
    assert glucose["enzymes"][:3] == ["1.1.1.118", "1.1.1.119", "1.1.1.121"]
    assert len(glucose["enzymes"]) == 12
    assert glucose["brite"][0] == {
        "hierarchy": "Compounds with biological roles [BR:br08001]",
        "path": ["Organic acids [Fig]", "Carbohydrates", "Monosaccharides", "C00031  D-Glucose"]}
    assert {"database": "ChEBI", "id": "4167"} in glucose["dblinks"]
    assert glucose["references"] == []


def test_enzyme_columns():
    enzymes = by_id(flat_rows(ENZYMES)["kegg_enzymes"], "ec_number")
    adh = enzymes["1.1.1.1"]
    assert adh["iri"] == "https://identifiers.org/ec-code:1.1.1.1"
    assert (adh["obsolete"], adh["transferred_to"]) == (False, [])
    assert adh["names"][:3] == ["alcohol dehydrogenase", "aldehyde reductase", "ADH"]
    assert adh["classes"] == ["Oxidoreductases", "Acting on the CH-OH group of donors",
                              "With NAD+ or NADP+ as acceptor"]
    assert adh["sysname"] == "alcohol:NAD+ oxidoreductase"
    assert adh["reaction"].startswith("(1) a primary alcohol + NAD+ = an aldehyde")
    assert adh["all_reactions"][-3:] == ["R10783", "R07326", "R07327"]
    assert adh["substrates"][1] == {"name": "NAD+", "compound_id": "C00003"}
    assert adh["products"][-1] == {"name": "ketone", "compound_id": "C01450"}
    assert adh["cofactors"] == [{"name": "Zinc", "compound_id": "C00038"}]
    assert adh["orthology"][1] == {
        "id": "K00121", "name": "S-(hydroxymethyl)glutathione dehydrogenase / alcohol "
                               "dehydrogenase [EC:1.1.1.284 1.1.1.1]"}
    human = [gene for gene in adh["genes"] if gene["organism"] == "hsa"]
    assert [gene["gene_id"] for gene in human] == [f"hsa:{n}" for n in (124, 125, 126, 127,
                                                                        128, 130, 131)]
    assert human[-1]["symbol"] == "ADH7"  # on a continuation line
    assert {gene["organism"] for gene in adh["genes"]} == {"hsa", "ptr", "mmu", "sce", "eco",
                                                           "ath"}
    assert adh["references"][0] == {
        "reference": "1  [PMID:13605979]", "authors": "Bonnichsen RK, Wassen AM.",
        "title": "Crystalline alcohol dehydrogenase from horse liver.",
        "journal": "Arch. Biochem. 18 (1948) 361-363."}
    assert {"database": "CAS", "id": "9031-72-5"} in adh["dblinks"]
    transferred = enzymes["1.1.1.68"]
    assert (transferred["obsolete"], transferred["transferred_to"]) == (True, ["1.5.1.20"])
    assert transferred["genes"] == [] and transferred["history"].endswith("deleted 1978")


def test_orthology_reads_current_and_older_layouts_into_the_same_columns():
    current = by_id(flat_rows(ORTHOLOGY)["kegg_orthology"], "ko_id")
    older = by_id(flat_rows(ORTHOLOGY_OLD)["kegg_orthology"], "ko_id")
    for rows in (current, older):
        hk = rows["K00844"]
        assert (hk["symbols"], hk["name"], hk["ec_numbers"]) == (
            ["HK"], "hexokinase [EC:2.7.1.1]", ["2.7.1.1"])
        assert hk["genes"][0] == {"organism": "hsa", "gene_id": "hsa:3098", "symbol": "HK1"}
    assert older["K00845"]["symbols"] == ["E2.7.1.2", "glk"]
    assert current["K00100"]["ec_numbers"] == ["1.1.1.-"]
    hk = current["K00844"]
    assert hk["diseases"] == pairs(("H00069", "Glycogen storage diseases"))
    assert len(hk["brite"]) == 3
    assert hk["brite"][2]["path"][-2:] == ["2.7.1.1  hexokinase", "K00844  HK; hexokinase"]
    assert hk["references"][0]["journal"] == (
        "Biochem Biophys Res Commun 157:937-43 (1988) DOI:10.1016/S0006-291X(88)80964-1")
    assert hk["references"][0]["title"].endswith("halves are homologous.")


def test_pathway_columns():
    pathways = by_id(flat_rows(PATHWAYS)["kegg_pathways"], "pathway_id")
    reference = pathways["map00010"]
    assert (reference["prefix"], reference["number"]) == ("map", "00010")
    assert reference["classes"] == ["Metabolism", "Carbohydrate metabolism"]
    assert reference["description"].startswith("Glycolysis is the process")
    assert reference["compounds"][2] == {"id": "C00031", "name": "D-Glucose"}
    assert reference["related_pathways"][0]["id"] == "map00020"
    assert reference["ko_pathway"] == "ko00010"
    assert [r["reference"] for r in reference["references"]] == [None, None]
    assert reference["references"][1]["journal"] == "Wiley (1999)"
    human = pathways["hsa00010"]
    assert (human["prefix"], human["iri"]) == (
        "hsa", "https://identifiers.org/kegg.pathway:hsa00010")
    assert human["genes"][1] == {"id": "hsa:3098",
                                 "name": "HK1; hexokinase 1 [KO:K00844] [EC:2.7.1.1]"}


def test_reaction_columns():
    reactions = by_id(flat_rows(REACTIONS)["kegg_reactions"], "reaction_id")
    hexokinase = reactions["R00299"]
    assert hexokinase["left"] == [{"compound_id": "C00002", "coefficient": "1"},
                                  {"compound_id": "C00031", "coefficient": "1"}]
    assert hexokinase["rclass"][1] == {"id": "RC00017", "name": "C00031_C00092"}
    assert hexokinase["enzymes"] == ["2.7.1.1", "2.7.1.2", "2.7.1.147", "2.7.1.199"]
    assert hexokinase["orthology"][0] == {"id": "K00844", "name": "HK; hexokinase [EC:2.7.1.1]"}
    catalase = reactions["R00009"]
    assert catalase["left"] == [{"compound_id": "C00027", "coefficient": "2"}]
    assert catalase["right"] == [{"compound_id": "C00007", "coefficient": "1"},
                                 {"compound_id": "C00001", "coefficient": "2"}]


def test_gene_columns():
    gene = flat_rows(GENES)["kegg_genes"][0]
    assert (gene["gene_id"], gene["organism"], gene["genome"], gene["type"]) == (
        "hsa:3098", "hsa", "T01001", "CDS")
    assert gene["iri"] == kegg_iri("hsa:3098") == "https://identifiers.org/kegg.genes:hsa:3098"
    assert gene["symbols"][:2] == ["HK1", "HK1-ta"] and gene["name"] == "(RefSeq) hexokinase 1"
    assert gene["modules"] == pairs(("hsa_M00001",
                                     "Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate"))
    assert gene["motifs"] == [{"database": "Pfam", "id": "Hexokinase_2"},
                              {"database": "Pfam", "id": "Hexokinase_1"}]
    assert gene["structures"][0] == {"database": "PDB", "id": "1BG3"}
    assert (gene["aa_length"], len(gene["aa_sequence"])) == (122, 122)
    assert (gene["nt_length"], len(gene["nt_sequence"])) == (120, 120)
    assert gene["aa_sequence"].startswith("MIAAQLLAYYF")
    assert {"database": "UniProt", "id": "P19367"} in gene["dblinks"]


def test_every_dataset_is_restricted_and_carries_the_licence_terms():
    assert ADAPTER.name == "kegg" and ADAPTER.version == "0.1.0"
    for spec in ADAPTER.datasets.values():
        assert spec.access == "restricted", spec.name
        assert spec.description.endswith(KEGG_TERMS) and "academic" in spec.description
        assert set(spec.column_descriptions) == set(spec.schema.names), spec.name
