"""Build the synthetic action-plan corpus: case files in, PDFs and expected records out.

    python corpus/build.py [names...]        # all cases in corpus/cases/ by default

In: `corpus/cases/<name>.json`, each holding a render spec (`render`: family, page orientation, font,
size, column widths, bullet style, rules...), the cover fields a reader sees (`cover`), and the
records as a person reads them (`recommendations`, in the seed gold format, with `section` and the
printed `decision_text`).
Out: `corpus/<name>.pdf` (python-docx, then LibreOffice headless; the .docx lives in a temp dir)
and `corpus/<name>.expected.json` in the seed gold format plus `expected_metadata`.

The expected file claims that each owner/date entry sits beside the response paragraph it belongs
to. Word has no way to say so; the generator pads the owner and date cells (and, when an entry is
taller than its paragraph, the response cell) with blank paragraphs, renders, measures the PDF with
pdfplumber, re-pads, and writes the expected file only when the measured geometry holds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
MAX_ROUNDS = 6

# ---------------------------------------------------------------------------------------------
# Due dates: the rules a reader applies (design notes): last day of the period the text names.

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
NO_DUE = re.compile(r"^(ongoing|complete|completed|immediate(ly)?|n/?a|monthly|quarterly|weekly|annually|"
                    r"complete and ongoing|completed and ongoing|in place|not applicable)\b", re.I)

UNDATED = re.compile(r"^(tbc|tba|to be confirmed|to be agreed)$", re.I)
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def due_date(text: str, submitted: dt.date) -> str | None:
    """ISO last day of the period `text` names, or None; raises ValueError on a form it does not know."""
    t = re.sub(r"\s*\(.*?\)\s*$", "", text.strip())          # "August 2021 (review of processes)"
    if NO_DUE.match(t):
        return None
    low = t.lower()
    m = re.search(r"q([1-4])\s*(\d{4})\s*/\s*(\d{2,4})", low)
    if m:                                                      # UK financial year: Q1 = Apr-Jun
        q, y = int(m[1]), int(m[2])
        month, year = [(6, y), (9, y), (12, y), (3, y + 1)][q - 1]
        return _month_end(year, month).isoformat()
    m = re.fullmatch(r"(?:end of )?(\d{4})\s*/\s*(\d{2,4})", low)
    if m:
        return dt.date(int(m[1]) + 1, 3, 31).isoformat()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", low)
    if m:
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return dt.date(y, int(m[2]), int(m[1])).isoformat()
    m = re.fullmatch(r"(?:by )?(\d{1,2})\s*(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})", low)
    if m and m[2] in MONTHS:
        return dt.date(int(m[3]), MONTHS[m[2]], int(m[1])).isoformat()
    m = re.fullmatch(r"(?:by |end of |end )?([a-z]+)[\s\-]+(\d{4}|\d{2})", low)
    if m and m[1] in MONTHS:
        y = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
        return _month_end(y, MONTHS[m[1]]).isoformat()
    m = re.fullmatch(r"(?:by )?(?:the )?end of ([a-z]+)", low)
    if m and m[1] in MONTHS:                                   # relative: next such month on/after submission
        mo = MONTHS[m[1]]
        y = submitted.year if mo >= submitted.month else submitted.year + 1
        return _month_end(y, mo).isoformat()
    if UNDATED.match(t):                                       # "TBC", "To be confirmed"
        return None
    m = re.fullmatch(r"(?:by |end of )?(spring|summer|autumn|winter)\s+(\d{4})(?:\s*/\s*\d{2,4})?", low)
    if m:                                                      # last month of the season; winter runs into Y+1
        season, y = m[1], int(m[2])
        return _month_end(y + (season == "winter"), SEASON_END[season]).isoformat()
    m = re.fullmatch(r"([a-z]+)(?:\s+\d{4})?\s*(?:-|\u2013|to)\s*([a-z]+)\s+(\d{4})", low)
    if m and m[1] in MONTHS and m[2] in MONTHS:                # a range ends with its last month
        return _month_end(int(m[3]), MONTHS[m[2]]).isoformat()
    m = re.fullmatch(r"within (\d+|one|two|three|four|six|nine|twelve) (month|week)s?", low)
    if m:                                                      # counted from the submission date
        k = int(m[1]) if m[1].isdigit() else WORDS[m[1]]
        if m[2] == "week":
            return (submitted + dt.timedelta(weeks=k)).isoformat()
        y, mo = divmod(submitted.month - 1 + k, 12)
        y, mo = submitted.year + y, mo + 1
        return dt.date(y, mo, min(submitted.day, calendar.monthrange(y, mo)[1])).isoformat()
    raise ValueError(f"no due-date rule for {text!r}; give it in the case's due_dates")


# ---------------------------------------------------------------------------------------------
# The table model: rows of cells of paragraphs, with owner/date entries tied to response paragraphs.

@dataclass
class Para:
    text: str                     # as printed, bullet prefix included for typed bullets
    kind: str = "lead"            # lead | typed (bullet typed into the text) | bullet (Word list) | blank
    match: str = ""               # text to find in the PDF (prefix dropped for Word list bullets)


@dataclass
class Entry:
    text: str
    para: int                     # index into the response paragraphs (text paragraphs only)


@dataclass
class Row:
    rec: dict
    resp: list[Para]
    entries: dict[str, list[Entry]]                   # "owner" | "date" -> entries in order
    resp_pad: dict[int, int] = field(default_factory=dict)    # blanks before response para i
    pads: dict[str, list[int]] = field(default_factory=dict)  # blanks before each entry
    lines: dict[str, list[int]] = field(default_factory=dict)  # measured lines of each para/entry


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def bullet_text(style: str, text: str, i: int) -> tuple[str, str]:
    """(printed text, paragraph kind) of the i-th bullet in a list, for a bullet style."""
    if style in ("word", "word-symbol"):
        return text, "bullet"
    prefix = {"dot": "\u2022 ", "dot-tight": "\u2022", "dash": "- ", "roman": f"{ROMAN[i]}) ",
              "number": f"{i + 1}. ", "letter": f"{chr(97 + i)}) ", "roman-paren": f"({ROMAN[i]}) ",
              "none": ""}[style]
    return prefix + text, ("lead" if style == "none" else "typed")


def build_rows(case: dict) -> list[Row]:
    r = case["render"]
    rows = []
    for rec in case["recommendations"]:
        style = rec.get("bullet", r.get("response_bullet", r.get("bullet", "dot")))
        resp: list[Para] = []
        entries: dict[str, list[Entry]] = {"owner": [], "date": []}
        gap = r.get("group_gap", 1)
        for gi, g in enumerate(rec["groups"]):
            if gi and gap:
                resp.extend(Para("", "blank") for _ in range(gap))
            items = []
            if g.get("lead"):
                items.append((g, False))
            items += [(a, True) for a in g["actions"]]
            for bi, (item, is_bullet) in enumerate(items):
                k = bi - (1 if g.get("lead") else 0)
                if is_bullet:
                    printed, kind = bullet_text(style, item["text"], k)
                else:
                    printed, kind = item["lead"], "lead"
                resp.append(Para(printed, kind, printed))
                idx = len(resp) - 1
                if item.get("owner"):
                    entries["owner"].append(Entry(item["owner"], idx))
                if item.get("target_date"):
                    entries["date"].append(Entry(item["target_date"], idx))
        rows.append(Row(rec, resp, entries))
    return rows


def plan_padding(row: Row, gap: int) -> None:
    """Blank paragraphs so each entry starts on its paragraph's first line (line arithmetic).

    Relies on every body paragraph having the same line height (one font size, single spacing, no
    widow control), so line k of every cell in a row lands at the same height, also after a page
    break. The render is measured afterwards; this only proposes.
    """
    n = row.lines.get("resp") or [max(1, len(p.text) // 60 + 1) if p.kind != "blank" else 1
                                   for p in row.resp]
    m = {c: row.lines.get(c) or [max(1, len(e.text) // 25 + 1) for e in row.entries[c]] for c in ("owner", "date")}
    row.resp_pad = {}
    row.pads = {c: [] for c in ("owner", "date")}
    cur = {"owner": 0, "date": 0}
    nxt = {"owner": 0, "date": 0}
    line = 0
    for i in range(len(row.resp)):
        need = line
        for c in cur:
            es = row.entries[c]
            if nxt[c] < len(es) and es[nxt[c]].para == i:
                need = max(need, cur[c] + (gap if nxt[c] else 0))
        if need > line:
            row.resp_pad[i] = need - line
            line = need
        for c in cur:
            es = row.entries[c]
            if nxt[c] < len(es) and es[nxt[c]].para == i:
                row.pads[c].append(line - cur[c])
                cur[c] = line + m[c][nxt[c]]
                nxt[c] += 1
        line += n[i]


# ---------------------------------------------------------------------------------------------
# docx helpers

def set_cell_width(cell, cm: float) -> None:
    cell.width = Cm(cm)


def shade(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "nil")
        borders.append(b)
    tblPr.append(borders)


def repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def set_grid(table, widths_cm: list[float]) -> None:
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(w * 567)))
    tblPr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)


def add_field(par, instr: str, bold: bool = True) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    par._p.append(fld)


def add_bullet_numbering(doc, font: str, symbol: bool) -> int:
    """A one-level bullet list in numbering.xml; returns its numId. The glyph is the list label."""
    numbering = doc.part.numbering_part.element
    abs_id, num_id = (91, 91) if symbol else (90, 90)
    glyph, gfont = ("\uf0b7", "Symbol") if symbol else ("\u2022", font)
    a = OxmlElement("w:abstractNum")
    a.set(qn("w:abstractNumId"), str(abs_id))
    mlt = OxmlElement("w:multiLevelType")
    mlt.set(qn("w:val"), "singleLevel")
    a.append(mlt)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", glyph), ("w:lvlJc", "left")):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        lvl.append(e)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "284")
    ind.set(qn("w:hanging"), "284")
    ppr.append(ind)
    lvl.append(ppr)
    rpr = OxmlElement("w:rPr")
    rf = OxmlElement("w:rFonts")
    for k in ("w:ascii", "w:hAnsi", "w:cs"):
        rf.set(qn(k), gfont)
    rf.set(qn("w:hint"), "default")
    rpr.append(rf)
    lvl.append(rpr)
    a.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(a)
    else:
        numbering.append(a)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    an = OxmlElement("w:abstractNumId")
    an.set(qn("w:val"), str(abs_id))
    num.append(an)
    numbering.append(num)
    return num_id


def set_numbering(par, num_id: int) -> None:
    pPr = par._p.get_or_add_pPr()
    numPr = OxmlElement("w:numPr")
    il = OxmlElement("w:ilvl")
    il.set(qn("w:val"), "0")
    ni = OxmlElement("w:numId")
    ni.set(qn("w:val"), str(num_id))
    numPr.append(il)
    numPr.append(ni)
    pPr.insert(0, numPr)


def para(container, text: str = "", bold: bool = False, size: float | None = None, align=None,
         space_after: float = 0, first: bool = False, color: str | None = None):
    p = container.paragraphs[0] if first else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


# ---------------------------------------------------------------------------------------------
# Document rendering per family

DEFINITIONS = [
    ("Agreed", "All of the recommendation is agreed with, can be achieved and is affordable.",
     "The response should clearly explain how the recommendation will be achieved along with timescales. "
     "Actions should be as SMART (Specific, Measurable, Achievable, Realistic and Time-bound) as possible."),
    ("Partly Agreed", "Only part of the recommendation is agreed with, is achievable, affordable and will be "
     "implemented.", "The response must state clearly which part of the recommendation will be implemented "
     "along with SMART actions and tracked for progress."),
    ("Not Agreed", "The recommendation is not agreed and will not be implemented.",
     "The response must clearly state the reasons why we have chosen this option."),
]

INTRO = ("HM Inspectorate of Prisons (HMIP) is an independent inspectorate which provides scrutiny of the "
         "conditions for, and treatment of, prisoners and other detainees. In response to the report HMPPS / MoJ "
         "are required to draft a robust and timely action plan to address the recommendations. The action plan "
         "confirms whether recommendations are agreed, partly agreed or not agreed (see categorisations below). "
         "Where a recommendation is agreed or partly agreed, the action plan provides specific steps and actions "
         "to address these. Action plans are sent to HMIP and published on the HMPPS web-based Prison Finder.")


def labelled(doc, label: str, value: str, colon: bool, size: float) -> None:
    p = para(doc, space_after=4)
    r = p.add_run(label + (": " if colon else " "))
    r.bold = True
    r.font.size = Pt(size)
    if value:
        r2 = p.add_run(value)
        r2.bold = True
        r2.font.size = Pt(size)


def cover(doc, case: dict) -> None:
    r, c = case["render"], case["cover"]
    fam, colon, big = r["family"], r.get("colons", True), r.get("cover_size", 12)
    if fam == "V1":
        para(doc, "ACTION PLAN: HMCIP REPORT", bold=True, size=16, space_after=8)
        para(doc, f"ESTABLISHMENT: {c['establishment']}", bold=True, size=14, space_after=12)
        t = doc.add_table(rows=0, cols=3)
        t.style = "Table Grid"
        rows = [("TIMETABLE", "DATE", "STATUS OF THIS RETURN"),
                ("Date of inspection", c["inspection"], ""),
                ("Date report published", c["published"], ""),
                ("Date action plan submitted", c["submitted"], c.get("status", "Initial response"))]
        for i, vals in enumerate(rows):
            cells = t.add_row().cells
            for cell, v in zip(cells, vals):
                para(cell, v, bold=(i == 0), first=True)
        para(doc, "", space_after=6)
        para(doc, c.get("note", "This action plan sets out the establishment's response to each recommendation "
                                "in the report, the action taken or planned, and who is responsible."),
             space_after=6)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        return
    if fam == "V6":
        para(doc, f"Urgent Notification: {c['establishment']}", bold=True, size=big + 2, space_after=8)
        if c.get("date_line"):                  # the letter's date, as printed under the heading
            para(doc, c["date_line"], space_after=8)
        for line in c["letter"]:
            para(doc, line, space_after=6)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        return
    if c.get("action_plan_line"):
        labelled(doc, "Action Plan", c["action_plan_line"], colon, big + 2)
    labelled(doc, "Action Plan Submitted", c["submitted"], colon, big)
    labelled(doc, c.get("response_label", "A Response to the HMIP Inspection"), c.get("inspection", ""),
             colon, big)
    labelled(doc, "Report Published", c["published"], colon, big)
    para(doc, "")
    if r.get("definitions", True):
        para(doc, "INTRODUCTION", bold=True, space_after=4)
        para(doc, c.get("intro", INTRO), space_after=8)
        t = doc.add_table(rows=0, cols=3)
        t.style = "Table Grid"
        head = t.add_row().cells
        for cell, v in zip(head, ("Term", "Definition", "Additional comment")):
            para(cell, v, bold=True, first=True)
        defs = DEFINITIONS if r["decisions"] == "agreed" else [
            (d.replace("Agreed", "Accepted").replace("Partly", "Partially"), x.replace("agreed", "accepted"),
             y.replace("agreed", "accepted")) for d, x, y in DEFINITIONS]
        for term, dfn, com in defs:
            cells = t.add_row().cells
            for cell, v in zip(cells, (term, dfn, com)):
                para(cell, v, first=True)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def header_footer(doc, case: dict) -> None:
    r, c = case["render"], case["cover"]
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]
    if r["family"] == "V1":
        sec.different_first_page_header_footer = True
        hp.add_run(f"ACTION PLAN - HMCIP REPORT ESTABLISHMENT: {c['establishment']} "
                   f"POSITION AS AT: {c['position']}").bold = True
    if r.get("banner"):
        run = hp.add_run(r["banner"])
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    for ft in ([sec.footer, sec.first_page_footer] if r["family"] == "V1" else [sec.footer]):
        fp = ft.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run("OFFICIAL").bold = True
        fp2 = ft.add_paragraph()
        fp2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if r.get("page_numbers", "plain") == "of":
            fp2.add_run("Page ").bold = True
            add_field(fp2, "PAGE")
            fp2.add_run(" of ").bold = True
            add_field(fp2, "NUMPAGES")
        else:
            add_field(fp2, "PAGE")


def summary_table(doc, case: dict) -> None:
    r = case["render"]
    recs = case["recommendations"]
    labels = {"agreed": [("Agreed", "agreed"), ("Partly Agreed", "partly_agreed"), ("Not Agreed", "not_agreed")],
              "accepted": [("Accepted", "accepted"), ("Rejected", "rejected")],
              "accepted3": [("Accepted", "accepted"), ("Partially Accepted", "partly_accepted"),
                            ("Not Accepted", "not_accepted")]}[r["decisions"]]
    para(doc, "")
    para(doc, r.get("summary_title", "Summary of responses"), bold=True, space_after=4)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, key in labels + [("Total", None)]:
        n = len(recs) if key is None else sum(1 for x in recs if x["decision"] == key)
        cells = t.add_row().cells
        para(cells[0], label, first=True)
        para(cells[1], str(n), first=True)


def header_labels(case: dict) -> list[str]:
    r = case["render"]
    if r.get("headers"):
        return r["headers"]
    fam = r["family"]
    if fam == "V1":
        return ["1. Rec. No.", "2. Recommendation", "3. Accepted/ Rejected", "4. Response Action Taken/Planned",
                "5. Function Responsible/ Policy Lead", "6. Target Date"]
    if fam == "V6":
        return ["Concern / Area", "Action", "Owner", "Date"]
    dec = {"agreed": "Agreed/ Partly Agreed/ Not Agreed", "accepted3": "Accepted/ Partially Accepted/ Not Accepted",
           "accepted": "Accepted/ Rejected"}[r["decisions"]]
    rec = r.get("rec_label", "Recommendation")
    base = ["Rec No", rec, dec, "Response Action Taken/Planned",
            r.get("owner_label", "Responsible Owner"), "Target Date"]
    if r.get("numbered_header", True):
        base = [f"{i}. {b}" for i, b in enumerate(base, 1)]
    return base


def new_document(case: dict):
    """A document with the case's page, styles, header/footer and cover, ready for the plan table.

    Returns (doc, num_ids): num_ids maps the Word-list bullet styles to their numbering ids."""
    r = case["render"]
    doc = Document()
    font, size = r["font"], r["size"]
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    rpr = st.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    for k in ("w:eastAsia", "w:cs"):
        rf.set(qn(k), font)
    pf = st.paragraph_format
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = False
    for name in ("Header", "Footer"):
        doc.styles[name].font.name = font
        doc.styles[name].font.size = Pt(max(8, size - 1))

    sec = doc.sections[0]
    w, h = Cm(21.0), Cm(29.7)
    if r.get("orientation", "landscape") == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    sec.page_width, sec.page_height = w, h
    m = r.get("margins_cm", 1.6)
    sec.left_margin = sec.right_margin = Cm(m)
    sec.top_margin = Cm(r.get("top_margin_cm", 2.2))
    sec.bottom_margin = Cm(r.get("bottom_margin_cm", 2.0))
    sec.header_distance = Cm(0.7)
    sec.footer_distance = Cm(0.5)

    header_footer(doc, case)
    cover(doc, case)
    num_ids = {"word": add_bullet_numbering(doc, font, False), "word-symbol": add_bullet_numbering(doc, font, True)}
    if case["cover"].get("table_title"):
        para(doc, case["cover"]["table_title"], bold=True, size=size + 1, space_after=6)
    return doc, num_ids


def render(case: dict, rows: list[Row], out: Path) -> None:
    r = case["render"]
    doc, num_ids = new_document(case)

    labels = header_labels(case)
    widths = r["widths_cm"]
    ncol = len(widths)
    t = doc.add_table(rows=0, cols=ncol)
    if r.get("borders", True):
        t.style = "Table Grid"
    else:
        no_borders(t)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    set_grid(t, widths)
    hr = t.add_row()
    repeat_header(hr)
    for cell, label, wd in zip(hr.cells, labels, widths):
        set_cell_width(cell, wd)
        if r.get("header_fill"):
            shade(cell, r["header_fill"])
        parts = label.split("\n")
        for i, part in enumerate(parts):
            para(cell, part, bold=True, first=(i == 0))

    col = column_roles(case)
    section = None
    rec_style = r.get("rec_bullet", r.get("bullet", "dot"))
    for row in rows:
        rec = row.rec
        if rec.get("section") and rec["section"] != section and r.get("section_rows", True):
            section = rec["section"]
            sr = t.add_row()
            merged = sr.cells[0].merge(sr.cells[-1])
            if r.get("section_fill"):
                shade(merged, r["section_fill"])
            para(merged, section, bold=True, first=True)
        cells = t.add_row().cells
        for cell, wd in zip(cells, widths):
            set_cell_width(cell, wd)
        # reference and recommendation
        if "ref" in col:
            para(cells[col["ref"]], rec["ref"], first=True, bold=r.get("ref_bold", False))
            rc = cells[col["rec"]]
            first = True
        else:                               # V6: the reference heads the concern cell
            rc = cells[col["rec"]]
            para(rc, rec["ref"], bold=True, first=True)
            first = False
        head, bullets = rec["text"]
        para(rc, head, first=first)
        if bullets:
            para(rc, "")
        for i, b in enumerate(bullets):
            printed, kind = bullet_text(rec.get("rec_bullet", rec_style), b, i)
            p = para(rc, printed)
            style_bullet(p, kind, rec.get("rec_bullet", rec_style), num_ids)
        if "decision" in col:
            para(cells[col["decision"]], rec.get("decision_text") or "", first=True,
                 bold=False)
        # response
        resp_cell = cells[col["resp"]]
        first = True
        rstyle = rec.get("bullet", r.get("response_bullet", r.get("bullet", "dot")))
        for i, p in enumerate(row.resp):
            for _ in range(row.resp_pad.get(i, 0)):
                para(resp_cell, "", first=first)
                first = False
            q = para(resp_cell, p.text if p.kind != "blank" else "", first=first)
            first = False
            style_bullet(q, p.kind, rstyle, num_ids)
        for c in ("owner", "date"):
            cell = cells[col[c]]
            first = True
            for e, pad in zip(row.entries[c], row.pads.get(c, [0] * len(row.entries[c]))):
                for _ in range(pad):
                    para(cell, "", first=first)
                    first = False
                para(cell, e.text, first=first)
                first = False
    if r.get("summary", True) and r["family"] != "V6":
        summary_table(doc, case)
    doc.save(out)


def style_bullet(p, kind: str, style: str, num_ids: dict) -> None:
    if kind == "bullet":
        set_numbering(p, num_ids[style])
    elif kind == "typed" and style != "dot-tight":
        p.paragraph_format.left_indent = Cm(0.45)
        p.paragraph_format.first_line_indent = Cm(-0.45)


def column_roles(case: dict) -> dict[str, int]:
    if case["render"]["family"] == "V6":
        return {"rec": 0, "resp": 1, "owner": 2, "date": 3}
    return {"ref": 0, "rec": 1, "decision": 2, "resp": 3, "owner": 4, "date": 5}


# ---------------------------------------------------------------------------------------------
# LibreOffice

def convert(docxs: list[Path], outdir: Path, profile: Path | None = None, timeout: float = 600) -> None:
    """PDFs of `docxs` in `outdir`, all in one LibreOffice run, with a LibreOffice profile of our own
    (`profile`; a fixed one under the temp dir by default) so no other soffice is disturbed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("Error: LibreOffice (soffice) is needed to regenerate the corpus; install libreoffice-writer.")
    profile = profile or Path(tempfile.gettempdir()) / "actionplans-corpus-lo-profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir), *map(str, docxs)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    for d in docxs:
        if not (outdir / (d.stem + ".pdf")).exists():
            sys.exit(f"Error: LibreOffice did not convert {d.name}")


