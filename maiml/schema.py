"""The official MaiML XML Schema, loaded from the installed ``pymaiml`` package (no download).

``pymaiml`` (Apache-2.0, the MaiML SDK) bundles JAIMA's MaiML-Schema-1_0 under
``pymaiml/schema/MaiML-Schema-1_0/``. It is found without importing the SDK's code.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from lxml import etree

from .errors import MaimlError

SCHEMA_VERSION_DIR = "MaiML-Schema-1_0"
ENTRY = "maiml.xsd"


def bundled_xsd_dir() -> Path:
    """The directory of MaiML-Schema-1_0 inside the installed ``pymaiml`` package."""
    spec = importlib.util.find_spec("pymaiml")
    if spec is None or not spec.submodule_search_locations:
        raise MaimlError(
            "the MaiML schema ships with the 'pymaiml' package, which is not installed"
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "schema" / SCHEMA_VERSION_DIR
        if (candidate / ENTRY).is_file():
            return candidate
    raise MaimlError(f"pymaiml is installed but has no schema/{SCHEMA_VERSION_DIR}/{ENTRY}")


@cache
def _compile(entry: Path) -> etree.XMLSchema:
    try:
        return etree.XMLSchema(etree.parse(str(entry), etree.XMLParser(no_network=True)))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise MaimlError(f"cannot load XML Schema: {exc}", file=str(entry)) from None


def load_schema(xsd_dir: str | Path | None = None) -> etree.XMLSchema:
    """The compiled schema whose entry point is ``maiml.xsd`` in ``xsd_dir`` (default: bundled).

    Compiled once per directory.
    """
    directory = Path(xsd_dir) if xsd_dir is not None else bundled_xsd_dir()
    return _compile((directory / ENTRY).resolve())
