"""Every tolerance the table stages use, named once, with the reason for its value.

In: nothing (defaults), or overrides such as `Settings(level_lines=3)`.
Out: a frozen, validated `Settings` that each stage reads (`tables`, `cells`, `align`, `pipeline`).

Modelled on pdfplumber's `TableSettings`: one object a person can read to see what the reader
assumes about a page, instead of numbers scattered through the code. Lengths are in PDF points
unless a field says it is a share of something (a line height, a page height, a table width).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # -- page -> candidate table -----------------------------------------------------------------------
    snap_tolerance: float = Field(
        3.0, ge=0, description="Ruling lines this close are one line (pdfplumber); Word draws cell borders as "
                               "separate rectangles that miss each other by a point or two")
    word_x_tolerance: float = Field(
        3.0, ge=0, description="Characters this close form one word (pdfplumber's default)")
    weave_touch: float = Field(
        0.15, ge=0, lt=0.25, description="Pieces of one line's word at most this share of its height apart (less "
                                         "than a space) are one word, where the word grouping cut them apart to lay "
                                         "another line's letters between them: a cell's lines centred down its row, "
                                         "their tops within a few points of the lines beside them, are chained into "
                                         "one line with those and their letters interleaved")
    doubled_size: float = Field(
        1.3, gt=1, description="On an OCR'd page, words whose font sizes differ by at least this ratio, set over one "
                               "another on one line, are two readings of it: OCRmyPDF sizes every word of a line "
                               "Tesseract found to that line's height, so a second line it found over the same ink, "
                               "taller or shorter, stands out by its size (a line's own words share one)")
    furniture_top: float = Field(
        0.16, gt=0, lt=0.5, description="Share of page height from the top where banners and running headers sit")
    furniture_bottom: float = Field(
        0.88, gt=0.5, lt=1, description="Share of page height below which footers and page numbers sit")
    furniture_pages: float = Field(
        0.5, gt=0, le=1, description="Share of pages a line must repeat on (normalised digits), where it stands on "
                                     "this one (`furniture_drift`), to be furniture")
    furniture_drift: float = Field(
        1.0, ge=0, description="Line heights within which a margin's line stands at the same distance from its edge "
                               "on another page for the two to be one piece of furniture: a running header, a footer "
                               "or a page's number keeps its place, while a cell's line that repeats (a sentence a "
                               "plan writes in several rows, carried into the top margin of pages where those rows "
                               "break; two dates' years wrapped into the margin on pages one apart, '2015', '2016', "
                               "that only seem to count them) stands where its cell puts it")
    touch_overlap: float = Field(
        0.25, ge=0, lt=1, description="Share of a line's height by which its box may reach up into the line above it "
                                      "and still follow that line with no blank space between (OCR's boxes of lines "
                                      "on a page askew overlap a little), so a running header's candidate run on from "
                                      "a table's line (a header's wrapped line) stays the table's")
    word_space: float = Field(
        0.6, gt=0, description="A gap between two words narrower than this share of their line's height is an "
                               "ordinary word space: the words run on as one piece of text (a line across a column's "
                               "edge, a word past the grid's right rule), where a column's gap would part them")
    blank_line: float = Field(
        0.6, gt=0, description="Blank space between two lines shorter than this share of a line's height is no "
                               "blank line: the lower line follows the upper one in the same cell or run")
    repeat_letters: int = Field(
        12, ge=1, description="A line of at least this many letters repeats a header line when it has nearly the same "
                              "letters (`repeat_likeness`); a shorter one only when it is the same words")
    repeat_likeness: float = Field(
        0.9, gt=0, le=1, description="Share of letters two lines must have in common (difflib's ratio, spaces and case "
                                     "aside) for the later to repeat the earlier, as OCR reads a repeated header")
    header_lookahead: int = Field(
        4, ge=1, description="Lines a header row of a table without rules may wrap over")
    header_gap: float = Field(
        6.0, ge=0, description="Words of one header cell of a table without rules are at most this far apart")
    heading_align: float = Field(
        2.0, ge=0, description="Points within which a heading's wrapped line starts or is centred where its line "
                               "above does (typed at the left, justified or centred in its cell): a line "
                               "of the header below a label over several columns, lying under it so by chance "
                               "only, is a heading of its own")
    header_wait_pages: int = Field(
        3, ge=0, description="Pages kept, before a plan's header is found, to be read again once a later page shows "
                             "it (a header of unlisted words judged on a first page that held no dates yet)")
    # -- rows --------------------------------------------------------------------------------------------
    rule_share: float = Field(
        0.3, ge=0, lt=0.5, description="A rule below a line's top by at most this share of the line's height still "
                                       "lies above that line: Word draws a cell's top border, or a shaded row's "
                                       "foot, level with the top of the line below where the cell has no padding")
    action_rule_share: float = Field(
        0.9, gt=0, le=1, description="Share of each column an action fills (response, owner, date) a rule must cross "
                                     "to part two rows of actions, where it crosses less than half the table: a rule "
                                     "between a merged record's actions leaves the ref, text and decision columns "
                                     "open, and a column's edge, read from its text, lies a cell's padding inside it "
                                     "(a scanned rule loses a few points more where letters touch it)")
    ocr_rule_share: float = Field(
        0.15, ge=0, lt=0.5, description="On a scanned page, a rule above a line's bottom by at most this share of the "
                                        "line's height still lies below that line: the OCR layer sizes a word's box "
                                        "by its font, not its ink, and a skewed scan moves a line's words apart, so a "
                                        "shaded header's foot may cut its box ('Ref Finding ...' on a shaded band)")
    speck_letters: int = Field(
        2, ge=0, description="On a scanned page, a word of at most this many letters, no digit among them, alone on "
                             "its line of a ref cell above or below a ref that reads whole without it is grain OCR "
                             "read as a word ('ie' over 'Priority' / 'concern' / '2'), and is no part of the ref")
    section_width: float = Field(
        0.6, gt=0, le=1, description="A single cell this wide a share of the table is a section row, not a record")
    section_words: int = Field(
        8, ge=1, description="Words a line alone in the text column may hold to be read as a section row when nothing "
                             "but its place says so (after finished text, just above a record's first line)")
    section_chars: int = Field(
        80, ge=1, description="Characters each cell of a column left of the record's fields, one no heading or content "
                              "names a field, may hold to be read as the section column: a name ('Rehabilitation "
                              "and release planning', wrapped in a narrow cell, broken mid-word), not a sentence")
    section_words_ended: int = Field(
        14, ge=1, description="Words such a line may hold where blank space parts it from text that ended with a "
                              "sentence above it and a record's ref (or, where no refs are printed, its "
                              "decision) follows it: both sides say a heading")
    reflect_miss: float = Field(
        1.0, ge=0, description="Line heights within which a centred ref's row top, reflected through the ref, lands "
                               "on the row's end; the last row of a page whose every top misses its foot by more "
                               "runs on over the page, and a ref level with a line where a row can start is at its "
                               "top (a row broken across pages prints it there, not centred); a row whose every "
                               "possible top misses where the row above ends by more starts at the line of text there")
    reflect_land: float = Field(
        0.4, gt=0, lt=0.5, description="Share of a line's height within which a row's end, reflected through a "
                                       "centred ref, lands on that line's top: where no cell shows the row's top, "
                                       "the line there is it")
    ref_level_share: float = Field(
        0.3, gt=0, lt=0.5, description="A ref is level with a line of the recommendation beside it when their tops "
                                       "differ by at most this share of the ref's height; a ref beside the text but "
                                       "level with none of its lines (a cell of an even number of lines centres it "
                                       "half a line off them) is centred down its row, not typed at the row's top")
    centred_lines: int = Field(
        2, ge=1, description="Lines of a column's cells below a one-line heading that must all be centred under it "
                             "(starting at different places, none at the heading's start) before the heading is read "
                             "as centred over its column: its start is then not the column's edge")
    centred_share: float = Field(
        0.5, gt=0, description="... each line's middle within this share of its height of the heading's middle")
    centred_column_share: float = Field(
        0.9, gt=0, le=1, description="Share of an owner or date column's short lines (narrower than the widest on "
                                     "their page by a line's height) centred on its page's middle, and starting "
                                     "right of where its lines start furthest left, for the column to be read as "
                                     "centred: a line there is judged by its width, not where it ends "
                                     "(`cells.centred_width`)")
    summary_border: float = Field(
        0.5, ge=0, description="Share of a line's height above the first line of the summary counts table below a plan "
                               "(its title, or its first row) from which rules down are that table's, none of the "
                               "plan's: its top border lies just above the line, the plan's bottom border a blank "
                               "paragraph higher (two tables with nothing between them are one)")
    same_grid: float = Field(
        4.0, ge=0, description="Column edges on a later page within this many points continue the same table")
    outer_rows: int = Field(
        1, ge=1, description="Rows below the header that must hold words past a grid's outer rule, in rows whose rules "
                             "run on over them, for those words to be a column of the grid: a scan askew or cut at "
                             "the paper's edge loses a table's outer vertical rule, and the table finder's grid ends "
                             "at the last rule it sees, leaving the column beyond (its heading and cells) outside")
    # -- cells -> lines -> paragraphs --------------------------------------------------------------------
    line_overlap: float = Field(
        0.4, gt=0, lt=1, description="A word joins a line when it starts above the bottom of the line's first word by "
                                     "this share of its height (words of one line differ in top by font and "
                                     "superscripts)")
    decision_likeness: float = Field(
        0.6, gt=0, le=1, description="Share of letters (difflib's ratio) a decision cell's one word, read through OCR "
                                     "and no word, must have in common with one answer ('agreed', 'accepted', "
                                     "'rejected') and no other to be read as that answer: OCR misread the word "
                                     "('puiected' for 'rejected'; `decisions.misread_answer`)")
    stacked_step: float = Field(
        0.3, gt=0, lt=1, description="Share of a word's height by which its top may lie below that of a word it lies "
                                     "over (across at least half the wider one's width) and the two be one reading of "
                                     "the same ink; one lower than that is the next line of a stacked cell, though "
                                     "its box reaches far enough up to join the line ('PARTLY' over 'AGREED', "
                                     "boxed by OCR 0.6 of a line apart): two words of one line never lie across one "
                                     "another")
    speck_margin: float = Field(
        0.3, ge=0, lt=1, description="Share of a line's height: a mark of no letter or digit opening an owner or date "
                                     "line left of where the cell's other lines start by more than this, its next "
                                     "word starting there within this, is a speck OCR read (`cells.without_specks`)")
    dash_slot: float = Field(
        0.2, ge=0, lt=1, description="Share of a date cell's line pitch: a yearless month's name and a later month's "
                                     "two pitches apart within this, on a page read through OCR, have one line's slot "
                                     "empty between them, where a range's dash wrapped onto a line of its own was "
                                     "printed and OCR read no word (`cells.lost_range_dash`)")
    grain_reach: float = Field(
        1.5, gt=0, description="Share of a line's height: a date cell's line of one short word, no date, lying "
                               "within a word of the line this near above or below it, is grain OCR read "
                               "(`cells.without_grain`)")
    reread_step: float = Field(
        0.9, gt=0, lt=1, description="Share of a line's type height: two lines of a date cell read through OCR whose "
                                     "tops stand nearer than this, one within the other's span, would overlap as "
                                     "type: one is a second reading of the other's ink, and the one the date grammar "
                                     "reads nothing of goes (`cells.without_rereadings`)")
    stacked_overlap: float = Field(
        0.5, gt=0, le=1, description="Share of the narrower word's width: two words read through OCR on one line of an "
                                     "owner or date cell overlapping by more than this are stacked, two lines read as "
                                     "one (`cells.part_stacked`)")
    stop_gap: float = Field(
        0.2, ge=0, lt=1, description="Share of a line's height: a full stop or comma ending an owner or date line this "
                                     "far or more after the word before it stands a space off its word, as no typist "
                                     "sets one: a speck OCR read in the gutter, left out (`cells.without_specks`)")
    mark_gap: float = Field(
        1.0, gt=0, description="Share of a line's height: a mark of no letter or digit read through OCR ending an "
                               "owner or date line this far or more after the word before it (some four spaces: a "
                               "range's dash stands a space off) is a speck, left out (`cells.without_specks`)")
    least_step: float = Field(
        0.8, gt=0, description="Share of a cell's usual line height below which a step between two lines' tops is no "
                               "line pitch (a superscript split off its line, a speck OCR read as a character beside "
                               "one): `cells.pitch` measures wraps from the shortest step no shorter than this")
    line_tall: float = Field(
        1.3, gt=1, description="Share of a cell's usual line height above which a line's box is no one line's: "
                               "`cells.pitch` measures no step from its top (OCR's specks read as words, joined to a "
                               "line half a line above its words, raise its top)")
    paragraph_gap: float = Field(
        1.45, gt=1, description="A step between line tops this many times the usual line pitch is blank space: "
                                "a new paragraph or entry")
    space_least: float = Field(
        0.12, gt=0, description="A plan's paragraphs are spaced when one advance (a pitch and a space after) longer "
                                "than a pitch by this share of it or more, and by less than `space_most`, explains "
                                "its longer steps between line tops as whole numbers of advances")
    space_most: float = Field(
        0.9, gt=0, lt=1, description="... by less than this share (two pitches would be a blank line; Word's 8 pt "
                                     "after in an 8 pt font is about 0.8)")
    space_min: int = Field(
        4, ge=1, description="Longer steps such an advance must explain before a plan's paragraphs are judged spaced")
    pitch_wraps: int = Field(
        4, ge=1, description="Steps to a line carrying its sentence on in lower case (Word wrapped it) a plan must "
                             "show before their median is its line pitch (`cells.spacing`), not its shortest steps'")
    space_spread: float = Field(
        0.06, gt=0, description="A step within this share of a pitch of a whole number of advances is explained")
    space_share: float = Field(
        0.6, gt=0, le=1, description="Share of a plan's steps longer than a pitch the advance must explain (and more "
                                     "than whole pitches do) for its paragraphs to be judged spaced")
    wrap_slack: float = Field(
        2.0, ge=0, description="A line ends in a hard break (Enter), not a wrap, when the next line's first word "
                               "would still have fitted after it with this many points to spare")
    ocr_wrap_slack: float = Field(
        1.0, ge=0, description="Share of a line's height: read through OCR, an owner's line ends in a hard break only "
                               "when the next line's first word would have fitted after it with this much to spare. "
                               "OCR's boxes hug a word's ink, a word it lost ('Violence' of 'Violence Reduction') or a "
                               "stray word that set the column's edge out leaves room no wrap left: with less, the "
                               "words tell a wrap from a second owner (`cells.entries`)")
    reach_slack: float = Field(
        0.5, ge=0, description="The same, measured against the longest line of the cell on its page with the space "
                                "the cell's lines show: points allowed for measuring (kerning beside a space)")
    justify_lines: int = Field(
        3, ge=1, description="A cell is justified on a page when at least this many of its lines of two words or "
                             "more end flush at its right edge, half of such lines or more, ...")
    justify_flush: float = Field(
        1.0, ge=0, description="... within this many points of the edge, ...")
    justify_stretch: float = Field(
        1.5, gt=1, description="... and two of them show a space this many times wider than any in the lines that "
                               "stop short (a paragraph's last line keeps its natural spaces)")
    sentence_habit_min: int = Field(
        3, ge=1, description="Sentences ending at a line's end (the next line opening with a capital) a document must "
                             "show before its habit of ending every action with its sentence is judged")
    sentence_habit_inside: float = Field(
        0.1, ge=0, description="Sentences ending inside actions (estimated from those ending inside a line), as a "
                               "share of those ending at a line's end, above which a document writes actions of "
                               "several sentences: a sentence ending at a line's end then parts nothing by itself")
    # -- owner and date entries -> paragraphs ------------------------------------------------------------
    post_lines: int = Field(
        8, ge=1, description="Lines below an owner line read with it to judge whether it opens a second owner stacked "
                             "with no separator (a post wrapped in a column so narrow it breaks words: a name over two "
                             "lines, a dash on its own and a post broken over up to five, 'Marek' / 'Nowak' / '–' / "
                             "'Custodi' / 'al' / 'Manage' / 'r')")
    level_share: float = Field(
        0.4, gt=0, le=1, description="An entry is level with a paragraph when their tops differ by at most this "
                                     "share of a line height")
    above_cost: float = Field(
        4.0, ge=0, description="Alignment cost per line an entry sits above where a placement puts it: an entry "
                               "typed late drifts down, hardly ever up")
    shift_cost: float = Field(
        0.5, ge=0, description="Alignment cost per line of shift (one or two lines low): level is the first guess")
    stacked_cost: float = Field(
        1.0, ge=0, description="Alignment cost per entry after the first for reading a cell as stacked at the top")
    owner_share: float = Field(
        0.5, ge=0, description="Alignment cost of giving two owner entries to one action (two posts typed apart)")
    date_share: float = Field(
        3.0, ge=0, description="Alignment cost of giving two target dates to one action, which plans rarely do")
    gap_habit: float = Field(
        0.8, gt=0, le=1, description="Share of a document's owner entries parted by blank space from the entry above "
                                     "at which the typist is taken to part every entry so: owners typed one under "
                                     "another with no blank between them are then one entry")
    gap_habit_min: int = Field(
        3, ge=1, description="Owner entries parted from the one above (on one page) that a document must show before "
                             "its habit of parting them by blank space is judged")
    lead_cost: float = Field(
        0.5, ge=0, description="Cost, when judging a document's placement habit, of each entry a shift gives to a "
                               "lead-in ('... will:') that introduces paragraphs below it: typists set owners and "
                               "dates against the actions, so entries level with lead-ins row after row are more "
                               "likely stacked at the top of their cells")
    pair_cost: float = Field(
        1.0, ge=0, description="Cost, when judging a document's placement habit, of each owner entry a placement puts "
                               "beside another action than the date entry of the same rank, in a row with as many "
                               "owner entries as date entries: a typist types an action's owner and date together")
    habit: float = Field(
        1.0, ge=0, description="Cost of a row placement other than the document's usual one (a typist keeps a habit)")
    stacked_gap: float = Field(
        1.8, gt=0, description="Entries stacked at the top of a cell are at most this many lines apart (one blank)")
    prose_share: float = Field(
        0.3, gt=0, lt=1, description="Share of a column's lines with two lower-case words or more that makes it a "
                                     "column of running text (a response or finding), whatever decisions or dates "
                                     "open its cells")
    weak_decision: float = Field(
        0.3, gt=0, lt=1, description="Share of a column's lines or cells reading as decisions that names it the "
                                     "decision column when no other column is one (a sample of a few wrapped cells)")
    weak_date: float = Field(
        0.2, gt=0, lt=1, description="The same for dates, right of the response: dates with notes and wraps "
                                     "('January' / '2023' / '(pilot)') read weakly line by line")
    marked_habit_min: int = Field(
        6, ge=1, description="Actions (paragraphs that act, not the first of their page in the cell) a document must "
                             "show, every one with its owner or date where it types them, before a paragraph atop a "
                             "page with none is read as more of the action above")
    cue_reach: int = Field(
        3, ge=1, description="Lines into a response paragraph from which an owner or date block beside a line that "
                             "opens a sentence marks a new action: entries are typed at most two lines low")
    hang_share: float = Field(
        0.5, gt=0, description="A line of a list item (its first line opened by a bullet or a letter or number) "
                               "that starts within this share of its height of where the item's text starts after "
                               "its mark, and right of the mark, hangs under the item: it runs the item on, and no "
                               "entry beside it splits an action there (the next action would bring its own mark)")
    cell_padding: float = Field(
        5.4, ge=0, description="Points between a cell's border and its text on each side (Word's default, 0.19 cm): "
                               "text wraps that far short of the next column's text")


DEFAULT = Settings()