# ---------------------------------------------------------------------------------------------
# Measuring the PDF

BULLETS = "\u2022\uf0b7\u25cf\u25aa"


def squash(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s" + BULLETS + "]", "", s)


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    text: str


class Column:
    """The non-bold body words of one table column, as lines in reading order over all pages."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.s = ""
        self.starts = []
        for ln in lines:
            self.starts.append(len(self.s))
            self.s += squash(ln.text)
        self.pos = 0

    def find(self, text: str) -> tuple[int, int] | None:
        """First and last line index of `text`, starting at a line start at or after the cursor."""
        needle = squash(text)
        if not needle:
            return None
        at = self.pos
        starts = set(self.starts)
        while True:
            i = self.s.find(needle, at)
            if i < 0:
                return None
            if i in starts:
                break
            at = i + 1
        end = i + len(needle) - 1
        first = self.starts.index(i)
        last = first
        while last + 1 < len(self.starts) and self.starts[last + 1] <= end:
            last += 1
        self.pos = end + 1
        return first, last


def columns_of(pdf_path: Path, case: dict, bold_too: bool = False) -> dict[str, Column]:
    """Table columns from the header row's page on; body words only unless `bold_too`."""
    r = case["render"]
    roles = column_roles(case)
    widths = r["widths_cm"]
    left = r.get("margins_cm", 1.6) / 2.54 * 72
    edges = [left]
    for w in widths:
        edges.append(edges[-1] + w / 2.54 * 72)
    top_m = r.get("top_margin_cm", 2.2) / 2.54 * 72
    bot_m = r.get("bottom_margin_cm", 2.0) / 2.54 * 72
    owner_head = {squash(t) for t in header_labels(case)[roles["owner"]].split()}
    per_col = column_lines(pdf_path, edges, top_m, bot_m, owner_head, bold_too)
    return {role: Column(per_col[i]) for role, i in roles.items()}


