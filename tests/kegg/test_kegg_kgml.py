"""KGML pathway XML: pathways, entries, relations and reactions; bad KGML."""

from __future__ import annotations

import pytest
from kegg_samples import KGML
from kegg_support import by_id, parse, write

from adapters.base import ParseError
from adapters.kegg.kegg_kgml import kgml_batches


def test_every_kgml_element_lands(tmp_path):
    tables = parse(write(tmp_path, "hsa00010.xml", KGML))
    assert tables["kgml_pathways"] == [{
        "pathway": "path:hsa00010", "iri": "https://identifiers.org/kegg.pathway:hsa00010",
        "org": "hsa", "number": "00010", "title": "Glycolysis / Gluconeogenesis",
        "image": "https://www.kegg.jp/kegg/pathway/hsa/hsa00010.png",
        "link": "https://www.kegg.jp/kegg-bin/show_pathway?hsa00010"}]
    entries = by_id(tables["kgml_entries"], "entry_id")
    assert len(entries) == 8
    genes = entries[18]
    assert genes["names"] == ["hsa:3098", "hsa:3099", "hsa:3101", "hsa:80201"]
    assert genes["iris"][0] == "https://identifiers.org/kegg.genes:hsa:3098"
    assert (genes["type"], genes["reactions"]) == ("gene", ["rn:R01786", "rn:R00299"])
    assert genes["graphics"] == [{
        "name": "HK1, HK1-ta, HK1-tb, HK1-tc, HKD, HKI, HMSNR, HXK1...", "type": "rectangle",
        "x": 148.0, "y": 244.0, "width": 46.0, "height": 17.0, "coords": None,
        "fgcolor": "#000000", "bgcolor": "#BFFFBF"}]
    assert entries[37]["iris"] == ["https://identifiers.org/kegg.compound:C00031"]
    assert entries[90]["names"] == ["undefined"] and entries[90]["iris"] == [None]
    assert (entries[90]["type"], entries[90]["components"]) == ("group", [18, 60])
    assert entries[95]["graphics"][0]["coords"] == [148.0, 244.0, 172.0, 199.0, 172.0, 287.0]
    relations = tables["kgml_relations"]
    assert [(r["entry1"], r["entry2"], r["type"]) for r in relations] == [
        (18, 60, "ECrel"), (60, 44, "maplink"), (18, 60, "PPrel")]
    assert relations[2]["subtypes"] == [{"name": "activation", "value": "-->"},
                                        {"name": "phosphorylation", "value": "+p"}]
    reactions = by_id(tables["kgml_reactions"], "entry_id")
    assert (reactions[18]["names"], reactions[18]["reversible"]) == (
        ["rn:R01786", "rn:R00299"], False)
    assert reactions[60]["type"] == "reversible" and reactions[60]["reversible"]
    assert reactions[60]["substrates"] == [
        {"entry_id": 38, "name": "cpd:C00092", "alternatives": ["cpd:C00668"]}]
    assert reactions[60]["products"] == [
        {"entry_id": 61, "name": "cpd:C05345", "alternatives": []}]


def error_for(tmp_path, text: str) -> str:
    with pytest.raises(ParseError) as caught:
        list(kgml_batches(write(tmp_path, "bad.kgml", text)))
    return str(caught.value)


def test_unknown_element_is_named_with_its_line(tmp_path):
    bad = KGML.replace('        <component id="60"/>\n',
                       '        <component id="60"/>\n        <note>drawn by hand</note>\n')
    line = bad.splitlines().index("        <note>drawn by hand</note>") + 1
    expected = f"unknown KGML element <note> inside <entry> (at line {line})"
    assert error_for(tmp_path, bad) == expected


def test_known_element_in_the_wrong_place_is_an_error(tmp_path):
    bad = KGML.replace('<component id="18"/>', '<subtype name="compound" value="38"/>')
    assert "unknown KGML element <subtype> inside <entry>" in error_for(tmp_path, bad)


def test_broken_xml_and_bad_attributes_name_their_line(tmp_path):
    assert "not well-formed XML" in error_for(tmp_path, KGML[:-20])
    bad = KGML.replace('<entry id="37"', '<entry id="x37"')
    lines = bad.splitlines()
    opened = next(n for n, text in enumerate(lines) if 'id="x37"' in text)
    closed = next(n for n in range(opened, len(lines)) if ">" in lines[n]) + 1  # libxml2's line
    assert error_for(tmp_path, bad) == f"<entry> id='x37' is not an integer (at line {closed})"
    message = error_for(tmp_path, KGML.replace('entry1="60" entry2="44"', 'entry2="44"'))
    assert "<relation> has no entry1 attribute" in message
