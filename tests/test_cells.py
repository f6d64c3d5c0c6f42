"""Cells to paragraphs and entries, on word boxes laid out as pdfplumber gives them."""

from actionplans.extract.cells import entries, paragraphs, reflow, to_lines


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