def page_words(pdf_path: Path) -> list[tuple[float, list[dict]]]:
    """(page height, words with their font) of every page, read once for several column_lines calls."""
    with pdfplumber.open(pdf_path) as pdf:
        return [(page.height, page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False))
                for page in pdf.pages]


def column_lines(pdf_path: Path | list[tuple[float, list[dict]]], edges: list[float], top_m: float, bot_m: float,
                 head_words: set[str], bold_too: bool = False) -> dict[int, list[Line]]:
    """Lines of each column (between consecutive `edges`, in points) over all pages, from the first page
    whose bold words include every one of `head_words` (the header row) on; words inside the top and
    bottom margins are furniture and are left out, and bold words too unless `bold_too`. `pdf_path` may
    also be the PDF's `page_words`."""
    per_col: dict[int, list[Line]] = {i: [] for i in range(len(edges) - 1)}
    started = False
    pages = page_words(pdf_path) if isinstance(pdf_path, Path | str) else pdf_path
    for pno, (height, words) in enumerate(pages, 1):
        bold = {squash(w["text"]) for w in words if "Bold" in w["fontname"]}
        if not started:                      # the table starts on the first page with its header row
            if not head_words <= bold:
                continue
            started = True
        body = [w for w in words if (bold_too or "Bold" not in w["fontname"])
                and w["top"] >= top_m - 2 and w["bottom"] <= height - bot_m + 2]
        for ci in range(len(edges) - 1):
            lo, hi = edges[ci] - 4, edges[ci + 1] - 4
            ws = sorted((w for w in body if lo <= w["x0"] < hi), key=lambda w: (round(w["top"]), w["x0"]))
            groups: list[list[dict]] = []
            for w in ws:
                if groups and abs(groups[-1][0]["top"] - w["top"]) < 2:
                    groups[-1].append(w)
                else:
                    groups.append([w])
            for g in groups:
                g.sort(key=lambda w: w["x0"])
                per_col[ci].append(Line(pno, g[0]["top"], max(w["bottom"] for w in g),
                                        " ".join(w["text"] for w in g)))
    return per_col


