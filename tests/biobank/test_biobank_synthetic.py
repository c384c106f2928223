"""The synthetic cohort generator: deterministic, plausible, consistent with itself."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from adapters.kegg.biobank import synthetic
from adapters.kegg.biobank.synthetic import build_cohort


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    first = build_cohort(tmp_path / "a", participants=40, variants=30, seed=3)
    again = build_cohort(tmp_path / "b", participants=40, variants=30, seed=3)
    other = build_cohort(tmp_path / "c", participants=40, variants=30, seed=4)
    for name in ("panel", "genotypes", "table", "dictionary"):
        assert getattr(first, name).read_bytes() == getattr(again, name).read_bytes(), name
    assert first.genotypes.read_bytes() != other.genotypes.read_bytes()
    assert first.table.read_bytes() != other.table.read_bytes()


def test_docstring_says_it_is_generated():
    text = synthetic.__doc__.lower()
    assert "generated" in text and "real individual data can never be shipped" in text


def test_panel_counts_agree_with_the_genotypes(cohort, parse, secret):
    panel = parse(cohort.panel)
    genotypes = parse(cohort.genotypes)
    assert set(panel) == {"variant_frequencies"}
    assert set(genotypes) == {"variant_frequencies", "genotypes"}
    frequencies = panel["variant_frequencies"]
    assert frequencies.num_rows > 150  # some sites are multi-allelic
    calls = genotypes["genotypes"]
    assert calls.num_rows == 300 * frequencies.num_rows
    sums = calls.group_by("variant_key").aggregate([("dosage", "sum")])
    counted = dict(zip(sums["variant_key"].to_pylist(), sums["dosage_sum"].to_pylist()))
    for key, ac, an, af in zip(*(frequencies[name].to_pylist()
                                 for name in ("variant_key", "ac", "an", "af"))):
        assert counted[key] == ac
        assert af == pytest.approx(ac / an, rel=1e-4, abs=1e-7)
    assert set(frequencies["filter"].to_pylist()) <= {"PASS", "LowQual", "HWE"}


def test_survey_distributions_are_plausible(tmp_path, parse, secret):
    cohort = build_cohort(tmp_path, participants=2000, variants=5, seed=11)
    measurements = parse(cohort.table)["measurements"]

    def values(variable):
        chosen = measurements.filter(pc.equal(measurements["variable"], variable))
        return chosen["value_number"], chosen["value_string"]

    height, _ = values("height")
    assert 155 < pc.mean(height).as_py() < 168
    bmi, _ = values("bmi")
    assert 21 < pc.mean(bmi).as_py() < 25
    assert 0.01 < 1 - len(bmi) / 2000 < 0.08  # a few missing, where height or weight is
    years, _ = values("birth_date_year")
    assert 1935 <= pc.min(years).as_py() and pc.max(years).as_py() <= 2004
    _, sex = values("sex")
    assert 0.40 < sex.to_pylist().count("1") / 2000 < 0.50
