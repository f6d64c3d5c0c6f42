"""Reading a PDF's pages: each page's words, the cell grids of its ruled tables and its horizontal rules.

In: a PDF path, a page range and a backend name. Out: `(page count, pages)`, each page a dict
`{"page", "width", "height", "words": [{text, x0, x1, top, bottom}], "tables": [(bbox, rows of cell bboxes)],
"rules": sorted [(top, x0, x1)]}` in pdfplumber's coordinates (points, origin at the top left of the page as
displayed). Everything after reading consumes only these dicts.

Two backends give the same pages:

- `pdfium` (the default): the characters, their boxes and fonts come from PDFium's text page, and the lines and
  rectangles from its page objects (pypdfium2, compiled), so no content stream is interpreted in Python. They are
  fed to pdfplumber's own table finder (`pdfplumber.table.TableFinder`: edges -> intersections -> cells ->
  tables) and grouped into words by pdfplumber's rules (`words_of`, checked against
  `pdfplumber.utils.text.WordExtractor` by the tests). Boxes are built as pdfminer builds them: a character spans
  its advance across and, up and down, from `descent` below the baseline to one font size above that, where
  `descent` is the font descriptor's value. PDFium does not expose that value (it substitutes metrics of its own
  when a descriptor gives 0, as LibreOffice writes), so it is read from the page's font dictionaries
  (`_Descents`, resolving only those objects).
- `pdfplumber`: pdfplumber's own reading (pdfminer interprets the content streams in Python), about ten times
  slower; the reference the first is tested against (tests/test_reader.py: the same records on every corpus PDF).

Failures become domain errors naming the file and page (`unreadable`): a password (`EncryptedPDF`) or a damaged
file (`DamagedPDF`), from either backend's exceptions.
"""

from __future__ import annotations

import ctypes
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as r
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import WordExtractor

from . import errors
from .settings import DEFAULT

log = logging.getLogger(__name__)

READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = "pdfium"
WORD_KEYS = ("text", "x0", "x1", "top", "bottom")
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}
X_TOLERANCE = Y_TOLERANCE = 3.0  # pdfplumber's word grouping defaults, as `extract_words(x_tolerance=3)`
# PDFium gives boxes in single precision: a gap pdfminer computes as exactly 3.0 (a kern of -300 at 10 pt) comes
# out a few millionths over. Gaps and steps within this much of a tolerance count as within it.
EPSILON = 1e-3


def read_pages(path: Path, first: int = 1, last: int | None = None,
               reader: str = DEFAULT_READER, drop: dict[int, list] | None = None) -> tuple[int, list[dict]]:
    """Open the PDF and read each page once (pages first..last, 1-based, all by default). Returns the
    document's page count and the pages read, each closed straight away so memory does not grow with
    page count. `drop` maps each OCR'd page to boxes (x0, top, x1, bottom) whose words are left out (`dropped`):
    words of an OCR layer that its second look read again (extract/ocr.py); on those pages a line read twice over
    loses its second reading too (`doubled_readings`)."""
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise errors.NotAPDF(path, "not a PDF (no %PDF header)")
    if reader == "pdfium":
        return _read_pdfium(path, first, last, drop or {})
    if reader == "pdfplumber":
        return _read_pdfplumber(path, first, last, drop or {})
    raise ValueError(f"unknown reader {reader!r} (one of {', '.join(READERS)})")


def unreadable(path: Path, e: BaseException, what: str, page: int | None = None) -> errors.ExtractError:
    """Classify a parser failure: a password (EncryptedPDF) or a damaged file (DamagedPDF)."""
    causes, c = [], e
    while c is not None and len(causes) < 10:
        causes.append(c)
        c = c.args[0] if isinstance(c, PdfminerException) and c.args and isinstance(c.args[0], BaseException) \
            else (c.__cause__ or c.__context__)
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(c).lower() for c in causes):
        return errors.EncryptedPDF(path, "the PDF is protected by a password", page=page)
    root = causes[-1]
    detail = " ".join(str(root).split())
    m = re.fullmatch(r"Failed to load (?:document|page) \(PDFium: (.*)\)\.?", detail)
    detail = (m.group(1) if m else detail)[:100]
    return errors.DamagedPDF(path, f"{what} ({type(root).__name__}{': ' + detail if detail else ''})", page=page)


# --------------------------------------------------------------------------------------------------
# pdfplumber's own reading: the reference.

@contextmanager
def closing_quietly(pdf):
    """Close the PDF on the way out; pdfplumber's close walks the page tree again, and on a damaged file
    that raises a second error that would replace the domain error already raised."""
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:
            pass


DROP_SHARE = 0.8  # a character of a dropped word is at least this share of its box's height
DROP_SLACK = 0.5  # points a character may stand past a dropped box (boxes are written rounded)


def dropped(boxes: list, x0, top, x1, bottom, blank=None, text=None):
    """Which characters (numpy arrays of their boxes) belong to a word in one of `boxes`: their middle within its
    width, and covering at least DROP_SHARE of its height (words written over a box, each a line of it, are
    shorter; a line below or above it overlaps it less). Not inside it: on a line OCR laid askew the characters
    are turned, and a turned character's box, upright, stands out above or below the word's box written for it.
    A blank (`blank`: which characters are; none without) goes with the word it follows: the text layer sets a
    space after each word, reaching to the next word's start, so it is dropped where it starts, not where its
    middle lies: the space after a kept word, its middle a point short of a dropped word's box after it, still
    parts the two ('End' and the 'of' written anew ran together, 'Endof'), and the word written anew brings its
    own space (`ocr.write_word`). With the characters' `text`, a word the second look copied from two readings
    woven together goes too (`woven_copies`)."""
    out = np.zeros(len(x0), dtype=bool)
    e = DROP_SLACK
    at = (x0 + x1) / 2 if blank is None else np.where(blank, x0, (x0 + x1) / 2)
    for bx0, bt, bx1, bb in boxes:
        out |= ((at >= bx0 - e) & (at <= bx1 + e)
                & (np.minimum(bottom, bb + e) - np.maximum(top, bt - e) >= DROP_SHARE * (bb - bt)))
    if text is not None:
        out |= woven_copies(boxes, text, x0, top, x1, bottom, out)
        out |= written_twice(text, x0, top, x1, bottom, out)
    return out