class Mismatch(Exception):
    pass


def _strings(x) -> list[str]:
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [s for v in x.values() for s in _strings(v)]
    if isinstance(x, (list, tuple)):
        return [s for v in x for s in _strings(v)]
    return []


def broken_words(pdf_path: Path, case: dict) -> list[str]:
    """Words LibreOffice split across two lines of a table cell ("Deput" / "y Governor").

    Word wraps at spaces (and after hyphens), never inside a word, so a column too narrow for its
    longest token gives a render no real plan has. A line is flagged when its last word is not a
    word of the case, the next line of the same column starts lower-case, the last word does not
    end in a hyphen, and the two joined make a word of the case.
    """
    texts = _strings(case) + header_labels(case)
    vocab = {t for s in texts for t in s.split()}
    return broken_in({role: col.lines for role, col in columns_of(pdf_path, case, bold_too=True).items()}, vocab)


def broken_in(columns: dict[str, list[Line]], vocab: set[str]) -> list[str]:
    """The broken-word rule of `broken_words` over the lines of named columns, given the words printed."""
    problems = []
    for role, lines in columns.items():
        for a, b in zip(lines, lines[1:]):
            if not a.text or not b.text:
                continue
            last, first = a.text.split()[-1], b.text.split()[0]
            if (first[:1].islower() and not last.endswith(("-", "\u2010", "\u2011"))
                    and last not in vocab and last + first in vocab):
                problems.append(f"{role} column, page {a.page}: {last!r} / {first!r} breaks the word "
                                f"{last + first!r} (widen the column)")
    return problems


