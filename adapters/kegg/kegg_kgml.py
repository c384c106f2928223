"""KGML, KEGG's pathway XML: every element of the format (KGML v0.7.x) to four tables.

``pathway`` → kgml_pathways; ``entry`` (with ``graphics`` and ``component``) → kgml_entries;
``relation`` (with ``subtype``) → kgml_relations; ``reaction`` (with ``substrate``, ``product``
and their ``alt``) → kgml_reactions. An element KGML does not define where it appears is an
error naming the element and its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
from lxml import etree

from adapters.base import ParseError
from adapters.kegg.kegg_ids import iri_or_none
from adapters.kegg.kegg_specs import STRING, STRINGS, batch_of, kegg_spec

_CHILDREN = {
    "pathway": {"entry", "relation", "reaction"},
    "entry": {"graphics", "component"},
    "relation": {"subtype"},
    "reaction": {"substrate", "product"},
    "substrate": {"alt"},
    "product": {"alt"},
    "graphics": set(),
    "component": set(),
    "subtype": set(),
    "alt": set(),
}
"""Which elements KGML allows inside each of its elements."""

INT = pa.int32()
GRAPHICS = pa.list_(pa.struct([
    ("name", STRING), ("type", STRING), ("x", pa.float64()), ("y", pa.float64()),
    ("width", pa.float64()), ("height", pa.float64()), ("coords", pa.list_(pa.float64())),
    ("fgcolor", STRING), ("bgcolor", STRING),
]))
COMPOUND_NODES = pa.list_(pa.struct([("entry_id", INT), ("name", STRING),
                                     ("alternatives", STRINGS)]))
_PATHWAY_COLUMN = ("pathway", STRING, "KEGG id of the pathway the element is in (path:hsa00010).")

KGML_PATHWAYS = kegg_spec("kgml_pathways", "KGML pathway maps, one row per KGML file.", [
    ("pathway", STRING, "KEGG pathway id with prefix (path:hsa00010)."),
    ("iri", STRING, "identifiers.org IRI of the pathway."),
    ("org", STRING, "Organism code, or ko/ec/map for reference maps."),
    ("number", STRING, "Map number (00010)."),
    ("title", STRING, "Pathway title."),
    ("image", STRING, "URL of the map image."),
    ("link", STRING, "URL of the pathway page."),
])
KGML_ENTRIES = kegg_spec("kgml_entries", "Nodes of KGML pathway maps (genes, orthologs, "
                         "compounds, maps, groups), one row per entry element.", [
    _PATHWAY_COLUMN,
    ("entry_id", INT, "Entry id, unique within the pathway."),
    ("names", STRINGS, "KEGG ids the node stands for (hsa:3098 cpd:C00031; 'undefined')."),
    ("iris", STRINGS, "identifiers.org IRIs of the ids in names (null where none)."),
    ("type", STRING, "ortholog, enzyme, reaction, gene, group, compound, map, brite, other."),
    ("link", STRING, "URL of the node's KEGG page."),
    ("reactions", STRINGS, "Reactions the node catalyses (rn:R01786)."),
    ("graphics", GRAPHICS, "Drawing: name, shape type, centre x/y, size, line coords, colours."),
    ("components", pa.list_(INT), "Entry ids of a group's components."),
])
KGML_RELATIONS = kegg_spec("kgml_relations", "Edges between KGML entries (ECrel, PPrel, "
                           "GErel, PCrel, maplink), one row per relation element.", [
    _PATHWAY_COLUMN,
    ("entry1", INT, "Entry id of the first node."),
    ("entry2", INT, "Entry id of the second node."),
    ("type", STRING, "Relation type: ECrel, PPrel, GErel, PCrel or maplink."),
    ("subtypes", pa.list_(pa.struct([("name", STRING), ("value", STRING)])),
     "Subtypes: (name such as compound or activation, value such as an entry id or '-->')."),
])
KGML_REACTIONS = kegg_spec("kgml_reactions", "Reactions drawn on KGML maps, one row per "
                           "reaction element.", [
    _PATHWAY_COLUMN,
    ("entry_id", INT, "Id of the entry (enzyme/gene node) the reaction belongs to."),
    ("names", STRINGS, "KEGG reaction ids (rn:R01786)."),
    ("type", STRING, "reversible or irreversible."),
    ("reversible", pa.bool_(), "Whether type is reversible."),
    ("substrates", COMPOUND_NODES, "Substrates: (entry id, compound id, alternative ids)."),
    ("products", COMPOUND_NODES, "Products: (entry id, compound id, alternative ids)."),
])
KGML_DATASETS = [KGML_PATHWAYS, KGML_ENTRIES, KGML_RELATIONS, KGML_REACTIONS]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_comments=True, remove_pis=True, huge_tree=True)


def kgml_batches(path: Path) -> Iterator[tuple[str, pa.RecordBatch]]:
    """Yield ``(dataset, batch)`` for the four KGML tables of one KGML file."""
    try:
        root = etree.parse(str(path), _PARSER).getroot()
    except etree.XMLSyntaxError as error:
        raise ParseError(f"not well-formed XML: {error.msg}",
                         location=f"line {error.lineno}") from None
    if root.tag != "pathway":
        raise ParseError(f"the root element is <{root.tag}>, not KGML's <pathway>",
                         location=f"line {root.sourceline}")
    _check(root)
    pathway = _required(root, "name")
    rows: dict[str, list[tuple]] = {spec.name: [] for spec in KGML_DATASETS}
    rows["kgml_pathways"].append((
        pathway, iri_or_none(pathway), root.get("org"), root.get("number"), root.get("title"),
        root.get("image"), root.get("link"),
    ))
    for element in root:
        if element.tag == "entry":
            rows["kgml_entries"].append(_entry(pathway, element))
        elif element.tag == "relation":
            rows["kgml_relations"].append((
                pathway, _int(element, "entry1"), _int(element, "entry2"),
                _required(element, "type"),
                [(sub.get("name"), sub.get("value")) for sub in element],
            ))
        else:
            kind = _required(element, "type")
            rows["kgml_reactions"].append((
                pathway, _int(element, "id"), _required(element, "name").split(), kind,
                kind == "reversible",
                [_compound(node) for node in element if node.tag == "substrate"],
                [_compound(node) for node in element if node.tag == "product"],
            ))
    for spec in KGML_DATASETS:
        yield spec.name, batch_of(spec, rows[spec.name])


def _check(element: etree._Element) -> None:
    """Raise ParseError at the first element KGML does not allow where it is."""
    allowed = _CHILDREN[element.tag]
    for child in element:
        if child.tag not in allowed:
            raise ParseError(f"unknown KGML element <{child.tag}> inside <{element.tag}>",
                             location=f"line {child.sourceline}")
        _check(child)


def _entry(pathway: str, element: etree._Element) -> tuple:
    names = _required(element, "name").split()
    return (
        pathway, _int(element, "id"), names, [iri_or_none(name) for name in names],
        _required(element, "type"), element.get("link"), element.get("reaction", "").split(),
        [_graphics(node) for node in element if node.tag == "graphics"],
        [_int(node, "id") for node in element if node.tag == "component"],
    )


def _graphics(element: etree._Element) -> tuple:
    coords = element.get("coords")
    return (
        element.get("name"), element.get("type"), _float(element, "x"), _float(element, "y"),
        _float(element, "width"), _float(element, "height"),
        [_number(element, "coords", value) for value in coords.split(",")] if coords else None,
        element.get("fgcolor"), element.get("bgcolor"),
    )


def _compound(element: etree._Element) -> tuple:
    return (_int(element, "id"), _required(element, "name"),
            [_required(alt, "name") for alt in element])


def _required(element: etree._Element, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        raise ParseError(f"<{element.tag}> has no {attribute} attribute",
                         location=f"line {element.sourceline}")
    return value


def _int(element: etree._Element, attribute: str) -> int:
    value = _required(element, attribute)
    try:
        return int(value)
    except ValueError:
        raise ParseError(f"<{element.tag}> {attribute}={value!r} is not an integer",
                         location=f"line {element.sourceline}") from None


def _float(element: etree._Element, attribute: str) -> float | None:
    value = element.get(attribute)
    return None if value is None else _number(element, attribute, value)


def _number(element: etree._Element, attribute: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ParseError(f"<{element.tag}> {attribute} has a non-number {value!r}",
                         location=f"line {element.sourceline}") from None
