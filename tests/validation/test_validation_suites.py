"""Suite files: node overrides, bad entries named by file and position, parity with GX itself."""

from __future__ import annotations

import json
import math
from pathlib import Path

import great_expectations as gx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from catalog.review import validate_datasets
from validation.html import expectation_key
from validation.runner import run_suite
from validation.suite import Suite, build_suite
from validation.suite_files import parse_document

OVERRIDES = """
version: 7
expectations:
  - type: expect_column_values_to_be_between
    kwargs: {column: station_latitude, min_value: 30, max_value: 46}
    severity: warning
    description: Our stations are in Japan
  - type: expect_column_values_to_be_betwen
    kwargs: {column: npts, min_value: 1}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: station_lattitude}
  - type: expect_column_values_to_be_in_set
    kwargs: {column: unit, value_set: [gal, m/s]}
    severity: warning
  - type: unexpected_rows_expectation
    severity: warning
    description: At most one trace per file
    kwargs:
      unexpected_rows_query: >-
        SELECT source_file, count(*) AS traces FROM {batch} GROUP BY ALL HAVING count(*) > 1
"""


def write_suite(node, text: str, name: str = "waveforms.yaml") -> Path:
    path = node.dir / "suites" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def results(outcome) -> dict[str, dict]:
    report = json.loads(outcome.report_json.read_text())
    return {f"{r['expectation_config']['type']}:{r['expectation_config']['kwargs'].get('column')}"
            f":{r['expectation_config'].get('description')}": r for r in report["results"]}


def test_node_file_overrides_and_bad_entries_are_named_while_the_rest_runs(node,
                                                                          harvest_knet_copy):
    path = write_suite(node, OVERRIDES)
    harvest_knet_copy("AKT095", "95.0000")
    (outcome,) = validate_datasets(node, ["waveforms"])
    assert outcome.problems == [
        f"{path}, expectation 2 (expect_column_values_to_be_betwen): unknown expectation type "
        "'expect_column_values_to_be_betwen'",
        f"{path}, expectation 3 (expect_column_values_to_not_be_null): column "
        "'station_lattitude' does not exist (columns: trace_index, network, station, location, "
        "channel, format, starttime, endtime, sampling_rate, npts, unit, calib, pga_gal, "
        "header_max_acc_gal, sensor_position, station_latitude, station_longitude, "
        "station_elevation_m, event_origin_time, event_latitude, event_longitude, "
        "event_depth_km, event_magnitude, source_file)",
    ]
    found = results(outcome)
    latitude = [r for key, r in found.items() if key.startswith(
        "expect_column_values_to_be_between:station_latitude")]
    assert len(latitude) == 1  # the node's entry replaced the default one
    assert latitude[0]["expectation_config"]["severity"] == "warning"
    assert not latitude[0]["success"]
    assert outcome.status == "published" and outcome.warnings_failed == 3
    units = found["expect_column_values_to_be_in_set:unit:None"]
    assert units["result"]["unexpected_count"] == 11  # all but the two K-NET traces (gal)
    custom = found["unexpected_rows_expectation:None:At most one trace per file"]
    assert custom["result"]["observed_value"] == 4  # 3 WIN files and a miniSEED one
    assert {row["traces"] for row in custom["result"]["details"]["unexpected_rows"]} == {2}
    report = json.loads(outcome.report_json.read_text())
    sources = {Path(source["path"]).name: source for source in report["meta"]["sources"]}
    assert sources["waveforms.yaml"]["version"] == "7"
    assert report["meta"]["problems"] == outcome.problems


def test_unreadable_suite_file_is_named_and_the_defaults_still_run(node):
    path = write_suite(node, "expectations: [unclosed\n", "events.yml")
    (outcome,) = validate_datasets(node, ["events"])
    assert outcome.status == "published"
    assert len(outcome.problems) == 1
    assert outcome.problems[0].startswith(f"{path}: not valid YAML")
    assert json.loads(outcome.report_json.read_text())["statistics"]["evaluated_expectations"]


