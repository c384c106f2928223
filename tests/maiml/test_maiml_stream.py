"""The streaming reader yields what the full parse holds, in bounded memory, and fails clearly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from maiml import MaimlParseError, iter_instances, iter_items, parse, to_bytes, write
from maiml.generate import electrolyte_synthesis, insitu_xrd


def _expected(doc):  # type: ignore[no-untyped-def]
    return [(results.id, instance) for results, instance in doc.instances()]


def test_instances_and_items_match_the_full_parse(nims: Path) -> None:
    path = nims / "gc-ms.maiml"
    doc = parse(path)
    assert [(s.results_id, s.instance) for s in iter_instances(path)] == _expected(doc)
    items = list(iter_items(path))
    expected = [
        (r.id, i.kind, i.id, i.ref, item)
        for r, i in doc.instances()
        for item in [*i.properties, *i.contents]
    ]
    assert [
        (s.results_id, s.instance_kind, s.instance_id, s.template_ref, s.item) for s in items
    ] == expected
    assert items[0].item.line == expected[0][-1].line == 590  # lines are those of the file


def test_stream_from_bytes_and_unqualified(nims: Path) -> None:
    doc = electrolyte_synthesis()
    data = to_bytes(doc)
    assert [(s.results_id, s.instance) for s in iter_instances(data)] == _expected(doc)
    unqualified = nims / "invalid-no-namespace.maiml"
    with pytest.raises(MaimlParseError, match="must be in namespace"):
        next(iter_items(unqualified))
    streamed = [
        (s.results_id, s.instance) for s in iter_instances(unqualified, accept_unqualified=True)
    ]
    assert (
        streamed == _expected(parse(unqualified, accept_unqualified=True, resolve_refs=False))
        and len(streamed) == 35
    )


def test_stream_errors_name_file_and_line(tmp_path: Path) -> None:
    data = to_bytes(electrolyte_synthesis())
    cut = tmp_path / "cut.maiml"
    cut.write_bytes(data[: len(data) * 2 // 3])
    seen = []
    with pytest.raises(MaimlParseError) as caught:
        for streamed in iter_instances(cut):
            seen.append(streamed)
    assert seen and caught.value.file == str(cut) and caught.value.line
    with pytest.raises(MaimlParseError, match="root element is <html>"):
        list(iter_items(b"<html><body/></html>"))


# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's (pytest's) high-water mark
_PEAK = """
import json, re, sys
from pathlib import Path
from maiml import iter_items, parse
kind, path = sys.argv[1:]
count = sum(1 for _ in iter_items(path)) if kind == "stream" else len(list(parse(path).instances()))
peak = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
print(json.dumps({"count": count, "peak_mb": peak}))
"""


def _peak(kind: str, path: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, kind, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
def test_streaming_memory_does_not_grow_with_the_document(tmp_path: Path) -> None:
    small, large = tmp_path / "small.maiml", tmp_path / "large.maiml"
    write(insitu_xrd(2_000_000), small)
    write(insitu_xrd(40_000_000), large)
    assert large.stat().st_size > 35_000_000
    small_peak, large_peak = _peak("stream", small), _peak("stream", large)
    assert large_peak["count"] > 10 * small_peak["count"]
    assert large_peak["peak_mb"] < small_peak["peak_mb"] + 15, (small_peak, large_peak)
    full = _peak("full", large)
    assert full["peak_mb"] > large_peak["peak_mb"] + 60  # what streaming saves
