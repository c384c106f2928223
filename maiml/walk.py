"""Walk a MaiML model tree: every model with its element path, and the ``id`` index built from it.

Paths read like XPath and name elements the way a person finds them in the file:
``/maiml/data/results[@id='r1']/result[@id='x']/property[@key='k']``; elements with neither
``id`` nor ``key`` get their position among like siblings (``insertion[2]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from .binding import Bound, Kind, binding


@dataclass(frozen=True)
class Node:
    """A model in its tree: element ``tag`` (local name), ``path`` and ``parent`` (or ``None``)."""

    model: Bound
    tag: str
    path: str
    parent: Node | None

    @property
    def line(self) -> int | None:
        """The source line of the model (``None`` if it was not read from a file)."""
        return getattr(self.model, "line", None)


def _step(tag: str, ident: str | None, key: str | None, position: int | None) -> str:
    if ident is not None:
        return f"{tag}[@id='{ident}']"
    if key is not None:
        return f"{tag}[@key='{key}']"
    return f"{tag}[{position}]" if position is not None else tag


def _model_step(tag: str, model: Bound, position: int | None) -> str:
    return _step(tag, model.__dict__.get("id"), model.__dict__.get("key"), position)


def element_path(element: etree._Element) -> str:
    """The path of an XML element, in the same form as :attr:`Node.path`."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        tag = etree.QName(node).localname
        position = None
        if parent is not None:
            like = [sibling for sibling in parent if sibling.tag == node.tag]
            position = like.index(node) + 1 if len(like) > 1 else None
        steps.append(_step(tag, node.get("id"), node.get("key"), position))
        node = parent
    return "/" + "/".join(reversed(steps))


def iter_nodes(root: Bound, path: str = "/maiml") -> Iterator[Node]:
    """Every model under (and including) ``root``, depth first in document order."""
    stack = [Node(root, path.rpartition("/")[2], path, None)]
    while stack:
        node = stack.pop()
        yield node
        children: list[Node] = []
        for fb in binding(type(node.model)).ordered:
            kind = fb.xml.kind
            if kind is Kind.CHILD:
                child = getattr(node.model, fb.name)
                if child is not None:
                    step = _model_step(fb.xml.name, child, None)
                    children.append(Node(child, fb.xml.name, f"{node.path}/{step}", node))
            elif kind is Kind.CHILDREN:
                for position, child in enumerate(getattr(node.model, fb.name), start=1):
                    step = _model_step(fb.xml.name, child, position)
                    children.append(Node(child, fb.xml.name, f"{node.path}/{step}", node))
        stack.extend(reversed(children))


def id_index(root: Bound) -> dict[str, Node]:
    """Every element ``id`` in the tree -> its node (the first one, should an id repeat)."""
    index: dict[str, Node] = {}
    for node in iter_nodes(root):
        ident = node.model.__dict__.get("id")
        if ident is not None:
            index.setdefault(ident, node)
    return index


def iter_idrefs(root: Bound) -> Iterator[tuple[Node, str, str]]:
    """Every IDREF attribute in the tree as (node, attribute name, referenced id)."""
    for node in iter_nodes(root):
        for name in binding(type(node.model)).idrefs:
            value = getattr(node.model, name)
            if value is not None:
                yield node, name, value
