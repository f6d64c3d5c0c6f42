"""Owner/date entries attach to the response paragraph they sit beside."""

import pytest
from actionplans.extract.align import STACKED, Alignment, assign, unpaired
from actionplans.extract.cells import entries, paragraphs, to_lines
from actionplans.extract.pipeline import opens_date, opens_owner
from test_cells import words


def test_entries_attach_by_y_position_not_by_order():
    response = paragraphs(to_lines(words("Lead-in sentence, HMPPS will:", "\u2022 First action that", "wraps.",
                                         "\u2022 Second action.", "\u2022 Third action.", x0=300)))
    # Owners printed beside the first and third bullets only.
    owner = entries(to_lines(words(None, "Governor", None, None, "Head of Safety", x0=600)))
    assert [response[i].text for i in assign(response, owner)] == ["First action that wraps.", "Third action."]


def test_entry_on_the_next_page_attaches_to_the_paragraph_there():
    response = paragraphs(to_lines(words("Action on page one.", page=1, top=500, x0=300)
                                   + words("\u2022 Action on page two.", page=2, top=60, x0=300)))
    owner = entries(to_lines(words("Head of Residence", page=2, top=60, x0=600)))
    assert assign(response, owner) == [1]


@pytest.mark.parametrize("line,before,new", [
    ("Head of Safety", "Governor", True),                                   # two entries stacked, no gap
    ("Director", "Deputy Governor and Executive", False),                   # a role wrapped after a head word
    ("Operating Officer Prisons", "Chief", False),
    ("Director", "Regional Probation", False),                              # the two make a known role
    ("Delivery/Head of Reducing Reoffending", "Head of Offender Management", False),
    ("Governor and Deputy Governor", "Deputy Director, Security, Order and Counter Terrorism", True),
    ("Lead", "FM provider/Equalities", False),
    ("Chief Probation Officer", "Rehabilitation and Care Services Group", True),
])
def test_when_an_owner_line_opens_a_new_entry(line, before, new):
    assert opens_owner(line, before) is new


@pytest.mark.parametrize("line,before,new", [
    ("June 2021", "Ongoing", True),
    ("(review of processes)", "August 2021", False),
    ("December", "end of", False),
    ("2022", "September", False),
    ("2022/23", "End of Q2", False),
    ("ongoing", "Complete and", False),
])
def test_when_a_date_line_opens_a_new_entry(line, before, new):
    assert opens_date(line, before) is new


def test_owner_and_date_entries_given_one_action_under_a_shift_while_their_tops_drift_apart_are_unpaired():
    # three actions' owners stacked at the top of their cell, two lines each, beside dates stacked at the top of
    # theirs, one line each: rank by rank the two drift apart (0, 11.5 and 23 pt), though a shift gives each rank's
    # owner and date one action; typed by their paragraphs, an action's owner and date sit level
    owners = entries(to_lines(words("Head of", "Safety", None, "Deputy", "Governor", None, "Head of", "Residence",
                                    x0=600)))
    drifting = entries(to_lines(words("June 2024", None, "July 2024", None, "May 2025", x0=700)))
    level = entries(to_lines(words("June", "2024", None, "July", "2024", None, "May", "2025", x0=700)))
    assert [round(d.top - o.top, 1) for o, d in zip(owners, drifting)] == [0.0, -11.5, -23.0]

    def options(cell, hypothesis=1):
        return {hypothesis: Alignment(hypothesis, 0.0, [0, 1, 2], entries=cell)}
    assert unpaired(options(owners), options(level)) == {1: 0}
    assert unpaired(options(owners), options(drifting)) == {1: 2}  # both past 0.4 of a line (1.15 x 10 pt)
    # the space after a paragraph (12 pt) allowed as well, only the third rank's 23 pt is too far
    assert unpaired(options(owners), options(drifting), space=12.0) == {1: 1}
    assert unpaired(options(owners), options(drifting), space=24.0) == {1: 0}
    # stacked at the top of each cell is the hypothesis under which they drift
    assert unpaired(options(owners, STACKED), options(drifting, STACKED)) == {STACKED: 0}


def test_a_shift_that_reads_an_entry_as_two_where_stacking_pairs_every_rank_is_unpaired_by_the_surplus():
    # gen-6733-025 (scanned): six owner entries and six dates stacked at the top of their cells pair rank by rank;
    # read level, the paragraphs beside them cut one owner entry in two ('Catering Manager' / 'Library Manager'),
    # seven against six, where ranks pair nothing and no rank counted against the shift: the document's habit tipped
    # to level. A shift that reads more (or fewer) entries than the dates where stacking reads as many of each is
    # charged the difference
    owners = entries(to_lines(words("Head of Safety", None, "Governor", None, "Head of Residence", x0=600)))
    dates = entries(to_lines(words("June 2024", None, "July 2024", x0=700)))
    shift = {0: Alignment(0, 0.0, [0, 1, 1], entries=owners)}
    assert unpaired(shift, {0: Alignment(0, 0.0, [0, 1], entries=dates)}) == {0: 0}  # no stacked reading: none
    both = {**shift, STACKED: Alignment(STACKED, 0.0, [0, 1])}
    assert unpaired(both, {0: Alignment(0, 0.0, [0, 1], entries=dates), STACKED: Alignment(STACKED, 0.0, [0, 1])}
                    ) == {0: 1, STACKED: 0}
    uneven = {0: Alignment(0, 0.0, [0, 1], entries=dates), STACKED: Alignment(STACKED, 0.0, [0])}
    assert unpaired(both, uneven) == {0: 0}  # stacking reads them uneven too: counts say nothing
