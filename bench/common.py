"""Shared helpers of the benchmark scripts: timing subprocesses side by side, reporting."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PYTHON = sys.executable


def timed_run(command: list[str]) -> float:
    """Wall seconds of one command run to completion (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternate(commands: dict[str, list[str]], repeats: int) -> dict[str, list[float]]:
    """Run the commands in turn ``repeats`` times (so machine noise hits each alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            times[name].append(timed_run(command))
    return times


def median(values: list[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def fedcat_command(*args: str) -> list[str]:
    """The installed fedcat CLI, as a user runs it."""
    return [str(Path(PYTHON).with_name("fedcat")), *args]
