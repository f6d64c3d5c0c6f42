"""Cells to paragraphs and entries, on word boxes laid out as pdfplumber gives them."""

from actionplans.extract.cells import entries, hard_break, paragraphs, reflow, to_lines


def words(*rows, x0=100.0, page=1, pitch=11.5, top=100.0):
    """rows: strings, or None for a blank line. Returns word dicts as pdfplumber would."""
    out, y = [], top
    for row in rows:
        if row is not None:
            x = x0
            for t in row.split():
                out.append({"text": t, "x0": x, "x1": x + 6 * len(t), "top": y, "bottom": y + 10, "page": page})
                x += 6 * len(t) + 3
        y += pitch
    return out


def test_lines_group_words_by_position():
    lines = to_lines(words("one two", "three"))
    assert [ln.text for ln in lines] == ["one two", "three"]


def test_blank_space_separates_paragraphs_and_bullets_stand_alone():
    paras = paragraphs(to_lines(words("HMPPS will review the", "strategy.", None, "To do this, HMPPS will:",
                                      "\u2022 Undertake a gap", "analysis.", "\u2022Review training.")))
    assert [p.text for p in paras] == ["HMPPS will review the strategy.", "To do this, HMPPS will:",
                                       "Undertake a gap analysis.", "Review training."]
    assert [p.bullet for p in paras] == [False, False, True, True]


def test_word_list_bullet_glyph_as_separate_word_and_roman_numerals():
    paras = paragraphs(to_lines(words("\uf0b7 Publish the data", "i) Consult prisoners")))
    assert [p.text for p in paras] == ["Publish the data", "Consult prisoners"]


def test_reflow_mends_wrapped_words_but_keeps_compound_hyphens():
    lines = to_lines(words("rehabilitation-", "focused work with manage-", "ment support"))
    assert reflow(lines) == "rehabilitation-focused work with management support"


def test_row_continued_on_next_page_mid_sentence_is_one_paragraph():
    ws = words("Staff will be trained in", page=1, top=500) + words("cultural awareness.", page=2, top=60)
    assert [p.text for p in paragraphs(to_lines(ws))] == ["Staff will be trained in cultural awareness."]


def test_finished_sentence_before_page_break_starts_a_new_paragraph():
    ws = words("Staff will be trained.", page=1, top=500) + words("Data will be published.", page=2, top=60)
    assert len(paragraphs(to_lines(ws))) == 2


def test_entries_split_at_blank_space_and_keep_wrapped_entries_whole():
    ents = entries(to_lines(words("Chief Operating Officer", "Prisons", None, None, "Head of Safety")))
    assert [e.text for e in ents] == ["Chief Operating Officer Prisons", "Head of Safety"]


def test_numbered_list_items_are_paragraphs_of_their_own_and_keep_their_numbers():
    paras = paragraphs(to_lines(words("The prison will:", "1. Review the policy", "by June.", "2. Publish the data.")))
    assert [p.text for p in paras] == ["The prison will:", "1. Review the policy by June.", "2. Publish the data."]


def justified(text, x0, x1, top):
    """A justified line: its words spread so it fills x0..x1, as pdfplumber gives them."""
    ws = words(text, x0=x0, top=top)
    extra = (x1 - ws[-1]["x1"]) / max(1, len(ws) - 1)
    return [dict(w, x0=w["x0"] + k * extra, x1=w["x1"] + k * extra) for k, w in enumerate(ws)]


def test_in_a_justified_cell_a_line_stopping_short_of_the_edge_ends_its_paragraph():
    # a response cell 300..500: every line but a paragraph's last is spread flush to 500. 'the new equality action
    # plan.' stops 38 pt short, yet 'Offender' (48 pt) would not have fitted after it: only the edge tells
    text = ["The prison will review how it", "supports prisoners and will set", "out each step it takes in",
            "the new equality action plan.", "Offender management staff will", "be trained in it by June."]
    last = {3, 5}  # the paragraphs' last lines keep their natural spaces
    spread = [w for k, t in enumerate(text) for w in (
        words(t, x0=300, top=100 + 11.5 * k) if k in last else justified(t, 300, 500, 100 + 11.5 * k))]
    lines = to_lines(spread)
    assert lines[3].x1 < 500 - 30 and not hard_break(lines[3], lines[4], right=500)
    assert [p.text for p in paragraphs(to_lines(spread), right=500)] == [
        "The prison will review how it supports prisoners and will set out each step it takes in the new equality "
        "action plan.", "Offender management staff will be trained in it by June."]
    # the same lines ragged (no line spread to an edge): nothing tells a paragraph's end there
    ragged = [w for k, t in enumerate(text) for w in words(t, x0=300, top=100 + 11.5 * k)]
    assert len(paragraphs(to_lines(ragged), right=500)) == 1
