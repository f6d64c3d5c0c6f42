"""parse_target_date over the labelled Target Date cells in data/dates.tsv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from actionplans.extract.dates import parse_target_date

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
