"""Validate MaiML: the official XSD, then the rules a schema cannot state.

:func:`validate` reads a file (or bytes) and reports every problem as an :class:`Issue` with its
element path and line: not XML, not MaiML, XSD errors, then the model checks of :func:`check`
(dangling or mistyped refs, values that do not fit their own or their template's type, content
sizes, event-log timestamps and lifecycle, insertion digests). :func:`check` also runs on models
built in code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from lxml import etree

from .errors import MaimlParseError, where
from .insertions import Locator, check_insertion, directory_locator
from .model import (
    Arc,
    ConditionTemplate,
    Content,
    Creator,
    GlobalObject,
    Insertion,
    Instance,
    Instruction,
    Instrument,
    Maiml,
    MaterialTemplate,
    Method,
    Owner,
    Place,
    Program,
    PropertyBase,
    Results,
    ResultTemplate,
    Transition,
    Vendor,
)
from .ns import MAIML, XES_PREFIXES, local_name
from .parse import Source, from_tree, maiml_namespace, read_tree, source_name
from .schema import load_schema
from .values import VALUE_TYPES, ValueType, lexical_error, typed
from .walk import Node, element_path, iter_nodes

Severity = Literal["error", "warning", "info"]

XES_LIFECYCLE_TRANSITIONS = frozenset(
    "schedule assign withdraw reassign start suspend resume pi_abort ate_abort complete "
    "autoskip manualskip unknown".split()
)
"""The XES standard lifecycle model's transitions."""


# What each reference element (by tag) must point at.
_REF_TARGETS: dict[str, tuple[type, ...]] = {
    "placeRef": (Place,),
    "transitionRef": (Transition,),
    "vendorRef": (Vendor,),
    "instrumentRef": (Instrument,),
    "creatorRef": (Creator,),
    "ownerRef": (Owner,),
    "resultsRef": (Results,),
    "material": (MaterialTemplate,),
    "condition": (ConditionTemplate,),
    "result": (ResultTemplate,),
    "log": (Method,),
    "trace": (Program,),
    "event": (Instruction,),
    "arc": (Place, Transition),
    "content": (Content,),
}


@dataclass(frozen=True)
class Issue:
    """One problem: how bad, a short code, what is wrong, and where (file, line, element path)."""

    severity: Severity
    code: str
    message: str
    path: str | None = None
    line: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        body = f"{self.severity} [{self.code}] {self.message}"
        location = where(self.file, self.line, self.path)
        return f"{location}: {body}" if location else body


