"""The metadata commands as the main CLI registers them (one line each), through typer."""

from __future__ import annotations

import json

import pytest
import typer
from rdflib import Graph
from typer.testing import CliRunner

from catalog.errors import FedcatError, UsageError
from catalog.metadata.cli import metadata_app, search, sparql
from catalog.metadata.errors import SearchInputError, SparqlRefusedError

app = typer.Typer()
app.add_typer(metadata_app)
app.command()(search)
app.command()(sparql)
runner = CliRunner()


def run(*args: str, node) -> str:
    result = runner.invoke(app, [*args, "--node", str(node.dir)], catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("jsonld", "json-ld"),
                                         ("ntriples", "nt")])
def test_export_formats_parse_back(seismic_node, fmt, parser):
    text = run("metadata", "export", "events", "--format", fmt, node=seismic_node)
    graph = Graph().parse(data=text, format=parser)
    assert any("nied.events" in str(o) for o in graph.objects())


def test_export_croissant_and_its_errors(seismic_node):
    document = json.loads(run("metadata", "export", "events", "--format", "croissant",
                              node=seismic_node))
    assert document["name"] == "nied.events"
    with pytest.raises(UsageError, match="one dataset"):
        run("metadata", "export", "--format", "croissant", node=seismic_node)
    with pytest.raises(UsageError, match="unknown --format 'xml'"):
        run("metadata", "export", "events", "--format", "xml", node=seismic_node)
    with pytest.raises(FedcatError, match="'nope' does not exist"):
        run("metadata", "export", "nope", node=seismic_node)


def test_check_reports_conformance(seismic_node):
    result = runner.invoke(app, ["metadata", "check", "--node", str(seismic_node.dir)])
    assert result.exit_code == 0, result.output
    assert "SHACL: 0 violations" in result.stdout
    assert "no license declared" in result.stderr


def test_search_command_json_and_table(seismic_node):
    found = json.loads(run("search", "強震動 波形", "--format", "json", node=seismic_node))
    assert found["results"][0]["dataset"] == "nied.waveforms"
    assert found["facets"]["domain"] == {"seismic": found["total"]}
    table = run("search", "earthquake", "--domain", "seismic", "--from", "2011-01-01",
                node=seismic_node)
    assert "nied.events" in table and "facets" in table
    with pytest.raises(SearchInputError, match="invalid --bbox '1,2'"):
        run("search", "x", "--bbox", "1,2", node=seismic_node)
    with pytest.raises(SearchInputError, match="is after --to"):
        run("search", "x", "--from", "2012-01-01", "--to", "2011-01-01", node=seismic_node)


def test_sparql_command_formats(seismic_node):
    query = "SELECT ?name WHERE { ?d dct:identifier ?name } ORDER BY ?name"
    rows = json.loads(run("sparql", query, "--format", "json", node=seismic_node))
    assert [row["name"] for row in rows] == ["nied.events", "nied.stations",
                                             "nied.waveform_samples", "nied.waveforms"]
    csv = run("sparql", query, "--format", "csv", node=seismic_node)
    assert csv.splitlines()[0] == '"name"'
    with pytest.raises(SparqlRefusedError):
        run("sparql", "CLEAR ALL", node=seismic_node)
