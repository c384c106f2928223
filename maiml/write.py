"""Write MaiML models back to XML, in schema order, namespaced and (by default) indented."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .binding import Bound, Kind, binding, dump_scalar
from .model import Maiml
from .ns import MAIML, XSI, XSI_NIL

_MAIML_PREFIX = f"{{{MAIML}}}"


def _fill(element: etree._Element, model: Bound) -> None:
    """Write ``model``'s attributes and children into ``element``."""
    for fb in binding(type(model)).ordered:
        value = getattr(model, fb.name)
        kind = fb.kind
        if value is None:
            continue
        if kind is Kind.ATTR:
            element.set(fb.tag, dump_scalar(value))
        elif kind is Kind.EXTRA:
            for name, text in value.items():
                element.set(name, text)
        elif kind is Kind.OWN_TEXT:
            element.text = value
        elif kind is Kind.TEXT:
            etree.SubElement(element, fb.tag).text = value
        elif kind is Kind.TEXTS:
            for text in value:
                etree.SubElement(element, fb.tag).text = text
        elif kind is Kind.VALUES:
            for text in value:
                item = etree.SubElement(element, fb.tag)
                if text is None:
                    item.set(XSI_NIL, "true")
                else:
                    item.text = text
        elif kind is Kind.CHILD:
            _fill(etree.SubElement(element, fb.tag), value)
        elif kind is Kind.CHILDREN:
            for child in value:
                _fill(etree.SubElement(element, fb.tag), child)
        elif kind is Kind.GROUP:
            _fill(element, value)
        elif kind is Kind.RAW:
            element.append(etree.fromstring(value))


def _indent(element: etree._Element, depth: int = 0, step: str = "  ") -> None:
    """Indent the MaiML elements that hold only elements; foreign fragments (ds:Signature,
    xenc:EncryptedData) are left exactly as they are, as their whitespace is content."""
    children = list(element)
    if not children or element.text:
        return
    inner = "\n" + step * (depth + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        if child.tag.startswith(_MAIML_PREFIX):
            _indent(child, depth + 1, step)
    children[-1].tail = "\n" + step * depth


def to_element(doc: Maiml, *, pretty: bool = True) -> etree._Element:
    """The document as an lxml tree (MaiML default namespace, ``xsi``, the doc's prefixes)."""
    nsmap: dict[str | None, str] = {None: MAIML, "xsi": XSI}
    nsmap.update({prefix: uri for prefix, uri in doc.namespaces.items() if prefix not in nsmap})
    root = etree.Element(f"{_MAIML_PREFIX}maiml", nsmap=nsmap)  # type: ignore[arg-type]
    _fill(root, doc)
    if pretty:
        _indent(root)
    return root


def to_bytes(doc: Maiml, *, pretty: bool = True) -> bytes:
    """The document as UTF-8 XML with an XML declaration (indented unless ``pretty`` is false)."""
    return etree.tostring(to_element(doc, pretty=pretty), xml_declaration=True, encoding="UTF-8")


def write(doc: Maiml, path: str | Path, *, pretty: bool = True) -> None:
    """Write the document to ``path`` (UTF-8, XML declaration; indented unless not ``pretty``)."""
    tree = etree.ElementTree(to_element(doc, pretty=pretty))
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
