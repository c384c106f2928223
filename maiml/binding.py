"""How model fields bind to XML: markers in the models' annotations, and the tables built from them.

Every field of a model (except ``line``) carries exactly one marker in its ``Annotated`` metadata
saying where it lives in the XML: an attribute, the text of a child element, a child model, the
``value`` elements of a property, a raw XML fragment, and so on. The parser, the writer and the
tree walker all read the same :func:`binding` table, so the element names and their order are
stated once, in ``model.py``.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from pydantic import BaseModel

from .ns import MAIML


class Kind(Enum):
    """Where a field's data lives in the XML."""

    ATTR = "attribute"  # an attribute of the element
    TEXT = "text"  # the text of one child element (optional or required)
    TEXTS = "texts"  # the texts of repeated child elements
    OWN_TEXT = "own text"  # the element's own text
    CHILD = "child"  # one child element, a model
    CHILDREN = "children"  # repeated child elements, models
    VALUES = "values"  # the property's <value> elements (xsi:nil -> None)
    RAW = "raw"  # a foreign element kept as canonical XML text (ds:Signature, xenc:EncryptedData)
    GROUP = "group"  # a model whose elements sit directly in the parent (encryptionGroup)
    EXTRA = "extra"  # attributes the schema does not declare, kept as found
    NAMESPACES = "namespaces"  # the root's prefix declarations


@dataclass(frozen=True)
class Xml:
    """A field's place in the XML: its kind, (local or Clark) name, and whether it is an IDREF."""

    kind: Kind
    name: str = ""
    idref: bool = False


def Attr(name: str, *, idref: bool = False) -> Xml:  # noqa: N802 - reads as a declaration
    """The field is the attribute ``name`` (an IDREF when ``idref``)."""
    return Xml(Kind.ATTR, name, idref)


def Text(name: str) -> Xml:  # noqa: N802
    """The field is the text of the child element ``name``."""
    return Xml(Kind.TEXT, name)


def Texts(name: str) -> Xml:  # noqa: N802
    """The field lists the texts of the repeated child elements ``name``."""
    return Xml(Kind.TEXTS, name)


def Child(name: str) -> Xml:  # noqa: N802
    """The field is the child element ``name``, parsed as the annotated model."""
    return Xml(Kind.CHILD, name)


def Children(name: str) -> Xml:  # noqa: N802
    """The field lists the repeated child elements ``name``, parsed as the annotated model(s)."""
    return Xml(Kind.CHILDREN, name)


ELEMENT_KINDS = frozenset({Kind.TEXT, Kind.TEXTS, Kind.CHILD, Kind.CHILDREN, Kind.VALUES, Kind.RAW})
"""The kinds of field that are child elements."""

OWN_TEXT = Xml(Kind.OWN_TEXT)
VALUES = Xml(Kind.VALUES, "value")
GROUP = Xml(Kind.GROUP)
EXTRA = Xml(Kind.EXTRA)
NAMESPACES = Xml(Kind.NAMESPACES)


def Raw(clark_name: str) -> Xml:  # noqa: N802
    """The field keeps the foreign element ``clark_name`` as exclusive-canonical XML text."""
    return Xml(Kind.RAW, clark_name)


class Bound(BaseModel):
    """Base of every bound model; a class may move fields to the front or back of the XML order."""

    xml_leading: ClassVar[tuple[str, ...]] = ()
    xml_trailing: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def claims(cls, xsi_type: str) -> bool:
        """Whether an element of this ``xsi:type`` is of this class (used to pick among a union)."""
        return True


def _load_bool(text: str) -> bool:
    value = text.strip()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValueError(f"{text!r} is not an xs:boolean")


