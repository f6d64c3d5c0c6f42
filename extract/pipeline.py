"""One PDF -> one validated Document.

In: a path to a PDF.
Out: `actionplans.schemas.Document`, or a domain error from `errors` naming the file and page.
Each page is read once (words and the table finder's cell grid) and closed straight away, so memory
does not grow with page count; everything after that works on those words.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from actionplans.schemas import Action, Document, Metadata, Quality, Recommendation, RowWarning, Source
from pydantic import ValidationError

from . import errors, ocr
from .align import STACKED, beside, choose, document_habit, hypotheses, unpaired
from .cells import (
    SINGLE,
    Paragraph,
    Spacing,
    block_starts,
    centred_width,
    closes_unopened,
    continues,
    entries,
    entry_marks,
    join_across_pages,
    join_hanging,
    join_unmarked,
    join_unpaired,
    lead_in,
    lost_range_dash,
    marked_counts,
    mend_breaks,
    merge_to_count,
    paragraphs,
    part_stacked,
    sentence_habit,
    spacing,
    split_at,
    split_at_cues,
    split_lead_ins,
    split_to_count,
    text_of,
    to_lines,
    without_grain,
    without_inside,
    without_lone_marks,
    without_rereadings,
    without_scattered,
    without_specks,
    wrap_limit,
)
from .dates import SEASON_END, mend_misread, parse_target_date
from .decisions import DECISION_ONLY, NOT_AGREED, decision_of, misread_answer
from .fetch import sha256_file
from .memo import remember
from .metadata import latest_day, parse_metadata
from .owners import (
    bare_title,
    describe_owner,
    ends_owner,
    is_post,
    name_begun,
    post_of,
    second_after_title,
    split_owners,
    starts_owner,
)
from .reader import DEFAULT_READER, TABLE_SETTINGS, WORD_KEYS, unreadable
from .reader import read_pages as _read_pages
from .settings import DEFAULT, Settings
from .tables import (
    REF,
    REF_LEAD,
    Columns,
    Row,
    Scan,
    TableScanner,
    column_right,
    furniture,
    header_field,
    next_start,
    without_marks,
)
from .vocabulary import MONTH_PATTERN

log = logging.getLogger(__name__)
__all__ = ["TABLE_SETTINGS", "WORD_KEYS", "read_pages", "unreadable", "extract_document", "extract_with_problems"]


def read_pages(path: Path, first: int = 1, last: int | None = None,
               reader: str = DEFAULT_READER, drop: dict[int, list] | None = None) -> tuple[int, list[dict]]:
    """Open the PDF and read each page once (pages first..last, 1-based, all by default): words and
    the ruled tables' grids, by the `reader` backend (extract/reader.py). Returns the document's page
    count and the pages read; words in the boxes `drop` gives a page are left out."""
    return _read_pages(path, first, last, reader=reader, drop=drop)


def in_table(line: tuple[float, float, str], tables: list) -> bool:
    return any(b[1] - 1 <= line[0] and line[1] <= b[3] + 1 for b, _ in tables)


def tabular(ln) -> bool:
    """Is this line a row of a table: words in three cells or more (runs of words apart by more than the line's
    height)? A table header repeated at the top of every page is the plan's header, whatever its words, not a
    running header."""
    words, height = ln.words, ln.height  # len(chunks(ln)) >= 3: two gaps wider than the line's height
    gaps = 0
    for a, b in zip(words, words[1:]):
        if b["x0"] - a["x1"] > height:
            gaps += 1
            if gaps == 2:
                return True
    return False


def looks_like_header(text: str) -> bool:
    """A line of an unruled table's header row: three or more of its words name table fields."""
    words = text.split()
    return len(words) <= 24 and len({header_field(w) for w in words} - {None}) >= 3


def _cell_paragraphs(words: list[dict], right: float | None = None, sentences: bool = False,
                     spacing: Spacing = SINGLE) -> list[Paragraph]:
    return paragraphs(to_lines(words), spacing, right=right, sentences=sentences)


# What joins two owners in one entry: '/', ',', ';', '&', 'and'.
JOINER = re.compile(r"\s*(?:/|,|;|&|\band\b)\s*")
HEAD_WORDS = {"chief", "executive", "deputy", "head", "regional", "assistant", "senior", "prison", "acting",
              "interim", "national", "area", "of", "and", "for", "the"}


def complete_owner(post: str) -> bool:
    """Is `post` plainly whole, where no layout says so: it ends in a role noun ('... Lead', 'Reception
    Supervisor'), or opens with a head and names its portfolio with nothing joined on ('Head of Decency'; not
    'Head of', nor 'Head of Decency & Foreign', which waits for the rest of its second owner)?"""
    words = re.findall(r"[A-Za-z]+", post)
    return ends_owner(post) or (starts_owner(post) and len(words) >= 3 and words[-1].lower() not in HEAD_WORDS
                                and not JOINER.search(post))


