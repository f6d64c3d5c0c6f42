"""A row-level problem never loses a document: its good rows load, the doubtful row is kept with its reason.

tests/data/degrade/regress-broken-row.pdf is a sample plan rendered by corpus/regress.py (python-docx and
LibreOffice): four recommendations on page 2, where recommendation 2's text cell is empty and the first
action of recommendation 3's response ("Recruit two physical education instructors.") has the target date
"when funding allows", which no date rule reads. Everything else in it is an ordinary plan.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from actionplans.extract.pipeline import extract_with_problems
from cli_run import invoke

PDF = Path(__file__).resolve().parent / "data" / "degrade" / "regress-broken-row.pdf"
EMPTY = "recommendation text is empty"
UNDATED = "target date not understood: when funding allows"
RECRUIT = "Recruit two physical education instructors."


@pytest.fixture(scope="module")
def read():
    return extract_with_problems(PDF, annotate=False)


def test_the_broken_rows_do_not_lose_the_document(read):
    doc, problems = read
    assert problems == []
    assert [r.ref for r in doc.recommendations] == ["1", "2", "3", "4"]
    first, empty, gym, last = doc.recommendations
    assert first.text == "Leaders should make sure that every prisoner has a keyworker session each week."
    assert [(a.text, a.owners, a.target_date.text) for a in first.actions] == [
        ("Publish a keyworker rota for every wing.", ["Head of Residence"], "March 2022"),
        ("Report completed sessions to the senior leadership team.", ["Deputy Governor"], "Monthly")]
    assert last.text == "Prisoners should receive their property within two weeks of arrival."
    assert [a.owners for a in last.actions] == [["Reception Supervisor"]]
    # the row with no recommendation text keeps its decision and its actions, owners and dates
    assert empty.text == "" and empty.decision == "agreed"
    assert [(a.owners, a.target_date.text) for a in empty.actions] == [
        (["Head of Residence"], "April 2022"), (["Residential Custodial Manager"], "Weekly")]
    assert gym.decision == "partly_agreed"


def test_each_doubtful_record_says_what_is_wrong(read):
    doc, _ = read
    first, empty, gym, last = doc.recommendations
    assert empty.warnings == [EMPTY]
    assert all(not a.warnings for a in empty.actions)
    recruit = next(a for a in gym.actions if a.text == RECRUIT)
    assert recruit.target_date.text == "when funding allows"
    assert recruit.target_date.due is None
    assert recruit.warnings == [UNDATED]
    assert gym.warnings == []
    assert all(not a.warnings for a in gym.actions if a is not recruit)
    for ok in (first, last):                     # nothing doubtful, nothing said
        assert ok.warnings == [] and all(not a.warnings for a in ok.actions)


def test_quality_lists_the_warnings_by_row(read):
    doc, _ = read
    rows = [(w.page, w.ref, w.message) for w in doc.quality.warnings]
    assert len(rows) == 2
    assert (2, "2", EMPTY) in rows
    page, ref, message = next(r for r in rows if r[1] == "3")
    assert page == 2 and message.endswith(UNDATED)


def test_the_database_lists_them_for_review_with_the_page(tmp_path):
    db = tmp_path / "plans.db"
    result = invoke(["extract", "--no-annotate", "--workers", "1", str(PDF), "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    assert con.execute("SELECT recommendations, provenance FROM documents").fetchone()[:] == (4, "sample")
    assert [r[0] for r in con.execute("SELECT ref FROM recommendations ORDER BY position")] == ["1", "2", "3", "4"]
    assert con.execute("SELECT count(*) FROM invalid_records").fetchone()[0] == 0
    review = [dict(r) for r in con.execute("SELECT * FROM needs_review")]
    assert len(review) == 2
    rec_row = next(r for r in review if r["ref"] == "2")
    assert rec_row["warning"] == EMPTY and rec_row["page"] == 2 and rec_row["action_id"] is None
    assert rec_row["establishment"] == "HMP Oldcastle Reach" and rec_row["pdf"] == str(PDF)
    act_row = next(r for r in review if r["ref"] == "3")
    assert act_row["warning"] == UNDATED and act_row["page"] == 2
    text, position = con.execute("SELECT text, position FROM actions WHERE id = ?", (act_row["action_id"],)).fetchone()
    assert text == RECRUIT and position == act_row["action_no"]
