"""KEGG files through the harvest pipeline: good files land, bad ones are recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from kegg_samples import COMPOUNDS, ENZYMES, KGML, LINK_PATHWAY_HSA, LIST_COMPOUND
from kegg_support import write

from adapters.kegg import KeggAdapter
from adapters.kegg.kegg_specs import KEGG_TERMS
from catalog.harvest import harvest
from catalog.query import QueryEngine
from catalog.store import NodeStore

CUT = COMPOUNDS + COMPOUNDS.split("///\n")[0].replace("C00031", "C00033")[:300]
BROKEN_KGML = KGML.replace("    </entry>\n", "    </entry>\n    <legend>colours</legend>\n", 1)


@pytest.fixture
def node(tmp_path: Path) -> NodeStore:
    return NodeStore.init(tmp_path / "node", "lab")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "kegg"
    for name, content in [("compound", COMPOUNDS), ("enzyme.txt", ENZYMES),
                          ("hsa00010.xml", KGML), ("link_pathway_hsa.tsv", LINK_PATHWAY_HSA),
                          ("list_compound.tsv", LIST_COMPOUND), ("bad/cut_compound.txt", CUT),
                          ("bad/notes.txt", "field notes: nothing KEGG here\n"),
                          ("bad/broken.kgml", BROKEN_KGML)]:
        write(folder / Path(name).parent, Path(name).name, content)
    return folder


def query(node: NodeStore, sql: str) -> list[dict]:
    return QueryEngine(node).arrow(sql).to_pylist()


def test_good_files_land_and_bad_ones_are_recorded(node, source):
    report = harvest(node, KeggAdapter(), str(source), workers=1)
    assert (report.summary.files_new, report.summary.files_failed) == (5, 3)
    assert query(node, "SELECT compound_id FROM lab.kegg_compounds ORDER BY 1") == [
        {"compound_id": "C00002"}, {"compound_id": "C00022"}, {"compound_id": "C00031"}]
    assert query(node, "SELECT ec_number, obsolete FROM lab.kegg_enzymes ORDER BY 1") == [
        {"ec_number": "1.1.1.1", "obsolete": False}, {"ec_number": "1.1.1.68", "obsolete": True},
        {"ec_number": "2.7.1.1", "obsolete": False}]
    assert query(node, "SELECT count(*) AS n FROM lab.kgml_entries") == [{"n": 8}]
    genes_on_map = query(node, "SELECT source_id FROM lab.kegg_links "
                               "WHERE target_iri = 'https://identifiers.org/kegg.pathway:hsa00010' "
                               "ORDER BY 1")
    assert [row["source_id"] for row in genes_on_map] == ["hsa:2645", "hsa:3098", "hsa:3099"]
    human = query(node, "SELECT g.gene_id FROM (SELECT unnest(genes) AS g "
                        "FROM lab.kegg_enzymes WHERE ec_number = '2.7.1.1') "
                        "WHERE g.organism = 'hsa' ORDER BY 1")
    assert [row["gene_id"] for row in human] == ["hsa:3098", "hsa:3099", "hsa:3101", "hsa:80201"]

    errors = {Path(row["url"]).name: row for row in node.bookkeeping.errors()}
    assert {name: row["error_type"] for name, row in errors.items()} == {
        "cut_compound.txt": "ParseError", "notes.txt": "UnknownFormat",
        "broken.kgml": "ParseError"}
    assert "entry C00033 is cut off" in errors["cut_compound.txt"]["message"]
    assert f"line {COMPOUNDS.count(chr(10)) + 1}" in errors["cut_compound.txt"]["message"]
    assert "unknown KGML element <legend> inside <pathway>" in errors["broken.kgml"]["message"]
    assert "line" in errors["broken.kgml"]["message"]

    datasets = {row["name"]: row for row in node.bookkeeping.datasets()}
    assert set(report.versions) == set(datasets) == {
        "kegg_compounds", "kegg_enzymes", "kgml_pathways", "kgml_entries", "kgml_relations",
        "kgml_reactions", "kegg_links", "kegg_lookup"}
    assert {row["access"] for row in datasets.values()} == {"restricted"}
    assert all(KEGG_TERMS in row["description"] for row in datasets.values())
