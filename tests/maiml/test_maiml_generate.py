"""The example generator: realistic, deterministic, schema-valid documents."""

from __future__ import annotations

from pathlib import Path

from maiml import check, to_bytes, validate
from maiml.generate import (
    electrolyte_synthesis,
    failed_run,
    insitu_xrd,
    write_examples,
    xrd_measurement,
)


def test_deterministic_for_a_seed() -> None:
    assert to_bytes(electrolyte_synthesis(seed=5)) == to_bytes(electrolyte_synthesis(seed=5))
    assert to_bytes(xrd_measurement(seed=5)[0]) != to_bytes(xrd_measurement(seed=6)[0])


def test_xrd_pattern_is_realistic() -> None:
    doc, raw = xrd_measurement()
    two_theta, intensity = (c.array() for c in doc.data.results[0].results[0].contents)  # type: ignore[union-attr]
    assert (
        two_theta[0] == 10.0 and two_theta[-1] == 80.0 and len(two_theta) == len(intensity) == 3501
    )
    strongest = two_theta[intensity.argmax()]
    assert abs(strongest - 35.6) < 0.1  # LiFePO4's (311) reflection
    assert raw.count(b"\n") == 3501


def test_electrolyte_runs_and_conditions() -> None:
    doc = electrolyte_synthesis(concentrations=(0.5, 1.0))
    runs = doc.data.results  # type: ignore[union-attr]
    assert [r.id for r in runs] == ["batch1", "batch2"]
    assert [c.ref for c in runs[0].conditions] == ["tpl_mixing", "tpl_cell"]
    concentration = runs[1].results[0].get_property("concentration")
    assert (
        concentration is not None
        and concentration.typed_values() == [1.0]
        and concentration.units == "mol/L"
    )
    assert len(list(doc.events())) == 8


def test_failed_run_event_log() -> None:
    doc = failed_run()
    transitions = [event.transition for _, _, event in doc.events()]
    assert transitions == ["schedule", "start", "ate_abort"]
    assert doc.data.results[0].results[0].get_property("status").value == "aborted"  # type: ignore[union-attr]


def test_examples_are_valid_documents(tmp_path: Path) -> None:
    names = [path.name for path in write_examples(tmp_path)]
    assert names == ["xrd-lfp.maiml", "electrolyte-lipf6.maiml", "xrd-aborted.maiml"]
    assert all(validate(tmp_path / name).issues == [] for name in names)


def test_insitu_size() -> None:
    doc = insitu_xrd(1_000_000)
    size = len(to_bytes(doc))
    assert 600_000 < size < 1_400_000 and check(doc) == []
