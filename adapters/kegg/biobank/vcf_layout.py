"""What a VCF header tells the reader: which INFO fields are frequencies, populations,
flags or other annotations, which FORMAT fields exist, and the samples.

Statistics are recognised by name *and* declared type: ``AC``/``AN`` (Integer) and ``AF``
(Float) for the whole panel; ``<POP>_AC|AN|AF`` (1000 Genomes: ``EUR_AF``) or
``AC|AN|AF_<pop>`` (gnomAD: ``AF_nfe``) for a population. A field that looks like one but is
declared otherwise is kept as an annotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyvcf2 import VCF

STAT_TYPES = {"ac": "Integer", "an": "Integer", "af": "Float"}
"""Statistic -> the INFO Type it must be declared with."""

_POPULATION_KEY = re.compile(
    r"^(?:(?P<pop>[A-Za-z0-9]+)_(?P<stat>AC|AN|AF)|(?P<stat2>AC|AN|AF)_(?P<pop2>\w+))$"
)


@dataclass(frozen=True)
class VcfLayout:
    """The roles of a VCF's declared fields."""

    info_types: dict[str, str]
    formats: frozenset[str]
    samples: tuple[str, ...]
    stats: dict[str, str]
    populations: dict[str, dict[str, str]]
    flags: tuple[str, ...]
    annotations: tuple[str, ...]

    @property
    def declared(self) -> frozenset[tuple[str, str]]:
        """Every declared (``INFO`` | ``FORMAT``, ID) pair."""
        return frozenset({("INFO", key) for key in self.info_types}
                         | {("FORMAT", key) for key in self.formats})


def declared_fields(vcf: VCF) -> frozenset[tuple[str, str]]:
    """(``INFO`` | ``FORMAT``, ID) of every INFO and FORMAT line the header has now."""
    return frozenset((record.type, record["ID"]) for record in vcf.header_iter()
                     if record.type in ("INFO", "FORMAT"))


def read_layout(vcf: VCF) -> VcfLayout:
    """Classify the INFO fields of an open VCF's header."""
    info_types: dict[str, str] = {}
    formats: set[str] = set()
    for record in vcf.header_iter():
        if record.type == "INFO":
            info_types[record["ID"]] = record.info().get("Type", "String")
        elif record.type == "FORMAT":
            formats.add(record["ID"])
    stats: dict[str, str] = {}
    populations: dict[str, dict[str, str]] = {}
    flags: list[str] = []
    annotations: list[str] = []
    for key, kind in info_types.items():
        population, stat = _population_stat(key)
        if key.lower() in STAT_TYPES and kind == STAT_TYPES[key.lower()]:
            stats[key.lower()] = key
        elif stat and kind == STAT_TYPES[stat]:
            populations.setdefault(population, {})[stat] = key
        elif kind == "Flag":
            flags.append(key)
        else:
            annotations.append(key)
    return VcfLayout(info_types, frozenset(formats), tuple(vcf.samples), stats,
                     dict(sorted(populations.items())), tuple(flags), tuple(annotations))


def _population_stat(key: str) -> tuple[str, str] | tuple[None, None]:
    match = _POPULATION_KEY.match(key)
    if not match:
        return None, None
    population = match["pop"] or match["pop2"]
    return population, (match["stat"] or match["stat2"]).lower()
