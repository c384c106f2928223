"""Reading MaiML into models: the real samples element by element, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from maiml import (
    Content,
    DanglingRefError,
    MaimlParseError,
    Material,
    MaterialTemplate,
    Result,
    ResultTemplate,
    parse,
    to_bytes,
)
from maiml.generate import electrolyte_synthesis, xrd_measurement


def test_gc_ms_document_and_protocol(nims: Path) -> None:
    doc = parse(nims / "gc-ms.maiml")
    document = doc.document
    assert doc.root_type == "maimlRootType" and doc.version == "1.0"
    assert [c.name for c in document.creators] == [
        "gcmsConverter_1_0",
        "gcmsMeasurementData_1_0",
        "gcmsAnalysisData_1_1",
    ]
    assert document.vendors[0].id == "vendor_C" and document.instruments[0].id == "instrument_gcms"
    assert len(document.owners) == 3
    assert document.signature is not None and "DSAKeyValue" in document.signature
    assert document.date.startswith("20")
    method = doc.protocol.methods[0]
    assert len(method.pnmls[0].places) == 6 and len(method.pnmls[0].arcs) == 8
    assert [p.id for p in method.programs] == ["program_gcmsMeasurement", "program_gcmsAnalysis"]
    assert doc.namespaces["time"] == "http://www.xes-standard.org/time.xesext#"


def test_gc_ms_data_values_and_refs(nims: Path) -> None:
    doc = parse(nims / "gc-ms.maiml")
    instances = dict((i.id, i) for _, i in doc.instances())
    sample = instances["material_gcmsSample"]
    assert isinstance(sample, Material)
    assert isinstance(doc.template_of(sample), MaterialTemplate)
    tic = instances["result_gcmsTotalIonChromatogram_gcmsMeasurement"]
    assert isinstance(tic, Result) and isinstance(doc.template_of(tic), ResultTemplate)
    retention = next(c for c in tic.contents if c.key == "gcmsTotalIonChromatogramRetentionTime")
    assert (
        retention.units == "msec" and retention.size == 1740 and retention.axis == "Retention Time"
    )
    times = retention.array()
    assert times.shape == (1740,) and times[0] == 330000.0
    template_content = doc.resolve(retention.ref)
    assert isinstance(template_content, Content) and template_content.key == retention.key
    level, amount = sample.get_property("Level"), sample.get_property("SampleAmount")
    assert level is not None and level.values == [""]  # <value/>
    assert amount is not None and amount.values == ["1.0000000"]  # as written
    amount_template = doc.template_of(sample).get_property("SampleAmount")
    assert amount_template is not None and amount_template.values == [
        None
    ]  # <value xsi:nil="true"/>
    raw = instances["result_gcmsRawDataFile"].insertions[0]
    assert (
        raw.uri == "AART_24m.qgd"
        and raw.hash.method == "SHA256"
        and raw.format == "VENDER-SPECIFIC"
    )
    twins = doc.with_uuid("6F2C17A3-C8C4-4755-9D86-5E5C6A377A77")  # the analysis re-states a result
    assert [twin.id for twin in twins] == [  # type: ignore[attr-defined]
        "result_gcmsTotalIonChromatogram_gcmsMeasurement",
        "result_gcmsTotalIonChromatogram_gcmsAnalysis",
    ]
    log, trace, event = next(doc.events())
    assert event.timestamp == "2006-10-06T00:48:26.515+09:00" and event.transition == "complete"
    assert doc.resolve(event.ref).id == "instruction_gcmsMeasurement"
    assert event.line is not None and event.line > 4000


def test_nested_properties_units_and_undeclared_attributes(nims: Path) -> None:
    doc = parse(nims / "invalid-dates-units.maiml")
    template = doc.protocol.methods[0].programs[0].material_templates[0]
    material_type = template.get_property("MaterialType")
    assert material_type is not None and material_type.value == "Bulk"
    thickness = material_type.properties[0]
    assert thickness.key == "Thickness" and thickness.typed_values() == [10.0]
    assert thickness.extra_attributes == {"unit": "mm"} and thickness.scale_factor == 1.0
    assert doc.document.date == "2024-8-01T00:00:00+09:00"  # kept as written; validation reports it
    assert (
        doc.namespaces["docNS"] == "http://www.maiml.org/sampleNamespace"
    )  # declared on <document>


def test_protocol_file_root_type(nims: Path) -> None:
    doc = parse(nims / "protocol-example.maiml")
    assert doc.root_type == "protocolFileRootType" and doc.data is None and doc.event_log is None
    assert doc.features == "nested-attributes"
    result_template = doc.protocol.methods[0].programs[0].result_templates[0]
    assert [c.axis for c in result_template.contents] == ["測定時間", "信号強度"]


def test_unqualified_document_is_rejected_unless_accepted(nims: Path) -> None:
    path = nims / "invalid-no-namespace.maiml"
    with pytest.raises(MaimlParseError, match="must be in namespace") as caught:
        parse(path)
    assert caught.value.file == str(path) and caught.value.line == 2
    doc = parse(path, accept_unqualified=True, resolve_refs=False)
    assert len(doc.data.results) == 7  # type: ignore[union-attr]
    assert parse(to_bytes(doc), resolve_refs=False) == doc  # written back in the MaiML namespace


def test_parse_from_bytes_and_file_object(tmp_path: Path) -> None:
    doc, _ = xrd_measurement()
    data = to_bytes(doc)
    (tmp_path / "x.maiml").write_bytes(data)
    with (tmp_path / "x.maiml").open("rb") as handle:
        assert parse(handle) == parse(data) == doc


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"this is not XML at all", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b"<catalog><item/></catalog>", "root element is <catalog>"),
        (b'<maiml xmlns="urn:other"/>', "must be in namespace"),
    ],
)
def test_not_xml_or_not_maiml(data: bytes, match: str) -> None:
    with pytest.raises(MaimlParseError, match=match):
        parse(data)


def test_truncated_document_names_file_and_line(tmp_path: Path) -> None:
    data = to_bytes(electrolyte_synthesis())
    cut = tmp_path / "cut.maiml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(MaimlParseError) as caught:
        parse(cut)
    error = caught.value
    assert error.file == str(cut) and error.line and error.line > 100
    assert "truncated" in str(error) and str(cut) in str(error)


def test_dangling_ref_names_path_and_line() -> None:
    data = to_bytes(electrolyte_synthesis()).replace(b'ref="tpl_salt"', b'ref="tpl_sugar"', 1)
    with pytest.raises(DanglingRefError) as caught:
        parse(data)
    error = caught.value
    assert "tpl_sugar" in error.message
    assert (
        error.path == "/maiml/data[@id='data']/results[@id='batch1']/material[@id='batch1_LiPF6']"
    )
    assert error.line == data[: data.index(b"tpl_sugar")].count(b"\n") + 1
    assert parse(data, resolve_refs=False).data is not None  # reading without resolving still works


def test_element_out_of_place_and_missing_required() -> None:
    data = to_bytes(electrolyte_synthesis())
    with pytest.raises(MaimlParseError, match=r"<results>: unexpected child element <.*banana>"):
        parse(data.replace(b"<material ", b"<banana/><material ", 1))
    with pytest.raises(MaimlParseError, match=r"<material>: missing required attribute 'ref'"):
        parse(data.replace(b' ref="tpl_solvent"', b"", 1))
    with pytest.raises(
        MaimlParseError, match=r"<content>: attribute size='many' is not a valid int"
    ):
        parse(data.replace(b'size="9"', b'size="many"', 1))
    with pytest.raises(MaimlParseError, match=r"<description>: expected text only"):
        parse(data.replace(b"<description>Example", b"<description><b>x</b>Example", 1))


def test_resolve_and_template_errors() -> None:
    doc = electrolyte_synthesis()
    with pytest.raises(DanglingRefError):
        doc.resolve("nowhere")
    material = doc.data.results[0].materials[0]  # type: ignore[union-attr]
    assert doc.template_of(material).id == "tpl_solvent"
    material.ref = "tpl_mixing"  # a condition template
    with pytest.raises(DanglingRefError, match="not a MaterialTemplate"):
        doc.template_of(material)


def test_typed_values() -> None:
    doc = electrolyte_synthesis()
    conductivity = doc.data.results[0].results[1]  # type: ignore[union-attr]
    temperature = conductivity.contents[0]
    assert temperature.typed_values()[:3] == [-20.0, -10.0, 0.0]
    stirring = doc.data.results[0].conditions[0].get_property("stirringSpeed")  # type: ignore[union-attr]
    assert (
        stirring is not None
        and stirring.typed_values() == [300]
        and stirring.array().dtype.kind == "i"
    )
    bad = stirring.model_copy(update={"values": ["fast"]})
    with pytest.raises(ValueError, match="not a valid xs:int"):
        bad.typed_values()
