"""Full-text search over a node's datasets (tantivy, BM25) with filters and facets.

One document per dataset holds its title, description, keywords, column names and
descriptions, the codes of its code columns (stations, networks...) and the years its records
cover (so ``2011`` finds the datasets with records of 2011), each indexed as the
words of :mod:`catalog.metadata.search_text`; its domain, access level, time range and bounding
box are fast fields for filters and facet counts. Queries are built from the same words (never
parsed as query syntax), each word scored in every field with that field's weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import tantivy

from catalog.metadata.describe import DatasetFacts
from catalog.metadata.errors import MetadataNotBuiltError, SearchInputError
from catalog.metadata.search_text import words

TEXT_FIELDS = {"title": 3.0, "keywords": 2.0, "codes": 1.5, "description": 1.0, "years": 1.0,
               "columns": 0.5}
"""Searched fields and their weights."""
FACETS = ("domain", "access", "keyword")
BOX = ("west", "south", "east", "north")
MAX_YEARS = 200
WRITER_HEAP = 64 * 1024 * 1024


@dataclass(frozen=True)
class SearchRecord:
    """What the index holds of one dataset."""

    id: str
    title: str
    description: str
    keywords: list[str]
    columns: str
    codes: str
    domain: str
    access: str
    start: datetime | None = None
    end: datetime | None = None
    bbox: tuple[float, float, float, float] | None = None

    @property
    def years(self) -> str:
        """The years the records cover, as words (none for spans over MAX_YEARS)."""
        if not (self.start and self.end) or self.end.year - self.start.year > MAX_YEARS:
            return ""
        return " ".join(str(year) for year in range(self.start.year, self.end.year + 1))

    @classmethod
    def of(cls, facts: DatasetFacts) -> SearchRecord:
        """The search record of a described dataset."""
        coverage = facts.coverage
        return cls(
            id=f"{facts.node}.{facts.name}", title=facts.title, description=facts.description,
            keywords=facts.keywords,
            columns=" ".join(f"{c.name} {c.description}" for c in facts.columns),
            codes=" ".join(v for values in coverage.codes.values() for v in values),
            domain=facts.domain, access=facts.access, start=coverage.start, end=coverage.end,
            bbox=coverage.bbox)


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on which datasets a search may return."""

    domain: str | None = None
    access: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass
class SearchResults:
    """Ranked hits, how many datasets matched, and facet counts over all of them."""

    hits: list[dict]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``WEST,SOUTH,EAST,NORTH`` in degrees, checked; a SearchInputError names what is wrong."""
    usage = "expected WEST,SOUTH,EAST,NORTH in degrees, e.g. 129,30,146,46"
    try:
        corners = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise SearchInputError(f"invalid --bbox {text!r}: {usage}") from None
    if len(corners) != 4 or not all(math.isfinite(c) for c in corners):
        raise SearchInputError(f"invalid --bbox {text!r}: {usage}")
    west, south, east, north = corners
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise SearchInputError(f"invalid --bbox {text!r}: longitudes must be within ±180")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise SearchInputError(f"invalid --bbox {text!r}: latitudes must be within ±90")
    if south > north or west > east:
        raise SearchInputError(
            f"invalid --bbox {text!r}: WEST must not exceed EAST nor SOUTH exceed NORTH")
    return west, south, east, north


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title_text", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in FACETS:
        builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
    for name in ("start", "end"):
        builder.add_integer_field(name, stored=True, fast=True, indexed=True)
    for name in BOX:
        builder.add_float_field(name, stored=True, fast=True, indexed=True)
    return builder.build()


class SearchIndex:
    """The node's search index directory."""

    def __init__(self, directory: Path, create: bool = False) -> None:
        if not (directory / "meta.json").exists():
            if not create:
                raise MetadataNotBuiltError(
                    f"node at {directory.parent.parent} has no search index yet: run "
                    "`fedcat metadata rebuild`")
            directory.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(directory))

    def replace(self, records: list[SearchRecord], remove: list[str], everything: bool = False
                ) -> None:
        """Index ``records`` in place of their earlier versions; drop the ids in ``remove``
        (or every document first, when ``everything``)."""
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        if everything:
            writer.delete_all_documents()
        for identifier in [*remove, *(record.id for record in records)]:
            writer.delete_documents_by_term("id", identifier)
        for record in records:
            writer.add_document(_document(record))
        writer.commit()
        writer.wait_merging_threads()

    def search(self, text: str, filters: SearchFilters, limit: int = 10) -> SearchResults:
        """Datasets ranked by BM25 relevance of ``text`` (all datasets when it has no words)."""
        self.index.reload()
        searcher = self.index.searcher()
        terms = list(dict.fromkeys(words(text)))
        relevance = tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.boost_query(
                tantivy.Query.term_query(self.schema, name, term), weight))
            for term in terms for name, weight in TEXT_FIELDS.items()
        ]) if terms else tantivy.Query.all_query()
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, relevance), *((tantivy.Occur.Must, q)
                                                for q in self._filters(filters))])
        found = searcher.search(query, limit)
        hits = []
        for score, address in found.hits:
            stored = searcher.doc(address)
            hits.append({
                "dataset": stored["id"][0], "score": round(score, 4),
                "title": stored["title_text"][0], "domain": stored["domain"][0],
                "access": stored["access"][0],
                "from": _time_text(stored.get_first("start")),
                "to": _time_text(stored.get_first("end")),
                "bbox": ",".join(f"{stored[c][0]:g}" for c in BOX) if stored.get_first(
                    "west") is not None else None,
            })
        aggregations = searcher.aggregate(query, {
            name: {"terms": {"field": name, "size": 20}} for name in FACETS})
        facets = {name: {bucket["key"]: bucket["doc_count"]
                         for bucket in aggregations.get(name, {}).get("buckets", [])}
                  for name in FACETS}
        return SearchResults(hits, found.count, facets)

    def _filters(self, filters: SearchFilters) -> list[tantivy.Query]:
        schema, fast = self.schema, tantivy.Query
        queries = [fast.term_query(schema, name, value) for name, value in
                   (("domain", filters.domain), ("access", filters.access)) if value]
        if filters.bbox:
            west, south, east, north = filters.bbox
            for name, lower, upper in (("west", None, east), ("east", west, None),
                                       ("south", None, north), ("north", south, None)):
                queries.append(fast.range_query(schema, name, tantivy.FieldType.Float,
                                                lower, upper))
        if filters.start:
            queries.append(fast.range_query(schema, "end", tantivy.FieldType.Integer,
                                            _seconds(filters.start), None))
        if filters.end:
            queries.append(fast.range_query(schema, "start", tantivy.FieldType.Integer,
                                            None, _seconds(filters.end)))
        return queries


def _document(record: SearchRecord) -> tantivy.Document:
    document = tantivy.Document(
        id=record.id, title_text=record.title, domain=record.domain, access=record.access,
        keyword=record.keywords,
        title=" ".join(words(record.title)), description=" ".join(words(record.description)),
        keywords=" ".join(words(" ".join(record.keywords))),
        columns=" ".join(words(record.columns)), codes=" ".join(words(record.codes)),
        years=record.years)
    if record.start and record.end:
        document.add_integer("start", _seconds(record.start))
        document.add_integer("end", _seconds(record.end))
    if record.bbox:
        for name, value in zip(BOX, record.bbox):
            document.add_float(name, value)
    return document


def _seconds(moment: datetime) -> int:
    """Seconds since the epoch (times without a zone are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _time_text(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
