"""Phenotype tables with their data dictionaries: the real CNSIM cohort and bad tables."""

from __future__ import annotations

import csv
import hmac
import shutil
from pathlib import Path

import pyarrow.compute as pc
import pytest

from adapters.base import ParseError
from adapters.kegg.biobank.pseudonyms import SECRET_ENV

HERE = Path(__file__).resolve().parent
DICTIONARY = HERE / "datashield_CNSIM1.dictionary.csv"
CNSIM_VARIABLES = ["LAB_TSC", "LAB_TRIG", "LAB_HDL", "LAB_GLUC_ADJUSTED", "PM_BMI_CONTINUOUS",
                   "DIS_CVA", "MEDI_LPD", "DIS_DIAB", "DIS_AMI", "GENDER", "PM_BMI_CATEGORICAL"]
MISSING = {"LAB_TSC": 356, "LAB_TRIG": 362, "LAB_HDL": 360, "LAB_GLUC_ADJUSTED": 341,
           "PM_BMI_CONTINUOUS": 97, "PM_BMI_CATEGORICAL": 97}
"""Missing values per column as PROVENANCE.txt counts them."""


@pytest.fixture
def cnsim(real, tmp_path) -> Path:
    """The real CNSIM1 table with our dictionary next to it, in a scratch folder."""
    shutil.copy(real / "datashield_CNSIM1.csv", tmp_path / "datashield_CNSIM1.csv")
    shutil.copy(DICTIONARY, tmp_path / "datashield_CNSIM1.dictionary.csv")
    return tmp_path / "datashield_CNSIM1.csv"


def table(folder: Path, name: str, text: str, dictionary: str) -> Path:
    """Write a table and its dictionary (a header row is prepended to the dictionary)."""
    (folder / f"{name}.dictionary.csv").write_text(
        "column,type,unit,min,max,categories,identifier,transform,description\n" + dictionary)
    path = folder / f"{name}.csv"
    path.write_text(text)
    return path


SMALL = "id,glucose,smoker\nP1,5.5,0\nP2,,1\nP3,7.25,2\n"
SMALL_DICTIONARY = ("id,string,,,,,participant,,\n"
                    "glucose,number,mmol/L,0,40,,,,fasting glucose\n"
                    "smoker,category,,,,0=never|1=former|2=current,,,\n")


def test_cnsim_lands_in_long_format(cnsim, parse, secret):
    tables = parse(cnsim)
    participants, measurements = tables["participants"], tables["measurements"]
    assert participants.num_rows == 2163
    assert set(participants["table"].to_pylist()) == {"datashield_CNSIM1"}
    counts = dict(zip(*pc.value_counts(measurements["variable"]).flatten()))
    counts = {key.as_py(): value.as_py() for key, value in counts.items()}
    assert counts == {name: 2163 - MISSING.get(name, 0) for name in CNSIM_VARIABLES}
    with open(cnsim, newline="") as handle:
        cells = [row for row in csv.reader(handle)][1:]
    assert measurements.num_rows == sum(cell != "" for row in cells for cell in row[1:])


def test_cnsim_values_types_and_units(cnsim, parse, secret):
    measurements = parse(cnsim)["measurements"]
    first = hmac.digest(secret, b"1", "sha256").hex()[:32]
    row_one = {row["variable"]: row for row in measurements.to_pylist()
               if row["participant"] == first}
    assert row_one["LAB_TSC"]["value_number"] == 2.412
    assert row_one["LAB_TSC"]["unit"] == "mmol/L"
    assert row_one["PM_BMI_CONTINUOUS"]["unit"] == "kg/m2"
    assert row_one["PM_BMI_CATEGORICAL"]["value_string"] == "3"
    assert row_one["GENDER"]["value_string"] == "0" and row_one["GENDER"]["value_number"] is None
    assert "LAB_GLUC_ADJUSTED" not in row_one  # empty cell: no row
    triglycerides = measurements.filter(pc.equal(measurements["variable"], "LAB_TRIG"))
    assert pc.min(triglycerides["value_number"]).as_py() == -3.434
    assert set(measurements.filter(pc.equal(measurements["variable"], "DIS_CVA"))
               ["value_string"].to_pylist()) == {"0"}


