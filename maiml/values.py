"""The property and content types of MaiML-Schema-1_0: lexical checks, conversion to Python.

A property's ``xsi:type`` (``doubleType``, ``contentIntListType``, ...) names an XSD simple type
for its ``<value>`` text, either one value or a whitespace-separated list. Models keep the text as
written (so documents round-trip exactly, ``5.00`` stays ``5.00``); this module says what the text
means: :func:`value_type` describes a type, :func:`typed` converts one value text and
:func:`lexical_error` says why a text is not of its type.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from .ns import local_name

_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_DOUBLE = rf"(?:{_DECIMAL}(?:[eE][+-]?\d+)?|[+-]?INF|NaN)"
_INTEGER = r"[+-]?\d+"
_DATETIME = r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?"
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"

_INT_RANGES: dict[str, tuple[int, int]] = {
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}


def _datetime(text: str) -> datetime:
    whole, dot, rest = text.partition(".")
    if dot:  # Python keeps microseconds: drop digits past the sixth
        digits = re.match(r"\d+", rest)
        assert digits is not None
        rest = digits.group()[:6] + rest[digits.end() :]
        text = f"{whole}.{rest}"
    return datetime.fromisoformat(text)


def _bytes_hex(text: str) -> bytes:
    return binascii.unhexlify(text)


def _bytes_b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _bool(text: str) -> bool:
    return text in ("true", "1")


@dataclass(frozen=True)
class ValueType:
    """What an ``xsi:type`` holds: the XSD base type, whether a list, whether numeric."""

    xsi_type: str
    base: str  # XSD local type name: double, int, dateTime, string, ...
    is_list: bool
    is_content: bool
    pattern: re.Pattern[str] | None
    convert: Callable[[str], Any]
    whole: re.Pattern[str] | None  # the whole text of one <value>: the item, or a list of items

    @property
    def numeric(self) -> bool:
        """Whether values are numbers (decimal, floating point or integer)."""
        return self.base in ("decimal", "double", "float") or self.base in _INT_RANGES

    @property
    def has_values(self) -> bool:
        """``propertyListType`` is a pure container: it has no ``<value>``."""
        return self.base != "propertyList"


_BASES: dict[str, tuple[str | None, Callable[[str], Any]]] = {
    "string": (None, str),
    "token": (None, str),
    "id": (None, str),
    "idRef": (None, str),
    "qualifiedName": (None, str),
    "language": (None, str),
    "uri": (None, str),
    "uuid": (_UUID, str),
    "dateTime": (_DATETIME, _datetime),
    "decimal": (_DECIMAL, Decimal),
    "double": (_DOUBLE, float),
    "float": (_DOUBLE, float),
    "boolean": (r"true|false|1|0", _bool),
    "base64Binary": (r"[A-Za-z0-9+/=\s]*", _bytes_b64),
    "hexBinary": (r"(?:[0-9a-fA-F]{2})*", _bytes_hex),
    **{name: (_INTEGER, int) for name in _INT_RANGES},
}
_XSD_NAMES = {
    "id": "ID",
    "idRef": "IDREF",
    "qualifiedName": "QName",
    "uri": "anyURI",
    "uuid": "string",
}
_LIST_BASES = [name for name in _BASES if name not in ("token", "id")]


def _make(name: str, base: str, is_list: bool, is_content: bool) -> ValueType:
    pattern, convert = _BASES.get(base, (None, str))
    if pattern is None:
        return ValueType(name, base, is_list, is_content, None, convert, None)
    whole = rf"\s*(?:{pattern}(?:\s+{pattern})*)?\s*" if is_list else rf"\s*{pattern}\s*"
    return ValueType(
        name, base, is_list, is_content, re.compile(pattern), convert, re.compile(whole)
    )


def _register() -> dict[str, ValueType]:
    table = {f"{base}Type": _make(f"{base}Type", base, False, False) for base in _BASES}
    for base in _LIST_BASES:
        table[f"{base}ListType"] = _make(f"{base}ListType", base, True, False)
        table[f"content{base[0].upper()}{base[1:]}ListType"] = _make(
            f"content{base[0].upper()}{base[1:]}ListType", base, True, True
        )
    table["stringEnumType"] = _make("stringEnumType", "string", False, False)
    table["contentStringEnumType"] = _make("contentStringEnumType", "string", False, True)
    table["propertyListType"] = _make("propertyListType", "propertyList", False, False)
    return table


VALUE_TYPES: dict[str, ValueType] = _register()
"""Every property/content type of MaiML-Schema-1_0, by ``xsi:type`` local name."""


def value_type(xsi_type: str) -> ValueType | None:
    """The :class:`ValueType` of an ``xsi:type`` (prefixed or not); ``None`` when unknown."""
    return VALUE_TYPES.get(local_name(xsi_type))


def xsd_name(base: str) -> str:
    """The XML Schema datatype local name of a base (``uri`` -> ``anyURI``)."""
    return _XSD_NAMES.get(base, base)


def _items(vtype: ValueType, text: str) -> list[str]:
    return text.split() if vtype.is_list else [text.strip() if vtype.pattern else text]


def lexical_error(vtype: ValueType, text: str) -> str | None:
    """Why ``text`` is not a valid value of ``vtype``, or ``None`` when it is."""
    if vtype.pattern is None or vtype.whole is None:
        return None
    if vtype.whole.fullmatch(text) and vtype.base not in _INT_RANGES:
        return None
    for item in _items(vtype, text):
        if vtype.pattern.fullmatch(item) is None:
            return f"{item[:40]!r} is not a valid xs:{xsd_name(vtype.base)}"
        bounds = _INT_RANGES.get(vtype.base)
        if bounds and not bounds[0] <= int(item) <= bounds[1]:
            return f"{item} is out of range for xs:{vtype.base}"
    return None


def typed(vtype: ValueType, text: str | None) -> Any:
    """Convert one ``<value>`` text: a Python value (a list for list types), ``None`` for nil.

    Raises :class:`ValueError` when the text is not of the type.
    """
    if text is None:
        return None
    problem = lexical_error(vtype, text)
    if problem:
        raise ValueError(problem)
    items = [vtype.convert(item) for item in _items(vtype, text)]
    return items if vtype.is_list else items[0]
