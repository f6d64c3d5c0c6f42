"""The action-plan table: pages -> logical rows (one per recommendation), stitched across pages.

In: pdfplumber pages.
Out: `Row`s whose cells are lists of words (each word carries its page), keyed by field name
(ref, text, decision, response, owner, date), with the section each row sits under and the pages it
spans. Header cells are mapped to fields by their words, not by position; header rows repeated on
each page, page furniture (banners, running headers, footers) and non-plan tables (definitions,
summary counts) are dropped; a row whose ref cell is empty continues the row before it.
Ruled tables come from pdfplumber's table finder; tables drawn with whitespace only are cut into
columns at the header's left edges.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from .cells import (
    GLYPH_LEAD,
    GLYPH_ONLY,
    SENTENCE_END,
    _bullet_start,
    chunks,
    hard_break,
    reflow,
    text_of,
    to_lines,
)
from .decisions import ANSWERS, DECISION_ONLY, QUALIFIERS, decision_of
from .memo import remember
from .settings import DEFAULT, Settings

FIELDS = ("ref", "text", "decision", "response", "owner", "date")
# A column of the table's own for the section names, at its left, beside each record's first row ('Area' | 'Ref' |
# ...): no field of the record's cells, its words name the record's section (`Row.section`).
SECTION = "section"
# Order matters: the first field whose pattern matches a header cell wins.
HEADER_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("decision", re.compile("|".join(rf"\b{w}\b" for w in (*ANSWERS, "decision")))),
    ("ref", re.compile(r"\brec(?:ommendation)?\.?\s*(?:no|number|ref)\b|^ref\b|^no\.?$|^number$|^(?:concern|area)"
                       r"(?:\s*(?:no|number|ref)\.?)?$|^#$")),
    ("date", re.compile(r"\btarget\b|\bdate\b|\btimescale|\bdeadline|\bby when\b|\bcompletion\b")),
    ("owner", re.compile(r"\bowner|\bresponsib|\bpolicy lead\b|\blead\b|\bwho\b")),
    ("response", re.compile(r"\bresponse\b|\baction(?:s)?\b|\bplanned\b")),
    ("text", re.compile(r"\brecommendation|\bconcern|\barea\b|\bissue\b|\bfinding")),
]
# A recommendation's reference as printed: '1', '1.', '5.01', 'S40', '2.3a', '4)', 'R12', 'Recommendation 3',
# 'Priority concern 1', 'Key concern 5', 'Concern 2', 'Area 4'.
_REF = (r"(?:(?:priority|key)\s+concern\s+\d+|(?:concern|area|recommendation|rec\.?)\s+\d{1,3}(?:\.\d{1,3})*|R\d{1,3}"
        r"|S?\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?)")
REF = re.compile(rf"^{_REF}$", re.IGNORECASE)
REF_LEAD = re.compile(rf"^{_REF}(?=\s|$)", re.IGNORECASE)  # a ref run into the text of the same cell
# A ref's label waiting for its number on the next line or page: 'Priority concern' + '1'.
REF_LABEL = re.compile(r"^(?:(?:priority|key)(?:\s+concern)?|concern|area|recommendation|rec\.?)$", re.IGNORECASE)
# What else a ref cell may hold under its ref: a cross-reference to the report's paragraph, '(S40)', '(1.46)'.
NUMBERED = re.compile(r"\d{1,2}\.")  # a heading's number ('1.'), which a ref may look like
CROSS_REF = re.compile(r"^\(?[A-Z]?\d{1,3}(?:\.\d{1,3})*\)?$")
SUMMARY = re.compile(r"^(?:summary\b.*|recommendations?|total\s+\d+|"
                     r"(?:partly |not |partially )?(?:agreed|accepted)\s+\d+|rejected\s+\d+)$", re.IGNORECASE)


@dataclass
class Row:
    cells: dict[str, list[dict]]
    section: str | None
    pages: list[int]
    bbox: tuple[float, float, float, float]
    continued: int = 0
    lost_ref: bool = False  # a record whose ref OCR read nothing of, opened by its rule and decision

    def words(self, name: str) -> list[dict]:
        return self.cells.get(name, [])


@dataclass
class Columns:
    """The table's fields and the x-range of each, taken from a header row."""
    fields: list[str]
    edges: list[float]  # len(fields) + 1 boundaries
    # columns (by index) whose left edge is not where their text starts: a heading centred over them
    loose: frozenset[int] = frozenset()
    # each heading's x-extent (start, end), where the columns were read from header words: a later page without
    # the header finds its own gutters between them (`TableScanner._page_gutters`)
    heads: tuple[tuple[float, float], ...] = ()
    # columns (by index) no heading named, typed by the cells below the header on its page: a few cells, so the
    # whole plan's may type them again (`TableScanner._type_placeholders`)
    guessed: frozenset[int] = frozenset()

    def field_at(self, x: float) -> str | None:
        for name, a, b in zip(self.fields, self.edges, self.edges[1:]):
            if a - 2 <= x < b - 2:  # a word starting a hair left of a column's edge is that column's
                return name
        return None


@dataclass
class Scan:
    rows: list[Row] = field(default_factory=list)
    columns: Columns | None = None
    raw_rows: int = 0
    first_table_top: tuple[int, float] | None = None  # (page, top) of the first header found
    mode: str | None = None  # "ruled" or "unruled": how the plan's table was read
    page_columns: dict[int, Columns] = field(default_factory=dict)  # the columns in force on each page
    sections: list[tuple[int, tuple, str]] = field(default_factory=list)  # (page, bbox, name) of section rows
    joins: list[tuple[int, tuple, str]] = field(default_factory=list)  # (page, bbox, why) of rows stitched on


@remember()  # asked of every word of every line outside the tables, to find headers
def header_field(text: str) -> str | None:
    t = re.sub(r"^\s*\d+\.\s*", "", " ".join(text.split())).lower()
    if not t:
        return None
    names = [name for name, pat in HEADER_PATTERNS if pat.search(t)]
    if "decision" in names and "response" in names:
        return "response"  # 'Decision and response': the decision heads the response cell
    return names[0] if names else None


def match_header(cell_texts: list[str]) -> list[str | None] | None:
    """Map a row of cell texts to fields; None unless it looks like an action-plan header (short cells that name
    fields: a body row's long cells may mention 'response' or 'lead' without being headings)."""
    if any(len(t.split()) > 12 for t in cell_texts):
        return None
    names = [header_field(t) for t in cell_texts]
    found = {n for n in names if n}
    if len(found) >= 3 and "response" in found or {"text", "owner", "date"} <= found or (
            len(found) >= 4 and len([n for n in names if n]) == len(found)):
        if len([n for n in names if n]) != len(found):  # the same field twice: keep the first
            seen: set[str] = set()
            names = [n if n and not (n in seen or seen.add(n)) else None for n in names]
        return names
    return None


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def content_scores(cells: list[list[str]]) -> dict[str, float]:
    """How much a column's cells (each a list of lines) read like each field: dates, decisions, refs, judged
    line by line and cell by cell (a wrapped 'Partially' / 'agreed'), the better of the two; and how long
    its lines run."""
    from .dates import date_status
    from .decisions import decision_of

    def clean(xs):
        return [t for t in (" ".join(x.split()) for x in xs) if t]
    lines = clean(x for c in cells for x in c)
    texts = clean(" ".join(c) for c in cells)
    tests = {
        "date": lambda t: len(t.split()) <= 8 and date_status(t) != "unparsed",
        "decision": lambda t: decision_of(t) is not None and len(t.split()) <= 4,
        "ref": lambda t: len(t.split()) <= 4 and (REF.match(t) is not None or REF_LABEL.match(t) is not None or (
            REF_LEAD.match(t) is not None and date_status(t) == "unparsed")),  # '31 March 2024' is no ref
    }
    out = {k: max(_share([f(t) for t in lines]), _share([f(t) for t in texts])) for k, f in tests.items()}
    out["ref_lead"] = _share([REF_LEAD.match(t) is not None for t in texts])  # 'Concern 1 Leaders should ...'
    out["refs"] = float(sum(REF.match(t) is not None for t in lines))  # lines that are a ref and nothing else
    out["decisions"] = float(sum(DECISION_ONLY.match(t) is not None for t in lines))  # ... a decision, nothing else
    out["words"] = sum(len(t.split()) for t in lines) / len(lines) if lines else 0.0
    # lines of running text: two words or more in lower case (a narrow column's prose has short lines too)
    out["prose"] = _share([sum(w[:1].islower() for w in t.split()) >= 2 for t in lines])
    out["lines"] = float(len(lines))
    return out


def _names(cells: list[list[str]], settings: Settings = DEFAULT) -> bool:
    """Every cell a name, not a sentence: short (counted in characters: a narrow cell breaks words mid-word) and
    ending no sentence ('Rehabilitation and release planning')."""
    return all(len(t := " ".join(c).strip()) <= settings.section_chars and not t.endswith(".") for c in cells)


def _kept(name: str | None) -> str | None:
    """A column's name that typing by content keeps: a field's, or the section column's."""
    return name if name in FIELDS or name == SECTION else None


def _in_any(w: dict, boxes) -> bool:
    """Does word `w` lie wholly inside one of `boxes` (x0, top, x1, bottom)?"""
    return any(b[0] <= w["x0"] and w["x1"] <= b[2] and b[1] <= w["top"] and w["bottom"] <= b[3] for b in boxes)


def _lead(cols: Columns) -> int:
    """How many columns stand left of the first that holds a field (a section column, a column no heading named):
    the ref or recommendation column begins the record's cells there, not at the table's left edge."""
    return next((j for j, f in enumerate(cols.fields) if f in FIELDS), 0)


def guessed(texts: list[str], names: list[str | None]) -> frozenset[int]:
    """The columns (by index) named otherwise than their heading's words say: typed by what their cells hold."""
    return frozenset(j for j, (t, n) in enumerate(zip(texts, names)) if n in FIELDS and header_field(t) != n)


def type_columns(names: list[str | None], samples: list[list[list[str]]],
                 settings: Settings = DEFAULT) -> list[str | None]:
    """Confirm or correct header-word field names by what the columns hold (`samples`: each column's body
    cells, each a list of lines). Header words are a hint: a column whose lines read as dates is the date
    column, one of decision words the decision column, one of short refs the ref column, whatever their
    headings say; and a column no heading names becomes the response (the most text), the recommendation
    (the most text left of it) or the owner (short lines right of it) when that field is still missing."""
    names = list(names)
    scores = [content_scores(cells) for cells in samples]
    prose_share = settings.prose_share
    if "response" not in names and "decision" in names and scores[names.index("decision")]["prose"] >= prose_share:
        names[names.index("decision")] = "response"  # 'Decision and' (response): prose under decisions atop it
    if "response" in names and scores[names.index("response")]["prose"] < 0.1 and any(
            n is None and sc["prose"] >= prose_share and sc["lines"] >= 2 for n, sc in zip(names, scores)):
        names[names.index("response")] = None  # 'Action' (owner, wrapped): no prose below it, while a column is
    if "text" in names and samples[t := names.index("text")] and _names(samples[t], settings) and any(
            n is None and j > t and sc["prose"] >= prose_share and sc["lines"] >= 2 and not _names(samples[j], settings)
            for j, (n, sc) in enumerate(zip(names, scores))):
        names[t] = None  # 'Healthy prison area' (the heading's 'area' a recommendation's word) over names, while a
        # column right of it no heading named holds sentences (a word two headings share names the first only); one
        # row tells, the names and the sentences beside them both (a first page may hold one record)
    if "ref" in names:
        # a heading that names the refs ('Area') over cells none of which is or opens a ref: section names beside the
        # records, or nothing (the plan prints no refs, or prints them in the recommendation's cell); told by two
        # lines or more of that column (one alone may be a heading's wrapped line, 'No.' under '1. Ref') or, where it
        # is blank, by two cells or more of another
        r = names.index("ref")
        if not (scores[r]["ref"] or scores[r]["ref_lead"]) and (
                scores[r]["lines"] >= 2 if samples[r] else any(len(c) >= 2 for c in samples)):
            names[r] = None
    numbering = _numbering_actions(names, scores, prose_share)
    names = [None if j in numbering and n == "ref" else n for j, n in enumerate(names)]
    for kind, strong, weak in (("date", 0.6, 0.3), ("decision", 0.6, 0.3), ("ref", 0.5, 0.3)):
        best = max((j for j in range(len(names)) if kind != "ref" or j not in numbering),
                   key=lambda j: (scores[j][kind], -j), default=None)
        if best is None or names[best] == kind:
            continue
        # a column of one- and two-word lines, several of them bare refs, is the refs' even where section names
        # and a summary's labels below the plan make up half its lines ('Care' / '1.1', '1.2', 'Safety' / '2.3')
        bare_refs = kind == "ref" and scores[best]["refs"] >= 2 and scores[best]["words"] <= 2 and (
            scores[best]["prose"] == 0 and scores[best][kind] >= weak)
        if scores[best][kind] < strong and not bare_refs:
            continue
        if names[best] in ("response", "text") and (scores[best]["words"] > 6 or scores[best]["prose"] >= prose_share):
            continue  # prose that starts with refs, dates or decisions ('accepted' atop it) is not that column
        if kind == "ref" and names[best] is None and (scores[best]["words"] > 6 or scores[best]["prose"] > 0.5):
            continue  # nor are items in a column mostly of prose refs, named by a heading or not ('a) DIRF forms ...')
        held = names.index(kind) if kind in names else None
        if held is not None and scores[held][kind] >= weak:
            continue
        if held is not None:
            names[held] = names[best] if names[best] in FIELDS else None
        names[best] = kind
    free = [j for j, n in enumerate(names) if n is None and scores[j]["lines"]]
    decided = [j for j in free if scores[j]["decision"] >= settings.weak_decision and scores[j]["prose"] < prose_share]
    if "decision" not in names and decided:  # a few cells read ('ACCEPTED', 'PARTIALLY' of a wrapped decision)
        j = max(decided, key=lambda j: scores[j]["decision"])
        names[j] = "decision"
        free.remove(j)
    # the two columns of the most prose (a column of owners wrapped over many lines may hold more lines, no prose)
    prose = sorted((j for j in free if scores[j]["lines"] >= 2 and scores[j]["prose"] >= prose_share),
                   key=lambda j: scores[j]["words"] * scores[j]["lines"])[-2:]
    if "response" not in names and "text" not in names and len(prose) == 2:
        names[min(prose)], names[max(prose)] = "text", "response"  # two columns of prose: the finding, then the reply
        free = [j for j in free if j not in prose]
    if "response" not in names and free:
        j = max(free, key=lambda j: (scores[j]["lines"] >= 2, scores[j]["words"]))  # the longest lines of prose
        names[j] = "response"
        free.remove(j)
    if "response" in names:
        r = names.index("response")
        if "text" not in names and [j for j in free if j < r]:
            j = max((j for j in free if j < r), key=lambda j: scores[j]["words"] * scores[j]["lines"])
            names[j] = "text"
            free.remove(j)
        dated = [j for j in free if j > r and scores[j]["date"] >= settings.weak_date]
        if "date" not in names and dated:  # dates with notes and wraps ('January' / '2023' / '(pilot)') read weakly
            j = max(dated, key=lambda j: scores[j]["date"])
            names[j] = "date"
            free.remove(j)
        if "owner" not in names and [j for j in free if j > r]:
            names[min(j for j in free if j > r)] = "owner"
    # a column left of every field's that no field took, each cell a name, not a sentence (short, counted in
    # characters: a narrow cell breaks words mid-word; and ending no sentence): the records' section names
    first = next((j for j, n in enumerate(names) if n in FIELDS), len(names))
    lead = [j for j in range(first) if names[j] is None and scores[j]["lines"] and _names(samples[j], settings)]
    if SECTION not in names and lead:
        names[lead[0]] = SECTION
    return names


def _numbering_actions(names: list[str | None], scores: list[dict[str, float]], prose_share: float) -> set[int]:
    """Columns of numbers standing between the recommendation (its heading's column, or the first of the two columns
    of the most prose) and the response (the most prose right of it): they number the actions ('1.1', '1.2' down one
    recommendation's rows), not the recommendation, whose ref is printed left of its text or at its head, whatever
    the column's heading says."""
    prose = sorted((j for j, sc in enumerate(scores) if sc["lines"] >= 2 and sc["prose"] >= prose_share),
                   key=lambda j: scores[j]["words"] * scores[j]["lines"])
    left = names.index("text") if "text" in names else min(prose[-2:]) if len(prose) >= 2 else None
    right = [j for j in prose if left is not None and j > left]
    if not right:
        return set()
    return {j for j in range(left + 1, right[-1]) if scores[j]["refs"] and scores[j]["prose"] == 0}


def _numbered_from_two(cell_texts: list[str]) -> bool:
    """Headings numbered in order from the second cell on ('2. Issue raised', '3. Status', ... '6. Due by'): the
    first is heading '1.' whatever it reads as. (OCR runs '1. ID' together into '11D', which reads as a ref: a body
    row's first cell. A body row's cells hold prose, or list items numbered afresh in each, not 2, 3, 4 in order.)"""
    numbered = [re.match(r"\s*(\d{1,2})[.)]", t) for t in cell_texts[1:]]
    return len(cell_texts) >= 4 and all(numbered) and (
        [int(m.group(1)) for m in numbered] == list(range(2, len(cell_texts) + 1)))


def _reads_as_ref(cell_texts: list[str]) -> bool:
    """A cell is a ref (and no heading's number): the row is a body row, not a header; unless it is the first of
    headings numbered in order (`_numbered_from_two`)."""
    skip = 1 if _numbered_from_two(cell_texts) else 0
    return any(REF.match(t.strip()) and not NUMBERED.fullmatch(t.strip()) for t in cell_texts[skip:])


