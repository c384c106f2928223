"""KEGG identifiers: which database an id belongs to, and its identifiers.org CURIE and IRI.

KEGG writes ids bare (``C00031``, ``map00010``, ``1.1.1.1``) in flat files and with a database
prefix (``cpd:C00031``, ``path:map00010``, ``ec:1.1.1.1``) in REST outputs and KGML; gene ids
are ``organism:gene`` (``hsa:3098``). Outside databases appear in ``conv`` outputs
(``ncbi-geneid:3098``, ``up:P19367``, ``pubchem:3333``, ``chebi:4167``).
"""

from __future__ import annotations

import re

IDENTIFIERS_ORG = "https://identifiers.org/"

PREFIX_DATABASES = {
    "cpd": "compound", "gl": "glycan", "dr": "drug", "dg": "dgroup", "rn": "reaction",
    "rc": "rclass", "ec": "enzyme", "path": "pathway", "ko": "orthology", "md": "module",
    "ds": "disease", "ne": "network", "br": "brite", "gn": "genome", "ev": "environ",
    "nv": "variant",
}
"""KEGG's database prefixes (``cpd:C00031``) and the database each names."""

_NAMESPACES = {
    "compound": "kegg.compound", "glycan": "kegg.glycan", "drug": "kegg.drug",
    "reaction": "kegg.reaction", "rclass": "kegg.rclass", "enzyme": "ec-code",
    "pathway": "kegg.pathway", "orthology": "kegg.orthology", "module": "kegg.module",
    "disease": "kegg.disease", "genes": "kegg.genes", "genome": "kegg.genome",
    "environ": "kegg.environ", "brite": "kegg.brite", "dgroup": "kegg", "network": "kegg",
    "variant": "kegg", "ncbi-geneid": "ncbigene", "ncbi-proteinid": "ncbiprotein",
    "uniprot": "uniprot", "up": "uniprot", "pubchem": "pubchem.substance", "chebi": "CHEBI",
}
"""identifiers.org namespace of each database (EC numbers use ``ec-code``; KEGG databases
identifiers.org has no namespace of its own for use the generic ``kegg`` one)."""

EC_NUMBER = re.compile(r"\d+\.(?:\d+|-)\.(?:\d+|-)\.(?:n?\d+|-)")
"""An EC number, 4 levels, any of which after the first may be ``-`` (``1.1.1.-``)."""

_BARE = [
    (re.compile(r"C\d{5}"), "compound"), (re.compile(r"G\d{5}"), "glycan"),
    (re.compile(r"D\d{5}"), "drug"), (re.compile(r"DG\d{5}"), "dgroup"),
    (re.compile(r"R\d{5}"), "reaction"), (re.compile(r"RC\d{5}"), "rclass"),
    (re.compile(r"K\d{5}"), "orthology"), (re.compile(r"(?:[a-z]{2,5}_)?M\d{5}"), "module"),
    (re.compile(r"H\d{5}"), "disease"), (re.compile(r"N\d{5}"), "network"),
    (re.compile(r"E\d{5}"), "environ"), (re.compile(r"T\d{5}"), "genome"),
    (re.compile(r"br\d{5}"), "brite"), (re.compile(r"[a-z]{2,4}\d{5}"), "pathway"),
    (EC_NUMBER, "enzyme"),
]
_ORGANISM = re.compile(r"[a-z]{3,4}|T\d{5}")


def bare_database(identifier: str) -> str | None:
    """The KEGG database of an id written without prefix (``C00031`` → compound), or None."""
    for pattern, database in _BARE:
        if pattern.fullmatch(identifier):
            return database
    return None


def split_id(identifier: str) -> tuple[str, str]:
    """``(database, id)`` of a KEGG or outside id, prefix removed except for genes.

    ``cpd:C00031`` → ``("compound", "C00031")``, ``C00031`` → the same, ``EC 1.1.1.1`` →
    ``("enzyme", "1.1.1.1")``, ``hsa:3098`` → ``("genes", "hsa:3098")``, ``up:P19367`` →
    ``("up", "P19367")``. Raises ValueError for text that is no id.
    """
    text = identifier.strip()
    if text.startswith("EC "):
        text = text[3:].strip()
    prefix, colon, local = text.partition(":")
    if not colon:
        database = bare_database(text)
        if database is None:
            raise ValueError(f"not a KEGG identifier: {identifier!r}")
        return database, text
    if not prefix or not local or " " in text:
        raise ValueError(f"not a KEGG identifier: {identifier!r}")
    if prefix in PREFIX_DATABASES:
        return PREFIX_DATABASES[prefix], local
    if _ORGANISM.fullmatch(prefix):
        return "genes", text
    return prefix.lower(), local


def kegg_curie(identifier: str) -> str:
    """The identifiers.org CURIE of an id: ``C00031`` → ``kegg.compound:C00031``."""
    database, local = split_id(identifier)
    if database not in _NAMESPACES:
        raise ValueError(f"no identifiers.org namespace for {identifier!r}")
    return f"{_NAMESPACES[database]}:{local}"


def kegg_iri(identifier: str) -> str:
    """The identifiers.org IRI of an id: ``C00031`` →
    ``https://identifiers.org/kegg.compound:C00031``. Raises ValueError when there is none."""
    return IDENTIFIERS_ORG + kegg_curie(identifier)


def iri_prefix(database: str) -> str:
    """What :func:`kegg_iri` puts before an id of ``database`` (``compound`` →
    ``https://identifiers.org/kegg.compound:``)."""
    return f"{IDENTIFIERS_ORG}{_NAMESPACES[database]}:"


def iri_or_none(identifier: str | None) -> str | None:
    """:func:`kegg_iri`, or None for an id without an IRI (or no id)."""
    if not identifier:
        return None
    try:
        return kegg_iri(identifier)
    except ValueError:
        return None
