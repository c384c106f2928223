"""Domain vocabularies of columns: FDSN network and station codes, SEED channel names,
identifiers.org IRIs (KEGG), MaiML template keys.

A column is recognised by its name; an adapter may also declare ``column_terms`` (column ->
vocabulary IRI) on its DatasetSpec. Recognised columns get ``dcterms:conformsTo`` the
vocabulary and, where each value names a resource, a ``csvw:valueUrl`` template; the distinct
values of small code columns become searchable and (when they have IRIs) ``dcterms:references``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnTerm:
    """The vocabulary a column's values come from."""

    vocabulary: str
    label: str
    value_url: str | None = None
    """CSVW URI template of the resource each value names (``{column}`` is the value)."""


FDSN_NETWORK = ColumnTerm(
    "https://www.fdsn.org/networks/", "FDSN network code",
    "https://www.fdsn.org/networks/detail/{network}/")
FDSN_STATION = ColumnTerm("https://www.fdsn.org/pdf/SEEDManual_V2.4.pdf#station",
                          "FDSN station code")
SEED_LOCATION = ColumnTerm("https://www.fdsn.org/pdf/SEEDManual_V2.4.pdf#location",
                           "SEED location code")
SEED_CHANNEL = ColumnTerm("https://www.fdsn.org/pdf/SEEDManual_V2.4_Appendix-A.pdf",
                          "SEED channel name")
IDENTIFIERS_ORG = ColumnTerm("https://identifiers.org/", "identifiers.org IRI", "{iri}")
MAIML_KEY = ColumnTerm("http://www.maiml.org/schemas#key", "MaiML template key")

BY_NAME: Mapping[str, ColumnTerm] = {
    "network": FDSN_NETWORK,
    "station": FDSN_STATION,
    "location": SEED_LOCATION,
    "channel": SEED_CHANNEL,
    "iri": IDENTIFIERS_ORG,
    "template_key": MAIML_KEY,
    "maiml_key": MAIML_KEY,
}
"""Columns recognised by name (URI templates name the column they are keyed on)."""

CODE_VALUES_LIMIT = 1000
"""Distinct values of a code column listed in the metadata (more: the column is described,
its values are not)."""


def column_term(column: str, declared: Mapping[str, str]) -> ColumnTerm | None:
    """The vocabulary of ``column``: declared by the adapter, else recognised by name."""
    if column in declared:
        return ColumnTerm(declared[column], declared[column])
    return BY_NAME.get(column)


def value_iri(term: ColumnTerm, column: str, value: str) -> str | None:
    """The IRI a value of a column names, by the column's URI template, or None."""
    if not term.value_url:
        return None
    return term.value_url.replace("{" + column + "}", value)