def content_header(cell_texts: list[str], samples: list[list[list[str]]]) -> list[str] | None:
    """A header row whose words name no fields we know ('Para | Finding | Outcome | What we will do | Led by |
    Due by') is still the plan's header when the columns below it read as a plan: refs in one (or opening
    the first column's cells, 'Concern 1 ...') or decisions in one, dates in another, and a column of running
    text. Returns the
    fields by content, or None."""
    if len([t for t in cell_texts if t.strip()]) < 4 or len(samples) != len(cell_texts):
        return None
    if _reads_as_ref(cell_texts) or any(len(t.split()) > 8 for t in cell_texts):
        return None  # a body row or a paragraph, not a header
    scores = [content_scores(cells) for cells in samples]
    refs = any(sc["ref"] >= 0.7 for sc in scores) or bool(scores) and (
        scores[0]["ref_lead"] >= 0.5 or scores[0]["refs"] >= 2)
    # plans that print no refs still print decisions: a column of them, or lines of one alone atop a column's cells
    decided = any(sc["decision"] >= 0.6 or sc["decisions"] >= 2 for sc in scores)
    fields = {header_field(t) for t in cell_texts} - {None}
    named = len(fields)  # or headings that name two fields all the same
    # headings numbered in order ('1. Ref', '2. Finding', ... '6. Led by') are a header's, whatever their words
    numbered = [re.match(r"\s*(\d{1,2})[.)]", t) for t in cell_texts]
    in_order = all(numbered) and [int(m.group(1)) for m in numbered] == list(range(1, len(cell_texts) + 1))
    # a column of dates; or, where a plan leaves every owner and date blank, refs under headings that name the
    # date column or two fields, or are numbered in order; or refs and decisions under headings some of which stand
    # over nothing all down the page (columns the page's rows leave blank), unless the headings are numbered: out of
    # order, numbers are a body row's list items ('1. Reference' ... '1. Steps')
    empty = any(not sc["lines"] for sc in scores) and not any(numbered)
    blank = refs and ("date" in fields or named >= 2 or in_order or empty and decided)
    if not (refs or decided or named >= 2) or not (any(sc["date"] >= 0.6 for sc in scores) or blank):
        return None
    hints: list[str | None] = []
    for t in cell_texts:  # the header's words, as hints; a field named twice is a hint once (the first)
        f = header_field(t)
        hints.append(f if f not in hints else None)
    names = type_columns(hints, samples)
    known = {n for n in names if n in FIELDS}
    return names if "response" in known and (len(known) >= 4 or blank and {"ref", "text"} <= known) else None


def _from_edge(zone: str, top: float, bottom: float, height: float) -> float:
    """How far a line in a page's margin `zone` ("top" or "foot") stands from that edge of the page: a footer keeps
    its place on a page of another height (a landscape page among portrait ones)."""
    return top if zone == "top" else height - bottom


def furniture(pages_lines: list[list[tuple[float, float, str]]], heights: list[float],
              tables: list[list[tuple[float, float, str]]] | None = None,
              settings: Settings = DEFAULT) -> list[set[float]]:
    """Lines repeated near the top or bottom of most pages (banners, running headers, footers, page
    numbers): returns, per page, the tops of lines to drop. `tables`: per page, the lines that are no candidates
    (a table's: a header's, a body row's); a line in the top margin run on from one of them, no blank space
    between, is that table's (a heading's wrapped last word, 'date', under a header repeated on every page)."""
    def norm(t: str) -> str:  # digits aside (page numbers), and marks (OCR reads one dash as another, or a speck)
        return " ".join(re.sub(r"[^\w#]+", " ", re.sub(r"\d+", "#", t.lower())).split())

    def zone(top: float, bottom: float, h: float) -> str | None:
        return "top" if top < 0.16 * h else "foot" if bottom > 0.88 * h else None

    n = len(pages_lines)
    # where each text stands in each margin, page by page: repeated in the same margin (a cell's line at one page's
    # foot and the next page's top, an owner wrapped there twice, is no running header) and at the same distance
    # from its edge (a sentence a plan writes in several rows, carried atop the pages where those rows break, stands
    # where its cell puts it on each)
    placed: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for p, (lines, h) in enumerate(zip(pages_lines, heights)):
        for top, bottom, t in lines:
            if z := zone(top, bottom, h):
                placed.setdefault((z, norm(t)), []).append((p, _from_edge(z, top, bottom, h)))
    least = max(2, settings.furniture_pages * n)

    def repeated(ln: tuple[float, float, str], z: str | None = None, p: int | None = None) -> bool:
        """Furniture's text (line `ln`, on page `p`): repeated where it stands in margin `z` (either, if None), a
        protective marking or a page number (of page `p`, where known)."""
        top, bottom, t = ln
        if re.fullmatch(r"official(?: sensitive)?", norm(t)) or page_number(ln, p, z):
            return True
        if n < 2:
            return False
        near, key = settings.furniture_drift * (bottom - top), norm(t)
        h = heights[p] if p is not None else max(heights)
        for z2 in (z,) if z else ("top", "foot"):
            here = _from_edge(z2, top, bottom, h)
            if len({q for q, at in placed.get((z2, key), ()) if abs(at - here) <= near}) >= least:
                return True
        return False

    # A number alone in a margin counts the pages: it is its page's own number, or it moves on with the pages
    # (number less page index the same on another page: the plan's pages numbered from a longer report's) and
    # stands where it stood there: a page's number keeps its place from page to page
    bare = re.compile(r"\d+")
    counting: dict[tuple[str, int], list[float]] = {}
    for p, (lines, h) in enumerate(zip(pages_lines, heights)):
        for top, bottom, t in lines:
            if bare.fullmatch(t.strip()) and (z := zone(top, bottom, h)):
                counting.setdefault((z, int(t.strip()) - p), []).append(_from_edge(z, top, bottom, h))

    def page_number(ln: tuple[float, float, str], p: int | None = None, z: str | None = None) -> bool:
        """'Page 3', '3 of 12', '3/12'; not a year's range ('2022/23'), nor a number alone that does not count the
        pages (a date's year wrapped atop the next page, '2021', where the plan prints no page numbers; two dates'
        years wrapped at different heights on pages one apart, '2015' then '2016', only seem to count them)."""
        top, bottom, t = ln
        m = re.fullmatch(r"(?:page\s*)?(\d+)(?:\s*(?:of|/)\s*(\d+))?", t.lower().strip())
        if not m:
            return False
        if m.group(2) is not None:
            return int(m.group(1)) <= int(m.group(2))
        if p is None or not bare.fullmatch(t.strip()):
            return True  # 'Page 3'
        v = int(m.group(1))
        near = settings.furniture_drift * (bottom - top)
        return v == p + 1 or any(
            sum(abs(at - _from_edge(z2, top, bottom, heights[p])) <= near for at in counting.get((z2, v - p), ())) >= 2
            for z2 in ((z,) if z else ("top", "foot")))

    def touching(a: tuple, b: tuple) -> bool:  # b follows a with no blank space between them (OCR's boxes of two
        # lines on a page askew may overlap a little: 'No Responsi' 0.1 pt into the header line above it)
        return (a[0] < b[0]
                and -settings.touch_overlap * (b[1] - b[0]) <= b[0] - a[1] < settings.blank_line * (a[1] - a[0]))

    drop: list[set[float]] = []
    for p, (lines, h) in enumerate(zip(pages_lines, heights)):
        lines = sorted(lines)
        held = list(tables[p]) if tables is not None else []
        run_on = set()  # top-margin lines run on from a table's line, or from one run on from it ('3.' / 'Agreed/' /
        for ln in lines:  # 'Rejected', a heading's lines where the header repeats on every page)
            if zone(ln[0], ln[1], h) == "top" and any(touching(t, ln) for t in held):
                held.append(ln)
                run_on.add(ln)
        # a line in the top margin that runs on into the body below it, no blank space between, is the body's (a
        # cell carried over the page: 'Head of' / 'Security' atop the next, above its row's text), and so is one
        # running on into such a line (a cell's sentences that repeat on other pages)
        into = set()
        for k in range(len(lines) - 1, -1, -1):
            ln = lines[k]
            if zone(ln[0], ln[1], h) == "top" and (any(touching(ln, t) for t in held) or k + 1 < len(lines) and (
                    touching(ln, lines[k + 1]) and (lines[k + 1] in into or not repeated(lines[k + 1], p=p)))):
                into.add(ln)
        drop.append({ln[0] for k, ln in enumerate(lines) if (z := zone(ln[0], ln[1], h)) and repeated(ln, z, p)
                     and ln not in run_on and ln not in into
                     # a line run on from body text above into body text below, with no blank space either side,
                     # is a cell's text that happens to repeat (an owner's wrapped provider), not furniture
                     and not (0 < k < len(lines) - 1 and touching(lines[k - 1], ln) and touching(ln, lines[k + 1])
                              and not repeated(lines[k - 1], p=p) and not repeated(lines[k + 1], p=p))
                     # nor is a line near the foot run on from body text above it, or from a table's line: a footer
                     # keeps the bottom margin between it and the body ('Contract' / 'Manager (Milton', a cell's last
                     # line on the page; '30th' / 'November' / '2022', a date's)
                     and not (ln[1] > 0.88 * h and (k > 0 and touching(lines[k - 1], ln)
                                                    and not repeated(lines[k - 1], p=p)
                                                    or any(touching(t, ln) for t in held)))})
    return drop


# A heading cut mid-phrase: it ends on a joining word, a decision's qualifier ('Agreed/ Not') or a mark ('/', OCR
# reading a slash as '!' or '|' too: no heading ends on those)
_OPEN_END = re.compile("(?:" + "|".join(rf"\b{w}" for w in ("and", "of", "for", "the", *QUALIFIERS))
                       + r"|[/&,\-\u2013!|])\s*$", re.IGNORECASE)


def _summary_at(lines: list, k: int) -> bool:
    """Does line k open the summary counts table below the plan? Not where it is a ref's label on a line of its own
    ('Recommendation', centred down its cell) with its number under it, on one of the next lines."""
    text = lines[k].text.strip()
    if not SUMMARY.match(text):
        return False
    under = next((ln.words[0]["text"] for ln in lines[k + 1:k + 4] if ln.words[0]["x0"] < lines[k].words[-1]["x1"]),
                 "")
    return not (REF_LABEL.match(text) and REF.match(f"{text} {under}"))


def _above_summary(lines: list) -> list:
    """The lines of a page's table body, down to the summary counts table below the plan."""
    return next((lines[:k] for k in range(len(lines)) if _summary_at(lines, k)), lines)


def _unfinished(words: list[dict]) -> bool:
    """Does a heading's cell stop mid-phrase ('Decision and') or at its number ('3.'), so that its next line
    belongs to it?"""
    return any(_OPEN_END.search(t) or NUMBERED.fullmatch(t) for t in map(text_of, TableScanner._clusters(words)))


def _repeat_depth(lines: list, k: int, head: list[str], after: list[tuple[str, float]] = ()) -> int:
    """How many lines from line k repeat the first page's header lines `head`, in order (a header line may be
    missing here, dropped as a running header where the header sits in the page's top margin), and then the lines
    that followed it there (`after`: each with its depth below the header's first line), each at its own depth
    below line k: a header repeated on every page is a copy of the first, while a body line that only repeats one
    of them (a wrapped line of a recommendation made twice) sits elsewhere? 0 unless line k repeats the header's
    first line, or its second where the first was a title printed over the table on the first page only and line
    k is long enough to tell (twice `repeat_letters`)."""
    if not head or k >= len(lines):
        return 0
    if not _same_line_text(lines[k].text, head[0]):
        if len(head) < 2 or len(lines[k].text.replace(" ", "")) < 2 * DEFAULT.repeat_letters or not _same_line_text(
                lines[k].text, head[1]):
            return 0
        head, after = head[1:], ()  # (the lines after the header were measured from the title's top)
    i = 0
    for text in head:  # below a first line that repeats, a short line may too (OCR: "Agreed!" for "Agreed/")
        if k + i < len(lines) and _same_line_text(lines[k + i].text, text, short=i > 0):
            i += 1
    for text, depth in after:  # (word for word: body lines that differ by a ref are not the same line)
        if k + i < len(lines) and _same_words(lines[k + i], text) and abs(
                lines[k + i].top - lines[k].top - depth) <= 0.5 * lines[k].height:
            i += 1
    return i


def _same_words(line, text: str) -> bool:
    """Does `line` read `text` word for word? On a line read through OCR, letters and digits alike, case aside: OCR
    reads a stop or a speck after a word on one page and none on the next ('planned.' / 'planned'), but a digit that
    differs (another ref) still tells two lines apart."""
    if line.text == text:
        return True
    return any("bearings" in w for w in line.words) and _NOT_ALNUM.sub("", line.text).lower() == _NOT_ALNUM.sub(
        "", text).lower() != ""


def without_marks(words: list[dict]) -> list[dict]:
    """A ref cell's words without those that are only marks ('—', '_'): no ref has one, and OCR reads a speck or
    a rule's end beside a ref's label as one ('Priority' / 'concern —' / '1')."""
    return [w for w in words if any(c.isalnum() for c in w["text"])]


def _same_line_text(a: str, b: str, settings: Settings = DEFAULT, short: bool = False) -> bool:
    """Is line text `a` line text `b` again? The same words; in a line long enough to tell, nearly the same
    letters (`repeat_likeness`, spaces and case aside); with `short` (a line whose place already says it), the
    same letters and digits: OCR reads a header repeated on every page a little differently each time ('1.1D'
    for '1. ID', 'Agreed!' for 'Agreed/')."""
    if a == b:
        return True
    a, b = a.replace(" ", "").lower(), b.replace(" ", "").lower()
    if short and re.sub(r"\W", "", a) == re.sub(r"\W", "", b) != "":
        return True
    if min(len(a), len(b)) < settings.repeat_letters or abs(len(a) - len(b)) > (1 - settings.repeat_likeness) * len(b):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= settings.repeat_likeness


def _opens_record(line) -> bool:
    """Does a line open with a ref standing alone in its cell ('S30', 'R4', '5.01'; not a heading's '1.')?"""
    text = text_of(chunks(line)[0])
    return REF.match(text) is not None and not NUMBERED.fullmatch(text)


def _repeats(texts: list[str], heads: list[list[str]]) -> bool:
    """Do a row's cells repeat a header's (`heads`: each cell's words), spaces aside (a word broken at a cell's edge
    is mended in one and not the other), and all else but letters and digits too: OCR reads a numbered heading
    repeated on every page a little differently each time ('1, Ref' for '1. Ref'), the same letters and digits in
    every cell."""
    return len(texts) == len(heads) and any(heads) and all(
        _NOT_ALNUM.sub("", t) == _NOT_ALNUM.sub("", "".join(h)) for t, h in zip(texts, heads))


_NOT_ALNUM = re.compile(r"[\W_]+")  # what `_repeats` leaves out of a cell: all but its letters and digits


def _decision_under(line, above: list[dict]) -> bool:
    """Does a cell of the line hold a decision alone ('ACCEPTED') under a heading that has finished ('3. Accept?')?
    A heading cut mid-phrase may run on to or over a decision's word ('Agreed/ Not' / 'Agreed', 'Accepted/' /
    'Rejected'), and a heading's number alone ('3.') has its words to come (a middle line repeated on every page may
    have been dropped as a running header); a finished one never does, so the line is the first body row, however
    many fields the words above and in it would name."""
    for chunk in chunks(line):
        if DECISION_ONLY.match(text := text_of(chunk)) and not _OPEN_END.search(text):  # 'Accepted/' runs on
            x0, x1 = chunk[0]["x0"], chunk[-1]["x1"]
            over = [w for w in above if w["x0"] < x1 and w["x1"] > x0]
            heading = text_of(to_lines(over)[-1].words) if over else ""
            if not _OPEN_END.search(heading) and not NUMBERED.fullmatch(heading):  # '3.' alone: its words follow
                return True
    return False


def _bulleted(line) -> bool:
    """Does a cell of the line open with a list's bullet ('• Prisoner representatives ...')?"""
    return any(GLYPH_ONLY.match(c[0]["text"]) and len(c) > 1 or GLYPH_LEAD.match(c[0]["text"]) for c in chunks(line))


def _ref_opens(text: str) -> bool:
    """Does a cell's text open with a ref and run on ('Concern 4 Leaders should ...'; not a heading's '1. Issue')?"""
    m = REF_LEAD.match(text)
    return m is not None and m.end() < len(text) and not NUMBERED.fullmatch(m.group(0))


def _glyph_item(line) -> bool:
    """Does the line open a list item with a bullet glyph standing apart from its text ('•' 'review ...')?"""
    return len(line.words) > 1 and GLYPH_ONLY.match(line.words[0]["text"]) is not None


def _hanging(texts: list[list[dict]]) -> float | None:
    """How far right of their bullets the text column's list items hang their wrapped lines, where a line after one
    opening an item shows it, set in from the bullet but no further than the item's text (`texts`: the column's
    lines' words, in order); 0 where an item's words run on at its bullet; None where no item shows either."""
    lines = [to_lines(t)[0] for t in texts if t]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if _glyph_item(a) and b.page == a.page]
    hang = next((b.x0 - a.x0 for a, b in pairs if a.x0 + 3 < b.x0 <= a.words[1]["x0"] + 6), None)
    if hang is None and any(abs(b.x0 - a.x0) <= 3 and b.words[0]["text"][:1].islower() for a, b in pairs):
        return 0.0  # an item's words run on in lower case back at its bullet: its wraps do not hang
    return hang


def _ref_spans(body: list, key: str = "ref", opens=None) -> list[tuple[int, int]]:
    """The (first line, last line) of each ref in a table body's `key` column: a label may wrap, its number on a
    ref line below ('Priority' / 'concern' / '2'). With `key` "decision" (a plan that prints no refs), each
    decision's lines, down to where `opens(j, "decision")` says blank space starts another."""
    refs = []
    k = 0
    while k < len(body):
        text = text_of(without_marks(body[k][1].get(key, [])))
        if key == "decision":  # a decision's lines, down to blank space in its column
            if text:
                j = k
                while j + 1 < len(body) and "decision" in body[j + 1][1] and not opens(j + 1, "decision"):
                    j += 1
                refs.append((k, j))
                k = j
        elif REF.match(text) or body[k][1].get(key, [{}])[0].get("ref_slot", False):  # (or one OCR could not read)
            refs.append((k, k))
        elif REF_LABEL.match(text):  # the label's lines, then its number
            j = k
            while REF_LABEL.match(text):
                j = next((i for i in range(j + 1, min(j + 4, len(body))) if "ref" in body[i][1]), None)
                if j is None:
                    break
                text = f"{text} {text_of(without_marks(body[j][1]['ref']))}"
            if j is not None and REF.match(text):
                refs.append((k, j))
                k = j
        k += 1
    return refs


def _runs_on(before: list[dict], words: list[dict]) -> bool:
    """Do `words` (a cell's first line on a page) run on the sentence `before` (the cell's words on the page
    before) left open: that ends with no stop or colon, and this line starts in lower case."""
    last = text_of(before).rstrip()
    first = text_of(words[:1])
    return bool(last) and not last.endswith((".", ":", ";", "?", "!")) and first[:1].islower()