@remember()
def opens_owner(line: str, before: str) -> bool:
    """Can this line begin a new owner entry, rather than continue a wrapped one? Only if the text
    before it ends a complete owner and the line itself reads as the start of one."""
    if re.search(r"(?:[/,&-]|\band|\bof|\bfor|\bthe)\s*$", before, re.I) or continues(line, before) or (
            closes_unopened(line)):
        return False  # '... and' + 'Head of Safety', 'Education Manager' + '(Catch22)/...', 'Trust) and'
    last, first = split_owners(before), split_owners(line)
    if not last or not first:
        return False
    frag = JOINER.split(before)[-1]  # what the line would continue
    words = re.findall(r"[A-Za-z]+", frag)
    if not words or words[-1].lower() in HEAD_WORDS:
        return False  # 'Executive' + 'Director', 'Chief' + 'Operating Officer Prisons'
    if frag != before.strip() and name_begun(frag):
        return False  # '... Head of Safety/Sam' + 'Hughes – Head of Security': a name begun after a separator
    lead = JOINER.split(line)[0]  # what would continue it
    lead_words = lead.split()
    if any(describe_owner(" ".join([frag, *lead_words[:n]])).known for n in range(1, len(lead_words) + 1)):
        return False  # 'Regional Probation' + 'Director', 'Head of Offender' + 'Management Accommodation Lead'
    if frag != before.strip() and len(frag.split()) == 1 and not (ends_owner(frag) or starts_owner(frag)) and (
            ends_owner(f"{frag} {lead}")):
        return False  # 'Head of Security, Gym' + 'Senior Officer': a word left after a separator, which it finishes
    done, lead = post_of(last[-1]), post_of(first[0])  # 'Tom Clarke – Head of Security': judge the post
    done = done.rsplit(")", 1)[-1].strip() or done  # '... (Practice Plus Group) Substance': a new post begun
    if not (ends_owner(done) or starts_owner(done) and len(done.split()) >= 3):
        return False
    opener = (lead.split() or [""])[0]
    if ends_owner(opener) and not starts_owner(opener):
        return False  # 'Manager (Gov Facility Services)': a post's last word opens none ('FM' + 'Manager')
    if lead == opener and not describe_owner(lead).known:
        return False  # a role's word alone is no owner ('Equalities' + 'Lead'), unless a whole one ('Governor')
    return starts_owner(lead) or describe_owner(lead).known or (len(first[0].split()) >= 2 and first[0][:1].isupper())


@remember()
def stacks_owner(ahead: list[str], before: str) -> bool:
    """Where the layout cannot tell a wrap from Enter: is the next line a second owner stacked under
    `before`? `ahead` is that line, then it with the lines that wrap on below it. Only when `before` is a
    complete role ('... Lead', 'Contract Manager (Novus)'), the line opens one
    by itself or within the next lines ('Contract' + 'Manager'), the two together are not one known role
    ('Prison Group' + 'Director'), and it is not the portfolio of a bare title ('Executive Director' +
    'Public Sector Prisons')."""
    frag = JOINER.split(before)[-1]
    last = split_owners(before)  # the last owner as owners are split ('Head of Learning and Skills' is one)
    bare = _BRACKETS.sub(" ", post_of(last[-1] if last else frag)).strip()  # its post, no bracketed provider or name
    if not complete_owner(bare):
        return False
    def lead_of(text: str) -> str:
        return JOINER.split(post_of(text).split("(")[0])[0]

    def longest_known(text: str) -> tuple[int, int]:
        lead = lead_of(text)
        return (0, -len(lead.split())) if describe_owner(lead).known else (1, 0)
    # the longest role the gazetteer knows, spelt out by the lines ahead, is read first ('Prison Group' +
    # 'Director': not 'Prison Group' as a title's portfolio)
    for text in sorted(dict.fromkeys(ahead), key=longest_known):
        lead = lead_of(text)
        if not (starts_owner(lead) or ends_owner(lead)):
            continue
        if len(lead.split()) == 1 and not starts_owner(lead):
            return False  # a post's last word alone ('Chaplaincy Team' + 'Leader') ends the post above
        if bare_title(frag) and not is_post(lead) and not second_after_title(frag, lead):
            return False  # a title, then its portfolio
        return not describe_owner(f"{frag} {lead}").known and opens_owner(text, before)
    return False


_BRACKETS = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?")
# A date still waiting for its year: a month, a quarter or a season (dates.py's seasons).
PERIOD_END = re.compile(rf"(?:\b(?:{MONTH_PATTERN}|{'|'.join(SEASON_END)})|\bQ[1-4])\.?\s*$", re.I)


@remember()
def opens_date(line: str, before: str, whole: bool = False) -> bool:
    """Can this line begin a new date entry? Only once the text before it is a whole date or status,
    and not when it continues one ('end of' + 'December', 'August 2021' + '(review of processes)', a range's
    'June –' + 'September 2022' or 'December 2018' + '- April 2019', over a page break too).
    `whole`: the line (with what wraps on below it) must also read as a date by itself ('end of November'
    opens, 'onwards' continues)."""
    if whole and parse_target_date(line).status == "unparsed":
        return False
    if line.startswith(("(", "-", "\u2013", "\u2014")) or re.match(r"(?:and|or|to|of|until)\b", line):
        return False
    if re.search(r"(?:\band|\bof|\bby|\bto|\bthe|[-\u2013\u2014,/&])\s*$", before, re.I):
        # ... unless the dash ends a date the line's date is before: no range runs backwards ('May 2021 —', a speck
        # read as a dash, over 'December 2020')
        ends, starts = parse_target_date(before.rstrip(" -\u2013\u2014")).due, parse_target_date(line).due
        return bool(re.search(r"[-\u2013\u2014]\s*$", before) and ends and starts and starts < ends)
    if re.match(r"\d{4}(?:[/-]\d{2,4})?\b", line) and PERIOD_END.search(before):
        return False  # 'September' + '2022', 'End of Q2' + '2022/23': the year of a date wrapped over two lines
    return parse_target_date(before).status != "unparsed"


