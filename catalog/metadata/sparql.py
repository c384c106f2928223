"""Read-only SPARQL over a node's graph snapshot (Oxigraph): SELECT, ASK, CONSTRUCT and DESCRIBE,
with the catalog's prefixes predeclared, all named graphs as the default graph, and a time limit.

Updates are refused, and so is ``SERVICE`` (a query must not make the node call other hosts).
A query past its time limit is abandoned: its evaluation thread is left to finish in the
background of this process (Oxigraph offers no cancellation), which ends with the CLI.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import pyoxigraph as ox

from catalog.metadata.errors import SparqlRefusedError, SparqlSyntaxError, SparqlTimeoutError
from catalog.metadata.graph_store import open_snapshot
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.vocab import PREFIXES
from catalog.store import NodeStore

DEFAULT_TIMEOUT = 30.0
QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
TEXT_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
UPDATE = re.compile(r"^(?:\s*(?:PREFIX\s+\S*:|BASE))*\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|"
                    r"COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
POSITION = re.compile(r"^error at (\d+):(\d+):")
SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
NUMBERS = {"integer": int, "long": int, "int": int, "nonNegativeInteger": int,
           "decimal": float, "double": float, "float": float}


@dataclass(frozen=True)
class SparqlResult:
    """A query's answer as records: solutions (SELECT), one ``ask`` row (ASK) or
    subject/predicate/object rows (CONSTRUCT, DESCRIBE)."""

    kind: str
    records: list[dict]


def run_sparql(store: NodeStore, query: str, timeout: float = DEFAULT_TIMEOUT) -> SparqlResult:
    """Run a read-only SPARQL query over the node's graph."""
    _refuse_writes(query)
    snapshot = open_snapshot(MetadataPaths.of(store).graph)
    outcome: dict[str, object] = {}

    def evaluate() -> None:
        try:
            outcome["result"] = _records(snapshot.query(
                query, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True))
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=evaluate, name="sparql", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise SparqlTimeoutError(f"SPARQL query stopped after its time limit of {timeout:g} s")
    if isinstance(error := outcome.get("error"), SyntaxError):
        where = POSITION.sub(r"error at line \1, column \2:", str(error))
        raise SparqlSyntaxError(f"SPARQL syntax {where}") from None
    if error is not None:
        raise error
    return outcome["result"]  # type: ignore[return-value]


def _refuse_writes(query: str) -> None:
    """Refuse updates and federated (SERVICE) queries before anything runs."""
    code = TEXT_AND_COMMENTS.sub(" ", query)
    if match := UPDATE.match(code):
        raise SparqlRefusedError(
            f"SPARQL {match.group(1).upper()} refused: the catalog graph is read-only "
            "(only SELECT, ASK, CONSTRUCT and DESCRIBE queries are run)")
    if SERVICE.search(code):
        raise SparqlRefusedError("SPARQL SERVICE refused: queries run over this node's graph only")


def _records(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> SparqlResult:
    if isinstance(results, ox.QueryBoolean):
        return SparqlResult("ask", [{"ask": bool(results)}])
    if isinstance(results, ox.QuerySolutions):
        names = [variable.value for variable in results.variables]
        return SparqlResult("select", [
            {name: _value(solution[name]) for name in names} for solution in results])
    return SparqlResult("construct", [
        {"subject": _value(t.subject), "predicate": _value(t.predicate),
         "object": _value(t.object)} for t in results])


def _value(term: object) -> object:
    """A term as a plain value: IRIs and text as strings, numbers and booleans typed."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = term.datatype.value.rpartition("#")[2]
        if kind == "boolean":
            return term.value == "true"
        convert = NUMBERS.get(kind)
        return convert(term.value) if convert else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