def _text_ended(above: list[dict], words: list[dict], right: float | None = None,
                hanging: float | None = None) -> bool:
    """Was the text column's line above (`above`, its words) the end of a text, so that `words`, below it, may open
    something new: none above, a sentence or a lead-in ended there, it was a list item's indented line and `words`
    come back out to the column's edge, blank space parts them in the column (the other columns ran on below the
    text), it opened a list item and `words` start left of where the column's items show a wrap would hang
    (`hanging`: '• review the data each month' / 'Offender management'; where no item shows it, a line at the
    bullet opening with a capital), or the first word of `words` would have
    fitted on it before `right`, the column's text edge (Enter ended it, not a wrap)? Not where it opened a list
    item and `words` start where the column's items hang their wraps ('• act promptly on' / '  any disparity
    found'): set in under the item's text, they are more of the item, however short the line above stopped (`right`
    is only an estimate where no rule draws the column's edge)."""
    if not above or text_of(above).rstrip().endswith((".", ":")) or above[0]["x0"] > words[0]["x0"] + 3:
        return True
    last, first = to_lines(above)[-1], to_lines(words)[0]
    if first.page == last.page and first.top - last.bottom > 0.8 * first.height:
        return True
    if hanging and _glyph_item(last) and abs(first.x0 - (last.x0 + hanging)) <= 3:
        return False  # a list item's line, and the next starts where its wraps hang: the item runs on there
    if hanging is not None and _glyph_item(last) and first.x0 < last.x0 + hanging - 3:
        return True  # a list item's line, and the next comes back out to its bullet where a wrap would hang
    if hanging is None and _glyph_item(last) and first.x0 < last.x0 + 3 and first.words[0]["text"][:1].isupper():
        return True  # no item shows how a wrap hangs: back at the bullet, opening with a capital, is no wrap's
    return hard_break(last, first, right)


def column_right(xs: list[float], columns: Columns | None, name: str, settings: Settings = DEFAULT,
                 next_xs: list[float] = ()) -> float | None:
    """The right edge of a column's text (`xs`: where its lines end): where the longest ends, or, when a column
    follows it, where that column's text starts less the padding of two cells, whichever is further (a column of
    short entries never reaches its edge); a line ending past the next column's start ran across it and is not the
    column's. A line that stops well short of it was ended by Enter. Where the next column's edge is not where its
    text starts (`Columns.loose`: a heading centred over it), the next column tells nothing of this one's edge, and
    a column of prose ends at its longest line; a column of entries then ends no further than where the next
    column's text starts furthest left (`next_xs`, where its words start) less the padding of two cells, however
    that text sits in its cell (centred entries start right of their heading's start, never left of their cell's
    padding)."""
    nxt = next_start(columns, name)
    if nxt is not None and next_xs and columns.fields.index(name) + 1 in columns.loose:
        nxt = min(nxt, min(next_xs))
    if nxt is not None:  # no line of the column's ends past it (one that does runs across it, a section name)
        xs = [x for x in xs if x <= nxt]
        if xs and name in ("text", "response") and columns.fields.index(name) + 1 in columns.loose:
            return max(xs)
        return max([*xs, nxt - 2 * settings.cell_padding]) if xs else None
    return max(xs) if xs else None


def next_start(columns: Columns | None, name: str) -> float | None:
    """Where the column after column `name` starts; None when none follows (the last edge is the page's) or the
    plan has no such column."""
    if columns is None or name not in columns.fields:
        return None
    j = columns.fields.index(name)
    return columns.edges[j + 1] if j + 2 < len(columns.edges) else None


def _text_right(cols: Columns, body: list, settings: Settings) -> float | None:
    """Where the text column's lines end on this page (`column_right` over the page's body lines)."""
    return column_right([w["x1"] for _, by in body for w in by.get("text", [])], cols, "text", settings)


def _body_cell(text: str) -> bool:
    """Is a cell's text a body row's, never a heading's: a decision alone, or a ref (not a heading's '1.')?"""
    return DECISION_ONLY.match(text) is not None or REF.match(text) is not None and not NUMBERED.fullmatch(text)


def _reading(words: list[dict]) -> list[dict]:
    """A cell's words in reading order: line by line, left to right."""
    return [w for ln in to_lines(words) for w in ln.words]