@remember()
def opens_read_date(line: str, before: str, whole: bool = False) -> bool:
    """`opens_date` for a date cell read through OCR, judged on the entries as `dates.mend_misread` puts them back
    (as `build_recommendation` reads them): an entry OCR misread ('To.be confirmed') is whole all the same, and the
    next line ('TBC') opens an entry after it, not more of it. An entry misread past mending ('To be 4 COMUNE' for
    'To be confirmed') ends all the same before a line that is a status in words alone ('TBC', 'Ongoing'), which
    continues no date: read as more of it, every status stacked below it would join the one entry."""
    line, before = mend_misread(line), mend_misread(before)
    if opens_date(line, before, whole):
        return True
    got = parse_target_date(line)
    return (parse_target_date(before).status == "unparsed" and got.due is None
            and got.status not in ("due", "unparsed") and not continues(line, before))


@dataclass
class RowCells:
    """One stitched row read into paragraphs and entries, before owners and dates are assigned."""
    row: Row
    ref: str
    text: list[Paragraph]
    decision_text: str | None
    response: list[Paragraph]
    owners: list[Paragraph]
    dates: list[Paragraph]
    owner_options: dict
    date_options: dict
    owners_stacked: list[Paragraph]  # the entries as read when stacked at the top of the cell
    dates_stacked: list[Paragraph]
    owner_breaks: tuple[int, int] = (0, 0)  # of the owner entries' boundaries: (with blank space above, all)
    base: CellText | None = None  # the habit-free reading of the row, for a second reading to reuse
    hanging: bool = False  # a paragraph atop a page set in to the item above, no entry beside it (`join_hanging`)
    marked: tuple[int, int] = (0, 0)  # actions not first on their page, and those with an entry (`marked_counts`)


def column_rights(rows: list[Row], names: tuple[str, ...] = ("owner", "date"), columns: Columns | None = None,
                  settings: Settings = DEFAULT) -> dict[str, float]:
    """The right edge of each column's text across the document (`tables.column_right`), where its lines' letters
    end: a word read through OCR that holds no letter or digit ends none (grain in the gutter a space after a line's
    last word is read as '-' or '.', and set the column's edge out by a word's space: a line ended by a wrap then
    read as ended by Enter, 'Education' / 'Manager (Milton Keynes College)' two owners)."""
    out: dict[str, float] = {}
    for name in names:
        j = columns.fields.index(name) + 1 if columns is not None and name in columns.fields else None
        after = columns.fields[j] if j is not None and j < len(columns.fields) else None
        starts = [w["x0"] for r in rows for w in r.words(after)] if after else []
        right = column_right([w["x1"] for r in rows for w in r.words(name) if "bearings" not in w or any(
            c.isalnum() for c in w["text"])], columns, name, settings, starts)
        if right is not None:
            out[name] = right
    return out


@dataclass
class CellText:
    """What a row's cells say whatever the placement habit: its ref, decision, text and response paragraphs (before
    owner and date cues split them) and the lines of its owner and date cells. Read once, reused by a second
    reading under the document's habits."""
    ref: str
    decision_text: str | None
    text: list[Paragraph]
    response: list[Paragraph]
    owner_lines: list
    date_lines: list
    entries: dict = field(default_factory=dict)  # entries read so far, by column and how they were read


def _longest_lines(cells: list[list], columns: Columns | None) -> dict[int, float]:
    """Per page, where the response column's longest line ends, over every row's cell there (a line that runs past
    the next column's start, across it, is not the column's: `tables.column_right`)."""
    nxt = next_start(columns, "response")
    out: dict[int, float] = {}
    for lines in cells:
        for ln in lines:
            if (nxt is None or ln.x1 <= nxt) and ln.x1 > out.get(ln.page, 0.0):
                out[ln.page] = ln.x1
    return out


def entry_cells(row: Row, rights: dict[str, float]) -> tuple[list, list]:
    """The lines of a row's owner cell (stacked lines read as one parted, a speck read as a line of its own, grain
    read as short words spaced apart, or a mark past the column's edge left out, words broken at its edge marked) and
    of its date cell (stacked lines read as one parted, a second reading of a line's ink left out)."""
    return (mend_breaks(without_lone_marks(without_scattered(part_stacked(without_specks(
                to_lines(row.words("owner")), right=rights.get("owner"))))), rights.get("owner")),
            lost_range_dash(without_rereadings(without_grain(part_stacked(without_specks(
                to_lines(row.words("date"))))))))


def read_text(row: Row, rights: dict[str, float], sentences: bool = False,
              response_lines: list | None = None, longest: dict[int, float] | None = None,
              spacing: Spacing = SINGLE, entry_lines: tuple[list, list] | None = None) -> CellText:
    ref = text_of(without_marks(row.words("ref")))
    if not ref or not REF_LEAD.match(ref) or len(ref.split()) > 3:
        m = REF_LEAD.match(ref)
        ref = m.group(0) if m else ref
    ref = re.sub(r"(?<=\d)\.$", "", ref.strip())
    lines = without_inside(to_lines(row.words("response"))) if response_lines is None else response_lines
    response = paragraphs(lines, spacing, right=rights.get("response"), sentences=sentences, longest=longest)
    decision_text = text_of(row.words("decision")) or None
    if decision_text is None and response and DECISION_ONLY.match(response[0].text):
        decision_text, response = response[0].text, response[1:]  # the decision heads the response cell
    elif decision_text is None and response and DECISION_ONLY.match(response[0].lines[0].text):
        # ... on a line of its own, though nothing parts it from the text below ('PARTLY AGREED' at a page's foot)
        head = response[0].lines[0]
        decision_text = head.text
        response = _cell_paragraphs([w for w in row.words("response") if not (
            w.get("page") == head.page and abs(w["top"] - head.top) < 1)], rights.get("response"), sentences, spacing)
    return CellText(ref, decision_text, _cell_paragraphs(row.words("text")), response,
                    *(entry_lines or entry_cells(row, rights)))


