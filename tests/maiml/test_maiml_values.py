"""Property/content types: the table matches the official schema; lexical checks and conversions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from maiml import bundled_xsd_dir
from maiml.values import VALUE_TYPES, lexical_error, typed, value_type


def test_every_schema_type_is_known() -> None:
    schema = (bundled_xsd_dir() / "maiml-property.xsd").read_text(encoding="utf-8")
    declared = set(re.findall(r'<xs:complexType name="(\w+)"', schema))
    abstract = {"uncertaintyBaseType", "propertyBaseType", "contentBaseType"}
    assert set(VALUE_TYPES) == declared - abstract


@pytest.mark.parametrize(
    ("xsi_type", "text", "expected"),
    [
        ("doubleType", " 1.5E3 ", 1500.0),
        ("maiml:doubleType", "-INF", float("-inf")),
        ("decimalType", "0.10", Decimal("0.10")),
        ("unsignedByteType", "255", 255),
        ("booleanType", "1", True),
        (
            "dateTimeType",
            "2006-10-06T00:48:26.5151234+09:00",
            datetime(2006, 10, 6, 0, 48, 26, 515123, timezone(timedelta(hours=9))),
        ),
        ("hexBinaryType", "0aFF", b"\x0a\xff"),
        ("contentIntListType", "1 2\n 3", [1, 2, 3]),
        ("stringType", "  kept as is ", "  kept as is "),
        ("contentStringListType", "a b", ["a", "b"]),
    ],
)
def test_typed(xsi_type: str, text: str, expected: object) -> None:
    vtype = value_type(xsi_type)
    assert vtype is not None and typed(vtype, text) == expected


@pytest.mark.parametrize(
    ("xsi_type", "text", "problem"),
    [
        ("doubleType", "1,5", "not a valid xs:double"),
        ("doubleType", "inf", "not a valid xs:double"),
        ("doubleType", "1_000", "not a valid xs:double"),
        ("byteType", "128", "out of range for xs:byte"),
        ("unsignedIntType", "-1", "out of range"),
        ("contentDoubleListType", "1 2 three", "'three' is not a valid xs:double"),
        ("dateTimeType", "2024-8-01T00:00:00+09:00", "not a valid xs:dateTime"),
        ("uuidType", "not-a-uuid", "not a valid xs:string"),
    ],
)
def test_lexical_errors(xsi_type: str, text: str, problem: str) -> None:
    vtype = value_type(xsi_type)
    assert vtype is not None
    assert problem in (lexical_error(vtype, text) or "")
    with pytest.raises(ValueError):
        typed(vtype, text)


def test_type_facts() -> None:
    assert value_type("nonsenseType") is None
    double_list = VALUE_TYPES["contentDoubleListType"]
    assert double_list.numeric and double_list.is_list and double_list.is_content
    assert not VALUE_TYPES["propertyListType"].has_values
    assert (
        not VALUE_TYPES["stringEnumType"].is_list
        and typed(VALUE_TYPES["stringEnumType"], None) is None
    )