def written_twice(text, x0, top, x1, bottom, gone) -> np.ndarray:
    """Characters of words that read a place a second time: the second look may write a word it read in a block and
    again as the one word it read across a layer word (`ocr.read_merged`), in the same box, or read a piece of a
    layer word it left in place ('(Forw:' over '(Forward'), and pdfplumber weaves the two letter by letter
    ('HHuugghheess,,', 'MMaannaaggeerr'). A word (its characters one after another, each starting where the one before
    ends, at its height, up to a blank: PDFium may leave out the blank after a word written; none of them `gone`)
    read again lies within another's span (within DROP_SLACK), sharing at least DROP_SHARE of the shorter one's
    height, and its letters and digits, case aside, are a run of the other's: no page prints a word over another
    so, and the other read all it did. The fuller reading stays; of two alike, the first in the stream (a layer
    word's text put in the box of a word read across it, 't' in the box of 'TBC', goes too)."""
    out = np.zeros(len(x0), dtype=bool)
    if not len(x0):
        return out
    e = DROP_SLACK
    letter = np.array([not t.isspace() for t in text], dtype=bool)
    on = np.r_[False, (np.abs(x0[1:] - x1[:-1]) <= e) & (np.abs(top[1:] - top[:-1]) <= e)
               & (np.abs(bottom[1:] - bottom[:-1]) <= e)]  # a character set on from the one before it
    starts = np.flatnonzero(letter & ~(on & np.r_[False, letter[:-1]]))
    ends = np.r_[starts[1:], len(letter)]
    ends = np.array([a + np.argmin(letter[a:b]) if not letter[a:b].all() else b for a, b in zip(starts, ends)],
                    dtype=int)
    whole = np.array([not gone[a:b].any() for a, b in zip(starts, ends)], dtype=bool)
    starts, ends = starts[whole], ends[whole]
    if len(starts) < 2:
        return out
    wx0 = np.array([x0[a:b].min() for a, b in zip(starts, ends)])
    wx1 = np.array([x1[a:b].max() for a, b in zip(starts, ends)])
    wt = np.array([top[a:b].min() for a, b in zip(starts, ends)])
    wb = np.array([bottom[a:b].max() for a, b in zip(starts, ends)])
    read = ["".join(text[i] for i in range(a, b) if text[i].isalnum()).lower() for a, b in zip(starts, ends)]
    for i in range(len(starts)):
        if not read[i]:
            continue
        over = np.flatnonzero((wx0 - e <= wx0[i]) & (wx1[i] <= wx1 + e)
                              & (np.minimum(wb, wb[i]) - np.maximum(wt, wt[i])
                                 >= DROP_SHARE * np.minimum(wb - wt, wb[i] - wt[i])))
        if any(j != i and read[i] in read[j] and (len(read[i]) < len(read[j]) or j < i) for j in over.tolist()):
            out[starts[i]:ends[i] + (ends[i] < len(letter) and not letter[ends[i]])] = True  # with its blank
    return out


def woven_copies(boxes: list, text, x0, top, x1, bottom, gone) -> np.ndarray:
    """Characters of words the second look wrote as a copy of a woven word (`ocr.read_merged` keeps a layer
    word's text in the box it reads again): where OCR's layer holds two readings of one place (a line read
    alone and again inside the lines it ran together, or twice over), the word pdfplumber grouped there at OCR time wove
    both, letter by letter in order across ('Custodial' and 'ustedia)' made 'Cuusstteoddiiaa)l'), and that
    copy, written one line tall, doubles the reading of the line read alone, which `dropped` keeps (`gone`:
    which it leaves out), being one line tall too. A copy is a word in the stream (its characters one after
    another, up to a blank) starting in a dropped box whose text is the box's other characters in order
    across, some of them kept. One of the two readings of the place goes: the copy where the reading kept, its
    words whole (a box can cut one), is at least as wide as the one left out ('Custodial' over 'ustedia)',
    'june' over 'June'): it read all the ink the other did; the reading kept where it is narrower, a piece of
    the place (':' within 'practi'), and the copy stands for both: it holds the kept reading's letters, so
    nothing read is lost, only doubled. A copy of a word whose characters are all left out is the word read
    again, and stays."""
    out = np.zeros(len(x0), dtype=bool)
    if not len(x0):
        return out
    e = DROP_SLACK
    mid, middle = (x0 + x1) / 2, (top + bottom) / 2
    letter = np.array([not t.isspace() for t in text], dtype=bool)
    starts = np.flatnonzero(letter & np.r_[True, ~letter[:-1]])
    ends = np.r_[np.flatnonzero(~letter & np.r_[False, letter[:-1]]), len(letter)]
    for bx0, bt, bx1, bb in boxes:
        inside = letter & (mid >= bx0 - e) & (mid <= bx1 + e) & (middle >= bt - e) & (middle <= bb + e)
        for a in starts[inside[starts]]:
            b = ends[np.searchsorted(ends, a)]
            others = np.flatnonzero(inside)
            others = others[(others < a) | (others >= b)]
            if len(others) != b - a or gone[others].all():
                continue
            across = others[np.argsort(x0[others], kind="stable")]
            if "".join(text[i] for i in across) != "".join(text[i] for i in range(a, b)):
                continue
            alone, left = others[~gone[others]], others[gone[others]]
            words = np.concatenate([np.arange(starts[np.searchsorted(starts, i, "right") - 1],
                                              ends[np.searchsorted(ends, i)]) for i in alone])
            if not len(left) or (x1[words].max() - x0[words].min()
                                 >= x1[left].max() - x0[left].min() - e):
                out[a:b] = True
            else:
                out[alone] = True
    return out


