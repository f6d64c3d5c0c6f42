"""Header cells to fields by their words, and what counts as a recommendation's reference."""

import pytest
from actionplans.extract.tables import REF, REF_LEAD, Columns, TableScanner, header_field, match_header
from test_cells import words


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


# -- a header repeated on a later page -------------------------------------------------------------------------
X0S = (40, 100, 260, 330, 560, 660)  # Rec No | Area for improvement | Agreed | Response | Owner | Target Date
FIELDS = ["ref", "text", "decision", "response", "owner", "date"]


def justified(text, x0, x1, top):
    """A justified line: its words spread so it fills x0..x1, as pdfplumber gives them."""
    ws = words(text, x0=x0, top=top)
    extra = (x1 - ws[-1]["x1"]) / max(1, len(ws) - 1)
    return [dict(w, x0=w["x0"] + k * extra, x1=w["x1"] + k * extra) for k, w in enumerate(ws)]


def table_row(cells, top):
    """One table line: each non-empty cell's words laid out from its column's left edge."""
    return [w for x, cell in zip(X0S, cells) if cell for w in words(cell, x0=x, top=top)]


def header(spread):
    """The plan's header: '2. Area for' over 'improvement', its first line spread to 240 when `spread` (justified:
    'for' then stands apart, past the end of 'improvement')."""
    first = table_row(["1. Rec No", None, "3. Agreed", "4. Response", "5. Owner", "6. Target Date"], 60)
    area = justified("2. Area for", 100, 240, 60) if spread else words("2. Area for", x0=100, top=60)
    return first + area + words("improvement", x0=100, top=72)


def texts(clusters):
    return [" ".join(w["text"] for w in sorted(c, key=lambda w: (w["top"], w["x0"]))) for c in clusters]


def test_a_repeated_headers_cell_split_within_one_of_the_first_headers_columns_is_joined_again():
    first = Columns(FIELDS, [*X0S, 10_000.0])
    split = TableScanner._clusters(header(spread=True))
    assert texts(split)[1:3] == ["2. Area improvement", "for"]  # the justified heading's 'for' stands apart
    assert texts(TableScanner._within_columns(split, first)) == [
        "1. Rec No", "2. Area for improvement", "3. Agreed", "4. Response", "5. Owner", "6. Target Date"]
    # unchanged: a cell outside the first header's columns (left of its first edge) ...
    outside = [words("Note", x0=10, top=60), *split]
    assert TableScanner._within_columns(outside, first) == outside
    # ... a cell across an edge ('for' running on past the decision column's edge at 260) ...
    across = [*split[:2], [dict(w, x1=270.0) for w in split[2]], *split[3:]]
    assert TableScanner._within_columns(across, first) == across
    # ... or cells that do not make one per column (no decision heading)
    missing = [c for c in split if texts([c]) != ["3. Agreed"]]
    assert TableScanner._within_columns(missing, first) == missing


def test_a_repeated_header_split_where_the_first_was_not_keeps_the_first_headers_columns():
    # page 1's heading is typed ragged ('2. Area for' / 'improvement': one cell); page 2 repeats it justified, so
    # its 'for' stands apart as a cell of its own, over the text column's longer lines ('... fair.' from x 226)
    def body(page):
        return [w for k in range(2) for w in table_row(
            [f"{page}.{k + 1}", "Leaders should make it fair.", "Agreed", "A panel will meet.", "Governor",
             "June 2024"], 100 + 24 * k)]
    scanner = TableScanner()
    scanner.add_page(1, header(spread=False) + body(1), [], [])
    scanner.add_page(2, header(spread=True) + body(2), [], [])
    scan = scanner.finish()
    assert scan.columns.fields == FIELDS
    assert [tuple(" ".join(w["text"] for w in r.words(f)) for f in ("ref", "text", "decision")) for r in scan.rows] == [
        (f"{page}.{k}", "Leaders should make it fair.", "Agreed") for page in (1, 2) for k in (1, 2)]
