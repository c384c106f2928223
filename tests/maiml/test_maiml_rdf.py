"""The RDF view: PROV-O activities, agents and plans ; typed values, QUDT units."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from maiml import parse
from maiml.generate import electrolyte_synthesis, failed_run, xrd_measurement
from maiml.rdf import MAIML, QUDT, UNIT, to_graph
from maiml.units import qudt_unit


def _one(graph, query: str) -> list:  # type: ignore[no-untyped-def]
    prefixes = """
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX maiml: <http://www.maiml.org/schemas#>
    PREFIX qudt: <http://qudt.org/schema/qudt/>
    """
    return [tuple(row) for row in graph.query(prefixes + query)]


def test_xrd_scan_as_prov() -> None:
    doc, _ = xrd_measurement()
    graph = to_graph(doc)
    base = f"urn:uuid:{doc.document.uuid}#"
    done = URIRef(base + "ev_done")
    assert (done, ns.RDF.type, ns.PROV.Activity) in graph
    assert (
        done,
        ns.PROV.endedAtTime,
        Literal("2024-11-05T10:05:00+09:00", datatype=ns.XSD.dateTime),
    ) in graph
    assert (URIRef(base + "ev_start"), ns.PROV.startedAtTime, None) in graph
    assert (done, ns.PROV.used, URIRef(base + "run1_sample")) in graph
    assert (URIRef(base + "run1_pattern"), ns.PROV.wasGeneratedBy, done) in graph
    # by which agents and instrument, under which plan
    rows = _one(
        graph,
        """SELECT ?agent ?plan WHERE {
            ?a prov:qualifiedAssociation [ prov:agent ?agent ; prov:hadPlan ?plan ] .
            FILTER(STRENDS(STR(?a), 'ev_done')) }""",
    )
    assert {(str(a).rsplit("#")[1], str(p).rsplit("#")[1]) for a, p in rows} == {
        ("creator", "xrd_scan"),
        ("owner", "xrd_scan"),
    }
    assert (done, ns.PROV.wasAssociatedWith, URIRef(base + "instrument")) in graph
    assert (URIRef(base + "xrd_scan"), ns.RDF.type, ns.PROV.Plan) in graph
    assert (
        URIRef(base + "run1_sample"),
        URIRef("http://purl.org/dc/terms/conformsTo"),
        URIRef(base + "tpl_sample"),
    ) in graph


def test_measured_values_are_typed_with_units() -> None:
    graph = to_graph(xrd_measurement()[0])
    rows = _one(
        graph,
        """SELECT ?value ?unit WHERE { ?c a maiml:Condition ; maiml:property [
            maiml:key 'tubeVoltage' ; qudt:numericValue ?value ; qudt:unit ?unit ] }""",
    )
    assert rows == [(Literal("40", datatype=ns.XSD.double), UNIT.KiloV)]
    temperature = _one(
        graph,
        """SELECT ?unit WHERE { ?c a maiml:Condition ;
            maiml:property [ maiml:key 'temperature' ; qudt:unit ?unit ] }""",
    )
    assert temperature == [(UNIT.DEG_C,)]
    series = _one(
        graph,
        """SELECT ?size ?axis WHERE { ?r a maiml:Result ; maiml:content [
            maiml:key 'twoTheta' ; maiml:size ?size ; maiml:axis ?axis ; qudt:unit ?u ] }""",
    )
    assert series == [(Literal(3501), Literal("2θ"))]
    assert not list(graph.triples((None, MAIML["values"], None)))
    assert (
        len(
            list(
                to_graph(xrd_measurement()[0], include_series=True).triples(
                    (None, MAIML["values"], None)
                )
            )
        )
        == 2
    )


def test_unparsable_values_stay_plain_text() -> None:
    doc = electrolyte_synthesis()
    doc.data.results[0].results[0].properties[0].values = ["about one"]  # type: ignore[union-attr]
    graph = to_graph(doc)
    assert (None, QUDT.numericValue, Literal("about one")) in graph


def test_failed_run_keeps_its_story() -> None:
    graph = to_graph(failed_run())
    rows = _one(
        graph,
        """SELECT ?t ?end WHERE {
            ?a maiml:lifecycleTransition ?t . OPTIONAL { ?a prov:endedAtTime ?end } }""",
    )
    transitions = {str(t): end for t, end in rows}
    assert set(transitions) == {"schedule", "start", "ate_abort"}
    assert transitions["ate_abort"] == Literal(
        "2024-11-06T14:12:42+09:00", datatype=ns.XSD.dateTime
    )
    assert _one(
        graph,
        """SELECT ?m WHERE {
            ?a maiml:lifecycleTransition 'ate_abort' ;
               maiml:property [ maiml:key 'fedcat:error' ; ?p ?m ] .
            FILTER(isLiteral(?m) && CONTAINS(?m, 'interlock')) }""",
    )


def test_gc_ms_graph(nims: Path) -> None:
    graph = to_graph(parse(nims / "gc-ms.maiml"))
    activities = set(graph.subjects(ns.RDF.type, ns.PROV.Activity))
    assert len(activities) == 5  # one log, two traces, two events
    assert len(set(graph.objects(None, ns.PROV.generated))) == 7


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("mm", "MilliM"),
        ("degC", "DEG_C"),
        ("℃", "DEG_C"),
        ("°C", "DEG_C"),
        ("µm", "MicroM"),
        ("μm", "MicroM"),
        ("kV", "KiloV"),
        ("msec", "MilliSEC"),
        ("mL/min", "MilliL-PER-MIN"),
        ("mS/cm", "MilliS-PER-CentiM"),
        (" kPa ", "KiloPA"),
        ("Å", "ANGSTROM"),
    ],
)
def test_units_recognised(text: str, unit: str) -> None:
    assert qudt_unit(text) == f"http://qudt.org/vocab/unit/{unit}"


@pytest.mark.parametrize("text", ["Total Counts", "m/z", "", None, "furlongs", "1/cm"])
def test_units_not_recognised(text: str | None) -> None:
    assert qudt_unit(text) is None
