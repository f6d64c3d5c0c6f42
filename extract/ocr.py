"""Scanned pages -> a text-layer PDF the normal pipeline reads, through OCRmyPDF and Tesseract.

In: a PDF's path, its sha256, the number of words each page's own text layer gave, and `OcrSettings`
(mode auto/always/never, the cache folder, the tolerances below).
Out: `read_through` returns an `OcrRead` (the path of a text-layer PDF, the pages that were OCR'd and
each one's confidence, the mean Tesseract word confidence from 0 to 1), or None when no page needs OCR.
`repair` mends the words read from that PDF where OCR predictably misreads table text; `mark` records on a
Document which records were read through OCR.

A page needs OCR when its text layer has almost no words and an image covers most of it (a scan, or a
page pasted in as a picture); in `always` mode every page is OCR'd. OCRmyPDF deskews each such page,
Tesseract reads it, and the result is cached as <cache>/ocr/<sha256>.pdf beside a JSON note of the pages
and confidences, so a re-run never OCRs the same file again.

OCRmyPDF keeps the page image and lays an invisible text layer over it: a ruled table's lines are pixels,
not vector lines, so the table stages would see no ruling at all. The lines are therefore found in the
page image (long, thin runs of dark pixels) and written back into the cached PDF as thin vector lines
at the same place, so an OCR'd ruled table reaches the table stages as ruled as its original.

A second look (`look_again`) then mends the layer from the image: lines Tesseract ran together are read again as a
block (`read_merged`), and ink no word covers is read on its own (`unread_ink`, `read_ink`); the words read are
written into the copy as invisible text. Words of the first reading they replace cannot be taken out of
OCRmyPDF's layer, so their boxes are kept in the cache note (`OcrRead.dropped`) and the reader leaves them out.
The note also keeps Tesseract's own box of every word it first read (`OcrRead.ink`): OCRmyPDF sets a line's words
on one baseline, and where Tesseract ran a line across columns set at different heights, the reader puts a column's
words back where their ink is (`own_baselines`).
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import errors
from .decisions import DECISION_WORDS
from .fetch import DEFAULT_CACHE
from .tables import REF_LABEL
from .vocabulary import MONTH_PATTERN, english

if TYPE_CHECKING:
    import numpy as np
    from actionplans.schemas import Document

log = logging.getLogger(__name__)
OcrMode = Literal["auto", "always", "never"]
MODES: tuple[str, ...] = ("auto", "always", "never")
# Bumped whenever what is written into the cached PDF changes (line recovery, OCRmyPDF arguments), so
# an older cache entry is made again rather than read.
CACHE_VERSION = 6


@dataclass(frozen=True)
class OcrSettings:
    """How and when scanned pages are OCR'd; every tolerance of the OCR path is named here."""

    mode: OcrMode = "auto"
    cache_dir: str = DEFAULT_CACHE
    language: str = "eng"
    few_words: int = 10  # a page whose text layer has fewer words than this has "almost no" text
    image_share: float = 0.5  # ... and is a scan when one image covers at least this share of it
    timeout: float = 900.0  # seconds OCRmyPDF may take over one file
    line_dpi: int = 150  # resolution the page image is searched for ruling lines at
    dark_level: int = 140  # a pixel darker than this (0-255) can belong to a ruling line; shading is lighter
    min_hline: float = 30.0  # points: a horizontal rule is at least this long (longer than any letter stroke)
    min_vline: float = 12.0  # points: a vertical rule is at least this tall (one table row, taller than a letter)
    max_rule: float = 3.0  # points: a rule is at most this thick; a thicker dark run is a filled band
    line_width: float = 0.5  # points: width of the vector lines written back
    # OCR'd word boxes -> the boxes a text layer gives (`em_boxes`). OCRmyPDF sets each line's words at the
    # line's baseline in a font sized to the line's height above it, so a box spans the line's ascenders, not a
    # font size; a typeset word's box is one font size tall, from its font's descent below the baseline.
    layer_descent: float = 0.207  # descent of the OCR layer's font, as a share of its size (Helvetica's)
    ascender: float = 0.72  # height of capitals and ascenders above the baseline, as a share of the font size
    descent: float = 0.21  # a typeset font's descent below the baseline, as a share of its size
    bearings: float = 0.1  # font sizes: how much narrower than its typeset width (its letters' advances) an OCR'd
    #                        word's box is, which hugs the ink: the blank its first letter stands in from its
    #                        start and its last short of its end ('Khan' 21.5 pt wide read, 23.3 pt typeset, at
    #                        10.6 pt). Kept in the word (`bearings`) for what measures whether a word fits
    #                        (`cells._first_width`)
    ref_gap: float = 1.0  # font sizes: a ref stands at least this far from the next word on its line (a column gap)
    piece_gap: float = 0.2  # font sizes: pieces of one ref's ink OCR split into words ('1.1' read 'aE' 'E') stand
    #                       this near each other at most (no space between them): one slot (`_ref_slots`)
    label_likeness: float = 0.7  # a word no English word, standing where the plan's ref labels stand, over a
    #                              number, as wide as their word, is that label misread when at least this share
    #                              of their letters (difflib's ratio) are its own ('Recomuiendariod'), though more
    #                              than one is off (`_mend_labels`)
    label_width: float = 0.1  # ... its width within this share of the label word's (the same ink)
    overleaf_twin: float = 2.0  # font sizes: a word under a ref's label at a page's foot that the next page
    #                             repeats this near (a footer's) is the page's furniture, not its table's
    header_pages: int = 2  # pages besides its own on which a word opening its line stands the same, as high up, for
    #                        it to be a header's repeated there, not a ref's slot
    blind_extra: int = 2  # characters a ref slot OCR read as no digit ('AL:' for '1') may hold beyond the plan's
    #                       longest clean ref: a misread ref's ink, not a word (a heading's 'Item', 'Rec')
    own_size: float = 1.3  # a line whose own size is this many times the page's body size (or less than
    #                        its inverse) keeps its own: a heading, a footnote ...
    own_width: float = 0.5  # ... where its words' widths show at least this share of that difference too (in
    #                         proportion, against the body's width for its letters): a font larger or smaller is
    #                         wider or narrower, but OCRmyPDF's box of a line askew grows taller with its width
    #                         across the page, and a line of small letters only ('sample') is shorter, in the font
    #                         of the lines round it
    # A second look at ink OCR returned no word for (`unread_ink`, `read_ink`): a lone ref or digit, a header cell
    # on a shaded row. Ink is searched in cells of `ink_cell` points at `line_dpi`; ink within `ink_join` points
    # across or down is one patch (a word's letters, a cell's lines), and a patch of fewer than `ink_min` dark
    # pixels is a speck.
    second_look: bool = True
    ink_cell: float = 1.44
    ink_join: float = 4.4
    ink_min: int = 15
    ink_fill: float = 0.5  # a patch darker than this share of its box is a filled area, not letters
    ink_margin: float = 1.0  # points round a word's box that still belong to it (a letter's side bearing)
    ink_below: float = 0.35  # ... and below it, as a share of its height: descenders the layer's box leaves out
    look_dpi: int = 300  # resolution a patch is read again at
    look_confidence: float = 0.6  # a word read in the second look is kept from this Tesseract confidence
    look_level: int = 170  # a patch is read in black and white, black below this grey (0-255)
    look_least: float = 0.6  # ... and this share of the page's commonest word height (less is a letter's piece)
    look_patches: int = 40  # at most this many patches a page are read again (the largest)
    piece_touch: int = 3  # pixels (at `line_dpi`) across which a short patch's ink runs into a known word's
    # Lines Tesseract ran together (`read_merged`): a layer line this many times the page's commonest word height is
    # read again as a block, with `merged_margin` of that height round it, its columns (parted by at least
    # `merged_columns` points of white) one by one. A word of the line over which the block reads two lines, each
    # with a word of at least `stacked_confidence`, or one first read with less than that under a word read with
    # that much, gives way to what the block reads.
    merged_height: float = 1.6
    stacked_confidence: float = 0.8
    merged_margin: float = 1.0
    merged_columns: float = 8.0
    # ... and a word it keeps, found again as one word less than this share of its height (one line, where its
    # box spans two), keeps its text but takes that box, so it is ordered among the lines it sits in; under the
    # reader's DROP_SHARE, so the word written is not left out with the one it replaces
    reboxed: float = 0.7
    # OCRmyPDF sets a line's words on one baseline, and Tesseract may run one line across columns set at different
    # heights (an owner a third of a line below the action beside it), or box a line as tall as two. A piece of a
    # layer line (parted from the rest by `merged_columns` points of white) whose words' own ink (Tesseract's box of
    # each, `OcrRead.ink`) puts its baseline at least `own_baseline` of the page's common word height off the line's
    # is set where its ink is (`own_baselines`)
    own_baseline: float = 0.3
    own_lines: int = 10  # ... measured against at least this many lines of the page's common height
    # A bullet read as a letter ('e') with no more than a space after it is still one where the page's bullets
    # read as that letter stand: their left edges within this share of its height of its own (`_in_bullets_column`)
    bullet_column: float = 0.5
    # A speck OCR ran into the front of a word ('_—_—I' + 'mran' for 'Imran') is shed; what is left of that word
    # is the start of the next where their boxes are no more than this share of its height apart (a space between
    # two words is wider: OCR parted one word where the speck ended)
    speck_touch: float = 0.1
    # Tesseract parts a word into two boxes with no space between them ('Coordinat' 'or', 'Securit' 'y'): the two
    # are one where they stand no further apart than this share of their height (a space read between two words
    # may be as narrow: what the two make, a word where the first is none, decides: `join_parted`)
    parted_touch: float = 0.2
    # ... and a word read letter by letter ('N' 'o' 'w' 'a' 'k' for 'Nowak'; 'b' 'r' 'ie' 'f' 'i' 'ng'): at least
    # `spelt_pieces` pieces of no more than `spelt_letters` letters each, touching as above (`join_spelt`)
    spelt_pieces: int = 3
    spelt_letters: int = 2
    # A layer word set beside a word the second look wrote in, no further from it than this many font sizes (a space
    # between words; a column gap is wider: `ref_gap`), stands on that word's baseline (`on_baselines`) where the two
    # baselines are less than `level` font sizes apart: a column set at another height stands up to about half a
    # line's pitch off (0.66 for 'April 2021' centred beside a wrapped action); the next line's word is a pitch off,
    # single spacing's 1.15 at the least. Baselines less than `settled` font sizes apart are one line's as set (the
    # written word's box, tightened to ink, can take in a pixel or two of grain): the layer word is left where it is
    beside: float = 0.6
    level: float = 0.9
    settled: float = 0.25
    # A lone point or colon is a speck where no word within this many of its heights shares its line
    # (`shed_stray_marks`): a typed one stands against the word it ends
    stray_reach: float = 2.0
    # Tesseract puts a space a letter or two from where the page has it ('theirv iewsw ill'): a run of no more than
    # `respace_run` words, parted by no more than `respace_gap` of their height, is read again with each space
    # moved by up to `respace_letters` letters where that makes every word English (`respace`)
    respace_run: int = 6
    respace_gap: float = 1.0
    respace_letters: int = 2
    # A page deskewing left askew, its lines rising or falling across it (OCRmyPDF sets a line Tesseract found
    # sloped along its baseline, each word in a box of its own): its slope is the middle one between neighbouring
    # words of a line (the next word starting within `tilt_gap` of the first one's height, level with it), measured
    # over at least `tilt_pairs` such pairs, and the page's words are set straight where it is `tilt_least` or more
    # (points down per point across; under it a word at a landscape page's edge moves by under a point: left as read)
    tilt_gap: float = 0.6
    tilt_pairs: int = 10
    tilt_least: float = 0.002
    # A word of the first reading between two the second look wrote in, one above it and one below, each across it,
    # their tops less than this share of its height apart: two lines of type so near leave no room for a third
    # between them, so it read their ink again (`between_written`)
    squeezed: float = 1.6


@dataclass
class OcrRead:
    """What the OCR step produced for one file: where its text-layer PDF is, and how sure Tesseract was."""

    path: str
    pages: list[int]
    confidence: dict[int, float | None] = field(default_factory=dict)
    seconds: float = 0.0
    cached: bool = False
    looked: dict[int, list[dict]] = field(default_factory=dict)  # words the second look wrote in, per page
    dropped: dict[int, list[list[float]]] = field(default_factory=dict)  # boxes of layer words it replaced, per page
    ink: dict[int, list[list]] = field(default_factory=dict)  # Tesseract's box of each word it first read, per page

    def mean_confidence(self) -> float | None:
        vals = [c for c in self.confidence.values() if c is not None]
        return round(sum(vals) / len(vals), 3) if vals else None


# ---------------------------------------------------------------------------------------------------
# Which pages need OCR

def scanned_pages(path: str | Path, word_counts: dict[int, int], s: OcrSettings) -> list[int]:
    """Pages (1-based) whose text layer has fewer than `few_words` words and on which one image covers at
    least `image_share` of the page. Only pages short of words are opened, so a text plan costs nothing."""
    short = sorted(p for p, n in word_counts.items() if n < s.few_words)
    if not short:
        return []
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    out = []
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for p in short:
            page = pdf[p - 1]
            try:
                w, h = page.get_size()
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
                    x0, y0, x1, y1 = obj.get_bounds()
                    if (x1 - x0) * (y1 - y0) >= s.image_share * w * h:
                        out.append(p)
                        break
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def read_through(path: str | Path, sha256: str, word_counts: dict[int, int], n_pages: int,
                 s: OcrSettings) -> OcrRead | None:
    """The text-layer PDF to read instead of `path`, or None when its own text layer will do.
    `word_counts` maps each page (1-based) to the words its text layer gave. Raises
    errors.OcrUnavailable (saying how to install Tesseract) when OCR is needed but not installed, and
    errors.OcrFailed when it fails."""
    if s.mode == "never":
        return None
    pages = list(range(1, n_pages + 1)) if s.mode == "always" else scanned_pages(path, word_counts, s)
    if not pages:
        return None
    return ocr_pdf(path, sha256, pages, s)


# ---------------------------------------------------------------------------------------------------
# Running OCRmyPDF, with a cache