def read_cells(row: Row, rights: dict[str, float], settings: Settings = DEFAULT,
               habits: tuple = (None, None), blank_parted: bool = False, base: CellText | None = None,
               sentences: bool = False, response_lines: list | None = None,
               longest: dict[int, float] | None = None, every_marked: bool = False,
               spacing: Spacing = SINGLE, entry_lines: tuple[list, list] | None = None,
               centred: dict[str, float] | None = None) -> RowCells:
    """A row's cells read into paragraphs and entries. An owner or date line sits beside the paragraph where the
    document's placement (`habits`, owners then dates, from a first reading) puts it: under a shift, the one that
    many lines above; stacked at the top of the cell, none (entries part at blank space and where one ends).
    `blank_parted`: the document parts its owner entries with blank space, so owners typed one under another
    with none between them are one entry, whatever paragraph the lower ones sit beside. `base`: the row's
    `read_text`, when a first reading already has it. `sentences`: the document ends each action with its
    sentence (`sentence_habit`); `response_lines`, `entry_lines`: the response cell's lines and the owner and date
    cells' (`entry_cells`), where the caller has them already. `spacing`: the plan's line pitch and paragraph
    space (`cells.spacing`): distances a typist makes by pressing Enter (entries typed low, blank space) are measured
    in its advance. `centred`: the width the owner and date columns hold, those whose lines are centred
    (`cells.centred_width`)."""
    centred = centred or {}
    base = base or read_text(row, rights, sentences, response_lines, longest, spacing, entry_lines)
    ref, response, decision_text = base.ref, base.response, base.decision_text
    owner_lines, date_lines = base.owner_lines, base.date_lines
    cues = [ln for lines, h in ((owner_lines, habits[0]), (date_lines, habits[1])) if h != STACKED
            for ln in block_starts(lines, settings, spacing)]

    opens = opens_read_date if any(ln.read_by_ocr for ln in date_lines) else opens_date

    def date_entries(level_of) -> list[Paragraph]:
        return entries(date_lines, level_of, opens, spacing, split_segments=True, right=rights.get("date"),
                       settings=settings, segment_opens=opens, centred=centred.get("date"))
    if habits[1] != STACKED and date_lines:
        # a date that ends where the next opens, no blank space between them, is a cue too: each is an action's
        # ('Winter 2020' / 'Winter 2019' typed one under the other, their actions two lines apart)
        if ("date", STACKED) not in base.entries:  # read as `read_dates(STACKED)` reads them, and kept for it
            base.entries[("date", STACKED)] = date_entries(None)
        known = {id(c) for c in cues}
        cues += [e.lines[0] for e in base.entries[("date", STACKED)] if id(e.lines[0]) not in known]
    rsp = spacing.of([ln for p in response for ln in p.lines])
    lh = rsp.advance if response else 12.0 + spacing.space
    # typed low in a spaced plan, an entry lands on its own column's lattice of Enter presses: up to the space
    # after a paragraph above where a whole number of advances below its action would put it
    slack = rsp.space / rsp.advance if response and rsp.space else 0.0
    shift = habits[0] if habits[0] not in (None, STACKED) else habits[1] if habits[1] != STACKED else 0
    level_habit = shift == 0 and 0 in habits  # known to type entries level: one beside any sentence's start marks it
    response = split_at_cues(response, cues, rights.get("response"), settings=settings, drop=(shift or 0) * lh,
                             sentences=sentences, reach=1 if level_habit or shift in habits else None,
                             entry_lines=owner_lines + date_lines, spacing=spacing)
    known_habit = shift is not None and shift in habits  # entries typed level, or so many lines low, throughout

    def level(shift):
        if shift == STACKED:
            return None
        return lambda ln: beside(response, ln.page, ln.top - (shift or 0) * lh, settings.level_share * ln.height)

    # Entries read stacked do not depend on the paragraphs; read level or low, on the paragraphs as the cues split
    # them: a second reading reuses what the first read the same way.
    split = (tuple(id(c) for c in cues), shift)

    def read_once(column: str, shift, read) -> list[Paragraph]:
        key = (column, shift) if shift == STACKED else (column, shift, split)
        if key not in base.entries:
            base.entries[key] = read(shift)
        return base.entries[key]

    tops: dict[int, float] = {}  # the row's first line's top on each page: where a cell run on over a break goes on
    for ln in [*(ln for p in response for ln in p.lines), *owner_lines, *date_lines]:
        tops[ln.page] = min(tops.get(ln.page, ln.top), ln.top)

    def read_owners(shift) -> list[Paragraph]:
        return read_once("owner", shift, lambda sh: entries(owner_lines, level(sh), opens_owner, spacing,
                                                            settings=settings, right=rights.get("owner"),
                                                            segment_opens=stacks_owner,
                                                            centred=centred.get("owner"), tops=tops))

    def read_dates(shift) -> list[Paragraph]:
        return read_once("date", shift, lambda sh: date_entries(level(sh)))

    marks = entry_marks(owner_lines + date_lines, [*read_owners(STACKED), *read_dates(STACKED)])
    drop = (shift or 0) * lh
    tol = settings.level_share * lh
    joined = join_hanging(response, marks, tol, drop)
    unmarked = join_unmarked(joined, marks, tol, drop, rights.get("response"))
    hanging = len(unmarked) < len(response)  # a level habit would join them: a second reading to do
    marked = marked_counts(response, marks, tol, drop)
    if known_habit:
        response = split_lead_ins(unmarked if every_marked else joined, marks, tol, drop)

    owners, dates = read_owners(STACKED if blank_parted else habits[0]), read_dates(habits[1])
    osp = spacing.of(owner_lines)
    breaks = [(a, b) for a, b in zip(owners, owners[1:]) if a.lines[-1].page == b.lines[0].page]
    owner_breaks = (sum(osp.blank(b.lines[0].top - a.lines[-1].top, settings) for a, b in breaks), len(breaks))
    if habits[0] != STACKED:
        starts = [(d.page, d.top) for d in dates]
        owners = split_at(owners, starts, settings.level_share * lh, lh if rsp.space else None)
        if dates and habits[1] != STACKED:
            owners = join_unpaired(owners, starts, settings.level_share * lh, settings.paragraph_gap * osp.advance)
    if habits[0] == STACKED and habits[1] == STACKED and len(owners) > len(dates) > 0:
        owners = join_across_pages(owners, len(dates))  # the stacked dates count the actions
    # as read if stacked at the top of the cell, whatever paragraph a line sits beside
    owners_stacked = owners if habits[0] == STACKED else read_owners(STACKED)
    dates_stacked = dates if habits[1] == STACKED else read_dates(STACKED)
    if habits[1] == STACKED:  # the stacked dates say how many actions there are: one each
        response = split_to_count(response, len(dates), rights.get("response"), settings, spacing)
        response = merge_to_count(response, len(dates))
    return RowCells(row, ref, base.text, decision_text, response, owners, dates,
                    hypotheses(response, owners, lh, settings=settings, stacked=owners_stacked, slack=slack),
                    hypotheses(response, dates, lh, share=settings.date_share, settings=settings,
                               stacked=dates_stacked, slack=slack),
                    owners_stacked, dates_stacked, owner_breaks, base, hanging, marked)