def dump_scalar(value: Any) -> str:
    """The XML Schema lexical form of an attribute value (``true``, ``INF``, ``1.5``...)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return repr(value) if math.isfinite(value) else ("INF" if value > 0 else "-INF")
    return str(value)


_LOADERS: dict[type, Callable[[str], Any]] = {
    str: str,
    int: lambda text: int(text.strip()),
    float: lambda text: float(text.strip()),
    bool: _load_bool,
}


@dataclass
class FieldBinding:
    """One field of a bound model: its Python name, XML place and, for children, model class(es)."""

    name: str
    xml: Xml
    tag: str  # Clark name of the element (or attribute name) in the chosen namespace
    models: tuple[type[Bound], ...] = ()
    scalar: type = str
    load: Callable[[str], Any] = str
    required: bool = False
    kind: Kind = field(init=False)

    def __post_init__(self) -> None:
        self.kind = self.xml.kind

    def pick(self, xsi_type: str | None) -> type[Bound]:
        """The model class of a child element (the first in a union to claim its ``xsi:type``)."""
        if xsi_type is None:
            return self.models[0]
        local = xsi_type.rpartition(":")[2]
        return next(model for model in self.models if model.claims(local))


@dataclass
class Binding:
    """The XML table of one model class in one namespace."""

    model: type[Bound]
    ordered: list[FieldBinding]
    attributes: dict[str, FieldBinding]
    elements: dict[str, tuple[FieldBinding, FieldBinding | None]]  # tag -> (field, group member)
    own_text: FieldBinding | None
    defaults: dict[str, Any]  # every field, in declaration order (None where required)
    lists: tuple[str, ...]
    dicts: tuple[str, ...]
    required: tuple[FieldBinding, ...]
    idrefs: tuple[str, ...] = field(default=())
    fields_set: frozenset[str] = field(default=frozenset())

    def new_values(self) -> dict[str, Any]:
        """A fresh dictionary of every field in declaration order, holding the defaults.

        Required fields hold ``None`` until set; lists and dicts are new each time.
        """
        values = dict(self.defaults)
        for name in self.lists:
            values[name] = []
        for name in self.dicts:
            values[name] = {}
        return values

    def construct(self, values: dict[str, Any]) -> Bound:
        """The model holding ``values`` (a complete :meth:`new_values` dictionary), unvalidated.

        This is what ``model_construct`` does for a complete, trusted dictionary, without its
        per-field alias and default handling; models with private attributes go through it.
        """
        model = self.model
        if model.__pydantic_post_init__:
            return model.model_construct(**values)
        instance = model.__new__(model)
        object.__setattr__(instance, "__dict__", values)
        object.__setattr__(instance, "__pydantic_fields_set__", set(self.fields_set))
        object.__setattr__(instance, "__pydantic_extra__", None)
        object.__setattr__(instance, "__pydantic_private__", None)
        return instance


def _models_in(annotation: Any) -> tuple[type[Bound], ...]:
    """The bound model classes named by an annotation (``list[A | B]``, ``A | None``, ...)."""
    found: list[type[Bound]] = []
    stack = [annotation]
    while stack:
        item = stack.pop(0)
        if isinstance(item, type) and issubclass(item, Bound):
            found.append(item)
        else:
            stack.extend(typing.get_args(item))
    return tuple(found)


def _scalar_type(annotation: Any) -> type:
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _clark(name: str, namespace: str) -> str:
    if name.startswith("{") or not namespace:
        return name
    return f"{{{namespace}}}{name}"


_TABLES: dict[tuple[type[Bound], str], Binding] = {}


def binding(model: type[Bound], namespace: str = MAIML) -> Binding:
    """The XML table of ``model``; ``namespace`` is that of MaiML elements ("" for unqualified)."""
    table = _TABLES.get((model, namespace))
    if table is None:
        table = _TABLES[model, namespace] = _build_binding(model, namespace)
    return table


def _build_binding(model: type[Bound], namespace: str) -> Binding:
    fields: list[FieldBinding] = []
    for name, info in model.model_fields.items():
        if name == "line":
            continue
        marks = [item for item in info.metadata if isinstance(item, Xml)]
        if len(marks) != 1:
            raise TypeError(f"{model.__name__}.{name} needs exactly one XML marker")
        xml = marks[0]
        tag = xml.name if xml.kind is Kind.ATTR else _clark(xml.name, namespace)
        scalar = _scalar_type(info.annotation)
        fields.append(
            FieldBinding(
                name=name,
                xml=xml,
                tag=tag,
                models=_models_in(info.annotation),
                scalar=scalar,
                load=_LOADERS.get(scalar, str),
                required=info.is_required(),
            )
        )
    by_name = {fb.name: fb for fb in fields}
    middle = [fb for fb in fields if fb.name not in model.xml_leading + model.xml_trailing]
    ordered = (
        [by_name[n] for n in model.xml_leading] + middle + [by_name[n] for n in model.xml_trailing]
    )

    elements: dict[str, tuple[FieldBinding, FieldBinding | None]] = {}
    for fb in fields:
        if fb.kind is Kind.GROUP:
            for member in binding(fb.models[0], namespace).ordered:
                if member.kind in ELEMENT_KINDS:
                    elements[member.tag] = (fb, member)
        elif fb.kind in ELEMENT_KINDS:
            elements[fb.tag] = (fb, None)
    list_kinds = (Kind.TEXTS, Kind.CHILDREN, Kind.VALUES)
    dict_kinds = (Kind.EXTRA, Kind.NAMESPACES)
    return Binding(
        model=model,
        ordered=ordered,
        attributes={fb.tag: fb for fb in fields if fb.xml.kind is Kind.ATTR},
        elements=elements,
        own_text=next((fb for fb in fields if fb.xml.kind is Kind.OWN_TEXT), None),
        defaults={
            name: None if info.is_required() else info.get_default(call_default_factory=True)
            for name, info in model.model_fields.items()
        },
        lists=tuple(fb.name for fb in fields if fb.xml.kind in list_kinds),
        dicts=tuple(fb.name for fb in fields if fb.xml.kind in dict_kinds),
        required=tuple(fb for fb in fields if fb.required),
        idrefs=tuple(fb.name for fb in fields if fb.xml.idref),
        fields_set=frozenset(model.model_fields),
    )