def ocr_complaint(stderr: str, returncode: int) -> str:
    """OCRmyPDF's own reason, from its messages: the last that names an error, never a temporary path."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and "/tmp" not in ln and "ocrmypdf.io" not in ln]
    named = [ln for ln in lines if "error" in ln.lower() or "invalid" in ln.lower()]
    return (named or lines or [f"exit status {returncode}"])[-1][:200]


def tools_missing() -> list[str]:
    return [t for t in ("ocrmypdf", "tesseract") if shutil.which(t) is None]


def ocr_pdf(path: str | Path, sha256: str, pages: list[int], s: OcrSettings) -> OcrRead:
    """OCR `pages` of the PDF into <cache>/ocr/<sha256>.pdf (or take it from there) and return it."""
    folder = Path(s.cache_dir) / "ocr"
    out, note = folder / f"{sha256}.pdf", folder / f"{sha256}.json"
    want = {"version": CACHE_VERSION, "pages": pages, "language": s.language}
    if out.is_file() and note.is_file():
        try:
            got = json.loads(note.read_text(encoding="utf-8"))
            if {k: got.get(k) for k in want} == want:
                conf = {int(k): v for k, v in got.get("confidence", {}).items()}
                looked = {int(k): v for k, v in got.get("second_look", {}).items()}
                dropped = {int(k): v for k, v in got.get("dropped", {}).items()}
                ink = {int(k): v for k, v in got.get("ink", {}).items()}
                return OcrRead(str(out), pages, conf, got.get("seconds", 0.0), cached=True, looked=looked,
                               dropped=dropped, ink=ink)
        except (OSError, ValueError):
            pass  # an unreadable note: OCR again
    missing = tools_missing()
    if missing:
        raise errors.OcrUnavailable(path, f"{len(pages)} scanned page{'s' if len(pages) != 1 else ''} need OCR, "
                                          f"but {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
                                          "not installed")
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="actionplans-ocr-") as tmp:
        work = Path(tmp)
        cfg = work / "tsv.cfg"
        cfg.write_text("tessedit_create_tsv 1\n", encoding="ascii")  # Tesseract also writes per-word confidences
        raw = work / "ocr.pdf"
        # The hOCR renderer lays each word over exactly the width it has on the page image; Tesseract's own
        # renderer stretches "word + space" over that width, so every word read back is a space too narrow
        # and the gaps between words twice too wide, which reads as columns.
        cmd = ["ocrmypdf", "--quiet", "--keep-temporary-files", "--deskew", "--force-ocr", "-l", s.language,
               "--pdf-renderer", "hocr",
               "--jobs", "1", "--optimize", "0", "--output-type", "pdf", "--tesseract-config", str(cfg),
               "--pages", ",".join(map(str, pages)), str(path), str(raw)]
        # One thread per Tesseract: the batch already runs one file per core, and one thread reads the
        # same page the same way every time.
        env = dict(os.environ, TMPDIR=str(work), OMP_THREAD_LIMIT="1")
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=s.timeout)
        except subprocess.TimeoutExpired as ex:
            raise errors.OcrFailed(path, f"OCR took longer than {s.timeout:.0f} s") from ex
        if proc.returncode != 0 or not raw.is_file():
            raise errors.OcrFailed(path, f"{len(pages)} scanned page{'s' if len(pages) != 1 else ''} could not be "
                                         f"read by OCR ({ocr_complaint(proc.stderr, proc.returncode)})")
        first = first_reading(work)
        conf = confidences(first)
        lines, looked, dropped = finish_layer(raw, pages, s, first)
        ink = first_boxes(raw, first)
        staged = folder / f".{sha256}.{os.getpid()}.pdf"
        shutil.copyfile(raw, staged)
        os.replace(staged, out)  # a reader never sees half a file
    seconds = round(time.perf_counter() - t0, 3)
    note.write_text(json.dumps({**want, "confidence": {str(k): v for k, v in conf.items()}, "seconds": seconds,
                                "ruling_lines": lines, "second_look": looked, "dropped": dropped, "ink": ink,
                                "settings": asdict(s)}, indent=1), encoding="utf-8")
    log.info("%s: OCR'd %d pages in %.1f s", path, len(pages), seconds)
    return OcrRead(str(out), pages, {p: conf.get(p) for p in pages}, seconds,
                   looked={int(k): v for k, v in looked.items()}, dropped={int(k): v for k, v in dropped.items()},
                   ink={int(k): v for k, v in ink.items()})


def tsv_words(tsv: str) -> list[tuple[str, float, tuple[int, int, int, int]]]:
    """The words of a Tesseract TSV: each one's text, confidence (0-100; -1 where Tesseract gave none) and box in
    pixels (left, top, width, height)."""
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            try:
                out.append((cols[11].strip(), float(cols[10]), tuple(int(v) for v in cols[6:10])))
            except ValueError:
                continue
    return out


def first_reading(work: Path) -> dict[int, tuple[int, list]]:
    """Per page, the width in pixels of the image Tesseract read (0 where its TSV does not say) and its words
    (`tsv_words`), from the TSV files OCRmyPDF's work folder keeps (NNNNNN_ocr_hocr.tsv, one per page): how sure
    Tesseract was of each word of the layer."""
    out = {}
    for tsv in sorted(work.rglob("*_ocr_*.tsv")):
        m = re.match(r"(\d+)_", tsv.name)
        if not m:
            continue
        text = tsv.read_text(encoding="utf-8", errors="replace")
        head = text.splitlines()[1:2]
        width = int(head[0].split("\t")[8]) if head and head[0].startswith("1\t") else 0
        out[int(m.group(1))] = (width, tsv_words(text))
    return out


def first_boxes(pdf_path: Path, first: dict[int, tuple[int, list]]) -> dict[str, list[list]]:
    """Per page of the OCR'd PDF, Tesseract's first reading (`first_reading`) as [text, x0, top, x1, bottom] in
    points: each word's own box, which OCRmyPDF's layer keeps the width of but sets at its line's height."""
    import pypdfium2
    out: dict[str, list[list]] = {}
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for p, (width, words) in sorted(first.items()):
            if width and 1 <= p <= len(pdf):
                k = pdf[p - 1].get_width() / width
                out[str(p)] = [[text] + [round(v * k, 2) for v in (left, top, left + w, top + h)]
                               for text, _conf, (left, top, w, h) in words]
    finally:
        pdf.close()
    return out


def confidences(first: dict[int, tuple[int, list]]) -> dict[int, float | None]:
    """Mean Tesseract word confidence (0-1) per page of its first reading (`first_reading`). Words Tesseract gave
    no confidence (-1) are not counted."""
    out: dict[int, float | None] = {}
    for page, (_width, words) in first.items():
        vals = [c for _, c, _ in words if c >= 0]
        out[page] = round(sum(vals) / len(vals) / 100, 3) if vals else None
    return out


# ---------------------------------------------------------------------------------------------------
# Ruling lines: found in the page image, written back as vector lines

Segment = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin


def _runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least `min_len` long, row by row."""
    import numpy as np
    d = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rs, cs = np.nonzero(d == 1)
    _, ce = np.nonzero(d == -1)  # starts and ends alternate within a row, so they pair up in order
    keep = (ce - cs) >= min_len
    return list(zip(rs[keep].tolist(), cs[keep].tolist(), ce[keep].tolist()))


def _bands(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs on neighbouring rows with nearly the same extent grouped into bands: (first row, last row,
    start, end). A run much shorter or longer than the band it touches (a vertical rule crossing a filled
    band, a letter touching a rule) starts a band of its own."""
    bands: list[list[int]] = []
    prev: list[list[int]] = []  # bands that reached the row before
    cur: list[list[int]] = []  # bands that reach this row
    row = None
    for r, a, b in sorted(runs):
        if r != row:
            prev, cur, row = (cur if row == r - 1 else []), [], r
        for g in prev:
            if min(b, g[3]) - max(a, g[2]) >= 0.8 * max(b - a, g[3] - g[2]):
                g[1], g[2], g[3] = r, min(g[2], a), max(g[3], b)
                prev.remove(g)
                cur.append(g)
                break
        else:
            g = [r, r, a, b]
            bands.append(g)
            cur.append(g)
    return [(g[0], g[1], g[2], g[3]) for g in bands]


def _join(lines: list[tuple[float, float, float, float]], near: float, gap: float) -> list[tuple[float, float, float]]:
    """Collinear pieces (position, start, end, weight) less than `near` apart across and `gap` apart along
    made one line at their weighted mean position: a rule left slightly askew comes out of the image as a
    staircase of pieces a pixel apart."""
    out: list[list[float]] = []
    for pos, a, b, w in sorted(lines, key=lambda t: (t[0], t[1])):
        o = next((o for o in reversed(out) if pos - o[0] <= near and a <= o[2] + gap and b >= o[1] - gap), None)
        if o is None:
            out.append([pos, a, b, w])
        else:
            o[0] = (o[0] * o[3] + pos * w) / (o[3] + w)
            o[1], o[2], o[3] = min(o[1], a), max(o[2], b), o[3] + w
    return [(o[0], o[1], o[2]) for o in out]


def find_ruling_lines(gray: np.ndarray, dpi: float, s: OcrSettings) -> list[Segment]:
    """Horizontal and vertical ruling lines in a greyscale page image, in points. A line is a long run of
    dark pixels; runs on neighbouring rows (a line a few pixels thick) make one line at their middle, and
    pieces of one line left a pixel askew by deskewing are joined. A band thicker than `max_rule` is a
    filled area (a dark header row): its edges are lines, as a filled rectangle's are in a vector PDF."""
    import numpy as np
    k = 72.0 / dpi
    dark = gray < s.dark_level
    out: list[Segment] = []
    for axis, min_len in ((0, s.min_hline), (1, s.min_vline)):
        m = dark if axis == 0 else dark.T
        # Bridge a one-pixel step so a line drawn a fraction of a degree off square stays one run.
        m = m | np.roll(m, 1, axis=0) | np.roll(m, -1, axis=0)
        pieces = []
        for r0, r1, a, b in _bands(_runs(m, int(min_len / k))):
            thick = (r1 - r0 + 1) * k
            mids = [(r0 + r1 + 1) / 2] if thick <= s.max_rule + 2 * k else [r0 + 1, r1]
            pieces += [(mid * k, a * k, b * k, (b - a) * k) for mid in mids]
        for pos, a, b in _join(pieces, s.max_rule, s.max_rule):
            out.append((a, pos, b, pos) if axis == 0 else (pos, a, pos, b))
    return [(round(x0, 2), round(t, 2), round(x1, 2), round(b, 2)) for x0, t, x1, b in out]


def finish_layer(pdf_path: Path, pages: list[int], s: OcrSettings, first: dict[int, tuple[int, list]] | None = None
                 ) -> tuple[dict[str, int], dict[str, list[dict]], dict[str, list[list[float]]]]:
    """Finish each OCR'd page's text layer from its image (rewriting the file in place): its ruling lines
    (`find_ruling_lines`) become thin vector lines, and what OCR's first reading missed or ran together is read
    again (`look_again`) and its words written in as invisible text, as OCRmyPDF writes its own.
    `first` is Tesseract's first reading of each page (`first_reading`), which says how sure it was of each word.
    Returns the lines per page, the words the second look added, and the boxes of the layer's words they replace
    (which the reader leaves out: `reader.read_pages`' `drop`), per page."""
    import numpy as np
    import pdfplumber
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    counts: dict[str, int] = {}
    looked: dict[str, list[dict]] = {}
    dropped: dict[str, list[list[float]]] = {}
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        with pdfplumber.open(pdf_path) as plumb:
            for p in pages:
                page = pdf[p - 1]
                try:
                    h = page.get_height()
                    bitmap = page.render(scale=s.line_dpi / 72, grayscale=True)
                    gray = np.asarray(bitmap.to_pil().convert("L"))
                    segs = find_ruling_lines(gray, s.line_dpi, s)
                    for x0, t0, x1, t1 in segs:
                        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, h - t0)
                        pdfium_c.FPDFPath_LineTo(path, x1, h - t1)
                        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
                        pdfium_c.FPDFPageObj_SetStrokeWidth(path, s.line_width)
                        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
                        pdfium_c.FPDFPage_InsertObject(page.raw, path)  # the page owns the object from here
                    counts[str(p)] = len(segs)
                    words: list[dict] = []
                    if s.second_look:
                        layer = plumb.pages[p - 1].extract_words()
                        if first and p in first:
                            sure_of(layer, *first[p], page.get_width())
                        words, gone = look_again(page, layer, gray, segs, s)
                        for w in words:
                            write_word(pdf, page, w, h, s)
                        looked[str(p)] = words
                        if gone:
                            dropped[str(p)] = gone
                    if segs or words:
                        page.gen_content()
                finally:
                    page.close()
        staged = pdf_path.with_suffix(".lines.pdf")
        pdf.save(str(staged))
    finally:
        pdf.close()
    os.replace(staged, pdf_path)
    return counts, looked, dropped


def sure_of(layer: list[dict], width: int, read: list, page_width: float) -> None:
    """Give each word of the layer the confidence (0-1) Tesseract read it with: the word of its first reading
    (`read`, on an image `width` pixels wide) with the same text whose middle lies in the layer word's box."""
    if not width:
        return
    k = page_width / width
    at: dict[str, list] = {}
    for text, conf, (left, top, w, h) in read:
        at.setdefault(text, []).append(((left + w / 2) * k, (top + h / 2) * k, conf))
    for w in layer:
        for x, y, conf in at.get(w["text"], ()):
            if w["x0"] - 1 <= x <= w["x1"] + 1 and w["top"] - 1 <= y <= w["bottom"] + 1:
                w["confidence"] = round(conf / 100, 3)
                break


def common_height(words: list[dict]) -> float:
    """The page's commonest word height, in whole points (0 on a page of no words)."""
    heights = Counter(round(w["bottom"] - w["top"]) for w in words)
    return heights.most_common(1)[0][0] if heights else 0.0


def look_again(page, layer: list[dict], gray: np.ndarray, segs: list[Segment], s: OcrSettings
               ) -> tuple[list[dict], list[list[float]]]:
    """A second look at `page` beside its OCR layer (`layer`, its words): lines Tesseract ran together, read again
    (`read_merged`), and then ink no word covers (`unread_ink`), each patch read on its own (`read_ink`). `gray` is
    the page at `line_dpi`, `segs` its ruling lines. Returns the words read and the boxes of the layer's words
    they replace."""
    common = common_height(layer)
    image = None

    def picture():
        nonlocal image
        if image is None:
            image = page.render(scale=s.look_dpi / 72, grayscale=True).to_pil().convert("L")
        return image
    added: list[dict] = []
    gone: list[dict] = []
    merged = merged_lines(layer, common, s)
    if merged:
        added, gone = read_merged(picture(), layer, merged, segs, common, s)
    replaced = {id(g) for g in gone}
    kept = [w for w in layer if id(w) not in replaced]
    known = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in kept + added]
    patches = unread_ink(gray < s.dark_level, known, segs, s, common)
    more = [w for patch in patches for w in read_ink(picture(), patch, known, segs, common * s.look_least, s)]
    return added + more, [[round(g[k], 2) for k in ("x0", "top", "x1", "bottom")] for g in gone]


def merged_lines(layer: list[dict], common: float, s: OcrSettings) -> list[list[dict]]:
    """The lines of the OCR layer (its words set at one top and bottom, as OCRmyPDF sets a line) at least
    `merged_height` times the page's commonest word height (`common`): Tesseract may have run two lines into one
    there (a heading in a larger font is also one)."""
    lines: dict[tuple[float, float], list[dict]] = {}
    for w in layer:
        lines.setdefault((round(w["top"], 1), round(w["bottom"], 1)), []).append(w)
    return [ws for (t, b), ws in sorted(lines.items()) if common and b - t >= s.merged_height * common]


def _across(a: dict, b: dict) -> bool:
    return min(a["x1"], b["x1"]) > max(a["x0"], b["x0"])


def _same_place(a: dict, b: dict) -> bool:
    """Two boxes across one another over at least half the wider one's width."""
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) >= max(a["x1"] - a["x0"], b["x1"] - b["x0"]) / 2


def _stacked(a: dict, b: dict) -> bool:
    """One word over the other: they share less than a third of the shorter one's height."""
    share = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return share < min(a["bottom"] - a["top"], b["bottom"] - b["top"]) / 3


