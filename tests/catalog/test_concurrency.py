"""Readers in other processes see whole versions while a harvest writes; kills leave no trace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from toy_adapter import ToyAdapter, write_toy

from catalog.harvest import harvest
from catalog.query import QueryEngine
from catalog.store import NodeStore

FILES, ROWS_PER_FILE, ROUNDS = 8, 50, 6
WRITER = """
import sys
from pathlib import Path
from toy_adapter import ToyAdapter, write_toy
from catalog.harvest import harvest
from catalog.store import NodeStore

def main():
    node, source, rounds, files, rows = sys.argv[1:]
    store = NodeStore.open(node)
    for value in range(2, int(rounds) + 2):
        for index in range(int(files)):
            write_toy(Path(source) / f"f{index}.toy", [("S", float(value))] * int(rows))
        harvest(store, ToyAdapter(), source, workers=2)

if __name__ == "__main__":
    main()
"""


def write_round(source: Path, value: float) -> None:
    for index in range(FILES):
        write_toy(source / f"f{index}.toy", [("S", value)] * ROWS_PER_FILE)


def start(script: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env,
                            stderr=subprocess.PIPE, text=True)


def test_queries_during_harvests_always_see_one_whole_version(node, tmp_path):
    source = tmp_path / "drop"
    source.mkdir()
    write_round(source, 1.0)
    harvest(node, ToyAdapter(), str(source), workers=1)
    writer = start(WRITER, str(node.dir), str(source), str(ROUNDS), str(FILES),
                   str(ROWS_PER_FILE))
    seen = set()
    while writer.poll() is None:
        engine = QueryEngine(NodeStore.open(node.dir))
        rows, low, high = engine.arrow(
            "SELECT count(*), min(value), max(value) FROM lab.readings").to_pylist()[0].values()
        assert (rows, low) == (FILES * ROWS_PER_FILE, high), "a query saw a mix of versions"
        seen.add(low)
    assert writer.returncode == 0, writer.stderr.read()
    assert len(seen) >= 2, "the reader should have seen more than one version"
    assert node.table("readings").version() == ROUNDS


SLOW_HARVEST = """
import sys
from toy_adapter import ToyAdapter
from catalog.harvest import harvest
from catalog.store import NodeStore

if __name__ == "__main__":
    harvest(NodeStore.open(sys.argv[1]), ToyAdapter(), sys.argv[2], workers=int(sys.argv[3]))
"""


def interrupt_slow_harvest(node: NodeStore, source: Path, how: signal.Signals, workers: int
                           ) -> subprocess.Popen:
    """Start a harvest that stalls on ``slow.toy`` and send it ``how`` once it is parsing."""
    write_toy(source / "slow.toy", [("SLOW", 9.0)], extra="!sleep 60")
    victim = start(SLOW_HARVEST, str(node.dir), str(source), str(workers))
    deadline = time.monotonic() + 60
    while not any((node.dir / "staging").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    victim.send_signal(how)
    victim.wait(timeout=60)
    (source / "slow.toy").unlink()
    return victim


def test_ctrl_c_commits_nothing_and_says_interrupted(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    write_toy(toy_source / "a.toy", [("AAA", 111.0)])
    victim = interrupt_slow_harvest(node, toy_source, signal.SIGINT, workers=2)
    assert victim.returncode != 0 and "KeyboardInterrupt" in victim.stderr.read()
    assert node.table("readings").version() == 0
    assert [run["status"] for run in node.bookkeeping.runs()] == ["interrupted", "completed"]
    assert list((node.dir / "staging").iterdir()) == []


def test_killed_harvest_leaves_the_node_as_it_was(node, toy, toy_source):
    harvest(node, toy, str(toy_source), workers=1)
    write_toy(toy_source / "a.toy", [("AAA", 111.0)])
    interrupt_slow_harvest(node, toy_source, signal.SIGKILL, workers=1)
    before = QueryEngine(node).arrow("SELECT station, value FROM lab.readings ORDER BY value")
    assert before["value"].to_pylist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    report = harvest(node, toy, str(toy_source), workers=1)
    assert report.summary.files_changed == 1
    after = QueryEngine(node).arrow("SELECT value FROM lab.readings ORDER BY value")
    assert after["value"].to_pylist() == [3.0, 4.0, 5.0, 111.0]
    statuses = [run["status"] for run in node.bookkeeping.runs()]
    assert statuses == ["completed", "interrupted", "completed"]
    assert list((node.dir / "staging").iterdir()) == []