@dataclass
class Report:
    """The issues found in one document; ``ok`` when none is an error."""

    file: str | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity ``error``."""
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def ok(self) -> bool:
        """Whether the document has no errors (warnings and notes allowed)."""
        return not self.errors

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.issues) or f"{self.file or 'document'}: valid"


def xsd_issues(
    tree: etree._ElementTree, *, xsd_dir: str | Path | None = None, file: str | None = None
) -> list[Issue]:
    """The XSD errors of a parsed tree (bundled MaiML-Schema-1_0 unless ``xsd_dir`` is given)."""
    schema = load_schema(xsd_dir)
    if schema.validate(tree):
        return []
    issues = []
    for error in schema.error_log:
        found = tree.xpath(error.path) if error.path else []
        path = element_path(found[0]) if found else error.path
        message = error.message.replace(f"{{{MAIML}}}", "")
        issues.append(Issue("error", "xsd", message, path, error.line, file))
    return issues


def validate(
    source: Source,
    *,
    xsd_dir: str | Path | None = None,
    use_xsd: bool = True,
    locate: Locator | None = None,
    accept_unqualified: bool = False,
) -> Report:
    """Validate a MaiML document given as a path, bytes or binary file object.

    ``xsd_dir`` picks another schema version's directory (with ``maiml.xsd``); ``use_xsd=False``
    runs the model checks only. Insertion digests are checked against files found by ``locate``
    (by default, next to a document given as a path). With ``accept_unqualified`` a document
    whose elements lack the MaiML namespace gets that one error and the model checks as well.
    """
    file = source_name(source)
    report = Report(file)
    try:
        tree = read_tree(source)
    except MaimlParseError as exc:
        report.issues.append(Issue("error", "xml", exc.message, None, exc.line, file))
        return report
    try:
        maiml_namespace(tree.getroot(), file)
    except MaimlParseError as exc:
        root = tree.getroot()
        report.issues.append(
            Issue(
                "error", "not-maiml", exc.message, "/" + etree.QName(root).localname, exc.line, file
            )
        )
        if not (accept_unqualified and etree.QName(root).namespace is None):
            return report
        use_xsd = False  # every element would fail it for the namespace alone
    if use_xsd:
        report.issues.extend(xsd_issues(tree, xsd_dir=xsd_dir, file=file))
    try:
        doc = from_tree(tree, file=file, resolve_refs=False, accept_unqualified=accept_unqualified)
    except MaimlParseError as exc:
        report.issues.append(Issue("error", "structure", exc.message, exc.path, exc.line, file))
        return report
    if locate is None and isinstance(source, (str, Path)):
        locate = directory_locator(Path(source).parent)
    report.issues.extend(check(doc, file=file, locate=locate, lexical=not use_xsd))
    return report


@dataclass
class _Context:
    """What the rules share: the document, its nodes, and lookups by id and by model."""

    doc: Maiml
    nodes: list[Node]
    lexical: bool = True
    ids: dict[str, Node] = field(default_factory=dict)
    by_model: dict[int, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for node in self.nodes:
            self.by_model[id(node.model)] = node
            ident = node.model.__dict__.get("id")
            if ident is not None:
                self.ids.setdefault(ident, node)


def check(
    doc: Maiml, *, file: str | None = None, locate: Locator | None = None, lexical: bool = True
) -> list[Issue]:
    """The model checks (those a schema cannot express) of a parsed or built document.

    ``lexical`` checks each value against its own ``xsi:type`` (the XSD does that too, so
    :func:`validate` skips it after an XSD pass). Insertion digests are checked when ``locate``
    is given.
    """
    context = _Context(doc, list(iter_nodes(doc)), lexical=lexical)
    issues: list[Issue] = []
    for rule in (_ids_and_refs, _root, _values, _templates, _event_log):
        issues.extend(rule(context))
    if locate is not None:
        issues.extend(_insertions(context, locate))
    return [replace(issue, file=file) for issue in issues]


def _issue(severity: Severity, code: str, message: str, node: Node) -> Issue:
    return Issue(severity, code, message, node.path, node.line)


def _ids_and_refs(context: _Context) -> Iterator[Issue]:
    for node in context.nodes:
        ident = node.model.__dict__.get("id")
        if ident is not None and context.ids[ident] is not node:
            yield _issue(
                "error",
                "duplicate-id",
                f"id {ident!r} is also used at {context.ids[ident].path}",
                node,
            )
    id_values = {
        text.strip()
        for node in context.nodes
        if isinstance(node.model, PropertyBase) and local_name(node.model.xsi_type) == "idType"
        for text in node.model.values
        if text
    }
    for node in context.nodes:
        yield from _refs_of(node, context)
        model = node.model
        if (
            isinstance(model, PropertyBase)
            and (vtype := model.value_type)
            and vtype.base == "idRef"
        ):
            for name in " ".join(text for text in model.values if text).split():
                if name not in context.ids and name not in id_values:
                    yield _issue("error", "dangling-ref", f"IDREF value {name!r} names no id", node)


def _refs_of(node: Node, context: _Context) -> Iterator[Issue]:
    """Dangling and mistyped ``ref``/``source``/``target`` of one node."""
    ends = []
    for attribute in ("ref", "source", "target"):
        target = node.model.__dict__.get(attribute)
        if target is None:
            continue
        found = context.ids.get(target)
        if found is None:
            yield _issue(
                "error", "dangling-ref", f"{attribute}={target!r} names no element id", node
            )
            continue
        ends.append(type(found.model))
        allowed = _allowed_targets(node)
        if allowed and not isinstance(found.model, allowed):
            wanted = " or ".join(
                f"<{kind.__name__[0].lower()}{kind.__name__[1:]}>" for kind in allowed
            )
            yield _issue(
                "error",
                "ref-kind",
                f"{attribute}={target!r} is a <{found.tag}>, expected {wanted}",
                node,
            )
    if isinstance(node.model, Arc) and len(ends) == 2 and ends[0] is ends[1]:
        yield _issue("error", "arc-kind", "an arc must join a place and a transition", node)


def _allowed_targets(node: Node) -> tuple[type, ...]:
    """The model classes a node's ``ref`` may point at.

    A ``templateRef``/``instanceRef`` points at an element of its parent's kind.
    """
    if node.tag in ("templateRef", "instanceRef") and node.parent is not None:
        return (type(node.parent.model),)
    return _REF_TARGETS.get(node.tag, ())


def _root(context: _Context) -> Iterator[Issue]:
    doc, root = context.doc, context.nodes[0]
    kind = local_name(doc.root_type)
    if kind == "maimlRootType" and (doc.data is None or doc.event_log is None):
        yield _issue(
            "error", "root-type", "a maimlRootType document needs <data> and <eventLog>", root
        )
    if kind == "protocolFileRootType" and (doc.data is not None or doc.event_log is not None):
        yield _issue(
            "error",
            "root-type",
            "a protocolFileRootType document has only <document> and <protocol>",
            root,
        )
    for prefix, uri in XES_PREFIXES.items():
        if doc.namespaces.get(prefix, uri) != uri:
            yield _issue(
                "warning",
                "xes-namespace",
                f"prefix {prefix!r} is bound to {doc.namespaces[prefix]!r}, XES uses {uri!r}",
                root,
            )


def _values(context: _Context) -> Iterator[Issue]:
    for node in context.nodes:
        item = node.model
        if not isinstance(item, PropertyBase):
            continue
        vtype = item.value_type
        if vtype is None:
            yield _issue(
                "error",
                "unknown-type",
                f"xsi:type {item.xsi_type!r} is not a MaiML property type",
                node,
            )
        elif item.values and not vtype.has_values:
            yield _issue(
                "error", "container-value", f"{item.xsi_type} holds properties, not values", node
            )
        else:
            if context.lexical:
                yield from _bad_values(item, vtype, node, "bad-value", "")
            if (
                isinstance(item, Content)
                and item.size is not None
                and vtype.is_list
                and item.values
            ):
                count = sum(len(text.split()) for text in item.values if text is not None)
                if count != item.size:
                    yield _issue(
                        "warning",
                        "size-mismatch",
                        f"size={item.size} but the values hold {count} items",
                        node,
                    )


def _bad_values(
    item: PropertyBase, vtype: ValueType, node: Node, code: str, why: str
) -> Iterator[Issue]:
    """The first value of ``item`` that is not of ``vtype``, as an issue."""
    for text in item.values:
        problem = lexical_error(vtype, text) if text is not None else None
        if problem:
            yield _issue("error", code, f"{problem}{why}", node)
            return


def _templates(context: _Context) -> Iterator[Issue]:
    """Each instance's properties and contents against its template's."""
    for node in context.nodes:
        instance = node.model
        if isinstance(instance, Instance):
            template = context.ids.get(instance.ref)
            if template is not None and isinstance(template.model, instance.template_class):
                yield from _agree(instance, template.model, context)  # otherwise reported as a ref


def _agree(
    owner: GlobalObject | PropertyBase, template: GlobalObject | PropertyBase, context: _Context
) -> Iterator[Issue]:
    """Items of ``owner`` against the template's of the same ``key`` (a content's ``ref`` wins)."""
    declared = {item.key: item for item in [*template.properties, *template.contents]}
    for item in [*owner.properties, *owner.contents]:
        spec = declared.get(item.key)
        if isinstance(item, Content) and item.ref is not None:
            target = context.ids.get(item.ref)
            spec = (
                target.model if target is not None and isinstance(target.model, Content) else spec
            )
        if spec is None:
            continue
        node = context.by_model[id(item)]
        declared_type = spec.value_type
        if spec.xsi_type != item.xsi_type:
            yield _issue(
                "warning",
                "template-type",
                f"xsi:type {item.xsi_type} differs from the template's {spec.xsi_type}",
                node,
            )
            if declared_type is not None:
                why = f" (the template declares {spec.xsi_type})"
                yield from _bad_values(item, declared_type, node, "template-value", why)
        if spec.units and item.units and spec.units != item.units:
            yield _issue(
                "warning",
                "template-units",
                f"units {item.units!r} differ from the template's {spec.units!r}",
                node,
            )
        yield from _agree(item, spec, context)


def _event_log(context: _Context) -> Iterator[Issue]:
    stamp_type = VALUE_TYPES["dateTimeType"]
    for log in context.doc.event_log.logs if context.doc.event_log else []:
        for trace in log.traces:
            times = []
            for event in trace.events:
                node = context.by_model[id(event)]
                transition = event.transition
                if transition is not None and transition not in XES_LIFECYCLE_TRANSITIONS:
                    yield _issue(
                        "warning",
                        "lifecycle",
                        f"lifecycle:transition {transition!r} is not in the XES lifecycle model",
                        node,
                    )
                stamp = event.get_property("time:timestamp")
                if stamp is None or stamp.value is None:
                    continue
                if not lexical_error(stamp_type, stamp.value):
                    times.append(typed(stamp_type, stamp.value))
                elif (
                    local_name(stamp.xsi_type) != "dateTimeType"
                ):  # else reported as its own type's error
                    yield _issue(
                        "error",
                        "timestamp",
                        f"time:timestamp {stamp.value!r} is not an xs:dateTime",
                        node,
                    )
            if _out_of_order(times):
                yield _issue(
                    "warning",
                    "event-order",
                    "the trace's events are not in time order",
                    context.by_model[id(trace)],
                )


def _out_of_order(times: list[datetime]) -> bool:
    try:
        return any(later < earlier for earlier, later in zip(times, times[1:]))
    except TypeError:  # times with and without a zone cannot be compared
        return False


def _insertions(context: _Context, locate: Locator) -> Iterator[Issue]:
    codes = {"mismatch": "hash-mismatch", "bad-hash": "bad-hash"}
    for node in context.nodes:
        if isinstance(node.model, Insertion):
            result = check_insertion(node.model, locate)
            if result.status in codes:
                yield _issue("error", codes[result.status], result.detail, node)
            elif result.status != "ok":
                yield _issue("info", "not-checked", result.detail, node)