def doubled_readings(text, x0, top, x1, bottom, size, gone, ratio: float = DEFAULT.doubled_size) -> np.ndarray:
    """Characters of an OCR'd page's second reading of a line, where Tesseract found two lines over the same ink.
    OCRmyPDF sets every word of a line it found at one font size, the line's height, so a reading of a line and a
    second, taller or shorter, line found over the same letters differ clearly in size (at least `ratio`), their
    tops within the word grouping's tolerance: one line to it, which weaves the two letter by letter in order across
    ('should' and 'ould' made 'shoouuldld', 'telephones' and 'P' 'telepPh'). A word (its characters one after
    another, each starting where the one before ends, at its height and size, up to a blank; none of them `gone`)
    doubles a place where its letters overlap a word of the other size across (by more than DROP_SLACK).
    A mark reads no place ('/', ':' alone, the '-' of 'M-'), and what `dropped` left of a word the second look read
    again in part (the '2' of '2020' beside its '020') is judged there. A reading is all the words of one top, bottom
    and size (one line as OCRmyPDF wrote it). No page prints a word over another, so at each place two readings
    double (their words there, chained by overlaps) the one that read more letters stays ('should' over 'ould',
    'telephones' over 'P') and the other's words there go. Judged place by place, not line by line: a line Tesseract
    ran over two lines of a row reads one of them in one column and the other in the next, where the line read
    alone doubles it in one column only. Where both read as many letters, both stay: nothing tells which."""
    out = np.zeros(len(x0), dtype=bool)
    if not len(x0):
        return out
    e = DROP_SLACK
    letter = np.array([not t.isspace() for t in text], dtype=bool) & ~gone
    on = np.r_[False, (np.abs(x0[1:] - x1[:-1]) <= e) & (top[1:] == top[:-1]) & (bottom[1:] == bottom[:-1])
               & (size[1:] == size[:-1])]  # a character set on from the one before it
    starts = np.flatnonzero(letter & ~(on & np.r_[False, letter[:-1]]))
    ends = np.r_[starts[1:], len(letter)]
    ends = np.array([a + np.argmin(letter[a:b]) if not letter[a:b].all() else b for a, b in zip(starts, ends)],
                    dtype=int)
    if len(starts) < 2:
        return out
    alnum = np.array([t.isalnum() for t in text], dtype=bool)
    read = np.array([alnum[a:b].sum() for a, b in zip(starts, ends)])
    fx0 = np.array([x0[a:b].min() for a, b in zip(starts, ends)])
    fx1 = np.array([x1[a:b].max() for a, b in zip(starts, ends)])
    # the span of its letters: a mark set on from a word ('M-') reads no place
    lx0 = np.array([x0[a:b][alnum[a:b]].min() if k else x0[a] for a, b, k in zip(starts, ends, read)])
    lx1 = np.array([x1[a:b][alnum[a:b]].max() if k else x1[a] for a, b, k in zip(starts, ends, read)])
    wt, wb, ws = top[starts], bottom[starts], size[starts]
    line = {}  # each word's reading: the words of one top, bottom and size
    which = np.array([line.setdefault((t, b, s), len(line)) for t, b, s in zip(wt.tolist(), wb.tolist(),
                                                                                ws.tolist())])
    n = len(letter)
    cut = np.array([(a > 0 and gone[a - 1] and on[a]) or (b < n and gone[b] and on[b]) for a, b in zip(starts, ends)],
                   dtype=bool)  # what `dropped` left of a word the second look read again in part: judged there
    fair = (read > 0) & ~cut  # and a mark alone ('/', ':') is no reading of the place
    # over[i, j]: word i's letters double the place of word j, of the other size, on its line
    over = ((np.abs(wt[:, None] - wt[None, :]) <= Y_TOLERANCE + EPSILON)
            & (np.maximum(ws[:, None], ws[None, :]) >= ratio * np.minimum(ws[:, None], ws[None, :]))
            & (np.minimum(lx1[:, None], fx1[None, :]) - np.maximum(lx0[:, None], fx0[None, :]) > e)
            & fair[:, None] & fair[None, :])
    pairs: dict[tuple[int, int], list] = {}  # the doubled places of each two readings
    for i, j in zip(*np.nonzero(np.triu(over | over.T))):
        pairs.setdefault(tuple(sorted((which[i], which[j]))), []).append((int(i), int(j)))
    for edges in pairs.values():
        place: dict[int, int] = {}  # a word -> one of its place: the words of both readings chained by overlaps
        for i, j in edges:
            place[_root(place, i)] = _root(place, j)
        groups: dict[int, list] = {}
        for i in place:
            groups.setdefault(_root(place, i), []).append(i)
        for words in groups.values():
            by: dict[int, int] = {}
            for i in words:
                by[which[i]] = by.get(which[i], 0) + read[i]
            (a, na), (b, nb) = sorted(by.items())
            if na == nb:
                continue
            stays = a if na > nb else b
            kept = [j for j in words if which[j] == stays]
            for i in words:
                if which[i] != stays and over[i, kept].any():  # its letters over the reading that stays
                    out[starts[i]:ends[i] + (ends[i] < n and text[ends[i]].isspace())] = True
    return out


def _root(links: dict[int, int], i: int) -> int:
    """The word that stands for i's group, following `links` (a word not yet in one stands for itself)."""
    while links.setdefault(i, i) != i:
        i = links[i]
    return i


def _read_pdfplumber(path: Path, first: int, last: int | None, drop: dict[int, list]) -> tuple[int, list[dict]]:
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises a zoo of types on damaged files, and pdfplumber wraps them
        raise unreadable(path, e, "it cannot be parsed") from e
    pages: list[dict] = []
    with closing_quietly(pdf):
        try:
            n = len(pdf.pages)
        except Exception as e:
            raise unreadable(path, e, "its page tree cannot be read") from e
        for i, page in enumerate(pdf.pages[first - 1:last], start=first):
            try:
                # Only the keys later stages read: the words of every page are held until the end,
                # so on a 300-page plan the unused ones (doctop, upright, ...) cost tens of MB.
                if i in drop:  # an OCR'd page, as `_pdfium_page`
                    chars = page.chars
                    x0, top, x1, bottom, size = (np.array([c[k] for c in chars], dtype=float)
                                                 for k in ("x0", "top", "x1", "bottom", "size"))
                    text = [c["text"] for c in chars]
                    out = (dropped(drop[i], x0, top, x1, bottom, np.array([t.isspace() for t in text], dtype=bool),
                                   text) if drop[i] else np.zeros(len(chars), dtype=bool))
                    out |= doubled_readings(text, x0, top, x1, bottom, size, out)
                    gone = {id(c) for c, o in zip(chars, out) if o}
                    page = page.filter(lambda obj, gone=gone: id(obj) not in gone)
                words = [{k: w[k] for k in WORD_KEYS} for w in page.extract_words(
                    keep_blank_chars=False, use_text_flow=False, x_tolerance=X_TOLERANCE)]
                pages.append(_page_dict(i, float(page.width), float(page.height), words, page.edges,
                                        page.find_tables))
            except Exception as e:
                raise unreadable(path, e, "the page cannot be read", page=i) from e
            finally:
                try:
                    page.close()
                except Exception:  # closing a broken page must not hide why it broke
                    pass
    return n, pages


def unweave(words: list[dict], touch: float = DEFAULT.weave_touch) -> list[dict]:
    """Words mended where the word grouping wove two lines together. It chains chars whose tops lie a few points
    apart into one line and reads that line's chars left to right: where two lines overlap so (a decision
    centred down its cell, 'PARTIALLY' over 'AGREED', between the lines of the response beside it), their letters
    alternate and each word is cut into pieces ('P', 'A', 'A', 'G', ...). A piece joins the last word before it
    at its own height where words of other heights came between them (in reading order, so within their span)
    and the two touch: no wider apart than `touch` of the line's height, less than a space."""
    out: list[dict] = []
    last: dict[tuple[float, float], tuple[int, int]] = {}  # (top, bottom) -> the last word at that height: its
    for i, w in enumerate(words):                           # index in `out` and in `words`
        key = (w["top"], w["bottom"])
        j, k = last.get(key, (None, i - 1))
        if k != i - 1:
            a = out[j]
            gap = w["x0"] - a["x1"]
            if abs(gap) <= touch * (w["bottom"] - w["top"]) and all(
                    a["x0"] <= b["x0"] <= w["x0"] for b in words[k + 1:i]):
                out[j] = dict(a, text=a["text"] + w["text"], x1=max(a["x1"], w["x1"]))
                last[key] = (j, i)
                continue
        last[key] = (len(out), i)
        out.append(w)
    return out


