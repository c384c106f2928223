"""``fedcat validate`` and ``fedcat review``, registered the way catalog/cli.py registers them."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from catalog.errors import FedcatError
from catalog.review_cli import review_app, validate

app = typer.Typer()
app.add_typer(review_app, name="review")
app.command()(validate)
runner = CliRunner()


def run(node, *args: str, ok: bool = True) -> str:
    result = runner.invoke(app, list(args), env={"FEDCAT_NODE": str(node.dir), "COLUMNS": "250"})
    if ok:
        assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_validate_review_and_decide_from_the_command_line(node, harvest_knet_copy):
    first = json.loads(run(node, "validate", "--format", "json"))
    assert {row["dataset"]: row["status"] for row in first} == dict.fromkeys(
        ["events", "stations", "waveform_samples", "waveforms"], "published")
    harvest_knet_copy("AKT095", "95.0000")
    (row,) = json.loads(run(node, "validate", "waveforms", "--format", "json"))
    assert (row["version"], row["status"], row["critical_failed"]) == (1, "quarantined", 1)
    listing = {r["dataset"]: r for r in json.loads(run(node, "review", "list", "-f", "json"))}
    assert listing["waveforms"]["status"] == "quarantined"
    assert listing["waveform_samples"]["status"] == "published"  # the harvest validated its v1
    shown = run(node, "review", "show", "waveforms")
    assert "quarantined" in shown and "station_latitude" in shown and "95" in shown
    failures = json.loads(run(node, "review", "show", "waveforms", "-f", "json"))
    assert failures[0]["unexpected_count"] == 1
    missing_reason = runner.invoke(app, ["review", "approve", "waveforms", "-n", str(node.dir)])
    assert missing_reason.exit_code == 2 and "--reason" in missing_reason.output
    said = run(node, "review", "approve", "waveforms", "--reason", "header typo", "--by", "kai")
    assert "waveforms version 1 approved by kai" in said
    shown = run(node, "review", "show", "waveforms")
    assert "header typo" in shown and "kai" in shown
    with pytest.raises(FedcatError, match="approved: it cannot be approved"):
        runner.invoke(app, ["review", "approve", "waveforms", "--reason", "again", "-n",
                            str(node.dir)], catch_exceptions=False)


def test_suite_problems_are_error_lines_and_a_failing_exit(node):
    (node.dir / "suites").mkdir()
    (node.dir / "suites" / "events.json").write_text(json.dumps({"expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "mag",
                                                                  "min_value": 0}}]}))
    result = runner.invoke(app, ["validate", "events", "-n", str(node.dir)])
    assert result.exit_code == 1
    assert "events.json, expectation 1 (expect_column_values_to_be_between): column 'mag' " \
           "does not exist" in result.output
