"""Typed pydantic models of a MaiML document (MaiML-Schema-1_0), one class per schema type.

Field order is the schema's element order; each field's ``Annotated`` marker (see ``binding.py``)
says where it lives in the XML. Texts are kept exactly as written (values, dates, names), so a
document round-trips unchanged; :class:`PropertyBase` converts values on demand. ``line`` is the
source line of the element a model was read from (``None`` for models built in code); it is not
part of a model's value (left out of ``==`` and ``model_dump``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

import numpy as np
from pydantic import ConfigDict, Field, PrivateAttr

from .binding import (
    EXTRA,
    GROUP,
    NAMESPACES,
    OWN_TEXT,
    VALUES,
    Attr,
    Bound,
    Child,
    Children,
    Raw,
    Text,
    Texts,
)
from .errors import DanglingRefError
from .ns import DS, XENC, XSI_TYPE
from .values import ValueType, typed, value_type
from .walk import Node, id_index, iter_nodes


class MaimlModel(Bound):
    """Base of every MaiML model: source line, undeclared attributes, equality without ``line``."""

    model_config = ConfigDict(extra="forbid")

    line: int | None = Field(default=None, exclude=True, repr=False)
    extra_attributes: Annotated[dict[str, str], EXTRA] = Field(default_factory=dict, repr=False)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine, theirs = self.__dict__, other.__dict__  # type: ignore[union-attr]
        return all(value == theirs[name] for name, value in mine.items() if name != "line")

    __hash__ = None  # type: ignore[assignment]


# --- core: hashes, insertions, encryption -------------------------------------------------------


class Hash(MaimlModel):
    """A digest (``hashType``): the text as written (hex or base64) and its ``method``."""

    value: Annotated[str, OWN_TEXT]
    method: Annotated[str | None, Attr("method")] = None


class Insertion(MaimlModel):
    """A reference to an external file (raw data, image...) with its digest."""

    uri: Annotated[str, Text("uri")]
    hash: Annotated[Hash, Child("hash")]
    uuid: Annotated[str | None, Text("uuid")] = None
    format: Annotated[str | None, Text("format")] = None


class Encryption(MaimlModel):
    """``encryptionGroup``: encrypted content in place of the element's plain content."""

    child_uris: Annotated[list[str], Texts("childUri")] = []
    child_hashes: Annotated[list[str], Texts("childHash")] = []
    child_uuids: Annotated[list[str], Texts("childUuid")] = []
    encrypted_data: Annotated[str, Raw(f"{{{XENC}}}EncryptedData")]


# --- properties and contents ---------------------------------------------------------------------


class PropertyBase(MaimlModel):
    """What properties and contents share: ``key``, ``xsi:type``, units, values and nested items."""

    key: Annotated[str, Attr("key")]
    xsi_type: Annotated[str, Attr(XSI_TYPE)]
    format_string: Annotated[str | None, Attr("formatString")] = None
    units: Annotated[str | None, Attr("units")] = None
    scale_factor: Annotated[float | None, Attr("scaleFactor")] = None
    encryption: Annotated[Encryption | None, GROUP] = None
    description: Annotated[str | None, Text("description")] = None
    values: Annotated[list[str | None], VALUES] = []
    uncertainties: Annotated[list[Property | Content], Children("uncertainty")] = []
    properties: Annotated[list[Property], Children("property")] = []
    contents: Annotated[list[Content], Children("content")] = []

    @property
    def value_type(self) -> ValueType | None:
        """The value type named by ``xsi_type`` (``None`` if the schema has no such type)."""
        return value_type(self.xsi_type)

    @property
    def value(self) -> str | None:
        """The first value's text (``None`` when there is none or it is nil)."""
        return self.values[0] if self.values else None

    def typed_values(self) -> list[Any]:
        """The values as Python objects (float, int, Decimal, datetime, bool, bytes, str).

        List types are flattened across their ``<value>`` elements; nil values are ``None``.
        Raises :class:`ValueError` for an unknown type or a value that is not of its type.
        """
        vtype = self.value_type
        if vtype is None:
            raise ValueError(f"unknown xsi:type {self.xsi_type!r}")
        out: list[Any] = []
        for text in self.values:
            item = typed(vtype, text)
            out.extend(item) if vtype.is_list and item is not None else out.append(item)
        return out

    def array(self) -> np.ndarray:
        """The numeric values as a NumPy array (float64, or int64 for integer types)."""
        vtype = self.value_type
        if vtype is None or not vtype.numeric:
            raise ValueError(f"{self.key}: xsi:type {self.xsi_type!r} is not numeric")
        items = [item for text in self.values if text is not None for item in text.split()]
        dtype = np.float64 if vtype.base in ("decimal", "double", "float") else np.int64
        try:
            return np.array(items, dtype=dtype)
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"{self.key}: {exc}") from None

    def walk(self) -> Iterator[PropertyBase]:
        """This item and every property/content nested in it, depth first."""
        yield self
        for child in [*self.properties, *self.contents]:
            yield from child.walk()


