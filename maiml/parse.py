"""Read MaiML XML into the typed models of ``model.py``.

:func:`parse` reads a whole document; :func:`build` turns one element into its model and is shared
with the streaming reader. Errors are :class:`MaimlParseError` (not XML, truncated, not MaiML, an
element out of place) or :class:`DanglingRefError`, each naming the file, line and element.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from lxml import etree

from .binding import Binding, Bound, FieldBinding, Kind, binding
from .errors import DanglingRefError, MaimlParseError
from .model import Maiml
from .ns import MAIML, XSI, XSI_NIL, XSI_TYPE
from .walk import element_path

Source = str | Path | bytes | IO[bytes]
M = TypeVar("M", bound=Bound)

_TRUE = ("true", "1")
_VALUES, _TEXT, _CHILDREN = Kind.VALUES, Kind.TEXT, Kind.CHILDREN
_TRUNCATION_HINTS = ("Premature end", "not found", "EndTag", "Extra content", "Couldn't find end")


def xml_parser() -> etree.XMLParser:
    """The lxml parser for MaiML input: no entity expansion, no network, large texts allowed."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def source_name(source: Source) -> str:
    """How error messages name a source: its path, a file object's name, or ``<bytes>``."""
    if isinstance(source, (str, Path)):
        return str(source)
    return str(getattr(source, "name", "<bytes>"))


def syntax_error(exc: etree.XMLSyntaxError, file: str) -> MaimlParseError:
    """A :class:`MaimlParseError` for lxml's syntax error, saying when the input looks truncated."""
    message = exc.msg or str(exc)
    if any(hint in message for hint in _TRUNCATION_HINTS):
        message += " (the document looks truncated or unbalanced)"
    line = exc.lineno if exc.lineno else None
    return MaimlParseError(f"not well-formed XML: {message}", file=file, line=line)


def read_tree(source: Source) -> etree._ElementTree:
    """Parse ``source`` as XML, raising :class:`MaimlParseError` for input that is not XML."""
    file = source_name(source)
    try:
        if isinstance(source, bytes):
            return etree.ElementTree(etree.fromstring(source, xml_parser()))
        return etree.parse(str(source) if isinstance(source, Path) else source, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, file) from None
    except OSError as exc:
        raise MaimlParseError(f"cannot read: {exc}", file=file) from None


def maiml_namespace(root: etree._Element, file: str, *, accept_unqualified: bool = False) -> str:
    """The namespace MaiML elements use in this tree ("" if unqualified and accepted)."""
    qname = etree.QName(root)
    if qname.localname != "maiml":
        raise MaimlParseError(
            f"not a MaiML document: the root element is <{qname.localname}>",
            file=file,
            line=root.sourceline,
        )
    if qname.namespace == MAIML:
        return MAIML
    if qname.namespace is None and accept_unqualified:
        return ""
    found = f"namespace {qname.namespace!r}" if qname.namespace else "no namespace"
    raise MaimlParseError(
        f"not a MaiML document: <maiml> must be in namespace {MAIML!r}, found {found}",
        file=file,
        line=root.sourceline,
    )


def _canonical(element: etree._Element) -> str:
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=True).decode(
        "utf-8"
    )


def _error(
    message: str, element: etree._Element, file: str, line: int | None = None
) -> MaimlParseError:
    line = line or element.sourceline
    return MaimlParseError(f"<{etree.QName(element).localname}>: {message}", file=file, line=line)


def _text(element: etree._Element, file: str) -> str:
    """The text of an element that has children: comments and processing instructions are
    dropped but the text around them is kept; an element child is an error."""
    if any(child.tag.__class__ is str for child in element):
        raise _error("expected text only, found child elements", element, file)
    return "".join(element.itertext())


@dataclass
class _Links:
    """The ids seen while building, and every IDREF attribute with its element."""

    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str, etree._Element]] = field(default_factory=list)


