"""XML namespaces used by MaiML documents."""

MAIML = "http://www.maiml.org/schemas"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"

XES_CONCEPT = "http://www.xes-standard.org/concept.xesext#"
XES_LIFECYCLE = "http://www.xes-standard.org/lifecycle.xesext#"
XES_TIME = "http://www.xes-standard.org/time.xesext#"

XSI_TYPE = f"{{{XSI}}}type"
XSI_NIL = f"{{{XSI}}}nil"

XES_PREFIXES: dict[str, str] = {
    "concept": XES_CONCEPT,
    "lifecycle": XES_LIFECYCLE,
    "time": XES_TIME,
}
"""The XES prefixes, which event-log property keys use (``time:timestamp``...); the writer adds
the MaiML default namespace and ``xsi`` itself."""


def local_name(qname: str) -> str:
    """The local part of a lexical QName (``maiml:doubleType`` -> ``doubleType``)."""
    return qname.rpartition(":")[2].strip()