def build_recommendation(cells: RowCells, base: dt.date | None, quality: Quality,
                         habits: tuple = (None, None), ocr_pages: frozenset[int] = frozenset()) -> Recommendation:
    """One row's record. `ocr_pages`: the pages read through OCR, where a date entry has OCR's predictable
    misreadings put back as far as the date grammar confirms them (`dates.mend_misread`), and one read as a lone
    letter (a speck) left out."""
    row, response = cells.row, cells.response
    warnings: list[str] = []
    decision_text = cells.decision_text
    owner_habit, date_habit = habits
    date_choice = choose(cells.date_options, date_habit)
    owner_choice = choose(cells.owner_options, owner_habit)
    dates = date_choice.entries if date_choice.entries is not None else cells.dates
    owners = owner_choice.entries if owner_choice.entries is not None else cells.owners
    # Owners typed one per line at the top of the cell, one per action, read as one entry of several
    # segments: when the row's dates are stacked that way, so are its owners.
    owner_units: list[tuple[str, list[str]]] = [(e.text, e.segments or [e.text]) for e in owners]
    owner_targets = owner_choice.targets
    # A stacked date column tells how many actions the stacked owners serve: one owner entry (or one
    # segment, typed on a line of its own) for each date, in order.
    stacked = date_choice.hypothesis == STACKED or (not dates and owner_habit == STACKED)
    if stacked and owner_choice.hypothesis != STACKED:
        owners = cells.owners_stacked
        owner_units = [(e.text, e.segments or [e.text]) for e in owners]
    if stacked and owners:
        segments = [(seg, [seg]) for e in owners for seg in (e.segments or [e.text])]
        if len(owners) == len(dates):
            owner_targets = date_choice.targets
        elif len(segments) == len(dates):
            owner_units, owner_targets = segments, date_choice.targets
        elif len(owners) == 1 and 1 < len(segments) <= len(response) and (
                owner_choice.hypothesis != STACKED or len(dates) > 1):
            # one owner entry of several segments, no count to pair them by: one segment an action, in order (read
            # stacked, with the row's dates stacked for several actions, not all of them the first action's: OCR
            # read one date's note apart, 'November 2020' / 'SsH et t0', or two owners as one line)
            acting = [i for i, p in enumerate(response) if not lead_in(p)]
            owner_units = segments
            owner_targets = acting[:len(segments)] if len(acting) >= len(segments) else list(range(len(segments)))
    owner_at: dict[int, list[tuple[str, list[str]]]] = {}
    date_at: dict[int, list[str]] = {}
    for unit, i in zip(owner_units, owner_targets):
        if i is None:
            quality.unaligned_entries += 1
            warnings.append(f"owner entry beside no action: {unit[0]}")
        else:
            owner_at.setdefault(i, []).append(unit)
    for e, i in zip(dates, date_choice.targets):
        if i is None:
            quality.unaligned_entries += 1
            warnings.append(f"date entry beside no action: {e.text}")
        else:
            scanned = any(ln.page in ocr_pages for ln in e.lines)
            text = mend_misread(e.text) if scanned else e.text
            if scanned and len(text.strip()) == 1 and text.strip().isalpha():
                # a date entry OCR read as one letter is no date, status nor note (each is a word at least): a speck
                # of the scan's grain, read alone below or beside the cell's date
                warnings.append(f"date entry read through OCR as one letter, left out: {e.text!r}")
                continue
            if text != e.text:  # said, so a reader can check it against the page
                warnings.append(f"date entry read through OCR mended: {e.text!r} read as {text!r}")
            date_at.setdefault(i, []).append(text)
    actions = []
    scanned_row = any(pg in ocr_pages for pg in row.pages)
    for i, p in enumerate(response):
        action_warnings: list[str] = []
        owned = owner_at.get(i, [])
        owner_text = " / ".join(t for t, _ in owned) or None
        dates_here = date_at.get(i, [])
        if len(dates_here) > 1:
            quality.unaligned_entries += len(dates_here) - 1
            action_warnings.append("several target dates beside one action: " + "; ".join(dates_here))
        owner_list = [o for _, segs in owned for seg in segs for o in split_owners(seg)]
        lone = [o for o in owner_list if scanned_row and len(o.strip()) == 1 and o.strip().isalpha()]
        if lone:
            # an owner OCR read as one letter is none (no post or name is one letter): a word it misread ('i' for
            # 'Jo'), set apart from the rest of its owner, or a speck
            action_warnings.append("owner read through OCR as one letter, left out: " + "; ".join(lone))
            owner_list = [o for o in owner_list if o not in lone]
        target = parse_target_date(dates_here[0], base) if dates_here else None
        if target is not None and target.status == "unparsed":
            action_warnings.append(f"target date not understood: {dates_here[0]}")
        actions.append(Action(
            text=p.text, kind="bullet" if p.bullet else "lead", owners=owner_list, owner_text=owner_text,
            target_date=target, page=p.page, bbox=tuple(round(v, 1) for v in p.bbox()), warnings=action_warnings))
    text = " ".join(p.text for p in cells.text)
    if not text.strip():
        warnings.append("recommendation text is empty")
    if not REF.match(cells.ref or ""):
        warnings.append(f"reference not recognised: {cells.ref!r}" if cells.ref else "no reference")
    decision = decision_of(decision_text or "")
    if decision is None and decision_text and scanned_row:  # OCR's misreading of the decision's word (warned of)
        decision = misread_answer(decision_text, DEFAULT.decision_likeness)
    if decision_text and (decision is None or not DECISION_ONLY.match(decision_text.strip())):
        warnings.append(f"decision wording not recognised in full: {decision_text!r}")
    if not response:
        warnings.append("no response")
    return Recommendation(
        ref=cells.ref, section=row.section, text=text, decision=decision, decision_text=decision_text,
        response=" ".join(p.text for p in response), pages=sorted(row.pages),
        bbox=tuple(round(v, 1) for v in row.bbox), actions=actions, warnings=warnings)


