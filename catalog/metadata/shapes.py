"""SHACL shapes of what the catalog promises about its metadata, and checking a graph
against them with pyshacl.

Byte sizes are written as ``xsd:nonNegativeInteger`` (DCAT 3); Oxigraph stores integer-derived
types as ``xsd:integer``, so the shape accepts either with a minimum of 0.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import SH

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix csvw: <http://www.w3.org/ns/csvw#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix fedcat: <urn:fedcat:vocab#> .

fedcat:CatalogShape a sh:NodeShape ;
    sh:targetClass dcat:Catalog ;
    sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path dct:publisher ; sh:minCount 1 ; sh:class foaf:Organization ] ;
    sh:property [ sh:path dcat:service ; sh:minCount 1 ; sh:class dcat:DataService ] .

fedcat:DataServiceShape a sh:NodeShape ;
    sh:targetClass dcat:DataService ;
    sh:property [ sh:path dct:title ; sh:minCount 1 ] ;
    sh:property [ sh:path dcat:endpointURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] .

fedcat:DatasetShape a sh:NodeShape ;
    sh:targetClass dcat:Dataset ;
    sh:property [ sh:path dct:identifier ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:datatype xsd:string ;
                  sh:minLength 1 ] ;
    sh:property [ sh:path dct:description ; sh:minCount 1 ; sh:minLength 1 ] ;
    sh:property [ sh:path dcat:keyword ; sh:minCount 1 ] ;
    sh:property [ sh:path dcat:theme ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dct:license ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dct:accessRights ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path dct:publisher ; sh:minCount 1 ] ;
    sh:property [ sh:path dct:issued ; sh:minCount 1 ; sh:datatype xsd:dateTime ] ;
    sh:property [ sh:path dct:modified ; sh:minCount 1 ; sh:datatype xsd:dateTime ] ;
    sh:property [ sh:path dcat:version ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path dcat:distribution ; sh:minCount 1 ; sh:class dcat:Distribution ] ;
    sh:property [ sh:path dcat:distribution ;
                  sh:qualifiedValueShape [ sh:path spdx:checksum ; sh:minCount 1 ] ;
                  sh:qualifiedMinCount 1 ;
                  sh:message "a dataset needs a distribution with a checksum" ] ;
    sh:property [ sh:path ( csvw:tableSchema csvw:column dct:description ) ; sh:minCount 1 ;
                  sh:message "a dataset needs at least one described field" ] .

fedcat:DistributionShape a sh:NodeShape ;
    sh:targetClass dcat:Distribution ;
    sh:property [ sh:path dct:title ; sh:minCount 1 ] ;
    sh:property [ sh:path dcat:accessURL ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path dcat:mediaType ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path dcat:byteSize ; sh:minCount 1 ; sh:maxCount 1 ; sh:minInclusive 0 ;
                  sh:or ( [ sh:datatype xsd:nonNegativeInteger ] [ sh:datatype xsd:integer ] ) ] ;
    sh:property [ sh:path spdx:checksum ; sh:node fedcat:ChecksumShape ] .

fedcat:ChecksumShape a sh:NodeShape ;
    sh:targetClass spdx:Checksum ;
    sh:property [ sh:path spdx:algorithm ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path spdx:checksumValue ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:pattern "^[0-9a-f]{64}$" ] .

fedcat:ColumnShape a sh:NodeShape ;
    sh:targetClass csvw:Column ;
    sh:property [ sh:path csvw:name ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path csvw:datatype ; sh:minCount 1 ; sh:maxCount 1 ] ;
    sh:property [ sh:path dct:description ; sh:minCount 1 ] .

fedcat:ActivityShape a sh:NodeShape ;
    sh:targetClass prov:Activity ;
    sh:property [ sh:path prov:startedAtTime ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:datatype xsd:dateTime ] ;
    sh:property [ sh:path prov:wasAssociatedWith ; sh:minCount 1 ;
                  sh:class prov:SoftwareAgent ] ;
    sh:property [ sh:path prov:generated ; sh:minCount 1 ] .

fedcat:VersionShape a sh:NodeShape ;
    sh:targetSubjectsOf dcat:isVersionOf ;
    sh:property [ sh:path prov:generatedAtTime ; sh:minCount 1 ; sh:datatype xsd:dateTime ] ;
    sh:property [ sh:path dcat:version ; sh:minCount 1 ; sh:maxCount 1 ] .
"""


def shapes_graph() -> Graph:
    """The shapes as an rdflib graph."""
    return Graph().parse(data=SHAPES, format="turtle")


def check_shapes(data: Graph) -> list[str]:
    """One line per SHACL violation of ``data`` (empty when it conforms)."""
    from pyshacl import validate

    _, report, _ = validate(data, shacl_graph=shapes_graph(), inference="none",
                            allow_warnings=True)
    lines = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus}: {path.n3() if path is not None else ''} {message}".strip())
    return sorted(lines)
