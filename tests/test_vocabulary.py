"""The plans' vocabulary said once (extract/vocabulary.py, extract/decisions.py), and every stage reading that one."""

from __future__ import annotations

import re
from typing import get_args

from actionplans.db import schema
from actionplans.extract import cells, dates, decisions, establishments, metadata, ocr, recurring, tables, vocabulary
from actionplans.schemas.models import DateStatus


def test_months_with_their_numbers_and_short_forms():
    assert len(vocabulary.MONTH_NAMES) == len(vocabulary.MONTH_ABBRS) == 12
    assert vocabulary.MONTHS["january"] == vocabulary.MONTHS["jan"] == 1
    assert vocabulary.MONTHS["may"] == 5 and vocabulary.MONTHS["sep"] == 9
    assert vocabulary.MONTH_NUMBER == {k: v for k, v in vocabulary.MONTHS.items() if len(k) > 3 or k == "may"}
    # the pattern reads a whole name, never its short form's letters alone
    assert re.match(vocabulary.MONTH_PATTERN, "June 2021", re.I).group() == "June"
    assert all(re.fullmatch(vocabulary.MONTH_PATTERN, k, re.I) for k in vocabulary.MONTHS)


def test_every_stage_reads_the_one_month_table():
    assert metadata.MONTHS is establishments.MONTHS is vocabulary.MONTHS
    assert cells.MONTH_NUMBER is vocabulary.MONTH_NUMBER and dates.MONTH_NAMES is vocabulary.MONTH_NAMES
    # the date grammar adds the spellings plans print beyond calendar's, and nothing else
    assert {k: v for k, v in dates._MONTHS.items() if k not in vocabulary.MONTHS} == {"sept": 9, "febuary": 2}
    assert metadata.parse_day("18th Dec 2020") == "2020-12-18"
    assert establishments.inspection_end("7-11 Jan 2019") == "2019-01-11"
    assert dates.parse_target_date("Sept 2021").due.isoformat() == "2021-09-30"


def test_english_words_are_loaded_once_for_every_stage():
    assert recurring.lemma_table is vocabulary.lemma_table and ocr.english is vocabulary.english
    assert vocabulary.known_words() == vocabulary.english() | vocabulary.plan_words()
    assert vocabulary.plan_words() - vocabulary.english()  # the plans' own words the lemma table lacks
    assert "governor" in vocabulary.english() and "accommodation" in vocabulary.known_words()
    assert cells.broken_word("accommodatio", "n of prisoners")  # the two pieces make a word
    w = {"text": "Amonthly", "x0": 0.0, "x1": 80.0, "top": 0.0, "bottom": 10.0}
    assert [p["text"] for p in ocr.unglue(w)] == ["A", "monthly"]


def test_decision_words_said_once_read_headings_cells_and_open_ends():
    assert decisions.DECISION_WORDS == decisions.QUALIFIERS + decisions.ANSWERS
    assert decisions.DECISION_ONLY.match("PARTIALLY AGREED") and decisions.DECISION_ONLY.match("Not accepted.")
    assert not decisions.DECISION_ONLY.match("Agreed to review")
    decision = dict(tables.HEADER_PATTERNS)["decision"]
    assert decision.search("agreed / not agreed") and decision.search("decision") and not decision.search("agreement")
    assert tables._OPEN_END.search("Agreed/ Not") and not tables._OPEN_END.search("Agreed")


def test_statuses_are_the_schemas_and_done_holds_completed():
    assert set(vocabulary.COMPLETED + vocabulary.UNMARKED) <= set(get_args(DateStatus))
    assert set(vocabulary.COMPLETED) < set(schema.DONE)
    assert "IN ('due', 'unparsed')" in schema.overdue_status()