class Property(PropertyBase):
    """A ``<property>``: one typed value (or list), possibly with nested properties."""

    @classmethod
    def claims(cls, xsi_type: str) -> bool:
        return not xsi_type.startswith("content")


class Content(PropertyBase):
    """A ``<content>``: a data series (list type) with ``axis`` and ``size``."""

    axis: Annotated[str | None, Attr("axis")] = None
    size: Annotated[int | None, Attr("size")] = None
    id: Annotated[str | None, Attr("id")] = None
    ref: Annotated[str | None, Attr("ref", idref=True)] = None

    @classmethod
    def claims(cls, xsi_type: str) -> bool:
        return xsi_type.startswith("content")


# --- simple and reference objects ----------------------------------------------------------------


class SimpleObject(MaimlModel):
    """``simpleObjectType``: an ``id`` with an optional name and description."""

    id: Annotated[str, Attr("id")]
    name: Annotated[str | None, Text("name")] = None
    description: Annotated[str | None, Text("description")] = None


class Ref(SimpleObject):
    """A reference element (``vendorRef``, ``templateRef``...) pointing at ``ref``."""

    ref: Annotated[str, Attr("ref", idref=True)]


class PlaceRef(Ref):
    """A template's link to a Petri-net place."""

    initial_marking: Annotated[bool | None, Attr("initialMarking")] = None


class Place(SimpleObject):
    """A Petri-net place: where materials, conditions or results sit."""


class Transition(SimpleObject):
    """A Petri-net transition: an operation (an instruction refers to it)."""


class Arc(SimpleObject):
    """A Petri-net arc from ``source`` to ``target`` (place to transition or back)."""

    source: Annotated[str, Attr("source", idref=True)]
    target: Annotated[str, Attr("target", idref=True)]


# --- global objects ------------------------------------------------------------------------------


class GlobalObject(MaimlModel):
    """``globalObjectContentGroup``: id, uuid and either encrypted or plain content."""

    id: Annotated[str, Attr("id")]
    uuid: Annotated[str, Text("uuid")]
    encryption: Annotated[Encryption | None, GROUP] = None
    insertions: Annotated[list[Insertion], Children("insertion")] = []
    name: Annotated[str | None, Text("name")] = None
    description: Annotated[str | None, Text("description")] = None
    annotation: Annotated[str | None, Text("annotation")] = None
    properties: Annotated[list[Property], Children("property")] = []
    contents: Annotated[list[Content], Children("content")] = []

    def get_property(self, key: str) -> Property | None:
        """The first direct property with this ``key``."""
        return next((item for item in self.properties if item.key == key), None)


class Vendor(GlobalObject):
    """The maker of an instrument or of software."""


class Owner(GlobalObject):
    """Who owns the data (person or organisation)."""


class Instrument(GlobalObject):
    """A measuring or processing instrument."""


class Creator(GlobalObject):
    """The software or instrument that wrote the document."""

    vendor_refs: Annotated[list[Ref], Children("vendorRef")] = []
    instrument_refs: Annotated[list[Ref], Children("instrumentRef")] = []


class Chain(MaimlModel):
    """A link to an earlier document of a chain (its uuid and digest)."""

    key: Annotated[str | None, Attr("key")] = None
    uuid: Annotated[str, Text("uuid")]
    hash: Annotated[Hash, Child("hash")]
    chains: Annotated[list[Chain], Children("chain")] = []


class Parent(MaimlModel):
    """A link to a parent document (its uuid and digest)."""

    key: Annotated[str | None, Attr("key")] = None
    uuid: Annotated[str, Text("uuid")]
    hash: Annotated[Hash, Child("hash")]
    parents: Annotated[list[Parent], Children("parent")] = []


class Document(GlobalObject):
    """Who made the document, with what, for whom and when; optionally signed."""

    xml_leading: ClassVar[tuple[str, ...]] = ("id", "signature")

    signature: Annotated[str | None, Raw(f"{{{DS}}}Signature")] = None
    creators: Annotated[list[Creator], Children("creator")] = []
    vendors: Annotated[list[Vendor], Children("vendor")] = []
    owners: Annotated[list[Owner], Children("owner")] = []
    instruments: Annotated[list[Instrument], Children("instrument")] = []
    date: Annotated[str, Text("date")]
    chains: Annotated[list[Chain], Children("chain")] = []
    parents: Annotated[list[Parent], Children("parent")] = []