def family_of(meta: Metadata, fields: list[str], refs: list[str], decisions: list[str | None],
              banners: set[str] = frozenset()) -> str:
    """The layout family of formats.md, from the document itself."""
    if meta.kind == "immigration_removal_centre" or any(d in ("partly_accepted", "not_accepted") for d in decisions):
        return "V9"
    if any(d in ("accepted", "rejected") for d in decisions):
        return "V1"
    if any(re.match(r"(priority|key)\s+concern", r, re.I) for r in refs):
        return "V8"
    if "decision" not in fields or meta.kind == "urgent_notification":
        return "V6"
    if meta.kind == "probation":
        return "V4"
    if meta.kind == "thematic":
        return "thematic"
    if any("covid" in b.lower() for b in banners):
        return "V3-C"
    if meta.submitted and meta.submitted < "2019":
        return "V2"
    return "V3"


def _refused(row: Row, response: list) -> bool:
    """Does the row refuse its recommendation, by its decision cell or by the opening of its response?"""
    said = " ".join(w["text"] for w in row.words("decision")) or " ".join(ln.text for ln in response[:2])
    return decision_of(said) in NOT_AGREED


def placement_habits(read: list[RowCells], settings: Settings = DEFAULT, space: float = 0.0) -> tuple:
    """The document's placement habit for owners and for dates: one typist places both columns' entries one way,
    so the evidence of both is summed (a column of one-line dates fits any placement where stacked owners
    cannot); a column with no entries has none."""
    owners, dates = [c.owner_options for c in read], [c.date_options for c in read]
    # and one types an action's owner and date together: a placement that parts a row's owner and date entries of
    # the same rank (as many of each) reads it less well than one that keeps them beside one action
    extra: dict = {}
    for c in read:
        for h, n in unpaired(c.owner_options, c.date_options, settings.level_share, space).items():
            extra[h] = extra.get(h, 0.0) + settings.pair_cost * n
    joint = document_habit(owners + dates, settings, [*range(len(read))] * 2, extra)
    return tuple(joint if document_habit(col, settings) is not None else None for col in (owners, dates))


@dataclass
class Recovery:
    """What the table stages found in a document's pages, before records are built: the page lines, the
    furniture dropped, the scan (columns, rows, sections, joins), every row read into paragraphs and
    entries, the owner/date placement habits of the document, its line spacing and the width of the owner and date
    columns whose lines are centred. `actionplans debug` draws it."""
    lines_per_page: list[list[tuple[float, float, str]]]
    furniture: list[set[float]]
    banners: set[str]
    scan: Scan
    cells: list[RowCells]
    habits: tuple
    spacing: Spacing = SINGLE
    centred: dict[str, float] = field(default_factory=dict)


def _off_furniture(words: list[dict], tops, scanned: bool = False) -> list[dict]:
    """The words not level with a furniture line's top (within 1.5 pt), each distinct top judged once. On a page
    read through OCR, not on a furniture line at all: a line askew rises across the page (a banner's words' tops
    6 pt apart from end to end), so the words of each line read whose top is furniture's go with it."""
    if scanned:
        gone = {id(w) for ln in to_lines(words) if any(abs(ln.top - t) < 1.5 for t in tops) for w in ln.words}
        return [w for w in words if id(w) not in gone]
    near: dict[float, bool] = {}
    kept = []
    for w in words:
        top = w["top"]
        hit = near.get(top)
        if hit is None:
            hit = near[top] = any(abs(top - t) < 1.5 for t in tops)
        if not hit:
            kept.append(w)
    return kept


