"""Cell text: words (with page and position) -> lines -> paragraphs and bullets.

In: the words pdfplumber found inside one table cell, possibly on several pages (a row that runs
across a page break), each a dict with text, x0, x1, top, bottom and page.
Out: `Line`s, and `Paragraph`s whose text is reflowed (line breaks become spaces, a wrapped word's
hyphen mended) and that keep where they sit, so owners and dates can be aligned to them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from statistics import median

from .dates import DIGIT_LOOKALIKES, date_status, mend_misread
from .settings import DEFAULT, Settings
from .vocabulary import MONTH_NUMBER, known_words, plan_words

BULLETS = "\u2022\u25cf\u25aa\u25e6\u2023\u2219\uf0b7\uf0a7\uf076\uf0d8\u25a0\u25a1\u2013\u2014-\u27a2\u2043o"
GLYPH_ONLY = re.compile(rf"^[{re.escape(BULLETS)}]$")
GLYPH_LEAD = re.compile(r"^[\u2022\u25cf\u25aa\u25e6\u2023\u2219\uf0b7\uf0a7\uf076\uf0d8\u25a0\u27a2\u2043](?=\S)")
ROMAN_LEAD = re.compile(r"^\(?(?:[ivx]{1,4}|[a-h])\)$")
NUMBERED = re.compile(r"^\d{1,2}[.)]$")
SENTENCE_END = re.compile(r"[.:;!?)\u201d'\"]$")
# Word fragments that only ever follow a line-end hyphen when Word or a typesetter broke one word.
SUFFIXES = {"ment", "ments", "tion", "tions", "sion", "sions", "ing", "ings", "ed", "ly", "ness", "ity", "ities",
            "ance", "ence", "able", "ible", "al", "ally", "ive", "ise", "ised", "ize", "ized", "er", "ers", "ous"}


class _once:  # noqa: N801 - used as a decorator
    """A property worked out on first use and then kept in the instance (functools.cached_property without its lock,
    which costs more than joining a line's words)."""

    def __init__(self, fn):
        self.fn, self.name = fn, fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    words: list[dict]
    glued: bool = False  # its first word ends the last word of the line above, broken at the column's edge

    @_once
    def text(self) -> str:
        """The line's words joined, once (lines are complete when `to_lines` returns them)."""
        return " ".join([w["text"] for w in self.words])

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @_once
    def read_by_ocr(self) -> bool:
        """Were its words read through OCR, asked once (the table stages ask of each line many times)."""
        return any("bearings" in w for w in self.words)


def carries_on(a: Line, b: Line) -> bool:
    """Does line `b` carry on the sentence of line `a` above it (`a` ends none, `b` opens in lower case)? Only Word's
    wrapping makes such a step: Enter is pressed at a sentence's or an item's end."""
    return b.text[:1].islower() and not SENTENCE_END.search(a.text)


def type_height(ln: Line) -> float:
    """How tall a line's type is: its box's height, except on a page read through OCR, where it is its tallest
    word's. `ocr.em_boxes` gives each OCR'd word one font size on its own baseline, and a scan stands askew, so a
    line's box is as tall as its type and its rise across the page too: a tenth of a line over a 150 pt response
    line, none over a narrow owner's. Steps between lines measured in the boxes' heights would then part a plan's
    long lines from its short ones, as if they were spaced differently."""
    if not _read_by_ocr(ln):
        return ln.height
    return max(w["bottom"] - w["top"] for w in ln.words)


@dataclass
class Paragraph:
    lines: list[Line]
    bullet: bool = False
    text: str = ""
    spans: list[tuple[int, float, float]] = field(default_factory=list)  # (page, top, bottom) per page
    segments: list[str] = field(default_factory=list)  # an entry's parts typed on lines of their own
    cuts: list[int] = field(default_factory=list)  # indexes of the lines that open those parts (after the first)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def top(self) -> float:
        return self.lines[0].top

    def bbox(self) -> tuple[float, float, float, float]:
        first = [ln for ln in self.lines if ln.page == self.page]
        return (min(ln.x0 for ln in first), first[0].top, max(ln.x1 for ln in first), first[-1].bottom)


def to_lines(words: list[dict], settings: Settings = DEFAULT) -> list[Line]:
    """Group words into lines: same page, overlapping vertically; reading order."""
    # ordered by (page, rounded top, x0), ties as given: the keys made in one pass, the words sorted by index
    keys = [(w.get("page", 1), round(w["top"]), w["x0"]) for w in words]
    lines: list[Line] = []
    share, space = settings.line_overlap, settings.word_space
    run: list[dict] | None = None  # the words of the line being gathered, its page, top, bottom and right edge
    page = top = bottom = x1 = first = 0.0
    for k in sorted(range(len(words)), key=keys.__getitem__):
        w = words[k]
        wpage, wtop, wbottom = keys[k][0], w["top"], w["bottom"]
        # measured against the line's first word, not its lowest: lines of two columns that do not keep step (a
        # spaced plan's columns drift apart by its paragraphs' space) would otherwise chain down the page into one
        # (on a page read through OCR, or against its nearest word, a scan askew; and not where it lies under one)
        ocr = "bearings" in w
        if run is not None and page == wpage and (
                wtop < first - share * (wbottom - wtop) or ocr and _askew_on(w, run, share, space)) and not (
                ocr and w["x0"] < x1 and _under(w, run, settings.stacked_step)):
            run.append(w)
            if wbottom > bottom:
                bottom = wbottom
            if w["x1"] > x1:
                x1 = w["x1"]
            continue
        if run is not None:
            lines.append(_line(page, top, bottom, x1, run))
        run, page, top, bottom, x1, first = [w], wpage, wtop, wbottom, w["x1"], wbottom
    if run is not None:
        lines.append(_line(page, top, bottom, x1, run))
    return lines


_BY_X0 = itemgetter("x0")


def _askew_on(w: dict, run: list[dict], share: float, space: float) -> bool:
    """Does word `w`, read through OCR, go on the line gathered so far, measured against the line's word nearest it
    (a word space or less from it, not across it) rather than its first? A scan askew rises across the page: each
    word of a long line stands a little higher or lower than the one before it, and its last words no longer
    overlap its first (a banner's 'as', 6 pt below 'Actions' 490 pt to its left, broken off with the next line
    under it). Beside its neighbour it still overlaps as a line's words do."""
    h = w["bottom"] - w["top"]
    near = min(run, key=lambda o: max(o["x0"] - w["x1"], w["x0"] - o["x1"]))
    gap = max(near["x0"] - w["x1"], w["x0"] - near["x1"])
    return 0 <= gap <= space * h and w["top"] < near["bottom"] - share * h


def _under(w: dict, run: list[dict], step: float) -> bool:
    """Does word `w`, read through OCR, lie under a word of the line gathered so far, across at least half the wider
    one's width and lower by more than `step` of its height? Two words of one line never lie across one another: a
    cell's stacked words whose boxes overlap by much of their height (OCR boxed 'PARTLY' half a line low, onto
    'AGREED' under it) are two lines, not one read left to right ('AGREED PARTLY')."""
    low = w["top"] - step * (w["bottom"] - w["top"])
    return any(o["top"] < low and min(o["x1"], w["x1"]) - max(o["x0"], w["x0"])
               >= max(o["x1"] - o["x0"], w["x1"] - w["x0"]) / 2 for o in run)


def _line(page: int, top: float, bottom: float, x1: float, words: list[dict]) -> Line:
    if len(words) > 1:
        words.sort(key=_BY_X0)
    return Line(page, top, bottom, words[0]["x0"], x1, words)


def without_specks(lines: list[Line], settings: Settings = DEFAULT, right: float | None = None) -> list[Line]:
    """The lines of an owner or date cell without the specks OCR read as marks before a line's words: a word of no
    letter or digit opening a line, left of where the cell's unmarked lines on its page start by more than
    `speck_margin` of its height, the word after it starting there (within that margin), and no other line opening
    with the same mark where it stands. Typed, a mark stands where the cell's lines start, or where its other items'
    marks do; a speck read as '.' or '—' in the gutter before 'Manager' is no word, and measured alone it fits on
    the line above: a hard break that cuts the owner. Nor is a character OCR read within the span of another word of
    its line (a line's words never overlap), or two ('he' inside 'Within'), and running on into no word: grain
    between two lines, joined to the nearer (a 'G' set above the 'overnor' it begins is kept). A full stop or comma
    a space after a line's last word, or any mark read through OCR some spaces after it (`mark_gap`), is a speck; so
    is one read through OCR ending a line past `right`, the column's edge where its letters end, by more than
    `speck_margin` of its height: typed, a mark fits in its cell as its letters do, and one past them is the rule
    between two columns, or grain beside it ('Learning and =')."""
    def marked(ln: Line) -> bool:
        return len(ln.words) > 1 and not any(c.isalnum() for c in ln.words[0]["text"])
    out = []
    for ln in lines:
        ln = _without_inside(ln, lines, settings)
        if marked(ln):
            mark, tol = ln.words[0], settings.speck_margin * ln.height
            starts = [o.x0 for o in lines if o.page == ln.page and not marked(o)]
            alike = [o for o in lines if o is not ln and o.page == ln.page and marked(o)
                     and o.words[0]["text"] == mark["text"] and abs(o.x0 - mark["x0"]) <= tol]
            if starts and not alike and mark["x0"] < min(starts) - tol and abs(ln.words[1]["x0"] - min(starts)) <= tol:
                ln = Line(ln.page, ln.top, ln.bottom, ln.words[1]["x0"], ln.x1, ln.words[1:], ln.glued)
        last = ln.words[-1]
        if len(ln.words) > 1 and (last["text"] in _STOPS and (
                last["x0"] - ln.words[-2]["x1"] >= settings.stop_gap * ln.height) or not any(
                c.isalnum() for c in last["text"]) and "bearings" in last and (
                last["x0"] - ln.words[-2]["x1"] >= settings.mark_gap * ln.height
                or right is not None and last["x1"] > right + settings.speck_margin * ln.height)):
            # a full stop or comma a space after the line's last word: no typist spaces one off its word; a speck.
            # Nor any mark set further off than a few spaces ('June' ... '~', read through OCR)
            ln = Line(ln.page, ln.top, ln.bottom, ln.x0, ln.words[-2]["x1"], ln.words[:-1], ln.glued)
        out.append(ln)
    return out


_STOPS = frozenset((".", ","))


def _without_inside(ln: Line, lines: list[Line], settings: Settings = DEFAULT) -> Line:
    """`ln` without a character or two read through OCR within another word's span on it, running on into no word
    of the cell (`lines`): two words of a line never overlap, so it is grain set off the line (';' half a line below
    'Manager', over '(Practice'), or the ink of a letter read a second time."""
    def runs_on(w: dict) -> bool:  # a word of the cell begins where it ends, a line or less away: a letter of it
        tol = settings.speck_margin * (w["bottom"] - w["top"])
        return any(o is not w and o.get("page") == w.get("page") and abs(o["x0"] - w["x1"]) <= tol
                   and abs(o["top"] - w["top"]) <= w["bottom"] - w["top"] for ln in lines for o in ln.words)
    inside = [w for w in ln.words if len(w["text"]) <= 2 and "bearings" in w and any(
        o is not w and o["x0"] <= w["x0"] and w["x1"] <= o["x1"] for o in ln.words) and not runs_on(w)]
    if not inside or len(inside) == len(ln.words):
        return ln
    words = [w for w in ln.words if not any(w is i for i in inside)]
    return Line(ln.page, min(w["top"] for w in words), max(w["bottom"] for w in words), words[0]["x0"],
                max(w["x1"] for w in words), words, ln.glued)


def without_inside(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of a response cell without the characters OCR read within another word's span on their line
    (`_without_inside`): a 'j' read again from the colon of 'that:', set after it, hides the colon that makes the
    paragraph a lead-in ('... has agreed that: j'), and the lead-in is given an action's owner and date."""
    return [_without_inside(ln, lines, settings) for ln in lines]


def without_lone_marks(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of an owner cell without a line OCR read from a speck alone: one mark of no letter or digit whose
    box reaches into the type of the line above or below it (their tops nearer than that line's type is tall) and
    lies within the span of one of that line's words, right of its start by more than `speck_margin` of the line's
    height ('-' 8 pt above 'Library Manager', inside 'Library', read 14 pt below 'Catering Manager', where a wrap
    would stand, joins the two owners). Typed lines of a cell never overlap, nor do two words of one line: the mark
    is neither its own line nor a character of the other's. One where a word starts may be that word's own, set
    apart by OCR ('(' over 'Group)' whose 'GEO' it lost): kept. Date cells keep theirs (a range's dash stands on a
    date's line, `lost_range_dash`). Nor is a line of one letter alone an owner's: typed, it is a word's last letter
    wrapped, which starts where the cell's lines start or sits centred under the line above; one read through OCR
    right of where the cell's other lines on its page start, by more than `speck_margin` of its height, and off the
    middle of the lines beside it by more than `centred_share`, is a speck ('f' in the blank between two owners)."""
    def letter(k: int) -> bool:
        ln = lines[k]
        if len(ln.words) != 1 or "bearings" not in ln.words[0] or not re.fullmatch(r"[^\W\d_]", ln.words[0]["text"]):
            return False
        h = type_height(ln)
        starts = [o.x0 for o in lines if o is not ln and o.page == ln.page]
        near = [lines[j] for j in (k - 1, k + 1) if 0 <= j < len(lines) and lines[j].page == ln.page]
        return bool(starts) and ln.x0 > min(starts) + settings.speck_margin * h and all(
            abs(ln.x0 + ln.x1 - o.x0 - o.x1) / 2 > settings.centred_share * h for o in near)

    def speck(k: int) -> bool:
        ln = lines[k]
        if letter(k):
            return True
        if len(ln.words) != 1 or "bearings" not in ln.words[0] or any(c.isalnum() for c in ln.words[0]["text"]):
            return False
        w = ln.words[0]
        return any(0 <= j < len(lines) and lines[j].page == ln.page and len(lines[j].words) > 0
                   and abs(lines[j].top - ln.top) < type_height(lines[j])
                   and any(v["x0"] + settings.speck_margin * type_height(lines[j]) < w["x0"] and w["x1"] <= v["x1"]
                           for v in lines[j].words)
                   for j in (k - 1, k + 1))
    return [ln for k, ln in enumerate(lines) if not speck(k)]


def without_scattered(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of a response or owner cell without a line OCR read from the scan's grain in the blank between
    paragraphs or entries: one of specks alone, each word one or two letters or digits, with marks ('2 2 Z 7', 'P',
    '9.', 'be 2', 'is'), starting right of where the lines above and below it on its page start by more than
    `speck_margin` of its height; one alone off the middle of the lines beside it by more than `centred_share` of its
    height, several set apart by more than `mark_gap` of it each. Typed, a cell's line starts where its lines start
    (a bullet alone, a word's last letters wrapped) or is centred on them, and no typist spaces words some spaces
    apart: read as a paragraph of its own, the grain takes an action's place, and every owner and date below it
    shifts by one; read as an owner ('is', '2 Education Manager'), it is one no page shows. A line of marks alone
    stays: a typed one OCR set a little off its line ('Doyle –' read '–' over 'Doyle') is no grain."""
    def scattered(k: int) -> bool:
        ln = lines[k]
        if not all(1 <= sum(c.isalnum() for c in w["text"]) <= 2 and "bearings" in w for w in ln.words):
            return False
        h, words = type_height(ln), ln.words
        near = [lines[j] for j in (k - 1, k + 1) if 0 <= j < len(lines) and lines[j].page == ln.page]
        if not near or any(ln.x0 <= o.x0 + settings.speck_margin * h for o in near):
            return False
        if len(words) == 1:
            return all(abs(ln.x0 + ln.x1 - o.x0 - o.x1) / 2 > settings.centred_share * h for o in near)
        return all(b["x0"] - a["x1"] > settings.mark_gap * h for a, b in zip(words, words[1:]))
    return [ln for k, ln in enumerate(lines) if not scattered(k)]


def without_grain(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of a date cell without a line OCR read from the scan's grain above or below the date: one word of
    one or two letters or digits, no English word, of which the date grammar reads nothing, lying within the span of
    one word of the cell's line next to it (no further than `grain_reach` of that line's height) and starting right
    of that line's start, off its centre ('ee' or '5' over 'Within three'). Typed, a line of a cell starts where the
    cell's lines start, or is centred on them ('30' over 'November'); a word of two letters that starts a date's line
    is an English one ('by', 'to')."""
    def grain(k: int) -> bool:
        ln = lines[k]
        if len(ln.words) != 1 or "bearings" not in ln.words[0]:
            return False
        w = ln.words[0]
        text = w["text"]
        if not (len(text) <= 2 and text.isalnum()) or text.isalpha() and text.lower() in known_words() or (
                date_status(text) != "unparsed"):
            return False
        for j in (k - 1, k + 1):
            if 0 <= j < len(lines) and lines[j].page == ln.page and (
                    abs(lines[j].top - ln.top) <= settings.grain_reach * lines[j].height):
                o, tol = lines[j], settings.speck_margin * lines[j].height
                if (w["x0"] > o.x0 + tol and abs(w["x0"] + w["x1"] - o.x0 - o.x1) / 2 > tol
                        and any(v["x0"] <= w["x0"] and w["x1"] <= v["x1"] for v in o.words)):
                    return True
        return False
    return [ln for k, ln in enumerate(lines) if not grain(k)]


def without_rereadings(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of a date cell without a second reading of a line's ink: OCR's layer may set a line's box half a line
    off its ink, and the second look then reads the ink no box covers again ('Aueust 2099' set over the gap above
    'August 2023', and 'Augu:' read where it stands). Two lines of a cell read through OCR whose tops stand nearer
    than `reread_step` of the upper's type height, one within the other's span (within `speck_margin` of a line's
    height), would overlap as type: no typist sets lines so; and a second reading of the ink opens as the first
    does, its first two letters alike, case aside (OCR's boxes of two lines may also stand that near: 'September'
    over '99', read for '2021'). Of the two, one the date grammar reads nothing of, as `dates.mend_misread` puts it
    back, goes where the other it reads; a wrapped date's year ('2018' under 'November' parted by `part_stacked`) is
    read, and stays."""

    def unread(ln: Line) -> bool:
        return date_status(mend_misread(ln.text)) == "unparsed"
    gone: set[int] = set()
    for a, b in zip(lines, lines[1:]):
        if not (_read_by_ocr(a) and _read_by_ocr(b) and a.page == b.page
                and b.top - a.top < settings.reread_step * type_height(a) and a.text[:2].lower() == b.text[:2].lower()):
            continue
        tol = settings.speck_margin * type_height(a)
        for inner, outer in ((b, a), (a, b)):
            if inner.x0 >= outer.x0 - tol and inner.x1 <= outer.x1 + tol and unread(inner) and not unread(outer):
                gone.add(id(inner))
                break
    return [ln for ln in lines if id(ln) not in gone]


def part_stacked(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """The lines of an owner or date cell with the words of two stacked lines, joined as one, parted again.
    Tesseract runs a line of one column into a cell's line set half a line lower and OCRmyPDF sets the whole run on
    one baseline: a date's last word ('2018' under 'November') then stands less than a line below the word above it
    and joins its line, read before it by its left edge ('30 2018 November'; '(Amey)/' under an owner's 'Manager').
    Two words of one line never overlap: where a word read through OCR overlaps another of its line by more than
    `stacked_overlap` of the narrower's width, the line is two, parted where their tops part (the upper word's and
    the words level with it first)."""
    out = []
    for ln in lines:
        pair = next(((a, b) for a in ln.words for b in ln.words if a is not b and "bearings" in a and "bearings" in b
                     and a["top"] < b["top"] and min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                     > settings.stacked_overlap * min(a["x1"] - a["x0"], b["x1"] - b["x0"])), None)
        if pair is None:
            out.append(ln)
            continue
        cut = (pair[0]["top"] + pair[1]["top"]) / 2
        for part in ([w for w in ln.words if w["top"] < cut], [w for w in ln.words if w["top"] >= cut]):
            out.append(Line(ln.page, min(w["top"] for w in part), max(w["bottom"] for w in part), part[0]["x0"],
                            max(w["x1"] for w in part), part, ln.glued and part[0] is ln.words[0]))
    return out


_JOINING = frozenset(("and", "of", "for", "the", "to", "in", "with", "at", "by", "on", "or"))


def mend_breaks(lines: list[Line], right: float | None) -> list[Line]:
    """Mark the words too wide for their column, broken at its edge: a line of one token (no space in it) that
    reaches the column's right edge within a character's width, followed by a line that opens mid-word (a small
    letter or a digit, not a joining word: 'Manager/Keywork' + 'er Coordinator'), held one token the column could
    not hold ('Manager/Keyworker'): the typesetter breaks a token only when no line is wide enough for it. The
    lower line is `glued` to it, and `reflow` joins the two with no space. The character that did not fit is the
    lower line's first: the room it left may be wider than the token's average character (an 'm' after 'Safety/Kwa'
    left 8.6 pt where the average is 5.3), but never wider than an em (the line's height) nor than the lower line's
    whole first word, which would have fitted there. A page break between the two changes nothing: a cell's column
    keeps its edges over it ('Security/Kw' at a page's foot, 'ame Begum' atop the next). On a line read through OCR
    words that meet at a slash are one token: Tesseract parts one at its slash ('(Amey)/' 'Substa' + 'nce Misuse');
    and the word's rest may have the joining word after it run in (`_joiner_run_in`)."""
    if right is None:
        return lines
    lines = list(lines)
    for k in range(1, len(lines)):
        prev, ln = lines[k - 1], lines[k]
        if not prev.words[-1]["text"][-1:].isalnum() or len(prev.words) != 1 and not (_read_by_ocr(prev) and all(
                a["text"].endswith("/") or b["text"].startswith("/") for a, b in zip(prev.words, prev.words[1:]))):
            continue
        head, tail = "".join(w["text"] for w in prev.words), ln.words[0]["text"]
        char = (prev.x1 - prev.x0) / max(len(head), 1)
        room = max(1.5 * char, min(prev.height, ln.words[0]["x1"] - ln.words[0]["x0"]))
        if prev.x1 < right - room:
            continue
        lone = _lone_rest(head, ln)
        if lone is not None:
            lines[k] = ln = lone
        elif (tail[:1].islower() or tail[:1].isdigit()) and tail.lower() not in _JOINING or _acronym_split(head, tail):
            ln.glued = True
            if _read_by_ocr(ln):
                lines[k] = _joiner_run_in(head, ln)
    return lines


def _lone_rest(head: str, ln: Line) -> Line | None:
    """A word's last letter alone on the line below the column's edge, misread: Tesseract reads a lone glyph with
    no word around it to guide it ('Governo' + 'G' or '7' for 'r', 'Custodia' + '1' for 'l', gen-5190-005). Only
    on a line read through OCR that holds one letter or digit and nothing else (no mark: '&', '-'), under a token
    whose last letters are no word the plans know (`known_words`) while a small letter makes them one: that letter
    is the glyph, glued to the token; of two or more such letters, the one the glyph read looks like
    (`DIGIT_LOOKALIKES`: '1' for 'l', not 'n'), else none. Else None (`mend_breaks` judges the line as read)."""
    if len(ln.words) != 1 or len(ln.words[0]["text"]) != 1 or not ln.words[0]["text"].isalnum() or (
            not _read_by_ocr(ln)):
        return None
    start, known = re.search(r"[A-Za-z]+$", head), known_words()
    if not start or start.group(0).lower() in known:
        return None
    fits = [c for c in "abcdefghijklmnopqrstuvwxyz" if start.group(0).lower() + c in known]
    if len(fits) > 1:
        read = ln.words[0]["text"].translate(DIGIT_LOOKALIKES)
        fits = [c for c in fits if c.translate(DIGIT_LOOKALIKES) == read]
    if len(fits) != 1:
        return None
    return Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, [dict(ln.words[0], text=fits[0])], glued=True)


_RUN_IN = re.compile(r"([a-z]+)(and|of|to)([.,;:)]?)")  # a broken word's rest, a joining word run into it


def _joiner_run_in(head: str, ln: Line) -> Line:
    """The line glued to `head` (a token broken at the column's edge) with a joining word OCR ran into the broken
    word's rest parted from it ('Coordinato' + 'rand Violence' for 'r and', gen-8117-003): where the word broken
    (the letters ending `head`) with the rest is no word the plans know (`known_words`) and without the joining word
    it is one. The two take the read word's box by their letters."""
    first = ln.words[0]
    m, start = _RUN_IN.fullmatch(first["text"]), re.search(r"[A-Za-z]+$", head)
    if not m or not start:
        return ln
    word, known = (start.group(0) + m.group(1)).lower(), known_words()
    if word + m.group(2) in known or word not in known:
        return ln
    span = (first["x1"] - first["x0"]) / len(first["text"])
    cut = first["x0"] + span * len(m.group(1))
    parted = [dict(first, text=m.group(1), x1=cut), dict(first, text=m.group(2) + m.group(3), x0=cut)]
    return Line(ln.page, ln.top, ln.bottom, ln.x0, ln.x1, parted + ln.words[1:], glued=True)


_CAPS_END, _CAPS_START = re.compile(r"(?<![A-Za-z])[A-Z]+$"), re.compile(r"[A-Z]+(?![A-Za-z])")
ACRONYM_LETTERS = 5  # at most, in one acronym broken at a column's edge (`_acronym_split`)


def _acronym_split(head: str, tail: str) -> bool:
    """Do the two pieces make one short acronym broken at the column's edge ('(Serco)/F' + 'M Manager' is 'FM')?
    Capitals at a token's end and capitals opening the next line, five letters at most together: two whole
    acronyms ('HMPPS' + 'HR') are longer."""
    a, b = _CAPS_END.search(head), _CAPS_START.match(tail)
    return bool(a and b) and len(a.group(0)) + len(b.group(0)) <= ACRONYM_LETTERS


def text_of(words: list[dict]) -> str:
    """The words of one cell as plain text, line by line in reading order (pages in order)."""
    return " ".join(ln.text for ln in to_lines(words))


def pitch(lines: list[Line], settings: Settings = DEFAULT) -> float:
    """The usual distance from one line's top to the next line's top within a paragraph: the shortest step between
    lines of text, no shorter than `least_step` of their usual height (a speck OCR read as ':' beside a line,
    above it by less than a line, is no line of text: measured from it, every wrap below would read as blank
    space). Nor is a step measured to or from a line whose top is none of a line of text: one taller than
    `line_tall` of the usual height (specks OCR read as words joined to a line raise its top), or one no wider than
    that height and nearer than it to both the line above and the line below (a speck read as a letter between two
    wraps). On lines read through OCR it is the median of those steps, not the shortest: a scan's line positions
    wander by a tenth of a line, so its shortest step is a wrap read short (7.6 pt among wraps of 11.2), and every
    wrap measured from it would read as blank space."""
    height = median([ln.height for ln in lines] or [10.0])
    lines = [ln for i, ln in enumerate(lines) if ln.height <= settings.line_tall * height and not (
        0 < i < len(lines) - 1 and lines[i - 1].page == ln.page == lines[i + 1].page and ln.x1 - ln.x0 <= height
        and ln.top - lines[i - 1].top < height and lines[i + 1].top - ln.top < height)]
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if a.page == b.page and b.top - a.top >= settings.least_step * height]
    base = height * 1.15
    if steps:
        small = [s for s in steps if s <= 1.6 * base]
        if small:
            return median(small) if all(map(_read_by_ocr, lines)) else min(small)
    return base


@dataclass(frozen=True)
class Spacing:
    """How a plan's lines step down the page: `pitch` from one line's top to the next inside a paragraph (a wrap),
    and `space` more after each paragraph (Word's 'space after'; 0 in a plan typed single-spaced). One press of Enter
    moves the typist `advance`, so entries typed level or low, blank lines and stacked entries are measured in it."""
    pitch: float
    space: float = 0.0

    @property
    def advance(self) -> float:
        return self.pitch + self.space

    def of(self, lines: list[Line], settings: Settings = DEFAULT) -> Spacing:
        """For one cell: a single-spaced plan's cells are measured each on their own lines, as they always were (a
        cell's pitch is its font's); a spaced plan's steps between paragraphs would pass for wraps, so it keeps the
        plan's pitch."""
        return self if self.space else Spacing(pitch(lines, settings) if lines else self.pitch)

    def parts(self, step: float, settings: Settings = DEFAULT) -> bool:
        """Does a step between two lines' tops part paragraphs: blank space, or the space after a paragraph?"""
        return step > settings.paragraph_gap * self.pitch or self.space > 0 and step > self.pitch + self.space / 2

    def blank(self, step: float, settings: Settings = DEFAULT) -> bool:
        """Does a step between two lines' tops hold blank space (a blank line, not just a paragraph's own space)?"""
        return step > settings.paragraph_gap * self.advance


SINGLE = Spacing(0.0)  # a plan typed single-spaced: every cell measured on its own lines


def spacing(cells: Iterable[list[Line]], settings: Settings = DEFAULT) -> Spacing:
    """A plan's line pitch and the space after its paragraphs, measured over its cells' lines. Inside a paragraph
    lines step one pitch; from a paragraph's last line to the next paragraph's first they step one advance (pitch and
    space) for each press of Enter. So a single-spaced plan's longer steps are whole pitches (a blank line two), and
    a spaced plan's are whole advances of one length, which no number of pitches makes ('18.7', '37.3', '56.0' after
    lines '12.6' apart). The plan is judged spaced when one advance longer than a pitch explains more of its longer
    steps than the pitch does, and most of them. Steps are measured in the height of the type of the line they
    leave (`type_height`), so a plan whose cells mix font sizes shows each size's wraps at one length, not a second
    pitch passing for an advance.
    The pitch is the usual step to a line that carries its sentence on in lower case, which only Word's wrapping
    makes, where `pitch_wraps` such steps show it: a scan's line positions wander by a tenth of a line, and the
    shortest steps of a short plan are then not its wraps but its wraps read short."""
    steps, heights, wraps = [], [], []
    for lines in cells:  # one cell's lines at a time (`cells` may make them as it goes)
        for a, b in zip(lines, lines[1:]):
            if a.page == b.page and b.top > a.top and a.height > 0 and not _new_band(a, b):
                steps.append((b.top - a.top) / type_height(a))
                if carries_on(a, b):
                    wraps.append(steps[-1])
        heights += [type_height(ln) for ln in lines]
    steps = sorted(s for s in steps if s >= 0.8)  # (a line split off another by a superscript is no step)
    if not steps:
        return SINGLE
    least = steps[len(steps) // 10]  # the shortest steps are wraps (a scan's line positions wander a little)
    wraps = [s for s in wraps if s >= least]
    p = median(wraps) if len(wraps) >= settings.pitch_wraps else median(s for s in steps if least <= s <= least * 1.06)
    longer = [s for s in steps if s > (1 + settings.space_least) * p]
    if len(longer) < settings.space_min:
        return SINGLE
    tol = settings.space_spread * p
    counts = Counter(round(s, 3) for s in longer)  # a long plan repeats a few lengths thousands of times

    def explained(advance: float) -> int:
        return sum(n for s, n in counts.items()
                   if round(s / advance) >= 1 and abs(s - round(s / advance) * advance) <= tol)
    candidates = {round(s / k, 3) for s in counts for k in range(1, 7)
                  if (1 + settings.space_least) * p < s / k < (1 + settings.space_most) * p}
    if not candidates:
        return SINGLE
    best = max(sorted(candidates), key=explained)
    n = explained(best)
    if n >= settings.space_min and n > explained(p) and n >= settings.space_share * len(longer):
        h = median(heights)  # back to points, at the plan's usual line height
        return Spacing(p * h, (best - p) * h)
    return SINGLE


def _new_band(prev: Line, line: Line) -> bool:
    """Does `line` sit in a later table row than `prev` on the same page (a border between them)?"""
    return line.page == prev.page and line.words[0].get("band") != prev.words[0].get("band")


def _bullet_start(line: Line) -> bool:
    first = line.words[0]["text"]
    return bool(GLYPH_ONLY.match(first) and len(line.words) > 1) or bool(GLYPH_LEAD.match(first)) or bool(
        ROMAN_LEAD.match(first) and len(line.words) > 1)


def _numbered_start(line: Line) -> bool:
    """'1. Undertake ...', '2) Review ...': a numbered list item, which keeps its number as printed."""
    words = line.words
    return len(words) > 1 and bool(NUMBERED.match(words[0]["text"])) and words[1]["text"][:1].isupper()


_COMMA_NUMBER = re.compile(r"(\d{1,2}),")


def _comma_numbered(line: Line, paras: list[Paragraph]) -> bool:
    """A list item's number OCR read with a comma for its point ('4, The Safer Custody team ...'): a line read through
    OCR opened by a number and a comma, a capital after it, where the cell's list numbered its last item with the
    number before ('3.'), set where this number stands. Prose wraps no line onto a number, a comma and a capital in a
    list's place; the list's own count bears the item out."""
    m = _COMMA_NUMBER.fullmatch(line.words[0]["text"])
    if m is None or len(line.words) < 2 or not line.words[1]["text"][:1].isupper() or not _read_by_ocr(line):
        return False
    last = next((p.lines[0] for p in reversed(paras) if _numbered_start(p.lines[0])), None)
    return last is not None and last.words[0]["text"][:-1] == str(int(m.group(1)) - 1) and abs(
        last.words[0]["x0"] - line.words[0]["x0"]) <= line.height


def _item_start(line: Line) -> bool:
    """Does the line open a list item, by a bullet or a number?"""
    return _bullet_start(line) or _numbered_start(line)


def _set_in(line: Line, head: Line) -> bool:
    """Is `line` set in from `head`, a list item's first line, as a hanging indent sets the item's later lines?"""
    return line.x0 > head.x0 + 0.5 * line.height


def _strip_bullet(text: str) -> str:
    text = re.sub(rf"^[{re.escape(BULLETS)}]\s*", "", text, count=1) if text[:1] in BULLETS and (
        len(text) > 1 and (text[1] == " " or text[0] not in "-o\u2013\u2014")) else text
    return re.sub(r"^\(?(?:[ivx]{1,4}|[a-h])\)\s+", "", text, count=1)


_LAST_WORD, _FIRST_WORD = re.compile(r"(?<![\w'-])([A-Za-z]+)$"), re.compile(r"([a-z]+)(?![\w'-])")


def broken_word(before: str, line: str) -> bool:
    """Was a word broken with no hyphen where a narrow column ran out ('accommodatio' + 'n ...')? Only when
    the two pieces joined make a word and they are not both words already ('to' + 'day' stay apart)."""
    a = _LAST_WORD.search(before)
    b = _FIRST_WORD.match(line)
    if not a or not b:
        return False
    left, right = a.group(1).lower(), b.group(1)
    vocab = known_words()
    # A letter alone is no word ('Manage' + 'r'), nor is a line of two letters or fewer, which can only be a
    # word's end ('Govern' + 'or', the cell's last line).
    alone = len(right) == 1 and right not in ("a", "i") or len(right) <= 2 and line.strip() == right
    if len(right) == 1 and right not in ("a", "i") and line[1:2] in ("", " ", ")", ",", ";") and len(left) >= 3:
        return True  # a letter alone can only end a word, a name's too ('Kwam' + 'e Mensa' + 'h')
    if left + right in plan_words() and not (left in plan_words() or right in plan_words()):
        return True  # two pieces that are words but, joined, a word of the plans' own ('Deputy Govern' + 'or and')
    return left + right in vocab and not (left in vocab and right in vocab and not alone)


def reflow(lines: list[Line]) -> str:
    """Join a paragraph's lines: line breaks become spaces; a wrapped word's hyphen is mended; a line `glued` to
    the one above continues its last word."""
    return _reflow(tuple([ln.text for ln in lines]), tuple([ln.glued for ln in lines]))


@functools.lru_cache(maxsize=16384)
def _reflow(texts: tuple[str, ...], glued: tuple[bool, ...]) -> str:
    """`reflow` of the lines' texts, remembered: the table stages join the same lines again and again (an entry so
    far at each of its lines, a first and a second reading of a row, a long plan's repeated cells)."""
    out = ""
    for t, g in zip(texts, glued):
        out = out + t.strip() if g and out else _joined(out, t)
    return _done(out)


def _joined(out: str, line: str) -> str:
    """The text so far (`out`, not yet tidied by `_done`) with the next line joined on."""
    t = line.strip()
    if not out:
        return t
    if _HYPHEN_END.search(out) and t[:1].islower():
        frag = _LETTERS.match(t).group(0)  # the letters after the break, any alphabet
        return out[:-1] + t if frag in SUFFIXES else out + t  # "rehabilitation-focused" keeps its hyphen
    if out.endswith("/") or t.startswith(("/", ",", ";", ")")) or broken_word(out, t):
        return out + t  # a column too narrow for a word and its comma wraps the comma alone ('Hughes' / ', Head')
    return out + " " + t


def _done(out: str) -> str:
    out = out.replace("\u00ad", "")
    return _SPACES.sub(" ", out).strip()


_HYPHEN_END, _LETTERS, _SPACES = re.compile(r"[A-Za-z]-$"), re.compile(r"[^\W\d_]*"), re.compile(r"\s+")


_ENDS_SENTENCE = re.compile(r"[a-z0-9)][.!?][\"'\u201d)]?$")
_SENTENCE_INSIDE = re.compile(r"(?<=[a-z0-9)])[.!?][\"'\u201d)]?\s+(?=[A-Z])")


def sentence_habit(cells: list[list[Line]], settings: Settings = DEFAULT) -> bool:
    """Does the typist end every action with its sentence, pressing Enter, even where nothing shows it (no
    bullet, no blank line, no room left on the line)? Judged over a document's response cells: sentences that
    end at a line's end with a capital opening the next line against sentences that end inside a line. Prose of
    several sentences ends most of them inside a line (a narrow column fewer); if a document's sentences all end
    at a line's end, each one ended its paragraph. A sentence of one word ('Agreed.') is a label, not prose, and is
    not counted; nor is a sentence followed by a bullet, which parts paragraphs whatever the habit."""
    at_end = inside = words = count = 0
    for lines in cells:
        count += len(lines)
        words += sum(len(ln.words) for ln in lines)
        for a, b in zip(lines, lines[1:]):
            if len(a.words) > 1 and _ENDS_SENTENCE.search(a.text.rstrip()) and b.text[:1].isupper() and not (
                    _item_start(b)):
                at_end += 1
        for k, ln in enumerate(lines):
            # a sentence wrapped onto this line from the one above is prose, however few of its words are here
            # ('... information on how to' / 'appeal. Assurance ...'): only a sentence of one word is a label
            carried = k > 0 and not SENTENCE_END.search(lines[k - 1].text.rstrip())
            inside += sum(len(ln.text[:m.start()].split()) > 1 or carried and not j
                          for j, m in enumerate(_SENTENCE_INSIDE.finditer(ln.text)))
    # A sentence ending inside an action ends a line one time in `per_line` (the words on a line), so `inside`
    # sentences ending inside lines stand for about inside * per_line / (per_line - 1) ending inside actions
    per_line = words / count if count else 0.0
    within = inside * per_line / (per_line - 1) if per_line > 1 else float(inside)
    return at_end >= settings.sentence_habit_min and within <= settings.sentence_habit_inside * at_end


def paragraphs(lines: list[Line], spacing: Spacing = SINGLE, settings: Settings = DEFAULT,
               right: float | None = None, sentences: bool = False,
               longest: dict[int, float] | None = None) -> list[Paragraph]:
    """Split lines into paragraphs at blank space, at bullets, and at page breaks that end a sentence.
    `sentences`: the document ends each action with its sentence (`sentence_habit`), so a line that ends one, or
    ends a lead-in's colon, with a capital opening the next parts two paragraphs. `longest`: per page, where the
    column's longest line there ends (every cell of a column wraps at the same limit). `spacing`: the plan's, when
    known (`spacing`)."""
    if not lines:
        return []
    sp = spacing.of(lines, settings)
    reach = _reach(lines, longest, settings)
    paras: list[Paragraph] = []
    for ln in lines:
        prev = paras[-1].lines[-1] if paras else None
        new = prev is None or _item_start(ln) or _comma_numbered(ln, paras) or _new_band(prev, ln) or _outdented(
            paras[-1], ln)
        if prev is not None and not new:
            if ln.page == prev.page:
                # blank space, or a finished sentence ended by Enter with room to spare on its line
                ended = prev.text.rstrip()
                new = sp.parts(ln.top - prev.top, settings) or ln.words[0]["text"][:1].isupper() and (
                    # a lead-in's colon, then its first item; or the document's habit of ending actions with Enter
                    (ended.endswith(":") or sentences and bool(_ENDS_SENTENCE.search(ended))
                     and not _stretched(prev, reach, settings)) and not _listed(paras[-1])
                    or (hard_break(prev, ln, right, settings.wrap_slack) or _short_of_reach(prev, ln, reach, settings)
                        or _unstretched(prev, reach, settings)) and bool(SENTENCE_END.search(ended)))
            else:  # a row continued on the next page: a new paragraph only if the last one was finished
                new = bool(SENTENCE_END.search(prev.text.strip()) or hard_break(
                    prev, ln, right, settings.wrap_slack, across_pages=True)) and ln.words[0]["text"][:1].isupper()
        if new:
            paras.append(Paragraph([ln], bullet=_bullet_start(ln)))
        else:
            paras[-1].lines.append(ln)
    for p in paras:
        _finish(p)
    return [p for p in paras if p.text]


def _reach(lines: list[Line], longest: dict[int, float] | None = None, settings: Settings = DEFAULT
           ) -> dict[int, tuple[float, float | None, float | None]]:
    """Per page, where the lines' longest ends (or the column's there, `longest`, when further), the space
    between their words (the median gap; None when too few words show it), and, where the cell is justified there,
    the widest space its lines that stop short keep (`_justified`; None when it is not). No line wrapped by Word ends
    after its limit, so the longest is a floor of that limit."""
    out: dict[int, tuple[float, float | None, float | None]] = {}
    on = {page: [ln for ln in lines if ln.page == page] for page in {ln.page for ln in lines}}
    ends = {page: max(ln.x1 for ln in here) for page, here in on.items()}
    for page, here in on.items():
        gaps = sorted(b["x0"] - a["x1"] for ln in here for a, b in zip(ln.words, ln.words[1:]))
        end = ends[page]
        out[page] = (max(end, (longest or {}).get(page, end)), gaps[len(gaps) // 2] if len(gaps) >= 3 else None,
                     _justified(here, end, settings))
    # a page of the cell whose lines all end flush shows no natural space: the cell's other pages show it (a cell
    # keeps its font and alignment over a page break: '... the outcome fed' / 'back on each wing.' atop a page)
    natural = [n for _, _, n in out.values() if n is not None]
    for page, (limit, space, n) in out.items():
        if n is None and natural:
            out[page] = (limit, space, _justified(on[page], ends[page], settings, min(natural)))
    return out


def _justified(lines: list[Line], end: float, settings: Settings = DEFAULT, natural: float | None = None
               ) -> float | None:
    """Are the cell's lines justified: do most of its lines of two words or more end flush at its right edge (`end`,
    within `justify_flush`), their spaces stretched past those of the lines that stop short (a paragraph's last line
    keeps its natural spaces)? Ragged text has no such edge. The widest natural space (the short lines'), when they
    are; None when not. `natural`: that space as the cell's other pages show it, for lines none of which stop short."""
    multi = [ln for ln in lines if len(ln.words) >= 2]
    flush = [ln for ln in multi if ln.x1 >= end - settings.justify_flush]
    short = [ln for ln in multi if ln.x1 < end - settings.justify_flush]
    if len(flush) < settings.justify_lines or 2 * len(flush) < len(multi) or not (short or natural):
        return None
    if short:
        natural = max(b["x0"] - a["x1"] for ln in short for a, b in zip(ln.words, ln.words[1:]))
    stretched = sum(_spread(ln, natural, settings) for ln in flush)
    return natural if stretched >= 2 else None


def _spread(ln: Line, natural: float, settings: Settings = DEFAULT) -> bool:
    """Does a space of `ln` reach past `justify_stretch` times the `natural` one (justifying stretched it)?"""
    return any(b["x0"] - a["x1"] > settings.justify_stretch * natural for a, b in zip(ln.words, ln.words[1:]))


def _stretched(prev: Line, reach: dict[int, tuple[float, float | None, float | None]],
               settings: Settings = DEFAULT) -> bool:
    """In a justified cell, is `prev` stretched to the cell's right edge (flush with it, a space wider than the
    natural ones)? Justifying stretches every line but a paragraph's last, so a sentence ending on such a line ends
    inside its paragraph ('... agreed by the Senior Leadership        Team.' / 'Progress will be reported ...'),
    whatever the document's habit of ending actions with Enter."""
    if prev.page not in reach or len(prev.words) < 2:
        return False
    longest, _, natural = reach[prev.page]
    return natural is not None and prev.x1 >= longest - settings.justify_flush and _spread(prev, natural, settings)


def _unstretched(prev: Line, reach: dict[int, tuple[float, float | None, float | None]],
                 settings: Settings = DEFAULT) -> bool:
    """In a justified cell, did `prev` end its paragraph? Every line but a paragraph's last is stretched to the
    cell's right edge; a line of two words or more that stops short of it is a last line, however little room the
    next line's first word would have needed (`_short_of_reach` cannot tell then)."""
    if prev.page not in reach or len(prev.words) < 2:
        return False
    longest, _, natural = reach[prev.page]
    return natural is not None and prev.x1 < longest - settings.wrap_slack


def _short_of_reach(prev: Line, ln: Line, reach: dict[int, tuple[float, float | None, float | None]],
                    settings: Settings = DEFAULT) -> bool:
    """Did Enter end `prev`? Yes when the first word of `ln` and a space (as wide as the lines show it) would have
    ended before the longest line of the cell on that page ends: a wrapped line's next word never fits there, as it
    did not fit before the column's limit, which is no shorter. Exact where `hard_break` must allow for not knowing
    the limit, so it needs only the slack of measuring (`reach_slack`)."""
    if ln.page != prev.page or prev.page not in reach:
        return False
    longest, space, _ = reach[prev.page]
    if space is None:
        return False
    return prev.x1 + space + _first_width(ln) + settings.reach_slack <= longest


def _outdented(p: Paragraph, ln: Line) -> bool:
    """Does `ln` come back out to the bullet of a list item whose lines so far hang indented below its first (Word's
    hanging indent)? The item has ended: a paragraph of no bullet follows it ('... Meeting.' / 'Following the
    review ..., HMP X will:')."""
    lines = p.lines
    if len(lines) < 2 or ln.page != lines[-1].page or ln.x0 >= lines[0].x0 + 0.5 * ln.height:
        return False
    head = lines[0]  # a line back out would have ended the item already: its second and last lines say how it hangs
    return _listed(p) and _set_in(lines[1], head) and _set_in(lines[-1], head)


def _listed(p: Paragraph) -> bool:
    """Does the paragraph open with a bullet or a number? Its own lines, not Enter, mark where it ends."""
    return p.bullet or _numbered_start(p.lines[0])


def _finish(p: Paragraph) -> Paragraph:
    """A paragraph's text (lines joined, its bullet dropped) and its span on each page, from its lines."""
    text = reflow(p.lines)
    p.text = _strip_bullet(text) if p.bullet else text
    by_page: dict[int, list[Line]] = {}
    for ln in p.lines:
        by_page.setdefault(ln.page, []).append(ln)
    p.spans = [(pg, ls[0].top, ls[-1].bottom) for pg, ls in by_page.items()]
    return p


def chunks(line: Line) -> list[list[dict]]:
    """A line's words in runs apart by more than the line's height: the cells a table row's line crosses."""
    out = [[line.words[0]]] if line.words else []
    for a, b in zip(line.words, line.words[1:]):
        if b["x0"] - a["x1"] > line.height:
            out.append([])
        out[-1].append(b)
    return out


def block_starts(lines: list[Line], settings: Settings = DEFAULT, spacing: Spacing = SINGLE) -> list[Line]:
    """The lines of an owner or date cell that open a block after blank space (or open the cell)."""
    sp = spacing.of(lines, settings)
    return [ln for k, ln in enumerate(lines) if k == 0 or ln.page != lines[k - 1].page
            or sp.blank(ln.top - lines[k - 1].top, settings)]


def lost_range_dash(lines: list[Line], settings: Settings = DEFAULT) -> list[Line]:
    """A date cell's lines with the dash of a range put back where OCR lost it. A range too wide for its column
    wraps its dash onto a line of its own ('September' / '–' / 'December 2018'), and Tesseract reads no word
    of a lone dash: the cell would read as two dates, the first yearless, for two actions. Only on lines read
    through OCR, where a line is a month's name alone, the next line opens with a later month's name, a year ends
    it or the line below it, and the two stand two of the cell's pitches apart (within `dash_slot`): one line's
    slot empty, where the dash stood. A dash is written into that slot; no word read is changed."""
    if len(lines) < 2:
        return lines
    step = pitch(lines, settings)
    out = [lines[0]]
    for k, (a, b) in enumerate(zip(lines, lines[1:])):
        after = lines[k + 2] if k + 2 < len(lines) and lines[k + 2].page == b.page else None
        first, second = a.text.strip().lower(), b.words[0]["text"].lower()
        year = re.search(r"\b(?:19|20)\d\d\b", b.text) or (
            after is not None and abs(after.top - b.top - step) <= settings.dash_slot * step
            and re.fullmatch(r"(?:19|20)\d\d\.?", after.text.strip()))
        if (_read_by_ocr(a) and _read_by_ocr(b) and a.page == b.page and first in MONTH_NUMBER
                and MONTH_NUMBER.get(second, 0) > MONTH_NUMBER[first] and year
                and abs(b.top - a.top - 2 * step) <= settings.dash_slot * step):
            h = a.height
            dash = {**a.words[0], "text": "\u2013", "x0": a.x0, "x1": a.x0 + h / 2, "top": a.top + step,
                    "bottom": a.top + step + h}
            out.append(Line(a.page, dash["top"], dash["bottom"], dash["x0"], dash["x1"], [dash]))
        out.append(b)
    return out


def _read_by_ocr(ln: Line) -> bool:
    """Was the line read through OCR (its words carry the bearings `ocr.em_boxes` gives them)? There a list item's
    mark may be lost, so a line level with an item's text may be the next item's."""
    return ln.read_by_ocr


def split_at_cues(paras: list[Paragraph], cues: list[Line], right: float | None = None,
                  settings: Settings = DEFAULT, drop: float = 0.0, sentences: bool = False,
                  reach: int | None = None, entry_lines: list[Line] = (),
                  spacing: Spacing = SINGLE) -> list[Paragraph]:
    """Split a paragraph where an owner or date block starts level with one of its lines that opens a sentence
    (the line above ended one), `settings.cue_reach` lines or more into the paragraph: further than an entry is
    typed below its own paragraph, so the entry marks an action typed on as one paragraph ('... in the group.' /
    'Prisoners will be consulted ...', no bullets, no blank line, the first word too long to have fitted above).
    `drop`: how far below its paragraph's first line the document types its entries (a shift of one or two lines).
    `reach`: that many lines instead, where the document's habit is known (level: an entry beside a sentence's
    start is that action's, even one line into the paragraph). `entry_lines`: every line of the row's owner and date
    cells, which tell an entry atop a page that continues one from the page before (`_carried`). `spacing`: the
    plan's. A line hanging under a list item's text (`settings.hang_share`), its first line opened by a mark, runs
    the item on: an entry beside it marks no action there (not on a page read through OCR, which may lose a mark)."""
    out: list[Paragraph] = []
    # an entry typed low lies `drop` below its paragraph's start: with that taken off, it marks a start nearer the top
    if reach is None:
        reach = settings.cue_reach - round(drop / (cues[0].height * 1.15 + spacing.space)) if (
            cues and drop) else settings.cue_reach
    reach = max(1, reach)
    carried = _carried(paras, cues, drop, entry_lines, spacing)
    for p in paras:
        press = spacing.of(p.lines).advance
        # a list item's lines hanging under its text after its mark run the item on: a new action brings a mark
        hang = p.lines[0].words[1]["x0"] if len(p.lines[0].words) > 1 and (
            _bullet_start(p.lines[0]) or _numbered_start(p.lines[0])) else None

        def hangs(ln: Line, hang=hang, first=p.lines[0], wrap=p.lines[1] if len(p.lines) > 1 else None) -> bool:
            # under the item's text, right of its mark; or where the item's own second line hangs, when the text
            # after the mark starts short of the indent ('- Progress ...' / '  Director at ...': a dash and a space)
            near = settings.hang_share * ln.height
            return (hang is not None and not _read_by_ocr(ln) and not _bullet_start(ln) and not _numbered_start(ln)
                    and ln.x0 > first.x0 + near and (abs(ln.x0 - hang) <= near or wrap is not None and wrap is not ln
                                                     and wrap.page == first.page and _set_in(wrap, first)
                                                     and abs(ln.x0 - wrap.x0) <= near))
        # a line after a lead-in's colon opens an action however near the top ('... will be taken:' / 'Adjudication
        # outcomes will be ...'): an entry level with it is that action's, not the lead-in's typed low. A sentence's
        # start less than one press of Enter below the paragraph's first line may hold the paragraph's own entry: in
        # a spaced plan each column lands its entries on a lattice of its own presses, up to one press below the line
        # they belong to, which is the paragraph's second line when a press is longer than a wrap
        cuts = [i for i in range(1, len(p.lines))
                if not hangs(p.lines[i])
                and (i >= reach and SENTENCE_END.search(p.lines[i - 1].text.strip()) and (
                    p.lines[i].page != p.lines[0].page or id(p.lines[i]) in carried
                    or p.lines[i].top - p.lines[0].top > press - 0.5 * p.lines[i].height)
                    or p.lines[i - 1].text.rstrip().endswith(":")) and p.lines[i].text[:1].isupper()
                and (id(p.lines[i]) in carried or any(
                    c.page == p.lines[i].page and abs(c.top - drop - p.lines[i].top) <= 0.5 * c.height for c in cues))]
        if not cuts:
            out.append(p)
            continue
        bounds = [0, *cuts, len(p.lines)]
        for a, b in zip(bounds, bounds[1:]):
            out.extend(paragraphs(p.lines[a:b], spacing, right=right, settings=settings, sentences=sentences))
    return out


def _carried(paras: list[Paragraph], cues: list[Line], drop: float, entry_lines: list[Line] = (),
             spacing: Spacing = SINGLE) -> set[int]:
    """The lines (their ids) that entries typed `drop` low mark across a page break: an entry atop a page, level with
    a line there, whose place `drop` above lies above the page's first line of the cell, marks the line as many lines
    back through the cell's lines, on the page before (an action started two lines from a page's foot, its entry
    typed two lines low atop the next page). Unless an entry line on that page sits beside the marked line or below
    it: the entry atop the page may then be its end, wrapped over the break ('30th' / 'September' / '2022'). An entry
    level with no line of the cell (the paragraph it marks ended atop the page, the next one pushed down below the
    entry) is counted back from the page's first line of the cell by how far its place lies above that line."""
    lines = [ln for p in paras for ln in p.lines]
    if not drop or not lines:
        return set()
    advance = spacing.of(lines).advance
    back = round(drop / advance)
    out = set()
    for c in cues:
        here = [k for k, ln in enumerate(lines) if ln.page == c.page]
        if not here or c.top - drop >= lines[here[0]].top - 0.5 * c.height:
            continue  # its place is on its own page
        k = next((k for k in here if abs(lines[k].top - c.top) <= 0.5 * c.height), None)
        j = k - back if k is not None else here[0] - round((lines[here[0]].top - (c.top - drop)) / advance)
        if j < 0 or lines[j].page >= c.page:
            continue
        mark = lines[j]
        if not any(e.page == mark.page and e.bottom > mark.top for e in entry_lines):
            out.add(id(mark))
    return out


def hard_break(prev: Line, ln: Line, right: float | None, slack: float = DEFAULT.wrap_slack,
               across_pages: bool = False, centred: float | None = None) -> bool:
    """Did the typist end `prev` with Enter rather than Word wrapping it? Yes when the first word of `ln`
    (and a space) would still have fitted after `prev` before `right`, the column's right edge. Lines on
    two pages are judged only `across_pages` (a cell's column keeps its edges over a page break). `centred`: the
    width a column whose lines are centred holds (`centred_width`); a line there ends short on both sides, so
    it is judged by its width, not by where it ends."""
    if (right is None and centred is None) or ln.page != prev.page and not across_pages:
        return False
    first = ln.words[0]
    space = 0.25 * (first["bottom"] - first["top"])
    if centred is not None:
        return prev.x1 - prev.x0 + space + _first_width(ln) + slack <= centred
    return prev.x1 + space + _first_width(ln) + slack <= right


def wrap_limit(cells: Iterable[list[Line]], right: float, settings: Settings = DEFAULT) -> float:
    """`right`, a column's edge as the next column places it, brought in to where the column's own wraps say its
    lines break at the latest: a wrapped line's next word, with its space, did not fit after it. A wrap is a step of
    one line inside a sentence (the line above ends none, the line below opens in lower case). The next column's text
    may start well right of this one's edge (dates centred under a heading centred too look typed at the left of a
    column that starts further left), and `hard_break` would read that room as room for a word Enter sent down ('...
    information on how to appeal.' / 'This will be supported ...'). Only bounds past the column's longest line count,
    as every wrap's is (one below it had Enter, not a wrap, before a line in lower case); lines read through OCR,
    whose boxes and letters are approximate, are not measured."""
    ends, bounds = [], []
    for lines in cells:
        ends += [ln.x1 for ln in lines if ln.x1 <= right]
        for a, b in zip(lines, lines[1:]):
            if (a.page == b.page and not _new_band(a, b) and b.top - a.top <= settings.paragraph_gap * 1.15 * a.height
                    and carries_on(a, b)
                    and not _read_by_ocr(a) and not _read_by_ocr(b)):
                first = b.words[0]
                bounds.append(a.x1 + 0.25 * (first["bottom"] - first["top"]) + _first_width(b))
    longest = max(ends, default=right)
    return min([right, *(x for x in bounds if x > longest)])


def centred_width(lines: list[Line], settings: Settings = DEFAULT) -> float | None:
    """How wide a line a column holds, where its lines are centred in their cells (owners or dates centred, so a
    line that stops short of the column's edge shows nothing of where Enter was pressed): the width of its widest
    centred line, a width Word filled before wrapping. None where they are not centred. Judged per page on the
    lines narrower than the page's widest by more than a line's height: at least `centred_lines` of them, and
    `centred_column_share` of them with their middle within `centred_share` of their height of the page's
    middle line and their start that much right of where the page's lines start furthest left (typed at the
    left, short lines start there)."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    short = centred = 0
    widest = 0.0
    for here in by_page.values():
        mids = sorted((ln.x0 + ln.x1) / 2 for ln in here)
        mid, left = mids[len(mids) // 2], min(ln.x0 for ln in here)
        most = max(ln.x1 - ln.x0 for ln in here)
        for ln in here:
            tol = settings.centred_share * ln.height
            on = abs((ln.x0 + ln.x1) / 2 - mid) <= tol
            if on:
                widest = max(widest, ln.x1 - ln.x0)
            if ln.x1 - ln.x0 < most - ln.height:
                short += 1
                centred += on and ln.x0 > left + tol
    if short < settings.centred_lines or centred < settings.centred_column_share * short:
        return None
    return widest


def _first_width(ln: Line) -> float:
    """How wide the line's first word is, with what no line may break before ('/', ')', ',' and the like: Unicode
    line breaking keeps them with it): what a line above it would have had to hold. An OCR'd word's box hugs its ink,
    short of its letters' advances on both sides by its `bearings` (`ocr.em_boxes`), which are added back: a line's
    end and the column's right edge, both ink, are short alike, but the word's own width is short twice."""
    first = ln.words[0]
    end = first["x1"]
    for w in ln.words[1:]:
        if not NO_BREAK_BEFORE.match(w["text"]):
            break
        end = w["x1"]
    return end - first["x0"] + first.get("bearings", 0.0)


NO_BREAK_BEFORE = re.compile(r"^[/)\]}.,;:!?%\u2019\u201d]")
# A line that can only continue the text above it: it opens with a joining word, a bracket or lower case,
# or the text above ends on one.
_JOINS_NEXT = re.compile(r"(?:[/,&(\-\u2013]|\band|\bof|\bfor|\bthe|\bto|\bin|\bwith)\s*$", re.I)
_JOINS_PREV = re.compile(r"^(?:[a-z(&/,\-\u2013]|and\b|or\b|of\b|for\b)")
_JOINS_WORD = re.compile(r"^(?:and|or|of|for|to|until|onwards)\b", re.I)
# a bracket closed before any is opened (not an item's mark: 'a)', 'iv)', '2)')
_CLOSES_FIRST = re.compile(r"^(?![a-z0-9]{1,4}\))[^()]*\)")


def continues(line: str, before: str) -> bool:
    """Must `line` continue `before` (one entry or owner wrapped or typed over two lines)?"""
    return bool(_JOINS_NEXT.search(before) or _JOINS_PREV.match(line.strip())) or before.count("(") > before.count(")")


def open_bracket_only(line: str, before: str) -> bool:
    """Must `line` continue `before` (`continues`) only because `before` leaves a bracket open? Read through OCR that
    is weak: OCR loses a closing bracket with the words round it, and the lines after it would run on for good."""
    return not (_JOINS_NEXT.search(before) or _JOINS_PREV.match(line.strip())) and before.count("(") > before.count(")")


def closes_unopened(line: str) -> bool:
    """Does an owner's line close a bracket it never opened ('Trust) and')? Then it continues the owner above, where
    the bracket was opened, or where OCR lost the word that opened it ('(Forward')."""
    return _CLOSES_FIRST.match(line.strip()) is not None


def _closes_open(ln: Line, before: str) -> bool:
    """Read through OCR, does `ln` close the bracket the entry above left open ('FM Manager (Milton Keynes' /
    'College) & Head of ...')? Then it is the rest of that entry, whatever blank space OCR's boxes show between
    them: Tesseract runs a cell's line into the line beside it and OCRmyPDF sets both on one baseline, the owner's
    line half a line off its ink ('June 2021 FM Manager (Milton Keynes' 15.5 pt over 'College)' in a plan 9.3 pt
    apart), and no typist opens an entry by closing a bracket the one above opened."""
    return ln.read_by_ocr and before.count("(") > before.count(")") and closes_unopened(ln.text)


def _wrapped_run(lines: list[Line], k: int, right: float | None, sp: Spacing, settings: Settings,
                 centred: float | None = None) -> list[Line]:
    """Line k and the lines that wrap on from it (no blank space, no hard break; a page break is neither, so
    the run goes on atop the next page: 'Residential' + 'Custodial Manager')."""
    run = [lines[k]]
    for ln in lines[k + 1:]:
        prev = run[-1]
        apart = sp.parts(ln.top - prev.top, settings) or hard_break(prev, ln, right, settings.wrap_slack,
                                                                     centred=centred)
        if _new_band(prev, ln) or ln.page == prev.page and apart:
            break
        run.append(ln)
    return run


def _per_line(beside):
    """`beside`, asked once per line: a line is compared with the line above it and with the one below."""
    seen: dict[int, int | None] = {}

    def at(ln: Line) -> int | None:
        key = id(ln)  # the cell's lines outlive the call
        if key not in seen:
            seen[key] = beside(ln)
        return seen[key]
    return at


def entries(lines: list[Line], beside=None, opens=None, spacing: Spacing = SINGLE, right: float | None = None,
            split_segments: bool = False, settings: Settings = DEFAULT, segment_opens=None,
            centred: float | None = None, tops: dict[int, float] | None = None) -> list[Paragraph]:
    """Split an owner or date cell into entries. Blank space separates them; so does a line that sits
    beside a different response paragraph than the line above it (`beside(line)` gives that
    paragraph's index), when `opens(line_text, text_so_far)` agrees it begins an entry rather than
    continuing a wrapped one. An entry may wrap over a page break.

    A line after a hard break (the typist pressed Enter: its first word would have fitted on the line
    above, before `right`) that does not have to continue the text above starts a new *segment*:
    owners stacked one per line with no separator. With `split_segments` (dates: one per action)
    such a line starts a new entry instead, when `opens` agrees. Where the layout cannot tell (the next
    line's first word would not have fitted either), `segment_opens(line_text, text_so_far)` may (for
    segments: `segment_opens([line, line + next, ...], segment_so_far)`, the line and what wraps on below it).
    `spacing`: the plan's; where it spaces its paragraphs, a step of one advance shows where Enter was pressed.
    `centred`: the width the column holds where its lines are centred (`centred_width`), what `right` tells
    otherwise. `tops`: the row's first line's top on each page, any column's: an entry that runs on over a page break
    goes on at the top of its cell there, so a line set a blank below it opens an entry of its own."""
    if not lines:
        return []
    sp = spacing.of(lines, settings)
    if beside is not None:
        beside = _per_line(beside)
    out: list[Paragraph] = []
    cuts: list[set[int]] = []  # per entry, indexes of its lines that open a new segment
    for k, ln in enumerate(lines):
        prev = out[-1].lines[-1] if out else None
        so_far = reflow(out[-1].lines) if out else ""
        if prev is None or _new_band(prev, ln):
            new = True
        elif ln.page != prev.page:  # judged on the whole wrapped text that opens the new page, after the segment
            # it would continue: a stacked owner broken by the page ('Head of Safety' / 'Neurodiversity' +
            # 'Support Manager' atop the next page) is unfinished, however whole the entry's first owner
            seg = reflow(out[-1].lines[max([0, *cuts[-1]]):])
            low = tops is not None and ln.page in tops and sp.blank(ln.top - tops[ln.page], settings)
            new = low or opens is None or opens(reflow(_wrapped_run(lines, k, right, sp, settings, centred)), seg)
        else:
            # beside the next paragraph, judged on the line with what wraps on below it ('Neurodiversi' + 'ty
            # Support Manager': a narrow column breaks words), after the segment it would continue (a stacked owner
            # begun, 'Head of Residence' / 'Foreign', is unfinished however whole the entry's text reads)
            seg = reflow(out[-1].lines[max([0, *cuts[-1]]):])
            new = sp.blank(ln.top - prev.top, settings) and not _closes_open(ln, so_far) or (
                beside is not None and beside(ln) != beside(prev)
                and (opens is None or opens(reflow(_wrapped_run(lines, k, right, sp, settings, centred)), seg)))
        segment = False
        if not new and prev is not None and split_segments and segment_opens is not None and ln.text[:1].islower() \
                and not _JOINS_NEXT.search(so_far) and not _JOINS_WORD.match(ln.text):
            # a line in lower case continues the entry above, unless it and what wraps on below it read as an
            # entry of their own after a whole one ('end of August' + 'end of' / 'November')
            new = bool(segment_opens(reflow(_wrapped_run(lines, k, right, sp, settings, centred)), so_far, whole=True))
        # read through OCR, a hard break must leave more room (`ocr_wrap_slack`): where less is left, the words
        # judge (`segment_opens`), as where the layout cannot tell
        slack = settings.wrap_slack
        read_by_ocr = not split_segments and prev is not None and _read_by_ocr(prev) and _read_by_ocr(ln)
        if read_by_ocr:
            slack = max(slack, settings.ocr_wrap_slack * type_height(ln))
        must = not new and prev is not None and continues(ln.text, so_far)
        if must and read_by_ocr and open_bracket_only(ln.text, so_far) and (
                ln.top - prev.top >= settings.least_step * type_height(prev)) and hard_break(
                prev, ln, right, slack, centred=centred):
            # OCR loses a closing bracket ('(Rhian Evans), Grace' read '(liter Ge Ge:'): a line below (not one
            # OCR set beside it) opening with a word that fitted above, an em to spare, shows Enter
            must = False
        if not new and prev is not None and not must and (split_segments or not closes_unopened(ln.text)):
            if ln.page == prev.page and sp.parts(ln.top - prev.top, settings) or hard_break(
                    prev, ln, right, slack, centred=centred):
                if split_segments:
                    new = opens is None or opens(ln.text, so_far)
                elif beside is not None and beside(ln) != beside(prev):
                    new = True  # typed on a line of its own, beside the next paragraph: that paragraph's entry
                else:
                    segment = True
            elif segment_opens is not None:
                cut = max([0, *cuts[-1]])
                if split_segments:
                    new = bool(segment_opens(ln.text, so_far))
                else:
                    # judged on the line and the lines that wrap on below it (a post may take several lines, six
                    # in a column so narrow it breaks words: 'Chris' / 'Hughes' / '– Head' / 'of' / 'Residen' / 'ce')
                    run = _wrapped_run(lines, k, right, sp, settings, centred)
                    ahead = [reflow(run[:n]) for n in range(1, settings.post_lines + 1)]
                    segment = bool(segment_opens(ahead, reflow(out[-1].lines[cut:])))
                    if segment and beside is not None and beside(ln) != beside(prev):
                        new, segment = True, False  # a second owner beside the next paragraph: its entry
        if ln.glued and prev is not None and not _new_band(prev, ln):
            new = segment = False  # it opens mid-word, the rest of the word above it (`mend_breaks`)
        if new:
            out.append(Paragraph([ln]))
            cuts.append(set())
        else:
            if segment:
                cuts[-1].add(len(out[-1].lines))
            out[-1].lines.append(ln)
    for p, cut in zip(out, cuts):
        p.text = reflow(p.lines)
        p.spans = [(p.page, p.lines[0].top, p.lines[-1].bottom)]
        p.cuts = sorted(cut)
        bounds = [0, *p.cuts, len(p.lines)]
        p.segments = [reflow(p.lines[a:b]) for a, b in zip(bounds, bounds[1:])]
    return out


def split_at(entries_: list[Paragraph], starts: list[tuple[int, float]], tol: float,
             reach: float | None = None) -> list[Paragraph]:
    """Split entries at those of their segment starts that sit level with one of `starts` ((page, top) of
    the entries of a neighbouring column): owners stacked without a gap start a new action's entry where
    that action's date starts. In a plan with space after its paragraphs each column lands its entries on a lattice
    of its own (the Enter presses from its own cell's top), so two columns' entries for one paragraph may sit up to
    an advance (`reach`) apart: a start that no entry's first line is that near splits at the segment start nearest
    it within that reach."""
    near: set[tuple[int, int]] = set()  # segment starts (entry, cut) nearest a start no entry's first line is near
    if reach is not None and reach > tol:
        for pg, top in starts:
            if any(pg == e.page and abs(top - e.top) <= reach for e in entries_):
                continue
            cuts = [(abs(top - e.lines[c].top), i, c) for i, e in enumerate(entries_) for c in e.cuts
                    if pg == e.lines[c].page and abs(top - e.lines[c].top) < reach]
            if cuts:
                near.add(min(cuts)[1:])
    out: list[Paragraph] = []
    for i, e in enumerate(entries_):
        at = [c for c in e.cuts if (i, c) in near
              or any(pg == e.lines[c].page and abs(top - e.lines[c].top) <= tol for pg, top in starts)]
        bounds = [0, *at, len(e.lines)]
        for a, b in zip(bounds, bounds[1:]):
            lines = e.lines[a:b]
            part = Paragraph(lines, text=reflow(lines), spans=[(lines[0].page, lines[0].top, lines[-1].bottom)])
            part.cuts = [c - a for c in e.cuts if a < c < b]
            cb = [0, *part.cuts, len(lines)]
            part.segments = [reflow(lines[x:y]) for x, y in zip(cb, cb[1:])]
            out.append(part)
    return out


def join_unpaired(entries_: list[Paragraph], starts: list[tuple[int, float]], tol: float,
                  gap: float) -> list[Paragraph]:
    """The converse of `split_at`: where there are more entries than the neighbouring column has (`starts`, their
    (page, top)), an entry that runs on from the one above (no blank space between, or a page break) with none level
    with it is more of the one above, typed on past the next paragraph's top (owners stacked one per line for one
    action whose date sits beside its first line only); each keeps its own segments. Equal counts join nothing: a
    date wrapped over two lines pushes the dates below it off level. Of more such entries than there are extra, those
    furthest from any start on their page are joined (none on it: furthest of all): in a plan with space after its
    paragraphs each column keeps its own lattice of Enter presses, so an action's owner may sit a little more than
    `tol` off its date, while an owner carried atop the next page has no date near it at all."""
    extra = len(entries_) - len(starts)
    far: dict[int, float] = {}  # entries that may run on from the one above: how far from the nearest start
    for i in range(1, len(entries_)):
        e, end = entries_[i], entries_[i - 1].lines[-1]
        # a page break shows no blank space: an entry atop the next page may run on from the one above it
        runs_on = e.page == end.page and e.top - end.top <= gap or e.page == end.page + 1
        near = min((abs(top - e.top) for pg, top in starts if pg == e.page), default=float("inf"))
        if runs_on and near > tol:
            far[i] = near
    joined = set(sorted(far, key=lambda i: (-far[i], i))[:max(0, extra)])
    out: list[Paragraph] = []
    for i, e in enumerate(entries_):
        if i in joined:
            out[-1] = _join_entries(out[-1], e)
        else:
            out.append(e)
    return out


def lead_in(p: Paragraph) -> bool:
    """A paragraph ending in a colon introduces the items under it ('HMP Leeds will:'); it does not act itself."""
    return p.text.rstrip().endswith(":")


def _acting(paras: list[Paragraph]) -> int:
    """How many of the paragraphs act (lead-ins, ending in a colon, only introduce the items under them)."""
    return sum(not lead_in(p) for p in paras)


def merge_to_count(paras: list[Paragraph], want: int) -> list[Paragraph]:
    """Join paragraphs a page break parted until no more than `want` of them act, when entries stacked at the top of
    the cell say how many actions there are: a page that ends on a finished sentence cannot show whether the text
    atop the next one goes on (paragraphs() starts a new one). Only a paragraph with no bullet or number of its own is
    joined to the one above it; one set in to that item's hanging indent first."""
    if _acting(paras) <= want:
        return paras
    cands = []  # (not hanging, index of the paragraph joined to the one above)
    for i in range(1, len(paras)):
        above, head, first = paras[i - 1], paras[i - 1].lines[0], paras[i].lines[0]
        if first.page != above.lines[-1].page and not _item_start(first) and not lead_in(above):
            hanging = _item_start(head) and _set_in(first, head)
            cands.append((not hanging, i))
    joined = {i for _, i in sorted(cands)[:_acting(paras) - want]}
    if not joined:
        return paras
    out: list[Paragraph] = []
    for i, p in enumerate(paras):
        if i in joined:
            out[-1] = _finish(Paragraph(out[-1].lines + p.lines, bullet=out[-1].bullet))
        else:
            out.append(p)
    return out


def _marked(first: Line, entry_lines: list[Line], tol: float, drop: float) -> bool:
    """Is an owner or date line where the document types an action's entry: `drop` below `first`, within `tol`?"""
    return any(e.page == first.page and abs(e.top - drop - first.top) <= tol for e in entry_lines)


def entry_marks(lines: list[Line], read: list[Paragraph]) -> list[Line]:
    """The owner and date lines that can mark an action where they sit: those that open an entry or one of its
    segments (an owner typed on a line of its own), as `read` (the entries read stacked, which no paragraph sways)
    has them. A line an entry wraps onto ('Rhian Patel – Head of' / 'Safety') is where no entry begins, whatever
    paragraph it sits beside. Nor does an entry run on from the page before mark an action atop the next: every cell
    of a row starts level there, so its lines sit beside the row's first line there whatever it is."""
    opens = {id(e.lines[c]) for e in read for c in (0, *e.cuts) if e.lines[c].page == e.lines[0].page}
    return [ln for ln in lines if id(ln) in opens]


def _join_onto(paras: list[Paragraph], joins) -> list[Paragraph]:
    """Each paragraph joined to the one before it where `joins(above, paragraph)` says it is more of it."""
    out: list[Paragraph] = []
    for p in paras:
        if out and joins(out[-1], p):
            out[-1] = _finish(Paragraph(out[-1].lines + p.lines, bullet=out[-1].bullet))
        else:
            out.append(p)
    return out


def join_hanging(paras: list[Paragraph], entry_lines: list[Line], tol: float, drop: float = 0.0) -> list[Paragraph]:
    """In a document that types its entries level (or `drop` below their paragraph's first line): a paragraph atop
    a page, set in to the hanging indent of the bulleted or numbered item above it, with no owner or date line where
    its own entry would be (`entry_lines`, within `tol`), is more of that item (its next sentence), not an action of
    its own. A new action atop a page has its own bullet, or its own entry beside it."""
    def joins(above: Paragraph, p: Paragraph) -> bool:
        first, head = p.lines[0], above.lines[0]
        return first.page != above.lines[-1].page and _item_start(head) and _set_in(first, head) and not (
            _item_start(first)) and not _marked(first, entry_lines, tol, drop)
    return _join_onto(paras, joins)


def marked_counts(paras: list[Paragraph], entry_lines: list[Line], tol: float, drop: float = 0.0) -> tuple[int, int]:
    """Of a cell's paragraphs that act and are not the first of their page in it: how many, and how many have an
    owner or date line where the document types one (`drop` below the first line, within `tol`). Nor is the first
    item under a lead-in with an entry beside it counted: that entry may be the group's, serving the item, or the
    item's typed high ('... the following checks will be made:' / 'Listeners and Samaritans will be ...')."""
    acting = [p for k, p in enumerate(paras) if k and p.lines[0].page == paras[k - 1].lines[-1].page and not (
        lead_in(p)) and not (lead_in(paras[k - 1]) and _marked(paras[k - 1].lines[0], entry_lines, tol, drop))]
    return len(acting), sum(_marked(p.lines[0], entry_lines, tol, drop) for p in acting)


def join_unmarked(paras: list[Paragraph], entry_lines: list[Line], tol: float, drop: float = 0.0,
                  right: float | None = None) -> list[Paragraph]:
    """In a document that gives every action its owner or date (`marked_counts`): a paragraph atop a page, with no
    bullet or number and no entry where the document types one, after an action whose last line left no room for
    its first word (Enter unseen), is more of that action: a page that ends on a finished sentence cannot show
    whether the text atop the next goes on."""
    def joins(above: Paragraph, p: Paragraph) -> bool:
        first = p.lines[0]
        return first.page != above.lines[-1].page and not _item_start(first) and not lead_in(above) and not (
            _marked(first, entry_lines, tol, drop)) and not hard_break(above.lines[-1], first, right, across_pages=True)
    return _join_onto(paras, joins)


def split_lead_ins(paras: list[Paragraph], entry_lines: list[Line], tol: float, drop: float = 0.0) -> list[Paragraph]:
    """An action does not end by introducing a list. Where a paragraph with its entry beside it (`entry_lines`
    where the document types them, `drop` below its first line, within `tol`) ends in a sentence of its own that
    ends in a colon and opens a line after one that ends a sentence ('... over the coming year.' / 'Building on
    the work ..., the following actions will be taken:'), that sentence is a lead-in typed on with nothing to
    show Enter (no bullet, no blank line, its first word too long for the line above)."""
    out: list[Paragraph] = []
    for p in paras:
        lines = p.lines
        cut = next((i for i in range(len(lines) - 1, 0, -1) if _ENDS_SENTENCE.search(lines[i - 1].text.rstrip())), 0)
        tail = reflow(lines[cut:]) if cut else ""
        if cut and lines[cut].text[:1].isupper() and tail.endswith(":") and not _SENTENCE_INSIDE.search(tail) and (
                _marked(lines[0], entry_lines, tol, drop) and not _marked(lines[cut], entry_lines, tol, drop)):
            out += [_finish(Paragraph(lines[:cut], bullet=p.bullet)), _finish(Paragraph(lines[cut:]))]
        else:
            out.append(p)
    return out


def join_across_pages(entries_: list[Paragraph], want: int) -> list[Paragraph]:
    """Join owner entries a page break parted until no more than `want` remain, when the dates stacked at the top of
    the cell say how many actions there are: owners stacked one under another, parted from the next action's by
    blank space, show no blank at a page break, so the owners atop a page may be more of the entry above. The
    latest breaks are joined first (a page's top holds what the page above did not)."""
    breaks = [i for i in range(1, len(entries_)) if entries_[i].lines[0].page != entries_[i - 1].lines[-1].page]
    joined = set(breaks[::-1][:max(0, len(entries_) - want)])
    if not joined:
        return entries_
    out: list[Paragraph] = []
    for i, e in enumerate(entries_):
        if i not in joined:
            out.append(e)
            continue
        out[-1] = _join_entries(out[-1], e, out[-1].spans)
    return out


def _join_entries(above: Paragraph, below: Paragraph, spans: list | None = None) -> Paragraph:
    """One entry of two, each keeping its own segments (owners typed on lines of their own); `spans`, when not
    the first page's from the first line to the last."""
    lines = above.lines + below.lines
    n = len(above.lines)
    return Paragraph(lines, text=reflow(lines), spans=spans or [(lines[0].page, lines[0].top, lines[-1].bottom)],
                     segments=[*(above.segments or [above.text]), *(below.segments or [below.text])],
                     cuts=[*above.cuts, n, *(n + c for c in below.cuts)])


def split_to_count(paras: list[Paragraph], want: int, right: float | None = None,
                   settings: Settings = DEFAULT, spacing: Spacing = SINGLE) -> list[Paragraph]:
    """Split paragraphs at line ends that end a sentence (the next line opening with a capital) until `want` of them
    act, when entries stacked at the top of the cell say how many actions there are but a column too narrow to show
    where Enter was pressed ran them together ('HMP Leeds will:' / 'The policy ...'). A lead-in's colon is cut
    first (a lead-in does not act); then the lines that leave the most room before `right`."""
    if _acting(paras) >= want:
        return paras
    cands = []  # (not a colon, -room, paragraph, line)
    for pi, p in enumerate(paras):
        for i in range(1, len(p.lines)):
            prev, ln = p.lines[i - 1].text.strip(), p.lines[i]
            if SENTENCE_END.search(prev) and ln.text[:1].isupper():
                room = right - p.lines[i - 1].x1 if right is not None else 0.0
                cands.append((not prev.endswith(":"), -room, pi, i))
    cuts: dict[int, set[int]] = {}
    need = want - _acting(paras)
    for colonless, _, pi, i in sorted(cands):
        if colonless and need <= 0:
            break
        cuts.setdefault(pi, set()).add(i)
        need -= colonless
    out: list[Paragraph] = []
    for pi, p in enumerate(paras):
        if pi not in cuts:
            out.append(p)
            continue
        bounds = [0, *sorted(cuts[pi]), len(p.lines)]
        for a, b in zip(bounds, bounds[1:]):
            out.extend(paragraphs(p.lines[a:b], spacing, right=right, settings=settings))
    return out