# --- protocol ------------------------------------------------------------------------------------


class Pnml(GlobalObject):
    """The method's flow as a Petri net."""

    places: Annotated[list[Place], Children("place")] = []
    transitions: Annotated[list[Transition], Children("transition")] = []
    arcs: Annotated[list[Arc], Children("arc")] = []


class Template(GlobalObject):
    """What a material, condition or result of a method looks like (its properties, at a place)."""

    kind: ClassVar[Literal["material", "condition", "result"]]

    place_refs: Annotated[list[PlaceRef], Children("placeRef")] = []
    template_refs: Annotated[list[Ref], Children("templateRef")] = []


class MaterialTemplate(Template):
    """The template of a material (sample) instance."""

    kind: ClassVar[Literal["material"]] = "material"


class ConditionTemplate(Template):
    """The template of a condition (settings) instance."""

    kind: ClassVar[Literal["condition"]] = "condition"


class ResultTemplate(Template):
    """The template of a result instance."""

    kind: ClassVar[Literal["result"]] = "result"


class TemplateHolder(GlobalObject):
    """A protocol, method or program: it may declare templates after its own children."""

    xml_trailing: ClassVar[tuple[str, ...]] = (
        "material_templates",
        "condition_templates",
        "result_templates",
    )

    material_templates: Annotated[list[MaterialTemplate], Children("materialTemplate")] = []
    condition_templates: Annotated[list[ConditionTemplate], Children("conditionTemplate")] = []
    result_templates: Annotated[list[ResultTemplate], Children("resultTemplate")] = []

    @property
    def templates(self) -> list[Template]:
        """Material, condition and result templates declared here."""
        return [*self.material_templates, *self.condition_templates, *self.result_templates]


class Instruction(GlobalObject):
    """A step of a program, fired as Petri-net transition(s)."""

    transition_refs: Annotated[list[Ref], Children("transitionRef")] = []


class Program(TemplateHolder):
    """A sequence of instructions."""

    instructions: Annotated[list[Instruction], Children("instruction")] = []


class Method(TemplateHolder):
    """A measurement or analysis method: its Petri net and programs."""

    pnmls: Annotated[list[Pnml], Children("pnml")] = []
    programs: Annotated[list[Program], Children("program")] = []


class Protocol(TemplateHolder):
    """What is to be done: methods, programs, instructions and templates."""

    methods: Annotated[list[Method], Children("method")] = []


# --- data ----------------------------------------------------------------------------------------


class Instance(GlobalObject):
    """A material, condition or result as it was: its ``ref`` names its template."""

    kind: ClassVar[Literal["material", "condition", "result"]]
    template_class: ClassVar[type[Template]]

    ref: Annotated[str, Attr("ref", idref=True)]
    instance_refs: Annotated[list[Ref], Children("instanceRef")] = []


class Material(Instance):
    """A sample or substance used."""

    kind: ClassVar[Literal["material"]] = "material"
    template_class: ClassVar[type[Template]] = MaterialTemplate


class Condition(Instance):
    """The settings a step ran with."""

    kind: ClassVar[Literal["condition"]] = "condition"
    template_class: ClassVar[type[Template]] = ConditionTemplate


class Result(Instance):
    """What a step produced."""

    kind: ClassVar[Literal["result"]] = "result"
    template_class: ClassVar[type[Template]] = ResultTemplate


class Results(GlobalObject):
    """One run's materials, conditions and results."""

    materials: Annotated[list[Material], Children("material")] = []
    conditions: Annotated[list[Condition], Children("condition")] = []
    results: Annotated[list[Result], Children("result")] = []

    @property
    def instances(self) -> list[Instance]:
        """Materials, conditions and results, in that order."""
        return [*self.materials, *self.conditions, *self.results]


class Data(GlobalObject):
    """The measured and derived data: one ``results`` per run."""

    results: Annotated[list[Results], Children("results")] = []


# --- event log (XES) -----------------------------------------------------------------------------


class Extension(MaimlModel):
    """An XES extension declaration (concept, lifecycle, time...)."""

    name: Annotated[str, Attr("name")]
    prefix: Annotated[str, Attr("prefix")]
    uri: Annotated[str, Attr("uri")]


class Globals(MaimlModel):
    """XES global attributes for a scope (trace or event)."""

    scope: Annotated[str, Attr("scope")]
    properties: Annotated[list[Property], Children("property")] = []


class Classifier(MaimlModel):
    """An XES event classifier."""

    name: Annotated[str, Attr("name")]
    scope: Annotated[str, Attr("scope")]
    keys: Annotated[str, Attr("keys")]