def recover(pages: list[dict], settings: Settings = DEFAULT, release: bool = False) -> Recovery:
    """Pages (as `read_pages` gives them) -> the plan's table, rows and cells. Drops page furniture from
    the pages' words in place. `release`: empties each page's words, tables and rules once the table scanner has read
    them (the rows keep copies of their words), so a long plan's words are not held twice, and keeps the lines of the
    pages down to the table's header only (what the metadata is read from): the stages' peak, every row's words and
    readings, sets a long plan's peak memory (the language model fits in what they leave free), and the pages' table
    cells and lines (4 MB on the 320-page plan) sat among them."""
    lines_per_page, candidates, held = [], [], []
    for p in pages:  # one page's lines at a time: a copy of every word of a long plan at once cost tens of MB
        lines = to_lines(p["words"])  # one page's words: no page number is read here, so none is copied in
        here = [(ln.top, ln.bottom, ln.text) for ln in lines]  # each line's text joined once
        lines_per_page.append(here)
        table = [tabular(ln) or in_table(t, p["tables"]) or looks_like_header(t[2]) for ln, t in zip(lines, here)]
        candidates.append([t for t, tab in zip(here, table) if not tab])
        held.append([t for t, tab in zip(here, table) if tab])
    drop = furniture(candidates, [p["height"] for p in pages], held, settings)
    scanner = TableScanner(settings)
    for p, tops in zip(pages, drop):
        words = _off_furniture(p["words"], tops, p.get("scanned", False)) if tops else p["words"]
        p["words"] = words
        scanner.add_page(p["page"], words, p["tables"], p.get("rules", ()), scanned=p.get("scanned", False))
        if release:
            p["words"] = words = []
            p["tables"], p["rules"] = [], ()  # the scanner keeps what it needs of them
    scan = scanner.finish()
    banners = {t for lines, tops in zip(lines_per_page, drop) for top, _, t in lines if top in tops}
    if release:  # what is left to read needs the lines of the pages down to the table's header only
        head = (scan.first_table_top or (1, 0.0))[0]
        lines_per_page[head:] = [[] for _ in lines_per_page[head:]]
        candidates = held = None
    rights = column_rights(scan.rows, ("response", "owner", "date"), scan.columns, settings)
    # judged for the habit, then read with it (a character read twice within a word's span, and a line of grain
    # OCR read between paragraphs, left out)
    response = [without_scattered(without_inside(to_lines(row.words("response"))), settings) for row in scan.rows]
    if "response" in rights:  # no further than its own wraps show (the next column's text may start far off its edge)
        rights["response"] = wrap_limit(response, rights["response"], settings)
    # ... on the rows that act: a refusal's response gives its reasons in prose and lists no actions, so how its
    # sentences end says nothing of how the document ends an action ('This recommendation is not accepted. The ...')
    sentences = sentence_habit([lines for row, lines in zip(scan.rows, response) if not _refused(row, lines)],
                               settings)
    longest = _longest_lines(response, scan.columns)
    entry = [entry_cells(row, rights) for row in scan.rows]  # read once: measured here, then kept by each row
    # how far Enter moves the typist: a line, or a line and the space Word adds after each paragraph
    space = spacing(chain(response, (lines for pair in entry for lines in pair)), settings)
    centred = {name: width for k, name in enumerate(("owner", "date"))
               if (width := centred_width([ln for pair in entry for ln in pair[k]], settings)) is not None}
    read = [read_cells(row, rights, settings, sentences=sentences, response_lines=lines, longest=longest,
                       spacing=space, entry_lines=pair, centred=centred)
            for row, lines, pair in zip(scan.rows, response, entry)]
    del response, entry
    habits = placement_habits(read, settings, space.space)
    parted, breaks = (sum(c.owner_breaks[k] for c in read) for k in (0, 1))
    blank_parted = breaks >= settings.gap_habit_min and parted >= settings.gap_habit * breaks
    if blank_parted or any(h not in (None, 0) for h in habits):  # read the entries again as the typist typed them
        again = [bool(c.base.owner_lines or c.base.date_lines) for c in read]  # no entries: nothing to read again
    else:  # typed level, or no habit: only the rows whose paragraphs a level habit joins
        again = [0 in habits and c.hanging for c in read]
    # every action has its owner or date beside it, in the rows that give any (counted as first read, level: a
    # document typing its entries low shows none so, and is not judged)
    acting, marked = (sum(c.marked[k] for c in read if c.owners or c.dates) for k in (0, 1))
    every_marked = acting >= settings.marked_habit_min and marked == acting and STACKED not in habits
    for i, c in enumerate(read):  # in place: each first reading goes as its second is made
        if again[i]:
            read[i] = read_cells(c.row, rights, settings, habits, blank_parted, c.base, sentences,
                                 every_marked=every_marked, spacing=space, centred=centred)
    return Recovery(lines_per_page, drop, banners, scan, read, habits, space, centred)


@functools.cache
def warm() -> None:
    """Load what the table stages load on first use (dateparser's English data, the broken-word vocabulary, the
    owner gazetteer), once per process. Loaded before a document's pages are read, these long-lived tables do not
    land among the pages' short-lived words, where they kept the memory those words took from being used again:
    a long plan's peak memory then grew with its page count."""
    from . import cells, dates, owners
    dates.warm()
    cells.broken_word("Accommodatio", "n")
    owners.describe_owner("Governor")