def measure(pdf_path: Path, case: dict, rows: list[Row]) -> list[str]:
    """Record measured line counts on the rows; return the geometry problems found (empty: verified)."""
    cols = columns_of(pdf_path, case)
    r = case["render"]
    problems: list[str] = []
    for row in rows:
        ref = row.rec["ref"]
        head, bullets = row.rec["text"]
        style = row.rec.get("rec_bullet", r.get("rec_bullet", r.get("bullet", "dot")))
        printed = [bullet_text(style, b, i)[0] for i, b in enumerate(bullets)]
        for t in [head, *printed]:
            if cols["rec"].find(t) is None:
                raise Mismatch(f"{ref}: recommendation text not found in the PDF: {t[:60]!r}")
        spans: dict[int, tuple[int, int]] = {}
        for i, p in enumerate(row.resp):
            if p.kind == "blank":
                continue
            span = cols["resp"].find(p.match)
            if span is None:
                raise Mismatch(f"{ref}: response paragraph not found in the PDF: {p.match[:60]!r}")
            spans[i] = span
        rl = cols["resp"].lines
        row.lines["resp"] = [1 if p.kind == "blank" else spans[i][1] - spans[i][0] + 1
                             for i, p in enumerate(row.resp)]
        for c in ("owner", "date"):
            counts = []
            for e in row.entries[c]:
                span = cols[c].find(e.text)
                if span is None:
                    raise Mismatch(f"{ref}: {c} entry not found in the PDF: {e.text!r}")
                counts.append(span[1] - span[0] + 1)
                el = cols[c].lines[span[0]]
                a, b = spans[e.para]
                mine = [x for x in rl[a:b + 1] if x.page == el.page]
                ok = bool(mine) and mine[0].top - 1.5 <= el.top <= mine[-1].bottom + 0.5
                if ok:
                    for j, (a2, b2) in spans.items():
                        if j != e.para and any(x.page == el.page and x.top - 1.5 <= el.top <= x.bottom + 0.5
                                               for x in rl[a2:b2 + 1]):
                            ok = False
                if not ok:
                    problems.append(f"{ref}: {c} {e.text!r} (page {el.page}, y {el.top:.1f}) is not beside "
                                    f"its paragraph {row.resp[e.para].match[:40]!r}")
            row.lines[c] = counts
    return problems


