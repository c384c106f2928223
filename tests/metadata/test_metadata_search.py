"""Search: BM25 ranking over titles, descriptions, keywords, columns and codes (Japanese too),
filters, facets, and clear errors for bad filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from catalog.metadata.errors import SearchInputError
from catalog.metadata.layout import MetadataPaths
from catalog.metadata.search_index import SearchFilters, SearchIndex, parse_bbox
from catalog.metadata.search_text import words


@pytest.fixture(scope="module")
def index(seismic_node) -> SearchIndex:
    return SearchIndex(MetadataPaths.of(seismic_node).search)


def ranked(index: SearchIndex, text: str, **filters) -> list[str]:
    return [hit["dataset"] for hit in index.search(text, SearchFilters(**filters), 10).hits]


def test_words_split_latin_names_and_pair_japanese_characters():
    assert words("Station_Latitudes (degrees)") == ["station", "latitude", "degree"]
    assert words("強震動 波形") == ["強震", "震動", "波形"]
    assert words("ＫＮＥＴ東北2011") == ["knet", "東北", "2011"]


def test_japanese_description_is_found(index):
    assert ranked(index, "東北地方太平洋沖地震")[0] == "nied.waveforms"
    assert ranked(index, "強震動")[0] == "nied.waveforms"


def test_mixed_query_ranks_the_matching_dataset_first(index):
    hits = ranked(index, "strong motion 強震動 Tohoku 2011 waveforms")
    assert hits[0] == "nied.waveforms"


def test_years_of_the_records_are_searched(index):
    assert set(ranked(index, "2011")) == {"nied.events", "nied.stations"}
    assert ranked(index, "1996") == ["nied.waveforms"]


def test_columns_descriptions_and_codes_are_searched(index):
    assert ranked(index, "hypocentres magnitude")[0] == "nied.events"
    assert ranked(index, "AKT013") == ["nied.waveforms"]  # a station code, from the data
    assert ranked(index, "sensitivity azimuth")[0] == "nied.stations"


def test_filters_and_facets(index):
    everything = index.search("seismic", SearchFilters(), 10)
    assert everything.total == 4
    assert everything.facets["domain"] == {"seismic": 4}
    assert everything.facets["access"] == {"public": 4}
    assert ranked(index, "seismic", domain="kegg") == []
    japan = ranked(index, "seismic", bbox=(129.0, 30.0, 146.0, 46.0))
    assert "nied.waveforms" in japan and "nied.waveform_samples" not in japan
    assert "nied.events" in japan
    assert ranked(index, "seismic", bbox=(-10.0, -10.0, 0.0, 0.0)) == []
    old = ranked(index, "seismic", end=datetime(1997, 1, 1, tzinfo=UTC))
    assert old == ["nied.waveforms"]  # the K-NET record of 1996
    assert "nied.waveforms" not in ranked(index, "seismic", start=datetime(2011, 1, 1,
                                                                             tzinfo=UTC))


@pytest.mark.parametrize("text, problem", [
    ("1,2,3", "expected WEST,SOUTH,EAST,NORTH"),
    ("a,b,c,d", "expected WEST,SOUTH,EAST,NORTH"),
    ("0,-95,10,10", "latitudes must be within ±90"),
    ("190,0,200,10", "longitudes must be within ±180"),
    ("10,0,0,10", "WEST must not exceed EAST"),
    ("nan,0,1,1", "expected WEST,SOUTH,EAST,NORTH"),
])
def test_bad_bbox_is_a_clear_error(text, problem):
    with pytest.raises(SearchInputError, match=problem) as raised:
        parse_bbox(text)
    assert text in str(raised.value)
