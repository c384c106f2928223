"""Recognise KEGG files from their first bytes (and name): flat file, KGML or REST output.

* A flat file starts with an ``ENTRY`` line laid out in DBGET's columns, followed by another
  field line or the ``///`` terminator.
* KGML is XML whose root element is a namespace-less ``<pathway>`` with a KEGG ``path:`` name
  or the KGML DOCTYPE.
* A REST output is tab-separated text whose first column holds KEGG ids: ``link``/``conv``
  when both of two columns are ``db:id``, ``list``/``find`` otherwise. A file name starting
  with ``link_``, ``conv_``, ``list_`` or ``find_`` tells the operation; without one, ``conv``
  is told from an outside database (ncbi-geneid, uniprot...) and a lookup is taken for ``list``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from adapters.base import HEAD_BYTES
from adapters.kegg.kegg_ids import PREFIX_DATABASES, bare_database, split_id
from adapters.kegg.kegg_rest import CONV, FIND, LINK, LIST

FLAT, KGML = "KEGG_FLAT", "KGML"

_FLAT_START = re.compile(rb"ENTRY {2,}\S+[^\n]*\r?\n(?:[A-Z][A-Z0-9_]* +\S|///|[A-Z][A-Z_]*\r?$)")
_FLAT_ALONE = re.compile(rb"ENTRY {2,}\S+[^\n]*\Z")
_KGML_ROOT = re.compile(
    rb"(?:\s|<\?xml[^>]*\?>|<!DOCTYPE\s+pathway[^>]*>|<!--.*?-->)*<pathway\s([^>]*)",
    re.DOTALL,
)
_KGML_NAME = re.compile(rb"""\bname\s*=\s*["']path:""")
_DOCTYPE = re.compile(rb"<!DOCTYPE\s+pathway\b[^>]*KGML", re.IGNORECASE)
_PREFIXED = re.compile(r"[A-Za-z][\w.-]*:\S+")
_HINTS = {"link": LINK, "conv": CONV, "list": LIST, "find": FIND}
_SAMPLE_LINES = 20
_KEGG_DATABASES = frozenset(PREFIX_DATABASES.values()) | {"genes"}


def detect_format(head: bytes, filename: str) -> str | None:
    """The KEGG format of a file from its first bytes and name, or None."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _FLAT_START.match(head) or _FLAT_ALONE.match(head):
        return FLAT
    root = _KGML_ROOT.match(head)
    if root and (_KGML_NAME.search(root[1]) or _DOCTYPE.search(head)):
        return KGML
    return _rest_format(head, filename)


def _rest_format(head: bytes, filename: str) -> str | None:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.splitlines()
    if len(head) >= HEAD_BYTES and not text.endswith("\n"):
        lines = lines[:-1]  # the last line is cut off
    rows = [[column.strip() for column in line.split("\t")]
            for line in lines[:_SAMPLE_LINES] if line.strip()]
    if not rows or any(len(row) < 2 for row in rows):
        return None
    edges = all(len(row) == 2 and _PREFIXED.fullmatch(row[0]) and _PREFIXED.fullmatch(row[1])
                and (_is_kegg_id(row[0]) or _is_kegg_id(row[1])) for row in rows)
    if not edges and not all(_is_kegg_id(row[0]) for row in rows):
        return None
    hint = _HINTS.get(PurePath(filename).name.split("_", 1)[0].lower())
    if edges and hint in (None, LINK, CONV):
        return hint or (CONV if any(not _is_kegg_id(id_) for row in rows for id_ in row)
                        else LINK)
    if not edges and hint in (None, LIST, FIND):
        return hint or LIST
    return None


def _is_kegg_id(text: str) -> bool:
    """Whether ``text`` is a KEGG id, prefixed (``cpd:C00031``, ``hsa:3098``) or bare."""
    if ":" not in text:
        return bare_database(text) is not None
    return bool(_PREFIXED.fullmatch(text)) and split_id(text)[0] in _KEGG_DATABASES
