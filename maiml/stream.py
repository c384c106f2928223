"""Read large MaiML documents piece by piece, in bounded memory.

:func:`iter_instances` yields each material, condition and result of the data section as a model;
:func:`iter_items` goes finer and yields each property or content of those instances. Both use
``lxml.etree.iterparse`` and drop every element once it has been handled, so memory stays at the
size of the largest single instance (or item), whatever the document's size. The document,
protocol and event log are skipped; use :func:`maiml.parse` on a small document for those.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from .model import Condition, Content, Instance, Material, Property, Result
from .parse import Source, build, maiml_namespace, source_name, syntax_error

InstanceKind = Literal["material", "condition", "result"]
_INSTANCES: dict[str, type[Instance]] = {
    "material": Material,
    "condition": Condition,
    "result": Result,
}
_ITEMS: dict[str, type[Property] | type[Content]] = {"property": Property, "content": Content}
_DROPPED = {*_INSTANCES, "results", "document", "protocol", "eventLog"}


@dataclass(frozen=True)
class StreamedInstance:
    """A material, condition or result, with the id of the ``results`` (run) it belongs to."""

    results_id: str
    instance: Instance


@dataclass(frozen=True)
class StreamedItem:
    """A property or content sitting directly in an instance, with the instance it belongs to."""

    results_id: str
    instance_kind: InstanceKind
    instance_id: str
    template_ref: str
    item: Property | Content


def _drop(element: etree._Element) -> None:
    """Free a handled element: empty it and unhook it from its parent."""
    parent = element.getparent()
    element.clear()
    if parent is not None:
        parent.remove(element)


def _local(element: etree._Element | None) -> str | None:
    return None if element is None else etree.QName(element).localname


def _ends(source: Source, accept_unqualified: bool) -> Iterator[tuple[str, str, etree._Element]]:
    """(MaiML namespace, local name, element) at each MaiML end tag.

    Instances, runs (``results``) and the top-level sections are dropped when the caller resumes.
    """
    file = source_name(source)
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    events = etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True, huge_tree=True
    )
    prefix: str | None = None
    namespace = ""
    try:
        for _event, element in events:
            if prefix is None:
                root = element.getroottree().getroot()
                namespace = maiml_namespace(root, file, accept_unqualified=accept_unqualified)
                prefix = f"{{{namespace}}}" if namespace else ""
            tag = element.tag
            if (
                tag.__class__ is not str
                or not tag.startswith(prefix)
                or (not prefix and tag.startswith("{"))
            ):
                continue
            local = tag[len(prefix) :]
            yield namespace, local, element
            if local in _DROPPED:
                _drop(element)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, file) from None


def iter_instances(
    source: Source, *, accept_unqualified: bool = False
) -> Iterator[StreamedInstance]:
    """Each material, condition and result of the data section, in document order."""
    file = source_name(source)
    for namespace, local, element in _ends(source, accept_unqualified):
        model = _INSTANCES.get(local)
        parent = element.getparent()
        if model is not None and _local(parent) == "results":
            yield StreamedInstance(parent.get("id", ""), build(element, model, namespace, file))  # type: ignore[union-attr]


def iter_items(source: Source, *, accept_unqualified: bool = False) -> Iterator[StreamedItem]:
    """Each property and content sitting directly in a material, condition or result."""
    file = source_name(source)
    for namespace, local, element in _ends(source, accept_unqualified):
        model = _ITEMS.get(local)
        owner = element.getparent()
        results = owner.getparent() if owner is not None else None
        kind = _local(owner)
        if model is None or kind not in _INSTANCES or _local(results) != "results":
            continue
        assert owner is not None and results is not None
        item = build(element, model, namespace, file)
        yield StreamedItem(
            results_id=results.get("id", ""),
            instance_kind=kind,  # type: ignore[arg-type]
            instance_id=owner.get("id", ""),
            template_ref=owner.get("ref", ""),
            item=item,
        )
        _drop(element)
