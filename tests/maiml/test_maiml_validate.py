"""Validation: the official XSD (bundled with pymaiml) and the checks a schema cannot express,
each reported as one issue with file, element path and line."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from maiml import MaimlError, bundled_xsd_dir, check, load_schema, parse, to_bytes, validate, write
from maiml.generate import electrolyte_synthesis, failed_run, write_examples, xrd_measurement
from maiml.insertions import algorithm_name, check_insertion, directory_locator, expected_digest
from maiml.model import Hash, Insertion


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def test_real_samples(nims: Path) -> None:
    gcms = validate(nims / "gc-ms.maiml")
    assert gcms.ok, str(gcms)
    assert [issue.code for issue in gcms.issues] == ["not-checked"]  # its raw file is not shipped
    assert validate(nims / "protocol-example.maiml").issues == []

    dates_units = validate(nims / "invalid-dates-units.maiml")
    assert [(i.code, i.line) for i in dates_units.issues] == [
        ("xsd", 30),
        ("xsd", 79),
        ("xsd", 104),
        ("xsd", 104),
        ("xsd", 108),
        ("xsd", 108),
    ]
    date, unit = dates_units.issues[:2]
    assert (
        "2024-8-01" in date.message
        and date.path == "/maiml/document[@id='MaimlSampleDoctest']/date"
    )
    assert "'unit' is not allowed" in unit.message and unit.path.endswith(
        "property[@key='MaterialType']/property[@key='Thickness']"
    )
    assert str(unit).startswith(f"{nims / 'invalid-dates-units.maiml'}:79: /maiml/protocol")

    no_namespace = validate(nims / "invalid-no-namespace.maiml")
    assert [(i.code, i.line) for i in no_namespace.issues] == [("not-maiml", 2)]
    deeper = validate(nims / "invalid-no-namespace.maiml", accept_unqualified=True)
    assert ("ref-kind", 9) in [
        (i.code, i.line) for i in deeper.issues
    ]  # instrumentRef points at an instruction


def test_generated_documents_are_valid(tmp_path: Path) -> None:
    for path in write_examples(tmp_path):
        report = validate(path)
        assert report.issues == [], str(report)


def test_another_schema_directory(tmp_path: Path) -> None:
    copy = tmp_path / "MaiML-Schema-1_0"
    shutil.copytree(bundled_xsd_dir(), copy)
    assert load_schema(copy) is not load_schema()
    assert validate(to_bytes(failed_run()), xsd_dir=copy).ok
    with pytest.raises(MaimlError, match="cannot load XML Schema"):
        validate(to_bytes(failed_run()), xsd_dir=tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"\x89PNG\r\n\x1a\n not xml", "xml", 1),
        (b"<?xml version='1.0'?>\n<catalog/>", "not-maiml", 2),
        (b'<maiml xmlns="urn:not-maiml" version="1.0"/>', "not-maiml", 1),
    ],
)
def test_not_xml_or_not_maiml_is_one_issue(data: bytes, code: str, line: int) -> None:
    report = validate(data)
    assert [(i.code, i.line) for i in report.issues] == [(code, line)] and not report.ok
    assert str(report.issues[0]).startswith(f"<bytes>:{line}:")


def test_truncated_file(tmp_path: Path) -> None:
    data = to_bytes(electrolyte_synthesis())
    path = tmp_path / "cut.maiml"
    path.write_bytes(data[: int(len(data) * 0.7)])
    report = validate(path)
    assert len(report.issues) == 1
    issue = report.issues[0]
    assert (
        issue.code == "xml"
        and issue.file == str(path)
        and issue.line
        and "truncated" in issue.message
    )


def test_dangling_ref() -> None:
    # libxml2's XSD validation does not resolve xs:IDREF, so this is the model check's job
    data = to_bytes(electrolyte_synthesis()).replace(b'ref="tpl_salt"', b'ref="tpl_sugar"', 1)
    report = validate(data)
    path = "/maiml/data[@id='data']/results[@id='batch1']/material[@id='batch1_LiPF6']"
    assert [(i.code, i.line, i.path) for i in report.issues] == [
        ("dangling-ref", _line_of(data, b"tpl_sugar"), path)
    ]
    assert "ref='tpl_sugar' names no element id" in report.issues[0].message


def test_ref_to_the_wrong_kind_of_element() -> None:
    doc = electrolyte_synthesis()
    doc.data.results[0].materials[0].ref = "tpl_mixing"  # type: ignore[union-attr]
    doc.event_log.logs[0].traces[0].events[0].ref = "el_program"  # type: ignore[union-attr]
    issues = check(doc)
    assert [(i.code, i.path.rsplit("/", 1)[-1]) for i in issues] == [  # type: ignore[union-attr]
        ("ref-kind", "material[@id='batch1_EC']"),
        ("ref-kind", "event[@id='batch1_ev1']"),
    ]
    assert "expected <materialTemplate>" in issues[0].message


def test_non_numeric_value_where_the_template_says_numeric() -> None:
    data = to_bytes(electrolyte_synthesis())
    needle = (
        b'<property key="temperature" xsi:type="doubleType" units="degC">\n'
        b"          <value>25.0</value>"
    )
    assert needle in data
    edited = needle.replace(b'doubleType" units="degC"', b'stringType"').replace(
        b"25.0", b"room temperature"
    )
    changed = data.replace(needle, edited, 1)  # schema-valid: a string property may say anything
    report = validate(changed)
    assert [i.code for i in report.issues] == ["template-type", "template-value"]
    problem = report.issues[1]
    assert (
        problem.severity == "error"
        and "'room temperature' is not a valid xs:double" in problem.message
    )
    assert "template declares doubleType" in problem.message
    assert problem.line == _line_of(changed, b'<property key="temperature" xsi:type="stringType"')
    assert (
        problem.path
        == "/maiml/data[@id='data']/results[@id='batch1']/condition[@id='batch1_mixing']"
        "/property[@key='temperature']"
    )


def test_value_not_of_its_own_type_in_a_built_model() -> None:
    doc = electrolyte_synthesis()
    speed = doc.data.results[1].conditions[0].get_property("stirringSpeed")  # type: ignore[union-attr]
    speed.values = ["300.5"]  # type: ignore[union-attr]
    issues = check(doc)
    assert [(i.code, i.line) for i in issues] == [("bad-value", None)]
    assert "not a valid xs:int" in issues[0].message and issues[0].path.endswith(
        "property[@key='stirringSpeed']"
    )  # type: ignore[union-attr]


def test_content_size_and_event_log_checks() -> None:
    doc = failed_run()
    pattern = doc.data.results[0].results[0].contents[1]  # type: ignore[union-attr]
    pattern.size = 5
    events = doc.event_log.logs[0].traces[0].events  # type: ignore[union-attr]
    events[1].get_property("lifecycle:transition").values = ["started"]  # type: ignore[union-attr]
    events[2].get_property("time:timestamp").values = ["2024-11-06T14:00:00+09:00"]  # type: ignore[union-attr]
    codes = [i.code for i in check(doc)]
    assert codes == ["size-mismatch", "lifecycle", "event-order"]
    stamp = events[0].get_property("time:timestamp")
    stamp.values, stamp.xsi_type = ["yesterday"], "stringType"  # type: ignore[union-attr]
    assert "timestamp" in [i.code for i in check(doc)]


def test_duplicate_ids_and_root_type() -> None:
    doc = xrd_measurement()[0]
    doc.protocol.methods[0].pnmls[0].places[1].id = "p_sample"
    doc.root_type = "protocolFileRootType"
    codes = {i.code for i in check(doc)}
    assert {"duplicate-id", "root-type"} <= codes


def test_insertion_hash_ok_and_mismatch(tmp_path: Path) -> None:
    paths = write_examples(tmp_path)
    xrd = paths[0]
    insertion = parse(xrd).data.results[0].results[0].insertions[0]  # type: ignore[union-attr]
    assert insertion.uri == "raw%20data/LFP%20scan%20001.xy" and insertion.hash.value.isupper()
    assert validate(xrd).issues == []
    raw = tmp_path / "raw data" / "LFP scan 001.xy"
    raw.write_bytes(raw.read_bytes().replace(b"10.00", b"10.01", 1))
    issues = validate(xrd).issues
    assert [i.code for i in issues] == ["hash-mismatch"]
    assert issues[0].file == str(xrd) and issues[0].line and issues[0].path.endswith("insertion[1]")  # type: ignore[union-attr]
    raw.unlink()
    assert [(i.code, i.severity) for i in validate(xrd).issues] == [("not-checked", "info")]


def test_hash_forms(tmp_path: Path) -> None:
    payload = tmp_path / "a b.bin"
    payload.write_bytes(b"MaiML")
    digest = hashlib.sha256(b"MaiML").digest()
    locate = directory_locator(tmp_path)
    forms = [
        Hash(value=digest.hex()),
        Hash(value=digest.hex().upper(), method="SHA256"),
        Hash(
            value=__import__("base64").b64encode(digest).decode(),
            method="http://www.w3.org/2001/04/xmlenc#sha256",
        ),
    ]
    for form in forms:
        assert check_insertion(Insertion(uri="a%20b.bin", hash=form), locate).status == "ok"
    assert (
        check_insertion(
            Insertion(uri=f"file://{tmp_path}/a%20b.bin", hash=forms[0]), lambda path: Path(path)
        ).status
        == "ok"
    )
    assert (
        check_insertion(Insertion(uri="https://example.org/a.bin", hash=forms[0]), locate).status
        == "remote"
    )
    assert (
        check_insertion(Insertion(uri="a%20b.bin", hash=Hash(value="zz")), locate).status
        == "bad-hash"
    )
    assert (
        check_insertion(
            Insertion(uri="a%20b.bin", hash=Hash(value=hashlib.md5(b"x").hexdigest())), locate
        ).status
        == "mismatch"
    )
    assert (
        algorithm_name("SHA-512") == "sha512"
        and algorithm_name("sha3-256") == "sha3_256"
        and algorithm_name("rot13") is None
    )
    with pytest.raises(ValueError, match="unknown hash method"):
        expected_digest(Hash(value="00", method="rot13"))


def test_model_written_without_insertion_file_location(tmp_path: Path) -> None:
    doc, _ = xrd_measurement(raw_name="missing.xy")
    write(doc, tmp_path / "x.maiml")
    assert [
        i.code for i in validate((tmp_path / "x.maiml").read_bytes()).issues
    ] == []  # bytes: no folder to look in
    assert [i.code for i in validate(tmp_path / "x.maiml").issues] == ["not-checked"]
