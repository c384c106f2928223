"""Croissant: the documents pass `mlcroissant validate`, and mlcroissant's records are exactly
the rows DuckDB reads from the same Parquet files."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import mlcroissant as mlc
import numpy as np
import pandas as pd
import pytest

from catalog.metadata.croissant import CROISSANT_FILE

MLCROISSANT = Path(sys.executable).with_name("mlcroissant")


def croissant_path(store, dataset: str) -> Path:
    return store.table_dir(dataset) / CROISSANT_FILE


def plain(value: object) -> object:
    """mlcroissant's and DuckDB's values in one form (text, UTC datetimes, lists, None)."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, np.ndarray | list):
        return [plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@pytest.mark.parametrize("dataset", ["waveforms", "events", "stations"])
def test_croissant_passes_mlcroissant_validate(seismic_node, dataset):
    result = subprocess.run([str(MLCROISSANT), "validate", "--jsonld",
                             str(croissant_path(seismic_node, dataset))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = mlc.Dataset(str(croissant_path(seismic_node, dataset)))
    assert not loaded.metadata.ctx.issues.errors
    assert not loaded.metadata.ctx.issues.warnings


@pytest.mark.parametrize("dataset", ["waveforms", "events", "waveform_samples"])
def test_croissant_records_equal_duckdb_rows(seismic_node, dataset):
    _, files, schema = seismic_node.version_files(dataset)
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        relation = connection.sql(f"SELECT * FROM read_parquet({files!r})")
        expected = [tuple(plain(v) for v in row) for row in relation.fetchall()]
    records = mlc.Dataset(str(croissant_path(seismic_node, dataset))).records(dataset)
    got = [tuple(plain(record[f"{dataset}/{name}"]) for name in schema.names)
           for record in records]
    assert len(got) == len(expected) > 0
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_croissant_names_each_file_with_its_sha256_and_the_licence(seismic_node):
    document = json.loads(croissant_path(seismic_node, "waveforms").read_text())
    objects = [d for d in document["distribution"] if d["@type"] == "cr:FileObject"]
    _, files, _ = seismic_node.version_files("waveforms")
    assert sorted(o["contentUrl"] for o in objects) == sorted(Path(f).name for f in files)
    assert all(len(o["sha256"]) == 64 and o["encodingFormat"] == "application/x-parquet"
               for o in objects)
    assert document["license"] and document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    fields = {f["name"]: f for f in document["recordSet"][0]["field"]}
    assert fields["starttime"]["dataType"] == "sc:DateTime"
    assert fields["station"]["source"]["extract"] == {"column": "station"}
