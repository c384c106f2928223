"""The typed tables of KEGG flat files (COMPOUND, ENZYME, PATHWAY, ORTHOLOGY, REACTION, GENES)
and which table a record goes to (the generic long table when its database has none)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from adapters.kegg import kegg_values as values
from adapters.kegg.kegg_arrow import (
    explode,
    first_or_null,
    group_join,
    group_lists,
    keep_matching,
    numpy_of,
    split_groups,
)
from adapters.kegg.kegg_columns import (
    BRITE,
    COMPOUND_REFS,
    DB_LINKS,
    GENERIC_TABLE,
    GENES,
    ID_NAMES,
    Column,
    Extract,
    FlatTable,
    brite,
    common_columns,
    compound_refs,
    db_links,
    decimal,
    entry_id,
    field_text,
    first_word,
    genes,
    id_names,
    ids,
    iri,
    semicolons,
    text,
    typed_table,
    words,
)
from adapters.kegg.kegg_flat import FlatChunk, TableView
from adapters.kegg.kegg_ids import EC_NUMBER, iri_prefix
from adapters.kegg.kegg_specs import STRING, STRINGS, struct_list

GENOME_ID = r"T\d{5}"
GENE_TYPES = ["CDS", "tRNA", "rRNA", "ncRNA", "misc_RNA", "tmRNA", "snRNA", "snoRNA", "scRNA",
              "repeat_region"]
TERMS = struct_list("compound_id", "coefficient")
DIGITS = "0123456789"


def _iri_column(database: str) -> Column:
    return Column("iri", STRING, "identifiers.org IRI of the entry.", iri(database))


def _pathways() -> Column:
    return Column("pathways", ID_NAMES, "Pathways the entry is on: (pathway id, name).",
                  id_names("PATHWAY"))


def _modules() -> Column:
    return Column("modules", ID_NAMES, "KEGG modules: (module id, name).", id_names("MODULE"))


def _orthology() -> Column:
    return Column("orthology", ID_NAMES, "KEGG Orthology groups: (KO id, name).",
                  id_names("ORTHOLOGY"))


def _brite() -> Column:
    return Column("brite", BRITE, "BRITE hierarchy leaves: (hierarchy, path from the top).",
                  brite)


def _symbols_and_name(view: TableView) -> tuple[pa.Array, pa.Array]:
    """Symbols text and name in either layout: current ``SYMBOL`` + ``NAME``, or older
    ``NAME`` (the symbols) + ``DEFINITION`` (the name)."""

    def compute() -> tuple[pa.Array, pa.Array]:
        current = pa.array(view.has("SYMBOL") | ~view.has("DEFINITION"))
        name = field_text(view, "NAME")
        return (pc.if_else(current, field_text(view, "SYMBOL"), name),
                pc.if_else(current, name, field_text(view, "DEFINITION")))

    return view.memo("symbols and name", compute)


def _symbols() -> Column:
    return Column("symbols", STRINGS,
                  "Gene symbols (SYMBOL; in older files the NAME field, which then held them).",
                  lambda view: values.split_list(_symbols_and_name(view)[0], ","))


def _name() -> Column:
    return Column("name", STRING,
                  "Name (NAME; in older files the DEFINITION field, which then held it).",
                  lambda view: _symbols_and_name(view)[1])


def _is_obsolete(view: TableView) -> pa.Array:
    name = field_text(view, "NAME")
    gone = pc.or_(pc.starts_with(name, "Transferred to"), pc.starts_with(name, "Deleted entry"))
    return pc.or_(pc.fill_null(gone, False), _has_kind(view, "Obsolete"))


def _has_kind(view: TableView, kind: str) -> pa.Array:
    parents, kinds = explode(view.kinds)
    found = np.zeros(view.n, bool)
    found[parents[numpy_of(pc.equal(kinds, kind))]] = True
    return pa.array(found)


def _transferred_to(view: TableView) -> pa.Array:
    name = field_text(view, "NAME")
    moved = pc.if_else(pc.fill_null(pc.starts_with(name, "Transferred to"), False), name,
                       pa.scalar(None, STRING))
    rows, tokens = split_groups(np.arange(view.n), moved)
    rows, tokens = keep_matching(rows, pc.utf8_trim(tokens, ",;."), EC_NUMBER.pattern)
    return group_lists(rows, tokens, view.n)


def _equation_side(side: int) -> Extract:
    return lambda view: values.equation(field_text(view, "EQUATION"))[side]


def _organism(view: TableView) -> pa.Array:
    return first_word("ORGANISM")(view)


def _gene_id(view: TableView) -> pa.Array:
    return view.memo("gene id", lambda: pc.coalesce(
        pc.binary_join_element_wise(_organism(view), view.ids, ":"), view.ids))


def _pathway_genes(view: TableView) -> pa.Array:
    """GENE of an organism pathway (``3098  HK1; hexokinase 1``) with KEGG gene ids."""
    pairs = values.id_names(view.lines("GENE"))
    parents, flat = explode(pairs)
    organisms = pc.utf8_rtrim(view.ids, DIGITS).take(pa.array(parents))
    gene_ids = pc.binary_join_element_wise(organisms, flat.field("id"), ":")
    renamed = pa.StructArray.from_arrays([gene_ids, flat.field("name")], names=["id", "name"])
    return group_lists(parents, renamed, view.n)


def _sequence_length(field: str) -> Extract:
    """The length on the first line of an AASEQ / NTSEQ field."""

    def extract(view: TableView) -> pa.Array:
        lines = view.lines(field)
        first = lines.first_of_owner()
        return values.integer(group_join(lines.rows[first], pc.utf8_trim_whitespace(
            lines.values.filter(pa.array(first))), view.n, " "))

    return extract


def _sequence(field: str) -> Extract:
    """The residues on the lines after the first of an AASEQ / NTSEQ field."""

    def extract(view: TableView) -> pa.Array:
        lines = view.lines(field)
        rest = ~lines.first_of_owner()
        return group_join(lines.rows[rest], pc.utf8_trim_whitespace(
            lines.values.filter(pa.array(rest))), view.n, "")

    return extract


COMPOUNDS = typed_table("kegg_compounds", "KEGG COMPOUND entries, one row per compound.", [
    Column("compound_id", STRING, "KEGG compound id (C00031).", entry_id),
    _iri_column("compound"),
    Column("names", STRINGS, "Names, the preferred one first.", semicolons("NAME")),
    Column("formula", STRING, "Molecular formula.", text("FORMULA")),
    Column("exact_mass", pa.float64(), "Monoisotopic mass (EXACT_MASS; MASS in older files).",
           decimal("EXACT_MASS", "MASS")),
    Column("mol_weight", pa.float64(), "Molecular weight.", decimal("MOL_WEIGHT")),
    Column("remark", STRING, "REMARK (e.g. 'Same as: D00009').", text("REMARK")),
    Column("comment", STRING, "COMMENT text.", text("COMMENT")),
    Column("reactions", STRINGS, "Reactions the compound takes part in (R ids).",
           ids("REACTION", "R")),
    _pathways(),
    _modules(),
    Column("enzymes", STRINGS, "EC numbers of enzymes acting on the compound.",
           words("ENZYME")),
    _brite(),
    *common_columns(),
])

ENZYMES = typed_table("kegg_enzymes", "KEGG ENZYME entries (EC numbers), one row per entry, "
                      "obsolete and transferred entries included.", [
    Column("ec_number", STRING, "EC number (1.1.1.1).", entry_id),
    _iri_column("enzyme"),
    Column("obsolete", pa.bool_(), "Whether the entry is obsolete (deleted or transferred).",
           _is_obsolete),
    Column("transferred_to", STRINGS, "EC numbers an obsolete entry was transferred to.",
           _transferred_to),
    Column("names", STRINGS, "Names, the accepted one first.", semicolons("NAME")),
    Column("classes", STRINGS, "CLASS: class, subclass and sub-subclass names.",
           semicolons("CLASS")),
    Column("sysname", STRING, "Systematic name.", text("SYSNAME")),
    Column("reaction", STRING, "Reaction text as IUBMB gives it (REACTION).", text("REACTION")),
    Column("all_reactions", STRINGS, "KEGG reactions of the enzyme (ALL_REAC R ids).",
           ids("ALL_REAC", "R")),
    Column("substrates", COMPOUND_REFS, "Substrates: (name, KEGG compound id).",
           compound_refs("SUBSTRATE")),
    Column("products", COMPOUND_REFS, "Products: (name, KEGG compound id).",
           compound_refs("PRODUCT")),
    Column("cofactors", COMPOUND_REFS, "Cofactors: (name, KEGG compound id).",
           compound_refs("COFACTOR")),
    Column("comment", STRING, "COMMENT text.", text("COMMENT")),
    Column("history", STRING, "HISTORY text.", text("HISTORY")),
    _pathways(),
    _orthology(),
    Column("genes", GENES, "Genes per organism: (organism code, KEGG gene id, symbol).",
           genes()),
    *common_columns(),
])

PATHWAYS = typed_table("kegg_pathways", "KEGG PATHWAY entries: reference maps (map, ko, ec, "
                       "rn) and organism pathways (hsa...), one row per pathway.", [
    Column("pathway_id", STRING, "Pathway id (map00010, hsa00010).", entry_id),
    _iri_column("pathway"),
    Column("prefix", STRING, "Map prefix: map, ko, ec, rn or an organism code.",
           lambda view: pc.utf8_rtrim(view.ids, DIGITS)),
    Column("number", STRING, "Map number (00010), shared by every version of the map.",
           lambda view: pc.utf8_ltrim(view.ids, "abcdefghijklmnopqrstuvwxyz_")),
    Column("name", STRING, "Pathway name.", text("NAME")),
    Column("description", STRING, "DESCRIPTION text.", text("DESCRIPTION")),
    Column("classes", STRINGS, "CLASS: category and sub-category.", semicolons("CLASS")),
    Column("organism", STRING, "ORGANISM of an organism pathway.", text("ORGANISM")),
    _modules(),
    Column("diseases", ID_NAMES, "Diseases: (disease id, name).", id_names("DISEASE")),
    Column("drugs", ID_NAMES, "Drugs: (drug id, name).", id_names("DRUG")),
    _orthology(),
    Column("genes", ID_NAMES, "Genes of an organism pathway: (KEGG gene id, name).",
           _pathway_genes),
    Column("compounds", ID_NAMES, "Compounds on the map: (compound id, name).",
           id_names("COMPOUND")),
    Column("related_pathways", ID_NAMES, "REL_PATHWAY: (pathway id, name).",
           id_names("REL_PATHWAY")),
    Column("ko_pathway", STRING, "The KO version of the map (KO_PATHWAY).",
           first_word("KO_PATHWAY")),
    *common_columns(),
])

ORTHOLOGY = typed_table("kegg_orthology", "KEGG ORTHOLOGY (KO) entries, one row per KO; "
                        "current (SYMBOL + NAME) and older (NAME + DEFINITION) layouts alike.", [
    Column("ko_id", STRING, "KO id (K00844).", entry_id),
    _iri_column("orthology"),
    _symbols(),
    _name(),
    Column("ec_numbers", STRINGS, "EC numbers in the name's [EC:…] (levels may be '-').",
           lambda view: values.ec_numbers(_symbols_and_name(view)[1])),
    _pathways(),
    _modules(),
    Column("diseases", ID_NAMES, "Diseases: (disease id, name).", id_names("DISEASE")),
    _brite(),
    Column("genes", GENES, "Genes per organism: (organism code, KEGG gene id, symbol).",
           genes()),
    *common_columns(),
])

REACTIONS = typed_table("kegg_reactions", "KEGG REACTION entries, one row per reaction.", [
    Column("reaction_id", STRING, "Reaction id (R00299).", entry_id),
    _iri_column("reaction"),
    Column("names", STRINGS, "Names.", semicolons("NAME")),
    Column("definition", STRING, "Equation with compound names.", text("DEFINITION")),
    Column("equation", STRING, "Equation with compound ids.", text("EQUATION")),
    Column("left", TERMS, "Left side of the equation: (compound id, coefficient).",
           _equation_side(0)),
    Column("right", TERMS, "Right side of the equation: (compound id, coefficient).",
           _equation_side(1)),
    Column("comment", STRING, "COMMENT text.", text("COMMENT")),
    Column("rclass", ID_NAMES, "Reaction classes: (RC id, reactant pair such as C00002_C00008).",
           id_names("RCLASS")),
    Column("enzymes", STRINGS, "EC numbers of enzymes catalysing the reaction.",
           words("ENZYME")),
    _pathways(),
    _modules(),
    _orthology(),
    *common_columns(),
])

GENES_TABLE = typed_table("kegg_genes", "KEGG GENES entries, one row per gene.", [
    Column("gene_id", STRING, "KEGG gene id, organism:gene (hsa:3098).", _gene_id),
    Column("iri", STRING, "identifiers.org IRI of the gene.",
           lambda view: pc.binary_join_element_wise(iri_prefix("genes"), _gene_id(view), "")),
    Column("organism", STRING, "KEGG organism code (hsa).", _organism),
    Column("genome", STRING, "KEGG genome id (T01001) from the ENTRY line.",
           lambda view: pc.if_else(_is_genome(view.databases), view.databases,
                                   pa.scalar(None, STRING))),
    Column("type", STRING, "Gene type from the ENTRY line (CDS, tRNA...).",
           lambda view: first_or_null(view.kinds)),
    _symbols(),
    _name(),
    _orthology(),
    _pathways(),
    _modules(),
    _brite(),
    Column("position", STRING, "Position on the genome (chromosome:start..end).",
           text("POSITION")),
    Column("motifs", DB_LINKS, "Protein motifs: (database, motif).", db_links("MOTIF")),
    Column("structures", DB_LINKS, "3D structures: (database, id).", db_links("STRUCTURE")),
    Column("aa_length", pa.int32(), "Protein length (AASEQ).", _sequence_length("AASEQ")),
    Column("aa_sequence", STRING, "Protein sequence.", _sequence("AASEQ")),
    Column("nt_length", pa.int32(), "Nucleotide length (NTSEQ).", _sequence_length("NTSEQ")),
    Column("nt_sequence", STRING, "Nucleotide sequence.", _sequence("NTSEQ")),
    *common_columns(),
])

FLAT_TABLES = [COMPOUNDS, ENZYMES, PATHWAYS, ORTHOLOGY, REACTIONS, GENES_TABLE, GENERIC_TABLE]

_BY_DATABASE = {"Compound": COMPOUNDS, "Enzyme": ENZYMES, "Pathway": PATHWAYS,
                "KO": ORTHOLOGY, "Orthology": ORTHOLOGY, "Reaction": REACTIONS}


def _is_genome(databases: pa.Array) -> pa.Array:
    return pc.match_substring_regex(databases, f"^{GENOME_ID}$")


def assign_tables(chunk: FlatChunk) -> list[tuple[FlatTable, np.ndarray]]:
    """The records of a block grouped by table: by the database on their ENTRY line (a gene
    by its genome id or gene type); the generic long table for databases without one."""
    generic = FLAT_TABLES.index(GENERIC_TABLE)
    codes = np.full(chunk.n_records, generic)
    for database, table in _BY_DATABASE.items():
        codes[numpy_of(pc.equal(chunk.databases, database))] = FLAT_TABLES.index(table)
    gene_type = pc.is_in(first_or_null(chunk.record_kinds), pa.array(GENE_TYPES))
    gene = pc.or_(_is_genome(chunk.databases), pc.fill_null(gene_type, False))
    codes[(codes == generic) & numpy_of(gene)] = FLAT_TABLES.index(GENES_TABLE)
    return [(table, np.flatnonzero(codes == index)) for index, table in enumerate(FLAT_TABLES)
            if (codes == index).any()]

