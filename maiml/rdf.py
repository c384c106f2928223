"""Map a MaiML document to RDF: PROV-O for who did what, with which plan and instrument, and when;
measured properties as typed literals with QUDT units.

* document -> ``prov:Entity``; creators -> ``prov:SoftwareAgent``; vendors -> ``prov:Organization``;
  owners and instruments -> ``prov:Agent``.
* protocol, method, program, instruction -> ``prov:Plan`` (nested with ``dcterms:hasPart``).
* each run (``results``) -> ``prov:Collection`` whose members (materials, conditions, results)
  are ``prov:Entity`` and ``dcterms:conformsTo`` their template.
* each log, trace and event -> ``prov:Activity``, associated (``prov:qualifiedAssociation``) with
  its agents and its plan (method, program, instruction); an event ``prov:used`` the materials and
  conditions of the runs it names and ``prov:generated`` their results; its ``time:timestamp``
  becomes ``prov:startedAtTime`` or ``prov:endedAtTime`` by its ``lifecycle:transition``.
* properties -> nodes with ``maiml:key``, a typed ``qudt:numericValue`` (numbers) or ``rdf:value``,
  ``qudt:unit`` where the unit is recognised (see ``units.py``) and the unit text as written.
  Data series keep their axis, size and unit; their values are included only on request.

Subjects are ``<base><id>`` with ``base`` defaulting to ``urn:uuid:<document uuid>#``; every
object also gets its MaiML uuid as ``dcterms:identifier``. Vocabulary terms of MaiML itself use
``http://www.maiml.org/schemas#``.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from .model import (
    Creator,
    EventLog,
    GlobalObject,
    Maiml,
    Method,
    PropertyBase,
    Protocol,
    Results,
    TemplateHolder,
)
from .units import QUDT_UNIT, qudt_unit
from .values import VALUE_TYPES, lexical_error, xsd_name

MAIML = Namespace("http://www.maiml.org/schemas#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace(QUDT_UNIT)

_STARTS = {"start", "resume", "schedule", "assign", "reassign"}
_ENDS = {"complete", "ate_abort", "pi_abort", "withdraw", "autoskip", "manualskip", "suspend"}


class _Mapper:
    """Builds the graph of one document."""

    def __init__(self, doc: Maiml, base: str, include_series: bool) -> None:
        self.doc = doc
        self.base = base
        self.include_series = include_series
        self.graph = Graph()
        for prefix, namespace in (
            ("prov", PROV),
            ("dcterms", DCTERMS),
            ("maiml", MAIML),
            ("qudt", QUDT),
            ("unit", UNIT),
        ):
            self.graph.bind(prefix, namespace)

    def iri(self, ident: str) -> URIRef:
        return URIRef(self.base + quote(ident, safe=""))

    def add(
        self, subject: URIRef | BNode, predicate: URIRef, obj: URIRef | BNode | Literal | None
    ) -> None:
        if obj is not None:
            self.graph.add((subject, predicate, obj))

    def object(self, model: GlobalObject, *classes: URIRef) -> URIRef:
        """The subject of a global object, typed, with identifier, name and description."""
        subject = self.iri(model.id)
        for cls in (*classes, MAIML[type(model).__name__]):
            self.graph.add((subject, RDF.type, cls))
        self.add(subject, DCTERMS.identifier, Literal(model.uuid))
        self.add(subject, DCTERMS.title, Literal(model.name) if model.name else None)
        self.add(
            subject, DCTERMS.description, Literal(model.description) if model.description else None
        )
        self.items(subject, model)
        for insertion in model.insertions:
            node = BNode()
            self.graph.add((subject, MAIML.insertion, node))
            self.graph.add((node, MAIML.uri, Literal(insertion.uri, datatype=XSD.anyURI)))
            self.graph.add((node, MAIML.hash, Literal(insertion.hash.value)))
            self.add(
                node,
                MAIML.hashMethod,
                Literal(insertion.hash.method) if insertion.hash.method else None,
            )
            self.add(node, DCTERMS.format, Literal(insertion.format) if insertion.format else None)
        return subject

    def item(self, item: PropertyBase) -> BNode:
        """A property or content node: key, typed value, unit, nested items."""
        node = BNode()
        self.graph.add((node, RDF.type, MAIML[type(item).__name__]))
        self.graph.add((node, MAIML.key, Literal(item.key)))
        self.graph.add((node, MAIML.type, Literal(item.xsi_type)))
        self.add(node, DCTERMS.description, Literal(item.description) if item.description else None)
        if item.units:
            self.graph.add((node, MAIML.units, Literal(item.units)))
            unit = qudt_unit(item.units)
            self.add(node, QUDT.unit, URIRef(unit) if unit else None)
        axis = getattr(item, "axis", None)
        self.add(node, MAIML.axis, Literal(axis) if axis else None)
        vtype = VALUE_TYPES.get(item.xsi_type.rpartition(":")[2])
        present = [text for text in item.values if text is not None]
        if vtype is not None and vtype.is_list:
            self.graph.add((node, MAIML.size, Literal(sum(len(text.split()) for text in present))))
            if self.include_series:
                for text in present:
                    self.graph.add((node, MAIML.values, Literal(" ".join(text.split()))))
        elif vtype is not None and vtype.has_values:
            predicate = QUDT.numericValue if vtype.numeric else RDF.value
            for text in present:
                valid = vtype.pattern is None or lexical_error(vtype, text) is None
                datatype = (
                    XSD[xsd_name(vtype.base)] if valid and vtype.pattern is not None else None
                )
                self.graph.add(
                    (
                        node,
                        predicate,
                        Literal(text.strip() if datatype else text, datatype=datatype),
                    )
                )
        self.items(node, item)
        return node

    def items(self, subject: URIRef | BNode, owner: GlobalObject | PropertyBase) -> None:
        """Link the owner's properties and contents."""
        for item in owner.properties:
            self.graph.add((subject, MAIML.property, self.item(item)))
        for item in owner.contents:
            self.graph.add((subject, MAIML.content, self.item(item)))

    def document(self) -> None:
        document = self.doc.document
        subject = self.object(document, PROV.Entity)
        date = document.date.strip()
        valid = lexical_error(VALUE_TYPES["dateTimeType"], date) is None
        self.graph.add(
            (subject, DCTERMS.created, Literal(date, datatype=XSD.dateTime if valid else None))
        )
        for creator in document.creators:
            agent = self.object(creator, PROV.SoftwareAgent)
            self.graph.add((subject, DCTERMS.creator, agent))
            self.graph.add((subject, PROV.wasAttributedTo, agent))
            for ref in creator.vendor_refs:
                self.graph.add((agent, MAIML.vendor, self.iri(ref.ref)))
            for ref in creator.instrument_refs:
                self.graph.add((agent, MAIML.instrument, self.iri(ref.ref)))
        for vendor in document.vendors:
            self.object(vendor, PROV.Organization)
        for owner in document.owners:
            self.graph.add((subject, PROV.wasAttributedTo, self.object(owner, PROV.Agent)))
        for instrument in document.instruments:
            self.object(instrument, PROV.Agent)

    def plans(self, holder: TemplateHolder) -> URIRef:
        """A protocol, method or program and what it holds, as nested plans with their templates."""
        subject = self.object(holder, PROV.Plan)
        if isinstance(holder, Protocol):
            parts = [self.plans(method) for method in holder.methods]
        elif isinstance(holder, Method):
            parts = [self.plans(program) for program in holder.programs]
        else:
            parts = [self.object(instruction, PROV.Plan) for instruction in holder.instructions]  # type: ignore[attr-defined]
        for part in parts:
            self.graph.add((subject, DCTERMS.hasPart, part))
        for template in holder.templates:
            self.graph.add((subject, MAIML.template, self.object(template)))
        return subject

    def results(self, results: Results) -> None:
        run = self.object(results, PROV.Collection, PROV.Entity)
        for instance in results.instances:
            entity = self.object(instance, PROV.Entity)
            self.graph.add((run, PROV.hadMember, entity))
            self.graph.add((entity, DCTERMS.conformsTo, self.iri(instance.ref)))
            for ref in instance.instance_refs:
                self.graph.add((entity, PROV.wasDerivedFrom, self.iri(ref.ref)))

    def activity(self, model: GlobalObject, plan: str, agents: list[str]) -> URIRef:
        """An activity associated with its agents (and their instruments) under its plan."""
        subject = self.object(model, PROV.Activity)
        association = BNode()
        self.graph.add((subject, PROV.qualifiedAssociation, association))
        self.graph.add((association, RDF.type, PROV.Association))
        self.graph.add((association, PROV.hadPlan, self.iri(plan)))
        index = self.doc.index()
        for agent in agents:
            self.graph.add((subject, PROV.wasAssociatedWith, self.iri(agent)))
            self.graph.add((association, PROV.agent, self.iri(agent)))
            creator = index.get(agent)
            if creator is not None and isinstance(creator.model, Creator):
                for ref in creator.model.instrument_refs:
                    self.graph.add((subject, PROV.wasAssociatedWith, self.iri(ref.ref)))
        return subject

    def event_log(self, event_log: EventLog) -> None:
        index = self.doc.index()
        self.object(event_log)
        for log in event_log.logs:
            log_agents = [ref.ref for ref in [*log.creator_refs, *log.owner_refs]]
            log_node = self.activity(log, log.ref, log_agents)
            for trace in log.traces:
                trace_agents = log_agents + [
                    ref.ref for ref in [*trace.creator_refs, *trace.owner_refs]
                ]
                trace_node = self.activity(trace, trace.ref, trace_agents)
                self.graph.add((trace_node, DCTERMS.isPartOf, log_node))
                for event in trace.events:
                    agents = trace_agents + [
                        ref.ref for ref in [*event.creator_refs, *event.owner_refs]
                    ]
                    node = self.activity(event, event.ref, agents)
                    self.graph.add((node, DCTERMS.isPartOf, trace_node))
                    self.timing(node, event.timestamp, event.transition)
                    for ref in event.results_refs:
                        results = index.get(ref.ref)
                        if results is not None and isinstance(results.model, Results):
                            self.io(node, results.model)

    def timing(self, activity: URIRef, stamp: str | None, transition: str | None) -> None:
        if transition:
            self.graph.add((activity, MAIML.lifecycleTransition, Literal(transition)))
        if stamp is None or lexical_error(VALUE_TYPES["dateTimeType"], stamp):
            return
        when = Literal(stamp.strip(), datatype=XSD.dateTime)
        self.graph.add((activity, MAIML.timestamp, when))
        if transition in _STARTS:
            self.graph.add((activity, PROV.startedAtTime, when))
        elif transition in _ENDS or transition is None:
            self.graph.add((activity, PROV.endedAtTime, when))

    def io(self, activity: URIRef, results: Results) -> None:
        """What an event used (materials, conditions) and generated (results)."""
        self.graph.add((activity, PROV.used, self.iri(results.id)))
        for instance in results.instances:
            entity = self.iri(instance.id)
            if instance.kind == "result":
                self.graph.add((activity, PROV.generated, entity))
                self.graph.add((entity, PROV.wasGeneratedBy, activity))
            else:
                self.graph.add((activity, PROV.used, entity))


def to_graph(doc: Maiml, *, base: str | None = None, include_series: bool = False) -> Graph:
    """The RDF graph of a document (see the module docstring for the mapping).

    ``include_series`` adds each data series' values as one space-separated literal
    (``maiml:values``); they are left out by default, as a long series makes a poor triple.
    """
    mapper = _Mapper(doc, base or f"urn:uuid:{doc.document.uuid.strip()}#", include_series)
    mapper.document()
    mapper.plans(doc.protocol)
    for results in doc.data.results if doc.data else []:
        mapper.results(results)
    if doc.event_log is not None:
        mapper.event_log(doc.event_log)
    return mapper.graph
