"""The generic DBGET flat-file parser: fields, continuations, sub-fields, blocks, bad files."""

from __future__ import annotations

import io

import pytest
from kegg_samples import (
    COMPOUNDS,
    ENZYMES,
    GENES,
    IRREGULAR,
    ORTHOLOGY,
    ORTHOLOGY_OLD,
    OTHER_DATABASES,
    PATHWAYS,
    REACTIONS,
)
from kegg_support import by_id, flat_rows

from adapters.base import ParseError
from adapters.kegg.kegg_batches import flat_batches

EVERYTHING = (COMPOUNDS + ENZYMES + ORTHOLOGY + ORTHOLOGY_OLD + PATHWAYS + REACTIONS + GENES
              + OTHER_DATABASES)


def fields_of(rows: list[dict], entry: str) -> list[tuple]:
    return [(row["field_index"], row["field"], row["subfield"], row["value"])
            for row in rows if row["entry_id"] == entry]


def test_unknown_databases_land_in_the_long_table_with_subfields_and_indentation():
    rows = flat_rows(OTHER_DATABASES)["kegg_entry_fields"]
    disease = fields_of(rows, "H00069")
    assert disease[0] == (0, "ENTRY", None, "H00069                      Disease")
    assert (4, "BRITE", None, "Human diseases [BR:br08402]\n Congenital disorders of metabolism"
            "\n  Carbohydrate metabolism\n   H00069  Glycogen storage diseases") in disease
    assert [(f, s, v) for _, f, s, v in disease if f == "REFERENCE"] == [
        ("REFERENCE", None, "PMID:17908632"),
        ("REFERENCE", "AUTHORS", "Ozen H"),
        ("REFERENCE", "TITLE", "Glycogen storage diseases: new perspectives."),
        ("REFERENCE", "JOURNAL", "World J Gastroenterol 13:2541-53 (2007)"),
    ]
    module = fields_of(rows, "M00001")
    assert (5, "REACTION", None, "R01786,R02189,R09085  C00267 -> C00668\nR02740  C00668 -> C05345"
            ) in module
    assert {row["entry_id"]: (row["database"], row["iri"]) for row in rows} == {
        "M00001": ("Module", "https://identifiers.org/kegg.module:M00001"),
        "H00069": ("Disease", "https://identifiers.org/kegg.disease:H00069"),
    }


def test_databases_mix_in_one_file_and_block_size_does_not_matter():
    whole = flat_rows(EVERYTHING)
    assert {name: len(rows) for name, rows in whole.items()} == {
        "kegg_compounds": 3, "kegg_enzymes": 3, "kegg_orthology": 4, "kegg_pathways": 2,
        "kegg_reactions": 2, "kegg_genes": 1, "kegg_entry_fields": 17,
    }
    assert flat_rows(EVERYTHING, block_bytes=300) == whole


def test_irregular_layout_is_tolerated():
    compound = flat_rows(IRREGULAR)["kegg_compounds"][0]
    assert compound["names"] == ["H2O", "Water"]
    assert compound["formula"] == "H2O"
    assert compound["exact_mass"] == 18.0106  # value one column early
    assert compound["mol_weight"] is None and compound["comment"] is None  # empty fields
    assert compound["dblinks"] == [{"database": "CAS", "id": "7732-18-5"},
                                   {"database": "PubChem", "id": "3303"}]


def test_windows_line_ends_and_missing_final_newline():
    crlf = COMPOUNDS.replace("\n", "\r\n").rstrip("\r\n").encode()
    assert flat_rows(crlf) == flat_rows(COMPOUNDS)


def test_empty_records_and_leading_blank_lines_are_skipped():
    assert flat_rows("\n\n///\n" + COMPOUNDS + "///\n") == flat_rows(COMPOUNDS)


def collect(text: str, block_bytes: int = 1 << 20) -> tuple[list[str], ParseError | None]:
    """Compound ids yielded before the parser stopped, and its error."""
    ids: list[str] = []
    try:
        for _, batch in flat_batches(io.BytesIO(text.encode()), block_bytes=block_bytes):
            ids += batch.column("compound_id").to_pylist()
    except ParseError as error:
        return ids, error
    return ids, None


@pytest.mark.parametrize("block_bytes", [1 << 20, 500])
def test_file_cut_mid_entry_yields_the_complete_entries_then_names_the_entry(block_bytes):
    cut = COMPOUNDS + COMPOUNDS.split("///\n")[0].replace("C00031", "C00033")[:300]
    ids, error = collect(cut, block_bytes)
    assert ids == ["C00031", "C00022", "C00002"]
    assert "entry C00033 is cut off" in str(error)
    assert f"line {COMPOUNDS.count(chr(10)) + 1}" in str(error)


@pytest.mark.parametrize("stray", ["NAME        stray", "ENTRY"])
def test_record_without_entry_id_stops_the_file_after_the_records_before_it(stray):
    ids, error = collect(COMPOUNDS + stray + "\nFORMULA     H2O\n///\n" + COMPOUNDS)
    assert ids == ["C00031", "C00022", "C00002"]
    assert "does not start with an ENTRY line giving its id" in str(error)
    assert stray.split()[0] in str(error)
    assert f"line {COMPOUNDS.count(chr(10)) + 1}" in str(error)


def test_unreadable_value_names_its_entry_after_the_records_before_it():
    bad = COMPOUNDS.replace("EXACT_MASS  506.9957", "EXACT_MASS  heavy")
    ids, error = collect(bad)
    assert ids == ["C00031", "C00022"]
    assert str(error).startswith("entry C00002: cannot read exact_mass")
    assert "line" in str(error)


def test_obsolete_enzyme_record_is_a_regular_record():
    enzymes = by_id(flat_rows(ENZYMES)["kegg_enzymes"], "ec_number")
    assert list(enzymes) == ["1.1.1.1", "2.7.1.1", "1.1.1.68"]