def test_cnsim_dictionary_becomes_the_variables_dataset(cnsim, parse, secret):
    variables = {row["variable"]: row for row in parse(cnsim)["variables"].to_pylist()}
    assert set(variables) == {"#1", *CNSIM_VARIABLES}
    assert variables["#1"]["identifier"] == "participant"
    assert dict(variables["GENDER"]["categories"]) == {"0": "female", "1": "male"}
    assert dict(variables["PM_BMI_CATEGORICAL"]["categories"]) == {
        "1": "<25", "2": "25-30", "3": ">30"}
    assert (variables["LAB_TRIG"]["minimum"], variables["LAB_TRIG"]["maximum"]) == (-5, 20)
    assert variables["LAB_HDL"]["unit"] == "mmol/L"


def test_pseudonyms_depend_on_the_node_secret(cnsim, parse, monkeypatch):
    monkeypatch.setenv(SECRET_ENV, "the-first-node-secret-0123456789")
    first = set(parse(cnsim)["participants"]["participant"].to_pylist())
    monkeypatch.setenv(SECRET_ENV, "the-other-node-secret-987654321")
    other = set(parse(cnsim)["participants"]["participant"].to_pylist())
    assert len(first) == len(other) == 2163 and not first & other
    assert not first & {str(number) for number in range(1, 2164)}