# ---------------------------------------------------------------------------------------------
# Expected records

def expected(case: dict) -> dict:
    sub = dt.date.fromisoformat(case["expected_metadata"]["submitted"])
    recs = []
    dates: list[str] = []
    for rec in case["recommendations"]:
        out = {"ref": rec["ref"]}
        if rec.get("section"):
            out["section"] = rec["section"]
        out["text"] = rec["text"]
        out["decision"] = rec["decision"]
        groups = []
        for g in rec["groups"]:
            ng = {"lead": g.get("lead"), "owner": g.get("owner"), "owners": g.get("owners", []),
                  "target_date": g.get("target_date"), "actions": []}
            for a in g["actions"]:
                ng["actions"].append({"text": a["text"], "owner": a.get("owner"), "owners": a.get("owners", []),
                                      "target_date": a.get("target_date")})
            for item in [ng, *ng["actions"]]:
                if item["target_date"]:
                    dates.append(item["target_date"])
            groups.append(ng)
        out["groups"] = groups
        recs.append(out)
    overrides = case.get("due_dates", {})
    due = {d: overrides[d] if d in overrides else due_date(d, sub) for d in dict.fromkeys(dates)}
    return {"id": case["id"], "layout": case["layout_id"], "meta": case["meta"], "recommendations": recs,
            "due_dates": due, "expected_metadata": case["expected_metadata"]}