def build(
    element: etree._Element,
    model: type[M],
    namespace: str = MAIML,
    file: str = "<bytes>",
    links: _Links | None = None,
) -> M:
    """The model of one element (and everything under it); ``links`` collects ids and refs."""
    table = binding(model, namespace)
    values = table.new_values()
    values["line"] = element.sourceline
    for name, text in element.items():
        fb = table.attributes.get(name)
        if fb is None:
            values["extra_attributes"][name] = text
        elif fb.scalar is str:
            values[fb.name] = text
        else:
            try:
                values[fb.name] = fb.load(text)
            except ValueError:
                raise _error(
                    f"attribute {name}={text!r} is not a valid {fb.scalar.__name__}", element, file
                ) from None
    if links is not None:
        if values.get("id") is not None:
            links.ids.add(values["id"])
        for name in table.idrefs:
            if values[name] is not None:
                links.refs.append((values[name], name, element))
    if table.own_text is not None:
        values[table.own_text.name] = _text(element, file)
    groups: dict[str, tuple[FieldBinding, dict[str, Any]]] | None = None
    elements = table.elements
    for child in element:
        tag = child.tag
        if tag.__class__ is not str:  # a comment or processing instruction: dropped
            continue
        entry = elements.get(tag)
        if entry is None:
            raise _error(
                f"unexpected child element <{etree.QName(child).text}>",
                element,
                file,
                child.sourceline,
            )
        fb, member = entry
        target = values
        if member is not None:
            # an element of a group (encryptionGroup) that sits directly in this element
            if groups is None:
                groups = {}
            if fb.name not in groups:
                groups[fb.name] = (fb, binding(fb.models[0], namespace).new_values())
            target = groups[fb.name][1]
            fb = member
        kind = fb.kind
        if kind is _VALUES:
            if child.get(XSI_NIL) in _TRUE:
                target[fb.name].append(None)
            else:
                target[fb.name].append(_text(child, file) if len(child) else child.text or "")
        elif kind is _TEXT:  # len(child): only then can there be comments, or misplaced elements
            target[fb.name] = _text(child, file) if len(child) else child.text or ""
        elif kind is _CHILDREN:
            child_model = fb.models[0] if len(fb.models) == 1 else fb.pick(child.get(XSI_TYPE))
            target[fb.name].append(build(child, child_model, namespace, file, links))
        elif kind is Kind.TEXTS:
            target[fb.name].append(_text(child, file))
        elif kind is Kind.CHILD:
            target[fb.name] = build(child, fb.models[0], namespace, file, links)
        else:  # Kind.RAW
            target[fb.name] = _canonical(child)
    for fb, group in groups.values() if groups else ():
        values[fb.name] = _finish(
            fb.models[0], binding(fb.models[0], namespace), group, element, file
        )
    return _finish(model, table, values, element, file)


def _finish(
    model: type[M], table: Binding, values: dict[str, Any], element: etree._Element, file: str
) -> M:
    for fb in table.required:
        if values[fb.name] is None:
            if fb.kind is Kind.ATTR:
                what = "attribute " + repr(fb.tag.replace(f"{{{XSI}}}", "xsi:"))
            else:
                what = f"element <{fb.xml.name.rpartition('}')[2]}>"
            raise _error(f"missing required {what}", element, file)
    return table.construct(values)  # type: ignore[return-value]


def from_tree(
    tree: etree._ElementTree,
    *,
    file: str = "<bytes>",
    resolve_refs: bool = True,
    accept_unqualified: bool = False,
) -> Maiml:
    """The :class:`Maiml` model of an already parsed XML tree (see :func:`parse`)."""
    root = tree.getroot()
    namespace = maiml_namespace(root, file, accept_unqualified=accept_unqualified)
    links = _Links()
    collecting = gc.isenabled()
    gc.disable()  # building many small objects, all kept: cyclic collection passes are wasted work
    try:
        doc = build(root, Maiml, namespace, file, links)
    finally:
        if collecting:
            gc.enable()
    doc.namespaces.update(_declared_namespaces(tree))
    if resolve_refs:
        _check_refs(links, file)
    return doc


def parse(source: Source, *, resolve_refs: bool = True, accept_unqualified: bool = False) -> Maiml:
    """Read a MaiML document into a :class:`Maiml` model.

    ``source`` is a path, the document's bytes, or a binary file object. With ``resolve_refs``
    every ``ref``/``source``/``target`` must name an ``id`` of the document, else
    :class:`DanglingRefError`. ``accept_unqualified`` reads documents whose elements lack the
    MaiML namespace (a common tool bug) as if they had it; they are written back qualified.
    """
    file = source_name(source)
    return from_tree(
        read_tree(source),
        file=file,
        resolve_refs=resolve_refs,
        accept_unqualified=accept_unqualified,
    )


def _declared_namespaces(tree: etree._ElementTree) -> dict[str, str]:
    """Prefix declarations anywhere in the document (the first wins should a prefix be redeclared).

    The default namespace (MaiML's) and ``xsi`` are left out: the writer always declares them.
    """
    declared: dict[str, str] = {}
    for _event, (prefix, uri) in etree.iterwalk(tree, events=("start-ns",)):
        if prefix and (prefix, uri) != ("xsi", XSI):
            declared.setdefault(prefix, uri)
    return declared


def _check_refs(links: _Links, file: str) -> None:
    """Raise :class:`DanglingRefError` for the first ``ref``/``source``/``target`` naming no id."""
    for target, attribute, element in links.refs:
        if target not in links.ids:
            raise DanglingRefError(
                f"{attribute}={target!r} names no element id",
                file=file,
                line=element.sourceline,
                path=element_path(element),
            )
