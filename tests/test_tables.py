"""Header cells to fields by their words, and what counts as a recommendation's reference."""

import pytest
from actionplans.extract.tables import REF, REF_LEAD, header_field, match_header


@pytest.mark.parametrize("cells,fields", [
    (["1. Rec No", "2. Recommendation", "3. Agreed/ Partly Agreed/ Not Agreed", "4. Response Action Taken/Planned",
      "5. Responsible Owner (including named individuals)", "6. Target Date"],
     ["ref", "text", "decision", "response", "owner", "date"]),
    (["1. Rec. No.", "2. Recommendation", "3. Accepted/ Rejected", "4. Response Action Taken/Planned",
      "5. Function Responsible/ Policy Lead", "6. Target Date"],
     ["ref", "text", "decision", "response", "owner", "date"]),
    (["Concern / Area", "Action", "Owner", "Date"], ["text", "response", "owner", "date"]),
    (["1. Concern", "2. Priority and key concerns", "3. Agreed/ Partly Agreed/ Not Agreed", "4. Response",
      "5. Responsible Owner", "6. Target Date"], ["ref", "text", "decision", "response", "owner", "date"]),
    (["Ref", "Recommendation", "Accepted / Partially Accepted / Not Accepted", "Response", "Lead", "Timescale"],
     ["ref", "text", "decision", "response", "owner", "date"]),
])
def test_header_cells_map_to_fields_by_their_words(cells, fields):
    assert match_header(cells) == fields


@pytest.mark.parametrize("cells", [
    ["Term", "Definition", "Additional comment"],          # the definitions table
    ["Recommendations", ""],                               # the summary counts table
    ["Agreed", "6"],
    ["HM Prison and Probation Service will review", "Governor", "June 2021"],
])
def test_other_tables_are_not_the_plan(cells):
    assert match_header(cells) is None


def test_header_field_ignores_column_numbers():
    assert header_field("6. Target Date") == "date" and header_field("") is None


@pytest.mark.parametrize("ref", ["1", "1.", "5.01", "5.1", "S40", "1.12", "2.3a", "4)", "R12", "Recommendation 3",
                                 "Priority concern 1", "Key concern 5", "Concern 2", "Area 4"])
def test_refs_as_printed(ref):
    assert REF.match(ref)


@pytest.mark.parametrize("text", ["Safety", "Respect", "Rec No", "HMPPS will", "June 2021", "1234", "Agreed"])
def test_things_that_are_not_refs(text):
    assert not REF.match(text)


def test_a_ref_run_into_its_text():
    assert REF_LEAD.match("1. National and local HMPPS strategies").group(0) == "1."
    assert REF_LEAD.match("Concern 1 Violence against staff").group(0) == "Concern 1"