def read_merged(image, layer: list[dict], merged: list[list[dict]], segs: list[Segment], common: float,
                s: OcrSettings) -> tuple[list[dict], list[dict]]:
    """Each of the `merged` lines (`merged_lines`) of the OCR layer read again as a block (`read_crop`), with
    `merged_margin` of the page's commonest word height (`common`) round it (a line's box can cut the lines it
    ran together), the page's other words and its ruling lines blanked. A layer word over which that reading
    finds two lines, each with a word of at least `stacked_confidence`, was made of two lines run together; so
    was one read with less than that (`sure_of`) where the block reads a word with that much over it. It gives
    way to the words read over it that `read_ink` would keep. Other words of the line keep the text OCR first
    read (its first reading of one line is the better), in the box of the one word the block reads across each,
    where that is one line tall (`reboxed`): the run-together line's box spans two, which orders its words
    wrongly among those lines.
    Returns the words read and the layer words they replace."""
    inside = {id(w) for line in merged for w in line}
    others = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in layer if id(w) not in inside]
    added: list[dict] = []
    gone: list[dict] = []
    for line in merged:
        box = (min(w["x0"] for w in line), min(w["top"] for w in line),
               max(w["x1"] for w in line), max(w["bottom"] for w in line))
        read = [w for w in read_crop(image, box, s.merged_margin * common, others, segs, "6", s,
                                     columns=s.merged_columns)
                if box[1] <= (w["top"] + w["bottom"]) / 2 <= box[3]]  # not the lines above and below, in the margin
        sure = [w for w in read if w["confidence"] >= s.stacked_confidence and sum(c.isalnum() for c in w["text"]) > 1
                and _kept(w, s.look_least * common, s)]
        lost = []
        for old in line:
            over = [w for w in sure if _across(w, old)]
            unsure = old.get("confidence", 1.0) < s.stacked_confidence
            if over and unsure or any(_stacked(a, b) for i, a in enumerate(over) for b in over[i + 1:]):
                lost.append(old)
        for w in read:
            if (_kept(w, s.look_least * common, s) and any(_across(w, old) for old in lost)
                    and not any(_across(w, a) and not _stacked(w, a) for a in added)):
                added.append(w)
        for old in line:  # a word kept, found again as one word of one line: its text, in that word's box
            one = [w for w in read if _across(w, old) and w["confidence"] >= s.look_confidence]
            if (not any(old is g for g in lost) and len(one) == 1 and _same_place(one[0], old)
                    and one[0]["bottom"] - one[0]["top"] < s.reboxed * (old["bottom"] - old["top"])):
                added.append({**one[0], "text": old["text"], "confidence": old.get("confidence", one[0]["confidence"])})
                lost.append(old)
        gone += lost
    return added, gone


def _kept(w: dict, least: float, s: OcrSettings) -> bool:
    """A word read in the second look is kept: read with at least `look_confidence`, with a letter or digit, not
    a lone letter (a piece of one the layer's box left out), and at least `least` points tall (not a letter's
    piece)."""
    text = w["text"]
    return (w["confidence"] >= s.look_confidence and any(c.isalnum() for c in text)
            and not (len(text) == 1 and text.isalpha()) and w["bottom"] - w["top"] >= least)


def _rule_boxes(segs: list[Segment], s: OcrSettings) -> list[tuple[float, float, float, float]]:
    """Each ruling line's box, `max_rule` round it: the ink the line leaves in the image."""
    r = s.max_rule
    return [(x0 - r, t - r, x1 + r, b + r) for x0, t, x1, b in segs]


def _fill(a: np.ndarray, boxes: list[tuple[float, float, float, float]], k: float, value,
          origin: tuple[int, int] = (0, 0)) -> None:
    """Set the pixels of `a` under each box (points; `k` points a pixel; `origin` the pixel of the page at `a`'s
    top left) to `value`. Boxes past `a`'s edges are cut to it."""
    x, y = origin
    for x0, t, x1, b in boxes:
        rows = slice(max(int(t / k) - y, 0), max(int(b / k) + 1 - y, 0))
        a[rows, max(int(x0 / k) - x, 0):max(int(x1 / k) + 1 - x, 0)] = value


@dataclass
class Patch:
    """Ink the OCR layer has no word for: its box in points and which of its cells (`cell` points square, row
    and column from the box's top left) hold ink."""

    box: tuple[float, float, float, float]
    cells: list[tuple[int, int]]
    cell: float


def unread_ink(dark: np.ndarray, known: list[tuple[float, float, float, float]], segs: list[Segment],
               s: OcrSettings, common: float = 0.0) -> list[Patch]:
    """Patches of ink in `dark` (a page's dark pixels at `line_dpi`) that no word box in `known` (points, with
    `ink_margin` round it and `ink_below` of its height under it for descenders) or ruling line in `segs` covers:
    what Tesseract's page layout passed over. Specks, filled areas and patches on the page's edge are not text,
    and nor is a patch less than `common` points tall (the page's commonest word height) whose ink runs on into a
    known word's, above or below: the rest of that word's letters, outside a box set too high or too low."""
    import numpy as np
    k = 72.0 / s.line_dpi
    m = s.ink_margin
    words = np.zeros(dark.shape, dtype=bool)
    _fill(words, [(x0 - m, t - m, x1 + m, b + m + s.ink_below * (b - t)) for x0, t, x1, b in known], k, True)
    theirs = dark & words  # the known words' ink
    dark = dark & ~words
    _fill(dark, _rule_boxes(segs, s), k, False)
    n = max(1, round(s.ink_cell / k))  # pixels a cell
    rows, cols = dark.shape[0] // n, dark.shape[1] // n
    ink = dark[:rows * n, :cols * n].reshape(rows, n, cols, n).sum(axis=(1, 3))
    on = ink >= 2  # a cell with one dark pixel is grain
    reach = max(1, round(s.ink_join / (n * k)))
    label = np.zeros(on.shape, dtype=np.int32)
    patches = []
    for y, x in zip(*np.nonzero(on)):
        if label[y, x]:
            continue
        label[y, x] = len(patches) + 1
        todo, cells = [(y, x)], []
        while todo:
            cy, cx = todo.pop()
            cells.append((cy, cx))
            ys, xs = np.nonzero(on[max(cy - reach, 0):cy + reach + 1, max(cx - reach, 0):cx + reach + 1]
                                & (label[max(cy - reach, 0):cy + reach + 1, max(cx - reach, 0):cx + reach + 1] == 0))
            for dy, dx in zip(ys + max(cy - reach, 0), xs + max(cx - reach, 0)):
                label[dy, dx] = len(patches) + 1
                todo.append((dy, dx))
        y0, x0 = min(c[0] for c in cells), min(c[1] for c in cells)
        y1, x1 = max(c[0] for c in cells) + 1, max(c[1] for c in cells) + 1
        dark_px = sum(int(ink[c]) for c in cells)
        edge = y0 == 0 or x0 == 0 or y1 >= rows or x1 >= cols
        if dark_px < s.ink_min or edge or dark_px > s.ink_fill * (y1 - y0) * (x1 - x0) * n * n:
            continue
        if (y1 - y0) * n * k < common:  # ink running on, down or up, into a known word's: that word's letters
            band = (slice(max(y0 * n - n, 0), y1 * n + n), slice(x0 * n, x1 * n))
            a, b = theirs[band], dark[band]
            if ((a[:-1] & b[1:]) | (b[:-1] & a[1:])).any(axis=0).sum() >= s.piece_touch:
                continue
        patches.append(Patch((x0 * n * k, y0 * n * k, x1 * n * k, y1 * n * k), [(c[0] - y0, c[1] - x0) for c in cells],
                             n * k))
    patches.sort(key=lambda p: -len(p.cells))
    return sorted(patches[:s.look_patches], key=lambda p: (p.box[1], p.box[0]))


def read_ink(image, patch: Patch, known: list[tuple[float, float, float, float]], segs: list[Segment],
             least: float, s: OcrSettings) -> list[dict]:
    """The words Tesseract reads in one patch of `image` (the page at `look_dpi`; `read_crop`): the patch's box
    with `ink_join` round it, the words of `known` and the ruling lines of `segs` in it blanked out. A line (or one
    glyph) is read as a line, a taller patch as a block. Only the words `_kept` are returned (`least`: `look_least`
    of the page's commonest word height)."""
    x0, t, x1, b = patch.box
    psm = "7" if b - t < 3.5 * s.ink_join else "6"  # a line (or a lone glyph: psm 10 reads a clean '7' as 'rf')
    return [w for w in read_crop(image, patch.box, s.ink_join / 2, known, segs, psm, s) if _kept(w, least, s)]


def read_crop(image, box: tuple[float, float, float, float], margin: float,
              known: list[tuple[float, float, float, float]], segs: list[Segment], psm: str, s: OcrSettings,
              columns: float | None = None) -> list[dict]:
    """Every word Tesseract reads (page segmentation mode `psm`) in `box` of `image` (the page at `look_dpi`)
    with `margin` points round it, the words of `known` and the ruling lines of `segs` in it blanked out, read in
    black and white (`look_level`). With `columns`, ink set apart by white at least that many points wide is read
    piece by piece (a table's columns, whose lines need not be level). Each word's text, confidence (0-1) and
    box: its ink, in points."""
    import numpy as np
    k = 72.0 / s.look_dpi
    x0, t, x1, b = box
    X0, T = int((x0 - margin) / k), int((t - margin) / k)
    crop = np.asarray(image.crop((X0, T, int((x1 + margin) / k) + 1, int((b + margin) / k) + 1))).copy()
    _fill(crop, known + _rule_boxes(segs, s), k, 255, (X0, T))  # the words read, and the ruling lines
    ink = crop < s.look_level  # Otsu on a crop of grain picks a grey
    pieces = [(0, ink.shape[1])]
    if columns:
        cols = np.flatnonzero(ink.any(axis=0))
        gaps = np.flatnonzero(np.diff(cols) > columns / k)
        pieces = [(int(a), int(z) + 1) for a, z in zip(np.r_[cols[:1], cols[gaps + 1]], np.r_[cols[gaps], cols[-1:]])]
    words = []
    for a, z in pieces:
        for w in _tesseract(ink[:, a:z], psm, s):
            wx0, wt = (X0 + a + w["left"]) * k, (T + w["top"]) * k
            words.append({"text": w["text"], "x0": round(wx0, 2), "top": round(wt, 2),
                          "x1": round(wx0 + w["width"] * k, 2), "bottom": round(wt + w["height"] * k, 2),
                          "confidence": w["confidence"]})
    return words


