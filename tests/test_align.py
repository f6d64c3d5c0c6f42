"""Owner/date entries attach to the response paragraph they sit beside."""

import pytest
from actionplans.extract.align import assign
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