def test_bad_arguments_and_severities_are_problems_of_their_entry():
    entries, problems = parse_document({"expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_valu": 1}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x"},
         "severity": "info"},
        {"type": "expect_column_values_to_not_be_null", "kwarg": {"column": "x"}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x"}},
    ]}, "node/suites/t.yaml")
    assert len(entries) == 1 and entries[0].origin.endswith("expectation 4 "
                                                            "(expect_column_values_to_not_be_null)")
    assert [str(problem) for problem in problems] == [
        "node/suites/t.yaml, expectation 1 (expect_column_values_to_be_between): invalid "
        "arguments: min_valu: extra fields not permitted; min_value and max_value cannot both "
        "be None",
        "node/suites/t.yaml, expectation 2 (expect_column_values_to_not_be_null): severity must "
        "be one of critical, warning, not 'info'",
        "node/suites/t.yaml, expectation 3 (expect_column_values_to_not_be_null): unknown key "
        "'kwarg' (an entry has description, id, kwargs, meta, notes, severity, type; arguments "
        "go under 'kwargs')",
    ]


PARITY = [
    ("expect_column_values_to_not_be_null", {"column": "value"}),
    ("expect_column_values_to_be_null", {"column": "value"}),
    ("expect_column_values_to_be_between", {"column": "value", "min_value": 0, "max_value": 5}),
    ("expect_column_values_to_be_between",
     {"column": "value", "min_value": 1, "strict_min": True, "mostly": 0.5}),
    ("expect_column_values_to_be_in_set", {"column": "code", "value_set": ["AB", "CD"]}),
    ("expect_column_values_to_not_be_in_set", {"column": "code", "value_set": ["AB"]}),
    ("expect_column_values_to_match_regex", {"column": "code", "regex": "^[A-Z]{2}$"}),
    ("expect_column_values_to_not_match_regex", {"column": "code", "regex": "D"}),
    ("expect_column_value_lengths_to_be_between", {"column": "code", "min_value": 2,
                                                   "max_value": 2}),
    ("expect_column_values_to_be_unique", {"column": "code"}),
    ("expect_compound_columns_to_be_unique", {"column_list": ["code", "key"]}),
    ("expect_column_pair_values_a_to_be_greater_than_b",
     {"column_A": "value", "column_B": "key", "or_equal": True}),
    ("expect_column_pair_values_to_be_equal", {"column_A": "value", "column_B": "key"}),
    ("expect_table_row_count_to_be_between", {"min_value": 1, "max_value": 6}),
    ("expect_column_to_exist", {"column": "missing"}),
    ("expect_table_columns_to_match_set", {"column_set": ["code", "value"],
                                           "exact_match": False}),
]


def plain(value: object) -> str:
    """GX's pandas path reports missing values as NaN and pairs as tuples; ours as None, lists."""
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(plain, value)) + "]"
    if isinstance(value, float) and math.isnan(value):
        return "None"
    return repr(float(value) if isinstance(value, float) else value)


@pytest.fixture(scope="module")
def small_table(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], pa.Table]:
    table = pa.table({
        "code": ["AB", "CD", "AB", "x1", None, "CDE", "AB"],
        "value": [1.0, 2.0, None, 7.0, 3.0, -1.0, 4.0],
        "key": [1.0, 2.0, 3.0, 3.0, 3.0, None, 5.0],
    })
    path = tmp_path_factory.mktemp("parity") / "small.parquet"
    pq.write_table(table, path)
    return [str(path)], table


