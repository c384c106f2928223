"""fedcat's KEGG tables agree with Biopython's Bio.KEGG parsers on every entry Biopython reads.

Each entry of the COMPOUND and ENZYME excerpts is given to Biopython on its own; entries
Biopython fails on are left out (none, today). Every field Biopython fills is compared with the
matching fedcat column.
"""

from __future__ import annotations

import io
from itertools import groupby

import pytest
from kegg_samples import COMPOUNDS, ENZYMES
from kegg_support import by_id, flat_rows

KEGG = pytest.importorskip("Bio.KEGG", reason="Biopython is not installed")
from Bio.KEGG import Compound, Enzyme  # noqa: E402


def biopython_records(module: object, text: str) -> list:
    """The records Biopython reads, entry by entry (entries it cannot read left out)."""
    records = []
    for entry in text.split("///\n"):
        if entry.strip():
            try:
                records.extend(module.parse(io.StringIO(entry + "///\n")))
            except (ValueError, IndexError):
                continue
    return records


def grouped(links: list[dict], key: str, value: str) -> list[tuple[str, list[str]]]:
    """fedcat's flat (database, id) pairs grouped the way Biopython lists them."""
    return [(group, [link[value] for link in items])
            for group, items in groupby(links, key=lambda link: link[key])]


def path_tuples(pairs: list[dict]) -> list[tuple[str, str, str]]:
    return [("PATH", pair["id"], pair["name"]) for pair in pairs]


def compound_refs(refs: list[dict]) -> list[str]:
    return [f"{ref['name']} [CPD:{ref['compound_id']}]" if ref["compound_id"] else ref["name"]
            for ref in refs]


def test_compounds_agree_with_biopython():
    ours = by_id(flat_rows(COMPOUNDS)["kegg_compounds"], "compound_id")
    records = biopython_records(Compound, COMPOUNDS)
    assert [record.entry for record in records] == list(ours)
    for record in records:
        row = ours[record.entry]
        assert record.name == row["names"]
        assert record.formula == row["formula"]
        assert float(record.mass) == row["exact_mass"]
        assert record.pathway == path_tuples(row["pathways"])
        assert record.enzyme == row["enzymes"]
        assert record.dblinks == grouped(row["dblinks"], "database", "id")


def test_enzymes_agree_with_biopython():
    ours = by_id(flat_rows(ENZYMES)["kegg_enzymes"], "ec_number")
    records = biopython_records(Enzyme, ENZYMES)
    assert [record.entry for record in records] == list(ours)
    for record in records:
        row = ours[record.entry]
        assert record.name == row["names"]
        assert [term.rstrip(";") for term in record.classname] == row["classes"]
        assert " ".join(record.sysname) == (row["sysname"] or "")
        assert " ".join(record.reaction) == (row["reaction"] or "").replace(";", "")
        assert record.substrate == compound_refs(row["substrates"])
        assert record.product == compound_refs(row["products"])
        assert record.cofactor == compound_refs(row["cofactors"])
        assert " ".join(record.comment) == (row["comment"] or "")
        assert record.pathway == path_tuples(row["pathways"])
        genes = [(organism.upper(), [gene.split(":", 1)[1] for gene in ids])
                 for organism, ids in grouped(row["genes"], "organism", "gene_id")]
        assert record.genes == genes
        assert record.dblinks == grouped(row["dblinks"], "database", "id")
