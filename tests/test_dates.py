"""parse_target_date over the labelled Target Date cells in data/dates.tsv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from actionplans.extract.dates import mend_misread, parse_target_date

DATA = Path(__file__).parent / "data" / "dates.tsv"

# Readings still wrong, kept as expected failures so the labels stay honest.
KNOWN_WRONG: dict[str, str] = {}


def _cases():
    with DATA.open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    for i, row in enumerate(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)):
        text = row["text"].replace("\\n", "\n")
        marks = [pytest.mark.xfail(reason=KNOWN_WRONG[text], strict=True)] if text in KNOWN_WRONG else []
        yield pytest.param(text, row, id=f"{i}-{text.strip()[:40]}", marks=marks)


def _opt(value: str):
    return None if value == "-" else value


@pytest.mark.parametrize(("text", "row"), list(_cases()))
def test_labelled(text, row):
    base = None if row["base"] == "-" else dt.date.fromisoformat(row["base"])
    got = parse_target_date(text, base)
    assert got.text == text
    assert (str(got.due) if got.due else None, got.precision, got.status) == (
        _opt(row["due"]), _opt(row["precision"]), row["status"])


def test_labelled_set_is_large_enough():
    assert len(list(_cases())) >= 200


def test_relative_forms_never_use_the_run_date():
    assert parse_target_date("within 3 months").due is None
    assert parse_target_date("end of July", dt.date(2020, 12, 18)).due == dt.date(2021, 7, 31)


def test_datetime_base_is_accepted():
    assert parse_target_date("next month", dt.datetime(2021, 1, 5, 13, 0)).due == dt.date(2021, 2, 28)


@pytest.mark.parametrize(("read", "printed"), [
    ("3lst December 2021", "31st December 2021"),  # letters read for a day's digits, its suffix agreeing
    ("3ist January 2022", "31st January 2022"),
    ("Ist April 2022", "1st April 2022"),
    ("lOth May 2021", "10th May 2021"),
    ("By end of March 2O22", "By end of March 2022"),
    ("3O/06/2021", "30/06/2021"),
    ("Jan-2l", "Jan-21"),
    ("End of Qi 2020/21", "End of Q1 2020/21"),  # a quarter's '1' read as a letter
    ("Ql 2019/20", "Q1 2019/20"),
    ("O3 2022/23", "Q3 2022/23"),  # ... its 'Q' as an 'O'
    ("Q1.2019/20", "Q1 2019/20"),  # a quarter run into its year, a speck between
    ("Q12019/20", "Q1 2019/20"),
    ("April f 2024 (review of processes)", "April 2024 (review of processes)"),  # a speck read as a letter
    ("I January 2021", "January 2021"),  # ... opening the entry, before a word the date reads (gen-6733-036)
    ("A April2021", "April 2021"),
    ("arch 2021", "March 2021"),  # a month that lost its first letter at the cell's edge (gen-6733-036)
    ("31st ecember 2021", "31st December 2021"),
    ("Tobe confirmed", "To be confirmed"),  # a status's words run together
    ("30 Navember 2018", "30 November 2018"),  # a month's name one letter off, a year dating it (gen-5527-037)
    ("Aueust 2023", "August 2023"),
    ("Oat22", "Oct22"),  # a month's short form one letter off, its year after it (gen-5190-035)
    ("Oat-22", "Oct-22"),
    ("Mat22", "Mat22"),  # ... as near 'Mar' as 'May': undecidable
    ("Aprili2020 (subject to funding)", "April 2020 (subject to funding)"),  # the space read as a stroke (gen-5527-017)
    ("34st July 2023", "31st July 2023"),  # a day no month has, its suffix naming its last digit (gen-5527-020)
    ("31 st December 2019", "31st December 2019"),  # an ordinal's suffix parted from its day (gen-6733-034)
    ("24st July 2023", "24st July 2023"),  # ... a day: which of number or suffix OCR misread is undecidable
    ("3 th May 2021", "3 th May 2021"),  # ... a suffix that is not the number's stays parted
    ("April = July 2020", "April – July 2020"),  # a range's dash read as '=' between two months (gen-5527-024)
    ("April = 2020", "April = 2020"),
    ("Within three — months", "Within three months"),  # a speck read as a dash inside a date (gen-6029-006)
    ("Navember", "Navember"),  # ... a month's name one letter off with no year: nothing confirms it
    ("Marsh 2021", "Marsh 2021"),  # ... an English word
    ("April – June 2021", "April – June 2021"),  # a range's dash: the words each side are read already
    ("Q1 - 2021/22", "Q1 - 2021/22"),
    # what the grammar cannot confirm stays as read
    ("Sist January 2022", "Sist January 2022"),  # '51st' is no day
    ("3lth May 2021", "3lth May 2021"),  # '31th': the suffix is not the number's
    ("3i1st July 2019", "3i1st July 2019"),
    ("31st August 201 5", "31st August 201 5"),  # a split year is never joined: the page printed 2019
    ("Dleacemabe 2024 r (subject to funding)", "Dleacemabe 2024 r (subject to funding)"),
    ("may - aueust 2099", "may - August 2099"),  # the month one letter off; the year OCR misread is undecidable
    ("gak 2022/23", "gak 2022/23"),
    ("Tobe", "Tobe"),
    ("COVID19 2021", "COVID19 2021"),
    ("is 2021", "is 2021"),
    ("April 2024 f", "April 2024 f"),  # a letter the date reads the same without stays
    ("A review by April 2021", "A review by April 2021"),  # ... and one opening words the date does not read
    ("ay 2021", "ay 2021"),  # two letters are too few to name a month
    ("31st Marc 2022", "31st March 2022"),  # a month's name that lost its last letter, where it dates the entry
    ("30th Septembe 2021", "30th September 2021"),
    ("31st Marc! 2022", "31st March 2022"),  # ... a stroke read where it stood
    ("Marc", "Marc"),  # ... and not where nothing dates it (a name too)
    ("Jun 2021", "Jun 2021"),  # an abbreviation is read as it stands
    ("End of QL 2021/22", "End of Q1 2021/22"),  # a quarter's '1' read as a capital 'L'
    # what was read right is left alone
    ("31st December 2021", "31st December 2021"),
    ("December 2024 (subject to funding)", "December 2024 (subject to funding)"),
    ("September – December 2018", "September – December 2018"),
])
def test_ocr_misreadings_in_a_date_entry_are_put_back_where_the_date_grammar_confirms_them(read, printed):
    assert mend_misread(read) == printed


def test_a_mended_date_entry_reads_as_the_page_printed_it():
    assert parse_target_date(mend_misread("End of Qi 2020/21")).due == dt.date(2020, 6, 30)  # not FY 2020/21's end
    assert parse_target_date(mend_misread("Tobe confirmed")).status == "to_be_confirmed"
