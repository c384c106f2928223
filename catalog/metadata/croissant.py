"""Croissant 1.1 JSON-LD (the MLCommons format ML loaders read) of one dataset version.

The document lives in the dataset's table directory (``_croissant.json``, a name Delta and
Parquet readers pass over), so its file references are relative names that stay valid where
the node is mounted: one ``FileObject`` per Parquet file of the version (with its sha256) and
a ``FileSet`` of exactly those files, from which one ``RecordSet`` reads every column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from catalog.metadata.describe import ColumnFacts, DatasetFacts
from catalog.metadata.vocab import NodeIris

CROISSANT_FILE = "_croissant.json"
PARQUET = "application/x-parquet"
FILE_SET_ID = "parquet-files"
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The standard Croissant 1.1 context (as mlcroissant writes it)."""


def croissant_document(facts: DatasetFacts, iris: NodeIris, table_dir: Path,
                       publisher: str) -> dict:
    """The Croissant JSON-LD of the current version of a dataset."""
    names = [Path(item.path).relative_to(table_dir).as_posix() for item in facts.files]
    issued, modified = facts.versions[0].timestamp, facts.versions[-1].timestamp
    document = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        "name": f"{facts.node}.{facts.name}",
        "alternateName": facts.title,
        "description": facts.description,
        "url": str(iris.dataset(facts.name)),
        "version": f"{facts.version}.0.0",
        "datePublished": issued.isoformat(),
        "dateModified": modified.isoformat(),
        "license": facts.license or str(iris.license_undeclared()),
        "conditionsOfAccess": f"fedcat access level: {facts.access}",
        "creator": {"@type": "sc:Organization", "name": publisher},
        "publisher": {"@type": "sc:Organization", "name": publisher},
        "keywords": facts.keywords,
        "citeAs": (f"{publisher}. {facts.title} (fedcat dataset {facts.node}.{facts.name}, "
                   f"version {facts.version}). {iris.dataset(facts.name)}"),
        "distribution": [
            *({"@type": "cr:FileObject", "@id": f"parquet/{name}", "name": name,
               "contentUrl": name, "encodingFormat": PARQUET, "contentSize": f"{item.size} B",
               "sha256": item.sha256} for name, item in zip(names, facts.files)),
            {"@type": "cr:FileSet", "@id": FILE_SET_ID, "name": FILE_SET_ID,
             "description": f"The Parquet files of version {facts.version}.",
             "encodingFormat": PARQUET, "includes": names},
        ],
        "recordSet": [{
            "@type": "cr:RecordSet", "@id": facts.name, "name": facts.name,
            "description": facts.description,
            "field": [_field(facts.name, column) for column in facts.columns],
        }],
    }
    coverage = facts.coverage
    if coverage.start and coverage.end:
        document["temporalCoverage"] = f"{coverage.start.isoformat()}/{coverage.end.isoformat()}"
    if coverage.bbox:
        west, south, east, north = coverage.bbox
        document["spatialCoverage"] = {"@type": "sc:Place", "geo": {
            "@type": "sc:GeoShape", "box": f"{south} {west} {north} {east}"}}
    return document


def croissant_bytes(document: dict) -> bytes:
    """The document as UTF-8 JSON text."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _field(record_set: str, column: ColumnFacts) -> dict:
    """One field: data type, description and where its values come from."""
    kind = column.type
    field = {"@type": "cr:Field", "@id": f"{record_set}/{column.name}", "name": column.name,
             "description": column.description,
             "source": {"fileSet": {"@id": FILE_SET_ID}, "extract": {"column": column.name}}}
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        field["isArray"] = True
        field["arrayShape"] = "-1"
        kind = kind.value_type
    field["dataType"] = data_type(kind)
    return field


def data_type(kind: pa.DataType) -> str:
    """The Croissant data type of an Arrow type (nested structures are read as text)."""
    if pa.types.is_boolean(kind):
        return "sc:Boolean"
    if pa.types.is_integer(kind):
        return "sc:Integer"
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return "sc:Float"
    if pa.types.is_timestamp(kind):
        return "sc:DateTime"
    if pa.types.is_date(kind):
        return "sc:Date"
    return "sc:Text"