def _tesseract(ink: np.ndarray, psm: str, s: OcrSettings) -> list[dict]:
    """The words Tesseract reads in a black-and-white picture (`ink` true where black), each with its box in the
    picture's pixels tightened to its ink."""
    import numpy as np
    from PIL import Image
    pad = 20
    canvas = np.full((ink.shape[0] + 2 * pad, ink.shape[1] + 2 * pad), 255, dtype=np.uint8)
    canvas[pad:-pad, pad:-pad] = np.where(ink, 0, 255)
    with tempfile.TemporaryDirectory(prefix="actionplans-look-") as tmp:
        png = Path(tmp) / "patch.png"
        Image.fromarray(canvas).save(png)
        proc = subprocess.run(["tesseract", str(png), "-", "-l", s.language, "--psm", psm, "tsv"], capture_output=True,
                              text=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"), timeout=60)
    words = []
    for text, conf, (left, top, width, height) in tsv_words(proc.stdout):
        ys, xs = np.nonzero(canvas[top:top + height, left:left + width] == 0)  # the box tightened to its ink:
        if len(xs):  # Tesseract's box of a lone glyph can reach into the white before it, over a column's edge
            left, top, width, height = left + xs.min(), top + ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
        words.append({"text": text, "left": left - pad, "top": top - pad, "width": width, "height": height,
                      "confidence": round(conf / 100, 3)})
    return words


DESCENDERS = set("gjpqy,;()")


def write_word(pdf, page, w: dict, page_height: float, s: OcrSettings) -> None:
    """Write one word read in the second look into the page's text layer as invisible Helvetica, set as
    OCRmyPDF sets its own: sized to the glyphs' height above the baseline and stretched over the word's width."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    from pdfminer.fontmetrics import FONT_METRICS
    h = w["bottom"] - w["top"]
    low = any(ch in DESCENDERS for ch in w["text"])
    size = h * s.ascender / (s.ascender + s.descent) if low else h  # a descender's share of the box is below
    baseline = w["bottom"] - (h - size if low else 0.0)
    widths = FONT_METRICS["Helvetica"][1]
    natural = sum(widths.get(ch, 556) for ch in w["text"]) * size / 1000
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size))
    # a space after the word, as OCRmyPDF writes one between its words: without it, a word written less than the
    # reader's x tolerance from the next (boxes tightened to ink) runs into it ('31October')
    text = (w["text"] + " \0").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(text), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(obj, (w["x1"] - w["x0"]) / natural if natural else 1.0, 0, 0, 1, w["x0"],
                                   page_height - baseline)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


# ---------------------------------------------------------------------------------------------------
# Words: OCR's predictable misreadings of table text

DASHES = "-\u2013\u2014"  # hyphen, en and em dash: Tesseract reads one for another, or one as two
RULE_CHARS = "|¦‖_"  # a vertical rule read as a letter, or a horizontal one under a word
_MARK = "[" + re.escape(DASHES + RULE_CHARS) + "]"
# A run of dashes and strokes with a rule's stroke in it ('_—', '—_—'): OCR's reading of a speck or a rule's end,
# never a dash a typist put (one dash, or one read as two, has no stroke)
SPECK = re.compile(rf"{_MARK}*[{re.escape(RULE_CHARS)}]{_MARK}*")
BULLET_SYMBOLS = {"«", "»", "¢", "*", "©", "®", "°", "+"}  # how Tesseract reads '•'
BULLET_LETTERS = {"e", "o"}  # ... and a small round bullet it takes for a letter
BULLET = "\u2022"
NUMERIC = re.compile(r"[A-Za-z]{0,3}\(?[0-9OolI]*\d[0-9OolI./,:-]*\)?[.,;:]?")


def shed_speck(w: dict) -> dict | None:
    """The word without a speck OCR read into it (`SPECK`): None where it is one alone ('_—' in a gutter, '—_'
    before a heading); a run of them before its letters taken off, with its share of the box (marked `shed`)."""
    m = SPECK.match(w["text"])
    if not m:
        return w
    if m.end() == len(w["text"]):
        return None
    cut = w["x0"] + (w["x1"] - w["x0"]) * m.end() / len(w["text"])
    return dict(w, text=w["text"][m.end():], x0=cut, shed=True)


STRAY_MARKS = set(".,:;")


def shed_stray_marks(words: list[dict], s: OcrSettings) -> list[dict]:
    """The words without a lone point or colon that stands on no line of text near it: a typed mark sits on its
    line's baseline beside the word it ends (OCR may part it from that word, never lift it off the line), so one
    that shares a line with no word within `stray_reach` of it is grain read as a mark ('plan.' + ':' hung below
    it made a paragraph read as a lead-in, which does not act)."""
    def stray(w: dict) -> bool:
        reach = s.stray_reach * (w["bottom"] - w["top"])
        return bool(w["text"]) and set(w["text"]) <= STRAY_MARKS and not any(
            o is not w and o["x1"] >= w["x0"] - reach and o["x0"] <= w["x1"] + reach and _same_line(o, w)
            for o in words)
    return [w for w in words if not stray(w)]


_CORE = re.compile(r"\(?([A-Za-z]+)[.,;:)]*")  # a word's letters, with an opening bracket or closing marks


def _is_word(text: str) -> bool:
    """Is `text` an English word (`english`), written as one is: no capital after a small letter ('SamE')?"""
    m = _CORE.fullmatch(text)
    return bool(m) and m.group(1).lower() in english() and not re.search("[a-z][A-Z]", m.group(1))


def respaced(texts: list[str], most: int) -> list[str] | None:
    """The run of words `texts` with the space between each two moved by no more than `most` letters so that every
    word is English, moving as few letters as can be; None where there is no such reading. A space moves over
    letters only (a bracket or a mark shows where the page put it), and leaves no capital inside a word: a capital
    opens one ('OrderlyS chemeM anager' is 'Orderly Scheme Manager'; 'Sam Evans' is not 'SamE vans')."""
    whole = "".join(texts)
    bounds = list(itertools.accumulate(len(t) for t in texts))[:-1]
    best: tuple[int, list[str]] | None = None

    def walk(k: int, start: int, moved: int, made: list[str]) -> None:
        nonlocal best
        if k == len(bounds):
            if _is_word(whole[start:]) and (best is None or moved < best[0]):
                best = (moved, made + [whole[start:]])
            return
        b = bounds[k]
        for c in range(max(start + 1, b - most), min(len(whole) - 1, b + most) + 1):
            if whole[min(b, c):max(b, c)].isalpha() and _is_word(whole[start:c]):
                walk(k + 1, c, moved + abs(c - b), made + [whole[start:c]])

    walk(0, 0, 0, [])
    return best[1] if best else None


def respace(words: list[dict], s: OcrSettings) -> list[dict]:
    """Words Tesseract parted in the wrong places mended ('theirv iewsw ill' for 'their views will', 'SaferC ustody'):
    in a run of words set a space apart on one line, where some are not English but moving each space by a letter or
    two (`respace_letters`) makes every one English, the spaces are moved; each word keeps its box, the letters
    moved taking their share of the box they left. A run of English words, or one no moving mends (a name), is left
    as read."""
    out = list(words)
    i = 0
    while i < len(out):
        j = i + 1  # the run: words one after another on a line, no more than a space apart
        while j < len(out) and _same_line(out[j - 1], out[j]) and abs(out[j]["x0"] - out[j - 1]["x1"]) <= (
                s.respace_gap * (out[j]["bottom"] - out[j]["top"])):  # (boxes parted in a word may touch)
            j += 1
        found = None
        for a in range(i, j - 1):  # the shortest window with a word that is not English that moving mends
            if found:
                break
            for b in range(a + 2, min(j, a + s.respace_run) + 1):
                texts = [w["text"] for w in out[a:b]]
                # a letter alone (a bullet, an initial, 'e' of 'e learning') stands where the page spaced it
                if _is_word(texts[0]) or all(_is_word(t) for t in texts) or min(map(len, texts)) < 2:
                    break
                got = respaced(texts, s.respace_letters)
                if got and got != texts:
                    found = (a, b, got)
                    break
        if not found:
            i = j
            continue
        a, b, got = found
        # each word's box, its edges moved by the letters that crossed them at the width of the word they left
        olds = out[a:b]
        ends_old = itertools.accumulate(len(w["text"]) for w in olds)
        ends = itertools.accumulate(len(t) for t in got)
        cuts = []
        for k, done_old, done in zip(range(len(olds) - 1), ends_old, ends):
            d = done - done_old  # > 0: the next word's letters joined this one
            donor = olds[k + 1] if d > 0 else olds[k]
            cw = (donor["x1"] - donor["x0"]) / max(len(donor["text"]), 1)
            cuts.append((olds[k]["x1"] + d * cw, olds[k + 1]["x0"] + d * cw))
        made = []
        for k, (w, t) in enumerate(zip(olds, got)):
            x0 = w["x0"] if k == 0 else cuts[k - 1][1]
            x1 = w["x1"] if k == len(olds) - 1 else cuts[k][0]
            made.append(dict(w, text=t, x0=x0, x1=x1))
        out[a:b] = made
        i = b
    return out


_PART_HEAD = re.compile(r"\(?([A-Za-z]+)")  # a word's first part: letters, after an opening bracket
_PART_TAIL = re.compile(r"([A-Za-z]+)[.,;:)]*")  # ... and its last, with the marks that close it


def _touches(a: dict, b: dict, s: OcrSettings) -> bool:
    """Does word `b` start where word `a` ends, on its line, no further off than `parted_touch` of the lower one's
    height (no space between them: one word Tesseract parted)?"""
    return _same_line(a, b) and abs(b["x0"] - a["x1"]) <= s.parted_touch * min(a["bottom"] - a["top"],
                                                                             b["bottom"] - b["top"])


def join_parted(words: list[dict], s: OcrSettings, seen: frozenset[str] = frozenset()) -> list[dict]:
    """Words Tesseract parted where the page set no space mended ('Coordinat' 'or' for 'Coordinator', 'Securit' 'y'):
    a word of letters that is no English word, and one of letters on its line that starts where it ends (no further
    off than `parted_touch` of their height), are one where the two make a word of four letters or more, English
    or the document's (`seen`). The joined word takes both boxes; a word English as read, or two that make none,
    stay as read."""
    out = [dict(w) for w in words]
    gone: set[int] = set()
    for a in out:
        head = _PART_HEAD.fullmatch(a["text"])
        if id(a) in gone or not head or head.group(1).lower() in english():
            continue
        for b in out:
            if b is a or id(b) in gone or not (tail := _PART_TAIL.fullmatch(b["text"])) or not _touches(a, b, s):
                continue
            whole = (head.group(1) + tail.group(1)).lower()
            if len(whole) >= 4 and (whole in english() or whole in seen):
                a.update(text=a["text"] + b["text"], x1=b["x1"])
                gone.add(id(b))
                break
    return [w for w in out if id(w) not in gone]


def join_spelt(words: list[dict], s: OcrSettings, seen: frozenset[str] = frozenset()) -> list[dict]:
    """A word Tesseract read letter by letter mended ('N' 'o' 'w' 'a' 'k' ')' for 'Nowak)', 'b' 'r' 'ie' 'f' 'i' 'ng'
    for 'briefing'): a run of at least `spelt_pieces` pieces of letters, none longer than `spelt_letters`, each
    starting where the one before it ends (`parted_touch`, as in `join_parted`; a space is wider), is one word where
    its letters make one of four letters or more, English or the document's (`seen`); the longest such run from its
    first piece is taken, with a closing mark that touches its end. Pieces that make no word stay as read (two-piece
    breaks are `join_parted`'s)."""
    out = [dict(w) for w in words]
    piece = re.compile(rf"\(?[A-Za-z]{{1,{s.spelt_letters}}}|[.,;:)]+")
    pieces = [w for w in out if piece.fullmatch(w["text"])]

    def after(end: dict) -> list[dict]:
        return [b for b in pieces if b is not end and id(b) not in gone and _touches(end, b, s)]
    gone: set[int] = set()
    inner = {id(b) for a in pieces if a["text"][-1:].isalpha() for b in after(a) if b["x0"] > a["x0"]}
    for a in pieces:
        if id(a) in gone or id(a) in inner or not a["text"][-1:].isalpha():
            continue  # a run is read from its first piece
        run = [a]
        while run[-1]["text"][-1:].isalpha():
            nxt = [b for b in after(run[-1]) if b["x0"] > run[-1]["x0"] and not b["text"].startswith("(")]
            if not nxt:
                break
            run.append(min(nxt, key=lambda b: b["x0"]))
        letters = [w for w in run if w["text"][-1:].isalpha()]
        for n in range(len(letters), s.spelt_pieces - 1, -1):
            whole = "".join(w["text"] for w in letters[:n]).lstrip("(").lower()
            if len(whole) >= 4 and (whole in english() or whole in seen):
                take = run[:n + 1] if n < len(run) and not run[n]["text"][-1:].isalpha() else run[:n]
                a.update(text="".join(w["text"] for w in take), x1=take[-1]["x1"],
                         top=min(w["top"] for w in take), bottom=max(w["bottom"] for w in take))
                gone.update(id(w) for w in take[1:])
                break
    return [w for w in out if id(w) not in gone]


_MONTH_DIGITS = re.compile(rf"({MONTH_PATTERN})(\d{{1,3}})", re.I)  # 'November2': a month, its year's first digit
_YEAR_REST = re.compile(r"(\d{1,3})([.,;:)]?)")  # ... and the year's rest, '021'


def year_respaced(words: list[dict], s: OcrSettings) -> list[dict]:
    """A month's name and its year, the space Tesseract read a digit or more into the year ('November2' '021' for
    'November 2021'): where the rest of the year starts where the month's word ends (`parted_touch`, as in
    `join_parted`), so no digit is lost between them, and the digits together are a year (19xx, 20xx), they move
    to it; the month keeps its box but for their share. Any other split stays as read (a year parted by a space may
    have lost a digit)."""
    out = [dict(w) for w in words]
    for a in out:
        m = _MONTH_DIGITS.fullmatch(a["text"])
        if not m:
            continue
        for b in out:
            if b is a or not (rest := _YEAR_REST.fullmatch(b["text"])) or not _touches(a, b, s):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", m.group(2) + rest.group(1)):
                cut = a["x0"] + (a["x1"] - a["x0"]) * len(m.group(1)) / len(a["text"])
                b.update(text=m.group(2) + b["text"], x0=cut)
                a.update(text=m.group(1), x1=cut)
                break
    return out


_COUNT_GLUED = re.compile(r"(\d{1,3})[o0O]f")  # 'Page 40f 6': a page's number, the 'of' of its count read onto it


def page_count_parted(words: list[dict]) -> list[dict]:
    """A page count's number and its 'of' read as one word, the 'o' a zero ('Page' '40f' '6' for 'Page 4 of 6'): the
    footer read so is no page number (`tables.furniture`) and its words fall into the cell above it. Where the word
    before it on its line is 'Page' and the next a number alone no smaller than the page's, the two words printed
    are put back, the number taking its share of the box. Any other such word stays as read ('10f' with no 'Page'
    before it may be a count's '10' and an 'f')."""
    out = []
    for w in words:
        if not (m := _COUNT_GLUED.fullmatch(w["text"])):
            out.append(w)
            continue
        line = [o for o in words if o is not w and _same_line(w, o)]
        before = max((o for o in line if o["x1"] <= w["x0"]), key=lambda o: o["x1"], default=None)
        after = min((o for o in line if o["x0"] >= w["x1"]), key=lambda o: o["x0"], default=None)
        if (before is not None and before["text"].lower() == "page" and after is not None
                and re.fullmatch(r"\d{1,3}", after["text"]) and int(m.group(1)) <= int(after["text"])):
            cut = w["x0"] + (w["x1"] - w["x0"]) * len(m.group(1)) / len(w["text"])
            out += [dict(w, text=m.group(1), x1=cut), dict(w, text="of", x0=cut)]
        else:
            out.append(w)
    return out


def repair_word(text: str) -> str:
    """One OCR'd word as the page printed it: a rule read as '|' or '_' at its edges, or a stray point
    before it ('|.Agreed'), taken off; inside a ref, number or date an 'O' read for '0' or an 'l'/'I'
    read for '1' put right, and a comma read for the point of a ref ('1,12' -> '1.12'; a thousands comma,
    '1,120', is left alone); a ref's 'S' read as '$' ('$30': these plans count money in pounds); one dash read
    as two, or with a tilde ('-—', '-~' between a name and a role), made one."""
    text = text.strip(RULE_CHARS)
    if len(text) > 1 and set(text) <= set(DASHES + "~") and set(text) & set(DASHES):
        return "\u2013"
    text = re.sub(r"^[.,]+(?=[A-Za-z])", "", text)
    text = re.sub(r"^\$(?=\d{1,3}[.)]?$)", "S", text)
    if NUMERIC.fullmatch(text):
        text = re.sub(r"(?<=[\d./-])[Oo](?=[\d./-]|\)|$)", "0", text)
        text = re.sub(r"(?<=\d)[lI](?=[\d./-]|\)|$)", "1", text)
        text = re.sub(r"(?<![\d,])(\d{1,2}),(\d{1,2})(?![\d,])", r"\1.\2", text)
    return text


GLUED_ARTICLE = re.compile(r"([Aa])([a-z]{3,})([.,;:)]?)")


def unglue(w: dict, seen: frozenset[str] = frozenset()) -> list[dict]:
    """Tesseract often misses the space after the article 'a' ('Amonthly sample', 'awritten plan'): split
    the word when what follows the 'a' is a word and the whole is not. A word is English (`english`)
    or in `seen`, the document's own words. The 'a' gets its share of the width."""
    m = GLUED_ARTICLE.fullmatch(w["text"])
    if not m:
        return [w]
    vocab = english()
    whole, rest = (m.group(1) + m.group(2)).lower(), m.group(2)
    if whole in vocab or not (rest in vocab or rest in seen):
        return [w]
    cut = w["x0"] + (w["x1"] - w["x0"]) / len(w["text"])
    return [dict(w, text=m.group(1), x1=cut), dict(w, text=m.group(2) + m.group(3), x0=cut)]


GLUED_LABEL = re.compile(r"([A-Za-z]+\.?)(\d{1,3})")  # 'Concern1', when its letters are a ref's label
GLUED_AMPERSAND = re.compile(r"(&)(\w{2,}.*)|(.*\w)(&)")  # 'Coordinator&', '&Governor' (not 'A&E')
GLUED_ACRONYM = re.compile(r"([A-Z]{2,})([A-Z][a-z]{2,}[.,;:)]?)")  # 'FMManager': capitals, then a word of its own
GLUED_WORDS = re.compile(r"([A-Za-z]*[a-z]{3})([A-Z][a-z]{2,}[.,;:)]?)")  # 'EqualitiesLead': a word, a capitalised one
# 'Veterans.Support', 'Head.of', '(subject.to', 'FM.Manager' (an acronym the document's: 'fm' is no English word)
GLUED_STOP = re.compile(r"(\(?[A-Za-z]*[a-z]{2}|[A-Z]{2,})\.(\(?[A-Z][a-z]{2,}[.,;:)]?|of|and|to)")
# the words that join a role's ('Head of Safety'), two owners ('... and Head of ...') or a date's note ('(subject to
# funding)', 'January to May 2019')
GLUED_JOINERS = ("of", "and", "to")
# '1.-Outstanding', '2.Review': a list item's number, a speck read in the gap after it or none, and the item's first
# word (a number typed with no space after it and a dash glued on is no list's)
GLUED_NUMBER = re.compile(r"(\d{1,2}[.)])[-\u2013\u2014~_]?([A-Z][a-z]{2,}[.,;:)]?)")
DIGIT_FOR_LETTER = str.maketrans({"1": "l", "0": "o", "5": "s"})  # 'operationa1', '0ffice'
# '31March', '31,March', '3rdSeptember', 'Q42019/20': a day run into its month, a quarter into its financial year,
# or a speck read in the space between them as a stop (no typist sets them so)
GLUED_DATE = re.compile(rf"(\d{{1,2}}(?:st|nd|rd|th)?|Q[1-4])[,._~]?((?:{MONTH_PATTERN})\b.*|\d{{4}}/\d{{2,4}}\b.*)",
                        re.I)


# 'staffand__Governo': letters, a run of '_' where the page left blank, letters
GAP_READ = re.compile(r"([A-Za-z][A-Za-z.,;:)]*)_+(\(?[A-Za-z].*)")


def part_at_gap(w: dict) -> list[dict]:
    """A word Tesseract read across the space between two words, the space read as a run of '_' ('staffand__Governo',
    over the gutter from a response's last words to the owner beside them, gen-5190-005; 'can_be'): the two words,
    where letters stand both sides of the run. A rule read under a word is taken off its edges (`repair_word`); inside
    a word of letters the run stands where the page left blank. The run's share of the box is the gap's: each word
    keeps its letters' share, so a word read across into the next column lands in it."""
    m = GAP_READ.fullmatch(w["text"])
    if not m:
        return [w]
    span = (w["x1"] - w["x0"]) / len(w["text"])
    a, b = m.groups()
    return [dict(w, text=a, x1=w["x0"] + span * len(a)), dict(w, text=b, x0=w["x1"] - span * len(b))]


_BRACKETED = re.compile(r"\(([A-Z][a-z]+)[.,;:)]*")  # '(Jo': an opening bracket, a capitalised word
_SMALL = re.compile(r"([a-z]{2,})([.,;:)]*)")


def bracket_habits(pages: list[dict]) -> tuple[Counter, Counter]:
    """Per word (in small letters), how often the document reads it opened by a bracket and a capital ('(Jo'), and how
    often in small letters alone ('jo'): the evidence `rebracketed` weighs."""
    opened, small = Counter(), Counter()
    for p in pages:
        for w in p["words"]:
            if m := _BRACKETED.fullmatch(w["text"]):
                opened[m.group(1).lower()] += 1
            elif m := _SMALL.fullmatch(w["text"]):
                small[m.group(1)] += 1
    return opened, small


def rebracketed(text: str, habits: tuple[Counter, Counter]) -> str:
    """A word whose opening bracket and capital Tesseract read as one small letter ('jo' for '(Jo', the bracket's
    stroke and the 'J' one glyph, gen-5190-005): read as the document reads it elsewhere, where it is no English word
    and the document reads it opened by a bracket and a capital more often than in small letters (a name's habit,
    '(Jo Doyle)'). In small letters it read as the rest of a word broken at its column's edge and was glued to the
    word above ('Securityjo'). A word English, or the document's own in small letters, is left as read."""
    m = _SMALL.fullmatch(text)
    if not m or m.group(1) in english():
        return text
    opened, small = habits
    if opened[m.group(1)] <= small[m.group(1)]:
        return text
    return "(" + m.group(1).capitalize() + m.group(2)


def split_glued(w: dict, seen: frozenset[str] = frozenset()) -> list[dict]:
    """A word Tesseract ran together with the next, or misread inside, made the words printed: a ref's label and
    its number ('Concern1'), an ampersand and the word beside it ('Coordinator&'), an article and its noun
    (`unglue`), an acronym and the capitalised word after it ('FMManager': the word English or the document's,
    the whole neither), a word and the capitalised word after it ('EqualitiesLead': each English or the document's,
    the whole not English), two words a full stop was read between with no space after it, a speck in the gap
    ('Veterans.Support', 'Manager.(Marek', 'Head.of', '(subject.to', 'FM.Manager': each English or the document's,
    the first small letters or an acronym, the second capitalised or a joining word; the stop left out: a typed one
    ends a sentence and a space follows it), a list item's number and its first word, capitalised (a name's too:
    the item's first word need be no English one), a speck in the gap read as a dash or none ('1.-Outstanding': the
    speck left out), a day run into its month or a quarter into its year ('31March', 'Q42019/20'), a joining word
    run into the word before or after it ('Headof', 'ofLearningand', '(subjectto':
    `_joiner_parts`, the whole no English word, an opening bracket kept with the first part); and a word of letters
    with a digit read for a letter, or 'ii' for a 'u', that, read back, is a word where it was none ('operationa1',
    'Eqiialities')."""
    text = w["text"]
    m = GLUED_LABEL.fullmatch(text)
    if not (m and REF_LABEL.match(m.group(1))):
        m = GLUED_AMPERSAND.fullmatch(text)
    if not m:
        m = GLUED_ACRONYM.fullmatch(text)
        tail = m.group(2).rstrip(".,;:)").lower() if m else ""
        if m and (text.lower() in english() or tail not in english() and tail not in seen):
            m = None
    if not m:  # no word of either alphabet's case changes to a capital inside it, but two words run together do
        m = GLUED_WORDS.fullmatch(text)
        parts = (m.group(1).lower(), m.group(2).rstrip(".,;:)").lower()) if m else ()
        if m and (text.lower() in english() or not all(p in english() or p in seen for p in parts)):
            m = None
    if m:
        a, b = [g for g in m.groups() if g is not None]
        cut = w["x0"] + (w["x1"] - w["x0"]) * len(a) / len(text)
        return [dict(w, text=a, x1=cut), dict(w, text=b, x0=cut)]
    m = GLUED_NUMBER.fullmatch(text) or GLUED_DATE.fullmatch(text)  # no typist runs a list's number into its
    if m:  # item's first word, nor a day into its month
        a, b = m.groups()
        span = (w["x1"] - w["x0"]) / len(text)
        return [dict(w, text=a, x1=w["x0"] + span * len(a)), dict(w, text=b, x0=w["x1"] - span * len(b))]
    m = GLUED_STOP.fullmatch(text)  # no typist sets a full stop between two words without a space after it
    if m and all(p in english() or p in seen for p in (m.group(1).lstrip("(").lower(),
                                                        m.group(2).strip("(.,;:)").lower())):
        a, b = m.groups()
        span = (w["x1"] - w["x0"]) / len(text)
        return [dict(w, text=a, x1=w["x0"] + span * len(a)), dict(w, text=b, x0=w["x0"] + span * (len(a) + 1))]
    core = re.fullmatch(r"(\(?)([A-Za-z]+)([.,;:)]?)", text)  # (an opening bracket stays with the first part)
    parts = _joiner_parts(core.group(2), seen) if core and core.group(2).lower() not in english() else None
    if parts:
        parts[0] = core.group(1) + parts[0]
        parts[-1] += core.group(3)
        ends = list(itertools.accumulate(len(t) for t in parts))
        span = (w["x1"] - w["x0"]) / len(text)
        return [dict(w, text=t, x0=w["x0"] + span * (e - len(t)), x1=w["x0"] + span * e if k < len(parts) - 1
                     else w["x1"]) for k, (t, e) in enumerate(zip(parts, ends))]
    if re.fullmatch(r"[A-Za-z]+[015][A-Za-z]*|[015][a-z]+", text) and not NUMERIC.fullmatch(text):
        read = text.translate(DIGIT_FOR_LETTER)
        if read.lower() in english() or read.lower() in seen:
            return [dict(w, text=read)]
    core = re.fullmatch(r"([A-Za-z]*ii[A-Za-z]*)([.,;:)]?)", text)
    if core and core.group(1).lower() not in english():  # a 'u' read as 'ii' ('Eqiialities')
        read = core.group(1).replace("ii", "u")
        if read.lower() in english() or read.lower() in seen:
            return [dict(w, text=read + core.group(2))]
    return unglue(w, seen)


def _joiner_parts(text: str, seen: frozenset[str]) -> list[str] | None:
    """A word of letters, no English one, read as a joining word ('of', 'and', 'to') and a word of three letters or
    more, English or the document's, run together the one way or the other ('Headof', 'andcontract', 'subjectto';
    'oflearningand', twice): its parts, or None. A capital opens no joining word ('Andover' is a name), and 'of'
    ends a run only after a capitalised word, a role's ('Headof'; 'thereof' is one word the vocabulary lacks)."""
    def word(t: str) -> bool:
        return len(t) >= 3 and (t.lower() in english() or t.lower() in seen)
    for j in GLUED_JOINERS:
        if text.startswith(j) and len(text) > len(j) + 2:
            rest = text[len(j):]
            more = [rest] if word(rest) else _joiner_parts(rest, seen)
            if more:
                return [text[:len(j)], *more]
        if text.endswith(j) and len(text) > len(j) + 2 and (j != "of" or text[0].isupper()):
            head = text[:-len(j)]
            more = [head] if word(head) else _joiner_parts(head, seen)
            if more:
                return [*more, j]
    return None


SPLIT_MARKS = ".,;:!|'"  # what Tesseract reads at the break where it splits a tightly set word ('ACC!' 'EPTED')


def mend_decisions(words: list[dict]) -> list[dict]:
    """A decision's words as printed where OCR split one ('N OT AGREED', 'A GREED': two words touching that
    together are a decision's word and apart are not, a mark read at the break left out: 'ACC!' 'EPTED') or ran
    two together ('NOTAGREED')."""
    out: list[dict] = []
    for w in words:
        text = w["text"].rstrip(".,;:")
        low = text.lower()
        prev = out[-1] if out else None
        gap = w["x0"] - prev["x1"] if prev is not None else -9.0
        head = prev["text"].rstrip(SPLIT_MARKS) if prev is not None else ""
        if prev is not None and _same_line(prev, w) and -0.5 <= gap < 0.35 * (w["bottom"] - w["top"]) and (
                (head + text).lower() in DECISION_WORDS and prev["text"].lower() not in DECISION_WORDS
                and head.lower() not in DECISION_WORDS):
            out[-1] = dict(prev, text=head + w["text"], x1=w["x1"])
            continue
        cut = next((len(a) for a in DECISION_WORDS if low.startswith(a) and low[len(a):] in DECISION_WORDS), None)
        if cut:
            x = w["x0"] + (w["x1"] - w["x0"]) * cut / len(w["text"])
            out += [dict(w, text=w["text"][:cut], x1=x), dict(w, text=w["text"][cut:], x0=x)]
            continue
        out.append(w)
    return out


def split_first_heading(words: list[dict]) -> list[dict]:
    """A numbered header's '1.' run into its heading ('1.1D' for '1. ID', a ref's shape), split off where the
    same line numbers its other headings '2.', '3.' ... in order left to right."""
    out = list(words)
    for w in words:
        m = re.fullmatch(r"(1\.)(\S+)", w["text"])
        if not m:
            continue
        line = sorted((o for o in words if o is not w and _same_line(o, w) and o["x0"] > w["x0"]),
                      key=lambda o: o["x0"])
        numbers = [int(o["text"][:-1]) for o in line if re.fullmatch(r"\d\.", o["text"])]
        if len(numbers) >= 2 and numbers == list(range(2, len(numbers) + 2)):
            cut = w["x0"] + (w["x1"] - w["x0"]) * 2 / len(w["text"])
            i = out.index(w)
            out[i:i + 1] = [dict(w, text="1.", x1=cut), dict(w, text=m.group(2), x0=cut)]
    return out


def em_boxes(words: list[dict], body: float, s: OcrSettings, wide: float | None = None,
             written: list[dict] = ()) -> None:
    """Give OCR'd words (in place) the boxes a text layer would: one font size tall, reaching the font's
    descent below the baseline (a layer word beside one of `written`, the words the second look wrote in, on that
    word's: `on_baselines`). OCRmyPDF's layer sizes each line to its glyphs' height above the baseline,
    so lines with and without capitals or descenders differ in height and every gap between lines looks a
    third of a line wider than it is: a single-spaced plan read as spaced, a line read as a blank line.
    The font size is `body` (`body_size`), except in words clearly larger or smaller (their own: a heading, a
    footnote); a word of three characters or fewer keeps the body's (a speck or a rule's end in its box). A word's
    height shows its own size only where the width of its line's words (`wide`: the body's width per em,
    `width_size`) bears it out by `own_width`: a line's box askew is as tall as the line's rise across the page
    ('and in-cell  confirmed  National' over three columns, half as tall again as its letters), and the word
    given that size stood its top half a line too high, above the line it follows."""
    lines: dict[tuple[float, float], list[dict]] = {}  # the layer's lines: OCRmyPDF sets a line's words in one box
    for w in words:
        lines.setdefault((w["top"], w["bottom"]), []).append(w)
    scale: dict[tuple[float, float], float | None] = {}  # measured only for lines holding a word of another size
    sized: dict[int, tuple[float, float]] = {}  # each word's baseline and font size
    for w in words:
        h = w["bottom"] - w["top"]
        own = h / s.ascender
        size = body
        if not 1 / s.own_size < own / body < s.own_size and len(w["text"]) > 3:
            key = (w["top"], w["bottom"])
            if key not in scale:
                scale[key] = width_size(lines[key])
            across = scale[key]
            if not wide or not across or math.log(across / wide) / math.log(own / body) >= s.own_width:
                size = own
        sized[id(w)] = (w["bottom"] - s.layer_descent * h, size)
    for w, (baseline, size) in zip(words, on_baselines(words, sized, written, body, s)):
        w["bottom"] = baseline + s.descent * size
        w["top"] = w["bottom"] - size
        w["bearings"] = s.bearings * size


TALL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789bdfhklt")  # letters reaching a line's top


def own_baselines(words: list[dict], ink: list[list], common: float, s: OcrSettings) -> None:
    """Set the words of OCR layer lines standing off their own ink where that ink is (in place, marked `written`, as
    the second look's words are: `on_baselines` stands the rest of their run on them). OCRmyPDF sets a line's words
    on one baseline, and Tesseract may run a line across columns set at different heights (an owner centred beside
    a longer action, a date a third of a line below the bullet beside it), or set a line's box as tall as two
    where it did. `ink` is Tesseract's own box of each word it read (`OcrRead.ink`). Each line of the layer is
    parted into pieces at `merged_columns` points of white, and a piece's ink top (`_ink_top`) says where its
    baseline is: as far below as the page's lines of `common` height (its commonest word height; at least
    `own_lines` of them) stand their baselines below theirs. A piece whose baseline is at least `own_baseline` of
    `common` off its line's moves by as much, its words kept level. A piece whose capitals stand `own_size` times
    taller or shorter than those lines' is in a type of its own (a heading, a footnote), its baseline further or
    nearer: it is left as set. So is a piece that is a ref alone: the ref mechanisms (`sequence_refs`, the ref slots)
    read a ref against the line OCR set it on, and a ref centred in a merged cell, set on its own ink, fell between
    its row's lines and opened the record mid-row (gen-7741-025)."""
    if not common:
        return
    at: dict[str, list[tuple[float, float, float, float]]] = {}
    for text, *box in ink:
        at.setdefault(text, []).append(tuple(box))
    lines: dict[tuple[float, float], list[dict]] = {}
    for w in words:
        lines.setdefault((w["top"], w["bottom"]), []).append(w)
    pieces: list[tuple[float, float, list[dict], tuple[float, float | None] | None]] = []
    for (top, bottom), ws in lines.items():
        h = bottom - top
        if h <= 0:
            continue
        ws = sorted(ws, key=lambda w: w["x0"])
        run = [ws[0]]
        for a, b in zip(ws, ws[1:]):
            if b["x0"] - a["x1"] >= s.merged_columns:
                pieces.append((top, bottom, run, _ink_top(run, at, top, h, s)))
                run = []
            run.append(b)
        pieces.append((top, bottom, run, _ink_top(run, at, top, h, s)))
    usual = [(bottom - s.layer_descent * (bottom - top) - t[0], t[1]) for top, bottom, _run, t in pieces
             if t is not None and abs(bottom - top - common) <= s.settled * common]
    if len(usual) < s.own_lines:  # too few lines of common height to say where a line's ink stands
        return
    drop = sorted(d for d, _ in usual)[len(usual) // 2]  # how far below its ink's top a line's baseline stands
    caps = sorted(c for _, c in usual if c)
    cap = caps[len(caps) // 2] if caps else None  # how tall its capitals stand
    for top, bottom, run, t in pieces:
        if t is None or t[1] and cap and not 1 / s.own_size < t[1] / cap < s.own_size or all(
                _read_ref(w["text"]) or REF_LABEL.match(w["text"]) for w in run):
            continue
        off = t[0] + drop - (bottom - s.layer_descent * (bottom - top))
        if abs(off) >= s.own_baseline * common:
            for w in run:
                w.update(top=w["top"] + off, bottom=w["bottom"] + off, written=True, own_ink=True)


def _ink_top(ws: list[dict], at: dict[str, list[tuple]], top: float, h: float, s: OcrSettings
             ) -> tuple[float, float | None] | None:
    """Where the words' own ink (Tesseract's box of each, `at` by text) tops out, for words set on a layer line at
    `top`, `h` tall: the median over its words with a tall letter (a capital, digit or ascender, whose ink reaches
    the type's top) of its box's top; and how tall that ink stands where no letter descends (None where none says).
    A box more than `merged_height` times the line's height took in more than its word and says nothing. None where
    no word says."""
    tops, heights = [], []
    mid = top + h / 2
    for w in ws:
        if sum(c.isalnum() for c in w["text"]) < 2 or not any(c in TALL for c in w["text"]):
            continue
        near = [b for b in at.get(w["text"], ()) if w["x0"] - 1 <= (b[0] + b[2]) / 2 <= w["x1"] + 1
                and abs((b[1] + b[3]) / 2 - mid) <= s.merged_height * h and b[3] - b[1] <= s.merged_height * h]
        if near:
            b = min(near, key=lambda b: abs((b[1] + b[3]) / 2 - mid))
            tops.append(b[1])
            if not any(c in DESCENDERS for c in w["text"]):
                heights.append(b[3] - b[1])
    if not tops:
        return None
    return sorted(tops)[len(tops) // 2], sorted(heights)[len(heights) // 2] if heights else None


def on_baselines(words: list[dict], sized: dict[int, tuple[float, float]], written: list[dict], body: float,
                 s: OcrSettings) -> list[tuple[float, float]]:
    """Each word's baseline and size (`sized`, by id), a layer word beside a word the second look wrote in
    (`written`) on that word's baseline. OCRmyPDF sets a line's words at one baseline, and Tesseract may run a line
    over columns set at different heights (an owner's cell centred beside a longer action's): a column's words then
    stand on another column's baseline, up to half a line off their ink. A word written in stands where its ink
    does, so the layer words of its run of text take its baseline (the nearest's): each no more than `beside` font
    sizes from the word before (nor over it by more than `ink_margin`) and level with it (its middle within their
    box, their baselines less than `level` font sizes apart: the next line's word is left alone; and at least
    `settled` apart: closer, they are one line's as set). The line's words share one baseline again, its ink's. A
    word written in with no letter or digit (a bullet, a dash) does not sit on the baseline and sets none."""
    out = {id(w): sized[id(w)] for w in words}
    placed = [w for w in written if any(c.isalnum() for c in w["text"])]
    done = {id(w) for w in written}
    while placed:
        moved: dict[int, tuple[float, dict]] = {}  # a layer word -> the nearest placed word beside it
        for w in placed:
            mid = (w["top"] + w["bottom"]) / 2
            for o in words:
                gap = max(o["x0"] - w["x1"], w["x0"] - o["x1"])
                off = abs(out[id(o)][0] - out[id(w)][0])
                level = s.settled * body <= off < s.level * body and o["top"] < mid < o["bottom"]
                if id(o) not in done and level and -s.ink_margin < gap <= s.beside * body and (
                        id(o) not in moved or gap < moved[id(o)][0]):
                    moved[id(o)] = (gap, w)
        placed = [o for o in words if id(o) in moved]
        for o in placed:
            out[id(o)] = (out[id(moved[id(o)][1])][0], out[id(o)][1])
            done.add(id(o))
    return [out[id(w)] for w in words]


def _ems(text: str) -> float:
    """How wide `text` is set in Helvetica one point high (the layer's font; any font's letters keep roughly its
    proportions)."""
    from pdfminer.fontmetrics import FONT_METRICS
    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths.get(ch, 556) for ch in text) / 1000


def width_size(words: list[dict]) -> float | None:
    """Points of width per em of Helvetica over `words` (the document's: the body's width per em; a line's: how
    wide its font runs): their font's size times how wide it runs; over several, the middle one of their words of
    more than three characters (a line run together with another reads a word or two of nonsense as wide as
    both), or of all where none is that long."""
    scales = [(len(w["text"]) > 3, (w["x1"] - w["x0"]) / ems) for w in words for ems in [_ems(w["text"])] if ems > 0]
    chosen = sorted(x for longer, x in scales if longer) or sorted(x for _, x in scales)
    return chosen[len(chosen) // 2] if chosen else None


def body_size(words: list[dict], s: OcrSettings) -> float | None:
    """The document's body font size read from its OCR'd words: their commonest height (to a tenth of a point)
    over `ascender`. Tesseract's heights differ by a pixel from page to page and line to line, so one size for
    the whole document keeps its lines' steps measured in one unit."""
    heights = Counter(round(w["bottom"] - w["top"], 1) for w in words if w["bottom"] > w["top"])
    return heights.most_common(1)[0][0] / s.ascender if heights else None


# Refs as `sequence_refs` reads them: a letter prefix ('', 'S', 'R') and a number, or a section and a number ('5.01').
PLAIN_REF = re.compile(r"([A-Z]{0,2})(\d{1,3})([.)]?)")
DOTTED_REF = re.compile(r"(\d{1,3})\.(\d{1,3})([.)]?)")
# Characters Tesseract reads for the letters, digits and points of a ref ('$31' for 'S31', 'Rl' for 'R1', '1:2').
CONFUSED = str.maketrans({"$": "S", "§": "S", "l": "1", "I": "1", "|": "1", "!": "1", "i": "1", "L": "1", "t": "1",
                          "O": "0", ":": ".", ",": ".", "o": "0", "D": "0", "Z": "2", "z": "2", "S": "5", "s": "5",
                          "B": "8", "G": "6", "g": "9"})


def _read_ref(text: str) -> tuple[str, tuple[int, ...], str] | None:
    """A ref's style ('S', 'R', '' or '.' for a section's number), its numbers and what closes it ('.', ')', '')."""
    if m := DOTTED_REF.fullmatch(text):
        return ".", (int(m.group(1)), int(m.group(2))), m.group(3)
    if m := PLAIN_REF.fullmatch(text):
        return m.group(1), (int(m.group(2)),), m.group(3)
    return None


def _readings(text: str, style: str, sections: set[int]) -> list[tuple[int, ...]]:
    """What a misread slot may have printed in `style`: its text with Tesseract's confusions undone, and, for a
    section's number, with the point it lost put back after one of the plan's section numbers ('13' -> 1.3)."""
    t = text.rstrip(".)").translate(CONFUSED)
    out = [r[1] for r in [_read_ref(t)] if r and r[0] == style]
    if style == "." and t.isdigit():
        out += [(n, int(t[len(str(n)):])) for n in sections if t.startswith(str(n)) and len(t) > len(str(n))]
    return out


def _same_line(a: dict, b: dict) -> bool:
    """Do two words overlap by more than half the smaller one's height?"""
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return overlap > 0.5 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])


def _unmarked(text: str) -> str:
    """A ref label's word without the mark OCR read onto its end ('concern.' , 'Recommendation—'); 'Rec.' keeps its
    point."""
    return text if REF_LABEL.match(text) else text.rstrip(".,;:_|" + DASHES)


def _pieces(line: list[dict], k: int, s: OcrSettings, h: float) -> list[dict]:
    """The words after `line[k]` on its line that touch it, one after another (`piece_gap`), where it and each is a
    character or two with no digit: one ref's ink OCR split in pieces ('1.1' read 'aE' 'E'), none of them a word."""
    def piece(o: dict) -> bool:
        return len(o["text"]) <= 2 and not any(c.isdigit() for c in o["text"])
    run: list[dict] = []
    if not piece(line[k]):
        return run
    for o in line[k + 1:]:
        if not piece(o) or o["x0"] - (run or [line[k]])[-1]["x1"] > s.piece_gap * h:
            break
        run.append(o)
    return run


def _ref_slots(words: list[dict], s: OcrSettings, h: float,
               pieces: dict[int, tuple[str, list[dict]]] | None = None) -> list[tuple[dict, str, bool, float | None]]:
    """Words where a ref's number stands: opening their line, or after a ref label that does, with nothing
    after them on the line closer than a column's gap (`ref_gap` font sizes). Each with its label, whether
    a row's text begins beside it, and where that text begins (None where none does). `h` is the body's font size
    (one word's own box may hold a speck). A ref's ink OCR split in pieces (`_pieces`) is one slot, at its first
    piece: `pieces` gets, by that word's id, its text as read and the pieces after it."""
    out = []
    by_top = sorted(words, key=lambda o: o["top"])
    tops = [o["top"] for o in by_top]

    def near(w: dict, reach: float) -> list[dict]:  # words whose tops lie within `reach` of w's (a line, and above)
        return by_top[bisect.bisect_left(tops, w["top"] - reach):bisect.bisect_right(tops, w["top"] + reach)]
    for w in words:
        line = sorted((o for o in near(w, 2 * h) if o is w or _same_line(o, w)), key=lambda o: o["x0"])
        k = line.index(w)
        before = line[:k]
        if any(not REF_LABEL.match(_unmarked(o["text"])) for o in before):
            continue
        run = _pieces(line, k, s, h)
        end = run[-1] if run else w
        if run and pieces is not None:
            pieces[id(w)] = (w["text"], run)
        k += len(run)
        if k + 1 < len(line) and line[k + 1]["x0"] - end["x1"] < s.ref_gap * h:
            continue
        if not before:  # a label wrapped onto the line above ('Recommendation' / '4', 'Priority' / 'concern' / '1')
            # (its box may reach a little into this line's: an em box set over tightly spaced lines, not on it)
            above = [o for o in near(w, 3 * h) if o["top"] < w["top"] and not _same_line(o, w)
                     and w["top"] - o["bottom"] < h and o["x0"] <= w["x1"] and w["x0"] <= o["x1"]]
            # but not a header's word the next in its cell follows ('Rec No' over the first ref): a label wrapped
            # in a ref's cell has only its own words after it there
            before = [o for o in sorted(above, key=lambda o: o["bottom"])[-1:] if REF_LABEL.match(_unmarked(o["text"]))
                      and not _followed(o, near(o, 2 * h), s.ref_gap * h)]
        if before and any(c.isdigit() for c in w["text"]):  # a speck read onto the label ('concern.') is no part of it
            for o in before:
                o["text"] = _unmarked(o["text"])
            if not _same_line(before[0], w):  # nor onto its first word, wrapped a line higher ('Priority.' / 'concern')
                top = before[0]
                higher = [o for o in near(top, 3 * h) if o["top"] < top["top"] and not _same_line(o, top)
                          and top["top"] - o["bottom"] < h and o["x0"] <= top["x1"] and top["x0"] <= o["x1"]]
                for o in sorted(higher, key=lambda o: o["bottom"])[-1:]:
                    if REF_LABEL.match(_unmarked(o["text"])) and not _followed(o, near(o, 2 * h), s.ref_gap * h):
                        o["text"] = _unmarked(o["text"])
        out.append((w, " ".join(o["text"] for o in before).lower(), k + 1 < len(line),
                    line[k + 1]["x0"] if k + 1 < len(line) else None))
    return out


def _followed(w: dict, near: list[dict], gap: float) -> bool:
    """Does a word that is no ref label follow `w` on its line, closer than `gap` (within its cell)? A mark alone
    ('concern —': a dash OCR read as a word of its own) is no word."""
    return any(o is not w and _same_line(o, w) and 0 <= o["x0"] - w["x1"] < gap and any(c.isalnum() for c in o["text"])
               and not REF_LABEL.match(_unmarked(o["text"])) for o in near)


def _one_off(a: str, b: str) -> bool:
    """Is `a` the word `b` with one letter lost, added or read as another?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _mend_labels(pages: list[list[dict]], s: OcrSettings, h: float) -> None:
    """A ref's label word OCR read a letter off ('concer' for 'concern', 'Key concer 5'), in place: a word opening its
    line where the plan's clean label words of that spelling open theirs (their left edges within a font size), one
    letter lost, added or changed from them, or more where it is no English word (a word of its own is what was
    printed), its box is as wide as theirs (`label_width`: the same ink) and most of its letters are still theirs
    (`label_likeness`: 'Recomuiendariod'), with a number after it (on its line, a column's gap or less away) or
    under it. A plan prints one label; without it the slot opens no record, and the record is lost."""
    def line_of(w: dict, words: list[dict]) -> list[dict]:
        return sorted((o for o in words if _same_line(o, w)), key=lambda o: o["x0"])

    def numeric(o: dict) -> bool:
        return any(c.isdigit() for c in o["text"])

    def like(w: dict, k: str, seen: list[tuple[str, float, float]]) -> bool:  # read a letter off, or the same ink
        t = w["text"].lower()
        return _one_off(t, k) or t not in english() and SequenceMatcher(None, t, k).ratio() >= s.label_likeness and any(
            abs(w["x1"] - w["x0"] - width) <= s.label_width * width for _, _, width in seen)
    clean: dict[str, list[tuple[str, float, float]]] = {}
    for words in pages:
        for w in words:
            if REF_LABEL.match(t := _unmarked(w["text"])) and line_of(w, words)[0] is w:
                clean.setdefault(t.lower(), []).append((t, w["x0"], w["x1"] - w["x0"]))
    for words in pages:
        for w in words:
            t = w["text"]
            fits = [k for k, seen in clean.items() if len(t) >= 4 and t.isalpha() and like(w, k, seen) and any(
                abs(x - w["x0"]) <= h for _, x, _ in seen)] if not REF_LABEL.match(_unmarked(t)) else []
            if len(fits) != 1 or (line := line_of(w, words))[0] is not w:
                continue
            below = [o for o in words if 0 < o["top"] - w["bottom"] < h and o["x0"] < w["x1"] and w["x0"] < o["x1"]]
            if any(numeric(o) and o["x0"] - w["x1"] <= s.ref_gap * h for o in line[1:2]) or any(
                    numeric(o) for o in sorted(below, key=lambda o: o["top"])[:1]):
                w["text"] = Counter(text for text, _, _ in clean[fits[0]]).most_common(1)[0][0]


def _label_overleaf(page: list[dict], overleaf: list[dict], slots: list[tuple], s: OcrSettings,
                    h: float) -> list[tuple]:
    """The slots of the page after `page` (`overleaf`), the first number under a ref's label at `page`'s foot
    taking that label ('Key' / 'concern' ending the page, '7' read '1h' atop the next): the label is the lowest
    of `page`'s ref-label words, opening its line, with nothing under it in its column but what the next page
    repeats (a footer); the number, a slot without a label that holds a digit, is the topmost in the label's
    column overleaf and above every slot there after the same label."""
    labels = [w for w in page if REF_LABEL.match(_unmarked(w["text"]))]
    if not labels:
        return slots
    last = max(labels, key=lambda w: w["bottom"])
    line = sorted((o for o in page if _same_line(o, last)), key=lambda o: o["x0"])
    first = line[0]
    if any(not REF_LABEL.match(_unmarked(o["text"])) for o in line if o["x0"] < last["x0"]):
        return slots  # a label's word inside a sentence

    def repeated(o: dict) -> bool:
        return any(q["text"] == o["text"] and abs(q["top"] - o["top"]) <= s.overleaf_twin * h and abs(
            q["x0"] - o["x0"]) <= s.overleaf_twin * h for q in overleaf)
    if any(o["top"] >= last["bottom"] and o["x0"] <= first["x1"] and first["x0"] <= o["x1"] and not repeated(o)
           for o in page):
        return slots  # the label's row goes on below it on its page
    label = _unmarked(first["text"]).lower()

    def column(w: dict) -> bool:
        return w["x0"] <= first["x1"] + h and first["x0"] - h <= w["x1"]
    free = [k for k, (w, lab, *_) in enumerate(slots) if not lab and column(w) and any(c.isdigit() for c in w["text"])]
    if not free:
        return slots
    k = min(free, key=lambda k: slots[k][0]["top"])
    w = slots[k][0]
    if any(lab == label and column(o) and o["top"] < w["top"] for o, lab, *_ in slots):
        return slots
    return [*slots[:k], (w, label, *slots[k][2:]), *slots[k + 1:]]


def _lost_points(texts: list[str], lo: tuple[int, ...] | None, hi: tuple[int, ...]) -> list[tuple[int, int]] | None:
    """The refs of a section no clean ref shows, every one read without its point ('11' '12' '13' '14' for 1.1 to
    1.4 before a clean 2.5), between the clean dotted refs `lo` (or the plan's start) and `hi` of other sections:
    one section number between theirs opens every slot, and what follows it counts on by one from 1 (or on from
    `lo`'s number), to the number before `hi`'s or to a section counted afresh (`hi` its first). None where no
    single such reading fits them all."""
    if not texts or not all(t.isdigit() for t in texts):
        return None
    fits = []
    for n in range((lo[0] if lo else 0) + 1, hi[0]):
        head = str(n)
        if all(t.startswith(head) and len(t) > len(head) for t in texts):
            nums = [int(t[len(head):]) for t in texts]
            if nums == list(range(nums[0], nums[0] + len(nums))) and (
                    nums[0] == 1 or lo and nums[0] == lo[1] + 1) and hi[1] in (1, nums[-1] + 1):
                fits.append([(n, k) for k in nums])
    return fits[0] if len(fits) == 1 else None


def _next_to(k: tuple[int, ...], lo: tuple[int, ...] | None, hi: tuple[int, ...] | None, m: int, style: str) -> bool:
    """Is reading `k` at most `m` numbers on from its clean neighbour `lo` (or before `hi`), in its section?"""
    return bool(lo and k[:-1] == lo[:-1] and 0 < k[-1] - lo[-1] <= m or hi and k[:-1] == hi[:-1] and (
        0 < hi[-1] - k[-1] <= m) or lo and hi and style == "." and lo[0] < k[0] == hi[0] and k[1] <= m)


def _lost_digit(read: str, printed: str) -> bool:
    """Could Tesseract have read `printed`'s digits as `read`'s, one of them lost ('11' read 'l', '12' read '2')?
    `read`'s digits, its confusions undone, are `printed`'s with one left out."""
    return len(read) + 1 == len(printed) and any(printed[:k] + printed[k + 1:] == read for k in range(len(printed)))


def _count_on(slots: list[tuple], read: list, idx: list[int], label: str, span: tuple[float, float]) -> None:
    """The refs after a plan's last clean one, every one misread ('R11' read 'Rl', 'R12' read 'RI'; '11' after its
    label read 'au', '12' read '2'), take the numbers that count on from it, in order. Nothing bounds them from
    below, so only where the plan counts by one up to there (its column's refs, as put right, each above the one
    before, more than half of them by one, every slot between read) and each slot, beside a row's text, is one
    no other reading places there: read as the plan's style (its confusions undone) with a digit lost from the
    number it takes, or ink read as no ref at all after a label, one or two characters (with no label below the
    last ref, nothing bounds what such ink may be: left as read). The first slot
    that is neither (a summary's 'Accepted' below the plan, an 'R1' after 'R3') ends the refs."""
    if not idx:
        return
    style = read[idx[0]][0]

    def number(j: int) -> int | None:
        r = _read_ref(slots[j][0]["text"])
        return r[1][0] if r and r[0] == style else None

    column = [j for j in range(len(slots)) if slots[j][1] == label and span[0] <= slots[j][0]["x1"]
              and slots[j][0]["x0"] <= span[1]]
    numbered = [j for j in column if number(j) is not None]
    # the last ref read in order: every numbered slot up to it above the one before
    run = numbered[:1]
    for j in numbered[1:]:
        if number(j) <= number(run[-1]):
            break
        run.append(j)
    steps = [number(b) - number(a) for a, b in zip(run, run[1:])]
    # the plan counts by one (a ref no slot shows aside: more than half its steps are one), and reads in order
    # to there, every slot between its first ref and its last read as one
    if steps.count(1) * 2 <= len(steps) or not set(run) & set(idx):
        return
    last = run[-1]
    if any(number(j) is None for j in column if run[0] < j < last):
        return
    lo = number(last)
    tail = [j for j in column if j > last and slots[j][2]]
    if not tail or any(number(j) is not None and number(j) > lo for j in tail):
        return  # a ref past the last in order bounds the rest: `sequence_refs` reads between
    for m, j in enumerate(tail, 1):
        t = slots[j][0]["text"]
        printed = str(lo + m)
        digits = t[len(style):].rstrip(".)").translate(CONFUSED) if t.startswith(style) else None
        if digits is not None and digits.isdigit():  # read as a ref of the style: only a digit lost places it
            if not _lost_digit(digits, printed):
                return
        elif not label or any(c.isdigit() for c in t) or len(t) > 2 or t == BULLET:
            return  # a slot no misreading explains: the plan's refs have ended (a summary's 'Total' below)
        slots[j][0]["text"] = f"{style}{printed}"


def _misread_clean(idx: list[int], read: list) -> int | None:
    """The clean ref among `idx` (slots in order down the plan) OCR misread as another's digits ('8' for '3': Key
    concern 8, 4, 5 ... 8): one that repeats another's reading, where leaving it out, and it alone of those, puts
    every other in order. It is then read as a misread slot is, from the clean refs around it."""
    def ordered(keep: list[int]) -> bool:
        return all(read[i][1] < read[o][1] for i, o in zip(keep, keep[1:]))

    def room(i: int) -> bool:
        """Do the clean refs either side of `i`, it left out, leave a number between them for it to have printed?"""
        k = idx.index(i)
        lo = read[idx[k - 1]][1] if k else None
        hi = read[idx[k + 1]][1] if k + 1 < len(idx) else None
        return lo is None or hi is None or lo[:-1] != hi[:-1] or hi[-1] - lo[-1] > 1

    if ordered(idx):
        return None
    seen = Counter(read[i][1] for i in idx)
    fits = [i for i in idx if seen[read[i][1]] > 1 and ordered([o for o in idx if o != i])]
    # two reading alike next to each other (5, 6, 6, 8: '7' read '6'): only the one with a number free between
    # its neighbours can have printed another
    fits = [i for i in fits if room(i)] if len(fits) > 1 else fits
    return fits[0] if len(fits) == 1 else None


COLON_REF = re.compile(r"(\d{1,3}):(\d{1,3})")  # a dotted ref's point read as a colon ('3:3')


def _colon_points(slots: list[tuple], read: list, idx: list[int], label: str, h: float) -> list[int]:
    """`idx` (the clean dotted refs, in order down the plan) with the slots whose point OCR read as a colon ('3:3' for
    3.3, in small type) read as clean, their text mended: each in the clean refs' column (its left edge within
    3 font sizes of theirs), after their label, and in order with them. Such a ref is as sure as a clean one, and
    one clean ref with it is two, enough to read the misread slots between (a ratio's '1:1' inside a cell's text
    opens no slot, and one in no column of refs, or out of their order, is left as read)."""
    if not idx:
        return idx
    x0s = sorted(slots[i][0]["x0"] for i in idx)
    out = list(idx)
    for j, (w, lab, *_) in enumerate(slots):
        m = COLON_REF.fullmatch(w["text"])
        if not m or read[j] or lab != label or abs(w["x0"] - x0s[len(x0s) // 2]) > 3 * h:
            continue
        key = (int(m.group(1)), int(m.group(2)))
        keep = sorted([*out, j])
        keys = [key if i == j else read[i][1] for i in keep]
        if all(a < b for a, b in zip(keys, keys[1:])):
            w["text"] = f"{key[0]}.{m.group(2)}"
            read[j] = (".", key, "")
            out = keep
    return out


def sequence_refs(pages: list[dict], todo: set[int], s: OcrSettings, h: float) -> None:
    """Refs misread by OCR put right, in place, where the refs read cleanly around them confirm it, and the
    rest of what stands where a ref does marked as one (`ref_slot`), so its row still opens a record.

    A plan numbers its recommendations in order. A misread slot ('$31', 'Rl', 'Z', '1:2', '13' for 1.3) sits
    in the clean refs' column, after the same label if they have one, between two clean refs P and N (or before
    the first, or after the last) and reads as a ref of their style that sorts between them once Tesseract's
    confusions are undone. Where k slots lie between plain refs P and N with N - P - 1 == k, they take the numbers
    between in order, and then need only be short, beside a row's text (or, after a label, one or two
    characters: 'a' for '1'). Ink OCR read as no digit at all ('>', 'u', 'AL:'), short and beside a row's text,
    takes the numbers between two clean refs in order only where such slots are as many as the numbers missing, all
    of them or those beside text that begins where the clean refs' rows' does (a header repeated atop a page, its
    cells centred, is ink read as no digit too); before the first clean ref, only where the refs count from 1. A
    clean ref with a point or bracket the others of its style lack loses it ('1.'). A number atop a page under a
    label ending the page before takes that label (`_label_overleaf`), and a section no clean ref shows, its refs
    all read without their point, is read by the count (`_lost_points`). A label's word read a letter off is the
    plan's label (`_mend_labels`)."""
    by_page = {p["page"]: p for p in pages if p["page"] in todo}
    _mend_labels([p["words"] for _, p in sorted(by_page.items())], s, h)
    slots = []
    pieces: dict[int, tuple[str, list[dict]]] = {}
    for n, p in sorted(by_page.items()):
        own = _ref_slots(p["words"], s, h, pieces)
        if n - 1 in by_page:  # a label at the foot of the page before, its number atop this one
            own = _label_overleaf(by_page[n - 1]["words"], p["words"], own, s, h)
        slots += [(*slot, n) for slot in own]
    # a word read as no ref, the same in the same place atop pages (a header repeated on every page: 'Para') is
    # none of the refs' slots: a misread ref's ink reads differently each time, and each stands where its row does
    at: dict[str, list[tuple[int, float]]] = {}
    for w, *_, n in slots:
        at.setdefault(w["text"], []).append((n, w["top"]))
    slots = [slot[:-1] for slot in slots if _read_ref(slot[0]["text"]) or len({
        n for n, top in at[slot[0]["text"]] if n != slot[-1] and abs(top - slot[0]["top"]) <= h}) < s.header_pages]
    read = [_read_ref(w["text"]) for w, *_ in slots]
    styles = Counter((label, r[0]) for (w, label, *_), r in zip(slots, read) if r)
    for (label, style), _n in styles.most_common():
        idx = [i for i, r in enumerate(read) if r and r[0] == style and slots[i][1] == label]
        # the refs' column: where those beside a row's text stand (a page's number in its margin, beside nothing,
        # counts pages, and on a long plan outnumbers the refs)
        x0s = sorted(slots[i][0]["x0"] for i in idx if slots[i][2]) or sorted(slots[i][0]["x0"] for i in idx)
        idx = [i for i in idx if abs(slots[i][0]["x0"] - x0s[len(x0s) // 2]) <= 3 * h]
        if style == ".":
            idx = _colon_points(slots, read, idx, label, h)
        misread = _misread_clean(idx, read)
        idx = [i for i in idx if i != misread]
        # a label, or a section's number and point ('3.3': no stray number's shape), confirms what one clean ref begins
        if len(idx) < (1 if label or style == "." else 2):
            continue
        span = (min(slots[i][0]["x0"] for i in idx) - h, max(slots[i][0]["x1"] for i in idx) + h)
        ends = Counter(read[i][2] for i in idx)
        for i in idx:
            if read[i][2] and ends[read[i][2]] * 2 < len(idx):
                slots[i][0]["text"] = slots[i][0]["text"][:-1]
        numbers = [re.sub(r"[.)]$", "", slots[i][0]["text"]).rsplit(".", 1)[-1].lstrip("SR") for i in idx]
        width = max(map(len, numbers)) if any(t.startswith("0") for t in numbers) else 1  # '5.01': zero-padded
        sections = {read[i][1][0] for i in idx} if style == "." else set()
        longest = max(len(slots[i][0]["text"]) for i in idx)

        def text_of_ref(key: tuple[int, ...], style=style, width=width) -> str:
            return f"{key[0]}.{key[1]:0{width}d}" if style == "." else f"{style}{key[0]}"

        def in_column(j: int, label=label, span=span, style=style, misread=misread) -> bool:
            w, lab, *_ = slots[j]
            return lab == label and span[0] <= w["x1"] and w["x0"] <= span[1] and (
                read[j] is None or read[j][0] != style or j == misread)

        def unreadable(j: int, longest=longest) -> bool:
            """A slot OCR read as no digit at all, a few characters at most, beside a row's text: a ref's ink
            misread whole ('>', 'u', 'AL:'), not a word (a heading, a section's name) nor a cross-reference."""
            t = slots[j][0]["text"]
            return slots[j][2] and not any(c.isdigit() for c in t) and len(t) <= longest + s.blind_extra and (
                t != BULLET)

        def in_order(i: int | None, idx=idx) -> bool:
            """Does clean ref `i` sort after every clean ref before it and before every one after it?"""
            if i is None:
                return True
            k = idx.index(i)
            return all(read[o][1] < read[i][1] for o in idx[:k]) and all(read[i][1] < read[o][1] for o in idx[k + 1:])

        marks = [j for j in range(len(slots)) if in_column(j)]
        # a section's refs that count on across sections ('1.3', '2.4', '2.5', '3.8'): each clean ref's number
        # above the one before, in more than one section
        running = style == "." and len(sections) > 1 and all(
            read[i][1][1] < read[o][1][1] and read[i][1][0] <= read[o][1][0] for i, o in zip(idx, idx[1:]))
        counted = [read[i][1][0] for i in idx] == list(range(read[idx[0]][1][0], read[idx[0]][1][0] + len(idx)))
        beside = sorted(slots[i][3] for i in idx if slots[i][3] is not None)
        text_at = beside[len(beside) // 2] if beside else None  # where the clean refs' rows' text begins

        def level_with(j: int, at=text_at) -> bool:  # beside text that begins where the clean refs' rows' text does
            return None not in (slots[j][3], at) and abs(slots[j][3] - at) <= h
        bounds = [None, *idx, None]
        for a, b in zip(bounds, bounds[1:]):
            lo = read[a][1] if a is not None else None
            hi = read[b][1] if b is not None else None
            passed = [j for j in marks if (a is None or j > a) and (b is None or j < b)]
            between = [j for j in passed if _readings(slots[j][0]["text"], style, sections) or label and len(
                slots[j][0]["text"]) <= 2]
            # ink OCR read as no digit at all ('>', 'u', 'AL:' for '5', '7', '1'), short, beside a row's text,
            # between clean refs in order with those around them (a heading's '1.' read as '1' is out of it)
            blind = [j for j in passed if unreadable(j)] if in_order(a) and in_order(b) else []
            # (there, only ink beside text that begins where the clean refs' rows' text does: a glossary's 'Term'
            # over the plan, 'Definition' far off, is no ref, nor a header's 'Rec' repeated atop a page)
            level = [j for j in blind if level_with(j)]
            if lo and hi and style != "." and len(between) != hi[0] - lo[0] - 1:
                for ink in (blind, level):
                    if len(ink) == hi[0] - lo[0] - 1 and not set(between) - set(ink):
                        between = ink  # the numbers missing between two clean refs are those slots', in order
                        break
            lost = [j for j in passed if slots[j][0]["text"].isdigit()]
            if style == "." and hi and in_order(a) and in_order(b) and (
                    keys := _lost_points([slots[j][0]["text"] for j in lost], lo, hi)):
                for j, key in zip(lost, keys):  # a section's refs all read without their point
                    slots[j][0]["text"] = text_of_ref(key)
                continue
            if running and hi and level and not between and len(level) == hi[1] - (lo[1] if lo else 0) - 1:
                # a section's refs counted on across sections (1.3, 2.4 ... 3.8): the slots take the numbers missing
                # below the clean ref after them, in order, in its section where no other can hold them (one section
                # either side, or the first); between two sections, a slot only opens its record
                for j, n in zip(level, range((lo[1] if lo else 0) + 1, hi[1])):
                    if lo and lo[0] == hi[0] or not lo and hi[0] == 1:
                        slots[j][0]["text"] = text_of_ref((hi[0], n))
                    else:
                        slots[j][0]["ref_slot"] = True
                continue
            if lo and hi and style != "." and len(between) == hi[0] - lo[0] - 1:
                for j, n in zip(between, range(lo[0] + 1, hi[0])):
                    slots[j][0]["text"] = text_of_ref((n,))
                continue
            if lo and hi and style != ".":
                continue  # between plain refs only a count that fits says which slot is which
            # otherwise each slot in turn, outward from the clean ref it follows (or, before the first, precedes)
            # (`m`: slots passed, read or not; before the first, since the last ref: one put right there is the next
            # slot's neighbour, the count from 1 bounding them, so 'a' before '2:' put right before a clean 3 is '1')
            walk = passed[::-1] if a is None else passed
            m = 0
            for j in walk:
                m += 1
                fit = [k for k in _readings(slots[j][0]["text"], style, sections)
                       if (lo is None or k > lo) and (hi is None or k < hi) and _next_to(k, lo, hi, m, style)]
                # before the first clean ref, the slot next to it: after a label, one or two characters; ink read as
                # no digit, only where the refs count from 1 (a plan's first ref may be any number: 'S30')
                # after the last, ink read as no digit after a label, the first slot, level with the clean refs'
                # rows' text, where those count on by one without a gap: the number after the last
                after = (b is None and lo and style != "." and label and j in blind and j in level and m == 1
                         and not fit and counted)
                # before a first clean 1.2, ink read as no digit level with the refs' rows' text, the slot next to
                # it: 1.1, as a blind slot before a first clean '2' is '1'
                first = a is None and hi == (1, 2) and style == "." and j in blind and j in level and m == 1 and not fit
                if first:
                    slots[j][0]["text"] = text_of_ref((1, 1))
                    lo, hi = lo, (1, 1)
                    continue
                if after or len(fit) == 1 or (
                        label and len(slots[j][0]["text"]) <= 2 or j in blind and hi == (2,)) and (
                        a is None and hi and style != "." and hi[0] > 1 and not fit and m == 1):
                    key = fit[0] if fit else (lo[0] + 1,) if after else (hi[0] - 1,)
                    slots[j][0]["text"] = text_of_ref(key)
                    lo, hi = (lo, key) if a is None else (key, hi)
                    m = 0 if a is None else m
        if style != ".":
            _count_on(slots, read, idx, label, span)
        for j in marks:  # what is left unread still stands where a ref does, beside a row's text: after a label,
            # one or two characters; else a digit, ink that reads as the plan's style once Tesseract's confusions are
            # undone ('RO' for 'R9'), or ink read as no digit beside text that begins where the clean refs' rows' does
            w = slots[j][0]
            if slots[j][2] and _read_ref(w["text"]) is None and len(w["text"]) <= longest + 1 and (
                    label and len(w["text"]) <= 2 or any(c.isdigit() for c in w["text"]) or (
                        (r := _read_ref(w["text"].rstrip(".)").translate(CONFUSED))) and r[0] == style) or (
                        unreadable(j) and level_with(j))):
                w["ref_slot"] = True
    for p in by_page.values():  # a ref's ink split in pieces, read as a ref or marked a slot: one word, its box theirs
        gone = set()
        for w in p["words"]:
            if id(w) not in pieces or id(w) in gone:
                continue
            read_as, run = pieces[id(w)]
            if w["text"] == read_as and not w.get("ref_slot"):
                continue  # no ref stands there: the pieces stay as read
            if w["text"] == read_as:
                w["text"] += "".join(o["text"] for o in run)  # unread still: every character kept
            w["x1"] = max(o["x1"] for o in run)
            w["top"], w["bottom"] = min(o["top"] for o in [w, *run]), max(o["bottom"] for o in [w, *run])
            gone |= {id(o) for o in run}
        if gone:
            p["words"][:] = [w for w in p["words"] if id(w) not in gone]


def repair(pages: list[dict], ocr_pages: list[int], s: OcrSettings | None = None,
           looked: dict[int, list[dict]] | None = None, ink: dict[int, list[list]] | None = None) -> list[dict]:
    """Mend the words of the OCR'd pages in place (and return the pages): a word Tesseract read letter by letter
    (`join_spelt`) or parted with no space between its pieces joined (`join_parted`), a year's digit read onto its
    month's name put back (`year_respaced`), boxes made a text layer's (`em_boxes`, the words of a line on the
    baseline of those the second look wrote in: `looked`, per page, as `OcrRead.looked` has them; words set on
    another column's baseline first put where their own ink is: `own_baselines`, from `ink`, per page as
    `OcrRead.ink` has it; a page still tilted after deskewing set straight: `tilt`, `straighten`; a first reading
    squeezed between two lines the second look wrote in left out: `between_written`), rule characters dropped, a
    bullet misread as '*', '«', 'e' ... becomes '•', refs and dates mended by `repair_word`, an opening bracket and
    capital read as one small letter put back as the document reads the word elsewhere (`rebracketed`), a word read
    across a blank parted (`part_at_gap`), words run together split and letters misread as digits put back
    (`split_glued`), misread refs put right (`sequence_refs`), a page
    count's number and 'of' read as one word parted (`page_count_parted`); each such page is marked `scanned`. Words
    of pages read from their own text layer are left as they are."""
    s = s or OcrSettings()
    todo = set(ocr_pages)
    seen = frozenset(t for p in pages for w in p["words"]
                     for t in [re.sub(r"^\W+|\W+$", "", w["text"]).lower()] if t)
    habits = bracket_habits(pages)
    for p in pages:
        if p["page"] not in todo:
            continue
        for w in p["words"]:  # written at the left of the ink it read, on its baseline (`write_word`)
            w["written"] = any(abs(w["x0"] - o["x0"]) <= 0.5 and w["top"] < (o["top"] + o["bottom"]) / 2 < w["bottom"]
                               for o in (looked or {}).get(p["page"], ()))
        if (ink or {}).get(p["page"]):
            own_baselines(p["words"], ink[p["page"]], common_height(p["words"]), s)
        slope = tilt(p["words"], s)
        if slope:
            straighten(p, slope)
        words = []
        shed = None  # what was left of a word a speck was shed from, the start of the next where that touches it
        for w in year_respaced(join_parted(join_spelt(p["words"], s, seen), s, seen), s):
            w = shed_speck(w)
            if w is None:
                continue
            if shed is not None and _same_line(shed, w) and 0 <= w["x0"] - shed["x1"] <= s.speck_touch * (
                    shed["bottom"] - shed["top"]) and w["text"][:1].isalpha():
                w = dict(w, text=shed["text"] + w["text"], x0=shed["x0"])
                words = words[:-len(shed["made"])]
            t = rebracketed(repair_word(w["text"]), habits)
            made = [m for part in part_at_gap(dict(w, text=t)) for m in split_glued(part, seen)] if t else []
            words += made
            shed = dict(w, text=t, made=made) if t and w.get("shed") and t.isalpha() and made else None
        words = split_first_heading(mend_decisions(page_count_parted(shed_stray_marks(words, s))))
        read = [w for w in words if _bulletish(w["text"]) and _is_bullet(w, words)]
        # then a letter no wider space sets apart, where the page's bullets read as that letter stand
        read += [w for w in words if w["text"] in BULLET_LETTERS and not any(w is b for b in read)
                 and _in_bullets_column(w, words, read, s)]
        for w in read:
            w["text"] = BULLET
        p["words"] = words
        p["scanned"] = True  # its own skew sets its columns (`TableScanner.add_page`)
    body = body_size([w for p in pages if p["page"] in todo for w in p["words"]], s)
    wide = width_size([w for p in pages if p["page"] in todo for w in p["words"]])
    for p in pages:
        if p["page"] in todo:
            written = [w for w in p["words"] if w.pop("written", False)]
            if body:
                em_boxes(p["words"], body, s, wide, written)
                p["words"] = between_written(p["words"], written, s)
    for p in pages:  # after the boxes are sized, which the words as read size (a line's width per em)
        if p["page"] in todo:
            p["words"] = respace(p["words"], s)
    if body:
        sequence_refs(pages, todo, s, body)
    return pages


def tilt(words: list[dict], s: OcrSettings) -> float:
    """How much a page's lines still slope after deskewing, in points down per point across (0 where they are
    level or too few words show it): the middle slope between the centres of neighbouring words of a line, each
    pair's right word starting within `tilt_gap` of the lower one's height after the left one ends, their boxes'
    middles each within the other's box. OCRmyPDF sets the words of a line Tesseract read sloped along its baseline,
    each in a box of its own; a line it read level in one box, its words' slopes 0: a level layer measures level."""
    order = sorted(words, key=lambda w: w["x0"])
    starts = [w["x0"] for w in order]
    slopes = []
    for a in order:
        mid_a, reach = (a["top"] + a["bottom"]) / 2, a["x1"] + s.tilt_gap * (a["bottom"] - a["top"])
        near = [b for b in order[bisect.bisect_left(starts, a["x1"]):bisect.bisect_right(starts, reach)]
                if b["top"] < mid_a < b["bottom"] and a["top"] < (b["top"] + b["bottom"]) / 2 < a["bottom"]]
        if near:
            b = min(near, key=lambda o: o["x0"])
            slopes.append(((b["top"] + b["bottom"]) / 2 - mid_a) / ((b["x0"] + b["x1"] - a["x0"] - a["x1"]) / 2))
    if len(slopes) < s.tilt_pairs:
        return 0.0
    slope = sorted(slopes)[len(slopes) // 2]
    return slope if abs(slope) >= s.tilt_least else 0.0


def straighten(page: dict, slope: float) -> None:
    """Set a page's words and horizontal rules straight (in place), turned about the page's centre by the `slope`
    its lines keep (`tilt`): a line's words on one level, a column's starts one above another. Askew, a long line's
    far end stood up to a line higher than its start (a banner broken into two lines, a header into three, each
    read as a section), and the words of one box (OCRmyPDF's: a word, or a line read level) stood as tall as their
    rise across it: each box is moved by its middle and keeps its height less that rise (not a word the second
    look wrote in, boxed level round its ink). The table finder's cells are left as found."""
    cx, cy = page["width"] / 2, page["height"] / 2
    boxes: dict[tuple[float, float], list[dict]] = {}
    for w in page["words"]:
        boxes.setdefault((w["top"], w["bottom"]), []).append(w)
    for (top, bottom), ws in boxes.items():
        x0, x1 = min(w["x0"] for w in ws), max(w["x1"] for w in ws)
        dy, dx = -slope * ((x0 + x1) / 2 - cx), slope * ((top + bottom) / 2 - cy)
        rise = 0.0 if any(w.get("written") for w in ws) else min(abs(slope) * (x1 - x0), (bottom - top) / 2)
        for w in ws:
            w.update(top=top + dy + rise / 2, bottom=bottom + dy - rise / 2, x0=w["x0"] + dx, x1=w["x1"] + dx)
    page["rules"] = sorted((t - slope * ((a + b) / 2 - cx), a + slope * (t - cy), b + slope * (t - cy))
                           for t, a, b in page.get("rules", ()))


def between_written(words: list[dict], written: list[dict], s: OcrSettings) -> list[dict]:
    """The page's words without those of the first reading that read again the ink of lines the second look wrote in:
    a word standing between two written words, one above it and one below, each across its span, their tops less than
    `squeezed` of its height apart. No line of type fits between two lines set that near; Tesseract read the ink at
    their edges as a line of its own (gen-5527-016: 'eee' between 'reviewed,' and 'including', written in, from the
    comma and the ascenders and i's dots of the two). A word written in is kept, as is one with a word of the first
    reading nearer above or below it (a line the second look did not read again may stand there), or a written word
    on its own line (less than `settled` of its height off it: 'hatM' beside 'uslim', the only reading of 'hat M')."""
    mine = {id(w) for w in written}
    order = sorted(words, key=lambda w: w["top"])
    tops = [w["top"] for w in order]

    def squeezed(w: dict) -> bool:
        if id(w) in mine:
            return False
        mid, reach = (w["top"] + w["bottom"]) / 2, s.squeezed * (w["bottom"] - w["top"])
        near = [o for o in order[bisect.bisect_left(tops, w["top"] - reach):bisect.bisect_right(tops, w["top"] + reach)]
                if o is not w and min(o["x1"], w["x1"]) > max(o["x0"], w["x0"])]  # (the two within reach of its top)
        off = s.settled * (w["bottom"] - w["top"])  # (nearer, a word is on its line: `on_baselines`)
        above = [o for o in near if (o["top"] + o["bottom"]) / 2 <= mid - off]
        below = [o for o in near if (o["top"] + o["bottom"]) / 2 >= mid + off]
        if not above or not below:
            return False
        a, b = max(above, key=lambda o: o["top"]), min(below, key=lambda o: o["top"])
        return id(a) in mine and id(b) in mine and b["top"] - a["top"] < reach
    return [w for w in words if not squeezed(w)] if written else words


def _bulletish(text: str) -> bool:
    """One misread bullet, or two read for one ('e¢', '«|' with the rule gone)."""
    return text in BULLET_LETTERS or len(text) <= 2 and all(c in BULLET_SYMBOLS | BULLET_LETTERS for c in text) and any(
        c in BULLET_SYMBOLS for c in text)


def _is_bullet(w: dict, words: list[dict]) -> bool:
    """Does this one-character word stand where a bullet does, before the words of its line? A symbol
    standing alone before a word is one. A letter must also be set apart from the word after it by more
    than a space and have no word just before it (a bullet opens its line within its cell; the cell to
    its left ends at least a column gap away)."""
    h = max(w["bottom"] - w["top"], 1.0)
    same = [o for o in words if o is not w and abs(o["top"] - w["top"]) < 0.5 * h]
    after = [o["x0"] - w["x1"] for o in same if o["x0"] >= w["x1"] - 0.5]
    if not after:
        return False
    if w["text"] in BULLET_LETTERS:
        return min(after) >= 0.35 * h and not any(0 <= w["x0"] - o["x1"] < 0.6 * h for o in same)
    return True


def _in_bullets_column(w: dict, words: list[dict], bullets: list[dict], s: OcrSettings) -> bool:
    """Is this lone letter a bullet OCR read as a letter but set no further from its word than a space (the gap
    `_is_bullet` asks for wobbles with the box's height)? It stands where bullets read as the same letter stand
    (their left within `bullet_column` of its height), opens its line with a word after it, and the line below
    it, if any, begins right of it: an item's hanging lines, not a paragraph's next line under a word 'e'."""
    h = max(w["bottom"] - w["top"], 1.0)
    if not any(b is not w and b["text"] == w["text"] and abs(b["x0"] - w["x0"]) <= s.bullet_column * h
               for b in bullets):
        return False
    same = [o for o in words if o is not w and abs(o["top"] - w["top"]) < 0.5 * h]
    if not any(o["x0"] >= w["x1"] - 0.5 for o in same) or any(0 <= w["x0"] - o["x1"] < 0.6 * h for o in same):
        return False
    below = [o for o in words if 0.5 * h < o["top"] - w["top"] < 2 * h and w["x0"] - h <= o["x0"] <= w["x1"] + 2 * h]
    return not below or min(o["x0"] for o in below) >= w["x1"]


# ---------------------------------------------------------------------------------------------------
# Marking the records

def mark(doc: Document, got: OcrRead) -> Document:
    """Record on the Document which pages were OCR'd and how sure Tesseract was; a recommendation on an
    OCR'd page is marked `ocr` with the lowest confidence of the OCR'd pages its row spans."""
    done = set(got.pages)
    doc.source.ocr = True
    doc.source.ocr_pages = sorted(done)
    doc.source.ocr_confidence = got.mean_confidence()
    for r in doc.recommendations:
        on = [p for p in r.pages if p in done]
        if on:
            r.ocr = True
            confs = [got.confidence.get(p) for p in on if got.confidence.get(p) is not None]
            r.ocr_confidence = min(confs) if confs else None
    return doc
