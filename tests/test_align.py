"""Owner/date entries attach to the response paragraph they sit beside."""

from actionplans.extract.align import assign
from actionplans.extract.cells import entries, paragraphs, to_lines
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
