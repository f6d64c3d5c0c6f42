"""Debug pictures: what every table stage found, drawn on the page images.

In: a PDF path, optionally the pages to draw (1-based) and an output folder.
Out: one PNG per page (`<stem>-p<N>.png`) with, drawn over the page:

- the columns in force on the page, each labelled with the field it was given (blue lines, top);
- each record's row (green box, its ref at the top left) and each row stitched onto the record above
  (purple dashed box, labelled with why: continued on a new page, merged ref cell);
- section rows (orange box, labelled with the section name);
- the response paragraphs (thin grey boxes), and every owner entry (red) and date entry (magenta) with a
  line to the paragraph it was assigned to; an entry beside no action gets a cross;
- the placement habit chosen for the row (level, one or two lines low, stacked at the top);
- whether the plan is single-spaced or adds space after each paragraph, and how far one press of Enter then moves
  (entries typed low and blank lines are measured in it).

A scanned plan is drawn on its OCR'd copy (read through OCR as extraction reads it), so the words and ruling
lines the stages saw are the ones drawn over; the words a second look read (`ocr.look_again`: ink OCR's page
layout passed over, lines it ran together) are teal dashed boxes labelled "read again", and the words of the
first reading they replace thin teal boxes labelled "lines run together"; words OCR set on another column's line,
set where their own ink is (`ocr.own_baselines`), are teal dashed boxes labelled "own line".

When a plan reads wrong, these show which stage went wrong: a column named wrongly, a section taken
for a record, a row not stitched, an entry sent to the wrong paragraph.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .align import STACKED, choose
from .fetch import sha256_file
from .ocr import OcrSettings
from .pipeline import read_through_ocr, recover
from .settings import DEFAULT, Settings

BLUE, GREEN, PURPLE, ORANGE = (30, 90, 220), (20, 150, 60), (140, 60, 180), (230, 130, 0)
TEAL = (0, 150, 150)
RED, MAGENTA, GREY = (210, 30, 30), (200, 0, 160), (120, 120, 120)


def _label(hypothesis) -> str:
    return "stacked at top" if hypothesis == STACKED else ("level" if hypothesis == 0 else f"{hypothesis} line(s) low")


def draw(path: str | Path, out_dir: str | Path, pages: list[int] | None = None, resolution: int = 110,
         settings: Settings = DEFAULT, ocr_settings: OcrSettings | None = None) -> list[Path]:
    """Draw the stages' findings on each page (all by default); returns the PNG paths written."""
    path, out = Path(path), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _n, read, scanned = read_through_ocr(path, sha256_file(path)[0], ocr_settings=ocr_settings)
    stem = path.stem
    own = {p["page"]: [(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in p["words"] if w.get("own_ink")]
           for p in read}  # as the stages are given them
    if scanned:  # draw on the OCR'd copy: its words and the ruling lines found in the page images
        path = Path(scanned.path)
    rec = recover(read, settings)
    scan = rec.scan
    wanted = set(pages or [p["page"] for p in read])
    written: list[Path] = []
    with pdfplumber.open(path) as pdf:
        for pageno in sorted(wanted):
            if not 1 <= pageno <= len(pdf.pages):
                continue
            page = pdf.pages[pageno - 1]
            width = float(page.width)
            im = page.to_image(resolution=resolution)

            def box(b, colour, text=None, dashed=False, width_px=2, im=im, width=width):
                x0, top, x1, bottom = b[0], b[1], min(b[2], width - 2), b[3]
                if dashed:
                    for y in (top, bottom):
                        for x in range(int(x0), int(x1), 8):
                            im.draw_line([(x, y), (min(x + 4, x1), y)], stroke=colour, stroke_width=width_px)
                    im.draw_line([(x0, top), (x0, bottom)], stroke=colour, stroke_width=width_px)
                else:
                    im.draw_rect((x0, top, x1, bottom), fill=None, stroke=colour, stroke_width=width_px)
                if text:
                    x, y = im._reproject((x0 + 2, top + 1))
                    im.draw.text((x, y), text[:60], fill=colour + (255,))

            cols = scan.page_columns.get(pageno)
            if cols is not None:
                edges = [min(e, width - 2) for e in cols.edges]
                for name, a in zip(cols.fields, edges):
                    im.draw_line([(a, 0), (a, page.height)], stroke=BLUE + (150,), stroke_width=1)
                    x, y = im._reproject((a + 2, 4))
                    im.draw.text((x, y), name, fill=BLUE + (255,))
                x, y = im._reproject((edges[0] + 2, 14))
                sp = rec.spacing
                spaced = (f"; paragraphs {sp.space:.1f} pt apart, Enter {sp.advance:.1f} pt" if sp.space
                          else "; single-spaced")
                centred = "".join(f"; {name} lines centred, judged by width (up to {w:.1f} pt)"
                                  for name, w in rec.centred.items())
                im.draw.text((x, y), f"table read {scan.mode or '?'}{spaced}{centred}", fill=BLUE + (255,))
            for w in scanned.looked.get(pageno, []) if scanned else []:  # what OCR's layout passed over
                box((w["x0"], w["top"], w["x1"], w["bottom"]), TEAL, f"read again: {w['text']}", dashed=True)
            for b in scanned.dropped.get(pageno, []) if scanned else []:  # what it ran together, replaced
                box(b, TEAL, "lines run together", width_px=1)
            for *b, text in own.get(pageno, []):  # set on another column's line by OCR, put where its ink is
                box(b, TEAL, f"own line: {text}", dashed=True)
            for pg, b, name in scan.sections:
                if pg == pageno:
                    box(b, ORANGE, f"section: {name}")
            for pg, b, why in scan.joins:
                if pg == pageno:
                    box(b, PURPLE, f"joined: {why}", dashed=True)
            for cells in rec.cells:
                row = cells.row
                if row.pages[0] == pageno:
                    box(row.bbox, GREEN, f"ref {cells.ref or '?'}")
                for p in cells.response:
                    for pg, top, bottom in p.spans:
                        if pg == pageno:
                            xs = [ln for ln in p.lines if ln.page == pg]
                            box((min(ln.x0 for ln in xs), top, max(ln.x1 for ln in xs), bottom), GREY, width_px=1)
                owner_choice = choose(cells.owner_options, rec.habits[0])
                date_choice = choose(cells.date_options, rec.habits[1])
                for entries, choice, colour in ((cells.owners, owner_choice, RED), (cells.dates, date_choice, MAGENTA)):
                    entries = choice.entries if choice.entries is not None else entries  # as the choice reads them
                    for k, (e, target) in enumerate(zip(entries, choice.targets)):
                        if e.page != pageno:
                            continue
                        first = [ln for ln in e.lines if ln.page == pageno]
                        eb = (min(ln.x0 for ln in first), first[0].top, max(ln.x1 for ln in first), first[-1].bottom)
                        box(eb, colour, f"{'owner' if colour == RED else 'date'} {k + 1}" +
                            (f" ({_label(choice.hypothesis)})" if k == 0 else ""), width_px=1)
                        if target is None:
                            im.draw_line([(eb[0], eb[1]), (eb[2], eb[3])], stroke=colour, stroke_width=2)
                            continue
                        p = cells.response[target]
                        if p.page == pageno:
                            pb = p.bbox()
                            im.draw_line([(eb[0], (eb[1] + eb[3]) / 2), (pb[2], (pb[1] + pb[3]) / 2)],
                                         stroke=colour, stroke_width=2)
            target_path = out / f"{stem}-p{pageno}.png"
            im.save(target_path)
            written.append(target_path)
    return written