def check_case(case: dict) -> None:
    """Owners listed where an owner is printed, and vice versa; decisions from the allowed set."""
    allowed = {"agreed", "partly_agreed", "not_agreed", "accepted", "rejected", "partly_accepted", "not_accepted",
               None}
    for rec in case["recommendations"]:
        if rec["decision"] not in allowed:
            raise ValueError(f"{case['id']} {rec['ref']}: decision {rec['decision']!r}")
        for g in rec["groups"]:
            for item in [g, *g["actions"]]:
                if bool(item.get("owner")) != bool(item.get("owners")):
                    raise ValueError(f"{case['id']} {rec['ref']}: owner and owners disagree in {item}")


# ---------------------------------------------------------------------------------------------

def same_render(new: Path, old: Path) -> bool:
    """True when `old` exists and shows the same words in the same places; keeps git quiet when a rebuild
    differs only in the creation date LibreOffice stamps into the file."""
    if not old.exists():
        return False
    with pdfplumber.open(new) as a, pdfplumber.open(old) as b:
        if len(a.pages) != len(b.pages):
            return False
        for pa, pb in zip(a.pages, b.pages):
            wa = [(w["text"], round(w["x0"], 1), round(w["top"], 1)) for w in pa.extract_words()]
            wb = [(w["text"], round(w["x0"], 1), round(w["top"], 1)) for w in pb.extract_words()]
            if wa != wb:
                return False
    return True