class Event(GlobalObject):
    """Something that happened: an instruction (``ref``) ran; XES attributes are properties."""

    ref: Annotated[str, Attr("ref", idref=True)]
    results_refs: Annotated[list[Ref], Children("resultsRef")] = []
    creator_refs: Annotated[list[Ref], Children("creatorRef")] = []
    owner_refs: Annotated[list[Ref], Children("ownerRef")] = []

    @property
    def timestamp(self) -> str | None:
        """The ``time:timestamp`` value, if any."""
        item = self.get_property("time:timestamp")
        return item.value if item else None

    @property
    def transition(self) -> str | None:
        """The ``lifecycle:transition`` value (start, complete, ate_abort...), if any."""
        item = self.get_property("lifecycle:transition")
        return item.value.strip() if item and item.value else None


class Trace(GlobalObject):
    """The events of one program run (``ref`` names the program)."""

    ref: Annotated[str, Attr("ref", idref=True)]
    events: Annotated[list[Event], Children("event")] = []
    creator_refs: Annotated[list[Ref], Children("creatorRef")] = []
    owner_refs: Annotated[list[Ref], Children("ownerRef")] = []


class Log(GlobalObject):
    """The traces of one method (``ref`` names the method)."""

    ref: Annotated[str, Attr("ref", idref=True)]
    extensions: Annotated[list[Extension], Children("extension")] = []
    globals: Annotated[list[Globals], Children("global")] = []
    classifiers: Annotated[list[Classifier], Children("classifier")] = []
    traces: Annotated[list[Trace], Children("trace")] = []
    creator_refs: Annotated[list[Ref], Children("creatorRef")] = []
    owner_refs: Annotated[list[Ref], Children("ownerRef")] = []


class EventLog(GlobalObject):
    """What the instrument and operator did."""

    logs: Annotated[list[Log], Children("log")] = []


# --- root ----------------------------------------------------------------------------------------


class Maiml(MaimlModel):
    """A whole MaiML document (``maimlRootType``), or a protocol file (``protocolFileRootType``)."""

    version: Annotated[str, Attr("version")] = "1.0"
    features: Annotated[str | None, Attr("features")] = None
    root_type: Annotated[str, Attr(XSI_TYPE)] = "maimlRootType"
    namespaces: Annotated[dict[str, str], NAMESPACES] = Field(default_factory=dict)
    document: Annotated[Document, Child("document")]
    protocol: Annotated[Protocol, Child("protocol")]
    data: Annotated[Data | None, Child("data")] = None
    event_log: Annotated[EventLog | None, Child("eventLog")] = None

    _index: dict[str, Any] | None = PrivateAttr(default=None)

    def index(self, *, refresh: bool = False) -> dict[str, Node]:
        """Every element ``id`` -> its node (model, path, parent).

        Built once; pass ``refresh`` after editing the document.
        """
        if self._index is None or refresh:
            self._index = id_index(self)
        return self._index

    def resolve(self, ref: str) -> GlobalObject | SimpleObject | Content:
        """The model whose ``id`` is ``ref``; :class:`DanglingRefError` when there is none."""
        node = self.index().get(ref)
        if node is None:
            raise DanglingRefError(f"no element has id {ref!r}")
        return node.model  # type: ignore[return-value]

    def with_uuid(self, uuid: str) -> list[Bound]:
        """Every model carrying this ``uuid`` (one document may repeat an object's uuid)."""
        wanted = uuid.strip().lower()
        found = []
        for node in iter_nodes(self):
            own = node.model.__dict__.get("uuid")
            if own is not None and own.strip().lower() == wanted:
                found.append(node.model)
        return found

    def template_of(self, instance: Instance) -> Template:
        """The template an instance's ``ref`` names (checked to be of the instance's kind)."""
        target = self.resolve(instance.ref)
        if not isinstance(target, instance.template_class):
            raise DanglingRefError(
                f"{instance.kind} {instance.id!r} refers to "
                f"{type(target).__name__} {instance.ref!r}, "
                f"not a {instance.template_class.__name__}",
                line=instance.line,
            )
        return target

    def instances(self) -> Iterator[tuple[Results, Instance]]:
        """Every (results, material/condition/result) pair of the data section."""
        for results in self.data.results if self.data else []:
            for instance in results.instances:
                yield results, instance

    def events(self) -> Iterator[tuple[Log, Trace, Event]]:
        """Every (log, trace, event) of the event log."""
        for log in self.event_log.logs if self.event_log else []:
            for trace in log.traces:
                for event in trace.events:
                    yield log, trace, event


for _model in list(globals().values()):
    if isinstance(_model, type) and issubclass(_model, MaimlModel):
        _model.model_rebuild()
