"""The QUDT unit of a column: declared by the adapter, written in its description, or implied
by its name (``depth_km``, ``station_latitude``)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from catalog.metadata.vocab import UNIT
from maiml.units import qudt_unit

EXTRA_SYMBOLS = {"degrees": "DEG", "degree": "DEG", "gal": "GALILEO", "Gal": "GALILEO"}
"""Unit words adapters write that MaiML's unit table does not hold."""

NAME_SUFFIXES = {"m": "M", "km": "KiloM", "gal": "GALILEO", "hz": "HZ", "s": "SEC",
                 "sec": "SEC", "deg": "DEG", "kg": "KiloGM", "pa": "PA", "k": "K"}
"""Name endings (after the last ``_``) that state a unit: ``elevation_m`` is in metres."""

ANGLE_NAMES = {"latitude", "longitude", "lat", "lon", "azimuth", "dip"}
"""Column names (or name endings) measured in degrees."""

TRAILING_PARENTHESES = re.compile(r"\(([^()]+)\)\s*\.?\s*$")


def column_unit(column: str, description: str, declared: Mapping[str, str]) -> str | None:
    """The QUDT unit IRI of ``column``, or None when nothing states one."""
    if column in declared:
        return _unit_iri(declared[column])
    written = TRAILING_PARENTHESES.search(description)
    if written and (iri := _unit_iri(written.group(1))):
        return iri
    ending = column.lower().rsplit("_", 1)[-1]
    if ending in ANGLE_NAMES:
        return str(UNIT.DEG)
    if column.lower() == "sampling_rate":
        return str(UNIT.HZ)
    if "_" in column and ending in NAME_SUFFIXES:
        return str(UNIT[NAME_SUFFIXES[ending]])
    return None


def _unit_iri(text: str) -> str | None:
    """A unit given as an IRI or a symbol (``km``, ``degrees``), as a QUDT IRI."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    if text in EXTRA_SYMBOLS:
        return str(UNIT[EXTRA_SYMBOLS[text]])
    return qudt_unit(text)