def test_sql_results_agree_with_gx_pandas(small_table):
    files, table = small_table
    entries, problems = parse_document(
        {"expectations": [{"type": kind, "kwargs": kwargs} for kind, kwargs in PARITY]}, "parity")
    assert not problems
    ours = run_suite(Suite("small", entries), files, table.schema).result.results
    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("p").add_dataframe_asset("small")
             .add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={"dataframe": table.to_pandas()}))
    theirs = {expectation_key(item.expectation_config.to_json_dict()): item
              for item in batch.validate(gx.ExpectationSuite(
                  name="small", expectations=[entry.expectation for entry in entries])).results}
    assert len(theirs) == len(ours) == len(PARITY)
    for (kind, kwargs), mine in zip(PARITY, ours, strict=True):
        gx_result = theirs[expectation_key(mine.expectation_config.to_json_dict())]
        label = f"{kind} {kwargs}"
        assert mine.success == gx_result.success, label
        for key in ("unexpected_count", "missing_count", "element_count", "observed_value"):
            if key in gx_result.result:
                assert mine.result[key] == gx_result.result[key], f"{label}: {key}"
        if not gx_result.success and "partial_unexpected_list" in gx_result.result:
            assert (sorted(map(repr, mine.result["partial_unexpected_list"]))
                    == sorted(map(plain, gx_result.result["partial_unexpected_list"]))), label


def test_a_default_suite_holds_the_kinds_rules_and_the_schema():
    from adapters.seismic.schemas import EVENTS
    from catalog.parse_worker import stored_schema

    suite = build_suite("events", stored_schema(EVENTS), "seismic")
    kinds = [entry.config.type for entry in suite.entries]
    assert kinds.count("expect_column_values_to_be_of_type") == len(EVENTS.schema) + 1
    assert "expect_column_values_to_be_unique" in kinds and not suite.problems
    assert [Path(source.path).name for source in suite.sources] == ["seismic.yaml"]
    assert build_suite("events", stored_schema(EVENTS), "no-such-kind").sources == []


def test_custom_sql_follows_gx_placeholders(small_table):
    files, table = small_table
    entries, _ = parse_document({"expectations": [
        {"type": "unexpected_rows_expectation", "description": "two capitals",
         "kwargs": {"unexpected_rows_query":
                    "SELECT * FROM {batch} WHERE NOT regexp_full_match(code, '[A-Z]{{2}}')"}},
        {"type": "unexpected_rows_expectation", "description": "unescaped",
         "kwargs": {"unexpected_rows_query":
                    "SELECT * FROM {batch} WHERE NOT regexp_full_match(code, '[A-Z]{2}')"}},
    ]}, "custom.yaml")
    run = run_suite(Suite("small", entries), files, table.schema)
    (result,) = run.result.results
    assert result.result["observed_value"] == 2  # x1 and CDE
    assert [row["code"] for row in result.result["details"]["unexpected_rows"]] == ["x1", "CDE"]
    assert [str(problem) for problem in run.problems] == [
        "custom.yaml, expectation 2 (unexpected_rows_expectation): unexpected_rows_query: {2} "
        "is not a placeholder (write literal braces as {{ and }})"]


def test_biobank_frequencies_rules_catch_impossible_values(tmp_path):
    from adapters.kegg.biobank.schemas import VARIANT_FREQUENCIES
    from catalog.parse_worker import stored_schema

    schema = stored_schema(VARIANT_FREQUENCIES)
    rows = [
        {"chrom": "1", "pos": 100, "ref": "A", "alt": "G", "variant_key": "1:100:A:G",
         "ac": 5, "an": 100, "af": 0.05, "source_file": "panel.vcf"},
        {"chrom": "1", "pos": 200, "ref": "C", "alt": "<DEL>", "variant_key": "1:200:C:<DEL>",
         "ac": 1, "an": 10, "af": 0.1, "source_file": "panel.vcf"},
        {"chrom": "1", "pos": 300, "ref": "Q", "alt": "T", "variant_key": "1:300:Q:T",
         "ac": 30, "an": 20, "af": 1.2, "source_file": "panel.vcf"},
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp_path / "f.parquet")
    suite = build_suite("variant_frequencies", schema, "biobank")
    run = run_suite(suite, [str(tmp_path / "f.parquet")], schema)
    assert not run.problems
    failed = {(r.expectation_config.type, r.expectation_config.kwargs.get("column"))
              for r in run.result.results if not r.success}
    assert failed == {
        ("expect_column_values_to_be_between", "af"),
        ("expect_column_pair_values_a_to_be_greater_than_b", None),
        ("unexpected_rows_expectation", None),
        ("expect_column_values_to_match_regex", "ref"),
    }