class TableScanner:
    """Takes the pages one at a time, in order, and keeps the plan's rows (`finish` returns them)."""

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings
        self.refs_seen = False  # has any record had a ref? (plans that print none start records by rows)
        self.scan = Scan()
        self.section: str | None = None
        self.current: Row | None = None
        self.scanned = False  # the page being read was read through OCR (`add_page`)
        self.mode: str | None = None  # "ruled" or "unruled", once the plan's header has been found
        self.head_lines: list[str] = []  # the text of each line of an unruled plan's header, as first found
        # the lines that followed it there, each with its depth below the header's first line: header lines too if
        # they repeat with it
        self.head_next: list[tuple[str, float]] = []
        self.head_above = ""  # the line above the header where it was first found (a title printed over it)
        self.head_words: list[list[str]] = []  # the words of each cell of a ruled plan's header, as first found
        self.grid_typed = False  # a ruled header's columns were typed by cells below it (a grid of the header alone
        # types them by nothing: the next grid that repeats the header types them again)
        self.waiting: list[tuple] = []  # the last pages read before the plan's header was found (read again then)
        # unruled: are refs centred down their rows? Told by the first record that shows it (`_reflect_refs`)
        self.refs_centred: bool | None = None

    # -- per page -------------------------------------------------------------------------
    def add_page(self, pageno: int, words: list[dict], tables: list[tuple[tuple, list[list[tuple | None]]]],
                 rules: list[tuple[float, float, float]] | tuple = (), scanned: bool = False) -> None:
        """words: the page's words (furniture already dropped); tables: (bbox, rows of cell bboxes) from
        the table finder, empty when the page has no ruling lines; rules: the page's horizontal rules
        (top, x0, x1); scanned: the page was read through OCR (its columns sit where its own skew puts them, so
        no edge found on another page is held there). The plan is read from the table finder's grid when its tables
        hold the page's rows; otherwise (no rules, horizontal rules only, or only the header and section rows boxed
        by shading) from the columns of its header words, rows cut at rules and refs.

        A header of words no list names is found by what lies below it; where the plan's first page shows too
        little (no dates yet), it is found on a later page, and the kept pages before that which repeat it are
        read again from that line, knowing it (the last `settings.header_wait_pages` pages are kept till then)."""
        found = self.scan.columns is not None
        self.scanned = scanned
        self._add_page(pageno, words, tables, rules)
        if self.scan.columns is None:
            self.waiting = [*self.waiting, (pageno, words, tables, rules)][-self.settings.header_wait_pages:]
            return
        waiting, self.waiting = self.waiting, []
        head = self.head_lines[0] if self.head_lines else None
        if not found and self.mode == "ruled" and waiting:
            self._replay_ruled(waiting, (pageno, words, tables, rules))
        if found or self.mode != "unruled" or head is None:
            return
        # the first page kept that repeats the header's first line: the plan starts there, at that line
        at = next(((i, ln.top) for i, (_, ws, _, _) in enumerate(waiting) for ln in to_lines(ws) if ln.text == head),
                  None)
        if at is None:
            return
        i, top = at
        first = waiting[i]
        replay = [(first[0], [w for w in first[1] if w["top"] >= top - 1], first[2], first[3]), *waiting[i + 1:]]
        # (not the lines that followed the header on this page: read again here, they would repeat it)
        known = (self.scan.columns, self.head_lines, self.head_above)
        self.__init__(self.settings)
        self.scan.columns, self.head_lines, self.head_above = known
        self.mode = "unruled"
        for args in [*replay, (pageno, words, tables, rules)]:
            self._add_page(*args)

    def _replay_ruled(self, waiting: list[tuple], page: tuple) -> None:
        """The header of a ruled plan found on this page, by what its columns hold, after pages whose columns held
        too little to tell (every owner and date blank there): the kept pages from the first whose table opens with
        the same header are read again, knowing it."""
        heads = self.head_words
        at = next((i for i, (_, ws, tables, _) in enumerate(waiting) for _, rows in tables[:1]
                   if rows and _repeats([reflow(to_lines(c)) if c else "" for c in self._cells_words(ws, rows)[0]],
                                        heads)), None)
        if at is None:
            return
        known = (self.scan.columns, self.head_words, self.grid_typed)
        self.__init__(self.settings)
        self.scan.columns, self.head_words, self.grid_typed = known
        self.mode = "ruled"
        for args in [*waiting[at:], page]:
            self._add_page(*args)

    def _add_page(self, pageno: int, words: list[dict], tables: list[tuple[tuple, list[list[tuple | None]]]],
                  rules: list[tuple[float, float, float]] | tuple = ()) -> None:
        plan, other = [], []
        cols = self.scan.columns
        heads = self.head_words
        if self.mode != "unruled":  # (an unruled plan's grids are its summary's and glossary's)
            tables = self._outer_columns(words, tables, rules)
        labels: set[int] = set()  # the words of labels over several columns of a ruled or shaded header of two rows
        for bbox, rows in tables:
            cw = self._cells_words(words, rows)
            folded_rows, folded, over = self._two_row_header(rows, cw, cols is not None, self.head_words)
            labels.update(id(w) for w in over)
            if self.mode != "unruled":
                rows, cw = folded_rows, folded
            # read once: it may type columns by content
            head = self._header(cw, cols is not None, heads) if self.mode != "unruled" else None
            ok = self.mode != "unruled" and (head is not None or (cols is not None and self._same_grid(cols, rows)))
            # A header found in a table above on this page names the grids below it that share its columns: the
            # plan's first page may box its header apart from its rows (section rows shaded, not ruled, between)
            if ok and head is not None and cols is None:
                cols = self._grid_columns(head[0], rows, head[1])
            if ok and head is not None and not heads:  # a grid below that repeats it is a table of the plan too
                heads = [[w["text"] for w in _reading(c)] for c in cw[head[1] - 1]]
            (plan if ok else other).append((bbox, rows, cw, head))
        if plan and not self._rows_outside(words, plan, other):
            for n, (bbox, rows, cw, head) in enumerate(plan):
                if n and head is not None:  # a table of the plan begun again below another: one per section
                    self._heading(pageno, words, plan[n - 1][0], bbox, [t[0] for t in plan + other])
                self._ruled_table(pageno, bbox, rows, cw, head, first=n == 0)
            self.mode = self.mode or "ruled"
        elif plan or self.mode != "ruled" or not self.scan.rows:
            # definitions, summary and cover tables drawn with lines (three columns or fewer): not the plan; a
            # box of one row, or of four columns or more, is a shaded header or section row of the plan itself (its
            # cells counted by where they start in any row: a header of two rows, a label over several columns above
            # them, may hold no row of four cells).
            # A plan whose grid held its header and no record yet (a shaded header box over a table ruled across
            # only, its first row pushed to the next page) is read by its header's columns from here on.
            boxes = [b for b, rows, _, _ in other
                     if len(rows) > 1 and len({round(c[0]) for r in rows for c in r if c}) <= 3]
            # (a label the header's grid shows spanning several columns is marked: typed at their left, it would
            # read as the first line of the first one's heading, `_without_labels`)
            loose = [dict(w, label=True) if id(w) in labels else w for w in words if not _in_any(w, boxes)]
            # A page whose plan's grids leave its rows outside them shows the grids are shaded rows, not the
            # table's rules: the plan is read by its header's columns from here on (a page of unshaded rows only,
            # no grid on it, is read too), not as a ruled table again wherever a band fills a page.
            if self._unruled(pageno, loose, rules, [b for b, _, _, _ in plan + other]):
                self.mode = "unruled"
        self.scan.mode = self.mode
        if self.scan.columns is not None:
            self.scan.page_columns[pageno] = self.scan.columns

    def _outer_columns(self, words: list[dict], tables: list[tuple[tuple, list[list[tuple | None]]]],
                       rules) -> list[tuple[tuple, list[list[tuple | None]]]]:
        """A column past a grid's outer rule: a scan askew or cut at the paper's edge loses the table's outer
        vertical rule, and the table finder's grid ends at the last rule it sees, the column beyond (heading and
        cells) left outside it. The grids of a page that share that rule are read as one (`_outer_band`), on the
        right, then on the left."""
        if not tables or not rules:
            return tables
        boxes = [c for _, rows in tables for r in rows for c in r if c]
        loose = [w for w in words if any(w["x0"] >= b[2] or w["x1"] <= b[0] for b, _ in tables)  # beside a grid
                 and not any(c[0] <= (w["x0"] + w["x1"]) / 2 <= c[2] and c[1] <= (w["top"] + w["bottom"]) / 2 <= c[3]
                             for c in boxes)]
        out = list(tables)
        for sign in (1, -1) if loose else ():
            k = 2 if sign > 0 else 0
            done: set[int] = set()
            for b0, _ in list(out):
                stack = [i for i, (b, _) in enumerate(out) if abs(b[k] - b0[k]) <= self.settings.same_grid
                         and i not in done]
                done.update(stack)
                if stack:
                    self._outer_band(loose, out, stack, sign, rules)
        return out

    def _outer_band(self, loose: list[dict], out: list, stack: list[int], sign: int, rules) -> None:
        """The words in no cell (`loose`) past the outer rule of the grids `stack` (indices into `out`) on one side
        (`sign` 1: right, -1: left), each within a row, are a column of theirs when every row holding such words
        has a rule at its top or foot running on over them (the page shows the row go on), `outer_rows` rows below
        the grids' first hold some, and a heading stands over them: the first row, the plan's header, holds some,
        or the plan's columns, read from a header before, reach past the rule. Each row of `out` gains the cell,
        from the rule to where the rules or those words end (a row of one cell, a section row, is widened to it)."""
        near_x, far_x = ("x0", "x1") if sign > 0 else ("x1", "x0")
        edge = sign * max(sign * out[i][0][1 + sign] for i in stack)  # the grids' outermost rule
        spans = sorted((min(c[1] for c in r if c), max(c[3] for c in r if c))
                       for i in stack for r in out[i][1] if any(r))
        held: dict[tuple, list[dict]] = {}
        for w in loose:
            cy = (w["top"] + w["bottom"]) / 2
            at = next((sp for sp in spans if sp[0] <= cy <= sp[1]), None)
            if at is not None and sign * (w[near_x] - edge) >= 0:
                held.setdefault(at, []).append(w)
        cols = self.scan.columns  # the plan's columns, read from a header that showed the column
        known = cols is not None and sign * (cols.edges[-1 if sign > 0 else 0] - edge) > self.settings.same_grid
        if not (known or cols is None and spans[0] in held) or len(set(held) - {spans[0]}) < self.settings.outer_rows:
            return
        tol = self.settings.snap_tolerance
        reach = []  # where each held row's rules end past the edge, over its words
        for (top, bottom), ws in held.items():
            near = sign * min(sign * w[near_x] for w in ws)
            runs = [x1 if sign > 0 else x0 for y, x0, x1 in rules
                    if min(abs(y - top), abs(y - bottom)) <= tol and x0 - tol <= edge <= x1 + tol
                    and sign * ((x1 if sign > 0 else x0) - near) >= 0]
            if not runs:
                return
            reach += runs
        far = sign * max(sign * v for v in [*reach, *(w[far_x] for ws in held.values() for w in ws)])
        for i in stack:
            bbox, rows = out[i]
            grown = []
            for r in rows:
                cells = [c for c in r if c]
                if len(cells) == 1 and len(r) > 1:  # a section row: one cell across the grid
                    c = cells[0]
                    wide = (c[0], c[1], far, c[3]) if sign > 0 else (far, c[1], c[2], c[3])
                    r = [wide if x is c else x for x in r]
                    cell = None
                else:
                    cell = (cells and (min(edge, far), min(c[1] for c in cells), max(edge, far),
                                       max(c[3] for c in cells))) or None
                grown.append([*r, cell] if sign > 0 else [cell, *r])
            out[i] = ((bbox[0], bbox[1], far, bbox[3]) if sign > 0 else (far, bbox[1], bbox[2], bbox[3]), grown)

    def _rows_outside(self, words: list[dict], plan: list, other: list) -> bool:
        """Do table rows lie outside the ruled tables found? Lines below the first one that start at an
        inner column's edge (prose after a table starts at the margin) say the grid missed the body."""
        headed = next(((rows, head) for _b, rows, _cw, head in plan if head), None)
        cols = self._grid_columns(headed[1][0], headed[0], headed[1][1]) if headed else self.scan.columns
        if cols is None:
            return False
        top = min(t[0][1] for t in plan)
        boxes = [t[0] for t in plan + other]
        held = {id(w) for t in plan + other for r in t[2] for c in r for w in c}  # a cell's (past the edge too)
        loose = []  # the words below the first table's top in none of the boxes
        for w in words:
            if w["top"] > top and id(w) not in held:
                x0, x1, y0, y1 = w["x0"], w["x1"], w["top"], w["bottom"]
                for b in boxes:
                    if b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= y0 and y1 <= b[3] + 1:
                        break
                else:
                    loose.append(w)
        inner = [e for e in cols.edges[1:-1]]

        def columnar(ln) -> bool:  # a word starts just inside an inner column and none crosses its edge
            return any(any(e - 2 <= w["x0"] <= e + 14 for w in ln.words)
                       and not any(w["x0"] < e - 2 and w["x1"] > e + 2 for w in ln.words) for e in inner)
        return sum(columnar(ln) for ln in to_lines(loose)) >= 3

    @staticmethod
    def _header(cw: list[list[list[dict]]], known: bool = False,
                heads: list[list[str]] = ()) -> tuple[list[str | None], int] | None:
        """The field names of a ruled table's header row (one of its first two rows) and the first body row:
        by the header's words, else by what the columns below it hold. Once the plan's header is `known`, a row
        with a ref or a decision alone in a cell is a body row ('Key concern 3 | Public protection
        arrangements ... | Agreed | To address this recommendation, the following actions ...' names three fields
        in words), and only a row repeating the header's words (`heads`, per cell) is read as one by the columns
        below it: the rest of a record carried over a page ('case management.' | ... | 'processes)') reads as a
        plan's header too."""
        for i in range(min(2, len(cw))):
            texts = [reflow(to_lines(c)) if c else "" for c in cw[i]]  # 'Responsi' / 'ble' mended
            if known and any(_body_cell(t) for t in texts):
                return None
            names = match_header(texts)
            again = known and _repeats(texts, heads)
            if names is None and len(cw) > i + 1 and (not known or again):
                names = content_header(texts, TableScanner._grid_samples(cw[i + 1:], len(texts)))
            if names or again:  # a repeat keeps the header's fields where its grid matches (`_keep_fields`)
                return names or [None] * len(texts), i + 1
        return None

    def _two_row_header(self, rows: list[list[tuple | None]], cw: list[list[list[dict]]], known: bool = False,
                        heads: list[list[str]] = ()) -> tuple[list[list[tuple | None]], list[list[list[dict]]],
                                                              list[dict]]:
        """A ruled header of two rows read as one: a label over several columns in the upper row ('HMPPS response'
        over 'Action', 'Owner', 'Date'), the other headings merged down over both rows (their words in the upper
        row's cell), the headings under the label in the lower row. Each column's heading is then the lower row's
        cell where it has one, else the upper row's cell reaching down over it: the label over several columns names
        none of them. Folded only where every cell of the upper row is such a label or reaches down so, one of each
        (a title row across the table over a one-row header needs no folding), and the folded row reads as the
        header (`_header`): a section row over a record's rows is no header. Also returns the labels' words."""
        tol = self.settings.snap_tolerance
        for a in range(min(2, len(rows) - 1)):
            top, low = rows[a], rows[a + 1]
            if len(top) != len(low) or not any(low):
                continue
            bottom = max(c[3] for c in low if c)
            over = [j for j, c in enumerate(top) if c and sum(
                1 for d in low if d and c[0] - tol <= d[0] and d[2] <= c[2] + tol) >= 2]
            down = [j for j, c in enumerate(top) if c and low[j] is None and c[3] >= bottom - tol]
            if not over or not down or len(over) + len(down) != sum(1 for c in top if c):
                continue
            cells = [(d[0], top[j][1] if top[j] else d[1], d[2], d[3]) if d else (top[j] if j in down else None)
                     for j, d in enumerate(low)]
            words = [cw[a + 1][j] if d else cw[a][j] if j in down else [] for j, d in enumerate(low)]
            folded_rows, folded = [*rows[:a], cells, *rows[a + 2:]], [*cw[:a], words, *cw[a + 2:]]
            head = self._header(folded[a:], known, heads)
            if head is not None and head[1] == 1:
                return folded_rows, folded, [w for j in over for w in cw[a][j]]
        return rows, cw, []

    def _keep_fields(self, cols: Columns) -> Columns:
        """A header repeated on a later page, over the same columns, keeps the fields the first one was given:
        the first page's body is the better evidence (a later page may hold one stray line)."""
        prev = self.scan.columns
        if prev is not None and len(prev.fields) == len(cols.fields) and all(
                abs(a - b) <= self.settings.same_grid for a, b in zip(prev.edges[:-1], cols.edges[:-1])):
            return replace(cols, fields=prev.fields)
        return cols

    @staticmethod
    def _grid_samples(cw: list[list[list[dict]]], n: int) -> list[list[list[str]]]:
        """Each column's cells (lines of text) below a header, leaving out rows of one cell (section rows)."""
        body = [r for r in cw if sum(1 for c in r if c) > 1]
        return [[[ln.text for ln in to_lines(r[j])] for r in body if j < len(r) and r[j]] for j in range(n)]

    @staticmethod
    def _grid_columns(header: list[str | None], rows: list[list[tuple | None]], start: int) -> Columns:
        cells_x = rows[start - 1]
        fields, edges = [], []
        for name, c in zip(header, cells_x):
            if c is None:
                continue
            fields.append(name or f"col{len(fields)}")
            edges.append(c[0])
        edges.append(max(c[2] for c in cells_x if c))
        return Columns(fields, edges)

    def _cells_words(self, words: list[dict], rows: list[list[tuple | None]]) -> list[list[list[dict]]]:
        """Each word in the first cell (rows, then cells, in order) that holds its centre, cells keeping the words'
        order. A row is tried only on the words whose centre lies within its span down the page (found by bisection
        among the words sorted by centre), not on every word of the page."""
        out = [[[] for _ in r] for r in rows]
        centres = [((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2) for w in words]
        by_y = sorted(range(len(words)), key=lambda k: centres[k][1])
        ys = [centres[k][1] for k in by_y]
        cell_of: dict[int, tuple[int, int]] = {}
        for i, r in enumerate(rows):
            cells = [(j, c) for j, c in enumerate(r) if c]
            if not cells:
                continue
            lo, hi = min(c[1] for _, c in cells), max(c[3] for _, c in cells)
            for k in by_y[bisect.bisect_left(ys, lo):bisect.bisect_right(ys, hi)]:
                if k in cell_of:
                    continue
                cx, cy = centres[k]
                for j, c in cells:
                    if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]:
                        cell_of[k] = (i, j)
                        break
        self._past_the_edge(words, rows, centres, cell_of)
        for k in sorted(cell_of):
            i, j = cell_of[k]
            out[i][j].append(words[k])
        return out

    def _past_the_edge(self, words: list[dict], rows: list[list[tuple | None]], centres: list[tuple[float, float]],
                       cell_of: dict[int, tuple[int, int]]) -> None:
        """A table wider than its page: the grid's right rule is cut at the page's edge, and the last column's
        lines run on past it (in the text layer, off the paper). Text never crosses a drawn rule, so a word that
        starts inside a row's last cell and ends past the grid's right edge, and the words that run on from it
        along the same line (a word space apart), are that cell's. `cell_of` gains them."""
        right = max((c[2] for r in rows for c in r if c), default=None)
        if right is None:
            return
        past = sorted((k for k, w in enumerate(words) if k not in cell_of and w["x1"] > right + 1),
                      key=lambda k: words[k]["x0"])
        if not past:
            return
        lasts = [(i, j, c) for i, r in enumerate(rows) for j, c in enumerate(r) if c and abs(c[2] - right) < 1]
        last = {(i, j) for i, j, _ in lasts}
        # the last cells' words, each with its cell: a word running on from one is that cell's
        ends = [(words[k], ij) for k, ij in cell_of.items() if ij in last]
        for k in past:
            w = words[k]
            cy = centres[k][1]
            gap = self.settings.word_space * (w["bottom"] - w["top"])
            at = next(((i, j) for i, j, c in lasts if c[1] <= cy <= c[3] and c[0] <= w["x0"] < right), None)
            if at is None:
                at = next((ij for v, ij in ends if abs(v["top"] - w["top"]) < 1 and 0 <= w["x0"] - v["x1"] <= gap),
                          None)
            if at is not None:
                cell_of[k] = at
                ends.append((w, at))

    def _ruled_table(self, pageno: int, bbox: tuple, rows: list[list[tuple | None]],
                     cw: list[list[list[dict]]], head: tuple[list[str | None], int] | None,
                     first: bool = True) -> None:
        """One grid of the plan. `first`: the page's first grid of the plan; a later one that opens with the header
        is a table begun again (one per section), whose first row continues no record."""
        start = 0
        if head:
            header, start = head
            self.head_words = [[w["text"] for w in _reading(c)] for c in cw[start - 1]]
            # A header repeated over the grid read before keeps that grid's fields whatever this page's cells hold
            # (`_keep_fields` looks at the grid alone): its columns are typed by content only when it is a new grid,
            # or the grid read before held the header alone (nothing below it typed them)
            named = self._grid_columns(header, rows, start)
            cols = self._keep_fields(named) if self.grid_typed else named
            if cols is named:
                samples = self._grid_samples(cw[start:], len(header))
                self.grid_typed = any(samples)
                typed = type_columns(header, samples, self.settings)
                texts = [" ".join(ws) for ws, c in zip(self.head_words, rows[start - 1]) if c]
                cols = self._grid_columns(typed, rows, start)
                cols = replace(cols, guessed=guessed(texts, cols.fields))
            self.scan.columns = cols
            if self.scan.first_table_top is None:
                self.scan.first_table_top = (pageno, bbox[1])
        cols = self.scan.columns
        if not head and cw:
            cw = [self._strip_repeated_header(cw[0]), *cw[1:]]
        if not head and ("owner" not in cols.fields or "date" not in cols.fields):
            # a column the first page left unnamed (its cells were empty there) is named by what this page holds
            names = [_kept(f) for f in cols.fields]
            if None in names and len(rows[0]) == len(names):
                typed = type_columns(names, self._grid_samples(cw, len(names)), self.settings)
                if typed != names:
                    cols = self.scan.columns = Columns([n or f"col{j}" for j, n in enumerate(typed)], cols.edges)
        for i in range(start, len(rows)):
            cells: dict[str, list[dict]] = {}
            spans = [c for c in rows[i] if c]
            for c, ws in zip(rows[i], cw[i]):
                if c is None:
                    continue
                name = cols.field_at((c[0] + c[2]) / 2 if c[2] - c[0] < 0.5 * (cols.edges[-1] - cols.edges[0])
                                     else c[0] + 1)
                if name:
                    cells.setdefault(name, []).extend(dict(w, page=pageno) for w in ws)
            wide = len(spans) == 1 and spans[0][2] - spans[0][0] > self.settings.section_width * (
                cols.edges[-1] - cols.edges[0])
            top = min(c[1] for c in spans)
            bottom = max(c[3] for c in spans)
            self._row(pageno, cells, (cols.edges[0], top, cols.edges[-1], bottom), wide,
                      page_top=i == start and (first or not head))

    def _heading(self, pageno: int, words: list[dict], above: tuple, below: tuple, boxes: list[tuple]) -> None:
        """The words between two grids of the plan (`above`, `below`: their boxes), in none of the page's grids
        (`boxes`): a heading typed over the table below, which opens with the header again (one table per section),
        is the section of the rows below it. A paragraph of more words than a heading holds
        (`section_words_ended`) is none."""
        x0, x1 = min(above[0], below[0]), max(above[2], below[2])
        between = [w for w in words if above[3] < (w["top"] + w["bottom"]) / 2 < below[1] and x0 - 1 <= w["x0"]
                   and w["x1"] <= x1 + 1 and not _in_any(w, boxes)]
        cols = self.scan.columns
        if not between or cols is None or len(between) > self.settings.section_words_ended:
            return
        heading = [dict(w, page=pageno) for w in _reading(between)]
        self._row(pageno, {"text": heading}, (cols.edges[0], min(w["top"] for w in heading), cols.edges[-1],
                                               max(w["bottom"] for w in heading)), True)

    def _strip_repeated_header(self, cells: list[list[dict]]) -> list[list[dict]]:
        """A header repeated atop a later page with no rule below it shares a grid row with the first body row:
        when every heading of the first page's header opens its cell here, those words are the header's."""
        heads = self.head_words
        if not heads or len(heads) != len(cells) or sum(1 for h in heads if h) < 2:
            return cells
        ordered = [_reading(c) for c in cells]
        if not all([w["text"] for w in c[:len(h)]] == h for c, h in zip(ordered, heads) if h):
            return cells
        return [c[len(h):] for c, h in zip(ordered, heads)]

    @staticmethod
    def _same_grid(cols: Columns, rows: list[list[tuple | None]]) -> bool:
        xs = sorted({round(c[0]) for r in rows for c in r if c})
        return sum(any(abs(x - e) < 4 for x in xs) for e in cols.edges[:-1]) >= len(cols.edges) - 2

    def _unruled(self, pageno: int, words: list[dict], rules=(), boxes=()) -> bool:
        """Read the plan from the columns of its header words: rows start at refs and, where the page has
        horizontal rules across the table, at every rule. `boxes`: the page's grids (shaded rows draw them too)."""
        lines = to_lines([dict(w, page=pageno) for w in words])
        body_from = 0
        headed = False  # the header is printed on this page
        for k, ln in enumerate(lines):  # a header line (possibly wrapped over several lines)
            near = [l2 for l2 in lines[k:k + self.settings.header_lookahead] if l2.top - ln.top < 4 * ln.height]
            # a heading still cut mid-phrase at that depth ('Agreed/ Partly Agreed/' in a narrow column) runs on, line
            # by line, while each next line follows with no more than a line's space
            while len(near) < 2 * self.settings.header_lookahead and k + len(near) < len(lines) and (
                    lines[k + len(near)].top - near[-1].bottom < 1.5 * ln.height) and _unfinished(
                    [w for l2 in near for w in l2.words]):
                near.append(lines[k + len(near)])
            # The header's depth: down to the first rule across the page below its first line, where there is
            # one (a header row's border or shading); else the lines that name the most fields (a section or
            # body line below it would merge its cells), the shallowest of those.
            # (read through OCR, a word's box is its font's, not its ink's: a rule may cut the foot of the line's box)
            foot = ln.bottom - (self.settings.ocr_rule_share * ln.height if self.scanned else 0.0)
            # (one that runs under every heading of the line: a group label's rule, under the headings it spans,
            # leaves those merged down past it open)
            rule = next((t for t, x0, x1 in sorted(rules) if t > foot and x1 - x0 > 0.3 * (x1 + x0)
                         and self._rule_under(rules, t, ln.words)), None)
            if rule is not None and any(b[1] >= foot and b[1] - 1 <= rule <= b[3] + 1 for b in boxes):
                rule = None  # the top of a box that begins below this line (a shaded band over a body row below an
                # unshaded one) boxes that row, not the header: the header's depth is told by its words
            depths = range(1, len(near) + 1)
            # The header repeated on a later page: the lines that repeat the first one's (a wrapped heading's last
            # line may have been dropped there as a running header).
            # (and the lines that followed it there, when they repeat under it here, are the header's too)
            h = _repeat_depth(lines, k, self.head_lines, self.head_next)
            if h:
                near, depths = lines[k:k + h], [h]
            boxed = [l2 for l2 in lines[k:k + 2 * self.settings.header_lookahead] if l2.bottom <= (rule or 0) + 1]
            # a heading boxed by a rule or shading: every line above it (a repeat of the first header keeps its depth)
            boxed_in = rule is not None and lines[k + len(boxed):k + len(boxed) + 1] and rule - ln.top < 8 * ln.height
            if not h and boxed_in:
                near, depths = boxed, [len(boxed)]
            best = None
            prev = self.scan.columns
            if h and depths == [h] and prev is not None:  # a repeated header keeps the first one's fields
                group = [w for l2 in near for w in l2.words]
                clusters = self._merge_crossed(self._clusters(self._without_labels(group)), lines[k + h:])
                if self.scanned and len(clusters) < len(prev.fields):
                    # a speck OCR read as a mark ('—') in the gutter between two headings joins them: without the
                    # words that are only marks (no heading is one), the headings stand apart again
                    bare = self._merge_crossed(self._clusters(self._without_labels(without_marks(group))),
                                               lines[k + h:])
                    clusters = bare if len(bare) > len(clusters) else clusters
                if len(clusters) > len(prev.fields):
                    clusters = self._within_columns(clusters, prev)
                # read through OCR, a heading may go unread (on a shaded band): the others still stand in the first
                # header's columns, the lost one where the first had it, moved as they moved
                fewer = self.scanned and len(clusters) < len(prev.fields)
                lost = self._lost_headings(clusters, prev) if fewer else None
                if len(clusters) == len(prev.fields) or lost:
                    spans = lost or self._spans(clusters)
                    # the header printed again where it was (a copy of the first): the table's edges found there
                    # stand unless this page's lines cross them
                    held = prev.edges if not self.scanned and len(prev.heads) == len(spans) and all(
                        abs(a - c) <= 2 for (a, _), (c, _) in zip(spans, prev.heads)) else None
                    starts = self._gutters([a for a, _ in spans], [b for _, b in spans], lines[k + h:], held=held)
                    # a heading found off its column's text on one page is so on each (a page of few lines under the
                    # repeat may show it no more)
                    loose = prev.loose | (frozenset() if lost else self._loose(clusters, starts, lines[k + h:],
                                                                               self.settings))
                    best = (len(prev.fields), Columns(prev.fields, starts + [prev.edges[-1]], loose, spans), group)
                    depths = []
            most = 0  # cells of the shallower headings: a heading's wrapped lines keep within its cells
            for depth in depths:
                if depth > 1 and (_opens_record(near[depth - 1]) or _bulleted(near[depth - 1]) or _decision_under(
                        near[depth - 1], [w for l2 in near[:depth - 1] for w in l2.words])):
                    break  # a line opening with a ref ('S30 Cells designed ...') is the first body row, not header;
                    # so is one with a list's bullet in a cell (no heading has one), or a decision under a heading
                group = [w for l2 in near[:depth] for w in l2.words]
                cells_here = len(self._head_clusters(group))
                if cells_here < most:
                    break  # a line that bridges two headings' cells (a section name, a body row) is below the header
                most = max(most, cells_here)
                # columns named by what lies below them find the plan's header; once it is known, a header again is
                # one that repeats it (above) or names fields in words: body lines atop a page read as a plan too
                found = self._columns_from_words(group, ln.words, lines[k + depth:] if prev is None
                                                 else (), len(prev.fields) if prev is not None else None,
                                                 lines[k + depth:])
                cells = [text_of(c) for c in self._clusters(group)] if found and prev is not None else []
                if any(_body_cell(t) or REF_LABEL.match(t) or _ref_opens(t) for t in cells):
                    found = None  # a body row: a decision ('agreed'), a ref's label or a ref opening a cell ('Concern
                    # 4 Leaders should ...' over 'In response, ...' and 'Support Lead'), not a heading
                named = len([f for f in found.fields if f in FIELDS]) if found else 0
                if found and (best is None or named > best[0] or _unfinished(best[2]) and (
                        named == best[0] or not _unfinished(group))):
                    best = (named, found, group)  # as deep as a heading cut off mid-phrase ('Decision and') needs
            cols, group = (best[1], best[2]) if best else (None, [])
            if not cols and prev is not None and len({prev.field_at(w["x0"]) for w in ln.words} - {None}) >= 2 and (
                    not _repeat_depth(lines, k + 1, self.head_lines, self.head_next)):
                break  # the plan's rows have begun on this page: a header comes before them, not among them (a line
                # right above the header repeated, a title across the table, is no row)
            if cols:
                last = max(w["bottom"] for w in group)
                if not self.head_lines:
                    self.head_lines = [l2.text for l2 in lines[k:] if l2.top <= last]
                    self.head_above = lines[k - 1].text if k else ""
                    self.head_next = [(l2.text, l2.top - ln.top)
                                      for l2 in lines[k + len(self.head_lines):k + len(self.head_lines) + 3]]
                # (typed by the plan's lines, not the summary's below it: 'Accepted 4' under a column the plan leaves
                # blank, a section column where the plan names no sections, reads as a column of decisions)
                cols = self._keep_fields(self._typed(cols, _above_summary([l2 for l2 in lines[k:] if l2.top > last])))
                self.scan.columns = cols
                if self.scan.first_table_top is None:
                    self.scan.first_table_top = (pageno, ln.top)
                last = max(w["bottom"] for w in group if cols.field_at(w["x0"]))
                # (askew, a scanned header's far end sits lower: the first body line's box may reach up into it)
                reach = self.settings.touch_overlap if self.scanned else 0.0
                held = {id(w) for w in group}
                body_from = next((j for j in range(k, len(lines)) if lines[j].top > last - reach * lines[j].height
                                  and not any(id(w) in held for w in lines[j].words)), len(lines))
                if h and k and prev is not None and not _same_line_text(lines[k - 1].text, self.head_above):
                    # the header again below the page's top, under no title printed with it wherever it is (over the
                    # first too): a table begun there, and the lines above it are the table above's (a record's rest
                    # carried over the page) and the new table's heading
                    body_from = 0
                headed = True
                break
        cols = self.scan.columns
        if cols is None:
            return False
        if not headed:
            cols = self.scan.columns = self._page_gutters(cols, lines[body_from:])
        # A table begun again below the page's top (one table per section, each opening with its own copy of the
        # header): the lines that repeat the header are that table's header, no row's; the rows start afresh below
        # them (`gates`: the top of each such header). Not the line right under the page's own header: read askew
        # through OCR, the body's first line may reach up into the header's and be taken for one of its lines.
        gates, again = [], set()
        j = body_from + 1 if headed and body_from else body_from
        while j < len(lines):
            h = _repeat_depth(lines, j, self.head_lines, self.head_next)
            if h:
                gates.append(lines[j].top)
                again.update(range(j, j + h))
            j += h or 1
        body = []
        foot = float("inf")  # where the summary counts table below the plan begins: its rules are none of the plan's
        for j, ln in enumerate(lines[body_from:], body_from):
            if j in again:
                continue
            if _summary_at(lines, j) and ln.x0 < cols.edges[1]:
                # the summary counts table below the plan (from its left edge; a response's wrapped word, no)
                foot = ln.top - self.settings.summary_border * ln.height
                break
            by: dict[str, list[dict]] = {}
            for w in ln.words:
                name = cols.field_at(w["x0"])
                if name:
                    by.setdefault(name, []).append(w)
            if self.scanned and self._grain_beside_text(by, body):
                del by["ref"]
            if by:
                body.append((ln, by))
        if self.scanned:
            body = self._grain_over_refs(body)
        pending: dict[str, list[dict]] = {}
        section: list[dict] = []
        top = None
        reach = self._reaches(cols, body)
        # a line runs on past the text column where its last word ends past the column's edge and past where the
        # next column's cells begin on the page (`_reaches`)
        # (the text column counted from the first field's: a section column may stand left of it)
        lead = _lead(cols)
        right_of_text = reach[1 + lead] if len(reach) > 1 + lead else cols.edges[min(2 + lead, len(cols.edges) - 1)]
        cuts = self._cuts([r for r in rules if r[0] < foot], cols, body, self.settings.action_rule_share,
                          self.settings.snap_tolerance)
        lifted = self._lift_centred(body, cuts)
        body = self._reflect_refs(body, cols, cuts) if lifted is body else lifted
        if "ref" not in cols.fields and "text" in cols.fields:
            self._refs_in_text(body, cols)
        # No refs printed at all: a record starts where its decision is printed, level with the first line of its
        # recommendation (as well as at any rule between rows: shading on section rows draws rules too).
        by_decision = bool(body) and "ref" not in cols.fields and not any("ref" in by for _, by in body)
        opens = [by_decision and self._decision_opens(body, k) for k in range(len(body))]
        first = next((k for k, o in enumerate(opens) if o), None)
        if first is not None and self._decision_carried(body, first):
            opens[first] = False  # 'Agreed' on the page finishes the 'Partly' at the foot of the page before
        # the page opens a record on its first line, by its ref or its decision
        first_opens = bool(body) and (opens[0] or "ref" in body[0][1] and bool(REF.match(text_of(body[0][1]["ref"]))))
        if first_opens and self.current is not None and pageno not in self.current.pages:
            self._section_at_foot()
        if any(opens):  # a short line alone in the text column just above a record, after the text above it ended
            last_text: list[dict] = []
            right = _text_right(cols, body, self.settings)
            hanging = _hanging([by.get("text", []) for _, by in body])
            for k, (ln, by) in enumerate(body[:-1]):
                text = text_of(by.get("text", []))
                gap = k == 0 or ln.top - body[k - 1][0].bottom > 0.8 * (ln.bottom - ln.top)
                # a long heading only where blank space parts it from a finished sentence above it in the text
                # column (the column blank above it on this page: the sentence ended the record's text on the page
                # before), as `_refs_in_text` reads one above a ref
                before = last_text or (self.current.cells.get("text", []) if self.current is not None else [])
                most = self.settings.section_words_ended if (gap or not last_text) and not text.endswith(",") and (
                    text_of(before).rstrip().endswith(".")) else self.settings.section_words
                if set(by) == {"text"} and len(by["text"]) <= most and opens[k + 1] and (
                        not text.endswith(".") and not _bullet_start(to_lines(by["text"])[0])) and (
                        gap or _text_ended(last_text, by["text"], right, hanging)):
                    by["ref"] = by.pop("text")
                elif text:
                    last_text = by["text"]
        first_band, prev_bottom, full, fresh = True, None, True, False
        prev_top = None
        opened = False  # a line below the last rule crossed opened a record
        for k, (ln, by) in enumerate(body):
            if prev_top is not None and any(prev_top < g <= ln.top for g in gates):
                # a table's header again above this line: the table above ends (its section row and its last row),
                # and the table's rows start again below it as atop a page (the header's own rules are none of theirs)
                if section:
                    self._section_row(pageno, cols, section)
                    section = []
                if pending:
                    self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], ln.top), False,
                              page_top=first_band and not fresh, full=full)
                    pending, top = {}, None
                first_band, full, opened, prev_bottom = True, True, False, None
            prev_top = ln.top
            # a rule between the actions of a merged record (not crossing the first columns) may pass through a line
            # of the merged recommendation text: it is crossed where the words right of that text begin below it
            beside = [w["top"] for name, ws in by.items() if name not in ("ref", "text") for w in ws]
            crossed = [f for c, f in cuts if prev_bottom is not None and prev_bottom - 1 <= c <= (
                ln.top if f or not beside else min(beside)) + 1]
            if crossed:
                if section:  # a rule closes a section row, and the row being read
                    self._row(pageno, {"text": section}, (cols.edges[0], section[0]["top"], cols.edges[-1],
                                                          section[-1]["bottom"]), True)
                    section = []
                if pending:
                    self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], ln.top), False,
                              page_top=first_band, full=full)
                    pending, top = {}, None
                first_band, full, opened = False, any(crossed), False
            prev_bottom = ln.bottom
            ref_words = by.get("ref", [])
            ref_text = text_of(without_marks(ref_words))
            # (or a ref OCR could not read, standing where refs do beside a row's text: `ocr.sequence_refs`)
            starts = bool(ref_words) and (REF.match(ref_text) is not None or ref_words[0].get("ref_slot", False))
            # a ref wrapped over two lines or three: "Priority" + "concern 1", "Key" + "concern" + "3" (the next lines
            # with words in the ref column, as `_ref_spans` reads them: a line of the other columns read apart, an
            # owner set between two of the ref's lines, leaves the ref column empty and parts no ref)
            after = [b["ref"] for _, b in body[k + 1:k + 4] if "ref" in b] + [[], []]
            nxt, nxt2 = after[0], after[1]
            wrapped_ref = bool(ref_words) and (REF.match(text_of(without_marks(ref_words + nxt))) is not None or (
                REF_LABEL.match(ref_text) is not None and REF.match(text_of(without_marks(ref_words + nxt + nxt2)))
                is not None))
            # a ref's label at the foot of the page ('Recommendation' / 'Priority concern'), its number overleaf
            # ('Key' / 'concern' over two lines: the label's lines to the page's foot, read together)
            at_foot = bool(ref_words) and REF_LABEL.match(text_of(without_marks(
                ref_words + [w for _, b in body[k + 1:] for w in b.get("ref", [])]))) is not None
            wrapped_ref = wrapped_ref or at_foot
            held = pending.get("ref", [])
            continues_ref = bool(ref_words) and bool(held) and REF.match(text_of(without_marks(held))) is None and (
                REF.match(text_of(without_marks(held + ref_words))) is not None or REF_LABEL.match(
                    text_of(without_marks(held + ref_words))))
            # A section row, told by structure, not by its name: a line with nothing in the decision, response,
            # owner or date columns that begins in the ref column (where only refs begin) without being or
            # continuing one, or that runs on past the text column; and the lines of a section wrapped below it.
            is_section = not starts and not wrapped_ref and not continues_ref and (set(by) <= {"ref", "text"} and (
                bool(ref_words) and not CROSS_REF.match(ref_text)
                or ln.words[-1]["x1"] > right_of_text
                or set(by) == {"ref"} and bool(section)) or not set(by) & {"owner", "date"}
                and self._runs_across(ln, cols, reach))
            if is_section:
                if pending:
                    self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], ln.top), False,
                              page_top=first_band and not fresh, full=full)
                    pending, top = {}, None
                section.extend(ln.words)
                continue
            if section:
                self._section_row(pageno, cols, section)
                section = []
            held_whole = bool(held) and REF.match(text_of(without_marks(held))) is not None
            # Below a rule across the table, the lines read so far in the band are the top of this row's cells: a
            # ref or a decision centred down its cell opens the record the band holds, not a new one (unless the
            # band has one already: where the plan prints no refs, its decisions open records).
            band_top = not first_band and full and not opened and "ref" not in pending and (
                "decision" not in pending or "ref" in cols.fields)
            if opens[k] and set(pending) - {"ref"} and not band_top:  # what came before (a record, or the end of
                self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], ln.top), False,  # one above) ends
                          page_top=first_band and not fresh)
                pending, top = {}, ln.top
            if opens[k]:
                fresh = True  # this row opens a record: it continues nothing on the page above
            if starts and not continues_ref or wrapped_ref and (not held or held_whole):
                if not (pending and band_top):
                    if pending:
                        self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], ln.top), False,
                                  page_top=first_band, full=full)
                    pending, top = {}, ln.top
            opened = opened or opens[k] or starts or wrapped_ref
            if top is None:
                top = ln.top
            for name, ws in by.items():
                pending.setdefault(name, []).extend(ws)
        if section:
            self._section_row(pageno, cols, section)
        if pending:
            self._row(pageno, pending, (cols.edges[0], top, cols.edges[-1], lines[-1].bottom), False,
                      page_top=first_band and not fresh, full=full)
        return True

    def _section_row(self, pageno: int, cols: Columns, words: list[dict]) -> None:
        """A section row of `words` across the table (`_row`'s wide row)."""
        self._row(pageno, {"text": words}, (cols.edges[0], words[0]["top"], cols.edges[-1], words[-1]["bottom"]), True)

    def _grain_over_refs(self, body: list) -> list:
        """A scanned page's body without the grain OCR read as a word alone on its line of the ref column flush
        above a ref's first line ('oe' over 'Priority' / 'concern' / '1', where the page shows nothing): a word of
        at most `speck_letters` letters, no digit or capital, no slot `ocr.sequence_refs` marked. `_unspecked` drops
        it from the ref's cell; left in the body, it stands between the ref and its row's top as a ref column's
        words would (a section's, another ref's), and parts a ref centred down its cell from the text above it."""
        refs = [k for k, (_ln, by) in enumerate(body) if "ref" in by]
        out = list(body)
        for k, nxt in zip(refs, refs[1:]):
            ln, by = body[k]
            ws = by["ref"]
            below = text_of(without_marks(body[nxt][1]["ref"]))
            t = ws[0]["text"]
            if len(ws) != 1 or len(t) > self.settings.speck_letters or ws[0].get("ref_slot") or not (
                    t.isalpha() and t.islower()):
                continue
            if not (REF.match(below) or REF_LABEL.match(below)) or body[nxt][0].top - ln.bottom > 0.5 * ln.height:
                continue
            rest = {name: v for name, v in by.items() if name != "ref"}
            out[k] = (ln, rest)
        return [(ln, by) for ln, by in out if by]

    def _grain_beside_text(self, by: dict[str, list[dict]], body: list) -> bool:
        """Are a scanned line's words in the ref column grain OCR read as letters ('cee' beside 'should:', where the
        page shows nothing)? They read as no ref, label or cross-reference, hold no capital and no digit (a ref, a
        label and a section's name do), and stand a column's gap left of text-column words that run on from the text
        column's line above with no blank space: a cell's running text, beside which no section row can stand (one
        would part that text from its row), and the ref column's words of a section row would be taken for one.
        Words running on a ref cell's line above them with no blank space ('Key' / 'cern', 'concern' misread) are
        the ref's."""
        ref, text = by.get("ref"), by.get("text")
        if not ref or not text or set(by) != {"ref", "text"}:
            return False
        t = text_of(ref)
        if REF.match(t) or REF_LABEL.match(t) or CROSS_REF.match(t) or any(c.isupper() or c.isdigit() for c in t):
            return False
        h = text[0]["bottom"] - text[0]["top"]
        if text[0]["x0"] - ref[-1]["x1"] < self.settings.word_space * h:
            return False  # an ordinary space: one run across the column's edge
        def flush(name: str) -> bool:  # the column's nearest line above ends less than half a line above
            above = next((b[name] for _ln, b in reversed(body) if name in b), None)
            return above is not None and text[0]["top"] - max(w["bottom"] for w in above) <= 0.5 * h
        return flush("text") and not flush("ref")

    @staticmethod
    def _reaches(cols: Columns, body: list) -> list[float]:
        """How far a cell's line may run past each inner column edge on the page: to where the next column's cells
        begin on it. An edge found midway across the gutter of another page may stand left of a ragged line that
        ends further right on this one ('... under the Mental' 7 pt past it, the response's text 14 pt further on)."""
        return [max(e, min((w["x0"] for _ln, by in body for w in by.get(f, [])), default=e))
                for e, f in zip(cols.edges[1:-1], cols.fields[1:])]

    def _runs_across(self, ln, cols: Columns, reach: list[float] | None = None) -> bool:
        """Does the line run across a column edge with an ordinary space there (a section name or a title
        spanning the table), rather than stopping at the edge as cells do? A space is measured against the two
        words' own height: a line may hold words of two lines that overlap (a ref centred between a cell's lines).
        `reach`: how far past each edge a cell's line may end on the page (`_reaches`): a word ending short of
        where the next column's cells begin crosses no edge."""
        edges = cols.edges[1:-1]
        ends = reach or edges
        pairs = list(zip(ln.words, ln.words[1:]))
        # (a word may end a hair past the edge: 'Living conditions' + 'and violence reduction', a space apart)
        return any(w["x0"] < e - 2 and w["x1"] > r + 2 for w in ln.words for e, r in zip(edges, ends)) or any(
            a["x0"] < e - 2 and e <= b["x0"] + 2
            and b["x0"] - a["x1"] < self.settings.word_space * min(a["bottom"] - a["top"], b["bottom"] - b["top"])
            for a, b in pairs for e in edges)

    def _section_at_foot(self) -> None:
        """The page opens a record on its first line: a short line alone in the text column at the foot of the page
        before, below everything else of the record there and after blank space in that column, was a section row
        ('Respect'), not more of the record's text (on one page, the line below it says so: `_unruled`)."""
        row = self.current
        text = row.cells.get("text", [])
        if not text:
            return
        page = text[-1]["page"]
        lines = to_lines([w for w in text if w["page"] == page])
        tail = lines[-1]
        others = [w for k, ws in row.cells.items() if k != "text" for w in ws if w["page"] == page]
        # blank space above it in the text column: the line above, or the text's end on an earlier page, is far up
        spaced = tail.top - lines[-2].bottom > 0.8 * tail.height if len(lines) > 1 else (
            len(text) > len(tail.words) and any(w["bottom"] < tail.top for w in others))
        if not spaced or len(tail.words) > self.settings.section_words or SENTENCE_END.search(tail.text) or (
                _bullet_start(tail)) or any(w["bottom"] > tail.top + 1 for w in others):
            return
        ids = {id(w) for w in tail.words}
        row.cells["text"] = [w for w in text if id(w) not in ids]
        cols = self.scan.columns
        self._row(page, {"text": tail.words}, (cols.edges[0], tail.top, cols.edges[-1], tail.bottom), True)

    @staticmethod
    def _lift_centred(body: list, cuts: list[tuple[float, bool]]) -> list:
        """Refs centred down their cells, moved to the top of their row. Where rules across the table bound each
        record, a band between two of them is one row; a ref typed at the row's top sits on the band's first
        line, one centred down its cell lower. Once a band bounded on both sides shows its one ref below its
        first line, every band's one ref (its ref cell's words, a wrapped ref's lines too) moves up to its first
        line, where the rows are read from. A band holding two refs or more shows the rules bound something else
        (shaded section rows, say): nothing is moved here, and the refs are reflected instead (`_reflect_refs`). So
        does a ref level with its text's first line, lines above it in its band: typed at its row's top."""
        full = [c for c, f in cuts if f]
        if len(full) < 2 or not body:
            return body
        bands: dict[int, list[int]] = {}
        for k, (ln, _by) in enumerate(body):
            bands.setdefault(bisect.bisect(full, (ln.top + ln.bottom) / 2), []).append(k)
        if any(len(_ref_spans([body[k] for k in ks])) > 1 for ks in bands.values()):
            return body
        lifts = {}
        for b, ks in bands.items():
            refs = [k for k in ks if "ref" in body[k][1]]
            # A ref level with its recommendation's first line, the text running on below it, with lines above it in
            # the band, is typed at its row's top (a ref centred down its cell would be centred on its text too, or
            # lie below a text begun at the band's top): the lines above are another row (a record carried over the
            # page, below the header's shading), so the band is no one row and the rules bound something else.
            texts = [k for k in ks if "text" in body[k][1]]
            if refs and refs[0] != ks[0] and texts and texts[0] == refs[0] and texts[-1] > refs[-1]:
                return body
            if refs and refs[0] != ks[0] and "ref" not in body[ks[0]][1] and REF.match(
                    text_of([w for k in refs for w in body[k][1]["ref"]])):
                lifts[b] = (ks[0], refs)
        if not any(0 < b < len(full) for b in lifts):
            return body
        for first, refs in lifts.values():
            body[first][1]["ref"] = [w for k in refs for w in body[k][1].pop("ref")]
        return [(ln, by) for ln, by in body if by]

    def _reflect_refs(self, body: list, cols: Columns, cuts: list[tuple[float, bool]] = ()) -> list:
        """Refs centred down the rows of a table with no rules between its records, moved to the top of their row. A
        centred ref sits midway between its row's top and its bottom, which is the next row's top (or, where blank space
        parts the rows, where the row's ink ends, a blank line short of it); a row's top is a line where its
        recommendation's text begins (after blank space in that column, or beside a response that does; not the page's
        first line where a cell runs on a sentence the page before left open, and below a line across the table, as atop
        the page). Each ref's row starts at the line of these nearest where the row above ends, its top reflected
        through its ref; the first ref of a page (or below a section row), at the one whose reflection lands nearest a
        row's top above the next ref (or the foot of the page's table), and of tops that land about as near, at the one
        whose chain of rows below then misses least. On the page's last row, a ref level with where both its row's text
        and response begin is at its row's top: a row broken across pages prints it there, not centred (above other
        rows, it may be level with a record's first action, one row per action). Refs are centred once a record shows
        it: the plan's first (nothing comes before it) with its text and response begun on a line above its ref, no
        ref-column words or line across the table between them; or any ref with no recommendation text beside it, the
        text of its row begun above. A section row (in the ref column, across the table, or a short line alone in the
        text column with a row's top flush below it) ends the row above it, and the chain starts again below it; so does
        a rule across the table (the first column too: one between the actions of a merged record leaves that column
        open): a centred ref's cell starts no higher than the last such rule above it. Where the plan prints no refs,
        its decisions (in a column of their own) open its records, and are moved the same way."""
        # atop the page, the first line of the record carried over from the page before, where a cell runs on a
        # sentence that page left open, starts no row
        carried = self.current.cells if self.current is not None else {}
        run_on = next((j for j, (_ln, by) in enumerate(body) if "text" in by or "response" in by), None)
        if run_on is not None and not any(_runs_on(carried.get(name, []), body[run_on][1][name])
                                          for name in ("text", "response") if name in body[run_on][1]):
            run_on = None

        reach = self._reaches(cols, body)
        across = [self._runs_across(ln, cols, reach) for ln, _by in body]  # section rows and titles across the table

        def above(j: int, name: str) -> list[dict] | None:
            """Column `name`'s words on the nearest line above line j that holds any; None atop the page or below a
            line across the table (a section row's words in the column are none of its cells')."""
            return next((None if across[i] else body[i][1][name] for i in range(j - 1, -1, -1)
                         if name in body[i][1] or across[i]), None)

        def blank(j: int, top: float, bottom: float) -> bool:  # blank space (over half line j's height) parts them
            return top - bottom > 0.5 * (body[j][0].bottom - body[j][0].top)

        def opens(j: int, name: str) -> bool:
            """Column `name` starts after blank space on line j, or atop the page or below a line across the table."""
            ws, over = body[j][1].get(name), above(j, name)
            return bool(ws) and j != run_on and (over is None or blank(j, ws[0]["top"], max(
                w["bottom"] for w in over)))

        # what opens a record: its ref, or where the plan prints none, its decision (in a column of its own)
        key = "ref" if "ref" in cols.fields else "decision"
        if key not in cols.fields:
            return body

        # A section row typed in the text column: a short line alone there ('Resettlement'), after blank space in
        # that column, no sentence or bullet, with a row's top below it (its text running on from it, or begun after
        # blank space where rows are spaced apart, and its response begun there). Cells are typed from their row's
        # top, so a row's text and response begin on one line: the short line above is a row of its own, which ends
        # the row above it as a line across the table does (a row above reflected onto it would take it for the top
        # of the row below).
        for j in range(len(body) - 1):
            by, below = body[j][1], body[j + 1][1]
            if set(by) == {"text"} and len(by["text"]) <= self.settings.section_words and opens(j, "text") and (
                    not SENTENCE_END.search(text_of(by["text"]).rstrip())) and not _bullet_start(
                    to_lines(by["text"])[0]) and "text" in below and opens(j + 1, "response"):
                across[j] = True
        refs = _ref_spans(body, key, opens)
        if key == "decision" and refs and self._decision_carried(body, refs[0][0]):
            refs = refs[1:]  # the tail of a decision broken across pages opens no row
        if not refs:
            return body

        firsts = {a for a, _ in refs}

        def opens_text(j: int) -> bool:  # a row can start here: its text begins, or its response after space
            ln, by = body[j]
            if "text" not in by or key in by and j not in firsts or across[j]:
                return False
            return opens(j, "text") or opens(j, "response") or heads(j)

        def heads(j: int) -> bool:
            """A decision alone on a line of the response column heads its response cell: a row starts there though
            no blank space parts it from the row above (rows set flush, with no rules between them). So it does
            when capitalised ('Accepted') or below a finished sentence in the column ('... framework.' above
            'rejected'); a sentence's wrapped tail ('... will be' above 'agreed.') heads nothing."""
            ws = body[j][1].get("response")
            t = text_of(ws) if ws else ""
            if not t or DECISION_ONLY.match(t) is None:
                return False
            over = above(j, "response")
            return t.lstrip()[:1].isupper() or over is None or text_of(over).rstrip().endswith((".", "!", "?"))

        lows = [0] + [b + 1 for _a, b in refs]  # where each ref's row may start: below the ref before it
        first_record = self.current is None and not self.scan.rows

        def top_at(j: int) -> bool:  # a row's top: its text and its response begin there
            return opens(j, "text") and opens(j, "response")
        def item(j: int) -> bool:  # the response begins an item on line j (a bullet), blank space above it or not
            ws = body[j][1].get("response")
            return bool(ws) and _bullet_start(to_lines(ws)[0])

        # a ref typed at its row's top is level with where its text or its response begins (the one of them that
        # ended higher in the row above, at least; rows set flush show it by the response's first item): a ref
        # level with neither, below a line where both begin, is not
        lone = [(a, b, lo) for (a, b), lo in zip(refs, lows)
                if not (opens(a, "text") or opens(a, "response") or item(a))]
        if not self.refs_centred and not first_record and all("text" in body[a][1] for a, _b in refs) and not lone:
            return body  # nothing here can show centred refs (below): rows start at refs as ever
        starts = [j for j in range(len(body)) if opens_text(j)]

        def centred_with_decision(a: int, b: int) -> bool:
            """The ref on lines a..b and the decision beside it (a column of its own, its lines down to blank
            space) are of different heights and share their middle: both cells centred down their row (rows set
            flush, where no blank space shows the row's top). Typed at the row's top, they would share their top."""
            near = [j for j in range(a, b + 1) if "decision" in body[j][1]]
            if key != "ref" or not near:
                return False

            def on(j: int) -> bool:  # a line of the decision's, not another ref's: words in its column, no space
                return key not in body[j][1] or a <= j <= b

            lo = hi = near[0]  # the decision's lines, over those between them that hold none (the ref's own)
            up = [j for j in range(lo - 1, -1, -1) if "decision" in body[j][1] or not on(j)]
            for j in up:
                if not on(j) or opens(lo, "decision"):
                    break
                lo = j
            down = [j for j in range(hi + 1, len(body)) if "decision" in body[j][1] or not on(j)]
            for j in down:
                if not on(j) or opens(j, "decision"):
                    break
                hi = j
            ref = [w for j in range(a, b + 1) for w in body[j][1].get(key, [])]  # a label's lines and its number
            dec = [w for j in range(lo, hi + 1) for w in body[j][1].get("decision", [])]
            tol = self.settings.centred_share * (ref[0]["bottom"] - ref[0]["top"])  # its words' own height
            top_r, top_d = min(w["top"] for w in ref), min(w["top"] for w in dec)
            mid_r = (top_r + max(w["bottom"] for w in ref)) / 2
            mid_d = (top_d + max(w["bottom"] for w in dec)) / 2
            return abs(mid_r - mid_d) <= tol < abs(top_r - top_d)
        def level(a: int) -> bool:
            """Is the ref on line a level with a line of the recommendation beside it (their tops within
            `settings.ref_level_share` of the ref's height)? A line read with the ref may hold text half a line off."""
            ref = body[a][1][key]
            top, tol = min(w["top"] for w in ref), self.settings.ref_level_share * (ref[0]["bottom"] - ref[0]["top"])
            return any(abs(w["top"] - top) <= tol for w in body[a][1].get("text", []))
        # a section row (words in the ref column that are no ref, or a line across the table) ends the row above
        # it: a chain of rows starts again below it, as atop a page
        in_refs = {j for a, b in refs for j in range(a, b + 1)}
        breaks = [j for j in range(len(body)) if key in body[j][1] and j not in in_refs or across[j]]

        # rules across the table (the first column too) bound its rows: each rule's first line below it
        share = self.settings.rule_share
        fences = sorted({next((j for j in range(len(body)) if body[j][0].top + share * (
            body[j][0].bottom - body[j][0].top) >= c), len(body)) for c, full in cuts if full})

        def bounds(i: int) -> tuple[list[int], int, bool]:
            """Where ref i's row may start (lines where a row can, from below the ref or section row above it, or
            the rule across the table above it, down to the ref), the first line it may start at, and whether the
            row above it ends where it starts."""
            a = refs[i][0]
            lo = refs[i - 1][1] + 1 if i else 0
            cut = max((j for j in breaks if lo <= j < a), default=None)
            lo = lo if cut is None else cut + 1
            fence = max((j for j in fences if lo < j <= a), default=None)
            if fence is not None:
                lo, cut = fence, fence
            # level with where its row's text and response begin, the page's last row is typed at its row's top: a
            # row broken across pages prints its ref there. A row with rows below it on the page is whole, and its
            # ref centred: one row per action begins a record's first action there too (the ref and decision
            # centred down cells merged over the actions), below the record's top
            if top_at(a) and i == len(refs) - 1 and not any(j > refs[i][1] for j in breaks):
                return [a], lo, bool(i) and cut is None
            return [j for j in starts if lo <= j <= a], lo, bool(i) and cut is None

        def typed_top(i: int) -> bool:
            """Ref i is typed at its row's top, not centred down its cell: it opens its chain of rows (atop the page's
            table, below a section row or a rule across the table: nothing above it can be its row's top), level with
            its recommendation's first line where its response begins too, and its text runs on flush below the ref's
            last line, another ref below it on the page (its row ends on the page). A ref centred down its cell and at
            its row's top would end at the row's foot; the text running on below it shows the row does not."""
            a, b = refs[i]
            return (i + 1 < len(refs) and bounds(i)[1] == a and top_at(a) and level(a) and b + 1 < len(body)
                    and "text" in body[b + 1][1] and key not in body[b + 1][1] and not across[b + 1]
                    and not opens(b + 1, "text"))
        if not self.refs_centred:
            first = refs[0][0]
            self.refs_centred = (  # the plan's first record: its row's top (text and response begin) above its ref
                first_record and any(
                    top_at(j) and not any(key in body[i][1] or across[i] for i in range(j, first))
                    for j in range(first))
                # or a ref level with no line of the recommendation beside it (none there, or the ref between two of
                # its lines: a cell of an even number of lines centres it half a line off them), the text of its row
                # begun above it (a ref typed at its row's top is level with the recommendation's first line)
                or any(not level(a) and any(lo <= j < a for j in starts) for (a, _b), lo in zip(refs, lows))
                # or a ref level with neither its text's start nor its response's, below a row's top (a plan's first
                # record may be broken across pages, which prints its ref at the top), or beside a decision of
                # another height centred on the same middle
                or any(any(top_at(j) for j in range(lo, a)) or centred_with_decision(a, b) for a, b, lo in lone)
            ) and not any(typed_top(i) for i in range(len(refs)))  # a ref the page shows typed at its row's top
        if not self.refs_centred:
            return body

        def mid(a: int, b: int) -> float:  # the middle of the ref's own words (its line may hold taller ones)
            ws = [w for j in (a, b) for w in body[j][1][key]]
            return (min(w["top"] for w in ws) + max(w["bottom"] for w in ws)) / 2

        # Where the row above line j ends: line j's top, where rows are set flush; where blank space parts line j
        # from every line above it (rows spaced apart: a cell's padding below its row's ink and above the next
        # row's), also where the ink above ends, its lowest line's bottom. A top reflected through its centred ref
        # lands there (the padding under the row's ink mirrors the padding over it), a blank line short of the
        # next row's top: one row per action parts every action so, and a record's first action, its top where
        # its text and response begin, is then as near a reflection as the record's top.
        ink = [body[0][0].top] + list(itertools.accumulate((ln.bottom for ln, _by in body[:-1]), max))

        def miss(j: int, aim: float) -> float:  # how far a row's end reflected to `aim` lands from where line j's
            off = abs(body[j][0].top - aim)    # row above ends
            return min(off, abs(ink[j] - aim)) if j and blank(j, body[j][0].top, ink[j]) else off

        def landing(lo: int, hi: int, aim: float) -> list[int]:  # lines of text from lo to hi whose top is at `aim`
            return [j for j in range(lo, hi + 1) if "text" in body[j][1] and abs(body[j][0].top - aim) < (
                self.settings.reflect_land * (body[j][0].bottom - body[j][0].top))]

        def follow(i: int, top: int, sure: bool = True) -> tuple[list[int], float]:
            """The tops of ref i's row (at line `top`; not `sure`: the ref's own line, where nothing showed the
            row's top) and of the rows chained below it, each starting where the one above ends (its top reflected
            through its ref), and how far (points) those ends missed a line where a row can start. Where no cell
            shows a row's top within `settings.reflect_miss` lines of where a sure row above ends (rows set flush;
            blank space in a cell, as above a list in the recommendation, opens a column mid-row), a line of text
            there is the row's top; an end reflected from a top that was only guessed moves no top a cell shows."""
            tops, missed = [top], 0.0
            for n in range(i + 1, len(refs)):
                cands, lo, chained = bounds(n)
                if not chained:
                    break
                a = refs[n][0]
                aim = 2 * mid(*refs[n - 1]) - body[tops[-1]][0].top
                height = body[a][0].bottom - body[a][0].top
                if not cands or sure and min(miss(j, aim) for j in cands) > self.settings.reflect_miss * height:
                    cands = landing(lo, a, aim) or cands
                    sure = bool(cands)
                    cands = cands or [a]
                tops.append(min(cands, key=lambda j: miss(j, aim)))
                missed += miss(tops[-1], aim)
            return tops, missed

        # The first row of each chain (atop the page, or below a section row) starts where its top, reflected
        # through its ref, lands nearest a row's top below it (or the chain's end); of the tops that do, the one
        # whose chain of rows below then misses least (a blank line in a cell can start a row's text too).
        tops: list[int] = []
        while len(tops) < len(refs):
            i = len(tops)
            a, b = refs[i]
            cands, lo, _chained = bounds(i)
            stop = min([j for j in breaks if j > b] + [len(body)])  # the chain's end: a section row or the page's
            later = refs[i + 1][0] if i + 1 < len(refs) and refs[i + 1][0] < stop else None
            if later is None and stop < len(body):  # the row ends at a section row: a line of text whose top reflects
                # onto the row's last line may be its top, where no cell shows one (rows set flush)
                cands = cands + [j for j in landing(lo, a, 2 * mid(a, b) - body[stop - 1][0].bottom) if j not in cands]
            if not cands:
                tops += follow(i, a, sure=False)[0]
                continue
            ends = [j for j in starts if later is not None and b < j <= later]
            tried = []
            for j in cands:
                chain, missed = follow(i, j)
                aim = 2 * mid(a, b) - body[j][0].top
                end = min(miss(e, aim) for e in ends) if ends else abs(body[stop - 1][0].bottom - aim)
                tried.append((end + missed, j, chain))
            best = min(tried, key=lambda t: t[:2])
            # the page's last row, no top of which reflects onto the page's foot: it runs on over the page, and a
            # ref level with a line where a row can start is typed at its top there
            height = body[a][0].bottom - body[a][0].top
            if later is None and stop == len(body) and a in starts and best[0] > self.settings.reflect_miss * height:
                best = (0.0, a, follow(i, a)[0])
            tops += best[2]
        for (a, b), top in zip(refs, tops):
            if top < a:
                words = [w for j in range(a, b + 1) for w in body[j][1].pop(key, [])]
                body[top][1][key] = words + body[top][1].get(key, [])
        return [(ln, by) for ln, by in body if by]

    @staticmethod
    def _decision_opens(body: list, k: int) -> bool:
        """Does body line k open a record of a plan that prints no refs? Yes where a decision starts level with
        recommendation text: in the decision column, or heading the response cell ('NOT AGREED')."""
        ln, by = body[k]
        if "text" not in by:
            return False
        if "decision" in by:
            return k == 0 or "decision" not in body[k - 1][1]
        return "response" in by and DECISION_ONLY.match(text_of(by["response"])) is not None

    def _refs_in_text(self, body: list, cols: Columns) -> None:
        """A plan with no ref column prints 'Concern 1' on a line of its own atop the text: such a line is the
        row's ref. A short line alone in the text column, after blank space and just above such a ref, is a
        section row. Both are moved to the ref column, where the row and section rules look for them."""
        for k, (_ln, by) in enumerate(body):
            if "text" in by and REF.match(number := text_of(by["text"])):
                by["ref"] = by.pop("text")
                # its label wrapped on the line above ('Concern' / '1' in a narrow column) is the ref's too
                label = body[k - 1][1] if k else {}
                held = text_of(label.get("text", []))
                if held and REF_LABEL.match(held) and REF.match(f"{held} {number}"):
                    label["ref"] = label.pop("text")
        right = _text_right(cols, body, self.settings)
        hanging = _hanging([by.get("text", []) for _, by in body])
        left = min((w["x0"] for _, by in body for w in by.get("text", [])), default=0.0)
        for k, (ln, by) in enumerate(body[:-1]):
            gap = k == 0 or ln.top - body[k - 1][0].bottom > 0.8 * (ln.bottom - ln.top)
            # (atop a page, a line set in from the column's edge is a list item's wrapped line: '  disparity found')
            if k == 0 and "text" in by and by["text"][0]["x0"] - left > 0.5 * (ln.bottom - ln.top):
                continue
            # or no gap, but the text above was finished: a sentence ended, or a list item's indented line above a
            # line at the column's edge, and this one is a heading (no closing punctuation of its own)
            # A text column empty above it on this page, while other columns are not, was finished too: a cell's
            # text run on from the page before starts atop the page, level with the rest of its row.
            above = next((b["text"] for _, b in reversed(body[:k]) if b.get("text")), [])  # the text column's last
            ended = "text" in by and _text_ended(above, by["text"], right, hanging) and not text_of(
                by["text"]).rstrip().endswith((".", ","))
            # a long heading only where blank space parts it from a finished sentence above it in the text column
            # (the column blank above it on this page: the sentence ended the record's text on the page before)
            before = above or (self.current.cells.get("text", []) if self.current is not None else [])
            most = self.settings.section_words_ended if (gap or not above) and ended and text_of(
                before).rstrip().endswith(".") else self.settings.section_words
            # (atop the page, a line running on the sentence the record's text left open on the page before is
            # more of that text: 'foreign national prisoners are not' / 'disadvantaged.')
            if set(by) == {"text"} and len(by["text"]) <= most and (gap or ended) and (
                    "ref" in body[k + 1][1]) and not _bullet_start(to_lines(by["text"])[0]) and (
                    above or not _runs_on(before, by["text"])):  # a list item: no heading
                by["ref"] = by.pop("text")

    def _rule_under(self, rules, top: float, words: list[dict]) -> bool:
        """Do the rules at height `top` (pieces within `snap_tolerance` of it: Word draws a border cell by cell)
        run under the middle of every one of `words`?"""
        tol = self.settings.snap_tolerance
        pieces = [(x0, x1) for t, x0, x1 in rules if abs(t - top) <= tol]
        return all(any(x0 - tol <= (w["x0"] + w["x1"]) / 2 <= x1 + tol for x0, x1 in pieces) for w in words)

    @staticmethod
    def _cuts(rules, cols: Columns, body, share: float = 1.0, touch: float = DEFAULT.snap_tolerance
              ) -> list[tuple[float, bool]]:
        """Heights of the horizontal rules that cross most of the table: segments at one height (Word
        draws each cell's border apart) joined, then kept when they span half the table's width, or `share` of each
        column an action fills (response, owner, date: a rule between the actions of a merged record crosses those
        only, and they may be the narrower half of the table); and whether each crosses the first column too (a rule
        between records, not between actions of a merged one). Segments that meet (within `touch`) are one rule
        there: a shaded row's edge is drawn cell by cell, its first cell's ending at the column's boundary, short
        of where the next column's words begin."""
        if not rules or not body:
            return []
        left = cols.edges[0]
        right = max(w["x1"] for ln, _ in body for w in ln.words)
        acting = [(a, min(b, right)) for name, a, b in zip(cols.fields, cols.edges, cols.edges[1:])
                  if name in ("response", "owner", "date") and min(b, right) > a]
        spans: dict[float, list[tuple[float, float]]] = {}
        for top, x0, x1 in rules:
            key = next((k for k in spans if abs(k - top) <= 1.0), top)
            spans.setdefault(key, []).append((x0, x1))

        def covered(segs: list[tuple[float, float]], a: float, b: float) -> float:
            done, reach = 0.0, a
            for x0, x1 in sorted(segs):
                x0, x1 = max(x0, reach), min(x1, b)
                if x1 > x0:
                    done += x1 - x0
                    reach = x1
            return done

        def joined(segs: list[tuple[float, float]]) -> list[tuple[float, float]]:
            out: list[tuple[float, float]] = []
            for x0, x1 in sorted(segs):
                if out and x0 <= out[-1][1] + touch:
                    out[-1] = (out[-1][0], max(out[-1][1], x1))
                else:
                    out.append((x0, x1))
            return out

        # (the first field's column: a section column left of it is ruled beside each action's row too)
        lead = _lead(cols)
        first = cols.edges[1 + lead] if len(cols.edges) > 1 + lead else right
        out = []
        for top, segs in spans.items():
            if covered(segs, left, right) >= 0.5 * (right - left) or acting and all(
                    covered(segs, a, b) >= share * (b - a) for a, b in acting):
                full = any(x0 <= left + 4 and x1 >= min(first, right) - 4 for x0, x1 in joined(segs))
                out.append((top, full))
        return sorted(out)

    @staticmethod
    def _clusters(words: list[dict]) -> list[list[dict]]:
        """A header row's words grouped into its cells: words whose x-ranges overlap or nearly touch."""
        clusters: list[list[dict]] = []
        reach = 0.0  # the right edge of the last cluster's words
        for w in sorted(words, key=lambda w: w["x0"]):
            if clusters and w["x0"] <= reach + 6:
                clusters[-1].append(w)
                reach = max(reach, w["x1"])
            else:
                clusters.append([w])
                reach = w["x1"]
        return clusters

    @staticmethod
    def _head_clusters(words: list[dict]) -> list[list[dict]]:
        """A header's words grouped into its cells (`_clusters`), a heading's number standing apart from its words
        joined to them: a justified heading spreads its first line across its cell ('4.      Response      Action'
        over 'Taken/Planned'), and a header that numbers its headings opens each cell with its number, so a number
        alone ('4.') followed by a cell that opens with none, where two other cells open with theirs, opens that
        cell's heading. (A rule or shading boxing the header joins such a line with the lines under it; a scan
        may lose both.) So does such a cell after a heading that opens with its number and words, set apart by one of
        the spaces of that heading's justified line (`_justified_gap`: '2.  What  the  inspectors' over 'found',
        the word under its number joining it to the number's cell): a column's edge leaves the cells' padding."""
        def opening(c: list[dict]) -> dict:
            return min(c, key=lambda w: (round(w["top"]), w["x0"]))
        clusters = TableScanner._clusters(TableScanner._without_labels(words))
        numbered = [NUMBERED.fullmatch(opening(c)["text"]) is not None for c in clusters]
        out: list[list[dict]] = []
        for j, c in enumerate(clusters):
            number = opening(out[-1]) if out else None
            if number is not None and (NUMBERED.fullmatch(number["text"]) is None or len(out[-1]) > 1 and (
                    not TableScanner._justified_gap(out[-1], c))):
                number = None
            if number is not None and not numbered[j] and sum(numbered) >= 3 and (  # on the line the cell opens
                    abs(number["top"] - min(w["top"] for w in c)) < 0.5 * (number["bottom"] - number["top"])):
                out[-1] = out[-1] + c
            else:
                out.append(c)
        return out

    @staticmethod
    def _without_labels(words: list[dict], settings: Settings = DEFAULT) -> list[dict]:
        """A header's words less its labels over several columns ('HMPPS response' over 'Action', 'Owner' and
        'Date'; a title across the table): a run of words on one of its lines (`chunks`: a scan may space a line's
        words wider than `header_gap`) over two cells or more of the lines below it (their runs, those one above
        another joined); or one that no line below it continues (starting or centred where it does: a wrapped
        heading's next line, within `heading_align`) whose nearest cell to the left starts below it: that cell is a
        heading under the label (centred over the headings, typed at their cells' left). A heading's line keeps
        within its own cell, and the headings of a row start on its first line (or all below it, centred down the
        row); a label over cells names none of them (the headings under it do), and read as a cell it would join
        theirs (as near to them as `header_gap`, it joins them all the same)."""
        gap, tol = settings.header_gap, settings.heading_align
        lines = to_lines(words)
        drop = {id(w) for w in words if w.get("label")}  # shown a label by the header's grid (`_two_row_header`)
        for i, ln in enumerate(lines[:-1]):
            cells: list[tuple[float, float]] = []  # the lower lines' runs, those one above another joined
            for a, b in sorted((c[0]["x0"], max(w["x1"] for w in c)) for l2 in lines[i + 1:] for c in chunks(l2)):
                cells[-1:] = [(cells[-1][0], max(b, cells[-1][1]))] if cells and a <= cells[-1][1] else [
                    *cells[-1:], (a, b)]
            for run in chunks(replace(ln, words=[w for w in ln.words if id(w) not in drop])):
                x0, x1 = run[0]["x0"], max(w["x1"] for w in run)
                over = [(a, b) for a, b in cells if a < x1 + gap and b > x0 - gap]
                if len(over) < 2:
                    if any(min(abs(a - x0), abs(a + b - x0 - x1) / 2) <= tol for a, b in over):
                        continue  # the heading wraps onto the line below
                    mine = {id(w) for w in run}
                    left = max((c for c in TableScanner._clusters([w for w in words if id(w) not in mine])
                                if min(w["x0"] for w in c) <= x0), key=lambda c: min(w["x0"] for w in c), default=None)
                    if left is None or min(w["top"] for w in left) <= ln.bottom - 1:
                        continue
                drop.update(id(w) for w in run)
        return [w for w in words if id(w) not in drop] if drop else words

    def _columns_from_words(self, words: list[dict], first: list[dict] | None = None, below=(),
                            expect: int | None = None, body=()) -> Columns | None:
        """Columns from a header row's words (wrapped cells' words overlap in x). `first`: the words of the
        row's first line, which must lie in two cells or more (a title above the table lies in one). `below`: the
        lines under it, read when no heading names enough fields; `expect`: the column count of the plan's header
        when one was found on an earlier page; `body`: the lines under it on the page, whose gutters place the
        edges (`_gutter_edges`)."""
        if len(words) < 3:
            return None
        clusters = TableScanner._merge_crossed(TableScanner._head_clusters(words), body)
        # (a label over several cells, left out of them, is one cell of the line: a title alone on it is no header)
        if first is not None and sum(any(w in c for w in first) for c in clusters) + (
                not all(any(w in c for c in clusters) for w in first)) < 2:
            return None
        texts = [reflow(to_lines(c)) for c in clusters]  # a heading broken mid-word mended
        if _reads_as_ref(texts) or any(len(t.split()) > 10 for t in texts):
            return None  # a cell of running text, or a ref: body lines, not a header
        names = match_header(texts)
        # Headings nobody listed: read the columns below. Once the plan's header is known (`expect` columns), only
        # a row of as many cells may be its header again: body lines can read as a plan's columns too.
        edges = TableScanner._gutter_edges(clusters, body) + [10_000.0]
        if not names and below and len(clusters) >= 4 and expect in (None, len(clusters)):
            names = content_header(texts, self._column_samples(edges, below))
        if not names:
            return None
        # a heading no pattern knows is still a column: `type_columns`
        return Columns([name or f"col{j}" for j, name in enumerate(names)], edges,
                       TableScanner._loose(clusters, edges, body), TableScanner._spans(clusters),
                       guessed(texts, names))

    @staticmethod
    def _loose(clusters: list[list[dict]], edges: list[float], body=(), settings: Settings = DEFAULT
               ) -> frozenset[int]:
        """Columns whose edge is not where their text starts: the body's gutter moved it off its heading, or the
        heading's lines start at different places (centred over the column, not typed at its left), or the heading
        is one line centred over cells centred under it (`_centred`: `body`, the lines below the header)."""
        out = set()
        for j, c in enumerate(clusters):
            starts: dict[float, float] = {}
            for w in c:
                key = next((t for t in starts if abs(t - w["top"]) < 2), w["top"])
                starts[key] = min(starts.get(key, w["x0"]), w["x0"])
            if edges[j] != min(w["x0"] for w in c) or max(starts.values()) - min(starts.values()) > 2:
                out.add(j)
        return frozenset(out | TableScanner._centred(clusters, edges, body, settings))

    @staticmethod
    def _centred(clusters: list[list[dict]], edges: list[float], body, settings: Settings = DEFAULT) -> set[int]:
        """Columns whose cells' lines below the header (`body`) are centred under a heading centred over them: they
        start at different places, none at the column's edge (the heading's start, where no body text starts left
        of it) unless they end at different places too (a cell wider than the heading), and every one shares the
        heading's middle (`centred_share` of its height). A heading of one line typed at its column's left starts
        where its cells' text does; centred, it starts right of the cell's border by half of what it leaves of the
        column's width, and the column before wraps short of that."""
        lines = _above_summary(list(body))
        if not lines:
            return set()
        spans = TableScanner._spans(clusters)
        runs = [r for ln in lines for r in TableScanner._clusters(ln.words)]  # each line's cells' text
        out = set()
        for j, (a, b) in enumerate(spans):
            after = spans[j - 1][1] if j else float("-inf")  # a run of the column: between its neighbours' headings
            before = spans[j + 1][0] if j + 1 < len(spans) else float("inf")
            mine = [r for r in runs if after < r[0]["x0"] and r[-1]["x1"] < before]
            if len(mine) < settings.centred_lines:
                continue
            starts, ends = [r[0]["x0"] for r in mine], [r[-1]["x1"] for r in mine]
            off = [abs((r[0]["x0"] + r[-1]["x1"] - a - b) / 2) / (r[0]["bottom"] - r[0]["top"]) for r in mine]
            # a cell wider than the heading starts left of it, at the edge or past it: its ends move too, as far as
            # its starts ('May-21' .. 'Jul-21' under 'Target'), where lines typed from the left keep their starts
            off_edge = min(starts) > edges[j] + 2 or max(ends) - min(ends) > 2
            if off_edge and max(starts) - min(starts) > 2 and max(off) <= settings.centred_share:
                out.add(j)
        return out

    @staticmethod
    def _merge_crossed(clusters: list[list[dict]], body) -> list[list[dict]]:
        """Header cells split by a gap the body's lines cross are one cell: a justified heading spreads its words
        across its cell ('Agreed/        Not' over 'Agreed and action'), but every column edge has a gutter down
        the body that no cell's line crosses (the cells' margins), except rows running across the table.
        Crossed: every point of the gap lies under words of at least three lines, and of a third of the lines
        with words near it; or of three, where the gap is one of a justified heading's spaces (`_justified_gap`)."""
        if len(clusters) < 2 or not body:
            return clusters
        lines = _above_summary(body)
        out = [clusters[0]]
        for c in clusters[1:]:
            a, b = max(w["x1"] for w in out[-1]), min(w["x0"] for w in c)
            spans = [sp for sp in ([(w["x0"], w["x1"]) for w in ln.words if w["x1"] > a and w["x0"] < b]
                                   for ln in lines) if sp]
            if len(spans) < 3:
                out.append(c)
                continue
            need = max(3, sum(1 for ln in lines if any(w["x1"] > a - 20 and w["x0"] < b + 20 for w in ln.words)) / 3)
            if TableScanner._justified_gap(out[-1], c):
                need = 3
            cuts = sorted({a, b} | {x for sp in spans for iv in sp for x in iv if a < x < b})
            if all(sum(any(u <= (x0 + x1) / 2 <= v for u, v in sp) for sp in spans) >= need
                   for x0, x1 in zip(cuts, cuts[1:])):
                out[-1] = out[-1] + c
            else:
                out.append(c)
        return out

    @staticmethod
    def _justified_gap(left: list[dict], right: list[dict], slack: float = 1.0) -> bool:
        """Are the `right` cell's words the end of lines the `left` cell's words begin, set apart by the spaces of a
        justified line: each of its lines' words on a line of `left` whose own spaces (two words or more before the
        gap) are as wide as the gap, within `slack` points? Justifying spreads one line's spaces evenly; a column's
        edge leaves the cells' padding, whatever the words' spaces."""
        def line_of(w: dict) -> list[dict]:
            return sorted((v for v in left if abs(v["top"] - w["top"]) < 0.5 * (w["bottom"] - w["top"])),
                          key=lambda v: v["x0"])
        for w in right:
            before = line_of(w)
            if len(before) < 2:
                return False
            spaces = [b["x0"] - a["x1"] for a, b in zip(before, before[1:])]
            gap = min(v["x0"] for v in right if abs(v["top"] - w["top"]) < 0.5 * (
                w["bottom"] - w["top"])) - before[-1]["x1"]
            if max(abs(sp - gap) for sp in spaces) > slack:
                return False
        return True

    def _lost_headings(self, clusters: list[list[dict]], cols: Columns) -> tuple[tuple[float, float], ...] | None:
        """The headings' extents of a header repeated on a scanned page with fewer cells than the first (`cols`),
        OCR having read no word of some: each cell it shows lies within one of the first header's columns, no two in
        one, and starts where that one's heading did, moved as the others moved (the page's own skew, within a few
        points); a heading lost is given the first header's extent, moved as much. None where the cells are no
        such copy."""
        if len(cols.heads) != len(cols.fields) or not clusters:
            return None
        at: list[int] = []
        for c in clusters:
            x0, x1 = min(w["x0"] for w in c), max(w["x1"] for w in c)
            j = next((i for i, (a, b) in enumerate(zip(cols.edges, cols.edges[1:])) if a - 2 <= x0 < b - 2), None)
            if j is None or x1 > cols.edges[j + 1] + 2 or at and j <= at[-1]:
                return None
            at.append(j)
        moved = [min(w["x0"] for w in c) - cols.heads[j][0] for c, j in zip(clusters, at)]
        shift = sorted(moved)[len(moved) // 2]
        if max(abs(m - shift) for m in moved) > self.settings.same_grid:
            return None
        spans = dict(zip(at, TableScanner._spans(clusters)))
        return tuple(spans.get(j, (a + shift, b + shift)) for j, (a, b) in enumerate(cols.heads))

    @staticmethod
    def _within_columns(clusters: list[list[dict]], cols: Columns) -> list[list[dict]]:
        """A repeated header's cells, split where the first header's were not (a justified heading spreads its
        first line's words across its cell, past the end of its last line: '2. Area      for' over 'improvement'),
        joined again where they lie within one of the first header's columns: a header repeated on a later page is
        a copy of the first. Unchanged unless every column of the first header then holds exactly one cell."""
        out: list[list[dict]] = []
        at: list[int] = []
        for c in clusters:
            x0, x1 = min(w["x0"] for w in c), max(w["x1"] for w in c)
            j = next((i for i, (a, b) in enumerate(zip(cols.edges, cols.edges[1:])) if a - 2 <= x0 < b - 2), None)
            if j is None or x1 > cols.edges[j + 1] + 2:
                return clusters  # a cell outside the first header's columns, or across an edge: not a copy
            if at and at[-1] == j:
                out[-1] = out[-1] + c
            else:
                out.append(c)
                at.append(j)
        return out if at == list(range(len(cols.fields))) else clusters

    @staticmethod
    def _gutter_edges(clusters: list[list[dict]], body) -> list[float]:
        """The left edge of each column whose header cells are `clusters`, from the lines of the table below
        them (`body`, down to a summary table). A heading typed at its cell's left starts where the column's text
        does, and its start is the edge. A heading centred over its column starts right of the column's longest
        lines, and text left aligned under it starts left of it: where the body has words starting left of a
        heading (past the end of the heading before it), the edge is the middle of the gutter between the two
        columns, the strip of the gap that the fewest lines cross. The first column reaches left to the table's
        leftmost word."""
        spans = TableScanner._spans(clusters)
        return TableScanner._gutters([a for a, _ in spans], [b for _, b in spans], body)

    @staticmethod
    def _page_gutters(cols: Columns, lines) -> Columns:
        """The columns on a page that does not print the header: its own lines find the gutters between the
        headings' extents, as the header's page did (`_gutter_edges`). A cell centred in a narrow column under a
        centred heading starts left of the heading where it is wider than any the header's page held ('November'
        under 'By when'): that page saw no gutter there, and the heading's start stood as the edge. An edge moves
        only where this page's cells start left of it, and only left: the table's edges hold on every page."""
        if len(cols.heads) != len(cols.fields):
            return cols
        refit = TableScanner._gutters([a for a, _ in cols.heads], [b for _, b in cols.heads], lines, cols.edges)
        edges = [min(e, r) for e, r in zip(cols.edges, refit)] + cols.edges[len(refit):]
        return cols if edges == cols.edges else replace(cols, edges=edges)

    @staticmethod
    def _spans(clusters: list[list[dict]]) -> tuple[tuple[float, float], ...]:
        return tuple((min(w["x0"] for w in c), max(w["x1"] for w in c)) for c in clusters)

    @staticmethod
    def _gutters(starts: list[float], ends: list[float], body, edges: list[float] | None = None,
                 held: list[float] | None = None) -> list[float]:
        """`_gutter_edges` from the headings' x-extents; `edges`: the edges in force, an edge looked for only where
        a cell's text starts left of it (else the heading's start, or `edges`' own, stands). `held`: the edges an
        earlier page found under the same header: one in the gap stands where this page's lines cross it no more
        than the strip found (a page of few lines may leave a strip inside a column uncrossed, the stretched spaces
        of justified lines one above the other, that is no gutter)."""
        lines = _above_summary(body)
        edges = list(starts) if edges is None else list(edges[:len(starts)])
        if not lines:
            return edges
        runs = [TableScanner._clusters(ln.words) for ln in lines]  # each line's runs of words: its cells' text
        for i in range(1, len(starts)):
            a, b = ends[i - 1], starts[i]
            if not any(a < r[0]["x0"] < min(b, edges[i]) - 2 for rs in runs for r in rs):
                continue  # no cell's text starts in the gap: the heading's start is its column's
            # a line running across the whole gap in one run of words (a section row, a title) crosses every strip
            spans = [[(max(w["x0"], a), min(w["x1"], b)) for w in ln.words if w["x1"] > a and w["x0"] < b]
                     for ln, rs in zip(lines, runs) if not any(r[0]["x0"] <= a and r[-1]["x1"] >= b for r in rs)]
            if not any(x0 < b - 2 for sp in spans for x0, _ in sp):
                continue
            cuts = sorted({a, b} | {x for sp in spans for iv in sp for x in iv})
            best, run = None, None  # (crossings, -width, start, end) of the least crossed strip
            for x0, x1 in zip(cuts, cuts[1:]):
                mid = (x0 + x1) / 2
                n = sum(any(u <= mid <= v for u, v in sp) for sp in spans)
                run = (n, run[1], x1) if run and run[0] == n and run[2] == x0 else (n, x0, x1)
                key = (run[0], run[1] - run[2])
                if best is None or key < best[0]:
                    best = (key, run[1], run[2])
            g0, g1 = best[1], best[2]
            if held and a < held[i] <= b and sum(any(u <= held[i] - 1 <= v for u, v in sp) for sp in spans) <= (
                    best[0][0]):
                edges[i] = held[i]  # the edge found before is crossed no more than the strip: it stands
                continue
            if g1 < min(b, edges[i]) - 2:
                edges[i] = (g0 + g1) / 2
        left = min((ln.words[0]["x0"] for ln in lines if ln.words[0]["x0"] < edges[min(1, len(edges) - 1)]),
                   default=edges[0])
        edges[0] = min(edges[0], left)
        return edges

    def _typed(self, cols: Columns, lines) -> Columns:
        """The columns of a header without rules, their fields confirmed by the body lines below it."""
        names = [_kept(f) for f in cols.fields]
        typed = type_columns(names, self._column_samples(cols.edges, lines), self.settings)
        return replace(cols, fields=[n or f"col{j}" for j, n in enumerate(typed)],
                       guessed=cols.guessed | frozenset(j for j, (a, b) in enumerate(zip(names, typed)) if a != b))

    def _column_samples(self, edges: list[float], lines) -> list[list[list[str]]]:
        """Each column's cells below a header (lists of lines; a line with no blank space above it joins the
        cell above: 'To be' / 'confirmed'), leaving out lines with a word across a column edge, and a cell of one
        line the page's foot cuts short."""
        samples: list[list[list[str]]] = [[] for _ in edges[:-1]]
        ends: dict[int, float] = {}  # per column, the bottom of its last line
        inner = edges[1:-1]
        for ln in lines:
            if any(w["x0"] < e - 2 < w["x1"] - 2 for w in ln.words for e in inner):
                continue  # a word across a column edge: a section row or a title, not a cell
            by: dict[int, list[dict]] = {}
            for w in ln.words:
                j = next((j for j, (a, b) in enumerate(zip(edges, edges[1:])) if a - 2 <= w["x0"] < b - 2), None)
                if j is not None:
                    by.setdefault(j, []).append(w)
            for j, ws in by.items():
                text, top, bottom = " ".join(w["text"] for w in ws), ws[0]["top"], max(w["bottom"] for w in ws)
                last = ends.get(j)
                if last is not None and top - last < self.settings.blank_line * (bottom - top):
                    samples[j][-1].append(text)  # the line below with no blank space: the same cell
                else:
                    samples[j].append([text])
                ends[j] = bottom
        # a cell of one line at the foot of the lines read is cut short by the page ('Concern 2', the rest of its
        # record overleaf): it says no more of what its column holds than its first line, so it is left out
        foot = max(ends.values(), default=0.0)
        for j, cells in enumerate(samples):
            if len(cells) > 1 and len(cells[-1]) == 1 and ends[j] >= foot - 1:
                cells.pop()
        return samples

    # -- rows ------------------------------------------------------------------------------
    def _row(self, pageno: int, cells: dict[str, list[dict]], bbox: tuple, wide: bool,
             page_top: bool = True, full: bool = True) -> None:
        """One table row as read. `wide`: a single cell spanning the table (a section row). `page_top`: the
        row may continue the record above (a ruled table's first row on a page, or any row of a table
        without rules); a later ruled row with an empty ref continues only a record whose ref cell is merged
        down beside it. `full`: the rule above the row crosses the first column too (between records)."""
        self.scan.raw_rows += 1
        if not any(cells.values()):
            return
        for ws in cells.values():  # a table row's cells end its paragraphs: `cells.paragraphs` splits there
            for w in ws:
                w["band"] = self.scan.raw_rows
        if self.scan.columns is not None and "ref" not in self.scan.columns.fields:
            cells = self._ref_from_text(cells)  # layouts with no ref column: 'Concern 1' opens the text
        if self.scanned and cells.get("ref"):
            cells = self._unspecked(cells)
        ref_text = text_of(without_marks(cells.get("ref", [])))
        unread = bool(cells.get("ref")) and cells["ref"][0].get("ref_slot", False)  # a ref OCR could not read
        filled = {k for k, v in cells.items() if v} - {SECTION}  # (the section column's words ride with the row)
        current = self.current
        # (the label's marks aside: OCR reads a speck beside it, 'Priority .' / 'concern', and a rule between the
        # record's actions may part the label from its number, '1', on the line below)
        held = text_of(without_marks(current.words("ref"))) if current is not None else ""
        if current is not None and ref_text and REF_LABEL.match(held) and (
                REF.match(f"{held} {ref_text}") or REF_LABEL.match(f"{held} {ref_text}")):
            # the rest of a ref whose label ended the page above: 'Priority concern' + '1'; the label itself may
            # break there too, its number on the line below ('Key' / 'concern' / '7')
            ref_text = ""
        # A section row: one cell across the table; or a name alone where a record cannot be (in the ref
        # column without being a ref, or the only text before any record, or, in a ruled table, a row of its
        # own below a record that fills nothing but the text column).
        section = wide or (not ref_text and filled <= {"text"} and (current is None or not page_top)) or (
            ref_text and not REF.match(ref_text) and not REF_LABEL.match(ref_text) and filled <= {"ref"} and not unread)
        if section:
            self._flush()  # (first: the record above may name its section in a column of its own)
            self.section = text_of([w for v in cells.values() for w in v]) or self.section
            self.scan.sections.append((pageno, bbox, self.section))
            return
        # A plan that prints no refs at all: a row of its own (below a rule) that fills the recommendation
        # column and another is a new record, its ref left empty (and warned about); atop a page, only when it
        # prints a decision of its own (a row continued from the page above does not repeat one).
        unnumbered = not ref_text and "text" in filled and len(filled) > 1 and not self.refs_seen and full and (
            current is None or not page_top or self._decides(cells) and self._decides(current.cells)
            and not self._decision_wraps(current.cells, cells)
        ) and self.scan.columns is not None and "ref" not in self.scan.columns.fields
        # Read through OCR, a ref may go unread whole, or be misread past reading as one ('Key' / 'ncern' / 'c90'
        # for 'Key concern 9'): a row of its own below a rule across the table (the ref column too), in a plan of
        # refs, that prints its text and a decision of its own below a record that printed one, is a record, its
        # ref left to the count (`_count_lost_refs`), not more of the record above, nor text to drop
        misread = bool(ref_text) and not (REF.match(ref_text) or REF_LABEL.match(ref_text) or REF_LEAD.match(ref_text))
        lost = self.scanned and (misread or not ref_text and not text_of(cells.get("ref", []))) and full and (
            not page_top) and self.refs_seen and current is not None and "text" in filled and self._decides(
            cells) and self._decides(current.cells) and not self._decision_wraps(current.cells, cells)
        unread = unread or lost
        if not ref_text and current is not None and not unnumbered and not unread:
            why = "continued on a new page" if pageno not in current.pages else (
                "ref label completed" if text_of(cells.get("ref", [])) else "merged ref cell")
            self.scan.joins.append((pageno, bbox, why))
            for k, ws in cells.items():
                current.cells.setdefault(k, []).extend(ws)
            if pageno not in current.pages:
                current.pages.append(pageno)
            current.continued += 1
            return
        if not ref_text and not unnumbered and not unread:
            return  # text before the first recommendation that is not a section row
        if ref_text and not REF.match(ref_text) and not REF_LABEL.match(ref_text) and not unread:
            m = REF_LEAD.match(ref_text)  # a ref run into the text in the same cell
            if not m:
                return
        self.refs_seen = self.refs_seen or bool(ref_text)
        self._flush()
        self.current = Row(cells, self.section, [pageno], bbox, lost_ref=lost)

    def _unspecked(self, cells: dict[str, list[dict]]) -> dict[str, list[dict]]:
        """A scanned row's ref cell without the grain OCR read as a word on a line of its own above or below the ref
        (`speck_letters`): only where the cell's text is no ref with it and is one without it."""
        words = without_marks(cells["ref"])
        if not words or REF.match(text := text_of(words)) or REF_LABEL.match(text) or REF_LEAD.match(text):
            return cells
        lines = to_lines(words)

        def speck(ln) -> bool:
            return len(ln.words) == 1 and len(t := ln.words[0]["text"]) <= self.settings.speck_letters and not any(
                c.isdigit() for c in t)
        a, b = 0, len(lines)
        while a < b and speck(lines[a]):
            a += 1
        while b > a and speck(lines[b - 1]):
            b -= 1
        if (a, b) == (0, len(lines)) or a == b or not REF.match(text_of([w for ln in lines[a:b] for w in ln.words])):
            return cells
        gone = {id(ln.words[0]) for ln in lines[:a] + lines[b:]}
        return {**cells, "ref": [w for w in cells["ref"] if id(w) not in gone]}

    @staticmethod
    def _decides(cells: dict[str, list[dict]]) -> bool:
        """Does a row print a decision: in the decision column, or alone on the first line of its response?"""
        if cells.get("decision"):
            return True
        response = cells.get("response", [])
        first = [w for w in response if w.get("page") == response[0].get("page")  # a record's cells run over pages
                 and abs(w["top"] - response[0]["top"]) < 2] if response else []
        return bool(first) and DECISION_ONLY.match(text_of(first)) is not None

    def _type_placeholders(self) -> None:
        """A column its heading did not name is typed by its cells over the whole plan: one whose cells were empty
        (or too few to read) where the header was found ('5.' over a date column whose first page's owners and
        dates are blank), and one typed by those few cells alone (`Columns.guessed`: dates under '5. Due by' read as
        owners where the header's page held one wrapped date and a row of refusals). Only such columns are named
        again, each with a field no column named by its heading holds, and never two with one field."""
        cols = self.scan.columns
        if cols is None or not self.scan.rows or (all(f in FIELDS for f in cols.fields) and not cols.guessed):
            return
        samples = [[[ln.text for ln in to_lines(row.cells[f])] for row in self.scan.rows if row.cells.get(f)]
                   for f in cols.fields]
        free = [j for j, f in enumerate(cols.fields) if _kept(f) is None or j in cols.guessed]
        typed = type_columns([_kept(f) for f in cols.fields], samples, self.settings)
        names = list(cols.fields)
        for j in free:
            if typed[j] in FIELDS:
                names[j] = typed[j]
        held = [names[j] for j in range(len(names)) if j not in free]
        again = [names[j] for j in free if names[j] in FIELDS]
        names = [cols.fields[j] if j in free and (names[j] in held or again.count(names[j]) > 1)
                 else names[j] for j in range(len(names))]
        if len({n for n in names if n in FIELDS}) < sum(n in FIELDS for n in names):
            return  # the whole plan's cells name no column afresh that a kept name does not already hold
        moved = {old: new for old, new in zip(cols.fields, names) if old != new}
        for row in self.scan.rows:  # all at once: two guessed columns may trade names
            taken = {old: row.cells.pop(old) for old in moved if old in row.cells}
            for old, ws in taken.items():
                row.cells[moved[old]] = ws
        self.scan.columns = replace(cols, fields=names)

    def _count_across_sections(self) -> None:
        """Refs OCR could not read (`ocr.sequence_refs` marks them `ref_slot`: 'BE' for 3.7) between two clean
        dotted refs of different sections whose numbers count on across sections (2.6 ... 3.8), as many as the
        numbers missing between: each takes its number in order, and its section from the section row it stands
        under, where that is the row's of one of the two clean refs and not the other's ('Purposeful activity' over
        'BE' and 3.8, below 2.6's 'Respect'). Without section rows to tell them, the count says nothing of the
        section, and they are left as read."""
        rows = self.scan.rows
        dotted = [(i, m) for i, row in enumerate(rows)
                  if (m := re.fullmatch(r"(\d{1,3})\.(\d{1,3})", text_of(without_marks(row.words("ref")))))]
        for (i, lo), (j, hi) in zip(dotted, dotted[1:]):
            between = rows[i + 1:j]
            a, b = (int(lo.group(1)), int(lo.group(2))), (int(hi.group(1)), int(hi.group(2)))
            if not between or a[0] >= b[0] or b[1] - a[1] - 1 != len(between) or not all(
                    len(ws := without_marks(row.words("ref"))) == 1 and ws[0].get("ref_slot") for row in between):
                continue
            width = len(hi.group(2)) if hi.group(2).startswith("0") else 1  # '5.01': zero-padded
            for n, row in enumerate(between, a[1] + 1):
                under = rows[i].section if row.section == rows[i].section != rows[j].section else (
                    rows[j].section if row.section == rows[j].section != rows[i].section else None)
                if under is not None:
                    section = a[0] if under == rows[i].section else b[0]
                    without_marks(row.words("ref"))[0]["text"] = f"{section}.{n:0{width}d}"

    def _count_lost_refs(self) -> None:
        """Records whose ref OCR read nothing of (`Row.lost_ref`) between two records whose refs count in one
        style ('8' ... '10', 'Key concern 8' ... 'Key concern 10'), as many as the numbers missing between: each
        takes its number in order, written where its ref cell begins. Else the ref is left empty (and warned of)."""
        rows = self.scan.rows
        counted = [(i, m) for i, row in enumerate(rows) if not row.lost_ref
                   and (m := re.fullmatch(r"(.*?)(\d{1,3})", text_of(without_marks(row.words("ref")))))]
        for (i, lo), (j, hi) in zip(counted, counted[1:]):
            between = rows[i + 1:j]
            if not between or lo.group(1) != hi.group(1) or not all(row.lost_ref for row in between) or (
                    int(hi.group(2)) - int(lo.group(2)) - 1 != len(between)):
                continue
            for n, row in enumerate(between, int(lo.group(2)) + 1):
                first = min((w for ws in row.cells.values() for w in ws), key=lambda w: (w["page"], w["top"]))
                text = f"{lo.group(1)}{n}"
                row.cells["ref"] = [{"text": text, "x0": row.bbox[0], "x1": row.bbox[0] + 5.0 * len(text),
                                     "top": first["top"], "bottom": first["bottom"], "page": first["page"]}]

    def _decision_carried(self, body: list, k: int) -> bool:
        """Does the decision on body line k, the page's first, finish the decision of the record carried over from
        the page before ('NOT' at that page's foot, 'AGREED' here)? A decision cell broken across pages prints its
        tail atop the next page, or centred down the rest of its cell there, below lines that run on the record's
        other cells: it opens no record."""
        cur = self.current
        return cur is not None and bool(body) and body[0][0].page not in cur.pages and not any(
            "decision" in by for _ln, by in body[:k]) and self._decision_wraps(cur.cells, body[k][1])

    @staticmethod
    def _decision_wraps(above: dict[str, list[dict]], cells: dict[str, list[dict]]) -> bool:
        """Does a row atop a page finish the decision of the record above ('Partly' at a page's foot, 'Agreed' atop
        the next), which alone is none?"""
        held, more = text_of(above.get("decision", [])), text_of(cells.get("decision", []))
        return bool(held and more) and decision_of(held) is None and decision_of(f"{held} {more}") is not None

    @staticmethod
    def _ref_from_text(cells: dict[str, list[dict]]) -> dict[str, list[dict]]:
        words = sorted(cells.get("text", []), key=lambda w: (w["page"], round(w["top"]), w["x0"]))
        for n in (3, 2, 1):
            if len(words) >= n and REF.match(" ".join(w["text"] for w in words[:n])):
                return {**cells, "ref": words[:n], "text": words[n:]}
        return cells

    def _flush(self) -> None:
        row = self.current
        if row is None:
            return
        self.current = None
        # a section column's words beside the record name its section, and the next records' till another is named
        if area := reflow(to_lines(row.cells.pop(SECTION, []))):  # (a name broken mid-word in a narrow column, mended)
            row.section = self.section = area
        ref = text_of(row.words("ref"))
        decision = text_of(row.words("decision"))
        # The plan's first row with no decision, and either a ref's label never given its number ('Rec' / 'No'
        # under '1.') or no ref and no response ('inspectors' / 'found' under '1. What the', 'Outcome' under '2.'):
        # the header's wrapped lines, read as body lines below a header found shallower.
        if not self.scan.rows and not (decision and decision_of(decision)) and (
                REF_LABEL.match(ref) or not ref and not row.words("response")):
            self.scan.joins.append((row.pages[0], row.bbox, "the header's wrapped lines"))
            return
        self.scan.rows.append(row)

    def finish(self) -> Scan:
        self._flush()
        self._type_placeholders()
        self._count_across_sections()
        self._count_lost_refs()
        # A column named only on a later page (its cells empty or unreadable before) names the cells read earlier
        # under its placeholder ('col3' -> 'date'); placeholders are numbered by position.
        cols = self.scan.columns
        if cols is not None:
            for row in self.scan.rows:
                then = self.scan.page_columns.get(row.pages[0])
                if then is None or len(then.fields) != len(cols.fields):
                    continue  # read under other columns
                for key in [k for k in row.cells if re.fullmatch(r"col\d+", k)]:
                    j = int(key[3:])
                    name = cols.fields[j] if j < len(cols.fields) else None
                    if name in FIELDS and name not in row.cells:
                        row.cells[name] = row.cells.pop(key)
        return self.scan
