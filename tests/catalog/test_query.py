"""SQL over a node: views per version, time travel, sandbox, clear errors."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pyarrow.compute as pc
import pytest
from toy_adapter import write_toy

from catalog.errors import QueryError, VersionNotFoundError
from catalog.harvest import harvest
from catalog.query import QueryEngine


@pytest.fixture
def two_versions(node, toy, toy_source):
    """A node whose readings have version 0 (5 rows) and version 1 (6 rows)."""
    harvest(node, toy, str(toy_source), workers=1)
    time.sleep(0.05)
    between = datetime.now(UTC)
    time.sleep(0.05)
    write_toy(toy_source / "d.toy", [("DDD", 6.0)])
    harvest(node, toy, str(toy_source), workers=1)
    return node, between


def count(engine: QueryEngine, sql: str, **kwargs) -> int:
    return engine.arrow(sql, **kwargs).column(0)[0].as_py()


def test_latest_version_by_default(two_versions):
    node, _ = two_versions
    assert count(QueryEngine(node), "SELECT count(*) FROM lab.readings") == 6


def test_version_in_sql_and_as_option(two_versions):
    node, _ = two_versions
    engine = QueryEngine(node)
    assert count(engine, "SELECT count(*) FROM lab.readings VERSION AS OF 0") == 5
    assert count(QueryEngine(node), "SELECT count(*) FROM lab.readings", version=0) == 5
    both = engine.arrow(
        "SELECT (SELECT count(*) FROM lab.readings VERSION AS OF 0) AS old, "
        "(SELECT count(*) FROM lab.readings) AS new"
    )
    assert both.to_pylist() == [{"old": 5, "new": 6}]


def test_version_by_time(two_versions):
    node, between = two_versions
    assert count(QueryEngine(node), "SELECT count(*) FROM lab.readings", as_of=between) == 5
    sql = f"SELECT count(*) FROM lab.readings TIMESTAMP AS OF '{between.isoformat()}'"
    assert count(QueryEngine(node), sql) == 5


def test_missing_version_is_a_clear_error(two_versions):
    node, _ = two_versions
    with pytest.raises(VersionNotFoundError, match=r"no version 7 \(latest is version 1\)"):
        QueryEngine(node).arrow("SELECT * FROM lab.readings VERSION AS OF 7")


def test_syntax_error_names_the_problem(two_versions):
    node, _ = two_versions
    with pytest.raises(QueryError, match="syntax error"):
        QueryEngine(node).arrow("SELEC station FROM lab.readings")


def test_unknown_dataset_lists_the_real_ones(two_versions):
    node, _ = two_versions
    with pytest.raises(QueryError, match="no dataset named lab.nope .*: lab.readings, lab.summary"):
        QueryEngine(node).arrow("SELECT * FROM lab.nope")


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY (SELECT 1) TO '/tmp/fedcat-escape.csv'",
    "INSTALL httpfs",
    "SET enable_external_access = true",
    "ATTACH '/tmp/fedcat-escape.db'",
])
def test_sandbox_refuses_escapes(two_versions, sql):
    node, _ = two_versions
    engine = QueryEngine(node)
    engine.arrow("SELECT 1")
    with pytest.raises(QueryError):
        engine.arrow(sql)


def test_empty_node_says_so(node):
    with pytest.raises(QueryError, match="none yet"):
        QueryEngine(node).arrow("SELECT * FROM lab.readings")


def test_ml_loader_reads_a_cited_version_column_by_column(two_versions):
    node, _ = two_versions
    cited = node.arrow_dataset("readings", version=0)
    assert cited.count_rows() == 5
    values = cited.to_table(columns=["value"], filter=pc.field("station") == "BBB")
    assert sorted(values["value"].to_pylist()) == [3.0, 4.0]
    assert node.arrow_dataset("readings").count_rows() == 6