def test_value_above_its_declared_maximum_names_file_row_and_column(cnsim, parse, secret):
    dictionary = cnsim.with_name("datashield_CNSIM1.dictionary.csv")
    dictionary.write_text(dictionary.read_text().replace("LAB_TSC,number,mmol/L,0,20",
                                                         "LAB_TSC,number,mmol/L,0,9"))
    with open(cnsim, newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(n for n, cells in enumerate(rows, 1)
               if cells["LAB_TSC "] and float(cells["LAB_TSC "]) > 9)
    with pytest.raises(ParseError) as error:
        parse(cnsim)
    assert error.value.location == f"datashield_CNSIM1.csv row {row} (line {row + 1}), " \
                                   f"column 'LAB_TSC'"
    assert "is above the declared maximum 9" in str(error.value)


@pytest.mark.parametrize(("cells", "problem", "column"), [
    ("P4,abc,0", "value 'abc' is not a number", "glucose"),
    ("P4,-1,0", "value '-1' is below the declared minimum 0", "glucose"),
    ("P4,inf,0", "value 'inf' is not a finite number", "glucose"),
    ("P4,5,7", "value '7' is not one of the declared categories 0, 1, 2", "smoker"),
    (",5,1", "the participant identifier is empty", "id"),
])
def test_bad_values(tmp_path, parse, secret, cells, problem, column):
    path = table(tmp_path, "visit", SMALL + cells + "\n", SMALL_DICTIONARY)
    with pytest.raises(ParseError, match=problem) as error:
        parse(path)
    assert error.value.location == f"visit.csv row 4 (line 5), column '{column}'"


def test_columns_must_match_the_dictionary(tmp_path, parse, secret):
    path = table(tmp_path, "visit", "id,glucose,weight\nP1,5.5,70\n", SMALL_DICTIONARY)
    with pytest.raises(ParseError, match=r"the columns of visit.csv do not match "
                                         r"visit.dictionary.csv \(not in the dictionary: "
                                         r"'weight'; missing from the table: 'smoker'\)"):
        parse(path)


def test_table_without_dictionary_is_refused(tmp_path, parse, secret):
    path = tmp_path / "orphan.tsv"
    path.write_text("id\tvalue\nP1\t3\n")
    with pytest.raises(ParseError, match="expected orphan.dictionary.csv next to it"):
        parse(path)


@pytest.mark.parametrize(("column", "kind"), [
    ("name", "a person's name"), ("Home Address", "an address"),
    ("e-mail", "contact details"), ("date_of_birth", "an exact birth date"),
])
def test_direct_identifiers_are_refused(tmp_path, parse, secret, column, kind):
    kind_type = "date" if "birth" in column else "string"
    value = "1960-04-01" if kind_type == "date" else "x"
    path = table(tmp_path, "people", f"id,{column}\nP1,{value}\n",
                 f"id,string,,,,,participant,,\n{column},{kind_type},,,,,,,\n")
    with pytest.raises(ParseError, match=f"column '{column}' holds {kind}.*declare "
                                         f"identifier=direct with transform=drop"):
        parse(path)


def test_declared_direct_identifier_needs_a_transform(tmp_path, parse, secret):
    path = table(tmp_path, "people", "id,kanji\nP1,x\n",
                 "id,string,,,,,participant,,\nkanji,string,,,,,direct,,full name\n")
    with pytest.raises(ParseError, match="column 'kanji' holds a direct identifier"):
        parse(path)


def test_identifiers_dropped_or_generalised_as_declared(tmp_path, parse, secret):
    path = table(tmp_path, "people",
                 "id,name,birth_date,height\nP1,Hanako Sato,1960-04-01,158.5\n"
                 "P2,Taro Suzuki,1972-11-30,171\n",
                 "id,string,,,,,participant,,\nname,string,,,,,direct,drop,\n"
                 "birth_date,date,,,,,direct,year,date of birth\nheight,number,cm,,,,,,\n")
    tables = parse(path)
    measurements = tables["measurements"].to_pylist()
    assert {row["variable"] for row in measurements} == {"birth_date_year", "height"}
    years = [row for row in measurements if row["variable"] == "birth_date_year"]
    assert [(row["value_number"], row["unit"]) for row in years] == [(1960, "year"),
                                                                      (1972, "year")]
    text = str(tables)
    assert "Hanako" not in text and "1960-04-01" not in text and "P1" not in text
    variables = {row["variable"]: row for row in tables["variables"].to_pylist()}
    assert variables["name"]["transform"] == "drop"
    assert variables["birth_date_year"]["type"] == "integer"


def test_secret_is_required_for_a_table(tmp_path, parse, monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)
    path = table(tmp_path, "visit", SMALL, SMALL_DICTIONARY)
    with pytest.raises(ParseError, match=f"{SECRET_ENV} is not set"):
        parse(path)
    monkeypatch.setenv(SECRET_ENV, "short")
    with pytest.raises(ParseError, match="shorter than 16 characters"):
        parse(path)


@pytest.mark.parametrize(("row", "problem"), [
    ("glucose,float,,,,,,,", "type 'float' is not one of integer, number"),
    ("glucose,number,,9,1,,,,", "min 9.0 is above max 1.0"),
    ("glucose,category,,,,,,,", "categories .* are required for"),
    ("glucose,number,,,,,,year,", "transform=year needs type date"),
    ("glucose,number,,,,,secret,,", "identifier must be empty or one of"),
])
def test_bad_dictionary_rows_name_their_line(tmp_path, parse, adapter, context, secret, row,
                                             problem):
    path = table(tmp_path, "visit", "id,glucose\nP1,5\n", f"id,string,,,,,participant,,\n{row}\n")
    dictionary = path.with_name("visit.dictionary.csv")
    for target in (path, dictionary):  # the table and the dictionary's own parse both refuse
        with pytest.raises(ParseError, match=problem) as error:
            list(adapter.parse(context(target)))
        assert error.value.location == "visit.dictionary.csv line 3"


def test_dictionary_parse_yields_nothing(tmp_path, adapter, context):
    table(tmp_path, "visit", SMALL, SMALL_DICTIONARY)
    assert list(adapter.parse(context(tmp_path / "visit.dictionary.csv"))) == []


def test_tsv_table_with_quoted_and_padded_cells(tmp_path, parse, secret):
    (tmp_path / "visit.dictionary.csv").write_text(
        "column,type,unit,identifier\nid,string,,participant\nnote,string,,\n"
        "glucose,number,mmol/L,\n")
    path = tmp_path / "visit.tsv"
    path.write_text('id\tnote\tglucose\nP1\t"fasted, 10 h"\t 5.5 \nP2\tNA\t\n')
    measurements = parse(path)["measurements"].to_pylist()
    assert [(row["variable"], row["value_string"], row["value_number"])
            for row in measurements] == [("note", "fasted, 10 h", None), ("glucose", None, 5.5)]