def _page_dict(number: int, width: float, height: float, words: list[dict], edges: list[dict], find_tables) -> dict:
    words = unweave(words)
    tables, rules = [], []
    if edges:
        for t in find_tables(TABLE_SETTINGS):
            tables.append((t.bbox, [list(r.cells) for r in t.rows]))
        # Horizontal rules (lines and the edges of shaded rectangles): row boundaries of a table
        # drawn with horizontal rules only, where the table finder sees no cells.
        rules = sorted((round(e["top"], 1), round(e["x0"], 1), round(e["x1"], 1))
                       for e in edges if e["orientation"] == "h")
    return {"page": number, "width": width, "height": height, "words": words, "tables": tables, "rules": rules}


# --------------------------------------------------------------------------------------------------
# PDFium.

class _EdgesPage:
    """What pdfplumber's TableFinder asks of a page when both strategies are "lines": its edges and box."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges, self.bbox = edges, bbox

    def find_tables(self, settings: dict) -> list:
        return TableFinder(self, TableSettings.resolve(settings)).tables  # type: ignore[arg-type]


class _Api:
    """The PDFium calls made once per character or path point, as ctypes prototypes taking and returning plain
    integers for handles (the bindings' typed pointers cost about half as much again per call)."""

    def __init__(self) -> None:
        v, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float

        def proto(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, v).value)
        self.r = r
        self.text_object = proto(r.FPDFText_GetTextObject, ctypes.c_size_t, v, i)  # 0 (not None) for none
        self.char_matrix = proto(r.FPDFText_GetMatrix, i, v, i, v)
        self.font_size = proto(r.FPDFText_GetFontSize, d, v, i)
        self.char_origin = proto(r.FPDFText_GetCharOrigin, i, v, i, v, v)
        self.get_text = proto(r.FPDFText_GetText, i, v, i, i, v)
        self.unicode = proto(r.FPDFText_GetUnicode, ctypes.c_uint, v, i)
        self.count_chars = proto(r.FPDFText_CountChars, i, v)
        self.text_font = proto(r.FPDFTextObj_GetFont, v, v)
        self.font_name = proto(r.FPDFFont_GetBaseFontName, ctypes.c_size_t, v, v, ctypes.c_size_t)
        self.font_descent = proto(r.FPDFFont_GetDescent, i, v, f, v)
        self.count_objects = proto(r.FPDFPage_CountObjects, i, v)
        self.get_object = proto(r.FPDFPage_GetObject, v, v, i)
        self.form_count = proto(r.FPDFFormObj_CountObjects, i, v)
        self.form_object = proto(r.FPDFFormObj_GetObject, v, v, ctypes.c_ulong)
        self.object_type = proto(r.FPDFPageObj_GetType, i, v)
        self.object_matrix = proto(r.FPDFPageObj_GetMatrix, i, v, v)
        self.count_segments = proto(r.FPDFPath_CountSegments, i, v)
        self.segment = proto(r.FPDFPath_GetPathSegment, v, v, i)
        self.segment_point = proto(r.FPDFPathSegment_GetPoint, i, v, v, v)
        self.segment_type = proto(r.FPDFPathSegment_GetType, i, v)
        self.segment_close = proto(r.FPDFPathSegment_GetClose, i, v)
        # The calls made for every character of a page, by `map`: prototypes that keep the GIL through the call
        # (PYFUNCTYPE: releasing it and taking it back cost a sixth of each call), and where every argument can go
        # untyped (the text page as a c_void_p made once, the index as an int), none declared: ctypes converting
        # each argument cost a third of the call. `text_objects`, `loose_boxes` and `generated` make them.
        self._text_object_each = ctypes.PYFUNCTYPE(ctypes.c_size_t)(ctypes.cast(r.FPDFText_GetTextObject, v).value)
        self._is_generated_each = ctypes.PYFUNCTYPE(i)(ctypes.cast(r.FPDFText_IsGenerated, v).value)
        self._loose_box_each = ctypes.PYFUNCTYPE(i, v, i, v)(ctypes.cast(r.FPDFText_GetLooseCharBox, v).value)

    def text_objects(self, tp: int, n: int) -> np.ndarray:
        """Each of the first `n` characters' text object (0 for none)."""
        return np.fromiter(map(self._text_object_each, repeat(ctypes.c_void_p(tp), n), range(n)), dtype=np.uint64,
                           count=n)

    def loose_boxes(self, tp: int, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Each of the first `n` characters' loose box, written by PDFium straight into an array of FS_RECTF
        (float32 left, top, right, bottom: the very values reading the struct's fields gives), and whether it
        was written."""
        boxes = np.zeros((n, 4), dtype=np.float32)
        at = boxes.ctypes.data
        done = np.fromiter(map(self._loose_box_each, repeat(tp, n), range(n), range(at, at + 16 * n, 16)),
                           dtype=bool, count=n)
        return boxes, done

    def generated(self, tp: int, chars: list[int]) -> np.ndarray:
        """Whether PDFium generated each of these characters."""
        return np.fromiter(map(self._is_generated_each, repeat(ctypes.c_void_p(tp), len(chars)), chars), dtype=bool,
                           count=len(chars))


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def _read_pdfium(path: Path, first: int, last: int | None, drop: dict[int, list]) -> tuple[int, list[dict]]:
    with PageRanges(path, drop=drop) as ranges:
        return ranges.read(first, sys.maxsize if last is None else last)


# PDFium keeps what it parsed for every page it loaded (the page's objects, its content streams) until the document
# is closed, closing the page or not: about 3 MB for every 100 pages of the bench's long plan, so memory grew with
# page count. The document is opened afresh after this many pages (opening costs well under a millisecond).
REOPEN_PAGES = 25


class PageRanges:
    """One PDF kept open while ranges of its pages are read, in increasing page order: what `read_pages` gives
    for each range, without opening the file again for each. Opening costs more the further in a range starts
    (the font descents walk the page tree from the first page), so a worker reading a long plan's chunks as it
    claims them keeps one of these. PDFium's own document is opened again every REOPEN_PAGES pages.
    The pdfplumber backend reads each range with `read_pages`."""

    def __init__(self, path: Path, reader: str = DEFAULT_READER, drop: dict[int, list] | None = None):
        self.path, self.reader = Path(path), reader
        self.doc = self.descents = None
        self.loaded = 0  # pages loaded since PDFium's document was opened
        self.fonts: dict[int, tuple[float, str]] = {}  # by PDFium's font handle: valid while the document is open
        self.values: dict[float, float] = {}  # one float object per coordinate value, for every page read
        self.drop = drop or {}  # boxes of words left out, per page (`read_pages`)

    def _open(self) -> None:
        try:
            self.doc = pdfium.PdfDocument(str(self.path))
        except Exception as e:
            raise unreadable(self.path, e, "it cannot be parsed") from e
        self.loaded = 0
        self.fonts.clear()

    def read(self, first: int, last: int) -> tuple[int, list[dict]]:
        if self.reader != "pdfium":
            return read_pages(self.path, first, last, reader=self.reader)
        if self.doc is None:
            with open(self.path, "rb") as f:
                if b"%PDF-" not in f.read(1024):
                    raise errors.NotAPDF(self.path, "not a PDF (no %PDF header)")
            self._open()
            self.descents = _Descents(self.path)
        n = len(self.doc)
        pages = []
        for i in range(first, min(last, n) + 1):
            if self.loaded >= REOPEN_PAGES:
                self.doc.close()
                self.doc = None
                self._open()
            self.loaded += 1
            try:
                pages.append(_pdfium_page(self.doc, i, self.fonts, self.descents, self.values, self.drop.get(i)))
            except errors.ExtractError:
                raise
            except Exception as e:
                raise unreadable(self.path, e, "the page cannot be read", page=i) from e
        return n, pages

    def close(self) -> None:
        if self.descents is not None:
            self.descents.close()
        if self.doc is not None:
            self.doc.close()
        self.doc = self.descents = None
        self.values = {}

    def __enter__(self) -> PageRanges:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def page_chars(path: Path, number: int) -> dict:
    """The characters of one page (1-based) as the PDFium reader sees them: parallel lists text, x0, x1, top,
    bottom, upright, size, fontname (`char_dicts` makes pdfplumber-style dicts of them)."""
    doc = pdfium.PdfDocument(str(path))
    descents = _Descents(path)
    try:
        page = doc[number - 1]
        page_descents, mediabox, rotation = descents.for_page(number)
        geo = _Geometry(mediabox or page.get_mediabox(), page.get_rotation() if rotation is None else rotation)
        textpage = page.get_textpage()
        try:
            return _chars(_api(), ctypes.cast(textpage.raw, ctypes.c_void_p).value, geo, {}, page_descents)
        finally:
            textpage.close()
            page.close()
    finally:
        descents.close()
        doc.close()


def _pdfium_page(doc, number: int, fonts: dict, descents: _Descents, values: dict | None = None,
                 drop: list | None = None) -> dict:
    api = _api()
    page = doc[number - 1]
    try:
        page_descents, mediabox, rotation = descents.for_page(number)
        # pdfminer's reading of the boxes where it has one (PDFium's are single precision)
        geo = _Geometry(mediabox or page.get_mediabox(), page.get_rotation() if rotation is None else rotation)
        textpage = page.get_textpage()
        try:
            chars = _chars(api, ctypes.cast(textpage.raw, ctypes.c_void_p).value, geo, fonts, page_descents)
        finally:
            textpage.close()
        edges = _edges(api, ctypes.cast(page.raw, ctypes.c_void_p).value, geo)
    finally:
        page.close()
    if drop is not None:  # an OCR'd page
        blank = np.fromiter((t.isspace() for t in chars["text"]), dtype=bool, count=len(chars["text"]))
        out = (dropped(drop, chars["x0"], chars["top"], chars["x1"], chars["bottom"], blank, chars["text"]) if drop
               else np.zeros(len(blank), dtype=bool))
        out |= doubled_readings(chars["text"], chars["x0"], chars["top"], chars["x1"], chars["bottom"],
                                chars["size"], out)
        keep = np.flatnonzero(~out).tolist()
        chars = {k: (v[keep] if isinstance(v, np.ndarray) else [v[i] for i in keep]) for k, v in chars.items()}
    shell = _EdgesPage(edges, geo.bbox)
    return _page_dict(number, geo.width, geo.height, words_of(chars, values=values), edges, shell.find_tables)


class _Geometry:
    """PDF user space -> pdfplumber's page coordinates, as pdfminer (page rotation, mediabox origin) and then
    pdfplumber (y measured down from the top, mediabox offsets) compute them."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int):
        x0, y0, x1, y1 = mediabox
        rotation %= 360
        # pdfminer's initial CTM per rotation (PDFPageInterpreter.process_page)
        self.ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                    270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        bx0, bx1 = sorted((x0, x1))
        by0, by1 = sorted((y0, y1))
        if rotation in (90, 270):
            bx0, by0, bx1, by1 = by0, bx0, by1, bx1
        self.width, self.height = float(bx1 - bx0), float(by1 - by0)
        # pdfplumber's page.bbox (its mediabox, turned and measured from the top)
        self.bbox = (float(bx0), float(self.height - by1), float(bx1), float(self.height - by0))
        self.x_shift = float(bx0)  # x = device x + mediabox x0
        self.top_base = self.height + self.bbox[1]  # top = height - device y + mediabox top

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e + self.x_shift, self.top_base - (b * x + d * y + f)


GENERATED = " \r\n"  # what PDFium may add between the characters drawn
ALONG_X, ALONG_Y, ANGLED = 0, 1, 2  # which way a text object's characters advance on the page


def _chars(api: _Api, tp: int, geo: _Geometry, fonts: dict, page_descents: dict) -> dict:
    """Every character PDFium drew on the page (not the spaces and line breaks it generates between them):
    text (a list), and x0, x1, top, bottom, upright, size (numpy arrays) and fontname (a list), in PDFium's order."""
    n = api.count_chars(tp)
    if n <= 0:
        return _as_chars([], [], [], [], [], [], [], [])
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = api.get_text(tp, 0, n, ctypes.addressof(buf))
    text = buf.raw[:max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # a character outside the BMP takes two UTF-16 units: ask per character
        text = "".join(chr(api.unicode(tp, i)) if api.unicode(tp, i) < 0x10000 else "\ufffd" for i in range(n))
    # PDFium marks a hyphen that ends a line (U+FFFE in the page's text, 2 as the character's unicode), keeping
    # no trace of which hyphen was drawn: pdfminer reads the one typed, nearly always '-'.
    text = text.replace("\ufffe", "-").replace("\x02", "-")
    # Two calls per character, made by `map` rather than a Python loop: the text object (its font, size and
    # baseline; 0 for none) and the advance.
    objs = api.text_objects(tp, n)
    boxes, done = api.loose_boxes(tp, n)
    for i in np.flatnonzero(~done).tolist():  # no box: one struct read char by char kept the last one written
        if i:
            boxes[i] = boxes[i - 1]
    kept = objs != 0
    # PDFium's own characters (a space where a gap is wide, a line break) are dropped: among the blanks in an object,
    # those PDFium says it generated, asked by `map` over their positions
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    blank = codes == ord(GENERATED[0])
    for c in GENERATED[1:]:  # three comparisons: np.isin costs ten times as much on a page's codes
        blank |= codes == ord(c)
    blanks = np.flatnonzero(blank & kept).tolist()
    if blanks:
        kept[np.asarray(blanks)[api.generated(tp, blanks)]] = False
    keep = np.flatnonzero(kept)
    matrix = api.r.FS_MATRIX()
    # each object's first character; the objects in order of their first character
    ids, first, inverse = np.unique(objs, return_index=True, return_inverse=True)
    metrics = {o: _object_metrics(api, tp, i, o, geo, fonts, page_descents, ctypes.addressof(matrix), matrix)
               for o, i in zip(ids.tolist(), first.tolist()) if o}
    a, _, c, _, e, _ = geo.ctm
    if not a or any(m[5] != ALONG_X for m in metrics.values()):
        return _chars_one_by_one(api, tp, geo, text, keep.tolist(), metrics, boxes)
    left = boxes[keep, 0].astype(float) * a + (e + geo.x_shift)
    right = boxes[keep, 2].astype(float) * a + (e + geo.x_shift)
    none = (0.0, 0.0, False, 0.0, "", ALONG_X)  # the null object's row: no kept character has it
    rows = np.asarray([metrics.get(o, none)[:4] for o in ids.tolist()], dtype=float).reshape(-1, 4)
    which = inverse.reshape(-1)[keep]
    per = rows[which]
    names = [metrics.get(o, none)[4] for o in ids.tolist()]
    # the kept characters and their font names gathered by numpy takes (over UTF-32, over an object array)
    chars = list(text if len(keep) == n else _take(text, keep))
    fontnames = np.array(names, dtype=object)[which].tolist()
    return _as_chars(chars, np.minimum(left, right), np.maximum(left, right), per[:, 0],
                     per[:, 1], per[:, 2].astype(bool), per[:, 3], fontnames)




def _take(text: str, at: np.ndarray) -> str:
    """The characters of `text` at the positions `at`, gathered by numpy over UTF-32 (a lone surrogate passes)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return codes[at].tobytes().decode("utf-32-le", "surrogatepass")


def _as_chars(text, x0, x1, top, bottom, upright, size, fontname) -> dict:
    return {"text": list(text), "x0": np.asarray(x0, dtype=float), "x1": np.asarray(x1, dtype=float),
            "top": np.asarray(top, dtype=float), "bottom": np.asarray(bottom, dtype=float),
            "upright": np.asarray(upright, dtype=bool), "size": np.asarray(size, dtype=float),
            "fontname": list(fontname)}


def _chars_one_by_one(api: _Api, tp: int, geo: _Geometry, text: str, keep: list[int], metrics: dict,
                      boxes: np.ndarray) -> dict:
    """`_chars` for a page turned a quarter or text that is turned: each character's box worked out alone.
    `boxes`: every character's loose box (left, top, right, bottom), as `_chars` read them."""
    a, b, c, d, e, f = geo.ctm
    shift = geo.x_shift
    cols: list[list] = [[] for _ in range(8)]
    for i in keep:
        o = metrics[api.text_object(tp, i)]
        left, top, right, bottom = boxes[i].tolist()
        # across: the character's advance; up and down: the object's font box (descent to descent + size)
        if o[5] == ALONG_X:
            if a:
                p0 = a * left + e + shift
                p1 = a * right + e + shift
            else:  # the page is turned a quarter
                p0 = c * bottom + e + shift
                p1 = c * top + e + shift
            p0, p1 = min(p0, p1), max(p0, p1)
            top, bottom = o[0], o[1]
        else:
            (u0, v0), (u1, v1) = geo.point(left, bottom), geo.point(right, top)
            p0, p1 = min(u0, u1), max(u0, u1)
            top, bottom = min(v0, v1), max(v0, v1)
            if o[5] == ALONG_Y:  # turned text: its advance runs down or up the page, the font box across
                p0, p1 = o[0], o[1]
        for col, v in zip(cols, (text[i], p0, p1, top, bottom, o[2], o[3], o[4])):
            col.append(v)
    return _as_chars(*cols)


def _object_metrics(api: _Api, tp: int, i: int, obj: int, geo: _Geometry, fonts: dict, page_descents: dict,
                    pmatrix: int, matrix) -> tuple:
    """One text object's (top, bottom, upright, size, fontname): its characters share a baseline, a font and a
    matrix (PDFium makes one object per text-showing operator)."""
    api.char_matrix(tp, i, pmatrix)
    fs = api.font_size(tp, i)
    ga, gb, gc, gd, _, _ = geo.ctm
    # the character's matrix in pdfminer's device space (the page's rotation applied)
    a = matrix.a * ga + matrix.b * gc
    b = matrix.a * gb + matrix.b * gd
    c = matrix.c * ga + matrix.d * gc
    d = matrix.c * gb + matrix.d * gd
    font = api.text_font(obj)
    descent, name = fonts.get(font) or _font(api, font, fonts)
    descent = page_descents.get(name, descent)
    upright = a * d > 0 and b * c <= 0  # pdfminer's LTChar.upright (horizontal scaling assumed positive)
    x, y = geo.point(matrix.e, matrix.f)  # the baseline, where the text object starts
    # pdfminer: the box (0, descent * fs) .. (advance, descent * fs + fs) through the matrix
    if not b and not c:
        lo, hi = y - d * descent * fs, y - d * (descent * fs + fs)
        along, size = ALONG_X, abs(d) * fs
    elif not a and not d:
        lo, hi = x + c * descent * fs, x + c * (descent * fs + fs)
        along, size = ALONG_Y, abs(c) * fs
    else:  # at an angle: PDFium's loose box stands for pdfminer's
        lo = hi = 0.0
        along, size = ANGLED, (c * c + d * d) ** 0.5 * fs
    top, bottom = min(lo, hi), max(lo, hi)
    return top, bottom, upright, size, name, along


def _font(api: _Api, font: int, fonts: dict) -> tuple[float, str]:
    buf = ctypes.create_string_buffer(256)
    got = api.font_name(font, ctypes.addressof(buf), 256) if font else 0
    name = buf.value.decode("latin-1") if got else ""
    out = ctypes.c_float(0)
    descent = out.value / 1000 if font and api.font_descent(font, 1000.0, ctypes.addressof(out)) else 0.0
    fonts[font] = (descent, _untagged(name))
    return fonts[font]


def _untagged(name: str) -> str:
    return re.sub(r"^[A-Z]{6}\+", "", name)


class _Descents:
    """Each page's font descents as pdfminer reads them (`PDFFont.get_descent`): the FontDescriptor's Descent
    (negative; 0 when absent), the standard 14 fonts' from their metrics, a Type 3 font's from its FontBBox, a
    Type 0 font's from its descendant's descriptor. Keyed by the font's name without its subset tag, which is
    how PDFium names it. Only the page tree and the fonts' dictionaries are parsed (no content stream); a file
    pdfminer cannot parse falls back to PDFium's descents."""

    def __init__(self, path: Path):
        self.fp = None
        self.pages: Iterator | None = None
        self.at = 0
        self.cache: dict = {}
        try:
            self.fp = open(path, "rb")
            self.pages = _PageDictionary.create_pages(PDFDocument(PDFParser(self.fp)))
        except Exception as e:
            log.debug("%s: font descriptors unread (%s); PDFium's descents stand", path, e)
            self.close()

    def close(self) -> None:
        if self.fp is not None:
            self.fp.close()
            self.fp = None
        self.pages = None

    def for_page(self, number: int) -> tuple[dict[str, float], tuple | None, int | None]:
        """(descent by font name, mediabox, rotation) of page `number`, as pdfminer reads them."""
        if self.pages is None:
            return {}, None, None
        try:
            page = None
            while self.at < number:
                page = next(self.pages)
                self.at += 1
            if page is None:
                return {}, None, None
            box = tuple(float(v) for v in page.mediabox)
            return self._fonts(page.resources), (box if len(box) == 4 else None), page.rotate
        except Exception as e:
            log.debug("font descriptors of page %s unread (%s)", number, e)
            self.close()
            return {}, None, None

    def _fonts(self, resources) -> dict[str, float]:
        out: dict[str, float] = {}
        clash: set[str] = set()
        fonts = resolve1(resolve1(resources or {}).get("Font")) or {}
        for ref in fonts.values():
            key = ref.objid if isinstance(ref, PDFObjRef) else None
            if key is not None and key in self.cache:
                name, descent = self.cache[key]
            else:
                spec = resolve1(ref)
                if not isinstance(spec, dict):
                    continue
                name, descent = _descent_of(spec)
                if key is not None:
                    self.cache[key] = (name, descent)
            if name in out and out[name] != descent:
                clash.add(name)
            out[name] = descent
        for name in clash:  # two fonts of one name, two descents: PDFium's own then
            del out[name]
        return out


class _PageDictionary(PDFPage):
    """pdfminer's page, without resolving its content streams, which only the fonts' page tree walk would read
    (and pdfminer's document would keep for every page)."""

    def _parse_contents(self, value) -> list:
        return []


def _descent_of(spec: dict) -> tuple[str, float]:
    """(name without subset tag, descent per unit of font size) of one font dictionary, by pdfminer's rules
    (pdfminer.pdffont: PDFType1Font, PDFType3Font, PDFCIDFont, PDFFont.__init__)."""

    def name_of(v) -> str:
        v = resolve1(v)
        return v.name if isinstance(v, PSLiteral) else (v.decode("latin-1") if isinstance(v, bytes) else str(v))

    subtype = name_of(spec.get("Subtype", "Type1"))
    base = name_of(spec.get("BaseFont", "unknown"))
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts")) or [{}]
        sub = resolve1(descendants[0]) or {}
        descriptor = resolve1(sub.get("FontDescriptor")) or {}
        descent, scale = resolve1(descriptor.get("Descent", 0)), 0.001
    elif subtype == "Type3":
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
        bbox = resolve1(descriptor.get("FontBBox") if "FontDescriptor" in spec else spec.get("FontBBox"))
        m = [float(resolve1(x)) for x in (resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0])]
        descent, scale = resolve1(resolve1(bbox)[1]) if bbox else 0, m[1] + m[3]
    elif base in FONT_METRICS and subtype in ("Type1", "MMType1", "TrueType"):
        descent, scale = FONT_METRICS[base][0].get("Descent", 0), 0.001
    else:
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
        descent, scale = resolve1(descriptor.get("Descent", 0)), 0.001
    descent = float(descent) if isinstance(descent, int | float) else 0.0
    if descent > 0 and subtype != "Type3":
        descent = -descent
    return _untagged(base), descent * scale


def _edges(api: _Api, page: int, geo: _Geometry) -> list[dict]:
    """The page's lines, rectangles and curves as pdfplumber's edges (pdfminer's `paint_path` sorts each
    painted subpath into a line, a rectangle or a curve; pdfplumber turns each into edges), from PDFium's path
    objects, those inside form XObjects included."""
    r = api.r
    matrix = r.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    ppx, ppy = ctypes.addressof(px), ctypes.addressof(py)
    edges: list[dict] = []

    def walk(count: int, get, outer: tuple | None) -> None:
        for k in range(count):
            obj = get(k)
            if not obj:
                continue
            kind = api.object_type(obj)
            if kind not in (r.FPDF_PAGEOBJ_PATH, r.FPDF_PAGEOBJ_FORM):
                continue
            api.object_matrix(obj, ctypes.addressof(matrix))
            m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            if outer is not None:
                m = _compose(m, outer)
            if kind == r.FPDF_PAGEOBJ_FORM:
                walk(api.form_count(obj), lambda j, o=obj: api.form_object(o, j), m)
                continue
            ops: list[tuple[str, tuple[float, float]]] = []
            for s in range(api.count_segments(obj)):
                seg = api.segment(obj, s)
                api.segment_point(seg, ppx, ppy)
                t = api.segment_type(seg)
                x, y = px.value, py.value
                pt = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
                if t == r.FPDF_SEGMENT_MOVETO:
                    ops.append(("m", pt))
                elif t == r.FPDF_SEGMENT_LINETO:
                    ops.append(("l", pt))
                elif t == r.FPDF_SEGMENT_BEZIERTO:
                    # PDFium keeps a curve as three points (two controls, then the end): pdfminer one 'c'
                    if ops and ops[-1][0] == "c1":
                        ops[-1] = ("c2", pt)
                    elif ops and ops[-1][0] == "c2":
                        ops[-1] = ("c", pt)
                    else:
                        ops.append(("c1", pt))
                else:
                    continue
                if api.segment_close(seg) and ops[-1][0] in ("l", "c", "m"):
                    start = next((p for o, p in reversed(ops) if o == "m"), ops[0][1])
                    ops.append(("h", start))
            for sub in _subpaths(ops):
                edges.extend(_path_edges(sub, geo, line_to_edge, rect_to_edges, curve_to_edges))

    walk(api.count_objects(page), lambda k: api.get_object(page, k), None)
    return edges


def _compose(m: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(ops: list) -> Iterator[list]:
    cur: list = []
    for op in ops:
        if op[0] == "m" and cur:
            yield cur
            cur = []
        cur.append(op)
    if cur:
        yield cur


def _path_edges(sub: list, geo: _Geometry, line_to_edge, rect_to_edges, curve_to_edges) -> list[dict]:
    """pdfminer's PDFLayoutAnalyzer.paint_path for one subpath, then pdfplumber's object -> edges."""
    shape = "".join(o[0] for o in sub)
    if shape[:1] != "m":
        return []
    pts = [geo.point(*p) for _, p in sub]  # in pdfplumber's (x, top)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return [line_to_edge(_box_obj("line", pts[:2]))]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return rect_to_edges(_box_obj("rect", [pts[0], pts[2]]))
    obj = _box_obj("curve", pts)
    obj["pts"] = pts
    return curve_to_edges(obj)


def _box_obj(kind: str, pts: list[tuple[float, float]]) -> dict:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "y0": -bottom, "y1": -top}


# --------------------------------------------------------------------------------------------------
# Words: pdfplumber's grouping.

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def words_of(chars: dict, x_tolerance: float = X_TOLERANCE, y_tolerance: float = Y_TOLERANCE,
             values: dict | None = None) -> list[dict]:
    """The words pdfplumber's `extract_words(x_tolerance=3)` finds in these chars (as `_chars` gives them), by
    its own rules: lines are clusters of chars whose tops lie within `y_tolerance` of the next (chained); within
    a line chars run left to right by x0 (ties in reading order); a blank char ends a word, and a char starts a
    new one when it begins left of the previous one, more than `x_tolerance` right of its end, or more than
    `y_tolerance` above or below it; ligatures are spelled out. Pages with turned text go through pdfplumber's
    WordExtractor itself."""
    texts = chars["text"]
    n = len(texts)
    if n == 0:
        return []
    if not np.all(chars["upright"]):
        return _words_by_pdfplumber(chars, x_tolerance, y_tolerance)
    x0, x1 = np.asarray(chars["x0"], dtype=float), np.asarray(chars["x1"], dtype=float)
    top, bottom = np.asarray(chars["top"], dtype=float), np.asarray(chars["bottom"], dtype=float)
    # cluster_objects(chars, "top", y_tolerance): tops sorted, chained within the tolerance (equal tops step 0, so
    # each line is numbered as its distinct tops would number it)
    by_top = np.argsort(top, kind="stable")
    line = np.empty(n, dtype=np.intp)
    line[by_top] = np.concatenate(([0], np.cumsum(np.diff(top[by_top]) > y_tolerance + EPSILON)))
    order = np.lexsort((x0, line))  # stable: ties keep reading order
    joined = "".join(texts)
    if len(joined) == n:  # one character each, as `_chars` gives them: find the blanks with one regex (\s is isspace)
        blank = np.zeros(n, dtype=bool)
        blank[[m.start() for m in _BLANK.finditer(joined)]] = True
        blank = blank[order]
    else:
        joined = None
        blank = np.fromiter((t.isspace() for t in texts), dtype=bool, count=n)[order]
    sx0, sx1, stop, sline = x0[order], x1[order], top[order], line[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = ((sline[1:] != sline[:-1]) | blank[:-1] | (sx0[1:] < sx0[:-1])
                  | (sx0[1:] > sx1[:-1] + x_tolerance + EPSILON)
                  | (np.abs(stop[1:] - stop[:-1]) > y_tolerance + EPSILON))
    ink = np.flatnonzero(~blank)
    if not len(ink):
        return []
    heads = np.flatnonzero(starts[ink])  # positions in `ink` where a word begins
    kept = order[ink]
    boxes = np.concatenate((np.minimum.reduceat(x0[kept], heads), np.maximum.reduceat(x1[kept], heads),
                            np.minimum.reduceat(top[kept], heads), np.maximum.reduceat(bottom[kept], heads)))
    bounds = heads.tolist() + [len(kept)]
    intern = sys.intern
    if joined is not None:  # the words are slices of the kept characters, in order, joined once
        ink_text = _take(joined, kept)
        spelled = [intern(ink_text[a:b]) for a, b in zip(bounds, bounds[1:])]
        if _HAS_LIGATURE.search(ink_text):
            spelled = [intern(t.translate(_LIGATURE_TABLE)) for t in spelled]
    else:
        letters = [texts[i] for i in kept.tolist()]
        if any(t in LIGATURES for t in letters):
            letters = [LIGATURES.get(t, t) for t in letters]
        spelled = [intern("".join(letters[a:b])) for a, b in zip(bounds, bounds[1:])]
    # Every page's words are held until the records are built: one float object per value (the words of a line
    # share their top and bottom; `values`, when given, is shared by every page of the document: a plan's columns
    # and line grid repeat from page to page; zeros keep their own, signed) and one string per spelling (sys.intern)
    # keep a long plan's smaller.
    same: dict[float, float] = {} if values is None else values
    k = len(heads)
    if np.all(boxes):  # each value looked up by `map` (in C)
        flat = boxes.tolist()
        shared = list(map(same.setdefault, flat, flat))
    else:  # zeros keep their own object, signed (the dict would hand -0.0 the 0.0 it holds, or the reverse)
        shared = [same.setdefault(v, v) if v else v for v in boxes.tolist()]
    wx0, wx1, wtop, wbottom = shared[:k], shared[k:2 * k], shared[2 * k:3 * k], shared[3 * k:]
    return [{"text": t, "x0": a, "x1": b, "top": c, "bottom": d} for t, a, b, c, d in zip(spelled, wx0, wx1, wtop,
                                                                                            wbottom)]


_BLANK = re.compile(r"\s")
_HAS_LIGATURE = re.compile("[" + "".join(LIGATURES) + "]")
_LIGATURE_TABLE = str.maketrans(LIGATURES)


def char_dicts(chars: dict) -> list[dict]:
    """The chars as pdfplumber-style dicts (text, x0, x1, top, bottom, doctop, upright, size, fontname)."""
    keys = ("text", "x0", "x1", "top", "bottom", "upright", "size", "fontname")
    columns = [list(chars[k]) if isinstance(chars[k], list) else chars[k].tolist() for k in keys]
    return [{**dict(zip(keys, vals)), "doctop": vals[3]} for vals in zip(*columns)]


def _words_by_pdfplumber(chars: dict, x_tolerance: float, y_tolerance: float) -> list[dict]:
    ex = WordExtractor(x_tolerance=x_tolerance, y_tolerance=y_tolerance, keep_blank_chars=False,
                       use_text_flow=False)
    return [{k: w[k] for k in WORD_KEYS} for w, _ in ex.iter_extract_tuples(char_dicts(chars))]


# --------------------------------------------------------------------------------------------------
# Comparing the two readers' records (tests/test_reader.py and benchmarks/run.py).

BOX_TOLERANCE = 1.0  # points: how far a record's box may move between readers


def record_differences(a, b, where: str = "") -> list[str]:
    """Where two JSON dumps of records (or of outcomes: lists, tuples) differ: anything but a box (`bbox`)
    must be equal, boxes within BOX_TOLERANCE."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys {sorted(a.keys() ^ b.keys())}"]
        out = []
        for k in a:
            if k == "bbox" and a[k] is not None and b[k] is not None:
                if len(a[k]) != len(b[k]) or any(abs(x - y) > BOX_TOLERANCE for x, y in zip(a[k], b[k])):
                    out.append(f"{where}.{k}: {a[k]} != {b[k]}")
            else:
                out += record_differences(a[k], b[k], f"{where}.{k}")
        return out
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in record_differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def reader_outcomes(path: Path, annotate: bool = False, **kw) -> dict[str, object]:
    """What each reader makes of one PDF: (records as JSON, problems), or (error type, message)."""
    from .pipeline import extract_with_problems
    out: dict[str, object] = {}
    for which in READERS:
        try:
            doc, problems = extract_with_problems(path, annotate=annotate, reader=which, **kw)
            out[which] = (doc.model_dump(mode="json"), problems)
        except errors.ExtractError as e:
            out[which] = (type(e).__name__, e.message)
    return out
