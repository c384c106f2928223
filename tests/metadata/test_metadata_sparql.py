"""SPARQL over the node graph: SELECT, ASK, CONSTRUCT; updates and SERVICE refused; syntax
errors with their position; a time limit."""

from __future__ import annotations

import pytest

from catalog.metadata.errors import SparqlRefusedError, SparqlSyntaxError, SparqlTimeoutError
from catalog.metadata.refresh import node_iris
from catalog.metadata.sparql import run_sparql


def test_select_by_keyword(seismic_node):
    result = run_sparql(seismic_node,
                        "SELECT ?d WHERE { ?d a dcat:Dataset ; dcat:keyword 'hypocentre' }")
    assert result.kind == "select"
    assert result.records == [{"d": str(node_iris(seismic_node).dataset("events"))}]


def test_select_joins_columns_units_and_counts(seismic_node):
    result = run_sparql(seismic_node, """
        SELECT ?name (COUNT(?column) AS ?degrees) WHERE {
            ?d dct:identifier ?name ; csvw:tableSchema/csvw:column ?column .
            ?column qudt:hasUnit unit:DEG .
        } GROUP BY ?name ORDER BY ?name""")
    counts = {row["name"]: row["degrees"] for row in result.records}
    assert counts == {"nied.events": 2, "nied.stations": 4, "nied.waveforms": 4}


def test_ask_and_construct(seismic_node):
    assert run_sparql(seismic_node, "ASK { ?d dcat:keyword 'XRD' }").records == [{"ask": False}]
    assert run_sparql(seismic_node, "ASK { ?a a prov:Activity }").records == [{"ask": True}]
    result = run_sparql(seismic_node, "CONSTRUCT { ?d dct:title ?t } WHERE { ?d a dcat:Dataset ;"
                                      " dct:title ?t }")
    assert result.kind == "construct"
    assert {row["object"] for row in result.records} == {
        "Seismic traces", "Seismic trace samples", "Seismic stations and channels",
        "Earthquake catalogue"}


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> 'c' }",
    "PREFIX x: <urn:x#>\n# comment\ndelete where { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "DROP ALL",
])
def test_updates_are_refused(seismic_node, update):
    with pytest.raises(SparqlRefusedError, match="read-only"):
        run_sparql(seismic_node, update)
    assert run_sparql(seismic_node, "ASK { ?d a dcat:Dataset }").records == [{"ask": True}]


def test_service_is_refused_but_the_word_in_text_is_not(seismic_node):
    with pytest.raises(SparqlRefusedError, match="SERVICE"):
        run_sparql(seismic_node, "SELECT * WHERE { SERVICE <http://example.org/sparql> "
                                 "{ ?s ?p ?o } }")
    assert run_sparql(seismic_node, "SELECT ?s WHERE { ?s rdfs:label 'SERVICE INSERT' }"
                      ).records == []


def test_malformed_query_reports_line_and_column(seismic_node):
    with pytest.raises(SparqlSyntaxError, match=r"line 2, column \d+") as raised:
        run_sparql(seismic_node, "SELECT ?d WHERE {\n  ?d a dcat:Dataset FILTER(?d = ) }")
    assert "expected" in str(raised.value)


def test_time_limit(seismic_node):
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
            "FILTER(STRLEN(CONCAT(STR(?c), STR(?f))) > 0) }")
    with pytest.raises(SparqlTimeoutError, match="0.01 s"):
        run_sparql(seismic_node, slow, timeout=0.01)
