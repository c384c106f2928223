"""Validation after a harvest of real records: published, quarantined, approved, interrupted."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from catalog import review
from catalog.config import DatasetSettings
from catalog.review import (
    ReviewError,
    approve,
    reject,
    researcher_visible,
    review_details,
    review_rows,
    validate_datasets,
)
from catalog.review_store import ReviewLedger

SEISMIC = {"waveforms", "waveform_samples", "stations", "events"}


def statuses(node) -> dict[str, str]:
    return {row["name"]: row["status"] for row in node.bookkeeping.datasets()}


def failed(outcome_report: dict) -> dict[str, dict]:
    """Failed results of a GX report by expectation type and column."""
    found = {}
    for item in outcome_report["results"]:
        config = item["expectation_config"]
        if not item["success"]:
            found[f"{config['type']}:{config['kwargs'].get('column')}"] = item
    return found


def test_real_records_are_published_with_gx_reports(node):
    outcomes = {outcome.dataset: outcome for outcome in validate_datasets(node)}
    assert set(outcomes) == SEISMIC
    assert {outcome.status for outcome in outcomes.values()} == {"published"}
    assert all(not outcome.problems for outcome in outcomes.values())
    assert statuses(node) == dict.fromkeys(SEISMIC, "published")
    assert researcher_visible(node) == SEISMIC
    report = json.loads(outcomes["waveforms"].report_json.read_text())
    assert report["success"] and report["meta"]["rows"] == 12
    assert report["statistics"]["evaluated_expectations"] == len(report["results"]) > 30
    assert outcomes["waveforms"].report_json == node.dir / "reports/waveforms/v0.json"
    kinds = {item["expectation_config"]["type"] for item in report["results"]}
    assert {"expect_compound_columns_to_be_unique", "unexpected_rows_expectation",
            "expect_column_values_to_be_between", "expect_table_columns_to_match_set"} <= kinds


def test_impossible_latitude_quarantines_then_a_steward_approves(node, harvest_knet_copy):
    validate_datasets(node)
    versions = harvest_knet_copy("AKT095", "95.0000")
    assert versions["waveforms"] == 1
    outcomes = {outcome.dataset: outcome for outcome in validate_datasets(node)}
    assert outcomes["waveforms"].status == "quarantined"
    assert outcomes["waveforms"].critical_failed == 1
    assert outcomes["waveform_samples"].status == "published"
    report = json.loads(outcomes["waveforms"].report_json.read_text())
    latitude = failed(report)["expect_column_values_to_be_between:station_latitude"]
    assert latitude["result"]["unexpected_count"] == 1
    assert latitude["result"]["partial_unexpected_list"] == [95.0]
    assert statuses(node)["waveforms"] == "quarantined"
    assert researcher_visible(node) == SEISMIC - {"waveforms"}

    details = review_details(node, "waveforms")
    assert [(f["columns"], f["unexpected_count"], f["sample_values"])
            for f in details.failures] == [("station_latitude", 1, [95.0])]

    with pytest.raises(ReviewError, match="reason"):
        approve(node, "waveforms", "  ")
    decision = approve(node, "waveforms", "K-NET header typo; confirmed with NIED", by="steward")
    assert decision["decided_by"] == "steward" and decision["version"] == 1
    assert statuses(node)["waveforms"] == "approved"
    assert "waveforms" in researcher_visible(node)
    row = next(r for r in review_rows(node) if r["dataset"] == "waveforms")
    assert (row["status"], row["decided_by"], row["reason"]) == (
        "approved", "steward", "K-NET header typo; confirmed with NIED")
    assert datetime.fromisoformat(decision["decided_at"]) <= datetime.now(UTC)
    html = (node.dir / "reports/waveforms/v1.html").read_text()
    assert "K-NET header typo; confirmed with NIED" in html and "steward" in html

    again = {outcome.dataset: outcome for outcome in validate_datasets(node, ["waveforms"])}
    assert again["waveforms"].status == "approved"  # a decision stands when re-validated
    with pytest.raises(ReviewError, match="approved: it cannot be approved"):
        approve(node, "waveforms", "twice")
    reject(node, "waveforms", "withdrawn after all", by="steward")
    assert statuses(node)["waveforms"] == "rejected"
    assert "waveforms" not in researcher_visible(node)
    decisions = ReviewLedger(node.bookkeeping).decisions("waveforms")
    assert [d["decision"] for d in decisions] == ["approved", "rejected"]


def test_a_bad_row_written_through_commit_is_caught(node, commit_rows):
    validate_datasets(node)
    event = {"event_id": "smi:local/fnetmt/2011excpds/event", "magnitude": 12.0,
             "origin_time": datetime(2011, 3, 11, 5, 46, tzinfo=UTC), "latitude": 38.1,
             "longitude": 142.8, "depth_km": 20.0, "catalog": "hand-made",
             "source_file": "hand-made"}
    assert commit_rows("events", [event]) == 1
    (outcome,) = validate_datasets(node, ["events"])
    assert (outcome.version, outcome.status, outcome.critical_failed) == (1, "quarantined", 2)
    report = failed(json.loads(outcome.report_json.read_text()))
    assert report["expect_column_values_to_be_between:magnitude"]["result"][
        "unexpected_count"] == 1
    duplicate = report["expect_column_values_to_be_unique:event_id"]["result"]
    assert duplicate["unexpected_count"] == 2
    assert duplicate["partial_unexpected_counts"] == [
        {"value": "smi:local/fnetmt/2011excpds/event", "count": 2}]


def test_sensitive_datasets_show_counts_never_values(node, commit_rows):
    node.config.datasets["events"] = DatasetSettings(access="sensitive")
    node.config.save(node.dir)
    commit_rows("events", [{"event_id": "x", "magnitude": 12.0, "source_file": "hand-made",
                            "origin_time": datetime(2020, 1, 1, tzinfo=UTC)}])
    (outcome,) = validate_datasets(node, ["events"])
    text = outcome.report_json.read_text() + outcome.report_html.read_text()
    assert outcome.status == "quarantined"
    assert "12.0" not in text and "partial_unexpected_list" not in text
    details = review_details(node, "events")
    assert details.access == "sensitive"
    assert all("sample_values" not in failure for failure in details.failures)
    assert [f["unexpected_count"] for f in details.failures] == [1]


def test_interrupted_validation_leaves_the_previous_status(node, harvest_knet_copy,
                                                          monkeypatch):
    validate_datasets(node)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(review, "run_suite", interrupted)
    with pytest.raises(KeyboardInterrupt):
        harvest_knet_copy("AKT095", "95.0000")  # commits v1, then validation is interrupted
    ledger = ReviewLedger(node.bookkeeping)
    assert [row["version"] for row in ledger.versions("waveforms")] == [0]
    assert statuses(node)["waveforms"] == "published"
    assert "waveforms" not in researcher_visible(node)  # its new version is not validated
    assert not (node.dir / "reports/waveforms/v1.json").exists()
    with pytest.raises(ReviewError, match="has not been validated"):
        approve(node, "waveforms", "too early")


def test_html_report_lists_every_expectation_and_the_trend(node, harvest_knet_copy):
    validate_datasets(node)
    harvest_knet_copy("AKT095", "95.0000")
    (outcome,) = validate_datasets(node, ["waveforms"])
    html = outcome.report_html.read_text()
    report = json.loads(outcome.report_json.read_text())
    for item in report["results"]:
        assert item["expectation_config"]["type"] in html
        column = item["expectation_config"]["kwargs"].get("column")
        assert column is None or f"column=&#34;{column}&#34;" in html
    assert "v0" in html and "v1" in html and "quarantined" in html
    assert "0% → 50%" in html  # station_latitude: 0 of 1 K-NET trace before, 1 of 2 now
    assert "+2.2 points" in html  # failure rate 0 → 1 of 45 expectations