def build(names: list[str]) -> None:
    cases = {n: json.loads((CASES / f"{n}.json").read_text(encoding="utf-8")) for n in names}
    state = {}
    for n, case in cases.items():
        check_case(case)
        exp = expected(case)                  # fails early on a date form without a rule
        rows = build_rows(case)
        for row in rows:
            plan_padding(row, case["render"].get("entry_gap", 1))
        state[n] = {"rows": rows, "expected": exp, "problems": ["not rendered"]}
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        tmpd = Path(tmp)
        for rnd in range(1, MAX_ROUNDS + 1):
            todo = [n for n in names if state[n]["problems"]]
            if not todo:
                break
            docxs = []
            for n in todo:
                d = tmpd / f"{n}.docx"
                render(cases[n], state[n]["rows"], d)
                docxs.append(d)
            convert(docxs, tmpd)
            for n in todo:
                pdf = tmpd / f"{n}.pdf"
                try:
                    probs = measure(pdf, cases[n], state[n]["rows"])
                except Mismatch as e:
                    sys.exit(f"Error: {n}: {e}")
                state[n]["problems"] = probs
                with pdfplumber.open(pdf) as p:
                    state[n]["pages"] = len(p.pages)
                print(f"round {rnd}: {n}: {state[n]['pages']} pages, "
                      f"{len(probs)} misplaced entries", file=sys.stderr)
                if probs:
                    for row in state[n]["rows"]:
                        plan_padding(row, cases[n]["render"].get("entry_gap", 1))
                else:
                    broken = broken_words(pdf, cases[n])
                    if broken:                # padding cannot fix this: the case needs wider columns
                        state[n]["broken"] = broken
                        continue
                    if not same_render(pdf, HERE / f"{n}.pdf"):
                        shutil.copy(pdf, HERE / f"{n}.pdf")
                    (HERE / f"{n}.expected.json").write_text(
                        json.dumps(state[n]["expected"], indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        failed = [n for n in names if state[n]["problems"]]
        for n in failed:
            for p in state[n]["problems"][:10]:
                print(f"  {n}: {p}", file=sys.stderr)
        broken = [n for n in names if state[n].get("broken")]
        for n in broken:
            for b in state[n]["broken"][:10]:
                print(f"  {n}: {b}", file=sys.stderr)
        if failed or broken:
            sys.exit("Error: " + "; ".join(
                ([f"geometry not verified for {', '.join(failed)}"] if failed else []) +
                ([f"words broken across lines in {', '.join(broken)}"] if broken else [])) +
                "; nothing written for them.")


def main(argv: list[str]) -> None:
    names = argv or sorted(p.stem for p in CASES.glob("*.json"))
    build(names)


if __name__ == "__main__":
    main(sys.argv[1:])
