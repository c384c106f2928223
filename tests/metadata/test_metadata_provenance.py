"""MaiML provenance links in: a harvested MaiML document's protocol and event log (PROV, from
maiml.rdf) join the harvest run's graph, tied to the source file's entity."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from adapters.base import Adapter, DatasetSpec, SourceContext, batch_from_rows
from catalog.harvest import harvest
from catalog.metadata import refresh_metadata
from catalog.metadata.sparql import run_sparql
from catalog.store import NodeStore
from maiml import parse
from maiml.generate import write_examples

DOCUMENTS = DatasetSpec(
    name="maiml_documents",
    schema=pa.schema([("document_uuid", pa.string()), ("template_key", pa.string())]),
    description="One row per MaiML document.",
    column_descriptions={"document_uuid": "The document's uuid.",
                         "template_key": "Key of the document's first result template."},
)


class MaimlDocuments(Adapter):
    """A minimal NIMS-like adapter: one row per MaiML document."""

    name = "maiml_test"
    version = "0.0.1"
    datasets = {DOCUMENTS.name: DOCUMENTS}

    def detect(self, head: bytes, filename: str) -> str | None:
        return "MAIML" if filename.endswith(".maiml") else None

    def parse(self, source: SourceContext) -> Iterator[tuple[str, pa.RecordBatch]]:
        document = parse(source.path)
        yield DOCUMENTS.name, batch_from_rows(DOCUMENTS, [
            {"document_uuid": document.document.uuid, "template_key": "xrd"}])

    def ignores(self, filename: str) -> bool:
        return not filename.endswith(".maiml")


def test_maiml_documents_bring_their_protocol_and_event_log(tmp_path):
    write_examples(tmp_path / "source")
    store = NodeStore.init(tmp_path / "node", "nims", institution="NIMS")
    report = harvest(store, MaimlDocuments(), str(tmp_path / "source"), workers=1)
    assert report.summary.files_failed == 0 and report.versions
    refresh_metadata(store)
    linked = run_sparql(store, """
        SELECT ?file ?document WHERE {
            ?run a prov:Activity ; prov:used ?file .
            ?file prov:alternateOf ?document . ?document a maiml:Document }""").records
    assert len(linked) == 3
    events = run_sparql(store, """
        SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {
            ?file prov:alternateOf ?document .
            ?event a prov:Activity ; prov:generated|prov:used ?thing .
            FILTER(STRSTARTS(STR(?event), "urn:uuid:")) }""").records
    assert events[0]["n"] > 0
    template = run_sparql(store, """
        SELECT ?vocabulary WHERE { ?c csvw:name 'template_key' ; dct:conformsTo ?vocabulary }
        """).records
    assert template == [{"vocabulary": "http://www.maiml.org/schemas#key"}]
