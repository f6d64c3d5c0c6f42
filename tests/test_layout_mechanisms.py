"""The layout mechanisms of the table stages, each on word boxes laid out as pdfplumber gives them: hard
breaks, broken words, entries placed off their paragraph, columns typed by content, sections by structure."""

import functools

import pytest
from actionplans.extract.align import STACKED, choose, hypotheses
from actionplans.extract.cells import (
    SINGLE,
    Spacing,
    broken_word,
    centred_width,
    continues,
    entries,
    entry_marks,
    hard_break,
    join_across_pages,
    join_hanging,
    join_unmarked,
    marked_counts,
    mend_breaks,
    paragraphs,
    reflow,
    sentence_habit,
    spacing,
    split_at,
    split_lead_ins,
    to_lines,
)
from actionplans.extract.owners import split_owners
from actionplans.extract.pipeline import opens_date, opens_owner, stacks_owner
from actionplans.extract.settings import Settings
from actionplans.extract.tables import content_header, type_columns
from pydantic import ValidationError
from test_cells import words


def test_a_line_ended_by_enter_is_told_from_a_wrap_by_whether_the_next_word_would_have_fitted():
    short, long_next = to_lines(words("Governor", "Head of Safety", x0=600))
    assert hard_break(short, long_next, right=700)            # 'Head' fits after 'Governor' on a 100 pt line
    assert not hard_break(short, long_next, right=660)        # ... but not on a 60 pt one: a wrap
    assert not hard_break(short, long_next, right=None)       # no right edge known: never guess


def test_stacked_owners_with_no_separator_are_separate_owners_of_one_entry():
    lines = to_lines(words("ACME", "Head of Residence", "Deputy Director Custody", x0=600))
    (entry,) = entries(lines, right=760)
    assert entry.segments == ["ACME", "Head of Residence", "Deputy Director Custody"]
    assert [o for seg in entry.segments for o in split_owners(seg)] == [
        "ACME", "Head of Residence", "Deputy Director Custody"]


@pytest.mark.parametrize("line,before", [("Reoffending", "Head of"), ("(Novus)", "Contract Manager"),
                                         ("Services Group", "Rehabilitation and Care"), ("December", "end of")])


def test_lines_that_can_only_continue_the_text_above(line, before):
    assert continues(line, before) or continues(line, before + " (")  # 'of', a bracket, 'and' join


def test_a_post_any_role_noun_ends_is_a_second_owner_under_a_bare_title_not_its_portfolio():
    lines = to_lines(words("Prison Group", "Director", "Family", "Engagement", "Worker", x0=600))
    (entry,) = entries(lines, opens=opens_owner, right=650, segment_opens=stacks_owner)
    assert entry.segments == ["Prison Group Director", "Family Engagement Worker"]
    lines = to_lines(words("Deputy Director", "Strategic", "Development Group", x0=600))
    (entry,) = entries(lines, opens=opens_owner, right=690, segment_opens=stacks_owner)
    assert entry.segments == ["Deputy Director Strategic Development Group"]  # a body's name: the portfolio


@pytest.mark.parametrize("before,line", [
    ("Head of Security, Gym", "Senior Officer, Library Manager"),
    ("Veterans Support Officer and Head of Decency and Family", "Engagement Worker")])


def test_an_owner_left_open_by_a_separator_at_a_page_foot_runs_on_atop_the_next(before, line):
    # 'Head of Security, Gym' reads as one post only while nothing follows: a word left after a separator, which
    # the next line finishes into a post ('Gym Senior Officer'), is unfinished
    assert not opens_owner(line, before)
    lines = to_lines(words(before, x0=600, top=760) + words(line, x0=600, page=2))
    assert len(entries(lines, opens=opens_owner, right=760, segment_opens=stacks_owner)) == 1


def test_an_owner_set_a_blank_below_its_rows_top_on_the_next_page_opens_an_entry_of_its_own():
    """gen-8117-011 (scanned): the last owner on page 14 read '\u2018Aisha Hughes - Head ct Security' (a speck read
    as a quote, 'of' as 'ct'), which its words do not show finished, and page 15's first owner, 'Priya Begum - Head
    of Safety', set beside the third paragraph down the continued row, was read as its rest: one owner 'aisha hughes
    head ct security priya begum head of safety'. An entry that runs on over a page break goes on at the top of its
    cell there; a line set a blank below the row's first line on its page (`tops`) opens an entry of its own
    (`cells.entries`). Atop its cell it is still judged by its words."""
    lines = to_lines(words("\u2018Aisha Hughes - Head ct", "Security", x0=600, top=740) +
                     words("Priya Begum - Head of", "Safety", x0=600, page=2, top=400))

    def read(tops):
        return [e.text for e in entries(lines, opens=opens_owner, right=760, segment_opens=stacks_owner, tops=tops)]
    one = "\u2018Aisha Hughes - Head ct Security"
    assert read({2: 120.0}) == [one, "Priya Begum - Head of Safety"]
    assert read({2: 400.0}) == [f"{one} Priya Begum - Head of Safety"]  # atop its cell
    assert read(None) == [f"{one} Priya Begum - Head of Safety"]


def test_a_stacked_owner_broken_by_a_page_is_finished_atop_the_next_page_not_a_new_entry():
    lines = to_lines(words("Head of Safety", "Neurodiversity", x0=600, top=760) +
                     words("Support Manager", "Head of Decency", None, "Governor", x0=600, page=2))
    got = entries(lines, opens=opens_owner, right=700, segment_opens=stacks_owner)
    assert [e.segments for e in got] == [["Head of Safety", "Neurodiversity Support Manager", "Head of Decency"],
                                         ["Governor"]]


def test_stacked_owners_parted_only_by_a_page_join_when_the_stacked_dates_count_fewer_actions():
    lines = to_lines(words("Head of Safety", None, "FM Manager", None, "Prison Group Director", x0=600, top=700) +
                     words("Library Manager", None, "Governor", x0=600, page=2))
    got = entries(lines, opens=opens_owner, right=700, segment_opens=stacks_owner)
    assert len(got) == 5  # blank space parts four; the page break a fifth
    assert [e.segments for e in join_across_pages(got, 4)] == [
        ["Head of Safety"], ["FM Manager"], ["Prison Group Director", "Library Manager"], ["Governor"]]
    assert join_across_pages(got, 5) == got  # as many dates as entries: nothing to join


def test_a_date_column_stacked_without_gaps_splits_into_one_entry_per_date():
    lines = to_lines(words("April 2015", "August 2015", "June 2015", x0=600))
    assert [e.text for e in entries(lines, right=640, split_segments=True,
                                    opens=lambda line, before: True, segment_opens=lambda line, before: True)] == [
        "April 2015", "August 2015", "June 2015"]


@pytest.mark.parametrize("before,line,joined", [
    ("accommodatio", "n and support", True), ("Head of Healthcar", "e", True), ("move in", "to the unit", False),
    ("to", "day", False), ("the", "re the unit", False),
    ("Deputy Govern", "or", True), ("Manage", "r (Sam Doyle)", True), ("(Kwame Mensa", "h)", True),
    ("see", "e.g. the policy", False)])  # a letter, or a cell's last two: a word's end


def test_words_broken_by_a_narrow_column_are_mended_only_into_words(before, line, joined):
    assert broken_word(before, line) is joined


def test_a_token_too_wide_for_its_column_is_mended_where_it_broke_at_the_edge():
    # 'Manager/Keyworker' has no space: the column could not hold it, so it broke at the edge (x1 = 102 + 6 * 15)
    lines = to_lines(words("Catering", "Manager/Keywork", "er Coordinator", "Supervisor/Mare", "k Smith", x0=102))
    right = max(ln.x1 for ln in lines)
    assert "Keywork er" in reflow(lines)  # no vocabulary knows the word: only the layout shows the break
    assert reflow(mend_breaks(lines, right)) == "Catering Manager/Keyworker Coordinator Supervisor/Marek Smith"
    # a line that stops short of the edge ended a word; a joining word opens a line whatever came before
    short = to_lines(words("Head", "of Safety", "Neurodiversity", "and Inclusion Lead", x0=102))
    assert reflow(mend_breaks(short, 102 + 6 * 14)) == "Head of Safety Neurodiversity and Inclusion Lead"
    assert reflow(to_lines(words("Rhian Hughes", ", Head of Security"))) == "Rhian Hughes, Head of Security"


def test_a_token_broken_before_a_wide_letter_is_mended_though_it_stops_short_of_the_edge_by_more_than_a_letter():
    # 'Safety/Kwame' broken before its 'm': the room left (9.5 pt) is wider than the token's average letter (6 pt)
    # but narrower than an em (the line's 10 pt) and than 'me', the lower line's first word, which would have fitted
    lines = to_lines(words("Safety/Kwa", "me Evans", x0=102))
    assert reflow(mend_breaks(lines, 102 + 60 + 9.5)) == "Safety/Kwame Evans"
    # more room than an em: no letter was wanting, the token ended there ('Safety/Kwa' / 'me Evans' stay two)
    lines = to_lines(words("Safety/Kwa", "me Evans", x0=102))
    assert reflow(mend_breaks(lines, 102 + 60 + 10.5)) == "Safety/Kwa me Evans"


def test_a_token_broken_at_the_columns_edge_at_a_pages_foot_is_mended_atop_the_next():
    lines = to_lines(words("Head of", "Security/Kw", x0=102, top=740) + words("ame Begum", "Head of Safety", x0=102,
                                                                             page=2))
    assert reflow(mend_breaks(lines, 102 + 6 * 11)) == "Head of Security/Kwame Begum Head of Safety"


def _banded(ws: list[dict], band: int) -> list[dict]:
    for w in ws:
        w["band"] = band  # the table row the scanner read the word in
    return ws


def test_an_entry_is_not_given_to_a_paragraph_across_a_rule():
    # one action per ruled row; the first row's two owners typed one under the other, space between them
    response = _banded(words("A refurbishment plan has been", "submitted.", x0=300), 1) + _banded(
        words("A checklist will be completed.", x0=300, top=140), 2)
    owner = words("Governor", None, "Violence Reduction", "Coordinator", x0=600)
    unruled = [{k: v for k, v in w.items() if k != "band"} for w in response]
    plain = hypotheses(paragraphs(to_lines(unruled)), entries(to_lines(owner)), 11.5)
    assert choose(plain).targets == [0, 1]  # unruled, read as stacked: one owner each
    ruled = hypotheses(paragraphs(to_lines(response)), entries(to_lines(_banded(owner, 1))), 11.5)
    assert choose(ruled).hypothesis != STACKED and choose(ruled).targets == [0, 0]  # both the first row's


def test_a_short_acronym_broken_at_a_columns_edge_is_mended_two_whole_ones_are_not():
    lines = to_lines(words("(Serco)/F", "M Manager", x0=102))  # 'FM' broken after its first capital
    assert reflow(mend_breaks(lines, max(ln.x1 for ln in lines))) == "(Serco)/FM Manager"
    whole = to_lines(words("Lead/HMPPS", "HR Manager", x0=102))  # 'HMPPSHR' is no acronym: two, wrapped
    assert reflow(mend_breaks(whole, max(ln.x1 for ln in whole))) == "Lead/HMPPS HR Manager"


def test_a_words_last_letter_alone_below_the_edge_misread_by_ocr_is_the_letter_that_makes_the_word():
    # 'Governo' broken at the column's edge (x1 = 102 + 6 * 7), its 'r' alone below, read as 'G' or '7' (gen-5190-005)
    def lines(*texts, ocr=True):
        ws = words("Patel,", *texts, "Head", "of Safety", x0=102)
        return to_lines([dict(w, bearings=0.9) for w in ws] if ocr else ws)
    for rest in ("G", "7", "r"):
        assert reflow(mend_breaks(lines("Deputy", "Governo", rest), 102 + 42)) == (
            "Patel, Deputy Governor Head of Safety")
    # a text layer's glyph is what was typed; under a whole word ('Deputy') a lone glyph is no word's rest
    assert reflow(mend_breaks(lines("Deputy", "Governo", "G", ocr=False), 102 + 42)) == (
        "Patel, Deputy Governo G Head of Safety")
    assert reflow(mend_breaks(lines("Deputy", "G"), 102 + 36)) == "Patel, Deputy G Head of Safety"
    # two letters make a word ('Custodial', 'Custodian'): the one the glyph looks like ('1' for 'l'), else none
    assert reflow(mend_breaks(lines("Custodia", "1"), 102 + 48)) == "Patel, Custodial Head of Safety"
    assert reflow(mend_breaks(lines("Custodia", "G"), 102 + 48)) == "Patel, Custodia G Head of Safety"


def test_a_list_item_hanging_indented_ends_where_a_line_comes_back_out_to_its_bullet():
    lines = to_lines(words("\u2022 Adjudication outcomes will be", x0=300) + words(
        "broken down by protected characteristic", "at the Safety Intervention Meeting.", x0=312, top=111.5) + words(
        "Following the review of adjudications,", "HMP Redbank will:", x0=300, top=134.5))
    assert [p.text[:20] for p in paragraphs(lines, right=540)] == ["Adjudication outcome", "Following the review"]


def test_in_a_level_plan_a_hanging_line_atop_a_page_with_no_entry_beside_it_is_more_of_the_item_above():
    lines = to_lines(words("\u2022 DIRF forms will be on every wing,", x0=300, top=740) +
                     words("with forms in common languages.", x0=312, top=751.5) +
                     words("Progress will be reported monthly.", "\u2022 All DIRFs will be logged.", x0=312, page=2))
    paras = paragraphs(lines, right=540)
    assert len(paras) == 3  # the page ended a sentence: atop the next, a new paragraph by itself
    assert [p.text[:20] for p in join_hanging(paras, [], 4.0)] == ["DIRF forms will be o", "All DIRFs will be lo"]
    owner_atop = to_lines(words("Governor", x0=600, page=2))  # an entry beside it: an action of its own
    assert len(join_hanging(paras, owner_atop, 4.0)) == 3


def test_in_a_plan_typing_entries_low_a_hanging_line_atop_a_page_is_judged_where_its_entry_would_be():
    lines = to_lines(words("\u2022 A local action plan will be", x0=300, top=740) +
                     words("monitored by the leadership team.", x0=312, top=751.5) +
                     words("Progress will be reported monthly,", "and exceptions escalated.",
                           "\u2022 Staff will be briefed.", x0=312, page=2))
    paras = paragraphs(lines, right=540)
    owner = to_lines(words("Home Office", x0=600, page=2, top=123))  # level with 'Staff', two lines below 'Progress'
    # typed level: the owner is the next item's, and 'Progress ...' beside none is more of the item above
    assert [p.text[:20] for p in join_hanging(paras, owner, 4.0)] == ["A local action plan ", "Staff will be briefe"]
    # typed two lines low: the owner is where the entry of 'Progress ...' would be, an action of its own
    assert len(join_hanging(paras, owner, 4.0, drop=23.0)) == 3


def test_an_entry_run_on_from_the_page_before_marks_no_action_atop_the_next():
    owner_lines = to_lines(words("Business Hub", "Manager/Chaplaincy Team", x0=600, top=740) +
                           words("Leader/Residential", "Custodial Manager", x0=600, page=2) +
                           words("Governor", x0=600, page=2, top=160))
    read = entries(owner_lines, opens=opens_owner, right=700, segment_opens=stacks_owner)
    assert [e.text for e in read][-1] == "Governor"
    # 'Manager/Chaplaincy Team' is the first entry wrapped, where no entry begins
    assert [ln.text for ln in entry_marks(owner_lines, read)] == ["Business Hub", "Governor"]


def test_a_line_an_entry_wraps_onto_marks_no_action():
    # a numbered item at a page's foot runs on atop the next page, set in under its text; its owner, typed a line
    # low, lands atop that page too and wraps, its second line where the run-on's own entry would be typed
    lines = to_lines(words("3. NHS England will escalate", x0=300, top=740) +
                     words("delayed transfers.", x0=312, top=751.5) +
                     words("This will be supported", "by a plan.", x0=312, page=2))
    paras = paragraphs(lines, right=420)
    owner_lines = to_lines(words("Rhian Patel – Head of", "Safety", x0=600, page=2))
    read = entries(owner_lines, opens=opens_owner, right=720, segment_opens=stacks_owner)
    marks = entry_marks(owner_lines, read)
    assert [ln.text for ln in marks] == ["Rhian Patel – Head of"]
    assert [p.text[-10:] for p in join_hanging(paras, marks, 4.0, drop=11.5)] == ["by a plan."]
    assert len(join_hanging(paras, owner_lines, 4.0, drop=11.5)) == 2  # 'Safety' read as an entry would part them


def test_where_every_action_has_its_entry_a_paragraph_atop_a_page_with_none_is_more_of_the_action_above():
    lines = to_lines(words("Plans made.", "Staff will be trained", "in the new policy.", x0=300, top=740) +
                     words("This is done.", "Data will be published.", x0=300, page=2))
    paras = paragraphs(lines, right=420)  # 'in the new policy.' leaves no room for 'This': Enter unseen
    assert [p.text[:5] for p in paras] == ["Plans", "Staff", "This ", "Data "]
    marks = to_lines(words("Governor", "Head of Safety", x0=600, top=740) +
                     words("Head of Security", x0=600, top=111.5, page=2))
    # 'Data ...' has its entry beside it; 'This ...', first on its page, is not counted
    assert marked_counts(paras, marks, 4.0) == (2, 2)
    got = join_unmarked(paras, marks, 4.0, right=420)
    assert [p.text for p in got][1:] == ["Staff will be trained in the new policy. This is done.",
                                         "Data will be published."]
    marked_atop = marks + to_lines(words("Head of Residence", x0=600, page=2))
    assert len(join_unmarked(paras, marked_atop, 4.0, right=420)) == 4  # its own entry: an action of its own
    room = to_lines(words("Plans made.", "Staff is trained.", x0=300, top=751.5) + words("This is done.", x0=300,
                                                                                        page=2))
    assert len(join_unmarked(paragraphs(room, right=480), [], 4.0, right=480)) == 3  # room left: Enter was pressed


def test_the_first_item_under_a_lead_in_with_an_entry_is_not_counted_as_marked_or_unmarked():
    lines = to_lines(words("Checks will be made:", "Listeners will be promoted.", None, "Staff will assure a sample.",
                           None, "Data will be published.", x0=300))
    paras = paragraphs(lines, right=420)
    assert [p.text[:5] for p in paras] == ["Check", "Liste", "Staff", "Data "]
    marks = to_lines(words("Equalities Lead", None, None, "Head of Safety", None, "Governor", x0=600))
    # the lead-in's entry may be its group's, serving 'Listeners ...', or that item's typed a line high
    assert marked_counts(paras, marks, 4.0) == (2, 2)
    assert marked_counts(paras, marks[1:], 4.0) == (3, 2)  # a lead-in with none: the item has none either


def test_a_sentence_ending_in_a_colon_that_ends_an_action_is_a_lead_in_of_its_own():
    lines = to_lines(words("An external partner will quality", "assure a sample each quarter.",
                           "Building on the work already started,", "the following actions will be taken:",
                           x0=300))
    (para,) = paragraphs(lines, right=480)  # no room showed Enter: one paragraph
    owner = to_lines(words("Head of Security", x0=600))
    assert [p.text for p in split_lead_ins([para], owner, 4.0)] == [
        "An external partner will quality assure a sample each quarter.",
        "Building on the work already started, the following actions will be taken:"]
    assert split_lead_ins([para], [], 4.0) == [para]  # no entry beside it: a lead-in of two sentences, kept whole
    one = to_lines(words("Staff will be trained, and the", "following subjects will be covered:", x0=300))
    assert len(split_lead_ins(paragraphs(one, right=480), owner, 4.0)) == 1  # one sentence: nothing to part


def test_paragraphs_with_no_bullets_or_blank_lines_split_where_a_sentence_was_ended_by_enter():
    lines = to_lines(words("Progress will be monitored through the", "monthly meeting, and:",
                           "A residential checklist will be", "completed weekly.", x0=300))
    # 'monthly meeting, and:' stops short of the column's right edge and the next line starts a sentence
    assert [p.text for p in paragraphs(lines, right=540)] == [
        "Progress will be monitored through the monthly meeting, and:",
        "A residential checklist will be completed weekly."]
    assert len(paragraphs(lines)) == 2  # a lead-in's colon then a capital parts them with no right edge known too
    ended = to_lines(words("Progress will be monitored", "through the monthly review meeting.",
                           "A residential checklist will be", "completed weekly.", x0=300))
    assert len(paragraphs(ended)) == 1  # a sentence's end alone, on the cell's longest line: no room, one paragraph
    # a colon in a line no room shows ended ('... will be made:' / 'Themes from ...' in a narrow column)
    narrow = to_lines(words("following checks", "will be made:", "Themes from", "complaints will", x0=300))
    assert [p.text for p in paragraphs(narrow, right=400)] == [
        "following checks will be made:", "Themes from complaints will"]


def test_a_sentence_whose_next_word_would_have_fitted_before_the_cells_longest_line_was_ended_by_enter():
    def cell(longest_ends):
        ws = words("Staff will be trained each month", "by the safer custody leads.", "Data will be published", x0=300)
        ws[5]["x1"] = longest_ends  # 'month': where the cell's longest line ends (Word wraps no line past its limit)
        return to_lines(ws)
    # 'leads.' ends at 450; a space (3 pt, as the cell's lines show it) and 'Data' (24 pt) end at 477: before the
    # longest line's end at 478.3, so no wrap put 'Data' on the next line. Against the column's edge alone, which
    # must allow for not knowing Word's limit, 1.3 pt of room is too little to tell
    assert [p.text[:20] for p in paragraphs(cell(478.3), right=478.3)] == [
        "Staff will be traine", "Data will be publish"]
    assert not hard_break(*cell(478.3)[1:], right=478.3)
    # 'Data' would have ended 0.3 pt past the longest line: a wrap is possible, so one paragraph
    assert len(paragraphs(cell(476.7), right=476.7)) == 1


def test_a_document_whose_sentences_all_end_at_a_lines_end_parts_its_actions_there():
    one_each = to_lines(words("HMP Westcombe will:", "A tracker will be maintained so that every",
                              "review is completed within its due date.", "Offender management staff will receive a",
                              "refresher training on the policy scheme.", "Prisoners will receive written reasons for",
                              "decisions and information on appeal rights.", x0=300))
    # no bullets, no blank lines, no room left on any line: only the habit says where each action ends
    assert len(paragraphs(one_each, right=543)) == 2  # the lead-in's colon has room to spare: one break
    assert sentence_habit([one_each, one_each])  # judged over the cells of a whole document
    assert [p.text[:20] for p in paragraphs(one_each, right=543, sentences=True)] == [
        "HMP Westcombe will:", "A tracker will be ma", "Offender management ", "Prisoners will recei"]
    # a document that also ends sentences inside its lines writes actions of several sentences: no habit
    prose = to_lines(words("Staff will be trained by June. This will", "be checked at the monthly meeting.",
                           "Data will be published. Prisoners will be", "told of the results at the forum.",
                           "A tracker will be kept. It will be seen", "by the Governor every month.", x0=300))
    assert not sentence_habit([one_each, one_each, prose])
    assert not sentence_habit([one_each[:3]])  # one sentence ending a line is too little to judge a habit
    bulleted = to_lines(words("\u2022 Staff will be trained on the new", "policy before the end of June.",
                              "Their training will be recorded.", x0=300))
    # a bulleted paragraph ends where the next bullet starts, whatever the habit
    assert len(paragraphs(bulleted, right=483)) == len(paragraphs(bulleted, right=483, sentences=True)) == 1


def test_a_sentence_wrapped_onto_a_line_and_ending_after_its_first_word_is_prose_not_a_label():
    # gen-8311-098: a narrow column (three or four words a line), every action its own paragraph, long actions of
    # several sentences. Most of their inner sentences end a line's first word ('information on how to' / 'appeal.
    # Assurance will be'), which the habit's count took for one-word labels ('Agreed.'): no sentence seemed to end
    # inside an action, so one that ended a full line ('... quarterly performance review.' / 'Progress will be')
    # parted it
    one_each = to_lines(words("HMP Westcombe will:", "A tracker will be maintained so that every",
                              "review is completed within its due date.", "Offender management staff will receive a",
                              "refresher training on the policy scheme.", "Prisoners will receive written reasons for",
                              "decisions and information on appeal rights.", x0=300))
    narrow = to_lines(words("Prisoners will receive written", "reasons and information on",
                            "appeal. Assurance will be", "given through the", "quarterly performance review.",
                            "Progress will be reported", "to the Governor monthly.", x0=300))
    assert sentence_habit([one_each, one_each])
    assert not sentence_habit([one_each, one_each, narrow, narrow])  # actions of several sentences: no habit
    assert len(paragraphs(narrow, sentences=sentence_habit([one_each, one_each, narrow, narrow]))) == 1
    # a sentence of one word that opens the cell, or follows a finished one, is still a label, not prose
    labelled = to_lines(words("Agreed. A tracker will be kept", "for every review.", "Partly agreed.",
                              "Agreed. Staff will be trained.", x0=300))
    assert sentence_habit([one_each, one_each, labelled])


def test_a_refusals_reasons_say_nothing_of_how_the_document_ends_its_actions():
    # gen-9431-005: every action one sentence ended by Enter, no bullets; one refusal's reasons, two sentences in a
    # line ('This recommendation is not accepted. The regime is set ...'), had the document judged to write actions
    # of several sentences, so a sentence ending a full line ran on into the next action. The habit is judged on the
    # rows that act: a row that refuses, by its decision cell or its response's opening, is left out
    from actionplans.extract.pipeline import _refused
    from actionplans.extract.tables import Row

    def row(decision, *response):
        lines = to_lines(words(*response, x0=300))
        return Row({"decision": words(decision, x0=200) if decision else [], "response": words(*response, x0=300)},
                   None, [1], (0, 0, 0, 0)), lines

    reasons = ("This recommendation is not accepted. The regime is", "set within the national framework.")
    assert _refused(*row(None, *reasons)) and _refused(*row("Rejected", "The regime is set nationally."))
    assert not _refused(*row("Accepted", *reasons[1:]))  # the decision cell speaks first
    assert not _refused(*row(None, "In response, the Senior Leadership Team has agreed that:", "Data will be kept."))
    one_each = to_lines(words("A tracker will be maintained so that every", "review is completed within its due date.",
                              "Offender management staff will receive a", "refresher training on the policy scheme.",
                              "Prisoners will receive written reasons for", "decisions and information on appeal.",
                              x0=300))
    assert sentence_habit([one_each, one_each]) and not sentence_habit([one_each, one_each, row(None, *reasons)[1]])


def test_an_entry_typed_low_atop_a_page_marks_the_action_started_at_the_foot_of_the_page_before():
    # gen-9431-054: no bullets, entries two lines low; an action opens two lines from a page's foot ('Links with
    # local' / 'authority housing'), so its owner sits atop the next page, level with the action's third line. Its
    # place two lines up lies across the break: counted back through the cell's lines, it marks 'Links with local'
    from actionplans.extract.cells import split_at_cues

    cell = to_lines(words("Resettlement needs will be assessed", "and referrals made to providers.", "Links with local",
                          "authority housing", page=1, top=480, x0=300)
                    + words("teams will be strengthened.", page=2, top=60, x0=300))
    (para,) = paragraphs(cell)  # the line above 'Links' left no room to tell
    owner = to_lines(words("Canteen Supervisor", page=2, top=60, x0=600))
    split = split_at_cues([para], owner, drop=23.0)
    assert [p.text[:16] for p in split] == ["Resettlement nee", "Links with local"]
    assert len(split_at_cues([para], owner, drop=11.5)) == 1  # one line low: its place is 'authority housing'
    # gen-8181-069: a date wrapped over the break ('30th' / 'September' at the foot, '2022' atop the next page) is
    # no entry of its own: an entry line beside the marked line, or below it, says the one atop the page may be its end
    foot = to_lines(words("30th", "September", page=1, top=491.5, x0=600))
    assert len(split_at_cues([para], owner, drop=23.0, entry_lines=foot + owner)) == 1
    assert len(split_at_cues([para], owner, drop=23.0, entry_lines=owner)) == 2


def test_an_entry_typed_low_atop_a_page_level_with_no_line_is_counted_back_from_the_pages_first_line():
    # gen-7263-020: an action opens on a page's last line and ends on the next page's first; its entry, two lines
    # low, sits on the next page's second line, where the cell has none (the next action is pushed below the entry).
    # Its place two lines up lies one line above the page's first line of the cell: the foot's 'Prisoners ...'
    from actionplans.extract.cells import split_at_cues

    cell = to_lines(words("Use of force incidents will be analysed", "and discussed at the Committee.",
                          "Prisoners will be consulted through", page=1, top=480, x0=300)
                    + words("the prisoner council.", None, "Progress will be reviewed.", page=2, top=60, x0=300))
    paras = paragraphs(cell)
    assert [p.text[:16] for p in paras] == ["Use of force inc", "Progress will be"]  # no room, no blank: one
    owner = to_lines(words("Head of Operations", page=2, top=71.5, x0=600))
    split = split_at_cues(paras, owner, drop=23.0)
    assert [p.text[:16] for p in split] == ["Use of force inc", "Prisoners will b", "Progress will be"]


def test_entries_typed_one_line_low_are_assigned_by_the_shift_that_explains_the_row():
    response = paragraphs(to_lines(words("\u2022 First.", "\u2022 Second.", "\u2022 Third.", x0=300)))
    owners = entries(to_lines(words(None, "Governor", None, "Head of Safety", None, None, x0=600)), right=700)
    dates = entries(to_lines(words(None, "June 2021", "July 2021", "August 2021", x0=700)),
                    split_segments=True, opens=opens_date, segment_opens=opens_date, right=800)
    options = hypotheses(response, dates, 11.5, share=3.0)
    chosen = choose(options)
    assert chosen.hypothesis == 1 and chosen.targets == [0, 1, 2]
    assert len(owners) == 2


def test_in_a_spaced_plan_an_entry_typed_low_may_land_above_its_place_by_the_space_its_column_keeps():
    # 11 pt lines, 6 pt after: two actions of two lines; each owner typed two lines low, by Enter presses in its own
    # cell, so the second lands on the owner column's lattice, 11 pt above where two advances below its action put it
    sp = Spacing(11.0, 6.0)
    response = paragraphs(to_lines(spaced(["(i) Allocation data will be", "monitored monthly."],
                                          ["(ii) Any group found under-represented", "will have a plan."],
                                          pitch=11.0, space=6.0)), sp)
    owners = [paragraphs(to_lines(words(text, x0=600, top=top)))[0] for text, top in
              (("Equalities Lead", 134.0), ("Head of Safety", 151.0))]
    assert len(response) == 2
    assert hypotheses(response, owners, sp.advance)[2].targets == [0, 0]  # 0.65 of an advance above: priced as far
    assert hypotheses(response, owners, sp.advance, slack=sp.space / sp.advance)[2].targets == [0, 1]


def test_entries_stacked_at_the_top_of_the_cell_go_to_the_actions_in_order_skipping_lead_ins():
    response = paragraphs(to_lines(words("HMPPS will:", None, "\u2022 Review the policy on", "use of force.", None,
                                         "\u2022 Publish the data", "each quarter.", None, "\u2022 Train staff.",
                                         x0=300)))
    dates = entries(to_lines(words("June 2021", "July 2021", "August 2021", x0=700)),
                    split_segments=True, opens=opens_date, segment_opens=opens_date, right=800)
    chosen = choose(hypotheses(response, dates, 11.5, share=3.0))
    assert chosen.hypothesis == STACKED and chosen.targets == [1, 2, 3]


def spaced(*paras, x0=300.0, pitch=11.5, space=6.0, top=100.0):
    """Word boxes of paragraphs typed with Word's space after each (a paragraph: a string per line; None: a blank
    paragraph, which takes its space too)."""
    out, y = [], top
    for p in paras:
        for line in p if p is not None else [None]:
            if line is not None:
                out += words(line, x0=x0, top=y)
            y += pitch
        y += space
    return out


def test_lines_of_two_columns_that_do_not_keep_step_never_chain_into_one():
    # a spaced plan: the text column's lines and the response column's drift half a line apart (word boxes as tall
    # as a large font's, nearly the pitch)
    text = words("Discrimination incident", "forms should be", "investigated promptly", "and thoroughly.", x0=100,
                 pitch=15.0)
    response = words("Actions to be completed:", "An external partner will", "quality assure a sample", x0=300,
                     pitch=15.0, top=107.0)
    for w in text + response:
        w["bottom"] = w["top"] + 14.0
    lines = to_lines(text + response)
    assert all(max(w["top"] for w in ln.words) - ln.top < 15.0 for ln in lines)  # no line reaches a third row
    assert len(lines) >= 4


def test_a_plans_paragraph_space_is_measured_from_steps_no_number_of_lines_makes():
    response = to_lines(spaced(["HMPPS will:"], ["\u2022 Review the policy on", "use of force."], None,
                               ["\u2022 Publish the data", "each quarter."], ["\u2022 Train staff."]))
    owners = to_lines(spaced(["Governor"], None, ["Head of Safety"], ["Head of Security"], x0=600))
    sp = spacing([response, owners])
    assert sp.pitch == pytest.approx(11.5) and sp.space == pytest.approx(6.0)
    assert sp.advance == pytest.approx(17.5)
    # Word's 8 pt after in an 8 pt font: a space of most of a pitch, still short of the blank line two pitches make
    near = [to_lines(spaced(["HMPPS will:"], ["\u2022 Review the policy on", "use of force."], ["\u2022 Train staff."],
                            x0=x, space=9.5)) for x in (300, 600)]
    assert spacing(near).space == pytest.approx(9.5)
    # single-spaced, blank lines between: every longer step is whole lines
    single = to_lines(words("HMPPS will:", None, "\u2022 Review the policy on", "use of force.", None, None,
                            "\u2022 Train staff.", None, "\u2022 Publish the data.", x0=300))
    assert spacing([single, to_lines(words("Governor", None, "Head of Safety", None, None, "Head", x0=600))]) == SINGLE
    # single-spaced cells of two font sizes: each size's wraps are one pitch of its own, not a pitch and a space
    small = to_lines(words("\u2022 Review the policy on", "use of force.", "\u2022 Publish the data", "each quarter.",
                           "\u2022 Train staff", "this year.", x0=300))
    large = to_lines(words("\u2022 Review the policy on", "use of force.", "\u2022 Publish the data", "each quarter.",
                           "\u2022 Train staff", "this year.", x0=300, pitch=13.8, top=400))
    for ln in large:
        for w in ln.words:
            w["bottom"] = w["top"] + 12.0
    large = to_lines([w for ln in large for w in ln.words])
    assert spacing([small, large, small, large]) == SINGLE


def test_in_a_spaced_plan_entries_stacked_a_blank_line_apart_are_still_stacked():
    paras = (["HMPPS will:"], ["\u2022 Review the policy on", "use of force."], ["\u2022 Publish the data",
                                                                            "each quarter."], ["\u2022 Train staff."])
    response_lines = to_lines(spaced(*paras))
    date_lines = to_lines(spaced(["June 2021"], None, ["July 2021"], None, ["August 2021"], x0=700))
    sp = spacing([response_lines, date_lines])
    response = paragraphs(response_lines, sp)
    dates = entries(date_lines, None, opens_date, sp, split_segments=True, segment_opens=opens_date, right=800)
    assert [p.text for p in response][1:] == ["Review the policy on use of force.", "Publish the data each quarter.",
                                              "Train staff."]
    # a document that stacks its entries reads this row so
    assert choose(hypotheses(response, dates, sp.advance, share=3.0), prior=STACKED).targets == [1, 2, 3]
    # measured in lines, not presses of Enter, the blank lines part them too far for a stack
    assert STACKED not in hypotheses(response, dates, sp.pitch, share=3.0)


def test_in_a_spaced_plan_owners_typed_one_a_line_with_no_blank_between_are_one_entry():
    lines = to_lines(spaced(["Custodial Manager (Priya", "Doyle)"], ["Head of Safety"], None, ["Governor"], x0=600))
    sp = spacing([lines, to_lines(spaced(["\u2022 One."], ["\u2022 Two."], ["\u2022 Three."]))])
    first, second = entries(lines, spacing=sp, right=760)
    assert first.segments == ["Custodial Manager (Priya Doyle)", "Head of Safety"] and second.text == "Governor"
    # read single-spaced (the cell's pitch its wrap's), a paragraph's space passes for a blank line
    assert len(entries(lines, right=760)) == 3


def test_a_lone_entry_atop_a_cell_in_a_plan_that_stacks_its_entries_goes_to_the_first_action_not_the_lead_in():
    response = paragraphs(to_lines(words("The following actions will be taken:", None, "Reviews will be held",
                                         "for all prisoners.", x0=300)))
    (date,) = entries(to_lines(words("June 2021", x0=700)), split_segments=True, opens=opens_date, right=800)
    options = hypotheses(response, [date], 11.5, share=3.0)
    assert choose(options, prior=STACKED).targets == [1]  # the document's habit: entries stacked atop the cell
    assert choose(options, prior=0).targets == [0]  # typed level with each paragraph: this one is the lead-in's


def test_owners_stacked_without_gap_split_where_the_dates_start():
    owners = entries(to_lines(words("Head of Security", "Use of Force Coordinator", x0=600)), right=760)
    assert len(owners) == 1 and len(owners[0].segments) == 2
    parts = split_at(owners, [(1, 111.5)], tol=4)  # a date entry starts level with the second line
    assert [p.text for p in parts] == ["Head of Security", "Use of Force Coordinator"]
    # with space after paragraphs each column lands on its own lattice of Enter presses: the second action's date
    # sits 8 pt below the second owner, past level, and no owner entry starts near it; within an advance it splits
    dates = [(1, 106.0), (1, 119.5)]
    assert len(split_at(owners, dates, tol=4)) == 1
    assert [p.text for p in split_at(owners, dates, tol=4, reach=11.5)] == ["Head of Security",
                                                                            "Use of Force Coordinator"]
    assert len(split_at(owners, [(1, 104.0), (1, 106.0)], tol=4, reach=11.5)) == 1  # both near the first owner


def centred(*rows, centre=452.0, top=137.7, pitch=10.35, char=4.5, page=1):
    """Word boxes of lines centred on `centre`, each word `char` points a character, a space a quarter of the
    line's height wide (rows of a narrow owner column with its cells centred)."""
    out, y = [], top
    for row in rows:
        parts = row.split()
        width = char * sum(len(t) for t in parts) + 2.25 * (len(parts) - 1)
        x = centre - width / 2
        for t in parts:
            out.append({"text": t, "x0": x, "x1": x + char * len(t), "top": y, "bottom": y + 9, "page": page})
            x += char * len(t) + 2.25
        y += pitch
    return out


def test_in_a_centred_owner_column_a_line_is_judged_by_its_width_not_where_it_ends():
    # 'Marek Begum – Safer Custody Manager' then, with no separator, the next action's 'Grace Nowak – Custodial
    # Manager', centred in a column as wide as its widest line: every short line stops
    # well short of the column's right edge, so by where it ends each looked ended by Enter
    rows = ("Head of", "Residence", "(Ann Okafor)", "& Marek", "Begum –", "Safer", "Custody", "Manager",
            "Grace Nowak", "– Custodial", "Manager")
    lines = to_lines(centred(*rows))
    width = centred_width(lines)
    assert width == pytest.approx(max(ln.x1 - ln.x0 for ln in lines))
    assert centred_width(to_lines(words(*rows, x0=427.0))) is None  # typed at the left: no centring
    grace, dash = lines[8], lines[9]
    assert hard_break(grace, dash, right=486.2)                     # ends 15 pt short of the edge: 'Enter'
    assert not hard_break(grace, dash, right=486.2, centred=width)  # ... but '–' would not have fitted its width
    (before,) = entries(lines, opens=opens_owner, right=486.2, segment_opens=stacks_owner)
    assert len(before.segments) == 1                                # one owner run into the next
    (entry,) = entries(lines, opens=opens_owner, right=486.2, segment_opens=stacks_owner, centred=width)
    assert entry.segments == ["Head of Residence (Ann Okafor) & Marek Begum – Safer Custody Manager",
                              "Grace Nowak – Custodial Manager"]
    # split where the next action's date starts, as owners typed at the left are
    assert [p.text for p in split_at([entry], [(1, lines[8].top)], tol=4)] == entry.segments


def test_a_stacked_owner_is_found_within_the_lines_it_wraps_over_but_never_inside_a_known_role():
    assert stacks_owner(["Contract", "Contract Manager"], "Substance Misuse Lead (Amey)")
    assert stacks_owner(["Equalities", "Equalities Lead"], "Head of Residence")
    assert not stacks_owner(["Director"], "Prison Group")                     # one known role together
    assert not stacks_owner(["Public Sector Prisons"], "Executive Director")  # a title, then its portfolio
    # a known body the gazetteer never names with the title above is a second owner, as after a comma
    assert stacks_owner(["Home Office"], "Prison Group Director")
    assert not stacks_owner(["Youth Custody Service"], "Director")  # 'Director, Youth Custody Service': one post
    assert not opens_owner("Management Accommodation Lead", "Head of Offender")


@pytest.mark.parametrize("before,line,opens", [
    ("June \u2013", "September 2022", False), ("December 2018", "- April 2019", False),
    ("December 2018", "April 2019", True), ("August to", "November", False),
    # no range runs backwards: a dash ending a date the next line's is before is no range's (gen-6733-036, scanned:
    # grain read as '—' after 'May 2021' joined 'December 2020' atop the next page to it, two actions' dates as one)
    ("May 2021 \u2014", "December 2020", True), ("May 2021 \u2013", "December 2021", False)])


def test_a_date_range_wrapped_at_its_dash_is_one_entry(before, line, opens):
    assert opens_date(line, before) is opens


@pytest.mark.parametrize("entry,owners", [
    ("Rhian Mensah – Head of Security, Imran Mensah – Head of Safety",
     ["Rhian Mensah – Head of Security", "Imran Mensah – Head of Safety"]),
    ("Head of Safety, Marek Hughes", ["Head of Safety, Marek Hughes"]),  # a post, then its holder's name
    ("Custodial Manager (Chris Doyle) and Imran Clarke – Head of Safety",
     ["Custodial Manager (Chris Doyle)", "Imran Clarke – Head of Safety"]),
    ("Imran Clarke, Head of Safety and Marek Hughes, Safer Custody Manager",
     ["Imran Clarke, Head of Safety", "Marek Hughes, Safer Custody Manager"]),
    ("Chris Doyle, Head of Residence", ["Chris Doyle, Head of Residence"]),       # a person and their post
    ("Safer Custody, Head of Safety", ["Safer Custody", "Head of Safety"]),        # a team is no person
    ("Reception Supervisor & Family Engagement Worker", ["Reception Supervisor", "Family Engagement Worker"]),
    ("Resettlement Manager (Milton Keynes College) & Contract Manager (Practice Plus Group)",
     ["Resettlement Manager (Milton Keynes College)", "Contract Manager (Practice Plus Group)"]),
    ("NHS England and NHS Improvement", ["NHS England and NHS Improvement"]),
    # after a bare title, a comma parts two owners when a person's post follows, not a body's name (its portfolio)
    ("Governor, Canteen Supervisor", ["Governor", "Canteen Supervisor"]),
    ("FM Manager (Nacro), Deputy Governor, Family Engagement Worker",
     ["FM Manager (Nacro)", "Deputy Governor", "Family Engagement Worker"]),
    ("Deputy Director, Strategic Development Group", ["Deputy Director, Strategic Development Group"]),
    # ... or a known body the two do not name together, or a person named with their post
    ("Deputy Governor, Home Office", ["Deputy Governor", "Home Office"]),
    ("Director, Youth Custody Service", ["Director, Youth Custody Service"]),  # one post, as the gazetteer has it
    # ... or as the start of a longer post it knows ('Executive Director, Public Sector Prisons North')
    ("Executive Director, Public Sector Prisons", ["Executive Director, Public Sector Prisons"]),
    ("Deputy Governor, Imran Nowak – Head of Security", ["Deputy Governor", "Imran Nowak – Head of Security"]),
    ("Governor, Marek Hughes", ["Governor, Marek Hughes"]),  # a title, then its holder's name
])


def test_owner_entries_split_by_how_posts_are_written(entry, owners):
    assert split_owners(entry) == owners


def test_columns_are_named_by_what_their_cells_hold_whatever_the_headings_say():
    samples = [[["1.1"], ["1.2"], ["Safety"], ["1.3"]],
               [["Prisoners should be", "released well."], ["Leaders should act."]],
               [["Partially", "agreed"], ["Agreed"]],
               [["HMPPS will review the policy", "and publish the results."], ["A new panel will meet monthly."]],
               [["Deputy Governor"], ["Head of Safety"]],
               [["Q1 2016/17"], ["31st July 2020"]]]
    assert type_columns(["col0", "text", None, "response", None, None], samples) == [
        "ref", "text", "decision", "response", "owner", "date"]
    # headings nobody listed ('Para | Finding | Outcome | What we will do | Led by | Due by'): the header by content
    names = content_header(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], samples)
    assert names == ["ref", "text", "decision", "response", "owner", "date"]
    assert content_header(["Term", "Definition", "Additional comment", "Notes"], samples[1:5]) is None


def test_a_column_of_bare_refs_is_the_ref_column_though_section_names_make_up_half_its_lines():
    samples = [[["Care", "1.1"], ["1.2"], ["Safety", "2.3"], ["Summary"], ["Agreed"]],
               [["Prisoners on the basic level of the", "scheme should have clear targets."],
                ["Transfers to hospital should take place", "within the national time limits."]],
               [["agreed", "Incentives data will be monitored by", "ethnicity at each meeting."],
                ["agreed", "The local framework will be reviewed", "and relaunched with the council."]]]
    assert type_columns([None, "text", "response"], samples) == ["ref", "text", "response"]
    # a column of labels and words, a single bare ref among them, is no ref column
    samples[0] = [["Care", "1.1"], ["Safety"], ["Summary"], ["Agreed"], ["Total"]]
    assert type_columns([None, "text", "response"], samples)[0] != "ref"


def test_numbers_between_the_recommendation_and_the_response_number_actions_not_recommendations():
    # an 'Action no.' column just before the response, '1.1', '1.2' down one recommendation's action rows: read as
    # the refs, every action row opened a record (seen on one-row-per-action plans, the ref at the concern's head)
    finding = [["Concern 1", "Leaders should make sure", "that allocation is fair."], ["Staff should be", "trained."]]
    numbers = [["1.1"], ["1.2"], ["1.3"], ["2.1"]]
    reply = [["Allocation data will be", "monitored monthly."], ["The policy will be", "reviewed and published."]]
    owner = [["Head of Residence"], ["Governor"]]
    dates = [["End of Q2 2021/22"], ["31st July 2020"]]
    assert type_columns(["text", "response", None, "owner", "date"], [finding, numbers, reply, owner, dates]) == [
        "text", None, "response", "owner", "date"]
    # whatever its heading says ('No.'), and beside a decision column
    assert type_columns(["text", "decision", "ref", "response", "owner", "date"],
                        [finding, [["ACCEPTED"], ["ACCEPTED"]], numbers, reply, owner, dates]) == [
        "text", "decision", None, "response", "owner", "date"]
    # the recommendation's own refs, left of its text, stay its refs beside the action numbers
    assert type_columns([None, "text", None, "response", "owner", "date"],
                        [[["1"], ["2"]], finding, numbers, reply, owner, dates]) == [
        "ref", "text", None, "response", "owner", "date"]


def test_a_column_of_prose_items_no_heading_names_is_the_response_not_the_refs():
    # 'What we will do' names no field; its lines run on with no blank space, so the page's cell is one, and the
    # page number below it ('4') makes half its cells read as refs
    samples = [[["Staff should be trained", "in the use of force."], ["Leaders should publish data."]],
               [["ACCEPTED"], ["ACCEPTED"]],
               [["a) DIRF forms and boxes will be", "available on every wing.", "b) An external partner will",
                 "quality assure a sample.", "a) Allocation lists will be", "published each month."], ["4"]],
               [["Head of Residence"], ["Governor"]],
               [["September 2016"], ["July 2016"]]]
    assert type_columns(["text", "decision", None, "owner", "date"], samples) == [
        "text", "decision", "response", "owner", "date"]


def test_the_first_of_headings_numbered_in_order_is_a_heading_though_ocr_read_it_as_a_ref():
    # '1. ID' run together by OCR into '11D' reads as a ref ('11' + 'd'): the cells after it, numbered 2 to 6 in
    # order, are a header's headings, and so is it (seen on a scanned plan: its first row was taken for the header)
    samples = [[["1"], ["2"], ["3"]],
               [["Leaders should make sure", "that allocation is fair."], ["Staff should be", "trained."]],
               [["PARTIALLY", "ACCEPTED"], ["ACCEPTED"], ["ACCEPTED"]],
               [["a) The allocation policy will be", "reviewed to make sure it is fair."],
                ["b) Waiting list data will be", "monitored by characteristic."]],
               [["Canteen Supervisor"], ["Business Hub Manager"], ["Governor"]],
               [["May-24"], ["Aug-24"], ["Oct-23"]]]
    heads = ["11D", "2.Issueraised", "3. Status", "4. What we will do", "5. Led by", "6. Due by"]
    assert content_header(heads, samples) == ["ref", "text", "decision", "response", "owner", "date"]
    # not numbered in order after it: a ref in the first cell is a body row's
    assert content_header(["11D", "3. Status"] + heads[2:], samples) is None
    assert content_header(["1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "May-24"],
                          samples) is None


def test_a_line_with_a_bullet_in_a_cell_is_a_body_row_not_more_of_a_wrapped_header():
    from actionplans.extract.tables import _bulleted
    (body,) = to_lines(row(["Recommendation", "Cells designed", "partially", "\u2022 Prisoner"], 119))
    (head,) = to_lines(row(["No.", "Inspection", "Agreed/", "Action planned"], 81))
    assert _bulleted(body) and not _bulleted(head)


def test_numbered_headings_no_list_names_are_a_header_when_the_columns_below_read_as_a_plan():
    samples = [[["S30"], ["S31"], ["S32"]],
               [["Prisoners should have enough", "purposeful activity."], ["Staff should be", "trained."]],
               [["Agreed"], ["Partly agreed"], ["Agreed"]],
               [["a) The allocation policy will be", "reviewed to make sure it is fair."],
                ["b) Waiting list data will be", "monitored by characteristic."]],
               [["End of 2019/20"], ["2018/19"], ["End of 2019/20"]],
               [["Head of Safety"], ["Prison Group Director"], ["Governor"]]]
    heads = ["1.", "2. Finding", "3. Accept?", "4. Steps to be taken", "5. Due by", "6. Accountable"]
    assert content_header(heads, samples) == ["ref", "text", "decision", "response", "date", "owner"]
    # two headings naming one field ('4. Proposed action', '5. Action owner' read as responses) hint it once
    heads = ["1. Ref", "2. What the inspectors", "3. Status", "4. Proposed action", "5. Action", "6. Timescale"]
    assert content_header(heads, samples)[3:] == ["response", "date", "owner"]


def test_settings_are_validated_and_named():
    assert Settings().paragraph_gap == 1.45
    with pytest.raises(ValidationError):
        Settings(paragraph_gap=0.5)
    with pytest.raises(ValidationError):
        Settings(tolerance_nobody_named=1)
    assert all(f.description for f in Settings.model_fields.values())


# -- a plan's header, told by structure -------------------------------------------------------------------
COLS = (40, 100, 260, 330, 560, 660)  # Para | Finding | Outcome | What we will do | Led by | Due by


def row(cells, top, x0s=COLS):
    """One table line: each non-empty cell's words laid out from its column's left edge."""
    out = []
    for x, cell in zip(x0s, cells):
        if cell:
            out += [dict(w, page=0) for w in words(cell, x0=x, top=top)]
    return out


def cells_at(columns, page, texts, top):
    """A table row's cells as the scanner takes them: each text laid out from its column's left edge."""
    return {k: [dict(w, page=page) for w in words(v, x0=x, top=top)] for k, v, x in zip(
        columns.fields, texts, columns.edges) if v}


def plan_page(page, body):
    """A page of an unruled plan: a running header, the table's header (words no list names, repeated on every
    page), body lines (cells per line) and a page number."""
    ws = row(["Sample plan – OFFICIAL"], 20)
    ws += row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    for k, cells in enumerate(body):
        ws += row(cells, 90 + 12 * k)
    ws += row([f"Page {page} of 3"], 800)
    return {"page": page, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": []}


def test_a_header_repeated_atop_every_page_is_the_plans_header_not_a_running_header():
    from actionplans.extract.pipeline import recover
    body = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Head of Safety", "June 2024"],
            [None, None, None, "Data will be published.", "Deputy Governor", "July 2024"],
            ["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2024"]]
    pages = [plan_page(n, body if n == 1 else [[c if j else c and c.replace("S", "S" + str(n)) for j, c in
                                               enumerate(cells)] for cells in body]) for n in (1, 2, 3)]
    rec = recover(pages)
    assert rec.scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [r.words("ref")[0]["text"] for r in rec.scan.rows] == ["S1", "S2", "S21", "S22", "S31", "S32"]
    dropped = {t for lines, tops in zip(rec.lines_per_page, rec.furniture) for top, _, t in lines if top in tops}
    assert "Sample plan – OFFICIAL" in dropped and not any("Outcome" in t for t in dropped)


def test_headings_over_columns_the_header_page_leaves_blank_are_still_the_plans_columns():
    from actionplans.extract.pipeline import recover
    first = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", None, None],
             [None, None, None, "Data will be published.", None, None]]
    later = [["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2024"],
             [None, None, None, "A review will follow.", "Head of Safety", "June 2024"]]
    pages = [plan_page(1, first), dict(plan_page(2, later), words=[
        w for w in plan_page(2, later)["words"] if not 55 < w["top"] < 70])]  # the header on its first page only
    rec = recover(pages)
    # nothing under 'Led by' and 'Due by' on the header's page: still columns, named by what later pages hold
    assert rec.scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [r.words("ref")[0]["text"] for r in rec.scan.rows] == ["S1", "S2"]  # the first body line is no header
    assert [w["text"] for w in rec.scan.rows[1].words("date")] == ["May", "2024", "June", "2024"]


def test_a_plan_with_no_refs_is_recognised_by_its_decisions_and_dates():
    samples = [[["Prisoners should be", "released well."], ["Leaders should act."]],
               [["Partly", "agreed"], ["Agreed"]],
               [["HMPPS will review the policy", "and publish the results."], ["A panel will meet monthly."]],
               [["Deputy Governor"], ["Head of Safety"]],
               [["To be", "confirmed"], ["July 2021"]]]
    assert content_header(["What the inspectors found", "Our position", "Planned response", "Due", "Who"],
                          samples) == ["text", "decision", "response", "owner", "date"]
    assert content_header(["Term", "Definition", "Comment", "Notes"], samples[:4]) is None  # no dates: no plan


def test_two_columns_of_prose_nobody_named_are_the_finding_then_the_response():
    finding = [["Cells designed for one", "should not hold two."], ["Leaders should act", "on the data."]]
    reply = [["A checklist will be completed", "weekly by managers."], ["Data will be reviewed", "each month."]]
    assert type_columns(["ref", None, "decision", None, "owner", "date"],
                        [[["S1"], ["S2"]], finding, [["Agreed"], ["Agreed"]], reply, [["Governor"]],
                         [["TBC"]]]) == ["ref", "text", "decision", "response", "owner", "date"]


def test_a_word_starting_a_hair_left_of_a_column_edge_is_that_columns():
    from actionplans.extract.tables import Columns
    cols = Columns(["decision", "response"], [298.8, 374.8, 10_000.0])
    assert cols.field_at(374.79) == "response" and cols.field_at(372.0) == "decision"


def test_body_lines_on_a_later_page_are_not_taken_for_a_new_header():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    first = plan_page(1, [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Head of Safety", "June 2024"]])
    scanner.add_page(1, first["words"], [], [])
    # a later page with no header: four cells of body text, then the owner and date column text below
    later = row(["not hold two. Leaders should:", "units have been submitted to the", "Head of", "To be"], 60,
                (100, 330, 560, 660))
    for k in range(4):
        later += row([f"{k + 2}.", f"Item {k} will be reviewed monthly.", "Governor", "TBC"], 90 + 12 * k,
                     (40, 330, 560, 660))
    scanner.add_page(2, later, [], [])
    assert scanner.finish().columns.fields == ["ref", "text", "decision", "response", "owner", "date"]


def test_a_body_row_whose_cells_name_fields_is_not_a_header_once_the_rows_have_begun():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    first = plan_page(1, [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Head of Safety", "June 2024"]])
    scanner.add_page(1, first["words"], [], [])
    later = row(["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2024"], 60)
    # 'Key concern' (a ref's label), 'ACCEPTED' and 'In response, ...' read as header words for text, decision, response
    later += row(["Key concern", "Incident forms should be", "ACCEPTED", "In response, the team has", "", ""], 200)
    later += row(["3", "investigated promptly.", None, "agreed that:", "Governor", "March 2024"], 212)
    scanner.add_page(2, later, [], [])
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2", "Key concern 3"]


NO_REF = (40, 260, 560, 660)  # Recommendation | Response (its decision atop) | Owner | Date: no ref column


def no_ref_page(page, body, header=True):
    ws = row(["Recommendation", "Response", "Owner", "Target date"], 60, NO_REF) if header else []
    for k, cells in enumerate(body):
        ws += row(cells, 90 + 12 * k, NO_REF) if isinstance(cells, list) else row([cells], 90 + 12 * k, (40,))
    return ws


def test_a_section_row_below_a_record_continued_from_the_page_above_is_a_section_not_more_text():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Leaders should act.", "AGREED", None, None],
                                        [None, "A panel will meet.", "Governor", "June 2024"]]), [], [])
    scanner.add_page(2, no_ref_page(2, [[None, "and report monthly.", "Head of Safety", "July 2024"],
                                        "Reception and first night and leadership and culture",
                                        ["Staff should be trained.", "AGREED", None, None],
                                        [None, "Training will be given.", "Governor", "May 2024"]], header=False),
                     [], [])
    scan = scanner.finish()
    assert [r.section for r in scan.rows] == [None, "Reception and first night and leadership and culture"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act.", "Staff should be trained."]


def test_with_no_refs_a_record_ended_by_a_section_row_is_not_glued_to_the_one_above():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Leaders should act.", "AGREED", None, None],
                                        [None, "A panel will meet.", "Governor", "June 2024"],
                                        [None, "It will report to the board.", None, None],
                                        ["Staff should be trained.", "PARTLY AGREED", None, None],
                                        [None, "Training will be given.", "Governor", "May 2024"],
                                        [None, "Its take-up will be monitored.", None, None],
                                        "Safety",
                                        ["Cells should hold one.", "NOT AGREED", None, None],
                                        [None, "The budget does not allow it.", None, None]]), [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act.", "Staff should be trained.", "Cells should hold one."]


def test_a_column_of_prose_with_decisions_atop_its_cells_stays_the_response_column():
    response = [["accepted"], ["Every prisoner placed on basic will have a plan", "agreed with their key worker."],
                ["rejected"], ["Not accepted. The current arrangements meet", "the requirements of the framework."]]
    assert type_columns(["text", "response", "owner", "date"],
                        [[["Prisoners on basic"]], response, [["Governor"]], [["30/04/2016"]]]) == [
        "text", "response", "owner", "date"]


def test_a_short_line_ending_a_page_was_ended_by_enter_so_the_next_page_opens_a_paragraph():
    lines = to_lines(words("rejected", page=2, x0=300) + words("Not accepted. The current arrangements meet",
                                                               page=3, x0=300, top=60))
    assert [p.text for p in paragraphs(lines, right=560)] == [
        "rejected", "Not accepted. The current arrangements meet"]
    assert len(paragraphs(lines)) == 1  # no right edge known: one paragraph, as before


def test_two_prose_columns_are_told_by_their_lower_case_words_even_when_the_response_column_is_narrow():
    finding = [["Leaders should investigate", "the high number of", "adjudications brought."]]
    reply = [["- A quality", "assurance check", "of 10% of", "adjudication", "records will be", "completed each",
              "month by the", "Head of Safety."]]
    owner = [["Grace Clarke –", "Equalities Lead"], ["Custodial Manager", "(Aisha Hughes)"]]
    assert type_columns(["ref", None, None, None, "date", "owner"],
                        [[["Recommendation", "1"]], finding, [["Accepted"]], reply, [["28th", "February", "2022"]],
                         owner]) == ["ref", "text", "decision", "response", "date", "owner"]


def test_in_a_ruled_plan_with_no_refs_a_row_atop_a_page_that_prints_its_own_decision_is_a_new_record():
    from actionplans.extract.tables import Columns, TableScanner
    scanner = TableScanner()
    scanner.scan.columns = Columns(["text", "response", "owner", "date"], [40, 260, 560, 660, 800])
    first = {"text": words("Leaders should act.", x0=40), "response": words("Agreed", "A panel will meet.", x0=260),
             "owner": words("Governor", x0=560, top=111.5), "date": words("June 2024", x0=660, top=111.5)}
    scanner._row(1, first, (40, 100, 800, 200), False, page_top=False)
    top = {"text": words("Leaders should investigate.", x0=40, page=2),
           "response": words("Not agreed", "The budget does not allow it.", x0=260, page=2)}
    scanner._row(2, top, (40, 60, 800, 120), False, page_top=True)  # a ruled table's first row on a page
    more = {"response": words("and report monthly.", x0=260, page=3)}
    scanner._row(3, more, (40, 60, 800, 80), False, page_top=True)  # no decision of its own: continues
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("text")) for r in rows] == [
        "Leaders should act.", "Leaders should investigate."]
    assert rows[1].pages == [2, 3]


def test_a_columns_text_edge_is_where_the_next_column_starts_less_two_cells_padding_when_its_lines_are_short():
    from actionplans.extract.pipeline import column_rights
    from actionplans.extract.tables import Columns, Row
    owner = [dict(w, page=1) for w in words("Head of Residence", "(Sam Smith)", x0=600)]
    rows = [Row({"owner": owner}, None, [1], (0, 0, 800, 200))]
    cols = Columns(["response", "owner", "date"], [300.0, 600.0, 720.0, 10_000.0])
    assert column_rights(rows, ("owner",)) == {"owner": max(w["x1"] for w in owner)}  # no columns known: the text
    assert column_rights(rows, ("owner",), cols) == {"owner": 720.0 - 2 * 5.4}


def test_stacked_dates_opening_in_lower_case_split_where_a_whole_date_ends_but_onwards_continues_one():
    lines = to_lines(words("end of August", "end of", "November", "end of January", "April 2022", "onwards",
                           x0=600))
    assert [e.text for e in entries(lines, right=660, split_segments=True, opens=opens_date,
                                    segment_opens=opens_date)] == [
        "end of August", "end of November", "end of January", "April 2022 onwards"]


GRID_X = (40, 90, 210, 270, 400, 460, 520)  # Ref | Recommendation | Decision | Response | Owner | Deadline


def grid_page(page, rows_text, top=100.0, xs=GRID_X):
    """A ruled table as the table finder gives it: each row's cells (x0, top, x1, bottom), and the words."""
    rows, ws, y = [], [], top
    for cells in rows_text:
        height = 12.0 * max(len(c) for c in cells)
        rows.append([(a, y, b, y + height) for a, b in zip(xs, xs[1:])])
        for x, lines in zip(xs, cells):
            ws += words(*lines, x0=x + 2, top=y + 1, page=page, pitch=12.0)
        y += height
    return (xs[0], top, xs[-1], y), rows, ws


def test_a_ruled_header_broken_mid_word_is_mended_and_a_column_empty_on_the_first_page_is_named_later():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Responsi", "ble"], ["Deadline"]]
    bbox, rows, ws = grid_page(1, [head, [["1"], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."],
                                          ["Governor"], ["June 2024"]]])
    scanner.add_page(1, ws, [(bbox, rows)], [])
    assert scanner.scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]

    scanner = TableScanner()
    head[4] = ["Accountable"]  # a heading no list names, over a column left empty on the first page
    bbox, rows, ws = grid_page(1, [head, [["1"], ["Cells should", "hold one."], ["Not agreed"],
                                          ["The budget does", "not allow it."], [], []]])
    scanner.add_page(1, ws, [(bbox, rows)], [])
    assert scanner.scan.columns.fields[4].startswith("col")
    bbox, rows, ws = grid_page(2, [[["2"], ["Staff should", "be trained."], ["Agreed"], ["Training will", "be given."],
                                    ["Governor"], ["May 2024"]]], top=60.0)
    scanner.add_page(2, ws, [(bbox, rows)], [])
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert " ".join(w["text"] for w in scan.rows[-1].words("owner")) == "Governor"


AREA_X = (40, 100, 230, 420, 500, 560)  # Area | Concern | Action | Owner | Date: the section's name in a column


def area_grid(page, rows_text, top=100.0):
    """A ruled table with a column of its own at its left for the section names (`grid_page`'s, on `AREA_X`)."""
    return grid_page(page, rows_text, top, AREA_X)


def test_a_column_headed_as_refs_holding_none_is_no_ref_column_and_a_left_column_of_names_is_the_sections():
    area = [["Respect"], ["Safety"], ["Purposeful", "activity"]]
    concern = [["Concern 1", "Prisoners should be", "supported."], ["Concern 2", "Leaders should act."],
               ["Concern 3", "Cells should hold one."]]
    action = [["A panel will meet", "each month to review", "the data."], ["Staff will be trained."],
              ["The budget does not", "allow it this year."]]
    owner, date = [["Governor"], ["Head of Safety"], ["Governor"]], [["May 2024"], ["June 2024"], ["July 2024"]]
    # 'Area' names the refs' column in words; its cells hold no ref, which open the concerns' cells instead
    assert type_columns(["ref", "text", "response", "owner", "date"], [area, concern, action, owner, date]) == [
        "section", "text", "response", "owner", "date"]
    # ... or nothing at all (a plan of no sections): a column of no field, not the refs'
    assert type_columns(["ref", "text", "response", "owner", "date"], [[], concern, action, owner, date]) == [
        None, "text", "response", "owner", "date"]
    # a column of sentences at the left is no section column
    assert type_columns([None, "text", "response", "owner", "date"], [action, concern, action, owner, date])[0] != (
        "section")


def test_a_heading_naming_the_recommendation_over_names_yields_to_the_column_of_sentences_right_of_it():
    # 'Healthy prison area' reads as the recommendation's heading ('area'), so the real 'Recommendation' heading,
    # naming the same field, is left unnamed; the names below the first and the sentences below the second decide
    area = [["Safety"], ["Education, skills and", "work"], ["Respect"]]
    recs = [["Prisoners should be", "supported."], ["Leaders should act on", "the data."],
            ["Cells should hold one", "prisoner."]]
    action = [["A panel will meet", "each month to review", "the data."], ["Staff will be trained."],
              ["The budget does not", "allow it this year."]]
    owner, date = [["Governor"], ["Head of Safety"], ["Governor"]], [["May 2024"], ["June 2024"], ["July 2024"]]
    refs = [["5.01"], ["5.02"], ["5.03"]]
    names = type_columns(["text", "ref", None, "response", "owner", "date"], [area, refs, recs, action, owner, date])
    assert names == ["section", "ref", "text", "response", "owner", "date"]
    # one row tells (a plan's first page may hold one record): a name beside a sentence
    names = type_columns(["text", "ref", None, "response", "owner", "date"],
                         [c[:1] for c in (area, refs, recs, action, owner, date)])
    assert names == ["section", "ref", "text", "response", "owner", "date"]
    # a recommendation column of sentences keeps its heading's name, whatever the column beside it holds
    assert type_columns(["text", "ref", None, "response", "owner", "date"],
                        [recs, refs, action, action, owner, date])[0] == "text"


def test_a_ruled_plans_section_column_names_each_records_section_and_shifts_no_other_column():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    head = [["Area"], ["Concern / Area"], ["Action"], ["Owner"], ["Date"]]
    bbox, rows, ws = area_grid(1, [head,
                                   [["Respect"], ["Concern 1", "Prisoners should", "be supported."],
                                    ["A panel will meet", "each month."], ["Governor"], ["May 2024"]],
                                   [[], [], ["Staff will be trained."], ["Head of Safety"], ["June 2024"]],
                                   [["Purposeful", "activity"], ["Concern 2", "Leaders should act."],
                                    ["The data will be", "published."], ["Governor"], ["July 2024"]],
                                   [[], ["Concern 3", "Cells should hold one."], ["A review will follow."],
                                    ["Governor"], ["July 2024"]]])
    scanner.add_page(1, ws, [(bbox, rows)], [])
    scan = scanner.finish()
    assert scan.columns.fields == ["section", "text", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["Concern 1", "Concern 2", "Concern 3"]
    # the name beside a record's first row is its section (and the next records' till another is named), no cell's
    assert [r.section for r in scan.rows] == ["Respect", "Purposeful activity", "Purposeful activity"]
    assert " ".join(w["text"] for w in scan.rows[0].words("owner")) == "Governor Head of Safety"
    assert all("section" not in r.cells for r in scan.rows)


def test_an_unruled_plans_section_column_leaves_the_text_columns_lines_and_rules_where_they_were():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 110, 160, 330, 500, 600)  # Theme | Ref | Recommendation | Response | Owner | Date
    ws = row(["Theme", "Ref", "Recommendation", "Response", "Owner", "Date"], 60, x0s)
    body = [["Respect", "1.1", "Leaders should make", "A panel will meet.", "Governor", "May 2024"],
            [None, None, "sure that force is", "It will report.", None, None],
            [None, None, "used as a last resort.", None, None, None],
            [None, None, None, "Staff will be trained.", "Head of Safety", "June 2024"],
            ["Safety", "1.2", "Cells should hold", "The budget does not", "Governor", "July 2024"],
            [None, None, "one prisoner.", "allow it.", None, None]]
    for k, cells in enumerate(body):
        ws += row(cells, 90 + 12 * k, x0s)
    # a rule between the first record's two actions: across its response, owner and date, and its section's cell
    # (drawn beside every row), not its ref's or recommendation's; and a rule between the records, across them all
    rules = [(75, 40, 660), (124, 330, 660), (124, 40, 110), (136, 40, 660)]  # (the header's rule first)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert scan.columns.fields == ["section", "ref", "text", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should make sure that force is used as a last resort.", "Cells should hold one prisoner."]
    assert [r.section for r in scan.rows] == ["Respect", "Safety"]
    assert " ".join(w["text"] for w in scan.rows[0].words("owner")) == "Governor Head of Safety"


def test_with_no_refs_a_rule_between_actions_across_the_section_column_does_not_cut_the_record():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 110, 330, 500, 600)  # Theme | Recommendation | Response | Owner | Date
    ws = row(["Theme", "Recommendation", "Response", "Owner", "Date"], 60, x0s)
    body = [["Respect", "Leaders should make", "A panel will meet.", "Governor", "May 2024"],
            [None, "sure that force is", "It will report.", None, None],
            [None, "used only as a last", "Staff will be trained.", "Head of Safety", "June 2024"],
            [None, "resort.", None, None, None],
            ["Safety", "Cells should hold", "The budget does not", "Governor", "July 2024"],
            [None, "one prisoner.", "allow it.", None, None]]
    for k, cells in enumerate(body):
        ws += row(cells, 90 + 12 * k, x0s)
    # between the first record's actions a rule runs across the response, owner and date, and across the section's
    # cell (drawn beside every row), through the recommendation's merged cell, not across it
    rules = [(75, 40, 660), (113, 330, 660), (113, 40, 110), (137, 40, 660)]
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert scan.columns.fields == ["section", "text", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should make sure that force is used only as a last resort.", "Cells should hold one prisoner."]
    assert [r.section for r in scan.rows] == ["Respect", "Safety"]


def test_a_header_repeated_in_the_first_grid_row_of_a_later_page_is_stripped_from_that_rows_cells():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Target date"]]
    bbox, rows, ws = grid_page(1, [head, [["R1"], ["Leaders should", "act."], ["agreed"], ["A panel will", "meet."],
                                          ["Governor"], ["Jun-22"]]])
    scanner.add_page(1, ws, [(bbox, rows)], [])
    # page 2: no rule under the repeated header, so it shares the first grid row with a row continued from page 1
    more = ["It will report to", "the board each", "month and publish", "the minutes on", "each wing."]
    bbox, rows, ws = grid_page(2, [[["Ref"], ["Recommendation"], ["Decision"], ["Response", *more],
                                    ["Owner", "Deputy", "Governor"], ["Target date", "Jul-22"]],
                                   [["R2"], ["Staff should", "be trained."], ["agreed"], ["Training will", "be given."],
                                    ["Governor"], ["May-22"]]], top=60.0)
    scanner.add_page(2, ws, [(bbox, rows)], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["R1", "R2"]
    assert " ".join(w["text"] for w in rows[0].words("owner")) == "Governor Deputy Governor"
    assert "Response" not in " ".join(w["text"] for w in rows[0].words("response"))


def test_a_heading_between_a_finished_record_and_the_next_concern_label_is_a_section_row_without_a_gap():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Concern 1", "A panel will meet.", "Governor", "June 2024"],
                                        "Leaders should act on",
                                        "the data.",
                                        "Library and gym",
                                        ["Concern 2", "Training will be given.", "Governor", "May 2024"],
                                        "Staff should be trained.",
                                        "Neurodiversity",
                                        ["Concern 3", "Reviews will be held.", "Governor", "May 2024"],
                                        "Reviews should be held."]), [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "Leaders should act on the data."), ("Library and gym", "Staff should be trained."),
        ("Neurodiversity", "Reviews should be held.")]


def test_a_concern_label_wrapped_above_its_number_atop_a_narrow_text_column_is_the_ref_whole():
    # 'Concern' / '1' over two lines of a text column narrowed by an action-number column: the number alone was
    # taken for the ref and the label left in the text (seen on one-row-per-action plans with an 'Action no.' column)
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Concern", "A panel will meet.", "Governor", "June 2024"],
                                        "1",
                                        "Leaders should act.",
                                        ["Concern", "Training will be given.", "Governor", "May 2024"],
                                        "2",
                                        "Staff should be trained."]), [], [])
    rows = scanner.finish().rows
    assert [(" ".join(w["text"] for w in r.words("ref")), " ".join(w["text"] for w in r.words("text")))
            for r in rows] == [("Concern 1", "Leaders should act."), ("Concern 2", "Staff should be trained.")]


def test_a_line_atop_a_page_running_on_the_text_left_open_above_a_concern_label_is_more_of_that_text():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Concern 1", "A panel will meet.", "Governor", "June 2024"],
                                        "Its use should be monitored so that",
                                        "foreign national prisoners are not"]), [], [])
    scanner.add_page(2, no_ref_page(2, ["disadvantaged.",
                                        ["Concern 2", "Training will be given.", "Governor", "May 2024"],
                                        "Staff should be trained."], header=False), [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "Its use should be monitored so that foreign national prisoners are not disadvantaged."),
        (None, "Staff should be trained.")]


def test_a_heading_below_blank_space_in_the_text_column_is_a_section_row_though_other_columns_ran_on_to_it():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    # the record's text ('... each wing', no full stop) ends lines above; its response runs on down to the heading
    scanner.add_page(1, no_ref_page(1, [["Concern 1", "A panel will meet to", "Governor", "June 2024"],
                                        ["- publish the results on each wing", "review the data and", None, None],
                                        [None, "report on it to the", None, None],
                                        [None, "governor every month.", None, None],
                                        "Resettlement",
                                        ["Concern 2", "Training will be given.", "Governor", "May 2024"],
                                        "Staff should be trained."]), [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "- publish the results on each wing"), ("Resettlement", "Staff should be trained.")]


def test_a_heading_that_comes_back_out_to_a_list_items_bullet_where_its_wraps_hang_is_a_section_row():
    from actionplans.extract.tables import TableScanner

    def page(hang):
        ws = row(["Recommendation", "Response", "Owner", "Target date"], 60, NO_REF)
        ws += row(["Concern 1", "A panel will meet.", "Governor", "June 2024"], 90, NO_REF)
        ws += row(["Leaders should:"], 102, NO_REF) + row(["\u2022 act promptly on any"], 114, NO_REF)
        ws += [dict(w, page=0) for w in words("disparity found", x0=40 + hang, top=126)]
        # no room shown: the item's line is the column's longest, and nothing ends it but the bullet's indent
        ws += row(["\u2022 review the data each month and report"], 138, NO_REF) + row(["Offender management"], 150,
                                                                                        NO_REF)
        ws += row(["Concern 2", "Training will be given.", "Governor", "May 2024"], 162, NO_REF)
        return ws + row(["Staff should be trained."], 174, NO_REF)
    scanner = TableScanner()
    scanner.add_page(1, page(12), [], [])  # the item's wrapped line hangs 12 pt in, under its text
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))[-10:]) for r in rows] == [
        (None, "and report"), ("Offender management", "e trained.")]
    scanner = TableScanner()
    scanner.add_page(1, page(0), [], [])  # wraps back at the bullet: the heading may be the item's last words
    assert [r.section for r in scanner.finish().rows] == [None, None]


def test_with_no_refs_a_short_line_under_a_list_item_where_its_wraps_hang_is_the_items_not_a_section_row():
    from actionplans.extract.tables import TableScanner
    cols = (40, 200, 260, 560, 660)  # Recommendation | Decision | Response | Owner | Target date: no ref column
    ws = row(["Recommendation", "Decision", "Response", "Owner", "Target date"], 60, cols)
    ws += row(["Leaders should act.", "AGREED", "A panel will meet.", "Governor", "June 2024"], 90, cols)
    ws += row(["Leaders should:"], 102, cols) + row(["\u2022 act promptly on any"], 114, cols)
    # the item's last words, set in under its text; where the column's edge is only estimated (no rule, the next
    # column's text centred), 'gap' reads as if it would have fitted on the line above
    ws += [dict(w, page=0) for w in words("gap found", x0=49, top=126)]
    ws += row(["Staff should be trained.", "AGREED", "Training will be given.", "Governor", "May 2024"], 138, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "Leaders should act. Leaders should: \u2022 act promptly on any gap found"),
        (None, "Staff should be trained.")]


def test_where_no_list_item_shows_how_its_wraps_hang_a_capitalised_line_back_at_the_bullet_is_no_wrap():
    from actionplans.extract.tables import TableScanner
    ws = row(["Recommendation", "Response", "Owner", "Target date"], 60, NO_REF)
    ws += row(["Concern 1", "A panel will meet.", "Governor", "June 2024"], 90, NO_REF)
    ws += row(["Leaders should:"], 102, NO_REF) + row(["\u2022 act promptly on any disparity found"], 114, NO_REF)
    ws += row(["\u2022 review the data each month and report"], 126, NO_REF)
    ws += row(["Offender management"], 138, NO_REF)  # no blank line, no room shown, no item ever wraps
    ws += row(["Concern 2", "Training will be given.", "Governor", "May 2024"], 150, NO_REF)
    scanner = TableScanner()
    scanner.add_page(1, ws + row(["Staff should be trained."], 162, NO_REF), [], [])
    assert [r.section for r in scanner.finish().rows] == [None, "Offender management"]
    scanner = TableScanner()  # in lower case, the line reads as the item's own words run on
    scanner.add_page(1, [w if w["text"] != "Offender" else dict(w, text="offender") for w in ws], [], [])
    assert [r.section for r in scanner.finish().rows] == [None, None]


def test_a_posts_last_word_alone_on_a_line_ends_the_post_above_rather_than_stacking_a_second_owner():
    assert not stacks_owner(["Leader"], "Chaplaincy Team")
    assert stacks_owner(["Governor"], "Head of Safety")  # a title that stands alone is an owner of its own


def test_a_line_opening_with_a_bracket_continues_the_owner_above():
    assert not opens_owner("(Catch22)/Head of Learning and Skills (Catch22)", "Education Manager")
    assert opens_owner("Head of Learning and Skills (Catch22)", "Education Manager (Catch22)")


def test_headings_that_name_two_fields_make_a_header_when_the_columns_below_hold_dates():
    samples = [[["Leaders should act", "on the data."]], [["agreed"], ["a) A panel will meet", "each month."]],
               [["Education Manager", "(Novus)"]], [["Q3 2021/22"], ["Q1 2022/23"]]]
    assert content_header(["1. What the inspectors found", "2. Response (decision and actions)",
                           "3. Accountable lead", "4. Due by"], samples) == ["text", "response", "owner", "date"]


def test_a_heading_cut_off_mid_phrase_is_named_by_what_its_column_holds():
    from actionplans.extract.pipeline import recover
    cols = (40, 150, 280, 410, 480)  # Rec No | Recommendation | Decision and / response | Target / Date | Owner

    def page(n):  # the heading's second line repeats atop every page, where it is dropped as a running header
        ws = row(["Sample plan – OFFICIAL"], 20, (40,))
        ws += row(["Rec No", "Recommendation", "Decision and", "Target", "Owner"], 60, cols)
        ws += row([None, None, "response", "Date"], 72, cols)
        ws += row([f"R{n}", "Leaders should act.", "AGREED", "June 2024", "Governor"], 300, cols)
        ws += row([None, None, f"A panel will meet {n}", None, None], 312, cols)
        ws += row([None, None, f"each month {n}.", None, None], 324, cols)
        return {"page": n, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": []}
    rec = recover([page(1), page(2), page(3)])
    assert rec.scan.columns.fields == ["ref", "text", "response", "date", "owner"]
    assert [" ".join(w["text"] for w in r.words("response")) for r in rec.scan.rows] == [
        f"AGREED A panel will meet {n} each month {n}." for n in (1, 2, 3)]


def test_a_refs_label_at_the_foot_of_a_page_opens_the_next_record_not_the_end_of_the_one_above():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    first = plan_page(1, [["Concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor",
                           "June 2024"]])["words"]
    scanner.add_page(1, [w for w in first if 40 < w["top"] < 700], [], [])  # the page's furniture already dropped
    page2 = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    page2 += row([None, None, None, "and report monthly.", "Deputy Governor", "July 2024"], 90)
    page2 += row(["Key", "Staff should be", "Partly agreed", "Training will be", None, None], 400)
    page2 += row(["concern", None, None, None, None, None], 412)  # the label wrapped over two lines
    scanner.add_page(2, page2, [], [])
    page3 = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    page3 += row(["2", "trained.", None, "given.", "Governor", "May 2024"], 90)
    scanner.add_page(3, page3, [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["Concern 1", "Key concern 2"]
    assert " ".join(w["text"] for w in rows[0].words("response")) == "A panel will meet. and report monthly."


def test_a_refs_wrapped_label_finds_its_number_past_a_line_with_nothing_in_the_ref_column():
    # gen-4157-004 scanned: 'Key' / 'concern' / '3', an owner and date set between the label's second line and the
    # number, OCR's boxes a little off the pitch, read as a line of their own: the label still waits for its number
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    ws += row(["Concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"], 90)
    ws += row(["Key", "Staff should be", "Agreed", "Training will be", None, None], 120)
    ws += row(["concern", "trained and", None, "given to all", None, None], 135)
    ws += row([None, None, None, "staff in turn.", "Deputy Governor", "July 2024"], 142.5)
    ws += row(["3", "supported.", None, None, None, None], 150)
    scanner.add_page(1, ws, [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["Concern 1", "Key concern 3"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in rows] == [
        "Leaders should act.", "Staff should be trained and supported."]


def test_a_long_heading_alone_above_a_ref_is_a_section_where_blank_space_parts_it_from_a_finished_sentence():
    from actionplans.extract.tables import TableScanner
    name = "Reception and first night and education, skills and work"  # nine words: over the plain limit
    wide = (40, 420, 600, 700)  # a text column wide enough for the name on one line

    def sections(last_line):
        ws = row(["Recommendation", "Response", "Owner", "Target date"], 60, wide)
        ws += row(["Concern 1", "A panel will meet.", "Governor", "June 2024"], 90, wide)
        ws += row([last_line, "It will report."], 102, wide) + row([name], 126, wide)  # a blank line above it
        ws += row(["Concern 2", "Training will be given.", "Governor", "May 2024"], 138, wide)
        scanner = TableScanner()
        scanner.add_page(1, ws + row(["Staff should be trained."], 150, wide), [], [])
        return [r.section for r in scanner.finish().rows]
    assert sections("Leaders should act.") == [None, name]
    assert sections("Leaders should act on")[1] is None  # the text above unfinished: the line may go on with it


def test_a_refs_label_broken_by_a_page_is_one_ref_with_the_number_below_it():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    page1 = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    page1 += row(["Key", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"], 90)
    page1 += row(["concern 6", None, None, None, None, None], 102)
    page1 += row(["Key", "Staff should be", "Agreed", "Training will be", None, None], 760)  # the label's first word
    scanner.add_page(1, page1, [], [])

    def cells(texts, top):
        return {k: [dict(w, page=2) for w in words(v, x0=x, top=top)] for k, v, x in zip(
            ("ref", "text", "response", "owner", "date"), texts, (40, 100, 330, 560, 660)) if v}
    # atop the next page, rows cut at every line (as rules between a cell's actions cut them): its second word,
    # then the number
    scanner._row(2, cells(["concern", "trained and", "given as follows:", None, None], 60), (0, 55, 800, 70), False)
    scanner._row(2, cells(["7", "supported.", "Staff will be briefed.", "Governor", "May 2024"], 72),
                 (0, 70, 800, 84), False, page_top=False, full=False)
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["Key concern 6", "Key concern 7"]
    assert " ".join(w["text"] for w in rows[1].words("text")) == "Staff should be trained and supported."


def test_words_under_the_header_before_a_plans_first_record_with_no_response_or_decision_are_the_headers():
    # '1.' over 'What the' / 'inspectors' / 'found', '2.' over 'Outcome': the first line alone reads as a plan by
    # what lies below it, so the lines under it are body lines; in a plan that prints no refs, they would be a
    # record of their own, with no decision and no response, before the first one
    from actionplans.extract.pipeline import recover
    cols = (46, 145, 217, 487, 620)
    ws = row(["1. What the", "2.", "3. Proposed action", "4. Who", "5. By"], 80, cols)
    ws += row(["inspectors", "Outcome", None, None, "when"], 92, cols)
    ws += row(["found", None, None, None, None], 104, cols)
    ws += row(["Prisoners should", "ACCEPTED", "The Head of Residence will review", "Governor", "Q2 2023/24"], 116,
              cols)
    ws += row(["have timely", None, "waiting times each month.", None, None], 128, cols)
    ws += row(["access to care.", None, "A needs assessment will be done.", "Head of Healthcare", "Q4 2022/23"], 140,
              cols)
    ws += row(["Staff should be", "REJECTED", "The current arrangements", None, None], 160, cols)
    ws += row(["trained.", None, "meet the policy.", None, None], 172, cols)
    ws += row(["Leaders should", "ACCEPTED", "Data will be published", "Deputy Governor", "Q1 2024/25"], 192, cols)
    ws += row(["publish data.", None, "on every wing.", None, None], 204, cols)
    rec = recover([{"page": 1, "width": 842.0, "height": 595.0, "words": [dict(w, page=1) for w in ws], "tables": [],
                    "rules": []}])
    assert rec.scan.columns.fields == ["text", "decision", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in rec.scan.rows] == [
        "Prisoners should have timely access to care.", "Staff should be trained.", "Leaders should publish data."]


def test_a_header_ends_before_a_line_that_opens_with_a_ref_though_the_body_words_would_name_more_fields():
    from actionplans.extract.tables import TableScanner
    cols = (40, 110, 300, 370, 600, 680)  # Reference | Area | Outcome | Proposed action | Completion / date | Lead
    ws = row(["Reference", "Area for improvement", "Outcome", "Proposed action", "Completion", "Accountable lead"], 60,
             cols)
    ws += row([None, None, None, None, "date"], 72, cols)
    ws += row(["S30", "Cells should hold one.", "Agreed", "a) A plan will be made", "Summer 2024", "Governor"], 86,
              cols)
    ws += row(["S31", "Staff should be trained.", "Agreed", "a) Training will be given", "Spring 2024", "Governor"],
              130, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S30", "S31"]
    assert scan.columns.fields[2:] == ["decision", "response", "date", "owner"]


def test_header_words_yield_to_content_a_response_with_no_prose_and_a_due_by_column_of_dated_notes():
    finding = [["The incentives", "scheme should", "motivate prisoners."]]
    reply = [["In addition, the", "Head of Safety will", "oversee the", "following:"],
             ["Every prisoner", "placed on basic", "will have a plan."]]
    owner = [["Head of", "Safety", "(Priya", "Hughes)"]]
    # 'Action' (of 'Action owner' cut short) named the owner column the response
    assert type_columns([None, "text", None, None, "response", "date"],
                        [[["5.01"], ["5.02"]], finding, [["accepted"]], reply, owner, [["August 2020"]]]) == [
        "ref", "text", "decision", "response", "owner", "date"]
    # 'Due by' names nothing; its cells are dates with notes, wrapped
    dates = [["January", "2023", "(pilot)", "", "June 2023", "(review of", "processes)"]]
    assert type_columns(["ref", "text", "decision", "response", "owner", None],
                        [[["5.01"]], finding, [["agreed"]], reply, owner, dates])[-1] == "date"


def test_cells_read_under_a_placeholder_take_the_name_their_column_is_given_on_a_later_page():
    from actionplans.extract.tables import Columns, Row, TableScanner
    scanner = TableScanner()
    edges = [40.0, 90.0, 230.0, 400.0, 470.0, 540.0]
    scanner.scan.page_columns[1] = Columns(["ref", "text", "response", "col3", "owner"], edges)
    scanner.scan.columns = scanner.scan.page_columns[2] = Columns(["ref", "text", "response", "date", "owner"], edges)
    dates = words("Within 12", "months", x0=400)
    scanner.scan.rows.append(Row({"ref": words("5.01"), "col3": dates}, None, [1], (40, 100, 540, 200)))
    row = scanner.finish().rows[0]
    assert row.words("date") == dates and "col3" not in row.cells


def test_a_column_of_few_decision_cells_is_the_decision_column_though_a_wrap_splits_one():
    finding = [["Cells designed for one", "should not hold two."], ["Prisoners should have", "enough activity."]]
    reply = [["1. Prisoner representatives will take", "part in monthly walkarounds."]]
    assert type_columns([None, "text", None, None, "date", "owner"],
                        [[["1"], ["2"]], finding, [["ACCEPTED"], ["PARTIALLY"]], reply, [["TBC"]],
                         [["Head of Safety"]]])[2] == "decision"


def test_a_header_repeated_atop_a_page_keeps_its_depth_though_a_rule_lies_below_it():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    first = plan_page(1, [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"]])
    scanner.add_page(1, [w for w in first["words"] if 40 < w["top"] < 700], [], [])  # its furniture dropped
    later = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    later += row([None, None, None, "and report monthly.", "Deputy Governor", None], 72)
    later += row(["Summary of responses"], 110, (40,))
    scanner.add_page(2, later, [], [(100.0, 40.0, 800.0)])  # the summary table's top rule, just below the rows
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["S1"]
    assert " ".join(w["text"] for w in rows[0].words("response")) == "A panel will meet. and report monthly."


def test_lines_that_followed_the_first_header_and_repeat_under_it_are_the_headers():
    from actionplans.extract.tables import TableScanner
    cols = (40, 110, 330, 560, 660)

    def head(top=60):
        return row(["1. Ref", "2. Recommendation", "3. Our response", "4. Target", "5. Responsible"], top, cols) + \
            row(["No.", None, None, "Date", "Owner"], top + 12, cols)
    scanner = TableScanner()
    scanner.add_page(1, head() + row(["S1", "Leaders should act.", "A panel will meet", "June 2024", "Governor"],
                                     100, cols), [], [])
    scanner.add_page(2, head() + row([None, None, "and report monthly.", "July 2024", "Deputy Governor"], 90, cols)
                     + row(["S2", "Staff should be trained.", "Training will be given.", "May 2024", "Governor"],
                           130, cols), [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["S1", "S2"]
    assert " ".join(w["text"] for w in rows[0].words("response")) == "A panel will meet and report monthly."


def test_a_repeated_header_is_recognised_though_one_of_its_lines_was_dropped_as_a_running_header():
    from actionplans.extract.tables import TableScanner
    cols = (40, 80, 260, 330, 560, 660)
    lines = [["1.", "2. Recommendation", "3.", "4. Response", "5. Target", "6. Responsible"],
             ["Rec", None, "Agreed/", None, "Date", "Owner"], [None, None, "Not"], [None, None, "Agreed"]]

    def head(skip=None):
        return [w for k, cells in enumerate(lines) if k != skip for w in row(cells, 60 + 12 * k, cols)]
    scanner = TableScanner()
    scanner.add_page(1, head() + row(["1", "Leaders should act.", "agreed", "A panel will meet", "June 2024",
                                      "Governor"], 120, cols), [], [(110.0, 40.0, 800.0)])  # the header's border
    page2 = head(skip=2) + row([None, None, None, "and report monthly.", "July 2024", "Deputy Governor"], 110, cols)
    page2 += row(["2", "Staff should be trained.", "agreed", "Training will be given.", "May 2024", "Governor"], 150,
                 cols)
    scanner.add_page(2, page2, [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("decision")) for r in rows] == ["agreed", "agreed"]
    assert " ".join(w["text"] for w in rows[0].words("response")) == "A panel will meet and report monthly."


def test_a_repeated_headers_next_line_is_still_the_headers_when_a_line_before_it_was_dropped():
    from actionplans.extract.tables import TableScanner
    cols = (40, 80, 260, 560, 660)
    scanner = TableScanner()
    page1 = row(["1. ID", "2. Finding", "3. Our response", "4.", "5. Who"], 60, cols)
    page1 += row([None, None, None, "Completion"], 72, cols) + row([None, None, None, "date"], 84, cols)
    page1 += row(["R1", "Leaders should act.", "accepted", "June 2024", "Governor"], 110, cols)
    scanner.add_page(1, page1, [], [])
    page2 = row(["1. ID", "2. Finding", "3. Our response", "4.", "5. Who"], 60, cols)  # 'Completion' dropped here
    page2 += row([None, None, None, "date"], 84, cols)
    page2 += row(["R2", "Staff should be trained.", "accepted", "May 2024", "Governor"], 110, cols)
    scanner.add_page(2, page2, [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("date")) for r in rows] == ["June 2024", "May 2024"]


def test_a_heading_above_the_next_concern_label_is_a_section_though_the_line_above_it_is_the_responses():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Concern 1", "A panel will meet", "Governor", "June 2024"],
                                        ["Leaders should act.", "and report monthly."],
                                        [None, "It will publish the minutes."],
                                        "Keyworking and safeguarding",
                                        ["Concern 2", "Training will be given.", "Governor", "May 2024"],
                                        "Staff should be trained."]), [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "Leaders should act."), ("Keyworking and safeguarding", "Staff should be trained.")]


def test_a_heading_below_a_pages_run_on_responses_is_a_section_though_no_text_line_above_it_ended():
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, no_ref_page(1, [["Concern 1", "A panel will meet", "Governor", "June 2024"],
                                        ["Leaders should act.", "and report monthly."]]), [], [])
    # the record's text ended on the page before: atop this page only its responses run on
    scanner.add_page(2, no_ref_page(2, [[None, "It will publish the minutes.", "Head of Safety", "July 2024"],
                                        "Release and work and the family ties",
                                        ["Concern 2", "Training will be given.", "Governor", "May 2024"],
                                        "Staff should be trained."]), [], [])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in rows] == [
        (None, "Leaders should act."),
        ("Release and work and the family ties", "Staff should be trained.")]


def test_a_header_repeated_on_every_page_is_a_copy_so_a_line_repeated_elsewhere_below_it_is_the_body():
    from actionplans.extract.tables import _repeat_depth
    first = to_lines(words("Rec Recommendation", "No Owner", "Accepted/", "Not", "S1 Leaders should act", top=60))
    head = [ln.text for ln in first[:2]]
    after = [(ln.text, ln.top - first[0].top) for ln in first[2:5]]
    # 'Accepted/' dropped here as a running header: 'Not' still sits where it sat under the first header
    assert _repeat_depth(to_lines(words("Rec Recommendation", "No Owner", None, "Not", "S2 Staff", top=40)),
                         0, head, after) == 3
    # a body line that repeats a line of the first page (a recommendation made twice), not where it sat there
    assert _repeat_depth(to_lines(words("Rec Recommendation", "No Owner", "S1 Leaders should act", top=40)),
                         0, head, after) == 2


def test_an_entry_level_with_a_sentence_deep_in_a_paragraph_marks_an_action_typed_on_without_a_break():
    from actionplans.extract.cells import block_starts, split_at_cues
    text = ["A local action plan will be developed", "and its progress monitored each month.",
            "Assurance will be given through the", "quarterly review of the group.",
            "Prisoners will be consulted through the", "prisoner council."]
    response = paragraphs(to_lines(words(*text, x0=300)), right=500)
    assert len(response) == 1  # no bullet, no blank line, each line full: one paragraph by layout alone
    dates = block_starts(to_lines(words("31/10/2023", None, None, None, "30/11/2023", x0=600)))
    assert [p.text[:20] for p in split_at_cues(response, dates, right=500)] == [
        "A local action plan ", "Prisoners will be co"]
    early = block_starts(to_lines(words("31/10/2023", "30/11/2023", x0=600)))  # stacked atop: no cue that deep
    assert len(split_at_cues(response, early, right=500)) == 1
    low = block_starts(to_lines(words("31/10/2023", None, None, None, None, "30/11/2023", x0=600)))  # a line low
    assert len(split_at_cues(response, low, right=500)) == 1  # level with no sentence's start
    assert [p.text[:20] for p in split_at_cues(response, low, right=500, drop=11.5)] == [
        "A local action plan ", "Prisoners will be co"]  # in a plan that types its entries a line low
    shallow = block_starts(to_lines(words("31/10/2023", None, None, "30/11/2023", x0=600)))
    assert len(split_at_cues(response, shallow, right=500)) == 1  # 'quarterly review ...' opens no sentence
    # one line into a paragraph, an entry is only a paragraph's typed low; in a plan known to type them level,
    # it marks the action that sentence opens
    near = block_starts(to_lines(words("31/10/2023", None, "30/11/2023", x0=600)))
    assert len(split_at_cues(response, near, right=500)) == 1
    assert [p.text[:20] for p in split_at_cues(response, near, right=500, reach=1)] == [
        "A local action plan ", "Assurance will be gi"]
    assert [p.text[:20] for p in split_at_cues(response, shallow, right=500, drop=11.5)] == [
        "A local action plan ", "Assurance will be gi"]  # a line low: the entry's own start, two lines in


def test_a_rule_between_actions_of_a_merged_record_counts_where_it_passes_through_a_line_of_its_text():
    from actionplans.extract.tables import TableScanner
    cols = (40, 100, 300, 560, 660)  # Ref | Recommendation | Response | Timescale | Led by
    ws = row(["Ref", "Recommendation", "Response", "Timescale", "Led by"], 60, cols)
    ws += row(["R1", "The governor should", "A check will be made", "August 2020", "Governor"], 90, cols)
    ws += [dict(w, page=0) for w in words("ensure fairness.", x0=100, top=102)]  # merged text, above the rule
    ws += [dict(w, page=0) for w in words("Training will be given.", x0=300, top=104.5)]  # the next action
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [(75.0, 40.0, 800.0), (104.0, 300.0, 800.0), (130.0, 40.0, 800.0)])
    rows = scanner.finish().rows
    bands = {w["text"]: w["band"] for w in rows[0].words("response")}
    assert len(rows) == 1 and bands["A"] != bands["Training"]  # two table rows: the actions stay apart


def test_a_rule_across_only_the_columns_an_action_fills_parts_the_actions_though_it_crosses_under_half_the_table():
    # gen-5527-035: wide ref, text and decision columns; the rules between a merged record's actions cross the
    # response, date and owner columns only, 49% of the table's width
    from actionplans.extract.tables import TableScanner
    cols = (40, 120, 280, 360, 470, 540)  # Ref | Recommendation | Decision | Response | Date | Owner
    ws = row(["Ref", "Recommendation", "Decision", "Response", "Date", "Owner"], 60, cols)
    ws += row(["R1", "Leaders should act.", "Accepted", "A check will be made.", "June 2024", "Governor"], 90, cols)
    ws += row([None, None, None, "Training will be given.", "July 2024", "Head of Safety"], 104, cols)
    rules = [(75.0, 36.0, 622.0), (102.5, 356.0, 622.0), (130.0, 36.0, 622.0)]
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    rows = scanner.finish().rows
    bands = {w["text"]: w["band"] for w in rows[0].words("response")}
    assert len(rows) == 1 and bands["A"] != bands["Training"]  # one record, two table rows: the actions stay apart
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [rules[0], (102.5, 356.0, 470.0), rules[2]])  # under the response column only
    bands = {w["text"]: w["band"] for w in scanner.finish().rows[0].words("response")}
    assert bands["A"] == bands["Training"]  # crossing the response alone, it parts nothing


def test_the_content_typing_tolerances_are_named_settings():
    reply = [["AGREED"], ["A panel will meet", "each month and report."], ["Staff will be trained", "by June."]]
    hints = ["ref", "text", "decision", "date", "owner"]
    samples = [[["R1"]], [["Leaders should act."]], reply, [["June 2024"]], [["Governor"]]]
    assert type_columns(hints, samples)[2] == "response"  # prose under 'Decision and': the response
    assert type_columns(hints, samples, Settings(prose_share=0.95))[2] == "decision"  # a stricter bar keeps the hint


def test_rows_whose_lone_entry_sits_level_with_a_lead_in_make_the_document_habit_stacked():
    from actionplans.extract.align import document_habit
    rows = []
    for _ in range(3):  # each row: a lead-in, one action, one entry atop the cell (level with the lead-in)
        response = paragraphs(to_lines(words("HMPPS will:", None, "\u2022 Review the policy", "on use of force.",
                                             x0=300)))
        (date,) = entries(to_lines(words("June 2021", x0=700)), split_segments=True, opens=opens_date, right=800)
        rows.append(hypotheses(response, [date], 11.5, share=3.0))
    assert rows[0][0].cost == rows[0][STACKED].cost == 0  # one row alone cannot tell
    habit = document_habit(rows)
    assert habit == STACKED and choose(rows[0], prior=habit).targets == [1]  # a tie goes to the habit
    assert document_habit(rows, Settings(lead_cost=0)) == 0  # without the lead-in's cost, level wins the tie
    # one row alone with its entry level with a lead-in shows no habit: the lead-in's own owner ('Actions to be
    # completed by 30 September 2022:' | 'Governor'), as level reads it; so do one row's owners and dates together
    assert document_habit(rows[:1]) == 0
    assert document_habit(rows[:1] * 2, row_of=[0, 0]) == 0 and document_habit(rows[:2], row_of=[0, 1]) == STACKED


def test_a_row_that_leaves_its_lead_in_blank_shows_lead_ins_with_entries_level_own_them():
    # gen-6283-059: three rows' lone entries level with their lead-ins ('In addition, the Governor will oversee the
    # following:'), and one row whose lead-in is blank and whose entry sits level with the action below it: that
    # typist sets entries beside what they belong to, so the lead-ins' entries are their own, not stacked ones
    from actionplans.extract.align import document_habit

    def row(at):  # a lead-in, a blank line, one action; the row's one entry on line `at`
        response = paragraphs(to_lines(words("HMPPS will:", None, "\u2022 Review the policy", "on use of force.",
                                             x0=300)))
        (date,) = entries(to_lines(words(*[None] * at, "June 2021", x0=700)), split_segments=True, opens=opens_date,
                          right=800)
        return hypotheses(response, [date], 11.5, share=3.0)

    owned = [row(0) for _ in range(3)]  # level with the lead-in
    blank = row(2)  # level with the action
    assert document_habit(owned) == STACKED  # alone, entries level with lead-ins row after row read as stacked
    assert blank[0].passed == 1 and blank[0].cost == 0 and STACKED not in blank  # below the top: not a stack
    habit = document_habit([*owned, blank])
    assert habit == 0 and choose(owned[0], prior=habit).targets == [0]  # each lead-in's entry is its own


def test_a_post_keeps_its_own_closing_bracket_and_a_second_owner_stacks_under_it():
    from actionplans.extract.owners import post_of
    assert post_of("Tom Clarke (Head of Security)") == "Head of Security"
    assert post_of("Priya Evans – Head of Safety (Tom Khan)") == "Head of Safety (Tom Khan)"
    # the post above is judged by the last owner of the entry, not by the whole text joined with 'and'
    assert stacks_owner(["Priya Evans –", "Priya Evans – Safer Custody", "Priya Evans – Safer Custody Manager"],
                        "Priya Evans – Safer Custody Manager and Head of Safety (Tom Khan)")
    # ... as owners are split: a post whose name holds 'and' is one owner, complete, and a second stacks under it
    assert stacks_owner(["Resettlement Manager"], "Head of Learning and Skills (Gov Facility Services)")


def test_the_stacked_reading_parts_entries_only_at_blank_space_not_where_a_line_meets_a_later_paragraph():
    response = paragraphs(to_lines(words("HMPPS will:", "\u2022 Review the policy.", "\u2022 Publish the data.",
                                         "\u2022 Train staff.", x0=300)))
    lines = to_lines(words("Head of Residence", "Deputy Governor", None, "Governor", "Head of Safety", x0=600))
    level = entries(lines, lambda ln: 0 if ln.top < 111 else 1 if ln.top < 123 else 2 if ln.top < 134 else 3,
                    opens_owner, right=760, segment_opens=stacks_owner)
    stacked = entries(lines, None, opens_owner, right=760, segment_opens=stacks_owner)
    assert len(level) == 3 and [len(e.segments) for e in stacked] == [2, 2]  # two entries of two owners each
    chosen = hypotheses(response, level, 11.5, stacked=stacked)[STACKED]
    assert chosen.entries == stacked and chosen.targets == [1, 2]
    assert chosen.cost == 2.0  # priced by the larger count: reading fewer entries does not make stacking cheaper


def test_owners_and_dates_share_one_placement_habit():
    from types import SimpleNamespace

    from actionplans.extract.align import Alignment
    from actionplans.extract.pipeline import placement_habits
    owners = {0: Alignment(0, 6.0, [0, 0]), STACKED: Alignment(STACKED, 2.0, [0, 1])}  # stacked owners: plainly
    dates = {0: Alignment(0, 0.0, [0, 1]), STACKED: Alignment(STACKED, 1.0, [0, 1])}  # one-line dates: any fits
    rows = [SimpleNamespace(owner_options=owners, date_options=dates)] * 2
    assert placement_habits(rows) == (STACKED, STACKED)
    bare = [SimpleNamespace(owner_options=owners, date_options={})] * 2  # no dates: no habit for them
    assert placement_habits(bare) == (STACKED, None)


def test_a_placement_that_parts_an_actions_owner_from_its_date_reads_the_document_less_well():
    """Owners stacked at the top of the cell with a blank line between them, and dates that wrap over as many lines
    as the bullets beside them, so they read level too: level gives the first action two owners and the last none,
    parting owner and date entries of the same rank; stacked keeps each pair beside one action."""
    from types import SimpleNamespace

    from actionplans.extract.align import Alignment, unpaired
    from actionplans.extract.pipeline import placement_habits
    owners = {0: Alignment(0, 2.5, [0, 0, 1]), STACKED: Alignment(STACKED, 2.0, [0, 1, 2], prior=2.0)}
    dates = {0: Alignment(0, 0.0, [0, 1, 2]), STACKED: Alignment(STACKED, 2.0, [0, 1, 2], prior=2.0)}
    assert unpaired(owners, dates) == {0: 2, STACKED: 0}
    rows = [SimpleNamespace(owner_options=owners, date_options=dates)] * 3
    assert placement_habits(rows) == (STACKED, STACKED)
    assert placement_habits(rows, Settings(pair_cost=0)) == (0, 0)  # misfit alone: level (7.5 against 12)
    # a shared owner entry (fewer owners than dates) says nothing of pairs
    shared = {0: Alignment(0, 0.0, [0]), STACKED: Alignment(STACKED, 0.0, [0])}
    assert unpaired(shared, dates) == {}


def test_an_action_given_an_owner_and_a_date_that_sit_apart_reads_the_document_less_well_whatever_the_counts():
    """gen-5113-172: owners and dates stacked at the top of their cells, a blank line between entries, beside a lead-in
    and two-line actions. Level reads each row's first entries beside the lead-in, and in the row of three actions it
    parts the stacked owners 'Head of Operations' / 'Head of Healthcare' where the second action starts: four owner
    entries to three dates, so no rank pairs them, and level fitted as well as stacked (a tie, 5 against 5, that
    level won). Yet it gives the last action an owner level with it and a date a line below: typed by its paragraph,
    an action's owner and date sit at one height."""
    from actionplans.extract.align import unpaired
    from actionplans.extract.pipeline import placement_habits, read_cells
    from actionplans.extract.tables import Row
    rights = {"response": 540, "owner": 690, "date": 800}

    def row(response, owner, date):
        return read_cells(Row({"response": words(*response, x0=300), "owner": words(*owner, x0=560),
                               "date": words(*date, x0=700)}, None, [1], (0, 0, 800, 300)), rights)
    lone = row(["To address this recommendation, the", "following actions will be taken:",
                "\u2022 Incentives data will be monitored", "by ethnicity at each meeting."],
               ["Head of Reducing", "Reoffending", "Deputy Governor"], ["within 6", "weeks"])
    three = row(["Actions to be completed by January:", "\u2022 Case reviews will be held for",
                 "all prisoners with complex needs.", "\u2022 Listeners will be promoted through",
                 "induction on all residential units.", "\u2022 A self-harm strategy will be",
                 "published, informed by analysis", "of incidents."],
                ["Head of Operations", None, "Head of Operations", "Head of Healthcare", None, "Head of Residence"],
                ["within 8", "weeks", None, "within 8", "weeks", None, "Within three", "months"])
    assert three.owner_options[0].targets == [0, 1, 2, 3] and three.date_options[0].targets == [0, 2, 3]
    assert three.owner_options[STACKED].targets == three.date_options[STACKED].targets == [1, 2, 3]
    # level: the last action's owner (line 6) and date (line 7) sit a line apart, and it read four owner entries
    # where stacked reads three, as many as the dates (`align.unpaired`: one entry read as two); stacked pairs
    # every rank
    assert unpaired(three.owner_options, three.date_options)[0] == 2
    assert unpaired(three.owner_options, three.date_options)[STACKED] == 0
    assert placement_habits([lone, lone, three]) == (STACKED, STACKED)
    assert placement_habits([lone, lone, three], Settings(pair_cost=0)) == (0, 0)  # the tie, level by name
    # a shared owner entry level with its first action, dates for each: one height, nothing unpaired
    shared = row(["\u2022 Case reviews will be held.", "\u2022 Listeners will be promoted."],
                 ["Head of Operations"], ["within 8 weeks", "Within three months"])
    assert unpaired(shared.owner_options, shared.date_options)[0] == 0


def test_a_record_running_over_pages_still_prints_its_decision_on_its_first_line():
    from actionplans.extract.tables import TableScanner
    first = [dict(w, page=5) for w in words("ACCEPTED", x0=300, top=700)]
    later = [dict(w, page=6) for w in words("Training will be given.", x0=300, top=700)]  # same height, next page
    assert TableScanner._decides({"response": first + later})
    assert not TableScanner._decides({"response": later})


def test_in_a_plan_that_parts_owner_entries_with_blank_space_owners_typed_without_one_are_one_entry():
    from actionplans.extract.pipeline import read_cells
    from actionplans.extract.tables import Row
    resp = words("\u2022 Transfers will be escalated.", "\u2022 Timetables will be published.", x0=300)
    own = words("Head of Healthcare", "Contract Manager", x0=560)  # the second level with the second action
    row = Row({"response": resp, "owner": own, "date": words("June 2024", x0=700)}, None, [1], (0, 0, 800, 200))
    rights = {"response": 540, "owner": 680, "date": 800}
    level = read_cells(row, rights)
    # read level, the second owner has an entry of its own, though no date beside it joins it back (join_unpaired)
    assert [e.segments for e in level.owners] == [["Head of Healthcare", "Contract Manager"]]
    assert level.owner_breaks == (0, 1)  # one boundary, no blank space above it
    parted = read_cells(row, rights, blank_parted=True)
    assert [e.segments for e in parted.owners] == [["Head of Healthcare", "Contract Manager"]]
    gapped = Row({"response": resp, "owner": words("Governor", None, "Head of Safety", x0=560)}, None, [1],
                 (0, 0, 800, 200))
    assert read_cells(gapped, rights).owner_breaks == (1, 1)


def test_stacked_dates_say_how_many_actions_a_narrow_column_ran_together():
    from actionplans.extract.cells import split_to_count
    text = ["HMP Leeds will:", "The policy will be", "reviewed each year.", "Induction will cover", "every activity."]
    paras = paragraphs(to_lines(words(*text, x0=300)), right=400)  # no line leaves room for the next word
    assert [p.text for p in paras] == ["HMP Leeds will:", "The policy will be reviewed each year. Induction will cover "
                                                          "every activity."]  # the lead-in's colon parts it alone
    assert [p.text for p in split_to_count(paras, 2, right=400)] == [
        "HMP Leeds will:", "The policy will be reviewed each year.", "Induction will cover every activity."]
    assert split_to_count(paras, 1, right=400) == paras  # enough actions already: nothing is cut


def test_a_repeated_line_run_on_between_body_lines_is_a_cells_text_not_furniture():
    from actionplans.extract.tables import furniture
    pages = [[(30.0, 39.0, "Sample plan"), (62.0, 71.0, f"Text of page {w} and Skills"), (72.5, 81.5, "(Practice Plus"),
              (83.0, 92.0, f"Group) {w} more")] for w in ("one", "two", "three")]
    drop = furniture(pages, [842.0] * 3)
    assert all(30.0 in d and 72.5 not in d for d in drop)  # the running header goes, the owner's wrap stays


def test_a_head_naming_its_portfolio_is_a_whole_post_and_a_second_owner_stacks_under_it():
    assert stacks_owner(["Keyworker", "Keyworker Coordinator"], "Head of Decency")
    assert not stacks_owner(["National", "National Coordinator"], "Head of Decency & Foreign")  # waits for its end
    assert not stacks_owner(["Decency"], "Head of")


def test_a_stacked_owners_wrap_is_followed_over_a_page_break():
    # 'Residential' ends page 1; 'Custodial Manager' opens page 2: together they are the second owner
    lines = to_lines(words("Family", "Engagement", "Worker", "Residential", x0=460, top=700)
                     + words("Custodial", "Manager", x0=460, page=2, top=90))
    (entry,) = entries(lines, None, opens_owner, right=525, segment_opens=stacks_owner)
    assert entry.segments == ["Family Engagement Worker", "Residential Custodial Manager"]


def test_an_entry_beside_the_next_paragraph_is_judged_with_the_lines_its_broken_first_word_wraps_onto():
    # a narrow column broke 'Neurodiversity': its first line alone reads as no owner, with its wrap it does
    lines = to_lines(words("Data Analyst", "& Head of", "Decency", "Neurodiversi", "ty Support", "Manager", x0=600))
    split = entries(lines, lambda ln: 0 if ln.top < 130 else 1, opens_owner, right=680, segment_opens=stacks_owner)
    assert [e.text for e in split] == ["Data Analyst & Head of Decency", "Neurodiversity Support Manager"]


def test_the_longest_known_role_the_lines_ahead_spell_is_read_before_a_shorter_one():
    # 'Prison Group' alone would be a title's portfolio ('Governor' + 'Prison Group'); the lines spell a known post
    assert stacks_owner(["Prison", "Prison Group", "Prison Group Director and"], "Governor")


def test_a_line_opening_with_a_posts_last_word_continues_and_a_providers_bracket_ends_the_post_before_it():
    assert not opens_owner("Manager (Gov Facility Services) and Contract Manager (Nacro)",
                           "Resettlement Manager (Change Grow Live) and FM")           # 'FM' + 'Manager'
    assert not opens_owner("Misuse Lead (Catch22)", "Head of Healthcare (Practice Plus Group) Substance")
    assert opens_owner("Substance Misuse Lead (Catch22)", "Head of Healthcare (Practice Plus Group)")


def test_stacked_dates_join_a_paragraph_a_page_break_parted_back_to_the_item_above():
    from actionplans.extract.cells import merge_to_count
    lines = to_lines(words("\u2022 The provider will publish timetables.", x0=300, top=700)
                     + words("The findings will be shared at the", "forum.", "\u2022 Escalate delayed transfers.",
                             x0=312, page=2, top=100))
    paras = paragraphs(lines)
    assert len(paras) == 3  # a finished sentence ends page 1: the text atop page 2 reads as a paragraph of its own
    assert [p.text for p in merge_to_count(paras, 2)] == [
        "The provider will publish timetables. The findings will be shared at the forum.",
        "Escalate delayed transfers."]
    assert merge_to_count(paras, 3) == paras  # as many dates as actions: nothing to join


def test_owners_stacked_past_the_next_paragraph_with_no_date_beside_them_stay_the_first_actions():
    from actionplans.extract.cells import join_unpaired
    lines = to_lines(words("FM Manager", "(Practice Plus Group)", "Substance Misuse", "Lead (Serco)", x0=600))
    split = entries(lines, lambda ln: 0 if ln.top < 120 else 1, opens_owner, right=720, segment_opens=stacks_owner)
    assert [e.text for e in split] == ["FM Manager (Practice Plus Group)", "Substance Misuse Lead (Serco)"]
    (joined,) = join_unpaired(split, [(1, 100.0)], tol=4, gap=17)   # the one date sits beside the first line only
    assert joined.segments == ["FM Manager (Practice Plus Group)", "Substance Misuse Lead (Serco)"]
    assert join_unpaired(split, [(1, 100.0), (1, 123.0)], tol=4, gap=17) == split  # a date beside each: two actions
    # a page break shows no blank space: the owner atop the next page, no date beside it, runs on from the one above
    over = entries(to_lines(words("Imran Doyle, Safer Custody Manager", x0=600, top=760) + words(
        "Head of Safety", None, "Governor", x0=600, page=2)), opens=opens_owner, right=720, segment_opens=stacks_owner)
    assert [e.segments for e in join_unpaired(over, [(1, 760.0), (2, 123.0)], tol=4, gap=17)] == [
        ["Imran Doyle, Safer Custody Manager", "Head of Safety"], ["Governor"]]


def test_of_owners_that_may_run_on_the_one_furthest_from_any_date_is_joined_not_the_first():
    from actionplans.extract.cells import join_unpaired
    # spaced: the second action's owner lands a little over the tolerance above its date (each column its own lattice
    # of Enter presses); the owner carried atop page 2 has no date on its page at all, and is the one that runs on
    lines = to_lines(words("Head of Safety", "Governor", x0=600) + words("Equalities Lead", x0=600, page=2, top=90))
    split = entries(lines, lambda ln: 0 if ln.top < 110 else 1, opens_owner, right=720, segment_opens=stacks_owner)
    assert [e.text for e in split] == ["Head of Safety", "Governor", "Equalities Lead"]
    joined = join_unpaired(split, [(1, 100.0), (1, 117.5)], tol=4, gap=17)
    assert [e.segments for e in joined] == [["Head of Safety"], ["Governor", "Equalities Lead"]]


def test_a_role_word_alone_opens_no_owner_entry_but_a_whole_role_does():
    assert not opens_owner("Lead", "Prison Group Director Equalities")
    assert opens_owner("Governor", "Head of Safety")


def test_a_lone_entry_a_line_below_a_lead_in_is_typed_low_not_stacked_since_a_stack_starts_at_the_cells_top():
    response = paragraphs(to_lines(words("The Senior Leadership Team has agreed that:", None,
                                         "\u2022 Checks will be made.", x0=300)))
    owner = entries(to_lines(words(None, "Equalities Lead", x0=600)), right=700)
    options = hypotheses(response, owner, 11.5)
    assert options[STACKED].cost > options[1].cost and choose(options).targets == [0]
    atop = entries(to_lines(words("Equalities Lead", x0=600)), right=700)
    assert hypotheses(response, atop, 11.5)[STACKED].cost == 0.0


def test_two_words_that_joined_make_a_word_of_the_plans_own_are_one_word_broken_by_a_narrow_column():
    assert broken_word("Rhian Doyle – Deputy Govern", "or and Beth Begum")  # 'govern' and 'or' are words too
    assert not broken_word("move in", "to the unit")                        # 'into' is no word of the plans'


def test_an_entry_level_with_the_line_after_a_lead_ins_colon_opens_that_action_however_near_the_top():
    from actionplans.extract.cells import split_at_cues
    paras = paragraphs(to_lines(words("Building on the work already started on F", "wing, the following will be done:",
                                      "Adjudication outcomes will be broken", "down by protected characteristic.",
                                      x0=200)))
    # no bullets, no blank, no room: the lead-in's colon alone parts the action below it, and an entry level with the
    # action's first line stays with it
    cue = to_lines(words(None, None, "Governor", x0=400))
    assert [p.text for p in paras] == [p.text for p in split_at_cues(paras, cue)] == [
        "Building on the work already started on F wing, the following will be done:",
        "Adjudication outcomes will be broken down by protected characteristic."]
    sentence = paragraphs(to_lines(words("Staff will be trained in the new", "policy on the use of force by staff.",
                                         "Adjudication outcomes will be broken", "down by characteristic.", x0=200)))
    assert len(split_at_cues(sentence, cue)) == 1  # a sentence's end two lines in may be a low entry's own action


def test_a_section_name_bridging_two_headings_cells_below_the_header_is_not_read_as_more_of_it():
    from actionplans.extract.tables import TableScanner
    cols = (45, 106, 239, 294, 419, 480)  # a narrow ref column: 'Reference' fills it, 'Resettlement' overruns it
    ws = row(["Reference", "Issue raised", "Status", "What we will do", "Timescale", "Action"], 60, cols)
    ws += row([None, None, None, None, None, "owner"], 72, cols)
    ws += [dict(w, page=0) for w in words("Resettlement", x0=45, top=86)]
    ws += row(["Priority", "Leaders should act.", "Accepted", "a) Listeners will be", "end of", "Governor"], 98, cols)
    ws += row(["concern 1", None, None, "promoted.", "December"], 110, cols)
    ws += row(["Priority", "Staff should be trained.", "Accepted", "a) Training will be given", "end of", "Governor"],
              140, cols)
    ws += row(["concern 2", None, None, None, "January"], 152, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert scan.columns.edges[:2] == [45, 106]  # the ref column keeps its own edge
    records = [r for r in scan.rows if r.words("ref")]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in records] == [
        "Priority concern 1", "Priority concern 2"]


def test_a_section_name_runs_across_an_edge_though_its_word_there_ends_a_hair_past_it():
    from actionplans.extract.cells import to_lines as lines_of
    from actionplans.extract.tables import Columns, TableScanner
    cols = Columns(["text", "response", "owner", "date"], [45.5, 133.3, 445.4, 578.6, 10_000.0])
    section = lines_of([{"text": t, "x0": x0, "x1": x1, "top": 455.1, "bottom": 466.1, "page": 2} for t, x0, x1 in (
        ("Living", 45.5, 78.8), ("conditions", 81.8, 134.4), ("and", 137.4, 156.8), ("violence", 159.8, 201.0))])[0]
    assert TableScanner()._runs_across(section, cols)
    cells = lines_of([{"text": t, "x0": x0, "x1": x1, "top": 468.9, "bottom": 479.9, "page": 2} for t, x0, x1 in (
        ("Transfers", 45.5, 90.8), ("to", 93.8, 103.1), ("ACCEPTED", 133.3, 199.2))])[0]
    assert not TableScanner()._runs_across(cells, cols)  # a cell's text stops short of the edge, the next starts on it


def test_body_lines_atop_a_later_page_are_not_a_header_named_by_what_lies_below_them():
    from actionplans.extract.tables import TableScanner
    cols = (45, 222, 411, 481)
    first = row(["Inspection recommendation", "Action planned", "Date", "Responsible"], 60, cols)
    first += row(["Prisoners should have timely", "1. Delays will be escalated", "Spring 2021",
                  "FM Manager"], 80, cols)
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    later = row(["access to health services,", "through the regional process.", "Autumn 2022", "Resettlement"],
                62, cols)
    later += row(["care.", "2. The provider will publish", None, "Manager"], 74, cols)
    later += row([None, "clinic timetables on each wing.", "Summer 2021", "(Forward Trust)"], 86, cols)
    later += row(["Concern 11 Leaders should", "1. A strategy will be published.", "Spring 2022",
                  "Substance Misuse Lead"], 110, cols)
    later += row(["understand self-harm.", "2. Reviews will be held.", "Winter 2022", "Governor"], 122, cols)
    scanner.add_page(2, later, [], [])
    scan = scanner.finish()
    text = " ".join(w["text"] for r in scan.rows for w in r.words("text"))
    assert "access to health services, care." in text  # the lines atop page 2 are the record's, not a header


def test_a_row_pays_only_its_misfit_for_the_documents_habit_whose_prior_the_document_has_paid():
    response = paragraphs(to_lines(words("The group has agreed the following plan:", "\u2022 Walkarounds will be held.",
                                         "\u2022 A plan has been submitted.", "\u2022 Checklists will be completed.",
                                         x0=300)))
    dates = entries(to_lines(words("Q2 2018/19", "Q2 2018/19", "Q3 2018/19", x0=700)),
                    split_segments=True, opens=opens_date, segment_opens=opens_date, right=800)
    options = hypotheses(response, dates, 11.5, share=3.0)  # three dates, by chance level with the first three lines
    assert choose(options).targets == [0, 1, 2]                       # alone, the row reads level
    assert options[STACKED].prior == 2.0
    assert choose(options, prior=STACKED).targets == [1, 2, 3]        # in a plan that stacks, it reads stacked


def test_a_responses_word_alone_on_a_line_is_not_the_summary_table_that_ends_a_plan():
    from actionplans.extract.tables import TableScanner
    cols = (45, 153, 283, 354, 476, 549)
    ws = row(["Rec No", "Recommendation", "Accepted", "Response", "Owner", "Target Date"], 60, cols)
    ws += row(["R3", "Staff should be trained.", "Accepted", "The establishment agrees", "Governor", "end of July"], 90,
              cols)
    ws += row([None, None, None, "recommendation"], 102, cols)   # a narrow column wraps the word onto a line alone
    ws += row([None, None, None, "and will train staff."], 114, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert " ".join(w["text"] for w in scan.rows[0].words("response")).endswith("recommendation and will train staff.")


def test_a_cells_last_line_at_a_pages_foot_run_on_from_the_body_is_not_a_footer_though_it_repeats():
    from actionplans.extract.tables import furniture
    def page(n, last):
        return [(19.0, 30.0, "Action plan – OFFICIAL"), (498.0, 510.0, "wing (Nacro); Contract"),
                (512.0, 524.0, last), (554.0, 565.0, f"Page {n} of 3")]  # 524 is in the page's foot band
    drop = furniture([page(1, "Manager (Milton"), page(2, "Manager (Milton"), page(3, "Governor")], [595.0] * 3)
    assert 512.0 not in drop[0] and 512.0 not in drop[1]  # run on from the body line above it
    assert {19.0, 554.0} <= drop[0]                       # the running header and the page number go


def test_a_financial_year_alone_on_a_line_near_a_pages_top_is_no_page_number():
    from actionplans.extract.tables import furniture
    pages = [[(62.0, 74.0, "ACTION PLAN"), (300.0, 312.0, "End of")], [(76.0, 87.0, "2022/23"), (554.0, 565.0, "2/3")],
             [(30.0, 41.0, "Page 3 of 3")]]
    drop = furniture(pages, [595.0] * 3)
    assert 76.0 not in drop[1]                      # a date's wrapped year ('End of' / '2022/23'), atop the next page
    assert 554.0 in drop[1] and 30.0 in drop[2]     # '2/3' and 'Page 3 of 3' are page numbers


def test_a_line_repeated_at_one_pages_foot_and_the_next_pages_top_is_a_cells_not_a_running_header():
    from actionplans.extract.tables import furniture
    pages = [[(19.0, 30.0, "Plan - OFFICIAL"), (400.0, 411.0, "Head of Safety")],
             [(19.0, 30.0, "Plan - OFFICIAL"), (745.0, 756.0, "Operation"), (756.0, 767.0, "al Support")],
             [(19.0, 30.0, "Plan - OFFICIAL"), (118.0, 129.0, "Operation"), (129.0, 140.0, "al Support"),
              (140.0, 151.0, "Lead")]]
    drop = furniture(pages, [842.0] * 3)
    assert 129.0 not in drop[2] and 118.0 not in drop[2]  # an owner wrapped at a foot once and atop a page once
    assert all(19.0 in d for d in drop)                  # the running header, atop every page, goes


def test_a_sentence_repeated_in_the_top_margin_where_its_cells_put_it_is_a_cells_text_not_a_running_header():
    """gen-7263-063: a response sentence the plan writes in several rows ('practice and the equality action plan.')
    is carried atop three of its six pages where rows break, in the top margin each time, but at 128.7, 61.8 and
    72.9 pt: a running header keeps its place from page to page, a cell's line stands where its cell puts it."""
    from actionplans.extract.tables import furniture
    said = "practice and the equality action plan."
    def page(n, at=None):
        lines = [(19.0, 28.0, "ACTION PLAN - HMP Underhill"), (808.0, 817.0, "OFFICIAL"),
                 (817.0, 826.0, f"Page {n} of 6")]
        return lines + ([(at, at + 9.0, said), (at + 19.0, at + 28.0, f"3. Categorisation decisions {n}")]
                        if at is not None else [])
    tops = {3: 128.7, 5: 61.8, 6: 72.9}
    drop = furniture([page(n, tops.get(n)) for n in range(1, 7)], [842.0] * 6)
    assert all({19.0, 808.0, 817.0} <= d for d in drop)  # the running header, the marking and the page number go
    assert not any(at in drop[n - 1] for n, at in tops.items())  # the sentence stays on each page
    placed = furniture([page(n, 61.8 if n in tops else None) for n in range(1, 7)], [842.0] * 6)
    assert all(61.8 in placed[n - 1] for n in tops)  # at one place on half the pages it would be furniture


def test_headings_no_list_names_find_the_plan_by_decisions_printed_alone_atop_the_response_cells():
    from actionplans.extract.tables import content_header
    found = [["Time out of cell", "Discrimination incident report", "forms should be investigated."],
             ["Leaders should review the data", "each month."]]
    reply = [["Not agreed", "This recommendation is not agreed. The regime", "is set within the resources."],
             ["Agreed", "• The data will be reviewed each month by the", "safety meeting."]]
    due, led = [["end of March"], ["end of June 2023"]], [["Governor"], ["Head of Safety"]]
    heads = ["What the inspectors found", "Decision and response", "Due by", "Led by"]
    assert content_header(heads, [found, reply, due, led]) == ["text", "response", "date", "owner"]


def test_a_header_no_list_names_is_judged_on_the_whole_page_below_it_not_only_its_first_lines():
    from actionplans.extract.tables import TableScanner
    cols = (46, 130, 209, 527, 638)
    ws = row(["1. Item", "2. Area for", "3. Response (decision", "4. Led by", "5. Due by"], 60, cols)
    ws += row([None, "improvement", "and actions)"], 70, cols)
    ws += row(["Recommendation", "The governor should", "Agreed"], 90, cols)
    ws += row(["1", "ensure that", None], 100, cols)
    for k in range(45):  # a long first record with nothing in its owner and date cells (font 8, many lines)
        ws += row([None, None, "• The data will be reviewed by the meeting."], 110 + 10 * k, cols)
    ws += row(["Recommendation", "Staff should be", "Agreed"], 570, cols)
    ws += row(["2", "trained.", "• Training will be given.", "Governor", "end of July"], 580, cols)
    ws += row([None, None, "• Staff will be briefed.", "Head of Safety", "end of May"], 590, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert scan.columns is not None and {"response", "owner", "date"} <= set(scan.columns.fields)


def test_a_header_first_shown_by_a_later_page_is_read_back_onto_the_pages_before_it_that_repeat_it():
    from actionplans.extract.tables import TableScanner
    cols = (46, 130, 209, 527, 638)
    def head():
        return row(["1. Item", "2. Area for", "3. Response (decision", "4. Led by", "5. Due by"], 60, cols) + row(
            [None, "improvement", "and actions)"], 70, cols)
    one = [dict(w, page=0) for w in words("Initial Response Action Plan", x0=46, top=40)] + head()
    one += row(["Recommendation", "The governor should", "Agreed"], 90, cols)
    one += row(["1", "ensure that", None], 100, cols)
    for k in range(10):  # page 1 shows no owner or date yet: its headings cannot be told from a title
        one += row([None, None, "\u2022 The data will be reviewed by the meeting."], 110 + 10 * k, cols)
    two = head() + row(["Recommendation", "Staff should be", "Agreed"], 90, cols)
    two += row(["2", "trained.", "\u2022 Training will be given.", "Governor", "end of July"], 100, cols)
    two += row([None, None, "\u2022 Staff will be briefed.", "Head of Safety", "end of May"], 110, cols)
    scanner = TableScanner()
    scanner.add_page(1, one, [], [])
    scanner.add_page(2, two, [], [])
    scan = scanner.finish()
    refs = [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows if r.words("ref")]
    assert refs == ["Recommendation 1", "Recommendation 2"]  # page 1's record read again, its title left out


def test_a_second_owner_is_found_within_the_lines_a_very_narrow_column_wraps_its_name_and_post_over():
    # 'Chris' / 'Hughes' / '– Head' / 'of' / 'Residen' / 'ce &': the post shows only on the sixth line
    lines = to_lines(words("Equalities Lead", "(Rhian Evans)", "Chris", "Hughes", "– Head", "of", "Residen", "ce",
                           x0=598))
    (entry,) = entries(lines, None, opens_owner, right=630, segment_opens=stacks_owner)
    assert entry.segments == ["Equalities Lead (Rhian Evans)", "Chris Hughes – Head of Residence"]
    # a name over two lines and a dash on its own: the post shows only on the seventh line, whole on the eighth
    lines = to_lines(words("Aisha", "Patel –", "Head of", "Safety", "Marek", "Nowak", "–", "Custodi", "al", "Manage",
                           "r", x0=598))
    (entry,) = entries(lines, None, opens_owner, right=630, segment_opens=stacks_owner)
    assert entry.segments == ["Aisha Patel – Head of Safety", "Marek Nowak – Custodial Manager"]
    (entry,) = entries(lines, None, opens_owner, right=630, segment_opens=stacks_owner, settings=Settings(post_lines=6))
    assert entry.segments == ["Aisha Patel – Head of Safety Marek", "Nowak – Custodial Manager"]  # looked too short


def test_a_decision_broken_by_a_page_finishes_the_record_above_in_a_plan_without_refs():
    # 'Partly' at a page's foot, 'Agreed' atop the next: the row atop the page prints a decision of its own only
    # if the one above was whole
    from actionplans.extract.tables import Columns, TableScanner
    scanner = TableScanner()
    scanner.scan.columns = Columns(["text", "decision", "response", "owner", "date"], [40, 240, 330, 610, 700, 10000])
    cells = functools.partial(cells_at, scanner.scan.columns)
    scanner._row(1, cells(1, ["Staff should be trained.", "Agreed", "Training will be given.", "Governor",
                              "May 2024"], 100), (40, 95, 800, 120), False)
    scanner._row(1, cells(1, ["Leaders should understand the", "Partly", "The establishment agrees with this",
                              None, None], 760), (40, 755, 800, 780), False, page_top=False)
    scanner._row(2, cells(2, ["causes of self-harm.", "Agreed", "recommendation and will act.", "Head of Safety",
                              "April 2024"], 80), (40, 75, 800, 100), False)
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("decision")) for r in rows] == ["Agreed", "Partly Agreed"]
    assert " ".join(w["text"] for w in rows[1].words("text")) == "Leaders should understand the causes of self-harm."


def test_a_decision_broken_by_a_page_opens_no_record_atop_the_next_in_a_plan_without_refs():
    # as above, read from the pages: 'Agreed' atop the page, level with the recommendation's next line, finishes the
    # 'Partly' at the foot of the page before rather than opening a record of its own
    from actionplans.extract.tables import TableScanner
    x0s = (40, 280, 360, 620, 720)
    head = row(["Recommendation", "Decision", "Response", "Owner", "Target date"], 60, x0s)
    scanner = TableScanner()
    scanner.add_page(1, head + row(["Staff should be trained", "Agreed", "Training will be given", "Governor",
                                    "May 2024"], 90, x0s)
                     + row(["in de-escalation.", None, "to every officer.", None, None], 102, x0s)
                     + row(["Leaders should understand the", "Partly", "The establishment agrees with", None, None],
                           126, x0s), [], [])
    scanner.add_page(2, head + row(["causes of self-harm.", "Agreed", "this and will act.", "Head of Safety",
                                    "April 2024"], 90, x0s)
                     + row([None, None, "It will report yearly.", None, None], 102, x0s)
                     + row(["Cells should hold one", "Not agreed", "The budget does not allow it.", None, None], 126,
                           x0s), [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("decision")) for r in rows] == ["Agreed", "Partly Agreed",
                                                                               "Not agreed"]
    assert " ".join(w["text"] for w in rows[1].words("text")) == "Leaders should understand the causes of self-harm."


def test_a_decision_broken_by_a_page_and_centred_down_the_rest_of_its_cell_opens_no_record_below_the_pages_top():
    # 'Not' at a page's foot; 'Agreed' on the next page's second line, centred down what is left of the cell, below
    # a line running on the record's other cells: it finishes the decision above, and opens no record
    from actionplans.extract.tables import TableScanner
    x0s = (40, 280, 360, 620, 720)
    head = row(["Recommendation", "Decision", "Response", "Owner", "Target date"], 60, x0s)
    scanner = TableScanner()
    scanner.add_page(1, head + row(["Staff should be trained", "Agreed", "Training will be given", "Governor",
                                    "May 2024"], 90, x0s)
                     + row(["in de-escalation.", None, "to every officer.", None, None], 102, x0s)
                     + row(["Leaders should understand the", "Not", "The establishment cannot", None, None],
                           126, x0s), [], [])
    scanner.add_page(2, row(["causes of self-harm", None, "agree with this, as the", None, None], 60, x0s)
                     + row(["and act on them.", "Agreed", "budget does not allow it.", None, None], 72, x0s)
                     + row([None, None, "It will be reviewed.", None, None], 84, x0s)
                     + row(["Cells should hold one", "Agreed", "Cells will be checked.", "Governor", "June 2024"],
                           108, x0s), [], [])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("decision")) for r in rows] == ["Agreed", "Not Agreed", "Agreed"]
    assert " ".join(w["text"] for w in rows[1].words("text")) == (
        "Leaders should understand the causes of self-harm and act on them.")


def test_a_plans_first_row_whose_ref_is_a_label_never_numbered_is_the_headers_last_lines():
    # '1.' over 'Rec' / 'No': read below a header found one line deep, the heading's words made a first row
    from actionplans.extract.tables import Columns, TableScanner
    scanner = TableScanner()
    scanner.scan.columns = Columns(["ref", "text", "response", "owner", "date"], [40, 80, 230, 380, 490, 10000])
    cells = functools.partial(cells_at, scanner.scan.columns, 1)
    scanner._row(1, cells(["Rec", "recommendation", "action planned", None, None], 92), (40, 90, 800, 104), False)
    scanner._row(1, cells(["No", None, None, None, None], 104), (40, 102, 800, 114), False, page_top=False)
    scanner._row(1, {"text": [dict(w, page=1) for w in words("Neurodiversity", x0=40, top=114)]}, (40, 112, 800, 124),
                 True)  # a section row
    scanner._row(1, cells(["1.1", "Reviews should be on time.", "ACCEPTED Reviews will be audited.", "Governor",
                           "May 2024"], 126), (40, 124, 800, 140), False, page_top=False)
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["1.1"]


def test_a_list_item_alone_atop_a_page_in_the_text_column_is_more_of_the_text_not_a_section():
    # no ref column ('Concern 3' atop the text), horizontal rules: the text's last bullet runs on atop the next
    # page, alone in its column and short, just above the next concern
    from actionplans.extract.pipeline import recover
    cols = (46, 267, 551, 700)
    head = row(["Recommendation", "Response", "Owner", "Target date"], 60, cols)
    p1 = head + row(["Concern 3", "HMP Sample will:", None, None], 90, cols)
    p1 += row(["Prisoners at risk should be", "\u2022 Case reviews will be held.", "Governor", "2018/19"], 104, cols)
    p1 += row(["supported. Leaders should:", None, None, None], 118, cols)
    p1 += row(["\u2022 act promptly on any disparity", None, None, None], 132, cols)
    p2 = row(["\u2022 publish the results", None, None, None], 60, cols)
    p2 += row(["Concern 4", "Complaints will be audited.", "Head of Safety", "2019/20"], 76, cols)
    p2 += row(["Prisoners should have confidence.", None, None, None], 90, cols)
    rules = [(56, 40, 800), (150, 40, 800)]
    pages = [{"page": n, "width": 842.0, "height": 595.0, "words": [dict(w, page=n) for w in ws], "tables": [],
              "rules": rules if n == 1 else [(72, 40, 800), (150, 40, 800)]} for n, ws in ((1, p1), (2, p2))]
    rec = recover(pages)
    assert " ".join(w["text"] for w in rec.scan.rows[0].words("text")).endswith("disparity \u2022 publish the results")
    assert [name for _, _, name in rec.scan.sections] == []


def test_a_short_line_after_a_list_item_that_had_room_for_its_first_word_is_a_section_row():
    # no ref column ('Concern 1' atop the text), no rules, no blank lines, bullets at the column's edge: the line
    # after the last item could not have wrapped from it ('Visits' would have fitted there), so Enter ended the
    # item, and the short line just above the next concern is a section's name
    from actionplans.extract.pipeline import recover
    cols = (46, 267, 551, 700)
    ws = row(["Recommendation", "Response", "Owner", "Target date"], 60, cols)
    ws += row(["Concern 1", "The team will:", None, None], 80, cols)
    ws += row(["Leaders should act on what", "\u2022 Reviews will be held.", "Governor", "2018/19"], 92, cols)
    ws += row(["they find. Leaders should:", None, None, None], 104, cols)
    ws += row(["\u2022 review the data each month", None, None, None], 116, cols)
    ws += row(["Visits and reception", None, None, None], 128, cols)
    ws += row(["Concern 2", "Complaints will be audited.", "Head of Safety", "2019/20"], 140, cols)
    ws += row(["Prisoners should be heard.", None, None, None], 152, cols)
    rec = recover([{"page": 1, "width": 842.0, "height": 595.0, "words": [dict(w, page=1) for w in ws],
                    "tables": [], "rules": []}])
    assert [name for _, _, name in rec.scan.sections] == ["Visits and reception"]
    assert " ".join(w["text"] for w in rec.scan.rows[0].words("text")).endswith("review the data each month")


def test_a_heading_cut_after_a_decisions_qualifier_runs_on_to_its_next_line():
    from actionplans.extract.tables import _unfinished
    assert _unfinished(words("Agreed/ Partly", x0=250, top=100) + words("Agreed/ Not", x0=250, top=112))
    assert _unfinished(words("Partially", x0=250, top=100))
    assert not _unfinished(words("Agreed/ Not Agreed", x0=250, top=100))


def test_a_column_no_heading_names_and_empty_where_the_header_was_found_is_typed_by_its_cells_over_the_plan():
    # '5.' names nothing, and the first page's owners and dates are blank: the dates below on later pages name it
    from actionplans.extract.tables import Columns, TableScanner
    scanner = TableScanner()
    scanner.scan.columns = Columns(["ref", "text", "response", "owner", "col4"], [40, 90, 300, 600, 650, 10000])
    cells = functools.partial(cells_at, scanner.scan.columns)
    scanner._row(1, cells(1, ["5.01", "Staff should be trained.", "Training will be given.", None, None], 100),
                 (40, 95, 800, 120), False)
    for n, ref in enumerate(("5.02", "5.03", "5.04")):
        scanner._row(2, cells(2, [ref, "Leaders should act.", "A panel will meet.", "Governor",
                                  f"{30 - n}th September 2021"], 100 + 40 * n), (40, 95 + 40 * n, 800, 130 + 40 * n),
                     False, page_top=False)
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("date")) for r in scan.rows][1] == "30th September 2021"


def test_headings_no_list_names_over_refs_are_a_header_though_every_owner_and_date_is_blank():
    # 'Item | What the inspectors found | Our response | Completion date | Led by': no date below to read, but a
    # heading names the date column and the first column holds refs
    samples = [[["R1"], ["R2"], ["R3"]],
               [["Leaders should investigate", "the high number of charges."], ["Staff should be trained."]],
               [["Accepted", "To make sure that practice is fair, the", "prison will act."],
                ["Rejected", "The current arrangements meet the policy."]],
               [], []]
    names = content_header(["Item", "What the inspectors found", "Our response", "Completion date", "Led by"],
                           samples)
    assert names is not None and names[:3] == ["ref", "text", "response"] and "date" in names
    # with neither refs nor dates below, headings naming two fields are no header of themselves
    samples[0] = [["Care"], ["Safety"]]
    assert content_header(["Item", "What the inspectors found", "Our response", "Completion date", "Led by"],
                          samples) is None


def test_once_the_header_is_known_a_ruled_tables_first_row_with_a_ref_is_a_body_row():
    # 'Key concern 3 | Public protection arrangements ... | Agreed | To address this recommendation, the following
    # actions will be taken:' names text, decision and response in words, as a header does
    from actionplans.extract.tables import TableScanner
    cw = [[words("Key concern 3"), words("Public protection arrangements should be robust."), words("Agreed"),
           words("To address this recommendation, the following actions will be taken:"), [], []],
          [[], [], [], words("a) Data will be monitored."), words("Head of Security"), words("end of June")]]
    assert TableScanner._header(cw, known=True) is None
    assert TableScanner._header(cw) is not None  # before any header is known, the words alone decide


def test_refs_under_headings_naming_two_fields_are_a_header_though_no_heading_names_the_blank_dates():
    # '1. Item' (refs below) | '2. Issue raised' | '3. Decision and response' | '4. Due by' | '5. Led by': owner and
    # date cells blank throughout, and no heading word for either
    samples = [[["5.01"], ["5.02"]],
               [["The incentives scheme should", "motivate prisoners."], ["Staff should be trained."]],
               [["AGREED", "The team has agreed the", "following plan."], ["AGREED", "Training will be given."]],
               [], []]
    names = content_header(["1. Item", "2. Issue raised", "3. Decision and response", "4. Due by", "5. Led by"],
                           samples)
    assert names is not None and names[:3] == ["ref", "text", "response"]


def test_a_table_wider_than_its_page_keeps_the_words_its_last_column_runs_on_past_the_cut_grid():
    # the grid's right rule is cut at the page's edge (520); the last column's lines run on past it in the text layer
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]
    body = [[[str(k)], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."], ["Governor"],
             ["End of September", "Quarterly/reviewed"]] for k in range(1, 5)]
    bbox, rows, ws = grid_page(1, [head, *body])
    scanner.add_page(1, ws, [(bbox, rows)], [])
    scan = scanner.finish()
    assert scanner.mode == "ruled"  # the lines past the cut are the grid's, not rows the grid missed
    assert [" ".join(w["text"] for w in r.words("date")) for r in scan.rows] == [
        "End of September Quarterly/reviewed"] * 4


def _cut_grid(page, rows_text, top=100.0, run=True):
    """`grid_page` with the outer vertical rule lost (a scan askew, cut at the paper's edge): the table finder's
    grid ends at the rule before the last column; the row rules run on over it when `run`, else stop at the grid."""
    bbox, rows, ws = grid_page(page, rows_text, top)
    rows = [r[:-1] for r in rows]
    ys = sorted({c[1] for r in rows for c in r} | {c[3] for r in rows for c in r})
    rules = [(y, float(GRID_X[0]), float(GRID_X[-1] if run else GRID_X[-2])) for y in ys]
    return (bbox[0], bbox[1], GRID_X[-2], bbox[3]), rows, ws, rules


def test_a_column_past_the_grids_last_rule_with_a_heading_over_it_and_rules_running_on_is_the_grids():
    # the deadline column lies past the grid's last vertical rule (460): its heading and cells outside every cell
    from actionplans.extract.tables import TableScanner
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]
    body = [[[str(k)], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."], ["Governor"],
             ["June 2024"]] for k in range(1, 4)]
    body.append([["4"], ["Staff should", "be trained."], ["Not agreed"], ["The budget does", "not allow it."], [], []])
    bbox, rows, ws, rules = _cut_grid(1, [head, *body])
    scanner = TableScanner()
    scanner.add_page(1, ws, [(bbox, rows)], rules)
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("date")) for r in scan.rows] == ["June 2024"] * 3 + [""]
    # a later page with no header: the column the first page's header showed is built again
    scanner = TableScanner()
    scanner.add_page(1, ws, [(bbox, rows)], rules)
    bbox, rows, ws, rules = _cut_grid(2, body[:2], top=60.0)
    scanner.add_page(2, ws, [(bbox, rows)], rules)
    assert [" ".join(w["text"] for w in r.words("date")) for r in scanner.finish().rows[-2:]] == ["June 2024"] * 2
    # a section row (one cell across the grid, its own grid below the header's) is widened, not split
    bbox, rows, ws, rules = _cut_grid(1, [head, *body[:1]])
    low, more, mws, mrules = _cut_grid(1, body[1:2], top=bbox[3] + 14)
    more = [[(40.0, low[1] - 14, 460.0, low[1]), None, None, None, None], *more]
    mws += words("Safety", x0=42, top=low[1] - 13)
    scanner = TableScanner()
    scanner.add_page(1, ws + mws, [(bbox, rows), ((40.0, low[1] - 14, 460.0, low[3]), more)],
                     rules + mrules + [(low[1] - 14, 40.0, 520.0)])
    scan = scanner.finish()
    assert [name for _, _, name in scan.sections] == ["Safety"]
    assert [" ".join(w["text"] for w in r.words("date")) for r in scan.rows] == ["June 2024"] * 2


def test_a_column_left_of_the_grids_first_rule_with_a_heading_over_it_and_rules_running_on_is_the_grids():
    # the paper's left edge cut the table: the ref column lies left of the grid's first vertical rule (90)
    from actionplans.extract.tables import TableScanner
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]
    body = [[[str(k)], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."], ["Governor"],
             ["June 2024"]] for k in range(1, 4)]
    bbox, rows, ws = grid_page(1, [head, *body])
    rows = [r[1:] for r in rows]
    rules = sorted({(c[y], float(GRID_X[0]), float(GRID_X[-1])) for r in rows for c in r for y in (1, 3)})
    scanner = TableScanner()
    scanner.add_page(1, ws, [((GRID_X[1], bbox[1], bbox[2], bbox[3]), rows)], rules)
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["1", "2", "3"]


def test_words_past_a_grids_last_rule_are_no_column_where_the_rules_stop_at_it_or_no_heading_is_over_them():
    from actionplans.extract.tables import TableScanner
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]
    body = [[[str(k)], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."], ["Governor"],
             ["June 2024"]] for k in range(1, 4)]
    # the rules end at the grid's last vertical rule: the grid is whole, the words beside it are the margin's
    bbox, rows, ws, rules = _cut_grid(1, [head, *body], run=False)
    scanner = TableScanner()
    scanner.add_page(1, ws, [(bbox, rows)], rules)
    assert "date" not in scanner.scan.columns.fields
    # no heading past the rule, and no header before it showed the column: margin notes, not a column
    bbox, rows, ws, rules = _cut_grid(1, [head, *body])
    ws = [w for w in ws if w["text"] != "Deadline"]
    scanner = TableScanner()
    scanner.add_page(1, ws, [(bbox, rows)], rules)
    assert "date" not in scanner.scan.columns.fields


@pytest.mark.parametrize("read, printed", [
    ("Recomuiendariod", "Recommendation"),  # gen-8117-002 (scanned): three letters off, most of them the label's
    ("Recommendatio", "Recommendation"),  # one letter off
    ("Recreation", "Recreation"),  # a word of its own: what was printed
    ("Recomuiendariodd", "Recomuiendariodd"),  # wider than the label's ink
])
def test_a_refs_label_ocr_misread_where_the_plans_labels_stand_over_its_number_is_the_label(read, printed):
    # 'Recommendation' / 'N' down the ref column, the number under its label; one label misread. Without the
    # label its number opens the record at its own line, and the centred ref's record loses the lines above
    from actionplans.extract import ocr
    ws = []
    for k, label in enumerate(["Recommendation", read, "Recommendation"]):
        ws += words(label, str(k + 1), x0=46.0, top=100.0 + 60 * k)
        ws += words("Leaders should act.", x0=200.0, top=100.0 + 60 * k)
    page = {"page": 1, "words": ws}
    ocr.sequence_refs([page], {1}, ocr.OcrSettings(), 9.0)
    assert [w["text"] for w in ws if w["x0"] == 46.0 and w["top"] == 160.0] == [printed]


def test_an_entry_set_low_under_a_paragraph_at_a_pages_foot_is_carried_to_the_next_pages_top_and_stays_its():
    # two lines low: the second action's date would sit below the page's last line, so it opens the next page, two
    # lines above the third action (whose own date is two lines below it)
    response = paragraphs(to_lines(words("1. First action.", None, None, "2. Second action runs", "to the foot.",
                                         x0=300) + words(None, None, "3. Third action.", x0=300, page=2)))
    dates = entries(to_lines(words(None, None, "June 2021", x0=700) + words(
        "July 2021", None, None, None, "August 2021", x0=700, page=2)),
        split_segments=True, opens=opens_date, segment_opens=opens_date, right=800)
    assert [(e.page, e.text) for e in dates] == [(1, "June 2021"), (2, "July 2021"), (2, "August 2021")]
    options = hypotheses(response, dates, 11.5, share=3.0)
    assert options[2].targets == [0, 1, 2]
    assert choose(options, prior=2).targets == [0, 1, 2]


def test_dates_typed_one_under_another_with_no_blank_between_each_part_the_actions_they_sit_low_beside():
    # no bullets, no blank lines, no room shown for an Enter (no right edge known): one date a line low under each
    # action, each of two lines, the next typed straight under it, so only where one date ends shows the next action
    from actionplans.extract.pipeline import read_cells
    from actionplans.extract.tables import Row
    response = words("A needs assessment will be completed", "to inform the specification.",
                     "Delayed transfers will be escalated", "through the regional process.",
                     "Waiting times will be reviewed at", "the monthly board.", x0=300)
    dates = words(None, "Spring", "2019", "Winter", "2020", "Winter", "2019", x0=700)
    row = Row({"response": response, "date": dates}, None, [1], (0, 0, 800, 200))
    cells = read_cells(row, {"date": 760.0}, habits=(1, 1))
    assert [p.lines[0].text for p in cells.response] == ["A needs assessment will be completed",
                                                         "Delayed transfers will be escalated",
                                                         "Waiting times will be reviewed at"]
    assert [e.text for e in cells.dates] == ["Spring 2019", "Winter 2020", "Winter 2019"]
    assert cells.date_options[1].targets == [0, 1, 2]


def test_under_a_known_shift_an_entry_marks_a_sentence_start_one_line_into_a_paragraph():
    # entries a line low, the document's habit: an owner two lines into the text sits a line below a sentence's start
    # one line in; the first action has no owner of its own, so the second action's is the first in the cell
    from actionplans.extract.pipeline import read_cells
    from actionplans.extract.tables import Row
    response = words("A tracker will be kept for reviews.", "Prisoners will receive written reasons and",
                     "information on how to appeal.", x0=300)
    owner = words(None, None, "Head of Safety", x0=600)
    row = Row({"response": response, "owner": owner}, None, [1], (0, 0, 800, 200))
    cells = read_cells(row, {"owner": 700.0}, habits=(1, 1))
    assert [p.lines[0].text for p in cells.response] == ["A tracker will be kept for reviews.",
                                                         "Prisoners will receive written reasons and"]
    assert cells.owner_options[1].targets == [1]


def test_a_body_line_opening_with_a_ref_is_no_header_again_though_its_cells_name_fields():
    # a later page opens on 'Concern 4' (refs in the text column) beside 'In response, the Senior Leadership' and,
    # a line down, 'Support Lead': three fields named in words, as the plan's header names them
    from actionplans.extract.pipeline import recover
    from actionplans.extract.tables import _ref_opens
    cols = (46, 223, 405, 484)
    p1 = row(["Recommendation", "Response", "Owner", "Target date"], 60, cols)
    p1 += row(["Concern 3", "The team will act.", "Governor", "31 May 2020"], 80, cols)
    p1 += row(["Staff should be trained.", None, None, None], 92, cols)
    p2 = row(["Concern 4", "In response, the Senior", "Operational", "31 October"], 60, cols)
    p2 += row(["Leaders should make sure that", "Leadership Team has agreed:", "Support Lead", "2020"], 72, cols)
    p2 += row(["force is a last resort.", "Incidents will be reviewed.", None, None], 84, cols)
    pages = [{"page": n, "width": 595.0, "height": 842.0, "words": [dict(w, page=n) for w in ws], "tables": [],
              "rules": []} for n, ws in ((1, p1), (2, p2))]
    rec = recover(pages)
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rec.scan.rows] == ["Concern 3", "Concern 4"]
    assert _ref_opens("Concern 4 Leaders should") and not _ref_opens("1. Issue raised") and not _ref_opens("S30")


def test_a_decision_under_a_finished_heading_starts_the_body_however_many_fields_its_line_would_name():
    from actionplans.extract.pipeline import recover
    x0s = (40, 140, 330, 420, 640, 770)
    ws = row(["1. Ref", "2. What the inspectors found", "3. Accept?", "4. Planned response", "5. Accountable lead",
              "6. Completion date"], 60, x0s)
    # the ref's label wrapped over its number ('Recommendation' / '1') in a narrow column, 'ACCEPTED' level with it:
    # taken as the headings' second line, that line named the decision column and the record's first line was lost
    ws += row(["Recommendation", "Leaders should review", "ACCEPTED", "To address this, the following"], 72, x0s)
    ws += row(["1", "the use of force.", None, "actions will be taken:"], 84, x0s)
    ws += row([None, None, None, "Data will be published.", "Head of Safety", "June 2024"], 96, x0s)
    ws += row(["Recommendation", "Staff should be trained", "ACCEPTED", "Training will be given.", "Governor",
               "May 2024"], 120, x0s)
    ws += row(["2", "in restraint."], 132, x0s)
    rec = recover([{"page": 1, "width": 1000.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rec.scan.rows] == ["Recommendation 1",
                                                                                     "Recommendation 2"]
    assert " ".join(w["text"] for w in rec.scan.rows[0].words("text")) == "Leaders should review the use of force."
    # a heading cut mid-phrase runs on over a decision's word: still the header
    from actionplans.extract.tables import _decision_under
    head = to_lines(row([None, None, "Agreed/ Not"], 60))[0].words
    assert not _decision_under(to_lines(row([None, None, "Agreed"], 72))[0], head)
    assert not _decision_under(to_lines(row([None, None, "Accepted/"], 72))[0], to_lines(row([None, None, "3."],
                                                                                             60))[0].words)
    # a heading's number alone has its words to come ('3.' / 'Accepted/' / 'Rejected', the middle line dropped as
    # a running header where the header repeats on every page)
    assert not _decision_under(to_lines(row([None, None, "Rejected"], 72))[0], to_lines(row([None, None, "3."],
                                                                                            60))[0].words)
    assert _decision_under(to_lines(row([None, None, "Agreed"], 72))[0], to_lines(row([None, None, "Accept?"],
                                                                                       60))[0].words)


def test_a_given_name_after_an_entrys_last_separator_waits_for_its_surname_and_post():
    from actionplans.extract.owners import name_begun
    # 'Safety/Sam' ends a page, 'Hughes – Head of Security' opens the next: one owner broken, not a new entry
    assert not opens_owner("Hughes – Head of Security", "Imran Hughes, Head of Safety/Sam")
    assert opens_owner("Sam Hughes – Head of Security", "Imran Hughes, Head of Safety")  # a whole owner before
    assert name_begun("Sam") and not name_begun("Security") and not name_begun("Governor")


def test_once_the_header_is_known_a_ruled_pages_first_row_is_read_as_one_by_its_columns_only_if_it_repeats_it():
    from actionplans.extract.tables import TableScanner
    heads = ["1. Finding", "2. Accept?", "3. Steps to be taken", "4. Accountable", "5. Due by"]
    body = [["Prisoners should have enough", "Agreed", "A review will be held.", "Head of Safety", "June 2024"],
            ["Staff should be trained.", "Partly agreed", "Training will be given.", "Governor", "2019/20"],
            ["Cells should be clean.", "Agreed", "Checks will be made weekly.", "Deputy Governor", "TBC"]]
    cw = [[words(t) if t else [] for t in r] for r in body]
    carried = [words(t) if t else [] for t in ["case management.", "", "consultation with prisoners.",
                                                 "Safer Custody Manager (Marek Patel)", "processes)"]]
    head_words = [h.split() for h in heads]
    # the rest of a record carried over a page reads as a plan's header by the columns below it; once the plan's
    # header is known, only a repeat of that header is read so
    assert TableScanner._header([carried, *cw]) is not None
    assert TableScanner._header([carried, *cw], known=True, heads=head_words) is None
    repeated = [words(h) for h in heads]
    assert TableScanner._header([repeated, *cw], known=True, heads=head_words) is not None


def test_a_line_running_across_the_next_columns_start_does_not_widen_the_column():
    from actionplans.extract.tables import Columns, column_right
    cols = Columns(["text", "response", "owner"], [45.5, 172.7, 596.5, 10_000.0])
    # the text column's lines end by 156.4; a section name across the table ('... library and' | 'gym') ends a word
    # at 177.5, past where the response starts: it would have made 'any' / 'disparity' look like Enter
    assert column_right([137.9, 156.4, 133.5, 177.5], cols, "text") == 172.7 - 2 * 5.4
    assert column_right([137.9, 170.0], cols, "text") == 170.0


def test_a_repeated_line_in_the_top_margin_run_on_from_a_tables_line_is_the_tables_not_a_running_header():
    from actionplans.extract.tables import furniture
    # every page repeats the plan's header, its last heading wrapped: '... 6.' / 'ID Outcome Completion' / 'date'
    head = [(61.7, 70.7, "1. 2. Recommendation 3. 4. Proposed action 5. Led by 6."),
            (72.2, 81.2, "ID Outcome Completion")]
    pages = [[(20.0, 29.0, "Cresswell IRC action plan"), (82.7, 91.7, "date")] for _ in range(3)]
    dropped = furniture(pages, [595.0] * 3)
    assert all(tops == {20.0, 82.7} for tops in dropped)  # read alone, both repeat in the top margin
    kept = furniture(pages, [595.0] * 3, [head] * 3)
    assert all(tops == {20.0} for tops in kept)  # 'date' runs on from the header's line above it


def test_a_headers_wrapped_line_whose_ocr_box_reaches_into_the_line_above_is_still_the_tables():
    """gen-6733-033 (scanned): on the page where the plan begins, under a title, OCR's box of the header's wrapped
    line ('No Responsi', under '1. Rec ... 5.') reaches 0.1 pt up into the header line's: it still runs on from the
    table's line (no blank space between), so it is not dropped as a running header there (it repeats in the top
    margin of every page), and the header keeps its 'No' (the ref column) and 'Responsible Owner'."""
    from actionplans.extract.tables import furniture
    head = [(79.8, 89.0, "1. Rec 2. Recommendation 3. Response (decision and actions) 4. Target Date 5.")]
    pages = [[(20.4, 28.9, "HMP Redbank action plan"), (88.9, 98.0, "No Responsi")]]
    pages += [[(20.7, 29.1, "HMP Redbank action plan"), (73.2, 81.7, "No Responsi")] for _ in range(3)]
    heads = [head] + [[(63.9, 72.3, head[0][2])]] * 3
    assert [tops for tops in furniture(pages, [595.0] * 4, heads)] == [{20.4}, {20.7}, {20.7}, {20.7}]
    # a line well below, overlapping nothing above it, is no run-on: the running header still goes
    apart = [[(20.4, 28.9, "HMP Redbank action plan"), (60.0, 69.0, "No Responsi")] for _ in range(4)]
    assert all(tops == {20.4, 60.0} for tops in furniture(apart, [595.0] * 4, [head] * 4))


def test_pages_before_a_ruled_header_could_be_read_are_read_again_once_a_later_page_shows_it():
    from actionplans.extract.tables import TableScanner
    xs = (40, 200, 500, 620, 760)

    def ruled_page(cells_rows):
        ws, rows, top = [], [], 60.0
        for cells in cells_rows:
            bottom = top + 12 * max(len(c.split(" / ")) for c in cells) + 4
            rows.append([(a, top, b, bottom) for a, b in zip(xs, xs[1:])])
            for x, c in zip(xs, cells):
                ws += [dict(w, page=0) for w in words(*c.split(" / "), x0=x + 5, top=top + 2) if c]
            top = bottom
        return ws, [((xs[0], 60.0, xs[-1], top), rows)]
    head = ["Area for improvement", "What we will do", "Led by", "By when"]
    first = [head, ["Concern 1 / Leaders should act.", "A panel will meet.", "", ""],
             ["Concern 2 / Staff should be trained.", "Training will be given.", "", ""]]
    later = [head, ["Concern 3 / Cells should be clean.", "Checks will be made.", "Head of Safety", "June 2024"],
             ["Concern 4 / Data should be used.", "Data will be published.", "Governor", "2019/20"],
             ["Concern 5 / Staff should be kind.", "A survey will be run.", "Deputy Governor", "TBC"]]
    scanner = TableScanner()
    for n, page in ((1, first), (2, later)):
        ws, tables = ruled_page(page)
        scanner.add_page(n, ws, tables, [])
    scan = scanner.finish()
    # the first page's owners and dates are blank: its columns cannot say it is a plan until the second page's do
    assert scan.columns.fields[-2:] == ["owner", "date"]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == [f"Concern {k}" for k in range(1, 6)]


def test_a_header_boxed_apart_from_the_rows_below_it_names_their_grids_on_the_same_page():
    """Scanned, a plan's shaded section rows show no rules: the table finder parts the header's box from the boxes
    of rows below it (gen-8117-038). The header names the grids below that share its columns: their records are
    read, not dropped as tables of no header."""
    from actionplans.extract.tables import TableScanner
    xs = (40, 80, 220, 300, 430, 500)
    ws, tables, top = [], [], 60.0

    def table(cells_rows, top):
        rows = []
        for cells in cells_rows:
            bottom = top + 12 * max(len(c.split(" / ")) for c in cells) + 4
            rows.append([(a, top, b, bottom) for a, b in zip(xs, xs[1:])])
            for x, c in zip(xs, cells):
                ws.extend(dict(w, page=0) for w in words(*c.split(" / "), x0=x + 5, top=top + 2) if c)
            top = bottom
        tables.append(((xs[0], rows[0][0][1], xs[-1], top), rows))
        return top
    top = table([["Ref", "Recommendation", "Decision", "Response", "Target date"]], top)
    ws.extend(dict(w, page=0) for w in words("Safety", x0=45, top=top + 3))
    top = table([["1.1", "Leaders should act.", "Agreed", "A panel will meet.", "June 2024"],
                 ["1.2", "Staff should be trained.", "Agreed", "Training will be given.", "May 2024"]], top + 16)
    ws.extend(dict(w, page=0) for w in words("Care", x0=45, top=top + 3))
    table([["2.3", "Cells should be clean.", "Not agreed", "Checks will not be made.", ""]], top + 16)
    scanner = TableScanner()
    scanner.add_page(1, ws, tables, [], scanned=True)
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["1.1", "1.2", "2.3"]


def test_a_one_line_cell_the_pages_foot_cuts_short_is_no_sample_of_its_column():
    from actionplans.extract.tables import TableScanner
    lines = to_lines(row(["Concern 1", "A panel will meet"], 100, (40, 200)) + row(["Prisoners", "to review it."], 112,
                                                                                    (40, 200))
                     + row(["should have"], 124, (40,)) + row(["confidence in it."], 136, (40,))
                     + row(["Concern 2", "Training will"], 160, (40, 200)))
    samples = TableScanner()._column_samples([40, 200, 10_000.0], lines)
    # 'Concern 2' ends the page, its text overleaf: as a cell of its own it would make the column half refs
    assert samples[0] == [["Concern 1", "Prisoners", "should have", "confidence in it."]]
    assert samples[1] == [["A panel will meet", "to review it."]]


def test_a_heading_that_is_only_its_number_so_far_is_read_down_to_its_words_not_typed_by_them():
    from actionplans.extract.pipeline import recover
    x0s = (40, 90, 260, 340, 520, 640)
    # numbered headings no list names, each number on the first line and the words of some below it; the first
    # page's owner and date cells blank. Read one line deep, the headings' own second and third lines were the
    # only 'cells' under '6.', and 'Completion' / 'date' typed that column as the owners'.
    ws = row(["1.", "2. Recommendation", "3.", "4. Proposed action", "5. Led by", "6."], 60, x0s)
    ws += row(["ID", None, "Outcome", None, None, "Completion"], 72, x0s)
    ws += row([None, None, None, None, None, "date"], 84, x0s)
    ws += row(["S30", "Cells should be clean.", "ACCEPTED", "A checklist will be used."], 100, x0s)
    ws += row(["S31", "Showers should work.", "ACCEPTED", "Repairs will be made."], 130, x0s)
    rec = recover([{"page": 1, "width": 800.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    fields = rec.scan.columns.fields
    assert fields[-1] == "date" and "owner" not in fields[-2:] and fields[:4] == ["ref", "text", "decision",
                                                                                  "response"]
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rec.scan.rows] == ["S30", "S31"]
    # a heading cut at its number ('3.') has its words still to come, as one cut mid-phrase does
    from actionplans.extract.tables import _unfinished
    assert _unfinished(row(["1. ID", "3."], 60, x0s)) and not _unfinished(row(["1. ID", "3. Outcome"], 60, x0s))


def test_headings_numbered_in_order_over_refs_are_a_header_though_no_word_names_a_field_and_dates_are_blank():
    # the one record under a header printed on the first page only, its owners and dates blank there: no column
    # of dates to show it is a plan, and no heading a list names but 'Finding'
    samples = [[["Priority", "concern 1"]],
               [["Prisoners should be able to", "progress to open conditions."]],
               [["Agreed"]],
               [["To make sure that practice is fair,", "HMP Elmstead will:", "a) A tracker will be kept.",
                 "b) Prisoners will receive reasons."]],
               [], []]
    heads = ["1. Reference", "2. Finding", "3. Our position", "4. Steps to be taken", "5. Due by", "6. Led by"]
    assert content_header(heads, samples)[:4] == ["ref", "text", "decision", "response"]
    # unnumbered, the headings over columns blank all down the page are a header too (a body line's cells do not
    # stop short of columns so); over owners with no dates they say nothing of one
    assert content_header([h[3:] for h in heads], samples)[:4] == ["ref", "text", "decision", "response"]
    assert content_header([h[3:] for h in heads], samples[:4] + [[["Governor"]], [["Head of Safety"]]]) is None
    # and numbers out of order are a body row's list items
    assert content_header(["1. Reference", "2. Finding", "3. Our position", "1. Steps", "2. Due by", "6. Led by"],
                          samples) is None


def test_the_two_columns_of_most_prose_are_the_finding_and_the_reply_though_owners_wrap_over_more_lines():
    finding = [["Prisoners should have", "timely access to", "health services."],
               ["• publish the", "results each month"]]
    reply = [["Following the", "review of", "healthcare, the", "prison will:", "• publish a",
              "timetable on each wing."]]
    owners = [["Deputy", "Governor", "(Chris", "Khan); Jo", "Evans,", "Head of", "Residence"]] * 2
    samples = [[["R1"], ["R2"]], finding, [["Accepted"], ["Accepted"]], reply, owners,
               [["Within", "three months"], ["Within 12", "months"]]]
    # narrow columns: the finding's lines hold as many words as the reply's, the owners' many more lines than either
    assert type_columns(["ref", None, "decision", None, None, "date"], samples) == [
        "ref", "text", "decision", "response", "owner", "date"]


def test_a_heading_still_cut_mid_phrase_runs_on_past_the_usual_header_depth():
    from actionplans.extract.pipeline import recover
    x0s = (40, 150, 220, 380, 440)
    # a narrow decision column wraps its heading over five lines; its last two ('Not' / 'Agreed') had been read
    # as the first record's decision cell, 'Not Agreed PARTLY AGREED'
    ws = row(["1. Recommendation", "2.", "3. Response", "4. Target", "5."], 60, x0s)
    ws += row([None, "Agreed/", "Action Taken", "Date", "Responsible"], 72, x0s)
    ws += row([None, "Partly", None, None, "Owner"], 84, x0s)
    ws += row([None, "Agreed/"], 96, x0s)
    ws += row([None, "Not"], 108, x0s)
    ws += row([None, "Agreed"], 120, x0s)
    ws += row(["Forms should be", "PARTLY", "The prison will:", "Q4 2019/20", "Governor"], 140, x0s)
    ws += row(["investigated.", "AGREED", "• review the forms."], 152, x0s)
    ws += row(["Force should be", "AGREED", "The prison will:", "Q1 2019/20", "Head of Safety"], 176, x0s)
    ws += row(["used last.", None, "• record it."], 188, x0s)
    rec = recover([{"page": 1, "width": 600.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    first = " ".join(w["text"] for w in rec.scan.rows[0].words("decision"))
    assert first.startswith("PARTLY AGREED") and "Not" not in first


def test_a_line_in_the_foot_margin_run_on_from_a_tables_line_is_the_tables_not_a_page_number():
    from actionplans.extract.tables import furniture
    # a date wrapped over three lines at a page's foot, '30th' / 'November' / '2022': its line above is a table's
    # (held out of the candidates), so '2022' alone looked like a page number
    table = [(493.2, 505.2, "A notice to prisoners will be published explaining 30th Chaplaincy Team"),
             (507.0, 519.0, "the changes and how to raise concerns. November Leader")]
    pages = [[(520.8, 532.8, "2022"), (554.0, 565.0, "OFFICIAL")], [(554.0, 565.0, "OFFICIAL")]]
    assert 520.8 not in furniture(pages, [595.0] * 2)[0]  # read alone too, a year counts no pages
    kept = furniture(pages, [595.0] * 2, [table, []])
    assert kept[0] == {554.0}  # the protective marking goes, the date's year stays


def test_a_stacked_owner_begun_is_finished_though_its_next_line_sits_beside_the_next_action():
    lines = to_lines(words("Head of", "Residence", "Foreign", "National", "Coordinator", x0=689))
    beside = {ln.top: (0 if ln.text in ("Head of", "Residence", "Foreign") else 1) for ln in lines}
    got = entries(lines, beside=lambda ln: beside[ln.top], opens=opens_owner, right=750,
                  segment_opens=stacks_owner)
    # 'Head of Residence Foreign' reads as one whole post ('Head of' anything), but 'Foreign' began a second owner
    assert [e.segments for e in got] == [["Head of Residence", "Foreign National Coordinator"]]


@pytest.mark.parametrize("refs", [False, True])  # the next page opens a record by its decision, or by its ref


def test_a_short_line_alone_in_the_text_column_at_a_pages_foot_is_a_section_when_the_next_page_opens_a_record(refs):
    from actionplans.extract.pipeline import recover
    x0s = (40, 100, 260, 320, 500, 580) if refs else (40, 200, 280, 480, 560)

    def cells(ref, *rest):  # a row's cells, its ref first where the plan prints refs
        return [ref, *rest] if refs else list(rest)
    ws = row(cells("Ref", "Recommendation", "Decision", "Action", "Owner", "Target date"), 60, x0s)
    ws += row(cells("1.1", "Cells should not hold two.", "Agreed", "A plan will be made.", "Governor", "March 2020"),
              80, x0s)
    ws += row(cells(None, None, None, "Progress will be reviewed", "Head of Safety", "June 2020"), 104, x0s)
    ws += row(cells(None, None, None, "each month."), 116, x0s)
    ws += row(cells(None, "Respect"), 140, x0s)  # a section name, typed at the page's foot below the record's end
    page2 = row(cells("1.2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2020"),
                60, x0s)
    rec = recover([{"page": 1, "width": 700.0, "height": 842.0, "words": ws, "tables": [], "rules": []},
                   {"page": 2, "width": 700.0, "height": 842.0, "words": [dict(w, page=2) for w in page2],
                    "tables": [], "rules": []}])
    texts = [" ".join(w["text"] for w in r.words("text")) for r in rec.scan.rows]
    assert texts == ["Cells should not hold two.", "Staff should be trained."]
    assert [r.section for r in rec.scan.rows] == [None, "Respect"]


def test_a_list_items_wrapped_line_alone_atop_a_page_set_in_by_its_hanging_indent_is_no_section():
    # as above, but the item's last line wrapped onto the next page: no bullet, set in to the item's hanging indent
    from actionplans.extract.pipeline import recover
    cols = (46, 267, 551, 700)
    head = row(["Recommendation", "Response", "Owner", "Target date"], 60, cols)
    p1 = head + row(["Concern 3", "HMP Sample will:", None, None], 90, cols)
    p1 += row(["Cells should not hold two.", "\u2022 Cells will be checked.", "Governor", "2018/19"], 104, cols)
    p1 += row(["Leaders should:", None, None, None], 118, cols)
    p1 += row(["\u2022 act promptly on any", None, None, None], 132, cols)
    p2 = row(["disparity found", None, None, None], 60, (56, 267, 551, 700))  # the bullet's hanging indent
    p2 += row(["Concern 4", "Complaints will be audited.", "Head of Safety", "2019/20"], 76, cols)
    p2 += row(["Prisoners should have confidence.", None, None, None], 90, cols)
    pages = [{"page": n, "width": 842.0, "height": 595.0, "words": [dict(w, page=n) for w in ws], "tables": [],
              "rules": [(56, 40, 800)] if n == 1 else []} for n, ws in ((1, p1), (2, p2))]
    rec = recover(pages)
    assert " ".join(w["text"] for w in rec.scan.rows[0].words("text")).endswith("on any disparity found")
    assert [name for _, _, name in rec.scan.sections] == []


def test_a_sentence_ended_by_enter_is_told_by_the_columns_longest_line_on_the_page_not_only_the_cells():
    from actionplans.extract.cells import paragraphs
    # the cell's own lines end short of the column's limit; another row's line on the page shows it further right,
    # where the next sentence's first word would have fitted after 'governors.'
    lines = to_lines(words("A check will be made each", "month by the governors.", "Outcomes will be broken",
                           "down by protected group.", x0=262))
    wide = max(ln.x1 for ln in lines)
    assert len(paragraphs(lines, right=None)) == 1
    room = lines[1].x1 + 3 + (lines[2].words[0]["x1"] - lines[2].words[0]["x0"]) + 1
    assert room > wide  # the cell alone cannot show it
    assert len(paragraphs(lines, right=None, longest={lines[0].page: room})) == 2


def test_a_headings_lines_run_on_down_the_top_margin_from_a_tables_line_are_all_the_tables():
    from actionplans.extract.tables import furniture
    # a header repeated on every page, one heading wrapped over three lines ('3.' / 'Accepted/' / 'Rejected'):
    # the second runs on from the header's line, the third from the second, which is no table's line itself
    head = [(60.0, 70.0, "1. No. 2. Recommendation 3. 4. Action planned 5. Lead 6. Target")]
    pages = [[(20.0, 29.0, "ACTION PLAN - HMCIP REPORT"), (71.0, 81.0, "Accepted/"), (82.0, 92.0, "Rejected")]
             for _ in range(3)]
    kept = furniture(pages, [842.0] * 3, [head] * 3)
    assert all(tops == {20.0} for tops in kept)  # 'Rejected' had gone as a running header, and the header with it


def test_a_line_in_the_top_margin_running_on_into_the_body_below_it_is_a_cells_not_a_running_header():
    from actionplans.extract.tables import furniture
    # an owner carried over a page ('Head of' / 'Security' atop the next), a word common at the top of pages where
    # owners wrap, just above its row's first line of text; the banner above keeps its blank space
    def page(word, text):
        return [(19.0, 30.0, "Actions against target dates are likely to be delayed"), (78.5, 89.5, word),
                (92.5, 103.5, text)]
    pages = [page("Security", "- Staff involved in three incidents"), page("Security", "- Data will be published"),
             page("Governor", "- Cells will be checked")]
    assert all(19.0 in tops and 78.5 not in tops for tops in furniture(pages, [842.0] * 3)[:2])
    # a cell's two lines that repeat atop other pages (the same sentence in several actions) run on into the body:
    # both are kept, not the lower one alone
    def page2(text):
        return [(19.0, 30.0, "Actions against target dates are likely to be delayed"),
                (64.5, 75.5, "inform any changes to local practice and the"), (78.5, 89.5, "equality action plan."),
                (92.5, 103.5, text)]
    pages = [page2("- Staff involved in three incidents"), page2("- Data will be published"),
             page2("- Cells will be checked")]
    assert all(tops == {19.0} for tops in furniture(pages, [842.0] * 3))


def test_headings_centred_over_their_columns_take_the_edges_of_the_gutters_below_them():
    from actionplans.extract.tables import TableScanner
    text_at = (40, 100, 260, 330, 560, 660)             # where each column's text starts, as typed at the left
    centred = (52, 150, 268, 410, 578, 676)              # its heading, centred over the column
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, centred)
    ws += row(["S1", "Leaders should act on it.", "Agreed", "A panel will meet monthly.", "Governor", "June 2024"],
              90, text_at)
    ws += row([None, "Staff should be told.", None, "Data will be published.", "Head of Safety", "July 2024"],
              102, text_at)
    ws += row(["S2", "Cells should be clean.", "Agreed", "Checks will be made.", "Governor", "May 2024"], 126,
              text_at)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("response")) for r in scan.rows] == [
        "A panel will meet monthly. Data will be published.", "Checks will be made."]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act on it. Staff should be told.", "Cells should be clean."]
    # a heading typed at its column's left keeps its own start as the edge, though text runs past the heading before
    assert TableScanner._gutter_edges([words("Finding", x0=100), words("Response", x0=330)],
                                      to_lines(row([None, "Leaders should act on the findings", "Review"], 90,
                                                   (40, 100, 330)))) == [100, 330]


def test_under_a_rule_across_the_table_a_ref_centred_down_its_cell_opens_the_record_of_the_band():
    from actionplans.extract.tables import TableScanner
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    ws += row(["Safety"], 80)                           # a section row, shaded: a rule above it and below it
    ws += row([None, "Leaders should act.", None, "A panel will meet.", "Governor", "June 2024"], 100)
    ws += row(["S1", "They should report.", "Agreed", "It will report.", None, None], 112)
    ws += row([None, "And publish it.", None, None, None, None], 124)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [(74.0, 38.0, 800.0), (94.0, 38.0, 800.0)])
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("ref"))) for r in scan.rows] == [("Safety", "S1")]
    assert " ".join(w["text"] for w in scan.rows[0].words("text")) == (
        "Leaders should act. They should report. And publish it.")


def test_a_refs_label_alone_on_its_line_with_its_number_below_is_a_ref_not_the_summary_table():
    from actionplans.extract.tables import _summary_at
    lines = to_lines(row([None, "Leaders should act.", None, "A panel will meet."], 90)
                     + row(["Recommendation"], 102) + row([None, None, "Agreed", "It will report."], 108)
                     + row(["2"], 114))
    assert not _summary_at(lines, 1)
    assert _summary_at(to_lines(row(["Recommendations"], 90) + row(["Agreed 4"], 102)), 0)
    assert _summary_at(to_lines(row(["Recommendation"], 90) + row(["Agreed 4"], 102)), 0)


def test_in_a_plan_ruled_between_records_refs_centred_down_merged_cells_move_to_the_top_of_their_record():
    from actionplans.extract.tables import TableScanner
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    # one row per action, the ref and decision cells merged down a record's actions and centred in them; rules
    # between actions cross only the action's columns, rules between records the whole table
    ws += row([None, "Leaders should act.", None, "A panel will meet.", "Governor", "June 2024"], 90)
    ws += row(["S1", "They should report.", "Agreed", "Data will be published.", "Head of Safety", "July 2024"], 114)
    ws += row([None, None, None, "It will report.", "Governor", "May 2024"], 138)
    ws += row([None, "Staff should be trained.", None, "Training will be given.", "Governor", "May 2024"], 164)
    ws += row(["S2", None, "Agreed", "Take-up will be monitored.", "Governor", "May 2025"], 188)
    rules = [(74.0, 38.0, 800.0), (104.0, 328.0, 800.0), (128.0, 328.0, 800.0), (152.0, 38.0, 800.0),
             (178.0, 328.0, 800.0), (202.0, 38.0, 800.0)]
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2"]
    assert [" ".join(w["text"] for w in r.words("response")) for r in scan.rows] == [
        "A panel will meet. Data will be published. It will report.",
        "Training will be given. Take-up will be monitored."]


def justified(text, x0, x1, top):
    """A justified line: its words spread so it fills x0..x1, as pdfplumber gives them."""
    ws = words(text, x0=x0, top=top)
    extra = (x1 - ws[-1]["x1"]) / max(1, len(ws) - 1)
    return [dict(w, x0=w["x0"] + k * extra, x1=w["x1"] + k * extra) for k, w in enumerate(ws)]


def test_a_justified_headings_words_spread_over_a_gap_the_body_crosses_are_one_heading():
    from actionplans.extract.tables import TableScanner
    head = justified("Agreed/ Not", 383, 578, 60) + justified("Agreed and action", 383, 578, 72)
    finding = justified("Area for", 100, 240, 60) + words("improvement", x0=100, top=72)
    response = ["The current arrangements meet", "the requirements of the relevant",
                "policy framework, and a change", "would not be affordable within", "the establishment's budget. The",
                "regime is set within the national", "framework and the resources", "available; the establishment will",
                "continue to maximise time out", "of cell within that framework."]
    text = ["Leaders should make sure that", "the incentives scheme is fair", "to all prisoners and that its",
            "use is monitored on each wing", "and that any disparity found", "is investigated and addressed",
            "by the equality action team", "within a month of its meeting", "with the results shared with",
            "prisoner representatives too"]
    body = to_lines([w for k, (t, r) in enumerate(zip(text, response))
                     for w in justified(t, 100, 240, 120 + 12 * k) + justified(r, 383, 578, 120 + 12 * k)])
    clusters = TableScanner._merge_crossed(TableScanner._clusters(finding + head), body)
    assert [" ".join(w["text"] for w in sorted(c, key=lambda w: (w["top"], w["x0"]))) for c in clusters] == [
        "Area for improvement", "Agreed/ Not Agreed and action"]
    # a gap down which the body leaves a gutter is a column edge, however many lines run beside it
    apart = to_lines([w for k in range(6) for w in words("Leaders act", x0=383, top=120 + 12 * k)
                      + words("Governor", x0=555, top=120 + 12 * k)])
    assert len(TableScanner._merge_crossed(TableScanner._clusters(words("Agreed/", x0=383) + words("Not", x0=555)),
                                           apart)) == 2


def test_a_prose_column_beside_a_column_under_a_centred_heading_ends_at_its_longest_line():
    from actionplans.extract.tables import Columns, TableScanner, column_right
    # the date column's heading is centred ('5. Target' over 'Date'), so its edge (411.2) lies right of the cell's
    # border, and the padding of two cells short of it overshoots where the response wraps
    heading = [words("Response", x0=307.6, top=60), words("5. Target", x0=411.2, top=60) + words("Date", x0=421.4,
                                                                                                  top=72)]
    assert TableScanner._loose(heading, [307.6, 411.2]) == {1}
    lines = [370.0 + (k % 27) for k in range(40)]                  # the response's lines end by 396
    assert column_right(lines, Columns(["response", "date"], [290.6, 411.2, 10_000.0], frozenset({1})),
                        "response") == 396.0
    # typed at its column's left, the next heading's start is where its text starts: the response wraps short of it
    typed = [words("Response", x0=307.6, top=60), words("5. Target", x0=411.2, top=60) + words("Date", x0=411.2,
                                                                                                top=72)]
    assert TableScanner._loose(typed, [307.6, 411.2]) == set()
    assert column_right(lines, Columns(["response", "date"], [290.6, 411.2, 10_000.0]), "response") == 411.2 - 10.8


def test_in_an_unruled_plan_refs_centred_down_their_rows_move_to_the_top_of_their_row():
    from actionplans.extract.tables import TableScanner
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    records = [  # (top, ref, text lines, response lines): each ref centred between its row's top and bottom
        (90, "S1", ["Leaders should act.", "They should report."],
         ["A panel will meet.", "It will report.", "Data will be shared.", "Staff will be told.", "It will close."]),
        (150, "S2", ["Cells should be clean.", "They should be checked.", "And kept so."], ["Checks will be made.",
                                                                                          "Each week."]),
        (186, "S3", ["Staff should be trained.", "Every year."], ["Training will be given.", "To every officer.",
                                                                  "By the spring.", "And reviewed."]),
    ]
    for top, ref, text, response in records:
        n = max(len(text), len(response))
        for k in range(n):
            ws += row([None, text[k] if k < len(text) else None, "Agreed" if k == 0 else None,
                       response[k] if k < len(response) else None, "Governor" if k == 0 else None,
                       "May 2024" if k == 0 else None], top + 12 * k)
        ws += row([ref], top + 6 * n - 5)                       # centred: its middle at the row's middle
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2", "S3"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        " ".join(text) for _, _, text, _ in records]
    # typed at the top of its row, the first ref shows nothing centred: rows start at refs as ever
    top = TableScanner()
    top.add_page(1, row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
                 + row(["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "May 2024"], 90)
                 + row([None, None, None, "It will report."], 102), [], [])
    assert top.refs_centred is False


def test_a_ref_and_a_decision_of_other_heights_centred_on_one_middle_show_refs_centred_in_rows_set_flush():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 170, 320, 390, 600, 700)
    head = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, x0s)
    # page 1: its one row broken across the page, so its ref is printed at the row's top; the response runs on
    one = head + row(["Priority concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor",
                      "May 2024"], 90, x0s)
    for k, line in enumerate(["It will report.", "Staff will be told.", "Data will be shared with"], 1):
        one += row([None, None, None, line], 90 + 12 * k, x0s)
    # page 2: the next row starts flush below the last line of that response (no rules, no blank space); its ref
    # (three lines) and its decision (two) are both centred down the row: one middle, two tops
    two = row([None, None, None, "the board."], 90, x0s)
    for k, (text, response) in enumerate([("Cells should be clean.", "This is not agreed."),
                                          ("They should be checked.", "The budget does not"),
                                          ("And kept so.", "allow it."), ("Leaders should:", None),
                                          ("- report", None)]):
        two += row([None, text, None, response], 102 + 12 * k, x0s)
    for top, ref, decision in ((115, "Priority", None), (121, None, "Not"), (127, "concern", None),
                               (133, None, "agreed"), (139, "2", None)):
        two += row([ref, None, decision], top, x0s)
    two += row(["Priority concern 3", "Staff should be trained.", "Agreed", "Training will be given.", "Governor",
                "June 2024"], 162, x0s)
    scanner = TableScanner()
    scanner.add_page(1, one, [], [])
    scanner.add_page(2, head + two, [], [])
    scan = scanner.finish()
    assert scanner.refs_centred
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == [
        "Priority concern 1", "Priority concern 2", "Priority concern 3"]
    assert " ".join(w["text"] for w in scan.rows[1].words("text")) == (
        "Cells should be clean. They should be checked. And kept so. Leaders should: - report")
    assert " ".join(w["text"] for w in scan.rows[0].words("response")).endswith("shared with the board.")


def test_a_ref_level_with_its_responses_first_item_in_rows_set_flush_is_at_its_rows_top_not_centred():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 110, 250, 330, 560, 640)
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Due by", "Led by"], 60, x0s)
    # two records typed at their rows' tops, set flush (no rules, no blank space between rows): the first one's
    # list item in its text ('• publish the data') begins after blank space beside a response item begun below an
    # owner's wrapped lines, a line where text and response both begin; the next ref is level with its text's first
    # line, which runs on from the item above with no space, and with its response's first item
    lines = [(90, ["1.5", "Leaders should act.", "Agreed", "In response, we agree:"]),
             (102, [None, "Leaders should:", None, "• Reviews will be held.", "Jun-22", "Head of Safety"]),
             (114, [None, None, None, "Their findings shared.", None, "Chief Probation"]),
             (126, [None, None, None, None, None, "Officer"]),
             (138, [None, "• publish the data", None, "• A strategy will be set", "Jun-22", "Equalities Lead"]),
             (150, [None, "each month", None, "by the board."]),
             (162, ["1.6", "Forms should be checked.", "Agreed", "• Themes will be shared.", "Jun-22", "Governor"]),
             (174, [None, "And quality assured.", None, "• Forms will be logged.", "Dec-22", "Governor"])]
    for top, cells in lines:
        ws += row(cells, top, x0s)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert not scanner.refs_centred
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["1.5", "1.6"]
    assert " ".join(w["text"] for w in scan.rows[0].words("text")).endswith("• publish the data each month")
    assert " ".join(w["text"] for w in scan.rows[1].words("text")) == "Forms should be checked. And quality assured."


def _decisions_centred_down_rows(records, cols):
    """Word boxes of rows with no refs, each (top, decision, text lines, response lines) laid a line a row, its
    owner and date on its first line, its decision centred down the row."""
    ws = []
    for top, decision, text, response in records:
        n = max(len(text), len(response))
        for k in range(n):
            ws += row([text[k] if k < len(text) else None, None, response[k] if k < len(response) else None,
                       "Governor" if k == 0 else None, "May 2024" if k == 0 else None], top + 12 * k, cols)
        ws += row([None, decision], top + 6 * n - 5, cols)
    return ws


def test_in_an_unruled_plan_with_no_refs_decisions_centred_down_their_rows_open_their_rows_at_the_top():
    from actionplans.extract.tables import TableScanner
    cols = (100, 260, 330, 560, 660)                    # Finding | Outcome | What we will do | Led by | Due by
    ws = row(["Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, cols)
    records = [  # (top, decision, text lines, response lines): each decision centred down its row
        (90, "Agreed", ["Leaders should act.", "They should report."],
         ["A panel will meet.", "It will report.", "Data will be shared.", "Staff will be told.", "It will close."]),
        (150, "Rejected", ["Cells should be clean.", "They should be checked.", "And kept so."],
         ["The budget does not allow it.", "Checks continue."]),
        (186, "Agreed", ["Staff should be trained.", "Every year."], ["Training will be given.", "To every officer.",
                                                                    "By the spring.", "And reviewed."]),
    ]
    ws += _decisions_centred_down_rows(records, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        " ".join(text) for _, _, text, _ in records]
    assert [" ".join(w["text"] for w in r.words("decision")) for r in scan.rows] == ["Agreed", "Rejected", "Agreed"]


def test_a_section_row_in_the_text_column_ends_the_row_above_where_decisions_are_centred_down_flush_rows():
    from actionplans.extract.tables import TableScanner
    cols = (100, 260, 330, 560, 660)                    # Finding | Outcome | What we will do | Led by | Due by
    ws = row(["Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, cols)
    # no refs, no rules, rows set flush; each decision centred down its row. The first row (90..148) ends where a
    # section row ('Respect', alone in the text column) begins, and its decision reflects onto that line; the next
    # row's text runs on flush below the section row, its response beginning there
    records = [  # (top, decision, text lines, response lines)
        (90, "Agreed", ["Leaders should act.", "They should report."],
         ["A panel will meet.", "It will report.", "Data will be shared.", "Staff will be told.", "It will close."]),
        (162, "Rejected", ["Cells should be clean.", "They should be checked.", "And kept so."],
         ["The budget does not allow it.", "Checks continue.", "Each week.", "By the wing.", "And logged.",
          "Then closed."]),
        (234, "Agreed", ["Staff should be trained.", "Every year."], ["Training will be given.", "By spring."]),
    ]
    ws += _decisions_centred_down_rows(records, cols)
    ws += row(["Respect"], 150, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in scan.rows] == [
        (None, "Leaders should act. They should report."),
        ("Respect", "Cells should be clean. They should be checked. And kept so."),
        ("Respect", "Staff should be trained. Every year.")]
    assert [" ".join(w["text"] for w in r.words("decision")) for r in scan.rows] == ["Agreed", "Rejected", "Agreed"]


def test_a_section_row_between_rows_with_centred_refs_starts_the_chain_of_rows_again_below_it():
    from actionplans.extract.tables import TableScanner
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    # S1's row: its text, a blank line, a bullet at the row's foot (text begins after space there, where S1's row
    # ends), then a section row, then S2's row; each ref centred down its row
    ws += row([None, "Leaders should act.", None, "A panel will meet.", "Governor", "May 2024"], 90)
    ws += row([None, "They should report.", None, "It will report.", None, None], 102)
    ws += row(["S1", None, "Agreed", "Data will be shared.", None, None], 109)
    ws += row([None, None, None, "Staff will be told.", None, None], 114)
    ws += row([None, "- review the data", None, None, None, None], 126)
    ws += row(["Respect"], 140)
    ws += row([None, "Cells should be clean.", None, "Checks will be made.", "Governor", "June 2024"], 154)
    ws += row([None, "They should be checked.", None, "Each week.", None, None], 166)
    ws += row(["S2", None, "Agreed", "And logged.", None, None], 173)
    ws += row([None, "And kept so.", None, "By the wing.", None, None], 178)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("ref"))) for r in scan.rows] == [
        (None, "S1"), ("Respect", "S2")]
    assert " ".join(w["text"] for w in scan.rows[1].words("text")) == (
        "Cells should be clean. They should be checked. And kept so.")


def test_columns_typed_by_the_few_cells_of_the_headers_page_are_typed_again_by_the_whole_plans():
    """Headings no list names ('5. Due' / 'by', '6. Led by'); the header's page holds one refusal, so no date or
    owner beside it, and the date column's one line is its heading's wrapped 'by': named by those cells, the
    columns right of the response are guessed (the first the owner's). The later pages' dates say otherwise."""
    from actionplans.extract.pipeline import recover
    x0s = (40, 110, 250, 350, 560, 640)
    head = ["1. Ref", "2. Issue raised", "3. Our position", "4. Steps to be taken", "5. Due", "6. Led by"]

    def page(n, body):
        ws = row(head, 60, x0s) + row([None, None, None, None, "by"], 72, x0s) if n == 1 else []
        return {"page": n, "width": 842.0, "height": 595.0, "words": ws + body, "tables": [], "rules": []}
    one = row(["1.1", "Leaders should act.", "Not agreed", "It is not agreed."], 100, x0s)
    two, top = [], 60
    for k, (date, owner) in enumerate([("May 2016", "Canteen Supervisor"), ("June 2016", "Head of Decency"),
                                       ("March 2016", "Gym Senior Officer")]):
        two += row([f"1.{k + 2}", "Cells should be clean.", "Agreed", "Checks will be made.", date, owner],
                   top, x0s)
        top += 36
    rec = recover([page(1, one), page(2, two)])
    assert rec.scan.columns.fields[4:] == ["date", "owner"]
    assert [(c.dates[0].text, c.owners[0].text) for c in rec.cells[1:]] == [
        ("May 2016", "Canteen Supervisor"), ("June 2016", "Head of Decency"), ("March 2016", "Gym Senior Officer")]


def test_a_heading_whose_slash_ocr_read_as_a_mark_runs_on_over_the_decision_word_below_it():
    """'3. Accepted/' / 'Rejected' read through OCR as 'Accepted!' / 'Rejected': no heading ends on '!' or '|', so it
    runs on, and 'Rejected' under it is the heading's second word, not a body row's decision (gen-4157-028,
    scanned: the header was never tried and the plan was lost whole)."""
    from actionplans.extract.tables import _decision_under
    for mark in ("!", "|", "/"):
        above = row(["No.", "recommendation", f"Accepted{mark}"], 72)
        assert not _decision_under(to_lines(row([None, None, "Rejected"], 84))[0], above)
    # a finished heading ('Accepted?') ends the header: a decision below it is a body row's
    assert _decision_under(to_lines(row([None, None, "Rejected"], 84))[0], row([None, None, "Accepted?"], 72))


def test_a_header_repeated_without_the_title_over_it_and_read_a_little_differently_is_no_record():
    """The first page prints a title just over the table, so the header as first found starts with it; later
    pages repeat the header alone, and OCR reads its first cell '1.1D' for '1. ID', which looks like a ref."""
    from actionplans.extract.pipeline import recover
    head = ["1. ID", "2. Finding", "3. Outcome", "4. What we will do", "5. Led by", "6. Due by"]

    def page(n, first, refs):
        ws = row(["ACTION PLAN: HMP Sample"], 48) if n == 1 else []
        ws += row([first, *head[1:]], 60)
        for k, ref in enumerate(refs):
            ws += row([ref, "Leaders should act.", "Agreed", f"A panel will meet {ref}.", "Governor", "June 2024"],
                      90 + 12 * k)
        return {"page": n, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": []}
    pages = [page(1, "1. ID", ["1", "2"]), page(2, "1.1D", ["3", "4"]), page(3, "1. 1D", ["5", "6"])]
    rec = recover(pages)
    assert [r.words("ref")[0]["text"] for r in rec.scan.rows] == ["1", "2", "3", "4", "5", "6"]


def test_a_mark_beside_a_refs_label_does_not_part_it_from_its_number():
    """'Priority' / 'concern —' / '2' down a narrow ref cell: OCR reads a speck beside the label as a dash."""
    from actionplans.extract.pipeline import recover
    x0s = (40, 170, 320, 390, 600, 700)
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, x0s)
    lines = [("Priority concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"),
             ("Priority", "Staff should be", "Agreed", "Training will be given.", "Governor", "May 2024"),
             ("concern —", "trained.", None, None, None, None), ("2", None, None, None, None, None),
             ("Priority", "Cells should be", "Agreed", "Repairs will be made.", "Governor", "July 2024"),
             ("concern", "clean.", None, None, None, None), ("3", None, None, None, None, None)]
    for k, cells in enumerate(lines):
        ws += row(cells, 90 + 12 * k, x0s)
    rec = recover([{"page": 1, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rec.scan.rows] == [
        "Priority concern 1", "Priority concern — 2", "Priority concern 3"]


def test_a_speck_beside_a_refs_label_does_not_part_it_from_its_number_across_a_rule_between_actions():
    """gen-6733-016 (scanned): 'Priority' / 'concern' / '1' down a narrow ref cell, OCR reading a speck beside the
    label ('.'), and a rule under the response's lead-in (rows per action) crossing the response columns only: the
    band below the rule starts at the number, which completes the label above it, not a record of its own."""
    from actionplans.extract.pipeline import recover
    from actionplans.extract.tables import text_of, without_marks
    x0s = (40, 170, 320, 390, 600, 700)
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, x0s)
    lines = [("Priority concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"),
             ("Priority .", "Staff should be", "Agreed", "Actions to be taken:", None, None),
             ("concern", "trained in", None, None, None, None),
             ("2", "good time.", None, "Training will be given.", "Governor", "May 2024"),
             ("Priority", "Cells should be", "Agreed", "Repairs will be made.", "Governor", "July 2024"),
             ("concern", "clean.", None, None, None, None), ("3", None, None, None, None, None)]
    for k, cells in enumerate(lines):
        ws += row(cells, 90 + 12 * k, x0s)
    rules = [(78.0, 35.0, 842.0), (101.5, 35.0, 842.0), (125.5, 385.0, 842.0), (149.5, 35.0, 842.0)]  # (top, x0, x1)
    rec = recover([{"page": 1, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": rules}])
    assert [text_of(without_marks(r.words("ref"))) for r in rec.scan.rows] == [
        "Priority concern 1", "Priority concern 2", "Priority concern 3"]


def test_a_ref_ocr_could_not_read_still_opens_its_record():
    """OCR read '1.2' as 'a4': `ocr.sequence_refs` marks it (`ref_slot`), and its row is a record of its own,
    neither joined to the one above nor taken for a section row."""
    from actionplans.extract.pipeline import recover
    ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    for k, ref in enumerate(["1.1", "a4", "1.3"]):
        ws += row([ref, "Leaders should act.", "Agreed", f"Panel {k} will meet.", "Governor", "June 2024"], 90 + 24 * k)
    for w in ws:
        if w["text"] == "a4":
            w["ref_slot"] = True
    rec = recover([{"page": 1, "width": 842.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    assert [r.words("ref")[0]["text"] for r in rec.scan.rows] == ["1.1", "a4", "1.3"]


def test_a_dotted_refs_point_ocr_read_as_a_colon_is_mended_in_the_refs_column_and_confirms_the_rest():
    """gen-5527-013 (scanned, 8 pt): refs 1.1, 2.2, 3.3 read 'it', '2.2', '3:3'. The colon stands in the clean ref's
    column, after it in order: it is 3.3, and with 2.2 two clean refs confirm the slot 'it' above them, so its
    row opens a record (before: one clean ref confirmed nothing, and the rows of 1.1 and 3.3 were lost). A ratio's
    '1:1' out of the refs' order, or outside their column, is left as read."""
    from actionplans.extract import ocr

    def refs(*cells):
        ws = []
        for k, cells_k in enumerate(cells):
            ws += row(cells_k, 90 + 30 * k, (46, 89))
        return ws
    ws = refs(("it", "Prisoners should have confidence."), ("2.2", "The use of force should be monitored."),
              ("3:3", "All prisoners should live in clean cells."))
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 8.0)
    slots = [w for w in ws if w["x0"] == 46]
    assert [w["text"] for w in slots] == ["it", "2.2", "3.3"]
    assert slots[0].get("ref_slot")
    ws = refs(("1.1", "Leaders should act."), ("1.2", "Staff should act."), ("1:1", "Sessions will be held."))
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 8.0)
    assert [w["text"] for w in ws if w["x0"] == 46] == ["1.1", "1.2", "1:1"]
    ws = refs(("1.1", "Leaders should act."), ("1.2", "Staff should act.")) + row(("2:3",), 150, (300,))
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 8.0)
    assert ws[-1]["text"] == "2:3"


def test_one_clean_dotted_ref_confirms_the_ref_slots_of_its_column_where_one_plain_number_does_not():
    """gen-5527-000 (scanned, refs 1.1, 2.2, 3.3 read 'ate', '22', '3.3'): a section and a number, point between,
    opening a line beside a row's text is a ref's shape no stray number has, so one such clean ref confirms the
    slots of its column, and 'ate' opens its record ('22' reads as a ref and opened its own; before, 1.1's row was
    lost). One
    plain number ('3') confirms nothing without a label: a heading's or a list's number may stand there."""
    from actionplans.extract import ocr

    def refs(*cells):
        ws = []
        for k, cells_k in enumerate(cells):
            ws += row(cells_k, 90 + 30 * k, (46, 89))
        return ws
    ws = refs(("ate", "Leaders should make sure."), ("22", "Cells should hold one."), ("3.3", "Leaders should act."))
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 11.0)
    assert [w.get("ref_slot", False) for w in ws if w["x0"] == 46] == [True, False, False]  # '22' reads as a ref
    ws = refs(("ate", "Leaders should make sure."), ("3", "Leaders should act."))
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 11.0)
    assert [w.get("ref_slot", False) for w in ws if w["x0"] == 46] == [False, False]


def test_a_number_alone_in_a_margin_is_a_page_number_only_where_it_counts_the_pages():
    from actionplans.extract.tables import furniture
    # a date's year wrapped atop the next page ('October - December' / '2021'), in a plan that prints no page
    # numbers: below it the row's rule and padding leave blank space, so it does not run on into the body
    body = [(120.0, 129.0, "Leaders should act."), (140.0, 149.0, "A panel will meet.")]
    pages = [list(body), [(62.2, 71.2, "2021"), *body], list(body)]
    assert all(not tops for tops in furniture(pages, [595.0] * 3))
    # numbers that count the pages go: from 1, or from a longer report's numbering (45, 46, 47), or one page's own
    counted = [[*body, (560.0, 569.0, str(45 + p))] for p in range(3)]
    assert all(560.0 in tops for tops in furniture(counted, [595.0] * 3))
    own = [list(body), [*body, (560.0, 569.0, "2")], list(body)]
    assert 560.0 in furniture(own, [595.0] * 3)[1]


def test_years_wrapped_into_the_top_margin_of_two_pages_at_different_heights_count_no_pages():
    from actionplans.extract.tables import furniture
    # dates typed as ranges in a narrow column wrap their year ('September' / 'to October' / '2015'): one lands in
    # the top margin of page 2, the next row's ('March to July' / '2016') in that of page 3, lower down. Number less
    # page index is 2014 on both, as page numbers 45, 46 of a longer report would be, but a page's number keeps its
    # place: these stand where their cells put them, and are the dates' years
    body = [(120.0, 129.0, "Leaders should act."), (140.0, 149.0, "A panel will meet.")]
    pages = [list(body), [(74.3, 84.3, "2015"), *body], [(92.5, 102.5, "2016"), *body], list(body), list(body)]
    assert all(not tops for tops in furniture(pages, [595.0] * 5))
    # page numbers that drift by a point or two, as a scan's skew moves them, still count the pages
    counted = [[*body, (560.0 + d, 569.0 + d, str(45 + p))] for p, d in enumerate((0.0, 1.5, -1.0))]
    assert [tops for tops in furniture(counted, [595.0] * 3)] == [{560.0}, {561.5}, {559.0}]
    # a footer's number keeps its place from the page's foot: on a portrait page among landscape ones it is lower
    mixed = [[*body, (560.0, 569.0, "45")], [*body, (807.0, 816.0, "46")], [*body, (560.0, 569.0, "47")]]
    assert [tops for tops in furniture(mixed, [595.0, 842.0, 595.0])] == [{560.0}, {807.0}, {560.0}]


def test_a_page_without_the_header_finds_its_own_gutter_where_a_centred_cell_starts_left_of_its_heading():
    from actionplans.extract.tables import TableScanner
    # 'Due by' centred over the date column (660..760), its cells centred too: the header's page holds only
    # short dates ('2024'), starting right of the heading, so the heading's start stood as the column's edge
    x0s = (40, 100, 260, 330, 560, 693.5)
    head = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, (52, 150, 268, 410, 578,
                                                                                       693.5))
    first = head + row(["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "2024"], 90,
                       (40, 100, 260, 330, 560, 698))
    # overleaf, a wider date centred in its cell ('September' / '2024') starts left of the heading
    second = row(["S2", "Cells should be clean.", "Agreed", "Checks will be made.", "Head of Safety", "September"],
                 90, (40, 100, 260, 330, 560, 683)) + row([None, None, None, None, None, "2024"], 102, x0s[:5] + (698,))
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    scanner.add_page(2, second, [], [])
    scan = scanner.finish()
    assert [(" ".join(w["text"] for w in r.words("owner")), " ".join(w["text"] for w in r.words("date")))
            for r in scan.rows] == [("Governor", "2024"), ("Head of Safety", "September 2024")]


def test_a_running_header_read_with_another_dash_on_some_pages_is_still_furniture():
    from actionplans.extract.tables import furniture
    dashes = ["—", "-", "–", "—"]  # as OCR reads one printed dash, page by page
    pages = [[(20.0, 29.0, f"HMP Sample action plan {d} OFFICIAL"), (62.0, 71.0, f"Leaders should {verb}.")]
             for d, verb in zip(dashes, ["act", "report", "review", "publish"])]
    assert all(20.0 in d and 62.0 not in d for d in furniture(pages, [842.0] * 4))


def test_a_repeated_headers_short_lines_may_differ_by_a_mark_below_a_first_line_that_repeats():
    from actionplans.extract.cells import to_lines
    from actionplans.extract.tables import _repeat_depth
    head = ["1 2. Recommendation 3. Agreed/ 4. Response", "No Agreed/", "Not Agreed"]
    lines = to_lines(row(["1 2. Recommendation 3. Agreed! 4. Response"], 60) + row(["No Agreed!"], 72)
                     + row(["Not Agreed"], 84) + row(["Leaders should act."], 96))
    assert _repeat_depth(lines, 0, head) == 3
    assert _repeat_depth(to_lines(row(["No Agreed!"], 72)), 0, ["No Agreed/"]) == 0  # alone, it says nothing


HEAD = ["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"]


def _lines(rows):
    """Table lines from (top, ref, text, decision, response) tuples."""
    return [w for top, *cells in rows for w in row([*cells, None, None], top)]


def _rows_of(ws, rules=()):
    """The records one page of table words reads as."""
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, ws, [], list(rules))
    return scanner.finish().rows


def _cells(rows, name):
    return [" ".join(w["text"] for w in r.words(name)) for r in rows]


def test_of_two_tops_a_centred_ref_reflects_equally_well_the_one_whose_chain_of_rows_below_fits_is_taken():
    # S1's row (90..165) has two places a row could start (90, and 114 where its response begins again after
    # space) and two below it where one could end (138, its text's list after a blank line; 165, S2's row): its
    # ref, a little above the row's middle as padding leaves it, reflects 114 onto 138 as well as 90 onto 165.
    # S2's ref, centred in 165..213, settles it: a row from 114 would end at 138, and S2's reflection then misses.
    ws = row(HEAD, 60) + _lines([
        (90, None, "Leaders should act.", "Agreed", None),
        (102, None, "They should report.", None, None),
        (114, None, "Leaders should:", None, "A panel will meet."),
        (121, "S1", None, None, None),
        (126, None, None, None, "It will report."),
        (138, None, "- review the data", None, "Data will be shared."),
        (150, None, "- act on it", None, None),
        (165, None, "Cells should be clean.", "Agreed", "Checks will be made."),
        (177, None, "They should be checked.", None, "Each week."),
        (184, "S2", None, None, None),
        (189, None, None, None, "And logged."),
        (201, None, None, None, "By the wing."),
        (213, None, "Staff should be trained.", "Agreed", "Training will be given."),
        (220, "S3", None, None, None),
        (225, None, None, None, "To every officer."),
    ])
    rows = _rows_of(ws)
    assert _cells(rows, "ref") == ["S1", "S2", "S3"]
    assert _cells(rows, "text") == [
        "Leaders should act. They should report. Leaders should: - review the data - act on it",
        "Cells should be clean. They should be checked.", "Staff should be trained."]


def test_rules_that_bound_two_records_are_no_rows_bounds_and_the_centred_refs_between_them_are_reflected():
    from actionplans.extract.tables import TableScanner
    # shaded section rows draw rules above and below them, and two records lie between two of those rules: the
    # band is no row, so each ref is moved to its own row's top (`_reflect_refs`), not both to the band's first line
    ws = row(HEAD, 60) + row(["Safety"], 80) + _lines([
        (100, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (112, None, "They should report.", None, "It will report."),
        (113, "S1", None, None, None),
        (124, None, None, None, "Data will be shared."),
        (136, None, "Cells should be clean.", "Agreed", "Checks will be made."),
        (148, None, "They should be checked.", None, "Each week."),
        (149, "S2", None, None, None),
        (160, None, None, None, "And logged."),
    ]) + row(["Care"], 180) + _lines([
        (200, None, "Staff should be trained.", "Agreed", "Training will be given."),
        (212, None, "Every year.", None, "To every officer."),
        (213, "S3", None, None, None),
        (224, None, None, None, "By the spring."),
    ])
    rules = [(74.0, 38.0, 800.0), (94.0, 38.0, 800.0), (174.0, 38.0, 800.0), (194.0, 38.0, 800.0),
             (240.0, 38.0, 800.0)]
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("ref"))) for r in scan.rows] == [
        ("Safety", "S1"), ("Safety", "S2"), ("Care", "S3")]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act. They should report.", "Cells should be clean. They should be checked.",
        "Staff should be trained. Every year."]


def test_a_ref_atop_a_row_broken_across_pages_stays_there_where_its_refs_are_otherwise_centred():
    from actionplans.extract.tables import TableScanner
    # page 1: S1 centred down its row. Page 2 opens with the rest of S1's row; then S2's row, run on to the
    # next page, its ref printed level with its first line (a row broken across pages is not centred)
    first = row(HEAD, 60) + _lines([
        (90, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should report", None, "It will report."),
        (113, "S1", None, None, None),
        (124, None, None, None, "Data will be shared."),
    ])

    def second(opening, spaced):
        # spaced: S2's response begins after blank space too (else it runs straight on from S1's, and only the
        # opening line, running on S1's unfinished sentence, tells that no row starts atop the page)
        return _lines([
            (60, None, opening, None, "Staff will be told."),
            (72, None, None, None, "The panel will close."),
            *(() if spaced else ((84, None, None, None, "It will meet again."),)),
            (96, "S2", "Cells should be clean.", "Agreed", "Checks will be made."),
            *((108 + 12 * k, None, None, None, f"Check {k} will be logged.") for k in range(8)),
        ])
    for opening, spaced in (("And publish it.", True), ("and publish it.", False)):
        scanner = TableScanner()
        scanner.add_page(1, first, [], [])
        scanner.add_page(2, second(opening, spaced), [], [])
        scan = scanner.finish()
        assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2"], opening
        assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
            f"Leaders should act. They should report {opening}", "Cells should be clean."], opening


def test_in_rows_set_flush_a_centred_refs_row_ends_where_its_reflection_lands_not_at_a_list_after_space_in_its_text():
    # S1's recommendation ends in a list after a blank line (126: its text column opens after space mid-row); rows
    # are set flush, so no cell shows S2's top (162). S1's ref, centred in 90..160, reflects its top onto 162's line,
    # 34 pt from the only line where a column opens after space: the line the reflection lands on is S2's top
    ws = row(HEAD, 60) + _lines([
        (90, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should:", None, "It will report."),
        (114, None, None, None, "Data will be shared."),
        (120, "S1", None, None, None),
        (126, None, "- review the data", None, "Staff will be told."),
        (138, None, "- act on it", None, "It will close."),
        (150, None, "- publish it", None, "Then report."),
        (162, None, "Cells should be clean.", "Agreed", "Checks will be made."),
        (174, "S2", "They should be checked.", None, "Each week."),
        (186, None, None, None, "And logged."),
    ])
    rows = _rows_of(ws)
    assert _cells(rows, "ref") == ["S1", "S2"]
    assert _cells(rows, "text") == ["Leaders should act. They should: - review the data - act on it - publish it",
                                    "Cells should be clean. They should be checked."]


def test_a_centred_refs_row_ended_by_a_section_row_starts_where_its_end_reflects_not_at_a_list_after_space():
    from actionplans.extract.tables import TableScanner
    # page 1: S1 centred down its row, S2 at the foot running over. Page 2 opens with the rest of S2's row, its
    # recommendation's list after a blank line (84); then S3's row, set flush (96), its ref centred down 96..130
    # above a section row: the line whose top reflects onto the row's last line is S3's top, not the list
    first = row(HEAD, 60) + _lines([
        (90, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should report.", None, "It will report."),
        (108, "S1", None, None, None),
        (114, None, None, None, "Data will be shared."),
        (126, None, None, None, "Staff will be told."),
        (138, "S2", "Cells should be kept clean", "Agreed", "Checks will be made."),
        (150, None, None, None, "Each week."),
    ])
    second = _lines([
        (60, None, "and checked:", None, "It will close."),
        (72, None, None, None, "It will meet again."),
        (84, None, "- review the data", None, "It will report."),
        (96, None, "Staff should be trained.", "Agreed", "Training will be given."),
        (108, "S3", "Every year.", None, "To every officer."),
        (120, None, None, None, "By the spring."),
        (132, "Safety", None, None, None),
        (146, "S4", "Cells should hold one.", "Rejected", "The budget does not allow it."),
    ])
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    scanner.add_page(2, second, [], [])
    rows = scanner.finish().rows
    assert _cells(rows, "ref") == ["S1", "S2", "S3", "S4"]
    assert _cells(rows, "text") == ["Leaders should act. They should report.",
                                    "Cells should be kept clean and checked: - review the data",
                                    "Staff should be trained. Every year.", "Cells should hold one."]
    assert [r.section for r in rows] == [None, None, None, "Safety"]


def test_below_a_section_row_across_the_table_the_first_records_text_begins_a_row_and_shows_its_ref_centred():
    from actionplans.extract.tables import TableScanner
    # the section row's name runs from the ref column into the text column, a line close above the first record:
    # its words are no cell's, so the record's text and response begin below it, above the ref centred in the row
    ws = row(HEAD, 60) + row(["Purposeful activity"], 80) + _lines([
        (94, None, "Leaders should act.", None, "Accepted."),
        (106, None, "They should report.", None, "A panel will meet."),
        (111, "R1", None, None, None),
        (118, None, None, None, "It will report."),
        (134, None, "Cells should be clean.", None, "Accepted."),
        (146, None, "They should be checked.", None, "Checks will be made."),
        (151, "R2", None, None, None),
        (158, None, None, None, "Each week."),
    ])
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert scanner.refs_centred
    assert [(r.section, " ".join(w["text"] for w in r.words("ref")), " ".join(w["text"] for w in r.words("text")))
            for r in scan.rows] == [("Purposeful activity", "R1", "Leaders should act. They should report."),
                                    ("Purposeful activity", "R2", "Cells should be clean. They should be checked.")]


def test_a_line_holding_a_ref_centred_between_two_lines_of_its_row_is_no_line_across_the_table():
    from actionplans.extract.cells import to_lines
    from actionplans.extract.tables import Columns, TableScanner
    cols = Columns(["ref", "text", "decision", "response"], [40.0, 100.0, 260.0, 330.0, 560.0])
    # 'access to showers and' and 'telephones every day.' 12 pt apart, the ref and decision centred between them:
    # the ref's words overlap the first line into one 14 pt tall, and 'and' ends 7 pt before 'Agreed': more than a
    # space of the words' own height (10 pt), less than one of the line's
    ws = (words("1.1", x0=40, top=106) + words("access to showers and", x0=134, top=102)
          + words("Agreed", x0=258, top=106) + words("telephones every day.", x0=100, top=114))
    tall = [ln for ln in to_lines(ws) if ln.bottom - ln.top > 12]
    assert tall and not any(TableScanner()._runs_across(ln, cols) for ln in tall)
    # a section name typed across the edge, one space apart, still runs across
    assert TableScanner()._runs_across(to_lines(words("Purposeful activity", x0=40, top=80))[0], cols)


def test_a_one_line_heading_centred_over_centred_cells_is_not_where_its_column_starts():
    from actionplans.extract.pipeline import column_rights, recover
    from actionplans.extract.tables import TableScanner
    # 'Target date' centred over its column (its text runs 560..640), its dates centred under it: none starts at
    # the heading's start (568.5), so that start says nothing of where the response before it wraps
    heads = (40, 100, 260, 330, 568.5, 660)

    def centred(text, top):  # a date centred on the heading's middle (600)
        return [dict(w, page=0) for w in words(text, x0=600 - (6 * len(text.replace(" ", "")) + 3 * text.count(" "))
                                               / 2, top=top)]

    def page(n, body, dates):
        ws = row(["Para", "Finding", "Outcome", "What we will do", "Target date", "Led by"], 60, heads)
        for k, cells in enumerate(body):
            ws += row(cells, 90 + 12 * k, (40, 100, 260, 330, 560, 660))
        for top, text in dates:
            ws += centred(text, top)
        return {"page": n, "width": 842.0, "height": 842.0, "words": [dict(w, page=n) for w in ws], "tables": [],
                "rules": []}
    first = page(1, [["S1", "Leaders should act.", "Agreed", "A panel will meet each month to review it.", None,
                      "Governor"],
                     [None, None, None, "Data will be published.", None, None],
                     ["S2", "Cells should be clean.", "Agreed", "Checks will be made.", None, "Head of Safety"]],
                 [(90, "End of Q4"), (102, "2025"), (114, "June 2024")])
    # the header repeated over a page of one line below it: it shows nothing, and the first page's reading stands
    later = page(2, [["S3", "Staff should be trained.", "Agreed", "Training will be given.", None, "Governor"]],
                 [])
    body = to_lines([w for w in first["words"] if w["top"] >= 90])
    head = [[w for w in first["words"] if w["top"] == 60 and a <= w["x0"] < b]
            for a, b in zip(heads, heads[1:] + (800,))]
    assert TableScanner._loose(head, list(heads), body) == {4}
    assert TableScanner._loose(head, list(heads)) == set()  # one line, at the heading's start: no sign by itself
    rec = recover([first, later])
    assert rec.scan.columns.fields[3:5] == ["response", "date"] and 4 in rec.scan.columns.loose
    longest = max(w["x1"] for r in rec.scan.rows for w in r.words("response"))
    assert column_rights(rec.scan.rows, ("response",), rec.scan.columns)["response"] == longest
    # typed at their column's left under a heading typed there, the dates start at the heading: its start is the
    # column's edge, and the response wraps the padding of two cells short of it (`column_right`)
    typed = to_lines([w for w in first["words"] if w["top"] >= 90 and not 560 <= w["x0"] < 660]
                     + row(["End of Q4"], 90, (568.5,)) + row(["2025"], 102, (568.5,)))
    assert TableScanner._loose(head, list(heads), typed) == set()


def test_the_summary_tables_rules_bound_no_band_of_the_plan_above_it():
    from actionplans.extract.tables import TableScanner
    # the header shaded (a rule below it) on every page, no rules between records, and the summary counts table
    # under its title below the plan: its rules are not the plan's, so the band from the header's rule down to them
    # is no row, and S2 below the lines S1 runs on with does not move up to the band's first line
    scanner = TableScanner()
    first = plan_page(1, [["S1", "Leaders should act.", "Agreed", "A panel will meet and", "Governor", "June 2024"]])
    scanner.add_page(1, [w for w in first["words"] if 40 < w["top"] < 700], [], [(72.0, 38.0, 800.0)])
    later = row(HEAD, 60)
    later += row([None, None, None, "report monthly.", None, None], 76)
    later += row(["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2024"], 88)
    later += row(["Summary of responses"], 110, (40,))
    later += row(["Agreed 2"], 126, (40,))
    scanner.add_page(2, later, [], [(72.0, 38.0, 800.0), (123.0, 38.0, 800.0), (137.0, 38.0, 800.0)])
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["S1", "S2"]
    assert [" ".join(w["text"] for w in r.words("response")) for r in rows] == [
        "A panel will meet and report monthly.", "Training will be given."]


def test_a_justified_headings_last_word_spread_a_space_apart_joins_its_heading_over_a_column_of_ragged_crossings():
    from actionplans.extract.tables import TableScanner
    # '2.   What   the' / 'inspectors' / 'found': the first line justified over a narrow column, its spaces 6.5 pt
    # each. The column's text is justified too, so its lines cross the gap under 'the' at scattered points: every
    # point under four of its thirteen lines, short of a third of them
    heading = ([{"text": "2.", "x0": 100.0, "x1": 112.0, "top": 60.0, "bottom": 70.0},
                {"text": "What", "x0": 118.5, "x1": 160.5, "top": 60.0, "bottom": 70.0}]
               + words("inspectors", x0=100, top=72) + words("found", x0=100, top=84))
    tail = [{"text": "the", "x0": 167.0, "x1": 185.0, "top": 60.0, "bottom": 70.0}]
    crossing = [words("disproportionately", x0=100, top=100 + 12 * k) for k in range(4)]  # 100..208: across it
    apart = [[*words("to", x0=100, top=148 + 12 * k), *words("behave", x0=170, top=148 + 12 * k)] for k in range(9)]
    body = to_lines([w for ln in crossing + apart for w in ln])
    assert len(TableScanner._merge_crossed([heading, tail], body)) == 1
    # the same crossings under a gap wider than the heading's spaces: a column's edge, crossed by a few rows
    wide = [dict(w, x0=w["x0"] + 3, x1=w["x1"] + 3) for w in tail]
    assert len(TableScanner._merge_crossed([heading, wide], body)) == 2


def test_a_sentence_ending_on_a_line_justifying_stretched_ends_no_action_whatever_the_sentence_habit():
    # a justified response cell 300..500 in a plan whose actions end with their sentences (`sentence_habit`):
    # 'plan agreed by the Team.' is spread flush to the edge, so its paragraph goes on below it; 'monthly.' keeps
    # its natural spaces, a paragraph's last line
    text = ["Any group found to be", "under-represented will be", "the subject of an action",
            "plan agreed by the Team.", "Progress will be reported", "to the Governor monthly.",
            "Induction will include it."]
    last = {5, 6}
    spread = [w for k, t in enumerate(text) for w in (
        words(t, x0=300, top=100 + 11.5 * k) if k in last else justified(t, 300, 500, 100 + 11.5 * k))]
    assert [p.text for p in paragraphs(to_lines(spread), right=500, sentences=True)] == [
        "Any group found to be under-represented will be the subject of an action plan agreed by the Team. "
        "Progress will be reported to the Governor monthly.", "Induction will include it."]
    # ragged, the same sentence ending at a line's end ends its action in such a plan
    ragged = [w for k, t in enumerate(text) for w in words(t, x0=300, top=100 + 11.5 * k)]
    assert len(paragraphs(to_lines(ragged), right=500, sentences=True)) == 3


def test_a_justified_cell_whose_lines_atop_a_page_all_end_flush_takes_its_natural_space_from_the_page_before():
    # page 1 shows the cell justified (lines spread flush to 500, a paragraph's last line short); atop page 2 every
    # line of two words or more is spread flush, so only page 1 tells its natural space: 'fed back on each wing.'
    # is stretched there, and the action goes on ('Assurance will be ...') in a plan ending actions with sentences
    one = ["The findings will be shared", "with prisoner representatives.", "Prisoners will be consulted",
           "through the prisoner council and"]
    two = ["the equality forums, and the", "outcome fed back on each wing.", "Assurance will be given",
           "by the Director every quarter,", "through his review of the", "group."]
    spread = [w for k, t in enumerate(one) for w in (
        words(t, x0=300, top=600 + 11.5 * k) if k == 1 else justified(t, 300, 500, 600 + 11.5 * k))]
    spread += [dict(w, page=2) for k, t in enumerate(two) for w in (
        words(t, x0=300, top=100 + 11.5 * k) if k == len(two) - 1 else justified(t, 300, 500, 100 + 11.5 * k))]
    assert [p.text for p in paragraphs(to_lines(spread), right=500, sentences=True)] == [
        "The findings will be shared with prisoner representatives.",
        "Prisoners will be consulted through the prisoner council and the equality forums, and the outcome fed "
        "back on each wing. Assurance will be given by the Director every quarter, through his review of the "
        "group."]


def test_a_column_centred_under_a_centred_heading_is_loose_though_a_cell_wider_than_the_heading_starts_at_its_edge():
    from actionplans.extract.tables import TableScanner
    # 'Target' (411.2..447.2) centred over the date column, its dates centred under it: 'May-21' as wide as the
    # heading starts at its start, 'Oct-2020' left of it; the response before it wraps short of that start
    heading = [words("Response", x0=307.6, top=60), words("Target", x0=411.2, top=60)]
    centred = to_lines([w for k, (d, x) in enumerate([("May-21", 411.2), ("Oct-2020", 405.2), ("Q1", 423.2)])
                        for w in words("Act now", x0=300, top=90 + 12 * k) + words(d, x0=x, top=90 + 12 * k)])
    assert TableScanner._loose(heading, [307.6, 411.2], centred) == {1}
    # dates typed at the column's left start together, whatever their widths: the heading's start is the edge
    typed = to_lines([w for k, d in enumerate(["May-21", "Oct-2020", "Q1"])
                      for w in words("Act now", x0=300, top=90 + 12 * k) + words(d, x0=411.2, top=90 + 12 * k)])
    assert TableScanner._loose(heading, [307.6, 411.2], typed) == set()


def test_a_plan_whose_grid_held_only_its_shaded_header_is_read_by_the_headers_columns_on_the_pages_after():
    from actionplans.extract.tables import TableScanner
    # page 1: the header's shaded box is the only grid (the table is ruled across only); the first record did not
    # fit, so the records start on page 2, a page with no grid at all
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]
    bbox, rows, ws = grid_page(1, [head])
    scanner = TableScanner()
    scanner.add_page(1, ws, [(bbox, rows)], [(112.0, 40.0, 520.0)])
    assert scanner.mode == "ruled" and not scanner.scan.rows
    body = []
    for k, (ref, text, response, owner) in enumerate([("R1", "Leaders should act.", "A panel will meet.", "Governor"),
                                                      ("R2", "Staff should be trained.", "Training will be given.",
                                                       "Head of Safety")]):
        top = 60 + 30 * k
        for x, cell in zip(GRID_X, (ref, text, "Agreed", response, owner, "June 2024")):
            body += words(cell, x0=x + 2, top=top, page=2)
    rules = [(56.0 + 30 * k, 40.0, 520.0) for k in range(3)]
    scanner.add_page(2, body, [], rules)
    scan = scanner.finish()
    assert [(" ".join(w["text"] for w in r.words("ref")), " ".join(w["text"] for w in r.words("owner")))
            for r in scan.rows] == [("R1", "Governor"), ("R2", "Head of Safety")]


def _first_record_broken_overleaf() -> list[dict]:
    """Page 1 of a plan whose first record, S1, runs over the page break: its ref printed at its top, nothing
    centred shown."""
    return row(HEAD, 60) + _lines([(90 + 12 * k, "S1" if k == 0 else None, f"Leaders should act {k}.",
                                    "Agreed" if k == 0 else None, f"A panel will meet {k}.") for k in range(8)])


def test_refs_are_seen_centred_on_a_later_page_where_the_plans_first_row_broke_across_pages_with_its_ref_at_top():
    from actionplans.extract.tables import TableScanner
    # S1, the plan's first record, runs over the page break, so its ref is printed at its top and shows nothing
    # centred. On page 2, S2's ref is centred: level with neither its text's start nor its response's, below the
    # line where both begin after blank space
    first = _first_record_broken_overleaf()
    second = _lines([
        (60, None, None, None, "It will report."),
        (72, None, None, None, "It will close."),
        (96, None, "Cells should be clean and", "Agreed", "Checks will be made"),
        (108, None, "they should be", None, "each week and"),
        (120, None, "checked each day.", None, "logged by the wing"),
        (121, "S2", None, None, None),
        (132, None, None, None, "and sent to the board"),
        (144, None, None, None, "every month."),
    ])
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    assert scanner.refs_centred is False
    scanner.add_page(2, second, [], [])
    assert scanner.refs_centred
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["S1", "S2"]
    assert " ".join(w["text"] for w in rows[1].words("text")) == (
        "Cells should be clean and they should be checked each day.")


def test_a_ref_centred_half_a_line_off_the_lines_of_its_rows_text_shows_refs_centred_in_rows_set_flush():
    from actionplans.extract.tables import TableScanner
    # S1, the plan's first record, runs over the page break with its ref at its top: nothing centred shows. On page
    # 2, S2's row starts flush below S1's response (no rules, no blank space), where its text begins (the column empty
    # above it on the page); its ref and decision, centred down a row of six lines, sit half a line off its text's
    # lines and are read with one of them: beside the text, level with none of its lines, so not typed at its top
    first = _first_record_broken_overleaf()
    second = _lines([
        (60, None, None, None, "It will report."),
        (72, None, None, None, "It will close."),
        (84, None, "Cells should be clean and", None, "Checks will be made"),
        (96, None, "they should be", None, "each week and"),
        (108, None, "checked each day and", None, "logged by the wing"),
        (113, "S2", None, "Agreed", None),
        (120, None, "kept so.", None, "and sent to the board"),
        (132, None, None, None, "every month."),
        (144, None, None, None, "It will be audited."),
        (168, "S3", "Staff should be trained.", "Agreed", "Training will be given."),
    ])
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    assert scanner.refs_centred is False
    scanner.add_page(2, second, [], [])
    assert scanner.refs_centred
    rows = scanner.finish().rows
    assert [" ".join(w["text"] for w in r.words("ref")) for r in rows] == ["S1", "S2", "S3"]
    assert " ".join(w["text"] for w in rows[0].words("response")).endswith("It will report. It will close.")
    assert " ".join(w["text"] for w in rows[1].words("text")) == (
        "Cells should be clean and they should be checked each day and kept so.")
    assert " ".join(w["text"] for w in rows[1].words("response")).startswith("Checks will be made")


def test_a_column_of_entries_ends_short_of_where_a_centred_next_column_starts_its_text():
    # gen-3797-161: both columns centred under centred headings ('5. Responsible Owner', '6. Deadline'): the date
    # column's heading starts right of its cell's border, so its start less two paddings lies past the owner cell's
    # edge, and 'Lead' would seem to have fitted after '& Kwame Begum – Equalities' (typed on a line of its own: a
    # second owner, 'Lead'). The date column's text, starting furthest left, bounds the owner column's edge.
    from actionplans.extract.tables import Columns, column_right
    cols = Columns(["owner", "date"], [610.4, 730.5, 10_000.0], frozenset({0, 1}))
    ends = [699.6, 693.9, 654.3]
    assert column_right(ends, cols, "owner") == pytest.approx(730.5 - 10.8)  # the heading tells nothing
    right = column_right(ends, cols, "owner", next_xs=[721.0, 714.6])
    assert right == pytest.approx(714.6 - 10.8)
    placed = (("&", 599.2, 604.7, 147.4), ("Kwame", 606.4, 630.5, 147.4), ("Begum", 632.3, 654.9, 147.4),
              ("–", 656.7, 660.7, 147.4), ("Equalities", 662.5, 693.9, 147.4), ("Lead", 638.9, 654.3, 157.1))
    above, below = to_lines([{"text": t, "x0": a, "x1": b, "top": top, "bottom": top + 8, "page": 1}
                             for t, a, b, top in placed])
    assert hard_break(above, below, 730.5 - 10.8) and not hard_break(above, below, right)  # a wrap, not Enter
    # a column whose next heading starts where its text does keeps that start as the bound
    typed = Columns(["owner", "date"], [590.0, 714.6, 10_000.0])
    assert column_right(ends, typed, "owner", next_xs=[700.0]) == pytest.approx(714.6 - 10.8)


def test_in_a_spaced_plan_an_entry_one_wrap_below_its_paragraphs_start_marks_no_new_action():
    # gen-3797-075: paragraphs 6 pt apart (a press of Enter 15.2 pt, a wrap 9.2): the date column lands its entry
    # on its own lattice of presses, up to a press below the paragraph's first line, here level with its second
    # line ('Progress will be reported ...', which opens a sentence): the paragraph's own entry, not a new action's.
    from actionplans.extract.cells import split_at_cues
    cell = to_lines(words("The data will be reviewed at the meeting.", "Progress will be reported each month.",
                          "and exceptions escalated.", x0=270, top=206.9, pitch=9.2))
    spaced = Spacing(9.2, 6.0)
    (para,) = paragraphs(cell, spaced)
    date = to_lines(words("August 2021", x0=608, top=215.7))
    assert len(split_at_cues([para], date, reach=1, spacing=spaced)) == 1
    # single-spaced, a press is a wrap: an entry level with the second line is a new action's (the level habit)
    single = to_lines(words("The data will be reviewed at the meeting.", "Progress will be reported each month.",
                            "and exceptions escalated.", x0=270, top=206.9, pitch=9.2))
    assert len(split_at_cues(paragraphs(single), date, reach=1)) == 2
    # and in the spaced plan, an entry two wraps down (past a press) still marks one
    low = to_lines(words("August 2021", x0=608, top=224.9))
    three = to_lines(words("The data will be reviewed.", "It will be shared.", "Progress will be reported.",
                           x0=270, top=206.9, pitch=9.2))
    assert len(split_at_cues(paragraphs(three, spaced), low, reach=1, spacing=spaced)) == 2


def test_a_repeated_header_keeps_the_edge_found_before_where_a_few_justified_lines_leave_a_false_gutter():
    # gen-3797-094: the last page holds three lines of a justified finding ('should be monitored,    and    any')
    # under the repeated header: the stretched spaces stand one above the other, a strip inside the text column no
    # line crosses, wider than the true gutter before the response column's text. The edge found under the header
    # before (where the response text starts) is crossed no more: it stands.
    from actionplans.extract.tables import TableScanner

    def line(top, *spans):
        return [{"text": "w", "x0": a, "x1": b, "top": top, "bottom": top + 8, "page": 6} for a, b in spans]
    body = to_lines(line(80, (117, 139), (154, 161), (177, 212), (227, 240), (255, 267), (278, 290))
                    + line(89, (117, 176), (196, 235), (255, 267), (278, 338))
                    + line(98, (117, 151), (278, 334)))
    starts, ends = [46, 117, 278], [54, 144, 392]
    assert TableScanner._gutters(starts, ends, body)[2] == pytest.approx(247.5)  # the stretched spaces' strip
    assert TableScanner._gutters(starts, ends, body, held=[45.5, 116.8, 278.0])[2] == 278.0
    # an edge held from before that this page's lines cross gives way to the gutter they leave
    assert TableScanner._gutters(starts, ends, body, held=[45.5, 116.8, 230.0])[2] == pytest.approx(247.5)


@pytest.mark.parametrize("accepted,rejected", [("Accepted", "Rejected"), ("accepted", "rejected")])


def test_in_rows_set_flush_a_decision_heading_the_response_cell_is_where_a_centred_refs_row_starts(
        accepted, rejected):
    # no rules and no space between rows: S2's row (150..222) starts where its decision heads the response cell,
    # flush under S1's last line; S2's ref, centred in it, reflects S1's top (90) onto 150. The first line after
    # blank space in S2's row (174, where the response goes on under the decision) is no row's top.
    ws = row(["Para", "Finding", None, "What we will do", "Led by", "Due by"], 60) + _lines([
        (90, None, "Leaders should act.", None, rejected),
        (102, None, "They should report.", None, None),
        (114, None, "Leaders should:", None, "This is not accepted."),
        (115, "S1", None, None, None),
        (126, None, "- review the data", None, "The regime is set."),
        (138, None, "- act on it", None, "It will stay so."),
        (150, None, "Cells should be", None, accepted),
        (162, None, "clean and checked.", None, None),
        (174, None, "And kept so.", None, "A panel will meet."),
        (181, "S2", None, None, None),
        (186, None, None, None, "It will report."),
        (198, None, None, None, "- Data will be shared."),
        (210, None, None, None, "- Staff will be told."),
        (222, None, "Staff should be trained.", None, accepted),
        (229, "S3", None, None, None),
        (234, None, "Every year.", None, None),
    ])
    rows = _rows_of(ws)
    assert _cells(rows, "ref") == ["S1", "S2", "S3"]
    assert _cells(rows, "text") == [
        "Leaders should act. They should report. Leaders should: - review the data - act on it",
        "Cells should be clean and checked. And kept so.", "Staff should be trained. Every year."]


def test_a_pages_last_row_whose_tops_all_reflect_far_from_its_foot_runs_on_and_its_ref_is_at_its_top():
    from actionplans.extract.tables import TableScanner
    # page 1: S1 centred down its row. Page 2 opens with the rest of S1's row, where an action begins after blank
    # space (84); then S2's row from 120 (its text after blank space, its response flush under S1's), run on to the
    # next page, its ref printed level with its first line. Reflected through S2, 84 misses the page's foot less
    # badly than 120 does, but both miss by lines: the row runs on over the page, and S2 is at its top.
    first = row(HEAD, 60) + _lines([
        (90, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should report", None, "It will report."),
        (113, "S1", None, None, None),
        (124, None, None, None, "Data will be shared."),
    ])
    second = _lines([
        (60, None, "and publish it.", None, "Staff will be told."),
        (72, None, "Leaders should:", None, None),
        (84, None, "- review it", None, "2. Data will be shared."),
        (96, None, None, None, "It will be logged."),
        (108, None, None, None, "The panel will close."),
        (120, "S2", "Cells should be clean.", "Agreed", "Checks will be made."),
        *((132 + 12 * k, None, None, None, f"Check {k} will be logged.") for k in range(8)),
    ])
    scanner = TableScanner()
    scanner.add_page(1, first, [], [])
    scanner.add_page(2, second, [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2"]
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act. They should report and publish it. Leaders should: - review it",
        "Cells should be clean."]


def test_with_no_refs_a_decision_centred_in_its_ruled_record_is_not_reflected_onto_the_section_row_above_the_rule():
    from actionplans.extract.tables import TableScanner
    # rules across the table bound each section row and each record; each decision is centred down its record.
    # Reflected through its decision, a record's top could land on the section name above the rule as well as on
    # its own first line: the rule says where the decision's cell begins, so the section row stays a section row
    cols = (100, 260, 330, 560, 660)                    # Finding | Outcome | What we will do | Led by | Due by
    ws = row(["Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, cols)
    records = [  # (section, top, decision, text lines, response lines)
        ("Care", 100, "Agreed", ["Cells should be clean.", "They should be checked."],
         ["A checklist will be used.", "Each week.", "By wing managers.", "And reviewed."]),
        ("Respect", 184, "Rejected", ["Leaders should investigate.", "The numbers are high."],
         ["The budget does not allow it.", "Checks continue.", "Each month."]),
    ]
    rules = [(74.0, 100.0, 800.0)]
    for section, top, decision, text, response in records:
        ws += row([section], top - 20, cols)
        n = max(len(text), len(response))
        rules += [(top - 6.0, 100.0, 800.0), (top + 12.0 * n + 2, 100.0, 800.0)]
        for k in range(n):
            ws += row([text[k] if k < len(text) else None, None, response[k] if k < len(response) else None,
                       "Governor" if k == 0 else None, "May 2024" if k == 0 else None], top + 12 * k, cols)
        ws += row([None, decision], top + 6 * n - 5, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in scan.rows] == [
        (section, " ".join(text)) for section, _, _, text, _ in records]
    assert [" ".join(w["text"] for w in r.words("decision")) for r in scan.rows] == ["Agreed", "Rejected"]



def test_a_shaded_section_rows_foot_drawn_a_little_into_the_next_lines_box_still_lies_above_that_line():
    from actionplans.extract.tables import TableScanner
    # the section row's shading ends 1.1 pt below the top of the record's first line (its box reaches up past the
    # glyphs): that line is still below the rule, and the centred ref's row starts there
    ws = row(HEAD, 60) + row(["Safety"], 78) + _lines([
        (90, None, "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should report.", None, "It will report."),
        (107, "R1", None, None, None),
        (114, None, "And publish it.", None, "Each month."),
    ])
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [(76.0, 38.0, 800.0), (91.1, 38.0, 800.0)])
    rows = scanner.finish().rows
    assert [(r.section, " ".join(w["text"] for w in r.words("ref")), " ".join(w["text"] for w in r.words("text")))
            for r in rows] == [("Safety", "R1", "Leaders should act. They should report. And publish it.")]


def test_a_scanned_page_under_a_repeated_header_finds_its_own_edges_and_holds_none_from_the_page_before():
    from actionplans.extract.tables import TableScanner
    # page 2 repeats the header where page 1 printed it, over three justified lines whose stretched spaces leave a
    # strip no line crosses (247.5). Read from a text layer, the edge page 1 found (278) stands; read through OCR,
    # the page sits at its own skew, so the edge is found on the page itself
    def w(text, a, b, top, page):
        return {"text": text, "x0": a, "x1": b, "top": top, "bottom": top + 8, "page": page}

    def head(page):
        return [w("Ref", 46, 54, 60, page), w("Recommendation", 117, 144, 60, page), w("Response", 278, 392, 60, page)]

    def spans(top, page, *sp):
        return [w("word", a, b, top, page) for a, b in sp]
    first = (head(1) + [w("1.1", 46, 58, 80, 1)] + spans(80, 1, (117, 200), (278, 380))
             + spans(89, 1, (117, 190), (278, 370)) + [w("1.2", 46, 58, 98, 1)]
             + spans(98, 1, (117, 205), (278, 385)) + spans(107, 1, (117, 180), (278, 375)))
    second = (head(2) + [w("1.3", 46, 58, 80, 2)]
              + spans(80, 2, (117, 139), (154, 161), (177, 212), (227, 240), (255, 267), (278, 290))
              + spans(89, 2, (117, 176), (196, 235), (255, 267), (278, 338)) + spans(98, 2, (117, 151), (278, 334)))
    edges = {}
    for scanned in (False, True):
        scanner = TableScanner()
        scanner.add_page(1, first, [], [])
        scanner.add_page(2, second, [], [], scanned=scanned)
        edges[scanned] = scanner.scan.page_columns[2].edges[2]
    assert edges[False] == 278 and edges[True] == pytest.approx(247.5)


def test_a_speck_read_as_a_mark_between_two_headings_of_a_repeated_header_does_not_join_them():
    """Read through OCR, a speck in the gutter between two headings of the header repeated atop a page reads as a
    mark ('—') within a word space of each (gen-8117-012): it joined 'Finding' and 'Outcome' into one heading, the
    repeat went unrecognised, and the header was read as a record holding the rest of the record carried over."""
    from actionplans.extract.tables import TableScanner
    head = row(["Para", "Finding of the inspectors", "Outcome", "What we will do", "Led by", "Due by"], 60)
    p1 = head + row(["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"], 90)
    p1 += row(["S2", "Staff should be", "Agreed", "Training will be given.", "Governor", "May 2025"], 114)
    # 'inspectors' ends at 241, 'Outcome' starts at 260: the speck lies within a word space of each
    speck = {"text": "—", "x0": 244.0, "x1": 255.0, "top": 60.0, "bottom": 70.0, "page": 0}
    p2 = [*head[:5], speck, *head[5:]]
    p2 += row([None, "trained.", None, "Staff will be briefed.", "Governor", "July 2025"], 90)
    p2 += row(["S3", "Cells should be clean.", "Agreed", "Cleaning will be checked.", "Governor", "May 2025"], 114)
    scanner = TableScanner()
    scanner.add_page(1, p1, [], [], scanned=True)
    scanner.add_page(2, p2, [], [], scanned=True)
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2", "S3"]
    assert " ".join(w["text"] for w in scan.rows[1].words("text")) == "Staff should be trained."


def test_a_ref_typed_at_its_texts_top_below_rows_carried_over_the_page_is_not_lifted_to_the_header_shading():
    from actionplans.extract.tables import TableScanner
    # no rules, one row per action; shading on the header and on section rows draws a rule above and below each.
    head = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60)
    p1 = head + row(["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"], 90)
    # atop page 2, S1's last actions (its text ended on page 1) run on under the header's shading; S2, a ref typed
    # level with the first line of its text, starts below them; a shaded section row closes the band
    p2 = head + row([None, None, None, "Data will be published.", "Head of Safety", "July 2024"], 90)
    p2 += row([None, None, None, "It will report.", "Governor", "May 2024"], 102)
    p2 += row(["S2", "Staff should be", "Agreed", "Training will be given.", "Governor", "May 2025"], 114)
    p2 += row([None, "trained.", None, None, None, None], 126)
    p2 += row(["Safety"], 146)
    p2 += row(["S3", "Cells should be clean.", "Agreed", "Cleaning will be checked.", "Governor", "May 2025"], 166)
    shading = [(56.0, 38.0, 800.0), (74.0, 38.0, 800.0), (142.0, 38.0, 800.0), (160.0, 38.0, 800.0)]
    scanner = TableScanner()
    scanner.add_page(1, p1, [], shading[:2])
    scanner.add_page(2, p2, [], shading)
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2", "S3"]
    assert [" ".join(w["text"] for w in r.words("response")) for r in scan.rows] == [
        "A panel will meet. Data will be published. It will report.", "Training will be given.",
        "Cleaning will be checked."]


def test_words_the_grouping_wove_together_from_two_lines_a_few_points_apart_are_mended_into_words():
    from actionplans.extract.reader import unweave

    def piece(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.0}
    # 'PARTIALLY' over 'AGREED', centred down a decision cell, chained with the response's lines beside it (tops
    # 599.0 .. 611.5, each within 3 pt of the next): read left to right, their letters alternate
    ws = [piece("P", 208.7, 214.7, 601.1), piece("A", 208.7, 214.7, 611.5), piece("A", 214.7, 220.7, 601.1),
          piece("G", 214.7, 221.7, 611.5), piece("R", 220.7, 227.2, 601.1), piece("R", 221.7, 228.2, 611.5),
          piece("TIALLY", 227.2, 257.2, 601.1), piece("EED", 228.2, 246.7, 611.5),
          piece("Th", 276.6, 287.1, 599.0), piece("to", 283.8, 291.3, 609.3), piece("e", 287.1, 292.1, 599.0),
          piece("t", 293.8, 296.3, 609.3), piece("n", 294.6, 299.6, 599.0), piece("he", 296.3, 306.3, 609.3),
          piece("umber", 299.6, 325.1, 599.0)]
    assert [w["text"] for w in unweave(ws)] == ["PARTIALLY", "AGREED", "The", "to", "the", "number"]
    # a space apart, words stay apart; and a line's words next to each other were cut on purpose
    assert [w["text"] for w in unweave([piece("e", 287.1, 292.1, 599.0), piece("x", 290.0, 292.0, 609.3),
                                        piece("n", 294.6, 299.6, 599.0)])] == ["e", "x", "n"]
    assert [w["text"] for w in unweave([piece("ab", 100.0, 110.0, 599.0), piece("cd", 110.0, 120.0, 599.0)])] == [
        "ab", "cd"]


def test_a_date_entry_on_a_page_read_through_ocr_is_mended_and_a_text_layers_is_left_as_typed():
    from actionplans.extract.pipeline import build_recommendation, recover
    from actionplans.schemas import Quality
    body = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Head of Safety", "End of Qi 2020/21"],
            ["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "3lst May 2021"]]
    rec = recover([plan_page(1, body)])

    def dates(ocr_pages):
        return [(a.target_date.text, str(a.target_date.due)) for c in rec.cells
                for a in build_recommendation(c, None, Quality(), rec.habits, ocr_pages).actions]
    assert dates(frozenset({1})) == [("End of Q1 2020/21", "2020-06-30"), ("31st May 2021", "2021-05-31")]
    assert dates(frozenset()) == [("End of Qi 2020/21", "2021-03-31"), ("3lst May 2021", "2021-05-31")]
    # each mend is said in its record's warnings, the entry as OCR read it beside what it is read as
    warned = [w for c in rec.cells
              for w in build_recommendation(c, None, Quality(), rec.habits, frozenset({1})).warnings]
    assert warned == ["date entry read through OCR mended: 'End of Qi 2020/21' read as 'End of Q1 2020/21'",
                      "date entry read through OCR mended: '3lst May 2021' read as '31st May 2021'"]


def test_a_date_entry_ocr_read_as_one_letter_is_a_speck_left_out_and_a_text_layers_is_kept():
    # gen-4157-035 scanned: grain under 'January 2024 (review of processes)' read as 'B', an entry of its own
    from actionplans.extract.pipeline import build_recommendation, recover
    from actionplans.schemas import Quality
    body = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Head of Safety", "June 2024"],
            [None, None, None, None, None, None],
            [None, None, None, "Staff will be trained.", None, "B"]]
    rec = recover([plan_page(1, body)])

    def dates(ocr_pages):
        return [[d for a in build_recommendation(c, None, Quality(), rec.habits, ocr_pages).actions
                 for d in [a.target_date and a.target_date.text]] for c in rec.cells]
    assert dates(frozenset({1})) == [["June 2024", None]]
    assert dates(frozenset()) == [["June 2024", "B"]]


def test_a_word_in_an_askew_ocr_lines_tall_box_keeps_the_body_size_and_its_owner_is_not_cut_in_two():
    """OCRmyPDF sizes each line's words to the line's box: a line run over three columns, askew, is half as tall
    again as its letters ('and in-cell  confirmed  National', 13.7 pt where the body's lines are 8.6). Its words'
    widths show the body's font, so `ocr.em_boxes` gives them the body's size from their baseline; given that box's
    own size, 'National' stood its top 6 pt high, a short step after 'Foreign' and a long one before 'Coordinator',
    and the owner read as two ('Foreign National' + 'Coordinator', gen-6733-000)."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def layer(text, x0, baseline, above):  # as OCRmyPDF's layer reads: sized to its line's box, at its baseline
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * 11.0,
                "top": baseline - (1 - s.layer_descent) * above, "bottom": baseline + s.layer_descent * above}
    body = [layer(t, 200 + 80 * (k % 4), 100 + 14 * (k // 4), 8.6)  # the body's lines, elsewhere on the page
            for k, t in enumerate(("monitored", "through", "quarterly", "meetings", "monthly", "reviews",
                                   "strategy", "progress"))]
    page = {"page": 1, "words": [*body, layer("Foreign", 475.6, 476.2, 8.6),
                                 layer("and", 324.0, 489.6, 13.7), layer("in-cell", 344.2, 489.6, 13.7),
                                 layer("confirmed", 412.2, 489.6, 13.7), layer("National", 475.6, 489.6, 13.7),
                                 layer("Coordinator", 475.6, 503.6, 8.6)]}
    ocr.repair([page], [1])
    owner = [w for w in page["words"] if w["x0"] > 470]
    assert len({round(w["bottom"] - w["top"], 2) for w in owner}) == 1  # one font size, the body's
    lines = to_lines(owner)
    assert [round(b.top - a.top, 1) for a, b in zip(lines, lines[1:])] == [13.4, 14.0]
    got = entries(lines, None, opens_owner, SINGLE, right=533.1, segment_opens=stacks_owner)
    assert [e.text for e in got] == ["Foreign National Coordinator"]


def test_a_larger_fonts_words_in_a_scan_keep_their_own_size_where_their_width_bears_it_out():
    """A heading set larger is wider as well as taller: it keeps its own size (`OcrSettings.own_width`)."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def layer(text, x0, baseline, above, scale=1.0):
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * 11.0 * scale,
                "top": baseline - (1 - s.layer_descent) * above, "bottom": baseline + s.layer_descent * above}
    page = {"page": 1, "words": [*(layer(t, 100 + 70 * k, 300, 8.6) for k, t in enumerate(
        ("Governor", "Head", "Safety", "weekly", "reviews"))), layer("Action", 100, 80, 14.0, 1.6),
        layer("Plan:", 160, 80, 14.0, 1.6)]}
    ocr.repair([page], [1])
    assert [round(w["bottom"] - w["top"], 2) for w in page["words"][-2:]] == [round(14.0 / s.ascender, 2)] * 2


def test_a_layer_word_beside_a_word_the_second_look_wrote_in_stands_on_its_baseline():
    """Tesseract ran an action's line over the owner's and date's cells, set higher beside it, and OCRmyPDF set their
    words on the action's baseline, half a line under their ink; a word the second look wrote in stands where its
    ink is, so a line's words stood half a line apart. gen-6733-036 (scanned): 'April' of 'April 2021' stood 6.6 pt
    under '2021' and the date was read as '2021' then 'April' (due 2021-12-31); 'Group' stood 4.7 pt under 'Prison'.
    gen-3709-028: 'Within' 3.6 pt under '3'. A layer word beside a written one, a space apart, takes its baseline, as
    does the layer word beside that (`ocr.on_baselines`); the action's words keep theirs. A word a line lower beside
    a written one, or beside a bullet written in, is left where it was, as is one on nearly its baseline (gen-3709-026:
    'the checks will' written in 0.8 pt under 'living conditions, following', a speck under their ink)."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def layer(text, x0, baseline, above):  # as OCRmyPDF's layer reads: sized to its line's box, at its baseline
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * 10.0,
                "top": baseline - (1 - s.layer_descent) * above, "bottom": baseline + s.layer_descent * above}

    def written(text, x0, baseline, ink):  # as `write_word` writes a word read again: one ink height, at its baseline
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * 10.0, "top": baseline - (1 - s.layer_descent) * ink,
                "bottom": baseline + s.layer_descent * ink}
    body = [layer(t, 60 + 80 * (k % 4), 100 + 12.6 * (k // 4), 7.2)  # the body's lines, elsewhere on the page
            for k, t in enumerate(("monitored", "through", "quarterly", "meetings", "monthly", "reviews",
                                   "strategy", "progress"))]
    owner = [written("Prison", 488.4, 622.1, 7.2), layer("Group", 518.4, 626.8, 11.9), layer("Director", 549.0,
             626.8, 11.9), written("Operations", 488.4, 634.7, 7.2), layer("complex", 277.2, 626.8, 11.9)]
    date = [layer("Within", 430.8, 703.0, 10.8), written("3", 459.6, 699.4, 7.2)]
    settled = [layer("following", 300.0, 725.4, 11.5), written("checks", 341.4, 726.2, 7.2)]  # grain's 0.8 pt
    bullet = [written("\u2022", 60.0, 300.0, 2.6), layer("publish", 64.0, 302.2, 7.2),
              written("Head", 88.0, 313.0, 7.2)]
    page = {"page": 1, "words": [*body, *owner, *date, *bullet, *settled]}
    looked = [{k: w[k] for k in ("text", "x0", "x1", "top", "bottom")}
              for w in (owner[0], owner[3], date[1], bullet[0], bullet[2], settled[1])]
    old = {"page": 1, "words": [dict(w) for w in page["words"]]}
    ocr.repair([page], [1], looked={1: looked})
    got = {w["text"]: w for w in page["words"][8:]}

    def baseline(w):
        return w["bottom"] - s.descent * (w["bottom"] - w["top"])
    assert [baseline(got[t]) for t in ("Group", "Director")] == pytest.approx([622.1] * 2)  # on 'Prison's
    assert baseline(got["complex"]) == pytest.approx(626.8)  # the action's word keeps the action's line
    assert baseline(got["Within"]) == pytest.approx(699.4)  # 'Within 3'
    assert baseline(got["publish"]) == pytest.approx(302.2)  # a bullet sets no baseline; 'Head' is a line lower
    assert baseline(got["following"]) == pytest.approx(725.4)  # under `settled` off: one line's as set
    ocr.repair([old], [1])  # without the words written in: a line's words half a line apart
    was = {w["text"]: w for w in old["words"][8:]}
    assert baseline(was["Group"]) - baseline(was["Prison"]) == pytest.approx(4.7)
    assert baseline(was["Within"]) - baseline(was["3"]) == pytest.approx(3.6)


def test_a_speck_ocr_read_beside_an_owner_line_is_no_line_pitch():
    """A speck in the owner column read as ':' 5 pt above 'Foreign National Coordinator &' (8 pt lines, 10.5 pt
    apart): measured from it the cell's pitch was 5.4 pt, the wrap to 'Operational Support Lead' read as blank
    space and the owner was cut after its joiner ('foreign national coordinator &', gen-6733-004). A step under
    `Settings.least_step` of a line's height is no pitch."""
    ws = [{"text": ":", "x0": 757.1, "x1": 759.0, "top": 201.7, "bottom": 209.8}]
    at = 207.1
    for line in ("Foreign National Coordinator &", "Operational Support Lead"):
        x = 674.6
        for t in line.split():
            ws.append({"text": t, "x0": x, "x1": x + 4.2 * len(t), "top": at, "bottom": at + 8.1})
            x += 4.2 * len(t) + 2.4
        at += 10.5
    lines = to_lines(ws)
    got = entries(lines, None, opens_owner, SINGLE, right=784.6, segment_opens=stacks_owner)
    assert len(got) == 1 and got[0].text.endswith("Coordinator & Operational Support Lead")


def test_a_justified_headings_number_standing_apart_from_its_words_opens_that_heading():
    """gen-4157-023 (scanned): a justified header spreads '4.      Response      Action' over 'Taken/Planned'. Its
    shading, which boxed the header's lines in the text layer, is lost in the scan, so each depth of the header is
    tried: the first line alone splits '4.' from 'Response' (a strip the bulleted body's hanging lines leave
    uncrossed) and so counts more cells than the lines under it, which join them. A header numbering its headings
    opens each with its number: '4.' alone opens the next cell's heading, and the whole header names all six
    columns (not 'col3' for '4.' over the bullets, which cut every response in two)."""
    from actionplans.extract.pipeline import recover

    def w(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9}
    ws = [w("1.", 46, 55, 87), w("2.", 81, 90, 87), w("Recommendation", 93, 183, 87), w("3.", 203, 214, 87),
          w("4.", 267, 277, 87), w("Response", 305, 354, 87), w("Action", 381, 416, 87), w("5.", 427, 435, 87),
          w("Target", 438, 472, 87), w("6.", 484, 493, 87),
          w("Rec", 46, 65, 102), w("Accepted/", 203, 254, 102), w("Taken/Planned", 267, 345, 102),
          w("Date", 426, 449, 102), w("Responsi", 484, 530, 102),
          w("No", 46, 60, 115), w("Rejected", 203, 248, 115), w("ble", 484, 498, 115), w("Owner", 484, 518, 129)]
    top = 150
    for ref in ("5.01", "5.02", "5.03"):
        ws += [w(ref, 46, 66, top), w("Leaders", 81, 120, top), w("should", 126, 158, top), w("act.", 164, 185, top),
               w("Accepted", 203, 248, top), w("-", 268, 271, top), w("Checks", 280, 315, top),
               w("will", 320, 338, top), w("be", 343, 354, top), w("made", 359, 385, top), w("31", 427, 437, top),
               w("May", 441, 460, top), w("Governor", 484, 525, top)]
        for k in (1, 2):  # the item's lines hang at its text, right of the dash
            ws += [w("every", 280, 305, top + 14 * k), w("week", 310, 330, top + 14 * k),
                   w("self-assessed", 335, 405, top + 14 * k)]
        top += 56
    rec = recover([{"page": 1, "width": 595.0, "height": 842.0, "words": ws, "tables": [], "rules": []}])
    assert rec.scan.columns.fields == ["ref", "text", "decision", "response", "date", "owner"]
    responses = [" ".join(x["text"] for x in r.words("response")) for r in rec.scan.rows]
    assert responses == ["- Checks will be made every week self-assessed every week self-assessed"] * 3


def test_grain_ocr_read_as_a_short_word_over_a_scanned_refs_label_is_no_part_of_the_ref():
    """gen-4157-005 (scanned): grain just over 'Priority' / 'concern' / '2' read as a word ('ie'), on a line of its
    own in the ref cell: the cell read 'ie Priority concern 2', no ref, and the row was dropped. Read through OCR,
    such a word (`speck_letters`) above or below a ref that reads whole without it goes; from a text layer, where no
    grain is read, the cell is left as it is."""
    from actionplans.extract.pipeline import recover
    x0s = (40, 170, 320, 390, 600, 700)
    lines = [("Priority concern 1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"),
             ("ie", None, None, None, None, None),
             ("Priority", "Staff should be", "Agreed", "Training will be given.", "Governor", "May 2024"),
             ("concern", "trained.", None, None, None, None), ("2", None, None, None, None, None),
             ("Priority", "Cells should be", "Agreed", "Repairs will be made.", "Governor", "July 2024"),
             ("concern", "clean.", None, None, None, None), ("3", None, None, None, None, None)]
    edges = (35.0, 165.0, 315.0, 385.0, 595.0, 695.0, 800.0)
    bands = ((55.0, 78.0), (78.0, 101.5), (101.5, 149.5), (149.5, 190.0))
    grid = [[(a, t, b, u) for a, b in zip(edges, edges[1:])] for t, u in bands]  # a ruled table's cells
    tables = [((edges[0], bands[0][0], edges[-1], bands[-1][1]), grid)]
    got = {}
    for scanned in (False, True):
        ws = row(["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, x0s)
        for k, cells in enumerate(lines):
            ws += row(cells, 90 + 12 * k, x0s)
        for w in ws:
            if w["text"] == "ie":
                w["x0"], w["x1"] = 50, 58
        rec = recover([{"page": 1, "width": 842.0, "height": 842.0, "words": ws, "tables": tables, "rules": [],
                        "scanned": scanned}])
        got[scanned] = [" ".join(w["text"] for w in r.words("ref")) for r in rec.scan.rows]
    assert got[True] == ["Priority concern 1", "Priority concern 2", "Priority concern 3"]
    assert got[False] == ["Priority concern 1", "Priority concern 3"]


def test_in_rows_spaced_apart_a_centred_ref_level_with_its_records_first_action_reflects_from_the_records_top():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 100, 330, 560, 660)
    ws = row(["Para", "Finding", "What we will do", "Led by", "Due by"], 60, x0s)
    # one row per action, unruled, a blank line parting every row in every column; the ref's cell merged down the
    # record's rows and centred in it. The record's top (text, and the response's decision) is at 90; its first
    # action's row begins at 146, where its text's list and its response's items begin, level with the ref; its
    # second at 192. Its ink ends at 214, and the next record's top is a blank line below, at 234.
    lines = [(90, [None, "Leaders should act on the", "AGREED"]),
             (102, [None, "findings of the review."]),
             (114, [None, "Leaders should:", "To do so, the following"]),
             (126, [None, None, "will be done:"]),
             (146, [None, "- publish the data", "- A panel will meet.", "Governor", "May 2024"]),
             (162, [None, "- consult prisoners", "It will report."]),   # a line's blank space inside the row
             (192, [None, None, "- Staff will be told.", "Governor", "June 2024"]),
             (204, [None, None, "And trained."]),
             (234, [None, "Cells should be clean.", "AGREED"]),
             (246, [None, "And checked."]),
             (258, [None, None, "- Checks will be made.", "Governor", "May 2024"])]
    for top, cells in lines:
        ws += row(cells, top, x0s)
    ws += row(["S1"], 147, x0s) + row(["S2"], 246, x0s)  # each centred: (90 + 214) / 2 and (234 + 268) / 2
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert scanner.refs_centred
    # the first action's top reflects onto a blank line inside its row (154 against 162); the record's top onto
    # where its ink ends (214), a blank line short of the next record's top
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2"]
    assert " ".join(w["text"] for w in scan.rows[0].words("text")) == (
        "Leaders should act on the findings of the review. Leaders should: - publish the data - consult prisoners")
    assert " ".join(w["text"] for w in scan.rows[0].words("response")).startswith("AGREED To do so")
    assert " ".join(w["text"] for w in scan.rows[1].words("text")) == "Cells should be clean. And checked."


def test_a_ruled_header_repeated_overleaf_is_known_though_ocr_read_a_headings_point_as_a_comma():
    """gen-4157-003 (scanned): the header '1. Ref | 2. Finding | ... | 6. Due by' repeats atop every page; OCR read
    page 3's first '1.' as '1,'. The row is still the header's repeat (the same letters and digits in every cell),
    not a record opened by a ref OCR could not read."""
    from actionplans.extract.tables import TableScanner

    def cell(text, x0, top):
        out = []
        for k, t in enumerate(text.split()):
            out.append({"text": t, "x0": x0 + 30 * k, "x1": x0 + 30 * k + 6 * len(t), "top": top, "bottom": top + 9})
        return out
    first = ["1. Ref", "2. Finding", "3. Status", "4. What we will do", "5. Action owner", "6. Due by"]
    heads = [t.split() for t in first]
    xs = [46, 77, 160, 242, 400, 480]
    again = [cell(t, x, 63) for t, x in zip(["1, Ref", *first[1:]], xs)]
    body = [cell(t, x, 100) for t, x in zip(["1.3", "Leaders should act.", "Agreed", "A panel will meet.",
                                              "Governor", "June 2024"], xs)]
    found = TableScanner._header([again, body], known=True, heads=heads)
    assert found is not None and found[1] == 1  # the body begins on the row after it
    # a row whose words differ is no repeat of the header
    other = [cell(t, x, 63) for t, x in zip(["1, Ref", "2. Findings", *first[2:]], xs)]
    assert TableScanner._header([other, body], known=True, heads=heads) is None


def test_with_no_refs_a_long_heading_alone_above_a_decision_is_a_section_where_blank_space_parts_it_from_a_sentence():
    # no refs: a record opens at its decision, typed atop its response cell level with its text. A section name of
    # nine words (over the plain limit) fits the wide text column; on the page before, the record's text ended a
    # sentence, and this page opens with the rest of its response, blank space and then the name.
    from actionplans.extract.tables import TableScanner
    name = "Time out of cell and time out of cell"
    wide = (40, 420, 600, 700)  # text, response (its decision atop it), owner, date

    def sections(last_line):
        scanner = TableScanner()
        p1 = row(["Recommendation", "Response", "Owner", "Target date"], 60, wide)
        p1 += row(["Staff should be trained and", "agreed"], 90, wide)
        p1 += row([last_line, "A panel will meet.", "Governor", "June 2024"], 102, wide)
        scanner.add_page(1, p1, [], [])
        p2 = row([None, "It will report monthly.", "Head of Safety", "July 2024"], 60, wide)
        p2 += row([name], 84, wide)  # a blank line above it
        p2 += row(["Cells should hold one.", "partially agreed"], 96, wide)
        p2 += row([None, "Training will be given.", "Governor", "May 2024"], 108, wide)
        scanner.add_page(2, [dict(w, page=2) for w in p2], [], [])
        rows = scanner.finish().rows
        return [r.section for r in rows], [" ".join(w["text"] for w in r.words("text")) for r in rows]
    assert sections("leaders should act.") == ([None, name], [
        "Staff should be trained and leaders should act.", "Cells should hold one."])
    assert sections("leaders should act on")[0] == [None, None]  # the text above unfinished: it may go on


def test_specks_ocr_read_as_words_between_or_on_a_cells_lines_measure_no_pitch():
    """gen-4157-001 (scanned): 9 pt response lines 11.9 pt apart, paragraphs 20 pt apart. A speck OCR read as 'a'
    stood 6.8 pt under a wrapped line and 5.4 pt over the next, a line of its own; specks read as 'Eee ; a' joined
    'findings will be shared ...', raising that line's top 4.7 pt (its box 13.2 pt tall). Measured from them the
    cell's pitch was 6.8 pt, every wrap read as blank space and each action's lines parted into paragraphs the
    owners and dates were paired to one by one. The speck between two lines nearer than a line to both, and the
    line taller than `Settings.line_tall` of the usual, measure no step: the pitch is the wraps' 11.9 pt."""
    def line(text, top, x0=272.5, h=8.5):
        out, x = [], x0
        for t in text.split():
            out.append({"text": t, "x0": x, "x1": x + 4.6 * len(t), "top": top, "bottom": top + h, "page": 1})
            x += 4.6 * len(t) + 2.5
        return out
    ws = [*line("Resettlement needs will be assessed within 12 weeks of release and", 394.7, 258.1),
          {"text": "a", "x0": 434.9, "x1": 437.9, "top": 401.5, "bottom": 410.0, "page": 1},
          *line("referrals made to the relevant pathway providers.", 406.9),
          *line("The Safer Custody team will quality assure a sample of ACCT", 427.1, 258.1),
          *line("documents each week and give feedback to case managers. The", 439.7),
          *line("Eee", 446.9), *line("findings will be shared with prisoner representatives at the next", 451.6),
          *line("consultation forum, and their views will inform any changes to local", 463.4),
          *line("Prisoners will be consulted through the prisoner council and the", 495.5, 258.1),
          *line("equality forums, and the outcome fed back on each wing.", 507.4)]
    got = paragraphs(to_lines(ws), SINGLE, right=527.1)
    assert [p.text.split()[0] for p in got] == ["Resettlement", "The", "Prisoners"]


def test_a_speck_ocr_read_as_a_mark_in_the_gutter_before_an_owner_line_cuts_no_owner():
    """gen-4157-016 (scanned): owners stacked in a 48 pt column, 'Orderly' / 'Scheme' / 'Manager', ... each line at
    x 596.5. Grain in the gutter was read as '.' before 'Manager' and '—' before 'Officer', at x 589: measured alone
    the mark fitted on the line above, a hard break that cut 'Orderly Scheme' from '. Manager' and 'Veterans Support'
    from '— Officer'. A mark left of where the cell's unmarked lines start, its next word starting there and no
    other line opening with the same mark beside it, is a speck (`cells.without_specks`), not the line's first
    word; a mark where the lines start, or bullets in a column of their own, stay."""
    from actionplans.extract.cells import without_specks
    ws, top = [], 310.9
    for row in ("Orderly", "Scheme", ". Manager", "Neurodiversi", "ty Support", "Manager", "Veterans", "Support",
                "— Officer"):
        x = 596.5
        for t in row.split():
            x0 = 589.0 if t in ".—" else x
            ws.append({"text": t, "x0": x0, "x1": x0 + (4.8 if t in ".—" else 4.4 * len(t)), "top": top,
                       "bottom": top + 9.0, "page": 1})
            x = ws[-1]["x1"] + 2.3 if t not in ".—" else 596.5
        top += 11.9
    lines = without_specks(to_lines(ws))
    got = entries(lines, None, opens_owner, SINGLE, right=644.8, segment_opens=stacks_owner)
    assert [s for e in got for s in e.segments] == [
        "Orderly Scheme Manager", "Neurodiversity Support Manager", "Veterans Support Officer"]
    # typed marks stay: a dash where the lines start, and bullets standing one under another
    typed = to_lines([{**w, "x0": w["x0"] + 7.5 if w["text"] in ".—" else w["x0"],
                       "x1": w["x1"] + 7.5 if w["text"] in ".—" else w["x1"]} for w in ws])
    assert [ln.text for ln in without_specks(typed)] == [ln.text for ln in typed]
    bullets = to_lines([{**w, "text": "—" if w["text"] == "." else w["text"]} for w in ws])
    assert [ln.text for ln in without_specks(bullets)] == [ln.text for ln in bullets]


def test_a_ref_atop_its_chain_level_with_its_rows_top_its_text_running_on_below_it_shows_refs_typed_at_the_top():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 110, 300, 380, 620, 740)
    # one row per action, set flush, no rules: Priority concern 1 opens the table below a section row, level with
    # where its text and response begin, and its text runs on below the ref's last line (a ref centred down its
    # cell would end at its row's foot). A wrapped date leaves a blank line in the text and response columns, below
    # which the record's second action begins beside its text's list: a line where text and response begin after
    # space, above the next ref (level with nothing that begins after space, rows being flush). That is no row's top.
    lines = [(78, ["Foreign nationals"]),
             (90, ["Priority", "Leaders should make sure", "Accepted", "To address this, we will:"]),
             (102, ["concern 1", "that work is fair and that", None, None, "Head of Healthcare", "June -"]),
             (114, [None, "black prisoners have access.", None, None, None, "October"]),
             (126, [None, None, None, None, None, "2019"]),
             (138, [None, "• act on any disparity", None, "• Data will be monitored"]),
             (150, [None, "• review the data", None, "by characteristic."]),
             (162, ["Priority", "Leaders should investigate", "Accepted", "Actions to be completed:"]),
             (174, ["concern 2", "adjudications.", None, "• A check will be made.", "Head of Operations",
                    "August 2018"])]
    ws = row(HEAD, 60, x0s)
    for top, cells in lines:
        ws += row(cells, top, x0s)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    rows = [r for r in scanner.finish().rows if r.words("ref")]
    assert not scanner.refs_centred
    assert _cells(rows, "ref") == ["Priority concern 1", "Priority concern 2"]
    assert _cells(rows, "text")[0].endswith("have access. • act on any disparity • review the data")
    assert _cells(rows, "response")[1] == "Actions to be completed: • A check will be made."


def test_a_line_ending_a_little_past_the_edge_found_on_another_page_short_of_the_next_columns_text_is_no_section():
    from actionplans.extract.tables import TableScanner
    x0s = (40, 93, 333, 620, 740)
    head = row(["Para", "Recommendation", "What we will do", "Led by", "Due by"], 60, (40, 150, 420, 620, 740))
    # page 1 (the header's, headings centred over their columns): the text column's lines end by 264, its
    # response's begin at 333: the gutter's middle (298.5) is the edge. Page 2 prints no header, and a line of the
    # text ends a hair past that edge (300: ragged lines end further right on some pages), well short of where the
    # response column's text begins: it is the cell's, no section row run on past the text column
    one = head + row(["1.1", "Cells should be clean and safe.", "Accepted", "Governor", "May 2024"], 90, x0s) + row(
        [None, "They should be checked.", "Checks will be made.", None, None], 102, x0s)
    two = row(["1.2", "Leaders should make sure that", "Accepted"], 60, x0s) + row(
        [None, "force is only used as the final resort", None], 72, x0s) + row(
        [None, "and reviewed.", "Reviews will be held.", "Governor", "June 2024"], 84, x0s)
    scanner = TableScanner()
    scanner.add_page(1, one, [], [])
    scanner.add_page(2, two, [], [])
    rows = [r for r in scanner.finish().rows if r.words("ref")]
    assert _cells(rows, "ref") == ["1.1", "1.2"]
    assert _cells(rows, "text")[1] == (
        "Leaders should make sure that force is only used as the final resort and reviewed.")


def test_an_entry_typed_low_atop_a_page_marks_no_action_on_a_line_hanging_under_a_lettered_items_text():
    # gen-1597-074: lettered actions, entries one line low; item d) opens on the page's second-last line, its next
    # line hanging under its text ('Assurance will be ...', no mark), and its owner sits atop the next page, level with
    # its third line. Counted back one line over the break, the owner's place is the hanging line: that runs the item
    # on (a new action would bring its own mark), so it starts no action
    from actionplans.extract.cells import Line, split_at_cues

    def cell(mark):  # the item's lines
        return to_lines(words(f"{mark} Prisoner representatives will take part in walkarounds.", page=1, top=480,
                              x0=273)
                        + words("Assurance will be provided through the quarterly", page=1, top=491.5, x0=286)
                        + words("performance review in the group.", page=2, top=60, x0=286))
    owner = to_lines(words("Imran Khan", page=2, top=60, x0=630))
    (para,) = paragraphs(cell("d)"))
    assert len(split_at_cues([para], owner, drop=11.5, reach=1)) == 1  # the habit known: an entry one line low
    # unmarked, the line one back is the paragraph's second line, where an unmarked action may start
    (plain,) = paragraphs(to_lines(
        words("Prisoner representatives will take part in walkarounds.", page=1, top=480, x0=286)
        + words("Assurance will be provided through the quarterly", page=1, top=491.5, x0=286)
        + words("performance review in the group.", page=2, top=60, x0=286)))
    assert [p.text[:9] for p in split_at_cues([plain], owner, drop=11.5, reach=1)] == ["Prisoner ", "Assurance"]
    # read through OCR (its words carry bearings), a line level with the item's text may be the next item's, its
    # mark lost to the scan: no item is run on for its place
    (scanned,) = paragraphs([Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=1.0) for w in ln.words])
                             for ln in cell("d)")])
    assert [p.text[:9] for p in split_at_cues([scanned], owner, drop=11.5, reach=1)] == ["Prisoner ", "Assurance"]


def test_a_list_items_number_ocr_read_with_a_comma_for_its_point_opens_the_item_where_the_list_counts_up_to_it():
    """gen-6029-005 (scanned): item '4. The Safer Custody team ...' atop a page, read '4, The ...': no item opened
    there, and it ran on from item 3 above the page break, its owner and date taken by item 3 (one date lost). A line
    read through OCR opened by a number and a comma, a capital after it, where the cell's list numbered its last item
    with the number before and set it where this one stands, opens the next item (`cells._comma_numbered`); on a text
    layer, or out of the list's count, it stays prose."""
    def cell(number, ocr=True):
        ws = (words("3. Multidisciplinary case reviews will be", page=1, top=742, x0=224)
              + words("held for all prisoners with complex needs.", page=1, top=752.5, x0=237)
              + words(f"{number} The Safer Custody team will quality", page=2, top=64, x0=224)
              + words("assure a sample of ACCT documents.", page=2, top=74.5, x0=237))
        return to_lines([dict(w, bearings=1.0) for w in ws] if ocr else ws)
    assert [p.text[:6] for p in paragraphs(cell("4,"))] == ["3. Mul", "4, The"]
    assert len(paragraphs(cell("4,", ocr=False))) == 1  # a text layer prints what it means
    assert len(paragraphs(cell("5,"))) == 1  # not the list's next number


def test_an_ocr_word_box_hugging_its_ink_is_measured_at_its_typeset_width_when_asked_if_it_would_have_fitted():
    """OCR's box of a word hugs its ink, short of its letters' advances on both sides: 'Khan' typeset 23.3 pt wide is
    read 21.5 pt. The line above it ('Beth') ends in ink and the column's right edge is ink too, so they are short
    alike, but the word's own width is short twice; measured as read, 'Khan' would have fitted after 'Beth' with 0.03
    pt to spare and the owner read as two, 'Beth' and 'Khan - Head of Residence'. `ocr.em_boxes` keeps the bearings
    it lacks and the fit is measured with them: Word wrapped 'Beth Khan'."""
    from actionplans.extract.ocr import OcrSettings, em_boxes
    layer = [  # OCRmyPDF's layer as read (gen-6733-014, page 5), each line's box its glyphs' height
        {"text": "Beth", "x0": 470.88, "x1": 489.77, "top": 347.45, "bottom": 354.65, "page": 5},
        {"text": "Khan", "x0": 470.88, "x1": 492.38, "top": 360.48, "bottom": 368.04, "page": 5},
        {"text": "—", "x0": 496.08, "x1": 502.23, "top": 360.48, "bottom": 368.04, "page": 5},
        {"text": "Head", "x0": 470.88, "x1": 493.53, "top": 373.73, "bottom": 380.93, "page": 5},
        {"text": "of", "x0": 497.16, "x1": 505.05, "top": 373.73, "bottom": 380.93, "page": 5},
        {"text": "Residence", "x0": 470.88, "x1": 510.99, "top": 386.69, "bottom": 393.89, "page": 5},
    ]
    right = 515.94  # the owner column's right edge over the plan, its longest lines' ink
    plain = to_lines([dict(w) for w in layer])
    assert [e.cuts for e in entries(plain, opens=opens_owner, right=right, segment_opens=stacks_owner)] == [[1]]
    em_boxes(layer, 10.56, OcrSettings())
    lines = to_lines(layer)
    assert not hard_break(lines[0], lines[1], right=right)
    (entry,) = entries(lines, opens=opens_owner, right=right, segment_opens=stacks_owner)
    assert entry.text == "Beth Khan — Head of Residence" and entry.cuts == []


def test_a_full_stop_a_space_after_a_date_lines_last_word_is_a_speck_not_the_end_of_the_entry():
    """gen-6733-036 (scanned): grain in the gutter after 'November' read as a full stop a space off it ('November' ends
    at 472.5, '.' starts at 477.4): no typist sets a stop a space off its word, and read as the entry's end it parted
    'November' from its year on the line below. Left out (`cells.without_specks`); one typed on its word stays."""
    from actionplans.extract.cells import without_specks
    ws = [{"text": "November", "x0": 430.92, "x1": 472.53, "top": 738.02, "bottom": 748.02, "page": 5},
          {"text": ".", "x0": 477.36, "x1": 481.06, "top": 738.02, "bottom": 748.02, "page": 5},
          {"text": "2021", "x0": 430.92, "x1": 449.93, "top": 750.62, "bottom": 760.62, "page": 5}]
    lines = without_specks(to_lines(ws))
    assert [ln.text for ln in lines] == ["November", "2021"] and lines[0].x1 == 472.53
    assert [e.text for e in entries(lines, opens=opens_date, right=472.6, split_segments=True,
                                    segment_opens=opens_date)] == ["November 2021"]
    typed = [dict(ws[0], text="November."), ws[2]]
    assert [ln.text for ln in without_specks(to_lines(typed))] == ["November.", "2021"]


def test_a_ranges_dash_ocr_lost_on_a_line_of_its_own_is_put_back_in_its_empty_slot():
    """gen-6733-027 (scanned): 'September – December 2018' in a date column too narrow for 'September –' wraps its
    dash onto a line of its own; Tesseract read no word of the lone dash, so the cell read 'September', a line's slot
    empty, 'December' / '2018': two dates, the first yearless, for two actions. On lines read through OCR, a month's
    name alone, a later month opening the line two pitches below and a year ending it, the dash goes back into the
    slot (`cells.lost_range_dash`) and the entry reads as the range; a text layer's cell, or two dates with a year
    each, are left as read."""
    from actionplans.extract.cells import lost_range_dash
    ocr = [dict(w, bearings=0.9) for w in words("September", None, "December", "2018", None, "November", None,
                                                "December", "2018", x0=491.8, pitch=12.2)]
    lines = lost_range_dash(to_lines(ocr))
    assert [ln.text for ln in lines] == ["September", "\u2013", "December", "2018", "November", "\u2013", "December",
                                         "2018"]
    assert [e.text for e in entries(lines, opens=opens_date, split_segments=True, segment_opens=opens_date)] == [
        "September \u2013 December 2018", "November \u2013 December 2018"]
    typed = to_lines(words("September", None, "December", "2018", x0=491.8, pitch=12.2))
    assert [ln.text for ln in lost_range_dash(typed)] == ["September", "December", "2018"]
    dated = to_lines([dict(w, bearings=0.9) for w in words("September 2018", None, "December 2018", pitch=12.2)])
    assert [ln.text for ln in lost_range_dash(dated)] == ["September 2018", "December 2018"]
    earlier = to_lines([dict(w, bearings=0.9) for w in words("December", None, "September 2018", pitch=12.2)])
    assert [ln.text for ln in lost_range_dash(earlier)] == ["December", "September 2018"]


def test_a_character_ocr_read_within_another_words_span_on_its_line_is_grain_left_out_of_the_owner():
    """gen-6733-039 (scanned): grain between 'Manager' (top 234.3) and '(Practice Plus' (247.3) read as ';' at x
    387.0-389.0, top 241.2, and joined to the lower line inside the span of '(Practice' (360.4-398.6): the owner read
    'Education Manager (Practice ; Plus Group)'. A line's words never overlap, so a character read through OCR within
    another word's span is left out (`cells.without_specks`); in a text layer's cell, or standing clear of the words,
    it stays."""
    from actionplans.extract.cells import without_specks
    ws = [{"text": "Education", "x0": 360.4, "x1": 405.1, "top": 221.7, "bottom": 232.7, "page": 2},
          {"text": "Manager", "x0": 360.4, "x1": 399.7, "top": 234.3, "bottom": 245.3, "page": 2},
          {"text": ";", "x0": 387.0, "x1": 389.0, "top": 241.2, "bottom": 252.1, "page": 2},
          {"text": "(Practice", "x0": 360.4, "x1": 398.6, "top": 247.3, "bottom": 258.3, "page": 2},
          {"text": "Plus", "x0": 402.1, "x1": 420.3, "top": 247.3, "bottom": 258.3, "page": 2},
          {"text": "Group)", "x0": 360.4, "x1": 391.4, "top": 259.9, "bottom": 270.9, "page": 2}]
    ocr = [dict(w, bearings=0.9) for w in ws]
    lines = without_specks(to_lines(ocr))
    assert [ln.text for ln in lines] == ["Education", "Manager", "(Practice Plus", "Group)"]
    assert lines[2].top == 247.3
    assert [ln.text for ln in without_specks(to_lines(ws))] == [ln.text for ln in to_lines(ws)]
    clear = [dict(w, x0=w["x0"] + 40, x1=w["x1"] + 40) if w["text"] == ";" else w for w in ocr]
    assert [ln.text for ln in without_specks(to_lines(clear))] == [ln.text for ln in to_lines(clear)]
    # a capital set above the rest of its word, over the line above's first word, begins that word: kept
    # (gen-6733-034: 'G' at 569.5-576.9 within 'Beth' 569.5-592.0, 'overnor' starting at 576.0 below it)
    gov = [{"text": "Beth", "x0": 569.5, "x1": 592.0, "top": 160.5, "bottom": 172.4, "page": 2, "bearings": 0.9},
           {"text": "G", "x0": 569.5, "x1": 576.9, "top": 167.3, "bottom": 179.3, "page": 2, "bearings": 0.9},
           {"text": "overnor", "x0": 576.0, "x1": 612.8, "top": 173.8, "bottom": 185.7, "page": 2, "bearings": 0.9}]
    assert "G" in " ".join(ln.text for ln in without_specks(to_lines(gov)))


def test_a_lone_colon_ocr_read_below_a_line_is_shed_and_a_typed_one_kept():
    """Grain under 'plan.' read as ':' hung 7 pt below its line (gen-6733-034): kept, the list item ended in a colon
    and read as a lead-in, which does not act, and the row's dates went one paragraph up. A mark that shares a line
    with no word near it is shed (`ocr.shed_stray_marks`); one OCR parted from the word it ends, on its line, and
    one far from a word on its height (another column's) is judged on its own line."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def w(text, x0, x1, top, bottom):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}
    words = [w("plan.", 293.0, 316.4, 284.5, 293.3), w(":", 315.3, 317.2, 291.5, 301.2),
             w("Manager", 570.0, 614.0, 291.5, 301.2), w("taken", 280.0, 310.0, 320.0, 329.0),
             w(":", 310.5, 312.5, 321.0, 329.0)]
    kept = ocr.shed_stray_marks(words, s)
    assert [x["text"] for x in kept] == ["plan.", "Manager", "taken", ":"]


def test_ocr_spaces_a_letter_off_are_moved_where_that_makes_every_word_english():
    """Tesseract parts a line's words a letter or two from the page's spaces ('theirv iewsw ill', 'SaferC ustody',
    gen-6733-034; 'OrderlyS chemeM anager', gen-6733-030, whose owner missed). `ocr.respace` moves them where every
    word of the run is then English; a name it cannot make English ('Rhian Evans') stays, and no space moves a
    capital into a word ('Sam Evans' is not 'SamE vans', though 'same' and 'vans' are words), nor off a letter alone
    (a bullet, an initial: 'e learning' is not 'el earning')."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def line(text, top=100.0):
        out, x = [], 100.0
        for t in text.split():
            out.append({"text": t, "x0": x, "x1": x + 5.0 * len(t), "top": top, "bottom": top + 10.0})
            x += 5.0 * len(t) + 3.0
        return out

    def read(text):
        return " ".join(x["text"] for x in ocr.respace(line(text), s))
    assert read("and theirv iewsw ill inform") == "and their views will inform"
    assert read("Smith- SaferC ustody Manager") == "Smith- Safer Custody Manager"
    assert read("OrderlyS chemeM anager") == "Orderly Scheme Manager"
    assert read("Rhian Evans - Equalities Lead") == "Rhian Evans - Equalities Lead"
    assert read("Sam Evans") == "Sam Evans"
    assert read("e learning modules") == "e learning modules"  # not 'el earning': a letter alone stays
    got = ocr.respace(line("theirv iewsw"), s)  # no reading makes both words: left as read
    assert [x["text"] for x in got] == ["theirv", "iewsw"]
    moved = ocr.respace(line("SaferC ustody"), s)  # the letter moved takes its share of the box it left
    assert moved[0]["x1"] == 125.0 and moved[1]["x0"] == 128.0


def test_ocr_misreadings_of_a_dash_with_a_tilde_and_of_u_as_ii_are_put_back():
    """gen-6733-030: 'Rhian Evans -~ Equalities Lead' (the dash read with a tilde) and 'Eqiialities Lead' (a 'u'
    read as 'ii') missed their owners. A word of dashes with a tilde is one dash (`ocr.repair_word`); a word that
    is not English and is, read with 'u' for 'ii', English or the document's, is that word (`ocr.split_glued`).
    A tilde alone, and a word whose 'ii' is its own ('skiing'), stay."""
    from actionplans.extract import ocr
    assert ocr.repair_word("-~") == "\u2013"
    assert ocr.repair_word("~") == "~"

    def read(text):
        return [w["text"] for w in ocr.split_glued({"text": text, "x0": 0.0, "x1": 50.0, "top": 0.0, "bottom": 9.0})]
    assert read("Eqiialities") == ["Equalities"]
    assert read("skiing") == ["skiing"]
    assert read("Hawaii") == ["Hawaii"]


def test_a_scanned_header_on_a_shaded_band_ends_at_the_band_s_foot_though_the_ocr_box_reaches_past_it():
    from actionplans.extract.tables import TableScanner
    # gen-5527-010 (scanned): a shaded header band, its foot drawn 0.2 pt above the foot of the OCR layer's word
    # boxes (sized by the font, not the ink), and a section row ('Offender management') running from the ref
    # column into the text column's under it. Taken from the rule below it, the header swallowed the section row,
    # whose words bridged 'Ref' and 'Finding': one column, the records' text read as their refs.
    def w(text, a, b, top, bottom=None):
        return {"text": text, "x0": a, "x1": b, "top": top, "bottom": bottom or top + 10}

    head = [w("Ref", 46, 62, 100.2), w("Recommendation", 98, 160, 100.2), w("Agreed", 274, 304, 100.6),
            w("Response", 344, 388, 100.6, 110.6)]
    section = [w("Offender", 46, 87, 112.1), w("management", 90, 151, 112.1)]
    body = []
    for i, top in enumerate((124.0, 170.8, 220.0)):
        body += [w(f"1.{i + 1}", 46, 59, top), w("Prisoners", 98, 140, top), w("should", 144, 172, top),
                 w("agreed", 274, 304, top), w("The", 344, 360, top), w("plan", 364, 390, top),
                 w("works.", 98, 130, top + 11.5), w("will", 344, 362, top + 11.5)]
    rules = [(98.5, 40.3, 732.0), (110.4, 40.3, 732.0), (122.4, 40.3, 732.0), (168.9, 40.3, 732.0),
             (218.0, 40.3, 732.0)]
    fields = {}
    for scanned in (False, True):
        scanner = TableScanner()
        scanner.add_page(1, [dict(x, page=1) for x in head + section + body], [], rules, scanned=scanned)
        fields[scanned] = scanner.scan.columns.fields[:2]
    assert fields[True] == ["ref", "text"]
    assert fields[False] != ["ref", "text"]  # a text layer's boxes are the glyphs': no slack given there


def test_a_column_wraps_no_further_than_its_wrapped_lines_show_whatever_the_next_column_leaves():
    # gen-3851-150 and -044: dates centred under a heading centred too look typed at the left of their column, 31 pt
    # right of its edge, so the response column seemed to reach that far. 'This' after '... on appeal.' then fitted
    # before that edge, and Enter was read where the line wrapped, parting an item from its next sentence
    from actionplans.extract.cells import Line, wrap_limit

    cell = to_lines(words("\u2022 Prisoners will receive written reasons for all", x0=300)   # ends at 567
                    + words("the decisions made and information on appeal.", "This will be supported by a plan.",
                            x0=312, top=111.5))                                               # 'appeal.' ends at 564
    assert len(paragraphs(cell, right=620)) == 2  # 'This' fits before 620: read as Enter
    limit = wrap_limit([cell], 620)
    assert limit == 567 + 2.5 + 6 * len("the")  # 'the' did not fit after the first line
    assert not hard_break(cell[1], cell[2], limit)  # nor would 'This' have
    assert [p.text[:9] for p in paragraphs(cell, right=limit)] == ["Prisoners"]
    # a line Enter ended with lower case below it (an unmarked list) bounds nothing short of the longest line
    listed = to_lines(words("The governor will make sure that the data is reviewed", "review the data each month",
                            "publish the results", x0=300))
    assert wrap_limit([listed], 620) == 620
    # nor do lines read through OCR, whose boxes hug their ink
    scanned = [Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=1.0) for w in ln.words]) for ln in cell]
    assert wrap_limit([scanned], 620) == 620


def test_an_entry_typed_low_marks_no_action_on_a_line_where_the_items_own_wrapped_lines_hang():
    # gen-3851-183: a dash item ('- Progress will be reviewed ...'), its text a space after the dash, its wrapped
    # lines hanging 7 pt further in at the paragraph's indent; its owner, typed low, lands a line lower than the
    # document's habit, level with where the item's third line opens a sentence ('This will be supported ...'). That
    # line hangs where the item's own second line does: it runs the item on (a new action would bring its own mark)
    from actionplans.extract.cells import split_at_cues

    def cell(mark):
        return to_lines(words(f"{mark}Progress will be reviewed by the Group", x0=216)  # its text starts at 225
                        + words("Director at the quarterly meeting.", "This will be supported by a plan",
                                "so that staff know.", x0=232, top=111.5))
    owner = to_lines(words("Data Analyst", x0=600, top=134.5))  # the third line's place, one line low
    (para,) = paragraphs(cell("- "))
    assert len(split_at_cues([para], owner, drop=11.5, reach=1)) == 1
    # no mark, no item: the entry marks an action typed on with nothing to show Enter
    (plain,) = paragraphs(cell(""))
    assert [p.text[:8] for p in split_at_cues([plain], owner, drop=11.5, reach=1)] == ["Progress", "This wil"]


def ocr_line(text, top, x0, rise=0.0, h=9.0, char=4.6, page=1):
    """Word boxes of one line as `ocr.em_boxes` leaves them: each word one font size tall on its own baseline, which
    climbs `rise` points a word on a page scanned askew, and its `bearings`."""
    out, x = [], x0
    for k, t in enumerate(text.split()):
        top_k = top + k * rise
        out.append({"text": t, "x0": x, "x1": x + char * len(t), "top": top_k, "bottom": top_k + h, "page": page,
                    "bearings": 0.9})
        x += char * len(t) + 2.5
    return out


def test_a_scanned_lines_rise_across_the_page_is_no_part_of_its_height_when_steps_are_measured():
    """gen-5527-003 (scanned, single-spaced, lines 12.6 pt apart): the page stood askew, so a response line's words
    stood a little lower each across the cell and its box was 10.0 pt tall, while an owner line's two words made a
    box 9.0 pt tall, its type's. Measured in their boxes, the response's steps were 1.26 lines and the owners' 1.40:
    a pitch and an advance, the plan read as spaced, and every owner wrapped over two lines read as two
    ('Data' / 'Analyst/Violence' / 'Reduction' / 'Coordinator'). Measured in their type's height, every step is 1.40."""
    response = [to_lines([w for k in range(4) for w in ocr_line(
        "will be reviewed by the Head of Residence each month", 100 + 60 * p + 12.6 * k, 260, rise=0.2)])
        for p in range(4)]
    owners = to_lines([w for k, t in enumerate(("Data", "Analyst/Violence", "Reduction", "Coordinator/Rhian",
                                               "Evans - Deputy", "Governor", "Head of Safety"))
                       for w in ocr_line(t, 100 + 12.6 * k, 460)])
    assert response[0][0].height == pytest.approx(10.8)  # 9 pt type and its 1.8 pt rise over ten words
    assert spacing([*response, owners]) == SINGLE
    bare = [to_lines([{k: v for k, v in w.items() if k != "bearings"} for ln in cell for w in ln.words])
            for cell in (*response, owners)]
    assert spacing(bare) != SINGLE  # a text layer's box is its type: no rise is taken off it



def test_a_short_scanned_plans_pitch_is_its_wraps_not_its_shortest_steps():
    """gen-5527-006 (scanned, single-spaced, 8 pt lines 9.2 pt apart, a row per action): OCR set its lines up to a
    point off, and three of its 25 steps read 8.3 pt. The shortest steps, taken for the pitch, made the usual 9.4 pt
    step a pitch and a space: the plan read as spaced and every owner wrapped over two lines as two ('Family
    Engagement' / 'Worker'). A step to a line that carries its sentence on in lower case is a wrap, which only
    Word makes: their usual step is the pitch, and the plan is single-spaced."""
    rows = [  # per row: its response's lines, its owners', its dates' (top, text)
        ([(127.3, "- The Safer Custody team will quality"), (137.03, "of ACCT documents each week and"),
          (146.2, "to case managers.")],
         [(109.0, "Family Engagement"), (118.36, "Worker")], [(109.0, "May - June"), (118.36, "2023")]),
        ([(165.5, "- DIRF forms and boxes will be"), (174.89, "wing and in all activity areas, with"),
          (184.23, "most commonly spoken languages.")],
         [(165.5, "Equalities Lead"), (174.89, "Catering Manager")],
         [(165.5, "July -"), (174.89, "September"), (184.23, "2022")]),
        ([(240.4, "- All planned removals will be video"), (249.76, "sample of spontaneous incidents"),
          (258.76, "body-worn camera footage by a"), (268.12, "involved in the incident.")],
         [(240.4, "Gym Senior Officer"), (249.76, "Chaplaincy Team"), (258.76, "Leader"),
          (268.12, "Contract Manager"), (276.75, "(Serco)")], [(240.4, "January -"), (249.76, "May 2023")]),
        ([(286.8, "- Use of force incidents will be"), (295.07, "ethnicity, age, religion and"),
          (304.42, "findings will be discussed at the"), (314.23, "Committee.")],
         [(286.8, "Data Analyst"), (295.07, "Contract Manager"), (304.42, "(Serco)"),
          (314.15, "Residential Custodial"), (323.59, "Manager")], [(286.8, "April to July"), (295.07, "2023")])]
    cells = [to_lines([w for top, text in cell for w in ocr_line(text, top, x0, h=8.47, char=char)])
             for row in rows for cell, x0, char in zip(row, (300, 470, 420), (4.6, 3.6, 4.6))]
    sp = spacing(cells)
    assert sp == SINGLE
    got = entries(cells[1], None, opens_owner, sp, right=537.9, segment_opens=stacks_owner)
    assert [e.segments for e in got] == [["Family Engagement Worker"]]



def test_a_scanned_cells_pitch_is_its_usual_step_not_its_shortest():
    """gen-6029-009 (scanned): owners stacked in a narrow column, lines 11.2 pt apart, entries a blank line apart.
    OCR set 'Family' 7.6 pt under 'or and'; taken for the cell's pitch, every wrap read as blank space and each
    line as an owner of its own ('Library' / 'Manager'). On lines read through OCR the pitch is their usual step."""
    rows = ((153.1, "Library"), (164.6, "Manager"), (183.7, "Keyworker"), (194.8, "Coordinator and"),
            (202.36, "Family"), (213.5, "Engagement"), (224.7, "Worker and"), (235.8, "Canteen"),
            (246.9, "Supervisor"))
    lines = to_lines([w for top, text in rows for w in ocr_line(text, top, 611, char=3.2)])
    got = entries(lines, None, opens_owner, SINGLE, right=649.3, segment_opens=stacks_owner)
    assert [e.text for e in got] == ["Library Manager",
                                     "Keyworker Coordinator and Family Engagement Worker and Canteen Supervisor"]


def test_two_words_ocr_ran_together_at_a_capital_are_parted_where_each_is_a_word():
    """gen-6029-004 (scanned): Tesseract read 'Priya Clarke, Equalities Lead' as '... EqualitiesLead' on four pages.
    Atop a page the line then ended in no role, so it read as more of the owner the page before left ('Kwame Doyle -
    Head of Residence'), and two actions' owners became one. A small letter before a capital inside a word parts two
    words where each is English or the document's and the whole is not (`ocr.split_glued`); the box is shared by
    letters. A name whose capital follows two letters or fewer ('McDonald', 'iPhone') or ends a word ('MoJ') stays."""
    from actionplans.extract import ocr

    def read(text, seen=frozenset()):
        return [(w["text"], round(w["x0"], 1), round(w["x1"], 1)) for w in ocr.split_glued(
            {"text": text, "x0": 0.0, "x1": 70.0, "top": 0.0, "bottom": 9.0}, seen)]
    assert read("EqualitiesLead,", frozenset({"equalities"})) == [("Equalities", 0.0, 46.7), ("Lead,", 46.7, 70.0)]
    assert read("ActionTeam") == [("Action", 0.0, 42.0), ("Team", 42.0, 70.0)]
    assert [t for t, *_ in read("Xqzwtabc" + "Lead")] == ["XqzwtabcLead"]  # one part no word
    for name in ("McDonald", "iPhone", "MoJ", "Equalities"):
        assert [t for t, *_ in read(name)] == [name]


def test_grain_ocr_read_as_a_mark_after_a_lines_end_sets_no_columns_right_edge():
    """gen-5527-037 (scanned): grain a space after 'Substance Misuse' was read as '-', 6.5 pt right of where the
    owner column's longest line ends. Taken for the column's edge, it made 'Education' a line ended by Enter
    ('Manager' would have fitted after it), and 'Education' / 'Manager (Milton Keynes College)' two owners. A word
    read through OCR with no letter or digit ends no line's letters; a text layer's marks are the page's own."""
    from actionplans.extract.pipeline import column_rights

    class Cell:
        def __init__(self, ws):
            self.ws = ws

        def words(self, name):
            return self.ws if name == "owner" else []
    ws = [*ocr_line("Substance Misuse -", 190.1, 401.8, char=5.5), *ocr_line("Education", 332.7, 402.1),
          *ocr_line("Manager (Milton", 342.8, 402.1)]
    right = column_rights([Cell(ws)], ("owner",))["owner"]
    assert right == pytest.approx(ws[1]["x1"])
    assert column_rights([Cell([{k: v for k, v in w.items() if k != "bearings"} for w in ws])],
                         ("owner",))["owner"] == pytest.approx(ws[2]["x1"])


def test_of_two_clean_refs_reading_alike_the_one_with_a_number_free_between_its_neighbours_is_the_misread_one():
    """gen-5527-035 (scanned): 'Recommendation 7' read 'Recommendation 6', next to the true 6. Left out, either 6
    leaves the rest in order, so neither was read again, and the count after it broke ('11' read 'i' kept as read).
    Only the second has a number free between its neighbours (6 and 8) to have printed: it is 7. Where neither
    has one (5, 6, 6, 7), both stay as read."""
    from actionplans.extract import ocr

    def refs(*read):
        ws = []
        for k, ref in enumerate(read):
            ws += row(("Recommendation", "Leaders should act."), 100 + 30 * k, (46, 200))
            ws += row((ref, "They will."), 112 + 30 * k, (46, 200))
        ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
        return [w["text"] for w in ws if w["x0"] == 46 and w["text"] != "Recommendation"]
    assert refs("5", "6", "6", "8", "9", "i") == ["5", "6", "7", "8", "9", "10"]
    assert refs("5", "6", "6", "7") == ["5", "6", "6", "7"]


def test_a_refs_label_word_read_a_letter_off_is_the_plans_label_where_its_labels_stand():
    """gen-5527-027 (scanned): 'Key' / 'concern 5' read 'Key' / 'concer 5', so the last record's ref read as no ref
    and its row was lost (recall 0.80). A word opening its line where the plan's clean labels open theirs, one letter
    off one of them, a number after it, is that label. Elsewhere (a cell's text), or with no number, it stays."""
    from actionplans.extract import ocr

    def refs(last, x=46):
        ws = []
        for k, n in enumerate(("3", "4", "5")):
            ws += row(("Key", "Leaders should act."), 100 + 40 * k, (46, 200))
            label = last if n == "5" else "concern"
            ws += row((label, n) if n != "5" or x == 46 else (), 112 + 40 * k, (46, 46 + 6 * len(label) + 4))
            if n == "5" and x != 46:
                ws += row((label, n), 112 + 40 * k, (x, x + 6 * len(label) + 4))
        ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
        return [w["text"] for w in ws if w["top"] == 192]
    assert refs("concer") == ["concern", "5"]
    assert refs("concer", x=200) == ["concer", "5"]  # not where the labels stand
    assert refs("concert") == ["concern", "5"]
    assert refs("conceal") == ["conceal", "5"]  # two letters off


def test_a_header_repeated_on_a_scanned_page_with_a_heading_ocr_lost_keeps_the_plans_columns():
    """gen-5527-020 (scanned): the header repeated atop page 8 read without 'Para' (its shaded band), so that page on
    read four columns, the refs' with the text's, and the plan's refs column was lost from there on (refs 0.45). Its
    other headings stand where the first header's did: the lost one is where the first had it. A text layer's
    header shows every heading it prints: there a header with fewer cells is read as it stands."""
    from actionplans.extract.tables import TableScanner
    x0s = (46, 90, 240, 400, 480)
    head = ["Para", "Finding", "Decision and response", "Timescale", "Accountable lead"]

    def page(n, heads):
        ws = row(heads, 60, x0s)
        for k in range(3):
            ws += row((str(3 * n + k), "Leaders should act.", "accepted", "July 2023", "Governor"),
                      90 + 40 * k, x0s)
            ws += row(("", "They will.", "The plan will run.", "", ""), 102 + 40 * k, x0s)
        return [dict(w, page=n) for w in ws]
    fields = {}
    for scanned in (False, True):
        scanner = TableScanner()
        scanner.add_page(1, page(1, head), [], [], scanned=scanned)
        scanner.add_page(2, page(2, [""] + head[1:]), [], [], scanned=scanned)
        fields[scanned] = [scanner.scan.page_columns[p].fields for p in (1, 2)]
    assert len(fields[True][0]) == 5 and fields[True][1] == fields[True][0]
    assert len(fields[False][1]) == 4


def test_the_refs_column_is_where_clean_refs_beside_a_rows_text_stand_and_a_header_word_repeated_is_no_slot():
    """gen-5527-020 (scanned, 14 pages, refs 1 to 11, '1' read 'Ak'): the pages' numbers at their foot read as
    refs of the same style, more of them than the refs, and the refs' column was taken to be theirs, so no slot
    was read; and the header's 'Para' repeated atop each page, short and beside text where the rows' begins,
    stood between 'Ak' and 2 as a slot. The refs' column is that of the clean refs beside a row's text (a page's
    number stands beside nothing); a word the same in the same place atop pages is none of the refs."""
    from actionplans.extract import ocr
    x0s = (46, 81)
    pages = []
    for n in range(1, 8):
        ws = row(("Para", "Finding"), 60, x0s) + row(("", str(n)), 800, (46, 546))
        if n <= 3:
            ws += row(("Ak" if n == 1 else str(n), "Leaders should act."), 100, x0s)
        pages.append({"page": n, "words": ws})
    ocr.sequence_refs(pages, set(range(1, 8)), ocr.OcrSettings(), 9.0)
    assert [w["text"] for p in pages for w in p["words"] if w["x0"] == 46 and w["top"] == 100] == ["1", "2", "3"]
    assert all(w["text"] == "Para" and not w.get("ref_slot") for p in pages for w in p["words"] if w["top"] == 60
               and w["x0"] == 46)


def test_a_ref_ocr_could_not_read_between_sections_counted_on_takes_the_section_of_the_row_it_stands_under():
    """gen-6733-033 (scanned, refs 1.3, 2.4 ... 3.8 counted on across sections): 3.7 read 'BE' between 2.6 and 3.8.
    The count gives it 7; its section is told by the section row above it ('Purposeful activity', over 3.8 too,
    below 2.6's 'Respect'): 3.7. Under 2.6's section it is 2.7; with no section rows, as read."""
    from actionplans.extract.tables import Row, TableScanner

    def read(sections):
        scanner = TableScanner()
        for ref, section in zip(("2.6", "BE", "3.8"), sections):
            w = {"text": ref, "x0": 46.0, "x1": 58.0, "top": 100.0, "bottom": 109.0, "page": 1}
            if ref == "BE":
                w["ref_slot"] = True
            scanner.scan.rows.append(Row({"ref": [w], "text": []}, section, [1], (0, 0, 0, 0)))
        scanner.finish()
        return [r.words("ref")[0]["text"] for r in scanner.scan.rows]
    assert read(("Respect", "Purposeful activity", "Purposeful activity")) == ["2.6", "3.7", "3.8"]
    assert read(("Respect", "Respect", "Purposeful activity")) == ["2.6", "2.7", "3.8"]
    assert read((None, None, None)) == ["2.6", "BE", "3.8"]


def test_a_scanned_pages_first_body_line_reaching_up_into_its_askew_header_is_still_the_body():
    """gen-5527-014 (scanned): the header atop page 3 lies askew, its far end ('Owner') 2.9 pt lower than its start,
    and the record's first line carried over the page ('• The interdepartmental ... will review all') was read
    from 0.1 pt above that end: it was taken for the header's and lost. On a scanned page a line whose box reaches up
    into the header's by less than `touch_overlap` of its height, holding none of its words, is the body's."""
    from actionplans.extract.cells import text_of
    from actionplans.extract.tables import TableScanner

    def w(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 10.0, "page": 1}
    head = [w("Ref", 46, 79.0), w("Recommendations", 90, 79.2), w("Response", 290, 80.1), w("Date", 600, 81.6),
            w("Owner", 670, 81.9)]
    body = [w("1", 46, 91.8), w("Leaders", 90, 91.8), w("act.", 140, 91.8), w("The", 290, 91.8), w("panel", 320, 91.8),
            w("meets.", 360, 91.8), w("May", 600, 91.8), w("2024", 625, 91.8), w("Governor", 670, 91.8),
            w("They", 290, 103.3), w("report.", 320, 103.3)]
    responses = {}
    for scanned in (False, True):
        scanner = TableScanner()
        scanner.add_page(1, [dict(x) for x in head + body], [], [], scanned=scanned)
        scan = scanner.finish()
        responses[scanned] = [text_of(r.words("response")) for r in scan.rows]
    assert responses[True] == ["The panel meets. They report."]
    assert responses[False] != responses[True]  # a text layer's lines do not lie askew: read as before


def test_lowercase_grain_in_the_ref_column_beside_a_cells_running_text_is_no_section_row_on_a_scan():
    """gen-6029-001 (scanned): OCR read 'cee' in the ref column, where the page shows nothing, beside 'should:', the
    last line of a recommendation running on from the line above. Taken for a section row ('cee should:'), it cut
    the record's text from its ref and decision (text 0.60). A section row cannot stand beside a cell's running
    text: on a scanned page, such ref-column words holding no capital, digit or ref are grain. 'Resettlement'
    there, or the same line on a text layer, is read as before."""
    from actionplans.extract.cells import text_of
    from actionplans.extract.tables import TableScanner
    x0s = (46, 92, 240, 413, 483)

    def read(grain, scanned=True):
        ws = row(("Rec No", "Recommendation", "Decision and response", "Target Date", "Owner"), 60, x0s)
        ws += row(("", "The governor should", "AGREED", "", ""), 90, x0s)
        ws += row(("", "see it. Leaders", "Panels will meet.", "Sep-18", "Governor"), 101.5, x0s)
        ws += row((grain, "should:", "", "", ""), 113, x0s)
        ws += row(("Priority", "", "", "", ""), 121, x0s)
        ws += row(("concern", "", "", "", ""), 132.5, x0s)
        ws += row(("1", "• review the data", "", "", ""), 144, x0s)
        ws += row(("", "Cells should be clean.", "AGREED", "", ""), 180, x0s)
        ws += row(("Priority", "", "Repairs are due.", "Jun-19", "Governor"), 191.5, x0s)
        ws += row(("concern 2", "", "", "", ""), 203, x0s)
        scanner = TableScanner()
        scanner.add_page(1, [dict(w, page=1) for w in ws], [], [], scanned=scanned)
        scan = scanner.finish()
        return [(text_of(r.words("ref")), text_of(r.words("text"))[:12]) for r in scan.rows], scan.sections
    rows, sections = read("cee")
    assert rows[0] == ("Priority concern 1", "The governor") and not sections
    assert read("cee", scanned=False)[1]  # a text layer's word is ink: as before, a section row
    assert read("Resettlement")[1]  # a capital: a section's name may stand there
    # gen-5527-017: 'Key' / 'cern' ('concern' misread) runs on a ref cell's line above it: the ref's, kept
    above = {"ref": words("Key", x0=46, top=90), "text": words("All prisoners should", x0=92, top=90)}
    line = {"ref": words("cern", x0=46, top=101.5), "text": words("clean, decent", x0=92, top=101.5)}
    assert not TableScanner()._grain_beside_text(line, [(None, above)])
    assert TableScanner()._grain_beside_text(line, [(None, {"text": above["text"]})])


@pytest.mark.parametrize("lost", ["", "c90"])
def test_a_scanned_row_below_a_rule_with_its_own_decision_and_no_ref_read_is_a_record_numbered_by_the_count(lost):
    """gen-6733-021 (scanned): OCR read nothing of ref '9' (first reading and second look both), so its row, below a
    rule across the table and printing its own text and decision, was taken for more of record 8 (recall 0.91). On a
    page read through OCR, in a plan of refs, such a row is a record; between 8 and 10 the count gives it 9. So is
    one whose ref OCR misread past reading as one (gen-5527-017: 'Key concern 9' read 'Key' / 'ncern' / 'c90', the
    row dropped whole as text before a record). On a text layer a ref cell that holds no ref is read as before."""
    from actionplans.extract.cells import text_of
    from actionplans.extract.tables import TableScanner
    x0s = (46, 76, 206, 275, 413)

    def read(scanned):
        ws = row(("Ref", "Recommendation", "Decision", "Response", "Owner"), 60, x0s)
        rules = [(72.0, 40.0, 560.0)]
        for k, ref in enumerate(("8", lost, "10")):
            top = 90 + 40 * k
            ws += row((ref, "Leaders should act.", "accepted", "Panels will meet.", "Governor"), top, x0s)
            ws += row(("", "Staff will help.", "", "They will report.", ""), top + 11.5, x0s)
            rules.append((top + 30.0, 40.0, 560.0))
        scanner = TableScanner()
        scanner.add_page(1, [dict(w, page=1) for w in ws], [], rules, scanned=scanned)
        return [text_of(r.words("ref")) for r in scanner.finish().rows]
    assert read(True) == ["8", "9", "10"]
    assert read(False) == ["8", "10"]


def test_two_stacked_date_lines_read_as_one_are_parted_in_order():
    """gen-5527-037 (scanned): '30' / 'November' / '2018' stacked in a date cell; Tesseract ran the owner's 'Trust)
    and', half a line higher, into the year's line and OCRmyPDF set '2018' on that baseline, less than a line under
    'Navember': one line, read by left edges '30 2018 Navember'. Two words of a line never overlap: read through
    OCR, the line is parted where their tops part, the upper first (`cells.part_stacked`); a text layer's line stays."""
    from actionplans.extract.cells import part_stacked
    ws = [{"text": "30", "x0": 486.7, "x1": 496.1, "top": 720.1, "bottom": 729.1, "page": 2},
          {"text": "Navember", "x0": 487.0, "x1": 528.0, "top": 730.6, "bottom": 739.7, "page": 2},
          {"text": "2018", "x0": 486.4, "x1": 506.8, "top": 734.5, "bottom": 743.5, "page": 2}]
    ocr = [dict(w, bearings=0.9) for w in ws]
    assert [ln.text for ln in to_lines(ocr)] == ["30", "2018 Navember"]
    lines = part_stacked(to_lines(ocr))
    assert [ln.text for ln in lines] == ["30", "Navember", "2018"] and lines[2].top == 734.5
    assert [ln.text for ln in part_stacked(to_lines(ws))] == ["30", "2018 Navember"]
    side = [dict(w, bearings=0.9) for w in words("31 December 2022", x0=439.9)]  # words beside each other stay
    assert [ln.text for ln in part_stacked(to_lines(side))] == ["31 December 2022"]


def test_a_short_word_ocr_read_from_grain_beside_a_date_line_is_left_out_of_the_date():
    """gen-6029-006 (scanned): grain in a date cell read as 'ee' (and '5' on another page) a line above 'Within
    three', inside the span of 'Within' and 11.5 pt right of where the cell's lines start; the entry read 'ee Within
    three months'. A line of one word of no more than two letters or digits, no English word and no date, within a
    word of the line next to it, starting right of that line's start and off its centre, is grain
    (`cells.without_grain`); a day centred over its month, a word typed at the line's start, or a text layer's, stay.
    'he' run into 'Within 3' inside the span of 'Within' is grain too (`cells.without_specks`, two characters)."""
    from actionplans.extract.cells import without_grain, without_specks
    def cell(first, x0, x1):
        return [{"text": first, "x0": x0, "x1": x1, "top": 353.4, "bottom": 365.4, "page": 5, "bearings": 0.9},
                {"text": "Within", "x0": 619.9, "x1": 654.9, "top": 368.2, "bottom": 380.1, "page": 5, "bearings": 0.9},
                {"text": "three", "x0": 657.0, "x1": 683.6, "top": 368.2, "bottom": 380.1, "page": 5, "bearings": 0.9},
                {"text": "months", "x0": 620.2, "x1": 657.1, "top": 382.9, "bottom": 394.8, "page": 5,
                 "bearings": 0.9}]
    for grain in ("ee", "5"):
        assert [ln.text for ln in without_grain(to_lines(cell(grain, 631.4, 646.4)))] == ["Within three", "months"]
    assert [ln.text for ln in without_grain(to_lines(cell("by", 631.4, 646.4)))][0] == "by"  # an English word
    centred = [{"text": "30", "x0": 502.8, "x1": 512.2, "top": 720.1, "bottom": 729.1, "page": 2, "bearings": 0.9},
               {"text": "November", "x0": 487.0, "x1": 528.0, "top": 730.6, "bottom": 739.7, "page": 2,
                "bearings": 0.9}]
    assert [ln.text for ln in without_grain(to_lines(centred))] == ["30", "November"]  # a day centred over its month
    assert [ln.text for ln in without_grain(to_lines(cell("ee", 619.9, 634.9)))][0] == "ee"  # where lines start
    typed = [{k: v for k, v in w.items() if k != "bearings"} for w in cell("ee", 631.4, 646.4)]
    assert [ln.text for ln in without_grain(to_lines(typed))][0] == "ee"
    he = [{"text": "Within", "x0": 619.9, "x1": 655.3, "top": 210.2, "bottom": 222.1, "page": 6, "bearings": 0.9},
          {"text": "he", "x0": 631.3, "x1": 646.0, "top": 204.3, "bottom": 216.3, "page": 6, "bearings": 0.9},
          {"text": "3", "x0": 657.4, "x1": 663.9, "top": 210.2, "bottom": 222.1, "page": 6, "bearings": 0.9}]
    assert [ln.text for ln in without_specks(to_lines(he))] == ["Within 3"]


def test_a_mark_ocr_read_far_after_a_date_lines_last_word_is_a_speck_not_the_end_of_the_entry():
    """gen-6733-028 (scanned): grain 14.5 pt after 'June' read as '~': the line '30th June ~' read as ended, its year
    on the line below became an entry of its own ('30th June ~', '2021' beside one action). A mark of no letter or
    digit read through OCR further than `mark_gap` of the line's height after the word before it is a speck
    (`cells.without_specks`); a range's dash a space off its month, or a text layer's mark, stays."""
    from actionplans.extract.cells import without_specks
    def cell(mark, x0):
        return [{"text": "30th", "x0": 400.7, "x1": 419.5, "top": 309.2, "bottom": 320.2, "page": 3, "bearings": 0.9},
                {"text": "June", "x0": 422.6, "x1": 442.7, "top": 309.2, "bottom": 320.2, "page": 3, "bearings": 0.9},
                {"text": mark, "x0": x0, "x1": x0 + 2.4, "top": 309.2, "bottom": 320.2, "page": 3, "bearings": 0.9},
                {"text": "2021", "x0": 400.7, "x1": 421.7, "top": 321.8, "bottom": 332.8, "page": 3, "bearings": 0.9}]
    assert [ln.text for ln in without_specks(to_lines(cell("~", 457.2)))] == ["30th June", "2021"]
    assert [ln.text for ln in without_specks(to_lines(cell("\u2013", 445.6)))] == ["30th June \u2013", "2021"]
    typed = [{k: v for k, v in w.items() if k != "bearings"} for w in cell("~", 457.2)]
    assert [ln.text for ln in without_specks(to_lines(typed))] == ["30th June ~", "2021"]


def test_a_full_stop_ocr_read_between_two_words_with_no_space_parts_them():
    """gen-5527-023 and gen-5527-020 (scanned): a speck in the space between two words of an owner was read as a
    full stop and the two as one word, 'Veterans.Support Officer', 'Custodial Manager.(Marek Khan)': the owner read
    'veteranssupport officer' and 'custodial managermarek khan'. No typist sets a full stop between a small letter
    and a capital without a space after it (a typed one ends a sentence): where each side is English or the
    document's, the word is two and the stop left out (`ocr.split_glued`); an abbreviation ('Ph.D', 'e.g.The') or
    a side no word stays one, and so does a small word after it ('gov.uk')."""
    from actionplans.extract import ocr

    def read(text, seen=frozenset()):
        return [(w["text"], round(w["x0"], 1), round(w["x1"], 1)) for w in ocr.split_glued(
            {"text": text, "x0": 0.0, "x1": 80.0, "top": 0.0, "bottom": 9.0}, seen)]
    assert read("Veterans.Support") == [("Veterans", 0.0, 40.0), ("Support", 45.0, 80.0)]
    assert [t for t, *_ in read("Manager.(Marek", frozenset({"marek"}))] == ["Manager", "(Marek"]
    assert [t for t, *_ in read("Manager.(Marek")] == ["Manager.(Marek"]  # 'Marek' not the document's
    assert [t for t, *_ in read("Head.of")] == ["Head", "of"]  # gen-6733-023: a joining word after it
    for text in ("Ph.D", "e.g.The", "Xqzwt.Support", "gov.uk"):
        assert [t for t, *_ in read(text)] == [text]


def test_a_list_items_number_ocr_read_run_into_its_first_word_is_parted():
    """gen-6029-010 (scanned): '1. Outstanding repairs ...' under a lead-in, a speck in the space after the number read
    as a dash and the two as one word, '1.-Outstanding': no list item opened there, and the lead-in and the item, one
    paragraph, took the item's owner and date. No typist runs a list's number into its item's first word: the number
    and the capitalised word are parted, the speck left out (`ocr.split_glued`); a ref or a number ('1.12', '1.-2')
    stays one."""
    from actionplans.extract import ocr

    def read(text):
        return [(w["text"], round(w["x0"], 1), round(w["x1"], 1)) for w in ocr.split_glued(
            {"text": text, "x0": 0.0, "x1": 70.0, "top": 0.0, "bottom": 9.0})]
    assert read("1.-Outstanding") == [("1.", 0.0, 10.0), ("Outstanding", 15.0, 70.0)]
    assert [t for t, *_ in read("12)Staff")] == ["12)", "Staff"]
    for text in ("1.12", "1.-2", "S1.Staff", "1.-staff"):
        assert [t for t, *_ in read(text)] == [text]


def test_two_stacked_owner_lines_read_as_one_are_parted():
    """gen-5527-018 (scanned): 'FM Manager' / '(Amey)/Substa' stacked in an owner cell; OCRmyPDF set '(Amey)/' and
    'Substa' 6.8 pt under 'Manager', less than a line: one line 'Manager (Amey)/ Substa', read by left edges, and the
    owner read 'fm manager ameysubsta'. Two words of a line never overlap, in an owner cell as in a date cell
    (`cells.part_stacked`, run by `pipeline.entry_cells` on both)."""
    from actionplans.extract.pipeline import entry_cells
    from actionplans.extract.tables import Row
    ocr = [{"text": "(Nacro)", "x0": 707.0, "x1": 743.9, "top": 193.6, "bottom": 205.5},
           {"text": "/FM", "x0": 745.7, "x1": 767.0, "top": 193.6, "bottom": 205.5},
           {"text": "Manager", "x0": 706.3, "x1": 750.6, "top": 206.6, "bottom": 218.5},
           {"text": "(Amey)/", "x0": 707.0, "x1": 747.6, "top": 213.4, "bottom": 225.3},
           {"text": "Substa", "x0": 747.4, "x1": 783.6, "top": 213.4, "bottom": 225.3},
           {"text": "nce", "x0": 706.7, "x1": 722.5, "top": 234.6, "bottom": 246.6}]
    ocr = [dict(w, page=3, bearings=0.9) for w in ocr]
    owner, _ = entry_cells(Row({"owner": ocr}, None, [3], (0, 0, 800, 300)), {})
    assert [ln.text for ln in owner] == ["(Nacro) /FM", "Manager", "(Amey)/ Substa", "nce"]


def test_a_lone_mark_ocr_read_within_the_type_of_the_owner_line_below_is_left_out():
    """gen-6733-025 (scanned): a speck read as '-' on a line of its own, 13.7 pt under 'Catering Manager' (where a
    wrap stands) and 8.2 pt over 'Library Manager', within the span of 'Library': the two stacked owners read as one,
    'Catering Manager - Library Manager'. Typed lines of a cell never overlap, nor two words of one line: a lone mark
    read through OCR nearer a neighbouring line's top than that line's type is tall, within one of its words, is a
    speck (`cells.without_lone_marks`); one clear of the words, or a text layer's, stays."""
    from actionplans.extract.cells import without_lone_marks
    def cell(x0):
        return [{"text": "Catering", "x0": 601.9, "x1": 639.8, "top": 145.8, "bottom": 156.7},
                {"text": "Manager", "x0": 642.2, "x1": 682.6, "top": 145.8, "bottom": 156.7},
                {"text": "-", "x0": x0, "x1": x0 + 2.3, "top": 159.5, "bottom": 170.4},
                {"text": "Library", "x0": 602.3, "x1": 635.7, "top": 167.7, "bottom": 178.7},
                {"text": "Manager", "x0": 637.9, "x1": 679.0, "top": 167.7, "bottom": 178.7}]
    ocr = [dict(w, page=7, bearings=0.9) for w in cell(608.0)]
    assert [ln.text for ln in to_lines(ocr)] == ["Catering Manager", "-", "Library Manager"]
    assert [ln.text for ln in without_lone_marks(to_lines(ocr))] == ["Catering Manager", "Library Manager"]
    clear = [dict(w, page=7, bearings=0.9) for w in cell(690.0)]  # right of every word
    assert [ln.text for ln in without_lone_marks(to_lines(clear))] == ["Catering Manager", "-", "Library Manager"]
    typed = [dict(w, page=7) for w in cell(608.0)]
    assert [ln.text for ln in without_lone_marks(to_lines(typed))] == ["Catering Manager", "-", "Library Manager"]
    at_start = [dict(w, page=7, bearings=0.9) for w in cell(603.0)]  # where 'Library' starts: maybe its own
    assert [ln.text for ln in without_lone_marks(to_lines(at_start))] == ["Catering Manager", "-", "Library Manager"]


def test_a_joining_word_ocr_ran_into_the_word_beside_it_is_parted():
    """gen-6733-023, gen-5527-036, gen-5527-017 (scanned): Tesseract missed the space beside a joining word,
    'Headof Learning and Skills', 'Nacro andcontract Manager', 'Head oflearningand Skills': the role read no role
    and two owners one. A word of letters, no English one, that is 'of' or 'and' and a word English or the
    document's run together is parted, twice where twice (`ocr.split_glued`); a name opened by a capital
    ('Andover') or 'of' after a small word ('thereof') stays."""
    from actionplans.extract import ocr

    def read(text, seen=frozenset()):
        return [w["text"] for w in ocr.split_glued({"text": text, "x0": 0.0, "x1": 60.0, "top": 0.0, "bottom": 9.0},
                                                   seen)]
    assert read("Headof") == ["Head", "of"]
    assert read("andcontract") == ["and", "contract"]
    assert read("oflearningand") == ["of", "learning", "and"]
    assert read("ofLearningand") == ["of", "Learning", "and"]
    assert read("Headof,") == ["Head", "of,"]
    for text in ("Andover", "thereof", "offence", "proof", "Ofsted"):
        assert read(text) == [text]


def test_a_headers_label_word_over_the_first_ref_is_no_label_of_that_ref():
    """gen-8117-031 (scanned): the header 'Rec No' sits a point above the first ref, '1' read 'al'. 'Rec' was taken
    for a label wrapped over the ref ('Recommendation' / '4'), so 'al' stood apart from the clean refs '2', '3' (no
    label) and its record was lost. 'No' follows 'Rec' in its cell: a label wrapped in a ref's cell has only its
    own words after it there. A label alone over its number ('Recommendation' / 'a'), or with a mark OCR read as a
    word after it ('concern —', gen-6733-014), is still the ref's."""
    from actionplans.extract import ocr

    def w(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}
    ws = [w("Rec", 46, 82), w("No", 67, 82), w("Recommendation", 104, 82)]
    for k, ref in enumerate(["al", "2", "3"]):
        ws += [w(ref, 46, 93 + 30 * k), w("Leaders", 104, 93 + 30 * k)]
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
    assert [x["text"] for x in ws if x["x0"] == 46 and x["top"] > 90] == ["1", "2", "3"]
    ws = []
    for k, ref in enumerate(["a", "2", "3"]):
        ws += [w("Recommendation", 46, 82 + 30 * k), w(ref, 46, 93 + 30 * k), w("Leaders", 134, 93 + 30 * k)]
    ws.append(w("—", 132, 82))  # the mark after the first label
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
    assert [x["text"] for x in ws if x["x0"] == 46 and x["top"] > 90 and x["text"] != "Recommendation"] == [
        "1", "2", "3"]


def test_a_speck_ocr_read_onto_a_ref_labels_first_word_two_lines_up_is_shed():
    """gen-8117-005 (scanned): 'Priority.' / 'concern' / '1' down a narrow ref cell, a speck read as a point onto
    'Priority'. The label no longer matched, the ref read '1' and record 'Priority concern 1' was lost; the word
    above the label over a number is the label's first word, its mark shed like the label's own ('concern.')."""
    from actionplans.extract import ocr

    def w(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}
    ws = []
    for k, (first, number) in enumerate([("Priority.", "1"), ("Priority", "2")]):
        top = 100 + 60 * k
        ws += [w(first, 46, top), w("concern", 46, top + 11), w(number, 46, top + 22), w("Leaders", 120, top)]
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
    assert [x["text"] for x in ws if x["x0"] == 46] == ["Priority", "concern", "1", "Priority", "concern", "2"]


def test_a_justified_headings_words_set_apart_by_its_own_spaces_are_one_cell_with_its_number():
    """gen-4409-129: '2.  What  the  inspectors' over 'found', justified, its spaces all 10 pt. 'found' under
    '2.' joins 'What' to the number's cell, and 'the inspectors' stood apart as a column of its own, no number;
    a page of few lines below showed no line across the gap (its section row took the record's text). A gap no
    space of the heading's line matches is a column's edge: the cell stays apart."""
    from actionplans.extract.cells import text_of
    from actionplans.extract.tables import TableScanner

    def w(text, x0, top, width=None):
        return {"text": text, "x0": x0, "x1": x0 + (width or 6 * len(text)), "top": top, "bottom": top + 12}

    def header(gap):
        ws = [w("1.", 45.5, 83), w("Reference", 45.5, 97)]
        ws += [w("2.", 128, 83, 12), w("What", 150, 83, 26), w("the", 176 + gap, 83, 18),
               w("inspectors", 194 + 2 * gap, 83, 60), w("found", 128, 97)]
        ws += [w("3.", 311, 83, 12), w("Our", 327, 83), w("position", 311, 97)]
        ws += [w("4.", 387, 83, 12), w("Proposed", 403, 83), w("action", 455, 83)]
        return [text_of(c) for c in TableScanner._head_clusters(ws)]
    assert header(10.0) == ["1. Reference", "2. What the inspectors found", "3. Our position", "4. Proposed action"]
    assert header(16.0)[1:4] == ["2. What found", "the", "inspectors"]


def test_a_cells_line_ending_past_an_edge_another_page_found_short_of_the_next_columns_text_crosses_no_edge():
    """gen-4409-090: the edge between recommendation and response stood midway across the header page's gutter
    (290 pt); a later page's line '... under the Mental' ends at 297 pt, the response's text starting at 311 pt.
    Taken to run across the table, the line was read as a section row and 'Concern 8' lost its text and actions.
    A word ending short of where the next column's cells begin on the page crosses no edge; a section row's
    words run on past it."""
    from actionplans.extract.tables import Columns, TableScanner
    cols = Columns(["text", "response", "owner", "date"], [45.0, 290.0, 583.0, 673.0, 10_000.0])
    body = [(ln, {"text": [x for x in ln.words if x["x0"] < 290], "response": [x for x in ln.words if x["x0"] > 290]})
            for ln in to_lines(words("Transfers to secure hospital under the Mental", x0=45.0)
                               + words("the following actions will be taken:", x0=311.0))]
    (ln, _by), = body
    assert ln.words[6]["x0"] < 288 and ln.words[6]["x1"] > 292  # 'Mental' straddles the edge
    reach = TableScanner._reaches(cols, body)
    assert reach[0] == 311.0
    assert TableScanner()._runs_across(ln, cols) and not TableScanner()._runs_across(ln, cols, reach)
    (title,) = to_lines(words("Transfers to secure hospital under the Mental Health Act", x0=45.0))
    assert TableScanner()._runs_across(title, cols, reach)  # a line running on into the response's text


def test_a_section_row_alone_between_blank_lines_ends_the_row_above_where_decisions_are_centred_down_spaced_rows():
    """gen-4409-050: no refs, no rules, rows spaced apart, each decision centred down its row; 'Preparation for
    release' alone in the text column, blank space above and below it, the next row's text and response beginning
    below it. Taken for a row's top, the decision above 'Veterans' (another such line) reflected onto it, and the
    section's name became the record's text's first words. A short line alone in the text column with a row's top
    below it is a section row, flush above that top or a blank line above it."""
    from actionplans.extract.tables import TableScanner
    cols = (100, 260, 330, 560, 660)                    # Finding | Outcome | What we will do | Led by | Due by
    ws = row(["Finding", "Outcome", "What we will do", "Led by", "Due by"], 60, cols)
    records = [  # (top, decision, text lines, response lines)
        (90, "Agreed", ["Leaders should act.", "They should report."],
         ["A panel will meet.", "It will report.", "Data will be shared.", "Staff will be told.", "It will close."]),
        (184, "Rejected", ["Cells should be clean.", "They should be checked.", "And kept so."],
         ["The budget does not allow it.", "Checks continue.", "Each week.", "By the wing.", "And logged.",
          "Then closed."]),
        (290, "Agreed", ["Staff should be trained.", "Every year."], ["Training will be given.", "By spring."]),
    ]
    ws += _decisions_centred_down_rows(records, cols)
    ws += row(["Respect and care"], 166, cols) + row(["Safety"], 272, cols)
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [])
    scan = scanner.finish()
    assert [(r.section, " ".join(w["text"] for w in r.words("text"))) for r in scan.rows] == [
        (None, "Leaders should act. They should report."),
        ("Respect and care", "Cells should be clean. They should be checked. And kept so."),
        ("Safety", "Staff should be trained. Every year.")]
    assert [" ".join(w["text"] for w in r.words("decision")) for r in scan.rows] == ["Agreed", "Rejected", "Agreed"]


def test_read_through_ocr_an_owners_line_ends_in_a_hard_break_only_with_an_em_to_spare_else_the_words_judge():
    """gen-8117-013 (scanned): 'Jo Begum –' / 'Custodial' / 'Manager and' / 'Sam Khan – Head' / 'of Safety' in an
    owner column whose edge a stray line set out to 549.4 (its lines end by 538): 'Manager' would have fitted after
    'Custodial' with 6.4 pt to spare, so Enter was read and the owner cut in two, 'Jo Begum – Custodial' and 'Manager'.
    Read through OCR, a box hugs its word's ink, a lost word or a stray one leaves room no wrap left: a hard break
    there must leave an em (`ocr_wrap_slack`); with less, the words judge (`stacks_owner`: 'Custodial' ends no
    post). A text layer's boxes are its type's and keep the 2 pt slack."""
    rows = [("Jo Begum -", 701.4, [(466.6, 474.7), (477.7, 505.1), (508.3, 511.6)]),
            ("Custodial", 715.4, [(466.6, 503.6)]),
            ("Manager and", 729.5, [(467.3, 502.8), (505.4, 519.8)]),
            ("Sam Khan - Head", 743.5, [(466.6, 483.3), (486.4, 505.9), (509.4, 512.7), (516.6, 536.5)]),
            ("of Safety", 757.5, [(466.9, 474.7), (477.4, 502.2)])]
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.4, "page": 3, "bearings": 0.94}
          for text, top, boxes in rows for t, (x0, x1) in zip(text.split(), boxes)]
    (entry,) = entries(to_lines(ws), opens=opens_owner, right=549.4, segment_opens=stacks_owner)
    assert entry.cuts == []
    assert split_owners(entry.text) == ["Jo Begum - Custodial Manager", "Sam Khan - Head of Safety"]
    typed = [{k: v for k, v in w.items() if k != "bearings"} for w in ws]
    assert [e.cuts for e in entries(to_lines(typed), opens=opens_owner, right=549.4, segment_opens=stacks_owner)] == [
        [2]]
    # an em and more to spare is Enter, read through OCR too: owners stacked one per line
    stacked = to_lines([dict(w, bearings=0.94) for w in words("Head of Safety", "Governor", x0=466.6, pitch=14.0)])
    assert [e.segments for e in entries(stacked, opens=opens_owner, right=549.4, segment_opens=stacks_owner)] == [
        ["Head of Safety", "Governor"]]


def test_an_owners_line_that_closes_a_bracket_it_never_opened_continues_the_owner_above():
    """gen-5527-037 (scanned): 'Resettlement' / 'Manager (Forward' / 'Trust) and' / 'Substance Misuse' / 'Lead (Change'
    / 'Grow Live)', OCR lost '(Forward': 'Trust)' would have fitted after 'Manager' and the owner was cut there,
    'Resettlement Manager' and 'Trust) and Substance Misuse Lead (Change Grow Live)'. A line closing a bracket it never
    opened continues the owner where the bracket was opened (`cells.closes_unopened`), nor does it open an owner
    (`opens_owner`); an item's mark ('a)') is no such bracket."""
    from actionplans.extract.cells import closes_unopened
    rows = [("Resettlement", 714.3, [(402.0, 454.3)]), ("Manager", 727.3, [(401.8, 437.7)]),
            ("Trust) and", 734.5, [(401.4, 425.2), (427.3, 442.8)]),
            ("Substance Misuse", 745.3, [(401.8, 442.7), (446.8, 474.0)]),
            ("Lead (Change", 755.7, [(401.8, 420.8), (424.1, 457.8)]), ("Grow Live)", 765.5, [(401.3, 422.5),
                                                                                          (425.8, 444.2)])]
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.0, "page": 2, "bearings": 0.9}
          for text, top, boxes in rows for t, (x0, x1) in zip(text.split(), boxes)]
    (entry,) = entries(to_lines(ws), opens=opens_owner, right=475.6, segment_opens=stacks_owner)
    assert entry.cuts == []
    assert split_owners(entry.text) == ["Resettlement Manager Trust)", "Substance Misuse Lead (Change Grow Live)"]
    assert not opens_owner("Trust) and", "Resettlement Manager")
    assert closes_unopened("Trust) and") and not closes_unopened("a) Head of Safety")
    assert not closes_unopened("(Novus) Head of Safety") and not closes_unopened("Head of Safety")


def test_a_letter_ocr_read_alone_off_where_an_owner_cells_lines_start_is_a_speck_left_out():
    """gen-5527-017 (scanned): grain in the blank between 'Skills (Nacro)' and 'Violence' read as 'f', alone on a line
    at x 676.4 where the cell's lines start at 610.6: the blank was filled and the two owners read as one, 'Head of
    Learning and Skills (Nacro) f Violence'. One letter alone on a line right of where the cell's lines start and off
    the middle of the lines beside it is no owner's line (`cells.without_lone_marks`); a word's last letter wrapped
    ('Custod' / 'y') starts where the lines start, or sits centred under them, and is kept, as is a text layer's."""
    from actionplans.extract.cells import without_lone_marks

    def w(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.5, "page": 2, "bearings": 0.94}
    ws = [w("Head", 611.3, 632.2, 118.5), w("of", 634.7, 644.3, 118.5), w("Learning", 644.3, 682.7, 118.5),
          w("and", 682.7, 697.1, 118.5), w("Skills", 610.9, 631.2, 129.3), w("(Nacro)", 634.7, 663.6, 129.3),
          w("f", 676.4, 678.5, 139.8), w("Violence", 610.6, 645.7, 149.9), w("Coordinator", 610.9, 658.1, 160.4)]
    lines = without_lone_marks(to_lines(ws))
    assert [ln.text for ln in lines] == ["Head of Learning and", "Skills (Nacro)", "Violence", "Coordinator"]
    assert [e.segments for e in entries(lines, opens=opens_owner, right=700.2, segment_opens=stacks_owner)][0][0] == (
        "Head of Learning and Skills (Nacro)")
    typed = [{k: v for k, v in x.items() if k != "bearings"} for x in ws]
    assert "f" in [ln.text for ln in without_lone_marks(to_lines(typed))]
    wrapped = [w("Custod", 464.2, 497.3, 439.5), w("y", 464.0, 469.1, 458.5), w("Manag", 464.8, 498.7, 472.9)]
    assert [ln.text for ln in without_lone_marks(to_lines(wrapped))] == ["Custod", "y", "Manag"]
    centred = [w("Custod", 464.2, 497.3, 439.5), w("y", 478.5, 483.0, 453.0), w("Manager", 462.0, 499.7, 466.5)]
    assert "y" in [ln.text for ln in without_lone_marks(to_lines(centred))]


def test_an_owner_ocr_read_as_one_letter_is_left_out_and_a_text_layers_is_kept():
    """gen-5527-026 (scanned): 'Jo' above 'Clarke – Deputy Governor' read as 'i', set on the response's baseline
    24 pt above 'Clarke': an owner 'i' of its own beside 'Clarke Deputy Governor'. No post or name is one letter: read
    through OCR, such an owner is left out, and said in the action's warnings."""
    from actionplans.extract.pipeline import build_recommendation, recover
    from actionplans.schemas import Quality
    body = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "i", "June 2024"],
            ["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "July 2024"]]
    rec = recover([plan_page(1, body)])

    def owners(ocr_pages):
        return [a.owners for c in rec.cells for a in build_recommendation(c, None, Quality(), rec.habits,
                                                                          ocr_pages).actions]
    assert owners(frozenset({1})) == [[], ["Governor"]]
    assert owners(frozenset()) == [["i"], ["Governor"]]
    (warned,) = [w for c in rec.cells for a in build_recommendation(c, None, Quality(), rec.habits,
                                                                    frozenset({1})).actions for w in a.warnings]
    assert warned == "owner read through OCR as one letter, left out: i"


def test_a_mark_ocr_read_past_the_owner_columns_edge_ending_a_line_is_the_rule_beside_it_left_out():
    """gen-6733-023 (scanned): the rule right of the owner column, with grain beside it, read as '=' at the end of
    'Learning and' (468.4-478.5, the column's letters ending by 471.5): the owner read 'Head of Learning and = Skills
    (Serco)'. Typed, a mark fits in its cell as its letters do; one read through OCR ending a line past the column's
    edge is left out (`cells.without_specks`). A mark within the edge, or a text layer's, is kept."""
    from actionplans.extract.cells import without_specks

    def w(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 11.5, "page": 8, "bearings": 1.15}
    ws = [w("Head", 399.2, 421.0, 654.9), w("of", 424.6, 436.9, 654.9), w("Learning", 399.2, 440.7, 667.5),
          w("and", 444.6, 462.3, 667.5), w("=", 468.4, 478.5, 667.5), w("Skills", 398.9, 424.4, 680.1),
          w("(Serco)", 427.7, 463.3, 680.1)]
    lines = without_specks(to_lines(ws), right=471.5)
    assert [ln.text for ln in lines] == ["Head of", "Learning and", "Skills (Serco)"]
    assert [ln.text for ln in without_specks(to_lines(ws))][1] == "Learning and ="  # no edge known: kept
    typed = [{k: v for k, v in x.items() if k != "bearings"} for x in ws]
    assert [ln.text for ln in without_specks(to_lines(typed), right=471.5)][1] == "Learning and ="
    within = [dict(x, text="&", x0=464.0, x1=471.0) if x["text"] == "=" else x for x in ws]
    assert [ln.text for ln in without_specks(to_lines(within), right=471.5)][1] == "Learning and &"


def test_a_word_the_second_look_wrote_twice_in_one_box_is_read_once():
    """gen-8117-011 scanned, page 5: the second look wrote 'TBC', 'Rhian' and 'Hughes,' as it read them in a block
    and again in the box of the one word it read across a layer word, with the layer word's text ('t' in the box of
    'TBC'); PDFium leaves out the blank after a word written, so 'TBC' runs on into 'Rhian' in the stream. The reader
    wove the copies ('TtTBBCC', 'HHuugghheess,,'): one reading stays in each box, the one that read the most."""
    import numpy as np
    from actionplans.extract import reader

    def word(text, x0, x1, top, bottom, blank=True):
        step = (x1 - x0) / len(text)
        return [(t, x0 + i * step, x0 + (i + 1) * step, top, bottom) for i, t in enumerate(text)] + (
            [(" ", x1, x1 + 3.5, top, bottom)] if blank else [])
    chars = (word("TBC", 359.28, 382.8, 610.1, 619.5) + word("Rhian", 441.84, 474.24, 606.7, 620.4)
             + word("Hughes,", 441.84, 489.12, 624.7, 634.0)
             + word("t", 359.28, 382.8, 610.1, 619.5) + word("TBC", 359.28, 382.8, 610.1, 619.5, blank=False)
             + word("Rhian", 441.84, 474.24, 609.7, 619.6) + word("Hughes,", 441.84, 489.12, 624.7, 634.0)
             + word("TBC", 230.0, 253.5, 610.1, 619.5))  # the same word elsewhere on the line: another word
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    blank = np.array([t.isspace() for t in text])
    out = reader.dropped([[45.72, 124.22, 341.86, 724.34]], x0, top, x1, bottom, blank, list(text))
    kept = np.flatnonzero(~out)
    got = reader._as_chars([text[i] for i in kept], x0[kept], x1[kept], top[kept], bottom[kept],
                           np.ones(len(kept), dtype=bool), np.full(len(kept), 9.4), ["Helvetica"] * len(kept))
    assert sorted(w["text"] for w in reader.words_of(got)) == ["Hughes,", "Rhian", "TBC", "TBC"]
    assert not reader.written_twice(list(text), x0, top, x1, bottom, np.ones(len(x0), dtype=bool)).any()
    # gen-5527-037 scanned, page 4: the layer's 'Manager (Forward' kept, and the second look's 'Manager' and
    # '(Forw:' read over it ('MMaannaaggeerr ((FFoorrww:a rd'): a word within another's span whose letters are a
    # run of the other's read less of it. '30' centred over 'November' on one baseline is another word
    chars = (word("Manager", 401.8, 437.5, 456.8, 466.8) + word("(Forward", 439.6, 475.6, 456.8, 466.8)
             + word("Manager", 402.0, 436.8, 456.3, 462.7) + word("(Forw:", 439.7, 463.2, 455.9, 462.6)
             + word("30", 440.0, 450.0, 456.8, 466.8))
    text, x0, x1, top, bottom = zip(*chars)
    x0, x1, top, bottom = (np.array(v, dtype=float) for v in (x0, x1, top, bottom))
    blank = np.array([t.isspace() for t in text])
    out = reader.dropped([[45.72, 124.22, 341.86, 724.34]], x0, top, x1, bottom, blank, list(text))
    assert "".join(t for t, o in zip(text, out) if not o) == "Manager (Forward 30 "


def test_a_line_tesseract_read_twice_at_another_size_is_read_once():
    """gen-8117-002 scanned, page 2: over 'should have clear targets and a plan to progress.' (set at 4.68 pt,
    its line's height) OCRmyPDF's layer holds a second line Tesseract found over the same ink, 'ould hi', 'it', 'da',
    'pli', 'ie' at 7.2 pt, its top 2.4 pt higher: one line to the word grouping, which wove the two letter by letter
    ('shoouuldld hi have cilte ar targets andd a a pplali n to progressi.e'). At each place the reading of more
    letters stays. Page 5: 'P' and 'ik' (10.08 pt) over 'telephones every day.' (6.12 pt) wove 'telepPh ikday';
    that line's 'December 2021' doubles nothing and stays. A mark alone, or two readings as long, are both kept."""
    import numpy as np
    from actionplans.extract import reader

    def word(text, x0, x1, top, size, blank=True):
        step = (x1 - x0) / len(text)
        return [(t, x0 + i * step, x0 + (i + 1) * step, top, top + size, size) for i, t in enumerate(text)] + (
            [(" ", x1, x1 + 1.5, top, top + size, size)] if blank else [])

    def read(chars):
        text, x0, x1, top, bottom, size = zip(*chars)
        x0, x1, top, bottom, size = (np.array(v, dtype=float) for v in (x0, x1, top, bottom, size))
        out = reader.doubled_readings(list(text), x0, top, x1, bottom, size, np.zeros(len(x0), dtype=bool))
        kept = np.flatnonzero(~out)
        got = reader._as_chars([text[i] for i in kept], x0[kept], x1[kept], top[kept], bottom[kept],
                               np.ones(len(kept), dtype=bool), size[kept], ["Helvetica"] * len(kept))
        return " ".join(w["text"] for w in reader.words_of(got))
    line = [("should", 115.92, 132.43), ("have", 143.28, 155.78), ("clear", 156.24, 172.89),
            ("targets", 173.88, 196.05), ("and", 197.28, 206.28), ("a", 210.6, 214.96), ("plan", 216.36, 230.85),
            ("to", 232.2, 239.0), ("progress.", 240.48, 268.55)]
    again = [("ould", 123.35, 137.61), ("hi", 139.32, 144.11), ("it", 158.76, 162.48), ("da", 204.84, 210.04),
             ("pli", 220.32, 224.0), ("ie", 266.4, 270.39)]
    chars = [c for t, a, b in line for c in word(t, a, b, 117.61, 4.68)]
    chars += [c for t, a, b in again for c in word(t, a, b, 115.25, 7.2)]
    assert read(chars) == "should have clear targets and a plan to progress."
    assert read([c for t, a, b in line for c in word(t, a, b, 117.61, 4.68)]
                + [c for t, a, b in again for c in word(t, a, b, 115.25, 4.68)]).startswith("shoouuld")  # one size
    chars = [c for t, a, b in [("telephones", 204.48, 238.11), ("every", 240.84, 251.74), ("day.", 260.64, 273.42)]
             for c in word(t, a, b, 322.03, 6.12)]
    chars += [c for t, a, b in [("P", 216.0, 220.8), ("ik", 252.0, 268.63), ("December", 599.4, 633.32)]
              for c in word(t, a, b, 324.65, 10.08)]
    assert read(chars) == "telephones every day. December"
    mark = word("/", 747.17, 750.86, 209.84, 15.48) + word("Educa", 747.36, 782.16, 210.22, 10.32)
    assert read(mark).replace(" ", "") == "/Educa"  # a mark alone reads no place: as the word grouping has it
    hyphened = word("M-", 570.0, 584.0, 176.46, 8.4) + word("anager", 580.0, 614.0, 178.72, 12.96)
    assert "M" in read(hyphened)  # only its mark over the other word: its letters double no place
    alike = word("to", 151.0, 160.0, 440.08, 12.96) + word("of", 152.0, 161.0, 438.82, 6.84)
    assert sorted(read(alike).replace(" ", "")) == sorted("toof")  # as many letters each: nothing tells which


def test_a_status_whose_space_ocr_read_as_a_stop_is_mended_and_ends_its_entry():
    """gen-8117-025 scanned: 'To be confirmed' read as 'To.be' / 'confirmed' atop a date cell of stacked statuses.
    The date grammar read no status, so no line below opened an entry and the cell's ten statuses ran into one.
    Read through OCR, the entries are judged as `dates.mend_misread` puts them back, a stop between two words'
    letters read as the space it was where a status is then named."""
    from actionplans.extract.cells import Line
    from actionplans.extract.dates import mend_misread
    from actionplans.extract.pipeline import opens_read_date
    assert mend_misread("To.be confirmed") == "To be confirmed"
    assert mend_misread("St.Johns") == "St.Johns"  # no status, no date: as read
    cell = [Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=0.9) for w in ln.words])
            for ln in to_lines(words("To.be", "confirmed", None, "TBC", None, "TBC", x0=418.0, pitch=9.0))]
    sp = Spacing(10.08, 7.7)
    read = entries(cell, None, opens_read_date, sp, split_segments=True, right=459.6, segment_opens=opens_read_date)
    assert [e.text for e in read] == ["To.be confirmed", "TBC", "TBC"]
    read = entries(cell, None, opens_date, sp, split_segments=True, right=459.6, segment_opens=opens_date)
    assert len(read) == 1  # without the mend
    # misread past mending ('confirmed' read as '4 COMUNE'), an entry still ends before a status in words alone
    cell = [Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=0.9) for w in ln.words])
            for ln in to_lines(words("To be", "4 COMUNE", None, "TBC", None, "Tobe", "confirmed", x0=418.0, pitch=9.0))]
    read = entries(cell, None, opens_read_date, sp, split_segments=True, right=459.6, segment_opens=opens_read_date)
    assert [e.text for e in read] == ["To be 4 COMUNE", "TBC", "Tobe confirmed"]
    assert not opens_read_date("June 2021", "Review of processes")  # a date after words: not a status alone


def test_the_lines_below_a_header_repeat_on_later_pages_though_ocr_read_a_stop_there_once():
    """gen-8117-025 scanned: the first page's header was read one line deep ('... action' / 'planned. Date Owner':
    no rule under it, the shading lost), its second line kept as a line that followed it. Repeated atop each later
    page, OCR read 'planned Date Owner' with no stop, which is not that line word for word, and the headings 'Date'
    and 'Owner' joined the last entries of the record continued there. Read through OCR, a line that follows is
    the same where its letters and digits are; a digit that differs still tells a body line apart."""
    from actionplans.extract.cells import Line
    from actionplans.extract.tables import _repeat_depth
    first = to_lines(words("1. Rec No 2. Recommendation 3. Agreed/ Not", "planned. Date Owner", top=97.0, pitch=10.2))
    head, after = [first[0].text], [(first[1].text, first[1].top - first[0].top)]
    later = to_lines(words("1. Rec No 2. Recommendation 3. Agreed/ Not", "planned Date Owner", "TBC", top=80.0,
                           pitch=10.2))
    scanned = [Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=0.9) for w in ln.words])
               for ln in later]
    assert _repeat_depth(scanned, 0, head, after) == 2
    assert _repeat_depth(later, 0, head, after) == 1  # a text layer reads it word for word
    again = to_lines(words("1. Rec No 2. Recommendation 3. Agreed/ Not", "Recommendation 2", top=80.0, pitch=10.2))
    assert _repeat_depth([Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(w, bearings=0.9) for w in ln.words])
                          for ln in again], 0, head, [("Recommendation 1", 10.2)]) == 1


def test_a_second_reading_of_a_date_lines_ink_less_than_a_line_below_it_is_left_out():
    """gen-6733-002 scanned: 'May –' / 'August 2023' in a date cell. OCR's layer set 'Aueust 2099' over the gap
    between the two lines, and the second look read the ink no box covered, 'August' where it stands, as 'Augu:',
    9 pt below a line of 11.5 pt type: a third line of the cell, read as a second date entry ('Augu:') beside the
    next action. Two lines whose type would overlap are one line's ink read twice: the one the date grammar reads
    nothing of goes. A wrapped date's year set less than a line below its month is read, and stays."""
    from actionplans.extract.cells import without_rereadings
    cell = to_lines(ocr_line("May -", 270.6, 723.6, h=11.5, char=5.6) + ocr_line("Aueust 2099", 278.9, 722.5, h=11.5)
                    + ocr_line("Augu:", 288.1, 722.6, h=11.5))
    assert [ln.text for ln in without_rereadings(cell)] == ["May -", "Aueust 2099"]
    assert [ln.text for ln in without_rereadings(cell, Settings(reread_step=0.5))] == [ln.text for ln in cell]
    stacked = to_lines(ocr_line("30 November", 300.0, 486.7, h=9.0) + ocr_line("2018", 306.9, 486.7, h=9.0))
    assert [ln.text for ln in without_rereadings(stacked)] == ["30 November", "2018"]
    typed = to_lines(ocr_line("May -", 270.6, 723.6, h=11.5, char=5.6) + ocr_line("Augu:", 286.4, 722.6, h=11.5))
    assert len(without_rereadings(typed)) == 2  # a line's pitch apart: two lines, whatever they read
    # gen-6733-036, gen-5527-017: OCR's boxes of two lines may stand as near ('September' over '99', read for '2021';
    # 'November 2020' over '(pilot)'): a line that opens otherwise is no second reading of the line's ink, and stays
    near = to_lines(ocr_line("September", 556.2, 431.6, h=10.0) + ocr_line("99", 564.1, 431.6, h=10.0))
    assert len(without_rereadings(near)) == 2


def test_to_ocr_ran_into_the_word_before_it_is_parted():
    """gen-8117-022 (scanned): the date cell's note '(subject to funding)' read '(subjectto' and, a speck in its
    space, '(subject.to': the date read 'april 2021 subjectto' and the note's end, 'funding)', an entry of its own
    for the next action (the cell's 'to' that carries a note on over its wrap was lost in the word). 'to' is a
    joining word as 'of' and 'and' are: run into an English word, the whole none, or set after it with a stop read
    in the space, it is parted, an opening bracket kept with the word it opens (`ocr.split_glued`); a capital opens
    no joining word ('Tobe', which the date grammar mends: `dates.mend_misread`) and an English word stays
    ('potato', 'tomorrow')."""
    from actionplans.extract import ocr

    def read(text):
        return [w["text"] for w in ocr.split_glued({"text": text, "x0": 0.0, "x1": 60.0, "top": 0.0, "bottom": 9.0})]
    assert read("(subjectto") == ["(subject", "to"]
    assert read("subjectto") == ["subject", "to"]
    assert read("(subject.to") == ["(subject", "to"]
    assert read("tosee") == ["to", "see"]
    for text in ("Tobe", "Toronto", "potato", "tomorrow", "(subjectot"):
        assert read(text) == [text]


def test_a_word_ocr_parted_with_no_space_between_its_pieces_is_joined():
    """gen-5527-025 and gen-6733-006 (scanned): Tesseract parted 'Coordinator' into 'Coordinat' 'or' (the two boxes
    meeting at 631.0 pt) and 'Security' into 'Securit' 'y' (1.5 pt apart, the 'y' a line box of its own): the
    owners read 'violence reduction coordinat or' and 'head of securit y'. A word no English one, and a word
    on its line that starts where it ends, are one where the two make a word English or the document's
    (`ocr.join_parted`); an English first word ('Safer' 'Custody'), two a space apart, or two that make no word of
    four letters ('e' 'd', 'Xqz' 'or') stay."""
    from actionplans.extract import ocr

    def read(pairs, seen=frozenset()):
        ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 8.6} for t, x0, x1, top in pairs]
        return [(w["text"], w["x0"], w["x1"]) for w in ocr.join_parted(ws, ocr.OcrSettings(), seen)]
    assert read([("Coordinat", 580.0, 631.0, 370.0), ("or", 631.0, 641.0, 370.0)]) == [
        ("Coordinator", 580.0, 641.0)]
    assert read([("Securit", 466.6, 502.9, 663.1), ("y", 504.4, 510.2, 666.8)]) == [("Security", 466.6, 510.2)]
    assert read([("Kwa", 100.0, 116.0, 50.0), ("me", 116.0, 128.0, 50.0)], frozenset({"kwame"})) == [
        ("Kwame", 100.0, 128.0)]
    for pairs in ([("Safer", 100.0, 125.0, 50.0), ("Custody", 125.0, 160.0, 50.0)],  # English as read
                  [("Coordinat", 580.0, 631.0, 370.0), ("or", 634.0, 644.0, 370.0)],  # a space apart
                  [("e", 100.0, 104.0, 50.0), ("d", 104.0, 108.0, 50.0)],
                  [("Xqz", 100.0, 116.0, 50.0), ("or", 116.0, 126.0, 50.0)],
                  [("Coordinat", 580.0, 631.0, 370.0), ("or", 631.0, 641.0, 390.0)]):  # the next line's
        assert [t for t, *_ in read(pairs)] == [t for t, *_ in pairs]


def test_a_word_ocr_read_letter_by_letter_is_joined():
    """gen-8117-005 (scanned): Tesseract read 'Nowak)' of 'Head of Security (Chris Nowak)' letter by letter, six boxes
    each starting where the one before ends ('N' 580-588, 'o' 588-594, ... ')' 613-617), and 'briefing, wing' as 'b'
    'r' 'ie' 'f' 'i' 'ng' ',' 'w' 'in' 'g': the owner read 'chris n o w a k'. A run of three pieces or more of one or
    two letters, touching, is one word where its letters make one English or the document's, with a closing mark
    that touches its end (`ocr.join_spelt`); a run a space parts, pieces that make no word, or two pieces
    (`join_parted`'s) stay."""
    from actionplans.extract import ocr

    def read(pieces, seen=frozenset()):
        ws = [{"text": t, "x0": x0, "x1": x1, "top": 491.4, "bottom": 500.0} for t, x0, x1 in pieces]
        return [(w["text"], w["x0"], w["x1"]) for w in ocr.join_spelt(ws, ocr.OcrSettings(), seen)]
    nowak = [("N", 580.0, 588.0), ("o", 588.0, 594.0), ("w", 594.0, 602.0), ("a", 602.0, 608.0), ("k", 608.0, 613.0),
             (")", 613.0, 617.0)]
    assert read(nowak, frozenset({"nowak"})) == [("Nowak)", 580.0, 617.0)]
    briefing = [("b", 300.0, 306.0), ("r", 306.0, 310.0), ("ie", 309.0, 318.0), ("f", 318.0, 321.0),
                ("i", 321.0, 323.0), ("ng", 323.0, 336.0), (",", 335.0, 339.0), ("w", 340.0, 349.0),
                ("in", 348.0, 358.0), ("g", 357.0, 364.0)]
    assert read(briefing) == [("briefing,", 300.0, 339.0), ("wing", 340.0, 364.0)]
    for pieces in (nowak,  # no word: 'nowak' is not English, nor the document's here
                   [("w", 340.0, 349.0), ("in", 351.0, 361.0), ("g", 363.0, 370.0)],  # a space apart
                   [("x", 100.0, 104.0), ("q", 104.0, 108.0), ("zz", 108.0, 116.0)],
                   [("e", 100.0, 104.0), ("go", 104.0, 112.0)]):
        assert [t for t, *_ in read(pieces)] == [t for t, *_ in pieces]


def test_a_token_ocr_parted_at_its_slash_is_one_broken_at_the_columns_edge():
    """gen-5527-018 (scanned): '(Amey)/Substa' + 'nce Misuse Lead', a token too wide for the owner column broken at
    its edge, read '(Amey)/' 'Substa' (Tesseract parts a token at its slash): a line of two words, so no broken
    word, and the owner read 'fm manager ameysubsta' and 'nce misuse lead', the lower line an entry of its own
    beside the next action. On a line read through OCR, words that meet at a slash are one token
    (`cells.mend_breaks`); a line glued to the one above opens neither an entry nor a segment, whatever paragraph
    it sits beside (`cells.entries`: a word's rest starts nothing). A text layer's line of two words stays."""
    def cell(**extra):
        ws = [{"text": "Manager", "x0": 706.3, "x1": 750.6, "top": 200.0, "bottom": 211.9},
              {"text": "(Amey)/", "x0": 707.0, "x1": 747.6, "top": 213.4, "bottom": 225.3},
              {"text": "Substa", "x0": 747.4, "x1": 783.6, "top": 213.4, "bottom": 225.3},
              {"text": "nce", "x0": 706.7, "x1": 722.5, "top": 226.8, "bottom": 238.7},
              {"text": "Misuse", "x0": 725.8, "x1": 760.1, "top": 226.8, "bottom": 238.7}]
        return mend_breaks(to_lines([dict(w, page=3, **extra) for w in ws]), 785.3)
    lines = cell(bearings=0.9)
    assert [ln.glued for ln in lines] == [False, False, True]
    assert reflow(lines) == "Manager (Amey)/ Substance Misuse"
    beside = {id(ln): k for k, ln in enumerate(lines)}  # each line beside a paragraph of its own
    got = entries(lines, beside=lambda ln: beside[id(ln)], opens=lambda line, before: True, right=785.3)
    assert [e.text for e in got] == ["Manager", "(Amey)/ Substance Misuse"]
    assert [ln.glued for ln in cell()] == [False, False, False]  # typed: two words, a space between


def test_a_full_stop_ocr_read_between_an_acronym_and_a_word_parts_them():
    """gen-6029-001 (scanned): 'FM Manager (GEO Group)', a speck in the space read as a full stop, 'FM.Manager':
    the owner read 'fmmanager geo group'. An acronym of the document's ('FM' printed elsewhere in it; no English
    word) and a capitalised word with a stop read between them are two, the stop left out (`ocr.split_glued`); an
    acronym the document lacks, or letters with stops ('U.S.Army', 'Ph.D'), stay."""
    from actionplans.extract import ocr

    def read(text, seen=frozenset()):
        return [w["text"] for w in ocr.split_glued({"text": text, "x0": 0.0, "x1": 60.0, "top": 0.0, "bottom": 9.0},
                                                   seen)]
    assert read("FM.Manager", frozenset({"fm"})) == ["FM", "Manager"]
    assert read("FM.Manager") == ["FM.Manager"]
    assert read("U.S.Army", frozenset({"us", "u", "s"})) == ["U.S.Army"]
    assert read("Ph.D", frozenset({"ph"})) == ["Ph.D"]


def test_a_joining_word_ocr_ran_into_the_rest_of_a_word_broken_at_the_columns_edge_is_parted():
    """gen-8117-003 (scanned): 'Keyworker Coordinator and Violence Reduction Coordinator' in a column too narrow
    for 'Coordinator', printed 'Coordinato' / 'r and' / 'Violence'; Tesseract read 'r and' as 'rand', which
    `mend_breaks` glued on: 'Coordinatorand', one owner where there are two. On a line read through OCR, a joining
    word run into the broken word's rest is parted where the word with it is none the plans know and without it is
    one (`cells.mend_breaks`, `_joiner_run_in`); a typed line, or one whose word stays no word, is left."""
    def cell(head="Coordinato", **extra):
        ws = [{"text": "Keyworker", "x0": 424.0, "x1": 462.0, "top": 216.4, "bottom": 226.4},
              {"text": head, "x0": 423.0, "x1": 464.0, "top": 229.3, "bottom": 239.3},
              {"text": "rand", "x0": 424.0, "x1": 441.0, "top": 241.9, "bottom": 251.9},
              {"text": "Violence", "x0": 423.0, "x1": 454.0, "top": 255.8, "bottom": 265.8}]
        return mend_breaks(to_lines([dict(w, page=7, **extra) for w in ws]), 465.0)
    lines = cell(bearings=0.9)
    assert reflow(lines) == "Keyworker Coordinator and Violence"
    assert [(w["text"], round(w["x0"], 2), round(w["x1"], 2)) for w in lines[2].words] == [
        ("r", 424.0, 428.25), ("and", 428.25, 441.0)]
    assert reflow(cell()) == "Keyworker Coordinatorand Violence"  # a text layer's word, as typed
    assert reflow(cell("Xqzwto", bearings=0.9)) == "Keyworker Xqzwtorand Violence"


def test_a_years_digit_ocr_read_onto_the_months_name_before_it_goes_back_to_the_year():
    """gen-8117-002 and gen-6733-034 (scanned): 'November 2021' read 'November2' '021' and 'August 2019' 'August2'
    '019', the two boxes meeting: the date read 'november 2 021', no date. The space was read a digit late; where
    the year's rest starts where the month's word ends (no digit lost between them) and the digits together are a
    year, they move to it (`ocr.year_respaced`); a split with a gap ('2 021' a space apart may have lost a digit),
    digits that make no year ('May02' '20') or a word no month's name stay as read."""
    from actionplans.extract import ocr

    def read(pairs):
        ws = [{"text": t, "x0": x0, "x1": x1, "top": 0.0, "bottom": 9.0} for t, x0, x1 in pairs]
        return [(w["text"], round(w["x0"], 1), round(w["x1"], 1)) for w in ocr.year_respaced(ws, ocr.OcrSettings())]
    assert read([("November2", 599.4, 639.0), ("021", 639.0, 652.0)]) == [
        ("November", 599.4, 634.6), ("2021", 634.6, 652.0)]
    assert [t for t, *_ in read([("August2", 726.1, 769.3), ("019", 769.3, 785.0)])] == ["August", "2019"]
    for pairs in ([("November2", 599.4, 639.0), ("021", 645.0, 658.0)], [("May02", 726.5, 759.0), ("20", 759.0, 770.0)],
                  [("Mayo2", 599.4, 639.0), ("021", 639.0, 652.0)]):
        assert [t for t, *_ in read(pairs)] == [t for t, *_ in pairs]


def test_a_page_counts_number_and_of_ocr_read_as_one_word_are_parted_so_the_footer_is_furniture():
    """gen-5190-034 (scanned): the footer 'Page 4 of 6' read 'Page' '40f' '6', the 'o' a zero and no space before it:
    no page number, so not dropped as furniture, and its words joined the date cell above it, 'Page 40f 6 Autumn
    2023'. After 'Page' on its line and before a number alone no smaller, the word is the page's number and 'of'
    (`ocr.page_count_parted`); with no 'Page' before it, or a count smaller than the number, it stays as read."""
    from actionplans.extract import ocr

    def read(triples):
        ws = [{"text": t, "x0": x0, "x1": x1, "top": 572.8, "bottom": 581.0} for t, x0, x1 in triples]
        return [w["text"] for w in ocr.page_count_parted(ws)]
    footer = [("Page", 750.0, 770.0), ("40f", 773.0, 788.0), ("6", 792.0, 796.0)]
    assert read(footer) == ["Page", "4", "of", "6"]
    assert read([("Page", 750.0, 770.0), ("40f", 773.0, 788.0), ("3", 792.0, 796.0)]) == ["Page", "40f", "3"]
    assert read(footer[1:]) == ["40f", "6"]


def test_stacked_words_ocr_boxed_overlapping_by_much_of_their_height_are_two_lines_not_one_read_by_x():
    """gen-8117-002 (scanned): the decision cell prints 'PARTLY' over 'AGREED'; OCR boxed 'PARTLY' half a line low,
    so the two boxes overlap by more than `line_overlap` and were chained into one line ordered by x, 'AGREED PARTLY'
    (read as agreed). Two words of one line never lie across one another: a word read through OCR lying across one
    of the line gathered, lower than it by more than `stacked_step` of its height, opens the next line
    (`cells.to_lines`); a reading of the same ink at the same height, or a typed line, is left as it was."""
    cell = [{"text": "PARTLY", "x0": 300.7, "x1": 331.2, "top": 220.7, "bottom": 228.7, "page": 2},
            {"text": "AGREED", "x0": 300.6, "x1": 333.5, "top": 225.2, "bottom": 233.2, "page": 2}]
    assert [ln.text for ln in to_lines([dict(w, bearings=0.8) for w in cell])] == ["PARTLY", "AGREED"]
    assert [ln.text for ln in to_lines(cell)] == ["AGREED PARTLY"]  # a text layer's words: as before
    level = [dict(cell[0], bearings=0.8), dict(cell[1], top=221.2, bottom=229.2, bearings=0.8)]
    assert len(to_lines(level)) == 1


def test_a_long_line_ocr_read_askew_stays_one_line_though_its_ends_no_longer_overlap():
    """gen-8117-013 (scanned): a banner atop every page is dropped as furniture, but on the last page, more askew, its
    line's words rise 6 pt over 490 pt: its last word 'as' no longer overlapped the first word 'Actions' by
    `line_overlap`, opened a line of its own and took the next line's 'restrictions' with it, so the banner matched
    none of the other pages' and its text fell into the last record. A word read through OCR is measured against the
    line's word nearest it, a word space or less away, where it fails against the first (`cells.to_lines`)."""
    banner = "Actions against target dates are likely to be delayed due to COVID-19 and the restricted regimes " \
             "in place; progress will be reviewed as"
    ws, x = [], 50.0
    for k, t in enumerate(banner.split()):
        top = 18.3 + 0.3 * k
        ws.append({"text": t, "x0": x, "x1": x + 5.0 * len(t), "top": top, "bottom": top + 9.4, "page": 8,
                   "bearings": 1.0})
        x += 5.0 * len(t) + 3.0
    ws += [dict(w, top=w["top"] + 11.3, bottom=w["bottom"] + 11.3, page=8, bearings=1.0)
           for w in words("restrictions are eased.", x0=50.0, top=18.3)]
    assert [ln.text for ln in to_lines(ws)] == [banner, "restrictions are eased."]


def test_a_decision_word_ocr_misread_into_no_word_is_the_one_answer_it_resembles():
    """gen-5527-035 (scanned): the decision cell prints 'rejected'; Tesseract read 'puiected' and the j's tail under
    it as 'J', which the decision vocabulary reads nothing of: the record had no decision. A decision cell read
    through OCR whose one word of more than two letters is no word and resembles one answer by `decision_likeness`
    and no other is read as that answer (`decisions.misread_answer`; the warning stays). A word that is a word, one
    like two answers, or a cell that says more is left undecided."""
    from actionplans.extract.decisions import misread_answer

    likeness = Settings().decision_likeness
    assert misread_answer("puiected J", likeness) == "rejected"
    assert misread_answer("Aqreed", likeness) == "agreed"
    for text in ("expected", "aecepted", "puiected by the Governor", "Noted"):
        assert misread_answer(text, likeness) is None


def test_a_number_ocr_read_wholly_as_letters_in_a_date_entry_is_put_back_where_the_grammar_reads_it():
    """gen-5190-024 (scanned): the date cell prints 'Within 12 months'; Tesseract read the number as 'LZ', no digit
    left in it, and the entry was unparsed (dates 0.75). Letters OCR reads for digits ('L' for '1', as in a quarter's
    'QL'; 'Z' for '2') make the number only where there are two or more, they are no word, and the date grammar then
    reads the entry with nothing it read before lost (`dates.mend_misread`); a word stays as read."""
    from actionplans.extract.dates import mend_misread, parse_target_date

    assert mend_misread("Within LZ months") == "Within 12 months"
    assert mend_misread("Within lz months") == "Within 12 months"
    assert parse_target_date(mend_misread("Within LZ months")).precision == "relative"
    for text in ("is 2021", "So far 2024", "All 2024", "LL 2024", "Oil 2024"):
        assert mend_misread(text) == text


def test_a_slot_before_a_misread_ref_put_right_ahead_of_the_first_clean_one_is_the_number_before_it():
    """gen-5190-038 (scanned): 'Priority' / 'concern' / '1' read with '1' as 'a', '2' as '2:', the clean refs '3' on.
    '2:' was put right as the slot next to '3'; 'a', a slot further on, was only marked, so its row opened at 'a'
    and the label above it joined the record before (recall 0.60). Before the first clean ref, a slot put right is
    the next slot's neighbour: after a label, one or two characters there are the number before it, down to 1."""
    from actionplans.extract import ocr

    def w(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}
    ws = []
    for k, (first, number) in enumerate([("Priority", "a"), ("Priority", "2:"), ("Key", "3"), ("Key", "4")]):
        top = 100 + 60 * k
        ws += [w(first, 46, top), w("concern", 46, top + 11), w(number, 46, top + 22), w("Leaders", 120, top + 22)]
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
    assert [x["text"] for x in ws if x["x0"] == 46 and x["text"] not in ("Priority", "Key", "concern")] == [
        "1", "2", "3", "4"]
    ws = []  # no label: a plan may count from anywhere ('S30'); ink read as no digit before a '6' is only marked
    for k, number in enumerate(["a", "6:", "7", "8"]):
        ws += [w(number, 46, 100 + 30 * k), w("Leaders", 120, 100 + 30 * k)]
    ocr.sequence_refs([{"page": 1, "words": ws}], {1}, ocr.OcrSettings(), 9.0)
    assert [x["text"] for x in ws if x["x0"] == 46] == ["a", "6", "7", "8"] and ws[0].get("ref_slot")


def _centred_first_record(grain="", first_ref="1", scanned=True, label=("Priority", "concern")):
    """A plan's first two records, refs centred down their cells ('Priority' / 'concern' / N), each one's text and
    decision at its row's top; `grain` alone in the ref column flush above the first ref's label."""
    from actionplans.extract.cells import text_of
    from actionplans.extract.tables import TableScanner
    x0s = (46, 110, 290, 470, 540)
    ws = row(("Rec No", "Recommendation", "Response", "Deadline", "Owner"), 60, x0s)
    ws += row(("", "Prisoners should have", "PARTIALLY AGREED", "", ""), 90, x0s)
    ws += row(("", "timely access to care.", "", "", ""), 101.5, x0s)
    ws += row((grain, "", "The provider will publish", "Mar-20", "Governor"), 116.5, x0s)
    ws += row((label[0], "", "timetables on each wing.", "", ""), 128, x0s)
    ws += row((label[1], "", "", "", ""), 139.5, x0s)
    ws += row((first_ref, "", "Waiting times will be", "Jul-20", "Governor"), 151, x0s)
    ws += row(("", "", "reviewed each month.", "", ""), 162.5, x0s)
    ws += row(("", "Leaders should act", "AGREED", "", ""), 200, x0s)
    ws += row(("", "on self-harm.", "", "", ""), 211.5, x0s)
    ws += row((label[0], "", "", "", ""), 223, x0s)
    ws += row((label[1], "", "Case reviews will be held.", "Jul-20", "Governor"), 234.5, x0s)
    ws += row(("2", "", "", "", ""), 246, x0s)
    ws += row(("", "", "A strategy will be", "Dec-20", "Governor"), 257.5, x0s)
    ws += row(("", "", "published.", "", ""), 269, x0s)
    ws = [dict(w, page=1) for w in ws]
    if first_ref == "i":
        for w in ws:
            if w["text"] == "i":
                w["ref_slot"] = True  # `ocr.sequence_refs`: a ref OCR could not read, where refs stand
    scanner = TableScanner()
    scanner.add_page(1, ws, [], [], scanned=scanned)
    return [(text_of(r.words("ref")), text_of(r.words("text"))[:10]) for r in scanner.finish().rows]


def test_grain_flush_above_a_scanned_ref_parts_no_centred_ref_from_its_rows_top():
    """gen-5190-019 (scanned): the first record's 'Priority' / 'concern' / '1' sits low in its cell, its text and
    decision at the row's top; OCR read grain flush above 'Priority' as 'oe', where the page shows nothing. Ref-column
    words between a row's top and its ref are another row's (a section's, a ref's), so the plan's refs were not seen
    to be centred, the first row's top was read as text before any record and dropped (recall 0.75). On a scanned
    page a word of `speck_letters` letters, no digit or capital, alone in the ref column flush above a ref, is
    grain (`TableScanner._grain_over_refs`)."""
    assert _centred_first_record() == [("Priority concern 1", "Prisoners "), ("Priority concern 2", "Leaders sh")]
    assert _centred_first_record("oe") == [("Priority concern 1", "Prisoners "), ("Priority concern 2", "Leaders sh")]


def test_a_ref_ocr_could_not_read_shows_a_first_records_ref_set_low_in_its_cell():
    """gen-5190-006 (scanned): the first ref '1.1', set low in its cell, read 'i' and marked a slot where a ref
    stands (`ocr.sequence_refs`), but the ref spans the centred-ref reading looks for took no slot: the ref seemed
    typed at its row's top, the lines above it were text before any record and the first record's text was lost.
    A slot is a ref there as it is where rows open."""
    assert _centred_first_record(first_ref="i", label=("", "")) == [("i", "Prisoners "), ("2", "Leaders sh")]


def test_read_through_ocr_a_bracket_left_open_yields_to_a_clear_hard_break():
    """gen-6733-034 (scanned): owners stacked at the top of the cell, one per action, 'Head of Residence (Rhian
    Evans), Grace' / 'Smith – Safer Custody' / 'Manager' / 'Head of Residence' / '(Rhian Evans)'. OCR read the second
    line '(liter Ge Ge:', losing its closing bracket, and the bracket left open ran every line below into the owner:
    'Manager' and 'Head ef Hecidence (Rhian tvs)' were one, three owners for four dates. Read through OCR, a bracket
    left open (`cells.open_bracket_only`) yields where the layout shows Enter with an em to spare (`ocr_wrap_slack`):
    'Head' would have fitted after 'Manager' with 70 pt left. A wrap inside a bracket ('(Grace' / 'Hughes),') stays
    one owner; a text layer's open bracket still holds its lines together."""
    rows = [("Head of Safety (Grace", 199.0, [(570, 595), (598, 608), (609, 640), (643, 674)]),
            ("Hughes), Beth Evans -", 212.7, [(570, 613), (616, 639), (642, 671), (674, 678)]),
            ("Deputy Governor", 226.7, [(570, 605), (607, 653)]),
            ("Head of Resid", 240.4, [(570, 581), (595, 607), (628, 640)]),
            ("(liter Ge Ge:", 254.1, [(570, 604), (606, 635), (647, 673)]),
            ("Smith- Safer Custody", 268.1, [(569, 608), (609, 640), (640, 680)]),
            ("Manager", 289.7, [(570, 614)]),
            ("Head ef Hecidence", 301.6, [(570, 596), (597, 608), (609, 660)]),
            ("(Rhian tvs)", 315.3, [(570, 605), (606, 638)])]
    sp = Spacing(13.7, 6.1)  # the plan's: 6 pt after each paragraph
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 11.9, "page": 2, "bearings": 0.94}
          for text, top, boxes in rows for t, (x0, x1) in zip(text.split(), boxes)]
    (entry,) = entries(to_lines(ws), opens=opens_owner, spacing=sp, right=695.9, segment_opens=stacks_owner)
    assert entry.segments == ["Head of Safety (Grace Hughes), Beth Evans - Deputy Governor",
                              "Head of Resid (liter Ge Ge: Smith- Safer Custody Manager",
                              "Head ef Hecidence (Rhian tvs)"]
    typed = [{k: v for k, v in w.items() if k != "bearings"} for w in ws]
    (entry,) = entries(to_lines(typed), opens=opens_owner, spacing=sp, right=695.9, segment_opens=stacks_owner)
    assert entry.segments[-1] == ("Head of Resid (liter Ge Ge: Smith- Safer Custody Manager Head ef Hecidence "
                                  "(Rhian tvs)")
    # gen-5527-017: a word OCR set beside the line above, not below it ('Equalities' / 'Lead' 0.3 pt apart), is no
    # Enter, though it would have fitted there: the bracket OCR left open ('(c(hNra') still holds it on
    rows = [("Lead (c(hNra", 373.1, [(611, 630), (634, 648)]), ("Head of Operations", 389.6, [(611, 633), (636, 645),
                                                                                            (648, 689)]),
            ("Equalities", 405.5, [(611, 650)]), ("Lead", 405.8, [(653, 672)])]
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.4, "page": 4, "bearings": 0.94}
          for text, top, boxes in rows for t, (x0, x1) in zip(text.split(), boxes)]
    from actionplans.extract.cells import Line
    lines = [*to_lines(ws[:-2]), *(Line(4, w["top"], w["bottom"], w["x0"], w["x1"], [w]) for w in ws[-2:])]
    assert [ln.text for ln in lines][-2:] == ["Equalities", "Lead"]  # two lines, as the reader took OCR's layer
    (entry,) = entries(lines, opens=opens_owner, spacing=Spacing(10.4, 5.8), right=700.2, segment_opens=stacks_owner)
    assert entry.segments[-1].endswith("Equalities Lead")


def test_read_through_ocr_a_character_within_another_words_span_leaves_the_response_line():
    """gen-6733-034 (scanned): 'In response, the Senior Leadership Team has agreed' / 'that:', and OCR read the colon's
    ink again as 'j', set 6 pt above 'that:' and within its span: the line read 'that: j', the paragraph ended in no
    colon and was no lead-in, and the stacked dates went to it, one paragraph early each. Two words of a line never
    overlap: a character or two read through OCR within another word's span, running on into no word, is ink read
    again or grain, and leaves the response's line as it leaves an owner's (`cells.without_inside`). Typed, it
    stays."""
    from actionplans.extract.cells import lead_in, without_inside
    rows = [("In response, the Senior Leadership Team has agreed", 260.9,
             [(280, 291), (293, 338), (341, 357), (360, 393), (394, 450), (451, 479), (481, 497), (500, 535)]),
            ("j", 268.8, [(300, 303)]), ("that:", 274.6, [(280, 303)])]
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 11.9, "page": 6, "bearings": 0.94}
          for text, top, boxes in rows for t, (x0, x1) in zip(text.split(), boxes)]
    assert [ln.text for ln in to_lines(ws)][-1] == "that: j"
    lines = without_inside(to_lines(ws))
    assert [ln.text for ln in lines][-1] == "that:"
    (para,) = paragraphs(lines, right=560)
    assert lead_in(para)
    typed = [{k: v for k, v in w.items() if k != "bearings"} for w in ws]
    assert [ln.text for ln in without_inside(to_lines(typed))][-1] == "that: j"


def _askew_layer(lines, slope, size=9.0, width=842.0, height=595.0):
    """A landscape page's words as OCRmyPDF's layer sets lines Tesseract read sloped: each word along its line's
    baseline, turned by `slope` about the page's centre, in a box of its own as tall as its letters and its rise.
    `lines`: (baseline, [(cell's text, its left)]) as typed, a space a quarter of the font size."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()
    out = []
    for baseline, cells in lines:
        for text, x in cells:
            for word in text.split():
                x0, x = x, x + ocr._ems(word) * size
                ends = [(u - slope * (baseline - height / 2), baseline + slope * (u - width / 2)) for u in (x0, x)]
                out.append({"text": word, "x0": ends[0][0], "x1": ends[1][0],
                            "top": min(y for _, y in ends) - (1 - s.layer_descent) * size * s.ascender,
                            "bottom": max(y for _, y in ends) + s.layer_descent * size * s.ascender})
                x += 0.25 * size
    return {"page": 1, "width": width, "height": height, "words": out, "tables": [], "rules": []}


def test_a_scanned_page_left_askew_by_deskewing_is_set_straight_before_its_lines_are_read():
    """gen-5527-001 (scanned): deskewing left page 8 turned 0.8 degrees, and OCRmyPDF set each line's words along its
    sloped baseline: the header's 'Rec No' stood 9 pt under 'Target Date' 660 pt to its right and the banner's
    'Actions' 4 pt under 'eased.'. Both were read as two and three lines, each a section row, and the rows under them
    were lost from R10 (its last actions' owners and dates; response 0.66). The page's slope is the middle one
    between neighbouring words of its lines (`ocr.tilt`), and its words are turned back about the page's centre
    (`ocr.straighten`): each line one level, each column's starts one above another. A layer set level measures 0."""
    from actionplans.extract import ocr
    header = [("Rec No", 54), ("Recommendation", 165), ("Decision and response", 387), ("Responsible Owner", 587),
              ("Target Date", 718)]
    body = [(100.6 + 12.6 * k, [("the plan will be shared at each wing forum", 320)]) for k in range(8)]
    lines = [(88.0, header), *body, (200.0, [("Business Hub Manager", 581)])]

    def read(settings):
        page = _askew_layer(lines, -0.014)
        ocr.repair([page], [1], settings)
        return to_lines(page["words"])
    got = read(ocr.OcrSettings())
    assert got[0].text == "Rec No Recommendation Decision and response Responsible Owner Target Date"
    assert len(got) == len(lines)
    assert len({round(w["top"], 1) for w in got[0].words}) == 1
    assert len({round(ln.words[0]["x0"], 1) for ln in got[1:-1]}) == 1  # the body's lines start one above another
    assert len(read(ocr.OcrSettings(tilt_least=1.0))) > len(lines)  # as read, the header in three lines
    assert ocr.tilt(_askew_layer(lines, 0.0)["words"], ocr.OcrSettings()) == 0.0  # each line's words in one box


def test_a_first_reading_between_two_lines_the_second_look_wrote_in_read_their_ink_again():
    """gen-5527-016 (scanned): Tesseract read the ink between 'reviewed,' and 'including foreign' (the comma, the i's
    dots, the ascenders) as a line of its own, ': eee ne', set 5.6 pt under 'reviewed.' and 8 pt over 'including',
    both of which the second look wrote in: the recommendation read '... reviewed. eee ne including ...'. Two lines
    one pitch apart leave no room for a line between them: a word of the first reading between two written words
    above and below it, each across it, is their ink read again (`ocr.between_written`). One beside a written word on
    its own line ('hatM' beside 'uslim', gen-5190-010: the only reading of 'hat M') stays, as does one under a word
    of the first reading."""
    from actionplans.extract import ocr
    s = ocr.OcrSettings()

    def layer(text, x0, baseline, above=7.2):
        return {"text": text, "x0": x0, "x1": x0 + ocr._ems(text) * 10.0,
                "top": baseline - (1 - s.layer_descent) * above, "bottom": baseline + s.layer_descent * above}
    body = [layer(t, 200 + 80 * (k % 4), 100 + 13.7 * (k // 4))  # the body's lines, elsewhere on the page
            for k, t in enumerate(("monitored", "through", "quarterly", "meetings", "monthly", "reviews",
                                   "strategy", "progress"))]
    written = [layer("reviewed.", 45.6, 291.0), layer("including", 45.6, 304.7), layer("foreign", 94.0, 304.7),
               layer("suret", 45.6, 400.0), layer("uslim", 96.0, 400.0), layer("monitored", 45.6, 386.3),
               layer("make", 300.0, 500.0), layer("plans", 300.0, 513.7)]
    first = [layer("eee", 76.3, 297.5), layer("hatM", 70.0, 400.1), layer("week", 300.0, 504.5),
             layer("each", 300.0, 509.0)]
    page = {"page": 1, "words": [*body, *written, *first]}
    looked = [{k: w[k] for k in ("text", "x0", "x1", "top", "bottom")} for w in written]
    ocr.repair([page], [1], looked={1: looked})
    texts = [w["text"] for w in page["words"]]
    assert "eee" not in texts
    assert {"reviewed.", "including", "hatM", "each", "week"} <= set(texts)
    page = {"page": 1, "words": [dict(w) for w in (*body, *written, *first)]}
    ocr.repair([page], [1])  # nothing written in: every word of the first reading stays
    assert "eee" in [w["text"] for w in page["words"]]


def test_a_line_of_lone_characters_ocr_read_from_grain_between_paragraphs_is_no_paragraph():
    """gen-5527-017 (scanned): grain in the blank between two paragraphs of a response cell read as '2 2 Z 7' (x 321
    to 574, each a point or two wide) and, lower, as 'P' alone at x 496, where the cell's lines start at 285.5: 'P'
    read as a paragraph of its own took an action's place, and every date below it went to the action above its own.
    A line read through OCR of words of one letter or digit at most, starting right of where the cell's lines start,
    one alone off the middle of the lines beside it, several set apart by some spaces each, is grain
    (`cells.without_scattered`); a word's last letter wrapped, a bullet alone at the cell's start, a letter centred
    under the lines, a text layer's line, stay."""
    from actionplans.extract.cells import without_scattered

    def w(text, x0, x1, top, ocr=True):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.5, "page": 2,
                **({"bearings": 0.94} if ocr else {})}
    def cell(*grain, ocr=True):
        return [w("analysed", 299.8, 335.0, 224.0), w("each", 338.0, 356.0, 224.0), w("month", 359.0, 387.0, 224.0),
                w("by", 390.0, 400.0, 224.0), w("Governor.", 560.0, 599.0, 224.0), *grain,
                w("The", 285.5, 300.7, 256.8), w("Board", 304.9, 348.9, 256.8), w("will", 352.0, 368.0, 256.8),
                w("agree", 571.0, 599.0, 256.8), w("lead:", 285.8, 305.1, 267.2)]
    scattered = [w("2", 321.0, 323.2, 240.6), w("2", 340.4, 342.6, 240.6), w("Z", 522.1, 524.3, 240.6),
                 w("7", 572.0, 574.2, 240.6)]
    for grain in (scattered, [w("P", 496.0, 498.1, 240.6)], [w("9.", 326.5, 334.2, 240.6)]):
        assert [ln.text for ln in without_scattered(to_lines(cell(*grain)))] == [
            "analysed each month by Governor.", "The Board will agree", "lead:"]
        two = ["analysed each month by Governor.", "The Board will agree lead:"]  # the blank parts them again
        assert [p.text for p in paragraphs(to_lines(cell(*grain)))] != two
        assert [p.text for p in paragraphs(without_scattered(to_lines(cell(*grain))))] == two
    assert len(without_scattered(to_lines(cell(*[dict(g) for g in scattered], ocr=False)))) == 3
    typed = [{k: v for k, v in g.items() if k != "bearings"} for g in scattered]
    assert len(without_scattered(to_lines(cell(*typed)))) == 4  # a text layer's line is kept
    for kept in ([w("a", 299.8, 304.0, 240.6)], [w("•", 285.5, 289.0, 240.6)], [w("I", 441.0, 443.0, 240.6)]):
        assert len(without_scattered(to_lines(cell(*kept)))) == 4  # at the start, or centred under the lines


def test_one_stacked_owner_entry_of_several_owners_goes_one_owner_an_action_when_no_count_pairs_them():
    """gen-5527-017 (scanned): eight owners stacked at the top of the cell, one per action, read as one entry of
    eight segments; OCR read one date's note apart ('November 2020' / 'SsH et t0'), nine dates, so the segments
    paired with no count and all eight went to the first action (alignment 0.07). Stacked, with the row's dates
    stacked for several actions, the segments go one an action in order, as where the owners are read otherwise."""
    from dataclasses import replace

    from actionplans.extract.align import Alignment
    from actionplans.extract.pipeline import build_recommendation, recover
    from actionplans.schemas import Quality
    body = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"],
            [None, None, None, "Data will be published.", None, "July 2024"],
            [None, None, None, "Staff will be told.", None, "May 2024"]]
    rec = recover([plan_page(1, body)])
    (c,) = rec.cells
    (stack,) = entries(to_lines(words("Head of Safety", "Governor", x0=600, top=90, pitch=12)), opens=opens_owner,
                       right=720, segment_opens=stacks_owner)
    assert stack.segments == ["Head of Safety", "Governor"] and len(c.dates) == 3

    def owners(dates):
        cells = replace(c, owners=[stack], owners_stacked=[stack], dates=dates,
                        owner_options={STACKED: Alignment(STACKED, 0.0, [0], entries=[stack])},
                        date_options={STACKED: Alignment(STACKED, 0.0, list(range(len(dates))), entries=dates)})
        return [a.owners for a in build_recommendation(cells, None, Quality(), (STACKED, STACKED)).actions]
    assert owners(c.dates) == [["Head of Safety"], ["Governor"], []]
    assert owners(c.dates[:2]) == [["Head of Safety"], ["Governor"], []]  # as many as the dates: paired by them
    assert owners(c.dates[:1]) == [["Head of Safety", "Governor"], [], []]  # one action's dates: its owners


def test_read_through_ocr_a_line_closing_the_bracket_the_owner_above_left_open_runs_on_across_a_blank():
    """gen-8117-002 (scanned): Tesseract ran the owner's line 'FM Manager (Milton Keynes' into the date's beside it
    and OCRmyPDF set both on one baseline, 15.5 pt above 'College) & Head of Learning and' in a plan 9.3 pt apart:
    a blank by the boxes, and the owner read as two, 'FM Manager (Milton Keynes' and 'College)'. A line read through
    OCR that closes the bracket the entry above left open is the rest of that entry, whatever blank the boxes show
    (`cells._closes_open`); a text layer's blank parts them, as does one before a line that closes no open bracket."""
    def w(text, x0, x1, top, ocr=True):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.0, "page": 3,
                **({"bearings": 0.9} if ocr else {})}

    def cell(ocr=True, last="College)"):
        return [w("Head", 672.0, 690.0, 444.4, ocr), w("of", 690.0, 699.0, 444.4, ocr),
                w("Healthcare", 699.0, 740.0, 444.4, ocr), w("(Serco)", 672.0, 696.0, 453.7, ocr),
                w("&", 698.0, 705.0, 453.7, ocr), w("Governor", 707.0, 740.0, 453.7, ocr),
                w("Equalities", 672.0, 705.0, 462.7, ocr), w("Lead", 707.0, 725.0, 462.7, ocr),
                w("FM", 672.0, 684.0, 487.9, ocr), w("Manager", 685.0, 715.0, 487.9, ocr),
                w("(Milton", 716.0, 741.0, 487.9, ocr), w("Keynes", 742.0, 767.0, 487.9, ocr),
                w(last, 671.0, 699.0, 503.4, ocr), w("&", 701.0, 706.0, 503.4, ocr),
                w("Head", 710.0, 726.0, 503.4, ocr), w("of", 728.0, 735.0, 503.4, ocr),
                w("Safety", 737.0, 765.0, 503.4, ocr)]

    def read(ws):
        return [e.text for e in entries(to_lines(ws), opens=opens_owner, right=782.0, segment_opens=stacks_owner)]
    assert read(cell()) == ["Head of Healthcare (Serco) & Governor Equalities Lead",
                            "FM Manager (Milton Keynes College) & Head of Safety"]
    assert read(cell(ocr=False))[1:] == ["FM Manager (Milton Keynes", "College) & Head of Safety"]
    assert read(cell(last="Chapter"))[1:] == ["FM Manager (Milton Keynes", "Chapter & Head of Safety"]


def test_a_line_of_short_words_ocr_read_from_grain_between_owner_entries_is_no_owner():
    """gen-8117-002 (scanned): grain between two owner entries read as 'be' and '2' (x 717 and 752, each a few points
    wide, where the cell's lines start at 672), as 'is' elsewhere, and as '2' above 'Education Manager': owners
    'be 2', 'is' and '2 Education Manager (Practice Plus Group)' that the page does not show. The owner cell's lines
    go through `cells.without_scattered` too (words of one or two letters or digits); 'HR' wrapped where the cell's
    lines start stays, as does a typed mark OCR set on a line of its own."""
    from actionplans.extract.cells import without_scattered
    from actionplans.extract.pipeline import entry_cells
    from actionplans.extract.tables import Row

    def w(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.0, "page": 3, "bearings": 0.9}
    ws = [w("Manager", 672.0, 700.0, 410.5), w("(GEO", 702.0, 721.0, 410.5), w("Group)", 723.0, 746.0, 410.5),
          w("be", 717.0, 721.0, 435.4), w("2", 752.0, 755.0, 435.4),
          w("Head", 672.0, 690.0, 444.4), w("of", 690.0, 699.0, 444.4), w("Safety", 701.0, 730.0, 444.4)]
    assert [ln.text for ln in to_lines(ws)] == ["Manager (GEO Group)", "be 2", "Head of Safety"]
    row_ = Row({"owner": ws}, None, [3], (40.0, 400.0, 800.0, 460.0))
    assert [ln.text for ln in entry_cells(row_, {"owner": 782.0})[0]] == ["Manager (GEO Group)", "Head of Safety"]
    wrapped = [w("Head", 672.0, 690.0, 410.5), w("of", 692.0, 700.0, 410.5), w("HR", 672.0, 684.0, 419.8),
               w("Governor", 672.0, 705.0, 444.4)]
    assert [ln.text for ln in without_scattered(to_lines(wrapped))] == ["Head of", "HR", "Governor"]
    # gen-5527-026: 'Rhian' / 'Doyle –', the typed dash read a line of its own between the two, past their ends
    dashed = [w("Balen", 465.0, 493.0, 249.7), w("-", 496.0, 500.0, 264.5), w("Doyle", 465.0, 495.0, 279.1)]
    assert [ln.text for ln in without_scattered(to_lines(dashed))] == ["Balen", "-", "Doyle"]


def test_a_word_ocr_read_across_a_gap_read_as_underscores_is_two():
    """gen-5190-005 (scanned): a response's last line 'communication plan so that staff and' and the owner beside it,
    'Governo' (its 'r' atop the next page), read as one word 'staffand__Governo', the gutter between the columns read
    as '__': the owner lost its last line to the response ('Beth Patel, Deputy' for 'Deputy Governor'), and the next
    page's 'r; Priya Doyle, Equalities Lead' its line above. Inside a word of letters a run of '_' stands where the
    page left blank: the word is two there, each keeping its letters' share of the box (`ocr.part_at_gap`), so the
    owner's word lands in its column; a rule read under a word's edge is still taken off it, and a word of no such
    run is left as read."""
    from actionplans.extract import ocr

    def read(text, x0=363.0, x1=441.0):
        page = {"page": 1, "words": [{"text": text, "x0": x0, "x1": x1, "top": 768.0, "bottom": 778.0}]}
        ocr.repair([page], [1])
        return [(w["text"], round(w["x0"]), round(w["x1"])) for w in page["words"]]
    assert read("staffand__Governo") == [("staff", 363, 386), ("and", 386, 400), ("Governo", 409, 441)]
    assert [t for t, *_ in read("can_be", 261.0, 282.0)] == ["can", "be"]
    assert [t for t, *_ in read("Governor__", 400.0, 441.0)] == ["Governor"]
    assert [t for t, *_ in read("Governor", 400.0, 441.0)] == ["Governor"]


def test_a_bracket_and_capital_ocr_read_as_one_small_letter_are_read_as_the_document_reads_them():
    """gen-5190-005 (scanned): 'Head of' / 'Security' / '(Jo' / 'Doyle)' stacked in a narrow owner cell, '(Jo' read
    'jo', the bracket's stroke and the 'J' one glyph: in small letters it read as the rest of a word broken at the
    column's edge and was glued to 'Security' ('head of securityjo doyle'). A word in small letters, no English one,
    that the document reads opened by a bracket and a capital more often than in small letters, is read so
    (`ocr.rebracketed`); an English word, or one the document reads in small letters as often, is left as read."""
    from actionplans.extract import ocr

    def read(text, elsewhere):
        words = [{"text": t, "x0": 100.0 + 60 * k, "x1": 140.0 + 60 * k, "top": 100.0, "bottom": 110.0}
                 for k, t in enumerate(elsewhere)]
        page = {"page": 1, "words": [*words, {"text": text, "x0": 422.0, "x1": 431.0, "top": 300.0, "bottom": 310.0}]}
        ocr.repair([page], [1])
        return page["words"][-1]["text"]
    assert read("jo", ["(Jo", "(Jo", "Doyle);"]) == "(Jo"
    assert read("jo,", ["(Jo", "(Jo"]) == "(Jo,"
    assert read("jo", ["(Jo", "jo"]) == "jo"  # read in small letters as often: no habit
    assert read("jo", ["Doyle"]) == "jo"
    assert read("safety", ["(Safety", "(Safety"]) == "safety"  # an English word


# -- one table per section: a heading, then a new table opening with its own copy of the header ----------------
def cell_texts(scan, name="text"):
    """Each record's cell `name`, its words joined."""
    return [" ".join(w["text"] for w in r.words(name)) for r in scan.rows]


def test_a_header_printed_again_mid_page_opens_a_new_table_whose_heading_is_its_section():
    """One table per section (split-6389-028, -029): where a section starts, the table ends, the section's name
    follows as a line of its own and a new table opens with its own copy of the header, its shading's rules
    crossing the text column only. The header's lines are no record (its 'Agreed/ Rejected' reads as a decision,
    which opens a record in a plan that prints no refs), the rules of its shading bound none of the rows, and the
    records below it are not glued to the one above."""
    from actionplans.extract.tables import TableScanner
    cols = (40, 200, 260, 560, 660)

    def header(top):
        return row(["Recommendation", "Agreed/", "Response", "Owner", "Target date"], top, cols) + row(
            [None, "Rejected"], top + 12, cols)

    def record(top, text, decision, response, owner, date):
        return row([text[0], decision, response[0], owner, date], top, cols) + row([text[1], None, response[1]],
                                                                                  top + 12, cols)
    ws = row(["ACTION PLAN: HMP Sample"], 30, cols) + header(60)
    ws += record(90, ["Leaders should", "act."], "Agreed", ["A panel will", "meet."], "Governor", "June 2024")
    ws += record(120, ["Staff should be", "trained."], "Agreed", ["Training will", "be given."], "Head of Safety",
                 "May 2024")
    ws += row(["Care"], 150, cols) + header(166)
    ws += record(196, ["Cells should", "hold one."], "Rejected", ["The budget does", "not allow it."], None, None)
    ws += record(226, ["Data should", "be used."], "Agreed", ["Data will be", "published."], "Governor", "July 2024")
    # the shading of each copy of the header: a box per cell, its rules ending at the cell's border, a cell's padding
    # short of the next column's text (none crosses the text column whole)
    rules = [(y, a - 5.4, b - 5.4) for top in (58, 164) for y in (top, top + 26)
             for a, b in zip(cols, (*cols[1:], 720))]
    scanner = TableScanner()
    scanner.add_page(1, ws, [], rules)
    scan = scanner.finish()
    assert cell_texts(scan) == ["Leaders should act.", "Staff should be trained.", "Cells should hold one.",
                                  "Data should be used."]
    assert [r.section for r in scan.rows] == [None, None, "Care", "Care"]


def test_lines_above_a_header_printed_again_below_a_pages_top_are_the_table_above_and_the_new_tables_heading():
    """split-3851-014: the table of one section runs on over the page ('Group)/Contract' / 'Manager', the rest of
    its last owner), then the next section's name and its table, opening with its copy of the header. The header
    is found below the page's top: the lines above it are the rows of the table above and the new table's heading,
    not lines before the plan. A title printed over the header wherever it stands (over the first too) is none."""
    from actionplans.extract.tables import TableScanner
    cols = (40, 200, 260, 560, 660)

    def header(top):
        return row(["Recommendation", "Decision", "Response", "Owner", "Target date"], top, cols)

    def record(top, text, decision, response, owner, date):
        return row([text[0], decision, response[0], owner, date], top, cols) + row([text[1], None, response[1]],
                                                                                  top + 12, cols)

    def read(title):
        scanner = TableScanner()
        ws = row([title], 44, cols) + header(60)
        ws += record(90, ["Leaders should", "act."], "Agreed", ["A panel will", "meet."], "Governor", "June 2024")
        ws += record(120, ["Staff should be", "trained."], "Agreed", ["Training will", "be given."], "Head of",
                     "May 2024")
        scanner.add_page(1, ws, [], [])
        ws = row([title], 44, cols) + header(60) if title == "Sample plan" else []
        ws += row([None, None, None, "Safety"], 76, cols)
        ws += row(["Care"], 100, cols) + header(116) if title != "Sample plan" else []
        ws += record(146, ["Cells should", "hold one."], "Rejected", ["The budget does", "not allow it."], None, None)
        scanner.add_page(2, [dict(w, page=2) for w in ws], [], [])
        return scanner.finish()
    scan = read("ACTION PLAN: HMP Sample")  # a title over the first page's header only
    assert cell_texts(scan) == ["Leaders should act.", "Staff should be trained.", "Cells should hold one."]
    assert cell_texts(scan, "owner") == ["Governor", "Head of Safety", ""]
    assert [r.section for r in scan.rows] == [None, None, "Care"]
    scan = read("Sample plan")  # a title over the header on every page, the rest of the owner below it
    assert cell_texts(scan) == ["Leaders should act.", "Staff should be trained.", "Cells should hold one."]
    assert cell_texts(scan, "owner") == ["Governor", "Head of Safety", ""]
    assert [r.section for r in scan.rows] == [None, None, None]


def ruled_grids(xs, tables_rows, gap=16.0, top=60.0, between=()):
    """Grids one below another (`tables_rows`: each grid's rows of cell texts, ' / ' parting a cell's lines), `gap`
    apart, with a line of words (`between`, per gap: None for none) typed in the gap above each grid but the first."""
    ws, tables = [], []
    for n, cells_rows in enumerate(tables_rows):
        if n:
            if between and between[n - 1]:
                ws += [dict(w, page=1) for w in words(between[n - 1], x0=xs[0] + 5, top=top + 3)]
            top += gap
        rows, first = [], top
        for cells in cells_rows:
            bottom = top + 12 * max(len(c.split(" / ")) for c in cells) + 4
            rows.append([(a, top, b, bottom) for a, b in zip(xs, xs[1:])])
            for x, c in zip(xs, cells):
                ws += [dict(w, page=1) for w in words(*c.split(" / "), x0=x + 5, top=top + 2) if c]
            top = bottom
        tables.append(((xs[0], first, xs[-1], top), rows))
    return ws, tables


def test_a_ruled_header_boxed_alone_is_typed_by_the_table_below_repeating_it_and_the_heading_between_is_its_section():
    """split-4409-025, split-6389-001: the first table holds the header alone (the first section's name followed it
    as a row), then the section's name, then a table that opens with the header again. No cell under the first
    header typed its columns ('Para', 'Due' name no field): the grid below that repeats it types them by its
    cells (refs, dates), not the next page's grid (a record run on over the page there would keep its first page's
    dates under a column of no name); and the name between the two grids is the section of the rows below it."""
    from actionplans.extract.tables import TableScanner
    xs = (40, 110, 250, 450, 560, 640)
    head = ["Para", "Recommendation", "Response", "Accountable owner", "Due"]
    body = [["S30", "Leaders should act.", "Agreed / A panel will meet.", "Governor", "31 January 2024"],
            ["S31", "Staff should be / trained.", "Agreed / Training will be given.", "Head of Safety",
             "30 November 2024"]]
    ws, tables = ruled_grids(xs, [[head], [head, *body]], between=["Care"])
    scanner = TableScanner()
    scanner.add_page(1, ws, tables, [])
    ws, tables = ruled_grids(xs, [[["", "", "Its take-up will be monitored.", "", ""],
                             ["S32", "Cells should be clean.", "Agreed / Checks will be made.", "Governor",
                              "31 March 2024"]]])
    scanner.add_page(2, [dict(w, page=2) for w in ws], tables, [])
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "response", "owner", "date"]
    assert cell_texts(scan, "ref") == ["S30", "S31", "S32"]
    assert cell_texts(scan, "date") == ["31 January 2024", "30 November 2024", "31 March 2024"]
    assert [r.section for r in scan.rows] == ["Care", "Care", "Care"]


def test_the_first_row_of_a_ruled_table_begun_again_mid_page_opens_a_record():
    """A plan that prints no refs and no decisions, one table per section: a table that opens with the header
    again below another on the page begins its rows there, and its first row continues no record (as a table's
    first row atop a page may)."""
    from actionplans.extract.tables import TableScanner
    xs = (40, 240, 480, 580, 680)
    head = ["Recommendation", "Action", "Responsible", "Target date"]
    ws, tables = ruled_grids(xs, [[head, ["Leaders should act.", "A panel will meet.", "Governor", "June 2024"]],
                            [head, ["Staff should be trained.", "Training will be given.", "Governor", "May 2024"]]],
                       gap=8.0)
    scanner = TableScanner()
    scanner.add_page(1, ws, tables, [])
    scan = scanner.finish()
    assert cell_texts(scan) == ["Leaders should act.", "Staff should be trained."]


def test_a_header_no_words_name_repeated_over_each_table_on_the_plans_first_page_is_the_header_of_each():
    """One table per section, under headings no list names ('Para', 'Outcome', 'Led by'): the first table's
    header is found by what its columns hold; the tables below it on the same page repeat it, and each is a table
    of the plan that opens with its header, under its own heading."""
    from actionplans.extract.tables import TableScanner
    xs = (40, 90, 250, 320, 480, 570, 650)
    head = ["Para", "Finding", "Outcome", "What we will do", "Led by", "Due by"]
    rows = [["S1", "Leaders should act.", "Agreed", "A panel will meet.", "Governor", "June 2024"],
            ["S2", "Staff should be trained.", "Agreed", "Training will be given.", "Head of Safety", "May 2024"],
            ["S3", "Cells should be clean.", "Agreed", "Checks will be made.", "Governor", "July 2024"]]
    ws, tables = ruled_grids(xs, [[head, rows[0]], [head, rows[1]], [head, rows[2]]], between=["Care", "Safety"])
    scanner = TableScanner()
    scanner.add_page(1, ws, tables, [])
    scan = scanner.finish()
    assert cell_texts(scan, "ref") == ["S1", "S2", "S3"]
    assert [r.section for r in scan.rows] == [None, "Care", "Safety"]


# -- a header of two rows: a label over several columns, the other headings merged down ----------------------------
GROUPED = (40, 100, 260, 330, 560, 660)  # Ref | Recommendation | Decision | Action | Owner | Target date


def grouped_header(top=60.0, label_x=505):
    """An unruled header of two rows: 'Ref', 'Recommendation' and 'Decision' merged down (their words on the upper
    line), 'HMPPS response' centred over the last three columns, whose headings are typed at their left below it."""
    ws = row(["Ref", "Recommendation", "Decision"], top, GROUPED)
    ws += [dict(w, page=0) for w in words("HMPPS response", x0=label_x, top=top)]
    return ws + row([None, None, None, "Action", "Owner", "Target date"], top + 12, GROUPED)


def grouped_body(top=90.0, more=False):
    ws = row(["R1", "Leaders should act.", "Agreed", "A panel will meet each month.", "Head of Safety", "June 2024"],
             top, GROUPED)
    ws += row(["R2", "Staff should be trained.", "Agreed", "Training will be given.", "Governor", "May 2024"],
              top + 24, GROUPED)
    return ws + (row(["R3", "Cells should hold one.", "Agreed", "Cells will be refitted.", "Governor", "July 2024"],
                     top + 48, GROUPED) if more else [])


def test_a_label_centred_over_several_columns_names_none_of_them_and_joins_no_heading():
    # grouped-6389-009: 'HMPPS response', centred over the response, owner and date columns, reaches within a
    # word space of the owner's heading: read as a cell, it joined it and moved the owner column's edge onto it
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, grouped_header() + grouped_body(), [], [])
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert abs(scan.columns.edges[4] - 560) < 1
    assert [" ".join(w["text"] for w in r.words("response")) for r in scan.rows] == [
        "A panel will meet each month.", "Training will be given."]
    assert [" ".join(w["text"] for w in r.words("owner")) for r in scan.rows] == ["Head of Safety", "Governor"]
    # a label wide enough to reach over two headings below it (it would join them both) is left out too; and so is
    # one that ends where a heading below it ends, by chance (grouped-3851-009): a heading's wrapped line starts or
    # is centred where its first line is
    for x in (340, 509):
        scanner = TableScanner()
        scanner.add_page(1, grouped_header(label_x=x) + grouped_body(), [], [])
        cols = scanner.finish().columns
        assert cols.fields == ["ref", "text", "decision", "response", "owner", "date"] and abs(cols.edges[4] - 560) < 1


def test_a_headings_wrapped_line_under_it_is_no_sign_of_a_label():
    # 'Inspection' over 'recommendation', typed at its cell's left: the heading's own lines, not a label over cells
    from actionplans.extract.tables import TableScanner
    ws = row(["Ref", "Inspection", "Decision", "Action", "Owner", "Target date"], 60, GROUPED)
    ws += row([None, "recommendation"], 72, GROUPED)
    assert len(TableScanner._head_clusters(ws)) == 6
    assert [w["text"] for w in TableScanner._without_labels(ws)] == [w["text"] for w in ws]


# A shaded two-row header over Recommendation | (response) | (owner) | (date), its grid two rows to the table finder:
# 'Recommendation' merged down, a label spanning the three columns right of it above their headings.
SHADED_COLS = (40, 330, 560, 660)


@pytest.mark.parametrize("upper, lower", [
    # grouped-6389-014: two cells in the upper row, three in the lower, none of four: read as a small table of three
    # columns, its words were left out; and the shading's edge under 'HMPPS response', running under that label
    # only, was taken for the header's foot (the lower row's words name no field)
    (row(["Recommendation"], 60, SHADED_COLS) + [dict(w, page=0) for w in words("HMPPS response", x0=505, top=60)],
     [None, "Steps", "Lead", "When"]),
    # groupedleft-3851-008: 'Action to be taken by HMPPS', typed at the left of the cell spanning the response, owner
    # and date columns, starts where the response's heading below it does, as a heading's wrapped line would; the
    # grid shows its cell spanning three, and it is left out of the headings (read as the response's, the heading
    # ran to more words than a heading holds and the header was lost)
    (row(["Recommendation", "Action to be taken by HMPPS"], 60, SHADED_COLS),
     [None, "Agreed/ Not Agreed and action planned", "Owner", "Target date"]),
], ids=["centred-label", "label-at-left"])
def test_a_shaded_two_row_headers_label_is_no_heading_and_the_rule_under_it_does_not_end_the_header(upper, lower):
    from actionplans.extract.tables import TableScanner
    cols, x1 = SHADED_COLS, 760.0
    ws = upper + row(lower, 72, cols)
    for k in range(3):
        ws += row([f"Concern {k + 1}", f"Action {k + 1} will be taken.", "Governor", "June 2024"], 90 + 36 * k, cols)
        ws += row([f"Leaders should act on {k + 1}."], 102 + 36 * k, cols)
    grid = ((40.0, 59.0, x1, 83.0), [[(40.0, 59.0, 330.0, 83.0), (330.0, 59.0, x1, 71.0), None, None],
                                     [None, (330.0, 71.0, 560.0, 83.0), (560.0, 71.0, 660.0, 83.0),
                                      (660.0, 71.0, x1, 83.0)]])
    rules = [(59.0, 40.0, 330.0), (59.0, 330.0, x1), (71.0, 330.0, x1), (83.0, 40.0, 330.0), (83.0, 330.0, x1)]
    scanner = TableScanner()
    scanner.add_page(1, ws, [grid], rules)
    scan = scanner.finish()
    assert scan.columns.fields == ["text", "response", "owner", "date"]
    assert [" ".join(w["text"] for w in r.words("response")) for r in scan.rows] == [
        f"Action {k} will be taken." for k in (1, 2, 3)]


def test_a_ruled_header_of_two_rows_is_read_as_one():
    # grouped-6389-006: 'Concern / Area' merged down both rows, 'HMPPS response' over 'Action', 'Owner', 'Date': the
    # lower row named the fields, and the ref and text column, a merged cell above it, had no heading there
    from actionplans.extract.tables import TableScanner
    xs = GRID_X
    upper = [(xs[0], 100.0, xs[1], 124.0), (xs[1], 100.0, xs[2], 124.0), (xs[2], 100.0, xs[3], 124.0),
             (xs[3], 100.0, xs[6], 112.0), None, None]
    lower = [None, None, None, (xs[3], 112.0, xs[4], 124.0), (xs[4], 112.0, xs[5], 124.0),
             (xs[5], 112.0, xs[6], 124.0)]
    ws = words("Ref", x0=xs[0] + 2, top=101.0) + words("Recommendation", x0=xs[1] + 2, top=101.0)
    ws += words("Decision", x0=xs[2] + 2, top=101.0) + words("HMPPS response", x0=xs[3] + 40, top=101.0)
    ws += words("Action", x0=xs[3] + 2, top=113.0) + words("Owner", x0=xs[4] + 2, top=113.0)
    ws += words("Date", x0=xs[5] + 2, top=113.0)
    bbox, rows, body = grid_page(1, [[["R1"], ["Leaders should", "act."], ["Agreed"], ["A panel will", "meet."],
                                      ["Governor"], ["June 2024"]]], top=124.0)
    scanner = TableScanner()
    scanner.add_page(1, ws + body, [((xs[0], 100.0, xs[-1], bbox[3]), [upper, lower, *rows])], [])
    scan = scanner.finish()
    assert scan.columns.fields == ["ref", "text", "decision", "response", "owner", "date"]
    assert [(" ".join(w["text"] for w in r.words("ref")), " ".join(w["text"] for w in r.words("owner")))
            for r in scan.rows] == [("R1", "Governor")]
    # a section row over a record's rows is no header of two rows: the fold leaves it
    assert TableScanner()._two_row_header(rows, [[[]] * 6] * len(rows)) == (rows, [[[]] * 6] * len(rows), [])


def test_a_title_across_the_table_above_a_repeated_header_is_not_a_row():
    # titlerow-6389-020: 'HMIP recommendations and HMPPS response', one cell across the table over the header on
    # every page, lay in two columns of the plan's, so the rows seemed to begin above the repeated header: the
    # header was read as a record ('Recommendation' / 'Action' / ...) under a section of the title's name
    from actionplans.extract.tables import TableScanner
    head = ["Ref", "Recommendation", "Decision", "Action", "Owner", "Target date"]
    title = [dict(w, page=0) for w in words("HMIP recommendations and HMPPS response", x0=40, top=48)]
    scanner = TableScanner()
    scanner.add_page(1, title + row(head, 60, GROUPED) + grouped_body(), [], [])
    scanner.add_page(2, title + row(head, 60, GROUPED) + row(
        ["R3", "Cells should hold one.", "Agreed", "Cells will be refitted.", "Governor", "July 2024"], 90, GROUPED),
        [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["R1", "R2", "R3"]
    assert {r.section for r in scan.rows} == {None}


def test_a_scans_wide_word_spaces_neither_split_a_title_over_the_header_nor_a_line_under_a_heading():
    # scanned gen-5190-031, -032: OCR spaces a line's words 7 points apart, wider than a header cell's words lie:
    # read word by word, a title's first word started where the first heading does (kept, as its wrapped line) and
    # the rest were labels, gluing the title into the header; and a section line under the header, read as two
    # cells, put 'Recommendation' over two of them
    from actionplans.extract.tables import TableScanner

    def line(top, *ws):
        return [{"text": t, "x0": a, "x1": b, "top": top, "bottom": top + 12, "page": 2} for t, a, b in ws]
    head = line(100, ("Ref", 46, 65), ("Recommendation", 81, 186), ("Our", 218, 239), ("Action", 440, 477))
    head += line(115, ("position", 218, 266), ("owner", 440, 477))
    section = line(130, ("Health", 46, 84), ("and", 91, 111), ("social", 117, 151), ("care", 157, 182))
    assert [w["text"] for w in TableScanner._without_labels(head + section)] == [w["text"] for w in head + section]
    title = line(85, ("ACTION", 46, 100), ("PLAN:", 107, 148), ("HMYOI", 155, 202), ("Ivybridge", 209, 276))
    assert [w["text"] for w in TableScanner._without_labels(title + head)] == [w["text"] for w in head]


# -- banded rows: a table style's shading on every other row, no rules ---------------------------------------------
def _band(top, bottom, xs):
    """A shaded row as the reader gives it: the grid of its cells (each cell filled apart, its edges at the columns'
    boundaries) and its top and bottom edges drawn cell by cell."""
    cells = [(a, top, b, bottom) for a, b in zip(xs, xs[1:])]
    return ((xs[0], top, xs[-1], bottom), [cells]), [(y, a, b) for y in (top, bottom) for a, b in zip(xs, xs[1:])]


def test_a_shaded_bands_edges_drawn_cell_by_cell_cross_the_first_column_and_part_records():
    """gen-4409-018 (banded, no rules, no refs): every other record shaded, each cell filled apart, so a band's top
    and bottom are segments that meet at the columns' boundaries, the first ending at its cell's right edge, short of
    where the next column's words begin (cell padding): read one by one no segment crossed the first column, the
    band's edges were taken for rules between actions, and its record, opening no row below a rule between records,
    was glued to the one above (or dropped, first on the page). Segments that meet are one rule."""
    from actionplans.extract.tables import TableScanner
    ws = no_ref_page(1, [["Leaders should act.", "AGREED", None, None],
                         [None, "A panel will meet.", "Governor", "June 2024"],
                         ["Staff should be trained.", "AGREED", None, None],
                         [None, "Training will be given.", "Governor", "May 2024"],
                         ["Cells should be clean.", "AGREED", None, None],
                         [None, "Checks will be made.", "Governor", "July 2024"]])
    band, rules = _band(112.0, 136.0, (36.0, 255.0, 555.0, 655.0, 760.0))
    scanner = TableScanner()
    scanner.add_page(1, ws, [band], rules)
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("text")) for r in scan.rows] == [
        "Leaders should act.", "Staff should be trained.", "Cells should be clean."]


def test_a_shaded_band_below_an_unshaded_first_record_is_not_the_headers_box():
    """gen-4409-017 (banded, no rules): the header and the first record unshaded, the second record shaded. The
    band's top was taken for the foot of a box holding the header, so the header's depth ran down over the first
    record's lines and no header was found (the plan lost whole). The edges of a box that begins below a line box no
    line above it; the band's edges still part its record from the others."""
    ws = row(HEAD, 60) + _lines([
        (90, "S1", "Leaders should act.", "Agreed", "A panel will meet."),
        (102, None, "They should report.", None, "It will report."),
        (118, "S2", "Staff should be trained.", "Agreed", "Training will be given."),
        (130, None, "Every year.", None, "To every officer."),
        (146, "S3", "Cells should be clean.", "Agreed", "Checks will be made."),
    ])
    band, rules = _band(114.0, 142.0, (36.0, 96.0, 256.0, 326.0, 556.0, 656.0, 760.0))
    from actionplans.extract.tables import TableScanner
    scanner = TableScanner()
    scanner.add_page(1, ws, [band], rules)
    scan = scanner.finish()
    assert scan.columns is not None and scan.columns.fields[:4] == ["ref", "text", "decision", "response"]
    assert _cells(scan.rows, "ref") == ["S1", "S2", "S3"]
    assert _cells(scan.rows, "text") == ["Leaders should act. They should report.",
                                         "Staff should be trained. Every year.", "Cells should be clean."]


def _grid_rules(bbox, rows):
    """The horizontal edges of a grid's cells (each filled apart), as the reader lists them."""
    return sorted({(y, c[0], c[2]) for r in rows for c in r if c for y in (c[1], c[3])})


def test_once_a_pages_rows_lie_outside_the_plans_grids_the_plan_is_read_by_its_headers_columns_from_there_on():
    """A banded plan whose first page read as a ruled table (its header's box and its first record's band one grid,
    nothing outside it): on the next page a band, then an unshaded record outside any grid, read by the header's
    columns; but the plan stayed ruled, so a later page of unshaded rows only (no grid at all) was not read, and a
    page a band filled was read as a ruled table again. Rows seen outside the grids make the plan unruled."""
    from actionplans.extract.tables import TableScanner
    head = [["Ref"], ["Recommendation"], ["Decision"], ["Response"], ["Owner"], ["Deadline"]]

    def record(ref, owner):
        return [[ref], ["Leaders should", "act and", "report."], ["Agreed"], ["A panel will", "meet each", "month."],
                [owner], ["June 2024"]]

    def unshaded(page, ref, owner, top):
        return [w for x, cell in zip(GRID_X, record(ref, owner)) for w in words(*cell, x0=x + 2, top=top, page=page,
                                                                                 pitch=12.0)]
    scanner = TableScanner()
    bbox, rows, ws = grid_page(1, [head, record("S1", "Governor")])
    scanner.add_page(1, ws, [(bbox, rows)], _grid_rules(bbox, rows))
    bbox, rows, ws = grid_page(2, [record("S2", "Head of Safety")], top=60.0)
    scanner.add_page(2, ws + unshaded(2, "S3", "Deputy Governor", 100.0), [(bbox, rows)], _grid_rules(bbox, rows))
    scanner.add_page(3, unshaded(3, "S4", "Head of Care", 60.0), [], [])
    scan = scanner.finish()
    assert [" ".join(w["text"] for w in r.words("ref")) for r in scan.rows] == ["S1", "S2", "S3", "S4"]
    assert " ".join(w["text"] for w in scan.rows[-1].words("owner")) == "Head of Care"
