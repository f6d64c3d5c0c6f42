"""split_owners and describe_owner over the labelled owner entries in data/owners.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from actionplans.extract.owners import describe_owner, is_post, split_owners

DATA = Path(__file__).parent / "data" / "owners.tsv"

# Entries still read wrongly, kept as expected failures so the labels stay honest.
KNOWN_WRONG: dict[str, str] = {}


def _rows():
    with DATA.open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


def _list(value: str) -> list[str]:
    return [] if value in ("-", "") else [v.strip() for v in value.split(" | ")]


def _cases():
    for i, row in enumerate(_rows()):
        entry = row["entry"]
        marks = [pytest.mark.xfail(reason=KNOWN_WRONG[entry], strict=True)] if entry in KNOWN_WRONG else []
        yield pytest.param(row, id=f"{i}-{entry[:40]}", marks=marks)


@pytest.mark.parametrize("row", list(_cases()))
def test_split(row):
    assert split_owners(row["entry"]) == _list(row["owners"])


@pytest.mark.parametrize("row", list(_cases()))
def test_roles(row):
    owners = _list(row["owners"])
    roles = [None if r == "?" else r for r in _list(row["roles"])]
    got = [describe_owner(o) for o in owners]
    assert [o.role for o in got] == roles
    assert [o.known for o in got] == [r is not None for r in roles]
    assert all(o.text == name for o, name in zip(got, owners, strict=True))


def test_labelled_set_is_large_enough():
    assert len(_rows()) >= 150


def test_levels_and_organisation():
    hc = describe_owner("Head of Healthcare (Practice Plus Group)")
    assert (hc.level, hc.organisation, hc.known) == ("health_provider", "Practice Plus Group", True)
    assert describe_owner("Governor").level == "establishment"
    assert describe_owner("Prison Group Director").level == "prison_group"
    assert describe_owner("Chief Probation Officer").level == "probation"
    assert describe_owner("Youth Custody Service").level == "youth_custody"
    assert describe_owner("Deputy Director Digital Prison Services MOJ Digital & Technology").level == "moj"
    assert describe_owner("FM provider (GFSL)").level == "contractor"
    unknown = describe_owner("Deputy Director of Widgets")
    assert (unknown.known, unknown.role, unknown.level, unknown.text) == (
        False, None, "national", "Deputy Director of Widgets")


def test_posts_and_bodies():
    assert is_post("Deputy Director, Strategic Development Group")
    assert is_post("Head of Widgets")
    assert not is_post("Rehabilitation and Care Services Group")
    assert not is_post("NHS England")
    assert not is_post("HMPPS")