def read_through_ocr(path: Path, digest: str, read: tuple[int, list[dict]] | None = None,
                     ocr_settings: ocr.OcrSettings | None = None,
                     reader: str = DEFAULT_READER) -> tuple[int, list[dict], ocr.OcrRead | None]:
    """The pages of `path` as the table stages read them: its own text layer, or, where pages are scans, an
    OCR'd copy (cached) with OCR's predictable misreadings mended; and the OCR step's record (None without)."""
    n, pages = read or read_pages(path, reader=reader)
    scanned = ocr.read_through(path, digest, {p["page"]: len(p["words"]) for p in pages}, n,
                               ocr_settings or ocr.OcrSettings())
    if scanned:
        n, pages = read_pages(Path(scanned.path), reader=reader,
                              drop={p: scanned.dropped.get(p, []) for p in scanned.pages})
        ocr.repair(pages, scanned.pages, ocr_settings, scanned.looked, scanned.ink)
    return n, pages, scanned


def extract_with_problems(path: str | Path, *, annotate: bool = True, as_of: dt.date | None = None,
                          read: tuple[int, list[dict]] | None = None,
                          sha256: str | None = None,
                          ocr_settings: ocr.OcrSettings | None = None,
                          reader: str = DEFAULT_READER) -> tuple[Document, list[dict]]:
    """Read one action-plan PDF into a Document of the rows that validate, and the problems of those
    that do not (dicts of page, ref, field, message), so a batch can load the good rows and keep the
    bad ones for a person to read. Raises errors.ExtractError when nothing can be loaded.
    `read` is `read_pages`' result when the pages were already read (in ranges, by several processes);
    `sha256` the file's digest when the caller has already hashed it. Pages with no text layer are read
    through OCR as `ocr_settings` allow (auto by default), from a cached OCR'd copy (extract/ocr.py).
    `reader` names the backend that reads the pages (extract/reader.py)."""
    path = Path(path)
    if not path.is_file():
        raise errors.NotAPDF(path, "no such file")
    digest = sha256 or sha256_file(path)[0]
    warm()
    n, pages, scanned = read_through_ocr(path, digest, read, ocr_settings, reader)
    if sum(len(p["words"]) for p in pages) == 0:
        raise errors.NoTextLayer(path, f"none of its {n} pages has any text")
    rec = recover(pages, release=True)
    scan, lines_per_page = rec.scan, rec.lines_per_page
    if scan.columns is None:
        raise errors.NotAnActionPlan(path, "not an action plan")
    head_page, head_top = scan.first_table_top or (1, 0.0)
    header_lines = [t for p in pages[:head_page] for top, _, t in lines_per_page[p["page"] - 1]
                    if p["page"] < head_page or top < head_top]
    meta = parse_metadata(header_lines)
    base_day = meta.submitted or latest_day(header_lines)
    base = dt.date.fromisoformat(base_day) if base_day else None
    quality = Quality(rows=scan.raw_rows, continued_rows=sum(r.continued for r in scan.rows))
    ocr_pages = frozenset(scanned.pages if scanned else ())
    recs, problems = [], []
    for i, cells in enumerate(rec.cells):
        row = cells.row
        try:
            recs.append(build_recommendation(cells, base, quality, rec.habits, ocr_pages))
        except ValidationError as e:
            ref = text_of(row.words("ref")) or "?"
            for err in e.errors():
                loc = ".".join(str(x) for x in err["loc"]) or "record"
                problems.append({"page": row.pages[0], "ref": ref, "field": f"{e.title}.{loc}", "message": err["msg"]})
        # Each row's words, lines and readings go as soon as its record is built, so the records take the place of
        # the rows they come from rather than coming on top of all of them (peak memory flat in page count).
        rec.cells[i] = cells = None
        row.cells = {}
    if not recs and problems:
        raise invalid_records(path, problems)
    if not recs:
        raise errors.NoRecommendations(path, "an action-plan table was found but no recommendation rows in it")
    quality.warnings = [RowWarning(page=r.pages[0], ref=r.ref, message=w) for r in recs
                        for w in [*r.warnings, *(f"action {k + 1}: {m}" for k, a in enumerate(r.actions)
                                                 for m in a.warnings)]]
    meta.family = family_of(meta, scan.columns.fields, [r.ref for r in recs], [r.decision for r in recs],
                            rec.banners)
    doc = Document(source=Source(path=str(path), sha256=digest, pages=n), metadata=meta,
                   recommendations=recs, quality=quality)
    if scanned:
        ocr.mark(doc, scanned)
    # The records are built: let the pages' words go before the language model loads and runs, so peak memory is
    # the larger of the two stages, not their sum.
    read = pages = rec = scan = lines_per_page = header_lines = cells = row = None
    if annotate:
        from .nlp import annotate as nlp_annotate
        doc = nlp_annotate(doc, as_of=as_of)
    return doc, problems


def invalid_records(path: Path, problems: list[dict]) -> errors.InvalidRecords:
    """One error for all of a document's invalid rows; `.problems` keeps them apart for the invalid_records table."""
    e = errors.InvalidRecords(path, "; ".join(
        f"page {p['page']} ref {p['ref']}: {p['field']}: {p['message']}" for p in problems))
    e.problems = problems
    return e


def extract_document(path: str | Path, *, annotate: bool = True, as_of: dt.date | None = None,
                     ocr_settings: ocr.OcrSettings | None = None, reader: str = DEFAULT_READER) -> Document:
    """Read one action-plan PDF into a validated Document (raises errors.ExtractError, and
    errors.InvalidRecords if any row fails validation). `reader`: pdfium, or pdfplumber's own reading."""
    doc, problems = extract_with_problems(path, annotate=annotate, as_of=as_of, ocr_settings=ocr_settings,
                                          reader=reader)
    if problems:
        raise invalid_records(Path(path), problems)
    return doc
